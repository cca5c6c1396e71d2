//! SOPS's golden layouts (`layout/X.json`: the layout options and a tree; `X.expected.json`:
//! the parameters SOPS drew with and what it drew, values from the layout reference).

use std::path::Path;

use pipeline_tree::json::{self, Value};
use pipeline_tree::layout::{self, Params};

/// `draw_pipeline`'s parameters as `X.expected.json` records them.
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

/// `layout/X.json` laid out with its options (the parameters SOPS drew with, in `sops` mode)
/// gives the places, arrows and midpoints of `X.expected.json` (SOPS's own outputs).
pub fn check(path: &Path) {
    let fixture = crate::common::load(path);
    let name = path.display();
    let expected_path = path.with_extension("expected.json");
    let expected = json::parse(
        &std::fs::read_to_string(&expected_path).unwrap(),
        &Default::default(),
    )
    .unwrap();
    let mut tree = fixture.tree().expect("a tree").unwrap();
    let params = Params::from_json(&fixture.options).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(
        params,
        params_of(expected.get("params").unwrap()),
        "{name}: the options give the parameters SOPS drew with"
    );
    assert_eq!(params.mode, layout::Mode::Sops, "{name}: SOPS's layout");
    layout::apply(&mut tree, &params).unwrap();
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
