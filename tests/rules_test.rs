//! One fixture per rule (tests/fixtures/rules/, rebuilt by build_rules.py): each is validated
//! with its options and compared with its `.expected` report. Every rule code has a
//! fixture that raises it, except the engine failure modes listed in `PARITY_ONLY`, which the
//! parity suite's generated trees reach, and `LARGE_ONLY`, raised by a generated large tree below.

#![allow(clippy::disallowed_methods)] // tests sort freely; the rule is for the shipped core

mod checks;
mod common;

use checks::rules::{render, tree_and_options};

use std::collections::BTreeSet;

use pipeline_tree::json::Value;
use pipeline_tree::rules::RULES;
use pipeline_tree::{engine, validate, Options, Preset, Severity, Tree};

/// Codes without a hand-made fixture: rare bamboo-engine failure modes.
const PARITY_ONLY: &[&str] = &["GW021", "GW022", "STREAM002", "STREAM003"];

/// Codes only a large tree raises (tested by `the_canvas_walk_stops_on_large_trees`).
const LARGE_ONLY: &[&str] = &["FEGW002"];

/// Each fixture is its own test in `tests/fixtures.rs`; here, every rule has one that
/// raises it.
#[test]
fn every_rule_has_a_fixture_that_raises_it() {
    let mut raised: BTreeSet<&'static str> = BTreeSet::new();
    for path in common::fixtures("rules") {
        let (tree, opts) = tree_and_options(&common::load(&path));
        raised.extend(validate(&tree, &opts).diagnostics.iter().map(|d| d.code));
    }
    let missing: Vec<&str> = RULES
        .iter()
        .map(|r| r.code)
        .filter(|c| !raised.contains(c) && !PARITY_ONLY.contains(c) && !LARGE_ONLY.contains(c))
        .collect();
    assert!(
        missing.is_empty(),
        "rules without a fixture that raises them: {missing:?}"
    );
}

#[test]
fn valid_base_tree_is_clean_under_every_preset() {
    let path = common::fixture_dir("rules/trees").join("base.json");
    let tree = Tree::parse(&std::fs::read_to_string(path).expect("read")).expect("parse");
    for preset in Preset::ALL {
        let r = validate(
            &tree,
            &Options {
                preset,
                ..Options::default()
            },
        );
        assert!(r.diagnostics.is_empty(), "{preset:?}: {}", render(&r));
        assert!(r.valid && r.engine.valid());
    }
    // The engine writes converge_gateway_id on the exclusive and the parallel gateway.
    let v = engine::verdict(&tree, &engine::Options::default());
    assert_eq!(
        v.converge,
        vec![
            ("eg".to_owned(), Some("cg1".to_owned())),
            ("pg".to_owned(), Some("cg2".to_owned()))
        ]
    );
}

#[test]
fn severities_follow_presets_and_overrides() {
    let (tree, _) = tree_and_options(&common::load(
        &common::fixture_dir("rules").join("GW010.json"),
    ));
    let sev = |opts: Options| {
        validate(&tree, &opts)
            .diagnostics
            .iter()
            .find(|d| d.code == "GW010")
            .map(|d| d.severity)
    };
    assert_eq!(
        sev(Options {
            preset: Preset::Template,
            ..Options::default()
        }),
        Some(Severity::Warning)
    );
    assert_eq!(
        sev(Options {
            preset: Preset::Task,
            ..Options::default()
        }),
        Some(Severity::Error)
    );
    assert_eq!(
        sev(Options {
            preset: Preset::Engine,
            ..Options::default()
        }),
        None
    );
    let mut o = Options::default();
    o.severities.insert("GW010".into(), Severity::Off);
    assert_eq!(sev(o), None);
    // The template preset lets the tree be saved (a warning); the task preset refuses it.
    assert!(validate(&tree, &Options::default()).valid);
    assert!(
        !validate(
            &tree,
            &Options {
                preset: Preset::Task,
                ..Options::default()
            }
        )
        .valid
    );
}

#[test]
fn the_canvas_walk_stops_on_large_trees() {
    // SOPS's parallel-gateway heuristic walks the rest of the flow from every parallel
    // gateway: on 3,000 nested parallel blocks (drawn: the walk follows `line`) its walks
    // exceed the budget, so it stops with one warning instead of taking seconds.
    let mut nested = pipeline_tree::json::parse(
        &testkit::generate::shapes::nested_parallel(3000),
        &pipeline_tree::Limits::default(),
    )
    .expect("generated tree");
    let root = nested.as_object_mut().expect("an object");
    let line: Vec<Value> = root
        .get("flows")
        .expect("flows")
        .as_object()
        .expect("flows")
        .iter()
        .map(|(id, f)| {
            let end = |k: &str| {
                let mut o = pipeline_tree::json::Object::new();
                o.insert("id", f.get(k).expect("an end").clone());
                Value::Object(o)
            };
            let mut o = pipeline_tree::json::Object::new();
            o.insert("id", Value::from(id));
            o.insert("source", end("source"));
            o.insert("target", end("target"));
            Value::Object(o)
        })
        .collect();
    root.insert("line", Value::Array(line));
    let text = pipeline_tree::json::to_string(&nested, &pipeline_tree::json::Format::compact());
    let r = validate(&Tree::parse(&text).expect("a tree"), &Options::default());
    // (the bare tree has no plugins or drawing of nodes: only the walk's warning is looked at)
    let codes: Vec<&str> = r
        .diagnostics
        .iter()
        .map(|d| d.code)
        .filter(|c| c.starts_with("FEGW"))
        .collect();
    assert_eq!(codes, ["FEGW002"]);
    // the generated 10,000-node tree (the generator's plugins, inputs, hooks and references
    // are real ones) is checked in full: its walks take 1.2 M steps (49 M read literally)
    for nodes in [1000, 10_000] {
        let text = testkit::generate::tree_text(&testkit::generate::Params {
            seed: 11,
            nodes,
            ..Default::default()
        });
        let r = validate(
            &Tree::parse(&text).expect("generated tree"),
            &Options::default(),
        );
        assert!(
            r.diagnostics.is_empty(),
            "{nodes}: {:?}",
            r.diagnostics.first()
        );
    }
}

#[test]
fn every_rule_declares_a_scope_and_a_doc_in_both_languages() {
    for r in RULES {
        assert!(!r.scope.names().is_empty(), "{}: no scope", r.code);
        assert!(
            !r.summary.is_empty() && !r.summary_zh.is_empty(),
            "{}: a doc is missing",
            r.code
        );
        assert_eq!(
            pipeline_tree::rules::lookup(r.code),
            Some(*r),
            "{}: listed twice",
            r.code
        );
    }
}
