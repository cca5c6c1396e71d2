//! `addNode`: a new node dropped on the canvas, with its top-left corner at (x, y), as SOPS's
//! palette creates it (editor-spec §2.1): the node's JSON in `activities`, `gateways`,
//! `start_event` or `end_event`, and its `location`. A template has one start and one end.
//! In a tree in bamboo-engine's format a task's plugin inputs are `component.inputs`, and a
//! sub-process (which would embed its whole pipeline) is refused (`engine-format`).
//! Result: `{"id": …}`.

use super::super::defaults::{self, NodeSpec};
use super::super::ids::IdSource;
use super::super::patch::k;
use super::super::tx::Tx;
use super::super::EditError;
use super::shared::{fresh_id, one, taken};
use crate::json::Object;
use crate::model::{NodeKind, TreeFormat};
use crate::shape::{opt, STR};

operation! {
    /// A node of `kind` with its top-left corner at (x, y); `id` to choose it (else a fresh one).
    AddNode = "addNode" {
        kind: NodeKind = kind(),
        x: f64 = num("x"),
        y: f64 = num("y"),
        spec: NodeSpec = spec(),
        id: Option<String> = opt_str("id"),
    }
    shape(
        "A node with its top-left corner at (x, y). `code`/`version`: the plugin (a task) or the \
         template (`templateId`, a sub-process). `id` to choose the id.",
        &[opt("id", STR, "")],
        extends &["NewNode"],
    )
}

impl AddNode {
    fn run(&self, tx: &mut Tx<'_>, rng: &mut IdSource) -> Result<Object, EditError> {
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
/// The new node's id (`id` if given and free, else a fresh one), at a finite position.
fn checked_id(
    tx: &Tx<'_>,
    rng: &mut IdSource,
    id: Option<&str>,
    x: f64,
    y: f64,
) -> Result<String, EditError> {
    let empty = || {
        EditError::new(
            "invalid-op",
            "a node id may not be empty",
            "节点 id 不能为空",
        )
    };
    let id = match id {
        Some("") => return Err(empty()),
        Some(id) if taken(tx, id) => {
            return Err(EditError::new(
                "duplicate-id",
                format!("id {id} is already used"),
                format!("id {id} 已被使用"),
            ));
        }
        Some(id) => id.to_owned(),
        None => fresh_id(tx, rng, 'n'),
    };
    if !x.is_finite() || !y.is_finite() {
        return Err(EditError::new(
            "invalid-op",
            "a position must be finite numbers",
            "位置须为有限的数字",
        ));
    }
    Ok(id)
}

pub(crate) fn add_node(
    tx: &mut Tx<'_>,
    rng: &mut IdSource,
    kind: NodeKind,
    x: f64,
    y: f64,
    spec: &NodeSpec,
    id: Option<&str>,
) -> Result<String, EditError> {
    let id = checked_id(tx, rng, id, x, y)?;
    let format = tx.tree().format();
    if kind == NodeKind::SubProcess && format == TreeFormat::Engine {
        return Err(EditError::new(
            "engine-format",
            "a sub-process of a tree in bamboo-engine's format embeds its whole pipeline, which \
             the editor does not make",
            "引擎格式的子流程节点须内嵌完整的 pipeline，编辑器无法创建",
        ));
    }
    let json = defaults::node(kind, &id, spec, format, tx.plugins());
    match kind {
        NodeKind::StartEvent | NodeKind::EndEvent => {
            let (key, event, what) = if kind == NodeKind::StartEvent {
                ("start_event", tx.tree().start_event(), "start event")
            } else {
                ("end_event", tx.tree().end_event(), "end event")
            };
            let what_zh = kind.name_zh();
            if event.and_then(|n| n.id()).is_some_and(|i| !i.is_empty()) {
                return Err(EditError::new(
                    "FE008",
                    format!("a template has one {what}"),
                    format!("一个流程只能有一个{what_zh}"),
                ));
            }
            tx.put(&[], key, json)?;
        }
        NodeKind::Unknown => {
            return Err(EditError::new(
                "invalid-op",
                "unknown node type",
                "未知的节点类型",
            ))
        }
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
    tx.push_drawing(
        "location",
        defaults::location(kind, &id, x, y, spec.name.as_deref()),
    )?;
    Ok(id)
}
