//! `validator/gateway.py::validate_gateways`, `distance_from` and `match_converge`, step for
//! step (including the order-dependent parts and the `"match" in gw` substring test, GW017),
//! with the recursion replaced by explicit frames.
//!
//! Keys and ids: the engine follows flows to the keys of `gateways` and `activities`, but
//! keeps distances (`marked`) and its gateway stack by each node's `id` field, and looks a
//! gateway's distance up by key. Where a gateway's key and `id` differ, both are kept and each
//! is used where Python uses it; a branch may then lead back into a gateway still being
//! matched without the stack noticing, which Python repeats until its recursion limit (GW024).

use crate::map::{HashMap, HashSet};

use super::distance::Distances;
use super::nodes::{format_to_list, Pipeline};
use super::{crash, err, py_repr, EngineError, ErrorKind, Failed, Fault, Res};
use crate::json::{Object, Value};

pub(super) const MSG_NESTED: &str = "并行网关中的分支网关必须将所有分支汇聚到一个汇聚网关";
pub(super) const MSG_TWO_CONVERGES: &str = "分支网关的所有分支第一个遇到的汇聚网关必须是同一个";
pub(super) const MSG_DISTANCE: &str = "无法获取该网关距离开始节点的距离";
pub(super) const MSG_SHARED: &str = "汇聚网关只能汇聚来自同一个并行网关的分支";
pub(super) const MSG_MISSING_BRANCH: &str = "汇聚网关没有汇聚其对应的并行网关的所有分支";

pub(super) fn is_par(ty: &str) -> bool {
    matches!(ty, "ParallelGateway" | "ConditionalParallelGateway")
}

pub(super) fn truthy(s: Option<&str>) -> bool {
    s.is_some_and(|s| !s.is_empty())
}

struct Gw<'a> {
    key: &'a str,
    id: &'a str,
    ty: &'a str,
    incoming_len: usize,
    target: Vec<Option<&'a str>>,
    converge: bool,
    matched: Option<&'a str>,
    share: bool,
}

/// Runs the gateway stage; returns the `converge_gateway_id`s written (gateway key ->
/// converge id), in `gateways` order, or bamboo-engine's error with the further problems
/// found past it (see [`run`]).
pub(crate) fn validate<'a>(p: &Pipeline<'a>) -> Result<Vec<(&'a str, &'a str)>, Failed> {
    let st = run(p)?;
    Ok(st
        .gws
        .iter()
        .filter(|g| !g.converge && truthy(g.matched))
        .map(|g| (g.key, g.matched.unwrap_or_default()))
        .collect())
}

/// What `validate_gateways` returns: converge id (`None` for gateways matched to none) -> ids
/// of the gateways matched to it, in match order (SOPS's node exclusion walks it).
pub(crate) fn converged<'a>(p: &Pipeline<'a>) -> Res<Vec<(Option<&'a str>, Vec<&'a str>)>> {
    Ok(run(p)
        .map_err(|(first, _)| first)?
        .converged
        .into_iter()
        .collect())
}

/// The stage. Up to its first error it is bamboo-engine's, which stops there. Past a converge
/// error it goes on, to report every gateway problem at once: the block (one top-level
/// `match_converge`) that failed is abandoned, the gateways it had open are set aside, and
/// later blocks run; a block that reaches a set-aside gateway is abandoned too, silently (its
/// problem may be the one already reported). A crash or hang past the first error ends the
/// search unreported (it may come from the going on).
fn run<'p, 'a>(p: &'p Pipeline<'a>) -> Result<State<'p, 'a>, Failed> {
    let mut problems: Vec<EngineError> = Vec::new();
    let mut st = start(p).map_err(|e| (e, Vec::new()))?;
    let mut order: Vec<(usize, usize)> = Vec::new();
    for (i, g) in st.gws.iter().enumerate() {
        if !g.converge {
            order.push((st.distance_of(g.key).map_err(|e| (e, Vec::new()))?, i));
        }
    }
    crate::sort::sort_by_key(&mut order, |&(d, _)| (d as u64, 0)); // stable, as Python's sort
    let mut visited: HashSet<&str> = HashSet::new();
    for (block, &(_, gi)) in order.iter().enumerate() {
        let key = st.gws[gi].key;
        if visited.contains(key) || key.contains("match") {
            continue;
        }
        visited.insert(key);
        if let Err(e) = st.match_converge(gi, block) {
            if e.kind != ErrorKind::Converge {
                if problems.is_empty() {
                    return Err((e, problems));
                }
                break;
            }
            if e.code != BLOCKED {
                problems.push(e);
            }
            st.set_aside_stack();
        }
    }
    if problems.is_empty() {
        Ok(st)
    } else {
        let first = problems.remove(0);
        Err((first, problems))
    }
}

