//! Our layered layout, left to right (Sugiyama's framework):
//! 1. loops: the back edges of a depth-first search from the start event are reversed;
//! 2. columns: longest path from a source; a node nothing enters sits just before its first
//!    successor;
//! 3. long edges become chains of dummy points, one per column they cross, so they are routed
//!    between nodes, never through them;
//! 4. order in each column: SOPS's traversal order, weighted-median sweeps keeping the best
//!    order seen (by exact crossing count), then adjacent swaps while they remove crossings;
//! 5. vertical places: the least-squares layout of all edges (dummy chains weigh more, so long
//!    edges run straight) plus a pull between each branching gateway and its converge gateway
//!    (its immediate post-dominator), under the order and spacing of each column; solved by
//!    block coordinate descent, each column exactly by pool-adjacent-violators;
//! 6. anchors: Right to Left; a gateway's branches leave by Top or Bottom towards where they go,
//!    and enter a converge gateway by Top or Bottom; loops go back underneath (Bottom to Bottom);
//!    then a line whose drawn route would run through another node takes the anchors (and
//!    midpoint) whose route crosses the fewest (`route::clear`).
//!
//! With `keep_placed`, nodes that have a `location` keep it and the others are put next to
//! their neighbours, on the first free spot.

#![allow(clippy::needless_range_loop)] // index-based graph algorithms

use super::graph::Input;
use super::order::{self, rounds, Layered};
use super::{Arrow, Drawing, Mode, Params, Placed, Routed, Warning};
use crate::model::NodeKind;

const SWEEPS: usize = 24;
const TRANSPOSE_ROUNDS: usize = 4;
const DESCENT_ROUNDS: usize = 40;
/// Gap between two dummy points of one column, and between a dummy and a node (halved gap).
const DUMMY_GAP: f64 = 16.0;

struct Graph {
    n0: usize,
    /// per node: (width, height); dummies (0, 0)
    size: Vec<(f64, f64)>,
    kind: Vec<Option<NodeKind>>,
    rank: Vec<usize>,
    /// edges after reversal and splitting: (source, target), all joining adjacent columns
    edges: Vec<(usize, usize)>,
    inc: Vec<Vec<usize>>,
    out: Vec<Vec<usize>>,
    /// per flow: its chain of dummies (in the flow's own direction) and whether it was reversed
    chain: Vec<Vec<usize>>,
    reversed: Vec<bool>,
    self_loop: Vec<bool>,
    /// The cap on each long edge's dummies and the number they needed, when over the budget.
    cut: Option<(usize, usize)>,
}

pub fn draw(input: &Input, p: &Params) -> Drawing {
    let n0 = input.len();
    if n0 == 0 {
        return Drawing::default();
    }
    if p.keep_placed {
        let placed = input.placed.iter().filter(|x| x.is_some()).count();
        if placed * 2 >= n0 {
            return keep_placed(input, p);
        }
    }
    let g = build(input, p);
    let orders = ordering(&g);
    let centre = vertical(&g, input, &orders, p);
    finish(input, p, &g, &orders, &centre)
}

fn size_of(p: &Params, kind: NodeKind) -> (f64, f64) {
    p.size(super::graph::shape_of(kind))
}

