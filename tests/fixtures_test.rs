//! Reading limits and odd inputs (the tree and malformed fixtures are one test each in
//! `tests/fixtures.rs`).

mod common;

use pipeline_tree::json::Limits;
use pipeline_tree::{ErrorCode, Tree};

#[test]
fn a_50_megabyte_string_is_refused_by_the_string_limit() {
    let text = format!(
        "{{\"name\": \"{}\", \"flows\": {{}}}}",
        "x".repeat(50 << 20)
    );
    let err = Tree::parse(&text).unwrap_err();
    assert_eq!(err.code(), ErrorCode::StringTooLong);
    assert_eq!(err.first().path.to_string(), "$.name");
    let pos = err.first().position.unwrap();
    assert_eq!((pos.line, pos.column), (1, 10));
    // With a higher string limit, the input-size limit refuses it.
    let small = Limits {
        max_input_bytes: 1 << 20,
        ..Limits::default()
    };
    assert_eq!(
        Tree::parse_with(&text, &small).unwrap_err().code(),
        ErrorCode::InputTooLarge
    );
    // And with both raised it reads, and keeps every byte.
    let big = Limits {
        max_input_bytes: 64 << 20,
        max_string_bytes: 64 << 20,
        ..Limits::default()
    };
    let tree = Tree::parse_with(&text, &big).unwrap();
    assert_eq!(tree.name().map(str::len), Some(50 << 20));
}

#[test]
fn depth_limit_is_configurable() {
    let text = format!(
        "{{\"flows\": {{}}, \"x\": {}{}}}",
        "[".repeat(100),
        "]".repeat(100)
    );
    assert!(Tree::parse(&text).is_ok());
    let shallow = Limits {
        max_depth: 50,
        ..Limits::default()
    };
    let err = Tree::parse_with(&text, &shallow).unwrap_err();
    assert_eq!(err.code(), ErrorCode::TooDeep);
    assert_eq!(err.first().path.segments().len(), 50);
}

#[test]
fn byte_order_mark_is_accepted() {
    let tree = Tree::parse("\u{feff}{\"name\": \"x\", \"flows\": {}}").unwrap();
    assert_eq!(tree.name(), Some("x"));
}
