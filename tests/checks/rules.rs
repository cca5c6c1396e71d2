//! Rule fixtures (`rules/X.json` with `X.options` and `X.expected`, built by build_rules.py).
#![allow(clippy::disallowed_methods)] // tests sort freely; the rule is for the shipped core

use std::path::Path;

use pipeline_tree::rules::RULES;
use pipeline_tree::{validate, Options, Report, Severity, Tree};

/// The options of a `.options` file: command-line flags, set through the core's setters (the
/// same the command line uses).
pub fn options(text: &str) -> Options {
    let mut o = Options::default();
    let mut words = text.split_whitespace();
    while let Some(flag) = words.next() {
        let mut value = || {
            words
                .next()
                .unwrap_or_else(|| panic!("{flag} needs a value"))
        };
        let set = match flag {
            "--preset" => o.set_preset(value()),
            "--cycles" => o.set_cycles(value()),
            "--require-subprocess-pipeline" => {
                o.engine.require_subprocess_pipeline = true;
                Ok(())
            }
            "--templates" => {
                let path = crate::common::fixture_dir("rules").join(value());
                o.set_templates_text(&std::fs::read_to_string(&path).expect("catalogue"))
            }
            "--rule" => {
                let (code, level) = value().split_once('=').expect("CODE=LEVEL");
                o.set_rule(code, level)
            }
            other => panic!("unknown option {other}"),
        };
        set.unwrap_or_else(|e| panic!("{flag}: {e}"));
    }
    o
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
            e.message.trim_end().replace('\n', " / ")
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

/// `rules/X.json`, validated with the options of `X.options`, gives the report of `X.expected`
/// (a fixture named after a code raises it; valid means no error; the engine's refusal is an
/// error). Through the editor's units it gives the same diagnostics, and (with debug
/// assertions, as tests build) no unit raises a rule outside the scope the registry declares.
pub fn check(path: &Path) {
    let text = std::fs::read_to_string(path).expect("read fixture");
    let opts =
        options(&std::fs::read_to_string(path.with_extension("options")).expect("options file"));
    let tree = Tree::parse(&text).expect("rule fixtures are well-typed trees");
    let report = validate(&tree, &opts);
    let name = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_owned();
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
