//! Operations as data: what the JS `Editor` and the command line send. JSON form:
//! `{"op": "addNode", "type": "tasknode", "x": 100, "y": 50, "name": "…"}`; see [`Op`].

use super::defaults::NodeSpec;
use super::ids::IdSource;
use super::ops;
use super::tx::Tx;
use super::EditError;
use crate::json::{Object, Value};
use crate::model::{Arrow, NodeKind};

/// One editing operation.
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    /// A node of `kind` with its top-left corner at (x, y); `id` to choose it (else a fresh one).
    AddNode {
        kind: NodeKind,
        x: f64,
        y: f64,
        spec: NodeSpec,
        id: Option<String>,
    },
    /// Deletes a node with its flows, drawing and variables; `reconnect` bridges a node with
    /// one flow in and one out.
    RemoveNode { id: String, reconnect: bool },
    /// Draws a flow, if the canvas rules allow it (else the rule's code, `FE001`…).
    Connect {
        source: String,
        target: String,
        source_arrow: Option<Arrow>,
        target_arrow: Option<Arrow>,
    },
    /// Deletes a flow.
    Disconnect { flow: String },
    /// Deletes every flow of a node ("解除连线"), bridging a 1-in/1-out node when `reconnect`.
    DisconnectNode { id: String, reconnect: bool },
    /// A new node on an existing flow.
    InsertOnFlow {
        flow: String,
        kind: NodeKind,
        x: f64,
        y: f64,
        spec: NodeSpec,
    },
    /// Nodes to absolute positions.
    Move { moves: Vec<(String, f64, f64)> },
    /// Sets (and removes) top-level fields of a node.
    UpdateNode {
        id: String,
        fields: Object,
        remove: Vec<String>,
    },
    /// A branch's name and expression (a default branch becomes ordinary).
    SetCondition {
        gateway: String,
        flow: String,
        name: Option<String>,
        evaluate: Option<String>,
    },
    /// Makes a branch the gateway's default.
    SetDefault {
        gateway: String,
        flow: String,
        name: Option<String>,
    },
    /// Copies nodes and the flows between them, shifted by (dx, dy).
    Paste {
        nodes: Vec<String>,
        dx: f64,
        dy: f64,
    },
    /// Replaces a task's plugin.
    ReplacePlugin {
        id: String,
        code: String,
        version: Option<String>,
        name: Option<String>,
    },
    /// Makes `line` and `location` agree with the flows and nodes.
    RepairDrawing,
    /// Lays the tree out: new `location` and `line`.
    Layout(crate::layout::Params),
    /// Several operations as one undo step.
    Batch(Vec<Op>),
}

/// A node kind from a `location.type` (`tasknode`) or a tree `type` (`ServiceActivity`).
pub fn parse_kind(s: &str) -> Option<NodeKind> {
    let k = match s {
        "startpoint" => NodeKind::StartEvent,
        "endpoint" => NodeKind::EndEvent,
        "tasknode" => NodeKind::ServiceActivity,
        "subflow" => NodeKind::SubProcess,
        "parallelgateway" => NodeKind::ParallelGateway,
        "branchgateway" => NodeKind::ExclusiveGateway,
        "conditionalparallelgateway" => NodeKind::ConditionalParallelGateway,
        "convergegateway" => NodeKind::ConvergeGateway,
        other => NodeKind::from_type(other),
    };
    (k != NodeKind::Unknown).then_some(k)
}

fn bad(msg: impl Into<String>) -> EditError {
    EditError::new("invalid-op", msg)
}

struct Fields<'a>(&'a Object, &'a str);

impl<'a> Fields<'a> {
    fn str(&self, key: &str) -> Result<String, EditError> {
        self.opt_str(key)?
            .ok_or_else(|| bad(format!("{}: '{key}' (a string) is required", self.1)))
    }

