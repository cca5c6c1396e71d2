//! The JSON Patch fixtures apply (`patch/X.json`, a list of cases in the json-patch-tests shape:
//! `comment`, `doc`, `patch`, then `expected` or `error`): each case gives its expected
//! document, key order included, or fails with a message containing `error` and leaves the
//! document as it was. `tests/node/fixture.test.mjs` runs the same cases through the JS reader.

use std::path::Path;

use pipeline_tree::json::{self, Format, Limits, Value};
use testkit::patch;

pub fn check(path: &Path) {
    let text = std::fs::read_to_string(path).expect("read");
    let cases = json::parse(&text, &Limits::default()).expect("JSON");
    let cases = cases.as_array().expect("a list of cases");
    assert!(!cases.is_empty(), "{}: no cases", path.display());
    let show = |v: &Value| json::to_string(v, &Format::compact());
    for case in cases {
        let field = |k: &str| case.get(k);
        let comment = field("comment").and_then(Value::as_str).expect("comment");
        let doc = field("doc").expect("doc");
        let mut got = doc.clone();
        let result = patch::apply(&mut got, field("patch").expect("patch"));
        match (
            field("expected"),
            field("error").and_then(Value::as_str),
            result,
        ) {
            (Some(want), None, Ok(())) => {
                assert!(got == *want, "{comment}: got {}", show(&got))
            }
            (None, Some(why), Err(e)) => {
                assert!(e.to_string().contains(why), "{comment}: {e}");
                assert!(
                    got == *doc,
                    "{comment}: a failed patch changed the document"
                );
            }
            (_, _, result) => panic!("{comment}: {result:?}, document {}", show(&got)),
        }
    }
}
