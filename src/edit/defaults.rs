//! The JSON SOPS's canvas writes for new nodes, flows, lines and locations (editor-spec §2.1,
//! §2.3, §2.4), key order included.

use crate::json::{Number, Object, Value};
use crate::model::{NodeKind, TreeFormat};
use crate::variables::plugins::Plugins;

pub(crate) fn obj(entries: Vec<(&str, Value)>) -> Value {
    Value::Object(
        entries
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect(),
    )
}

pub(crate) fn s(v: &str) -> Value {
    Value::from(v)
}

pub(crate) fn num(f: f64) -> Value {
    Number::from_f64(f).map_or(Value::Null, Value::Number)
}

/// What a new node is made from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NodeSpec {
    pub name: Option<String>,
    /// Plugin code (a task) or template id (a sub-process).
    pub code: Option<String>,
    /// Plugin version or template version.
    pub version: Option<String>,
}

/// The `location.type` of a node kind.
pub(crate) fn location_type(kind: NodeKind) -> &'static str {
    kind.location_type().unwrap_or("tasknode")
}

/// A node's JSON as SOPS's canvas creates it.
pub(crate) fn node(
    kind: NodeKind,
    id: &str,
    spec: &NodeSpec,
    format: TreeFormat,
    plugins: &Plugins,
) -> Value {
    let name = s(spec.name.as_deref().unwrap_or(""));
    match kind {
        NodeKind::ServiceActivity | NodeKind::Unknown => task(id, name, spec, format, plugins),
        NodeKind::SubProcess => sub_process(id, name, spec),
        NodeKind::StartEvent | NodeKind::EndEvent => event(kind, id, name),
        NodeKind::ParallelGateway
        | NodeKind::ExclusiveGateway
        | NodeKind::ConditionalParallelGateway
        | NodeKind::ConvergeGateway => gateway(kind, id, name),
    }
}

/// A task: its plugin (`code` and `version` when given), flags, retry and timeout settings.
/// The plugin's inputs are `data` in a web tree, `inputs` in bamboo-engine's format. A plugin
/// of the catalogue gets its version (the default one when none is given) and, in a web
/// tree, one data item per input of its form: `{hook: false, need_render, value: default}`.
fn task(id: &str, name: Value, spec: &NodeSpec, format: TreeFormat, plugins: &Plugins) -> Value {
    let mut component = Object::new();
    let known = spec
        .code
        .as_deref()
        .and_then(|c| plugins.version(c, spec.version.as_deref()));
    if let Some(code) = &spec.code {
        component.insert("code", s(code));
        let inputs = match known {
            Some(v) if format != TreeFormat::Engine => input_defaults(v),
            _ => Object::new(),
        };
        component.insert(format.inputs_key(), Value::Object(inputs));
    }
    match (&spec.version, known) {
        (Some(v), _) => {
            component.insert("version", s(v));
        }
        (None, Some(v)) => {
            component.insert("version", s(&v.version));
        }
        (None, None) => {}
    }
    let mut o = vec![
        ("component", Value::Object(component)),
        ("error_ignorable", Value::Bool(false)),
    ];
    o.extend(activity_core(id, name));
    o.extend([
        ("type", s("ServiceActivity")),
        ("retryable", Value::Bool(true)),
        ("skippable", Value::Bool(true)),
        ("auto_retry", auto_retry()),
        ("timeout_config", timeout_config()),
    ]);
    obj(o)
}

/// A new node's `component.data` for a plugin version: each input's default, not hooked.
pub(crate) fn input_defaults(v: &crate::variables::plugins::Version) -> Object {
    v.inputs
        .iter()
        .map(|i| (i.key.clone(), input_item(i, i.default.clone())))
        .collect()
}

/// One data item: `{hook: false, need_render, value}`.
pub(crate) fn input_item(i: &crate::variables::plugins::Input, value: Value) -> Value {
    obj(vec![
        ("hook", Value::Bool(false)),
        ("need_render", Value::Bool(i.need_render())),
        ("value", value),
    ])
}

