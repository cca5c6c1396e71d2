//! Editor fixtures (tests/fixtures/edit/, built by build_edit.py): the Editor's options (`seed`,
//! `historyLimit`), a tree (none: a new template) and operations; each operation's outcome
//! (result, what changed, or the refusal) and the final tree are compared with the `.expected`
//! file beside the fixture. After the last operation the tree must be in step, and undoing
//! everything must give back the starting bytes. With the `diagnostics` option, each outcome
//! also lists the diagnostics that appeared and disappeared, and after every operation and
//! undo the kept diagnostics must equal a fresh run.

use pipeline_tree::edit::DiagnosticDelta;
use pipeline_tree::edit::{inconsistencies, Changes, Document, EditorOptions, KeptDiagnostics, Op};
use pipeline_tree::json::{self, Format, Value};

fn changes(name: &str, c: &Changes, out: &mut String) {
    for (what, ids) in [("+", &c.added), ("-", &c.removed), ("~", &c.updated)] {
        if !ids.is_empty() {
            out.push_str(&format!(" {name}{what}[{}]", ids.join(",")));
        }
    }
}

fn diagnostics(d: &DiagnosticDelta, out: &mut String) {
    for (what, list) in [("+", &d.added), ("-", &d.removed)] {
        if !list.is_empty() {
            let named: Vec<String> = list
                .iter()
                .map(|d| {
                    let at = d.node_id.as_deref().or(d.flow_id.as_deref()).unwrap_or("-");
                    format!("{} {at}", d.code)
                })
                .collect();
            out.push_str(&format!(" diagnostics{what}[{}]", named.join(",")));
        }
    }
}

/// The kept diagnostics and the reference index equal a fresh run.
fn fresh(doc: &Document, path: &std::path::Path, when: &str) {
    let stale = doc.stale_units();
    assert!(
        stale.is_empty(),
        "{}: {when}: stale {stale:?}",
        path.display()
    );
    if let Some(stale) = testkit::variables::stale_references(doc) {
        panic!("{}: {when}: {stale}", path.display());
    }
}

fn run(path: &std::path::Path) -> String {
    let fixture = crate::common::load(path);
    let mut options = EditorOptions::default();
    options.read_json(&fixture.options);
    let mut doc = match fixture.tree() {
        None => Document::new_template(&options),
        Some(t) => Document::new(t.expect("fixture tree"), &options),
    };
    let kept = KeptDiagnostics::from_json(fixture.options.get("diagnostics")).expect("options");
    if let Some(k) = kept {
        doc.keep_diagnostics(k.options, k.eager_graph);
    }
    // the reference index, kept from here on
    doc.references();
    let start = doc.text();
    // A tree that opens out of step (a malformed part) may stay so; no operation adds to it.
    let initial = inconsistencies(doc.tree());
    let mut out = String::new();
    let ops = fixture.ops.as_deref().expect("ops");
    for (i, op) in ops.iter().enumerate() {
        let name = op
            .as_object()
            .and_then(|o| o.get("op"))
            .and_then(Value::as_str)
            .unwrap_or("?");
        out.push_str(&format!("#{i} {name}: "));
        let before = doc.text();
        match Op::from_json(op).and_then(|op| doc.apply(&op)) {
            Ok(o) => {
                out.push_str("ok");
                if !o.result.is_empty() {
                    out.push_str(&format!(
                        " {}",
                        json::to_string(&Value::Object(o.result.clone()), &Format::compact())
                    ));
                }
                let d = &o.delta;
                changes("nodes", &d.nodes, &mut out);
                changes("flows", &d.flows, &mut out);
                changes("lines", &d.lines, &mut out);
                changes("locations", &d.locations, &mut out);
                changes("constants", &d.constants, &mut out);
                if !d.other.is_empty() {
                    out.push_str(&format!(" other[{}]", d.other.join(",")));
                }
                if let Some(d) = &o.diagnostics {
                    diagnostics(d, &mut out);
                }
                fresh(&doc, path, &format!("after op #{i}"));
            }
            Err(e) => {
                assert_eq!(
                    doc.text(),
                    before,
                    "{}: refused op #{i} changed the tree",
                    path.display()
                );
                out.push_str(&format!(
                    "refused {}: {} | {}",
                    e.code, e.message, e.message_zh
                ));
            }
        }
        out.push('\n');
    }
    let bad: Vec<String> = inconsistencies(doc.tree())
        .into_iter()
        .filter(|b| !initial.contains(b))
        .collect();
    assert!(bad.is_empty(), "{}: out of step: {bad:?}", path.display());
    out.push('\n');
    out.push_str(&doc.text());
    while doc.can_undo() {
        doc.undo().expect("undo");
        fresh(&doc, path, "after an undo");
    }
    assert_eq!(
        doc.text(),
        start,
        "{}: undoing everything restores the bytes",
        path.display()
    );
    out
}

/// `edit/X.json` gives `X.expected`.
pub fn check(path: &std::path::Path) {
    let actual = run(path);
    crate::common::expect_file(&path.with_extension("expected"), &actual);
}
