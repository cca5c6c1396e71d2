//! `removeNode`: deletes a node with its flows, drawing and variables (editor-spec §2.6), as
//! SOPS's `onNodeRemove` does; with `reconnect`, a node with one flow in and one out leaves a
//! bridge between its neighbours where the canvas rules allow one. Result: `{"bridge": flow}`
//! when a bridge was drawn, `{"unbridged": {from, to, reason}}` when a node with one flow in
//! and one out left its neighbours apart (SOPS does not join two gateways, the start to the
//! end, a splitting gateway to the end; or the canvas rules refuse), else `{}`.

use super::super::ids::IdSource;
use super::super::patch::k;
use super::super::tx::Tx;
use super::super::EditError;
use super::shared::bridged;
use super::variables::unhook_node;
use super::wiring::{bridge, detach, Bridged};
use crate::json::{Object, Value};
use crate::model::{NodeKind, Place};
use crate::shape::{opt, req, BOOL, STR};

operation! {
    /// Deletes a node with its flows, drawing and variables; `reconnect` bridges a node with
    /// one flow in and one out.
    RemoveNode = "removeNode" {
        id: String = str("id"),
        reconnect: bool = flag("reconnect"),
    }
    shape(
        "Delete a node with its flows, drawing and variables; `reconnect` bridges a node with \
         one flow in and one out.",
        &[req("id", STR, ""), opt("reconnect", BOOL, "")],
    )
}

impl RemoveNode {
    fn run(&self, tx: &mut Tx<'_>, rng: &mut IdSource) -> Result<Object, EditError> {
        remove_node(tx, rng, &self.id, self.reconnect).map(bridged)
    }
}

/// Removes a node with its flows, drawing and variables (editor-spec §2.6).
fn remove_node(
    tx: &mut Tx<'_>,
    rng: &mut IdSource,
    id: &str,
    reconnect: bool,
) -> Result<Bridged, EditError> {
    // The bridge is planned on the tree with the node, drawn after it is gone.
    let (at, plan) = detach(tx, id, reconnect)?;
    while let Some(i) = tx.location_at(id) {
        tx.remove(&[k("location")], i)?;
    }
    // Where the node is stored decides what goes, not its type: an activity typed as an end
    // event (a broken tree) must not take the real end event with it.
    match at.place {
        Place::StartEvent => tx.put(&[], "start_event", Value::Object(Object::new()))?,
        Place::EndEvent => tx.put(&[], "end_event", Value::Object(Object::new()))?,
        Place::Gateways => {
            tx.del(&[k("gateways")], id)?;
            if at.kind == NodeKind::ConvergeGateway {
                let pointing: Vec<String> = tx
                    .tree()
                    .gateways()
                    .filter(|g| g.converge_gateway_id() == Some(id))
                    .map(|g| g.key().to_owned())
                    .collect();
                for g in pointing {
                    tx.put(
                        &[k("gateways"), k(&g)],
                        "converge_gateway_id",
                        Value::from(""),
                    )?;
                }
            }
        }
        Place::Activities => {
            tx.del(&[k("activities")], id)?;
            unhook_node(tx, id)?;
        }
    }
    bridge(tx, rng, plan)
}