/// Steps 1 to 3.
fn build(input: &Input, p: &Params) -> Graph {
    let n0 = input.len();
    let flows = &input.flows;
    let self_loop: Vec<bool> = flows.iter().map(|f| f.source == f.target).collect();
    // 1. back edges of a DFS from the start, then from every node nothing enters, then the rest
    let reversed = back_edges(input, &self_loop);
    // 2. longest path from a source, in topological order (Kahn)
    let mut rank = columns(input, &self_loop, &reversed);
    // 3. split long edges
    let mut size: Vec<(f64, f64)> = input.kinds.iter().map(|&k| size_of(p, k)).collect();
    let mut kind: Vec<Option<NodeKind>> = input.kinds.iter().copied().map(Some).collect();
    let mut edges = Vec::new();
    let mut chain = vec![Vec::new(); flows.len()];
    let needs: Vec<usize> = (0..flows.len())
        .filter(|&f| !self_loop[f])
        .map(|f| directed(input, &reversed, f))
        .map(|(s, t)| rank[t].saturating_sub(rank[s] + 1))
        .collect();
    let needed = needs.iter().sum();
    let cap = order::dummy_cap(needs, order::DUMMY_BUDGET);
    for f in 0..flows.len() {
        if self_loop[f] {
            continue;
        }
        let (s, t) = directed(input, &reversed, f);
        let mut prev = s;
        for r in order::chain_ranks(rank[s], rank[t], cap) {
            let d = kind.len();
            kind.push(None);
            size.push((0.0, 0.0));
            rank.push(r);
            edges.push((prev, d));
            chain[f].push(d);
            prev = d;
        }
        edges.push((prev, t));
        if reversed[f] {
            chain[f].reverse();
        }
    }
    let n = kind.len();
    let mut inc = vec![Vec::new(); n];
    let mut out = vec![Vec::new(); n];
    for (e, &(s, t)) in edges.iter().enumerate() {
        out[s].push(e);
        inc[t].push(e);
    }
    Graph {
        n0,
        size,
        kind,
        rank,
        edges,
        inc,
        out,
        chain,
        reversed,
        self_loop,
        cut: cap.map(|c| (c, needed)),
    }
}

/// Flow `f`'s (source, target), turned around if it was reversed.
fn directed(input: &Input, reversed: &[bool], f: usize) -> (usize, usize) {
    let fl = &input.flows[f];
    if reversed[f] {
        (fl.target, fl.source)
    } else {
        (fl.source, fl.target)
    }
}

/// Step 1: which flows close a loop, as back edges of a depth-first search from the start,
/// then from every node nothing enters, then from the rest (self loops left out).
fn back_edges(input: &Input, self_loop: &[bool]) -> Vec<bool> {
    let n0 = input.len();
    let (_, flow_out) = input.edges();
    let flows = &input.flows;
    let mut reversed = vec![false; flows.len()];
    let mut state = vec![0u8; n0]; // 0 new, 1 on path, 2 done
    let mut indeg = vec![0usize; n0];
    for (i, f) in flows.iter().enumerate() {
        if !self_loop[i] {
            indeg[f.target] += 1;
        }
    }
    let roots = input
        .start
        .into_iter()
        .chain((0..n0).filter(|&v| indeg[v] == 0))
        .chain(0..n0)
        .collect::<Vec<_>>();
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for r in roots {
        if state[r] != 0 {
            continue;
        }
        state[r] = 1;
        stack.push((r, 0));
        while let Some(top) = stack.last_mut() {
            let (v, i) = *top;
            match flow_out[v].get(i) {
                Some(&f) => {
                    top.1 += 1;
                    if self_loop[f] {
                        continue;
                    }
                    let t = flows[f].target;
                    match state[t] {
                        0 => {
                            state[t] = 1;
                            stack.push((t, 0));
                        }
                        1 => reversed[f] = true,
                        _ => {}
                    }
                }
                None => {
                    state[v] = 2;
                    stack.pop();
                }
            }
        }
    }
    reversed
}

/// Step 2: each node's column, its longest path from a source once loops are reversed; a
/// source other than the start moves to just before its first successor.
fn columns(input: &Input, self_loop: &[bool], reversed: &[bool]) -> Vec<usize> {
    let n0 = input.len();
    let mut succ: Vec<Vec<usize>> = vec![Vec::new(); n0];
    let mut pred_count = vec![0usize; n0];
    for f in 0..input.flows.len() {
        if !self_loop[f] {
            let (s, t) = directed(input, reversed, f);
            succ[s].push(t);
            pred_count[t] += 1;
        }
    }
    let mut topo: Vec<usize> = (0..n0).filter(|&v| pred_count[v] == 0).collect();
    let mut k = 0;
    let mut left = pred_count.clone();
    while k < topo.len() {
        let v = topo[k];
        k += 1;
        for &t in &succ[v] {
            left[t] -= 1;
            if left[t] == 0 {
                topo.push(t);
            }
        }
    }
    let mut rank = vec![0usize; n0];
    for &v in &topo {
        for &t in &succ[v] {
            rank[t] = rank[t].max(rank[v] + 1);
        }
    }
    // a source other than the start sits just before its first successor
    for &v in topo.iter().rev() {
        if pred_count[v] == 0 && Some(v) != input.start {
            if let Some(m) = succ[v].iter().map(|&t| rank[t]).min() {
                rank[v] = m.saturating_sub(1);
            }
        }
    }
    rank
}

