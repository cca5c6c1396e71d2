//! `disconnect`: deletes one flow, as SOPS's `setLine('delete')`: the flow, its line, the ends'
//! `incoming`/`outgoing` and the source gateway's condition or default branch. Result: `{}`.

use super::super::ids::IdSource;
use super::super::tx::Tx;
use super::super::EditError;
use super::wiring::remove_flow;
use crate::json::Object;
use crate::shape::{req, STR};

operation! {
    /// Deletes a flow.
    Disconnect = "disconnect" {
        flow: String = str("flow"),
    }
    shape(
        "Delete a flow with its line.",
        &[req("flow", STR, "")],
    )
}

impl Disconnect {
    fn run(&self, tx: &mut Tx<'_>, _: &mut IdSource) -> Result<Object, EditError> {
        remove_flow(tx, &self.flow)?;
        Ok(Object::new())
    }
}
