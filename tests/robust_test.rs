//! The fuzz targets' properties (`testkit::robust`) on every fixture and on generated inputs
//! (every input a fuzzer found failing, `tests/fixtures/fuzz/TARGET/`, is one test each in
//! `tests/fixtures.rs`: once fixed, a failure stays fixed).
#![allow(clippy::disallowed_methods)] // tests sort freely; the rule is for the shipped core

use std::fs;
use std::path::{Path, PathBuf};

use testkit::robust;

use robust::{Target, TARGETS};

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.retain(|p| p.is_file());
    v.sort();
    v
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Runs `target` on `data`, turning a panic into the file's name and message.
fn run(name: &str, target: Target, file: &Path, data: &[u8]) -> Option<String> {
    let result = std::panic::catch_unwind(|| target(data));
    result.err().map(|e| {
        let msg = e
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        format!("{name} on {}: {msg}", file.display())
    })
}

fn no_failures(failures: &[String], count: usize) {
    assert!(
        failures.is_empty(),
        "{} of {count}:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every fixture file and real-world corpus tree as it is, and the tree of each fixture that
/// has one (its text, and for a payload case `{"tree", "input"}`, the payload target's shape).
#[test]
fn every_fixture_keeps_the_properties() {
    let mut failures = Vec::new();
    let mut count = 0;
    for dir in [
        "trees",
        "rules",
        "malformed",
        "layout",
        "payload",
        "edit",
        "hostile",
        "realworld-surprises",
        "../realworld/trees",
    ] {
        for file in files(&fixtures().join(dir)) {
            if file.extension().and_then(|e| e.to_str()) != Some("json") {
                continue;
            }
            let mut inputs = vec![fs::read(&file).expect("read")];
            if !["trees", "malformed", "hostile", "../realworld/trees"].contains(&dir) {
                inputs.extend(built(&file));
            }
            for input in inputs {
                let mut data = vec![0u8];
                data.extend(input);
                for (name, target) in TARGETS {
                    count += 1;
                    failures.extend(run(name, target, &file, &data));
                }
            }
        }
    }
    assert!(count > 500, "only {count} runs");
    no_failures(&failures, count);
}

/// The tree a fixture builds (base and patch), as text; for a payload case with its input.
fn built(file: &Path) -> Option<Vec<u8>> {
    use pipeline_tree::json::{self, Format, Object, Value};
    let fixture = testkit::Fixture::read(file).unwrap_or_else(|e| panic!("{e}"));
    let tree = fixture.tree.clone()?;
    let Some(input) = fixture.fields.get("input") else {
        return fixture.tree_text().map(String::into_bytes);
    };
    let mut case = Object::new();
    case.insert("tree", tree);
    case.insert("input", input.clone());
    Some(json::to_string(&Value::Object(case), &Format::default()).into_bytes())
}

#[test]
fn generated_inputs_keep_the_properties() {
    let mut failures = Vec::new();
    let mut rng = testkit::generate::Rng::new(42);
    for i in 0..200u32 {
        // every generator and shape (robust::input's first byte), the parity trees in half
        let mut data = vec![0x80 | (i % 16) as u8];
        data.extend((0..12 + i % 80).map(|_| rng.below(256) as u8));
        for (name, target) in TARGETS {
            failures.extend(run(
                name,
                target,
                Path::new(&format!("generated #{i}")),
                &data,
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{}:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// `ROBUST_TARGET=edit ROBUST_FILE=path cargo test --test robust_test one -- --ignored`:
/// one input through one target, with the panic shown (for investigating a fuzzer's find).
#[test]
#[ignore = "runs the input named by ROBUST_TARGET and ROBUST_FILE"]
fn one() {
    let (Ok(name), Ok(file)) = (std::env::var("ROBUST_TARGET"), std::env::var("ROBUST_FILE"))
    else {
        return;
    };
    let target = TARGETS
        .iter()
        .find(|(n, _)| *n == name)
        .expect("a target name")
        .1;
    target(&fs::read(&file).expect("read"));
}
