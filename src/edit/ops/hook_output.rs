//! `hookOutput`: a node's output received into a variable (SOPS's "接收输出",
//! variables-spec §2.7): a new hidden `component_outputs` variable named `${output}` (or the
//! key given), added last, named as the plugin catalogue names the output, or an existing
//! output variable that then receives this output too. A task whose plugin version the
//! catalogue knows offers exactly its outputs (`unknown-output`). The node itself does not change. Unlike SOPS, the new variable records the plugin's version
//! (Q20). Result: `{key, created}`.

use super::super::defaults::{num, obj, s};
use super::super::ids::IdSource;
use super::super::patch::k;
use super::super::tx::{get, Tx};
use super::super::EditError;
use super::shared::known_node;
use super::variables::{braced, check_name, new_key, next_index};
use crate::json::{Object, Value};
use crate::model::{NodeKind, TreeFormat};
use crate::shape::{opt, req, STR};

operation! {
    /// A node's output received into a variable.
    HookOutput = "hookOutput" {
        node: String = str("node"),
        output: String = str("output"),
        key: Option<String> = opt_str("key"),
        name: Option<String> = opt_str("name"),
    }
    shape(
        "Receive a task's or sub-process's output into a variable: a new hidden output \
         variable, or an existing one.",
        &[
            req("node", STR, ""),
            req("output", STR, "The output's key (a plugin output, `_result`, `_loop`...)."),
            opt("key", STR, "The variable (default: `${output}`)."),
            opt("name", STR, "A new variable's name (default: the output's key)."),
        ],
    )
}

impl HookOutput {
    fn run(&self, tx: &mut Tx<'_>, _: &mut IdSource) -> Result<Object, EditError> {
        let (node, output) = (self.node.as_str(), self.output.as_str());
        if tx.tree().format() == TreeFormat::Engine {
            return Err(EditError::new(
                "engine-format",
                "receiving outputs into variables is for trees in SOPS's format",
                "接收输出到变量仅适用于标准运维格式的流程树",
            ));
        }
        let n = known_node(tx.tree(), node)?;
        if !n.kind().is_activity() {
            return Err(EditError::new(
                "unknown-output",
                format!("{node} is not a task or a sub-process: it has no outputs"),
                format!("{node} 不是标准插件节点或子流程节点，没有输出"),
            ));
        }
        let version = if n.kind() == NodeKind::SubProcess {
            n.object().get("version").and_then(Value::as_str)
        } else {
            n.component().and_then(|c| c.version())
        }
        .unwrap_or("legacy")
        .to_owned();
        let label = catalogue_output(tx, &n, output)?;
        if let Some(held) = receiver(tx.tree(), node, output) {
            return Err(EditError::new(
                "already-hooked",
                format!("{node}'s output {output} is already received into {held}"),
                format!("节点 {node} 的输出 {output} 已由变量 {held} 接收"),
            ));
        }
        let key = braced(self.key.as_deref().unwrap_or(output));
        let created = match tx.tree().constant(&key) {
            Some(c) if c.source_type() == Some("component_outputs") => false,
            Some(_) => {
                return Err(EditError::new(
                    "key-taken",
                    format!("a variable {key} already exists and is not an output variable"),
                    format!("变量 {key} 已存在，且不是输出变量"),
                ))
            }
            None => true,
        };
        if created {
            let key = new_key(tx.tree(), &key)?;
            let name = match &self.name {
                Some(n) => check_name(n)?,
                None => label
                    .filter(|l| check_name(l).is_ok())
                    .unwrap_or_else(|| output.to_owned()),
            };
            let mut info = Object::new();
            info.insert(node, Value::Array(vec![s(output)]));
            let variable = obj(vec![
                ("name", s(&name)),
                ("key", s(&key)),
                ("desc", s("")),
                ("custom_type", s("")),
                ("source_info", Value::Object(info)),
                ("source_tag", s("")),
                ("value", s("")),
                ("show_type", s("hide")),
                ("source_type", s("component_outputs")),
                ("validation", s("")),
                ("index", num(next_index(tx.tree()))),
                ("version", s(&version)),
                ("plugin_code", s("")),
            ]);
            tx.ensure_object(&[], "constants")?;
            tx.put(&[k("constants")], &key, variable)?;
        } else {
            tx.ensure_object(&[k("constants"), k(&key)], "source_info")?;
            let info = [k("constants"), k(&key), k("source_info")];
            let mut list = get(tx.root(), &info)
                .and_then(Value::as_object)
                .and_then(|o| o.get(node))
                .and_then(Value::as_array)
                .map(<[Value]>::to_vec)
                .unwrap_or_default();
            list.push(s(output));
            tx.put(&info, node, Value::Array(list))?;
        }
        let mut out = Object::new();
        out.insert("key", s(&key));
        out.insert("created", Value::Bool(created));
        Ok(out)
    }
}

/// The catalogue's name of `output` when the node is a task of a plugin version the catalogue
/// knows; `unknown-output` when that version has no such output (the outputs PLUGIN005 reads:
/// `Plugins::outputs`, the default outputs, none for plugins whose outputs come from
/// elsewhere).
fn catalogue_output(
    tx: &Tx<'_>,
    n: &crate::model::Node<'_>,
    output: &str,
) -> Result<Option<String>, EditError> {
    if n.kind() == NodeKind::SubProcess {
        return Ok(None);
    }
    let c = n.component();
    let code = c.as_ref().and_then(|c| c.code()).unwrap_or("");
    let version = c.as_ref().and_then(|c| c.version()).unwrap_or("legacy");
    let plugins = tx.plugins();
    let Some(outputs) = plugins.outputs(code, version) else {
        return Ok(None);
    };
    match plugins.has_output(code, version, output) {
        Some(false) => {
            let keys: Vec<&str> = outputs.iter().map(|o| o.key.as_str()).collect();
            Err(EditError::new(
                "unknown-output",
                format!(
                    "{code} {version} has no output {output} (it has {})",
                    keys.join(", ")
                ),
                format!(
                    "插件 {code} {version} 没有输出 {output}（它的输出：{}）",
                    keys.join("、")
                ),
            ))
        }
        _ => Ok(outputs
            .iter()
            .find(|o| o.key == output)
            .map(|o| o.name.clone())),
    }
}

/// The output variable that receives `node`'s `output`, if any.
pub(crate) fn receiver(tree: &crate::model::Tree, node: &str, output: &str) -> Option<String> {
    tree.constants()
        .filter(|c| c.source_type() == Some("component_outputs"))
        .find(|c| {
            c.source_info()
                .and_then(|o| o.get(node))
                .and_then(Value::as_array)
                .is_some_and(|l| l.iter().any(|t| t.as_str() == Some(output)))
        })
        .map(|c| c.map_key().to_owned())
}
