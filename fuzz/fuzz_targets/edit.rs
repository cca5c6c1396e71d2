//! `cargo fuzz run edit`: the properties of `testkit::robust::edit` on arbitrary bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| testkit::robust::edit(data));
