//! `replacePlugin`: gives a task another plugin (editor-spec §2.12). Variables hooked to the
//! node let go of it; the component and the node's flags are reset as SOPS's config panel
//! does, and the location shows the node's name and stage. Result: `{}`.

use super::super::defaults::{obj, s};
use super::super::ids::IdSource;
use super::super::patch::k;
use super::super::tx::Tx;
use super::super::EditError;
use super::shared::{known_node, NodeAt};
use super::variables::unhook_node;
use crate::json::{Object, Seg, Value};
use crate::model::NodeKind;
use crate::shape::{opt, req, STR};

operation! {
    /// Replaces a task's plugin.
    ReplacePlugin = "replacePlugin" {
        id: String = str("id"),
        code: String = str("code"),
        version: Option<String> = opt_str("version"),
        name: Option<String> = opt_str("name"),
    }
    shape(
        "Replace a task's plugin.",
        &[
            req("id", STR, ""),
            req("code", STR, ""),
            opt("version", STR, ""),
            opt("name", STR, ""),
        ],
    )
}

impl ReplacePlugin {
    /// Replaces a task's plugin: variables hooked to the node let go of it, the component and the
    /// node's flags are reset as SOPS's config panel does (editor-spec §2.12).
    fn run(&self, tx: &mut Tx<'_>, _: &mut IdSource) -> Result<Object, EditError> {
        let (id, code) = (self.id.as_str(), self.code.as_str());
        let (version, name) = (self.version.as_deref(), self.name.as_deref());
        let at = NodeAt::find(tx.tree(), id)?;
        if at.kind != NodeKind::ServiceActivity {
            return Err(EditError::new(
                "invalid-op",
                format!("{id} is not a task node"),
            ));
        }
        if code.is_empty() {
            return Err(EditError::new(
                "invalid-op",
                "a plugin code may not be empty",
            ));
        }
        unhook_node(tx, id)?;
        let path = at.path.segments();
        // The inputs are `data` in a web tree, `inputs` in bamboo-engine's format.
        let inputs = tx.tree().format().inputs_key();
        let mut component = vec![("code", s(code)), (inputs, Value::Object(Object::new()))];
        component.push(("version", s(version.unwrap_or("legacy"))));
        tx.put(path, "component", obj(component))?;
        for (f, v) in [
            ("stage_name", s("")),
            ("error_ignorable", Value::Bool(false)),
            ("skippable", Value::Bool(true)),
            ("retryable", Value::Bool(true)),
            ("optional", Value::Bool(true)),
        ] {
            tx.set(path, f, v)?;
        }
        tx.del(path, "can_retry")?;
        tx.del(path, "isSkipped")?;
        if known_node(tx.tree(), id)?.object().contains_key("labels") {
            tx.set(path, "labels", Value::Array(Vec::new()))?;
        }
        if let Some(n) = name {
            tx.set(path, "name", s(n))?;
        }
        if let Some(i) = tx.location_at(id) {
            let shown: Vec<(&str, Value)> = {
                let node = known_node(tx.tree(), id)?;
                ["name", "stage_name"]
                    .into_iter()
                    .filter_map(|f| Some((f, node.object().get(f)?.clone())))
                    .collect()
            };
            for (f, v) in shown {
                tx.set(&[k("location"), Seg::Index(i)], f, v)?;
            }
        }
        Ok(Object::new())
    }
}
