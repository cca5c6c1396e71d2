//! The real-world corpus (`tests/realworld/`: 132 trees people wrote, from Tencent BlueKing's
//! public repositories, MIT-licensed; see its README): one test per file, named
//! `realworld/FILE`. Each file is read and written back byte for byte; each tree opens,
//! validates without panic under every preset, is laid out in both modes (and by the editor,
//! computed ahead or not, undone and redone exactly), and its engine verdict agrees with the one `MANIFEST.tsv` records
//! (bamboo-engine cd9f7b8, `cycle_tolerate=True`; the parity suite also compares every tree
//! with bamboo-engine 3.0.7 run live), and 60 random edits (graph and variables) keep the
//! editor's properties and undo to the same bytes. The format the
//! report names is the manifest's, except where the manifest's own rule differs (below).
//!
//! Export files wrap several templates (`pipeline_template_data`): they round-trip as JSON, and
//! their trees are checked by [`wrapped`] (pending: reading a tree out of a wrapper).
#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // tests sort and hash freely; the rules are for the shipped core

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use libtest_mimic::{Arguments, Failed, Trial};
use pipeline_tree::edit::{Document, EditorOptions, Op};
use pipeline_tree::engine::ErrorKind;
use pipeline_tree::json::{self, Format, Limits};
use pipeline_tree::layout::{self, Mode, Params};
use pipeline_tree::{Options, Preset, Tree};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/realworld")
}

/// One manifest row: the format it records and bamboo-engine's verdict from its notes.
#[derive(Clone, Debug)]
struct Row {
    format: String,
    verdict: Option<String>,
}

fn manifest() -> HashMap<String, Row> {
    let text = std::fs::read_to_string(root().join("MANIFEST.tsv")).expect("MANIFEST.tsv");
    let mut rows = HashMap::new();
    for line in text.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let notes = cols.get(8).copied().unwrap_or("");
        let verdict = notes
            .split(" | ")
            .find_map(|n| n.strip_prefix("bamboo_engine validator (cycle_tolerate=True): "))
            .map(|v| v.trim().to_owned());
        rows.insert(
            cols[0].to_owned(),
            Row {
                format: cols[4].to_owned(),
                verdict,
            },
        );
    }
    rows
}

/// Where the format the core reads differs from the manifest's column: the manifest calls a
/// tree a fragment when it has no `data.inputs`; the core reads any tree with a `data` object
/// and no `constants`/`outputs` as bamboo-engine's format (these carry `data.outputs` and
/// `pre_render_keys`).
const FORMAT_EXCEPTIONS: &[(&str, &str)] = &[
    ("131-dbm-flow-tree.json", "engine"),
    ("132-dbm-taskflow-tree-data.json", "engine"),
];

/// A SOPS export file: every template it lists opens by its id, the whole file is written back
/// byte for byte around each, and each template's tree validates (bamboo-engine's verdicts on
/// them are compared live by the parity suite).
fn wrapped(name: &str, text: &str) {
    let limits = Limits::default();
    let found =
        pipeline_tree::wrapped::find(text, &limits, None).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(!found.templates.is_empty(), "{name}: no templates found");
    let format = Format::detect(text);
    for t in &found.templates {
        let opened = pipeline_tree::wrapped::open(text, &limits, Some(&t.id))
            .unwrap_or_else(|e| panic!("{name} template {}: {e}", t.id));
        assert!(
            opened.write(&opened.tree, &format, true) == text,
            "{name} template {}: the export file is not written back byte for byte",
            t.id
        );
        let mut options = Options::default();
        options.engine.cycle_tolerate = true;
        options.engine.require_subprocess_pipeline = true;
        let report = pipeline_tree::validate(&opened.tree, &options);
        assert_eq!(report.format, opened.tree.format());
    }
}

