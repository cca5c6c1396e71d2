//! What must hold for every input, whatever it contains: the properties the fuzz targets
//! (`fuzz/`) check on arbitrary bytes and `tests/robust_test.rs` checks on the fixtures, the
//! hostile inputs and every input a fuzzer ever found failing (`tests/fixtures/fuzz/`).
//!
//! Each function panics when a property fails (that is how a fuzzer notices); on any other
//! input it returns normally, whatever the input's verdict. A panic anywhere in the core
//! (index out of bounds, overflow in a debug build, `unwrap` on `None`) counts as a failure too.
//!
//! Inputs: the first byte chooses how the rest is read.
//! * below 0x80: the rest is JSON text (a tree, or for [`payloads`] `{"tree", "input"}`);
//! * from 0x80: a generated tree. The next eight bytes seed it, one byte sets its size and one
//!   how many of `generate::parity`'s breaking mutations it gets, so a fuzzer can steer
//!   towards the shapes people break trees into; the bytes after that drive the operations
//!   of [`edit`] and the options of the others. The first byte's low bits choose the
//!   generator: bit 0 set, `generate::tree` (else `generate::parity`), with bit 1 its
//!   `legacy_io`, bit 2 `hand_wired` (flows out of the end event, flows whose key and `id`
//!   differ), bit 3 `swapped_ids` (gateways and activities whose key and `id` differ).

use crate::generate::{self, ops::random_op, Rng};
use pipeline_tree::diagnostic::Severity;
use pipeline_tree::edit::{inconsistencies, Document, EditorOptions, Op};
use pipeline_tree::json::{self, Limits, Object, Value};
use pipeline_tree::layout::{self, Mode, Params};
use pipeline_tree::model::Tree;
use pipeline_tree::payload::{self, Api};
use pipeline_tree::rules::{validate as validate_tree, Options, Preset};

/// Limits small enough that a fuzzer spends its time on shapes, not on size.
/// A fuzz target: the properties of one part of the core on arbitrary bytes.
pub type Target = fn(&[u8]);

/// The fuzz targets by name (`fuzz/fuzz_targets/NAME.rs`, `tests/fixtures/fuzz/NAME/`).
pub const TARGETS: [(&str, Target); 5] = [
    ("parse", parse),
    ("validate", validate),
    ("layout", layout),
    ("payloads", payloads),
    ("edit", edit),
];

pub fn limits() -> Limits {
    Limits {
        max_input_bytes: 1 << 20,
        max_depth: 128,
        max_string_bytes: 1 << 16,
        max_nodes: 5_000,
        max_flows: 10_000,
    }
}

/// How an input was read.
pub struct Input<'a> {
    /// The tree, if the input gave one the model reads.
    pub tree: Option<Tree>,
    /// The JSON text or the generated tree's text.
    pub text: String,
    /// Bytes left for the target's own choices.
    pub rest: &'a [u8],
}

/// Reads an input as described in the module doc.
pub fn input(data: &[u8]) -> Input<'_> {
    match data.split_first() {
        Some((&mode, rest)) if mode >= 0x80 => {
            let mut seed = [0u8; 8];
            let n = rest.len().min(8);
            seed[..n].copy_from_slice(&rest[..n]);
            let rest = &rest[n..];
            let size = rest.first().map_or(8, |b| 2 + usize::from(*b % 60));
            let mutations = rest.get(1).map_or(0, |b| usize::from(*b % 4));
            let rest = rest.get(2..).unwrap_or_default();
            let value = if mode & 1 == 0 {
                generate::parity::tree(&generate::parity::Params {
                    seed: u64::from_le_bytes(seed),
                    size,
                    mutations,
                })
            } else {
                json::parse(
                    &generate::tree_text(&generate::Params {
                        seed: u64::from_le_bytes(seed),
                        nodes: size,
                        max_depth: 1 + mutations,
                        legacy_io: mode & 2 != 0,
                        hand_wired: mode & 4 != 0,
                        swapped_ids: mode & 8 != 0,
                    }),
                    &Limits::default(),
                )
                .expect("generated trees are JSON")
            };
            let text = json::to_string(&value, &json::Format::default());
            let tree = Tree::from_value(value).ok();
            Input { tree, text, rest }
        }
        Some((_, rest)) => {
            let text = String::from_utf8_lossy(rest).into_owned();
            let tree = Tree::parse_bytes(rest, &limits()).ok();
            Input {
                tree,
                text,
                rest: &[],
            }
        }
        None => Input {
            tree: None,
            text: String::new(),
            rest: &[],
        },
    }
}

