//! The editing operations, with the state effects of SOPS's canvas (editor-spec §2). Each
//! works inside a transaction: it reads the current JSON, writes through `Tx`, and on any
//! error the caller rolls everything back.

use super::defaults::{self, obj, s, NodeSpec};
use super::patch::k;
use super::tx::{get, Tx};
use super::EditError;
use foldhash::HashSet;

use super::ids::IdSource;
use crate::json::{Object, Seg, Value};
use crate::model::{check, Arrow, NodeKind};

/// Where a node lives and what it is.
#[derive(Clone, Debug)]
pub(crate) struct NodeAt {
    pub path: Vec<Seg>,
    pub kind: NodeKind,
}

impl NodeAt {
    fn is_event(&self) -> bool {
        matches!(self.kind, NodeKind::StartEvent | NodeKind::EndEvent)
    }
}

fn str_at<'a>(o: &'a Object, key: &str) -> Option<&'a str> {
    o.get(key).and_then(Value::as_str)
}

/// Finds a node by id as bamboo-engine does: activities, gateways, end, start.
pub(crate) fn find_node(root: &Object, id: &str) -> Option<NodeAt> {
    for (section, _) in [("activities", ()), ("gateways", ())] {
        if let Some(n) = root
            .get(section)
            .and_then(Value::as_object)
            .and_then(|m| m.get(id))
            .and_then(Value::as_object)
        {
            let kind = str_at(n, "type").map_or(NodeKind::Unknown, NodeKind::from_type);
            return Some(NodeAt {
                path: vec![k(section), k(id)],
                kind,
            });
        }
    }
    for (key, kind) in [
        ("end_event", NodeKind::EndEvent),
        ("start_event", NodeKind::StartEvent),
    ] {
        if root
            .get(key)
            .and_then(Value::as_object)
            .and_then(|o| str_at(o, "id"))
            == Some(id)
            && !id.is_empty()
        {
            return Some(NodeAt {
                path: vec![k(key)],
                kind,
            });
        }
    }
    None
}

fn node_obj<'a>(root: &'a Object, at: &NodeAt) -> Option<&'a Object> {
    get(root, &at.path).and_then(Value::as_object)
}

fn need_node(root: &Object, id: &str) -> Result<NodeAt, EditError> {
    find_node(root, id)
        .ok_or_else(|| EditError::new("unknown-node", format!("there is no node {id}")))
}

fn flow_ends(root: &Object, id: &str) -> Option<(String, String)> {
    let f = root.get("flows")?.as_object()?.get(id)?.as_object()?;
    Some((
        str_at(f, "source")?.to_owned(),
        str_at(f, "target")?.to_owned(),
    ))
}

fn need_flow(root: &Object, id: &str) -> Result<(String, String), EditError> {
    flow_ends(root, id)
        .ok_or_else(|| EditError::new("unknown-flow", format!("there is no flow {id}")))
}

/// The ids an `incoming`/`outgoing` value lists (`""`/null: none; `"x"`: one).
fn io_list(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(x)) if !x.is_empty() => vec![x.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    }
}

/// The ids a document already uses, so new ones never collide.
fn taken(tx: &Tx<'_>, id: &str) -> bool {
    let root = tx.root();
    find_node(root, id).is_some()
        || root
            .get("flows")
            .and_then(Value::as_object)
            .is_some_and(|f| f.contains_key(id))
        || tx.index().line.contains(id)
        || tx.index().location.contains(id)
}

/// SOPS's engine ids: `n` (nodes) or `l` (flows) and 31 hex digits, from the seeded source.
pub(crate) fn fresh_id(tx: &Tx<'_>, rng: &mut IdSource, prefix: char) -> String {
    loop {
        let id = rng.id(prefix);
        if !taken(tx, &id) {
            return id;
        }
    }
}

/// A branch condition carried from an old flow to a new one (insert, reconnect, paste).
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Carry {
    Condition {
        name: Value,
        evaluate: Value,
        extra: Vec<(String, Value)>,
    },
    Default {
        name: Value,
        extra: Vec<(String, Value)>,
    },
}

/// The condition (or default-branch status) flow `flow` has on its source gateway.
pub(crate) fn carried(root: &Object, flow: &str) -> Option<Carry> {
    let (src, _) = flow_ends(root, flow)?;
    let at = find_node(root, &src)?;
    if !at.kind.is_conditional() {
        return None;
    }
    let gw = node_obj(root, &at)?;
    let extra = |o: &Object| -> Vec<(String, Value)> {
        o.iter()
            .filter(|(k, _)| *k == "loc")
            .map(|(k, v)| (k.to_owned(), v.clone()))
            .collect()
    };
    if let Some(c) = gw
        .get("conditions")
        .and_then(Value::as_object)
        .and_then(|c| c.get(flow))
        .and_then(Value::as_object)
    {
        return Some(Carry::Condition {
            name: c.get("name").cloned().unwrap_or(s("")),
            evaluate: c.get("evaluate").cloned().unwrap_or(s("")),
            extra: extra(c),
        });
    }
    let d = gw.get("default_condition").and_then(Value::as_object)?;
    (str_at(d, "flow_id") == Some(flow)).then(|| Carry::Default {
        name: d.get("name").cloned().unwrap_or(s("默认")),
        extra: extra(d),
    })
}

/// `updateIncoming(…, 'add')`: `""` → `[id]`, `"x"` → `["x", id]`, a list gets `id` appended.
fn io_add(v: Option<&Value>, id: &str) -> Value {
    let mut list = match v {
        Some(Value::Array(a)) => a.clone(),
        Some(Value::String(x)) if !x.is_empty() => vec![s(x)],
        _ => Vec::new(),
    };
    list.push(s(id));
    Value::Array(list)
}

