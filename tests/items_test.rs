//! Single items: `Document::get` on every kind, and the items an outcome carries (the `items`
//! option). Property: on random operation sequences, undo and redo, every item is the item the
//! whole tree holds at its place, and applying an outcome's items to a copy of the tree before
//! it gives the tree after it, byte for byte (key order and array positions included), which
//! is what the editor page does instead of reading the tree back.

#![allow(clippy::disallowed_methods)] // tests sort freely; the rule is for the shipped core

use pipeline_tree::edit::{Document, EditorOptions, ItemKind, Op};
use pipeline_tree::json::{self, Limits, Object, Value};
use testkit::generate::{self, ops::random_op, Params, Rng};

const TREE: &str = r#"{
  "activities": {"a1": {"id": "a1", "type": "ServiceActivity", "name": "A", "incoming": ["f1"], "outgoing": "f2"}},
  "gateways": {"g1": {"id": "g1", "type": "ConvergeGateway", "incoming": ["f2"], "outgoing": "f3"}},
  "start_event": {"id": "s", "type": "EmptyStartEvent", "incoming": "", "outgoing": "f1"},
  "end_event": {"id": "e", "type": "EmptyEndEvent", "incoming": ["f3"], "outgoing": ""},
  "flows": {
    "f1": {"id": "f1", "source": "s", "target": "a1", "is_default": false},
    "f2": {"id": "f2", "source": "a1", "target": "g1", "is_default": false},
    "f3": {"id": "f3", "source": "g1", "target": "e", "is_default": false}
  },
  "constants": {"${x}": {"key": "${x}", "name": "x", "index": 0, "value": "1"}},
  "outputs": ["${x}"],
  "line": [
    {"id": "f1", "source": {"id": "s", "arrow": "Right"}, "target": {"id": "a1", "arrow": "Left"}},
    {"id": "f2", "source": {"id": "a1", "arrow": "Right"}, "target": {"id": "g1", "arrow": "Left"}},
    {"id": "f2", "source": {"id": "a1", "arrow": "Top"}, "target": {"id": "g1", "arrow": "Top"}},
    {"id": "f3", "source": {"id": "g1", "arrow": "Right"}, "target": {"id": "e", "arrow": "Left"}}
  ],
  "location": [
    {"id": "s", "type": "startpoint", "x": 0, "y": 0},
    {"id": "a1", "type": "tasknode", "x": 100, "y": 0},
    {"id": "g1", "type": "convergegateway", "x": 300, "y": 0},
    {"id": "e", "type": "endpoint", "x": 400, "y": 0}
  ]
}"#;

fn text(v: Option<&Value>) -> Option<String> {
    v.map(|v| json::to_string(v, &json::Format::compact()))
}

