//! SCHEMA (the JSON schema SOPS validates a saved tree against, `WEB_PIPELINE_SCHEMA`), and the
//! node field rules NODE, NAME and SUB.

use super::ctx::{word_key, At, Ctx};
use super::registry::*;
use crate::json::{Path, Value};
use crate::model::{Constant, Flow, Node, NodeKind, Place, TreeFormat};

/// `ONE_FLOW`: a string, or a list of exactly one non-empty string.
fn one_flow(v: &Value) -> bool {
    match v {
        Value::String(_) => true,
        Value::Array(items) => items.len() == 1 && items[0].as_str().is_some_and(|s| !s.is_empty()),
        _ => false,
    }
}

/// `MULTIPLE_FLOW`: a string, or a non-empty list of non-empty strings.
fn multiple_flow(v: &Value) -> bool {
    match v {
        Value::String(_) => true,
        Value::Array(items) => {
            !items.is_empty()
                && items
                    .iter()
                    .all(|i| i.as_str().is_some_and(|s| !s.is_empty()))
        }
        _ => false,
    }
}

/// What SOPS strips from names before saving (`standardize_pipeline_node_name`).
const STRIPPED: &[char] = &['<', '>', '$', '&', '\'', '"'];

/// SCHEMA001: the sections a tree must have, as its format needs them: a web tree (and a
/// fragment, judged as one) the six of SOPS's schema, an engine tree the four nodes' sections
/// (bamboo-engine has no `constants` or `outputs`; its `data` is checked by [`engine_data`]).
pub(crate) fn top(cx: &mut Ctx<'_>) {
    super::types::top(cx);
    let root = cx.tree.root();
    let engine = cx.tree.format() == TreeFormat::Engine;
    let sections: &[&str] = if engine {
        &["start_event", "end_event", "activities", "gateways"]
    } else {
        &[
            "start_event",
            "end_event",
            "activities",
            "gateways",
            "outputs",
            "constants",
        ]
    };
    for key in sections {
        if !root.contains_key(key) {
            cx.emit(
                &SCHEMA001,
                At::path(Path::root()),
                format!("the tree has no '{key}'"),
                format!("流程树缺少必需字段 '{key}'"),
            );
        }
    }
    if engine {
        engine_data(cx);
    }
}

/// An engine tree's `data`: its fields' JSON types (SCHEMA013), and each `data.inputs` item as
/// bamboo-engine reads it (SCHEMA014).
fn engine_data(cx: &mut Ctx<'_>) {
    let Some(Value::Object(data)) = cx.tree.root().get("data") else {
        return;
    };
    super::types::engine_data(cx, data);
    if let Some(Value::Object(inputs)) = data.get("inputs") {
        let path = Path::root().key("data").key("inputs");
        for (k, item) in inputs.iter() {
            let (what, what_zh) = (format!("variable {k}"), format!("变量 {k}"));
            engine_var(cx, &SCHEMA014, &path.key(k), None, &what, &what_zh, item);
        }
    }
}

/// One item of bamboo-engine's `data.inputs` or `component.inputs` (its builder's `Var`):
/// an object with `type` plain, splice or lazy and a `value`; a lazy one names its
/// `custom_type` (`rule`: SCHEMA014 for `data`, SCHEMA011 for a component). Wrong JSON types
/// are SCHEMA013's.
fn engine_var(
    cx: &mut Ctx<'_>,
    rule: &'static Rule,
    path: &Path,
    node: Option<&str>,
    what: &str,
    what_zh: &str,
    item: &Value,
) {
    let at = |p: Path| match node {
        Some(n) => At::path(p).with_node(n),
        None => At::path(p),
    };
    let Some(o) = item.as_object() else {
        cx.emit(
            rule,
            at(path.clone()),
            format!("{what} is not an object with type and value"),
            format!("{what_zh} 不是含 type 和 value 的对象"),
        );
        return;
    };
    for f in ["type", "value"] {
        if !o.contains_key(f) {
            cx.emit(
                rule,
                at(path.clone()),
                format!("{what} has no '{f}'"),
                format!("{what_zh} 缺少 '{f}'"),
            );
        }
    }
    match o.get("type").and_then(Value::as_str) {
        Some("plain" | "splice") | None => {}
        Some("lazy") => {
            if o.get("custom_type").and_then(Value::as_str).is_none() {
                cx.emit(
                    rule,
                    at(path.clone()),
                    format!("{what} is lazy but names no custom_type"),
                    format!("{what_zh} 为 lazy 类型但缺少 custom_type"),
                );
            }
        }
        Some(t) => cx.emit(
            rule,
            at(path.key("type")),
            format!("{what} has type {t:?}; bamboo-engine knows plain, splice and lazy"),
            format!("{what_zh} 的 type 为 {t:?}；引擎只认 plain、splice 和 lazy"),
        ),
    }
}