/// Adds flow `id` to a node's outgoing: one flow in a string for events, activities and
/// converges; a list for splitting gateways.
fn out_add(v: Option<&Value>, id: &str) -> Value {
    match v {
        Some(Value::Array(a)) => {
            let mut a = a.clone();
            a.push(s(id));
            Value::Array(a)
        }
        _ => s(id),
    }
}

/// Removes flow `id` from an incoming/outgoing value, keeping its shape.
fn io_remove(v: Option<&Value>, id: &str, list_when_string: bool) -> Option<Value> {
    match v {
        Some(Value::Array(a)) => {
            if !a.iter().any(|x| x.as_str() == Some(id)) {
                return None;
            }
            Some(Value::Array(
                a.iter()
                    .filter(|x| x.as_str() != Some(id))
                    .cloned()
                    .collect(),
            ))
        }
        Some(Value::String(x)) if x == id => Some(if list_when_string {
            Value::Array(Vec::new())
        } else {
            s("")
        }),
        _ => None,
    }
}

/// SOPS's `setLine('add')`: a new flow and line from `source` to `target`, with the node
/// fields and branch conditions updated. No rule check (callers check where SOPS does).
pub(crate) fn add_line(
    tx: &mut Tx<'_>,
    rng: &mut IdSource,
    source: &str,
    source_arrow: &str,
    target: &str,
    target_arrow: &str,
    carry: Option<Carry>,
) -> Result<String, EditError> {
    let src = need_node(tx.root(), source)?;
    let tgt = need_node(tx.root(), target)?;
    let id = fresh_id(tx, rng, 'l');
    if tx.root().get("flows").and_then(Value::as_object).is_none() {
        tx.put(&[], "flows", Value::Object(Object::new()))?;
    }
    tx.put(&[k("flows")], &id, defaults::flow(&id, source, target))?;
    // source side
    let src_obj = node_obj(tx.root(), &src).cloned().unwrap_or_default();
    match src.kind {
        NodeKind::EndEvent => {}
        k if k.is_gateway() => {
            tx.put(&src.path, "outgoing", out_add(src_obj.get("outgoing"), &id))?;
            if k.is_conditional() {
                condition_for_new_flow(tx, &src, &src_obj, &id, source, target, carry)?;
            }
        }
        _ => tx.put(&src.path, "outgoing", s(&id))?,
    }
    // target side
    if tgt.kind != NodeKind::StartEvent {
        let incoming = node_obj(tx.root(), &tgt)
            .and_then(|o| o.get("incoming"))
            .cloned();
        tx.put(&tgt.path, "incoming", io_add(incoming.as_ref(), &id))?;
    }
    tx.push_root(
        "line",
        defaults::line(&id, source, source_arrow, target, target_arrow),
    )?;
    Ok(id)
}

fn condition_for_new_flow(
    tx: &mut Tx<'_>,
    gw: &NodeAt,
    gw_obj: &Object,
    id: &str,
    source: &str,
    target: &str,
    carry: Option<Carry>,
) -> Result<(), EditError> {
    let tag = s(&format!("branch_{source}_{target}"));
    let conditions = gw_obj.get("conditions").and_then(Value::as_object);
    let mut cpath = gw.path.clone();
    cpath.push(k("conditions"));
    let ensure_conditions = |tx: &mut Tx<'_>| -> Result<(), EditError> {
        if conditions.is_none() {
            tx.put(&gw.path, "conditions", Value::Object(Object::new()))?;
        }
        Ok(())
    };
    match carry {
        Some(Carry::Default { name, extra }) if gw_obj.get("default_condition").is_none() => {
            let mut d = vec![("name", name), ("flow_id", s(id)), ("tag", tag)];
            d.extend(extra.iter().map(|(k, v)| (k.as_str(), v.clone())));
            tx.put(&gw.path, "default_condition", obj(d))
        }
        Some(Carry::Condition {
            name,
            evaluate,
            extra,
        }) => {
            ensure_conditions(tx)?;
            let mut c = vec![("evaluate", evaluate), ("name", name), ("tag", tag)];
            c.extend(extra.iter().map(|(k, v)| (k.as_str(), v.clone())));
            tx.put(&cpath, id, obj(c))
        }
        _ => {
            let n = conditions.map_or(0, Object::len);
            let evaluate = if n > 0 { "1 == 0" } else { "1 == 1" };
            let max = conditions
                .into_iter()
                .flat_map(|c| c.values())
                .filter_map(|c| c.as_object().and_then(|c| str_at(c, "name")))
                .filter_map(|name| name.strip_prefix("条件"))
                .filter(|rest| rest.chars().all(|c| c.is_ascii_digit()))
                .map(|rest| rest.parse::<u64>().unwrap_or(0))
                .max()
                .unwrap_or(0);
            ensure_conditions(tx)?;
            tx.put(
                &cpath,
                id,
                obj(vec![
                    ("evaluate", s(evaluate)),
                    ("name", s(&format!("条件{}", max + 1))),
                    ("tag", tag),
                ]),
            )
        }
    }
}

