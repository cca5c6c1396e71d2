//! Real-world surprise fixtures (`realworld-surprises/X.json`, built by build_surprises.py): one
//! small tree per thing real trees hold that a reader might not expect, with the corpus files
//! that show it. Each tree opens and is written back as it was read (its text in the default
//! layout and compact); its format, its report under the fixture's options (bamboo-engine's
//! verdict included) and the outcome of its editor operations are `X.expected`.

use std::path::Path;

use pipeline_tree::edit::{inconsistencies, Document, EditorOptions, Op};
use pipeline_tree::json::{self, Format, Value};
use pipeline_tree::{validate, Tree};

pub fn check(path: &Path) {
    let fixture = crate::common::load(path);
    let name = fixture.name.clone();
    let field = |k: &str| {
        fixture
            .fields
            .get(k)
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("{name}: a surprise fixture says `{k}`"))
            .to_owned()
    };
    let (corpus, shows) = (field("corpus"), field("shows"));
    let text = fixture.tree_text().expect("a surprise fixture has a tree");
    let tree = Tree::parse(&text).unwrap_or_else(|e| panic!("{name} does not open: {e}"));
    for format in [Format::default(), Format::compact()] {
        let t = json::to_string(fixture.tree.as_ref().unwrap(), &format);
        let again = Tree::parse(&t).unwrap().to_string(&format);
        assert!(
            again == t,
            "{name} is not written back as read ({format:?})"
        );
    }
    let (_, options) = super::rules::tree_and_options(&fixture);
    let report = validate(&tree, &options);
    let mut out = format!(
        "corpus: {corpus}\nshows: {shows}\nformat: {}\n",
        report.format.as_str()
    );
    out.push_str(&super::rules::render(&report));
    if let Some(ops) = &fixture.ops {
        let mut doc = Document::new(tree, &EditorOptions::default());
        for (i, op) in ops.iter().enumerate() {
            let kind = op
                .as_object()
                .and_then(|o| o.get("op"))
                .and_then(Value::as_str)
                .unwrap_or("?");
            match Op::from_json(op).and_then(|op| doc.apply(&op)) {
                Ok(o) => out.push_str(&format!(
                    "#{i} {kind}: ok {}\n",
                    json::to_string(&Value::Object(o.result.clone()), &Format::compact())
                )),
                Err(e) => out.push_str(&format!(
                    "#{i} {kind}: refused {}: {} | {}\n",
                    e.code, e.message, e.message_zh
                )),
            }
        }
        let bad = inconsistencies(doc.tree());
        out.push_str(&format!(
            "in step after the operations: {}\n",
            bad.is_empty()
        ));
        for b in bad {
            out.push_str(&format!("  {b}\n"));
        }
        out.push_str(&format!(
            "after: {}\n",
            validate(doc.tree(), &options).format.as_str()
        ));
        out.push('\n');
        out.push_str(&doc.text());
    }
    crate::common::expect_file(&path.with_extension("expected"), &out);
}