/// One node's fields: SCHEMA002/003 (events), SCHEMA005 (gateways), SCHEMA010 and the
/// activity rules, NAME001.
pub(crate) fn node(cx: &mut Ctx<'_>, n: &Node<'_>) {
    match n.place() {
        Place::StartEvent => {
            required(cx, n, &["id", "name", "type", "outgoing"], &SCHEMA002);
            if n.type_name().is_some_and(|t| t != "EmptyStartEvent") {
                wrong_type(cx, n, &SCHEMA002, "EmptyStartEvent");
            }
            if let Some(v) = n.object().get("outgoing") {
                if !one_flow(v) {
                    cx.emit(
                        &SCHEMA002,
                        At::node_field(n, "outgoing"),
                        "the start event must have exactly one outgoing flow".into(),
                        "开始节点只能有一条输出连线".into(),
                    );
                }
            }
        }
        Place::EndEvent => {
            required(cx, n, &["id", "name", "type", "incoming"], &SCHEMA003);
            if n.type_name().is_some_and(|t| t != "EmptyEndEvent") {
                wrong_type(cx, n, &SCHEMA003, "EmptyEndEvent");
            }
            if let Some(v) = n.object().get("incoming") {
                if !multiple_flow(v) {
                    cx.emit(
                        &SCHEMA003,
                        At::node_field(n, "incoming"),
                        "the end event's incoming must be a flow id or a non-empty list of flow ids".into(),
                        "结束节点的 incoming 必须是连线 id 或非空列表".into(),
                    );
                }
            }
        }
        Place::Gateways if word_key(n.key()) => gateway(cx, n),
        Place::Activities if word_key(n.key()) => activity(cx, n),
        _ => {}
    }
    names(cx, n);
}

/// SCHEMA004: a flow's required fields.
pub(crate) fn flow(cx: &mut Ctx<'_>, f: &Flow<'_>) {
    if !word_key(f.key()) {
        return;
    }
    for field in ["id", "source", "target"] {
        if !f.object().contains_key(field) {
            cx.emit(
                &SCHEMA004,
                At::path(Path::root().key("flows").key(f.key())).with_flow(f.key()),
                format!("flow {} has no '{field}'", f.key()),
                format!("连线 {} 缺少字段 '{field}'", f.key()),
            );
        }
    }
}

fn required(cx: &mut Ctx<'_>, n: &Node<'_>, fields: &[&str], code: &'static Rule) {
    for f in fields {
        if !n.object().contains_key(f) {
            cx.emit(
                code,
                At::node(n),
                format!("{} has no '{f}'", describe(n)),
                format!("{} 缺少字段 '{f}'", describe_zh(n)),
            );
        }
    }
}

fn wrong_type(cx: &mut Ctx<'_>, n: &Node<'_>, code: &'static Rule, expected: &str) {
    cx.emit(
        code,
        At::node_field(n, "type"),
        format!(
            "{} has type {:?}; expected {expected}",
            describe(n),
            n.type_name().unwrap_or_default()
        ),
        format!(
            "{} 的类型是 {:?}，应为 {expected}",
            describe_zh(n),
            n.type_name().unwrap_or_default()
        ),
    );
}

pub(crate) fn describe(n: &Node<'_>) -> String {
    match n.place() {
        Place::StartEvent => "the start event".into(),
        Place::EndEvent => "the end event".into(),
        Place::Activities => format!("activity {}", n.key()),
        Place::Gateways => format!("gateway {}", n.key()),
    }
}

