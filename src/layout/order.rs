//! Layers after long edges are split: every edge joins layer r to layer r+1. Crossing counts
//! and the weighted-median sweep both layouts use.

/// A layered graph: nodes (real, then dummies) with their layer, and edges joining adjacent
/// layers (in the order the layout keeps them), but for the jump in the middle of a long edge
/// cut short by [`DUMMY_BUDGET`].
pub struct Layered {
    pub rank: Vec<usize>,
    /// (source, target) per edge, `rank[target] == rank[source] + 1`.
    pub edges: Vec<(usize, usize)>,
    /// Edge indices entering / leaving each node, in order.
    pub inc: Vec<Vec<usize>>,
    pub out: Vec<Vec<usize>>,
}

/// Node visits one improvement phase may spend: on graphs whose long edges make many dummy
/// nodes (deep nesting, long back edges), phases run fewer rounds instead of for minutes.
/// Graphs under 83,000 nodes and dummies run every round of SOPS's ordering.
pub const WORK_BUDGET: usize = 2_000_000;

/// Dummy points the long edges of one layout may take in all. A long edge takes one per layer
/// it crosses, so nesting, long loops and long jumps make their number grow with the square of
/// the nodes (parallel blocks nested 3,000 deep need 9 million): past this budget each long
/// edge keeps only the points next to its two ends ([`dummy_cap`]), and the layout says so.
pub const DUMMY_BUDGET: usize = 100_000;

/// The most dummy points a long edge may keep, given how many each one needs: `None` when
/// all of them fit `budget`, else the largest cap (at least 2: one next to each end) under
/// which they do.
pub fn dummy_cap(mut needs: Vec<usize>, budget: usize) -> Option<usize> {
    let total: usize = needs.iter().sum();
    if total <= budget {
        return None;
    }
    crate::sort::sort_by_key(&mut needs, |&k| (k as u64, 0));
    let mut left = budget;
    let m = needs.len();
    for (i, &k) in needs.iter().enumerate() {
        // every edge from i on takes the cap: does `k` still fit?
        if k.saturating_mul(m - i) > left {
            return Some((left / (m - i)).max(2));
        }
        left -= k;
    }
    Some(needs.last().copied().unwrap_or(0).max(2))
}

/// The layers a long edge from layer `from` to layer `to` has a dummy point in: each between
/// them, or under a cap, the first ones after `from` and the last ones before `to`.
pub fn chain_ranks(from: usize, to: usize, cap: Option<usize>) -> impl Iterator<Item = usize> {
    let need = to.saturating_sub(from + 1);
    let (head, tail) = match cap {
        Some(c) if need > c => (c.div_ceil(2), c / 2),
        _ => (need, 0),
    };
    (from + 1..from + 1 + head).chain(to - tail..to)
}

/// The rounds a phase runs over `size` nodes (dummies included): `default`, fewer past the
/// budget, at least one.
pub fn rounds(default: usize, size: usize) -> usize {
    (WORK_BUDGET / size.max(1)).clamp(1, default)
}

/// Position of every node in its layer.
pub fn positions(orders: &[Vec<usize>], n: usize) -> Vec<usize> {
    let mut pos = vec![0; n];
    for layer in orders {
        for (i, &v) in layer.iter().enumerate() {
            pos[v] = i;
        }
    }
    pos
}

/// Crossings between adjacent layers: pairs of edges between the same two layers whose ends
/// are in strictly opposite orders (SOPS's `crossing_count`), in O(E log E).
#[cfg(test)]
pub fn crossings(g: &Layered, orders: &[Vec<usize>]) -> u64 {
    Counter::new(g).count(g, orders)
}

/// Counts crossings again and again over one graph, its buffers kept between counts.
pub struct Counter {
    /// The edges leaving each node (by their `source`): `edges[start[v]..start[v + 1]]`.
    start: Vec<u32>,
    edges: Vec<u32>,
    layer: Vec<usize>,
    pos: Vec<usize>,
    tree: Vec<u32>,
}

impl Counter {
    pub fn new(g: &Layered) -> Counter {
        let n = g.rank.len();
        let mut start = vec![0u32; n + 1];
        for &(s, _) in &g.edges {
            start[s + 1] += 1;
        }
        for v in 0..n {
            start[v + 1] += start[v];
        }
        let mut at: Vec<u32> = start[..n].to_vec();
        let mut edges = vec![0u32; g.edges.len()];
        for (e, &(s, _)) in g.edges.iter().enumerate() {
            edges[at[s] as usize] = e as u32;
            at[s] += 1;
        }
        Counter {
            start,
            edges,
            layer: vec![usize::MAX; n],
            pos: vec![0; n],
            tree: Vec::new(),
        }
    }

