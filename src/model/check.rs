//! The types the model gives each known field, and the check that a value has them.
//!
//! Only JSON *types* are checked here (an id must be a string, `incoming` a string or a list of
//! strings...): what the typed accessors rely on. Values (a name too long, a missing required
//! field, a flow to nowhere) are the validator's business and come back as diagnostics.

use crate::error::{ErrorCode, Problem};
use crate::json::{JsonType, Path, Seg, Value};

/// A path step borrowed from the value being checked; made owned only for a problem.
#[derive(Clone, Copy)]
pub(crate) enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

fn owned(path: &[Step<'_>]) -> Path {
    path.iter()
        .map(|s| match s {
            Step::Key(k) => Seg::Key((*k).to_owned()),
            Step::Index(i) => Seg::Index(*i),
        })
        .collect::<Vec<_>>()
        .into()
}

/// Masks of accepted JSON types.
pub(super) const NULL: u8 = 1;
pub(super) const BOOL: u8 = 2;
pub(super) const NUM: u8 = 4;
pub(super) const STR: u8 = 8;
pub(super) const ARR: u8 = 16;
pub(super) const OBJ: u8 = 32;

fn bit(t: JsonType) -> u8 {
    match t {
        JsonType::Null => NULL,
        JsonType::Bool => BOOL,
        JsonType::Number => NUM,
        JsonType::String => STR,
        JsonType::Array => ARR,
        JsonType::Object => OBJ,
    }
}

/// The names of the JSON types in `mask`, given in the order string, number, boolean, array,
/// object, null.
pub(super) fn mask_names(mask: u8, names: [&'static str; 6]) -> Vec<&'static str> {
    [STR, NUM, BOOL, ARR, OBJ, NULL]
        .iter()
        .zip(names)
        .filter(|(b, _)| mask & *b != 0)
        .map(|(_, n)| n)
        .collect()
}

fn describe(mask: u8) -> String {
    let names = mask_names(
        mask,
        [
            "a string",
            "a number",
            "a boolean",
            "an array",
            "an object",
            "null",
        ],
    );
    match names.as_slice() {
        [] => "nothing".into(),
        [one] => (*one).into(),
        [init @ .., last] => format!("{} or {}", init.join(", "), last),
    }
}

/// The expected shape of a value.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Ty {
    Any,
    /// Any of these JSON types (a mask), contents unchecked.
    Of(u8),
    /// A flow reference list: a string, an array of strings, or null.
    Io,
    /// An object whose known fields have these types; other fields are free.
    Obj(&'static [(&'static str, Ty)]),
    /// An object whose every value has this type (a map keyed by id).
    Map(&'static Ty),
    /// An array whose every item has this type.
    Arr(&'static Ty),
    /// As the inner type, or null.
    Nullable(&'static Ty),
}

pub(crate) const S: Ty = Ty::Of(STR);
pub(crate) const S0: Ty = Ty::Of(STR | NULL);
pub(crate) const B0: Ty = Ty::Of(BOOL | NULL);
/// Numbers that real trees sometimes carry as strings (retry counts, timeouts, indexes).
pub(crate) const N0: Ty = Ty::Of(NUM | STR | NULL);
pub(crate) const NUMBER: Ty = Ty::Of(NUM);

pub(crate) const AUTO_RETRY: Ty =
    Ty::Nullable(&Ty::Obj(&[("enable", B0), ("interval", N0), ("times", N0)]));
pub(crate) const TIMEOUT: Ty =
    Ty::Nullable(&Ty::Obj(&[("enable", B0), ("seconds", N0), ("action", S0)]));
pub(crate) const DATA_ITEM: Ty = Ty::Obj(&[("hook", B0), ("need_render", B0)]);
/// An item of bamboo-engine's `component.inputs` and `data.inputs` (its builder's `Var`):
/// `type` plain, splice or lazy, `value`, and for a lazy one its `custom_type`; a node output
/// names `source_act` (and `source_key`).
pub(crate) const ENGINE_VAR: Ty = Ty::Obj(&[
    ("type", S),
    ("value", Ty::Any),
    ("custom_type", S0),
    ("need_render", B0),
    ("is_param", B0),
    ("source_act", Ty::Of(STR | ARR | NULL)),
    ("source_key", S0),
]);
pub(crate) const COMPONENT: Ty = Ty::Nullable(&Ty::Obj(&[
    ("code", S0),
    ("data", Ty::Nullable(&Ty::Map(&DATA_ITEM))),
    ("inputs", Ty::Nullable(&Ty::Map(&ENGINE_VAR))),
    ("version", S0),
]));

pub(crate) const ACTIVITY: Ty = Ty::Obj(&[
    ("id", S),
    ("type", S),
    ("name", S0),
    ("incoming", Ty::Io),
    ("outgoing", Ty::Io),
    ("component", COMPONENT),
    ("optional", B0),
    ("error_ignorable", B0),
    ("retryable", B0),
    ("skippable", B0),
    ("can_retry", B0),
    ("isSkipped", B0),
    ("auto_retry", AUTO_RETRY),
    ("timeout_config", TIMEOUT),
    ("labels", Ty::Nullable(&Ty::Of(ARR))),
    ("stage_name", S0),
    ("template_id", Ty::Of(STR | NUM | NULL)),
    ("version", S0),
    ("constants", Ty::Nullable(&Ty::Of(OBJ))),
    ("pipeline", Ty::Nullable(&Ty::Of(OBJ))),
    ("template_node_id", S0),
]);

pub(crate) const CONDITION: Ty = Ty::Obj(&[("evaluate", S), ("name", S0), ("tag", S0)]);

pub(crate) const GATEWAY: Ty = Ty::Obj(&[
    ("id", S),
    ("type", S),
    ("name", S0),
    ("incoming", Ty::Io),
    ("outgoing", Ty::Io),
    ("conditions", Ty::Nullable(&Ty::Map(&CONDITION))),
    (
        "default_condition",
        Ty::Nullable(&Ty::Obj(&[("flow_id", S), ("name", S0)])),
    ),
    ("converge_gateway_id", S0),
]);

pub(crate) const EVENT: Ty = Ty::Obj(&[
    ("id", S),
    ("type", S),
    ("name", S0),
    ("incoming", Ty::Io),
    ("outgoing", Ty::Io),
    ("labels", Ty::Nullable(&Ty::Of(ARR))),
]);

pub(crate) const FLOW: Ty = Ty::Obj(&[("id", S), ("source", S), ("target", S), ("is_default", B0)]);

pub(crate) const CONSTANT: Ty = Ty::Obj(&[
    ("key", S),
    ("name", S0),
    // the only rule reading a variable's `index`: the editor does not rerun a variable's unit
    // when a number there becomes another number (`edit::live::renumbered`)
    ("index", N0),
    ("desc", S0),
    ("show_type", S0),
    ("source_type", S0),
    ("source_tag", S0),
    (
        "source_info",
        Ty::Nullable(&Ty::Map(&Ty::Of(ARR | STR | NULL))),
    ),
    ("custom_type", S0),
    ("value", Ty::Any),
    ("hook", B0),
    ("validation", S0),
    ("pre_render_mako", B0),
    ("is_meta", B0),
    ("meta", Ty::Any),
    ("version", S0),
    ("plugin_code", S0),
]);

pub(crate) const ANCHOR: Ty = Ty::Obj(&[("id", S), ("arrow", S0)]);
pub(crate) const LINE: Ty = Ty::Obj(&[
    ("id", S),
    ("source", ANCHOR),
    ("target", ANCHOR),
    ("midpoint", Ty::Of(NUM | NULL)),
]);
pub(crate) const LOCATION: Ty = Ty::Obj(&[
    ("id", S),
    ("type", S),
    ("x", NUMBER),
    ("y", NUMBER),
    ("name", S0),
    ("stage_name", S0),
    ("group", S0),
    ("icon", S0),
]);

/// The root of a pipeline tree.
pub(crate) const TREE: Ty = Ty::Obj(&[
    ("start_event", EVENT),
    ("end_event", EVENT),
    ("activities", Ty::Map(&ACTIVITY)),
    ("gateways", Ty::Map(&GATEWAY)),
    ("flows", Ty::Map(&FLOW)),
    ("constants", Ty::Map(&CONSTANT)),
    ("internalVariable", Ty::Nullable(&Ty::Map(&CONSTANT))),
    ("outputs", Ty::Arr(&S)),
    ("line", Ty::Arr(&LINE)),
    ("location", Ty::Arr(&LOCATION)),
    ("name", S0),
    ("id", S0),
]);

/// Most problems reported at once; a tree with more is hopeless anyway.
pub(crate) const MAX_PROBLEMS: usize = 200;

/// A known field whose JSON type the model does not read.
#[derive(Clone, Debug, PartialEq)]
pub struct Mismatch {
    pub path: Path,
    /// The JSON types the field may have (a mask of [`STR`], [`NUM`]...).
    expected: u8,
    pub found: JsonType,
}

impl Mismatch {
    /// "expected a string, found null".
    pub fn message(&self) -> String {
        format!(
            "expected {}, found {}",
            describe(self.expected),
            self.found.name()
        )
    }

    /// The same in Chinese: "应为字符串，实为 null".
    pub fn message_zh(&self) -> String {
        let names = mask_names(
            self.expected,
            ["字符串", "数字", "布尔值", "数组", "对象", "null"],
        );
        let found = mask_names(
            bit(self.found),
            ["字符串", "数字", "布尔值", "数组", "对象", "null"],
        );
        format!("应为{}，实为{}", names.join("或"), found.join(""))
    }

    fn problem(self) -> Problem {
        Problem {
            code: ErrorCode::WrongType,
            message: self.message(),
            message_zh: Some(self.message_zh()),
            path: self.path,
            position: None,
        }
    }
}

/// The mismatches of `value` against `ty`, in document order (at most [`MAX_PROBLEMS`]);
/// `path` is where `value` sits.
pub(crate) fn mismatches<'a>(value: &'a Value, ty: &Ty, path: &mut Vec<Step<'a>>) -> Vec<Mismatch> {
    let mut out = Vec::new();
    check(value, ty, path, &mut out);
    out
}

/// Checks `value` against `ty`, adding a mismatch for each (in document order).
fn check<'a>(value: &'a Value, ty: &Ty, path: &mut Vec<Step<'a>>, out: &mut Vec<Mismatch>) {
    if out.len() >= MAX_PROBLEMS {
        return;
    }
    let found = value.json_type();
    let wrong = |expected: u8, path: &[Step<'_>], out: &mut Vec<Mismatch>| {
        out.push(Mismatch {
            path: owned(path),
            expected,
            found,
        })
    };
    match ty {
        Ty::Any => {}
        Ty::Of(mask) => {
            if mask & bit(found) == 0 {
                wrong(*mask, path, out);
            }
        }
        Ty::Nullable(inner) => {
            if !value.is_null() {
                check(value, inner, path, out);
            }
        }
        Ty::Io => match value {
            Value::Null | Value::String(_) => {}
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    if item.as_str().is_none() {
                        path.push(Step::Index(i));
                        check(item, &S, path, out);
                        path.pop();
                    }
                }
            }
            _ => wrong(STR | ARR, path, out),
        },
        Ty::Arr(item_ty) => match value {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    path.push(Step::Index(i));
                    check(item, item_ty, path, out);
                    path.pop();
                }
            }
            _ => wrong(ARR, path, out),
        },
        Ty::Map(item_ty) => match value {
            Value::Object(obj) => {
                for (k, item) in obj.iter() {
                    path.push(Step::Key(k));
                    check(item, item_ty, path, out);
                    path.pop();
                }
            }
            _ => wrong(OBJ, path, out),
        },
        Ty::Obj(fields) => match value {
            Value::Object(obj) => check_fields(obj, fields, path, out),
            _ => wrong(OBJ, path, out),
        },
    }
}

