//! The hostile inputs (`generate::hostile`): what every part of the core does with each, as
//! `robust::outcome` describes it, equals `tests/fixtures/hostile/expected.txt` (the browser
//! test `web.rs` checks the same file). `BLESS=1` rewrites the file.

use testkit::generate::hostile;
use testkit::robust;

const EXPECTED: &str = include_str!("fixtures/hostile/expected.txt");

#[test]
fn every_hostile_input_gives_its_expected_outcome() {
    let mut all = String::new();
    for name in hostile::NAMES {
        let text = hostile::text(name).expect("a named input");
        let started = std::time::Instant::now();
        let got = robust::outcome(&text);
        eprintln!("{name}: {} bytes, {:?}", text.len(), started.elapsed());
        all.push_str(&format!("== {name}\n{got}"));
    }
    if std::env::var_os("BLESS").is_some() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/hostile/expected.txt"
        );
        std::fs::write(path, &all).expect("write");
        return;
    }
    for (want, got) in EXPECTED.split("== ").zip(all.split("== ")) {
        assert_eq!(got, want);
    }
    assert_eq!(all, EXPECTED);
}

/// The small hostile inputs are also committed as files (seeds for the fuzzers, inputs for the
/// Node and page tests); they stay what the generator makes.
#[test]
fn committed_hostile_files_are_what_the_generator_makes() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).expect("dir") {
        let path = entry.expect("entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let name = path.file_stem().and_then(|s| s.to_str()).expect("name");
        let want = hostile::text(name).unwrap_or_else(|| panic!("{name} is not a hostile input"));
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            want,
            "{name}"
        );
        n += 1;
    }
    assert!(n >= 20, "only {n} files");
}
