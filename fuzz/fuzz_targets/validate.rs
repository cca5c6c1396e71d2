//! `cargo fuzz run validate`: the properties of `testkit::robust::validate` on arbitrary bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| testkit::robust::validate(data));
