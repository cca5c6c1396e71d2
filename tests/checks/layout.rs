//! SOPS's golden layouts (`layout/X.json` and `X.expected.json`, values from the layout
//! reference).

use std::path::Path;

use pipeline_tree::json::{self, Value};
use pipeline_tree::layout::{self, Params};
use pipeline_tree::Tree;

pub fn params_of(v: &Value) -> Params {
    let mut p = Params::default();
    let o = v.as_object().expect("params object");
    let pair = |k: &str| {
        o.get(k)
            .and_then(Value::as_array)
            .map(|a| (a[0].as_f64().unwrap(), a[1].as_f64().unwrap()))
    };
    if let Some(x) = pair("activity_size") {
        p.activity_size = x;
    }
    if let Some(x) = pair("event_size") {
        p.event_size = x;
    }
    if let Some(x) = pair("gateway_size") {
        p.gateway_size = x;
    }
    if let Some(x) = pair("start") {
        p.start = x;
    }
    if let Some(x) = o.get("canvas_width").and_then(Value::as_f64) {
        p.canvas_width = x;
    }
    p
}

/// `layout/X.json` laid out in `sops` mode gives the places, arrows and midpoints of
/// `X.expected.json` (SOPS's own outputs, with the parameters they were drawn with).
pub fn check(path: &Path) {
    let text = std::fs::read_to_string(path).unwrap();
    let expected_path = path.with_extension("expected.json");
    let expected = json::parse(
        &std::fs::read_to_string(&expected_path).unwrap(),
        &Default::default(),
    )
    .unwrap();
    let mut tree = Tree::parse(&text).unwrap();
    let params = params_of(expected.get("params").unwrap());
    layout::apply(&mut tree, &params).unwrap();
    let name = path.display();
    let locs = expected.get("location").and_then(Value::as_object).unwrap();
    assert_eq!(
        tree.locations().count(),
        locs.len(),
        "{name}: one location per node"
    );
    for loc in tree.locations() {
        let want = locs
            .get(loc.id().unwrap())
            .and_then(Value::as_array)
            .unwrap();
        assert_eq!(
            (loc.x(), loc.y()),
            (want[0].as_f64(), want[1].as_f64()),
            "{name}: place of {}",
            loc.id().unwrap()
        );
    }
    let lines = expected.get("line").and_then(Value::as_object).unwrap();
    assert_eq!(
        tree.lines().count(),
        lines.len(),
        "{name}: one line per flow"
    );
    for line in tree.lines() {
        let o = line.object();
        let id = o.get("id").and_then(Value::as_str).unwrap();
        let want = lines.get(id).and_then(Value::as_array).unwrap();
        let arrow = |end: &str| {
            o.get(end)
                .and_then(|e| e.get("arrow"))
                .and_then(Value::as_str)
                .unwrap()
                .to_owned()
        };
        assert_eq!(
            arrow("source"),
            want[0].as_str().unwrap(),
            "{name}: {id} source arrow"
        );
        assert_eq!(
            arrow("target"),
            want[1].as_str().unwrap(),
            "{name}: {id} target arrow"
        );
        assert_eq!(
            o.get("midpoint").and_then(Value::as_f64),
            want.get(2).and_then(Value::as_f64),
            "{name}: {id} midpoint"
        );
    }
}
