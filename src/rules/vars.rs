//! VAR: references to variables that do not exist, and hooks whose two sides disagree
//! (variables-spec §0: a hooked input holds `${key}` with `hook: true`, and the variable's
//! `source_info` lists it).
//!
//! Always defined, as SOPS's editor counts them (§3.5): system variables (`${_system.x}`),
//! project variables (`${_env_x}`), the tree's `internalVariable`s, and the builtins of the
//! expressions Mako evaluates (`int`, `len`...); in bamboo-engine's format, `data.inputs`.

use super::ctx::{At, Ctx};
use super::registry::*;
use crate::json::Value;
use crate::model::{Constant, Node, NodeKind, Tree};
use crate::variables::refs::{self, Use, UseKind};

/// Python builtins an expression may call (counted as names by Mako, never variables).
const BUILTINS: &[&str] = &[
    "abs",
    "all",
    "any",
    "bin",
    "bool",
    "chr",
    "dict",
    "divmod",
    "enumerate",
    "filter",
    "float",
    "format",
    "hasattr",
    "hex",
    "int",
    "isinstance",
    "len",
    "list",
    "map",
    "max",
    "min",
    "oct",
    "ord",
    "pow",
    "range",
    "repr",
    "reversed",
    "round",
    "set",
    "sorted",
    "str",
    "sum",
    "tuple",
    "type",
    "zip",
    "getattr",
    "callable",
    "iter",
    "next",
    "slice",
    "None",
    "True",
    "False",
];

/// Whether `key` (`${name}`) names something always defined, or a variable of the tree.
fn defined(tree: &Tree, key: &str) -> bool {
    let name = crate::variables::key_name(key);
    name == "_system"
        || name.starts_with("_system.")
        || name.starts_with("_env_")
        || BUILTINS.contains(&name)
        || tree.constant(key).is_some()
        || tree.internal_variables().any(|c| c.key() == Some(key))
        || engine_input(tree, key)
}

/// A tree in bamboo-engine's format defines its variables in `data.inputs`.
fn engine_input(tree: &Tree, key: &str) -> bool {
    tree.root()
        .get("data")
        .and_then(Value::as_object)
        .and_then(|d| d.get("inputs"))
        .and_then(Value::as_object)
        .is_some_and(|i| i.contains_key(key))
}

/// VAR001 and VAR002 for one node.
pub(crate) fn node(cx: &mut Ctx<'_>, n: &Node<'_>) {
    if !cx.any_on(&[&VAR001, &VAR002]) {
        return;
    }
    let tree = cx.tree;
    let mut suspects = Suspects {
        tree,
        node: n.key(),
        uses: Vec::new(),
    };
    refs::node_uses(tree, n, &mut suspects);
    for u in &suspects.uses {
        match u.kind {
            UseKind::Input => hooked(cx, n, u),
            _ if !defined(tree, &u.key) => undefined(cx, u),
            _ => {}
        }
    }
}

/// The uses of a node that [`hooked`] or [`undefined`] may report: every use but a hooked input
/// its variable's `source_info` lists and a reference to a defined name (so that the places of
/// the many good ones are never built).
struct Suspects<'t> {
    tree: &'t Tree,
    node: &'t str,
    uses: Vec<Use>,
}

impl refs::Sink for Suspects<'_> {
    fn found(
        &mut self,
        key: &str,
        kind: UseKind,
        whose: &refs::Whose<'_>,
        path: &dyn Fn() -> crate::json::Path,
    ) {
        let fine = match (kind, whose.tag) {
            (UseKind::Input, Some(tag)) => listed(self.tree, key, self.node, tag) == Some(true),
            (UseKind::Input, None) => false,
            _ => defined(self.tree, key),
        };
        if !fine {
            self.uses.found(key, kind, whose, path);
        }
    }
}

/// Whether variable `key`'s `source_info` lists node `node`'s input `tag` (None: no such
/// variable, or it lists nothing for the node).
fn listed(tree: &Tree, key: &str, node: &str, tag: &str) -> Option<bool> {
    tree.constant(key)
        .and_then(|c| c.source_info()?.get(node)?.as_array())
        .map(|l| {
            // the tag as written, or braced (`${tag}`) when it is not already
            let bare = !(tag.starts_with("${") && tag.ends_with('}'));
            l.iter().filter_map(Value::as_str).any(|t| {
                t == tag
                    || bare && t.strip_prefix("${").and_then(|r| r.strip_suffix('}')) == Some(tag)
            })
        })
}

