//! Auto-layout: SOPS's golden outputs (tests/fixtures/layout, values from the layout
//! reference), and properties of both modes on generated trees, valid or not.
//! (`tests/layout/run.sh` compares `sops` mode with the reference on thousands of trees.)
#![allow(clippy::disallowed_methods)] // tests sort freely; the rule is for the shipped core

mod common;

use pipeline_tree::edit::{inconsistencies, Document, EditorOptions, Op};
use pipeline_tree::json::{self, Value};
use pipeline_tree::layout::{self, Mode, Params};
use pipeline_tree::Tree;
use testkit::generate::{self, parity, Params as GenParams};

fn params_of(v: &Value) -> Params {
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

#[test]
fn sops_mode_gives_the_reference_golden_outputs() {
    let files: Vec<_> = common::fixtures("layout")
        .into_iter()
        .filter(|p| !p.to_string_lossy().ends_with(".expected.json"))
        .collect();
    assert!(files.len() >= 5, "layout fixtures are missing");
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
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
}

fn sizes(p: &Params, t: &str) -> (f64, f64) {
    match t {
        "tasknode" | "subflow" => p.activity_size,
        "startpoint" | "endpoint" => p.event_size,
        _ => p.gateway_size,
    }
}

/// Pairs of node boxes that overlap.
fn overlaps(tree: &Tree, p: &Params) -> usize {
    let mut boxes: Vec<(f64, f64, f64, f64)> = tree
        .locations()
        .map(|l| {
            let (w, h) = sizes(p, l.location_type().unwrap_or(""));
            let (x, y) = (l.x().unwrap(), l.y().unwrap());
            (x, y, x + w, y + h)
        })
        .collect();
    boxes.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap());
    let mut n = 0;
    for i in 0..boxes.len() {
        for b in &boxes[i + 1..] {
            if b.0 >= boxes[i].2 {
                break;
            }
            if boxes[i].1 < b.3 && b.1 < boxes[i].3 {
                n += 1;
            }
        }
    }
    n
}

/// The tree without `location` and `line`, as text.
fn rest(tree: &Tree) -> String {
    let mut root = tree.root().clone();
    root.remove("location");
    root.remove("line");
    json::to_string(&Value::Object(root), &Default::default())
}

fn trees() -> Vec<(String, Tree)> {
    let mut out = Vec::new();
    for seed in 0..40u64 {
        let nodes = 10 + (seed as usize * 37) % 300;
        let text = generate::tree_text(&GenParams {
            nodes,
            seed,
            ..GenParams::default()
        });
        out.push((
            format!("realistic seed {seed}"),
            Tree::parse(&text).unwrap(),
        ));
    }
    for seed in 0..200u64 {
        let v = parity::tree(&parity::Params {
            seed: 7000 + seed,
            size: 10 + (seed as usize % 50),
            mutations: (seed % 4) as usize,
        });
        if let Ok(t) = Tree::from_value(v) {
            out.push((format!("graph seed {seed}"), t));
        }
    }
    out
}

#[test]
fn both_modes_place_every_node_and_draw_every_flow_and_change_nothing_else() {
    for mode in [Mode::Sops, Mode::Layered] {
        let p = Params {
            mode,
            ..Params::default()
        };
        for (name, tree) in trees() {
            let before = rest(&tree);
            let mut laid = tree.clone();
            layout::apply(&mut laid, &p).unwrap();
            assert_eq!(
                rest(&laid),
                before,
                "{name} ({mode:?}): only location and line may change"
            );
            let input = layout::Input::of(&tree);
            let mut placed: Vec<&str> = laid.locations().filter_map(|l| l.id()).collect();
            placed.sort();
            let mut ids = input.ids.clone();
            ids.sort();
            assert_eq!(placed, ids, "{name} ({mode:?}): one location per node");
            assert_eq!(
                laid.lines().count(),
                input.flows.len(),
                "{name} ({mode:?}): one line per drawable flow"
            );
            if input.dangling.is_empty() {
                let problems: Vec<String> = inconsistencies(&laid)
                    .into_iter()
                    .filter(|s| {
                        ["line", "location", "drawn", "placed"]
                            .iter()
                            .any(|w| s.contains(w))
                    })
                    .filter(|s| !s.contains("has type")) // a node of unknown type is drawn as a task
                    .collect();
                assert!(
                    problems.is_empty(),
                    "{name} ({mode:?}): drawing out of step: {problems:?}"
                );
            }
            // the same input gives the same bytes
            let mut again = tree.clone();
            layout::apply(&mut again, &p).unwrap();
            assert_eq!(
                again.to_string(&Default::default()),
                laid.to_string(&Default::default()),
                "{name}: deterministic"
            );
        }
    }
}

#[test]
fn layered_mode_never_overlaps_nodes() {
    for sizes in [Params::default(), Params::sops_canvas(1000.0)] {
        let p = Params {
            mode: Mode::Layered,
            ..sizes
        };
        for (name, tree) in trees() {
            let mut laid = tree.clone();
            layout::apply(&mut laid, &p).unwrap();
            assert_eq!(overlaps(&laid, &p), 0, "{name}: overlapping nodes");
        }
    }
}