/// SOPS's `setLine('delete')` for one flow: the flow, its line(s), the ends' fields and the
/// source gateway's condition or default branch.
pub(crate) fn remove_flow(tx: &mut Tx<'_>, id: &str) -> Result<(), EditError> {
    let (source, target) = need_flow(tx.root(), id)?;
    if let Some(src) = find_node(tx.root(), &source) {
        let o = node_obj(tx.root(), &src).cloned().unwrap_or_default();
        if let Some(v) = io_remove(o.get("outgoing"), id, false) {
            tx.put(&src.path, "outgoing", v)?;
        }
        if src.kind.is_gateway() {
            if o.get("conditions")
                .and_then(Value::as_object)
                .is_some_and(|c| c.contains_key(id))
            {
                let mut cpath = src.path.clone();
                cpath.push(k("conditions"));
                tx.del(&cpath, id)?;
            }
            let is_default = o
                .get("default_condition")
                .and_then(Value::as_object)
                .is_some_and(|d| str_at(d, "flow_id") == Some(id));
            if is_default {
                tx.del(&src.path, "default_condition")?;
            }
        }
    }
    if let Some(tgt) = find_node(tx.root(), &target) {
        let o = node_obj(tx.root(), &tgt).cloned().unwrap_or_default();
        if let Some(v) = io_remove(o.get("incoming"), id, tgt.kind != NodeKind::StartEvent) {
            tx.put(&tgt.path, "incoming", v)?;
        }
    }
    while let Some(i) = tx.line_at(id) {
        tx.remove(&[k("line")], i)?;
    }
    tx.del(&[k("flows")], id)
}

/// The entries of a top-level map (`constants`, `gateways`...) as (key, value) pairs.
fn section<'a>(root: &'a Object, key: &str) -> impl Iterator<Item = (&'a str, &'a Value)> {
    root.get(key)
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|m| m.iter())
}

/// Every flow as (id, source, target), in `flows` order.
fn all_flows(root: &Object) -> Vec<(String, String, String)> {
    section(root, "flows")
        .filter_map(|(fid, f)| {
            let f = f.as_object()?;
            Some((
                fid.to_owned(),
                str_at(f, "source")?.to_owned(),
                str_at(f, "target")?.to_owned(),
            ))
        })
        .collect()
}

/// The arrows of the line drawing `flow` (Right, Left when it has none).
fn line_arrows(tx: &Tx<'_>, flow: &str) -> (String, String) {
    let line = tx
        .line_at(flow)
        .and_then(|i| tx.root().get("line")?.as_array()?.get(i)?.as_object());
    let arrow = |end: &str, default: &str| {
        line.and_then(|l| l.get(end)?.as_object())
            .and_then(|a| str_at(a, "arrow"))
            .unwrap_or(default)
            .to_owned()
    };
    (arrow("source", "Right"), arrow("target", "Left"))
}

/// Flows that start or end at `node`: those its `incoming` and `outgoing` list (O(degree);
/// a flow that names the node without being listed is left for the validator to report).
fn flows_of(root: &Object, node: &str) -> Vec<String> {
    let Some(at) = find_node(root, node) else {
        return Vec::new();
    };
    let Some(o) = node_obj(root, &at) else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    for f in io_list(o.get("incoming"))
        .into_iter()
        .chain(io_list(o.get("outgoing")))
    {
        let ends = flow_ends(root, &f);
        if ends.is_some_and(|(s, t)| s == node || t == node) && !out.contains(&f) {
            out.push(f);
        }
    }
    out
}

pub(crate) fn add_node(
    tx: &mut Tx<'_>,
    rng: &mut IdSource,
    kind: NodeKind,
    x: f64,
    y: f64,
    spec: &NodeSpec,
    id: Option<&str>,
) -> Result<String, EditError> {
    let id = match id {
        Some("") => return Err(EditError::new("invalid-op", "a node id may not be empty")),
        Some(id) if taken(tx, id) => {
            return Err(EditError::new(
                "duplicate-id",
                format!("id {id} is already used"),
            ));
        }
        Some(id) => id.to_owned(),
        None => fresh_id(tx, rng, 'n'),
    };
    if !x.is_finite() || !y.is_finite() {
        return Err(EditError::new(
            "invalid-op",
            "a position must be finite numbers",
        ));
    }
    let json = defaults::node(kind, &id, spec);
    match kind {
        NodeKind::StartEvent | NodeKind::EndEvent => {
            let key = if kind == NodeKind::StartEvent {
                "start_event"
            } else {
                "end_event"
            };
            let has = tx
                .root()
                .get(key)
                .and_then(Value::as_object)
                .and_then(|o| str_at(o, "id"))
                .is_some_and(|i| !i.is_empty());
            if has {
                return Err(EditError::new(
                    "FE008",
                    format!(
                        "a template has one {}",
                        if kind == NodeKind::StartEvent {
                            "start event"
                        } else {
                            "end event"
                        }
                    ),
                ));
            }
            tx.put(&[], key, json)?;
        }
        NodeKind::Unknown => return Err(EditError::new("invalid-op", "unknown node type")),
        k2 => {
            let section = if k2.is_activity() {
                "activities"
            } else {
                "gateways"
            };
            if tx.root().get(section).and_then(Value::as_object).is_none() {
                tx.put(&[], section, Value::Object(Object::new()))?;
            }
            tx.put(&[k(section)], &id, json)?;
        }
    }
    tx.push_root(
        "location",
        defaults::location(kind, &id, x, y, spec.name.as_deref()),
    )?;
    Ok(id)
}

/// Removes every flow touching `id`, as SOPS's "解除连线" does; with `reconnect`, a node with
/// one flow in and one out is bridged (editor-spec §2.6 step 3). Returns the bridge's flow.
pub(crate) fn disconnect_node(
    tx: &mut Tx<'_>,
    rng: &mut IdSource,
    id: &str,
    reconnect: bool,
) -> Result<Option<String>, EditError> {
    let (_, plan) = detach(tx, id, reconnect)?;
    bridge(tx, rng, plan)
}

/// Removes every flow of node `id`; with `reconnect`, first plans the bridge on the tree that
/// still has them.
fn detach(tx: &mut Tx<'_>, id: &str, reconnect: bool) -> Result<(NodeAt, BridgePlan), EditError> {
    let at = need_node(tx.root(), id)?;
    let plan = if reconnect {
        bridge_plan(tx.root(), &at, id)
    } else {
        None
    };
    for f in flows_of(tx.root(), id) {
        remove_flow(tx, &f)?;
    }
    Ok((at, plan))
}

