//! `gateway.py::distance_from`: the longest path from the start to a gateway, cutting cycles,
//! memoised across gateways (`marked`, keyed by node id) with a `visited` set per gateway.
//!
//! The walk is bamboo-engine's, step for step, so the distances (which on cyclic graphs depend
//! on the order of `incoming` lists) are the same. On cyclic graphs it is not linear: a node
//! whose walk was cut by `visited` is not memoised and is walked again for the next gateway
//! (`loops` in `benches/worst.sh`). So each step is made cheap: nodes and ids get dense
//! numbers the first time they are met, each node's predecessors are resolved once, `visited`
//! is an epoch stamp per id and `marked` a vector. A Python failure met on the way (a missing
//! flow or node, a node without `id` or `incoming`) is kept in place of the predecessor and
//! raised when the walk reaches it, as Python would.

use crate::map::HashMap;

use super::nodes::{format_to_list, Pipeline};
use super::{EngineError, Res};
use crate::json::Object;

/// One predecessor of a node: the node object and its id, or the failure Python raises when
/// it looks it up.
type Pred = Result<(u32, u32), EngineError>;

struct NodeObj<'a> {
    obj: &'a Object,
    /// The id's dense number.
    id: u32,
    /// Predecessors in `incoming` order, resolved when the node is first expanded; `Err` when
    /// its `incoming` is missing or malformed.
    preds: Option<Result<Vec<Pred>, EngineError>>,
}

pub(crate) struct Distances<'a> {
    objs: Vec<NodeObj<'a>>,
    by_ptr: HashMap<*const Object, u32>,
    ids: HashMap<&'a str, u32>,
    id_names: Vec<&'a str>,
    /// `marked`, by id number.
    marked: Vec<Option<usize>>,
    /// `visited`: ids stamped with the current walk's epoch.
    stamp: Vec<u32>,
    epoch: u32,
}

enum Source<'a> {
    /// The gateway the walk starts from: its flow ids, resolved as they are reached.
    Top(Vec<&'a str>),
    /// A node met on the way: its resolved predecessors.
    Node(u32),
}

struct Frame<'a> {
    id: u32,
    /// The id string, for the messages of lookups made from this node.
    name: &'a str,
    src: Source<'a>,
    next: usize,
    best: Option<usize>,
}

impl<'a> Distances<'a> {
    pub fn new() -> Distances<'a> {
        Distances {
            objs: Vec::new(),
            by_ptr: HashMap::new(),
            ids: HashMap::new(),
            id_names: Vec::new(),
            marked: Vec::new(),
            stamp: Vec::new(),
            epoch: 0,
        }
    }

    fn id_number(&mut self, id: &'a str) -> u32 {
        if let Some(&n) = self.ids.get(id) {
            return n;
        }
        let n = self.id_names.len() as u32;
        self.ids.insert(id, n);
        self.id_names.push(id);
        self.marked.push(None);
        self.stamp.push(0);
        n
    }

    /// `get_node_for_sequence(fid, tree, "source")` then the node's `id`, as numbers.
    fn resolve(&mut self, p: &Pipeline<'a>, fid: &str, node: &str) -> Pred {
        let prev = p.source_node(fid, node)?;
        let ptr = prev as *const Object;
        if let Some(&o) = self.by_ptr.get(&ptr) {
            return Ok((o, self.objs[o as usize].id));
        }
        let name = super::gateway::obj_id(prev)?;
        let id = self.id_number(name);
        let o = self.objs.len() as u32;
        self.objs.push(NodeObj {
            obj: prev,
            id,
            preds: None,
        });
        self.by_ptr.insert(ptr, o);
        Ok((o, id))
    }

    /// Resolves node `o`'s predecessors once.
    fn expand(&mut self, p: &Pipeline<'a>, o: u32) -> Res<()> {
        if self.objs[o as usize].preds.is_some() {
            return match &self.objs[o as usize].preds {
                Some(Err(e)) => Err(e.clone()),
                _ => Ok(()),
            };
        }
        let node = &self.objs[o as usize];
        let name = self.id_names[node.id as usize];
        let preds = match format_to_list(node.obj.get("incoming"), name, "incoming") {
            Ok(flows) => Ok(flows
                .into_iter()
                .map(|fid| self.resolve(p, fid, name))
                .collect()),
            Err(e) => Err(e),
        };
        let failed = preds.as_ref().err().cloned();
        self.objs[o as usize].preds = Some(preds);
        failed.map_or(Ok(()), Err)
    }

    /// The memoised distance of the node with id `id` (`marked[id]`).
    pub fn get(&self, id: &str) -> Option<usize> {
        self.ids.get(id).and_then(|&n| self.marked[n as usize])
    }

    /// `distance_from(origin=start, node)` for a gateway with id `id` and flows `incoming`;
    /// memoises what it finds.
    pub fn distance(
        &mut self,
        p: &Pipeline<'a>,
        id: &'a str,
        incoming: Vec<&'a str>,
    ) -> Res<Option<usize>> {
        let top = self.id_number(id);
        if let Some(d) = self.marked[top as usize] {
            return Ok(Some(d));
        }
        if id == p.start_id {
            return Ok(Some(0));
        }
        let origin = self.id_number(p.start_id);
        self.epoch += 1;
        let epoch = self.epoch;
        self.stamp[top as usize] = epoch;
        let mut frames = vec![Frame {
            id: top,
            name: id,
            src: Source::Top(incoming),
            next: 0,
            best: None,
        }];
        loop {
            let f = frames.last_mut().expect("a frame is open");
            let k = f.next;
            let pred = match &f.src {
                Source::Top(flows) => match flows.get(k) {
                    Some(&fid) => {
                        let name = f.name;
                        Some(self.resolve(p, fid, name))
                    }
                    None => None,
                },
                Source::Node(o) => match &self.objs[*o as usize].preds {
                    Some(Ok(list)) => list.get(k).cloned(),
                    _ => None,
                },
            };
            let f = frames.last_mut().expect("a frame is open");
            match pred {
                Some(pred) => {
                    f.next += 1;
                    let (o, pid) = pred?;
                    match self.known(pid, origin, epoch) {
                        Some(Some(d)) => f.best = Some(f.best.map_or(d + 1, |b| b.max(d + 1))),
                        Some(None) => {}
                        None => {
                            self.stamp[pid as usize] = epoch;
                            self.expand(p, o)?;
                            frames.push(Frame {
                                id: pid,
                                name: self.id_names[pid as usize],
                                src: Source::Node(o),
                                next: 0,
                                best: None,
                            });
                        }
                    }
                }
                None => {
                    let done = frames.pop().expect("a frame is open");
                    if let Some(b) = done.best {
                        self.marked[done.id as usize] = Some(b);
                    }
                    match frames.last_mut() {
                        None => return Ok(done.best),
                        Some(parent) => {
                            if let Some(d) = done.best {
                                parent.best = Some(parent.best.map_or(d + 1, |b| b.max(d + 1)));
                            }
                        }
                    }
                }
            }
        }
    }

    /// What is known of predecessor id `pid` without walking it: its memoised distance, 0 for
    /// the origin, `Some(None)` when this walk already holds it (the cycle is cut); `None`
    /// when it is to be walked.
    fn known(&self, pid: u32, origin: u32, epoch: u32) -> Option<Option<usize>> {
        if let Some(d) = self.marked[pid as usize] {
            Some(Some(d))
        } else if pid == origin {
            Some(Some(0))
        } else if self.stamp[pid as usize] == epoch {
            Some(None)
        } else {
            None
        }
    }
}
