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
use crate::shape::{opt, Decl, Shape, Ty, STR, STRS};

/// Every operation's JSON form, in the order of [`Op`].
const OPERATIONS: &[Shape] = &[
    ops::AddNode::SHAPE,
    ops::RemoveNode::SHAPE,
    ops::Connect::SHAPE,
    ops::Disconnect::SHAPE,
    ops::DisconnectNode::SHAPE,
    ops::InsertOnFlow::SHAPE,
    ops::MoveNodes::SHAPE,
    ops::UpdateNode::SHAPE,
    ops::SetCondition::SHAPE,
    ops::SetDefault::SHAPE,
    ops::Paste::SHAPE,
    ops::ReplacePlugin::SHAPE,
    ops::RepairDrawing::SHAPE,
    Params::SHAPE,
    ops::Batch::SHAPE,
];

/// The JSON form of an [`Op`]: one object per operation, named by `op`.
pub const OPERATION: Decl = Decl::Union {
    name: "Operation",
    doc: "One editing operation (SOPS canvas semantics).",
    tag: "op",
    variants: OPERATIONS,
};

/// What an operation gives back besides its delta (the `result` of an outcome).
pub const OPERATION_RESULT: Shape = Shape::new(
    "OperationResult",
    "What an operation gives back besides its delta.",
    &[
        opt("id", STR, "addNode, insertOnFlow: the new node's id."),
        opt(
            "flows",
            STRS,
            "insertOnFlow: the two flows that replace the one split.",
        ),
        opt("flow", STR, "connect: the new flow's id."),
        opt(
            "ids",
            Ty::Map(&STR),
            "paste: old id -> new id, for nodes and flows.",
        ),
        opt(
            "bridge",
            STR,
            "removeNode/disconnectNode with `reconnect`: the bridging flow's id.",
        ),
        opt(
            "results",
            Ty::Arr(&Ty::Ref("OperationResult")),
            "batch: each operation's result, in order.",
        ),
    ],
);

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
            ops::AddNode::NAME => Op::AddNode(read::<ops::AddNode>(&f)?),
            ops::RemoveNode::NAME => Op::RemoveNode(read::<ops::RemoveNode>(&f)?),
            ops::Connect::NAME => Op::Connect(read::<ops::Connect>(&f)?),
            ops::Disconnect::NAME => Op::Disconnect(read::<ops::Disconnect>(&f)?),
            ops::DisconnectNode::NAME => Op::DisconnectNode(read::<ops::DisconnectNode>(&f)?),
            ops::InsertOnFlow::NAME => Op::InsertOnFlow(read::<ops::InsertOnFlow>(&f)?),
            ops::MoveNodes::NAME => Op::Move(read::<ops::MoveNodes>(&f)?),
            ops::UpdateNode::NAME => Op::UpdateNode(read::<ops::UpdateNode>(&f)?),
            ops::SetCondition::NAME => Op::SetCondition(read::<ops::SetCondition>(&f)?),
            ops::SetDefault::NAME => Op::SetDefault(read::<ops::SetDefault>(&f)?),
            ops::Paste::NAME => Op::Paste(read::<ops::Paste>(&f)?),
            ops::ReplacePlugin::NAME => Op::ReplacePlugin(read::<ops::ReplacePlugin>(&f)?),
            ops::RepairDrawing::NAME => Op::RepairDrawing(read::<ops::RepairDrawing>(&f)?),
            Params::NAME => Op::Layout(read::<Params>(&f)?),
            ops::Batch::NAME => Op::Batch(read::<ops::Batch>(&f)?),
            other => return Err(bad(format!("unknown operation {other:?}"))),
        })
    }
}

/// Reads the operation `T` from its fields, against its description.
fn read<T: Operation>(f: &Fields<'_>) -> Result<T, EditError> {
    T::parse(&f.described(&T::SHAPE))
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