/// The code of the internal error that abandons a block reaching a set-aside gateway.
pub(super) const BLOCKED: &str = "";

fn start<'p, 'a>(p: &'p Pipeline<'a>) -> Res<State<'p, 'a>> {
    let mut st = State {
        p,
        gws: Vec::with_capacity(p.gateways.len()),
        by_key: HashMap::with_capacity(p.gateways.len()),
        distances: Distances::new(),
        in_len: HashMap::new(),
        converged: crate::map::HashMap::default(),
        blocks: HashMap::new(),
        stack: Vec::new(),
        stack_ids: HashMap::new(),
        par_below: Vec::new(),
        converges: 0,
        walk_memo: HashMap::new(),
        aside: Vec::new(),
        changes: 0,
        entered: Vec::new(),
    };
    st.prepare()?;
    st.aside = vec![false; st.gws.len()];
    st.entered = vec![None; st.gws.len()];
    st.converges = st.gws.iter().filter(|g| g.converge).count();
    // Forward ("positive") incoming count of each converge.
    for g in &st.gws {
        for t in g.target.iter().flatten() {
            if st.converge_key(t) {
                let dt = st.distance_of(t)?;
                let dg = st.distance_of(g.key)?;
                if dt > dg {
                    *st.in_len.entry(t).or_insert(0) += 1;
                }
            }
        }
    }
    Ok(st)
}

struct State<'p, 'a> {
    p: &'p Pipeline<'a>,
    gws: Vec<Gw<'a>>,
    by_key: HashMap<&'a str, usize>,
    /// `distances` / `marked`: keyed by the `id` field of the node.
    distances: Distances<'a>,
    in_len: HashMap<&'a str, usize>,
    /// converge id (or None) -> ids of the gateways matched to it, in match order.
    converged: crate::map::HashMap<Option<&'a str>, Vec<&'a str>>,
    /// `block_nodes`, inverted: element -> (first block holding it, held by another block too).
    blocks: HashMap<Option<&'a str>, (usize, bool)>,
    stack: Vec<usize>,
    /// Gateway id -> its positions on `stack`, lowest first.
    stack_ids: HashMap<&'a str, Vec<usize>>,
    /// `par_below[k]`: how many parallel gateways `stack[..k]` holds, so that
    /// `not_in_parallel_gateway` is O(1) (a scan of the stack made loops quadratic).
    par_below: Vec<usize>,
    converges: usize,
    /// Activity -> the first non-activity node after it.
    walk_memo: HashMap<&'a str, &'a str>,
    /// Gateways set aside after a converge error (never before the first one).
    aside: Vec<bool>,
    /// How many times the state `match_converge` decides on has changed: a target resolved, a
    /// frame returned, an id new to the stack.
    changes: u64,
    /// Per gateway, `changes` when a frame for it was last opened (see [`State::enter`]).
    entered: Vec<Option<u64>>,
}

/// One `match_converge` call in progress.
struct MFrame {
    g: usize,
    i: usize,
    in_while: bool,
    /// Jumps past a converge in the current while loop; more than twice the number of
    /// converges means the loop repeats forever.
    jumps: usize,
}

