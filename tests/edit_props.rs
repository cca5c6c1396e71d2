//! Property test of the editor core: long random sequences of operations, valid and invalid,
//! on generated trees (half of them hand-wired: flows out of the end event, an activity with
//! two outgoing flows, flows whose key and `id` differ). After every operation the tree is in
//! step (flows, wiring, conditions, line, location); a refused operation changes no byte;
//! undoing everything restores the original bytes, and redoing everything gives the edited
//! bytes again. Trees whose node keys and `id`s differ start out of step: on them the other
//! properties hold.
#![allow(clippy::disallowed_methods)] // tests sort freely; the rule is for the shipped core

use pipeline_tree::edit::ops::MoveNodes;
use pipeline_tree::edit::{inconsistencies, Document, EditorOptions, ItemKind, Op};
use pipeline_tree::json::{self, Limits, Value};
use pipeline_tree::{validate, Diagnostic, Options};
use testkit::generate::{self, ops::random_op, Params, Rng};
use testkit::robust::kept_options;

fn key(d: &Diagnostic) -> String {
    format!(
        "{}|{:?}|{:?}|{:?}|{:?}|{}",
        d.code,
        d.severity,
        d.node_id,
        d.flow_id,
        d.path.as_ref().map(|p| p.to_string()),
        d.message
    )
}

fn sorted(list: &[Diagnostic]) -> Vec<String> {
    let mut v: Vec<String> = list.iter().map(key).collect();
    v.sort();
    v
}

/// The document's kept diagnostics, and the list the deltas add up to, equal a full validation.
fn check_diagnostics(doc: &Document, options: &Options, running: &[String], what: &str) {
    let full = validate(doc.tree(), options);
    let kept = doc.diagnostics().expect("kept");
    assert_eq!(
        sorted(&kept),
        sorted(&full.diagnostics),
        "{what}: kept diagnostics differ from validate"
    );
    let want = sorted(&full.diagnostics);
    if running != want.as_slice() {
        let extra: Vec<&String> = running.iter().filter(|d| !want.contains(d)).collect();
        let missing: Vec<&String> = want.iter().filter(|d| !running.contains(d)).collect();
        panic!("{what}: the deltas do not add up to validate: {} vs {}; extra {extra:?}; missing {missing:?}", running.len(), want.len());
    }
    assert_eq!(doc.verdict(), Some(&full.engine), "{what}: engine verdict");
    // every kept unit and the graph index kept in step equal a fresh run
    let stale = doc.stale_units();
    assert!(stale.is_empty(), "{what}: stale {stale:?}");
}

fn apply_delta(running: &mut Vec<String>, d: &pipeline_tree::edit::DiagnosticDelta) {
    for r in &d.removed {
        let k = key(r);
        let i = running
            .iter()
            .position(|x| *x == k)
            .unwrap_or_else(|| panic!("removed {k}, which was not there"));
        running.remove(i);
    }
    running.extend(d.added.iter().map(key));
    running.sort();
}

/// The generated tree of a sequence: even seeds hand-wired.
fn params(seed: u64, nodes: usize) -> Params {
    Params {
        seed,
        nodes,
        hand_wired: seed % 2 == 0,
        ..Params::default()
    }
}

fn run_sequence(seed: u64, nodes: usize, steps: usize) {
    run_sequence_with(
        &params(seed, nodes),
        steps,
        (steps <= 300).then(Options::default),
    );
}

/// After `updateVariable` gives a variable a new key, nothing refers to the old one.
/// `existed`: the variable was there before the operation.
fn no_trace_of_a_renamed_key(doc: &Document, op: &Op, existed: bool, what: &str) {
    let Op::UpdateVariable(u) = op else { return };
    let Some(new) = u.fields.get("key").and_then(Value::as_str) else {
        return;
    };
    let old = pipeline_tree::variables::braced(&u.key);
    if pipeline_tree::variables::braced(new) == old || !existed {
        return;
    }
    let left = testkit::variables::uses_of(doc.tree(), &old);
    assert!(left.is_empty(), "{what}: {old} is still used at {left:?}");
}

