//! The hostile inputs (`generate::hostile`): what every part of the core does with each, as
//! `robust::outcome` describes it, equals `tests/fixtures/hostile/expected.txt` (the browser
//! test `web.rs` checks the same file). `BLESS=1` rewrites the file.

use pipeline_tree::generate::hostile;
use pipeline_tree::robust;

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
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile/expected.txt");
        std::fs::write(path, &all).expect("write");
        return;
    }
    for (want, got) in EXPECTED.split("== ").zip(all.split("== ")) {
        assert_eq!(got, want);
    }
    assert_eq!(all, EXPECTED);
}