/// Reading: a text either reads or gives located problems; what reads writes back to text
/// that reads as the same value, and a tree's text reads as the same tree.
pub fn parse(data: &[u8]) {
    let limits = limits();
    match json::parse_bytes(data, &limits) {
        Ok(value) => {
            for format in [
                json::Format::default(),
                json::Format::detect("{\n\t\"a\": 1\n}"),
            ] {
                let text = json::to_string(&value, &format);
                let again = json::parse(&text, &Limits::default())
                    .unwrap_or_else(|e| panic!("written text does not read back: {e}\n{text}"));
                assert!(
                    again == value,
                    "written text reads as another value:\n{text}"
                );
            }
            wrapped_round_trip(&value);
            if let Ok(tree) = Tree::from_value(value) {
                let text = tree.to_string(&json::Format::default());
                let again = Tree::parse(&text).expect("a written tree reads back");
                assert!(again == tree, "a written tree reads as another tree");
            }
        }
        Err(e) => {
            assert!(!e.problems().is_empty(), "an error without problems");
            if let Ok(text) = std::str::from_utf8(data) {
                for p in e.problems() {
                    if let Some(pos) = p.position {
                        let lines = text.split('\n').count();
                        assert!(
                            pos.line >= 1 && pos.line <= lines,
                            "problem on line {} of {lines}",
                            pos.line
                        );
                    }
                }
            }
        }
    }
}

/// Wrapped trees: what opens (a bare tree, or one taken out of a wrapper) gives the wrapper
/// back unchanged, and `find` says the same place; a refusal has problems, each in Chinese too
/// when it is the wrapper's.
fn wrapped_round_trip(value: &json::Value) {
    let format = json::Format::default();
    let text = json::to_string(value, &format);
    match pipeline_tree::wrapped::open(&text, &Limits::default(), None) {
        Ok(opened) => {
            assert!(
                opened.write(&opened.tree, &format, true) == text,
                "a wrapper is not written back as read"
            );
            let found = pipeline_tree::wrapped::find(&text, &Limits::default(), None);
            assert_eq!(found.ok().as_ref(), Some(&opened.source), "find disagrees");
        }
        Err(e) => assert!(!e.problems().is_empty(), "an error without problems"),
    }
}

/// The validator: `valid` means no error; an engine refusal is always an error; the same
/// tree gives the same report; the report writes as JSON that reads back.
pub fn validate(data: &[u8]) {
    let Input { tree, rest, .. } = input(data);
    let Some(tree) = tree else { return };
    for options in options_from(rest) {
        let report = validate_tree(&tree, &options);
        let errors = report
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        assert_eq!(report.valid, errors == 0, "valid disagrees with the errors");
        if !report.engine.valid() && options.severities.is_empty() {
            assert!(
                !report.valid,
                "the engine refuses a tree the report calls valid"
            );
        }
        for d in &report.diagnostics {
            assert!(
                !d.message.is_empty() && !d.message_zh.is_empty(),
                "{}: no message",
                d.code
            );
        }
        let again = validate_tree(&tree, &options);
        assert!(again == report, "two validations of one tree differ");
        let text = json::to_string(&report.to_json(), &json::Format::default());
        json::parse(&text, &Limits::default()).expect("a report writes as JSON");
    }
}

/// Validation options for the kept-diagnostics properties, chosen by `pick`: each preset, loops
/// allowed or forbidden, and in half the picks a third of the rules turned off, so that units
/// whose rules are all off, and whole units whose enabled rules read less, are exercised.
pub fn kept_options(pick: u64) -> Options {
    let mut rng = Rng::new(pick);
    let mut o = Options {
        preset: [Preset::Template, Preset::Task, Preset::Engine][(pick % 3) as usize],
        ..Options::default()
    };
    o.engine.cycle_tolerate = pick & 4 == 0;
    if pick & 8 != 0 {
        for rule in pipeline_tree::rules::RULES {
            if rng.chance(33) {
                o.severities.insert(rule.code.to_owned(), Severity::Off);
            }
        }
    }
    o
}

fn options_from(rest: &[u8]) -> Vec<Options> {
    let b = rest.first().copied().unwrap_or(0);
    let mut forbid = Options {
        preset: if b & 1 == 0 {
            Preset::Task
        } else {
            Preset::Engine
        },
        ..Options::default()
    };
    forbid.engine.cycle_tolerate = false;
    vec![Options::default(), forbid]
}

