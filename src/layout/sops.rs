//! SOPS's `draw_pipeline` (`pipeline_web/drawing_new`, editor-spec §3), step for step, over
//! dense indices and iterative walks (the original recurses).
//!
//! Where the original crashes or loops forever, this goes on with a documented choice and
//! draws what it can: flows whose ends are not nodes are skipped (KeyError); a second
//! component with no edge to the first keeps its own ranks (`slack(None)`); a node no flow
//! from a rank-0 node reaches joins its layer last (Q4); a line that would divide by zero
//! gets no `midpoint` (Q2); if reversing one back edge at a time ever picks an edge already
//! reversed, every back edge of one search is reversed at once; a tight flow missing from its
//! nodes' `incoming`/`outgoing` takes its far end into the feasible tree (the original shifts
//! ranks by zero forever), and flows of negative slack (a broken tree's) are not used to shift
//! the tree (the original can alternate between two of them forever).
//!
//! Where the original runs for minutes, a work budget makes it draw less well, and the drawing
//! carries a [`Warning`] saying so: past [`order::DUMMY_BUDGET`] dummy nodes, each long flow
//! keeps only the dummy nodes next to its ends (`order::dummy_cap`); past 83,000 nodes and
//! dummy nodes, the median sweeps run fewer rounds (`order::rounds`). Under both, the output
//! is the original's. Cycles are broken by one search that goes on after each reversal
//! ([`Cycles`]) rather than one search per back edge.

#![allow(clippy::needless_range_loop)] // index-based graph algorithms

use crate::map::HashMap;
use std::collections::VecDeque;

use super::graph::{Input, Shape};
use super::order::{self, Layered};
use super::{Arrow, Drawing, Mode, Params, Placed, Routed, Warning};
use crate::model::NodeKind;

/// The number of weighted-median sweeps (`MAX_ORDERING_LOOP`).
const MAX_ORDERING_LOOP: usize = 24;

#[derive(Clone, Copy)]
struct F {
    source: usize,
    target: usize,
    dummy: bool,
    alive: bool,
    /// Joins two dummy nodes of a chain cut short, over the ranks between them.
    jump: bool,
}

fn remove(list: &mut Vec<usize>, x: usize) {
    if let Some(i) = list.iter().position(|&y| y == x) {
        list.remove(i);
    }
}

/// `Graph.get_cycle`: a depth-first search from each node of `order` in turn, over flows in
/// order; the first edge to a node still on the path closes the cycle. Returns that edge
/// (u, v, the flow taken). ([`Cycles`] finds the same edges one after the other.)
#[cfg(test)]
fn find_cycle(order: &[usize], n: usize, flows: &[F]) -> Option<(usize, usize, usize)> {
    back_edges(order, n, flows, true).into_iter().next()
}

/// `Graph.get_cycle` again and again while the back edge it finds is reversed, without
/// searching from scratch each time: after a reversal, a new search would take the very steps
/// this one took up to the back edge (the edge is gone from its source's list at the place
/// the search had passed, and it joins its new source's list after the place the search is
/// at there), so the search goes on from where it was. Only when the reversed edge lands
/// where the search at its new source had already passed does it start again.
struct Cycles {
    /// Each node's flows, in flow order, either way (`list[start[v]..start[v + 1]]`): its
    /// outgoing ones at any time are those whose source it is.
    start: Vec<usize>,
    list: Vec<usize>,
    visited: Vec<bool>,
    /// Place in `stack` of each node on the path.
    depth: Vec<usize>,
    on_path: Vec<bool>,
    /// (node, next place in its list)
    stack: Vec<(usize, usize)>,
    /// The next root to search from (of `order` then every node).
    root: usize,
}

impl Cycles {
    fn new(n: usize, flows: &[F]) -> Cycles {
        let mut start = vec![0usize; n + 1];
        for f in flows {
            start[f.source + 1] += 1;
            if f.target != f.source {
                start[f.target + 1] += 1;
            }
        }
        for v in 0..n {
            start[v + 1] += start[v];
        }
        let mut at = start[..n].to_vec();
        let mut list = vec![0usize; start[n]];
        for (i, f) in flows.iter().enumerate() {
            list[at[f.source]] = i;
            at[f.source] += 1;
            if f.target != f.source {
                list[at[f.target]] = i;
                at[f.target] += 1;
            }
        }
        Cycles {
            start,
            list,
            visited: vec![false; n],
            depth: vec![0; n],
            on_path: vec![false; n],
            stack: Vec::new(),
            root: 0,
        }
    }

