//! `cargo fuzz run layout`: the properties of `pipeline_tree::robust::layout` on arbitrary bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pipeline_tree::robust::layout(data));