/// [`describe`] in Chinese: 开始节点, 结束节点, "标准插件节点 a1", "并行网关 g1"…
pub(crate) fn describe_zh(n: &Node<'_>) -> String {
    match (n.place(), n.kind()) {
        (Place::StartEvent, _) => "开始节点".into(),
        (Place::EndEvent, _) => "结束节点".into(),
        (Place::Activities, k) if k.is_activity() => format!("{} {}", k.name_zh(), n.key()),
        (Place::Activities, _) => format!("节点 {}", n.key()),
        (Place::Gateways, k) if k.is_gateway() => format!("{} {}", k.name_zh(), n.key()),
        (Place::Gateways, _) => format!("网关 {}", n.key()),
    }
}

fn gateway(cx: &mut Ctx<'_>, g: &Node<'_>) {
    let kind = g.kind();
    if !kind.is_gateway() {
        cx.emit(
            &SCHEMA005,
            At::node_field(g, "type"),
            format!(
                "gateway {} has type {:?}, which is not a gateway type",
                g.key(),
                g.type_name().unwrap_or_default()
            ),
            format!("网关 {} 的类型不是合法的网关类型", g.key()),
        );
        return;
    }
    required(
        cx,
        g,
        &["id", "type", "name", "incoming", "outgoing"],
        &SCHEMA005,
    );
    if g.name().is_some_and(|n| n.chars().count() > 50) {
        cx.emit(
            &SCHEMA005,
            At::node_field(g, "name"),
            format!(
                "the name of gateway {} is longer than 50 characters",
                g.key()
            ),
            format!("网关 {} 的名称超过 50 个字符", g.key()),
        );
    }
    let out_ok: fn(&Value) -> bool = if kind == NodeKind::ConvergeGateway {
        one_flow
    } else {
        multiple_flow
    };
    if let Some(v) = g.object().get("incoming") {
        if !multiple_flow(v) {
            io_shape(cx, g, "incoming", &SCHEMA005);
        }
    }
    if let Some(v) = g.object().get("outgoing") {
        if !out_ok(v) {
            io_shape(cx, g, "outgoing", &SCHEMA005);
        }
    }
    if kind.is_conditional() {
        match g.object().get("conditions") {
            Some(Value::Object(conds)) => {
                for (k, c) in conds.iter() {
                    let ok = c
                        .as_object()
                        .is_some_and(|c| c.get("evaluate").is_some_and(|e| e.as_str().is_some()));
                    if word_key(k) && !ok {
                        cx.emit(
                            &SCHEMA008,
                            At::node_field(g, "conditions").with_flow(k),
                            format!(
                                "the condition of flow {k} on gateway {} has no 'evaluate'",
                                g.key()
                            ),
                            format!("网关 {} 的条件 {k} 缺少 evaluate", g.key()),
                        );
                    }
                }
            }
            _ => cx.emit(
                &SCHEMA008,
                At::node(g),
                format!("gateway {} has no 'conditions'", g.key()),
                format!("网关 {} 缺少 conditions", g.key()),
            ),
        }
    }
}

fn io_shape(cx: &mut Ctx<'_>, n: &Node<'_>, field: &str, code: &'static Rule) {
    let (en, zh) = if field == "outgoing"
        && (n.kind() == NodeKind::ConvergeGateway || n.kind().is_activity())
    {
        (
            "a flow id, or a list of exactly one",
            "一个连线 id，或只含一个连线 id 的列表",
        )
    } else {
        (
            "a flow id or a non-empty list of flow ids",
            "连线 id 或非空的连线 id 列表",
        )
    };
    cx.emit(
        code,
        At::node_field(n, field),
        format!("'{field}' of {} must be {en}", describe(n)),
        format!("{} 的 {field} 必须是{zh}", describe_zh(n)),
    );
}

fn activity(cx: &mut Ctx<'_>, a: &Node<'_>) {
    activity_fields(cx, a);
    if let Some(Value::Object(comp)) = a.object().get("component") {
        component(cx, a, comp);
    }
    match a.kind() {
        NodeKind::ServiceActivity => {
            if a.component()
                .and_then(|c| c.code())
                .is_none_or(str::is_empty)
            {
                cx.emit(
                    &NODE001,
                    At::node(a),
                    format!("activity {} has no plugin (component.code)", a.key()),
                    format!("标准插件节点 {} 没有选择插件（component.code）", a.key()),
                );
            }
            timeouts(cx, a);
        }
        // An engine tree's sub-process embeds its pipeline and names no template.
        NodeKind::SubProcess
            if a.template_id().is_none() && cx.tree.format() != TreeFormat::Engine =>
        {
            cx.emit(
                &SUB008,
                At::node(a),
                format!("sub-process {} has no template_id", a.key()),
                format!("子流程节点 {} 没有 template_id", a.key()),
            );
        }
        _ => {}
    }
}