    fn opt_str(&self, key: &str) -> Result<Option<String>, EditError> {
        match self.0.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(v) => Err(bad(format!(
                "{}: '{key}' must be a string, not {}",
                self.1,
                v.json_type().name()
            ))),
        }
    }

    fn num(&self, key: &str) -> Result<f64, EditError> {
        match self.0.get(key) {
            Some(Value::Number(n)) if n.as_f64().is_finite() => Ok(n.as_f64()),
            _ => Err(bad(format!(
                "{}: '{key}' (a finite number) is required",
                self.1
            ))),
        }
    }

    fn opt_num(&self, key: &str) -> Result<f64, EditError> {
        match self.0.get(key) {
            None | Some(Value::Null) => Ok(0.0),
            _ => self.num(key),
        }
    }

    fn flag(&self, key: &str) -> Result<bool, EditError> {
        match self.0.get(key) {
            None | Some(Value::Null) => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(_) => Err(bad(format!("{}: '{key}' must be true or false", self.1))),
        }
    }

    fn kind(&self) -> Result<NodeKind, EditError> {
        let t = self.str("type")?;
        parse_kind(&t).ok_or_else(|| bad(format!("{}: unknown node type {t:?}", self.1)))
    }

    fn arrow(&self, key: &str) -> Result<Option<Arrow>, EditError> {
        match self.opt_str(key)? {
            None => Ok(None),
            Some(a) => Arrow::parse(&a).map(Some).ok_or_else(|| {
                bad(format!(
                    "{}: '{key}' must be Left, Right, Top or Bottom",
                    self.1
                ))
            }),
        }
    }

    fn strings(&self, key: &str) -> Result<Vec<String>, EditError> {
        match self.0.get(key) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(a)) => a
                .iter()
                .map(|v| {
                    v.as_str()
                        .map(str::to_owned)
                        .ok_or_else(|| bad(format!("{}: '{key}' lists strings", self.1)))
                })
                .collect(),
            Some(_) => Err(bad(format!(
                "{}: '{key}' must be a list of strings",
                self.1
            ))),
        }
    }

    fn spec(&self) -> Result<NodeSpec, EditError> {
        Ok(NodeSpec {
            name: self.opt_str("name")?,
            code: match self.opt_str("code")? {
                Some(c) => Some(c),
                None => self.opt_str("templateId")?,
            },
            version: self.opt_str("version")?,
        })
    }
}

impl Op {
    /// Reads an operation from its JSON form.
    pub fn from_json(v: &Value) -> Result<Op, EditError> {
        let o = v
            .as_object()
            .ok_or_else(|| bad("an operation is a JSON object"))?;
        let name = o
            .get("op")
            .and_then(Value::as_str)
            .ok_or_else(|| bad("an operation needs 'op' (its name)"))?;
        let f = Fields(o, name);
        Ok(match name {
            "addNode" => Op::AddNode {
                kind: f.kind()?,
                x: f.num("x")?,
                y: f.num("y")?,
                spec: f.spec()?,
                id: f.opt_str("id")?,
            },
            "removeNode" => Op::RemoveNode {
                id: f.str("id")?,
                reconnect: f.flag("reconnect")?,
            },
            "connect" => Op::Connect {
                source: f.str("source")?,
                target: f.str("target")?,
                source_arrow: f.arrow("sourceArrow")?,
                target_arrow: f.arrow("targetArrow")?,
            },
            "disconnect" => Op::Disconnect {
                flow: f.str("flow")?,
            },
            "disconnectNode" => Op::DisconnectNode {
                id: f.str("id")?,
                reconnect: f.flag("reconnect")?,
            },
            "insertOnFlow" => Op::InsertOnFlow {
                flow: f.str("flow")?,
                kind: f.kind()?,
                x: f.num("x")?,
                y: f.num("y")?,
                spec: f.spec()?,
            },
            "move" => {
                let items = o
                    .get("nodes")
                    .and_then(Value::as_array)
                    .ok_or_else(|| bad("move: 'nodes' (a list of {id, x, y}) is required"))?;
                let mut moves = Vec::with_capacity(items.len());
                for it in items {
                    let io = it
                        .as_object()
                        .ok_or_else(|| bad("move: each item is {id, x, y}"))?;
                    let g = Fields(io, "move");
                    moves.push((g.str("id")?, g.num("x")?, g.num("y")?));
                }
                Op::Move { moves }
            }
            "updateNode" => Op::UpdateNode {
                id: f.str("id")?,
                fields: match o.get("fields") {
                    None | Some(Value::Null) => Object::new(),
                    Some(Value::Object(x)) => x.clone(),
                    Some(_) => return Err(bad("updateNode: 'fields' must be an object")),
                },
                remove: f.strings("remove")?,
            },
            "setCondition" => Op::SetCondition {
                gateway: f.str("gateway")?,
                flow: f.str("flow")?,
                name: f.opt_str("name")?,
                evaluate: f.opt_str("evaluate")?,
            },
            "setDefault" => Op::SetDefault {
                gateway: f.str("gateway")?,
                flow: f.str("flow")?,
                name: f.opt_str("name")?,
            },
            "paste" => Op::Paste {
                nodes: f.strings("nodes")?,
                dx: f.opt_num("dx")?,
                dy: f.opt_num("dy")?,
            },
            "replacePlugin" => Op::ReplacePlugin {
                id: f.str("id")?,
                code: f.str("code")?,
                version: f.opt_str("version")?,
                name: f.opt_str("name")?,
            },
            "repairDrawing" => Op::RepairDrawing,
            "layout" => Op::Layout(
                crate::layout::Params::from_json(o)
                    .map_err(|e| bad(format!("layout: {}", e.message)))?,
            ),
            "batch" => {
                let items = o
                    .get("ops")
                    .and_then(Value::as_array)
                    .ok_or_else(|| bad("batch: 'ops' (a list) is required"))?;
                Op::Batch(items.iter().map(Op::from_json).collect::<Result<_, _>>()?)
            }
            other => return Err(bad(format!("unknown operation {other:?}"))),
        })
    }
}

