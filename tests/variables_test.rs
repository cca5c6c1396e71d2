//! The names SOPS's editor counts in a string (`${...}` read as Mako reads it), against the
//! answers of Mako 1.3.12 itself: `tests/fixtures/refs/mako_names.json`, made by
//! `tests/parity/mako_names.py` from the spec's examples and every scanned string of the
//! real-world corpus (the parity suite checks that the file is what Mako says today).
#![allow(clippy::disallowed_methods)] // tests sort freely; the rule is for the shipped core

use pipeline_tree::json::{self, Value};
use pipeline_tree::variables::mako::{names, Pattern};

#[test]
fn names_agree_with_mako() {
    let text = std::fs::read_to_string(testkit::fixture("refs/mako_names.json")).unwrap();
    let v = json::parse(&text, &Default::default()).unwrap();
    let cases = v
        .as_object()
        .and_then(|o| o.get("cases"))
        .and_then(Value::as_array)
        .unwrap();
    assert!(cases.len() > 100, "the corpus gives the cases");
    let mut wrong = Vec::new();
    for case in cases {
        let o = case.as_object().unwrap();
        let s = o.get("string").and_then(Value::as_str).unwrap();
        let mut want: Vec<&str> = o
            .get("names")
            .and_then(Value::as_array)
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let mut got = names(s, Pattern::Editor);
        want.sort_unstable();
        got.sort_unstable();
        if got != want {
            wrong.push(format!("{s:?}: Mako {want:?}, ours {got:?}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {}:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}
