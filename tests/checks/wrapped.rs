//! Wrapped trees (tests/fixtures/wrapped/, built by build_wrapped.py): each fixture names a raw
//! input (`input`, under `wrapped/inputs/`), the template chosen (`options.template`) and
//! editor operations (`ops`). `X.expected` is where the tree was found (the `TreeSource`
//! object), or the refusal (the error, each problem's Chinese message); with operations, the
//! whole wrapper written back around the edited tree.
//!
//! Checked besides: the whole wrapper is written back byte for byte when nothing changed (the
//! core, `format` with `wrapper: "keep"`, the Editor's `export`); the tree alone reads back as
//! the tree found; the edited wrapper reads back as the edited tree from the same place (as
//! text again when it was held as text), and undoing every operation gives the input's bytes.

use std::path::Path;

use pipeline_tree::api::{self, Input};
use pipeline_tree::edit::{Document, EditorOptions, Op};
use pipeline_tree::json::{self, Format, Limits, Object, Value};
use pipeline_tree::{options, wrapped};

fn input(fields: &Object) -> String {
    let rel = fields
        .get("input")
        .and_then(Value::as_str)
        .expect("a wrapped fixture names its input");
    let file = crate::common::fixture_dir(rel);
    std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

pub fn check(path: &Path) {
    crate::common::expect_file(&path.with_extension("expected"), &run(path));
}

/// The text of `X.expected`.
pub fn run(path: &Path) -> String {
    let fx = crate::common::load(path);
    let text = input(&fx.fields);
    let choice = options::template_choice(&fx.options).expect("template option");
    let given = Value::Object(fx.options.clone());
    match wrapped::open(&text, &Limits::default(), choice.as_deref()) {
        Err(e) => {
            // The JS API refuses alike.
            let through_api = api::parse(&Input::Text(text.clone()), &given);
            assert_eq!(through_api, Err(api::Error::Parse(e.clone())));
            let mut out = crate::common::render_error(&e);
            for p in e.problems() {
                let zh = p
                    .message_zh
                    .as_deref()
                    .expect("a wrapper's refusal says it in Chinese");
                out.push_str(&format!("zh {zh}\n"));
            }
            out
        }
        Ok(opened) => found(fx.ops.as_deref(), &text, &given, &opened),
    }
}

fn found(ops: Option<&[Value]>, text: &str, given: &Value, opened: &wrapped::Opened) -> String {
    let limits = Limits::default();
    let choice = options::template_choice(given.as_object().expect("options")).unwrap();
    let source = opened.source.to_json();
    let mut out = json::to_string(&source, &Format::default());
    // findTree says the same without reading the tree.
    let found = wrapped::find(text, &limits, choice.as_deref()).expect("find");
    assert_eq!(found, opened.source);
    // The whole wrapper comes back byte for byte: the core, format, the Editor.
    let outer = Format::detect(text);
    assert!(
        opened.write(&opened.tree, &outer, true) == text,
        "the wrapper does not round-trip"
    );
    let mut keep = given.as_object().cloned().unwrap_or_default();
    keep.insert("wrapper", Value::from("keep"));
    let formatted = api::format(&Input::Text(text.to_owned()), &Value::Object(keep.clone()));
    assert!(
        formatted.as_deref() == Ok(text),
        "format keep: {formatted:?}"
    );
    let editor = api::Editor::open(Some(&Input::Text(text.to_owned())), given, 1).expect("editor");
    assert_eq!(editor.source(), source);
    assert!(editor.export(&Value::Object(keep)).as_deref() == Ok(text));
    // The tree alone reads back as the tree found.
    let alone = opened.write(&opened.tree, &opened.layout(&outer, false), false);
    assert_eq!(editor.export(&Value::Null).as_deref(), Ok(alone.as_str()));
    let again = pipeline_tree::Tree::parse(&alone).expect("the tree alone reads");
    assert_eq!(again, opened.tree);
    if let Some(ops) = ops {
        out.push_str("--- the wrapper after the operations\n");
        out.push_str(&edited(ops, text, opened, &choice));
    }
    out
}

fn edited(ops: &[Value], text: &str, opened: &wrapped::Opened, choice: &Option<String>) -> String {
    let shell = opened.shell.as_ref().expect("a wrapper");
    let outer = Format::detect(text);
    let options = EditorOptions {
        seed: 1,
        ..EditorOptions::default()
    };
    let mut doc = Document::new(opened.tree.clone(), &options);
    for op in ops {
        Op::from_json(op)
            .and_then(|op| doc.apply(&op))
            .expect("operation");
    }
    let written = shell.write(doc.tree(), &outer);
    // It reads back from the same place, as the edited tree.
    let back = wrapped::open(&written, &Limits::default(), choice.as_deref()).expect("reopen");
    assert_eq!(back.source, opened.source);
    assert_eq!(&back.tree, doc.tree());
    while doc.can_undo() {
        doc.undo().expect("undo");
    }
    assert!(
        shell.write(doc.tree(), &outer) == text,
        "undoing everything does not give the input back"
    );
    written
}