    /// The next back edge (u, v, flow) of the search, the search paused on it.
    fn next(&mut self, order: &[usize], flows: &[F]) -> Option<(usize, usize, usize)> {
        let n = self.visited.len();
        loop {
            let Some(top) = self.stack.last_mut() else {
                let s = match order.get(self.root) {
                    Some(&s) => s,
                    None if self.root - order.len() < n => self.root - order.len(),
                    None => return None,
                };
                self.root += 1;
                if !self.visited[s] {
                    self.push(s);
                }
                continue;
            };
            let (u, i) = *top;
            if self.start[u] + i == self.start[u + 1] {
                self.on_path[u] = false;
                self.stack.pop();
                continue;
            }
            top.1 += 1;
            let f = self.list[self.start[u] + i];
            let fl = &flows[f];
            if !fl.alive || fl.source != u {
                continue;
            }
            let v = fl.target;
            if !self.visited[v] {
                self.push(v);
            } else if self.on_path[v] {
                return Some((u, v, f));
            }
        }
    }

    fn push(&mut self, v: usize) {
        self.visited[v] = true;
        self.on_path[v] = true;
        self.depth[v] = self.stack.len();
        self.stack.push((v, 0));
    }

    /// Flow `k` now leaves `v` (reversed): the search goes on from the back edge it paused on
    /// (met again: another flow of the same two nodes may have been reversed instead), or
    /// starts again if `k`'s place in `v`'s list was already passed.
    fn reversed(&mut self, k: usize, v: usize) {
        let mine = &self.list[self.start[v]..self.start[v + 1]];
        let place = mine.partition_point(|&f| f < k);
        let passed = !self.on_path[v] || place < self.stack[self.depth[v]].1;
        if passed {
            self.visited.fill(false);
            self.on_path.fill(false);
            self.stack.clear();
            self.root = 0;
        } else if let Some(top) = self.stack.last_mut() {
            top.1 -= 1;
        }
    }
}

/// The back edges (u, v, flow) of one depth-first search from each node of `order` (then from
/// every node), in the order met; only the first when `first_only`.
fn back_edges(
    order: &[usize],
    n: usize,
    flows: &[F],
    first_only: bool,
) -> Vec<(usize, usize, usize)> {
    let adj = adjacency(n, flows);
    let mut visited = vec![false; n];
    let mut on_path = vec![false; n];
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let mut back = Vec::new();
    for s in order.iter().copied().chain(0..n) {
        if visited[s] {
            continue;
        }
        visited[s] = true;
        on_path[s] = true;
        stack.push((s, 0));
        while let Some(top) = stack.last_mut() {
            let (u, i) = *top;
            if let Some(&(v, f)) = adj[u].get(i) {
                top.1 += 1;
                if !visited[v] {
                    visited[v] = true;
                    on_path[v] = true;
                    stack.push((v, 0));
                } else if on_path[v] {
                    back.push((u, v, f));
                    if first_only {
                        return back;
                    }
                }
            } else {
                on_path[u] = false;
                stack.pop();
            }
        }
    }
    back
}

fn adjacency(n: usize, flows: &[F]) -> Vec<Vec<(usize, usize)>> {
    let mut adj: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    for (i, f) in flows.iter().enumerate() {
        if f.alive {
            adj[f.source].push((f.target, i));
        }
    }
    adj
}

/// `draw_pipeline`: places the nodes and routes the flows, in the steps (a) to (h) below.
pub fn draw(input: &Input, p: &Params) -> Drawing {
    let n0 = input.len();
    if n0 == 0 {
        return Drawing::default();
    }
    let mut g = Graph::of(input);
    let real_flows = g.flows.len();

    // (a) self edges
    let self_edges = g.drop_self_edges();

    // (b) cycles: reverse the first back edge found, search again
    let reversed = g.break_cycles(input);

    // (c) ranks: longest path from a source, in the post order of a search over predecessors
    let (mut rank, post) = g.ranks(input);

    // (d) long edges become chains of dummy nodes
    let mut kinds: Vec<Option<NodeKind>> = input.kinds.iter().copied().map(Some).collect();
    let (chains, long, cut) = g.split_long_flows(real_flows, &mut rank, &mut kinds);
    let n = kinds.len();

    // (e) ordering
    let max_rank = rank.iter().copied().max().unwrap_or(0);
    let (orders, rounds) = g.ordering(&rank, &post, n0, max_rank);

    // (f) placeholders under branching gateways
    let fin = fill(input, &g, &orders, n);

    // (g) positions
    let spacing = Spacing::new(p, &kinds);
    let (xy, nodes) = place(&spacing, p, &orders, &fin, n0, max_rank);

    // (h) lines: short flows in order, then self edges, then long flows; original directions
    let fate = Fate {
        self_edges,
        reversed,
        long,
        chains,
    };
    let lines = route(input, p, &spacing, &xy, &fate);
    Drawing {
        nodes,
        lines,
        warning: match (cut, rounds) {
            (Some((cap, needed)), _) => Some(Warning::long_edges(Mode::Sops, needed, cap)),
            (None, Some(r)) => Some(Warning::fewer_sweeps(r, MAX_ORDERING_LOOP)),
            (None, None) => None,
        },
    }
}