/// A bridge to draw: source, target, and the condition it carries.
type BridgePlan = Option<(String, String, Option<Carry>)>;

/// Draws a planned bridge where the canvas rules allow it (SOPS's `createLine`).
fn bridge(
    tx: &mut Tx<'_>,
    rng: &mut IdSource,
    plan: BridgePlan,
) -> Result<Option<String>, EditError> {
    let Some((src, tgt, carry)) = plan else {
        return Ok(None);
    };
    if crate::rules::can_connect(tx.tree(), &src, &tgt).is_err() {
        return Ok(None);
    }
    let (sa, ta) = nearest_anchors(tx, &src, &tgt);
    add_line(tx, rng, &src, &sa, &tgt, &ta, carry).map(Some)
}

fn bridge_plan(root: &Object, at: &NodeAt, id: &str) -> BridgePlan {
    if at.is_event() {
        return None;
    }
    let o = node_obj(root, at)?;
    let (inc, out) = (io_list(o.get("incoming")), io_list(o.get("outgoing")));
    if inc.len() != 1 || out.len() != 1 {
        return None;
    }
    let (src, _) = flow_ends(root, &inc[0])?;
    let (_, tgt) = flow_ends(root, &out[0])?;
    let (sk, tk) = (find_node(root, &src)?.kind, find_node(root, &tgt)?.kind);
    if (sk == NodeKind::StartEvent && tk == NodeKind::EndEvent)
        || (sk.is_gateway() && tk.is_gateway())
        || (sk.is_gateway() && sk != NodeKind::ConvergeGateway && tk == NodeKind::EndEvent)
        || src == id
        || tgt == id
    {
        return None;
    }
    let exists = root
        .get("flows")
        .and_then(Value::as_object)
        .is_some_and(|f| {
            f.values().any(|f| {
                f.as_object().is_some_and(|f| {
                    str_at(f, "source") == Some(src.as_str())
                        && str_at(f, "target") == Some(tgt.as_str())
                })
            })
        });
    if exists {
        return None;
    }
    Some((src.clone(), tgt, carried(root, &inc[0])))
}

/// The node's box (x, y, w, h) from its location.
fn node_box(tx: &Tx<'_>, id: &str) -> Option<(f64, f64, f64, f64)> {
    let i = tx.location_at(id)?;
    let loc = tx.root().get("location")?.as_array()?.get(i)?.as_object()?;
    let x = loc.get("x")?.as_number()?.as_f64();
    let y = loc.get("y")?.as_number()?.as_f64();
    let kind = find_node(tx.root(), id).map_or(NodeKind::Unknown, |n| n.kind);
    let (w, h) = defaults::size(kind);
    Some((x, y, w, h))
}

const ARROWS: [Arrow; 4] = [Arrow::Top, Arrow::Right, Arrow::Bottom, Arrow::Left];

fn anchor_point((x, y, w, h): (f64, f64, f64, f64), a: Arrow) -> (f64, f64) {
    match a {
        Arrow::Top => (x + w / 2.0, y - 12.0),
        Arrow::Right => (x + w + 12.0, y + h / 2.0),
        Arrow::Bottom => (x + w / 2.0, y + h + 12.0),
        Arrow::Left => (x - 12.0, y + h / 2.0),
    }
}

/// The arrows `node`'s lines use at its end: `field` "incoming" gives the target arrows of the
/// lines entering it, "outgoing" the source arrows of those leaving it.
fn used_arrows(tx: &Tx<'_>, node: &str, field: &str) -> Vec<String> {
    let root = tx.root();
    let Some(at) = find_node(root, node) else {
        return Vec::new();
    };
    let end = if field == "incoming" {
        "target"
    } else {
        "source"
    };
    let lines = root.get("line").and_then(Value::as_array).unwrap_or(&[]);
    io_list(node_obj(root, &at).and_then(|o| o.get(field)))
        .iter()
        .filter_map(|f| {
            lines
                .get(tx.line_at(f)?)?
                .as_object()?
                .get(end)?
                .as_object()
        })
        .filter_map(|a| str_at(a, "arrow").map(str::to_owned))
        .collect()
}

/// SOPS's choice of anchors for a bridge: the closest pair, leaving out anchors the source
/// already uses for incoming lines and the target for outgoing ones. (Right, Left) when a
/// node has no location.
pub(crate) fn nearest_anchors(tx: &Tx<'_>, source: &str, target: &str) -> (String, String) {
    let (Some(sb), Some(tb)) = (node_box(tx, source), node_box(tx, target)) else {
        return ("Right".into(), "Left".into());
    };
    let src_used = used_arrows(tx, source, "incoming");
    let tgt_used = used_arrows(tx, target, "outgoing");
    let mut best: Option<(f64, Arrow, Arrow)> = None;
    for sa in ARROWS
        .iter()
        .filter(|a| !src_used.iter().any(|u| u == a.as_str()))
    {
        for ta in ARROWS
            .iter()
            .filter(|a| !tgt_used.iter().any(|u| u == a.as_str()))
        {
            let (p, q) = (anchor_point(sb, *sa), anchor_point(tb, *ta));
            let d = (p.0 - q.0).hypot(p.1 - q.1);
            if best.is_none_or(|(bd, _, _)| d < bd) {
                best = Some((d, *sa, *ta));
            }
        }
    }
    best.map_or(("Right".into(), "Left".into()), |(_, a, b)| {
        (a.as_str().into(), b.as_str().into())
    })
}