/// A sub-process: its template (`code`) and version when given, no variables yet.
fn sub_process(id: &str, name: Value, spec: &NodeSpec) -> Value {
    let mut o = vec![
        ("constants", Value::Object(Object::new())),
        ("hooked_constants", Value::Array(Vec::new())),
    ];
    o.extend(activity_core(id, name));
    if let Some(t) = &spec.code {
        o.push(("template_id", s(t)));
    }
    if let Some(v) = &spec.version {
        o.push(("version", s(v)));
    }
    o.extend([
        ("type", s("SubProcess")),
        ("retryable", Value::Bool(true)),
        ("skippable", Value::Bool(true)),
        ("always_use_latest", Value::Bool(false)),
        ("scheme_id_list", Value::Array(Vec::new())),
        ("template_source", s("business")),
    ]);
    obj(o)
}

/// The start or end event.
fn event(kind: NodeKind, id: &str, name: Value) -> Value {
    obj(vec![
        ("id", s(id)),
        ("incoming", s("")),
        ("name", name),
        ("outgoing", s("")),
        ("type", s(kind.type_name().unwrap_or_default())),
    ])
}

/// A gateway: `outgoing` a list for splitting gateways (a string for a converge), and
/// `conditions` for those that branch by them.
fn gateway(kind: NodeKind, id: &str, name: Value) -> Value {
    let mut o = vec![
        ("id", s(id)),
        ("incoming", Value::Array(Vec::new())),
        ("name", name),
        (
            "outgoing",
            if kind == NodeKind::ConvergeGateway {
                s("")
            } else {
                Value::Array(Vec::new())
            },
        ),
        ("type", s(kind.type_name().unwrap_or_default())),
    ];
    if kind.is_conditional() {
        o.push(("conditions", Value::Object(Object::new())));
    }
    obj(o)
}

/// The fields tasks and sub-processes share, in SOPS's order.
fn activity_core(id: &str, name: Value) -> [(&'static str, Value); 7] {
    [
        ("id", s(id)),
        ("incoming", Value::Array(Vec::new())),
        ("loop", Value::Null),
        ("name", name),
        ("optional", Value::Bool(true)),
        ("outgoing", s("")),
        ("stage_name", s("")),
    ]
}

pub(crate) fn auto_retry() -> Value {
    obj(vec![
        ("enable", Value::Bool(false)),
        ("interval", num(0.0)),
        ("times", num(1.0)),
    ])
}

pub(crate) fn timeout_config() -> Value {
    obj(vec![
        ("enable", Value::Bool(false)),
        ("seconds", num(10.0)),
        ("action", s("forced_fail")),
    ])
}

/// A `location` entry (the fields SOPS saves).
pub(crate) fn location(kind: NodeKind, id: &str, x: f64, y: f64, name: Option<&str>) -> Value {
    let mut o = vec![("id", s(id)), ("type", s(location_type(kind)))];
    if kind.is_activity() {
        o.push(("name", s(name.unwrap_or(""))));
        o.push(("stage_name", s("")));
    } else if let Some(n) = name.filter(|n| !n.is_empty()) {
        o.push(("name", s(n)));
    }
    o.push(("x", num(x)));
    o.push(("y", num(y)));
    obj(o)
}

pub(crate) fn flow(id: &str, source: &str, target: &str) -> Value {
    obj(vec![
        ("id", s(id)),
        ("is_default", Value::Bool(false)),
        ("source", s(source)),
        ("target", s(target)),
    ])
}

pub(crate) fn line(
    id: &str,
    source: &str,
    source_arrow: &str,
    target: &str,
    target_arrow: &str,
) -> Value {
    obj(vec![
        ("id", s(id)),
        (
            "source",
            obj(vec![("arrow", s(source_arrow)), ("id", s(source))]),
        ),
        (
            "target",
            obj(vec![("arrow", s(target_arrow)), ("id", s(target))]),
        ),
    ])
}

/// Drawn size (width, height) of a node on SOPS's canvas (editor-spec §0.7).
pub(crate) fn size(kind: NodeKind) -> (f64, f64) {
    if kind.is_activity() || kind == NodeKind::Unknown {
        (154.0, 54.0)
    } else {
        (34.0, 34.0)
    }
}
