//! Browser tests (headless Chromium via `wasm-pack test --headless --chrome crates/wasm --test web`):
//! the JS API over the same fixtures as the native tests.
#![cfg(target_arch = "wasm32")]

use js_sys::{Reflect, Uint8Array, JSON};
use pipeline_tree_wasm::{format, parse};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

macro_rules! fixtures {
    ($dir:literal: $($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../../../tests/fixtures/", $dir, "/", $name, ".json")).as_slice(),
             include_str!(concat!("../../../tests/fixtures/", $dir, "/", $name, ".expected")))),*]
    };
}

const TREES: &[(&str, &str)] = &[
    (
        "seed_create_task",
        include_str!("../../../tests/fixtures/trees/seed_create_task.json"),
    ),
    (
        "every_node_type",
        include_str!("../../../tests/fixtures/trees/every_node_type.json"),
    ),
    (
        "legacy_compact",
        include_str!("../../../tests/fixtures/trees/legacy_compact.json"),
    ),
    (
        "python_ascii",
        include_str!("../../../tests/fixtures/trees/python_ascii.json"),
    ),
    (
        "seed_tab",
        include_str!("../../../tests/fixtures/trees/seed_tab.json"),
    ),
];

const MALFORMED: &[(&str, &[u8], &str)] = fixtures!("malformed":
    "bad_escape", "control_character", "deep_10000", "duplicate_field", "duplicate_node_key", "empty",
    "empty_object", "infinity", "leading_zero", "lone_surrogate", "nan", "no_sections", "not_json",
    "not_utf8", "only_variables", "root_array", "root_string", "trailing_characters",
    "trailing_comma", "unterminated_string",
);