/// The cap on each long flow's dummy nodes and how many they needed in all, when over the
/// budget.
type Cut = (usize, usize);

/// The graph `draw` works on: its flows (the tree's, then those along chains of dummy nodes)
/// and each node's incoming and outgoing flows, kept in step as flows are reversed and split.
struct Graph {
    flows: Vec<F>,
    inc: Vec<Vec<usize>>,
    out: Vec<Vec<usize>>,
}

impl Graph {
    /// The tree's flows, all alive, with each node's `incoming`/`outgoing` as written.
    fn of(input: &Input) -> Graph {
        Graph {
            flows: input
                .flows
                .iter()
                .map(|f| F {
                    source: f.source,
                    target: f.target,
                    dummy: false,
                    alive: true,
                    jump: false,
                })
                .collect(),
            inc: input.inc.clone(),
            out: input.out.clone(),
        }
    }

    /// (a) Takes the self edges out of the graph; returns them in order.
    fn drop_self_edges(&mut self) -> Vec<usize> {
        let mut self_edges = Vec::new();
        for (i, f) in self.flows.iter_mut().enumerate() {
            if f.source == f.target {
                f.alive = false;
                self_edges.push(i);
                remove(&mut self.inc[f.source], i);
                remove(&mut self.out[f.source], i);
            }
        }
        self_edges
    }

    /// (b) Reverses the first back edge found and searches again, until no cycle is left (or,
    /// should it pick an edge already reversed, reverses every back edge of one search at
    /// once). Returns which of the tree's flows end up reversed.
    fn break_cycles(&mut self, input: &Input) -> Vec<bool> {
        let n0 = input.len();
        let mut pair: HashMap<(usize, usize), usize> = HashMap::new();
        for (i, f) in self.flows.iter().enumerate() {
            if f.alive {
                pair.insert((f.source, f.target), i);
            }
        }
        let mut reversed = vec![false; self.flows.len()];
        let mut cycles = Cycles::new(n0, &self.flows);
        while let Some((u, v, via)) = cycles.next(&input.cycle_order, &self.flows) {
            let k = pair
                .get(&(u, v))
                .copied()
                .filter(|&k| {
                    self.flows[k].alive && self.flows[k].source == u && self.flows[k].target == v
                })
                .unwrap_or(via);
            if reversed[k] {
                for (_, _, k) in back_edges(&input.cycle_order, n0, &self.flows, false) {
                    reversed[k] = !reversed[k];
                    self.reverse(k);
                }
                break;
            }
            reversed[k] = true;
            self.reverse(k);
            cycles.reversed(k, self.flows[k].source);
        }
        reversed
    }

    /// Turns flow `k` around, in the flow and in its ends' `incoming`/`outgoing`.
    fn reverse(&mut self, k: usize) {
        let (u, v) = (self.flows[k].source, self.flows[k].target);
        self.flows[k].source = v;
        self.flows[k].target = u;
        remove(&mut self.out[u], k);
        self.inc[u].push(k);
        remove(&mut self.inc[v], k);
        self.out[v].push(k);
    }

    /// (c) Each node's rank: its longest path from a source, tightened by `feasible_tree`,
    /// the least rank made 0. Returns the ranks and the post order of the search.
    fn ranks(&self, input: &Input) -> (Vec<usize>, Vec<usize>) {
        let (r0, post) = self.longest_paths(input.len());
        let m = r0.iter().copied().min().unwrap_or(0);
        let mut rank: Vec<i64> = r0.iter().map(|r| m - r).collect();
        feasible_tree(input, self, &mut rank);
        let mn = rank.iter().copied().min().unwrap_or(0);
        let rank: Vec<usize> = rank.iter().map(|r| (r - mn) as usize).collect();
        (rank, post)
    }

    /// Minus each node's longest path from a source, set in the post order of a depth-first
    /// search over predecessors (returned too).
    fn longest_paths(&self, n0: usize) -> (Vec<i64>, Vec<usize>) {
        let (flows, inc) = (&self.flows, &self.inc);
        let mut r0: Vec<Option<i64>> = vec![None; n0];
        let mut post: Vec<usize> = Vec::with_capacity(n0);
        let mut stack: Vec<(usize, usize)> = Vec::new();
        let mut on_stack = vec![false; n0];
        for s in 0..n0 {
            if r0[s].is_some() {
                continue;
            }
            stack.push((s, 0));
            on_stack[s] = true;
            while let Some(top) = stack.last_mut() {
                let (v, i) = *top;
                if let Some(&f) = inc[v].get(i) {
                    top.1 += 1;
                    let src = flows[f].source;
                    if r0[src].is_none() && !on_stack[src] {
                        on_stack[src] = true;
                        stack.push((src, 0));
                    }
                } else {
                    let r = inc[v]
                        .iter()
                        .filter_map(|&f| r0[flows[f].source])
                        .map(|x| x - 1)
                        .min()
                        .unwrap_or(0);
                    r0[v] = Some(r);
                    post.push(v);
                    on_stack[v] = false;
                    stack.pop();
                }
            }
        }
        let r0: Vec<i64> = r0.into_iter().map(|r| r.unwrap_or(0)).collect();
        (r0, post)
    }