/// Step 4.
fn ordering(g: &Graph) -> Vec<Vec<usize>> {
    let orders = traversal_order(g);
    let lg = Layered {
        rank: g.rank.clone(),
        edges: g.edges.clone(),
        inc: g.inc.clone(),
        out: g.out.clone(),
    };
    least_crossings(&lg, orders)
}

/// The columns in traversal order: breadth-first from the first column, dummy targets first
/// (as SOPS), each column's nodes nothing above reaches joining before it is walked.
fn traversal_order(g: &Graph) -> Vec<Vec<usize>> {
    let n = g.kind.len();
    let max_rank = g.rank.iter().copied().max().unwrap_or(0);
    let mut orders: Vec<Vec<usize>> = vec![Vec::new(); max_rank + 1];
    // traversal order: breadth-first from the first column, dummy targets first (as SOPS)
    let mut placed = vec![false; n];
    let mut layers: Vec<std::collections::VecDeque<usize>> = vec![Default::default(); max_rank + 1];
    for v in 0..g.n0 {
        if g.rank[v] == 0 && g.inc[v].is_empty() {
            placed[v] = true;
            layers[0].push_back(v);
        }
    }
    let mut sources: Vec<Vec<usize>> = vec![Vec::new(); max_rank + 1];
    for v in 0..n {
        if !placed[v] && g.inc[v].is_empty() {
            sources[g.rank[v]].push(v);
        }
    }
    for r in 0..=max_rank {
        // nodes of this column nothing above reaches
        for &v in &sources[r] {
            if !placed[v] {
                placed[v] = true;
                layers[r].push_back(v);
            }
        }
        let mut i = 0;
        while i < layers[r].len() {
            let v = layers[r][i];
            for &e in &g.out[v] {
                let t = g.edges[e].1;
                if !placed[t] {
                    placed[t] = true;
                    // (the next column, but for a long edge's jump over the budget)
                    if t >= g.n0 {
                        layers[g.rank[t]].push_front(t);
                    } else {
                        layers[g.rank[t]].push_back(t);
                    }
                }
            }
            i += 1;
        }
    }
    for v in 0..n {
        if !placed[v] {
            layers[g.rank[v]].push_back(v);
        }
    }
    for (r, l) in layers.into_iter().enumerate() {
        orders[r] = l.into();
    }
    orders
}

/// Weighted-median sweeps, each followed by adjacent swaps, from `orders`: the order of
/// fewest crossings seen (stopping at none, or after six rounds without a better one).
fn least_crossings(lg: &Layered, mut orders: Vec<Vec<usize>>) -> Vec<Vec<usize>> {
    let n = lg.rank.len();
    let mut best = orders.clone();
    let mut counter = order::Counter::new(lg);
    let mut best_count = counter.count(lg, &best);
    let mut pos = order::positions(&orders, n);
    let mut stale = 0;
    // (a sweep and its swaps visit each node about twice)
    for pass in 0..rounds(SWEEPS, 2 * n) {
        if best_count == 0 {
            break;
        }
        order::sweep(lg, &mut orders, &mut pos, pass);
        transpose(lg, &mut orders);
        pos = order::positions(&orders, n);
        let c = counter.count(lg, &orders);
        if c < best_count {
            best_count = c;
            best = orders.clone();
            stale = 0;
        } else {
            stale += 1;
            if stale >= 6 {
                break;
            }
        }
    }
    best
}

