//! Property tests of node exclusion on generated trees: leaving out any set of optional nodes,
//! in any order, gives a tree the validator accepts (preset `task`) whose flows, wiring,
//! conditions, line and location agree; excluded nodes are gone and every other activity is
//! kept. A create-task body built with the same exclusion is ready to send.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;

use pipeline_tree::edit::inconsistencies;
use pipeline_tree::json::{Format, Object, Value};
use pipeline_tree::payload::{self, exclude, Api};
use pipeline_tree::{validate, Options, Tree};
use testkit::generate::{self, Params, Rng};

/// What task creation checks (the `task` preset without the canvas's save heuristic).
fn task_options() -> Options {
    payload::task_options()
}

/// A generated tree; some activities made required (`optional: false`) when `required` > 0.
fn tree(seed: u64, nodes: usize, legacy_io: bool, required: u32) -> Tree {
    let mut v = generate::tree(&Params {
        seed,
        nodes,
        max_depth: 3,
        legacy_io,
        ..Params::default()
    });
    let mut rng = Rng::new(seed ^ 0x0e1c);
    if let Some(acts) = v
        .as_object_mut()
        .and_then(|o| o.get_mut("activities"))
        .and_then(Value::as_object_mut)
    {
        for (_, a) in acts.iter_mut() {
            if rng.chance(required) {
                if let Some(a) = a.as_object_mut() {
                    a.insert("optional", Value::Bool(false));
                }
            }
        }
    }
    Tree::from_value(v).expect("generated trees are trees")
}

/// Optional activities, a random subset in a random order.
fn choose(t: &Tree, rng: &mut Rng, percent: u32) -> Vec<String> {
    let mut ids: Vec<String> = t
        .activities()
        .filter(|a| a.optional() == Some(true) && rng.chance(percent))
        .map(|a| a.key().to_owned())
        .collect();
    for i in (1..ids.len()).rev() {
        ids.swap(i, rng.below(i + 1));
    }
    ids
}

fn check(t: &Tree, ids: &[String], what: &str) {
    let before = validate(t, &task_options());
    assert!(before.valid, "{what}: the generated tree is valid");
    let ex = exclude(t, ids);
    assert_eq!(
        ex.excluded, ids,
        "{what}: every chosen node excluded, in order"
    );
    let out = &ex.tree;
    let report = validate(out, &task_options());
    // Excluding everything between start and end leaves start→end, which bamboo-engine
    // refuses, on the server too: EXCL006 says so, and the engine's CONN001 is the only error.
    let nothing_left = ex.diagnostics.iter().any(|d| d.code == "EXCL006");
    if nothing_left {
        assert_eq!(ex.diagnostics.len(), 1, "{what}: {:?}", ex.diagnostics);
        let errors: Vec<&str> = report.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(errors, ["CONN001"], "{what}: start→end");
    } else {
        assert!(ex.diagnostics.is_empty(), "{what}: {:?}", ex.diagnostics);
        assert!(
            report.valid,
            "{what}: excluding {ids:?} gives an invalid tree: {:?}",
            report.diagnostics
        );
        assert!(
            report.engine.valid(),
            "{what}: bamboo-engine refuses the pruned tree"
        );
    }
    let bad = inconsistencies(out);
    assert!(
        bad.is_empty(),
        "{what}: excluding {ids:?} leaves the tree out of step: {bad:?}"
    );
    for a in t.activities() {
        let kept = out.activities().any(|b| b.key() == a.key());
        assert_eq!(
            kept,
            !ids.iter().any(|i| i == a.key()),
            "{what}: activity {}",
            a.key()
        );
    }
    // Every variable kept is one the original had, indexes renumbered from 0.
    for (i, c) in out.constants().enumerate() {
        assert!(t.constant(c.map_key()).is_some());
        assert_eq!(
            c.index(),
            Some(i as f64),
            "{what}: index of {}",
            c.map_key()
        );
    }
    // The pruned tree writes and reads back the same, and pruning again changes nothing.
    let text = out.to_string(&Format::default());
    assert_eq!(
        Tree::parse(&text)
            .expect("reads back")
            .to_string(&Format::default()),
        text
    );
    let again = exclude(out, &[]);
    assert_eq!(
        again.tree.to_string(&Format::default()),
        text,
        "{what}: a pruned tree is a fixed point"
    );
    // The same exclusion through the create-task builder gives a body ready to send.
    let mut input = Object::new();
    input.insert("creator", Value::from("admin"));
    input.insert(
        "exclude_task_nodes_id",
        Value::Array(ids.iter().map(|s| Value::from(s.as_str())).collect()),
    );
    let built = Api::CreateTask.build(Some(t), &input).expect("tree given");
    assert_eq!(
        built.valid(),
        !nothing_left,
        "{what}: {:?}",
        built.diagnostics
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn excluding_optional_nodes_keeps_a_valid_tree_in_step(
        seed in 1u64..1_000_000,
        nodes in 8usize..90,
        percent in 0u32..=100,
        legacy in any::<bool>(),
        required in 0u32..40,
    ) {
        let t = tree(seed, nodes, legacy, required);
        let mut rng = Rng::new(seed ^ 0x5eed);
        let ids = choose(&t, &mut rng, percent);
        check(&t, &ids, &format!("seed {seed} nodes {nodes} legacy {legacy}"));
    }
}

#[test]
fn excluding_every_optional_node_of_larger_trees() {
    for seed in 1..=6 {
        let t = tree(seed, 400, seed % 2 == 0, 0);
        // every optional one (a task whose output a variable receives is generated required)
        let all: Vec<String> = t
            .activities()
            .filter(|a| a.optional() == Some(true))
            .map(|a| a.key().to_owned())
            .collect();
        check(&t, &all, &format!("seed {seed}, all"));
        let mut rng = Rng::new(seed);
        check(&t, &choose(&t, &mut rng, 50), &format!("seed {seed}, half"));
    }
}

#[test]
fn a_required_node_is_refused_and_the_tree_kept() {
    let t = tree(11, 40, false, 100);
    let first = t.activities().next().expect("activities").key().to_owned();
    let ex = payload::exclude(&t, std::slice::from_ref(&first));
    assert_eq!(
        ex.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>(),
        ["EXCL002"]
    );
    assert!(ex.excluded.is_empty());
    assert!(ex.tree.activities().any(|a| a.key() == first));
    assert!(inconsistencies(&ex.tree).is_empty());
}
