//! Every place of a tree that uses a variable, as SOPS's editor finds them
//! (`analysis_pipeline_constants_ref`, variables-spec §3.1–3.2) with the [`Pattern::Editor`]
//! reading of `${...}`, plus the bindings it shows beside them (hooked inputs, received
//! outputs) and the template's `outputs` list.
//!
//! Where SOPS goes wrong, this does not follow it: a sub-process's hidden parameters (whose
//! values refer to the child template's variables, Q11) are not read, and a data item,
//! parameter or condition without a value is skipped instead of making the whole analysis
//! fail (Q11b). A name is counted once per string that names it.

use super::mako::{self, Pattern};
use crate::json::{Object, Path, Value};
use crate::model::{Constant, Node, NodeKind, Tree};
use crate::shape::{opt, req, Shape, Ty, NUM, STR};

/// How a place uses a variable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum UseKind {
    /// A task's plugin input or a sub-process's parameter hooked to it (`"${key}"`, hook on).
    Input,
    /// A `${...}` reference in a task's plugin input.
    Text,
    /// A `${...}` reference in a branch condition.
    Condition,
    /// A `${...}` reference in another variable's value.
    Variable,
    /// A `${...}` reference in a sub-process's shown parameter.
    Subprocess,
    /// A node's output received into it (`source_info` of an output variable).
    Output,
    /// The template's `outputs` list names it.
    Outputs,
}

impl UseKind {
    pub const ALL: [UseKind; 7] = [
        UseKind::Input,
        UseKind::Text,
        UseKind::Condition,
        UseKind::Variable,
        UseKind::Subprocess,
        UseKind::Output,
        UseKind::Outputs,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            UseKind::Input => "input",
            UseKind::Text => "text",
            UseKind::Condition => "condition",
            UseKind::Variable => "variable",
            UseKind::Subprocess => "subprocess",
            UseKind::Output => "output",
            UseKind::Outputs => "outputs",
        }
    }
}

/// One place that uses a variable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Use {
    /// The variable's key as the place names it (`${name}`).
    pub key: String,
    pub kind: UseKind,
    /// The node the place is in (the gateway, for a condition).
    pub node_id: Option<String>,
    /// The branch, for a condition.
    pub flow_id: Option<String>,
    /// The variable whose value refers to it, for [`UseKind::Variable`].
    pub variable: Option<String>,
    /// The string (or binding) in the tree.
    pub path: Path,
}

/// The JSON form of a [`Use`] (the JS API's `Editor.references`).
pub const USE: Shape = Shape::new(
    "VariableUse",
    "One place of the tree that uses a variable.",
    &[
        req("key", STR, "The variable's key, `${name}`."),
        req(
            "kind",
            Ty::Choice(&[
                "input",
                "text",
                "condition",
                "variable",
                "subprocess",
                "output",
                "outputs",
            ]),
            "`input`: a plugin input or sub-process parameter hooked to it; `text`, `condition`, \
             `variable`, `subprocess`: a `${...}` reference in a plugin input, a branch condition, \
             another variable's value or a sub-process parameter; `output`: a node output \
             received into it; `outputs`: the template's outputs list.",
        ),
        opt("node_id", STR, "The node (the gateway, for a condition)."),
        opt("flow_id", STR, "The branch, for a condition."),
        opt(
            "variable",
            STR,
            "The variable whose value refers to it, for `variable`.",
        ),
        req("path", STR, "Where in the tree (JSON path)."),
    ],
);

impl Use {
    pub fn to_json(&self) -> Value {
        let mut o = Object::new();
        o.insert("key", Value::from(self.key.as_str()));
        o.insert("kind", Value::from(self.kind.as_str()));
        for (name, v) in [
            ("node_id", &self.node_id),
            ("flow_id", &self.flow_id),
            ("variable", &self.variable),
        ] {
            if let Some(v) = v {
                o.insert(name, Value::from(v.as_str()));
            }
        }
        o.insert("path", Value::from(self.path.to_string()));
        Value::Object(o)
    }
}

/// The JSON form of a variable in the JS API's `Editor.variables()`.
pub const VARIABLE_SUMMARY: Shape = Shape::new(
    "VariableSummary",
    "A template variable and how many places use it.",
    &[
        req("key", STR, "`${name}`."),
        req("name", STR, ""),
        req(
            "source_type",
            STR,
            "`custom`, `component_inputs` or `component_outputs`.",
        ),
        req("show_type", STR, "`show` (a task parameter) or `hide`."),
        req("custom_type", STR, ""),
        opt("index", NUM, ""),
        req(
            "output",
            crate::shape::BOOL,
            "The template's `outputs` list names it.",
        ),
        req(
            "uses",
            NUM,
            "Places that use it (hooked inputs, references, received outputs; not `outputs`).",
        ),
    ],
);

