//! Payload rules and builders: every payload rule code has a fixture case that raises it
//! (each case is its own test in `tests/fixtures.rs`, through `checks/payload.rs`), codes are
//! unique and documented, and the builders refuse nothing and never panic on odd input.
#![allow(clippy::disallowed_methods)] // tests sort freely; the rule is for the shipped core

mod checks;
mod common;

use std::collections::BTreeSet;
use std::path::Path;

use pipeline_tree::json::{self, Limits, Object, Value};
use pipeline_tree::payload::{self, Api, RULES};
use pipeline_tree::Tree;

/// Each case is its own test in `tests/fixtures.rs`; here, every code has a case raising it.
#[test]
fn every_payload_rule_has_a_case_that_raises_it() {
    let mut raised = BTreeSet::new();
    let files = common::fixtures("payload");
    assert!(files.len() >= 90, "{} cases", files.len());
    for path in files {
        raised.extend(checks::payload::run(&path).1);
    }
    let missing: Vec<&str> = RULES
        .iter()
        .map(|r| r.code)
        .filter(|c| !raised.contains(*c))
        .collect();
    assert!(
        missing.is_empty(),
        "payload rules without a fixture that raises them: {missing:?}"
    );
}

#[test]
fn codes_are_unique_and_documented() {
    let mut seen = BTreeSet::new();
    for r in RULES {
        assert!(seen.insert(r.code), "{} twice", r.code);
        assert!(
            !r.summary.is_empty() && !r.summary_zh.is_empty(),
            "{}",
            r.code
        );
        assert!(payload::lookup(r.code).is_some());
    }
}

#[test]
fn builders_refuse_nothing_and_never_panic_on_odd_input() {
    // Every field with values of every JSON type: diagnostics, never a panic.
    let tree = Tree::parse(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/payload/trees/rich.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let odd = [
        "null",
        "true",
        "0",
        "-1.5",
        "\"\"",
        "\"x\"",
        "[]",
        "[null, 1, \"a\"]",
        "{}",
        "{\"a\": {\"b\": []}}",
    ];
    for api in [Api::CreateTask, Api::MockTask, Api::ClockedTask] {
        for key in api
            .input_keys()
            .iter()
            .chain(["task_parameters", "mock_data"].iter())
        {
            for v in odd {
                let mut input = Object::new();
                input.insert(*key, json::parse(v, &Limits::default()).unwrap());
                let built = api.build(Some(&tree), &input).unwrap();
                let _ = built.to_json();
                let mut nested = Object::new();
                let mut inner = Object::new();
                for k in [
                    "nodes",
                    "outputs",
                    "mock_data_ids",
                    "constants",
                    "template_schemes_id",
                    "exclude_task_nodes_id",
                    "appoint_task_nodes_id",
                ] {
                    inner.insert(k, json::parse(v, &Limits::default()).unwrap());
                }
                nested.insert(*key, Value::Object(inner));
                let _ = api.build(Some(&tree), &nested).unwrap().to_json();
            }
        }
    }
}
