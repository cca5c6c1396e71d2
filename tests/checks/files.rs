//! Tree files: `trees/X.json` round-trips byte for byte; `malformed/X.json` gives the typed
//! error of `X.expected`.

use std::path::Path;

use pipeline_tree::json::{self, Format, Limits};
use pipeline_tree::Tree;

/// `trees/X.json` is written back as the same bytes, and reads back as the same value through
/// every layout.
pub fn round_trip(path: &Path) {
    let bytes = std::fs::read(path).unwrap();
    let text = std::str::from_utf8(&bytes).unwrap();
    let tree = Tree::parse(text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let out = tree.to_string(&Format::detect(text));
    assert!(out == text, "{} does not round-trip", path.display());
    // Any layout reads back to the same value, same key order.
    let original = json::parse(text, &Limits::default()).unwrap();
    for format in [
        Format::compact(),
        Format::default(),
        Format {
            ascii: true,
            ..Format::default()
        },
    ] {
        let again = json::parse(&tree.to_string(&format), &Limits::default()).unwrap();
        assert!(
            again == original,
            "{} changes through {format:?}",
            path.display()
        );
    }
}

/// `malformed/X.json` does not read, and its error is `X.expected`.
pub fn malformed(path: &Path) {
    let bytes = std::fs::read(path).unwrap();
    let err = Tree::parse_bytes(&bytes, &Limits::default())
        .expect_err(&format!("{} should not parse", path.display()));
    crate::common::expect_file(
        &path.with_extension("expected"),
        &crate::common::render_error(&err),
    );
}
