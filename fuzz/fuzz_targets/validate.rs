//! `cargo fuzz run validate`: the properties of `pipeline_tree::robust::validate` on arbitrary bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pipeline_tree::robust::validate(data));
