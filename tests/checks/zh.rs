//! Chinese messages: users are Chinese SOPS authors, so every diagnostic and every editor
//! refusal says in `message_zh` what `message` says in English, in Chinese, and neither shows
//! a Python exception's name. Run on every rule fixture, every real tree of the corpus
//! (`tests/realworld/trees/`, under every preset), every edit fixture's refusals and a list
//! of deliberately bad operations.

use std::path::Path;

use pipeline_tree::edit::{Document, EditError, EditorOptions, Op};
use pipeline_tree::json::{self, Limits, Value};
use pipeline_tree::{validate, Diagnostic, Options, Report};

/// Words of Python's tracebacks, which mean nothing to a template's author.
const RAW: [&str; 5] = [
    "KeyError",
    "TypeError",
    "IndexError",
    "ValueError",
    "Traceback",
];

fn has_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// What is wrong with a message pair, if anything.
fn fault(en: &str, zh: &str) -> Option<String> {
    if en.trim().is_empty() {
        return Some("the English message is empty".into());
    }
    if !has_chinese(zh) {
        return Some(format!("message_zh has no Chinese: {zh:?}"));
    }
    for w in RAW {
        if en.contains(w) || zh.contains(w) {
            return Some(format!("{w} reaches the user"));
        }
    }
    None
}

/// Every diagnostic of `report` has a Chinese message without exception names; the engine's
/// diagnostics name in Chinese the node (and the sub-process path) they name in English.
pub fn check_report(name: &str, report: &Report) {
    let engine: Vec<(&str, Option<&str>)> = (report.engine.error.iter())
        .chain(&report.engine.more)
        .map(|e| (e.code, e.node_id.as_deref()))
        .collect();
    check_diagnostics(name, &report.diagnostics);
    for d in &report.diagnostics {
        if engine.contains(&(d.code, d.node_id.as_deref())) {
            same_ids(name, d);
        }
    }
}

/// Every diagnostic has a Chinese message, and none names a Python exception (also run on
/// every payload fixture's diagnostics, by checks/payload.rs).
pub fn check_diagnostics(name: &str, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        if let Some(f) = fault(&d.message, &d.message_zh) {
            panic!(
                "{name}: {} {f}\n  {}\n  {}",
                d.code, d.message, d.message_zh
            );
        }
    }
}

/// Whether `text` has `id` as a word of its own (not inside a longer name).
fn names(text: &str, id: &str) -> bool {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    text.match_indices(id).any(|(i, _)| {
        !word(text[..i].chars().next_back()) && !word(text[i + id.len()..].chars().next())
    })
}

/// The node the engine names, both messages name.
fn same_ids(name: &str, d: &Diagnostic) {
    let Some(id) = d.node_id.as_deref().filter(|id| !id.is_empty()) else {
        return;
    };
    let (en, zh) = (names(&d.message, id), names(&d.message_zh, id));
    assert!(
        en && zh,
        "{name}: {} must name node {id} in both languages\n  {}\n  {}",
        d.code,
        d.message,
        d.message_zh
    );
}

/// A rule fixture's report, under its options.
pub fn rules(path: &Path) {
    let fixture = crate::common::load(path);
    let (tree, opts) = super::rules::tree_and_options(&fixture);
    check_report(&fixture.name, &validate(&tree, &opts));
}

/// A tree of the corpus, under every preset.
pub fn realworld(path: &Path) {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).expect("read");
    let Ok(opened) = pipeline_tree::wrapped::open(&text, &Limits::default(), None) else {
        return; // an export file holding several templates: wrapped.rs reads each
    };
    let tree = opened.tree;
    for preset in ["template", "task", "engine"] {
        let mut options = Options::default();
        options.set_preset(preset).expect("a preset");
        check_report(&format!("{name} ({preset})"), &validate(&tree, &options));
    }
}

fn refusal(name: &str, e: &EditError) {
    if let Some(f) = fault(&e.message, &e.message_zh) {
        panic!(
            "{name}: refused {} {f}\n  {}\n  {}",
            e.code, e.message, e.message_zh
        );
    }
}

/// Every refusal of an edit fixture's operations.
pub fn edit(path: &Path) {
    let fixture = crate::common::load(path);
    let mut options = EditorOptions::default();
    options.read_json(&fixture.options);
    let mut doc = match fixture.tree() {
        None => Document::new_template(&options),
        Some(t) => Document::new(t.expect("fixture tree"), &options),
    };
    for (i, op) in fixture.ops.as_deref().unwrap_or(&[]).iter().enumerate() {
        if let Err(e) = Op::from_json(op).and_then(|op| doc.apply(&op)) {
            refusal(&format!("{} #{i}", fixture.name), &e);
        }
    }
}