/// Layout, both modes: every node is placed once, at finite coordinates; every flow between
/// two placed nodes is drawn once; the tree with its new drawing is in step when it was
/// before; laying out again gives the same drawing.
pub fn layout(data: &[u8]) {
    let Input { tree, rest, .. } = input(data);
    let Some(tree) = tree else { return };
    let b = rest.first().copied().unwrap_or(0);
    for mode in [Mode::Sops, Mode::Layered] {
        let params = Params {
            mode,
            keep_placed: b & 1 == 1,
            canvas_width: 200.0 + f64::from(b) * 10.0,
            ..Params::default()
        };
        let Ok(out) = layout::layout(&tree, &params) else {
            continue;
        };
        for r in &out.drawing.lines {
            for (x, y) in &r.points {
                assert!(
                    x.is_finite() && y.is_finite(),
                    "{mode:?}: a route through a non-finite point"
                );
            }
        }
        let again = layout::layout(&tree, &params).expect("a second layout");
        assert!(again == out, "{mode:?}: two layouts of one tree differ");
        if inconsistencies(&tree).is_empty() {
            let mut laid = tree.clone();
            layout::apply(&mut laid, &params).expect("apply");
            let bad = inconsistencies(&laid);
            assert!(
                bad.is_empty(),
                "{mode:?}: the laid-out tree is out of step: {bad:?}"
            );
        }
    }
}

/// The payload builders, node exclusion and the response reader: a body the builder calls valid carries a tree the
/// engine accepts; bodies write as JSON; excluding the optional nodes of a valid tree, when
/// the server would allow it, gives a tree the engine accepts.
pub fn payloads(data: &[u8]) {
    // The same bytes as a server's response: read, or refused with a typed error.
    if let Some(text) = data.get(1..).and_then(|d| std::str::from_utf8(d).ok()) {
        for kind in [
            payload::ResponseKind::Task,
            payload::ResponseKind::ClockedTask,
        ] {
            if let Ok(r) = payload::parse_response(kind, text) {
                let out = json::to_string(&r.to_json(), &json::Format::default());
                json::parse(&out, &Limits::default()).expect("a response writes as JSON");
            }
        }
    }
    let (tree, input) = payload_input(data);
    for api in [Api::CreateTask, Api::MockTask, Api::ClockedTask] {
        let Some(built) = api.build(tree.as_ref(), &input) else {
            continue;
        };
        let body = Value::Object(built.body.clone());
        let text = json::to_string(&body, &json::Format::default());
        json::parse(&text, &Limits::default()).expect("a body writes as JSON");
        if built.valid() {
            if let Some(t) = built.tree.as_ref() {
                let report = validate_tree(t, &payload::task_options());
                assert!(
                    report.engine.valid(),
                    "{api:?}: a valid body runs a tree the engine refuses: {:?}",
                    report.engine.error
                );
            }
        }
    }
    if let Some(tree) = tree {
        let optional: Vec<String> = tree
            .activities()
            .filter(|a| a.optional() == Some(true))
            .map(|a| a.key().to_owned())
            .collect();
        let cut = payload::exclude(&tree, &optional);
        // (a tree already out of step can come out of the server's exclusion refused)
        if cut.valid() && validate_tree(&tree, &Options::default()).valid {
            let report = validate_tree(&cut.tree, &Options::default());
            assert!(
                report.engine.valid(),
                "an exclusion the server accepts gives a tree the engine refuses: {:?}",
                report.engine.error
            );
        }
    }
}