    /// The crossings of `orders`: layer by layer, each node's edges to the next layer (in the
    /// order of their sources) against those of the nodes above it (a Fenwick tree).
    pub fn count(&mut self, g: &Layered, orders: &[Vec<usize>]) -> u64 {
        // The layer each node is drawn in (its rank, unless a broken tree's node was placed
        // elsewhere; a node in no layer counts nowhere).
        self.layer.fill(usize::MAX);
        for (r, l) in orders.iter().enumerate() {
            for (i, &v) in l.iter().enumerate() {
                self.layer[v] = r;
                self.pos[v] = i;
            }
        }
        let mut total = 0u64;
        for (r, l) in orders.iter().enumerate() {
            let width = orders.get(r + 1).map_or(0, Vec::len) + 1;
            self.tree.clear();
            self.tree.resize(width + 1, 0);
            let mut inserted = 0u64;
            for &v in l {
                let mine = &self.edges[self.start[v] as usize..self.start[v + 1] as usize];
                let next = |e: &u32| {
                    let t = g.edges[*e as usize].1;
                    (self.layer[t] == r + 1).then(|| self.pos[t])
                };
                for t in mine.iter().filter_map(next) {
                    // earlier sources with a strictly greater target
                    total += inserted - prefix(&self.tree, t + 1);
                }
                for t in mine.iter().filter_map(next) {
                    add(&mut self.tree, t + 1);
                    inserted += 1;
                }
            }
        }
        total
    }
}

fn add(tree: &mut [u32], mut i: usize) {
    while i < tree.len() {
        tree[i] += 1;
        i += i & i.wrapping_neg();
    }
}

/// Count of inserted values <= i (1-based).
fn prefix(tree: &[u32], mut i: usize) -> u64 {
    let mut s = 0u64;
    while i > 0 {
        s += tree[i] as u64;
        i -= i & i.wrapping_neg();
    }
    s
}

/// SOPS's `median_value`, doubled so that halves stay exact: the median position of `refs`
/// (their positions sorted), or `None` without refs.
pub fn median2(mut idx: Vec<usize>) -> Option<usize> {
    if idx.is_empty() {
        return None;
    }
    crate::sort::sort_by_key(&mut idx, |&i| (i as u64, 0));
    let k = idx.len();
    Some(if k % 2 == 1 {
        2 * idx[k / 2]
    } else {
        idx[k / 2 - 1] + idx[k / 2]
    })
}

/// SOPS's `sort_layer`: a stable sort of the nodes with a weight; the others go back to
/// their original index (ascending), or last when the list is shorter.
pub fn sort_layer(layer: &[usize], weights: &[Option<usize>]) -> Vec<usize> {
    let mut weighted: Vec<(usize, usize)> = layer
        .iter()
        .zip(weights)
        .filter_map(|(&n, w)| w.map(|w| (w, n)))
        .collect();
    crate::sort::sort_by_key(&mut weighted, |&(w, _)| (w as u64, 0));
    let mut res: Vec<usize> = weighted.into_iter().map(|(_, n)| n).collect();
    for (i, (&n, w)) in layer.iter().zip(weights).enumerate() {
        if w.is_none() {
            res.insert(i.min(res.len()), n);
        }
    }
    res
}

