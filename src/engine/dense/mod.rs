//! The engine's stages on a dense graph: one pipeline read once into arrays indexed by node
//! number (targets and sources in flow order, types, `converge_gateway_id`s), then the
//! connection, gateway and stream stages of [`super`] on those numbers, with no JSON lookup
//! and no string hashing on the way.
//!
//! Only a pipeline the engine cannot crash on while reading it takes this path ([`Graph::build`]
//! answers `None` otherwise): every node an object stored under its own `id` (not empty, no
//! key twice), of a type the engine knows, with `incoming` and `outgoing` in a form
//! `format_to_list` reads (a gateway's `outgoing` a list or a flow id), every flow a node lists
//! existing with both ends naming nodes. Anything else runs the JSON stages, which reproduce
//! each crash where Python raises it. The two give the same verdict on every tree:
//! `tests/engine_test.rs` compares them on the real trees, the parity trees and random mutated
//! graphs.

mod gateway;
mod index;
mod stream;

pub use index::Index;

use crate::map::HashMap;

use super::connection;
use super::gateway::act_outgoing;
use super::nodes::{format_to_list, Pipeline};
use super::{EngineError, Res, Write};
use crate::json::{Object, Value};

/// No node.
const NONE: u32 = u32::MAX;

/// A node's `converge_gateway_id`, as the stream stage reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cg<'a> {
    Absent,
    /// JSON null or any other non-string.
    Null,
    Node(u32),
    /// A string that names no node.
    NotNode(&'a str),
}

/// One pipeline as numbers: nodes in `get_nodes_dict` order (start, end, activities,
/// gateways), each node's key equal to its id.
pub(crate) struct Graph<'a> {
    p: Pipeline<'a>,
    names: Vec<&'a str>,
    ty: Vec<&'a str>,
    /// `targets[t_at[i]..t_at[i + 1]]`: the targets of node `i`'s outgoing flows, in order.
    targets: Vec<u32>,
    t_at: Vec<u32>,
    /// The sources of node `i`'s incoming flows, in order (same layout).
    sources: Vec<u32>,
    s_at: Vec<u32>,
    cg: Vec<Cg<'a>>,
    /// For an activity: the node its `outgoing` flow leads to, or [`NONE`] when following it
    /// fails (the JSON stages give the error). Unused for other nodes.
    act_next: Vec<u32>,
    is_act: Vec<bool>,
    /// Gateway node numbers in `gateways` order.
    gateways: Vec<u32>,
    start: u32,
    end: u32,
}