fn check_fields<'a>(
    obj: &'a crate::json::Object,
    fields: &[(&str, Ty)],
    path: &mut Vec<Step<'a>>,
    out: &mut Vec<Mismatch>,
) {
    for (k, item) in obj.iter() {
        // most names differ from a known field in length or first byte: look at those first
        let first = k.as_bytes().first();
        let known = fields.iter().find(|(name, _)| {
            name.len() == k.len()
                && name.as_bytes().first() == first
                && crate::json::same(name.as_bytes(), k.as_bytes())
        });
        if let Some((_, field_ty)) = known {
            path.push(Step::Key(k));
            check(item, field_ty, path, out);
            path.pop();
        }
    }
}

/// The mismatches of the known fields of `obj` (an object of type `ty`, a `Ty::Obj`), at
/// `path`.
pub(crate) fn field_mismatches<'a>(
    obj: &'a crate::json::Object,
    ty: &Ty,
    path: &mut Vec<Step<'a>>,
) -> Vec<Mismatch> {
    let mut out = Vec::new();
    if let Ty::Obj(fields) = ty {
        check_fields(obj, fields, path, &mut out);
    }
    out
}

/// What the tree's own unit checks: each section's type, and the items no unit of their own
/// reads (items of the id maps that are not objects). `line` and `location` items are checked
/// apart.
pub(crate) const SECTIONS: Ty = Ty::Obj(&[
    ("start_event", Ty::Of(OBJ)),
    ("end_event", Ty::Of(OBJ)),
    ("activities", Ty::Map(&Ty::Of(OBJ))),
    ("gateways", Ty::Map(&Ty::Of(OBJ))),
    ("flows", Ty::Map(&Ty::Of(OBJ))),
    ("constants", Ty::Map(&Ty::Of(OBJ))),
    ("internalVariable", Ty::Nullable(&Ty::Map(&CONSTANT))),
    ("outputs", Ty::Arr(&S)),
    ("line", Ty::Of(ARR)),
    ("location", Ty::Of(ARR)),
    ("name", S0),
    ("id", S0),
]);