/// Each variable of the tree, in the order of `constants`, with the number of places that use
/// it (the `outputs` list not counted).
pub fn summaries(tree: &Tree, index: &super::index::RefIndex) -> Vec<Value> {
    tree.constants()
        .map(|c| {
            let key = c.key().unwrap_or(c.map_key());
            let mut o = Object::new();
            o.insert("key", Value::from(key));
            o.insert("name", Value::from(c.name().unwrap_or("")));
            o.insert("source_type", Value::from(c.source_type().unwrap_or("")));
            o.insert("show_type", Value::from(c.show_type().unwrap_or("")));
            o.insert("custom_type", Value::from(c.custom_type().unwrap_or("")));
            if let Some(i) = c.object().get("index").filter(|i| i.as_f64().is_some()) {
                o.insert("index", i.clone());
            }
            o.insert("output", Value::Bool(index.is_output(key)));
            let n = index.count(key);
            o.insert("uses", Value::from(n as i64));
            Value::Object(o)
        })
        .collect()
}

/// Every use of every name in the tree (defined as a variable or not), in tree order:
/// nodes' inputs and parameters, conditions, variables' values and bindings, `outputs`.
pub fn uses(tree: &Tree) -> Vec<Use> {
    let mut out = Vec::new();
    walk(tree, &mut out);
    out
}

/// The keys something uses (see [`Used`]), without building the places.
pub fn used(tree: &Tree) -> Used {
    let mut out = Used::default();
    walk(tree, &mut out);
    out
}

fn walk(tree: &Tree, out: &mut impl Sink) {
    for node in tree.activities().chain(tree.gateways()) {
        node_uses(tree, &node, out);
    }
    for c in tree.constants() {
        variable_uses(&c, out);
    }
    for u in uses_in_outputs(tree) {
        out.found(&u.key, u.kind, &Whose::default(), &|| u.path.clone());
    }
}

/// Where the walkers put each use they find. A place's path is made only when asked for.
pub trait Sink {
    fn found(&mut self, key: &str, kind: UseKind, whose: &Whose<'_>, path: &dyn Fn() -> Path);
}

/// The node, branch and variable a use is in.
#[derive(Clone, Copy, Default)]
pub struct Whose<'a> {
    pub node: Option<&'a str>,
    pub flow: Option<&'a str>,
    pub variable: Option<&'a str>,
    /// The input's tag (or the sub-process parameter's key), for [`UseKind::Input`].
    pub tag: Option<&'a str>,
}

impl Sink for Vec<Use> {
    fn found(&mut self, key: &str, kind: UseKind, whose: &Whose<'_>, path: &dyn Fn() -> Path) {
        self.push(Use {
            key: key.to_owned(),
            kind,
            node_id: whose.node.map(str::to_owned),
            flow_id: whose.flow.map(str::to_owned),
            variable: whose.variable.map(str::to_owned),
            path: path(),
        });
    }
}

/// The keys used by a node, another variable (a variable's own value naming itself does not
/// count) or the template's `outputs`: what [`super::index::RefIndex::used`] answers.
#[derive(Default)]
pub struct Used(crate::map::HashSet<String>);

impl Used {
    pub fn contains(&self, key: &str) -> bool {
        self.0.contains(key)
    }
}

impl Sink for Used {
    fn found(&mut self, key: &str, kind: UseKind, whose: &Whose<'_>, _: &dyn Fn() -> Path) {
        if (kind != UseKind::Variable || whose.variable != Some(key)) && !self.0.contains(key) {
            self.0.insert(key.to_owned());
        }
    }
}

/// The template's `outputs` list, one use per key it names.
pub fn uses_in_outputs(tree: &Tree) -> Vec<Use> {
    let mut out = Vec::new();
    for (i, key) in tree
        .root()
        .get("outputs")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        if let Some(key) = key.as_str() {
            out.push(Use {
                key: key.to_owned(),
                kind: UseKind::Outputs,
                node_id: None,
                flow_id: None,
                variable: None,
                path: Path::root().key("outputs").index(i),
            });
        }
    }
    out
}