/// Crossings between the edges of `u` and `v` (u above v) on both sides.
fn pair_crossings(g: &Layered, pos: &[usize], u: usize, v: usize) -> u64 {
    let mut c = 0u64;
    for (lists, end) in [(&g.inc, 0usize), (&g.out, 1usize)] {
        for &a in &lists[u] {
            let pa = if end == 0 {
                pos[g.edges[a].0]
            } else {
                pos[g.edges[a].1]
            };
            for &b in &lists[v] {
                let pb = if end == 0 {
                    pos[g.edges[b].0]
                } else {
                    pos[g.edges[b].1]
                };
                if pa > pb {
                    c += 1;
                }
            }
        }
    }
    c
}

/// Swaps neighbours in a column while that removes crossings.
fn transpose(g: &Layered, orders: &mut [Vec<usize>]) {
    let mut pos = order::positions(orders, g.rank.len());
    // (run after every sweep: the budget is shared among them; none past it)
    let budget = order::WORK_BUDGET / (g.rank.len() * SWEEPS).max(1);
    for _ in 0..budget.min(TRANSPOSE_ROUNDS) {
        let mut improved = false;
        for layer in orders.iter_mut() {
            for i in 1..layer.len() {
                let (u, v) = (layer[i - 1], layer[i]);
                // a swap that cannot pay off is skipped (both ends of degree 0)
                if g.inc[u].len() + g.out[u].len() == 0 || g.inc[v].len() + g.out[v].len() == 0 {
                    continue;
                }
                if (g.inc[u].len() + g.out[u].len()) * (g.inc[v].len() + g.out[v].len()) > 4096 {
                    continue;
                }
                if pair_crossings(g, &pos, v, u) < pair_crossings(g, &pos, u, v) {
                    layer.swap(i - 1, i);
                    pos[u] = i;
                    pos[v] = i - 1;
                    improved = true;
                }
            }
        }
        if !improved {
            break;
        }
    }
}

/// Immediate post-dominator of each node of the acyclic graph (virtual exit: `n`), by one
/// pass in reverse topological order.
fn post_dominators(g: &Graph) -> Vec<usize> {
    let n = g.kind.len();
    let exit = n;
    // topological order over the split graph
    let mut left: Vec<usize> = g.inc.iter().map(Vec::len).collect();
    let mut topo: Vec<usize> = (0..n).filter(|&v| left[v] == 0).collect();
    let mut k = 0;
    while k < topo.len() {
        let v = topo[k];
        k += 1;
        for &e in &g.out[v] {
            let t = g.edges[e].1;
            left[t] -= 1;
            if left[t] == 0 {
                topo.push(t);
            }
        }
    }
    let mut index = vec![usize::MAX; n + 1];
    for (i, &v) in topo.iter().enumerate() {
        index[v] = i;
    }
    index[exit] = n;
    let mut ipdom = vec![exit; n + 1];
    for &v in topo.iter().rev() {
        let mut cur: Option<usize> = None;
        for &e in &g.out[v] {
            let t = g.edges[e].1;
            cur = Some(match cur {
                None => t,
                Some(c) => {
                    let (mut a, mut b) = (c, t);
                    while a != b {
                        while index[a] < index[b] {
                            a = ipdom[a];
                        }
                        while index[b] < index[a] {
                            b = ipdom[b];
                        }
                    }
                    a
                }
            });
        }
        ipdom[v] = cur.unwrap_or(exit);
    }
    ipdom.truncate(n);
    ipdom
}

/// Weighted isotonic regression: the nondecreasing z closest to `d` (weights `w`).
fn pava(d: &[f64], w: &[f64]) -> Vec<f64> {
    let mut blocks: Vec<(f64, f64, usize)> = Vec::with_capacity(d.len()); // (mean, weight, count)
    for (&x, &wt) in d.iter().zip(w) {
        blocks.push((x, wt, 1));
        while blocks.len() > 1 {
            let (m2, w2, c2) = blocks[blocks.len() - 1];
            let (m1, w1, c1) = blocks[blocks.len() - 2];
            if m1 <= m2 {
                break;
            }
            blocks.pop();
            let wt = w1 + w2;
            let last = blocks.len() - 1;
            blocks[last] = ((m1 * w1 + m2 * w2) / wt, wt, c1 + c2);
        }
    }
    let mut z = Vec::with_capacity(d.len());
    for (m, _, c) in blocks {
        z.extend(std::iter::repeat_n(m, c));
    }
    z
}

