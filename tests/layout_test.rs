//! Auto-layout: properties of both modes on generated trees, valid or not (SOPS's golden
//! outputs are one test each in `tests/fixtures.rs`).
//! (`tests/layout/run.sh` compares `sops` mode with the reference on thousands of trees.)
#![allow(clippy::disallowed_methods)] // tests sort freely; the rule is for the shipped core

mod common;

use pipeline_tree::edit::{inconsistencies, Document, EditorOptions, Op};
use pipeline_tree::json::{self, Value};
use pipeline_tree::layout::{self, Mode, Params};
use pipeline_tree::Tree;
use testkit::generate::{self, parity, Params as GenParams};

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
            // flows out of the end event, a task with two outgoing flows
            hand_wired: seed % 4 == 3,
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
            let drawing = layout::apply(&mut laid, &p).unwrap();
            assert_eq!(
                drawing.warning, None,
                "{name} ({mode:?}): within the budget"
            );
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
            // (a node whose key and id differ is placed under its key, as SOPS places it, and
            // the in-step check names nodes by id: such a tree is never in step)
            let ids_are_keys = tree
                .activities()
                .chain(tree.gateways())
                .all(|n| n.id() == Some(n.key()));
            if input.dangling.is_empty() && ids_are_keys {
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
    let mut tree = testkit::Fixture::read("tests/fixtures/layout/with_gateways.json")
        .unwrap()
        .tree()
        .expect("a tree")
        .unwrap();
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
        r#"{"flows": {}}"#,
        r#"{"activities": {}, "gateways": {}, "flows": {}}"#,
        r#"{"activities": [], "gateways": null, "flows": 3, "line": {}}"#,
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

/// The digits of a text, in order (the numbers a message gives).
fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

#[test]
fn trees_past_the_work_budget_are_drawn_with_a_warning() {
    use testkit::generate::hostile::worst;
    // parallel blocks nested 3,333 deep, a loop back from each of 5,000 gateways, jumps
    // across a thousand ranks: millions of dummy nodes in full
    for shape in ["nested", "loops", "random"] {
        let tree = Tree::parse(&worst(shape, 10_000).unwrap()).unwrap();
        for mode in [Mode::Sops, Mode::Layered] {
            let p = Params {
                mode,
                ..Params::default()
            };
            let mut laid = tree.clone();
            let drawing = layout::apply(&mut laid, &p).unwrap();
            let w = drawing
                .warning
                .unwrap_or_else(|| panic!("{shape} ({mode:?}): no warning"));
            assert!(w.message.contains("long lines"), "{shape}: {}", w.message);
            assert!(w.message_zh.contains("长连线"), "{shape}: {}", w.message_zh);
            assert_eq!(
                digits(&w.message),
                digits(&w.message_zh),
                "the same numbers"
            );
            let input = layout::Input::of(&tree);
            assert_eq!(laid.locations().count(), input.len(), "{shape}: every node");
            assert_eq!(
                laid.lines().count(),
                input.flows.len(),
                "{shape}: every flow"
            );
            if mode == Mode::Layered {
                assert_eq!(overlaps(&laid, &p), 0, "{shape}: overlapping nodes");
            }
        }
    }
    // a realistic tree of 10,000 nodes is far within it
    let text = generate::tree_text(&GenParams {
        nodes: 10_000,
        seed: 11,
        ..GenParams::default()
    });
    let tree = Tree::parse(&text).unwrap();
    for mode in [Mode::Sops, Mode::Layered] {
        let p = Params {
            mode,
            ..Params::default()
        };
        let l = layout::layout(&tree, &p).unwrap();
        assert_eq!(l.drawing.warning, None, "{mode:?}");
    }
}