fn one(key: &str, v: &str) -> Object {
    let mut o = Object::new();
    o.insert(key, Value::from(v));
    o
}

pub(crate) fn run(tx: &mut Tx<'_>, rng: &mut IdSource, op: &Op) -> Result<Object, EditError> {
    match op {
        Op::AddNode {
            kind,
            x,
            y,
            spec,
            id,
        } => ops::add_node(tx, rng, *kind, *x, *y, spec, id.as_deref()).map(|id| one("id", &id)),
        Op::RemoveNode { id, reconnect } => ops::remove_node(tx, rng, id, *reconnect).map(bridged),
        Op::DisconnectNode { id, reconnect } => {
            ops::disconnect_node(tx, rng, id, *reconnect).map(bridged)
        }
        Op::Connect {
            source,
            target,
            source_arrow,
            target_arrow,
        } => {
            crate::rules::can_connect(tx.tree(), source, target)
                .map_err(|r| EditError::new(r.code, format!("{} ({})", r.message, r.message_zh)))?;
            let sa = source_arrow.map_or("Right", Arrow::as_str);
            let ta = target_arrow.map_or("Left", Arrow::as_str);
            ops::add_line(tx, rng, source, sa, target, ta, None).map(|f| one("flow", &f))
        }
        Op::Disconnect { flow } => ops::remove_flow(tx, flow).map(|_| Object::new()),
        Op::InsertOnFlow {
            flow,
            kind,
            x,
            y,
            spec,
        } => {
            let (id, a, b) = ops::insert_on_flow(tx, rng, flow, *kind, *x, *y, spec)?;
            let mut o = one("id", &id);
            o.insert("flows", Value::Array(vec![Value::from(a), Value::from(b)]));
            Ok(o)
        }
        Op::Move { moves } => {
            for (id, x, y) in moves {
                ops::move_node(tx, id, *x, *y)?;
            }
            Ok(Object::new())
        }
        Op::UpdateNode { id, fields, remove } => {
            ops::update_node(tx, id, fields, remove).map(|_| Object::new())
        }
        Op::SetCondition {
            gateway,
            flow,
            name,
            evaluate,
        } => ops::set_condition(tx, gateway, flow, name.as_deref(), evaluate.as_deref())
            .map(|_| Object::new()),
        Op::SetDefault {
            gateway,
            flow,
            name,
        } => ops::set_default(tx, gateway, flow, name.as_deref()).map(|_| Object::new()),
        Op::Paste { nodes, dx, dy } => {
            let map = ops::paste(tx, rng, nodes, *dx, *dy)?;
            let mut m = Object::new();
            for (old, new) in map {
                m.insert(old, Value::from(new));
            }
            let mut o = Object::new();
            o.insert("ids", Value::Object(m));
            Ok(o)
        }
        Op::ReplacePlugin {
            id,
            code,
            version,
            name,
        } => ops::replace_plugin(tx, id, code, version.as_deref(), name.as_deref())
            .map(|_| Object::new()),
        Op::RepairDrawing => ops::repair_drawing(tx).map(|_| Object::new()),
        Op::Layout(params) => {
            let l = crate::layout::layout(tx.tree(), params)
                .map_err(|e| bad(format!("layout: {}", e.message)))?;
            tx.set(&[], "location", l.location)?;
            tx.set(&[], "line", l.line)?;
            Ok(Object::new())
        }
        Op::Batch(list) => {
            let mut results = Vec::with_capacity(list.len());
            for op in list {
                results.push(Value::Object(run(tx, rng, op)?));
            }
            let mut o = Object::new();
            o.insert("results", Value::Array(results));
            Ok(o)
        }
    }
}

fn bridged(flow: Option<String>) -> Object {
    flow.map_or_else(Object::new, |f| one("bridge", &f))
}
