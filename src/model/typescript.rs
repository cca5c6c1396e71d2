//! TypeScript declarations of the tree, generated from the type table the model checks trees
//! against (`check.rs`), so the declared shape is exactly what `parse` guarantees: every known
//! field optional (presence is the validator's business) with the JSON types the model accepts,
//! and every other field kept (`[key: string]: unknown`). `js/tree.d.ts` is this text; a test
//! (`tests/typescript_test.rs`) fails when they differ.

use std::fmt::Write;

use super::check::*;
use super::NodeKind;

/// The named interfaces, in output order, with their doc comments.
const NAMED: &[(&str, &Ty, &str)] = &[
    (
        "PipelineTree",
        &TREE,
        "A pipeline tree as `parse` returns it. Unknown fields are kept.",
    ),
    ("TreeEvent", &EVENT, "`start_event` or `end_event`."),
    (
        "TreeActivity",
        &ACTIVITY,
        "A task (`ServiceActivity`) or a sub-process (`SubProcess`).",
    ),
    (
        "TreeComponent",
        &COMPONENT_OBJ,
        "A task's plugin: its code, version and inputs.",
    ),
    (
        "TreeInput",
        &DATA_ITEM,
        "One plugin input; `hook` marks an input bound to a variable.",
    ),
    (
        "TreeGateway",
        &GATEWAY,
        "A parallel, exclusive, conditional-parallel or converge gateway.",
    ),
    (
        "TreeCondition",
        &CONDITION,
        "A branch condition, keyed by its flow id.",
    ),
    (
        "TreeFlow",
        &FLOW,
        "A flow (sequence edge) between two nodes.",
    ),
    (
        "TreeConstant",
        &CONSTANT,
        "A variable (`constants`, keyed by `${key}`).",
    ),
    (
        "TreeLine",
        &LINE,
        "How the canvas draws a flow: `line` item with the flow's id.",
    ),
    (
        "TreeAnchor",
        &ANCHOR,
        "One end of a `line` item: a node id and the side it leaves from.",
    ),
    (
        "TreeLocation",
        &LOCATION,
        "Where the canvas draws a node: `location` item with its id.",
    ),
];

const COMPONENT_OBJ: Ty = match COMPONENT {
    Ty::Nullable(inner) => *inner,
    _ => panic!("COMPONENT is nullable"),
};

fn name_of(ty: &Ty) -> Option<&'static str> {
    NAMED.iter().find(|(_, t, _)| *t == ty).map(|(n, _, _)| *n)
}

fn render(ty: &Ty) -> String {
    if let Some(name) = name_of(ty) {
        return name.to_owned();
    }
    match ty {
        Ty::Any => "unknown".into(),
        Ty::Of(mask) => mask_names(
            *mask,
            [
                "string",
                "number",
                "boolean",
                "unknown[]",
                "Record<string, unknown>",
                "null",
            ],
        )
        .join(" | "),
        Ty::Io => "string | string[] | null".into(),
        Ty::Obj(fields) => {
            let mut s = String::from("{ ");
            for (name, t) in fields.iter() {
                let _ = write!(s, "{name}?: {}; ", render(t));
            }
            s.push_str("[key: string]: unknown }");
            s
        }
        Ty::Map(t) => format!("Record<string, {}>", render(t)),
        Ty::Arr(t) => {
            let inner = render(t);
            if inner.contains(' ') {
                format!("({inner})[]")
            } else {
                format!("{inner}[]")
            }
        }
        Ty::Nullable(t) => format!("{} | null", render(t)),
    }
}

/// The text of `js/tree.d.ts`.
pub fn declarations() -> String {
    let mut out = String::from(
        "// Generated from src/model/check.rs (src/model/typescript.rs); do not edit.\n\
         // Every known field is optional: presence is what `validate` checks, not `parse`.\n\n",
    );
    let kinds: Vec<String> = NodeKind::ALL
        .iter()
        .filter_map(|k| k.type_name())
        .map(|t| format!("\"{t}\""))
        .collect();
    let _ = writeln!(out, "/** The `type` of each node kind the model knows. */");
    let _ = writeln!(out, "export type NodeKind = {};\n", kinds.join(" | "));
    for (name, ty, doc) in NAMED {
        let _ = writeln!(out, "/** {doc} */\nexport interface {name} {{");
        if let Ty::Obj(fields) = ty {
            for (field, t) in fields.iter() {
                let _ = writeln!(out, "  {field}?: {};", render(t));
            }
        }
        out.push_str("  [key: string]: unknown;\n}\n\n");
    }
    out.pop();
    out
}
