//! `cargo fuzz run layout`: the properties of `testkit::robust::layout` on arbitrary bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| testkit::robust::layout(data));
