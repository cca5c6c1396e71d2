//! The lines as SOPS's canvas draws them (jsPlumb's Flowchart connector; the editor page
//! repeats it in `www/geometry.js`): out of the source's anchor by a stub of [`STUB`] px,
//! orthogonal segments, into the target's anchor by a stub. A line stores only its two arrows
//! and a `midpoint`, so where it runs follows from them; [`clear`] picks, for each line that
//! would run through a node other than its ends, the arrows (and midpoint) whose drawn route
//! crosses the fewest nodes, then the shortest, keeping the layout's own choice when it
//! crosses none.

use super::{Arrow, Routed};

/// The straight part a line leaves and enters an anchor with (px).
pub(crate) const STUB: f64 = 14.0;
/// How much of a node's edge a line may graze without counting as running through it (px).
const MARGIN: f64 = 2.0;
/// The width of the bands boxes are listed in (px).
const CELL: f64 = 16.0;
/// Nodes counted on one route at most: routes through more are all as bad (and a huge tree's
/// long lines are not counted node by node).
const MOST_COUNTED: usize = 16;
/// Midpoints tried for lines whose middle bend they place.
const MIDS: [f64; 5] = [0.5, 0.1, 0.9, 0.25, 0.75];
const ARROWS: [Arrow; 4] = [Arrow::Right, Arrow::Left, Arrow::Top, Arrow::Bottom];

type Pt = (f64, f64);

fn dir(a: Arrow) -> Pt {
    match a {
        Arrow::Top => (0.0, -1.0),
        Arrow::Right => (1.0, 0.0),
        Arrow::Bottom => (0.0, 1.0),
        Arrow::Left => (-1.0, 0.0),
    }
}

/// The point of anchor `a` on the box at `p` of size `s`: the middle of that side.
pub(crate) fn anchor(p: Pt, s: Pt, a: Arrow) -> Pt {
    match a {
        Arrow::Top => (p.0 + s.0 / 2.0, p.1),
        Arrow::Bottom => (p.0 + s.0 / 2.0, p.1 + s.1),
        Arrow::Left => (p.0, p.1 + s.1 / 2.0),
        Arrow::Right => (p.0 + s.0, p.1 + s.1 / 2.0),
    }
}

/// The drawn route from anchor `a1` at `p1` to `a2` at `p2` (the corners, ends included).
pub(crate) fn route(p1: Pt, a1: Arrow, p2: Pt, a2: Arrow, midpoint: Option<f64>) -> Vec<Pt> {
    let (d1, d2) = (dir(a1), dir(a2));
    let mid = midpoint.filter(|m| *m > 0.0 && *m < 1.0).unwrap_or(0.5);
    let s = (p1.0 + d1.0 * STUB, p1.1 + d1.1 * STUB);
    let t = (p2.0 + d2.0 * STUB, p2.1 + d2.1 * STUB);
    let mut pts = vec![p1, s];
    let (h1, h2) = (d1.0 != 0.0, d2.0 != 0.0);
    if h1 && h2 {
        if d1.0 == -d2.0 {
            if (t.0 - s.0) * d1.0 >= 0.0 {
                let mx = s.0 + (t.0 - s.0) * mid;
                pts.extend([(mx, s.1), (mx, t.1)]);
            } else {
                let my = if (t.1 - s.1).abs() < 1.0 {
                    s.1 + 40.0
                } else {
                    s.1 + (t.1 - s.1) * mid
                };
                pts.extend([(s.0, my), (t.0, my)]);
            }
        } else {
            let x = if d1.0 > 0.0 {
                s.0.max(t.0)
            } else {
                s.0.min(t.0)
            };
            pts.extend([(x, s.1), (x, t.1)]);
        }
    } else if !h1 && !h2 {
        if d1.1 == -d2.1 {
            if (t.1 - s.1) * d1.1 >= 0.0 {
                let my = s.1 + (t.1 - s.1) * mid;
                pts.extend([(s.0, my), (t.0, my)]);
            } else {
                let mx = if (t.0 - s.0).abs() < 1.0 {
                    s.0 + 100.0
                } else {
                    s.0 + (t.0 - s.0) * mid
                };
                pts.extend([(mx, s.1), (mx, t.1)]);
            }
        } else {
            let y = if d1.1 > 0.0 {
                s.1.max(t.1)
            } else {
                s.1.min(t.1)
            };
            pts.extend([(s.0, y), (t.0, y)]);
        }
    } else if h1 {
        if (t.0 - s.0) * d1.0 >= 0.0 && (s.1 - t.1) * d2.1 >= 0.0 {
            pts.push((t.0, s.1));
        } else {
            pts.push((s.0, t.1));
        }
    } else if (t.1 - s.1) * d1.1 >= 0.0 && (s.0 - t.0) * d2.0 >= 0.0 {
        pts.push((s.0, t.1));
    } else {
        pts.push((t.0, s.1));
    }
    pts.extend([t, p2]);
    pts
}