    /// (d) Splits each live flow of the tree spanning more than one rank into a chain of
    /// dummy nodes, one per rank between its ends (their ranks and kinds appended to `rank`
    /// and `kinds`); past [`order::DUMMY_BUDGET`], only the ranks next to its ends, the chain
    /// jumping the others. Returns each flow's chain, whether it was split, and the cap with
    /// the number of dummy nodes needed when there was one.
    fn split_long_flows(
        &mut self,
        real_flows: usize,
        rank: &mut Vec<usize>,
        kinds: &mut Vec<Option<NodeKind>>,
    ) -> (Vec<Vec<usize>>, Vec<bool>, Option<Cut>) {
        let mut chains: Vec<Vec<usize>> = vec![Vec::new(); real_flows];
        let mut long = vec![false; real_flows];
        let is_long = |f: &F, rank: &[usize]| f.alive && rank[f.target] > rank[f.source] + 1;
        let needs: Vec<usize> = self.flows[..real_flows]
            .iter()
            .filter(|f| is_long(f, rank))
            .map(|f| rank[f.target] - rank[f.source] - 1)
            .collect();
        let needed = needs.iter().sum();
        let cap = order::dummy_cap(needs, order::DUMMY_BUDGET);
        for f in 0..real_flows {
            let F {
                source: s,
                target: t,
                ..
            } = self.flows[f];
            if !is_long(&self.flows[f], rank) {
                continue;
            }
            long[f] = true;
            self.flows[f].alive = false;
            let mut prev = s;
            let mut pf = self.flows.len();
            self.flows.push(F {
                source: s,
                target: s,
                dummy: true,
                alive: true,
                jump: false,
            });
            remove(&mut self.out[s], f);
            self.out[s].push(pf);
            for r in order::chain_ranks(rank[s], rank[t], cap) {
                let d = kinds.len();
                kinds.push(None);
                self.flows[pf].jump = rank[prev] + 1 < r;
                rank.push(r);
                self.inc.push(vec![pf]);
                self.flows[pf].target = d;
                self.flows[pf].source = prev;
                let nf = self.flows.len();
                self.flows.push(F {
                    source: d,
                    target: d,
                    dummy: true,
                    alive: true,
                    jump: false,
                });
                self.out.push(vec![nf]);
                chains[f].push(d);
                prev = d;
                pf = nf;
            }
            self.flows[pf].source = prev;
            self.flows[pf].target = t;
            self.flows[pf].jump = rank[prev] + 1 < rank[t];
            remove(&mut self.inc[t], f);
            self.inc[t].push(pf);
        }
        (chains, long, cap.map(|c| (c, needed)))
    }

    /// (e) The nodes of each rank in order: the first layers, then weighted-median sweeps,
    /// kept only if some sweep crossed less than the first layers. Past the work budget
    /// (`order::rounds`) the sweeps stop early; the number run is returned when they did.
    fn ordering(
        &self,
        rank: &[usize],
        post: &[usize],
        n0: usize,
        max_rank: usize,
    ) -> (Vec<Vec<usize>>, Option<usize>) {
        let n = rank.len();
        let mut orders = self.first_layers(rank, post, n0, max_rank);
        let g = Layered {
            rank: rank.to_vec(),
            edges: self
                .flows
                .iter()
                .map(|f| {
                    if f.alive {
                        (f.source, f.target)
                    } else {
                        (0, 0)
                    }
                })
                .collect(),
            inc: self.inc.clone(),
            out: self.out.clone(),
        };
        let base = orders.clone();
        let mut counter = order::Counter::new(&g);
        let c0 = counter.count(&g, &base);
        let mut improved = false;
        let mut pos = order::positions(&orders, n);
        let rounds = order::rounds(MAX_ORDERING_LOOP, n);
        let mut cut = rounds < MAX_ORDERING_LOOP;
        for pass in 0..rounds {
            order::sweep(&g, &mut orders, &mut pos, pass);
            if counter.count(&g, &orders) < c0 {
                improved = true;
            } else if pass % 2 == 0 {
                cut = false;
                break;
            }
        }
        if !improved {
            orders = base;
        }
        (orders, cut.then_some(rounds))
    }