/// An activity's type, required fields, name and flow lists (SCHEMA010, NODE012).
fn activity_fields(cx: &mut Ctx<'_>, a: &Node<'_>) {
    let kind = a.kind();
    if !kind.is_activity() {
        cx.emit(
            &SCHEMA010,
            At::node_field(a, "type"),
            format!(
                "activity {} has type {:?}; expected ServiceActivity or SubProcess",
                a.key(),
                a.type_name().unwrap_or_default()
            ),
            format!(
                "节点 {} 的类型必须是 ServiceActivity 或 SubProcess",
                a.key()
            ),
        );
    }
    let engine = cx.tree.format() == TreeFormat::Engine;
    let fields: &[&str] = if engine {
        &["id", "type", "incoming", "outgoing"]
    } else {
        &["id", "name", "type", "incoming", "outgoing"]
    };
    required(cx, a, fields, &SCHEMA010);
    // bamboo-engine never reads a name: an engine tree's may be empty.
    if let Some(name) = a.name().filter(|_| !engine) {
        let kept: String = name.chars().filter(|c| !STRIPPED.contains(c)).collect();
        if kept.is_empty() {
            cx.emit(
                &SCHEMA010,
                At::node_field(a, "name"),
                format!("activity {} has an empty name", a.key()),
                format!("节点 {} 的名称为空", a.key()),
            );
        }
    }
    if let Some(v) = a.object().get("incoming") {
        if !multiple_flow(v) {
            io_shape(cx, a, "incoming", &SCHEMA010);
        }
    }
    if let Some(v) = a.object().get("outgoing") {
        if !one_flow(v) {
            io_shape(cx, a, "outgoing", &SCHEMA010);
        } else if v.as_array().is_some() {
            cx.emit(
                &NODE012,
                At::node_field(a, "outgoing"),
                format!("the outgoing of activity {} is a one-item list; bamboo-engine needs the flow id itself", a.key()),
                format!("节点 {} 的 outgoing 必须是字符串而不是列表", a.key()),
            );
        }
    }
}

/// A component's `code` and inputs, and each input's fields (SCHEMA011): `data` items with
/// `hook` and `value` in the web format, `inputs` items as bamboo-engine reads them in the
/// engine format; a fragment is read in the format of the inputs it has.
fn component(cx: &mut Ctx<'_>, a: &Node<'_>, comp: &crate::json::Object) {
    let engine = match cx.tree.format() {
        TreeFormat::Engine => true,
        TreeFormat::Web => false,
        TreeFormat::Fragment => comp.contains_key("inputs") && !comp.contains_key("data"),
    };
    let inputs = if engine { "inputs" } else { "data" };
    for f in ["code", inputs] {
        if !comp.contains_key(f) {
            cx.emit(
                &SCHEMA011,
                At::node_field(a, "component"),
                format!("the component of activity {} has no '{f}'", a.key()),
                format!("节点 {} 的插件缺少 '{f}'", a.key()),
            );
        }
    }
    let Some(Value::Object(items)) = comp.get(inputs) else {
        return;
    };
    let base = crate::rules::ctx::node_path(a).key("component").key(inputs);
    for (k, item) in items.iter() {
        if engine {
            let (what, what_zh) = (
                format!("input {k} of activity {}", a.key()),
                format!("节点 {} 的参数 {k}", a.key()),
            );
            engine_var(
                cx,
                &SCHEMA011,
                &base.key(k),
                Some(a.key()),
                &what,
                &what_zh,
                item,
            );
            continue;
        }
        if !word_key(k) {
            continue;
        }
        for f in ["hook", "value"] {
            if !item.as_object().is_some_and(|o| o.contains_key(f)) {
                cx.emit(
                    &SCHEMA011,
                    At::path(base.key(k)).with_node(a.key()),
                    format!("input {k} of activity {} has no '{f}'", a.key()),
                    format!("节点 {} 的参数 {k} 缺少 '{f}'", a.key()),
                );
            }
        }
    }
}

