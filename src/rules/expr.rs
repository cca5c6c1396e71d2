//! EXPR: what bamboo-engine evaluates when the task runs.
//!
//! EXPR001: a branch condition of an `ExclusiveGateway` or `ConditionalParallelGateway` is
//! rendered (its `${...}` replaced by values) and parsed by boolrule; a condition that does not
//! parse fails the gateway ([`crate::variables::boolrule`]), each rendered template taken as one
//! word; a condition that is one reference alone (`${flag}`) is the variable's value, whatever
//! it holds, and is not judged. A gateway whose
//! `extra_info.parse_lang` names another language (BKFlow's `FEEL`, `MAKO`) is not boolrule's.
//!
//! EXPR002: a `${...}` that Mako refuses to compile ([`crate::variables::mako::refusal`]) in a
//! value the engine renders: a task's plugin inputs (`component.data`, or in bamboo-engine's
//! format `component.inputs` other than `plain`), a sub-process's parameters, a variable's
//! value. The engine leaves such a template as written (its render backend keeps the text on
//! a compile error), so the plugin gets the text: a warning, not an error.

use super::ctx::{At, Ctx};
use super::registry::*;
use crate::json::{Path, Value};
use crate::model::{Constant, Node, NodeKind};
use crate::variables::refs::strings;
use crate::variables::{boolrule, mako};

/// EXPR001 for a gateway's conditions, EXPR002 for an activity's inputs or parameters.
pub(crate) fn node(cx: &mut Ctx<'_>, n: &Node<'_>) {
    if !cx.any_on(&[&EXPR001, &EXPR002]) {
        return;
    }
    if n.kind().is_conditional() {
        conditions(cx, n);
        return;
    }
    if !n.kind().is_activity() {
        return;
    }
    let at = n.path();
    if n.kind() == NodeKind::SubProcess {
        let Some(params) = n.object().get("constants").and_then(Value::as_object) else {
            return;
        };
        for (child, p) in params.iter() {
            if let Some(v) = p.as_object().and_then(|p| p.get("value")) {
                let place = Place::Parameter(n.key(), child);
                let path = || at.key("constants").then(child).then("value");
                values(cx, v, &path, &place);
            }
        }
        return;
    }
    let Some(component) = n.component() else {
        return;
    };
    for (field, items) in [("data", component.data()), ("inputs", component.inputs())] {
        for (tag, item) in items.into_iter().flat_map(|o| o.iter()) {
            let Some(item) = item.as_object() else {
                continue;
            };
            // bamboo-engine does not render a `plain` input
            if field == "inputs" && item.get("type").and_then(Value::as_str) == Some("plain") {
                continue;
            }
            if let Some(v) = item.get("value") {
                let path = || at.key("component").then(field).then(tag).then("value");
                values(cx, v, &path, &Place::Input(n.key(), tag));
            }
        }
    }
}

/// EXPR002 for a variable's value.
pub(crate) fn constant(cx: &mut Ctx<'_>, c: &Constant<'_>) {
    if !cx.on(&EXPR002) {
        return;
    }
    if let Some(v) = c.value() {
        let at = || {
            Path::root()
                .then("constants")
                .then(c.map_key())
                .then("value")
        };
        let key = c.key().unwrap_or(c.map_key());
        values(cx, v, &at, &Place::Variable(key));
    }
}

fn conditions(cx: &mut Ctx<'_>, n: &Node<'_>) {
    let lang = n
        .object()
        .get("extra_info")
        .and_then(Value::as_object)
        .and_then(|e| e.get("parse_lang"))
        .and_then(Value::as_str);
    if lang.is_some_and(|l| !l.is_empty() && !l.eq_ignore_ascii_case("boolrule")) {
        return;
    }
    for c in n.conditions() {
        let Some(e) = c.evaluate() else { continue };
        // `${flag}` alone: the variable's value is the whole condition, unknown here
        if crate::variables::refs::whole_key(e.trim()).is_some() {
            continue;
        }
        let Err(f) = boolrule::condition(e) else {
            continue;
        };
        let name = c.name().unwrap_or("");
        let (gw, flow) = (n.key(), c.flow_id);
        let path = n.path().then("conditions").then(flow).then("evaluate");
        cx.emit(
            &EXPR001,
            At::path(path).with_node(gw).with_flow(flow),
            format!(
                "condition {name} (flow {flow}) of gateway {gw} does not parse: {}",
                f.describe()
            ),
            format!(
                "网关 {gw} 的条件 {name}（连线 {flow}）表达式无法解析：{}",
                f.describe_zh()
            ),
        );
    }
}

enum Place<'a> {
    Input(&'a str, &'a str),
    Parameter(&'a str, &'a str),
    Variable(&'a str),
}

fn values(cx: &mut Ctx<'_>, v: &Value, at: &dyn Fn() -> Path, place: &Place<'_>) {
    let mut found = Vec::new();
    strings(v, at, &mut |path, s| {
        if let Some(r) = mako::refusal(s) {
            found.push((path(), r));
        }
    });
    for (path, r) in found {
        let (en, zh, node) = match *place {
            Place::Input(n, tag) => (
                format!("input {tag} of node {n}"),
                format!("节点 {n} 的输入 {tag}"),
                Some(n),
            ),
            Place::Parameter(n, key) => (
                format!("parameter {key} of sub-process {n}"),
                format!("子流程节点 {n} 的参数 {key}"),
                Some(n),
            ),
            Place::Variable(key) => (
                format!("the value of variable {key}"),
                format!("变量 {key} 的值"),
                None,
            ),
        };
        let template = shorten(r.template);
        let mut at = At::path(path);
        if let Some(n) = node {
            at = at.with_node(n);
        }
        cx.emit(
            &EXPR002,
            at,
            format!(
                "{en}: Mako cannot compile {template} ({}); it stays as written when the task runs",
                r.problem.describe()
            ),
            format!(
                "{zh}：表达式 {template} 无法被 Mako 编译（{}），执行时按原文保留",
                r.problem.describe_zh()
            ),
        );
    }
}

/// A template as messages show it: at most 40 characters, then `…`.
fn shorten(t: &str) -> String {
    let mut out: String = t.chars().take(40).collect();
    if t.chars().nth(40).is_some() {
        out.push('…');
    }
    out
}