/// Removes a node with its flows, drawing and variables (editor-spec §2.6).
pub(crate) fn remove_node(
    tx: &mut Tx<'_>,
    rng: &mut IdSource,
    id: &str,
    reconnect: bool,
) -> Result<Option<String>, EditError> {
    // The bridge is planned on the tree with the node, drawn after it is gone.
    let (at, plan) = detach(tx, id, reconnect)?;
    while let Some(i) = tx.location_at(id) {
        tx.remove(&[k("location")], i)?;
    }
    // Where the node is stored decides what goes, not its type: an activity typed as an end
    // event (a broken tree) must not take the real end event with it.
    let stored = &at.path[0];
    if *stored == k("start_event") || *stored == k("end_event") {
        let event = if *stored == k("start_event") {
            "start_event"
        } else {
            "end_event"
        };
        tx.put(&[], event, Value::Object(Object::new()))?;
    } else if *stored == k("gateways") {
        tx.del(&[k("gateways")], id)?;
        if at.kind == NodeKind::ConvergeGateway {
            let pointing: Vec<String> = section(tx.root(), "gateways")
                .filter(|(_, g)| {
                    g.as_object().and_then(|g| str_at(g, "converge_gateway_id")) == Some(id)
                })
                .map(|(k, _)| k.to_owned())
                .collect();
            for g in pointing {
                tx.put(&[k("gateways"), k(&g)], "converge_gateway_id", s(""))?;
            }
        }
    } else {
        tx.del(&[k("activities")], id)?;
        unhook_node(tx, id)?;
    }
    bridge(tx, rng, plan)
}

/// Variables that name `node` in their `source_info` lose it; a variable left with no source
/// is deleted (SOPS's `deleteVariable`: out of `outputs`, later indexes shifted down).
pub(crate) fn unhook_node(tx: &mut Tx<'_>, node: &str) -> Result<(), EditError> {
    let hooked: Vec<(String, usize)> = section(tx.root(), "constants")
        .filter_map(|(key, c)| {
            let info = c.as_object()?.get("source_info")?.as_object()?;
            info.contains_key(node)
                .then(|| (key.to_owned(), info.len()))
        })
        .collect();
    for (key, sources) in hooked {
        if sources > 1 {
            tx.del(&[k("constants"), k(&key), k("source_info")], node)?;
        } else {
            delete_variable(tx, &key)?;
        }
    }
    Ok(())
}

fn delete_variable(tx: &mut Tx<'_>, key: &str) -> Result<(), EditError> {
    let root = tx.root();
    let Some(c) = root
        .get("constants")
        .and_then(Value::as_object)
        .and_then(|c| c.get(key))
        .and_then(Value::as_object)
    else {
        return Ok(());
    };
    let var_key = str_at(c, "key").unwrap_or(key).to_owned();
    let index = c
        .get("index")
        .and_then(Value::as_number)
        .map(|n| n.as_f64());
    if let Some(i) = root
        .get("outputs")
        .and_then(Value::as_array)
        .and_then(|o| o.iter().position(|v| v.as_str() == Some(var_key.as_str())))
    {
        tx.remove(&[k("outputs")], i)?;
    }
    if let Some(index) = index {
        let later: Vec<(String, f64)> = section(tx.root(), "constants")
            .filter_map(|(k2, c)| {
                let i = c.as_object()?.get("index")?.as_number()?.as_f64();
                (i > index).then(|| (k2.to_owned(), i))
            })
            .collect();
        for (k2, i) in later {
            tx.put(&[k("constants"), k(&k2)], "index", defaults::num(i - 1.0))?;
        }
    }
    tx.del(&[k("constants")], key)
}

/// Moves nodes to absolute positions (a node without a location gets one).
pub(crate) fn move_node(tx: &mut Tx<'_>, id: &str, x: f64, y: f64) -> Result<(), EditError> {
    let at = need_node(tx.root(), id)?;
    if !x.is_finite() || !y.is_finite() {
        return Err(EditError::new(
            "invalid-op",
            "a position must be finite numbers",
        ));
    }
    match tx.location_at(id) {
        Some(i) => {
            let path = [k("location"), Seg::Index(i)];
            tx.set(&path, "x", defaults::num(x))?;
            tx.set(&path, "y", defaults::num(y))
        }
        None => {
            let name = node_obj(tx.root(), &at)
                .and_then(|o| str_at(o, "name"))
                .map(str::to_owned);
            tx.push_root(
                "location",
                defaults::location(at.kind, id, x, y, name.as_deref()),
            )
        }
    }
}

/// Fields `update_node` may not set: identity and wiring belong to other operations.
const FIXED_FIELDS: &[&str] = &[
    "id",
    "type",
    "incoming",
    "outgoing",
    "conditions",
    "default_condition",
];

/// Sets top-level fields of a node (`null` values included); `remove` drops fields. The
/// result must keep the model's field types.
pub(crate) fn update_node(
    tx: &mut Tx<'_>,
    id: &str,
    fields: &Object,
    remove: &[String],
) -> Result<(), EditError> {
    let at = need_node(tx.root(), id)?;
    for (key, _) in fields.iter() {
        if FIXED_FIELDS.contains(&key) {
            return Err(EditError::new(
                "invalid-op",
                format!("'{key}' is changed by its own operation, not by updateNode"),
            ));
        }
    }
    if let Some(key) = remove.iter().find(|k| FIXED_FIELDS.contains(&k.as_str())) {
        return Err(EditError::new(
            "invalid-op",
            format!("'{key}' may not be removed"),
        ));
    }
    for (key, value) in fields.iter() {
        tx.set(&at.path, key, value.clone())?;
    }
    for key in remove {
        tx.del(&at.path, key)?;
    }
    // SOPS's config panel drops the legacy flags when it writes the new ones.
    if fields.contains_key("retryable") {
        tx.del(&at.path, "can_retry")?;
    }
    if fields.contains_key("skippable") {
        tx.del(&at.path, "isSkipped")?;
    }
    let node = get(tx.root(), &at.path).cloned().unwrap_or(Value::Null);
    if let Some(p) = check::node_problem(&node, at.kind) {
        return Err(EditError::new("wrong-type", format!("node {id}: {p}")));
    }
    if at.kind.is_activity() {
        if let Some(i) = tx.location_at(id) {
            for f in ["name", "stage_name"] {
                if let Some(v) = fields.get(f) {
                    tx.set(&[k("location"), Seg::Index(i)], f, v.clone())?;
                }
            }
        }
    }
    Ok(())
}

