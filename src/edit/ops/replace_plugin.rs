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
use super::{Fields, Operation};
use crate::json::{Object, Seg, Value};
use crate::model::NodeKind;
use crate::shape::{opt, req, Shape, STR};

/// Replaces a task's plugin.
#[derive(Clone, Debug, PartialEq)]
pub struct ReplacePlugin {
    pub id: String,
    pub code: String,
    pub version: Option<String>,
    pub name: Option<String>,
}

impl Operation for ReplacePlugin {
    const NAME: &'static str = "replacePlugin";
    const SHAPE: Shape = Shape::new(
        Self::NAME,
        "Replace a task's plugin.",
        &[
            req("id", STR, ""),
            req("code", STR, ""),
            opt("version", STR, ""),
            opt("name", STR, ""),
        ],
    );

    fn parse(f: &Fields<'_>) -> Result<Self, EditError> {
        Ok(ReplacePlugin {
            id: f.str("id")?,
            code: f.str("code")?,
            version: f.opt_str("version")?,
            name: f.opt_str("name")?,
        })
    }

    fn apply(&self, tx: &mut Tx<'_>, _: &mut IdSource) -> Result<Object, EditError> {
        replace_plugin(
            tx,
            &self.id,
            &self.code,
            self.version.as_deref(),
            self.name.as_deref(),
        )?;
        Ok(Object::new())
    }
}

/// Replaces a task's plugin: variables hooked to the node let go of it, the component and the
/// node's flags are reset as SOPS's config panel does (editor-spec §2.12).
fn replace_plugin(
    tx: &mut Tx<'_>,
    id: &str,
    code: &str,
    version: Option<&str>,
    name: Option<&str>,
) -> Result<(), EditError> {
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
    let mut component = vec![("code", s(code)), ("data", Value::Object(Object::new()))];
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
    Ok(())
}
