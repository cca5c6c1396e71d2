//! The typed `pipeline_tree`.
//!
//! A [`Tree`] owns the lossless JSON object it was read from and gives typed views of it
//! ([`Node`], [`Flow`], [`Constant`], [`Line`], [`Location`]). Storage is the JSON itself, so
//! every field the model does not know, the key order, and the shape of `incoming`/`outgoing`
//! survive by construction; the views give algorithms normalised data ([`Io::iter`]).
//! Reading checks the JSON type of every field the views interpret, so an accessor never
//! meets a value of the wrong type: a field is either absent/null (`None`) or well typed.

pub(crate) mod check;
mod typescript;
pub use typescript::declarations as typescript_declarations;
mod node;
mod parts;

pub use node::{
    AutoRetry, Component, Condition, DefaultCondition, Io, Node, NodeKind, Place, TimeoutConfig,
};
pub use parts::{Anchor, Arrow, Constant, Flow, Line, Location};

use crate::error::{ErrorCode, ParseError, Problem};
use crate::json::{self, Format, Limits, Object, Path, Position, Value};

/// Which of the formats people write a tree in, decided from its top-level keys alone
/// ([`Tree::format`]):
///
/// - [`TreeFormat::Web`]: SOPS's and BKFlow's editor format, with `constants` or `outputs` at
///   the top level (plugin inputs in `component.data`);
/// - [`TreeFormat::Engine`]: bamboo-engine's own `pipeline` format, with neither, and a `data`
///   object (`data.inputs`, `data.outputs`, `pre_render_keys`; plugin inputs in
///   `component.inputs`);
/// - [`TreeFormat::Fragment`]: neither: an excerpt or a test fixture, checked as a web tree
///   that lacks sections (plugin inputs read from whichever of `data` and `inputs` it has).
///
/// No editor operation adds or removes `constants`, `outputs` or `data`, so a tree keeps its
/// format while it is edited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TreeFormat {
    Web,
    Engine,
    Fragment,
}

impl TreeFormat {
    /// `web`, `engine` or `fragment`: the name in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            TreeFormat::Web => "web",
            TreeFormat::Engine => "engine",
            TreeFormat::Fragment => "fragment",
        }
    }

    /// How a report names the format in Chinese.
    pub fn name_zh(self) -> &'static str {
        match self {
            TreeFormat::Web => "画布格式",
            TreeFormat::Engine => "引擎格式",
            TreeFormat::Fragment => "片段",
        }
    }

    /// The format of a tree with these top-level keys.
    pub fn of(root: &Object) -> TreeFormat {
        if root.contains_key("constants") || root.contains_key("outputs") {
            TreeFormat::Web
        } else if matches!(root.get("data"), Some(Value::Object(_))) {
            TreeFormat::Engine
        } else {
            TreeFormat::Fragment
        }
    }

    /// The key of a component's plugin inputs: `data` (web), `inputs` (engine).
    pub fn inputs_key(self) -> &'static str {
        match self {
            TreeFormat::Engine => "inputs",
            _ => "data",
        }
    }
}

/// A pipeline tree: a JSON object whose known fields have the types the model expects.
#[derive(Clone, Debug, PartialEq)]
pub struct Tree {
    root: Object,
}

/// The sections of which a tree has at least one.
const SECTIONS: [&str; 5] = [
    "start_event",
    "end_event",
    "activities",
    "gateways",
    "flows",
];

/// A `not-a-tree` refusal at the root, in English and Chinese.
pub(crate) fn not_a_tree(message: String, message_zh: String) -> ParseError {
    let problem = Problem {
        code: ErrorCode::NotATree,
        message,
        message_zh: Some(message_zh),
        path: Path::root(),
        position: None,
    };
    ParseError::new(problem, Vec::new())
}

/// The refusal of a value that is not an object.
pub(crate) fn not_an_object(value: &Value) -> ParseError {
    let found = value.json_type().name();
    not_a_tree(
        format!("a pipeline tree is a JSON object, found {found}"),
        format!("流程树应是 JSON 对象，这里是 {found}"),
    )
}

