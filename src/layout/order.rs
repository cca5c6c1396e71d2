//! Layers after long edges are split: every edge joins layer r to layer r+1. Crossing counts
//! and the weighted-median sweep both layouts use.

/// A layered graph: nodes (real, then dummies) with their layer, and edges joining adjacent
/// layers (in the order the layout keeps them).
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
/// Graphs under 166,000 nodes and dummies run every round.
const WORK_BUDGET: usize = 4_000_000;

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
pub fn crossings(g: &Layered, orders: &[Vec<usize>]) -> u64 {
    let n = g.rank.len();
    let pos = positions(orders, n);
    // The layer each node is drawn in (its rank, unless a broken tree's node was placed
    // elsewhere; a node in no layer counts nowhere).
    let mut layer = vec![usize::MAX; n];
    for (r, l) in orders.iter().enumerate() {
        for &v in l {
            layer[v] = r;
        }
    }
    let mut by_layer: Vec<Vec<(usize, usize)>> = vec![Vec::new(); orders.len()];
    for &(s, t) in &g.edges {
        if layer[s] < by_layer.len() && layer[t] == layer[s] + 1 {
            by_layer[layer[s]].push((pos[s], pos[t]));
        }
    }
    let mut total = 0u64;
    let mut tree: Vec<u32> = Vec::new();
    for (r, mut pairs) in by_layer.into_iter().enumerate() {
        if pairs.len() < 2 {
            continue;
        }
        crate::sort::sort_by_key(&mut pairs, |&(a, b)| (a as u64, b as u64));
        let width = orders.get(r + 1).map_or(0, Vec::len) + 1;
        tree.clear();
        tree.resize(width + 1, 0);
        let mut inserted = 0u64;
        let mut i = 0;
        while i < pairs.len() {
            let mut j = i;
            while j < pairs.len() && pairs[j].0 == pairs[i].0 {
                // earlier sources with a strictly greater target
                let le = prefix(&tree, pairs[j].1 + 1);
                total += inserted - le;
                j += 1;
            }
            for p in &pairs[i..j] {
                add(&mut tree, p.1 + 1);
                inserted += 1;
            }
            i = j;
        }
    }
    total
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
    let one = |orders: &mut [Vec<usize>], pos: &mut [usize], r: usize, down: bool| {
        let weights: Vec<Option<usize>> = orders[r]
            .iter()
            .map(|&v| {
                let refs: Vec<usize> = if down {
                    g.inc[v].iter().map(|&e| pos[g.edges[e].0]).collect()
                } else {
                    g.out[v].iter().map(|&e| pos[g.edges[e].1]).collect()
                };
                median2(refs)
            })
            .collect();
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
