//! `replacePlugin`: gives a task another plugin (editor-spec §2.12). Variables hooked to the
//! node let go of it; the component and the node's flags are reset as SOPS's config panel
//! does, and the location shows the node's name and stage. A plugin of the catalogue gets its
//! inputs' defaults (variables-spec §2.12).
//!
//! Another version of the same plugin, both versions in the catalogue, is a version change:
//! the inputs both versions have keep their values (hooks included), the others go and new
//! ones get their defaults, and exactly the hooks of inputs and outputs the new version lacks
//! are let go (SOPS lets go of the wrong outputs, Q9); the node's flags stay. Result: `{}`.

use super::super::defaults::{self, obj, s};
use super::super::ids::IdSource;
use super::super::patch::k;
use super::super::tx::Tx;
use super::super::EditError;
use super::shared::{known_node, NodeAt};
use super::variables::{listing, release, unhook_node};
use crate::json::{Object, Seg, Value};
use crate::model::{NodeKind, TreeFormat};
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
                format!("{id} 不是标准插件节点"),
            ));
        }
        if code.is_empty() {
            return Err(EditError::new(
                "invalid-op",
                "a plugin code may not be empty",
                "插件编码不能为空",
            ));
        }
        if version_change(tx, id, &at, code, version)? {
            return Ok(Object::new());
        }
        unhook_node(tx, id)?;
        let path = at.path.segments();
        let format = tx.tree().format();
        let known = tx.plugins().version(code, version);
        // The inputs are `data` in a web tree, `inputs` in bamboo-engine's format.
        let inputs = match known {
            Some(v) if format != TreeFormat::Engine => defaults::input_defaults(v),
            _ => Object::new(),
        };
        let version = version
            .or(known.map(|v| v.version.as_str()))
            .unwrap_or("legacy");
        let component = vec![
            ("code", s(code)),
            (format.inputs_key(), Value::Object(inputs)),
            ("version", s(version)),
        ];
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

/// Another version of the task's own plugin, both in the catalogue (in a web tree): inputs
/// kept, dropped and added, hooks of vanished inputs and outputs let go. `false` when it is
/// not a version change.
fn version_change(
    tx: &mut Tx<'_>,
    id: &str,
    at: &NodeAt,
    code: &str,
    version: Option<&str>,
) -> Result<bool, EditError> {
    let node = known_node(tx.tree(), id)?;
    let component = node.component();
    let (old_code, old_version) = (
        component.as_ref().and_then(|c| c.code()),
        component.as_ref().and_then(|c| c.version()),
    );
    let plugins = tx.plugins();
    let (Some(old), Some(new)) = (
        old_version.and_then(|v| plugins.version(code, Some(v))),
        plugins.version(code, version),
    ) else {
        return Ok(false);
    };
    if old_code != Some(code) || tx.tree().format() == TreeFormat::Engine {
        return Ok(false);
    }
    let data: Object = component
        .and_then(|c| c.data())
        .cloned()
        .unwrap_or_default();
    let mut kept = Object::new();
    for input in &new.inputs {
        let item = match data.get(&input.key) {
            Some(item) if old.input(&input.key).is_some() => item.clone(),
            _ => defaults::input_item(input, input.default.clone()),
        };
        kept.insert(input.key.clone(), item);
    }
    let gone_inputs: Vec<String> = data
        .keys()
        .filter(|k| new.input(k).is_none())
        .map(str::to_owned)
        .collect();
    let gone_outputs: Vec<String> = old
        .outputs
        .iter()
        .filter(|o| new.output(&o.key).is_none())
        .map(|o| o.key.clone())
        .collect();
    let path = at.path.key("component");
    tx.put(path.segments(), "data", Value::Object(kept))?;
    tx.put(path.segments(), "version", s(&new.version))?;
    for tag in gone_inputs {
        for (key, output) in listing(tx.tree(), id, &tag) {
            if !output {
                release(tx, &key, id, &tag)?;
            }
        }
    }
    for out in gone_outputs {
        for (key, output) in listing(tx.tree(), id, &out) {
            if output {
                release(tx, &key, id, &out)?;
            }
        }
    }
    Ok(true)
}