/// The refusal of an object with none of a tree's sections, in English and Chinese.
pub(crate) const NO_SECTIONS: (&str, &str) = (
    "not a pipeline_tree: no start_event, end_event, activities, gateways or flows",
    "不是 pipeline_tree：没有 start_event、end_event、activities、gateways 或 flows",
);

/// Whether an object has at least one of a tree's sections.
pub(crate) fn is_tree(o: &Object) -> bool {
    SECTIONS.iter().any(|k| o.contains_key(k))
}

impl Tree {
    /// Reads a tree from JSON text with the default [`Limits`].
    pub fn parse(text: &str) -> Result<Tree, ParseError> {
        Tree::parse_with(text, &Limits::default())
    }

    /// Reads a tree from JSON text.
    pub fn parse_with(text: &str, limits: &Limits) -> Result<Tree, ParseError> {
        let value = json::parse(text, limits)?;
        Tree::from_value_with(value, limits).map_err(|e| locate(e, text))
    }

    /// Reads a tree from bytes that should be UTF-8 JSON.
    pub fn parse_bytes(bytes: &[u8], limits: &Limits) -> Result<Tree, ParseError> {
        let value = json::parse_bytes(bytes, limits)?;
        // parse_bytes succeeded, so the bytes are UTF-8.
        let text = std::str::from_utf8(bytes).unwrap_or_default();
        Tree::from_value_with(value, limits).map_err(|e| locate(e, text))
    }

    /// Checks a JSON value with the default [`Limits`]. Problems have paths but no positions
    /// (there is no text).
    pub fn from_value(value: Value) -> Result<Tree, ParseError> {
        Tree::from_value_with(value, &Limits::default())
    }

    /// Reads a JSON value as a tree: refused only when it is not one at all (not an object, or
    /// an object with none of a tree's sections) or beyond the node and flow limits. Every
    /// other value is kept as written, whatever its type: a known field of the wrong JSON type
    /// is a diagnostic of the validator (SCHEMA013, WEB009), not a read error.
    pub fn from_value_with(value: Value, limits: &Limits) -> Result<Tree, ParseError> {
        let root = match value {
            Value::Object(root) => root,
            other => return Err(not_an_object(&other)),
        };
        if !is_tree(&root) {
            return Err(not_a_tree(
                NO_SECTIONS.0.to_owned(),
                NO_SECTIONS.1.to_owned(),
            ));
        }
        count(&root, limits)?;
        Ok(Tree { root })
    }

    /// Writes the tree as text.
    pub fn to_string(&self, format: &Format) -> String {
        let mut out = String::new();
        self.write(&mut out, format);
        out
    }

    /// Appends the tree's text to `out`.
    pub fn write(&self, out: &mut String, format: &Format) {
        json::write_object(out, &self.root, format);
    }

    /// The whole tree as JSON.
    pub fn root(&self) -> &Object {
        &self.root
    }

    /// A tree over JSON the caller built with well-typed fields (the editor's new template).
    pub(crate) fn from_object_unchecked(root: Object) -> Tree {
        Tree { root }
    }

    /// The JSON, for the editor's primitive steps, which keep every field the model types
    /// well typed (see `edit::ops::update_node`).
    pub(crate) fn root_mut(&mut self) -> &mut Object {
        &mut self.root
    }

    pub fn into_value(self) -> Value {
        Value::Object(self.root)
    }

    pub(crate) fn object(&self, key: &str) -> Option<&Object> {
        self.root.get(key).and_then(Value::as_object)
    }

    fn array(&self, key: &str) -> &[Value] {
        self.root.get(key).and_then(Value::as_array).unwrap_or(&[])
    }

    /// The format the tree is written in (see [`TreeFormat`]).
    pub fn format(&self) -> TreeFormat {
        TreeFormat::of(&self.root)
    }

    /// The template name, when the tree carries one.
    pub fn name(&self) -> Option<&str> {
        self.root.get("name").and_then(Value::as_str)
    }

