//! `repairDrawing`: makes `line` and `location` agree with `flows` and the nodes. Lines and
//! locations naming nothing (or repeated) go, lines get their flow's ends and locations their
//! node's type; a flow without a line gets one (nearest anchors), a node without a location
//! gets one in a column right of the drawing. Result: `{}`.

use crate::map::HashSet;

use super::super::defaults::{self, obj, s};
use super::super::ids::IdSource;
use super::super::patch::k;
use super::super::tx::Tx;
use super::super::EditError;
use super::shared::{known_node, nearest_anchors, node};
use super::{Fields, Operation};
use crate::json::{Object, Seg};
use crate::model::NodeKind;
use crate::shape::Shape;

/// Makes `line` and `location` agree with the flows and nodes.
#[derive(Clone, Debug, PartialEq)]
pub struct RepairDrawing;

impl Operation for RepairDrawing {
    const NAME: &'static str = "repairDrawing";
    const SHAPE: Shape = Shape::new(
        Self::NAME,
        "Make `line` and `location` agree with the flows and nodes.",
        &[],
    );

    fn parse(_: &Fields<'_>) -> Result<Self, EditError> {
        Ok(RepairDrawing)
    }

    fn apply(&self, tx: &mut Tx<'_>, _: &mut IdSource) -> Result<Object, EditError> {
        let drawn = repair_lines(tx)?;
        add_missing_lines(tx, &drawn)?;
        let (placed, origin) = repair_locations(tx)?;
        add_missing_locations(tx, &placed, origin)?;
        Ok(Object::new())
    }
}

/// Lines drawing no flow, or one already drawn, go; the others get their flow's ends.
/// Returns the flows drawn.
fn repair_lines(tx: &mut Tx<'_>) -> Result<HashSet<String>, EditError> {
    let mut seen: HashSet<String> = HashSet::default();
    let mut drop: Vec<usize> = Vec::new();
    let mut fix: Vec<(usize, &str, String)> = Vec::new();
    let tree = tx.tree();
    for (i, l) in tree.lines().enumerate() {
        let id = l.id().unwrap_or("");
        match tree.flow(id).and_then(|f| f.ends()) {
            Some((src, tgt)) if seen.insert(id.to_owned()) => {
                for (end, have, want) in [
                    ("source", l.source().id, src),
                    ("target", l.target().id, tgt),
                ] {
                    if have != Some(want) {
                        fix.push((i, end, want.to_owned()));
                    }
                }
            }
            _ => drop.push(i),
        }
    }
    for (i, end, want) in fix {
        let at = [k("line"), Seg::Index(i)];
        let has_anchor = tx
            .tree()
            .line_at(i)
            .is_some_and(|l| l.object().get(end).and_then(|a| a.as_object()).is_some());
        if has_anchor {
            tx.put(&[k("line"), Seg::Index(i), k(end)], "id", s(&want))?;
        } else {
            tx.put(
                &at,
                end,
                obj(vec![
                    ("arrow", s(if end == "source" { "Right" } else { "Left" })),
                    ("id", s(&want)),
                ]),
            )?;
        }
    }
    for i in drop.into_iter().rev() {
        tx.remove(&[k("line")], i)?;
    }
    Ok(seen)
}

/// A line, with the nearest anchors, for each flow between two nodes that has none.
fn add_missing_lines(tx: &mut Tx<'_>, drawn: &HashSet<String>) -> Result<(), EditError> {
    let flows: Vec<(String, String, String)> = tx
        .tree()
        .flows()
        .filter_map(|f| {
            let (src, tgt) = f.ends()?;
            Some((f.key().to_owned(), src.to_owned(), tgt.to_owned()))
        })
        .collect();
    for (fid, src, tgt) in flows {
        if !drawn.contains(&fid)
            && node(tx.tree(), &src).is_some()
            && node(tx.tree(), &tgt).is_some()
        {
            let (sa, ta) = nearest_anchors(tx, &src, &tgt);
            tx.push_root("line", defaults::line(&fid, &src, &sa, &tgt, &ta))?;
        }
    }
    Ok(())
}

/// Locations placing no node, or one already placed, go; the others get their node's type.
/// Returns the nodes placed and where a column of new locations starts: right of the
/// drawing, or (40, 150) when nothing is placed.
fn repair_locations(tx: &mut Tx<'_>) -> Result<(HashSet<String>, (f64, f64)), EditError> {
    let mut seen: HashSet<String> = HashSet::default();
    let mut drop = Vec::new();
    let mut retype = Vec::new();
    let (mut max_x, mut min_y) = (f64::NEG_INFINITY, f64::INFINITY);
    let tree = tx.tree();
    for (i, loc) in tree.locations().enumerate() {
        let id = loc.id().unwrap_or("");
        match node(tree, id) {
            Some(n) if seen.insert(id.to_owned()) => {
                let kind = n.stored_kind();
                let want = defaults::location_type(kind);
                if kind != NodeKind::Unknown && loc.location_type() != Some(want) {
                    retype.push((i, want));
                }
                if let (Some(x), Some(y)) = (loc.x(), loc.y()) {
                    max_x = max_x.max(x);
                    min_y = min_y.min(y);
                }
            }
            _ => drop.push(i),
        }
    }
    for (i, want) in retype {
        tx.put(&[k("location"), Seg::Index(i)], "type", s(want))?;
    }
    for i in drop.into_iter().rev() {
        tx.remove(&[k("location")], i)?;
    }
    let origin = if max_x.is_finite() {
        (max_x + 200.0, min_y)
    } else {
        (40.0, 150.0)
    };
    Ok((seen, origin))
}

/// A location for each node that has none, one under the other from `(x0, y0)`.
fn add_missing_locations(
    tx: &mut Tx<'_>,
    placed: &HashSet<String>,
    (x0, y0): (f64, f64),
) -> Result<(), EditError> {
    let nodes: Vec<String> = tx
        .tree()
        .nodes()
        .filter_map(|n| n.id().map(str::to_owned))
        .filter(|id| !id.is_empty())
        .collect();
    let mut row = 0.0;
    for id in nodes {
        if !placed.contains(&id) {
            let (kind, name) = {
                let n = known_node(tx.tree(), &id)?;
                (n.stored_kind(), n.name().map(str::to_owned))
            };
            tx.push_root(
                "location",
                defaults::location(kind, &id, x0, y0 + row * 100.0, name.as_deref()),
            )?;
            row += 1.0;
        }
    }
    Ok(())
}
