//! `cargo fuzz run edit`: the properties of `pipeline_tree::robust::edit` on arbitrary bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pipeline_tree::robust::edit(data));
