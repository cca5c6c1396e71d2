//! Payload fixtures (`payload/X.json`, built by build_payload.py): each case runs a builder,
//! the node exclusion or the response reader on its tree (`base` and `patch`; none for a case
//! without one) and must give the diagnostic codes and the values (body, pruned tree,
//! outputs...) written by hand in its `expect`; the whole result is also compared with
//! `X.expected`.

use std::path::Path;

use pipeline_tree::json::{self, Format, Object, Value};
use pipeline_tree::payload::{self, Api, ResponseKind};
use pipeline_tree::{Diagnostic, Tree};

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
fn check_expect(name: &str, expect: &Object, got: &Value, diagnostics: &[Diagnostic]) {
    super::zh::check_diagnostics(name, diagnostics);
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
/// Runs the case: its whole result as text, and the codes it raised.
pub fn run(path: &Path) -> (String, Vec<String>) {
    let fixture = crate::common::load(path);
    let name = fixture.name.clone();
    let tree = fixture
        .tree()
        .map(|t| t.unwrap_or_else(|e| panic!("{name}: {e}")));
    let case = &fixture.fields;
    let api = case.get("api").and_then(Value::as_str).expect("api");
    let expect = case
        .get("expect")
        .and_then(Value::as_object)
        .expect("expect");
    match api {
        "exclude" => {
            let tree = tree.expect("tree");
            let ids = strings(case.get("ids").expect("ids"));
            let ex = payload::exclude(&tree, &ids);
            let got = ex.to_json();
            check_expect(&name, expect, &got, &ex.diagnostics);
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
            let input = case.get("input").and_then(Value::as_object).expect("input");
            let built = api.build(tree.as_ref(), input).expect("tree given");
            let got = built.to_json();
            check_expect(&name, expect, &got, &built.diagnostics);
            (render(&got, &built.diagnostics), codes(&built.diagnostics))
        }
    }
}

/// `payload/X.json` gives its expected codes and values, and `X.expected`.
pub fn check(path: &Path) {
    let (snapshot, _) = run(path);
    crate::common::expect_file(&path.with_extension("expected"), &snapshot);
}