/// Whether the midpoint changes the route of a line with these arrows (opposite sides).
fn uses_midpoint(a1: Arrow, a2: Arrow) -> bool {
    let (d1, d2) = (dir(a1), dir(a2));
    d1.0 == -d2.0 && d1.1 == -d2.1
}

/// The node boxes in bands: each row band of [`CELL`] px lists the boxes reaching into it by
/// left edge, each column band by top edge, so that the boxes near a segment are found by a
/// binary search in the one or two bands along it, however long it is.
struct Grid {
    boxes: Vec<(Pt, Pt)>,
    rows: crate::map::HashMap<i64, Vec<usize>>,
    cols: crate::map::HashMap<i64, Vec<usize>>,
    /// The widest and the tallest box.
    most: Pt,
    stamp: Vec<u32>,
    epoch: u32,
}

fn cell(v: f64) -> i64 {
    (v / CELL).floor() as i64
}

impl Grid {
    fn new(at: &[Pt], size: &[Pt]) -> Grid {
        let mut rows: crate::map::HashMap<i64, Vec<usize>> = Default::default();
        let mut cols: crate::map::HashMap<i64, Vec<usize>> = Default::default();
        let mut boxes = Vec::with_capacity(at.len());
        let mut most = (0.0f64, 0.0f64);
        for (v, (&p, &s)) in at.iter().zip(size).enumerate() {
            let b0 = (p.0 + MARGIN, p.1 + MARGIN);
            let b1 = (p.0 + s.0 - MARGIN, p.1 + s.1 - MARGIN);
            boxes.push((b0, b1));
            if !(b1.0 > b0.0 && b1.1 > b0.1) {
                continue;
            }
            most = (most.0.max(b1.0 - b0.0), most.1.max(b1.1 - b0.1));
            for cy in cell(b0.1)..=cell(b1.1) {
                rows.entry(cy).or_default().push(v);
            }
            for cx in cell(b0.0)..=cell(b1.0) {
                cols.entry(cx).or_default().push(v);
            }
        }
        for list in rows.values_mut() {
            crate::sort::sort_by_key(list, |&v| (crate::sort::f64_key(boxes[v].0 .0), 0));
        }
        for list in cols.values_mut() {
            crate::sort::sort_by_key(list, |&v| (crate::sort::f64_key(boxes[v].0 .1), 0));
        }
        Grid {
            stamp: vec![0; boxes.len()],
            boxes,
            rows,
            cols,
            most,
            epoch: 0,
        }
    }

    /// How many nodes but `skip` the route runs through, counted up to `limit + 1`.
    fn crossings(&mut self, pts: &[Pt], skip: [usize; 2], limit: usize) -> usize {
        self.epoch += 1;
        let mut n = 0;
        for w in pts.windows(2) {
            let lo = (w[0].0.min(w[1].0), w[0].1.min(w[1].1));
            let hi = (w[0].0.max(w[1].0), w[0].1.max(w[1].1));
            // along the segment's longer side: the bands it runs in, the boxes by that side
            let across = hi.0 - lo.0 >= hi.1 - lo.1;
            let (bands, side) = if across {
                (&self.rows, 0)
            } else {
                (&self.cols, 1)
            };
            let (from, to) = if across { (lo.1, hi.1) } else { (lo.0, hi.0) };
            let (start, end, most) = if across {
                (lo.0, hi.0, self.most.0)
            } else {
                (lo.1, hi.1, self.most.1)
            };
            for band in cell(from)..=cell(to) {
                let Some(list) = bands.get(&band) else {
                    continue;
                };
                let edge = |v: usize| {
                    let b = self.boxes[v].0;
                    if side == 0 {
                        b.0
                    } else {
                        b.1
                    }
                };
                let first = list.partition_point(|&v| edge(v) < start - most);
                for &v in list[first..].iter().take_while(|&&v| edge(v) < end) {
                    if skip.contains(&v) || self.stamp[v] == self.epoch {
                        continue;
                    }
                    let (b0, b1) = self.boxes[v];
                    if lo.0 < b1.0 && hi.0 > b0.0 && lo.1 < b1.1 && hi.1 > b0.1 {
                        self.stamp[v] = self.epoch;
                        n += 1;
                        if n > limit {
                            return n;
                        }
                    }
                }
            }
        }
        n
    }
}