/// A payload input: `{"tree", "input"}` text (a payload fixture with its tree inline), or a
/// tree (text or generated) with an input made from the remaining bytes.
fn payload_input(data: &[u8]) -> (Option<Tree>, Object) {
    if data.first().is_some_and(|b| *b < 0x80) {
        if let Ok(Value::Object(o)) = json::parse_bytes(&data[1..], &limits()) {
            if let Some(Value::Object(input)) = o.get("input") {
                let tree = o.get("tree").and_then(|t| Tree::from_value(t.clone()).ok());
                return (tree, input.clone());
            }
        }
    }
    let Input { tree, rest, .. } = input(data);
    let mut input = Object::new();
    let b = |i: usize| rest.get(i).copied().unwrap_or(0);
    input.insert("name", Value::from(format!("task {}", b(0))));
    input.insert("creator", Value::from("admin"));
    input.insert("bk_biz_id", Value::from(i64::from(b(1)) - 8));
    input.insert("template_id", Value::from(i64::from(b(2))));
    input.insert(
        "scope",
        Value::from(if b(3) & 1 == 0 { "cmdb_biz" } else { "project" }),
    );
    input.insert("task_name", Value::from("t"));
    input.insert("plan_start_time", Value::from("2030-01-01 10:00:00+0800"));
    input.insert("now", Value::from("2029-12-31 10:00:00+0800"));
    if let Some(t) = &tree {
        let ids: Vec<&str> = t
            .activities()
            .enumerate()
            .filter(|(i, _)| b(4 + i % 8) & (1 << (i % 8)) != 0)
            .map(|(_, a)| a.key())
            .collect();
        let mut mocks = Object::new();
        for id in &ids {
            mocks.insert(*id, Value::Array(Vec::new()));
        }
        input.insert("mock_data_ids", Value::Object(mocks));
        input.insert(
            "include_node_ids",
            Value::Array(ids.into_iter().map(Value::from).collect()),
        );
    }
    (tree, input)
}

/// Editing: every operation, valid or not, either applies and leaves an in-step tree in
/// step (with kept diagnostics equal to a full validation), or is refused with a typed error
/// and changes no byte; undoing everything restores the bytes and redoing everything gives
/// the edited bytes again.
pub fn edit(data: &[u8]) {
    let Input { tree, rest, text } = input(data);
    let Some(tree) = tree else { return };
    let options = EditorOptions {
        seed: 7,
        history_limit: usize::MAX,
        items: true,
        ..EditorOptions::default()
    };
    let in_step = inconsistencies(&tree).is_empty();
    let mut doc = Document::new(tree, &options);
    let original = doc.text();
    // the tree as a page mirrors it: patched from each outcome's items
    let mut mirror = doc.tree().root().clone();
    let keep = text.len() < 200_000;
    let kept = kept_options(rest.first().map_or(0, |b| u64::from(*b)));
    if keep {
        doc.keep_diagnostics(kept.clone(), true);
    }
    // Four bytes choose one operation: the same bytes give the same operation on the same tree.
    for chunk in rest.chunks(4).take(64) {
        let mut seed = [0u8; 8];
        seed[..chunk.len()].copy_from_slice(chunk);
        let op_text = random_op(doc.tree(), &mut Rng::new(u64::from_le_bytes(seed)));
        let op = Op::from_json(&json::parse(&op_text, &Limits::default()).expect("op json"))
            .expect("generated operations parse");
        let before = doc.text();
        match doc.apply(&op) {
            Ok(outcome) => {
                if let Err(e) = crate::items::follow(&doc, &mut mirror, &outcome) {
                    panic!("{op_text}: {e}");
                }
                if in_step {
                    let bad = inconsistencies(doc.tree());
                    assert!(
                        bad.is_empty(),
                        "{op_text} left the tree out of step: {bad:?}"
                    );
                }
                if keep {
                    let full = validate_tree(doc.tree(), &kept);
                    let mut kept = doc.diagnostics().expect("kept");
                    let mut all = full.diagnostics.clone();
                    let key = |d: &pipeline_tree::Diagnostic| format!("{d:?}");
                    kept.sort_by_key(key);
                    all.sort_by_key(key);
                    if kept != all {
                        let extra: Vec<String> =
                            kept.iter().filter(|d| !all.contains(d)).map(key).collect();
                        let missing: Vec<String> =
                            all.iter().filter(|d| !kept.contains(d)).map(key).collect();
                        panic!("{op_text}: kept diagnostics differ from validate: extra {extra:?}, missing {missing:?}");
                    }
                    let stale = doc.stale_units();
                    assert!(stale.is_empty(), "{op_text}: stale kept units: {stale:?}");
                }
            }
            Err(e) => {
                assert_ne!(e.code, "internal", "{op_text}: {e}");
                assert!(doc.text() == before, "refused {op_text} changed the tree");
            }
        }
    }
    let edited = doc.text();
    while doc.can_undo() {
        let outcome = doc.undo().expect("undo");
        if let Err(e) = crate::items::follow(&doc, &mut mirror, &outcome) {
            panic!("undo: {e}");
        }
    }
    assert!(
        doc.text() == original,
        "undoing everything does not restore the bytes"
    );
    while doc.can_redo() {
        let outcome = doc.redo().expect("redo");
        if let Err(e) = crate::items::follow(&doc, &mut mirror, &outcome) {
            panic!("redo: {e}");
        }
    }
    assert!(
        doc.text() == edited,
        "redoing everything does not give the edited bytes"
    );
}