/// Step 5: the vertical centre of every node.
fn vertical(g: &Graph, input: &Input, orders: &[Vec<usize>], p: &Params) -> Vec<f64> {
    // separations and packed start
    let (mut centre, seps) = packed(g, orders, p);
    // neighbours with weights: edges, and gateway <-> converge pulls
    let (nb, pairs) = neighbours(g, input);
    descend(g, orders, &seps, &nb, &mut centre);
    // level each gateway with its converge gateway where the spacing of both columns allows
    level_pairs(g, orders, p, &pairs, &mut centre);
    centre
}

/// The least gap between nodes `u` and `v`, one above the other in a column.
fn gap(g: &Graph, p: &Params, u: usize, v: usize) -> f64 {
    match (u < g.n0, v < g.n0) {
        (true, true) => p.row_gap,
        (false, false) => DUMMY_GAP,
        _ => (p.row_gap / 2.0).max(DUMMY_GAP),
    }
}

/// Each node's offset from the top of its column when the column is packed tight, and the
/// start: every column packed and centred on 0.
fn packed(g: &Graph, orders: &[Vec<usize>], p: &Params) -> (Vec<f64>, Vec<Vec<f64>>) {
    let mut centre = vec![0.0f64; g.kind.len()];
    let mut seps: Vec<Vec<f64>> = Vec::with_capacity(orders.len());
    for layer in orders {
        let mut s = Vec::with_capacity(layer.len());
        let mut acc = 0.0;
        for (i, &v) in layer.iter().enumerate() {
            if i > 0 {
                let u = layer[i - 1];
                acc += (g.size[u].1 + g.size[v].1) / 2.0 + gap(g, p, u, v);
            }
            s.push(acc);
        }
        for (i, &v) in layer.iter().enumerate() {
            centre[v] = s[i] - acc / 2.0;
        }
        seps.push(s);
    }
    (centre, seps)
}

/// Each node's (neighbour, weight) pairs.
type Pulls = Vec<Vec<(usize, f64)>>;

/// Each node's neighbours with weights (an edge weighs 1 between nodes, 8 between dummy
/// points, 2 between the two; a branching gateway and its converge gateway pull with 8),
/// and those (gateway, converge gateway) pairs.
fn neighbours(g: &Graph, input: &Input) -> (Pulls, Vec<(usize, usize)>) {
    let real = |v: usize| v < g.n0;
    let mut nb: Pulls = vec![Vec::new(); g.kind.len()];
    for &(s, t) in &g.edges {
        let w = match (real(s), real(t)) {
            (true, true) => 1.0,
            (false, false) => 8.0,
            _ => 2.0,
        };
        nb[s].push((t, w));
        nb[t].push((s, w));
    }
    let ipdom = post_dominators(g);
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for v in 0..g.n0 {
        if input.is_branch(v) {
            let written = input.converge[v].flatten();
            let c = written
                .or_else(|| (ipdom[v] < g.n0).then_some(ipdom[v]))
                .filter(|&c| c < g.n0 && g.kind[c] == Some(NodeKind::ConvergeGateway));
            if let Some(c) = c {
                nb[v].push((c, 8.0));
                nb[c].push((v, 8.0));
                pairs.push((v, c));
            }
        }
    }
    (nb, pairs)
}

