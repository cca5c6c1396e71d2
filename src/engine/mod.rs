//! bamboo-engine parity: the verdict `bamboo_engine.validator.validate_and_process_pipeline`
//! gives a tree, reproduced step for step.
//!
//! The engine stops at its first error, crashes (KeyError, TypeError...) on some malformed
//! trees and loops forever on others; [`verdict`] reports each of those outcomes as a typed
//! [`EngineError`] instead, and never recurses on the tree's depth. The stages follow
//! `validator/api.py`: sub-process pipelines first (post-order), then connection rules
//! ([`connection`]), the optional cycle check ([`cycle`]), converge matching ([`gateway`],
//! which also yields the `converge_gateway_id` values the engine writes) and branch streams
//! ([`stream`]). [`start`] answers which nodes a task may start from and what it then skips.
//!
//! The comparison with the real engine is `tests/parity/`.

mod connection;
mod cycle;
mod dense;
mod describe;
mod distance;
mod gateway;
mod nodes;
pub mod start;
mod stream;

use std::fmt;

use crate::json::{Object, Value};
use crate::model::Tree;

pub(crate) use connection::rule as connection_rule;
pub use dense::Index as GraphIndex;
pub(crate) use nodes::Pipeline;

/// How to run the engine's checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// Loops are allowed (SOPS passes `cycle_tolerate=True` everywhere). Default true.
    pub cycle_tolerate: bool,
    /// A `SubProcess` without an embedded `pipeline` is an error, as bamboo-engine's recursion
    /// makes it (KeyError). Off by default: in a web tree SOPS replaces `template_id` by the
    /// child's pipeline before the engine runs, so such a node is validated on its own.
    pub require_subprocess_pipeline: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            cycle_tolerate: true,
            require_subprocess_pipeline: false,
        }
    }
}

/// Why the engine refuses a tree. `code` names the rule (see `crate::rules::RULES`).
///
/// What users read is [`EngineError::describe`] (English and Chinese, from the kind, code,
/// node and [`Fault`]); `detail` is the engine's own text, for comparing with bamboo-engine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EngineError {
    pub kind: ErrorKind,
    /// Rule code: `CONN001`, `GW004`, `STREAM001`, `CONN006` (a flow to nowhere)...
    pub code: &'static str,
    /// The node the engine names (failed node, gateway, converge, stream node).
    pub node_id: Option<String>,
    /// The engine's message, verbatim where it has one (Chinese); for a crash, the Python
    /// exception it raises (`KeyError: …`); for a hang, what loops. Not for users.
    pub detail: Box<str>,
    /// What is wrong in the tree when the engine crashes or gives no message of its own
    /// (boxed: the error stays small, it is the `Err` of every stage).
    pub fault: Box<Fault>,
    /// Ids of the SubProcess activities leading to the failing pipeline (empty: the tree).
    pub pipeline: Vec<String>,
}

/// What in the tree makes the engine fail, when the rule's code alone does not say it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    /// The rule (`code`) says it.
    Rule,
    /// The pipeline lacks this section (`activities`, `flows`…).
    Section(&'static str),
    /// The pipeline's section is not an object.
    SectionType(&'static str),
    /// The node (`node_id`; any node when none) lacks this field.
    Missing(&'static str),
    /// The node's field has a JSON type the engine cannot use.
    WrongType(&'static str),
    /// The node is not a JSON object.
    NotObject,
    /// The node's `type` is none the engine knows.
    UnknownType(String),
    /// A flow (of `node_id`, or this one) goes to or comes from `id`, which is not a node.
    NotANode { flow: Option<String>, id: String },
    /// `id` is not a node.
    NoSuchNode(String),
    /// The node lists this flow, which does not exist (or lacks its source or target).
    NoFlow(String),
    /// This flow lacks `source` or `target`.
    FlowEnds(String),
    /// The node has no outgoing flow.
    NoOutgoing,
    /// The gateway's `id` differs from its key.
    IdDiffers,
    /// A gateway id that is no gateway's key.
    IdNotKey(String),
    /// The node's `converge_gateway_id` names no node.
    ConvergeNotNode(String),
    /// The loop the flows form (`a → b → a`).
    Loop(String),
    /// A field of a sub-process's pipeline has the wrong JSON type: path, en, zh.
    TypeAt {
        path: String,
        en: String,
        zh: String,
    },
}

/// The engine's exception class, or how it fails without one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// `ConnectionValidateError`.
    Connection,
    /// `TreeInvalidException("pipeline graph has circle")`.
    Cycle,
    /// `ConvergeMatchError`.
    Converge,
    /// `StreamValidateError`.
    Stream,
    /// A Python error that is not a validation error (KeyError, TypeError, IndexError...).
    Crash,
    /// The engine never returns (an activity-only loop reached from a gateway).
    Hang,
}

impl ErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Connection => "connection",
            ErrorKind::Cycle => "cycle",
            ErrorKind::Converge => "converge",
            ErrorKind::Stream => "stream",
            ErrorKind::Crash => "crash",
            ErrorKind::Hang => "hang",
        }
    }
}

