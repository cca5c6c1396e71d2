//! BKFlow `POST /apigw/space/{space_id}/create_task_without_template/`: a task from a full tree
//! (seed `000_865c53e7a71abe84.txt`, bkflow-spec §1.3).
//!
//! Input keys: the API's fields `creator` (required, ≤ 32), `name` (≤ 128), `scope_type`,
//! `scope_value` (≤ 128 each), `description`, `constants` (`{"${key}": value}`), `credentials`
//! (`{key: base64 JSON object}`), `notify_config`, `custom_span_attributes`; and the builder
//! option `exclude_task_nodes_id`: optional nodes to leave out, excluded here as the servers
//! do (the body then carries the pruned tree).

use super::fields::{put, Fields, Text, NOTIFY};
use super::task_tree::{self, Server};
use super::{constants, diag, exclude, field, id_list, At, Built};
use crate::json::{Object, Value};
use crate::model::Tree;
use crate::shape::{names, opt, req, Field, Shape, Ty, MAP, STR, STRS, TREE};

const INPUT_FIELDS: &[Field] = &[
    req("creator", STR, ""),
    opt("name", STR, ""),
    opt("scope_type", STR, ""),
    opt("scope_value", STR, ""),
    opt("description", STR, ""),
    opt("constants", MAP, "Variable values: `{\"${key}\": value}`."),
    opt(
        "credentials",
        Ty::Map(&STR),
        "`{key: base64 of a JSON object}`.",
    ),
    opt("notify_config", NOTIFY, ""),
    opt("custom_span_attributes", MAP, ""),
    opt(
        "exclude_task_nodes_id",
        STRS,
        "Optional nodes to leave out; the body then carries the pruned tree.",
    ),
];

/// The input of [`create_task`]: the API's fields and the builder's options.
pub const CREATE_TASK_INPUT: Shape = Shape::new(
    "CreateTaskInput",
    "BKFlow `create_task_without_template`.",
    INPUT_FIELDS,
);

/// The input keys the builder reads ([`CREATE_TASK_INPUT`]).
pub(crate) const FIELDS: [&str; INPUT_FIELDS.len()] = names(INPUT_FIELDS);

/// The body [`create_task`] builds, when valid.
pub const CREATE_TASK_BODY: Shape = Shape::new(
    "CreateTaskBody",
    "The body of `create_task_without_template`, fields in the order of the API document.",
    &[
        req("creator", STR, ""),
        req("pipeline_tree", TREE, ""),
        opt("name", STR, ""),
        opt("scope_type", STR, ""),
        opt("scope_value", STR, ""),
        opt("description", STR, ""),
        opt("constants", MAP, ""),
        opt("credentials", Ty::Map(&STR), ""),
        opt("notify_config", NOTIFY, ""),
        opt("custom_span_attributes", MAP, ""),
    ],
);

/// Builds and checks a `create_task_without_template` body for `tree`.
pub fn create_task(tree: &Tree, input: &Object) -> Built {
    let mut f = Fields::new(input);
    f.unknown_keys(&FIELDS);
    let creator = f.text("creator", Text::required(32));
    let name = f.text("name", Text::optional(128));
    let scope_type = f.text("scope_type", Text::optional(128));
    let scope_value = f.text("scope_value", Text::optional(128));
    for (key, v) in [("scope_type", &scope_type), ("scope_value", &scope_value)] {
        if v.as_deref().is_some_and(|s| s.contains('_')) {
            f.push(
                diag(
                    "PAY045",
                    format!("{key} contains '_': SCOPE tokens name the scope as {{scope_type}}_{{scope_value}} and split it on '_', so they will not match this task"),
                    format!("{key} 包含下划线，SCOPE 类型的 token 无法匹配该任务"),
                )
                .at(field(key)),
            );
        }
    }
    let description = f.text("description", Text::BLANK_OK);

    let mut run = None;
    let (mut excluded, mut dropped) = (Vec::new(), Vec::new());
    if let Some(v) = input.get("exclude_task_nodes_id") {
        if let Some(ids) = id_list(v, &field("exclude_task_nodes_id"), &mut f.out) {
            if !ids.is_empty() {
                let ex = exclude(tree, &ids);
                f.out.extend(ex.diagnostics);
                run = Some(ex.tree);
                (excluded, dropped) = (ex.excluded, ex.constants_not_referred);
            }
        }
    }
    let run = run.unwrap_or_else(|| tree.clone());
    let overrides = input
        .get("constants")
        .filter(|v| constants::check(v, &field("constants"), Some(&run), &dropped, &mut f.out))
        .and_then(Value::as_object);
    let credentials = f.credentials();
    let notify = f.notify_config();
    let span = f.span_attributes();

    let mut out = std::mem::take(&mut f.out);
    let sent = task_tree::check(run, overrides, Server::BkFlow, &mut out);

    let mut body = Object::new();
    put(&mut body, input, "creator", creator.map(Value::from));
    body.insert("pipeline_tree", sent.into_value());
    put(&mut body, input, "name", name.map(Value::from));
    put(&mut body, input, "scope_type", scope_type.map(Value::from));
    put(
        &mut body,
        input,
        "scope_value",
        scope_value.map(Value::from),
    );
    put(
        &mut body,
        input,
        "description",
        description.map(Value::from),
    );
    put(&mut body, input, "constants", None);
    put(&mut body, input, "credentials", credentials);
    put(&mut body, input, "notify_config", notify);
    put(&mut body, input, "custom_span_attributes", span);
    let mut built = Built::new(body, out);
    // The pruned tree is the body's pipeline_tree.
    built.excluded = excluded;
    built.constants_not_referred = dropped;
    built
}