/// One weighted-median sweep: even `pass` goes down the layers (by the sources of incoming
/// edges), odd `pass` goes up (by the targets of outgoing edges).
pub fn sweep(g: &Layered, orders: &mut [Vec<usize>], pos: &mut [usize], pass: usize) {
    let layers = orders.len();
    let mut refs: Vec<usize> = Vec::new();
    let mut weights: Vec<Option<usize>> = Vec::new();
    let mut one = |orders: &mut [Vec<usize>], pos: &mut [usize], r: usize, down: bool| {
        weights.clear();
        for &v in &orders[r] {
            let (list, end) = if down { (&g.inc[v], 0) } else { (&g.out[v], 1) };
            let at = |e: usize| {
                let (s, t) = g.edges[e];
                pos[if end == 0 { s } else { t }]
            };
            weights.push(match list.as_slice() {
                [] => None,
                [e] => Some(2 * at(*e)),
                [a, b] => Some(at(*a) + at(*b)),
                _ => {
                    refs.clear();
                    refs.extend(list.iter().map(|&e| at(e)));
                    median2(std::mem::take(&mut refs))
                }
            });
        }
        let sorted = sort_layer(&orders[r], &weights);
        for (i, &v) in sorted.iter().enumerate() {
            pos[v] = i;
        }
        orders[r] = sorted;
    };
    if pass % 2 == 0 {
        for r in 1..layers {
            one(orders, pos, r, true);
        }
    } else {
        for r in (0..layers.saturating_sub(1)).rev() {
            one(orders, pos, r, false);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_edges_are_cut_to_fit_the_budget() {
        assert_eq!(dummy_cap(vec![3, 5, 1], 9), None);
        // 1 + 3 + 3 = 7 fits 8, 1 + 4 + 4 does not
        assert_eq!(dummy_cap(vec![5, 1, 9], 8), Some(3));
        assert_eq!(dummy_cap(vec![100, 100], 10), Some(5));
        // never under one point next to each end
        assert_eq!(dummy_cap(vec![100; 10], 3), Some(2));
        let ranks = |f, t, c| chain_ranks(f, t, c).collect::<Vec<_>>();
        assert_eq!(ranks(2, 7, None), vec![3, 4, 5, 6]);
        assert_eq!(ranks(2, 7, Some(4)), vec![3, 4, 5, 6]);
        assert_eq!(ranks(2, 7, Some(3)), vec![3, 4, 6]);
        assert_eq!(ranks(2, 7, Some(2)), vec![3, 6]);
        assert_eq!(ranks(2, 3, Some(2)), Vec::<usize>::new());
    }

    #[test]
    fn sort_layer_keeps_unweighted_nodes_in_place() {
        // order/test_order.py: [a..f], [3,-1,2,-1,5,4] -> [c,b,a,d,f,e]
        let got = sort_layer(
            &[0, 1, 2, 3, 4, 5],
            &[Some(3), None, Some(2), None, Some(5), Some(4)],
        );
        assert_eq!(got, vec![2, 1, 0, 3, 5, 4]);
    }

    #[test]
    fn medians_are_doubled() {
        assert_eq!(median2(vec![]), None);
        assert_eq!(median2(vec![0]), Some(0));
        assert_eq!(median2(vec![2, 1]), Some(3));
        assert_eq!(median2(vec![0, 1, 2]), Some(2));
    }

    #[test]
    fn counted_crossings_are_the_opposite_pairs() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = |below: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % below as u64) as usize
        };
        for _ in 0..2000 {
            let layers = 1 + next(5);
            let mut rank = Vec::new();
            let mut orders: Vec<Vec<usize>> = vec![Vec::new(); layers];
            for (r, layer) in orders.iter_mut().enumerate() {
                for _ in 0..1 + next(6) {
                    layer.push(rank.len());
                    rank.push(r);
                }
            }
            for l in &mut orders {
                for i in (1..l.len()).rev() {
                    l.swap(i, next(i + 1));
                }
            }
            let n = rank.len();
            // edges between any two nodes: only those to the next layer count
            let edges: Vec<(usize, usize)> = (0..next(4 * n)).map(|_| (next(n), next(n))).collect();
            let mut inc = vec![Vec::new(); n];
            let mut out = vec![Vec::new(); n];
            for (i, &(s, t)) in edges.iter().enumerate() {
                out[s].push(i);
                inc[t].push(i);
            }
            let pos = positions(&orders, n);
            let adjacent: Vec<(usize, usize)> = edges
                .iter()
                .copied()
                .filter(|&(s, t)| rank[t] == rank[s] + 1)
                .collect();
            let mut brute = 0u64;
            for (i, a) in adjacent.iter().enumerate() {
                for b in &adjacent[i + 1..] {
                    let d =
                        (pos[a.0] as i64 - pos[b.0] as i64) * (pos[a.1] as i64 - pos[b.1] as i64);
                    if rank[a.0] == rank[b.0] && d < 0 {
                        brute += 1;
                    }
                }
            }
            let g = Layered {
                rank,
                edges,
                inc,
                out,
            };
            let mut counter = Counter::new(&g);
            assert_eq!(counter.count(&g, &orders), brute);
            assert_eq!(counter.count(&g, &orders), brute, "counted again");
        }
    }

    #[test]
    fn crossings_count_strictly_opposite_pairs() {
        // layer 0: a b c; layer 1: x y z
        let edges = vec![(0, 5), (1, 4), (2, 3), (0, 3)];
        let n = 6;
        let mut inc = vec![Vec::new(); n];
        let mut out = vec![Vec::new(); n];
        for (i, &(s, t)) in edges.iter().enumerate() {
            out[s].push(i);
            inc[t].push(i);
        }
        let g = Layered {
            rank: vec![0, 0, 0, 1, 1, 1],
            edges,
            inc,
            out,
        };
        let orders = vec![vec![0, 1, 2], vec![3, 4, 5]];
        // brute force
        let pos = positions(&orders, n);
        let mut brute = 0;
        for i in 0..g.edges.len() {
            for j in i + 1..g.edges.len() {
                let (a, b) = (g.edges[i], g.edges[j]);
                let d = (pos[a.0] as i64 - pos[b.0] as i64) * (pos[a.1] as i64 - pos[b.1] as i64);
                if d < 0 {
                    brute += 1;
                }
            }
        }
        assert_eq!(crossings(&g, &orders), brute);
        assert_eq!(brute, 3);
    }
}