/// bamboo-engine's pipeline `data`: the pipeline's variables, its outputs (a list of keys, or
/// a map in older trees) and the keys rendered before it starts.
pub(crate) const ENGINE_DATA: Ty = Ty::Obj(&[
    ("inputs", Ty::Nullable(&Ty::Map(&ENGINE_VAR))),
    ("outputs", Ty::Of(ARR | OBJ | NULL)),
    ("pre_render_keys", Ty::Nullable(&Ty::Arr(&S))),
]);

const ENGINE_NODE: Ty = Ty::Obj(&[
    ("id", S),
    ("type", S),
    ("incoming", Ty::Io),
    ("outgoing", Ty::Io),
    ("pipeline", Ty::Nullable(&Ty::Of(OBJ))),
    ("converge_gateway_id", S0),
]);
const ENGINE_FLOW: Ty = Ty::Obj(&[("source", S), ("target", S)]);

/// What bamboo-engine reads of an embedded (sub-process) pipeline.
const ENGINE_PIPELINE: &[(&str, Ty)] = &[
    ("start_event", ENGINE_NODE),
    ("end_event", ENGINE_NODE),
    ("activities", Ty::Map(&ENGINE_NODE)),
    ("gateways", Ty::Map(&ENGINE_NODE)),
    ("flows", Ty::Map(&ENGINE_FLOW)),
];