/// The uses in one node: a task's plugin inputs, a sub-process's shown parameters, a
/// conditional gateway's branch conditions.
pub fn node_uses(tree: &Tree, node: &Node<'_>, out: &mut impl Sink) {
    let id = node.key();
    let path = || node.path();
    let mine = Whose {
        node: Some(id),
        ..Whose::default()
    };
    if node.kind().is_conditional() {
        for c in node.conditions() {
            if let Some(e) = c.evaluate() {
                let flow = Whose {
                    flow: Some(c.flow_id),
                    ..mine
                };
                let path = || path().then("conditions").then(c.flow_id).then("evaluate");
                push_names(e, UseKind::Condition, &flow, &path, out);
            }
        }
        return;
    }
    if !node.kind().is_activity() {
        return;
    }
    if node.kind() == NodeKind::SubProcess {
        subprocess(tree, id, node.object(), &path, out);
        return;
    }
    let Some(component) = node.component() else {
        return;
    };
    for (field, items) in [("data", component.data()), ("inputs", component.inputs())] {
        let Some(items) = items else { continue };
        for (tag, item) in items.iter() {
            let Some(item) = item.as_object() else {
                continue;
            };
            let Some(value) = item.get("value") else {
                continue;
            };
            let here = || path().then("component").then(field).then(tag).then("value");
            if item.get("hook").and_then(Value::as_bool) == Some(true) {
                if let Some(key) = value.as_str().and_then(whole_key) {
                    let input = Whose {
                        tag: Some(tag),
                        ..mine
                    };
                    out.found(key, UseKind::Input, &input, &here);
                    continue;
                }
            }
            strings(value, &here, &mut |path, s| {
                push_names(s, UseKind::Text, &mine, path, out)
            });
        }
    }
}

/// The uses in one variable: references in its value, and the outputs it receives.
pub fn variable_uses(c: &Constant<'_>, out: &mut impl Sink) {
    let at = || Path::root().then("constants").then(c.map_key());
    let me = c.key().unwrap_or(c.map_key());
    if let Some(v) = c.value() {
        let whose = Whose {
            variable: Some(me),
            ..Whose::default()
        };
        strings(v, &|| at().then("value"), &mut |path, s| {
            push_names(s, UseKind::Variable, &whose, path, out)
        });
    }
    if c.source_type() == Some("component_outputs") {
        for (node, _) in c.source_info().into_iter().flat_map(|o| o.iter()) {
            let whose = Whose {
                node: Some(node),
                ..Whose::default()
            };
            out.found(me, UseKind::Output, &whose, &|| {
                at().then("source_info").then(node)
            });
        }
    }
}

/// A sub-process's shown parameters: hooked to a variable, or referring to them.
fn subprocess(tree: &Tree, id: &str, node: &Object, path: &dyn Fn() -> Path, out: &mut impl Sink) {
    let Some(params) = node.get("constants").and_then(Value::as_object) else {
        return;
    };
    let mine = Whose {
        node: Some(id),
        ..Whose::default()
    };
    for (child, p) in params.iter() {
        let Some(p) = p.as_object() else { continue };
        // hidden parameters hold the child template's own values (Q11)
        if p.get("show_type").and_then(Value::as_str) == Some("hide") {
            continue;
        }
        let Some(value) = p.get("value") else {
            continue;
        };
        let here = || path().then("constants").then(child).then("value");
        let hooked = value.as_str().and_then(whole_key).filter(|key| {
            tree.constant(key)
                .and_then(|c| c.source_info()?.get(id)?.as_array())
                .is_some_and(|l| l.iter().any(|t| t.as_str() == Some(child)))
        });
        if let Some(key) = hooked {
            let input = Whose {
                tag: Some(child),
                ..mine
            };
            out.found(key, UseKind::Input, &input, &here);
            continue;
        }
        strings(value, &here, &mut |path, s| {
            push_names(s, UseKind::Subprocess, &mine, path, out)
        });
    }
}

/// `s` when it is exactly one variable key, `${name}`.
pub fn whole_key(s: &str) -> Option<&str> {
    let name = s.strip_prefix("${")?.strip_suffix('}')?;
    let ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c == '_' || c == '.' || c.is_alphanumeric());
    ok.then_some(s)
}

/// Calls `f` with every string in `v` that holds `${` (list items and dict values, not dict
/// keys) and a maker of its path (`at` the path of `v`); no path is made unless asked for.
pub(crate) fn strings<'v>(
    v: &'v Value,
    at: &dyn Fn() -> Path,
    f: &mut impl FnMut(&dyn Fn() -> Path, &'v str),
) {
    match v {
        Value::String(s) if s.contains("${") => f(at, s),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                strings(item, &|| at().then_index(i), f);
            }
        }
        Value::Object(o) => {
            for (k, item) in o.iter() {
                strings(item, &|| at().then(k), f);
            }
        }
        _ => {}
    }
}

fn push_names(
    s: &str,
    kind: UseKind,
    whose: &Whose<'_>,
    path: &dyn Fn() -> Path,
    out: &mut impl Sink,
) {
    let mut seen: Vec<&str> = Vec::new();
    let mut key = String::new();
    for name in mako::names(s, Pattern::Editor) {
        if seen.contains(&name) {
            continue;
        }
        seen.push(name);
        key.clear();
        key.push_str("${");
        key.push_str(name);
        key.push('}');
        out.found(&key, kind, whose, path);
    }
}