impl<'a> Graph<'a> {
    /// The pipeline as numbers, or `None` when reading it could make the engine crash.
    pub fn build(obj: &'a Object) -> Option<Graph<'a>> {
        let p = Pipeline::new(obj).ok()?;
        let flows = p.flows?;
        let total = 2 + p.activities.len() + p.gateways.len();
        let mut index: HashMap<&'a str, u32> = HashMap::with_capacity(total);
        let mut objs: Vec<&'a Object> = Vec::with_capacity(total);
        let mut names: Vec<&'a str> = Vec::with_capacity(total);
        let mut put = |key: &'a str, o: &'a Object| -> Option<()> {
            if key.is_empty() || o.get("id").and_then(Value::as_str) != Some(key) {
                return None;
            }
            if index.insert(key, names.len() as u32).is_some() {
                return None;
            }
            names.push(key);
            objs.push(o);
            Some(())
        };
        put(p.start_id, p.start)?;
        put(p.end_id, p.end)?;
        for (k, v) in p.activities.iter() {
            put(k, v.as_object()?)?;
        }
        let first_gateway = 2 + p.activities.len();
        for (k, v) in p.gateways.iter() {
            put(k, v.as_object()?)?;
        }
        let n = names.len();
        let mut g = Graph::empty(p, n, first_gateway);
        g.names = names;
        let end = |fid: &str, field: &str| -> Option<u32> {
            let f = flows.get(fid)?.as_object()?;
            index.get(f.get(field)?.as_str()?).copied()
        };
        for (i, o) in objs.iter().enumerate() {
            let key = g.names[i];
            let ty = o.get("type").and_then(Value::as_str)?;
            connection::rule(ty)?;
            g.ty.push(ty);
            let gateway = i >= first_gateway;
            if gateway
                && !matches!(o.get("outgoing"), Some(Value::Array(_)))
                && !matches!(o.get("outgoing"), Some(Value::String(s)) if !s.is_empty())
            {
                return None;
            }
            for f in format_to_list(o.get("incoming"), key, "incoming").ok()? {
                g.sources.push(end(f, "source")?);
            }
            for f in format_to_list(o.get("outgoing"), key, "outgoing").ok()? {
                g.targets.push(end(f, "target")?);
            }
            g.s_at.push(g.sources.len() as u32);
            g.t_at.push(g.targets.len() as u32);
            g.cg.push(match o.get("converge_gateway_id") {
                None => Cg::Absent,
                Some(Value::String(s)) => index
                    .get(s.as_str())
                    .map_or(Cg::NotNode(s), |&c| Cg::Node(c)),
                Some(_) => Cg::Null,
            });
            if i >= 2 && !gateway {
                g.is_act[i] = true;
                if let Some(act) = g.p.activities.get(key) {
                    if let Ok(t) =
                        act_outgoing(act, key).and_then(|out| g.p.flow_end(out, "target", key))
                    {
                        g.act_next[i] = *index.get(t)?;
                    }
                }
            }
        }
        Some(g)
    }

    /// A graph of `n` nodes to fill in node order (gateways from `first_gateway`).
    fn empty(p: Pipeline<'a>, n: usize, first_gateway: usize) -> Graph<'a> {
        Graph {
            p,
            names: Vec::with_capacity(n),
            ty: Vec::with_capacity(n),
            targets: Vec::with_capacity(n + n / 4),
            t_at: vec![0],
            sources: Vec::with_capacity(n + n / 4),
            s_at: vec![0],
            cg: Vec::with_capacity(n),
            act_next: vec![NONE; n],
            is_act: vec![false; n],
            gateways: (first_gateway as u32..n as u32).collect(),
            start: 0,
            end: 1,
        }
    }

    fn len(&self) -> usize {
        self.names.len()
    }

    fn targets(&self, i: u32) -> &[u32] {
        let i = i as usize;
        &self.targets[self.t_at[i] as usize..self.t_at[i + 1] as usize]
    }

    fn sources(&self, i: u32) -> &[u32] {
        let i = i as usize;
        &self.sources[self.s_at[i] as usize..self.s_at[i + 1] as usize]
    }

    /// The error following activity `i`'s outgoing flow gives (its `act_next` is [`NONE`]).
    fn act_error(&self, i: u32) -> EngineError {
        let key = self.names[i as usize];
        let failed =
            self.p.activities.get(key).map(|act| {
                act_outgoing(act, key).and_then(|out| self.p.flow_end(out, "target", key))
            });
        match failed {
            Some(Err(e)) => e,
            // `build` records NONE only where following the flow fails
            _ => super::crash(
                "CONN006",
                Some(key),
                format!("KeyError: activity {key} has no outgoing flow"),
                super::Fault::NoOutgoing,
            ),
        }
    }
}

/// [`super::one`] on a dense graph: the connection, gateway and stream stages.
pub(crate) fn one(
    mut g: Graph<'_>,
    path: &[String],
    writes: &mut Vec<Write>,
    more: &mut Vec<EngineError>,
) -> Res<()> {
    let mut target_types: Vec<&str> = Vec::new();
    for i in 0..g.len() as u32 {
        let ty = g.ty[i as usize];
        let rule = connection::rule(ty).expect("build keeps known types only");
        target_types.clear();
        target_types.extend(g.targets(i).iter().map(|&t| g.ty[t as usize]));
        let (s, t) = (g.sources(i).len(), g.targets(i).len());
        connection::judge(g.names[i as usize], ty, &rule, s, t, &target_types)?;
    }
    let written = gateway::validate(&g).map_err(|(first, rest)| {
        *more = rest;
        first
    })?;
    for &(gateway, converge) in &written {
        g.cg[gateway as usize] = Cg::Node(converge);
        writes.push(Write {
            pipeline: path.to_vec(),
            gateway: g.names[gateway as usize].to_owned(),
            converge: g.names[converge as usize].to_owned(),
        });
    }
    stream::validate(&g).map_err(|(first, rest)| {
        *more = rest;
        first
    })
}

/// `distance_from` (see `super::distance`) on node numbers: with keys equal to ids, a node's
/// number is its id's.
struct Distances {
    marked: Vec<Option<usize>>,
    stamp: Vec<u32>,
    epoch: u32,
}

struct DFrame {
    id: u32,
    next: usize,
    best: Option<usize>,
}

impl Distances {
    fn new(n: usize) -> Distances {
        Distances {
            marked: vec![None; n],
            stamp: vec![0; n],
            epoch: 0,
        }
    }

    fn get(&self, i: u32) -> Option<usize> {
        self.marked[i as usize]
    }

    fn distance(&mut self, g: &Graph<'_>, top: u32) -> Option<usize> {
        if let Some(d) = self.marked[top as usize] {
            return Some(d);
        }
        if top == g.start {
            return Some(0);
        }
        self.epoch += 1;
        let epoch = self.epoch;
        self.stamp[top as usize] = epoch;
        let mut frames = vec![DFrame {
            id: top,
            next: 0,
            best: None,
        }];
        let longer = |best: Option<usize>, d: usize| Some(best.map_or(d + 1, |b| b.max(d + 1)));
        loop {
            let f = frames.last_mut().expect("a frame is open");
            match g.sources(f.id).get(f.next) {
                Some(&pid) => {
                    f.next += 1;
                    if let Some(d) = self.marked[pid as usize] {
                        f.best = longer(f.best, d);
                    } else if pid == g.start {
                        f.best = longer(f.best, 0);
                    } else if self.stamp[pid as usize] != epoch {
                        self.stamp[pid as usize] = epoch;
                        frames.push(DFrame {
                            id: pid,
                            next: 0,
                            best: None,
                        });
                    }
                }
                None => {
                    let done = frames.pop().expect("a frame is open");
                    if let Some(b) = done.best {
                        self.marked[done.id as usize] = Some(b);
                    }
                    match frames.last_mut() {
                        None => return done.best,
                        Some(parent) => {
                            if let Some(d) = done.best {
                                parent.best = longer(parent.best, d);
                            }
                        }
                    }
                }
            }
        }
    }
}
