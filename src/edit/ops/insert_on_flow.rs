//! `insertOnFlow`: a new node dropped on a flow (editor-spec §2.10). The flow is replaced by
//! two through the node: the first keeps the old line's source arrow and its branch
//! condition, the second its target arrow. Only tasks, sub-processes and gateways go on a
//! flow. Result: `{"id": node, "flows": [first, second]}`.

use super::super::defaults::NodeSpec;
use super::super::ids::IdSource;
use super::super::tx::Tx;
use super::super::EditError;
use super::add_node::add_node;
use super::shared::{known_flow, line_arrows, one};
use super::wiring::{add_line, carried, remove_flow};
use crate::json::{Object, Value};
use crate::model::NodeKind;
use crate::shape::{req, STR};

operation! {
    /// A new node on an existing flow.
    InsertOnFlow = "insertOnFlow" {
        flow: String = str("flow"),
        kind: NodeKind = kind(),
        x: f64 = num("x"),
        y: f64 = num("y"),
        spec: NodeSpec = spec(),
    }
    shape(
        "A new node on an existing flow; the first half keeps the branch condition.",
        &[req("flow", STR, "")],
        extends &["NewNode"],
    )
}

impl InsertOnFlow {
    fn run(&self, tx: &mut Tx<'_>, rng: &mut IdSource) -> Result<Object, EditError> {
        let (id, a, b) = self.insert(tx, rng)?;
        let mut o = one("id", &id);
        o.insert("flows", Value::Array(vec![Value::from(a), Value::from(b)]));
        Ok(o)
    }
}

impl InsertOnFlow {
    /// Returns the new node and the two flows through it.
    fn insert(
        &self,
        tx: &mut Tx<'_>,
        rng: &mut IdSource,
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
        let id = add_node(tx, rng, self.kind, self.x, self.y, &self.spec, None)?;
        let a = add_line(tx, rng, &start, &sa, &id, "Left", carry)?;
        let b = add_line(tx, rng, &id, "Right", &end, &ta, None)?;
        Ok((id, a, b))
    }
}