/// Block coordinate descent: each column in turn (down, then up, alternately) moves to the
/// weighted mean of its neighbours under its order and spacing (pool-adjacent-violators),
/// until no node moves by half a pixel.
fn descend(
    g: &Graph,
    orders: &[Vec<usize>],
    seps: &[Vec<f64>],
    nb: &[Vec<(usize, f64)>],
    centre: &mut [f64],
) {
    let mut d = Vec::new();
    let mut w = Vec::new();
    for round in 0..rounds(DESCENT_ROUNDS, g.kind.len()) {
        let layers: Box<dyn Iterator<Item = usize>> = if round % 2 == 0 {
            Box::new(0..orders.len())
        } else {
            Box::new((0..orders.len()).rev())
        };
        let mut moved = 0.0f64;
        for r in layers {
            let layer = &orders[r];
            if layer.is_empty() {
                continue;
            }
            d.clear();
            w.clear();
            for (i, &v) in layer.iter().enumerate() {
                let (mut sum, mut wt) = (0.0, 0.0);
                for &(u, x) in &nb[v] {
                    sum += x * centre[u];
                    wt += x;
                }
                if wt == 0.0 {
                    // nothing pulls it: stay
                    d.push(centre[v] - seps[r][i]);
                    w.push(1e-3);
                } else {
                    d.push(sum / wt - seps[r][i]);
                    w.push(wt);
                }
            }
            let z = pava(&d, &w);
            for (i, &v) in layer.iter().enumerate() {
                let c = z[i] + seps[r][i];
                moved = moved.max((c - centre[v]).abs());
                centre[v] = c;
            }
        }
        if moved < 0.5 {
            break;
        }
    }
}

/// Puts each gateway and its converge gateway at one height (their mean, else either's),
/// the first that keeps the spacing of both columns.
fn level_pairs(
    g: &Graph,
    orders: &[Vec<usize>],
    p: &Params,
    pairs: &[(usize, usize)],
    centre: &mut [f64],
) {
    let mut slot = vec![(0usize, 0usize); g.kind.len()];
    for (r, layer) in orders.iter().enumerate() {
        for (i, &v) in layer.iter().enumerate() {
            slot[v] = (r, i);
        }
    }
    let fits = |centre: &[f64], v: usize, y: f64| {
        let (r, i) = slot[v];
        let layer = &orders[r];
        let above = i == 0 || {
            let u = layer[i - 1];
            centre[u] + (g.size[u].1 + g.size[v].1) / 2.0 + gap(g, p, u, v) <= y + 1e-6
        };
        let below = i + 1 == layer.len() || {
            let u = layer[i + 1];
            y + (g.size[u].1 + g.size[v].1) / 2.0 + gap(g, p, v, u) <= centre[u] + 1e-6
        };
        above && below
    };
    for &(a, b) in pairs {
        for y in [(centre[a] + centre[b]) / 2.0, centre[a], centre[b]] {
            let y = y.round();
            if fits(centre, a, y) && fits(centre, b, y) {
                centre[a] = y;
                centre[b] = y;
                break;
            }
        }
    }
}

/// Step 6 and the output.
fn finish(input: &Input, p: &Params, g: &Graph, orders: &[Vec<usize>], centre: &[f64]) -> Drawing {
    let n = g.kind.len();
    // column x: left edge of each column, nodes centred in their column
    let mut col_x = Vec::with_capacity(orders.len());
    let mut x = 0.0;
    for layer in orders {
        col_x.push(x);
        let w = layer.iter().map(|&v| g.size[v].0).fold(0.0, f64::max);
        x += w + p.column_gap;
    }
    let col_w: Vec<f64> = orders
        .iter()
        .map(|l| l.iter().map(|&v| g.size[v].0).fold(0.0, f64::max))
        .collect();
    let mut top_left = vec![(0.0, 0.0); n];
    let (mut min_x, mut min_y) = (f64::INFINITY, f64::INFINITY);
    for v in 0..n {
        let r = g.rank[v];
        let (w, h) = g.size[v];
        let tl = (col_x[r] + (col_w[r] - w) / 2.0, centre[v] - h / 2.0);
        top_left[v] = tl;
        if v < g.n0 {
            min_x = min_x.min(tl.0);
            min_y = min_y.min(tl.1);
        }
    }
    let (dx, dy) = (p.start.0 - min_x, p.start.1 - min_y);
    let mut nodes = Vec::with_capacity(g.n0);
    let mut rounded = vec![(0.0, 0.0); n];
    for (v, tl) in top_left.iter().enumerate() {
        rounded[v] = ((tl.0 + dx).round(), (tl.1 + dy).round());
    }
    for layer in orders {
        for &v in layer {
            if v < g.n0 {
                nodes.push(Placed {
                    node: v,
                    x: rounded[v].0 as i64,
                    y: rounded[v].1 as i64,
                });
            }
        }
    }
    let pt = |v: usize| rounded[v];
    let mut lines = Vec::with_capacity(input.flows.len());
    for (f, fl) in input.flows.iter().enumerate() {
        let (s, t) = (fl.source, fl.target);
        let points: Vec<(f64, f64)> = g.chain[f].iter().map(|&d| pt(d)).collect();
        let (sa, ta) = if g.self_loop[f] {
            (Arrow::Right, Arrow::Top)
        } else if g.reversed[f] {
            (Arrow::Bottom, Arrow::Bottom)
        } else {
            anchors(input, s, t, rounded[s], g.size[s], rounded[t], g.size[t])
        };
        let midpoint = long_midpoint(g, f, &rounded, s, t);
        lines.push(Routed {
            flow: f,
            source: sa,
            target: ta,
            midpoint,
            points,
        });
    }
    let ends: Vec<(usize, usize)> = input.flows.iter().map(|f| (f.source, f.target)).collect();
    super::route::clear(&mut lines, &ends, &rounded[..g.n0], &g.size[..g.n0]);
    Drawing {
        nodes,
        lines,
        warning: g
            .cut
            .map(|(cap, needed)| Warning::long_edges(Mode::Layered, needed, cap)),
    }
}