    /// The layers before any sweep: rank 0 in post order, then each layer's successors in
    /// turn (a dummy node to the front, a node to the back), then nodes still out of every
    /// layer at the back of their rank's.
    fn first_layers(
        &self,
        rank: &[usize],
        post: &[usize],
        n0: usize,
        max_rank: usize,
    ) -> Vec<Vec<usize>> {
        let n = rank.len();
        let mut layers: Vec<VecDeque<usize>> = vec![VecDeque::new(); max_rank + 1];
        let mut placed = vec![false; n];
        for &v in post {
            if rank[v] == 0 {
                layers[0].push_back(v);
                placed[v] = true;
            }
        }
        for r in 0..max_rank {
            let mut i = 0;
            while i < layers[r].len() {
                let v = layers[r][i];
                for &f in &self.out[v] {
                    let t = self.flows[f].target;
                    if !placed[t] {
                        placed[t] = true;
                        if self.flows[f].jump {
                            layers[rank[t]].push_front(t);
                        } else if self.flows[f].dummy {
                            layers[r + 1].push_front(t);
                        } else {
                            layers[r + 1].push_back(t);
                        }
                    }
                }
                i += 1;
            }
        }
        for v in post.iter().copied().chain(n0..n) {
            if !placed[v] {
                placed[v] = true;
                layers[rank[v]].push_back(v);
            }
        }
        layers.into_iter().map(Vec::from).collect()
    }
}

/// What became of the tree's flows on the way: self edges taken out, flows reversed to break
/// cycles, long flows split into chains of dummy nodes.
struct Fate {
    self_edges: Vec<usize>,
    reversed: Vec<bool>,
    long: Vec<bool>,
    chains: Vec<Vec<usize>>,
}

/// (g)'s spacing: each node's vertical offset in its row and horizontal advance (SOPS's
/// `SY`/`SX` groups), the row height and the widest node.
struct Spacing<'a> {
    kinds: &'a [Option<NodeKind>],
    activity_width: f64,
    event_width: f64,
    gateway_width: f64,
    size_x: f64,
    shift_y: f64,
    event_shift: f64,
    gateway_shift: f64,
}