/// The first field of an embedded pipeline whose type bamboo-engine cannot use.
pub(crate) fn engine_pipeline_problem(obj: &crate::json::Object) -> Option<Problem> {
    let mut out: Vec<Mismatch> = Vec::new();
    for (key, ty) in ENGINE_PIPELINE {
        if let Some((k, v)) = obj.get_key_value(key) {
            let mut path = vec![Step::Key(k)];
            check(v, ty, &mut path, &mut out);
            if !out.is_empty() {
                break;
            }
        }
    }
    out.into_iter().next().map(Mismatch::problem)
}

/// The first of `fields` of a node whose JSON type the model does not read (paths from the
/// node): what the editor refuses to overwrite.
pub(crate) fn node_field_mismatch(
    node: &crate::json::Object,
    kind: crate::model::NodeKind,
    fields: &[&str],
) -> Option<Mismatch> {
    use crate::model::NodeKind;
    let ty = match kind {
        NodeKind::StartEvent | NodeKind::EndEvent => &EVENT,
        k if k.is_gateway() => &GATEWAY,
        _ => &ACTIVITY,
    };
    field_mismatches(node, ty, &mut Vec::new())
        .into_iter()
        .find(|m| matches!(m.path.segments().first(), Some(Seg::Key(k)) if fields.contains(&k.as_str())))
}

/// The first field of a flow whose JSON type the model does not read (paths from the flow).
pub(crate) fn flow_mismatch(flow: &Value) -> Option<Mismatch> {
    mismatches(flow, &FLOW, &mut Vec::new()).into_iter().next()
}

/// Whether bamboo-engine can use the JSON types of one node of a pipeline (what
/// [`engine_pipeline_problem`] checks of each node).
pub(crate) fn engine_node_ok(node: &Value) -> bool {
    let mut out = Vec::new();
    check(node, &ENGINE_NODE, &mut Vec::new(), &mut out);
    out.is_empty()
}

/// Whether bamboo-engine can use the JSON types of one flow of a pipeline.
pub(crate) fn engine_flow_ok(flow: &Value) -> bool {
    let mut out = Vec::new();
    check(flow, &ENGINE_FLOW, &mut Vec::new(), &mut out);
    out.is_empty()
}
