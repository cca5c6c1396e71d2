//! The JSON API (`pipeline_tree::api`, what the JS package calls) on every fixture, as
//! `tests/package/conformance.mjs` runs the package: each result is checked against its
//! declared shape (the API checks its results in debug builds; here again, explicitly), so a
//! field written but not declared, or declared required and not written, fails natively.

mod common;

use pipeline_tree::api::{self, Error, Input};
use pipeline_tree::json::{self, Limits, Value};
use pipeline_tree::payload::Api;
use pipeline_tree::shape::conforms_to;

fn text(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

fn json_of(text: &str) -> Value {
    json::parse(text, &Limits::default()).unwrap()
}

#[track_caller]
fn conforms(v: &Value, declared: &str) {
    if let Err(e) = conforms_to(v, declared) {
        panic!("not a {declared}: {e}");
    }
}

/// `Ok` results are checked; a refusal must be one of the package's errors (always).
fn ok(r: Result<Value, Error>, declared: &str) -> Option<Value> {
    let v = r.ok()?;
    conforms(&v, declared);
    Some(v)
}

#[test]
fn trees_and_rules_through_the_api() {
    let opts = json_of(r#"{"preset": "task", "cycles": "forbid", "writeConverge": true}"#);
    let realworld = common::fixture_dir("../realworld/trees");
    let corpus: Vec<std::path::PathBuf> = std::fs::read_dir(realworld)
        .expect("tests/realworld/trees")
        .map(|e| e.expect("entry").path())
        .collect();
    let files = [common::fixtures("trees"), common::fixtures("rules"), corpus].concat();
    for path in files {
        let input = Input::Text(text(&path));
        let Ok(tree) = api::parse(&input, &Value::Null) else {
            continue;
        };
        conforms(&tree, "PipelineTree");
        ok(api::validate(&input, &Value::Null), "Report").unwrap();
        let report = ok(api::validate(&input, &opts), "Report").unwrap();
        assert!(report.as_object().unwrap().contains_key("tree"));
        let _ = api::allowed_start_nodes(&input, &Value::Null);
        let ids: Vec<&str> = tree
            .as_object()
            .and_then(|t| t.get("activities"))
            .and_then(Value::as_object)
            .map_or_else(Vec::new, |a| a.keys().collect());
        if ids.len() > 1 {
            let r = api::can_connect(&input, ids[0], ids[1]).unwrap();
            if !r.is_null() {
                conforms(&r, "Refusal");
            }
        }
        let parsed = api::read_tree(&input).unwrap();
        let some = Value::Array(ids.iter().take(1).map(|s| Value::from(*s)).collect());
        ok(api::exclude_nodes(&parsed, Some(&some)), "Exclusion").unwrap();
        let input_fields = json_of(r#"{"creator": "admin", "name": "api"}"#);
        let built = api::build_payload(Api::CreateTask, Some(&input), Some(input_fields), 0);
        assert!(built.is_ok(), "{}", path.display());
    }
}

#[test]
fn layouts_through_the_api() {
    let modes = [
        json_of(r#"{"mode": "sops"}"#),
        json_of(r#"{"mode": "layered", "sizes": "editor", "keepPlaced": true}"#),
    ];
    for path in common::fixtures("layout") {
        if path.to_string_lossy().ends_with(".expected.json") {
            continue;
        }
        let fx = testkit::Fixture::read(&path).unwrap();
        let tree = fx.tree.expect("a layout fixture has a tree");
        let input = Input::Text(json::to_string(&tree, &json::Format::compact()));
        for m in &modes {
            ok(api::layout(&input, m), "LayoutResult").unwrap();
        }
    }
}

#[test]
fn editing_through_the_api() {
    for path in common::fixtures("edit") {
        let fx = testkit::Fixture::read(&path).unwrap();
        let tree = fx
            .tree
            .as_ref()
            .map(|t| Input::Object(json::to_string(t, &json::Format::compact())));
        let mut options = fx.options.clone();
        if !options.contains_key("seed") {
            options.insert("seed", Value::from(1));
        }
        options.insert("diagnostics", Value::from(true));
        options.insert("items", Value::from(true));
        let mut ed = api::Editor::open(tree.as_ref(), &Value::Object(options), 1).unwrap();
        // A tree that opens out of step (a malformed part) may stay so; no operation adds to it.
        let initial = ed.inconsistencies();
        for op in fx.ops.as_deref().unwrap_or_default() {
            let _ = ok(ed.apply(op), "Outcome");
        }
        if ed.document().can_undo() {
            ok(ed.undo(), "Outcome").unwrap();
        }
        if ed.document().can_redo() {
            ok(ed.redo(), "Outcome").unwrap();
        }
        let mut kept = ed.diagnostics().unwrap();
        if let Value::Object(o) = &mut kept {
            assert!(o.remove("graphStale").and_then(|v| v.as_bool()).is_some());
        }
        conforms(&kept, "Report");
        ok(ed.refresh_graph(), "DiagnosticDelta").unwrap();
        ok(ed.validate(&Value::Null), "Report").unwrap();
        let added: Vec<String> = ed
            .inconsistencies()
            .into_iter()
            .filter(|b| !initial.contains(b))
            .collect();
        assert!(added.is_empty(), "{}: {added:?}", path.display());
    }
}

#[test]
fn get_through_the_api() {
    let ed = api::Editor::open(None, &Value::Null, 1).unwrap();
    let tree = ed.document().tree();
    let start = tree.start_event().and_then(|n| n.id()).unwrap().to_owned();
    let flow = tree.flows().next().unwrap().key().to_owned();
    for (kind, id) in [
        ("node", start.as_str()),
        ("flow", flow.as_str()),
        ("line", flow.as_str()),
        ("location", start.as_str()),
        ("key", "outputs"),
    ] {
        let v = ed.get(kind, id).unwrap();
        assert!(v.is_some(), "{kind} {id}");
    }
    assert_eq!(ed.get("constant", "${none}").unwrap(), None);
    let e = ed.get("activity", &start).unwrap_err();
    assert_eq!(e.code(), "invalid-argument");
    assert!(e.message().contains("\"node\""), "{}", e.message());
}

#[test]
fn payloads_through_the_api() {
    for path in common::fixtures("payload") {
        let fx = testkit::Fixture::read(&path).unwrap();
        let case = &fx.fields;
        let tree = fx
            .tree
            .as_ref()
            .map(|t| Input::Text(json::to_string(t, &json::Format::compact())));
        match case.get("api").and_then(Value::as_str).unwrap() {
            "response" => {
                let kind = case.get("kind").and_then(Value::as_str).unwrap();
                let body = match case.get("body").unwrap() {
                    Value::String(s) => s.clone(),
                    other => json::to_string(other, &json::Format::compact()),
                };
                let kind = api::response_kind(kind).unwrap();
                let _ = ok(api::parse_response(kind, Some(&body)), "ParsedResponse");
            }
            "exclude" => {
                let tree = api::read_tree(tree.as_ref().unwrap()).unwrap();
                ok(api::exclude_nodes(&tree, case.get("ids")), "Exclusion").unwrap();
            }
            name => {
                let which = Api::parse(name).unwrap();
                let mut input = case.get("input").cloned().unwrap_or(Value::Null);
                if let Value::Object(o) = &mut input {
                    if !o.contains_key("now") {
                        o.insert("now", Value::Null);
                    }
                }
                // The API checks the report and, when valid, the body against their shapes.
                api::build_payload(which, tree.as_ref(), Some(input), 0).unwrap();
            }
        }
    }
}

#[test]
fn lists_and_limits_through_the_api() {
    for r in api::rules().as_array().unwrap() {
        conforms(r, "Rule");
    }
    for r in api::payload_rules().as_array().unwrap() {
        conforms(r, "PayloadRule");
    }
    conforms(&api::get_limits(), "Limits");
    let set = api::set_limits(Some(&json_of(r#"{"maxNodes": 1000}"#))).unwrap();
    conforms(&set, "Limits");
    let refused = api::set_limits(Some(&json_of(r#"{"maxNode": 1000}"#))).unwrap_err();
    assert!(refused.message().contains("maxInputBytes, maxDepth"));
    assert_eq!(refused.class(), "OptionsError");
}

#[test]
fn errors_carry_their_class_code_and_fields() {
    let e = api::parse(&Input::Text("{\"a\": 1, \"a\": 2}".into()), &Value::Null).unwrap_err();
    assert_eq!((e.class(), e.code()), ("ParseError", "duplicate-key"));
    let fields = e.fields();
    assert_eq!(fields.get("path").and_then(Value::as_str), Some("$.a"));
    assert_eq!(fields.get("line").and_then(Value::as_f64), Some(1.0));
    for p in fields.get("problems").and_then(Value::as_array).unwrap() {
        conforms(p, "Problem");
    }
    let bad = json_of(r#"{"preset": "nope"}"#);
    let e = api::validate(&Input::Text("{}".into()), &bad).unwrap_err();
    assert_eq!((e.class(), e.code()), ("OptionsError", "invalid-argument"));
    assert_eq!(
        e.message(),
        "preset must be template, task or engine, not \"nope\""
    );
}