#[test]
fn get_reads_every_kind() {
    let doc = Document::parse(TREE, &Limits::default(), &EditorOptions::default()).expect("parses");
    let get = |kind, id| text(doc.get(kind, id));
    let name = |kind, id| {
        doc.get(kind, id)
            .and_then(|v| v.get("id").or_else(|| v.get("key")))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    for (kind, id) in [
        (ItemKind::Node, "a1"),
        (ItemKind::Node, "g1"),
        (ItemKind::Node, "s"),
        (ItemKind::Node, "e"),
        (ItemKind::Flow, "f2"),
        (ItemKind::Line, "f3"),
        (ItemKind::Location, "g1"),
    ] {
        assert_eq!(name(kind, id).as_deref(), Some(id), "{kind:?} {id}");
    }
    assert_eq!(name(ItemKind::Constant, "${x}").as_deref(), Some("${x}"));
    assert_eq!(
        get(ItemKind::Node, "a1").as_deref(),
        Some(
            r#"{"id":"a1","type":"ServiceActivity","name":"A","incoming":["f1"],"outgoing":"f2"}"#
        )
    );
    // the first line item with the id
    assert_eq!(
        get(ItemKind::Line, "f2").as_deref(),
        Some(
            r#"{"id":"f2","source":{"id":"a1","arrow":"Right"},"target":{"id":"g1","arrow":"Left"}}"#
        )
    );
    assert_eq!(
        get(ItemKind::Key, "outputs").as_deref(),
        Some(r#"["${x}"]"#)
    );
    // a flow's id is no node, a node's no flow; an absent key is None
    for (kind, id) in [
        (ItemKind::Node, "f1"),
        (ItemKind::Flow, "a1"),
        (ItemKind::Line, "a1"),
        (ItemKind::Location, "f1"),
        (ItemKind::Constant, "x"),
        (ItemKind::Key, "nope"),
        (ItemKind::Node, ""),
    ] {
        assert_eq!(get(kind, id), None, "{kind:?} {id}");
    }
    for name in pipeline_tree::edit::ITEM_KINDS {
        assert!(ItemKind::from_name(name).is_some());
    }
    assert_eq!(ItemKind::from_name("activity"), None);
}

use testkit::items::{fields, item_id, patch};

/// Each present item is what the tree holds at its place, and what `get` reads.
fn check_items(doc: &Document, items: &[Value], what: &str) {
    let root = doc.tree().root();
    for item in items {
        let (part, id, at, value) = fields(item);
        let Some(value) = value else {
            if part == "tree" {
                assert!(root.get(id).is_none(), "{what}: {id} said gone");
            }
            continue;
        };
        let at = at.expect("a present item has a position");
        let held = match part {
            "tree" => root.iter().nth(at).map(|(k, v)| (k == id).then_some(v)),
            "line" | "location" => root.get(part).and_then(|a| a.as_array()).map(|a| {
                let v = &a[at];
                (item_id(v) == Some(id)).then_some(v)
            }),
            _ => root.get(part).and_then(Value::as_object).map(|o| {
                let (k, v) = o.iter().nth(at).expect("position in the section");
                (k == id).then_some(v)
            }),
        };
        assert_eq!(held.flatten(), Some(value), "{what}: {part} {id} at {at}");
        let kind = match part {
            "activities" => Some(ItemKind::Node),
            "flows" => Some(ItemKind::Flow),
            "constants" => Some(ItemKind::Constant),
            "tree" => Some(ItemKind::Key),
            _ => None,
        };
        if let Some(kind) = kind {
            assert_eq!(doc.get(kind, id), Some(value), "{what}: get {part} {id}");
        }
        if part == "line" || part == "location" {
            let kind = if part == "line" {
                ItemKind::Line
            } else {
                ItemKind::Location
            };
            let first = root
                .get(part)
                .and_then(Value::as_array)
                .and_then(|a| a.iter().find(|v| item_id(v) == Some(id)));
            assert_eq!(doc.get(kind, id), first, "{what}: get {part} {id}");
        }
    }
}

fn outcome_items(outcome: &pipeline_tree::edit::Outcome) -> Vec<Value> {
    let json = outcome.to_json();
    json.get("items")
        .and_then(Value::as_array)
        .expect("items with the option")
        .to_vec()
}

fn root_of(doc: &Document) -> Object {
    doc.tree().root().clone()
}

fn follow(
    doc: &Document,
    mirror: &mut Object,
    outcome: &pipeline_tree::edit::Outcome,
    what: &str,
    seen: &mut Vec<String>,
) {
    let items = outcome_items(outcome);
    for item in &items {
        let (part, id, _, value) = fields(item);
        let tag = match (part, value) {
            ("tree", _) => format!("tree {id}"),
            (_, None) => format!("{part} gone"),
            _ => part.to_owned(),
        };
        if !seen.contains(&tag) {
            seen.push(tag);
        }
    }
    check_items(doc, &items, what);
    patch(mirror, &items);
    if *mirror != *doc.tree().root() {
        let want = json::to_string(&Value::Object(root_of(doc)), &json::Format::compact());
        let got = json::to_string(&Value::Object(mirror.clone()), &json::Format::compact());
        panic!("{what}: the patched mirror differs from the tree\n{got}\n{want}");
    }
}

fn run(p: &Params, steps: usize, seen: &mut Vec<String>) {
    let text = generate::tree_text(p);
    let options = EditorOptions {
        seed: p.seed,
        history_limit: usize::MAX,
        items: true,
        ..EditorOptions::default()
    };
    let mut doc = Document::parse(&text, &Limits::default(), &options).expect("parses");
    let mut rng = Rng::new(p.seed ^ 0x17e5);
    let what = format!("seed {}", p.seed);
    walk(&mut doc, &mut rng, steps, &what, seen);
}

/// `steps` random operations, then undo to the start (the text it opened with) and redo to
/// the end; every outcome's items patch a mirror of the tree into the tree.
fn walk(doc: &mut Document, rng: &mut Rng, steps: usize, what: &str, seen: &mut Vec<String>) {
    let text = doc.text();
    let mut mirror = root_of(doc);
    for step in 0..steps {
        let op_text = random_op(doc.tree(), rng);
        let op = Op::from_json(&json::parse(&op_text, &Limits::default()).expect("op json"))
            .expect("op parses");
        if let Ok(outcome) = doc.apply(&op) {
            let what = format!("{what} step {step}: {op_text}");
            follow(doc, &mut mirror, &outcome, &what, seen);
        }
    }
    while doc.can_undo() {
        let outcome = doc.undo().expect("undo");
        follow(doc, &mut mirror, &outcome, &format!("{what}: undo"), seen);
    }
    assert!(doc.text() == text, "{what}: undoing everything");
    while doc.can_redo() {
        let outcome = doc.redo().expect("redo");
        follow(doc, &mut mirror, &outcome, &format!("{what}: redo"), seen);
    }
}

#[test]
fn items_patch_a_mirror_into_the_tree() {
    let mut seen = Vec::new();
    for seed in 1..=16 {
        run(
            &Params {
                seed,
                nodes: 30 + (seed as usize % 4) * 20,
                hand_wired: seed % 2 == 0,
                ..Params::default()
            },
            200,
            &mut seen,
        );
    }
    // every kind of item came up: each part, what is gone, keys set whole
    for tag in [
        "activities",
        "gateways",
        "flows",
        "constants",
        "line",
        "location",
        "activities gone",
        "gateways gone",
        "flows gone",
        "constants gone",
        "line gone",
        "location gone",
        "tree line",
        "tree location",
        "tree start_event",
        "tree end_event",
    ] {
        assert!(seen.iter().any(|s| s == tag), "no {tag} item in {seen:?}");
    }
}

/// Trees whose node keys and ids differ, out of step from the start.
#[test]
fn items_on_trees_whose_keys_and_ids_differ() {
    for seed in 40..44 {
        run(
            &Params {
                seed,
                nodes: 50,
                swapped_ids: true,
                ..Params::default()
            },
            200,
            &mut Vec::new(),
        );
    }
}

#[test]
fn outcomes_carry_no_items_without_the_option() {
    let mut doc = Document::new_template(&EditorOptions::default());
    let start = doc
        .tree()
        .start_event()
        .and_then(|n| n.id().map(str::to_owned))
        .expect("start");
    let op = Op::from_json(
        &json::parse(
            &format!(r#"{{"op":"move","nodes":[{{"id":"{start}","x":1,"y":2}}]}}"#),
            &Limits::default(),
        )
        .expect("json"),
    )
    .expect("op");
    let outcome = doc.apply(&op).expect("move");
    assert!(outcome.items.is_none());
    assert!(outcome.to_json().get("items").is_none());
    doc.set_items(true);
    let outcome = doc.undo().expect("undo");
    let items = outcome_items(&outcome);
    assert_eq!(items.len(), 1);
    assert_eq!(fields(&items[0]).0, "location");
}

/// The fixture and corpus trees as people wrote them (drawing items without an id, ids held
/// twice, hostile keys such as `__proto__`): random operations, undo and redo, each outcome's
/// items patching a mirror into the tree.
#[test]
fn items_on_fixture_and_corpus_trees() {
    let mut runs = 0;
    for dir in [
        "trees",
        "hostile",
        "realworld-surprises",
        "../realworld/trees",
    ] {
        let dir = std::path::PathBuf::from(testkit::fixture(dir));
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("fixture directory")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            let options = EditorOptions {
                seed: 9,
                history_limit: usize::MAX,
                items: true,
                ..EditorOptions::default()
            };
            let Ok(mut doc) = Document::parse(&text, &Limits::default(), &options) else {
                continue;
            };
            runs += 1;
            let what = file.display().to_string();
            walk(&mut doc, &mut Rng::new(runs), 40, &what, &mut Vec::new());
        }
    }
    assert!(runs > 150, "only {runs} trees");
}