    pub fn start_event(&self) -> Option<Node<'_>> {
        self.event("start_event", Place::StartEvent)
    }

    pub fn end_event(&self) -> Option<Node<'_>> {
        self.event("end_event", Place::EndEvent)
    }

    fn event(&self, key: &str, place: Place) -> Option<Node<'_>> {
        let obj = self.object(key)?;
        let id = obj.get("id").and_then(Value::as_str).unwrap_or("");
        Some(Node {
            key: id,
            obj,
            place,
        })
    }

    fn members(&self, key: &str, place: Place) -> impl Iterator<Item = Node<'_>> {
        self.object(key)
            .into_iter()
            .flat_map(|m| m.iter())
            .filter_map(move |(k, v)| {
                Some(Node {
                    key: k,
                    obj: v.as_object()?,
                    place,
                })
            })
    }

    /// Activities (ServiceActivity and SubProcess) in written order.
    pub fn activities(&self) -> impl Iterator<Item = Node<'_>> {
        self.members("activities", Place::Activities)
    }

    /// Gateways in written order.
    pub fn gateways(&self) -> impl Iterator<Item = Node<'_>> {
        self.members("gateways", Place::Gateways)
    }

    /// Every node: start, end, activities, gateways (bamboo-engine's `get_nodes_dict` order).
    pub fn nodes(&self) -> impl Iterator<Item = Node<'_>> {
        self.start_event()
            .into_iter()
            .chain(self.end_event())
            .chain(self.activities())
            .chain(self.gateways())
    }

    /// Every node stored under `key` (an event with that id, an activity, a gateway), in
    /// [`Tree::nodes`] order; more than one only in a tree that reuses an id.
    pub fn nodes_keyed<'t>(&'t self, key: &'t str) -> impl Iterator<Item = Node<'t>> + 't {
        let member = move |section: &str, place| {
            let (k, v) = self.object(section)?.get_key_value(key)?;
            v.as_object().map(|obj| Node { key: k, obj, place })
        };
        self.start_event()
            .filter(move |n| n.key() == key)
            .into_iter()
            .chain(self.end_event().filter(move |n| n.key() == key))
            .chain(member("activities", Place::Activities))
            .chain(member("gateways", Place::Gateways))
    }

    /// The activity stored under `key`.
    pub fn activity(&self, key: &str) -> Option<Node<'_>> {
        let (key, v) = self.object("activities")?.get_key_value(key)?;
        v.as_object().map(|obj| Node {
            key,
            obj,
            place: Place::Activities,
        })
    }

    /// The node with this id, looked up as bamboo-engine does: activities, gateways, end, start.
    pub fn node(&self, id: &str) -> Option<Node<'_>> {
        let member = |key, place| {
            let (key, v) = self.object(key)?.get_key_value(id)?;
            v.as_object().map(|obj| Node { key, obj, place })
        };
        member("activities", Place::Activities)
            .or_else(|| member("gateways", Place::Gateways))
            .or_else(|| self.end_event().filter(|n| n.id() == Some(id)))
            .or_else(|| self.start_event().filter(|n| n.id() == Some(id)))
    }

    pub fn flows(&self) -> impl Iterator<Item = Flow<'_>> {
        self.object("flows")
            .into_iter()
            .flat_map(|m| m.iter())
            .filter_map(|(k, v)| {
                Some(Flow {
                    key: k,
                    obj: v.as_object()?,
                })
            })
    }

    pub fn flow(&self, id: &str) -> Option<Flow<'_>> {
        let (key, v) = self.object("flows")?.get_key_value(id)?;
        Some(Flow {
            key,
            obj: v.as_object()?,
        })
    }

    /// The flows that start or end at `node`, as its `incoming` then `outgoing` list them, once
    /// each (O(degree)): a listed flow that does not touch the node is left out, and so is a
    /// flow that names the node without being listed.
    pub fn flows_of<'t>(&'t self, node: &Node<'t>) -> Vec<&'t str> {
        let id = node.key();
        let mut out: Vec<&str> = Vec::new();
        for f in node.incoming().iter().chain(node.outgoing().iter()) {
            let touches = self
                .flow(f)
                .and_then(|fl| fl.ends())
                .is_some_and(|(s, t)| s == id || t == id);
            if touches && !out.contains(&f) {
                out.push(f);
            }
        }
        out
    }

    fn constants_in(&self, key: &str) -> impl Iterator<Item = Constant<'_>> {
        self.object(key)
            .into_iter()
            .flat_map(|m| m.iter())
            .filter_map(|(k, v)| {
                Some(Constant {
                    key: k,
                    obj: v.as_object()?,
                })
            })
    }

    /// Template variables (`constants`), in written order.
    pub fn constants(&self) -> impl Iterator<Item = Constant<'_>> {
        self.constants_in("constants")
    }

    /// The template variable stored under `key`.
    pub fn constant(&self, key: &str) -> Option<Constant<'_>> {
        let (k, v) = self.object("constants")?.get_key_value(key)?;
        Some(Constant {
            key: k,
            obj: v.as_object()?,
        })
    }

    /// System variables (`internalVariable`), when the tree carries them.
    pub fn internal_variables(&self) -> impl Iterator<Item = Constant<'_>> {
        self.constants_in("internalVariable")
    }

    /// Keys of the variables the template exposes as outputs.
    pub fn outputs(&self) -> impl Iterator<Item = &str> {
        self.array("outputs").iter().filter_map(Value::as_str)
    }

    pub fn lines(&self) -> impl Iterator<Item = Line<'_>> {
        self.array("line").iter().filter_map(|v| {
            Some(Line {
                obj: v.as_object()?,
            })
        })
    }

    /// The item `line[i]`.
    pub fn line_at(&self, i: usize) -> Option<Line<'_>> {
        Some(Line {
            obj: self.array("line").get(i)?.as_object()?,
        })
    }

    /// The item `location[i]`.
    pub fn location_at(&self, i: usize) -> Option<Location<'_>> {
        Some(Location {
            obj: self.array("location").get(i)?.as_object()?,
        })
    }

    pub fn locations(&self) -> impl Iterator<Item = Location<'_>> {
        self.array("location").iter().filter_map(|v| {
            Some(Location {
                obj: v.as_object()?,
            })
        })
    }
}