/// The length of a route plus a charge per bend, and for leaving the source backwards or
/// entering the target from beyond it.
fn cost(pts: &[Pt], a1: Arrow, a2: Arrow) -> f64 {
    let length: f64 = pts
        .windows(2)
        .map(|w| (w[1].0 - w[0].0).abs() + (w[1].1 - w[0].1).abs())
        .sum();
    let bends = pts.len().saturating_sub(2) as f64;
    let back = f64::from(u8::from(a1 == Arrow::Left)) + f64::from(u8::from(a2 == Arrow::Right));
    length + 20.0 * bends + 400.0 * back
}

/// Re-anchors the lines whose route runs through a node other than their ends: `at` and
/// `size` are each node's top-left corner and size, `ends` each line's (source, target).
pub(crate) fn clear(lines: &mut [Routed], ends: &[(usize, usize)], at: &[Pt], size: &[Pt]) {
    let mut grid = Grid::new(at, size);
    for (line, &(s, t)) in lines.iter_mut().zip(ends) {
        if s == t || s >= at.len() || t >= at.len() {
            continue;
        }
        let draw = |a1: Arrow, a2: Arrow, m: Option<f64>| {
            route(
                anchor(at[s], size[s], a1),
                a1,
                anchor(at[t], size[t], a2),
                a2,
                m,
            )
        };
        let now = grid.crossings(
            &draw(line.source, line.target, line.midpoint),
            [s, t],
            MOST_COUNTED,
        );
        if now == 0 {
            continue;
        }
        let mut best = (now, f64::INFINITY, line.source, line.target, line.midpoint);
        for a1 in ARROWS {
            for a2 in ARROWS {
                let mids: &[f64] = if uses_midpoint(a1, a2) { &MIDS } else { &[0.5] };
                for &m in mids {
                    let mid = uses_midpoint(a1, a2).then_some(m).filter(|m| *m != 0.5);
                    let pts = draw(a1, a2, mid);
                    let c = cost(&pts, a1, a2);
                    // a route no shorter must cross fewer: counted only that far
                    if best.0 == 0 && c >= best.1 {
                        continue;
                    }
                    let limit = if c < best.1 { best.0 } else { best.0 - 1 };
                    let n = grid.crossings(&pts, [s, t], limit);
                    if n < best.0 || (n == best.0 && c < best.1) {
                        best = (n, c, a1, a2, mid);
                    }
                }
            }
        }
        if best.0 < now {
            (line.source, line.target, line.midpoint) = (best.2, best.3, best.4);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_follow_the_canvas() {
        // level, Right to Left: straight
        let r = route((0.0, 10.0), Arrow::Right, (100.0, 10.0), Arrow::Left, None);
        assert_eq!(r.first(), Some(&(0.0, 10.0)));
        assert!(r.iter().all(|p| p.1 == 10.0));
        // Top to Top: over both, STUB above the higher
        let r = route((0.0, 0.0), Arrow::Top, (100.0, 20.0), Arrow::Top, None);
        assert!(r.iter().any(|p| p.1 == -STUB));
    }

    #[test]
    fn a_line_through_a_node_goes_around_it() {
        // a at (0,0), b at (300,0), c between them on the same row
        let at = [(0.0, 0.0), (300.0, 0.0), (120.0, -10.0)];
        let size = [(34.0, 34.0), (34.0, 34.0), (154.0, 54.0)];
        let mut lines = vec![Routed {
            flow: 0,
            source: Arrow::Right,
            target: Arrow::Left,
            midpoint: None,
            points: Vec::new(),
        }];
        clear(&mut lines, &[(0, 1)], &at, &size);
        let l = &lines[0];
        assert_ne!((l.source, l.target), (Arrow::Right, Arrow::Left));
        let mut grid = Grid::new(&at, &size);
        let pts = route(
            anchor(at[0], size[0], l.source),
            l.source,
            anchor(at[1], size[1], l.target),
            l.target,
            l.midpoint,
        );
        assert_eq!(grid.crossings(&pts, [0, 1], 10), 0);
    }
}
