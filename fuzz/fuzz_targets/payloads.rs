//! `cargo fuzz run payloads`: the properties of `pipeline_tree::robust::payloads` on arbitrary bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pipeline_tree::robust::payloads(data));