fn prop(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

/// Misuse errors: an `OptionsError` (a plain `Error` of that name until the package entry
/// registers its classes, as here) with code `invalid-argument`.
trait OptionsErrorExt {
    fn is_options_error(&self) -> bool;
}

impl OptionsErrorExt for JsValue {
    fn is_options_error(&self) -> bool {
        self.is_instance_of::<js_sys::Error>()
            && prop(self, "name").as_string().as_deref() == Some("OptionsError")
            && prop(self, "code").as_string().as_deref() == Some("invalid-argument")
    }
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
        .is_options_error());
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
        assert_eq!(String::from(err.name()), "ParseError");
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
        .is_options_error());
    let err = format(js_sys::Array::new().into(), none()).unwrap_err();
    assert_eq!(
        prop(&err, "code").as_string().as_deref(),
        Some("not-a-tree")
    );
    let obj = JSON::parse(r#"{"name": "x"}"#).unwrap();
    let err = format(obj, none()).unwrap_err();
    assert_eq!(
        prop(&err, "code").as_string().as_deref(),
        Some("not-a-tree")
    );
    // A field of the wrong type is kept as written.
    let obj = JSON::parse(r#"{"activities": {"n1": {"id": 5}}}"#).unwrap();
    assert!(format(obj, none()).is_ok());
    assert!(parse(JsValue::from_f64(3.0), none())
        .unwrap_err()
        .is_options_error());
}

/// Rule fixtures (name, fixture, expected report); the files they refer to are `FIXTURE_FILES`.
const RULE_FIXTURES: &[(&str, &str, &str)] = &[
    (
        "valid",
        include_str!("../../../tests/fixtures/rules/valid.json"),
        include_str!("../../../tests/fixtures/rules/valid.expected"),
    ),
    (
        "GW004",
        include_str!("../../../tests/fixtures/rules/GW004.json"),
        include_str!("../../../tests/fixtures/rules/GW004.expected"),
    ),
    (
        "STREAM001",
        include_str!("../../../tests/fixtures/rules/STREAM001.json"),
        include_str!("../../../tests/fixtures/rules/STREAM001.expected"),
    ),
    (
        "CONN001",
        include_str!("../../../tests/fixtures/rules/CONN001.json"),
        include_str!("../../../tests/fixtures/rules/CONN001.expected"),
    ),
    (
        "GW019",
        include_str!("../../../tests/fixtures/rules/GW019.json"),
        include_str!("../../../tests/fixtures/rules/GW019.expected"),
    ),
    (
        "SUB002_cycle_below",
        include_str!("../../../tests/fixtures/rules/SUB002_cycle_below.json"),
        include_str!("../../../tests/fixtures/rules/SUB002_cycle_below.expected"),
    ),
    (
        "WEB003",
        include_str!("../../../tests/fixtures/rules/WEB003.json"),
        include_str!("../../../tests/fixtures/rules/WEB003.expected"),
    ),
];

/// The files under tests/fixtures/ the fixtures above refer to (`base`, `$ref`).
const FIXTURE_FILES: &[(&str, &str)] = &[
    (
        "rules/trees/base.json",
        include_str!("../../../tests/fixtures/rules/trees/base.json"),
    ),
    (
        "catalogue/templates.json",
        include_str!("../../../tests/fixtures/catalogue/templates.json"),
    ),
];

/// A rule fixture read as the native tests read it: (the tree's text, the options as a JS
/// object, with the catalogue as JSON text: an object is accepted too, as the Node tests pass it).
fn rule_fixture(name: &str, text: &str) -> (String, JsValue) {
    let read = |rel: &str| {
        FIXTURE_FILES
            .iter()
            .find(|(path, _)| *path == rel)
            .map(|(_, text)| (*text).to_owned())
            .ok_or_else(|| format!("{rel} is not in FIXTURE_FILES"))
    };
    let f = testkit::Fixture::parse(name, text, &read).unwrap();
    let mut options = f.options.clone();
    if let Some(catalogue) = options.get("templates").cloned() {
        let text = pipeline_tree::json::to_string(&catalogue, &Default::default());
        options.insert("templates", text.into());
    }
    let options = pipeline_tree::json::to_string(
        &pipeline_tree::json::Value::Object(options),
        &Default::default(),
    );
    (f.tree_text().unwrap(), JSON::parse(&options).unwrap())
}

#[wasm_bindgen_test]
fn validate_reports_every_rule_fixture_as_natively() {
    use pipeline_tree_wasm::validate;
    for (name, text, expected) in RULE_FIXTURES {
        let (tree, options) = rule_fixture(name, text);
        let report = validate(JsValue::from_str(&tree), options).unwrap();
        let codes: Vec<String> = js_sys::Array::from(&prop(&report, "diagnostics"))
            .iter()
            .map(|d| prop(&d, "code").as_string().unwrap())
            .collect();
        let want: Vec<String> = expected
            .lines()
            .filter(|l| l.starts_with("error ") || l.starts_with("warning "))
            .map(|l| l.split_whitespace().nth(1).unwrap().to_owned())
            .collect();
        assert_eq!(codes, want, "{name}");
        let valid = prop(&report, "valid").as_bool().unwrap();
        assert_eq!(valid, expected.starts_with("valid: true"), "{name}");
        let engine_line = expected.lines().nth(1).unwrap();
        let err = prop(&prop(&report, "engine"), "error");
        match engine_line {
            "engine: valid" => assert!(err.is_null(), "{name}"),
            line => {
                let code = prop(&err, "code").as_string().unwrap();
                assert!(
                    line.contains(&format!(" {code} ")),
                    "{name}: {line} vs {code}"
                );
            }
        }
    }
}

#[wasm_bindgen_test]
fn validate_takes_objects_and_writes_converge() {
    use pipeline_tree_wasm::validate;
    let (name, text, _) = RULE_FIXTURES[0];
    let obj = JSON::parse(&rule_fixture(name, text).0).unwrap();
    let o = js_sys::Object::new();
    Reflect::set(&o, &"writeConverge".into(), &true.into()).unwrap();
    let report = validate(obj, o.into()).unwrap();
    let tree = prop(&report, "tree");
    let pg = prop(&prop(&tree, "gateways"), "pg");
    assert_eq!(
        prop(&pg, "converge_gateway_id").as_string().as_deref(),
        Some("cg2")
    );
    let conv = prop(&prop(&report, "engine"), "converge");
    assert_eq!(prop(&conv, "eg").as_string().as_deref(), Some("cg1"));
    // bad options are OptionsErrors, bad input a ParseError
    let bad = js_sys::Object::new();
    Reflect::set(&bad, &"preset".into(), &"nonsense".into()).unwrap();
    let e = validate(JsValue::from_str(text), bad.into()).unwrap_err();
    assert!(e.is_options_error());
    let e = validate(JsValue::from_str("{"), none()).unwrap_err();
    assert_eq!(prop(&e, "name").as_string().as_deref(), Some("ParseError"));
}

#[wasm_bindgen_test]
fn huge_trees_validate_in_the_browser() {
    use pipeline_tree_wasm::validate;
    use testkit::generate::shapes::{chain, nested_parallel};
    for text in [chain(100_000), nested_parallel(10_000)] {
        let report = validate(JsValue::from_str(&text), none()).unwrap();
        let engine = prop(&report, "engine");
        assert!(prop(&engine, "valid").as_bool().unwrap());
        assert!(prop(&report, "valid").as_bool().unwrap());
    }
}

#[wasm_bindgen_test]
fn start_nodes_connections_and_rule_list() {
    use pipeline_tree_wasm::{allowed_start_nodes, can_connect, rule_list, skipped_nodes};
    let (name, text, _) = RULE_FIXTURES[0];
    let tree = rule_fixture(name, text).0;
    let t = || JsValue::from_str(&tree);
    let allowed: Vec<String> = js_sys::Array::from(&allowed_start_nodes(t(), none()).unwrap())
        .iter()
        .map(|v| v.as_string().unwrap())
        .collect();
    assert_eq!(allowed, ["s", "a1", "eg", "a2", "pg"]);
    let skipped = js_sys::Array::from(&skipped_nodes(t(), "a2".into(), none()).unwrap());
    assert_eq!(skipped.length(), 3);
    let e = skipped_nodes(t(), "a4".into(), none()).unwrap_err();
    assert_eq!(prop(&e, "code").as_string().as_deref(), Some("START001"));
    assert!(can_connect(t(), "eg".into(), "a4".into())
        .unwrap()
        .is_null());
    let r = can_connect(t(), "a1".into(), "a4".into()).unwrap();
    assert_eq!(prop(&r, "code").as_string().as_deref(), Some("FE007"));
    let r = can_connect(t(), "e".into(), "a1".into()).unwrap();
    assert_eq!(prop(&r, "code").as_string().as_deref(), Some("FE002"));
    let r = can_connect(t(), "pg".into(), "cg2".into()).unwrap();
    assert_eq!(prop(&r, "code").as_string().as_deref(), Some("FE004"));
    let list = js_sys::Array::from(&rule_list().unwrap());
    assert!(list.length() > 50);
}

/// The editor in the browser: random operations through the JS `Editor` keep the tree in
/// step, a refused one changes nothing, and undoing everything gives back the original text.
#[wasm_bindgen_test]
fn editor_operations_keep_the_tree_in_step_and_undo_exactly() {
    use pipeline_tree_wasm::Editor;
    use testkit::generate::{self, ops::random_op, Params, Rng};
    for seed in 1..=3u64 {
        let text = generate::tree_text(&Params {
            seed,
            nodes: 80,
            ..Params::default()
        });
        let opts = JSON::parse(&format!(r#"{{"seed": {seed}}}"#)).unwrap();
        let mut editor = Editor::new(JsValue::from_str(&text), opts).unwrap();
        assert_eq!(editor.export(JsValue::UNDEFINED).unwrap(), text);
        let mut rng = Rng::new(seed);
        let (mut ok, mut refused) = (0, 0);
        for _ in 0..150 {
            let tree =
                pipeline_tree::Tree::parse(&editor.export(JsValue::UNDEFINED).unwrap()).unwrap();
            let op = random_op(&tree, &mut rng);
            let before = editor.export(JsValue::UNDEFINED).unwrap();
            match editor.apply(JSON::parse(&op).unwrap()) {
                Ok(outcome) => {
                    ok += 1;
                    assert!(prop(&outcome, "delta").is_object());
                    let bad = js_sys::Array::from(&editor.inconsistencies());
                    assert_eq!(bad.length(), 0, "{op}: {:?}", bad.get(0).as_string());
                }
                Err(e) => {
                    refused += 1;
                    let code = prop(&e, "code").as_string().unwrap();
                    assert_ne!(code, "internal", "{op}");
                    assert_eq!(prop(&e, "name").as_string().as_deref(), Some("EditError"));
                    assert_eq!(
                        editor.export(JsValue::UNDEFINED).unwrap(),
                        before,
                        "refused {op} changed the tree"
                    );
                }
            }
        }
        assert!(ok > 30 && refused > 0, "{ok} applied, {refused} refused");
        while editor.can_undo() {
            editor.undo().unwrap();
        }
        assert_eq!(
            editor.export(JsValue::UNDEFINED).unwrap(),
            text,
            "seed {seed}: undo restores the bytes"
        );
    }
}

#[wasm_bindgen_test]
fn payload_builders_and_node_exclusion_in_the_browser() {
    use pipeline_tree_wasm::{build_create_task_payload, exclude_nodes, parse_response};
    let (_, seed) = TREES[0];
    let r = build_create_task_payload(
        JsValue::from_str(seed),
        JSON::parse(r#"{"creator": "创建者"}"#).unwrap(),
    )
    .unwrap();
    assert_eq!(prop(&r, "valid").as_bool(), Some(true));
    assert_eq!(js_sys::Array::from(&prop(&r, "diagnostics")).length(), 0);
    // editor-spec §8.6, parallel gateway, B and C excluded: the tree written by hand.
    let case = JSON::parse(include_str!(
        "../../../tests/fixtures/payload/excl_spec_parallel_bc.json"
    ))
    .unwrap();
    let ids = js_sys::Array::of2(&"B".into(), &"C".into());
    let ex = exclude_nodes(
        JsValue::from_str(include_str!(
            "../../../tests/fixtures/payload/trees/par.json"
        )),
        ids.into(),
    )
    .unwrap();
    assert_eq!(
        String::from(JSON::stringify(&prop(&ex, "tree")).unwrap()),
        String::from(JSON::stringify(&prop(&prop(&case, "expect"), "tree")).unwrap())
    );
    let resp = parse_response(
        "clocked-task".into(),
        JsValue::from_str(r#"{"result": true, "data": {"id": 72, "task_id": null}, "code": 0}"#),
    )
    .unwrap();
    assert_eq!(
        prop(&prop(&resp, "clocked_task"), "id").as_f64(),
        Some(72.0)
    );
}

/// The hostile inputs give the same outcome in the browser as natively (`hostile_test.rs`), a
/// few inputs per test so that no test keeps the page busy for long.
fn hostile_outcomes(names: &[&str]) {
    const EXPECTED: &str = include_str!("../../../tests/fixtures/hostile/expected.txt");
    for name in names {
        let text = testkit::generate::hostile::text(name).expect("a named input");
        let got = format!("{name}\n{}", testkit::robust::outcome(&text));
        let want = EXPECTED
            .split("== ")
            .find(|section| section.split('\n').next() == Some(name))
            .unwrap_or_else(|| panic!("{name} has no expected outcome"));
        assert_eq!(got, want);
    }
}

#[wasm_bindgen_test]
fn hostile_inputs_deep_and_huge() {
    hostile_outcomes(&testkit::generate::hostile::NAMES[..4]);
}

#[wasm_bindgen_test]
fn hostile_inputs_wide() {
    hostile_outcomes(&testkit::generate::hostile::NAMES[4..8]);
}

#[wasm_bindgen_test]
fn hostile_inputs_small() {
    let names = testkit::generate::hostile::NAMES;
    hostile_outcomes(&names[8..]);
    // Every input is covered, and nothing else is expected.
    const EXPECTED: &str = include_str!("../../../tests/fixtures/hostile/expected.txt");
    assert_eq!(EXPECTED.matches("== ").count(), names.len());
}

/// The deepest nesting any limit allows is read, written, cloned, compared and dropped within
/// the wasm stack; deeper is refused even when the caller raises the limit.
#[wasm_bindgen_test]
fn the_depth_ceiling_fits_the_wasm_stack() {
    use pipeline_tree::json::{self, Format, Limits};
    let depth = Limits::DEPTH_CEILING;
    let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let limits = Limits {
        max_depth: usize::MAX,
        ..Limits::default()
    };
    let v = json::parse(&text, &limits).expect("the ceiling itself reads");
    assert_eq!(json::to_string(&v, &Format::compact()), text);
    let copy = v.clone();
    assert!(copy == v);
    drop(copy);
    drop(v);
    let deeper = format!("[{text}]");
    let e = json::parse(&deeper, &limits).unwrap_err();
    assert_eq!(e.code().as_str(), "too-deep");
    // through the JS API too, with the limit raised past the ceiling
    let opts = JSON::parse(r#"{"maxDepth": 1000000}"#).unwrap();
    let err = parse(JsValue::from_str(&format!("{{\"a\":{deeper}}}")), opts).unwrap_err();
    assert_eq!(
        Reflect::get(&err, &"code".into())
            .unwrap()
            .as_string()
            .as_deref(),
        Some("too-deep")
    );
}

/// Wrapped inputs (tests/fixtures/wrapped/inputs/) with the template to choose.
const WRAPPED: &[(&str, &str, Option<&str>)] = &[
    (
        "response",
        include_str!("../../../tests/fixtures/wrapped/inputs/response.json"),
        None,
    ),
    (
        "response_text",
        include_str!("../../../tests/fixtures/wrapped/inputs/response_text.json"),
        None,
    ),
    (
        "request_text",
        include_str!("../../../tests/fixtures/wrapped/inputs/request_text.json"),
        None,
    ),
    (
        "export",
        include_str!("../../../tests/fixtures/wrapped/inputs/export.json"),
        Some("13"),
    ),
];

#[wasm_bindgen_test]
fn wrapped_trees_are_found_and_written_back_byte_for_byte() {
    use pipeline_tree_wasm::{find_tree, Editor};
    for (name, text, template) in WRAPPED {
        let options = match template {
            Some(t) => format!(r#"{{"template": "{t}", "seed": 1}}"#),
            None => r#"{"seed": 1}"#.to_owned(),
        };
        let opts = || JSON::parse(&options).unwrap();
        let source = find_tree(JsValue::from_str(text), opts()).unwrap();
        assert_ne!(
            prop(&source, "wrapper").as_string().as_deref(),
            Some("none"),
            "{name}"
        );
        let keep = JSON::parse(&options.replacen('{', r#"{"wrapper": "keep", "#, 1)).unwrap();
        assert_eq!(
            format(JsValue::from_str(text), keep.clone()).unwrap(),
            *text,
            "{name}"
        );
        let mut editor = Editor::new(JsValue::from_str(text), opts()).unwrap();
        let same = JSON::stringify(&editor.source().unwrap()).unwrap();
        assert_eq!(same, JSON::stringify(&source).unwrap(), "{name}");
        assert_eq!(editor.export(keep.clone()).unwrap(), *text, "{name}");
        let op = JSON::parse(r#"{"op": "move", "nodes": [{"id": "a1", "x": 300, "y": 200}]}"#);
        editor.apply(op.unwrap()).unwrap();
        let edited = editor.export(keep.clone()).unwrap();
        assert_ne!(edited, *text, "{name}");
        let tree = parse(JsValue::from_str(&edited), opts()).unwrap();
        let moved = JSON::stringify(&tree).unwrap().as_string().unwrap();
        assert!(moved.contains(r#""x":300"#), "{name}: {moved}");
        editor.undo().unwrap();
        assert_eq!(editor.export(keep).unwrap(), *text, "{name}");
    }
    let no_tree = include_str!("../../../tests/fixtures/wrapped/inputs/response_no_tree.json");
    let err = parse(JsValue::from_str(no_tree), none()).unwrap_err();
    assert_eq!(
        prop(&err, "code").as_string().as_deref(),
        Some("not-a-tree")
    );
    assert!(prop(&err, "message_zh").as_string().is_some());
}
