//! `cargo fuzz run parse`: the properties of `pipeline_tree::robust::parse` on arbitrary bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pipeline_tree::robust::parse(data));