fn check(path: &Path, row: &Row) {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("?");
    let bytes = std::fs::read(path).unwrap();
    let text = std::str::from_utf8(&bytes).expect("UTF-8");
    let format = Format::detect(text);
    let value = json::parse(text, &Limits::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(
        json::to_string(&value, &format) == text,
        "{name} is not written back byte for byte"
    );
    if row.format == "export" {
        return wrapped(name, text);
    }
    let tree = Tree::parse(text).unwrap_or_else(|e| panic!("{name} does not open: {e}"));
    assert!(
        tree.to_string(&format) == text,
        "{name}: the tree does not round-trip"
    );
    let expected = FORMAT_EXCEPTIONS
        .iter()
        .find(|(f, _)| *f == name)
        .map_or(row.format.as_str(), |(_, f)| f);
    assert_eq!(tree.format().as_str(), expected, "{name}: format");
    for preset in [Preset::Template, Preset::Task, Preset::Engine] {
        let options = Options {
            preset,
            ..Options::default()
        };
        let report = pipeline_tree::validate(&tree, &options);
        assert_eq!(report.format, tree.format());
    }
    rules_off(name, &tree);
    let mut options = Options::default();
    options.engine.cycle_tolerate = true;
    options.engine.require_subprocess_pipeline = true;
    let report = pipeline_tree::validate(&tree, &options);
    if let Some(v) = &row.verdict {
        agree(name, v, &report.engine);
    }
    // the dense stages give the JSON stages' verdict
    assert_eq!(
        report.engine,
        pipeline_tree::engine::verdict_reference(&tree, &options.engine),
        "{name}: the dense and the JSON stages differ"
    );
    for mode in [Mode::Sops, Mode::Layered] {
        let params = Params {
            mode,
            ..Params::default()
        };
        layout::layout(&tree, &params).unwrap_or_else(|e| panic!("{name}: {mode:?} layout: {e:?}"));
    }
    // The editor opens it, lays it out, and undoing gives the tree back.
    let mut doc = Document::new(tree, &EditorOptions::default());
    let before = doc.text();
    let op = json::parse(r#"{"op": "layout", "mode": "layered"}"#, &Limits::default()).unwrap();
    let op = Op::from_json(&op).unwrap();
    doc.apply(&op)
        .unwrap_or_else(|e| panic!("{name}: the editor's layout: {e}"));
    let laid = doc.text();
    doc.undo().unwrap();
    assert!(doc.text() == before, "{name}: undoing the layout");
    // computed ahead, the same layout; redone, the same again
    let Op::Layout(params) = &op else {
        unreachable!("a layout operation")
    };
    doc.prepare_layout(params.clone());
    doc.apply(&op).unwrap();
    assert!(doc.text() == laid, "{name}: the prepared layout");
    doc.undo().unwrap();
    doc.redo().unwrap();
    assert!(doc.text() == laid, "{name}: redoing the layout");
    doc.undo().unwrap();
    assert!(doc.text() == before, "{name}: undoing it again");
    edit_sequence(name, doc);
}

/// Rules whose checks are skipped when they are off (their families' work is not done).
const SKIPPED_WHEN_OFF: &[&str] = &[
    "VAR001",
    "VAR002",
    "VAR003",
    "VAR004",
    "VAR005",
    "VAR006",
    "EXPR001",
    "EXPR002",
    "PLUGIN001",
    "PLUGIN002",
    "PLUGIN003",
    "PLUGIN004",
    "PLUGIN005",
    "SCHEMA013",
    "WEB009",
];

/// A rule turned off takes its own diagnostics away and nothing else.
fn rules_off(name: &str, tree: &Tree) {
    let all = pipeline_tree::validate(tree, &Options::default());
    for code in SKIPPED_WHEN_OFF {
        let mut options = Options::default();
        options.set_rule(code, "off").unwrap();
        let report = pipeline_tree::validate(tree, &options);
        let expected: Vec<_> = all.diagnostics.iter().filter(|d| d.code != *code).collect();
        let got: Vec<_> = report.diagnostics.iter().collect();
        assert_eq!(got, expected, "{name}: {code} off");
        assert_eq!(report.engine, all.engine, "{name}: {code} off");
    }
}

/// Random operations on the tree, graph and variables mixed, with diagnostics kept: after
/// each, the kept diagnostics equal a fresh run, no input is left hooked to a variable that
/// does not list it, a renamed key is used nowhere, a refused operation changes nothing;
/// undoing everything gives the original bytes.
fn edit_sequence(name: &str, mut doc: Document) {
    use testkit::variables::{binding_problems, new_problems, unresolved_use, uses_of};
    let start = doc.text();
    let mut kept = Options::default();
    kept.engine.cycle_tolerate = true;
    doc.keep_diagnostics(kept, true);
    doc.references();
    let seed = name
        .bytes()
        .fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(b as u64));
    let mut rng = testkit::generate::Rng::new(seed);
    for step in 0..60 {
        let text = testkit::generate::ops::random_op(doc.tree(), &mut rng);
        let op = Op::from_json(&json::parse(&text, &Limits::default()).unwrap()).unwrap();
        let what = format!("{name} step {step}: {text}");
        let before = doc.text();
        let problems = binding_problems(doc.tree());
        let renamed = match &op {
            Op::UpdateVariable(u) => u
                .fields
                .get("key")
                .and_then(json::Value::as_str)
                .filter(|new| {
                    let old = pipeline_tree::variables::braced(&u.key);
                    doc.tree().constant(&old).is_some()
                        && pipeline_tree::variables::braced(new) != old
                })
                .map(|_| u.key.clone()),
            _ => None,
        };
        match doc.apply(&op) {
            Ok(_) => {
                let stale = doc.stale_units();
                assert!(
                    stale.is_empty(),
                    "{what}: kept diagnostics stale: {stale:?}"
                );
                let new = new_problems(&problems, &binding_problems(doc.tree()));
                assert!(new.is_empty(), "{what}: {new:?}");
                if let Some(old) = renamed {
                    let left = uses_of(doc.tree(), &old);
                    assert!(left.is_empty(), "{what}: the old key is used at {left:?}");
                }
                if let Some(bad) = unresolved_use(doc.tree()) {
                    panic!("{what}: a use not in the tree: {bad}");
                }
                if let Some(stale) = testkit::variables::stale_references(&doc) {
                    panic!("{what}: {stale}");
                }
            }
            Err(e) => {
                assert_ne!(e.code, "internal", "{what}: {e}");
                assert!(doc.text() == before, "{what}: a refusal changed the tree");
            }
        }
    }
    while doc.can_undo() {
        doc.undo().unwrap();
        if let Some(stale) = testkit::variables::stale_references(&doc) {
            panic!("{name}: undo: {stale}");
        }
    }
    assert!(doc.text() == start, "{name}: undoing every edit");
}

/// The manifest's verdict (`valid`, `invalid: KeyError ('x')`, `invalid:
/// ConnectionValidateError`, `invalid: StreamValidateError (node_id=act_3 )`) against ours.
fn agree(name: &str, recorded: &str, ours: &pipeline_tree::engine::Verdict) {
    let error = ours.error.as_ref();
    if recorded == "valid" {
        assert!(
            error.is_none(),
            "{name}: bamboo-engine accepts it, we say {error:?}"
        );
        return;
    }
    let e = error.unwrap_or_else(|| panic!("{name}: bamboo-engine says {recorded}, we accept it"));
    let what = recorded.trim_start_matches("invalid: ");
    let ok = if what.starts_with("KeyError") {
        e.kind == ErrorKind::Crash && e.detail.starts_with("KeyError")
    } else if what.starts_with("ConnectionValidateError") {
        e.kind == ErrorKind::Connection
    } else if let Some(rest) = what.strip_prefix("StreamValidateError (node_id=") {
        e.kind == ErrorKind::Stream
            && Some(rest.trim_end_matches(')').trim()) == e.node_id.as_deref()
    } else {
        panic!("{name}: unknown recorded verdict {recorded}")
    };
    assert!(ok, "{name}: bamboo-engine says {recorded}, we say {e:?}");
}

fn main() -> ExitCode {
    let rows = manifest();
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("trees"))
        .expect("tests/realworld/trees")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 132, "the corpus has 132 files");
    assert_eq!(rows.len(), files.len(), "one manifest row per file");
    let trials = files
        .into_iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let row = rows
                .get(&name)
                .unwrap_or_else(|| panic!("{name} is not in MANIFEST.tsv"))
                .clone();
            let stem = name.trim_end_matches(".json").to_owned();
            Trial::test(format!("realworld/{stem}"), move || {
                check(&path, &row);
                Ok::<(), Failed>(())
            })
        })
        .collect();
    libtest_mimic::run(&Arguments::from_args(), trials).exit_code()
}