impl<'a> Spacing<'a> {
    fn new(p: &Params, kinds: &'a [Option<NodeKind>]) -> Spacing<'a> {
        let (aw, ah) = p.activity_size;
        let (ew, eh) = p.event_size;
        let (gw, gh) = p.gateway_size;
        Spacing {
            kinds,
            activity_width: aw,
            event_width: ew,
            gateway_width: gw,
            size_x: aw.max(ew).max(gw),
            shift_y: (ah.max(eh).max(gh) * 2.0).trunc(),
            event_shift: ((ah - eh) * 0.5).trunc(),
            gateway_shift: ((ah - gh) * 0.5).trunc(),
        }
    }

    fn shape(&self, v: usize) -> Shape {
        self.kinds[v].map_or(Shape::Dummy, super::graph::shape_of)
    }

    /// How far below its row's top node `v` is drawn.
    fn sy(&self, v: usize) -> f64 {
        match self.shape(v) {
            Shape::Activity | Shape::Dummy => 0.0,
            Shape::Event => self.event_shift,
            Shape::Gateway | Shape::WideGateway => self.gateway_shift,
        }
    }

    /// How far right of node `v` the next layer may start.
    fn sx(&self, v: usize) -> f64 {
        match self.shape(v) {
            Shape::Dummy => 0.0,
            Shape::Activity => self.activity_width * 1.5,
            Shape::Event => self.event_width * 2.5,
            Shape::WideGateway => self.gateway_width * 6.5,
            Shape::Gateway => self.gateway_width * 2.5,
        }
    }
}

/// (g) Places the layers left to right and each layer's nodes top down, `fin` empty rows
/// under each; after a layer of one node past the canvas width, the next starts a new row.
/// Returns every node's place (dummy nodes too) and the tree's nodes placed.
fn place(
    spacing: &Spacing,
    p: &Params,
    orders: &[Vec<usize>],
    fin: &[i64],
    n0: usize,
    max_rank: usize,
) -> (Vec<(f64, f64)>, Vec<Placed>) {
    let shift_y = spacing.shift_y;
    let mut xy: Vec<(f64, f64)> = vec![(0.0, 0.0); spacing.kinds.len()];
    let mut nodes = Vec::with_capacity(n0);
    let (mut rx, mut ry) = p.start;
    let mut nly = 0.0f64;
    for (r, layer) in orders.iter().enumerate() {
        if layer.is_empty() {
            continue;
        }
        let mut shx = 0.0f64;
        let mut oy = ry;
        if nly == 0.0 {
            nly = ry + shift_y;
        }
        for &v in layer {
            let y = (oy + spacing.sy(v)).trunc();
            let x = rx.trunc();
            shx = shx.max(spacing.sx(v));
            xy[v] = (x, y);
            if v < n0 {
                nodes.push(Placed {
                    node: v,
                    x: x as i64,
                    y: y as i64,
                });
            }
            if y >= nly {
                nly = y + shift_y;
            }
            oy += shift_y * (1 + fin[v].max(0) as usize) as f64;
        }
        rx += shx;
        if rx + spacing.size_x > p.canvas_width && layer.len() == 1 && r + 1 < max_rank {
            rx = p.start.0;
            ry = nly;
        }
    }
    (xy, nodes)
}

/// (h) The lines: short flows in order, then self edges, then long flows (through their
/// dummy nodes), each in its original direction.
fn route(
    input: &Input,
    p: &Params,
    spacing: &Spacing,
    xy: &[(f64, f64)],
    fate: &Fate,
) -> Vec<Routed> {
    let real_flows = input.flows.len();
    let order_of_lines = (0..real_flows)
        .filter(|&f| !fate.long[f] && !fate.self_edges.contains(&f))
        .chain(fate.self_edges.iter().copied())
        .chain((0..real_flows).filter(|&f| fate.long[f]));
    let mut lines = Vec::with_capacity(real_flows);
    for f in order_of_lines {
        let (s, t) = (input.flows[f].source, input.flows[f].target);
        let (sp, tp) = (xy[s], xy[t]);
        let (a, b) = arrow(sp, tp, spacing.sy(s), spacing.sy(t));
        let dy = tp.1 - sp.1;
        let midpoint = (tp.0 == p.start.0 && dy != 0.0).then(|| 1.0 - spacing.shift_y * 0.5 / dy);
        let mut points: Vec<(f64, f64)> = fate.chains[f].iter().map(|&d| xy[d]).collect();
        if fate.reversed[f] {
            points.reverse();
        }
        lines.push(Routed {
            flow: f,
            source: a,
            target: b,
            midpoint,
            points,
        });
    }
    lines
}

/// `arrow_flow`: anchors from the relative places (baselines compared).
fn arrow(s: (f64, f64), t: (f64, f64), s_shift: f64, t_shift: f64) -> (Arrow, Arrow) {
    let (sy, ty) = (s.1 - s_shift, t.1 - t_shift);
    use Arrow::*;
    if s.0 < t.0 {
        if sy < ty {
            (Bottom, Left)
        } else if sy > ty {
            (Right, Bottom)
        } else {
            (Right, Left)
        }
    } else if s.0 > t.0 {
        if sy < ty {
            (Right, Left)
        } else {
            (Bottom, Bottom)
        }
    } else if sy < ty {
        (Bottom, Top)
    } else if sy > ty {
        (Top, Bottom)
    } else {
        (Right, Bottom)
    }
}

/// `feasible_tree_ranker`: grows a tree of tight edges from the start event; while nodes are
/// left out, shifts the tree along the edge of least slack leaving it.
fn feasible_tree(input: &Input, g: &Graph, rank: &mut [i64]) {
    let n = input.len();
    let seed = input.start.unwrap_or(0);
    let mut tree = Tight {
        in_tree: vec![false; n],
        members: vec![seed],
    };
    tree.in_tree[seed] = true;
    loop {
        // grow across tight edges, both directions
        tree.grow(g, rank);
        if tree.members.len() >= n {
            break;
        }
        match tree.least_slack(g, rank) {
            Some(b) if slack(rank, &g.flows[b]) == 0 => {
                // A tight flow the growing step did not follow: it is missing from its node's
                // `incoming`/`outgoing` (a broken tree). The original shifts by 0 forever;
                // this takes the node in.
                let f = &g.flows[b];
                let o = if tree.in_tree[f.source] {
                    f.target
                } else {
                    f.source
                };
                tree.take(o);
            }
            Some(b) => {
                let mut d = slack(rank, &g.flows[b]);
                if tree.in_tree[g.flows[b].target] {
                    d = -d;
                }

                for &v in &tree.members {
                    rank[v] += d;
                }
            }
            None => {
                // another component: it keeps its own ranks
                let next = (0..n).find(|&v| !tree.in_tree[v]).unwrap_or(0);
                tree.take(next);
            }
        }
    }
}

/// How many ranks flow `f` could shrink by.
fn slack(rank: &[i64], f: &F) -> i64 {
    rank[f.target] - rank[f.source] - 1
}

/// `feasible_tree`'s tree: which nodes are in, and the members in the order they came in.
struct Tight {
    in_tree: Vec<bool>,
    members: Vec<usize>,
}

impl Tight {
    fn take(&mut self, v: usize) {
        self.in_tree[v] = true;
        self.members.push(v);
    }