/// Anchors of a forward flow from its ends' places.
fn anchors(
    input: &Input,
    s: usize,
    t: usize,
    sp: (f64, f64),
    ss: (f64, f64),
    tp: (f64, f64),
    ts: (f64, f64),
) -> (Arrow, Arrow) {
    let sc = sp.1 + ss.1 / 2.0;
    let tc = tp.1 + ts.1 / 2.0;
    if tp.0 <= sp.0 {
        return (Arrow::Bottom, Arrow::Bottom);
    }
    let level = (sc - tc).abs() < 1.0;
    if level {
        return (Arrow::Right, Arrow::Left);
    }
    if input.is_branch(s) {
        return (
            if tc < sc { Arrow::Top } else { Arrow::Bottom },
            Arrow::Left,
        );
    }
    if input.kinds[t] == NodeKind::ConvergeGateway {
        return (
            Arrow::Right,
            if sc < tc { Arrow::Top } else { Arrow::Bottom },
        );
    }
    (Arrow::Right, Arrow::Left)
}

/// A long edge laid level with one of its ends bends next to the other end.
fn long_midpoint(g: &Graph, f: usize, at: &[(f64, f64)], s: usize, t: usize) -> Option<f64> {
    let chain = &g.chain[f];
    let (first, last) = (*chain.first()?, *chain.last()?);
    if g.reversed[f] {
        return None;
    }
    let sx = at[s].0 + g.size[s].0;
    let tx = at[t].0;
    if tx <= sx {
        return None;
    }
    let sc = at[s].1 + g.size[s].1 / 2.0;
    let tc = at[t].1 + g.size[t].1 / 2.0;
    let bend = if (at[last].1 - sc).abs() < 1.0 {
        at[last].0
    } else if (at[first].1 - tc).abs() < 1.0 {
        at[first].0
    } else {
        return None;
    };
    let m = ((bend - sx) / (tx - sx)).clamp(0.0, 1.0);
    Some((m * 1000.0).round() / 1000.0)
}

/// Nodes with a `location` keep it; each other node goes right of a placed predecessor (or
/// left of a placed successor), moved down until it overlaps nothing.
fn keep_placed(input: &Input, p: &Params) -> Drawing {
    let n = input.len();
    let size: Vec<(f64, f64)> = input.kinds.iter().map(|&k| size_of(p, k)).collect();
    let at = place_unplaced(input, p, &size);
    let pos: Vec<(f64, f64)> = at.iter().map(|a| a.unwrap_or(p.start)).collect();
    let mut nodes: Vec<Placed> = (0..n)
        .map(|v| Placed {
            node: v,
            x: pos[v].0.round() as i64,
            y: pos[v].1.round() as i64,
        })
        .collect();
    crate::sort::sort_by_key(&mut nodes, |a| {
        (crate::sort::i64_key(a.x), crate::sort::i64_key(a.y))
    });
    let mut lines = input
        .flows
        .iter()
        .enumerate()
        .map(|(f, fl)| {
            let (s, t) = (fl.source, fl.target);
            let (sa, ta) = if s == t {
                (Arrow::Right, Arrow::Top)
            } else {
                anchors(input, s, t, pos[s], size[s], pos[t], size[t])
            };
            Routed {
                flow: f,
                source: sa,
                target: ta,
                midpoint: None,
                points: Vec::new(),
            }
        })
        .collect::<Vec<_>>();
    let ends: Vec<(usize, usize)> = input.flows.iter().map(|f| (f.source, f.target)).collect();
    super::route::clear(&mut lines, &ends, &pos, &size);
    Drawing {
        nodes,
        lines,
        warning: None,
    }
}