/// VAR001 for one variable's value, VAR003 for its `source_info`, VAR004 for its
/// `hide_condition`, VAR005 for its `validation`.
pub(crate) fn constant(cx: &mut Ctx<'_>, c: &Constant<'_>) {
    let tree = cx.tree;
    if cx.on(&VAR004) {
        hide_condition(cx, c);
    }
    if cx.on(&VAR005) {
        validation(cx, c);
    }
    if cx.on(&VAR001) {
        let mut uses = Vec::new();
        refs::variable_uses(c, &mut uses);
        for u in uses.iter().filter(|u| u.kind == UseKind::Variable) {
            if !defined(tree, &u.key) {
                undefined(cx, u);
            }
        }
    }
    if !cx.on(&VAR003) || c.source_type() != Some("component_inputs") {
        return;
    }
    let key = c.key().unwrap_or(c.map_key());
    let Some(info) = c.source_info() else { return };
    for (node, tags) in info.iter() {
        // a missing node is TASK007
        let Some(n) = tree.activity(node) else {
            continue;
        };
        for tag in tags
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if let Some(why) = unlisted_input(&n, tag, key) {
                cx.emit(
                    &VAR003,
                    At::path(
                        crate::json::Path::root()
                            .key("constants")
                            .key(c.map_key())
                            .key("source_info")
                            .key(node),
                    )
                    .with_node(n.key()),
                    format!("variable {key} lists input {tag} of {node}, which {why}"),
                    format!(
                        "变量 {key} 记录了节点 {node} 的输入 {tag}，但该输入不存在或未引用该变量"
                    ),
                );
            }
        }
    }
}