/// Operations every editor refuses, one per kind of refusal (JSON, `{S}`/`{E}`/`{A}`/`{G}`
/// standing for the start event, end event, a task and an exclusive gateway of the tree).
const BAD: &[&str] = &[
    r#"5"#,
    r#"{}"#,
    r#"{"op": "fly"}"#,
    r#"{"op": "removeNode", "id": "nope"}"#,
    r#"{"op": "disconnect", "flow": "nope"}"#,
    r#"{"op": "connect", "source": "{E}", "target": "{S}"}"#,
    r#"{"op": "connect", "source": "{S}", "target": "{E}"}"#,
    r#"{"op": "connect", "source": "{A}", "target": "{A}"}"#,
    r#"{"op": "addNode", "type": "startpoint", "x": 0, "y": 0}"#,
    r#"{"op": "addNode", "type": "lamp", "x": 0, "y": 0}"#,
    r#"{"op": "addNode", "type": "tasknode", "x": 0, "y": 0, "id": "{A}"}"#,
    r#"{"op": "addNode", "type": "tasknode", "x": 0, "y": 0, "id": ""}"#,
    r#"{"op": "addNode", "type": "tasknode"}"#,
    r#"{"op": "updateNode", "id": "{A}", "fields": {"name": 5}}"#,
    r#"{"op": "updateNode", "id": "{A}", "fields": {"outgoing": "x"}}"#,
    r#"{"op": "replacePlugin", "id": "{G}", "code": "bk_display"}"#,
    r#"{"op": "replacePlugin", "id": "{A}", "code": ""}"#,
    r#"{"op": "insertOnFlow", "flow": "nope", "type": "tasknode", "x": 0, "y": 0}"#,
    r#"{"op": "setCondition", "gateway": "{A}", "flow": "nope", "evaluate": "1 == 1"}"#,
    r#"{"op": "setDefault", "gateway": "{A}", "flow": "nope"}"#,
    r#"{"op": "move", "nodes": 3}"#,
    r#"{"op": "move", "nodes": [5]}"#,
    r#"{"op": "batch"}"#,
    r#"{"op": "addVariable", "key": "1a"}"#,
    r#"{"op": "addVariable", "key": "a", "name": "a$b"}"#,
    r#"{"op": "addVariable", "key": "a", "name": ""}"#,
    r#"{"op": "removeVariable", "key": "nope"}"#,
    r#"{"op": "updateVariable", "key": "nope", "fields": {}}"#,
    r#"{"op": "hookInput", "node": "{A}", "input": "nope"}"#,
    r#"{"op": "hookInput", "node": "{G}", "input": "nope"}"#,
    r#"{"op": "unhookInput", "node": "{A}", "input": "nope"}"#,
    r#"{"op": "hookOutput", "node": "{G}", "output": "x"}"#,
    r#"{"op": "unhookOutput", "node": "{A}", "output": "x"}"#,
    r#"{"op": "layout", "mode": "sideways"}"#,
    r#"{"op": "layout", "activitySize": 3}"#,
];

/// The deliberately bad operations: each is refused, in Chinese too; so are undo and redo
/// with no history.
pub fn bad_operations() {
    let mut doc = Document::new_template(&EditorOptions::default());
    let tree = doc.tree();
    let start = tree
        .start_event()
        .and_then(|n| n.id())
        .unwrap_or("")
        .to_owned();
    let end = tree
        .end_event()
        .and_then(|n| n.id())
        .unwrap_or("")
        .to_owned();
    let mut add = |ty: &str| -> String {
        let op = json::parse(
            &format!(r#"{{"op": "addNode", "type": "{ty}", "x": 0, "y": 0}}"#),
            &Limits::default(),
        )
        .expect("op");
        let outcome = doc.apply(&Op::from_json(&op).expect("op")).expect("added");
        outcome
            .result
            .get("id")
            .and_then(Value::as_str)
            .expect("id")
            .to_owned()
    };
    let task = add("tasknode");
    let gateway = add("branchgateway");
    refusal("redo", &doc.redo().unwrap_err());
    for text in BAD {
        let text = text
            .replace("{S}", &start)
            .replace("{E}", &end)
            .replace("{A}", &task)
            .replace("{G}", &gateway);
        let op = json::parse(&text, &Limits::default()).expect("the list is JSON");
        match Op::from_json(&op).and_then(|op| doc.apply(&op)) {
            Ok(_) => panic!("{text}: accepted, but it is on the list of bad operations"),
            Err(e) => refusal(&text, &e),
        }
    }
    let mut fresh = Document::new_template(&EditorOptions::default());
    refusal("undo", &fresh.undo().unwrap_err());
}