enum Entered<'a> {
    Returned(Option<&'a str>, bool),
    Pushed,
}

impl<'p, 'a> State<'p, 'a> {
    fn converge_key(&self, k: &str) -> bool {
        self.by_key.get(k).is_some_and(|&i| self.gws[i].converge)
    }

    fn gateway_key(&self, k: &str) -> Option<usize> {
        self.by_key
            .get(k)
            .copied()
            .filter(|&i| !self.gws[i].converge)
    }

    fn distance_of(&self, id: &str) -> Res<usize> {
        self.distances.get(id).ok_or_else(|| no_distance(id))
    }

    fn prepare(&mut self) -> Res<()> {
        let p = self.p;
        for (key, item) in p.gateways.iter() {
            let item = item.as_object().ok_or_else(|| {
                crash(
                    "SCHEMA005",
                    Some(key),
                    format!("gateway {key} is not an object"),
                    Fault::NotObject,
                )
            })?;
            let missing = |field: &'static str| {
                let detail = format!("KeyError: gateway {key} has no '{field}'");
                crash("SCHEMA005", Some(key), detail, Fault::Missing(field))
            };
            let incoming = format_to_list(item.get("incoming"), key, "incoming")?;
            let outgoing: Vec<Option<&'a str>> = match item.get("outgoing") {
                None => return Err(missing("outgoing")),
                Some(Value::Array(items)) => items.iter().map(Value::as_str).collect(),
                Some(Value::String(s)) => vec![Some(s.as_str())],
                Some(_) => vec![None],
            };
            let ty = (item.get("type").and_then(Value::as_str)).ok_or_else(|| missing("type"))?;
            let id = (item.get("id").and_then(Value::as_str)).ok_or_else(|| missing("id"))?;
            let mut target = Vec::with_capacity(outgoing.len());
            for fid in outgoing {
                let fid = fid.ok_or_else(|| {
                    crash(
                        "NODE012",
                        Some(key),
                        format!(
                            "KeyError: gateway {key} has an outgoing flow id that is not a string"
                        ),
                        Fault::WrongType("outgoing"),
                    )
                })?;
                let t = p.flow_end(fid, "target", key)?;
                target.push(Some(self.skip_activities(t, key)?));
            }
            let incoming_len = incoming.len();
            match self.distances.distance(self.p, id, incoming)? {
                Some(d) if d > 0 => {}
                _ => {
                    return Err(err(
                        ErrorKind::Converge,
                        "GW001",
                        Some(id),
                        MSG_DISTANCE.into(),
                    ))
                }
            }
            self.by_key.insert(key, self.gws.len());
            self.gws.push(Gw {
                key,
                id,
                ty,
                incoming_len,
                target,
                converge: ty == "ConvergeGateway",
                matched: None,
                share: false,
            });
        }
        Ok(())
    }

    /// `while index in tree["activities"]: index = flows[activities[index]["outgoing"]]["target"]`
    fn skip_activities(&mut self, first: &'a str, gateway: &str) -> Res<&'a str> {
        let p = self.p;
        let mut t = first;
        let mut walked: Vec<&'a str> = Vec::new();
        let mut seen: HashSet<&'a str> = HashSet::new();
        while let Some(act) = p.activities.get(t) {
            if let Some(&done) = self.walk_memo.get(t) {
                t = done;
                break;
            }
            if !seen.insert(t) {
                return Err(activity_loop(gateway, t));
            }
            walked.push(t);
            let out = act_outgoing(act, t)?;
            t = p.flow_end(out, "target", t)?;
        }
        for a in walked {
            self.walk_memo.insert(a, t);
        }
        Ok(t)
    }

    /// `target[i] = t` on gateway `g`.
    fn set_target(&mut self, g: usize, i: usize, t: Option<&'a str>) {
        if self.gws[g].target[i] != t {
            self.gws[g].target[i] = t;
            self.changes += 1;
        }
    }

    fn in_other_block(&self, t: Option<&'a str>, block: usize) -> bool {
        self.blocks
            .get(&t)
            .is_some_and(|&(first, multi)| first != block || multi)
    }

    fn add_to_block(&mut self, t: Option<&'a str>, block: usize) {
        self.blocks
            .entry(t)
            .and_modify(|e| {
                if e.0 != block {
                    e.1 = true;
                }
            })
            .or_insert((block, false));
    }

    /// `not_in_parallel_gateway(stack, start_from)`: no parallel gateway on the stack from
    /// the first `start_from` up.
    fn not_in_parallel(&self, start_from: Option<&str>) -> bool {
        let start = match start_from {
            Some(s) if !s.is_empty() => self
                .stack_ids
                .get(s)
                .and_then(|at| at.first().copied())
                .unwrap_or(0),
            _ => 0,
        };
        let total = self.par_below.last().copied().unwrap_or(0)
            + self
                .stack
                .last()
                .map_or(0, |&g| usize::from(is_par(self.gws[g].ty)));
        total == self.par_below.get(start).copied().unwrap_or(total)
    }

    fn push_stack(&mut self, g: usize) {
        let below = self.par_below.last().copied().unwrap_or(0)
            + self
                .stack
                .last()
                .map_or(0, |&t| usize::from(is_par(self.gws[t].ty)));
        let at = self.stack_ids.entry(self.gws[g].id).or_default();
        if at.is_empty() {
            self.changes += 1;
        }
        at.push(self.stack.len());
        self.par_below.push(below);
        self.stack.push(g);
    }

    fn pop_stack(&mut self) {
        self.changes += 1;
        if let Some(g) = self.stack.pop() {
            self.par_below.pop();
            if let Some(at) = self.stack_ids.get_mut(self.gws[g].id) {
                at.pop();
            }
        }
    }

    fn can_shared(&self, cur: usize, cid: &'a str) -> Res<bool> {
        if !is_par(self.gws[cur].ty) {
            return Ok(true);
        }
        for gid in self.converged.get(&Some(cid)).into_iter().flatten() {
            if *gid == self.gws[cur].key {
                continue;
            }
            let g = self.gateway_key(gid).ok_or_else(|| missing_gateway(gid))?;
            if is_par(self.gws[g].ty) {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Sets aside the gateways of an abandoned block and empties the stack.
    fn set_aside_stack(&mut self) {
        while let Some(&g) = self.stack.last() {
            self.aside[g] = true;
            self.pop_stack();
        }
    }

    /// `match_converge(cur_index=g)`: returns at once for a converge or a matched gateway,
    /// else opens a frame. A gateway entered again with nothing changed since its last entry
    /// (no target resolved, no frame returned, no id new to the stack) is still open, and its
    /// frame would take the same steps back to here, forever: GW024.
    fn enter(&mut self, g: usize, frames: &mut Vec<MFrame>) -> Res<Entered<'a>> {
        if self.gws[g].converge {
            return Ok(Entered::Returned(None, false));
        }
        if truthy(self.gws[g].matched) {
            return Ok(Entered::Returned(self.gws[g].matched, self.gws[g].share));
        }
        if self.aside[g] {
            return Err(err(ErrorKind::Converge, BLOCKED, None, String::new()));
        }
        if self.entered[g] == Some(self.changes) {
            return Err(reentered(self.gws[g].key));
        }
        self.push_stack(g);
        self.entered[g] = Some(self.changes);
        frames.push(MFrame {
            g,
            i: 0,
            in_while: false,
            jumps: 0,
        });
        Ok(Entered::Pushed)
    }

    fn match_converge(&mut self, root: usize, block: usize) -> Res<()> {
        let mut frames: Vec<MFrame> = Vec::new();
        let mut ret: Option<(Option<&'a str>, bool)> = match self.enter(root, &mut frames)? {
            Entered::Returned(..) => return Ok(()),
            Entered::Pushed => None,
        };
        while let Some(f) = frames.last_mut() {
            let g = f.g;
            let i = f.i;
            if let Some((cid, shared)) = ret.take() {
                // A nested match_converge returned into the while loop at target[i].
                self.returned(f, cid, shared)?;
            }
            if f.in_while {
                if let Some(Entered::Returned(c, s)) = self.while_target(g, i, &mut frames)? {
                    ret = Some((c, s));
                }
                continue;
            }
            if i >= self.gws[g].target.len() {
                frames.pop();
                match self.finish(g, block) {
                    Ok(r) => ret = Some(r),
                    Err(e) => {
                        self.aside[g] = true;
                        return Err(e);
                    }
                }
                continue;
            }
            let t = self.gws[g].target[i];
            if self.in_other_block(t, block) {
                self.set_target(g, i, None);
                f.i += 1;
                continue;
            }
            self.add_to_block(t, block);
            f.in_while = true;
        }
        Ok(())
    }

    /// A nested `match_converge` returned `(cid, shared)` into frame `f`'s while loop:
    /// `target[i]` becomes the converge, or (not to be shared) the node after it, or the end
    /// event when none was matched.
    fn returned(&mut self, f: &mut MFrame, cid: Option<&'a str>, shared: bool) -> Res<()> {
        let (g, i) = (f.g, f.i);
        if truthy(cid) {
            let cid: &'a str = cid.unwrap_or_default();
            self.set_target(g, i, Some(cid));
            if !shared || !self.can_shared(g, cid)? {
                f.jumps += 1;
                if f.jumps > 2 * self.converges + 2 {
                    return Err(endless_jumps(self.gws[g].key, cid));
                }
                let c = self.by_key[cid];
                let next = *self.gws[c]
                    .target
                    .first()
                    .ok_or_else(|| converge_without_outgoing(cid))?;
                self.set_target(g, i, next);
            }
        } else {
            self.set_target(g, i, Some(self.p.end_id));
        }
        f.in_while = true;
        Ok(())
    }

    /// One turn of the while loop on `target[i]` of gateway `g` (the top frame): a nested
    /// gateway not on the stack is entered (what `enter` did is returned); else the loop ends
    /// and the frame moves to its next target (`None`).
    fn while_target(
        &mut self,
        g: usize,
        i: usize,
        frames: &mut Vec<MFrame>,
    ) -> Res<Option<Entered<'a>>> {
        let t = self.gws[g].target[i];
        let nested = t
            .and_then(|t| self.gateway_key(t))
            .filter(|_| t != Some(self.gws[g].id));
        if let Some(n) = nested {
            let tk = t.unwrap_or_default();
            if self.stack_ids.get(tk).is_some_and(|at| !at.is_empty()) {
                if self.not_in_parallel(t) {
                    self.set_target(g, i, None);
                } else {
                    return Err(err(
                        ErrorKind::Converge,
                        "GW002",
                        Some(self.gws[g].key),
                        MSG_NESTED.into(),
                    ));
                }
            } else {
                return self.enter(n, frames).map(Some);
            }
        }
        // After the while loop: a converge behind us is a loop-back.
        if let Some(t) = self.gws[g].target[i] {
            if self.converge_key(t) && self.distance_of(t)? < self.distance_of(self.gws[g].key)? {
                self.set_target(g, i, None);
            }
        }
        let f = frames.last_mut().expect("frame still open");
        f.i += 1;
        f.in_while = false;
        f.jumps = 0;
        Ok(None)
    }

    /// The second half of `match_converge`: judge the resolved targets.
    fn finish(&mut self, g: usize, block: usize) -> Res<(Option<&'a str>, bool)> {
        self.pop_stack();
        let id = self.gws[g].id;
        let (cid, cur_to_converge) = self.judge_targets(g)?;
        let shared = if self.gws[g].ty == "ExclusiveGateway" {
            self.exclusive_shared(cid, cur_to_converge)?
        } else {
            self.parallel_shared(g, cid)?
        };
        self.gws[g].matched = cid;
        self.gws[g].share = shared;
        self.converged.entry(cid).or_default().push(id);
        self.add_to_block(Some(id), block);
        Ok((cid, shared))
    }

    /// The converge the resolved targets of gateway `g` lead to (the first met), and how many
    /// of its branches count towards it; fails on a target no rule allows.
    fn judge_targets(&self, g: usize) -> Res<(Option<&'a str>, i64)> {
        let end_id = self.p.end_id;
        let (key, id, ty) = (self.gws[g].key, self.gws[g].id, self.gws[g].ty);
        let is_exg = ty == "ExclusiveGateway";
        let mut cid: Option<&'a str> = None;
        let mut cur_to_converge = self.gws[g].target.len() as i64;
        let targets = self.gws[g].target.clone();
        for &t in &targets {
            let t_is_converge = t.is_some_and(|t| self.converge_key(t));
            if t_is_converge && !truthy(cid) {
                cid = t;
            } else if t_is_converge && cid == t {
            } else if is_exg && t == Some(end_id) {
                if !self.not_in_parallel(None) {
                    return Err(err(
                        ErrorKind::Converge,
                        "GW003",
                        Some(key),
                        MSG_NESTED.into(),
                    ));
                }
            } else if is_exg && t == Some(id) {
                cur_to_converge -= 1;
            } else if is_exg && t_is_converge && cid != t {
                return Err(err(
                    ErrorKind::Converge,
                    "GW004",
                    Some(key),
                    MSG_TWO_CONVERGES.into(),
                ));
            } else if is_exg && t.is_none() {
                cur_to_converge -= 1;
            } else {
                return Err(illegal_targets(key, targets.iter().copied()));
            }
        }
        Ok((cid, cur_to_converge))
    }

    /// An exclusive gateway shares converge `cid` when more forward branches enter it than
    /// its own `cur_to_converge`, or another gateway matched it already.
    fn exclusive_shared(&self, cid: Option<&'a str>, cur_to_converge: i64) -> Res<bool> {
        let mut shared = false;
        if let Some(c) = cid.filter(|c| self.converge_key(c)) {
            let n = *self.in_len.get(c).ok_or_else(|| no_forward_branch(c))?;
            shared = n as i64 > cur_to_converge || self.converged.contains_key(&Some(c));
        }
        Ok(shared)
    }

    /// A parallel gateway shares converge `cid` when it has more incoming flows than the
    /// gateway has branches (no other parallel gateway may be matched to it); fewer fails.
    fn parallel_shared(&self, g: usize, cid: Option<&'a str>) -> Res<bool> {
        let key = self.gws[g].key;
        let c = cid
            .filter(|c| self.converge_key(c))
            .ok_or_else(|| no_branch(key))?;
        let n_in = self.gws[self.by_key[c]].incoming_len;
        let n_out = self.gws[g].target.len();
        let mut shared = false;
        if n_in > n_out {
            for gid in self.converged.get(&Some(c)).into_iter().flatten() {
                let other = self.gateway_key(gid).ok_or_else(|| missing_gateway(gid))?;
                if is_par(self.gws[other].ty) {
                    return Err(err(
                        ErrorKind::Converge,
                        "GW006",
                        Some(c),
                        MSG_SHARED.into(),
                    ));
                }
            }
            shared = true;
        } else if n_in < n_out {
            return Err(err(
                ErrorKind::Converge,
                "GW007",
                Some(c),
                MSG_MISSING_BRANCH.into(),
            ));
        }
        Ok(shared)
    }
}

pub(super) fn obj_id(o: &Object) -> Res<&str> {
    o.get("id").and_then(Value::as_str).ok_or_else(|| {
        crash(
            "SCHEMA010",
            None,
            "KeyError: a node has no 'id'",
            Fault::Missing("id"),
        )
    })
}

pub(super) fn act_outgoing<'a>(act: &'a Value, key: &str) -> Res<&'a str> {
    match act.as_object().and_then(|a| a.get("outgoing")) {
        Some(Value::String(s)) => Ok(s),
        Some(Value::Array(_)) => Err(crash(
            "NODE012",
            Some(key),
            format!("TypeError: unhashable type: 'list' (outgoing of activity {key})"),
            Fault::WrongType("outgoing"),
        )),
        _ => Err(crash(
            "CONN006",
            Some(key),
            format!("KeyError: activity {key} has no outgoing flow"),
            Fault::NoOutgoing,
        )),
    }
}