    /// Takes in every node a chain of tight flows (either way) joins to the tree.
    fn grow(&mut self, g: &Graph, rank: &[i64]) {
        let mut stack = self.members.clone();
        while let Some(v) = stack.pop() {
            let ends = g.out[v]
                .iter()
                .map(|&f| (f, g.flows[f].target))
                .chain(g.inc[v].iter().map(|&f| (f, g.flows[f].source)));
            for (f, o) in ends {
                let fl = &g.flows[f];
                if !self.in_tree[o] && slack(rank, fl) == 0 {
                    self.take(o);
                    stack.push(o);
                }
            }
        }
    }

    /// The first live flow with one end in the tree and the least slack, that slack being
    /// at least 0 and less than the span of the ranks.
    fn least_slack(&self, g: &Graph, rank: &[i64]) -> Option<usize> {
        let (lo, hi) = (
            rank.iter().min().copied().unwrap_or(0),
            rank.iter().max().copied().unwrap_or(0),
        );
        let mut best: Option<usize> = None;
        let mut bound = hi - lo;
        for (i, f) in g.flows.iter().enumerate() {
            // (a negative slack only happens in a broken tree, whose ranks did not come from
            // its flows: shifting by it can undo the previous shift forever, so it is left out)
            if f.alive
                && self.in_tree[f.source] != self.in_tree[f.target]
                && (0..bound).contains(&slack(rank, f))
            {
                bound = slack(rank, f);
                best = Some(i);
            }
        }
        best
    }
}

/// Stored under `activities` (dummy nodes are not).
fn in_activities(input: &Input, v: usize) -> bool {
    v < input.len() && input.in_activities[v]
}

/// A branching gateway of the tree (dummy nodes are not).
fn branching(input: &Input, v: usize) -> bool {
    v < input.len() && input.is_branch(v)
}

/// `compute_nodes_fill_num`: empty slots reserved under each node so that the branches of a
/// gateway do not overlap what follows.
fn fill(input: &Input, g: &Graph, orders: &[Vec<usize>], n: usize) -> Vec<i64> {
    let n0 = input.len();
    let mut fin = gateway_fill(input, g, n);
    let mut behind = Behind {
        input,
        g,
        n,
        nd: vec![None; n],
        order: Vec::new(),
    };
    for &gw in &input.gateways {
        if branching(input, gw) {
            for &f in &g.inc[gw] {
                let x = g.out[gw].len() as i64 - 1;
                behind.set(g.flows[f].source, x);
                behind.back(f, x);
            }
        }
    }
    behind.add_up(&mut fin, orders);
    converge_fill(input, &mut fin);
    for &v in &behind.order {
        fin[v] = behind.nd[v];
    }
    dummy_fill(g, n0, n, &mut fin);
    fin.into_iter().map(|x| x.unwrap_or(0)).collect()
}

/// Each gateway's own count: a branching gateway's outgoing flows less one, a converge
/// gateway's incoming flows less one.
fn gateway_fill(input: &Input, g: &Graph, n: usize) -> Vec<Option<i64>> {
    let mut fin: Vec<Option<i64>> = vec![None; n];
    for &gw in &input.gateways {
        if branching(input, gw) {
            fin[gw] = Some(g.out[gw].len() as i64 - 1);
        }
        if input.kinds[gw] == NodeKind::ConvergeGateway {
            fin[gw] = Some(g.inc[gw].len() as i64 - 1);
        }
    }
    fin
}

/// A branching gateway's count goes to its converge gateway.
fn converge_fill(input: &Input, fin: &mut [Option<i64>]) {
    let mut conv: Vec<(usize, i64)> = Vec::new();
    for &gw in &input.gateways {
        if let (Some(x), Some(c)) = (fin[gw], input.converge[gw]) {
            if branching(input, gw) {
                if let Some(c) = c {
                    conv.push((c, x));
                }
            }
        }
    }
    for (c, x) in conv {
        fin[c] = Some(x);
    }
}

/// Dummy nodes after a node with a count take that count, down their chain.
fn dummy_fill(g: &Graph, n0: usize, n: usize, fin: &mut [Option<i64>]) {
    let mut dn: Vec<(usize, i64)> = Vec::new();
    for d in n0..n {
        let s = g.flows[g.inc[d][0]].source;
        if let Some(x) = fin[s] {
            dn.push((d, x));
            let mut t = g.flows[g.out[d][0]].target;
            while t >= n0 {
                dn.push((t, x));
                t = g.flows[g.out[t][0]].target;
            }
        }
    }
    for (d, x) in dn {
        fin[d] = Some(x);
    }
}

/// The counts `fill` pushes back from branching gateways along chains of activities, and the
/// order nodes first got one.
struct Behind<'a> {
    input: &'a Input,
    g: &'a Graph,
    n: usize,
    nd: Vec<Option<i64>>,
    order: Vec<usize>,
}

