//! Operations as data: what the JS `Editor` and the command line send. JSON form:
//! `{"op": "addNode", "type": "tasknode", "x": 100, "y": 50, "name": "…"}`; see [`Op`].
//!
//! Each operation lives in its own file under `ops/` (its fields, the reading of its JSON
//! form, what it does, its result); this is the list of them and the two dispatches.

use super::ids::IdSource;
use super::ops::{self, bad, Fields, Operation};
use super::tx::Tx;
use super::EditError;
use crate::json::{Object, Value};
use crate::layout::Params;

/// One editing operation.
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    /// `addNode`: a node of a kind at a position.
    AddNode(ops::AddNode),
    /// `removeNode`: a node with its flows, drawing and variables.
    RemoveNode(ops::RemoveNode),
    /// `connect`: a flow, if the canvas rules allow it.
    Connect(ops::Connect),
    /// `disconnect`: a flow deleted.
    Disconnect(ops::Disconnect),
    /// `disconnectNode`: every flow of a node deleted ("解除连线").
    DisconnectNode(ops::DisconnectNode),
    /// `insertOnFlow`: a new node on an existing flow.
    InsertOnFlow(ops::InsertOnFlow),
    /// `move`: nodes to absolute positions.
    Move(ops::MoveNodes),
    /// `updateNode`: top-level fields of a node set and removed.
    UpdateNode(ops::UpdateNode),
    /// `setCondition`: a branch's name and expression.
    SetCondition(ops::SetCondition),
    /// `setDefault`: a branch made the gateway's default.
    SetDefault(ops::SetDefault),
    /// `paste`: copies of nodes and the flows between them.
    Paste(ops::Paste),
    /// `replacePlugin`: a task's plugin replaced.
    ReplacePlugin(ops::ReplacePlugin),
    /// `repairDrawing`: `line` and `location` made to agree with the flows and nodes.
    RepairDrawing(ops::RepairDrawing),
    /// `layout`: the tree laid out (new `location` and `line`).
    Layout(Params),
    /// `batch`: several operations as one undo step.
    Batch(ops::Batch),
}

impl Op {
    /// Reads an operation from its JSON form.
    pub fn from_json(v: &Value) -> Result<Op, EditError> {
        let f = Fields::of_op(v)?;
        Ok(match f.name() {
            ops::AddNode::NAME => Op::AddNode(ops::AddNode::parse(&f)?),
            ops::RemoveNode::NAME => Op::RemoveNode(ops::RemoveNode::parse(&f)?),
            ops::Connect::NAME => Op::Connect(ops::Connect::parse(&f)?),
            ops::Disconnect::NAME => Op::Disconnect(ops::Disconnect::parse(&f)?),
            ops::DisconnectNode::NAME => Op::DisconnectNode(ops::DisconnectNode::parse(&f)?),
            ops::InsertOnFlow::NAME => Op::InsertOnFlow(ops::InsertOnFlow::parse(&f)?),
            ops::MoveNodes::NAME => Op::Move(ops::MoveNodes::parse(&f)?),
            ops::UpdateNode::NAME => Op::UpdateNode(ops::UpdateNode::parse(&f)?),
            ops::SetCondition::NAME => Op::SetCondition(ops::SetCondition::parse(&f)?),
            ops::SetDefault::NAME => Op::SetDefault(ops::SetDefault::parse(&f)?),
            ops::Paste::NAME => Op::Paste(ops::Paste::parse(&f)?),
            ops::ReplacePlugin::NAME => Op::ReplacePlugin(ops::ReplacePlugin::parse(&f)?),
            ops::RepairDrawing::NAME => Op::RepairDrawing(ops::RepairDrawing::parse(&f)?),
            Params::NAME => Op::Layout(Params::parse(&f)?),
            ops::Batch::NAME => Op::Batch(ops::Batch::parse(&f)?),
            other => return Err(bad(format!("unknown operation {other:?}"))),
        })
    }
}

/// Applies `op` inside `tx`; returns its result.
pub(crate) fn run(tx: &mut Tx<'_>, rng: &mut IdSource, op: &Op) -> Result<Object, EditError> {
    match op {
        Op::AddNode(o) => o.apply(tx, rng),
        Op::RemoveNode(o) => o.apply(tx, rng),
        Op::Connect(o) => o.apply(tx, rng),
        Op::Disconnect(o) => o.apply(tx, rng),
        Op::DisconnectNode(o) => o.apply(tx, rng),
        Op::InsertOnFlow(o) => o.apply(tx, rng),
        Op::Move(o) => o.apply(tx, rng),
        Op::UpdateNode(o) => o.apply(tx, rng),
        Op::SetCondition(o) => o.apply(tx, rng),
        Op::SetDefault(o) => o.apply(tx, rng),
        Op::Paste(o) => o.apply(tx, rng),
        Op::ReplacePlugin(o) => o.apply(tx, rng),
        Op::RepairDrawing(o) => o.apply(tx, rng),
        Op::Layout(o) => o.apply(tx, rng),
        Op::Batch(o) => o.apply(tx, rng),
    }
}