/// Gateway `key` entered again with nothing changed since it was last entered, its frame still
/// open: the engine looks for gateways on its stack by `id` but follows branches by key, so
/// where the two differ it can enter a gateway it is still matching. Nothing changed means
/// every later turn repeats this one: Python recurses until its recursion limit.
pub(super) fn reentered(key: &str) -> EngineError {
    err(
        ErrorKind::Hang,
        "GW024",
        Some(key),
        format!(
            "converge matching enters gateway {key} again and again while still matching it \
             (gateway ids differ from their keys, and the engine looks for gateways on its stack \
             by id); bamboo-engine never returns on this tree"
        ),
    )
}

pub(super) fn missing_gateway(gid: &str) -> EngineError {
    crash(
        "SCHEMA005",
        Some(gid),
        format!("KeyError: gateway id {gid} is not a gateway key"),
        Fault::IdNotKey(gid.to_owned()),
    )
}

/// No distance is known for the gateway with id `id` (its key and id differ).
pub(super) fn no_distance(id: &str) -> EngineError {
    crash(
        "GW001",
        Some(id),
        format!("KeyError: no distance from the start for {id} (its key and id differ)"),
        Fault::IdDiffers,
    )
}

/// A branch of `gateway` runs into a loop of activities only, at `t`.
pub(super) fn activity_loop(gateway: &str, t: &str) -> EngineError {
    err(
        ErrorKind::Hang,
        "GW019",
        Some(gateway),
        format!(
            "a branch of gateway {gateway} runs into a loop of activities only ({t}); \
             bamboo-engine never returns on this tree"
        ),
    )
}