/// With `kept` options, the kept diagnostics and their deltas are checked after every step.
fn run_sequence_with(p: &Params, steps: usize, kept: Option<Options>) {
    let seed = p.seed;
    let diagnostics = kept.is_some();
    let kept = kept.unwrap_or_default();
    let text = generate::tree_text(p);
    let options = EditorOptions {
        seed,
        history_limit: usize::MAX,
        ..EditorOptions::default()
    };
    let mut doc =
        Document::parse(&text, &Limits::default(), &options).expect("generated trees parse");
    assert_eq!(
        doc.text(),
        text,
        "an unedited document writes back its bytes"
    );
    // Only a tree whose node keys and ids differ starts out of step.
    let in_step = inconsistencies(doc.tree()).is_empty();
    assert!(
        in_step || p.swapped_ids,
        "seed {seed}: generated tree out of step: {:?}",
        inconsistencies(doc.tree())
    );
    let mut running = Vec::new();
    if diagnostics {
        doc.keep_diagnostics(kept.clone(), true);
        running = sorted(&doc.diagnostics().unwrap_or_default());
        check_diagnostics(&doc, &kept, &running, "start");
    }
    // the reference index, kept from here on
    doc.references();
    let mut rng = Rng::new(seed ^ 0xed17);
    let (mut applied, mut refused) = (0, 0);
    for step in 0..steps {
        let op_text = random_op(doc.tree(), &mut rng);
        let op = Op::from_json(&json::parse(&op_text, &Limits::default()).expect("op json"))
            .expect("op parses");
        let before = doc.text();
        let existed = match &op {
            Op::UpdateVariable(u) => doc
                .tree()
                .constant(&pipeline_tree::variables::braced(&u.key))
                .is_some(),
            _ => false,
        };
        let problems = testkit::variables::binding_problems(doc.tree());
        match doc.apply(&op) {
            Ok(outcome) => {
                applied += 1;
                let what = format!("seed {seed} step {step}: {op_text}");
                let new = testkit::variables::new_problems(
                    &problems,
                    &testkit::variables::binding_problems(doc.tree()),
                );
                assert!(new.is_empty(), "{what}: {new:?}");
                no_trace_of_a_renamed_key(&doc, &op, existed, &what);
                if let Some(stale) = testkit::variables::stale_references(&doc) {
                    panic!("{what}: {stale}");
                }
                if step % 10 == 0 {
                    let bad = testkit::variables::unresolved_use(doc.tree());
                    assert!(bad.is_none(), "{what}: a use not in the tree: {bad:?}");
                }
                if diagnostics {
                    apply_delta(&mut running, outcome.diagnostics.as_ref().expect("delta"));
                    check_diagnostics(
                        &doc,
                        &kept,
                        &running,
                        &format!("seed {seed} step {step}: {op_text}"),
                    );
                }
                let bad = inconsistencies(doc.tree());
                assert!(
                    bad.is_empty() || !in_step,
                    "seed {seed} step {step}: {op_text} left the tree out of step: {bad:?}"
                );
                // The result is still a tree the model reads.
                pipeline_tree::Tree::parse(&doc.text()).expect("edited tree reads back");
            }
            Err(e) => {
                refused += 1;
                assert_ne!(
                    e.code, "internal",
                    "seed {seed} step {step}: {op_text}: {e}"
                );
                assert_eq!(
                    doc.text(),
                    before,
                    "seed {seed} step {step}: refused {op_text} changed the tree"
                );
            }
        }
    }
    assert!(
        applied > steps / 4 && refused > 0,
        "seed {seed}: {applied} applied, {refused} refused"
    );
    let edited = doc.text();
    while doc.can_undo() {
        let outcome = doc.undo().expect("undo");
        if let Some(stale) = testkit::variables::stale_references(&doc) {
            panic!("seed {seed}: undo: {stale}");
        }
        if diagnostics {
            apply_delta(&mut running, outcome.diagnostics.as_ref().expect("delta"));
            check_diagnostics(&doc, &kept, &running, &format!("seed {seed}: undo"));
        }
        assert!(
            inconsistencies(doc.tree()).is_empty() || !in_step,
            "seed {seed}: undo left the tree out of step"
        );
    }
    assert_eq!(
        doc.text(),
        text,
        "seed {seed}: undoing everything restores the original bytes"
    );
    while doc.can_redo() {
        doc.redo().expect("redo");
    }
    assert_eq!(
        doc.text(),
        edited,
        "seed {seed}: redoing everything gives the edited bytes"
    );
}

#[test]
fn random_operation_sequences_keep_the_tree_in_step() {
    for seed in 1..=24 {
        run_sequence(seed, 40 + (seed as usize % 5) * 20, 250);
    }
}

