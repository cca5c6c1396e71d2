//! Payload fixtures (tests/fixtures/payload/, built by build_payload.py): each case runs a
//! builder, the node exclusion or the response reader, and must give the diagnostic codes and
//! the values (body, pruned tree, outputs...) written by hand in its `expect`. The whole result
//! is also compared with NAME.expected (`UPDATE_EXPECT=1` rewrites it), so a change of message
//! shows in review. Every payload rule code has a case that raises it.
#![allow(clippy::disallowed_methods)] // tests sort freely; the rule is for the shipped core

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use pipeline_tree::json::{self, Format, Limits, Object, Value};
use pipeline_tree::payload::{self, Api, ResponseKind, RULES};
use pipeline_tree::{Diagnostic, Tree};

fn load(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    json::parse(&text, &Limits::default()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn tree_of(case: &Object) -> Option<Tree> {
    let name = case.get("tree")?.as_str()?;
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("tests/fixtures/payload/trees/{name}.json"));
    let text = std::fs::read_to_string(&path).expect("tree file");
    Some(Tree::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

fn codes(list: &[Diagnostic]) -> Vec<String> {
    let mut v: Vec<String> = list.iter().map(|d| d.code.to_owned()).collect();
    v.sort();
    v
}

fn render(result: &Value, diagnostics: &[Diagnostic]) -> String {
    let mut s = String::new();
    for d in diagnostics {
        s.push_str(&format!(
            "{} {} node={} path={}\n  {}\n  {}\n",
            d.severity,
            d.code,
            d.node_id.as_deref().unwrap_or("-"),
            d.path.as_ref().map_or("-".to_owned(), |p| p.to_string()),
            d.message,
            d.message_zh
        ));
    }
    s.push('\n');
    s.push_str(&json::to_string(result, &Format::default()));
    s
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or(&[])
        .iter()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect()
}

/// Compares the `expect` fields with the result's JSON; returns the codes raised.
fn check(name: &str, expect: &Object, got: &Value, diagnostics: &[Diagnostic]) {
    let want: Vec<String> = strings(expect.get("codes").expect("codes"));
    assert_eq!(
        codes(diagnostics),
        want,
        "{name}: diagnostic codes\n{}",
        render(got, diagnostics)
    );
    for key in [
        "body",
        "tree",
        "outputs",
        "excluded",
        "constants_not_referred",
    ] {
        if let Some(w) = expect.get(key) {
            let g = got.get(key).unwrap_or(&Value::Null);
            assert!(
                g == w,
                "{name}: {key} differs\nwant {}\ngot  {}",
                json::to_string(w, &Format::default()),
                json::to_string(g, &Format::default())
            );
        }
    }
    let valid = got.get("valid").and_then(Value::as_bool);
    let errors = diagnostics
        .iter()
        .any(|d| d.severity == pipeline_tree::Severity::Error);
    assert_eq!(valid, Some(!errors), "{name}: valid is exactly no error");
}

/// Runs one case; returns the snapshot text and the codes it raised.
fn run(path: &Path) -> (String, Vec<String>) {
    let name = path.file_stem().unwrap().to_string_lossy().into_owned();
    let case = load(path);
    let case = case.as_object().expect("case object");
    let api = case.get("api").and_then(Value::as_str).expect("api");
    let expect = case
        .get("expect")
        .and_then(Value::as_object)
        .expect("expect");
    match api {
        "exclude" => {
            let tree = tree_of(case).expect("tree");
            let ids = strings(case.get("ids").expect("ids"));
            let ex = payload::exclude(&tree, &ids);
            let got = ex.to_json();
            check(&name, expect, &got, &ex.diagnostics);
            // The pruned tree is a tree: it writes and reads back the same.
            let text = ex.tree.to_string(&Format::default());
            assert_eq!(
                Tree::parse(&text)
                    .expect("pruned tree reads")
                    .to_string(&Format::default()),
                text
            );
            (render(&got, &ex.diagnostics), codes(&ex.diagnostics))
        }
        "response" => {
            let kind = ResponseKind::parse(case.get("kind").and_then(Value::as_str).expect("kind"))
                .expect("known kind");
            let body = case.get("body").and_then(Value::as_str).expect("body");
            match payload::parse_response(kind, body) {
                Ok(r) => {
                    assert!(
                        expect.get("error").is_none_or(Value::is_null),
                        "{name}: expected an error, read {r:?}"
                    );
                    let got = r.to_json();
                    let record = got
                        .get("task")
                        .or_else(|| got.get("clocked_task"))
                        .cloned()
                        .unwrap_or(Value::Null);
                    for (k, w) in expect
                        .get("response")
                        .and_then(Value::as_object)
                        .expect("response")
                        .iter()
                    {
                        let g = got.get(k).or_else(|| record.get(k)).unwrap_or(&Value::Null);
                        assert!(g == w, "{name}: {k}: want {w:?}, got {g:?}");
                    }
                    (json::to_string(&got, &Format::default()), Vec::new())
                }
                Err(e) => {
                    assert_eq!(
                        Some(e.code),
                        expect.get("error").and_then(Value::as_str),
                        "{name}: {e}"
                    );
                    (format!("{e}\n"), vec![e.code.to_owned()])
                }
            }
        }
        other => {
            let api = Api::parse(other).expect("known api");
            let tree = tree_of(case);
            let input = case.get("input").and_then(Value::as_object).expect("input");
            let built = api.build(tree.as_ref(), input).expect("tree given");
            let got = built.to_json();
            check(&name, expect, &got, &built.diagnostics);
            (render(&got, &built.diagnostics), codes(&built.diagnostics))
        }
    }
}

#[test]
fn every_payload_fixture_gives_its_expected_result() {
    let mut raised = BTreeSet::new();
    let files = common::fixtures("payload");
    assert!(files.len() >= 90, "{} cases", files.len());
    for path in files {
        let (snapshot, codes) = run(&path);
        raised.extend(codes);
        common::expect_file(&path.with_extension("expected"), &snapshot);
    }
    let missing: Vec<&str> = RULES
        .iter()
        .map(|r| r.code)
        .filter(|c| !raised.contains(*c))
        .collect();
    assert!(
        missing.is_empty(),
        "payload rules without a fixture that raises them: {missing:?}"
    );
}

#[test]
fn codes_are_unique_and_documented() {
    let mut seen = BTreeSet::new();
    for r in RULES {
        assert!(seen.insert(r.code), "{} twice", r.code);
        assert!(
            !r.summary.is_empty() && !r.summary_zh.is_empty(),
            "{}",
            r.code
        );
        assert!(payload::lookup(r.code).is_some());
    }
}

#[test]
fn builders_refuse_nothing_and_never_panic_on_odd_input() {
    // Every field with values of every JSON type: diagnostics, never a panic.
    let tree = Tree::parse(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/payload/trees/rich.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let odd = [
        "null",
        "true",
        "0",
        "-1.5",
        "\"\"",
        "\"x\"",
        "[]",
        "[null, 1, \"a\"]",
        "{}",
        "{\"a\": {\"b\": []}}",
    ];
    for api in [Api::CreateTask, Api::MockTask, Api::ClockedTask] {
        for key in api
            .input_keys()
            .iter()
            .chain(["task_parameters", "mock_data"].iter())
        {
            for v in odd {
                let mut input = Object::new();
                input.insert(*key, json::parse(v, &Limits::default()).unwrap());
                let built = api.build(Some(&tree), &input).unwrap();
                let _ = built.to_json();
                let mut nested = Object::new();
                let mut inner = Object::new();
                for k in [
                    "nodes",
                    "outputs",
                    "mock_data_ids",
                    "constants",
                    "template_schemes_id",
                    "exclude_task_nodes_id",
                    "appoint_task_nodes_id",
                ] {
                    inner.insert(k, json::parse(v, &Limits::default()).unwrap());
                }
                nested.insert(*key, Value::Object(inner));
                let _ = api.build(Some(&tree), &nested).unwrap().to_json();
            }
        }
    }
}