fn conditional_gateway(root: &Object, gateway: &str, flow: &str) -> Result<NodeAt, EditError> {
    let at = need_node(root, gateway)?;
    if !at.kind.is_conditional() {
        return Err(EditError::new(
            "invalid-op",
            format!("{gateway} is not an exclusive or conditional parallel gateway"),
        ));
    }
    let (src, _) = need_flow(root, flow)?;
    if src != gateway {
        return Err(EditError::new(
            "invalid-op",
            format!("flow {flow} does not leave {gateway}"),
        ));
    }
    Ok(at)
}

/// Sets a branch's name and expression; a default branch becomes an ordinary one
/// (editor-spec §2.13).
pub(crate) fn set_condition(
    tx: &mut Tx<'_>,
    gateway: &str,
    flow: &str,
    name: Option<&str>,
    evaluate: Option<&str>,
) -> Result<(), EditError> {
    let at = conditional_gateway(tx.root(), gateway, flow)?;
    let gw = node_obj(tx.root(), &at).cloned().unwrap_or_default();
    let mut cpath = at.path.clone();
    cpath.push(k("conditions"));
    if let Some(c) = gw
        .get("conditions")
        .and_then(Value::as_object)
        .and_then(|c| c.get(flow))
    {
        let _ = c;
        cpath.push(k(flow));
        if let Some(n) = name {
            tx.set(&cpath, "name", s(n))?;
        }
        if let Some(e) = evaluate {
            tx.set(&cpath, "evaluate", s(e))?;
        }
        return Ok(());
    }
    let default = gw.get("default_condition").and_then(Value::as_object);
    let tag = default
        .filter(|d| str_at(d, "flow_id") == Some(flow))
        .and_then(|d| d.get("tag").cloned())
        .unwrap_or_else(|| {
            let (src, tgt) = flow_ends(tx.root(), flow).unwrap_or_default();
            s(&format!("branch_{src}_{tgt}"))
        });
    if default.is_some_and(|d| str_at(d, "flow_id") == Some(flow)) {
        tx.del(&at.path, "default_condition")?;
    }
    if gw.get("conditions").and_then(Value::as_object).is_none() {
        tx.put(&at.path, "conditions", Value::Object(Object::new()))?;
    }
    let Some(evaluate) = evaluate else {
        return Err(EditError::new(
            "invalid-op",
            "a new condition needs an expression (evaluate)",
        ));
    };
    tx.put(
        &cpath,
        flow,
        obj(vec![
            ("evaluate", s(evaluate)),
            ("name", s(name.unwrap_or(""))),
            ("tag", tag),
        ]),
    )
}

/// Makes `flow` the gateway's default branch (one per gateway).
pub(crate) fn set_default(
    tx: &mut Tx<'_>,
    gateway: &str,
    flow: &str,
    name: Option<&str>,
) -> Result<(), EditError> {
    let at = conditional_gateway(tx.root(), gateway, flow)?;
    let gw = node_obj(tx.root(), &at).cloned().unwrap_or_default();
    if let Some(d) = gw.get("default_condition").and_then(Value::as_object) {
        if str_at(d, "flow_id") == Some(flow) {
            if let Some(n) = name {
                tx.set(
                    &[at.path.clone(), vec![k("default_condition")]].concat(),
                    "name",
                    s(n),
                )?;
            }
            return Ok(());
        }
        return Err(EditError::new(
            "default-exists",
            format!(
                "gateway {gateway} already has a default branch ({})",
                str_at(d, "flow_id").unwrap_or("")
            ),
        ));
    }
    let cond = gw
        .get("conditions")
        .and_then(Value::as_object)
        .and_then(|c| c.get(flow))
        .and_then(Value::as_object);
    let tag = cond.and_then(|c| c.get("tag").cloned()).unwrap_or_else(|| {
        let (src, tgt) = flow_ends(tx.root(), flow).unwrap_or_default();
        s(&format!("branch_{src}_{tgt}"))
    });
    if cond.is_some() {
        tx.del(&[at.path.clone(), vec![k("conditions")]].concat(), flow)?;
    }
    tx.put(
        &at.path,
        "default_condition",
        obj(vec![
            ("name", s(name.unwrap_or("默认"))),
            ("flow_id", s(flow)),
            ("tag", tag),
        ]),
    )
}

/// Inserts a new node on a flow: the flow is replaced by two, the first keeping its branch
/// condition (editor-spec §2.10).
pub(crate) fn insert_on_flow(
    tx: &mut Tx<'_>,
    rng: &mut IdSource,
    flow: &str,
    kind: NodeKind,
    x: f64,
    y: f64,
    spec: &NodeSpec,
) -> Result<(String, String, String), EditError> {
    let (start, end) = need_flow(tx.root(), flow)?;
    if matches!(
        kind,
        NodeKind::StartEvent | NodeKind::EndEvent | NodeKind::Unknown
    ) {
        return Err(EditError::new(
            "invalid-op",
            "only tasks, sub-processes and gateways go on a flow",
        ));
    }
    let carry = carried(tx.root(), flow);
    let (sa, ta) = line_arrows(tx, flow);
    remove_flow(tx, flow)?;
    let id = add_node(tx, rng, kind, x, y, spec, None)?;
    let a = add_line(tx, rng, &start, &sa, &id, "Left", carry)?;
    let b = add_line(tx, rng, &id, "Right", &end, &ta, None)?;
    Ok((id, a, b))
}