fn timeouts(cx: &mut Ctx<'_>, a: &Node<'_>) {
    let auto_retry = a.auto_retry();
    if let Some(t) = a.timeout_config().filter(|t| t.enable) {
        if a.error_ignorable() == Some(true) || auto_retry.is_some_and(|r| r.enable) {
            cx.emit(
                &NODE003,
                At::node_field(a, "timeout_config"),
                format!(
                    "activity {} enables a timeout together with error_ignorable or auto_retry; the task fails to start",
                    a.key()
                ),
                format!(
                    "节点 {} 同时开启了超时与失败后跳过（error_ignorable）或自动重试（auto_retry），任务无法启动",
                    a.key()
                ),
            );
        }
        let ok = t
            .seconds
            .is_some_and(|s| s.fract() == 0.0 && (10.0..=86400.0).contains(&s));
        if !ok {
            cx.emit(
                &NODE004,
                At::node_field(a, "timeout_config"),
                format!(
                    "activity {}: the timeout must be a whole number of seconds from 10 to 86400; SOPS ignores it otherwise",
                    a.key()
                ),
                format!(
                    "节点 {} 的超时时间须为 10 到 86400 之间的整数秒，否则标准运维会忽略它",
                    a.key()
                ),
            );
        }
    }
    if let Some(r) = auto_retry.filter(|r| r.enable) {
        let times_ok = r
            .times
            .is_none_or(|t| t.fract() == 0.0 && (1.0..=10.0).contains(&t));
        let interval_ok = r
            .interval
            .is_none_or(|i| i.fract() == 0.0 && (0.0..=60.0).contains(&i));
        if !times_ok || !interval_ok {
            cx.emit(
                &NODE005,
                At::node_field(a, "auto_retry"),
                format!(
                    "activity {}: automatic retries must be 1 to 10 times, 0 to 60 seconds apart; SOPS clamps other values",
                    a.key()
                ),
                format!(
                    "节点 {} 的自动重试次数须为 1~10 次，间隔 0~60 秒，否则标准运维会修正为范围内的值",
                    a.key()
                ),
            );
        }
    }
}

fn names(cx: &mut Ctx<'_>, n: &Node<'_>) {
    let Some(name) = n.name() else { return };
    let stripped = name.chars().any(|c| STRIPPED.contains(&c));
    let long = name.chars().count() > 50;
    if stripped || long {
        cx.emit(
            &NAME001,
            At::node_field(n, "name"),
            format!(
                "the name of {} {}; SOPS rewrites it on save",
                describe(n),
                match (stripped, long) {
                    (true, true) => "contains < > $ & ' \" and is longer than 50 characters",
                    (true, false) => "contains one of < > $ & ' \"",
                    _ => "is longer than 50 characters",
                }
            ),
            format!(
                "{} 的名称{}，标准运维保存时会改写它",
                describe_zh(n),
                match (stripped, long) {
                    (true, true) => "包含 < > $ & ' \" 且超过 50 个字符",
                    (true, false) => "包含 < > $ & ' \" 中的字符",
                    _ => "超过 50 个字符",
                }
            ),
        );
    }
}

/// SCHEMA012: variables' names and kinds.
pub(crate) fn constants(cx: &mut Ctx<'_>) {
    let tree = cx.tree;
    for c in tree.constants() {
        constant(cx, &c);
    }
}

/// SCHEMA012, SCHEMA015 and NAME002 for one variable.
pub(crate) fn constant(cx: &mut Ctx<'_>, c: &Constant<'_>) {
    super::types::constant(cx, c);
    let path = Path::root().key("constants").key(c.map_key());
    editor_schema(cx, c, &path);
    variable_name(cx, c, &path);
    if let Some(name) = c.name() {
        let n = name.chars().count();
        if n == 0 || n > 50 {
            cx.emit(
                &SCHEMA012,
                At::path(path.key("name")),
                format!(
                    "the name of variable {} must have 1 to 50 characters",
                    c.map_key()
                ),
                format!("变量 {} 的名称长度须为 1~50", c.map_key()),
            );
        }
    }
    if let Some(st) = c.source_type() {
        if !matches!(
            st,
            "component_inputs" | "component_outputs" | "custom" | "system"
        ) {
            cx.emit(
                &SCHEMA012,
                At::path(path.key("source_type")),
                format!("variable {}: source_type {st:?} is not one of component_inputs, component_outputs, custom, system", c.map_key()),
                format!(
                    "变量 {} 的 source_type {st:?} 不是 component_inputs、component_outputs、custom、system 之一",
                    c.map_key()
                ),
            );
        }
    }
    if let Some(st) = c.show_type() {
        if !matches!(st, "show" | "hide") {
            cx.emit(
                &SCHEMA012,
                At::path(path.key("show_type")),
                format!(
                    "variable {}: show_type {st:?} is not show or hide",
                    c.map_key()
                ),
                format!("变量 {} 的 show_type {st:?} 不是 show 或 hide", c.map_key()),
            );
        }
    }
}