impl Behind<'_> {
    fn set(&mut self, v: usize, x: i64) {
        if self.nd[v].is_none() {
            self.order.push(v);
        }
        self.nd[v] = Some(x);
    }

    /// Walks a chain of activities backwards from flow `f` (first incoming only), setting `x`.
    fn back(&mut self, mut f: usize, x: i64) {
        for _ in 0..=self.n {
            let v = self.g.flows[f].source;
            if !in_activities(self.input, v) {
                return;
            }
            self.set(v, x);
            match self.g.inc[v].first() {
                Some(&gf) => f = gf,
                None => return,
            }
        }
    }

    /// From the last layer back, adds each activity's count to the count of the nodes before
    /// it, pushing the sum back from a branching gateway before it.
    fn add_up(&mut self, fin: &mut [Option<i64>], orders: &[Vec<usize>]) {
        let (input, g) = (self.input, self.g);
        let mut layer_of = vec![usize::MAX; self.n];
        for (r, layer) in orders.iter().enumerate() {
            for &v in layer {
                layer_of[v] = r;
            }
        }
        let mut lst: Vec<usize> = self
            .order
            .iter()
            .copied()
            .filter(|&v| layer_of[v] != usize::MAX)
            .collect();
        crate::sort::sort_by_key(&mut lst, |&v| (layer_of[v] as u64, 0));
        for &v in lst.iter().rev() {
            if !in_activities(input, v) {
                continue;
            }
            for &f in &g.inc[v] {
                let s = g.flows[f].source;
                if let Some(fs) = fin[s] {
                    let x = fs + self.nd[v].unwrap_or(0);
                    fin[s] = Some(x);
                    if branching(input, s) {
                        for &gf in &g.inc[s] {
                            self.back(gf, x);
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::graph::FlowIn;

    /// SOPS's loop as written: a new search for each back edge.
    fn break_cycles_plain(g: &mut Graph, input: &Input) -> Vec<bool> {
        let n0 = input.len();
        let mut pair: HashMap<(usize, usize), usize> = HashMap::new();
        for (i, f) in g.flows.iter().enumerate() {
            if f.alive {
                pair.insert((f.source, f.target), i);
            }
        }
        let mut reversed = vec![false; g.flows.len()];
        while let Some((u, v, via)) = find_cycle(&input.cycle_order, n0, &g.flows) {
            let k = pair
                .get(&(u, v))
                .copied()
                .filter(|&k| g.flows[k].alive && g.flows[k].source == u && g.flows[k].target == v)
                .unwrap_or(via);
            if reversed[k] {
                for (_, _, k) in back_edges(&input.cycle_order, n0, &g.flows, false) {
                    reversed[k] = !reversed[k];
                    g.reverse(k);
                }
                break;
            }
            reversed[k] = true;
            g.reverse(k);
        }
        reversed
    }

    /// A random graph of `n` nodes: flows between random nodes (self loops and repeated pairs
    /// included), the search starting from some of the nodes.
    fn random_input(next: &mut impl FnMut(usize) -> usize) -> Input {
        let most = if next(4) == 0 { 30 } else { 10 };
        let n = 2 + next(most);
        let mut input = Input {
            ids: (0..n).map(|i| format!("n{i}")).collect(),
            ..Input::default()
        };
        input.inc = vec![Vec::new(); n];
        input.out = vec![Vec::new(); n];
        for i in 0..next(3 * n + 1) {
            let (source, target) = (next(n), next(n));
            input.out[source].push(i);
            input.inc[target].push(i);
            input.flows.push(FlowIn {
                key: format!("f{i}"),
                source,
                target,
            });
        }
        input.cycle_order = (0..n).filter(|_| next(2) == 0).collect();
        input.cycle_order.reverse();
        input
    }

    #[test]
    fn cycles_are_broken_as_by_one_search_per_back_edge() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = |below: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % below as u64) as usize
        };
        for case in 0..20000 {
            let input = random_input(&mut next);
            let mut fast = Graph::of(&input);
            fast.drop_self_edges();
            let mut plain = Graph::of(&input);
            plain.drop_self_edges();
            let got = fast.break_cycles(&input);
            let want = break_cycles_plain(&mut plain, &input);
            assert_eq!(got, want, "case {case}: {:?}", input.flows);
            let ends = |g: &Graph| -> Vec<(usize, usize, bool)> {
                g.flows
                    .iter()
                    .map(|f| (f.source, f.target, f.alive))
                    .collect()
            };
            assert_eq!(ends(&fast), ends(&plain), "case {case}");
            assert_eq!(
                (&fast.inc, &fast.out),
                (&plain.inc, &plain.out),
                "case {case}"
            );
        }
    }
}
