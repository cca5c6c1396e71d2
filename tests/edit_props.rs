//! Property test of the editor core: long random sequences of operations, valid and invalid,
//! on generated trees. After every operation the tree is in step (flows, wiring, conditions,
//! line, location); a refused operation changes no byte; undoing everything restores the
//! original bytes, and redoing everything gives the edited bytes again.

use pipeline_tree::edit::{inconsistencies, Document, EditorOptions, Op};
use pipeline_tree::generate::{self, ops::random_op, Params, Rng};
use pipeline_tree::json::{self, Limits, Value};

fn run_sequence(seed: u64, nodes: usize, steps: usize) {
    let text = generate::tree_text(&Params {
        seed,
        nodes,
        ..Params::default()
    });
    let options = EditorOptions {
        seed,
        history_limit: usize::MAX,
    };
    let mut doc = Document::parse(&text, &Limits::default(), &options).expect("generated trees parse");
    assert_eq!(doc.text(), text, "an unedited document writes back its bytes");
    assert_eq!(inconsistencies(doc.tree()), Vec::<String>::new(), "seed {seed}: generated tree out of step");
    let mut rng = Rng::new(seed ^ 0xed17);
    let (mut applied, mut refused) = (0, 0);
    for step in 0..steps {
        let op_text = random_op(doc.tree(), &mut rng);
        let op = Op::from_json(&json::parse(&op_text, &Limits::default()).expect("op json")).expect("op parses");
        let before = doc.text();
        match doc.apply(&op) {
            Ok(_) => {
                applied += 1;
                let bad = inconsistencies(doc.tree());
                assert!(bad.is_empty(), "seed {seed} step {step}: {op_text} left the tree out of step: {bad:?}");
                // The result is still a tree the model reads.
                pipeline_tree::Tree::parse(&doc.text()).expect("edited tree reads back");
            }
            Err(e) => {
                refused += 1;
                assert_ne!(e.code, "internal", "seed {seed} step {step}: {op_text}: {e}");
                assert_eq!(doc.text(), before, "seed {seed} step {step}: refused {op_text} changed the tree");
            }
        }
    }
    assert!(applied > steps / 4 && refused > 0, "seed {seed}: {applied} applied, {refused} refused");
    let edited = doc.text();
    while doc.can_undo() {
        doc.undo().expect("undo");
        assert!(inconsistencies(doc.tree()).is_empty(), "seed {seed}: undo left the tree out of step");
    }
    assert_eq!(doc.text(), text, "seed {seed}: undoing everything restores the original bytes");
    while doc.can_redo() {
        doc.redo().expect("redo");
    }
    assert_eq!(doc.text(), edited, "seed {seed}: redoing everything gives the edited bytes");
}

#[test]
fn random_operation_sequences_keep_the_tree_in_step() {
    for seed in 1..=24 {
        run_sequence(seed, 40 + (seed as usize % 5) * 20, 250);
    }
}

#[test]
fn a_long_sequence_on_a_large_tree() {
    run_sequence(99, 1000, 1500);
}

#[test]
fn new_template_is_sops_default() {
    let doc = Document::new_template(&EditorOptions::default());
    let t = doc.tree();
    assert!(inconsistencies(t).is_empty());
    let kinds: Vec<_> = t.nodes().map(|n| n.type_name().unwrap_or("").to_owned()).collect();
    assert_eq!(kinds, ["EmptyStartEvent", "EmptyEndEvent", "ServiceActivity"]);
    assert_eq!(t.flows().count(), 2);
    let locs: Vec<(f64, f64)> = t.locations().map(|l| (l.x().unwrap_or(-1.0), l.y().unwrap_or(-1.0))).collect();
    assert_eq!(locs, [(40.0, 150.0), (240.0, 140.0), (540.0, 150.0)]);
    for n in t.nodes() {
        let id = n.id().unwrap_or("");
        assert!(id.len() == 32 && id.starts_with('n'), "SOPS engine id: {id}");
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
    };
    let mut doc = Document::new_template(&options);
    let start = doc.tree().start_event().and_then(|n| n.id().map(str::to_owned)).unwrap_or_default();
    for i in 0..12 {
        let op = Op::Move {
            moves: vec![(start.clone(), i as f64, 0.0)],
        };
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
