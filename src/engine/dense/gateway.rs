//! The gateway stage (`crate::engine::gateway`, which documents each step) on node numbers.
//! Keys equal ids here, so one number serves where the engine uses either.

use crate::map::HashMap;

use super::{Distances, Graph, NONE};
use crate::engine::gateway::{
    self as json, is_par, BLOCKED, MSG_DISTANCE, MSG_MISSING_BRANCH, MSG_NESTED, MSG_SHARED,
    MSG_TWO_CONVERGES,
};
use crate::engine::{err, EngineError, ErrorKind, Failed, Res};

struct Gw<'a> {
    node: u32,
    ty: &'a str,
    incoming_len: usize,
    target: Vec<Option<u32>>,
    converge: bool,
    matched: Option<u32>,
    share: bool,
}

/// The `converge_gateway_id`s written (gateway -> converge), in `gateways` order, or the
/// engine's error with the further problems.
pub(super) fn validate(g: &Graph<'_>) -> Result<Vec<(u32, u32)>, Failed> {
    let st = run(g)?;
    Ok(st
        .gws
        .iter()
        .filter(|w| !w.converge)
        .filter_map(|w| w.matched.map(|m| (w.node, m)))
        .collect())
}

fn run<'g, 'a>(g: &'g Graph<'a>) -> Result<State<'g, 'a>, Failed> {
    let mut problems: Vec<EngineError> = Vec::new();
    let mut st = start(g).map_err(|e| (e, Vec::new()))?;
    let mut order: Vec<(usize, usize)> = Vec::new();
    for (i, w) in st.gws.iter().enumerate() {
        if !w.converge {
            order.push((st.distance_of(w.node).map_err(|e| (e, Vec::new()))?, i));
        }
    }
    crate::sort::sort_by_key(&mut order, |&(d, _)| (d as u64, 0)); // stable, as Python's sort
    let mut visited = vec![false; g.len()];
    for (block, &(_, gi)) in order.iter().enumerate() {
        let node = st.gws[gi].node as usize;
        if visited[node] || g.names[node].contains("match") {
            continue;
        }
        visited[node] = true;
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

fn start<'g, 'a>(g: &'g Graph<'a>) -> Res<State<'g, 'a>> {
    let n = g.len();
    let mut st = State {
        g,
        gws: Vec::with_capacity(g.gateways.len()),
        by_node: vec![NONE; n],
        distances: Distances::new(n),
        in_len: vec![None; n],
        converged: HashMap::default(),
        blocks: vec![None; n + 1],
        stack: Vec::new(),
        stack_ids: vec![Vec::new(); n],
        par_below: Vec::new(),
        converges: 0,
        walk_memo: vec![NONE; n],
        seen: vec![0; n],
        seen_epoch: 0,
        aside: Vec::new(),
        changes: 0,
        entered: Vec::new(),
    };
    st.prepare()?;
    st.aside = vec![false; st.gws.len()];
    st.entered = vec![None; st.gws.len()];
    st.converges = st.gws.iter().filter(|w| w.converge).count();
    // Forward ("positive") incoming count of each converge.
    for w in &st.gws {
        for &t in w.target.iter().flatten() {
            if st.converge_node(t) {
                let dt = st.distance_of(t)?;
                let dg = st.distance_of(w.node)?;
                if dt > dg {
                    let c = &mut st.in_len[t as usize];
                    *c = Some(c.unwrap_or(0) + 1);
                }
            }
        }
    }
    Ok(st)
}

struct State<'g, 'a> {
    g: &'g Graph<'a>,
    gws: Vec<Gw<'a>>,
    /// Node -> its place in `gws` ([`NONE`]: not a gateway).
    by_node: Vec<u32>,
    distances: Distances,
    in_len: Vec<Option<usize>>,
    converged: HashMap<Option<u32>, Vec<u32>>,
    /// `block_nodes`, inverted, by `slot` (a target or none).
    blocks: Vec<Option<(usize, bool)>>,
    stack: Vec<usize>,
    /// Node -> its positions on `stack`, lowest first.
    stack_ids: Vec<Vec<usize>>,
    par_below: Vec<usize>,
    converges: usize,
    /// Activity -> the first non-activity node after it ([`NONE`]: not walked yet).
    walk_memo: Vec<u32>,
    /// Activities met by the current walk: stamped with `seen_epoch`.
    seen: Vec<u32>,
    seen_epoch: u32,
    aside: Vec<bool>,
    changes: u64,
    entered: Vec<Option<u64>>,
}

struct MFrame {
    g: usize,
    i: usize,
    in_while: bool,
    jumps: usize,
}

enum Entered {
    Returned(Option<u32>, bool),
    Pushed,
}

fn slot(t: Option<u32>) -> usize {
    t.map_or(0, |t| t as usize + 1)
}

impl State<'_, '_> {
    fn name(&self, node: u32) -> &str {
        self.g.names[node as usize]
    }

    fn converge_node(&self, k: u32) -> bool {
        let at = self.by_node[k as usize];
        at != NONE && self.gws[at as usize].converge
    }

    fn gateway_node(&self, k: u32) -> Option<usize> {
        let at = self.by_node[k as usize];
        (at != NONE && !self.gws[at as usize].converge).then_some(at as usize)
    }

    fn distance_of(&self, node: u32) -> Res<usize> {
        self.distances
            .get(node)
            .ok_or_else(|| json::no_distance(self.name(node)))
    }

    fn prepare(&mut self) -> Res<()> {
        let g = self.g;
        for &node in &g.gateways {
            let key = g.names[node as usize];
            let ty = g.ty[node as usize];
            let mut target = Vec::with_capacity(g.targets(node).len());
            for &t in g.targets(node) {
                target.push(Some(self.skip_activities(t, node)?));
            }
            match self.distances.distance(g, node) {
                Some(d) if d > 0 => {}
                _ => {
                    return Err(err(
                        ErrorKind::Converge,
                        "GW001",
                        Some(key),
                        MSG_DISTANCE.into(),
                    ))
                }
            }
            self.by_node[node as usize] = self.gws.len() as u32;
            self.gws.push(Gw {
                node,
                ty,
                incoming_len: g.sources(node).len(),
                target,
                converge: ty == "ConvergeGateway",
                matched: None,
                share: false,
            });
        }
        Ok(())
    }

    /// The first node after `first` that is not an activity, following activities' flows.
    fn skip_activities(&mut self, first: u32, gateway: u32) -> Res<u32> {
        let g = self.g;
        let mut t = first;
        let mut walked: Vec<u32> = Vec::new();
        self.seen_epoch += 1;
        while g.is_act[t as usize] {
            let done = self.walk_memo[t as usize];
            if done != NONE {
                t = done;
                break;
            }
            if self.seen[t as usize] == self.seen_epoch {
                return Err(json::activity_loop(self.name(gateway), self.name(t)));
            }
            self.seen[t as usize] = self.seen_epoch;
            walked.push(t);
            let next = g.act_next[t as usize];
            if next == NONE {
                return Err(g.act_error(t));
            }
            t = next;
        }
        for a in walked {
            self.walk_memo[a as usize] = t;
        }
        Ok(t)
    }

    fn set_target(&mut self, g: usize, i: usize, t: Option<u32>) {
        if self.gws[g].target[i] != t {
            self.gws[g].target[i] = t;
            self.changes += 1;
        }
    }

    fn in_other_block(&self, t: Option<u32>, block: usize) -> bool {
        self.blocks[slot(t)].is_some_and(|(first, multi)| first != block || multi)
    }

    fn add_to_block(&mut self, t: Option<u32>, block: usize) {
        let e = &mut self.blocks[slot(t)];
        match e {
            Some((first, multi)) => {
                if *first != block {
                    *multi = true;
                }
            }
            None => *e = Some((block, false)),
        }
    }

    fn not_in_parallel(&self, start_from: Option<u32>) -> bool {
        let start = start_from
            .and_then(|s| self.stack_ids[s as usize].first().copied())
            .unwrap_or(0);
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
        let at = &mut self.stack_ids[self.gws[g].node as usize];
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
            self.stack_ids[self.gws[g].node as usize].pop();
        }
    }

    fn can_shared(&self, cur: usize, cid: u32) -> Res<bool> {
        if !is_par(self.gws[cur].ty) {
            return Ok(true);
        }
        for &gid in self.converged.get(&Some(cid)).into_iter().flatten() {
            if gid == self.gws[cur].node {
                continue;
            }
            let g = self
                .gateway_node(gid)
                .ok_or_else(|| json::missing_gateway(self.name(gid)))?;
            if is_par(self.gws[g].ty) {
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn set_aside_stack(&mut self) {
        while let Some(&g) = self.stack.last() {
            self.aside[g] = true;
            self.pop_stack();
        }
    }

    fn enter(&mut self, g: usize, frames: &mut Vec<MFrame>) -> Res<Entered> {
        if self.gws[g].converge {
            return Ok(Entered::Returned(None, false));
        }
        if self.gws[g].matched.is_some() {
            return Ok(Entered::Returned(self.gws[g].matched, self.gws[g].share));
        }
        if self.aside[g] {
            return Err(err(ErrorKind::Converge, BLOCKED, None, String::new()));
        }
        if self.entered[g] == Some(self.changes) {
            return Err(json::reentered(self.name(self.gws[g].node)));
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
        let mut ret: Option<(Option<u32>, bool)> = match self.enter(root, &mut frames)? {
            Entered::Returned(..) => return Ok(()),
            Entered::Pushed => None,
        };
        while let Some(f) = frames.last_mut() {
            let g = f.g;
            let i = f.i;
            if let Some((cid, shared)) = ret.take() {
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

    fn returned(&mut self, f: &mut MFrame, cid: Option<u32>, shared: bool) -> Res<()> {
        let (g, i) = (f.g, f.i);
        if let Some(cid) = cid {
            self.set_target(g, i, Some(cid));
            if !shared || !self.can_shared(g, cid)? {
                f.jumps += 1;
                if f.jumps > 2 * self.converges + 2 {
                    let key = self.name(self.gws[g].node);
                    return Err(json::endless_jumps(key, self.name(cid)));
                }
                let c = self.by_node[cid as usize] as usize;
                let next = *self.gws[c]
                    .target
                    .first()
                    .ok_or_else(|| json::converge_without_outgoing(self.name(cid)))?;
                self.set_target(g, i, next);
            }
        } else {
            self.set_target(g, i, Some(self.g.end));
        }
        f.in_while = true;
        Ok(())
    }

    fn while_target(
        &mut self,
        g: usize,
        i: usize,
        frames: &mut Vec<MFrame>,
    ) -> Res<Option<Entered>> {
        let t = self.gws[g].target[i];
        let nested = t
            .and_then(|t| self.gateway_node(t))
            .filter(|_| t != Some(self.gws[g].node));
        if let (Some(n), Some(tk)) = (nested, t) {
            if !self.stack_ids[tk as usize].is_empty() {
                if self.not_in_parallel(t) {
                    self.set_target(g, i, None);
                } else {
                    return Err(err(
                        ErrorKind::Converge,
                        "GW002",
                        Some(self.name(self.gws[g].node)),
                        MSG_NESTED.into(),
                    ));
                }
            } else {
                return self.enter(n, frames).map(Some);
            }
        }
        if let Some(t) = self.gws[g].target[i] {
            if self.converge_node(t) && self.distance_of(t)? < self.distance_of(self.gws[g].node)? {
                self.set_target(g, i, None);
            }
        }
        let f = frames.last_mut().expect("frame still open");
        f.i += 1;
        f.in_while = false;
        f.jumps = 0;
        Ok(None)
    }

    fn finish(&mut self, g: usize, block: usize) -> Res<(Option<u32>, bool)> {
        self.pop_stack();
        let id = self.gws[g].node;
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

    fn judge_targets(&self, g: usize) -> Res<(Option<u32>, i64)> {
        let end = self.g.end;
        let (node, ty) = (self.gws[g].node, self.gws[g].ty);
        let key = self.name(node);
        let is_exg = ty == "ExclusiveGateway";
        let mut cid: Option<u32> = None;
        let targets = &self.gws[g].target;
        let mut cur_to_converge = targets.len() as i64;
        for &t in targets {
            let t_is_converge = t.is_some_and(|t| self.converge_node(t));
            if t_is_converge && cid.is_none() {
                cid = t;
            } else if t_is_converge && cid == t {
            } else if is_exg && t == Some(end) {
                if !self.not_in_parallel(None) {
                    return Err(err(
                        ErrorKind::Converge,
                        "GW003",
                        Some(key),
                        MSG_NESTED.into(),
                    ));
                }
            } else if is_exg && t == Some(node) {
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
                let names = targets.iter().map(|t| t.map(|t| self.name(t)));
                return Err(json::illegal_targets(key, names));
            }
        }
        Ok((cid, cur_to_converge))
    }

    fn exclusive_shared(&self, cid: Option<u32>, cur_to_converge: i64) -> Res<bool> {
        let mut shared = false;
        if let Some(c) = cid.filter(|&c| self.converge_node(c)) {
            let n = self.in_len[c as usize].ok_or_else(|| json::no_forward_branch(self.name(c)))?;
            shared = n as i64 > cur_to_converge || self.converged.contains_key(&Some(c));
        }
        Ok(shared)
    }

    fn parallel_shared(&self, g: usize, cid: Option<u32>) -> Res<bool> {
        let key = self.name(self.gws[g].node);
        let c = cid
            .filter(|&c| self.converge_node(c))
            .ok_or_else(|| json::no_branch(key))?;
        let n_in = self.gws[self.by_node[c as usize] as usize].incoming_len;
        let n_out = self.gws[g].target.len();
        let mut shared = false;
        if n_in > n_out {
            for &gid in self.converged.get(&Some(c)).into_iter().flatten() {
                let other = self
                    .gateway_node(gid)
                    .ok_or_else(|| json::missing_gateway(self.name(gid)))?;
                if is_par(self.gws[other].ty) {
                    return Err(err(
                        ErrorKind::Converge,
                        "GW006",
                        Some(self.name(c)),
                        MSG_SHARED.into(),
                    ));
                }
            }
            shared = true;
        } else if n_in < n_out {
            return Err(err(
                ErrorKind::Converge,
                "GW007",
                Some(self.name(c)),
                MSG_MISSING_BRANCH.into(),
            ));
        }
        Ok(shared)
    }
}