#[test]
fn layered_mode_levels_gateways_with_their_converge_gateways() {
    // start -> gateway -> {a, b -> c} -> converge -> end: the gateway and converge share a centre
    let text = std::fs::read_to_string("tests/fixtures/layout/with_gateways.json").unwrap();
    let mut tree = Tree::parse(&text).unwrap();
    let p = Params {
        mode: Mode::Layered,
        ..Params::default()
    };
    layout::apply(&mut tree, &p).unwrap();
    let y = |id: &str| {
        tree.locations()
            .find(|l| l.id() == Some(id))
            .and_then(|l| l.y())
            .unwrap()
    };
    // parallel gateway nd97fe converges at nbb539; exclusive n0244a at nfc24e
    assert_eq!(y("nd97fe"), y("nbb539"));
    assert_eq!(y("n0244a"), y("nfc24e"));
    // and its branches fan out on both sides of it
    assert!(y("n36486") + 27.0 < y("nd97fe") + 17.0 && y("n8ea7e") + 27.0 > y("nd97fe") + 17.0);
}

#[test]
fn keep_placed_moves_no_placed_node() {
    for (name, tree) in trees().into_iter().take(60) {
        let p = Params {
            mode: Mode::Layered,
            ..Params::default()
        };
        let mut doc = Document::new(tree, &EditorOptions::default());
        doc.apply(&Op::Layout(p.clone())).unwrap();
        let before: Vec<(String, f64, f64)> = doc
            .tree()
            .locations()
            .map(|l| (l.id().unwrap().to_owned(), l.x().unwrap(), l.y().unwrap()))
            .collect();
        // a new node on the first flow
        let Some(flow) = doc.tree().flows().next().map(|f| f.key().to_owned()) else {
            continue;
        };
        let op = Op::from_json(
            &json::parse(
                &format!(
                    r#"{{"op":"insertOnFlow","flow":"{flow}","type":"tasknode","x":0,"y":0}}"#
                ),
                &Default::default(),
            )
            .unwrap(),
        )
        .unwrap();
        if doc.apply(&op).is_err() {
            continue;
        }
        let keep = Params {
            keep_placed: true,
            ..p.clone()
        };
        doc.apply(&Op::Layout(keep.clone())).unwrap();
        for (id, x, y) in &before {
            let l = doc.tree().locations().find(|l| l.id() == Some(id)).unwrap();
            assert_eq!(
                (l.x().unwrap(), l.y().unwrap()),
                (*x, *y),
                "{name}: {id} moved"
            );
        }
        assert_eq!(
            overlaps(doc.tree(), &keep),
            0,
            "{name}: the new node overlaps"
        );
    }
}

#[test]
fn bad_parameters_are_refused_with_a_message() {
    let tree = Tree::parse(&generate::tree_text(&GenParams {
        nodes: 10,
        seed: 1,
        ..GenParams::default()
    }))
    .unwrap();
    for (params, want) in [
        (
            Params {
                activity_size: (f64::NAN, 54.0),
                ..Params::default()
            },
            "finite",
        ),
        (
            Params {
                gateway_size: (-1.0, 34.0),
                ..Params::default()
            },
            "negative",
        ),
        (
            Params {
                event_size: (1e9, 1.0),
                ..Params::default()
            },
            "at most",
        ),
    ] {
        let err = layout::layout(&tree, &params).unwrap_err();
        assert!(err.message.contains(want), "{}", err.message);
    }
    for (op, want) in [
        (r#"{"op":"layout","mode":"diagonal"}"#, "'mode'"),
        (r#"{"op":"layout","start":[1]}"#, "'start'"),
        (r#"{"op":"layout","keepPlaced":"yes"}"#, "'keepPlaced'"),
        (r#"{"op":"layout","sizes":"huge"}"#, "'sizes'"),
    ] {
        let err = Op::from_json(&json::parse(op, &Default::default()).unwrap()).unwrap_err();
        assert_eq!(err.code, "invalid-op");
        assert!(err.message.contains(want), "{}", err.message);
    }
}

#[test]
fn an_empty_or_broken_tree_still_lays_out() {
    for text in [
        r#"{}"#,
        r#"{"activities": {}, "gateways": {}, "flows": {}}"#,
        r#"{"start_event": {"id": "s", "type": "EmptyStartEvent", "incoming": "", "outgoing": "f"},
            "flows": {"f": {"id": "f", "source": "s", "target": "missing"}, "g": {"id": "g", "source": "s", "target": "s"}}}"#,
    ] {
        for mode in [Mode::Sops, Mode::Layered] {
            let tree = Tree::parse(text).unwrap();
            let l = layout::layout(
                &tree,
                &Params {
                    mode,
                    ..Params::default()
                },
            )
            .unwrap();
            let locs = l.location.as_array().unwrap().len();
            assert_eq!(locs, tree.start_event().map_or(0, |_| 1), "{text}");
        }
    }
}