impl fmt::Display for EngineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} [{}]", self.describe_en(None), self.code)?;
        if let Some(n) = &self.node_id {
            write!(f, " at node {n}")?;
        }
        Ok(())
    }
}

pub(crate) type Res<T> = Result<T, EngineError>;

/// A stage that goes on past its first error: that error (bamboo-engine's) and the further ones.
pub(crate) type Failed = (EngineError, Vec<EngineError>);

pub(crate) fn err(
    kind: ErrorKind,
    code: &'static str,
    node: Option<&str>,
    detail: String,
) -> EngineError {
    EngineError {
        kind,
        code,
        node_id: node.map(str::to_owned),
        detail: detail.into(),
        fault: Box::new(Fault::Rule),
        pipeline: Vec::new(),
    }
}

impl EngineError {
    /// The same error, with what in the tree causes it.
    pub(crate) fn with(self, fault: Fault) -> EngineError {
        EngineError {
            fault: Box::new(fault),
            ..self
        }
    }
}

/// The engine crashes (a Python error, `detail`) on `fault`.
pub(crate) fn crash(
    code: &'static str,
    node: Option<&str>,
    detail: impl Into<String>,
    fault: Fault,
) -> EngineError {
    EngineError {
        fault: Box::new(fault),
        ..err(ErrorKind::Crash, code, node, detail.into())
    }
}

/// A `converge_gateway_id` the engine writes: `pipeline` is the SubProcess path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Write {
    pub pipeline: Vec<String>,
    pub gateway: String,
    pub converge: String,
}

/// What the engine decides.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Verdict {
    pub error: Option<EngineError>,
    /// For every gateway of the tree (not of sub-processes) that has one after the engine ran:
    /// gateway key -> `converge_gateway_id` (`None` for a JSON null), in `gateways` order.
    pub converge: Vec<(String, Option<String>)>,
    /// The `converge_gateway_id` values the engine writes, in the order it writes them.
    pub writes: Vec<Write>,
    /// Further gateway and stream problems of the pipeline that failed, found by going on past
    /// `error` where bamboo-engine stops (every problem at once); empty when `error` is not a
    /// converge or stream error. Not part of bamboo-engine's verdict.
    pub more: Vec<EngineError>,
}

impl Verdict {
    pub fn valid(&self) -> bool {
        self.error.is_none()
    }
}

/// Runs bamboo-engine's `validate_and_process_pipeline` on `tree`.
pub fn verdict(tree: &Tree, options: &Options) -> Verdict {
    verdict_root(tree.root(), options)
}

/// [`verdict`] through the JSON stages alone, never the dense ones ([`dense`]): the reference
/// the dense stages are compared with in tests.
#[doc(hidden)]
pub fn verdict_reference(tree: &Tree, options: &Options) -> Verdict {
    verdict_with(tree.root(), options, false)
}

/// Whether the tree's top-level pipeline runs on the dense stages (tests make sure the
/// comparison with [`verdict_reference`] covers them).
#[doc(hidden)]
pub fn dense_reads(tree: &Tree) -> bool {
    dense::Graph::build(tree.root()).is_some()
}

pub(crate) fn verdict_root(root: &Object, options: &Options) -> Verdict {
    verdict_with(root, options, true)
}

