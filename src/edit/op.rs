//! Operations as data: what the JS `Editor` and the command line send. JSON form:
//! `{"op": "addNode", "type": "tasknode", "x": 100, "y": 50, "name": "…"}`; see [`Op`].
//!
//! Each operation lives in its own file under `ops/` (its fields, the reading of its JSON
//! form, what it does, its result); this is the list of them, one line each, from which the
//! enum and the two dispatches are made.

use super::ids::IdSource;
use super::ops::{self, bad, Fields, Operation};
use super::tx::Tx;
use super::EditError;
use crate::json::{Object, Value};
use crate::layout::Params;
use crate::shape::{opt, req, Decl, Shape, Ty, BOOL, STR, STRS};

/// `Variant(Type): "doc";` for each operation declares the [`Op`] enum, its reading from the
/// JSON form (by the type's `Operation::NAME`) and its dispatch: one line an operation.
macro_rules! operations {
    ($($(#[$m:meta])* $variant:ident($ty:ty);)*) => {
        /// Every operation's JSON form, in the order of [`Op`].
        const OPERATIONS: &[Shape] = &[$(<$ty>::SHAPE,)*];

        /// One editing operation.
        #[derive(Clone, Debug, PartialEq)]
        pub enum Op {
            $($(#[$m])* $variant($ty),)*
        }

        impl Op {
            /// Reads an operation from its JSON form.
            pub fn from_json(v: &Value) -> Result<Op, EditError> {
                let f = Fields::of_op(v)?;
                $(
                    if f.name() == <$ty>::NAME {
                        return Ok(Op::$variant(read::<$ty>(&f)?));
                    }
                )*
                Err(bad(
                    format!("unknown operation {:?}", f.name()),
                    format!("未知的操作 {:?}", f.name()),
                ))
            }
        }

        /// Applies `op` inside `tx`; returns its result.
        pub(crate) fn run(tx: &mut Tx<'_>, rng: &mut IdSource, op: &Op) -> Result<Object, EditError> {
            match op {
                $(Op::$variant(o) => o.apply(tx, rng),)*
            }
        }
    };
}

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
        opt(
            "moved",
            STRS,
            "insertOnFlow with `makeRoom`: the nodes moved right to make room.",
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
            "unbridged",
            Ty::Ref("Unbridged"),
            "removeNode/disconnectNode with `reconnect`: why a node with one flow in and one \
             out left its neighbours apart.",
        ),
        opt(
            "key",
            STR,
            "addVariable, updateVariable, hookInput, hookOutput, unhookInput, unhookOutput: \
             the variable's key.",
        ),
        opt(
            "created",
            BOOL,
            "hookInput, hookOutput: a new variable was made (else an existing one is used).",
        ),
        opt(
            "deleted",
            BOOL,
            "unhookInput, unhookOutput: the variable, used nowhere else, was deleted.",
        ),
        opt(
            "results",
            Ty::Arr(&Ty::Ref("OperationResult")),
            "batch: each operation's result, in order.",
        ),
        opt(
            "warning",
            Ty::Ref("LayoutWarning"),
            "layout: the tree was too large for the mode's full layout and a quicker one drew \
             it.",
        ),
    ],
);

/// Why a removed or disconnected node's neighbours were not joined.
pub const UNBRIDGED: Shape = Shape::new(
    "Unbridged",
    "Why a node with one flow in and one out left its neighbours apart.",
    &[
        req("from", STR, "The node before it."),
        req("to", STR, "The node after it."),
        req(
            "reason",
            STR,
            "`two-gateways`, `start-to-end`, `gateway-to-end` (a splitting gateway), `loop`, \
             `exists` (they are joined already), or the canvas rule that refuses (`FE001`...).",
        ),
    ],
);

/// Reads the operation `T` from its fields, against its description.
fn read<T: Operation>(f: &Fields<'_>) -> Result<T, EditError> {
    T::parse(&f.described(&T::SHAPE))
}

operations! {
    /// `addNode`: a node of a kind at a position.
    AddNode(ops::AddNode);
    /// `removeNode`: a node with its flows, drawing and variables.
    RemoveNode(ops::RemoveNode);
    /// `connect`: a flow, if the canvas rules allow it.
    Connect(ops::Connect);
    /// `disconnect`: a flow deleted.
    Disconnect(ops::Disconnect);
    /// `disconnectNode`: every flow of a node deleted ("解除连线").
    DisconnectNode(ops::DisconnectNode);
    /// `insertOnFlow`: a new node on an existing flow.
    InsertOnFlow(ops::InsertOnFlow);
    /// `move`: nodes to absolute positions.
    Move(ops::MoveNodes);
    /// `updateNode`: top-level fields of a node set and removed.
    UpdateNode(ops::UpdateNode);
    /// `setCondition`: a branch's name and expression.
    SetCondition(ops::SetCondition);
    /// `setDefault`: a branch made the gateway's default.
    SetDefault(ops::SetDefault);
    /// `paste`: copies of nodes and the flows between them.
    Paste(ops::Paste);
    /// `replacePlugin`: a task's plugin replaced.
    ReplacePlugin(ops::ReplacePlugin);
    /// `repairDrawing`: `line` and `location` made to agree with the flows and nodes.
    RepairDrawing(ops::RepairDrawing);
    /// `layout`: the tree laid out (new `location` and `line`).
    Layout(Params);
    /// `setDrawing`: `location` and/or `line` replaced as given.
    SetDrawing(ops::SetDrawing);
    /// `addVariable`: a new global variable.
    AddVariable(ops::AddVariable);
    /// `updateVariable`: a variable's fields; a new key rewrites its references.
    UpdateVariable(ops::UpdateVariable);
    /// `removeVariable`: a variable deleted, its hooked inputs given its value.
    RemoveVariable(ops::RemoveVariable);
    /// `moveVariable`: a variable to another place in the list.
    MoveVariable(ops::MoveVariable);
    /// `hookInput`: an input hooked to a variable.
    HookInput(ops::HookInput);
    /// `unhookInput`: a hooked input given its value back.
    UnhookInput(ops::UnhookInput);
    /// `hookOutput`: a node's output received into a variable.
    HookOutput(ops::HookOutput);
    /// `unhookOutput`: a node's output no longer received.
    UnhookOutput(ops::UnhookOutput);
    /// `batch`: several operations as one undo step.
    Batch(ops::Batch);
}
