//! `addNode`: a new node dropped on the canvas, with its top-left corner at (x, y), as SOPS's
//! palette creates it (editor-spec §2.1): the node's JSON in `activities`, `gateways`,
//! `start_event` or `end_event`, and its `location`. A template has one start and one end.
//! Result: `{"id": …}`.

use super::super::defaults::{self, NodeSpec};
use super::super::ids::IdSource;
use super::super::patch::k;
use super::super::tx::Tx;
use super::super::EditError;
use super::shared::{fresh_id, one, taken};
use super::{Fields, Operation, NODE_TYPE};
use crate::json::Object;
use crate::model::NodeKind;
use crate::shape::{opt, req, Shape, NUM, STR};

/// A node of `kind` with its top-left corner at (x, y); `id` to choose it (else a fresh one).
#[derive(Clone, Debug, PartialEq)]
pub struct AddNode {
    pub kind: NodeKind,
    pub x: f64,
    pub y: f64,
    pub spec: NodeSpec,
    pub id: Option<String>,
}

impl Operation for AddNode {
    const NAME: &'static str = "addNode";
    const SHAPE: Shape = Shape::new(
        Self::NAME,
        "A node with its top-left corner at (x, y). `code`/`version`: the plugin (a task) or the \
         template (`templateId`, a sub-process). `id` to choose the id.",
        &[
            req("type", NODE_TYPE, ""),
            req("x", NUM, ""),
            req("y", NUM, ""),
            opt("name", STR, ""),
            opt("code", STR, ""),
            opt("version", STR, ""),
            opt("templateId", STR, ""),
            opt("id", STR, ""),
        ],
    );

    fn parse(f: &Fields<'_>) -> Result<Self, EditError> {
        Ok(AddNode {
            kind: f.kind()?,
            x: f.num("x")?,
            y: f.num("y")?,
            spec: f.spec()?,
            id: f.opt_str("id")?,
        })
    }

    fn apply(&self, tx: &mut Tx<'_>, rng: &mut IdSource) -> Result<Object, EditError> {
        let id = add_node(
            tx,
            rng,
            self.kind,
            self.x,
            self.y,
            &self.spec,
            self.id.as_deref(),
        )?;
        Ok(one("id", &id))
    }
}

/// Adds the node; returns its id. Also what inserting and pasting make their nodes with.
pub(crate) fn add_node(
    tx: &mut Tx<'_>,
    rng: &mut IdSource,
    kind: NodeKind,
    x: f64,
    y: f64,
    spec: &NodeSpec,
    id: Option<&str>,
) -> Result<String, EditError> {
    let id = match id {
        Some("") => return Err(EditError::new("invalid-op", "a node id may not be empty")),
        Some(id) if taken(tx, id) => {
            return Err(EditError::new(
                "duplicate-id",
                format!("id {id} is already used"),
            ));
        }
        Some(id) => id.to_owned(),
        None => fresh_id(tx, rng, 'n'),
    };
    if !x.is_finite() || !y.is_finite() {
        return Err(EditError::new(
            "invalid-op",
            "a position must be finite numbers",
        ));
    }
    let json = defaults::node(kind, &id, spec);
    match kind {
        NodeKind::StartEvent | NodeKind::EndEvent => {
            let (key, event, what) = if kind == NodeKind::StartEvent {
                ("start_event", tx.tree().start_event(), "start event")
            } else {
                ("end_event", tx.tree().end_event(), "end event")
            };
            if event.and_then(|n| n.id()).is_some_and(|i| !i.is_empty()) {
                return Err(EditError::new(
                    "FE008",
                    format!("a template has one {what}"),
                ));
            }
            tx.put(&[], key, json)?;
        }
        NodeKind::Unknown => return Err(EditError::new("invalid-op", "unknown node type")),
        other => {
            let section = if other.is_activity() {
                "activities"
            } else {
                "gateways"
            };
            tx.ensure_object(&[], section)?;
            tx.put(&[k(section)], &id, json)?;
        }
    }
    tx.push_root(
        "location",
        defaults::location(kind, &id, x, y, spec.name.as_deref()),
    )?;
    Ok(id)
}
