//! Operations as data: what the JS `Editor` and the command line send. JSON form:
//! `{"op": "addNode", "type": "tasknode", "x": 100, "y": 50, "name": "…"}`; see [`Op`].
//!
//! Each operation lives in its own file under `ops/` (its fields, the reading of its JSON
//! form, what it does, its result); this is the list of them and the two dispatches.

use super::ids::IdSource;
use super::ops::{
    bad, AddNode, Batch, Connect, Disconnect, DisconnectNode, Fields, InsertOnFlow, MoveNodes,
    Operation, Paste, RemoveNode, RepairDrawing, ReplacePlugin, SetCondition, SetDefault,
    UpdateNode,
};
use super::tx::Tx;
use super::EditError;
use crate::json::{Object, Value};
use crate::layout::Params;

/// One editing operation.
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    /// `addNode`: a node of a kind at a position.
    AddNode(AddNode),
    /// `removeNode`: a node with its flows, drawing and variables.
    RemoveNode(RemoveNode),
    /// `connect`: a flow, if the canvas rules allow it.
    Connect(Connect),
    /// `disconnect`: a flow deleted.
    Disconnect(Disconnect),
    /// `disconnectNode`: every flow of a node deleted ("解除连线").
    DisconnectNode(DisconnectNode),
    /// `insertOnFlow`: a new node on an existing flow.
    InsertOnFlow(InsertOnFlow),
    /// `move`: nodes to absolute positions.
    Move(MoveNodes),
    /// `updateNode`: top-level fields of a node set and removed.
    UpdateNode(UpdateNode),
    /// `setCondition`: a branch's name and expression.
    SetCondition(SetCondition),
    /// `setDefault`: a branch made the gateway's default.
    SetDefault(SetDefault),
    /// `paste`: copies of nodes and the flows between them.
    Paste(Paste),
    /// `replacePlugin`: a task's plugin replaced.
    ReplacePlugin(ReplacePlugin),
    /// `repairDrawing`: `line` and `location` made to agree with the flows and nodes.
    RepairDrawing(RepairDrawing),
    /// `layout`: the tree laid out (new `location` and `line`).
    Layout(Params),
    /// `batch`: several operations as one undo step.
    Batch(Batch),
}

impl Op {
    /// Reads an operation from its JSON form.
    pub fn from_json(v: &Value) -> Result<Op, EditError> {
        let f = Fields::of_op(v)?;
        Ok(match f.name() {
            AddNode::NAME => Op::AddNode(AddNode::parse(&f)?),
            RemoveNode::NAME => Op::RemoveNode(RemoveNode::parse(&f)?),
            Connect::NAME => Op::Connect(Connect::parse(&f)?),
            Disconnect::NAME => Op::Disconnect(Disconnect::parse(&f)?),
            DisconnectNode::NAME => Op::DisconnectNode(DisconnectNode::parse(&f)?),
            InsertOnFlow::NAME => Op::InsertOnFlow(InsertOnFlow::parse(&f)?),
            MoveNodes::NAME => Op::Move(MoveNodes::parse(&f)?),
            UpdateNode::NAME => Op::UpdateNode(UpdateNode::parse(&f)?),
            SetCondition::NAME => Op::SetCondition(SetCondition::parse(&f)?),
            SetDefault::NAME => Op::SetDefault(SetDefault::parse(&f)?),
            Paste::NAME => Op::Paste(Paste::parse(&f)?),
            ReplacePlugin::NAME => Op::ReplacePlugin(ReplacePlugin::parse(&f)?),
            RepairDrawing::NAME => Op::RepairDrawing(RepairDrawing::parse(&f)?),
            Params::NAME => Op::Layout(Params::parse(&f)?),
            Batch::NAME => Op::Batch(Batch::parse(&f)?),
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
