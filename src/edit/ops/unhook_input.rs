//! `unhookInput`: a hooked input no longer uses its variable (SOPS's "取消使用变量",
//! variables-spec §2.5): the variable's `source_info` lets go of it, and the input gets the
//! variable's value back (a falsy value stays, Q8; a task's input gets `hook: false`). A
//! variable made for a hooked input (`component_inputs`) that nothing uses any more is
//! deleted as `removeVariable` deletes it; a custom variable the input reused stays (SOPS
//! deletes it too). Result: `{key, deleted}`.

use super::super::defaults::s;
use super::super::ids::IdSource;
use super::super::patch::k;
use super::super::tx::{get, Tx};
use super::super::EditError;
use super::shared::known_node;
use super::variables::{braced, input_path, remove_variable};
use crate::json::{Object, Value};
use crate::model::TreeFormat;
use crate::shape::{req, STR};
use crate::variables::refs::{self, UseKind};

operation! {
    /// A hooked input lets go of its variable and gets its value back.
    UnhookInput = "unhookInput" {
        node: String = str("node"),
        input: String = str("input"),
    }
    shape(
        "A hooked input lets go of its variable and gets the variable's value back; a variable \
         made for it that nothing else uses is deleted.",
        &[req("node", STR, ""), req("input", STR, "")],
    )
}

impl UnhookInput {
    fn run(&self, tx: &mut Tx<'_>, _: &mut IdSource) -> Result<Object, EditError> {
        let (node, input) = (self.node.as_str(), self.input.as_str());
        if tx.tree().format() == TreeFormat::Engine {
            return Err(EditError::new(
                "engine-format",
                "hooking inputs to variables is for trees in SOPS's format, with constants and component.data",
                "勾选输入为变量仅适用于标准运维格式的流程树（有 constants 和 component.data）",
            ));
        }
        known_node(tx.tree(), node)?;
        let Some((path, sub)) = input_path(tx.tree(), node, input) else {
            return Err(EditError::new(
                "unknown-input",
                format!("{node} has no input {input}"),
                format!("节点 {node} 没有输入 {input}"),
            ));
        };
        let tag = if sub { braced(input) } else { input.to_owned() };
        let item = get(tx.root(), path.segments())
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let key = item.get("value").and_then(Value::as_str).map(str::to_owned);
        let variable = key.as_deref().and_then(|k| tx.tree().constant(k));
        let flagged = item.get("hook").and_then(Value::as_bool) == Some(true);
        let mut out = Object::new();
        let Some(c) = variable else {
            if !sub && flagged {
                // hooked to a variable that is gone: only the flag is left to clear
                tx.put(path.segments(), "hook", Value::Bool(false))?;
                out.insert("key", s(key.as_deref().unwrap_or("")));
                out.insert("deleted", Value::Bool(false));
                return Ok(out);
            }
            return Err(EditError::new(
                "not-hooked",
                format!("{node}'s input {input} is not hooked to a variable"),
                format!("节点 {node} 的输入 {input} 没有勾选为变量"),
            ));
        };
        let key = key.expect("a variable was found by it");
        let listed = c
            .source_info()
            .and_then(|o| o.get(node))
            .and_then(Value::as_array)
            .map(<[Value]>::to_vec);
        let made_for_inputs = c.source_type() == Some("component_inputs");
        let value = c.value().cloned().unwrap_or_else(|| s(""));
        if !sub && !flagged && listed.is_none() {
            return Err(EditError::new(
                "not-hooked",
                format!("{node}'s input {input} refers to {key} but is not hooked to it"),
                format!("节点 {node} 的输入 {input} 引用了 {key}，但没有勾选为该变量"),
            ));
        }
        // source_info lets go of the input
        if let Some(tags) = listed {
            let info = [k("constants"), k(&key), k("source_info")];
            let rest: Vec<Value> = tags
                .into_iter()
                .filter(|t| t.as_str() != Some(&tag))
                .collect();
            if rest.is_empty() {
                tx.del(&info, node)?;
            } else {
                tx.put(&info, node, Value::Array(rest))?;
            }
        }
        tx.put(path.segments(), "value", value)?;
        if !sub {
            tx.set(path.segments(), "hook", Value::Bool(false))?;
        }
        let unused = made_for_inputs && {
            let sources = tx
                .tree()
                .constant(&key)
                .and_then(|c| c.source_info().map(|o| o.len()))
                .unwrap_or(0);
            sources == 0
                && !refs::uses(tx.tree())
                    .iter()
                    .any(|u| u.key == key && u.kind != UseKind::Outputs)
        };
        if unused {
            remove_variable(tx, &key)?;
        }
        out.insert("key", s(&key));
        out.insert("deleted", Value::Bool(unused));
        Ok(out)
    }
}
