//! `cargo fuzz run parse`: the properties of `testkit::robust::parse` on arbitrary bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| testkit::robust::parse(data));
