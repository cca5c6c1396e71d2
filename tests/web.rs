//! Browser tests (headless Chromium via `wasm-pack test --headless --chrome -- --test web`):
//! the JS API over the same fixtures as the native tests.
#![cfg(target_arch = "wasm32")]

use js_sys::{Reflect, Uint8Array, JSON};
use pipeline_tree::wasm::{format, parse};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

macro_rules! fixtures {
    ($dir:literal: $($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("fixtures/", $dir, "/", $name, ".json")).as_slice(),
             include_str!(concat!("fixtures/", $dir, "/", $name, ".expected")))),*]
    };
}

const TREES: &[(&str, &str)] = &[
    (
        "seed_create_task",
        include_str!("fixtures/trees/seed_create_task.json"),
    ),
    (
        "every_node_type",
        include_str!("fixtures/trees/every_node_type.json"),
    ),
    (
        "legacy_compact",
        include_str!("fixtures/trees/legacy_compact.json"),
    ),
    (
        "python_ascii",
        include_str!("fixtures/trees/python_ascii.json"),
    ),
    ("seed_tab", include_str!("fixtures/trees/seed_tab.json")),
];

const MALFORMED: &[(&str, &[u8], &str)] = fixtures!("malformed":
    "bad_escape", "control_character", "deep_10000", "duplicate_field", "duplicate_node_key", "empty",
    "id_number", "infinity", "leading_zero", "lone_surrogate", "many_wrong_types", "nan", "not_json",
    "not_utf8", "root_array", "root_string", "sections_wrong_types", "trailing_characters",
    "trailing_comma", "unterminated_string",
);

fn prop(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

fn none() -> JsValue {
    JsValue::UNDEFINED
}

#[wasm_bindgen_test]
fn text_round_trips_byte_for_byte() {
    for (name, text) in TREES {
        let out = format(JsValue::from_str(text), none()).unwrap();
        assert!(&out == text, "{name}");
        let bytes = Uint8Array::from(text.as_bytes());
        assert!(
            &format(bytes.into(), none()).unwrap() == text,
            "{name} as bytes"
        );
    }
}

#[wasm_bindgen_test]
fn parse_gives_an_object_and_format_writes_it_back() {
    let (_, seed) = TREES[0];
    let obj = parse(JsValue::from_str(seed), none()).unwrap();
    assert_eq!(
        prop(&prop(&obj, "start_event"), "type")
            .as_string()
            .as_deref(),
        Some("EmptyStartEvent")
    );
    // JSON.parse gives the same object V8 would.
    let v8 = JSON::parse(seed).unwrap();
    assert_eq!(
        String::from(JSON::stringify(&obj).unwrap()),
        String::from(JSON::stringify(&v8).unwrap())
    );
    // An object is written with the default layout (4 spaces), which is the seed's.
    assert_eq!(format(obj, none()).unwrap(), *seed);
}

#[wasm_bindgen_test]
fn format_options_change_the_layout() {
    let (_, seed) = TREES[0];
    let opts = JSON::parse(r#"{"indent": "compact", "finalNewline": false}"#).unwrap();
    let compact = format(JsValue::from_str(seed), opts).unwrap();
    assert!(!compact.contains('\n'));
    let opts = JSON::parse(r#"{"indent": 4, "finalNewline": true}"#).unwrap();
    assert_eq!(format(JsValue::from_str(&compact), opts).unwrap(), *seed);
    let opts = JSON::parse(r#"{"ascii": true}"#).unwrap();
    assert!(format(JsValue::from_str(seed), opts).unwrap().is_ascii());
    let bad = JSON::parse(r#"{"indent": "wide"}"#).unwrap();
    assert!(format(JsValue::from_str(seed), bad)
        .unwrap_err()
        .is_instance_of::<js_sys::TypeError>());
}

#[wasm_bindgen_test]
fn malformed_inputs_throw_errors_with_message_and_place() {
    for (name, bytes, expected) in MALFORMED {
        let input = Uint8Array::from(*bytes);
        let err = parse(input.into(), none()).expect_err(name);
        let err: js_sys::Error = err
            .dyn_into()
            .unwrap_or_else(|_| panic!("{name}: not an Error"));
        let mut lines = expected.lines();
        assert_eq!(String::from(err.message()), lines.next().unwrap(), "{name}");
        assert_eq!(String::from(err.name()), "PipelineTreeError");
        // `code path line:column message` of the first problem.
        let first: Vec<&str> = lines.next().unwrap().splitn(4, ' ').collect();
        assert_eq!(prop(&err, "code").as_string().unwrap(), first[0], "{name}");
        assert_eq!(prop(&err, "path").as_string().unwrap(), first[1], "{name}");
        let (line, column) = first[2].split_once(':').unwrap();
        assert_eq!(
            prop(&err, "line").as_f64().unwrap().to_string(),
            line,
            "{name}"
        );
        assert_eq!(
            prop(&err, "column").as_f64().unwrap().to_string(),
            column,
            "{name}"
        );
        let problems: js_sys::Array = prop(&err, "problems").dyn_into().unwrap();
        assert_eq!(
            problems.length() as usize,
            expected.lines().count() - 1,
            "{name}"
        );
    }
}

#[wasm_bindgen_test]
fn huge_string_and_limits() {
    let text = format!("{{\"name\": \"{}\"}}", "x".repeat(50 << 20));
    let err = parse(JsValue::from_str(&text), none()).unwrap_err();
    assert_eq!(
        prop(&err, "code").as_string().as_deref(),
        Some("string-too-long")
    );
    assert_eq!(prop(&err, "path").as_string().as_deref(), Some("$.name"));
    let opts = JSON::parse(r#"{"maxDepth": 2}"#).unwrap();
    let err = parse(JsValue::from_str(r#"{"a": [[1]]}"#), opts).unwrap_err();
    assert_eq!(prop(&err, "code").as_string().as_deref(), Some("too-deep"));
}

#[wasm_bindgen_test]
fn objects_that_are_not_trees_are_refused() {
    let cyclic = js_sys::Object::new();
    Reflect::set(&cyclic, &"self".into(), &cyclic).unwrap();
    assert!(format(cyclic.into(), none())
        .unwrap_err()
        .is_instance_of::<js_sys::TypeError>());
    let err = format(js_sys::Array::new().into(), none()).unwrap_err();
    assert_eq!(
        prop(&err, "code").as_string().as_deref(),
        Some("not-a-tree")
    );
    let obj = JSON::parse(r#"{"activities": {"n1": {"id": 5}}}"#).unwrap();
    let err = format(obj, none()).unwrap_err();
    assert_eq!(
        prop(&err, "path").as_string().as_deref(),
        Some("$.activities.n1.id")
    );
    assert!(parse(JsValue::from_f64(3.0), none())
        .unwrap_err()
        .is_instance_of::<js_sys::TypeError>());
}
