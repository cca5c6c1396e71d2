//! The engine's view of one pipeline: `get_nodes_dict`, `format_to_list`,
//! `get_node_for_sequence`, with Python's failure points made explicit.

use crate::map::HashMap;

use super::{crash, EngineError, Fault, Res};
use crate::json::{Object, Value};

/// One pipeline (the tree or an embedded sub-process pipeline).
pub(crate) struct Pipeline<'a> {
    pub start: &'a Object,
    pub end: &'a Object,
    pub start_id: &'a str,
    pub end_id: &'a str,
    pub activities: &'a Object,
    pub gateways: &'a Object,
    pub flows: Option<&'a Object>,
}

fn object<'a>(obj: &'a Object, key: &'static str, code: &'static str) -> Res<&'a Object> {
    obj.get(key).and_then(Value::as_object).ok_or_else(|| {
        crash(
            code,
            None,
            format!("KeyError: the pipeline has no '{key}' object"),
            Fault::Section(key),
        )
    })
}

fn event_id<'a>(ev: &'a Object, which: &str, code: &'static str) -> Res<&'a str> {
    ev.get("id").and_then(Value::as_str).ok_or_else(|| {
        crash(
            code,
            None,
            format!("KeyError: the {which} has no 'id'"),
            Fault::Missing("id"),
        )
    })
}

/// A node's effective `converge_gateway_id`, as `dict.get` would see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cgid<'a> {
    Absent,
    /// JSON null (or, on a node the model does not type, any non-string).
    Null,
    Id(&'a str),
}

impl<'a> Cgid<'a> {
    pub fn of(obj: &'a Object) -> Cgid<'a> {
        match obj.get("converge_gateway_id") {
            None => Cgid::Absent,
            Some(Value::String(s)) => Cgid::Id(s),
            Some(_) => Cgid::Null,
        }
    }
}

/// An entry of `get_nodes_dict`.
pub(crate) struct NodeRec<'a> {
    pub key: &'a str,
    pub id: Option<&'a str>,
    pub ty: Option<&'a str>,
    pub outgoing_len: usize,
    pub source_len: usize,
    pub target: Vec<&'a str>,
    pub cgid: Cgid<'a>,
}

/// `get_nodes_dict`: start, end, activities, gateways; a repeated key keeps its first place
/// and takes the later value.
pub(crate) struct NodesDict<'a> {
    pub list: Vec<NodeRec<'a>>,
    pub index: HashMap<&'a str, usize>,
}

impl<'a> NodesDict<'a> {
    pub fn get(&self, key: &str) -> Option<&NodeRec<'a>> {
        self.index.get(key).map(|&i| &self.list[i])
    }

    /// Records a `converge_gateway_id` the gateway stage wrote on gateway `key` (gateways come
    /// last in the dict, so the entry under a gateway's key is that gateway).
    pub fn set_converge(&mut self, key: &str, converge: &'a str) {
        if let Some(&i) = self.index.get(key) {
            self.list[i].cgid = Cgid::Id(converge);
        }
    }
}

/// Python's `format_to_list` (a list stays, a falsy value is `[]`, anything else `[x]`).
/// `None` is a missing field: a KeyError.
pub(crate) fn format_to_list<'a>(
    v: Option<&'a Value>,
    node: &str,
    field: &'static str,
) -> Res<Vec<&'a str>> {
    match v {
        None => Err(crash(
            "SCHEMA010",
            Some(node),
            format!("KeyError: node {node} has no '{field}'"),
            Fault::Missing(field),
        )),
        Some(Value::Array(items)) => items
            .iter()
            .map(|i| {
                i.as_str().ok_or_else(|| {
                    crash(
                        "CONN006",
                        Some(node),
                        format!("node {node} lists a flow id that is not a string"),
                        Fault::WrongType(field),
                    )
                })
            })
            .collect(),
        Some(Value::String(s)) if s.is_empty() => Ok(Vec::new()),
        Some(Value::String(s)) => Ok(vec![s.as_str()]),
        Some(Value::Null) => Ok(Vec::new()),
        Some(_) => Err(crash(
            "CONN006",
            Some(node),
            format!("node {node}: '{field}' is neither a flow id nor a list"),
            Fault::WrongType(field),
        )),
    }
}

