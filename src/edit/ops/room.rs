//! Room for a node inserted on a flow drawn left to right (`insertOnFlow` with `makeRoom`):
//! where the node goes so the line's row stays straight, and how far what follows the flow's
//! target moves right so that the node is at least [`GAP`] from both ends.

use super::super::defaults;
use super::super::tx::Tx;
use super::super::EditError;
use super::move_nodes::move_nodes;
use super::shared::{node, node_box, node_xy};
use crate::map::HashSet;
use crate::model::NodeKind;

/// The horizontal space kept between the new node and each end of the flow (px).
pub(crate) const GAP: f64 = 50.0;

/// Where the new node goes and what moves to make room for it.
pub(crate) struct Room {
    /// The new node's top-left corner.
    pub x: f64,
    pub y: f64,
    target: String,
    /// Left edge of the target before the move: nodes after it but left of this stay.
    from_x: f64,
    /// How far the target and what follows it move right (0: nothing moves).
    by: f64,
}

/// The room for a node of `kind` dropped at `x` on `flow`, or `None` when the flow is not
/// drawn left to right (its ends have no location, or the target does not start right of
/// the source's right edge).
pub(crate) fn plan(tx: &Tx<'_>, flow: &str, kind: NodeKind, x: f64) -> Option<Room> {
    let (source, target) = tx.tree().flow(flow)?.ends()?;
    let (sx, sy, sw, sh) = node_box(tx, source)?;
    let (tx_, ty, _, th) = node_box(tx, target)?;
    if tx_ < sx + sw {
        return None;
    }
    let (w, h) = defaults::size(kind);
    let splits = node(tx.tree(), source).is_some_and(|n| {
        let k = n.stored_kind();
        k.is_gateway() && k != NodeKind::ConvergeGateway
    });
    // The row of the line's straight part: a splitting gateway's lines bend at the gateway
    // and run straight along their targets' rows; every other line leaves along its source's.
    let centre = if splits { ty + th / 2.0 } else { sy + sh / 2.0 };
    let x = x.max(sx + sw + GAP);
    let by = ((x + w + GAP - tx_) / 10.0).ceil() * 10.0;
    Some(Room {
        x,
        y: centre - h / 2.0,
        target: target.to_owned(),
        from_x: tx_,
        by: by.max(0.0),
    })
}

impl Room {
    /// Moves the target and every node after it (following flows, only to nodes that are not
    /// left of the target) right by the room needed; returns the moved nodes in the order
    /// they were reached.
    pub(crate) fn shift(&self, tx: &mut Tx<'_>) -> Result<Vec<String>, EditError> {
        if self.by <= 0.0 {
            return Ok(Vec::new());
        }
        let mut seen: HashSet<String> = HashSet::default();
        let mut order = Vec::new();
        let mut queue = vec![self.target.clone()];
        seen.insert(self.target.clone());
        let mut i = 0;
        while i < queue.len() {
            let id = queue[i].clone();
            i += 1;
            let Some((x, y)) = node_xy(tx, &id) else {
                continue;
            };
            if x < self.from_x {
                continue;
            }
            order.push((id.clone(), x + self.by, y));
            let tree = tx.tree();
            let Some(n) = node(tree, &id) else { continue };
            for f in n.outgoing().iter() {
                let Some((_, next)) = tree.flow(f).and_then(|f| f.ends()) else {
                    continue;
                };
                if seen.insert(next.to_owned()) {
                    queue.push(next.to_owned());
                }
            }
        }
        move_nodes(tx, order.iter().map(|(id, x, y)| (id.as_str(), *x, *y)))?;
        Ok(order.into_iter().map(|(id, _, _)| id).collect())
    }
}