/// Which units an edit reruns depends on the enabled rules (the registry's scopes): every
/// preset, loops allowed and forbidden, and random rules turned off.
#[test]
fn kept_diagnostics_follow_the_options() {
    for seed in 100..112 {
        run_sequence_with(&params(seed, 60), 200, Some(kept_options(seed)));
    }
}

/// Trees whose node keys and `id`s differ (two gateways and two activities swapped, one `id`
/// that is no key): out of step from the start, yet no operation fails inside the core, a
/// refusal changes nothing, kept diagnostics equal a full validation and undo is exact.
#[test]
fn operations_on_trees_whose_keys_and_ids_differ() {
    for seed in 112..116 {
        let p = Params {
            swapped_ids: true,
            ..params(seed, 60)
        };
        run_sequence_with(&p, 200, Some(kept_options(seed)));
    }
}

#[test]
fn a_long_sequence_on_a_large_tree() {
    run_sequence(99, 1000, 1500);
}

#[test]
fn deferred_graph_diagnostics_catch_up_on_refresh() {
    let text = generate::tree_text(&Params {
        seed: 5,
        nodes: 120,
        ..Params::default()
    });
    let mut doc =
        Document::parse(&text, &Limits::default(), &EditorOptions::default()).expect("parse");
    doc.keep_diagnostics(Options::default(), false);
    let mut running = sorted(&doc.diagnostics().unwrap_or_default());
    let mut rng = Rng::new(5);
    let mut stale_seen = false;
    for step in 0..200 {
        let op_text = random_op(doc.tree(), &mut rng);
        let op = Op::from_json(&json::parse(&op_text, &Limits::default()).expect("op json"))
            .expect("op parses");
        if let Ok(outcome) = doc.apply(&op) {
            let d = outcome.diagnostics.expect("delta");
            apply_delta(&mut running, &d);
            stale_seen |= d.graph_stale;
            if step % 10 == 9 {
                let d = doc.refresh_graph().expect("kept");
                apply_delta(&mut running, &d);
                assert!(!doc.graph_stale());
                check_diagnostics(
                    &doc,
                    &Options::default(),
                    &running,
                    &format!("step {step}: {op_text}"),
                );
            }
        }
    }
    assert!(stale_seen, "graph edits were deferred");
}

/// An Editor opened in steps (`diagnostics.units: "in-steps"`) keeps no keyed unit's result
/// at first, and an edit touching many units (over 20 in this build) leaves them pending too;
/// edits and `settle` slices of random sizes interleave, and once `settle` and
/// `refresh_graph` have run what was pending, the kept diagnostics, the deltas' sum and every
/// unit equal a full validation; the graph eager or deferred, under several rule options.
#[test]
fn diagnostics_opened_in_steps_catch_up() {
    let mut lefts = 0;
    for seed in 200..212u64 {
        let options = kept_options(seed);
        let eager = seed % 2 == 0;
        let text = generate::tree_text(&params(seed, 80));
        let mut doc =
            Document::parse(&text, &Limits::default(), &EditorOptions::default()).expect("parse");
        doc.keep_diagnostics_in_steps(options.clone(), eager);
        let units = doc.pending();
        assert!(units > 80, "seed {seed}: {units} units pending");
        let mut running = sorted(&doc.diagnostics().unwrap_or_default());
        let mut rng = Rng::new(seed);
        let mut edited_while_pending = 0;
        let mut left_pending = 0;
        let mut settled = 0;
        for step in 0..120 {
            if rng.below(3) == 0 {
                let mut left = 1 + rng.below(40);
                let before = doc.pending();
                let d = doc.settle(&mut || {
                    let more = left > 0;
                    left = left.saturating_sub(1);
                    more
                });
                let d = d.expect("kept");
                assert_eq!(d.pending, doc.pending());
                assert!(
                    doc.pending() < before || before == 0,
                    "seed {seed}: settle ran nothing"
                );
                settled += before - doc.pending();
                apply_delta(&mut running, &d);
                continue;
            }
            let op_text = random_op(doc.tree(), &mut rng);
            let op = Op::from_json(&json::parse(&op_text, &Limits::default()).expect("op json"))
                .expect("op parses");
            let before = doc.pending();
            if let Ok(outcome) = doc.apply(&op) {
                let d = outcome.diagnostics.expect("delta");
                assert_eq!(d.pending, doc.pending());
                edited_while_pending += usize::from(doc.pending() > 0);
                left_pending += usize::from(doc.pending() > before);
                apply_delta(&mut running, &d);
            }
            if step == 60 {
                let d = doc.refresh_graph().expect("kept");
                assert_eq!(
                    doc.pending(),
                    0,
                    "seed {seed}: refresh_graph runs what is pending"
                );
                apply_delta(&mut running, &d);
                check_diagnostics(
                    &doc,
                    &options,
                    &running,
                    &format!("seed {seed} step {step}"),
                );
                doc.keep_diagnostics_in_steps(options.clone(), eager);
                running = sorted(&doc.diagnostics().unwrap_or_default());
            }
        }
        while doc.pending() > 0 {
            let d = doc.settle(&mut || true).expect("kept");
            apply_delta(&mut running, &d);
        }
        let d = doc.refresh_graph().expect("kept");
        apply_delta(&mut running, &d);
        check_diagnostics(&doc, &options, &running, &format!("seed {seed}: the end"));
        assert!(
            edited_while_pending > 10,
            "seed {seed}: {edited_while_pending} edits while units were pending"
        );
        assert!(settled > 0, "seed {seed}: settle ran no unit");
        lefts += left_pending;
    }
    assert!(lefts > 12, "{lefts} edits left their units pending");
}

