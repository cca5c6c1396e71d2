//! `validator/gateway.py::validate_stream`: every node gets exactly one stream label (`main`,
//! or `{P}_{i}` inside branch i of parallel gateway P). Breadth-first from the start, each
//! node flowing its label to its targets (again on every revisit), as the engine does.
//!
//! bamboo-engine stops at the first node in two streams. To report every such node at once,
//! the walk goes on past it: the node's streams become [`Label::Aside`], which flows on
//! silently, so nodes after it (whose streams follow from the same mistake) are not reported
//! again. Nodes in no stream at all are reported only as the first problem (the rules report
//! unreachable nodes, CONN010).

use crate::map::{HashMap, HashSet};
use std::collections::VecDeque;

use super::nodes::{Cgid, NodesDict, Pipeline};
use super::{crash, err, EngineError, ErrorKind, Failed, Fault, Res};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Label<'a> {
    Main,
    /// `"{id}_{i}"`: equal strings exactly when (id, i) are equal.
    Branch(&'a str, usize),
    /// Past a reported problem: the node's stream is unknown (never before the first one).
    Aside,
}

fn is_par(ty: Option<&str>) -> bool {
    matches!(ty, Some("ParallelGateway" | "ConditionalParallelGateway"))
}

fn add<'a>(set: &mut Vec<Label<'a>>, l: Label<'a>) {
    if set.first() == Some(&Label::Aside) {
        return;
    }
    if l == Label::Aside {
        *set = vec![Label::Aside];
    } else if !set.contains(&l) {
        set.push(l);
    }
}

/// Runs the stage: `Err` holds bamboo-engine's error and the further nodes in two streams.
pub(crate) fn validate(p: &Pipeline<'_>, nd: &NodesDict<'_>) -> Result<(), Failed> {
    let mut problems = Vec::new();
    match walk(p, nd, &mut problems) {
        Err(e) if problems.is_empty() => Err((e, problems)),
        // a crash past the first problem may come from going on: unreported
        _ if problems.is_empty() => Ok(()),
        _ => {
            let first = problems.remove(0);
            Err((first, problems))
        }
    }
}

/// Reports a problem at a node and sets its streams aside.
fn report<'a>(problems: &mut Vec<EngineError>, set: &mut Vec<Label<'a>>, e: EngineError) {
    problems.push(e);
    *set = vec![Label::Aside];
}

fn walk<'a>(p: &Pipeline<'a>, nd: &NodesDict<'a>, problems: &mut Vec<EngineError>) -> Res<()> {
    let n = nd.list.len();
    let mut w = Walk {
        nd,
        stream: vec![Vec::new(); n],
        pc: converges(nd)?,
        problems,
    };
    let start = nd.index[p.start_id];
    let end = nd.index[p.end_id];
    w.stream[start] = vec![Label::Main];
    w.stream[end] = vec![Label::Main];
    let mut queue: VecDeque<usize> = VecDeque::from([start]);
    let mut visited: HashSet<&str> = HashSet::new();
    while let Some(v) = queue.pop_front() {
        let wid = w.id_of(v)?;
        if visited.insert(wid) {
            for t in &nd.list[v].target {
                queue.push_back(node(nd, t)?);
            }
        }
        w.flowing(v, wid)?;
    }
    for (i, rec) in nd.list.iter().enumerate() {
        // in no stream: reported as the first problem only (unreachable, see the rules)
        if w.stream[i].len() > 1 || (w.stream[i].is_empty() && w.problems.is_empty()) {
            report(w.problems, &mut w.stream[i], stream_error(rec.key));
        }
    }
    Ok(())
}

/// Each parallel gateway's converge gateway id -> (the parallel gateway's `id`, its branch
/// count): `streams_for_parallel`, whose labels `"{id}_{i}"` are made from the gateway's `id`
/// field, as `flowing` makes its branches' labels, not from its key under `gateways`.
fn converges<'a>(nd: &NodesDict<'a>) -> Res<HashMap<Option<&'a str>, (&'a str, usize)>> {
    let mut pc: HashMap<Option<&str>, (&str, usize)> = HashMap::new();
    for rec in &nd.list {
        if is_par(rec.ty) {
            // Python evaluates `streams_for_parallel(node)` (which reads `id` for each branch)
            // before `node["converge_gateway_id"]`.
            let id = match rec.id {
                Some(id) => id,
                None if rec.target.is_empty() => rec.key,
                None => return Err(no_id(rec.key)),
            };
            let c = match rec.cgid {
                Cgid::Id(c) => Some(c),
                Cgid::Null => None,
                Cgid::Absent => return Err(no_converge(rec.key)),
            };
            pc.insert(c, (id, rec.target.len()));
        }
    }
    Ok(pc)
}

