//! PLUGIN: a task's plugin and its inputs against the plugin catalogue (the validation
//! options' `plugins`, by default SOPS's and BKFlow's built-in plugins), in trees in SOPS's
//! format. Plugins whose inputs come from elsewhere at edit time (third-party plugins, BKFlow's
//! uniform API: an `internal` input in the catalogue) are only checked for their version.

use super::ctx::{At, Ctx};
use super::registry::*;
use crate::json::Value;
use crate::model::{Constant, Node, NodeKind, TreeFormat};
use crate::variables::plugins::{is_empty_value, Input, Version};

/// Option lists the catalogue may have cut (it keeps at most 60).
const CUT: usize = 60;

pub(crate) fn node(cx: &mut Ctx<'_>, n: &Node<'_>) {
    if !cx.any_on(&[&PLUGIN001, &PLUGIN002, &PLUGIN003, &PLUGIN004]) {
        return;
    }
    if cx.tree.format() != TreeFormat::Web || n.kind() != NodeKind::ServiceActivity {
        return;
    }
    let Some(c) = n.component() else { return };
    let Some(code) = c.code().filter(|c| !c.is_empty()) else {
        return;
    };
    let version = c.version().unwrap_or("legacy");
    let plugins = cx.options.plugins();
    if plugins.find(code).is_none() {
        cx.emit(
            &PLUGIN001,
            At::node_field(n, "component"),
            format!(
                "the plugin {code} of {} is not in the plugin catalogue",
                n.key()
            ),
            format!("节点 {} 的插件 {code} 不在插件目录中", n.key()),
        );
        return;
    }
    let Some(v) = plugins.version(code, Some(version)) else {
        let known = plugins.versions_of(code);
        cx.emit(
            &PLUGIN001,
            At::node_field(n, "component"),
            format!(
                "{code} has no version {version} in the plugin catalogue (it has {})",
                known.join(", ")
            ),
            format!(
                "插件目录中插件 {code} 没有版本 {version}（已有版本：{}）",
                known.join("、")
            ),
        );
        return;
    };
    if v.inputs.is_empty() || v.inputs.iter().any(|i| i.ty == "internal") {
        return;
    }
    let Some(data) = c.data() else { return };
    let at = n.path().key("component").key("data");
    for (key, _) in data.iter() {
        if v.input(key).is_none() {
            cx.emit(
                &PLUGIN002,
                At::path(at.key(key)).with_node(n.key()),
                format!("{code} {version} has no input {key}"),
                format!("插件 {code} {version} 没有输入 {key}"),
            );
        }
    }
    inputs(cx, n, v, code, version);
}

/// PLUGIN005 for one output variable: each output its `source_info` names against the
/// catalogue's outputs of the node's plugin version (a sub-process's outputs are its
/// template's variables, not a plugin's; an unknown plugin or version is PLUGIN001's, a
/// missing node TASK007's).
pub(crate) fn constant(cx: &mut Ctx<'_>, c: &Constant<'_>) {
    let tree = cx.tree;
    if !cx.on(&PLUGIN005)
        || tree.format() != TreeFormat::Web
        || c.source_type() != Some("component_outputs")
    {
        return;
    }
    let Some(info) = c.source_info() else { return };
    let plugins = cx.options.plugins();
    for (node, outputs) in info.iter() {
        let Some(n) = tree.activity(node) else {
            continue;
        };
        if n.kind() != NodeKind::ServiceActivity {
            continue;
        }
        let Some(comp) = n.component() else { continue };
        let Some(code) = comp.code().filter(|c| !c.is_empty()) else {
            continue;
        };
        let version = comp.version().unwrap_or("legacy");
        for (i, output) in outputs
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
            .filter_map(|(i, o)| Some((i, o.as_str()?)))
        {
            if plugins.has_output(code, version, output) != Some(false) {
                continue;
            }
            let known: Vec<&str> = plugins
                .outputs(code, version)
                .unwrap_or_default()
                .iter()
                .map(|o| o.key.as_str())
                .collect();
            cx.emit(
                &PLUGIN005,
                At::path(
                    crate::json::Path::root()
                        .key("constants")
                        .key(c.map_key())
                        .key("source_info")
                        .key(node)
                        .index(i),
                )
                .with_node(node),
                format!(
                    "variable {} receives output {output} of {node}, which {code} {version} does not have (it has {})",
                    c.map_key(),
                    known.join(", ")
                ),
                format!(
                    "变量 {} 接收节点 {node} 的输出 {output}，但插件 {code} {version} 没有该输出",
                    c.map_key()
                ),
            );
        }
    }
}

fn inputs(cx: &mut Ctx<'_>, n: &Node<'_>, v: &Version, code: &str, version: &str) {
    let data = n.component().and_then(|c| c.data());
    let at = n.path().key("component").key("data");
    for input in &v.inputs {
        let item = data
            .and_then(|d| d.get(&input.key))
            .and_then(Value::as_object);
        let hooked = item.and_then(|i| i.get("hook")).and_then(Value::as_bool) == Some(true);
        let value = item.and_then(|i| i.get("value"));
        if hooked {
            continue;
        }
        // an input the tree lacks was not in the form when it was saved: the plugin reads its
        // own default; one left empty is the author's
        if input.required && value.is_some_and(is_empty_value) {
            cx.emit(
                &PLUGIN003,
                At::path(at.key(&input.key)).with_node(n.key()),
                format!(
                    "the required input {} ({}) of {code} {version} is empty",
                    input.key, input.name
                ),
                format!(
                    "插件 {code} {version} 的必填输入 {}（{}）为空",
                    input.key, input.name
                ),
            );
            continue;
        }
        let Some(value) = value else { continue };
        if let Some((why, why_zh)) = misfit(input, value) {
            cx.emit(
                &PLUGIN004,
                At::path(at.key(&input.key).key("value")).with_node(n.key()),
                format!(
                    "input {} ({}) of {code} {version}: {why}",
                    input.key, input.ty
                ),
                format!(
                    "插件 {code} {version} 的输入 {}（{}）：{why_zh}",
                    input.key, input.ty
                ),
            );
        }
    }
}

/// Why `value` does not fit the form of `input`, if it does not. A string holding a `${...}`
/// reference fits anything (it is rendered first).
fn misfit(input: &Input, value: &Value) -> Option<(&'static str, &'static str)> {
    if value.as_str().is_some_and(|s| s.contains("${")) || is_empty_value(value) {
        return None;
    }
    let option_values: Vec<&Value> = input
        .options
        .iter()
        .filter_map(|o| o.as_object()?.get("value"))
        .collect();
    let checked = !option_values.is_empty() && option_values.len() < CUT;
    let one_of = |v: &Value| option_values.contains(&v);
    match input.ty.as_str() {
        "int" if value.as_f64().is_none() => Some(("it is not a number", "值不是数字")),
        "checkbox" | "select" if input.multiple || input.ty == "checkbox" => match value {
            Value::Array(items) => items.iter().find(|i| checked && !one_of(i)).map(|_| {
                (
                    "a chosen value is not one of the options",
                    "选中的值不在选项中",
                )
            }),
            _ => Some(("it is not a list", "值不是列表")),
        },
        "select" | "radio" if checked && !one_of(value) => {
            Some(("it is not one of the options", "值不在选项中"))
        }
        _ => None,
    }
}