/// Why node `n`'s input `tag` is not hooked to `key`, if it is not.
fn unlisted_input(n: &Node<'_>, tag: &str, key: &str) -> Option<&'static str> {
    let item = if n.kind() == NodeKind::SubProcess {
        let child = crate::variables::braced(tag);
        n.object()
            .get("constants")
            .and_then(Value::as_object)
            .and_then(|o| o.get(&child))
    } else {
        n.component()
            .and_then(|c| c.data())
            .and_then(|d| d.get(tag))
    };
    let Some(item) = item.and_then(Value::as_object) else {
        return Some("it does not have");
    };
    if item.get("value").and_then(Value::as_str) != Some(key) {
        return Some("does not hold it");
    }
    None
}

fn hooked(cx: &mut Ctx<'_>, n: &Node<'_>, u: &Use) {
    let tree = cx.tree;
    // activities.<id>.component.data.<tag>.value, or activities.<id>.constants.<key>.value
    let segs = u.path.segments();
    let at = if n.kind() == NodeKind::SubProcess {
        3
    } else {
        4
    };
    let tag = match segs.get(at) {
        Some(crate::json::Seg::Key(t)) => t.as_str(),
        _ => return,
    };
    let (en, zh) = match listed(tree, &u.key, n.key(), tag) {
        None if tree.constant(&u.key).is_none() => (
            format!(
                "input {tag} of {} is hooked to {}, which does not exist",
                n.key(),
                u.key
            ),
            format!("节点 {} 的输入 {tag} 引用的变量 {} 不存在", n.key(), u.key),
        ),
        Some(true) => return,
        _ => (
            format!(
                "input {tag} of {} is hooked to {}, whose source_info does not list it",
                n.key(),
                u.key
            ),
            format!(
                "节点 {} 的输入 {tag} 引用了变量 {}，但该变量的 source_info 未记录此输入",
                n.key(),
                u.key
            ),
        ),
    };
    cx.emit(&VAR002, At::path(u.path.clone()).with_node(n.key()), en, zh);
}

fn undefined(cx: &mut Ctx<'_>, u: &Use) {
    let mut at = At::path(u.path.clone());
    if let Some(n) = &u.node_id {
        at = at.with_node(n);
    }
    if let Some(f) = &u.flow_id {
        at = at.with_flow(f);
    }
    let place = match u.kind {
        UseKind::Condition => "a branch condition",
        UseKind::Variable => "a variable's value",
        UseKind::Subprocess => "a sub-process parameter",
        _ => "a plugin input",
    };
    let place_zh = match u.kind {
        UseKind::Condition => "分支条件",
        UseKind::Variable => "变量值",
        UseKind::Subprocess => "子流程参数",
        _ => "插件输入",
    };
    cx.emit(
        &VAR001,
        at,
        format!("{place} refers to {}, which no variable defines", u.key),
        format!("{place_zh}引用的变量 {} 不存在", u.key),
    );
}

/// VAR004: the variables a `hide_condition` names (`[{constant_key, operator, value}]`) that
/// do not exist (the panel's "`<keys>`变量未找到", variables-spec §4.1).
fn hide_condition(cx: &mut Ctx<'_>, c: &Constant<'_>) {
    let tree = cx.tree;
    let Some(items) = c.object().get("hide_condition").and_then(Value::as_array) else {
        return;
    };
    let path = crate::json::Path::root()
        .key("constants")
        .key(c.map_key())
        .key("hide_condition");
    for (i, item) in items.iter().enumerate() {
        let Some(key) = item
            .as_object()
            .and_then(|o| o.get("constant_key"))
            .and_then(Value::as_str)
        else {
            continue;
        };
        if tree.constant(key).is_some() {
            continue;
        }
        cx.emit(
            &VAR004,
            At::path(path.index(i).key("constant_key")),
            format!(
                "variable {} is hidden on a condition on {key}, which does not exist",
                c.map_key()
            ),
            format!("变量 {} 的隐藏条件引用的变量 {key} 未找到", c.map_key()),
        );
    }
}

/// VAR005: a `validation` JavaScript surely refuses (the panel's "正则校验不是合法的正则表达式").
fn validation(cx: &mut Ctx<'_>, c: &Constant<'_>) {
    let Some(pattern) = c.object().get("validation").and_then(Value::as_str) else {
        return;
    };
    let Some((why, why_zh)) = crate::variables::regex::refusal(pattern) else {
        return;
    };
    cx.emit(
        &VAR005,
        At::path(
            crate::json::Path::root()
                .key("constants")
                .key(c.map_key())
                .key("validation"),
        ),
        format!(
            "the validation of variable {} is not a regular expression JavaScript accepts: {why}",
            c.map_key()
        ),
        format!(
            "变量 {} 的正则校验不是合法的正则表达式：{why_zh}",
            c.map_key()
        ),
    );
}

/// VAR006: a variable nothing uses (received outputs are kept: SOPS keeps them in tasks).
pub(crate) fn unused(cx: &mut Ctx<'_>, c: &Constant<'_>, used: impl Fn(&str) -> bool) {
    if c.source_type() == Some("component_outputs") {
        return;
    }
    let key = c.key().unwrap_or(c.map_key());
    if used(key) {
        return;
    }
    cx.emit(
        &VAR006,
        At::path(crate::json::Path::root().key("constants").key(c.map_key())),
        format!("no task input, branch condition, sub-process parameter, other variable or the template's outputs uses variable {key}"),
        format!("变量 {key} 未被任何节点输入、分支条件、子流程参数、其他变量或流程输出引用"),
    );
}

/// The variables (keys in `constants`) a node's unit looks up (VAR001, VAR002): every key its
/// uses name, and for a sub-process the keys its shown parameters hold whole (whether such a
/// parameter is hooked depends on that variable's `source_info`). The editor reruns the node
/// when one of them comes, goes or changes its `source_info`.
pub(crate) fn node_reads(tree: &Tree, n: &Node<'_>, out: &mut Vec<String>) {
    let mut uses = Vec::new();
    refs::node_uses(tree, n, &mut uses);
    for u in uses {
        if !out.contains(&u.key) {
            out.push(u.key);
        }
    }
    if n.kind() != NodeKind::SubProcess {
        return;
    }
    let params = n.object().get("constants").and_then(Value::as_object);
    for (_, p) in params.into_iter().flat_map(|o| o.iter()) {
        let whole = p
            .as_object()
            .and_then(|p| p.get("value"))
            .and_then(Value::as_str)
            .and_then(refs::whole_key);
        if let Some(k) = whole.filter(|k| !out.iter().any(|x| x == k)) {
            out.push(k.to_owned());
        }
    }
}

/// The variables a variable's unit looks up by key (VAR001 in its value, VAR004 in its
/// `hide_condition`): the editor reruns it when one of them comes or goes.
pub(crate) fn constant_reads(c: &Constant<'_>) -> Vec<String> {
    let mut uses = Vec::new();
    refs::variable_uses(c, &mut uses);
    let mut out: Vec<String> = Vec::new();
    for u in uses.into_iter().filter(|u| u.kind == UseKind::Variable) {
        if !out.contains(&u.key) {
            out.push(u.key);
        }
    }
    let conditions = c.object().get("hide_condition").and_then(Value::as_array);
    for item in conditions.into_iter().flatten() {
        let key = item
            .as_object()
            .and_then(|o| o.get("constant_key"))
            .and_then(Value::as_str);
        if let Some(k) = key.filter(|k| !out.iter().any(|x| x == k)) {
            out.push(k.to_owned());
        }
    }
    out
}