/// What every part of the core does with `text`, in a few stable lines (the hostile inputs'
/// expected outcomes, the same natively and in the browser). Only codes and counts appear,
/// never the input's own strings.
pub fn outcome(text: &str) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let tree = match Tree::parse(text) {
        Ok(t) => t,
        Err(e) => {
            let p = &e.problems()[0];
            let _ = writeln!(
                out,
                "parse: error {} at {} ({} problems)",
                p.code,
                p.path,
                e.problems().len()
            );
            return out;
        }
    };
    let again = Tree::parse(&tree.to_string(&json::Format::compact())).map(|t| t == tree);
    let _ = writeln!(
        out,
        "parse: ok, {} nodes, {} flows, writes back the same tree: {}",
        tree.nodes().count(),
        tree.flows().count(),
        again == Ok(true)
    );
    let report = validate_tree(&tree, &Options::default());
    let engine = match &report.engine.error {
        None => "accepts".to_owned(),
        Some(e) => format!(
            "refuses {} at {}",
            e.code,
            e.node_id
                .as_deref()
                .map_or("-", |n| if n.len() > 40 { "(long id)" } else { n })
        ),
    };
    let _ = writeln!(
        out,
        "validate: valid {}, engine {engine}, {} errors, {} warnings: {}",
        report.valid,
        report.errors(),
        report.warnings(),
        code_counts(report.diagnostics.iter().map(|d| d.code))
    );
    for mode in [Mode::Sops, Mode::Layered] {
        let params = Params {
            mode,
            ..Params::default()
        };
        let _ = match layout::layout(&tree, &params) {
            Ok(l) => writeln!(
                out,
                "layout {}: {} placed, {} lines",
                mode.name(),
                l.drawing.nodes.len(),
                l.drawing.lines.len()
            ),
            Err(e) => writeln!(out, "layout {}: error {e}", mode.name()),
        };
    }
    let mut input = Object::new();
    input.insert("name", Value::from("t"));
    input.insert("creator", Value::from("admin"));
    for api in [Api::CreateTask, Api::MockTask] {
        if let Some(b) = api.build(Some(&tree), &input) {
            let _ = writeln!(
                out,
                "{}: valid {}: {}",
                api.as_str(),
                b.valid(),
                code_counts(b.diagnostics.iter().map(|d| d.code))
            );
        }
    }
    let mut doc = Document::new(tree.clone(), &EditorOptions::default());
    let original = doc.text();
    let first = tree.activities().next().map(|a| a.key().to_owned());
    let mut ops = vec![
        r#"{"op":"repairDrawing"}"#.to_owned(),
        r#"{"op":"addNode","type":"tasknode","x":10,"y":10,"name":"added"}"#.to_owned(),
    ];
    if let Some(id) = first {
        let id = json::to_string(&Value::from(id), &json::Format::compact());
        ops.push(format!(
            r#"{{"op":"removeNode","id":{id},"reconnect":true}}"#
        ));
    }
    let mut results = Vec::new();
    for text in &ops {
        let value = json::parse(text, &Limits::default()).expect("op json");
        let name = value
            .as_object()
            .and_then(|o| o.get("op"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let op = Op::from_json(&value).expect("op parses");
        results.push(match doc.apply(&op) {
            Ok(_) => format!("{name} applied"),
            Err(e) => format!("{name} refused ({})", e.code),
        });
    }
    while doc.can_undo() {
        doc.undo().expect("undo");
    }
    let _ = writeln!(
        out,
        "edit: {}; undoing all restores the bytes: {}",
        results.join(", "),
        doc.text() == original
    );
    out
}

/// `CODE×n` in first-seen order.
fn code_counts<'a>(codes: impl Iterator<Item = &'a str>) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for c in codes {
        match counts.iter_mut().find(|(k, _)| *k == c) {
            Some((_, n)) => *n += 1,
            None => counts.push((c, 1)),
        }
    }
    if counts.is_empty() {
        return "none".to_owned();
    }
    counts
        .iter()
        .map(|(c, n)| {
            if *n == 1 {
                c.to_string()
            } else {
                format!("{c}×{n}")
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