/// [`verdict`] for a tree whose [`GraphIndex`] is kept in step: the same verdict, with the
/// top-level pipeline read from the index when the dense stages may read it.
pub fn verdict_indexed(tree: &Tree, options: &Options, index: &GraphIndex) -> Verdict {
    let root = tree.root();
    if options.cycle_tolerate && !options.require_subprocess_pipeline {
        if let Some(g) = dense::Graph::from_index(index, root) {
            let mut writes = Vec::new();
            let mut more = Vec::new();
            let error = dense::one(g, &[], &mut writes, &mut more).err();
            return finish(root, error, writes, more);
        }
    }
    verdict(tree, options)
}

fn verdict_with(root: &Object, options: &Options, dense: bool) -> Verdict {
    let mut writes = Vec::new();
    let mut more = Vec::new();
    let error = run(root, options, dense, &mut writes, &mut more).err();
    finish(root, error, writes, more)
}

/// The verdict, with the `converge_gateway_id` of every top-level gateway.
fn finish(
    root: &Object,
    error: Option<EngineError>,
    writes: Vec<Write>,
    more: Vec<EngineError>,
) -> Verdict {
    // The top-level map: existing fields, overwritten by what the engine wrote.
    let mut converge = Vec::new();
    if let Some(gws) = root.get("gateways").and_then(Value::as_object) {
        let mut top: crate::map::HashMap<&str, &str> = crate::map::HashMap::default();
        for w in writes.iter().filter(|w| w.pipeline.is_empty()) {
            top.entry(w.gateway.as_str()).or_insert(w.converge.as_str());
        }
        for (key, gw) in gws.iter() {
            let written = top.get(key).map(|c| Some((*c).to_owned()));
            let existing = gw
                .as_object()
                .and_then(|o| o.get("converge_gateway_id"))
                .map(|v| v.as_str().map(str::to_owned));
            if let Some(v) = written.or(existing) {
                converge.push((key.to_owned(), v));
            }
        }
    }
    Verdict {
        error,
        converge,
        writes,
        more,
    }
}

/// One pipeline waiting for its sub-processes (post-order, as the engine recurses).
struct Frame<'a> {
    obj: &'a Object,
    path: Vec<String>,
    subs: Vec<(&'a str, Option<&'a Object>)>,
    next: usize,
}

fn frame<'a>(obj: &'a Object, path: Vec<String>, options: &Options) -> Res<Frame<'a>> {
    let mut subs = Vec::new();
    let acts = obj.get("activities").ok_or_else(|| {
        crash(
            "SCHEMA001",
            None,
            "KeyError: the pipeline has no 'activities'",
            Fault::Section("activities"),
        )
    })?;
    let acts = acts.as_object().ok_or_else(|| {
        crash(
            "SCHEMA010",
            None,
            "'activities' is not an object",
            Fault::SectionType("activities"),
        )
    })?;
    for (key, act) in acts.iter() {
        let act = act.as_object().ok_or_else(|| {
            crash(
                "SCHEMA010",
                Some(key),
                format!("activity {key} is not an object"),
                Fault::NotObject,
            )
        })?;
        let ty = act.get("type").ok_or_else(|| {
            crash(
                "SCHEMA010",
                Some(key),
                format!("KeyError: activity {key} has no 'type'"),
                Fault::Missing("type"),
            )
        })?;
        if matches!(ty.as_str(), Some("SubProcess" | "SubCanvas")) {
            match act.get("pipeline").and_then(Value::as_object) {
                Some(p) => subs.push((key, Some(p))),
                None if options.require_subprocess_pipeline => subs.push((key, None)),
                None => {}
            }
        }
    }
    Ok(Frame {
        obj,
        path,
        subs,
        next: 0,
    })
}

