//! `cargo fuzz run payloads`: the properties of `testkit::robust::payloads` on arbitrary bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| testkit::robust::payloads(data));
