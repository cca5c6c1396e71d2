//! Rule fixtures (`rules/X.json`, built by build_rules.py): the validation options and the
//! base tree with the patch that breaks it; the whole report is `X.expected`.
#![allow(clippy::disallowed_methods)] // tests sort freely; the rule is for the shipped core

use std::path::Path;

use pipeline_tree::rules::RULES;
use pipeline_tree::{validate, Options, Report, Severity, Tree};
use testkit::Fixture;

/// The fixture's tree and validation options (its `options`, read as the JS API reads them).
pub fn tree_and_options(fixture: &Fixture) -> (Tree, Options) {
    let name = &fixture.name;
    let tree = fixture
        .tree()
        .unwrap_or_else(|| panic!("{name}: a rule fixture has a tree"))
        .unwrap_or_else(|e| panic!("{name}: rule fixtures are well-typed trees: {e}"));
    let options =
        Options::from_json(&fixture.options).unwrap_or_else(|e| panic!("{name}: options: {e}"));
    (tree, options)
}

/// A report as the `.expected` files hold it.
pub fn render(r: &Report) -> String {
    let mut s = format!("valid: {}\n", r.valid);
    match &r.engine.error {
        None => s.push_str("engine: valid\n"),
        Some(e) => s.push_str(&format!(
            "engine: {} {} at {} | {}\n",
            e.kind.as_str(),
            e.code,
            e.node_id.as_deref().unwrap_or("-"),
            e.detail.trim_end().replace('\n', " / ")
        )),
    }
    let conv: Vec<String> = r
        .engine
        .converge
        .iter()
        .map(|(g, c)| format!("{g}={}", c.as_deref().unwrap_or("null")))
        .collect();
    s.push_str(&format!("converge: {}\n", conv.join(" ")));
    for d in &r.diagnostics {
        s.push_str(&format!(
            "{} {} node={} flow={} path={}\n  {}\n  {}\n",
            d.severity,
            d.code,
            d.node_id.as_deref().unwrap_or("-"),
            d.flow_id.as_deref().unwrap_or("-"),
            d.path.as_ref().map_or("-".to_owned(), |p| p.to_string()),
            d.message,
            d.message_zh
        ));
    }
    s
}

/// `rules/X.json`, validated with its options, gives the report of `X.expected`
/// (a fixture named after a code raises it; valid means no error; the engine's refusal is an
/// error). Through the editor's units it gives the same diagnostics, and (with debug
/// assertions, as tests build) no unit raises a rule outside the scope the registry declares.
pub fn check(path: &Path) {
    let fixture = crate::common::load(path);
    let (tree, opts) = tree_and_options(&fixture);
    let report = validate(&tree, &opts);
    let name = fixture.name;
    if let Some(code) = RULES.iter().map(|r| r.code).find(|c| *c == name) {
        assert!(
            report.diagnostics.iter().any(|d| d.code == code),
            "{name}: the fixture does not raise {code}:\n{}",
            render(&report)
        );
    }
    assert_eq!(
        report.valid,
        !report
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error),
        "{name}: valid must mean no error"
    );
    if report.engine.error.is_some() {
        let code = report.engine.error.as_ref().map(|e| e.code);
        assert!(
            report
                .diagnostics
                .iter()
                .any(|d| Some(d.code) == code && d.severity == Severity::Error),
            "{name}: the engine's refusal must be an error diagnostic"
        );
    }
    crate::common::expect_file(&path.with_extension("expected"), &render(&report));
    units(&name, tree, opts, &report);
}

/// The same tree through the editor's units gives the same diagnostics as `full`.
fn units(name: &str, tree: Tree, opts: Options, full: &Report) {
    use pipeline_tree::edit::{Document, EditorOptions};
    let key = |d: &pipeline_tree::Diagnostic| format!("{d:?}");
    let mut full: Vec<String> = full.diagnostics.iter().map(key).collect();
    let mut doc = Document::new(tree, &EditorOptions::default());
    doc.keep_diagnostics(opts, true);
    let mut kept: Vec<String> = doc.diagnostics().expect("kept").iter().map(key).collect();
    full.sort();
    kept.sort();
    assert_eq!(
        kept, full,
        "{name}: the units and the full validation differ"
    );
}