/// Every node's top-left: the written one, else, round after round, next to a neighbour
/// placed before and moved down until it is clear of every box; nodes no flow joins to a
/// placed node go in a row under everything.
fn place_unplaced(input: &Input, p: &Params, size: &[(f64, f64)]) -> Vec<Option<(f64, f64)>> {
    let n = input.len();
    let (inc, out) = input.edges();
    let mut at: Vec<Option<(f64, f64)>> = input.placed.clone();
    let mut boxes: Vec<(f64, f64, f64, f64)> = (0..n)
        .filter_map(|v| at[v].map(|(x, y)| (x, y, x + size[v].0, y + size[v].1)))
        .collect();
    let free = |boxes: &[(f64, f64, f64, f64)], x: f64, y: f64, w: f64, h: f64| {
        let m = p.row_gap / 2.0;
        !boxes
            .iter()
            .any(|b| x < b.2 + m && b.0 < x + w + m && y < b.3 + m && b.1 < y + h + m)
    };
    // place in rounds: each round places nodes next to already placed ones
    let mut pending: Vec<usize> = (0..n).filter(|&v| at[v].is_none()).collect();
    while !pending.is_empty() {
        let mut next = Vec::new();
        let mut progress = false;
        for &v in &pending {
            let (w, h) = size[v];
            let pred = inc[v]
                .iter()
                .map(|&f| input.flows[f].source)
                .find_map(|u| at[u].map(|a| (u, a)));
            let succ = out[v]
                .iter()
                .map(|&f| input.flows[f].target)
                .find_map(|u| at[u].map(|a| (u, a)));
            let want = match (pred, succ) {
                (Some((u, (x, y))), _) => {
                    (x + size[u].0 + p.column_gap, y + size[u].1 / 2.0 - h / 2.0)
                }
                (None, Some((u, (x, y)))) => (x - p.column_gap - w, y + size[u].1 / 2.0 - h / 2.0),
                (None, None) => {
                    next.push(v);
                    continue;
                }
            };
            let (x, mut y) = want;
            let mut tries = 0;
            while !free(&boxes, x, y, w, h) && tries < 10_000 {
                y += h + p.row_gap / 2.0;
                tries += 1;
            }
            at[v] = Some((x, y));
            boxes.push((x, y, x + w, y + h));
            progress = true;
        }
        if !progress {
            // nothing connects them to a placed node: a row under everything
            let bottom = boxes.iter().map(|b| b.3).fold(p.start.1, f64::max) + p.row_gap;
            let mut x = p.start.0;
            for &v in &next {
                at[v] = Some((x, bottom));
                boxes.push((x, bottom, x + size[v].0, bottom + size[v].1));
                x += size[v].0 + p.column_gap;
            }
            break;
        }
        pending = next;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pava_pools_violators() {
        let z = pava(&[3.0, 1.0, 2.0], &[1.0, 1.0, 1.0]);
        assert_eq!(z, vec![2.0, 2.0, 2.0]);
        let z = pava(&[1.0, 3.0, 2.0], &[1.0, 1.0, 3.0]);
        assert_eq!(z, vec![1.0, 2.25, 2.25]);
    }

    #[test]
    fn shapes_have_sizes() {
        use crate::layout::graph::Shape;
        let p = Params::default();
        assert_eq!(p.size(Shape::Dummy), (0.0, 0.0));
        assert_eq!(p.size(Shape::Activity), (150.0, 54.0));
    }
}