/// The fields the editor's JSON schema requires of a variable (`pipelineTreeSchema.js`,
/// ConstantItem), but `index`: the editor renumbers the variables 0..n-1 when it loads a tree
/// (variables-spec §1.4), so it never saves a missing or wrong one.
const EDITOR_REQUIRED: &[&str] = &[
    "custom_type",
    "desc",
    "key",
    "name",
    "show_type",
    "source_info",
];

/// SCHEMA015: what the editor's save check (AJV, variables-spec §4.2) refuses of a variable
/// that the server's schema does not: a required field missing. It checks only the entries
/// whose key is `${` word characters or dots `}`, after the editor has cleared the keys of
/// system and project variables (KEY002's); a key of at least 3 characters and a name of at
/// least one are KEY002's and SCHEMA012's, and `index` is renumbered on load.
fn editor_schema(cx: &mut Ctx<'_>, c: &Constant<'_>, path: &Path) {
    let key = c.map_key();
    let cleared = key.starts_with("${_env_") || key.starts_with("${_system.");
    if cx.tree.format() == TreeFormat::Engine || !editor_checked(key) || cleared {
        return;
    }
    let o = c.object();
    let missing: Vec<&str> = EDITOR_REQUIRED
        .iter()
        .copied()
        .filter(|f| !o.contains_key(f))
        .collect();
    if missing.is_empty() {
        return;
    }
    let (list, list_zh) = (missing.join(", "), missing.join("、"));
    cx.emit(
        &SCHEMA015,
        At::path(path.clone()),
        format!("variable {key} has no {list}; SOPS's editor refuses to save the template"),
        format!("变量 {key} 缺少 {list_zh}，标准运维编辑器无法保存流程"),
    );
}

/// Whether the editor's schema checks the variable stored under `key` (`^\$\{[\.\w]+\}$`).
fn editor_checked(key: &str) -> bool {
    key.strip_prefix("${")
        .and_then(|r| r.strip_suffix('}'))
        .is_some_and(|inner| {
            !inner.is_empty()
                && inner
                    .chars()
                    .all(|ch| ch.is_alphanumeric() || ch == '_' || ch == '.')
        })
}

/// Characters the variable panel refuses in a name (`NAME_REG`), and `&`, which SOPS strips
/// on save with the others of [`STRIPPED`].
const PANEL_REFUSED: &[char] = &['\'', '"', '‘', '’', '“', '”', '$', '<', '>'];

/// NAME002: a variable's name the panel refuses or the server rewrites.
fn variable_name(cx: &mut Ctx<'_>, c: &Constant<'_>, path: &Path) {
    if cx.tree.format() == TreeFormat::Engine {
        return;
    }
    let Some(name) = c.name() else { return };
    let mut bad: Vec<char> = Vec::new();
    for ch in name.chars() {
        if (PANEL_REFUSED.contains(&ch) || STRIPPED.contains(&ch)) && !bad.contains(&ch) {
            bad.push(ch);
        }
    }
    if bad.is_empty() {
        return;
    }
    let list: Vec<String> = bad.iter().map(char::to_string).collect();
    let list = list.join(" ");
    cx.emit(
        &NAME002,
        At::path(path.key("name")),
        format!(
            "the name of variable {} contains {list}; the variable panel refuses ' \" ‘ ’ “ ” $ < >, and SOPS strips < > $ & ' \" on save",
            c.map_key()
        ),
        format!(
            "变量 {} 的名称包含 {list}：变量名称不能包含 ' \" ‘ ’ “ ” $ < >，保存时 < > $ & ' \" 会被删去",
            c.map_key()
        ),
    );
}
