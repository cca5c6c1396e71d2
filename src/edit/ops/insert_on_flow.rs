//! `insertOnFlow`: a new node dropped on a flow (editor-spec §2.10). The flow is replaced by
//! two through the node: the first keeps the old line's source arrow and its branch
//! condition, the second its target arrow. Only tasks, sub-processes and gateways go on a
//! flow. Result: `{"id": node, "flows": [first, second]}`.
//!
//! With `makeRoom` (what the editor page sends; SOPS itself leaves the drawing as it is), a
//! flow drawn left to right gets room for its new node: the node goes on the row of the
//! line's straight part (the source's row, or the target's when the source is a splitting
//! gateway), at least 50 px (`room::GAP`) right of the source, and when it would come closer
//! than that to the target, the target and every node after it (following flows, rightwards
//! only: a loop back is not followed) move right by what is missing. The result then also
//! lists `moved`, the nodes that moved. Flows drawn right to left or vertically keep the
//! given position and move nothing.

use super::super::defaults::NodeSpec;
use super::super::ids::IdSource;
use super::super::tx::Tx;
use super::super::EditError;
use super::add_node::add_node;
use super::shared::{known_flow, line_arrows, one};
use super::wiring::{add_line, carried, remove_flow};
use crate::json::{Object, Value};
use crate::model::NodeKind;
use crate::shape::{opt, req, BOOL, STR};

operation! {
    /// A new node on an existing flow.
    InsertOnFlow = "insertOnFlow" {
        flow: String = str("flow"),
        kind: NodeKind = kind(),
        x: f64 = num("x"),
        y: f64 = num("y"),
        spec: NodeSpec = spec(),
        make_room: bool = flag("makeRoom"),
    }
    shape(
        "A new node on an existing flow; the first half keeps the branch condition.",
        &[
            req("flow", STR, ""),
            opt(
                "makeRoom",
                BOOL,
                "Place the node on the line's row and move what follows right to make room \
                 (default false: the node goes at x, y and nothing moves).",
            ),
        ],
        extends &["NewNode"],
    )
}

impl InsertOnFlow {
    fn run(&self, tx: &mut Tx<'_>, rng: &mut IdSource) -> Result<Object, EditError> {
        let room = if self.make_room {
            super::room::plan(tx, &self.flow, self.kind, self.x)
        } else {
            None
        };
        let (x, y) = room.as_ref().map_or((self.x, self.y), |r| (r.x, r.y));
        let (id, a, b) = self.insert(tx, rng, x, y)?;
        let mut o = one("id", &id);
        o.insert("flows", Value::Array(vec![Value::from(a), Value::from(b)]));
        if let Some(r) = room {
            let moved = r.shift(tx)?;
            o.insert(
                "moved",
                Value::Array(moved.into_iter().map(Value::from).collect()),
            );
        }
        Ok(o)
    }
}

impl InsertOnFlow {
    /// Returns the new node and the two flows through it.
    fn insert(
        &self,
        tx: &mut Tx<'_>,
        rng: &mut IdSource,
        x: f64,
        y: f64,
    ) -> Result<(String, String, String), EditError> {
        let flow = self.flow.as_str();
        let (start, end) = known_flow(tx.tree(), flow)?;
        if matches!(
            self.kind,
            NodeKind::StartEvent | NodeKind::EndEvent | NodeKind::Unknown
        ) {
            return Err(EditError::new(
                "invalid-op",
                "only tasks, sub-processes and gateways go on a flow",
                "只有标准插件节点、子流程节点和网关可以插入连线",
            ));
        }
        let carry = carried(tx.tree(), flow);
        let (sa, ta) = line_arrows(tx, flow);
        remove_flow(tx, flow)?;
        let id = add_node(tx, rng, self.kind, x, y, &self.spec, None)?;
        let a = add_line(tx, rng, &start, &sa, &id, "Left", carry)?;
        let b = add_line(tx, rng, &id, "Right", &end, &ta, None)?;
        Ok((id, a, b))
    }
}