/// A layout rewrites every `line` item: opened in steps, the units it touched are left
/// pending (a stray line item's among them), and its diagnostics go once they have run.
#[test]
fn a_layout_in_steps_drops_what_it_replaced() {
    let mut tree = generate::tree(&params(3, 30));
    let stray = json::parse(
        r#"{"id": "lstray", "source": {"id": "nowhere", "arrow": "Right"}, "target": {"id": "nothing", "arrow": "Left"}}"#,
        &Limits::default(),
    )
    .expect("json");
    if let Some(Value::Array(line)) = tree.as_object_mut().and_then(|o| o.get_mut("line")) {
        line.push(stray);
    }
    let text = json::to_string(&tree, &json::Format::compact());
    let mut doc =
        Document::parse(&text, &Limits::default(), &EditorOptions::default()).expect("parse");
    doc.keep_diagnostics_in_steps(Options::default(), true);
    let mut running = sorted(&doc.diagnostics().unwrap_or_default());
    let drain = |doc: &mut Document, running: &mut Vec<String>| {
        while doc.pending() > 0 {
            let d = doc.settle(&mut || true).expect("kept");
            apply_delta(running, &d);
        }
    };
    drain(&mut doc, &mut running);
    let stray_found = |doc: &Document| {
        let list = doc.diagnostics().unwrap_or_default();
        list.iter()
            .any(|d| d.flow_id.as_deref() == Some("lstray") || d.message.contains("lstray"))
    };
    assert!(stray_found(&doc), "the stray line item has a diagnostic");
    let op = Op::from_json(
        &json::parse(r#"{"op": "layout", "mode": "layered"}"#, &Limits::default()).expect("op"),
    )
    .expect("op parses");
    let d = doc
        .apply(&op)
        .expect("laid out")
        .diagnostics
        .expect("delta");
    assert!(d.pending > 0, "the layout's units are left pending");
    apply_delta(&mut running, &d);
    drain(&mut doc, &mut running);
    assert!(
        !stray_found(&doc),
        "the stray line item's diagnostics went with it"
    );
    check_diagnostics(&doc, &Options::default(), &running, "after the layout");
}

#[test]
fn new_template_is_sops_default() {
    let doc = Document::new_template(&EditorOptions::default());
    let t = doc.tree();
    assert!(inconsistencies(t).is_empty());
    let kinds: Vec<_> = t
        .nodes()
        .map(|n| n.type_name().unwrap_or("").to_owned())
        .collect();
    assert_eq!(
        kinds,
        ["EmptyStartEvent", "EmptyEndEvent", "ServiceActivity"]
    );
    assert_eq!(t.flows().count(), 2);
    let locs: Vec<(f64, f64)> = t
        .locations()
        .map(|l| (l.x().unwrap_or(-1.0), l.y().unwrap_or(-1.0)))
        .collect();
    assert_eq!(locs, [(40.0, 150.0), (240.0, 140.0), (540.0, 150.0)]);
    for n in t.nodes() {
        let id = n.id().unwrap_or("");
        assert!(
            id.len() == 32 && id.starts_with('n'),
            "SOPS engine id: {id}"
        );
    }
    for f in t.flows() {
        assert!(f.key().len() == 32 && f.key().starts_with('l'));
    }
    assert!(!doc.can_undo(), "the new template is the start of history");
    let v: Value = t.clone().into_value();
    assert!(v.as_object().is_some_and(|o| o.get("outputs").is_some()));
}

#[test]
fn history_limit_drops_the_oldest_steps() {
    let options = EditorOptions {
        seed: 3,
        history_limit: 5,
        ..EditorOptions::default()
    };
    let mut doc = Document::new_template(&options);
    let start = doc
        .tree()
        .start_event()
        .and_then(|n| n.id().map(str::to_owned))
        .unwrap_or_default();
    for i in 0..12 {
        let op = Op::Move(MoveNodes {
            moves: vec![(start.clone(), i as f64, 0.0)],
        });
        doc.apply(&op).expect("move");
    }
    assert_eq!(doc.history_len(), 5);
    let mut undone = 0;
    while doc.undo().is_ok() {
        undone += 1;
    }
    assert_eq!(undone, 5);
    let x = doc.tree().locations().next().and_then(|l| l.x());
    assert_eq!(x, Some(6.0), "five moves undone from x=11");
}

/// A layout computed ahead (`prepare_layout`) gives the `layout` operation the outcome it has
/// without one: right after preparing, after edits, undos and redos in between (which drop it),
/// with other parameters, and inside a batch after a step (where the tree is no longer the one
/// it was prepared on). Two documents run the same sequence; only one prepares.
#[test]
fn a_prepared_layout_is_the_layout_it_prepares() {
    let read = |s: &str| Op::from_json(&json::parse(s, &Limits::default()).expect("json"));
    for seed in 0..8 {
        let text = generate::tree_text(&params(seed, 25 + seed as usize * 5));
        let options = EditorOptions {
            seed,
            ..EditorOptions::default()
        };
        let open = || Document::parse(&text, &Limits::default(), &options).expect("parse");
        let (mut plain, mut prepared) = (open(), open());
        prepared.keep_diagnostics_in_steps(Options::default(), false);
        plain.keep_diagnostics_in_steps(Options::default(), false);
        let mut rng = Rng::new(seed);
        let mut used = 0;
        for step in 0..40 {
            let what = format!("seed {seed} step {step}");
            let mode = ["layered", "sops"][rng.below(2)];
            let keep = rng.below(2) == 0;
            let layout = format!(r#"{{"op":"layout","mode":"{mode}","keepPlaced":{keep}}}"#);
            let Ok(Op::Layout(p)) = read(&layout) else {
                panic!("{what}: the layout operation reads")
            };
            prepared.prepare_layout(p);
            // in between: nothing, an edit, an undo or a redo
            match rng.below(4) {
                1 => {
                    let op = random_op(plain.tree(), &mut rng);
                    if let Ok(op) = read(&op) {
                        let a = plain.apply(&op).map(|o| o.to_json());
                        let b = prepared.apply(&op).map(|o| o.to_json());
                        assert_eq!(a.is_ok(), b.is_ok(), "{what}: {op:?}");
                    }
                }
                2 => assert_eq!(plain.undo().is_ok(), prepared.undo().is_ok(), "{what}"),
                3 => assert_eq!(plain.redo().is_ok(), prepared.redo().is_ok(), "{what}"),
                _ => used += 1,
            }
            // the same layout, another one, or the same after a step of a batch
            let op = match rng.below(3) {
                0 => layout,
                1 => format!(
                    r#"{{"op":"layout","mode":"{mode}","keepPlaced":{}}}"#,
                    !keep
                ),
                _ => format!(
                    r#"{{"op":"batch","ops":[{{"op":"addNode","type":"tasknode","x":5,"y":5}},{layout}]}}"#
                ),
            };
            let op = read(&op).expect("the operation reads");
            let a = plain.apply(&op).map(|o| o.to_json());
            let b = prepared.apply(&op).map(|o| o.to_json());
            assert_eq!(a, b, "{what}: {op:?}");
            assert!(plain.text() == prepared.text(), "{what}: the trees differ");
        }
        assert!(used > 0, "seed {seed}: a prepared layout was used");
        while plain.can_undo() {
            plain.undo().expect("undo");
            prepared.undo().expect("undo");
        }
        assert!(
            prepared.text() == text,
            "seed {seed}: undone to the bytes read"
        );
    }
}

/// `move` sets the `x` of every location it moves in one step, and the `y` in another
/// (making room moves thousands of nodes). Moving many nodes at once ends as moving them one
/// by one: the same bytes, the same diagnostics, the same item reads, and an undo that restores
/// the input. The moves name nodes twice, move nodes where they already are, and reach nodes
/// without a location, locations without `x` and locations whose `x` is text.
#[test]
fn moving_many_nodes_at_once_ends_as_moving_them_one_by_one() {
    for seed in 1..=60u64 {
        let text = generate::tree_text(&params(seed, 12 + (seed as usize % 5) * 6));
        let mut v = json::parse(&text, &Limits::default()).expect("tree");
        let mut rng = Rng::new(seed);
        // odd locations: some gone, some without `x`, some with `x` as text
        if let Some(Value::Array(locs)) = v.as_object_mut().and_then(|o| o.get_mut("location")) {
            for _ in 0..rng.below(3) {
                if !locs.is_empty() {
                    let i = rng.below(locs.len());
                    locs.remove(i);
                }
            }
            for item in locs.iter_mut().filter_map(Value::as_object_mut) {
                match rng.below(8) {
                    0 => {
                        item.remove("x");
                    }
                    1 => {
                        item.insert("x", Value::from("12"));
                    }
                    _ => {}
                }
            }
        }
        let text = json::to_string(&v, &json::Format::default());
        let open = |items: bool| {
            let mut doc = Document::parse(
                &text,
                &Limits::default(),
                &EditorOptions {
                    items,
                    ..EditorOptions::default()
                },
            )
            .expect("parse");
            doc.keep_diagnostics(Options::default(), true);
            doc
        };
        let (mut at_once, mut one_by_one) = (open(true), open(true));
        let ids: Vec<String> = at_once
            .tree()
            .nodes()
            .filter_map(|n| n.id().map(str::to_owned))
            .collect();
        let here = |doc: &Document, id: &str| {
            doc.tree()
                .locations()
                .find(|l| l.id() == Some(id))
                .and_then(|l| Some((l.x()?, l.y()?)))
        };
        let mut moves = Vec::new();
        for _ in 0..1 + rng.below(3 * ids.len()) {
            let id = ids[rng.below(ids.len())].clone();
            let (x, y) = match (rng.below(3), here(&at_once, &id)) {
                (0, Some(p)) => p, // where it is
                _ => (rng.below(900) as f64, rng.below(600) as f64),
            };
            moves.push((id, x, y));
        }
        let what = format!("seed {seed}: {moves:?}");
        let many = at_once.apply(&Op::Move(MoveNodes {
            moves: moves.clone(),
        }));
        let singles: Vec<String> = moves
            .iter()
            .map(|(id, x, y)| {
                format!(r#"{{"op":"move","nodes":[{{"id":"{id}","x":{x},"y":{y}}}]}}"#)
            })
            .collect();
        let batch = format!(r#"{{"op":"batch","ops":[{}]}}"#, singles.join(","));
        let batch =
            Op::from_json(&json::parse(&batch, &Limits::default()).expect("json")).expect("batch");
        let single = one_by_one.apply(&batch);
        let (many, single) = (many.expect(&what), single.expect(&what));
        assert_eq!(at_once.text(), one_by_one.text(), "{what}");
        assert_eq!(
            sorted(&at_once.diagnostics().unwrap_or_default()),
            sorted(&one_by_one.diagnostics().unwrap_or_default()),
            "{what}"
        );
        assert!(at_once.stale_units().is_empty(), "{what}");
        // the same items read back, each with its final value, but for the nodes that end
        // where they were (one by one they moved away and back; at once they did not move)
        let before = open(false);
        let read = |items: Option<Vec<pipeline_tree::edit::Item>>| {
            let mut v: Vec<(String, String)> = items
                .unwrap_or_default()
                .iter()
                .map(|i| {
                    let text = json::to_string(&i.to_json(), &json::Format::default());
                    (i.id.clone(), text)
                })
                .collect();
            v.sort();
            v.dedup();
            v
        };
        let (many, single) = (read(many.items), read(single.items));
        assert!(many.iter().all(|i| single.contains(i)), "{what}");
        for (id, _) in single.iter().filter(|i| !many.contains(i)) {
            assert_eq!(
                before.get(ItemKind::Location, id),
                at_once.get(ItemKind::Location, id),
                "{what}: {id} is not read back, yet it moved"
            );
        }
        assert!(!many.is_empty() || at_once.text() == text, "{what}");
        at_once.undo().expect("undo");
        assert_eq!(at_once.text(), text, "{what}: undo");
        assert!(at_once.stale_units().is_empty(), "{what}: undo");
    }
}