/// Copies nodes (not start/end) with fresh ids, shifted by (dx, dy), with the flows between
/// them and SOPS's variable rules: an input variable is shared, an output variable is cloned
/// (editor-spec §2.9). Returns (old id, new id) pairs.
pub(crate) fn paste(
    tx: &mut Tx<'_>,
    rng: &mut IdSource,
    ids: &[String],
    dx: f64,
    dy: f64,
) -> Result<Vec<(String, String)>, EditError> {
    let mut map: Vec<(String, String)> = Vec::new();
    for id in ids {
        let at = need_node(tx.root(), id)?;
        if at.is_event() || map.iter().any(|(o, _)| o == id) {
            continue;
        }
        let old = node_obj(tx.root(), &at).cloned().unwrap_or_default();
        let (x, y) = node_box(tx, id).map_or((0.0, 0.0), |b| (b.0, b.1));
        let name = str_at(&old, "name").map(str::to_owned);
        let new_id = add_node(
            tx,
            rng,
            at.kind,
            x + dx,
            y + dy,
            &NodeSpec {
                name: name.clone(),
                ..NodeSpec::default()
            },
            None,
        )?;
        if at.kind.is_activity() {
            let mut copy = old.clone();
            copy.insert("id", s(&new_id));
            copy.insert("incoming", s(""));
            copy.insert("loop", Value::Null);
            copy.insert("outgoing", s(""));
            tx.put(&[k("activities")], &new_id, Value::Object(copy))?;
            copy_variables(tx, rng, id, &new_id)?;
            if let Some(i) = tx.location_at(&new_id) {
                let stage = old.get("stage_name").cloned().unwrap_or(s(""));
                tx.set(&[k("location"), Seg::Index(i)], "stage_name", stage)?;
            }
        }
        map.push((id.clone(), new_id));
    }
    let lookup = |id: &str| map.iter().find(|(o, _)| o == id).map(|(_, n)| n.clone());
    let flows: Vec<(String, String, String)> = all_flows(tx.root())
        .into_iter()
        .filter(|(_, s, t)| lookup(s).is_some() && lookup(t).is_some())
        .collect();
    for (fid, src, tgt) in flows {
        let (Some(ns), Some(nt)) = (lookup(&src), lookup(&tgt)) else {
            continue;
        };
        let carry = carried(tx.root(), &fid);
        let (sa, ta) = line_arrows(tx, &fid);
        add_line(tx, rng, &ns, &sa, &nt, &ta, carry)?;
    }
    Ok(map)
}

/// SOPS's copy rules for variables hooked to the copied node.
fn copy_variables(
    tx: &mut Tx<'_>,
    rng: &mut IdSource,
    old: &str,
    new: &str,
) -> Result<(), EditError> {
    let consts: Vec<(String, Object)> = section(tx.root(), "constants")
        .filter_map(|(key, c)| {
            let c = c.as_object()?;
            c.get("source_info")?
                .as_object()?
                .contains_key(old)
                .then(|| (key.to_owned(), c.clone()))
        })
        .collect();
    let mut count = tx
        .root()
        .get("constants")
        .and_then(Value::as_object)
        .map_or(0, Object::len);
    for (key, c) in consts {
        let info = c
            .get("source_info")
            .and_then(Value::as_object)
            .and_then(|i| i.get(old))
            .cloned()
            .unwrap_or(Value::Null);
        match str_at(&c, "source_type") {
            Some("component_outputs") => {
                let new_key = output_key(tx.root(), rng, &key);
                let mut copy = c.clone();
                copy.insert("source_info", obj(vec![(new, info)]));
                copy.insert("key", s(&new_key));
                copy.insert("index", defaults::num(count as f64));
                tx.put(&[k("constants")], &new_key, Value::Object(copy))?;
                count += 1;
            }
            _ => tx.put(&[k("constants"), k(&key), k("source_info")], new, info)?,
        }
    }
    Ok(())
}

/// A fresh key for a cloned output variable: `${name_xxxx}`, at most 50 characters (SOPS
/// truncates wrongly for long keys; this keeps the name's start and the closing brace).
fn output_key(root: &Object, rng: &mut IdSource, key: &str) -> String {
    let inner = key
        .strip_prefix("${")
        .and_then(|k| k.strip_suffix('}'))
        .unwrap_or(key);
    loop {
        let suffix = format!("{:04x}", rng.next_u64() & 0xffff);
        let room = 50 - 3 - 5; // "${" + "}" + "_xxxx"
        let head: String = inner.chars().take(room).collect();
        let candidate = format!("${{{head}_{suffix}}}");
        let used = root
            .get("constants")
            .and_then(Value::as_object)
            .is_some_and(|c| c.contains_key(&candidate));
        if !used {
            return candidate;
        }
    }
}