/// The walk's state: each node's streams and the problems reported.
struct Walk<'a, 'w> {
    nd: &'w NodesDict<'a>,
    stream: Vec<Vec<Label<'a>>>,
    /// converge id -> (parallel gateway id, branch count)
    pc: HashMap<Option<&'a str>, (&'a str, usize)>,
    problems: &'w mut Vec<EngineError>,
}

impl<'a> Walk<'a, '_> {
    fn id_of(&self, i: usize) -> Res<&'a str> {
        self.nd.list[i].id.ok_or_else(|| no_id(self.nd.list[i].key))
    }

    /// `flowing(where=w)`: node `w` (id `wid`) passes its streams on.
    fn flowing(&mut self, w: usize, wid: &'a str) -> Res<()> {
        let rec = &self.nd.list[w];
        let par = is_par(rec.ty);
        if par {
            self.flow_to_converge(w)?;
        }
        for (i, tid) in rec.target.iter().enumerate() {
            let t = node(self.nd, tid)?;
            let custom = if par {
                Some(Label::Branch(wid, i))
            } else {
                None
            };
            self.flow_to_target(w, t, tid, custom)?;
        }
        Ok(())
    }

    /// A parallel gateway's streams go to its converge gateway, which must end up in one.
    fn flow_to_converge(&mut self, w: usize) -> Res<()> {
        let nd = self.nd;
        let rec = &nd.list[w];
        let c = match rec.cgid {
            Cgid::Id(c) => nd
                .index
                .get(c)
                .copied()
                .ok_or_else(|| converge_not_node(rec.key, c))?,
            _ => return Err(no_converge(rec.key)),
        };
        if self.stream[w].is_empty() {
            return Err(empty(rec.key));
        }
        for l in self.stream[w].clone() {
            add(&mut self.stream[c], l);
        }
        if self.stream[c].len() > 1 {
            let cid = nd.list[c].id.unwrap_or(nd.list[c].key);
            let e = err(ErrorKind::Stream, "STREAM002", Some(cid), String::new());
            report(self.problems, &mut self.stream[c], e);
        }
        Ok(())
    }

    /// Node `w`'s stream (a parallel gateway's branch label: `custom`) goes to target `t`
    /// (key `tid`), unless `t` is the converge gateway of the block `w` is a branch of; `t`
    /// must end up in one stream.
    fn flow_to_target(
        &mut self,
        w: usize,
        t: usize,
        tid: &'a str,
        custom: Option<Label<'a>>,
    ) -> Res<()> {
        let rec = &self.nd.list[w];
        let mut fake = false;
        if let Some(&(pid, branches)) = self.pc.get(&Some(tid)) {
            // A set-aside stream counts as one of the branches: the converge keeps its
            // parallel gateway's stream, so the blocks after it are still checked.
            let valid_branch = self.stream[w].iter().all(|l| match l {
                Label::Branch(k, j) => *k == pid && *j < branches,
                Label::Aside => true,
                Label::Main => false,
            });
            let direct = rec.cgid == Cgid::Id(tid);
            fake = valid_branch || direct;
        }
        if !fake {
            match custom {
                Some(l) => add(&mut self.stream[t], l),
                None => {
                    if self.stream[w].is_empty() {
                        return Err(empty(rec.key));
                    }
                    for l in self.stream[w].clone() {
                        add(&mut self.stream[t], l);
                    }
                }
            }
        }
        if self.stream[t].len() != 1 {
            report(self.problems, &mut self.stream[t], stream_error(tid));
        }
        Ok(())
    }
}

fn node(nd: &NodesDict<'_>, key: &str) -> Res<usize> {
    nd.index.get(key).copied().ok_or_else(|| {
        crash(
            "CONN006",
            Some(key),
            format!("KeyError: {key} is not a node"),
            Fault::NoSuchNode(key.to_owned()),
        )
    })
}

/// A parallel gateway's `converge_gateway_id` `c` names no node.
pub(super) fn converge_not_node(key: &str, c: &str) -> super::EngineError {
    crash(
        "STREAM006",
        Some(key),
        format!("KeyError: converge_gateway_id {c} of {key} is not a node"),
        Fault::ConvergeNotNode(c.to_string()),
    )
}

fn no_id(key: &str) -> super::EngineError {
    crash(
        "SCHEMA010",
        Some(key),
        format!("KeyError: node {key} has no 'id'"),
        Fault::Missing("id"),
    )
}

pub(super) fn stream_error(key: &str) -> super::EngineError {
    err(ErrorKind::Stream, "STREAM001", Some(key), String::new())
}

pub(super) fn no_converge(key: &str) -> super::EngineError {
    crash(
        "STREAM006",
        Some(key),
        format!("KeyError: 'converge_gateway_id' (parallel gateway {key} was never matched to a converge)"),
        Fault::Rule,
    )
}

pub(super) fn empty(key: &str) -> super::EngineError {
    crash(
        "STREAM003",
        Some(key),
        format!("stream validation error, node({key}) stream is empty"),
        Fault::Rule,
    )
}