impl<'a> Pipeline<'a> {
    pub fn new(obj: &'a Object) -> Res<Pipeline<'a>> {
        let activities = object(obj, "activities", "SCHEMA001")?;
        let gateways = object(obj, "gateways", "SCHEMA001")?;
        let end = object(obj, "end_event", "SCHEMA001")?;
        let start = object(obj, "start_event", "SCHEMA001")?;
        let end_id = event_id(end, "end event", "SCHEMA003")?;
        let start_id = event_id(start, "start event", "SCHEMA002")?;
        Ok(Pipeline {
            start,
            end,
            start_id,
            end_id,
            activities,
            gateways,
            flows: obj.get("flows").and_then(Value::as_object),
        })
    }

    /// `tree["flows"][fid][field]`.
    pub fn flow_end(&self, fid: &str, field: &str, node: &str) -> Res<&'a str> {
        self.flows
            .and_then(|f| f.get(fid))
            .and_then(Value::as_object)
            .and_then(|f| f.get(field))
            .and_then(Value::as_str)
            .ok_or_else(|| {
                crash(
                    "CONN006",
                    Some(node),
                    format!(
                        "KeyError: flow {fid:?} of node {node} does not exist (or has no {field})"
                    ),
                    Fault::NoFlow(fid.to_owned()),
                )
            })
    }

    /// `get_node_for_sequence(fid, tree, "source")`: activities, gateways, end, start.
    pub fn source_node(&self, fid: &str, node: &str) -> Res<&'a Object> {
        let src = self.flow_end(fid, "source", node)?;
        if let Some(o) = self.activities.get(src).and_then(Value::as_object) {
            return Ok(o);
        }
        if let Some(o) = self.gateways.get(src).and_then(Value::as_object) {
            return Ok(o);
        }
        if src == self.end_id {
            return Ok(self.end);
        }
        if src == self.start_id {
            return Ok(self.start);
        }
        Err(crash(
            "CONN006",
            Some(node),
            format!("ValueError: node({src}) not in data (source of flow {fid})"),
            Fault::NotANode {
                flow: Some(fid.to_owned()),
                id: src.to_owned(),
            },
        ))
    }

    /// `get_nodes_dict`.
    pub fn nodes_dict(&self) -> Res<NodesDict<'a>> {
        let mut nd = NodesDict {
            list: Vec::with_capacity(self.activities.len() + self.gateways.len() + 2),
            index: HashMap::with_capacity(self.activities.len() + self.gateways.len() + 2),
        };
        let mut put = |key: &'a str, obj: &'a Object, cgid: Cgid<'a>| -> Res<()> {
            let incoming = format_to_list(obj.get("incoming"), key, "incoming")?;
            let outgoing = format_to_list(obj.get("outgoing"), key, "outgoing")?;
            let mut target = Vec::with_capacity(outgoing.len());
            for f in &incoming {
                self.flow_end(f, "source", key)?;
            }
            for f in &outgoing {
                target.push(self.flow_end(f, "target", key)?);
            }
            let rec = NodeRec {
                key,
                id: obj.get("id").and_then(Value::as_str),
                ty: obj.get("type").and_then(Value::as_str),
                outgoing_len: outgoing.len(),
                source_len: incoming.len(),
                target,
                cgid,
            };
            match nd.index.get(key) {
                Some(&i) => nd.list[i] = rec,
                None => {
                    nd.index.insert(key, nd.list.len());
                    nd.list.push(rec);
                }
            }
            Ok(())
        };
        put(self.start_id, self.start, Cgid::of(self.start))?;
        put(self.end_id, self.end, Cgid::of(self.end))?;
        for (k, v) in self.activities.iter() {
            let o = v.as_object().ok_or_else(|| not_object(k))?;
            put(k, o, Cgid::of(o))?;
        }
        for (k, v) in self.gateways.iter() {
            let o = v.as_object().ok_or_else(|| not_object(k))?;
            put(k, o, Cgid::of(o))?;
        }
        Ok(nd)
    }
}

fn not_object(k: &str) -> EngineError {
    crash(
        "SCHEMA010",
        Some(k),
        format!("node {k} is not an object"),
        Fault::NotObject,
    )
}

/// The first problem bamboo-engine would trip on in an embedded pipeline's JSON types.
pub(crate) fn type_problem(obj: &Object) -> Option<EngineError> {
    crate::model::check::engine_pipeline_problem(obj).map(|p| {
        let fault = Fault::TypeAt {
            path: p.path.to_string(),
            en: p.message.clone(),
            zh: p.message_zh.clone().unwrap_or_default(),
        };
        crash(
            "SCHEMA000",
            None,
            format!("{} at {}", p.message, p.path),
            fault,
        )
    })
}
