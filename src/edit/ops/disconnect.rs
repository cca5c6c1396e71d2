//! `disconnect`: deletes one flow, as SOPS's `setLine('delete')`: the flow, its line, the ends'
//! `incoming`/`outgoing` and the source gateway's condition or default branch. Result: `{}`.

use super::super::ids::IdSource;
use super::super::tx::Tx;
use super::super::EditError;
use super::wiring::remove_flow;
use super::{Fields, Operation};
use crate::json::Object;
use crate::shape::{req, Shape, STR};

/// Deletes a flow.
#[derive(Clone, Debug, PartialEq)]
pub struct Disconnect {
    pub flow: String,
}

impl Operation for Disconnect {
    const NAME: &'static str = "disconnect";
    const SHAPE: Shape = Shape::new(
        Self::NAME,
        "Delete a flow with its line.",
        &[req("flow", STR, "")],
    );

    fn parse(f: &Fields<'_>) -> Result<Self, EditError> {
        Ok(Disconnect {
            flow: f.str("flow")?,
        })
    }

    fn apply(&self, tx: &mut Tx<'_>, _: &mut IdSource) -> Result<Object, EditError> {
        remove_flow(tx, &self.flow)?;
        Ok(Object::new())
    }
}
