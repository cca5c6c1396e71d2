//! PLUGIN: a task's plugin and its inputs against the plugin catalogue (the validation
//! options' `plugins`, by default SOPS's and BKFlow's built-in plugins), in trees in SOPS's
//! format. Plugins whose inputs come from elsewhere at edit time (third-party plugins, BKFlow's
//! uniform API: an `internal` input in the catalogue) are only checked for their version.

use super::ctx::{At, Ctx};
use super::registry::*;
use crate::json::Value;
use crate::model::{Node, NodeKind, TreeFormat};
use crate::variables::plugins::{Input, Version};

/// Option lists the catalogue may have cut (it keeps at most 60).
const CUT: usize = 60;

pub(crate) fn node(cx: &mut Ctx<'_>, n: &Node<'_>) {
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
            format!("插件 {code} 没有版本 {version}"),
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
        if input.required && value.is_some_and(empty) {
            cx.emit(
                &PLUGIN003,
                At::path(at.key(&input.key)).with_node(n.key()),
                format!(
                    "the required input {} ({}) of {code} {version} is empty",
                    input.key, input.name
                ),
                format!("必填输入 {}（{}）为空", input.key, input.name),
            );
            continue;
        }
        let Some(value) = value else { continue };
        if let Some(why) = misfit(input, value) {
            cx.emit(
                &PLUGIN004,
                At::path(at.key(&input.key).key("value")).with_node(n.key()),
                format!(
                    "input {} ({}) of {code} {version}: {why}",
                    input.key, input.ty
                ),
                format!(
                    "输入 {}（{}）的值与表单类型 {} 不符",
                    input.key, input.name, input.ty
                ),
            );
        }
    }
}

fn empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// Why `value` does not fit the form of `input`, if it does not. A string holding a `${...}`
/// reference fits anything (it is rendered first).
fn misfit(input: &Input, value: &Value) -> Option<String> {
    if value.as_str().is_some_and(|s| s.contains("${")) || empty(value) {
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
        "int" if value.as_f64().is_none() => Some("it is not a number".into()),
        "checkbox" | "select" if input.multiple || input.ty == "checkbox" => match value {
            Value::Array(items) => items
                .iter()
                .find(|i| checked && !one_of(i))
                .map(|_| "a chosen value is not one of the options".into()),
            _ => Some("it is not a list".into()),
        },
        "select" | "radio" if checked && !one_of(value) => {
            Some("it is not one of the options".into())
        }
        _ => None,
    }
}
