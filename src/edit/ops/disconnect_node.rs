//! `disconnectNode`: removes every flow touching a node, as SOPS's "解除连线" does; with
//! `reconnect`, a node with one flow in and one out is bridged (editor-spec §2.6 step 3).
//! Result: as removeNode's: `{"bridge": flow}`, `{"unbridged": {from, to, reason}}` or `{}`.

use super::super::ids::IdSource;
use super::super::tx::Tx;
use super::super::EditError;
use super::shared::bridged;
use super::wiring::{bridge, detach};
use crate::json::Object;
use crate::shape::{opt, req, BOOL, STR};

operation! {
    /// Deletes every flow of a node ("解除连线"), bridging a 1-in/1-out node when `reconnect`.
    DisconnectNode = "disconnectNode" {
        id: String = str("id"),
        reconnect: bool = flag("reconnect"),
    }
    shape(
        "Delete every flow of a node (\"解除连线\"); `reconnect` as for removeNode.",
        &[req("id", STR, ""), opt("reconnect", BOOL, "")],
    )
}

impl DisconnectNode {
    fn run(&self, tx: &mut Tx<'_>, rng: &mut IdSource) -> Result<Object, EditError> {
        let (_, plan) = detach(tx, &self.id, self.reconnect)?;
        bridge(tx, rng, plan).map(bridged)
    }
}
