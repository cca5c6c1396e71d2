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
//! the tree (the original can alternate between two of them forever); past 166,000 nodes and dummy nodes the median sweeps run fewer
//! rounds (`order::rounds`), where the original runs for minutes.

#![allow(clippy::needless_range_loop)] // index-based graph algorithms

use foldhash::{HashMap, HashMapExt};
use std::collections::VecDeque;

use super::graph::{Input, Shape};
use super::order::{self, Layered};
use super::{Arrow, Drawing, Params, Placed, Routed};
use crate::model::NodeKind;

/// The number of weighted-median sweeps (`MAX_ORDERING_LOOP`).
const MAX_ORDERING_LOOP: usize = 24;

#[derive(Clone, Copy)]
struct F {
    source: usize,
    target: usize,
    dummy: bool,
    alive: bool,
}

fn remove(list: &mut Vec<usize>, x: usize) {
    if let Some(i) = list.iter().position(|&y| y == x) {
        list.remove(i);
    }
}

/// `Graph.get_cycle`: a depth-first search from each node of `order` in turn, over flows in
/// order; the first edge to a node still on the path closes the cycle. Returns that edge
/// (u, v, the flow taken).
fn find_cycle(order: &[usize], n: usize, flows: &[F]) -> Option<(usize, usize, usize)> {
    back_edges(order, n, flows, true).into_iter().next()
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

pub fn draw(input: &Input, p: &Params) -> Drawing {
    let n0 = input.len();
    if n0 == 0 {
        return Drawing::default();
    }
    let mut flows: Vec<F> = input
        .flows
        .iter()
        .map(|f| F {
            source: f.source,
            target: f.target,
            dummy: false,
            alive: true,
        })
        .collect();
    let real_flows = flows.len();
    let mut inc = input.inc.clone();
    let mut out = input.out.clone();

    // (a) self edges
    let mut self_edges = Vec::new();
    for (i, f) in flows.iter_mut().enumerate() {
        if f.source == f.target {
            f.alive = false;
            self_edges.push(i);
            remove(&mut inc[f.source], i);
            remove(&mut out[f.source], i);
        }
    }

    // (b) cycles: reverse the first back edge found, search again
    let mut pair: HashMap<(usize, usize), usize> = HashMap::new();
    for (i, f) in flows.iter().enumerate() {
        if f.alive {
            pair.insert((f.source, f.target), i);
        }
    }
    let mut reversed = vec![false; real_flows];
    let reverse = |flows: &mut [F], inc: &mut [Vec<usize>], out: &mut [Vec<usize>], k: usize| {
        let (u, v) = (flows[k].source, flows[k].target);
        flows[k].source = v;
        flows[k].target = u;
        remove(&mut out[u], k);
        inc[u].push(k);
        remove(&mut inc[v], k);
        out[v].push(k);
    };
    while let Some((u, v, via)) = find_cycle(&input.cycle_order, n0, &flows) {
        let k = pair
            .get(&(u, v))
            .copied()
            .filter(|&k| flows[k].alive && flows[k].source == u && flows[k].target == v)
            .unwrap_or(via);
        if reversed[k] {
            for (_, _, k) in back_edges(&input.cycle_order, n0, &flows, false) {
                reversed[k] = !reversed[k];
                reverse(&mut flows, &mut inc, &mut out, k);
            }
            break;
        }
        reversed[k] = true;
        reverse(&mut flows, &mut inc, &mut out, k);
    }

    // (c) ranks: longest path from a source, in the post order of a search over predecessors
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
    let m = r0.iter().copied().min().unwrap_or(0);
    let mut rank: Vec<i64> = r0.iter().map(|r| m - r).collect();
    feasible_tree(input, &flows, &inc, &out, &mut rank);
    let mn = rank.iter().copied().min().unwrap_or(0);
    let mut rank: Vec<usize> = rank.iter().map(|r| (r - mn) as usize).collect();

    // (d) long edges become chains of dummy nodes
    let mut kinds: Vec<Option<NodeKind>> = input.kinds.iter().copied().map(Some).collect();
    let mut chains: Vec<Vec<usize>> = vec![Vec::new(); real_flows];
    let mut long = vec![false; real_flows];
    for f in 0..real_flows {
        let F {
            source: s,
            target: t,
            alive,
            ..
        } = flows[f];
        if !alive || rank[t] <= rank[s] + 1 {
            continue;
        }
        long[f] = true;
        flows[f].alive = false;
        let mut prev = s;
        let mut pf = flows.len();
        flows.push(F {
            source: s,
            target: s,
            dummy: true,
            alive: true,
        });
        remove(&mut out[s], f);
        out[s].push(pf);
        for r in rank[s] + 1..rank[t] {
            let d = kinds.len();
            kinds.push(None);
            rank.push(r);
            inc.push(vec![pf]);
            flows[pf].target = d;
            flows[pf].source = prev;
            let nf = flows.len();
            flows.push(F {
                source: d,
                target: d,
                dummy: true,
                alive: true,
            });
            out.push(vec![nf]);
            chains[f].push(d);
            prev = d;
            pf = nf;
        }
        flows[pf].source = prev;
        flows[pf].target = t;
        remove(&mut inc[t], f);
        inc[t].push(pf);
    }
    let n = kinds.len();

    // (e) ordering
    let max_rank = rank.iter().copied().max().unwrap_or(0);
    let mut layers: Vec<VecDeque<usize>> = vec![VecDeque::new(); max_rank + 1];
    let mut placed = vec![false; n];
    for &v in &post {
        if rank[v] == 0 {
            layers[0].push_back(v);
            placed[v] = true;
        }
    }
    for r in 0..max_rank {
        let mut i = 0;
        while i < layers[r].len() {
            let v = layers[r][i];
            for &f in &out[v] {
                let t = flows[f].target;
                if !placed[t] {
                    placed[t] = true;
                    if flows[f].dummy {
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
    let mut orders: Vec<Vec<usize>> = layers.into_iter().map(Vec::from).collect();
    let g = Layered {
        rank: rank.clone(),
        edges: flows
            .iter()
            .map(|f| {
                if f.alive {
                    (f.source, f.target)
                } else {
                    (0, 0)
                }
            })
            .collect(),
        inc: inc.clone(),
        out: out.clone(),
    };
    let base = orders.clone();
    let c0 = order::crossings(&g, &base);
    let mut improved = false;
    let mut pos = order::positions(&orders, n);
    for pass in 0..order::rounds(MAX_ORDERING_LOOP, n) {
        order::sweep(&g, &mut orders, &mut pos, pass);
        if order::crossings(&g, &orders) < c0 {
            improved = true;
        } else if pass % 2 == 0 {
            break;
        }
    }
    if !improved {
        orders = base;
    }

    // (f) placeholders under branching gateways
    let fin = fill(input, &flows, &inc, &out, &orders, n);

    // (g) positions
    let (aw, ah) = p.activity_size;
    let (ew, eh) = p.event_size;
    let (gw, gh) = p.gateway_size;
    let size_x = aw.max(ew).max(gw);
    let shift_y = (ah.max(eh).max(gh) * 2.0).trunc();
    let es = ((ah - eh) * 0.5).trunc();
    let gs = ((ah - gh) * 0.5).trunc();
    let shape = |v: usize| kinds[v].map_or(Shape::Dummy, super::graph::shape_of);
    let sy = |v: usize| match shape(v) {
        Shape::Activity | Shape::Dummy => 0.0,
        Shape::Event => es,
        Shape::Gateway | Shape::WideGateway => gs,
    };
    let sx = |v: usize| match shape(v) {
        Shape::Dummy => 0.0,
        Shape::Activity => aw * 1.5,
        Shape::Event => ew * 2.5,
        Shape::WideGateway => gw * 6.5,
        Shape::Gateway => gw * 2.5,
    };
    let mut xy: Vec<(f64, f64)> = vec![(0.0, 0.0); n];
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
            let y = (oy + sy(v)).trunc();
            let x = rx.trunc();
            shx = shx.max(sx(v));
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
        if rx + size_x > p.canvas_width && layer.len() == 1 && r + 1 < max_rank {
            rx = p.start.0;
            ry = nly;
        }
    }

    // (h) lines: short flows in order, then self edges, then long flows; original directions
    let order_of_lines = (0..real_flows)
        .filter(|&f| !long[f] && !self_edges.contains(&f))
        .chain(self_edges.iter().copied())
        .chain((0..real_flows).filter(|&f| long[f]));
    let mut lines = Vec::with_capacity(real_flows);
    for f in order_of_lines {
        let (s, t) = (input.flows[f].source, input.flows[f].target);
        let (sp, tp) = (xy[s], xy[t]);
        let (a, b) = arrow(sp, tp, sy(s), sy(t));
        let dy = tp.1 - sp.1;
        let midpoint = (tp.0 == p.start.0 && dy != 0.0).then(|| 1.0 - shift_y * 0.5 / dy);
        let mut points: Vec<(f64, f64)> = chains[f].iter().map(|&d| xy[d]).collect();
        if reversed[f] {
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
    Drawing { nodes, lines }
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
fn feasible_tree(
    input: &Input,
    flows: &[F],
    inc: &[Vec<usize>],
    out: &[Vec<usize>],
    rank: &mut [i64],
) {
    let n = input.len();
    let seed = input.start.unwrap_or(0);
    let mut in_tree = vec![false; n];
    in_tree[seed] = true;
    let mut members = vec![seed];
    let slack = |rank: &[i64], f: &F| rank[f.target] - rank[f.source] - 1;
    loop {
        // grow across tight edges, both directions
        let mut stack = members.clone();
        while let Some(v) = stack.pop() {
            let ends = out[v]
                .iter()
                .map(|&f| (f, flows[f].target))
                .chain(inc[v].iter().map(|&f| (f, flows[f].source)));
            for (f, o) in ends {
                let fl = &flows[f];
                if !in_tree[o] && slack(rank, fl) == 0 {
                    in_tree[o] = true;
                    members.push(o);
                    stack.push(o);
                }
            }
        }
        if members.len() >= n {
            break;
        }
        let (lo, hi) = (
            rank.iter().min().copied().unwrap_or(0),
            rank.iter().max().copied().unwrap_or(0),
        );
        let mut best: Option<usize> = None;
        let mut bound = hi - lo;
        for (i, f) in flows.iter().enumerate() {
            // (a negative slack only happens in a broken tree, whose ranks did not come from
            // its flows: shifting by it can undo the previous shift forever, so it is left out)
            if f.alive
                && in_tree[f.source] != in_tree[f.target]
                && (0..bound).contains(&slack(rank, f))
            {
                bound = slack(rank, f);
                best = Some(i);
            }
        }
        match best {
            Some(b) if slack(rank, &flows[b]) == 0 => {
                // A tight flow the growing step did not follow: it is missing from its node's
                // `incoming`/`outgoing` (a broken tree). The original shifts by 0 forever;
                // this takes the node in.
                let f = &flows[b];
                let o = if in_tree[f.source] {
                    f.target
                } else {
                    f.source
                };
                in_tree[o] = true;
                members.push(o);
            }
            Some(b) => {
                let mut d = slack(rank, &flows[b]);
                if in_tree[flows[b].target] {
                    d = -d;
                }

                for &v in &members {
                    rank[v] += d;
                }
            }
            None => {
                // another component: it keeps its own ranks
                let next = (0..n).find(|&v| !in_tree[v]).unwrap_or(0);
                in_tree[next] = true;
                members.push(next);
            }
        }
    }
}

/// `compute_nodes_fill_num`: empty slots reserved under each node so that the branches of a
/// gateway do not overlap what follows.
fn fill(
    input: &Input,
    flows: &[F],
    inc: &[Vec<usize>],
    out: &[Vec<usize>],
    orders: &[Vec<usize>],
    n: usize,
) -> Vec<i64> {
    let n0 = input.len();
    let in_acts = |v: usize| v < n0 && input.in_activities[v];
    let branch = |v: usize| v < n0 && input.is_branch(v);
    let mut fin: Vec<Option<i64>> = vec![None; n];
    for &g in &input.gateways {
        if branch(g) {
            fin[g] = Some(out[g].len() as i64 - 1);
        }
        if input.kinds[g] == NodeKind::ConvergeGateway {
            fin[g] = Some(inc[g].len() as i64 - 1);
        }
    }
    let mut nd: Vec<Option<i64>> = vec![None; n];
    let mut nd_order: Vec<usize> = Vec::new();
    let set = |nd: &mut Vec<Option<i64>>, order: &mut Vec<usize>, v: usize, x: i64| {
        if nd[v].is_none() {
            order.push(v);
        }
        nd[v] = Some(x);
    };
    // walks a chain of activities backwards (first incoming only)
    let back = |nd: &mut Vec<Option<i64>>, order: &mut Vec<usize>, mut f: usize, x: i64| {
        for _ in 0..=n {
            let v = flows[f].source;
            if !in_acts(v) {
                return;
            }
            set(nd, order, v, x);
            match inc[v].first() {
                Some(&g) => f = g,
                None => return,
            }
        }
    };
    for &g in &input.gateways {
        if branch(g) {
            for &f in &inc[g] {
                let x = out[g].len() as i64 - 1;
                set(&mut nd, &mut nd_order, flows[f].source, x);
                back(&mut nd, &mut nd_order, f, x);
            }
        }
    }
    let mut layer_of = vec![usize::MAX; n];
    for (r, layer) in orders.iter().enumerate() {
        for &v in layer {
            layer_of[v] = r;
        }
    }
    let mut lst: Vec<usize> = nd_order
        .iter()
        .copied()
        .filter(|&v| layer_of[v] != usize::MAX)
        .collect();
    crate::sort::sort_by_key(&mut lst, |&v| (layer_of[v] as u64, 0));
    for &v in lst.iter().rev() {
        if !in_acts(v) {
            continue;
        }
        for &f in &inc[v] {
            let s = flows[f].source;
            if let Some(fs) = fin[s] {
                let x = fs + nd[v].unwrap_or(0);
                fin[s] = Some(x);
                if branch(s) {
                    for &gf in &inc[s] {
                        back(&mut nd, &mut nd_order, gf, x);
                    }
                }
            }
        }
    }
    let mut conv: Vec<(usize, i64)> = Vec::new();
    for &g in &input.gateways {
        if let (Some(x), Some(c)) = (fin[g], input.converge[g]) {
            if branch(g) {
                if let Some(c) = c {
                    conv.push((c, x));
                }
            }
        }
    }
    for (c, x) in conv {
        fin[c] = Some(x);
    }
    for &v in &nd_order {
        fin[v] = nd[v];
    }
    let mut dn: Vec<(usize, i64)> = Vec::new();
    for d in n0..n {
        let s = flows[inc[d][0]].source;
        if let Some(x) = fin[s] {
            dn.push((d, x));
            let mut t = flows[out[d][0]].target;
            while t >= n0 {
                dn.push((t, x));
                t = flows[out[t][0]].target;
            }
        }
    }
    for (d, x) in dn {
        fin[d] = Some(x);
    }
    fin.into_iter().map(|x| x.unwrap_or(0)).collect()
}