/// Refuses a tree with more nodes or flows than `limits` allow, counting embedded sub-process
/// pipelines (walked with a stack: nesting depth is bounded by the JSON depth limit only).
fn count(root: &Object, limits: &Limits) -> Result<(), ParseError> {
    let (mut nodes, mut flows) = (0usize, 0usize);
    let mut stack = vec![root];
    while let Some(p) = stack.pop() {
        nodes += ["start_event", "end_event"]
            .iter()
            .filter(|k| matches!(p.get(k), Some(Value::Object(o)) if !o.is_empty()))
            .count();
        for key in ["activities", "gateways"] {
            if let Some(Value::Object(map)) = p.get(key) {
                nodes += map.len();
                if key == "activities" {
                    stack.extend(map.values().filter_map(|a| match a {
                        Value::Object(a) => match a.get("pipeline") {
                            Some(Value::Object(sub)) => Some(sub),
                            _ => None,
                        },
                        _ => None,
                    }));
                }
            }
        }
        if let Some(Value::Object(map)) = p.get("flows") {
            flows += map.len();
        }
    }
    let (code, what, zh, found, max) = if nodes > limits.max_nodes {
        (
            ErrorCode::TooManyNodes,
            "nodes",
            "节点",
            nodes,
            limits.max_nodes,
        )
    } else if flows > limits.max_flows {
        (
            ErrorCode::TooManyFlows,
            "flows",
            "连线",
            flows,
            limits.max_flows,
        )
    } else {
        return Ok(());
    };
    Err(ParseError::new(
        Problem {
            code,
            message: format!("the tree has {found} {what}, more than the limit of {max}"),
            message_zh: Some(format!("流程树有 {found} 个{zh}，超过上限 {max}")),
            path: Path::root(),
            position: None,
        },
        Vec::new(),
    ))
}

/// Gives each problem of `err` its line and column in `text`.
pub(crate) fn locate(err: ParseError, text: &str) -> ParseError {
    let paths: Vec<&Path> = err.problems().iter().map(|p| &p.path).collect();
    let offsets = json::locate(text, &paths);
    let problems = err
        .problems()
        .iter()
        .zip(offsets)
        .map(|(p, off)| Problem {
            position: off.map(|o| Position::of(text, o)),
            ..p.clone()
        })
        .collect();
    ParseError::from_problems(problems).unwrap_or(err)
}