/// Replaces a task's plugin: variables hooked to the node let go of it, the component and the
/// node's flags are reset as SOPS's config panel does (editor-spec §2.12).
pub(crate) fn replace_plugin(
    tx: &mut Tx<'_>,
    id: &str,
    code: &str,
    version: Option<&str>,
    name: Option<&str>,
) -> Result<(), EditError> {
    let at = need_node(tx.root(), id)?;
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
    let mut component = vec![("code", s(code)), ("data", Value::Object(Object::new()))];
    component.push(("version", s(version.unwrap_or("legacy"))));
    tx.put(&at.path, "component", obj(component))?;
    for (f, v) in [
        ("stage_name", s("")),
        ("error_ignorable", Value::Bool(false)),
        ("skippable", Value::Bool(true)),
        ("retryable", Value::Bool(true)),
        ("optional", Value::Bool(true)),
    ] {
        tx.set(&at.path, f, v)?;
    }
    tx.del(&at.path, "can_retry")?;
    tx.del(&at.path, "isSkipped")?;
    if node_obj(tx.root(), &at).is_some_and(|o| o.contains_key("labels")) {
        tx.set(&at.path, "labels", Value::Array(Vec::new()))?;
    }
    if let Some(n) = name {
        tx.set(&at.path, "name", s(n))?;
    }
    if let Some(i) = tx.location_at(id) {
        let o = node_obj(tx.root(), &at).cloned().unwrap_or_default();
        for f in ["name", "stage_name"] {
            if let Some(v) = o.get(f) {
                tx.set(&[k("location"), Seg::Index(i)], f, v.clone())?;
            }
        }
    }
    Ok(())
}

/// Makes `line` and `location` agree with `flows` and the nodes: lines and locations naming
/// nothing (or repeated) go, lines get their flow's ends, missing ones are added.
pub(crate) fn repair_drawing(tx: &mut Tx<'_>) -> Result<(), EditError> {
    // lines
    let lines = tx
        .root()
        .get("line")
        .and_then(Value::as_array)
        .map(<[Value]>::to_vec)
        .unwrap_or_default();
    let mut seen: HashSet<String> = HashSet::default();
    let mut drop: Vec<usize> = Vec::new();
    let mut fix: Vec<(usize, &str, String)> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let Some(o) = l.as_object() else {
            drop.push(i);
            continue;
        };
        let id = str_at(o, "id").unwrap_or("");
        match flow_ends(tx.root(), id) {
            Some((src, tgt)) if seen.insert(id.to_owned()) => {
                for (end, want) in [("source", src), ("target", tgt)] {
                    let have = o
                        .get(end)
                        .and_then(Value::as_object)
                        .and_then(|a| str_at(a, "id"));
                    if have != Some(want.as_str()) {
                        fix.push((i, end, want));
                    }
                }
            }
            _ => drop.push(i),
        }
    }
    for (i, end, want) in fix {
        let at = [k("line"), Seg::Index(i)];
        match get(tx.root(), &at)
            .and_then(Value::as_object)
            .and_then(|o| o.get(end))
            .and_then(Value::as_object)
        {
            Some(_) => tx.put(&[k("line"), Seg::Index(i), k(end)], "id", s(&want))?,
            None => tx.put(
                &at,
                end,
                obj(vec![
                    ("arrow", s(if end == "source" { "Right" } else { "Left" })),
                    ("id", s(&want)),
                ]),
            )?,
        }
    }
    for i in drop.into_iter().rev() {
        tx.remove(&[k("line")], i)?;
    }
    let flows = all_flows(tx.root());
    for (fid, src, tgt) in flows {
        if !seen.contains(&fid)
            && find_node(tx.root(), &src).is_some()
            && find_node(tx.root(), &tgt).is_some()
        {
            let (sa, ta) = nearest_anchors(tx, &src, &tgt);
            tx.push_root("line", defaults::line(&fid, &src, &sa, &tgt, &ta))?;
        }
    }
    // locations
    let locs = tx
        .root()
        .get("location")
        .and_then(Value::as_array)
        .map(<[Value]>::to_vec)
        .unwrap_or_default();
    let mut seen: HashSet<String> = HashSet::default();
    let mut drop = Vec::new();
    let mut retype = Vec::new();
    let (mut max_x, mut min_y) = (f64::NEG_INFINITY, f64::INFINITY);
    for (i, l) in locs.iter().enumerate() {
        let Some(o) = l.as_object() else {
            drop.push(i);
            continue;
        };
        let id = str_at(o, "id").unwrap_or("");
        match find_node(tx.root(), id) {
            Some(n) if seen.insert(id.to_owned()) => {
                let want = defaults::location_type(n.kind);
                if n.kind != NodeKind::Unknown && str_at(o, "type") != Some(want) {
                    retype.push((i, want));
                }
                if let (Some(x), Some(y)) = (
                    o.get("x").and_then(Value::as_number),
                    o.get("y").and_then(Value::as_number),
                ) {
                    max_x = max_x.max(x.as_f64());
                    min_y = min_y.min(y.as_f64());
                }
            }
            _ => drop.push(i),
        }
    }
    for (i, want) in retype {
        tx.put(&[k("location"), Seg::Index(i)], "type", s(want))?;
    }
    for i in drop.into_iter().rev() {
        tx.remove(&[k("location")], i)?;
    }
    let nodes: Vec<String> = tx
        .tree()
        .nodes()
        .filter_map(|n| n.id().map(str::to_owned))
        .filter(|id| !id.is_empty())
        .collect();
    let (x0, y0) = if max_x.is_finite() {
        (max_x + 200.0, min_y)
    } else {
        (40.0, 150.0)
    };
    let mut row = 0.0;
    for id in nodes {
        if !seen.contains(&id) {
            let at = need_node(tx.root(), &id)?;
            let name = node_obj(tx.root(), &at)
                .and_then(|o| str_at(o, "name"))
                .map(str::to_owned);
            tx.push_root(
                "location",
                defaults::location(at.kind, &id, x0, y0 + row * 100.0, name.as_deref()),
            )?;
            row += 1.0;
        }
    }
    Ok(())
}
