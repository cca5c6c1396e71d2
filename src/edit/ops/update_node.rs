//! `updateNode`: sets (and removes) top-level fields of a node, as SOPS's config panel does;
//! identity and wiring (`id`, `type`, `incoming`, `outgoing`, `conditions`,
//! `default_condition`) belong to other operations. The node must keep the model's field
//! types (else `wrong-type`); a task's `name` and `stage_name` are mirrored to its location.
//! Result: `{}`.

use super::super::ids::IdSource;
use super::super::patch::k;
use super::super::tx::{get, Tx};
use super::super::EditError;
use super::shared::NodeAt;
use crate::json::{Object, Seg, Value};
use crate::model::check;
use crate::shape::{opt, req, MAP, STR, STRS};

operation! {
    /// Sets (and removes) top-level fields of a node.
    UpdateNode = "updateNode" {
        id: String = str("id"),
        fields: Object = opt_object("fields"),
        remove: Vec<String> = strings("remove"),
    }
    shape(
        "Set or remove top-level node fields (not id, type, incoming, outgoing, conditions).",
        &[
            req("id", STR, ""),
            opt("fields", MAP, ""),
            opt("remove", STRS, ""),
        ],
    )
}

impl UpdateNode {
    fn run(&self, tx: &mut Tx<'_>, _: &mut IdSource) -> Result<Object, EditError> {
        update_node(tx, &self.id, &self.fields, &self.remove)?;
        Ok(Object::new())
    }
}

/// Fields `update_node` may not set: identity and wiring belong to other operations.
const FIXED_FIELDS: &[&str] = &[
    "id",
    "type",
    "incoming",
    "outgoing",
    "conditions",
    "default_condition",
];

/// Sets top-level fields of a node (`null` values included); `remove` drops fields. The
/// result must keep the model's field types.
fn update_node(
    tx: &mut Tx<'_>,
    id: &str,
    fields: &Object,
    remove: &[String],
) -> Result<(), EditError> {
    let at = NodeAt::find(tx.tree(), id)?;
    for (key, _) in fields.iter() {
        if FIXED_FIELDS.contains(&key) {
            return Err(EditError::new(
                "invalid-op",
                format!("'{key}' is changed by its own operation, not by updateNode"),
                format!("字段 {key} 由专门的操作修改，不能用 updateNode 修改"),
            ));
        }
    }
    if let Some(key) = remove.iter().find(|k| FIXED_FIELDS.contains(&k.as_str())) {
        return Err(EditError::new(
            "invalid-op",
            format!("'{key}' may not be removed"),
            format!("字段 {key} 不能删除"),
        ));
    }
    let path = at.path.segments();
    for (key, value) in fields.iter() {
        tx.set(path, key, value.clone())?;
    }
    for key in remove {
        tx.del(path, key)?;
    }
    // SOPS's config panel drops the legacy flags when it writes the new ones.
    if fields.contains_key("retryable") {
        tx.del(path, "can_retry")?;
    }
    if fields.contains_key("skippable") {
        tx.del(path, "isSkipped")?;
    }
    // Only what this operation writes must have the model's types: a node that opened with
    // another malformed field can still be renamed (and that field fixed by writing it).
    let written: Vec<&str> = fields.iter().map(|(k, _)| k).collect();
    let node = get(tx.root(), path).and_then(Value::as_object);
    if let Some(m) = node.and_then(|o| check::node_field_mismatch(o, at.kind, &written)) {
        return Err(EditError::new(
            "wrong-type",
            format!("node {id}: {} at {}", m.message(), m.path),
            format!("节点 {id}：{} 处{}", m.path, m.message_zh()),
        ));
    }
    if at.kind.is_activity() {
        if let Some(i) = tx.location_at(id) {
            for f in ["name", "stage_name"] {
                if let Some(v) = fields.get(f) {
                    tx.set(&[k("location"), Seg::Index(i)], f, v.clone())?;
                }
            }
        }
    }
    Ok(())
}