fn run(
    root: &Object,
    options: &Options,
    dense: bool,
    writes: &mut Vec<Write>,
    more: &mut Vec<EngineError>,
) -> Res<()> {
    // The tree reads leniently; the engine trips where bamboo-engine would.
    if let Some(e) = nodes::type_problem(root) {
        return Err(e);
    }
    let mut stack = vec![frame(root, Vec::new(), options)?];
    while let Some(top) = stack.last_mut() {
        if top.next < top.subs.len() {
            let (key, sub) = top.subs[top.next];
            top.next += 1;
            let mut path = top.path.clone();
            path.push(key.to_owned());
            let Some(sub) = sub else {
                return Err(EngineError {
                    pipeline: path[..path.len() - 1].to_vec(),
                    ..crash(
                        "SUB006",
                        Some(key),
                        format!("KeyError: SubProcess {key} has no embedded 'pipeline'"),
                        Fault::Missing("pipeline"),
                    )
                });
            };
            if let Some(e) = nodes::type_problem(sub) {
                return Err(EngineError {
                    pipeline: path,
                    ..e
                });
            }
            let next = frame(sub, path.clone(), options).map_err(|e| EngineError {
                pipeline: path.clone(),
                ..e
            })?;
            stack.push(next);
            continue;
        }
        let done = stack.pop().expect("stack is not empty");
        let at = |e: EngineError| EngineError {
            pipeline: done.path.clone(),
            ..e
        };
        one(done.obj, options, dense, &done.path, writes, more).map_err(|e| {
            for m in more.iter_mut() {
                m.pipeline = done.path.clone();
            }
            at(e)
        })?;
    }
    Ok(())
}

/// The checks of one pipeline, sub-processes already done. The gateway and stream stages put
/// the problems past their first in `more`. A pipeline the engine reads without crashing runs
/// on the dense stages ([`dense`]) when `dense` is set and loops are allowed.
fn one(
    obj: &Object,
    options: &Options,
    dense: bool,
    path: &[String],
    writes: &mut Vec<Write>,
    more: &mut Vec<EngineError>,
) -> Res<()> {
    if dense && options.cycle_tolerate {
        if let Some(g) = dense::Graph::build(obj) {
            return dense::one(g, path, writes, more);
        }
    }
    let p = Pipeline::new(obj)?;
    let mut nd = p.nodes_dict()?;
    connection::validate(&nd)?;
    if !options.cycle_tolerate {
        cycle::validate(&p)?;
    }
    let written = gateway::validate(&p).map_err(|(first, rest)| {
        *more = rest;
        first
    })?;
    for &(gateway, converge) in &written {
        nd.set_converge(gateway, converge);
        writes.push(Write {
            pipeline: path.to_vec(),
            gateway: gateway.to_owned(),
            converge: converge.to_owned(),
        });
    }
    stream::validate(&p, &nd).map_err(|(first, rest)| {
        *more = rest;
        first
    })
}

/// Converge id (`None` for gateways matched to none) -> the gateways matched to it.
pub type Converged = Vec<(Option<String>, Vec<String>)>;

/// `validate_gateways(tree)`'s return value for one pipeline: converge id (`None` for gateways
/// matched to none) -> ids of the gateways matched to it, in match order. The gateway stage
/// alone, as SOPS's node exclusion runs it (`_remove_useless_parallel`).
pub fn converged(pipeline: &Object) -> Result<Converged, EngineError> {
    let p = Pipeline::new(pipeline)?;
    let map = gateway::converged(&p)?;
    Ok(map
        .into_iter()
        .map(|(c, gws)| {
            (
                c.map(str::to_owned),
                gws.into_iter().map(str::to_owned).collect(),
            )
        })
        .collect())
}

/// The tree with the `converge_gateway_id`s the engine writes (at the end of each gateway
/// object when new, in place when the field exists), in sub-process pipelines too.
pub fn write_converge(tree: &Tree, verdict: &Verdict) -> Tree {
    let mut root = tree.root().clone();
    for w in &verdict.writes {
        let gw = pipeline_mut(&mut root, &w.pipeline)
            .and_then(|p| p.get_mut("gateways"))
            .and_then(Value::as_object_mut)
            .and_then(|g| g.get_mut(&w.gateway))
            .and_then(Value::as_object_mut);
        if let Some(g) = gw {
            g.insert("converge_gateway_id", Value::from(w.converge.as_str()));
        }
    }
    // Only a string was written where the model allows a string: the tree stays well typed.
    Tree::from_value(Value::Object(root)).unwrap_or_else(|_| tree.clone())
}

fn pipeline_mut<'a>(root: &'a mut Object, path: &[String]) -> Option<&'a mut Object> {
    let mut obj = root;
    for act in path {
        obj = obj
            .get_mut("activities")?
            .as_object_mut()?
            .get_mut(act)?
            .as_object_mut()?
            .get_mut("pipeline")?
            .as_object_mut()?;
    }
    Some(obj)
}

/// Python's `repr` of a string (used in engine messages).
pub(crate) fn py_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}