/// A branch of `key` passes converge `cid` and comes back, forever.
pub(super) fn endless_jumps(key: &str, cid: &str) -> EngineError {
    err(
        ErrorKind::Hang,
        "GW022",
        Some(key),
        format!(
            "a branch of gateway {key} keeps passing converge {cid} and coming \
             back; bamboo-engine never returns on this tree"
        ),
    )
}

pub(super) fn converge_without_outgoing(cid: &str) -> EngineError {
    crash(
        "GW020",
        Some(cid),
        format!("IndexError: converge gateway {cid} has no outgoing flow"),
        Fault::NoOutgoing,
    )
}

/// GW005: gateway `key`'s resolved targets (`None` where a branch was cut) fit no rule.
pub(super) fn illegal_targets<'t>(
    key: &str,
    targets: impl Iterator<Item = Option<&'t str>>,
) -> EngineError {
    let list: Vec<String> = targets
        .map(|t| t.map_or_else(|| "None".to_owned(), py_repr))
        .collect();
    err(
        ErrorKind::Converge,
        "GW005",
        Some(key),
        format!(
            "非法网关, 请检查其分支是否符合规则, cur_index: {key}, targets: [{}]",
            list.join(", ")
        ),
    )
}

pub(super) fn no_forward_branch(c: &str) -> EngineError {
    crash(
        "GW021",
        Some(c),
        format!("KeyError: converge {c} has no forward incoming branch"),
        Fault::Rule,
    )
}

pub(super) fn no_branch(key: &str) -> EngineError {
    crash(
        "GW020",
        Some(key),
        format!("KeyError: parallel gateway {key} has no branch to match a converge with"),
        Fault::Rule,
    )
}
