//! Flow wiring shared by the operations: SOPS's `setLine('add')` and `setLine('delete')` (the
//! flow, its line, the ends' `incoming`/`outgoing` and the source gateway's branch), the
//! branch condition a new flow carries from an old one, and the bridge a removed or
//! disconnected node leaves between its neighbours.
//!
//! A gateway's `conditions` and `default_condition` are read as written (through
//! [`Node::object`]): the editor moves and deletes entries it does not interpret.

use super::super::defaults::{self, obj, s};
use super::super::ids::IdSource;
use super::super::patch::k;
use super::super::tx::Tx;
use super::super::EditError;
use super::shared::{
    fresh_id, known_flow, known_node, nearest_anchors, node, sound_node, NodeAt, WIRING,
};
use crate::json::{Object, Value};
use crate::model::{Io, Node, NodeKind, Tree};

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

/// The fields of a condition a carried copy keeps besides name and expression.
fn extra(o: &Object) -> Vec<(String, Value)> {
    o.iter()
        .filter(|(k, _)| *k == "loc")
        .map(|(k, v)| (k.to_owned(), v.clone()))
        .collect()
}

/// The condition (or default-branch status) flow `flow` has on its source gateway.
pub(crate) fn carried(tree: &Tree, flow: &str) -> Option<Carry> {
    let (src, _) = tree.flow(flow)?.ends()?;
    let gw = node(tree, src)?;
    if !gw.stored_kind().is_conditional() {
        return None;
    }
    if let Some(c) = gw.condition(flow).map(|c| c.object()) {
        return Some(Carry::Condition {
            name: c.get("name").cloned().unwrap_or(s("")),
            evaluate: c.get("evaluate").cloned().unwrap_or(s("")),
            extra: extra(c),
        });
    }
    let d = default_object(&gw)?;
    (d.get("flow_id").and_then(Value::as_str) == Some(flow)).then(|| Carry::Default {
        name: d.get("name").cloned().unwrap_or(s("默认")),
        extra: extra(d),
    })
}

/// A gateway's `conditions`, as written.
pub(crate) fn conditions_object<'t>(gw: &Node<'t>) -> Option<&'t Object> {
    gw.object().get("conditions").and_then(Value::as_object)
}

/// A gateway's `default_condition`, as written (with or without a `flow_id`).
pub(crate) fn default_object<'t>(gw: &Node<'t>) -> Option<&'t Object> {
    gw.object()
        .get("default_condition")
        .and_then(Value::as_object)
}

/// `updateIncoming(…, 'add')`: `""` → `[id]`, `"x"` → `["x", id]`, a list gets `id` appended.
fn io_add(io: Io<'_>, id: &str) -> Value {
    let mut list = match io {
        Io::List(a) => a.to_vec(),
        Io::Str(x) if !x.is_empty() => vec![s(x)],
        _ => Vec::new(),
    };
    list.push(s(id));
    Value::Array(list)
}

/// Adds flow `id` to a node's outgoing: one flow in a string for events, activities and
/// converges; a list for splitting gateways.
fn out_add(io: Io<'_>, id: &str) -> Value {
    match io {
        Io::List(a) => {
            let mut a = a.to_vec();
            a.push(s(id));
            Value::Array(a)
        }
        _ => s(id),
    }
}

/// Adds flow `id` to the outgoing of an event or activity, which SOPS writes as one flow in a
/// string (`setLine('add')` overwrites it; it leaves the end event's alone). A node that
/// still lists flows starting at it (an end event or activity wired by hand with outgoing
/// flows the canvas would refuse) keeps them, now in a list: no flow loses its listing, so a
/// tree in step stays in step.
fn single_out_add(tree: &Tree, source: &str, id: &str) -> Result<Value, EditError> {
    let io = known_node(tree, source)?.outgoing();
    let live = io
        .iter()
        .any(|f| tree.flow(f).is_some_and(|fl| fl.source() == Some(source)));
    Ok(match io {
        Io::List(a) if live => {
            let mut a = a.to_vec();
            a.push(s(id));
            Value::Array(a)
        }
        Io::Str(x) if live => Value::Array(vec![s(x), s(id)]),
        _ => s(id),
    })
}

/// Removes flow `id` from an incoming/outgoing value, keeping its shape.
fn io_remove(io: Io<'_>, id: &str, list_when_string: bool) -> Option<Value> {
    match io {
        Io::List(a) => {
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
        Io::Str(x) if x == id => Some(if list_when_string {
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
    let src = NodeAt::of(&sound_node(tx.tree(), source, WIRING)?);
    let tgt = NodeAt::of(&sound_node(tx.tree(), target, WIRING)?);
    let id = fresh_id(tx, rng, 'l');
    tx.ensure_object(&[], "flows")?;
    tx.put(&[k("flows")], &id, defaults::flow(&id, source, target))?;
    // source side
    if src.kind.is_gateway() {
        let outgoing = out_add(known_node(tx.tree(), source)?.outgoing(), &id);
        tx.put(src.path.segments(), "outgoing", outgoing)?;
        if src.kind.is_conditional() {
            condition_for_new_flow(tx, &src, &id, source, target, carry)?;
        }
    } else {
        let outgoing = single_out_add(tx.tree(), source, &id)?;
        tx.put(src.path.segments(), "outgoing", outgoing)?;
    }
    // target side
    if tgt.kind != NodeKind::StartEvent {
        let incoming = io_add(known_node(tx.tree(), target)?.incoming(), &id);
        tx.put(tgt.path.segments(), "incoming", incoming)?;
    }
    tx.push_drawing(
        "line",
        defaults::line(&id, source, source_arrow, target, target_arrow),
    )?;
    Ok(id)
}

/// The branch a new flow leaving a conditional gateway gets: the carried condition or default
/// branch, else SOPS's next `条件N` (`1 == 1` for the first branch, `1 == 0` after).
fn condition_for_new_flow(
    tx: &mut Tx<'_>,
    gw: &NodeAt,
    id: &str,
    source: &str,
    target: &str,
    carry: Option<Carry>,
) -> Result<(), EditError> {
    let tag = s(&format!("branch_{source}_{target}"));
    let cpath = gw.path.key("conditions");
    let (has_default, count, max) = {
        let node = known_node(tx.tree(), source)?;
        let conditions = conditions_object(&node);
        let max = node
            .conditions()
            .filter_map(|c| c.name())
            .filter_map(|name| name.strip_prefix("条件"))
            .filter(|rest| rest.chars().all(|c| c.is_ascii_digit()))
            .map(|rest| rest.parse::<u64>().unwrap_or(0))
            .max()
            .unwrap_or(0);
        (
            node.object().get("default_condition").is_some(),
            conditions.map_or(0, Object::len),
            max,
        )
    };
    match carry {
        Some(Carry::Default { name, extra }) if !has_default => {
            let mut d = vec![("name", name), ("flow_id", s(id)), ("tag", tag)];
            d.extend(extra.iter().map(|(k, v)| (k.as_str(), v.clone())));
            tx.put(gw.path.segments(), "default_condition", obj(d))
        }
        Some(Carry::Condition {
            name,
            evaluate,
            extra,
        }) => {
            tx.ensure_object(gw.path.segments(), "conditions")?;
            let mut c = vec![("evaluate", evaluate), ("name", name), ("tag", tag)];
            c.extend(extra.iter().map(|(k, v)| (k.as_str(), v.clone())));
            tx.put(cpath.segments(), id, obj(c))
        }
        _ => {
            let evaluate = if count > 0 { "1 == 0" } else { "1 == 1" };
            tx.ensure_object(gw.path.segments(), "conditions")?;
            tx.put(
                cpath.segments(),
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
    let (source, target) = known_flow(tx.tree(), id)?;
    for end in [&source, &target] {
        if node(tx.tree(), end).is_some() {
            sound_node(tx.tree(), end, WIRING)?;
        }
    }
    let source_side = node(tx.tree(), &source).map(|n| {
        let at = NodeAt::of(&n);
        let gateway = at.kind.is_gateway();
        let outgoing = io_remove(n.outgoing(), id, false);
        let condition = gateway && conditions_object(&n).is_some_and(|c| c.contains_key(id));
        let default = gateway
            && default_object(&n)
                .is_some_and(|d| d.get("flow_id").and_then(Value::as_str) == Some(id));
        (at, outgoing, condition, default)
    });
    if let Some((at, outgoing, condition, default)) = source_side {
        if let Some(v) = outgoing {
            tx.put(at.path.segments(), "outgoing", v)?;
        }
        if condition {
            tx.del(at.path.key("conditions").segments(), id)?;
        }
        if default {
            tx.del(at.path.segments(), "default_condition")?;
        }
    }
    let target_side = node(tx.tree(), &target).map(|n| {
        let at = NodeAt::of(&n);
        let incoming = io_remove(n.incoming(), id, at.kind != NodeKind::StartEvent);
        (at, incoming)
    });
    if let Some((at, Some(v))) = target_side {
        tx.put(at.path.segments(), "incoming", v)?;
    }
    while let Some(i) = tx.line_at(id) {
        tx.remove(&[k("line")], i)?;
    }
    tx.del(&[k("flows")], id)
}

/// A bridge to draw: source, target, and the condition it carries; or why a node with one
/// flow in and one out is not bridged (its neighbours and the reason); or nothing to bridge.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) enum BridgePlan {
    #[default]
    None,
    Draw(String, String, Option<Carry>),
    Refused(Unbridged),
}

/// Why the neighbours of a removed or disconnected node were not joined.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Unbridged {
    pub from: String,
    pub to: String,
    /// `start-to-end`, `two-gateways`, `gateway-to-end`, `loop`, `exists`, or the canvas
    /// rule's code (`FE001`...).
    pub reason: String,
}

/// The outcome of drawing a planned bridge: the flow drawn, or why none was.
pub(crate) enum Bridged {
    None,
    Drawn(String),
    Refused(Unbridged),
}

/// Removes every flow of node `id`; with `reconnect`, first plans the bridge on the tree that
/// still has them.
pub(crate) fn detach(
    tx: &mut Tx<'_>,
    id: &str,
    reconnect: bool,
) -> Result<(NodeAt, BridgePlan), EditError> {
    let n = sound_node(tx.tree(), id, WIRING)?;
    let at = NodeAt::of(&n);
    let plan = if reconnect {
        bridge_plan(tx.tree(), &n, &at, id)
    } else {
        BridgePlan::None
    };
    let flows: Vec<String> = tx
        .tree()
        .flows_of(&n)
        .into_iter()
        .map(str::to_owned)
        .collect();
    for f in flows {
        remove_flow(tx, &f)?;
    }
    Ok((at, plan))
}

/// The bridge SOPS draws over a node with one flow in and one out, unless it would join two
/// gateways, the start to the end, a splitting gateway to the end, or repeat a flow.
fn bridge_plan(tree: &Tree, n: &Node<'_>, at: &NodeAt, id: &str) -> BridgePlan {
    plan_of(tree, n, at, id).unwrap_or_default()
}

fn plan_of(tree: &Tree, n: &Node<'_>, at: &NodeAt, id: &str) -> Option<BridgePlan> {
    if at.is_event() {
        return None;
    }
    let (inc, out) = (n.incoming(), n.outgoing());
    if inc.len() != 1 || out.len() != 1 {
        return None;
    }
    let flow_in = inc.iter().next()?;
    let (src, _) = tree.flow(flow_in)?.ends()?;
    let (_, tgt) = tree.flow(out.iter().next()?)?.ends()?;
    let (sk, tk) = (
        node(tree, src)?.stored_kind(),
        node(tree, tgt)?.stored_kind(),
    );
    let exists = || {
        tree.flows()
            .any(|f| f.source() == Some(src) && f.target() == Some(tgt))
    };
    let reason = if src == id || tgt == id {
        Some("loop")
    } else if sk == NodeKind::StartEvent && tk == NodeKind::EndEvent {
        Some("start-to-end")
    } else if sk.is_gateway() && tk.is_gateway() {
        Some("two-gateways")
    } else if sk.is_gateway() && sk != NodeKind::ConvergeGateway && tk == NodeKind::EndEvent {
        Some("gateway-to-end")
    } else if exists() {
        Some("exists")
    } else {
        None
    };
    Some(match reason {
        Some(reason) => BridgePlan::Refused(Unbridged {
            from: src.to_owned(),
            to: tgt.to_owned(),
            reason: reason.to_owned(),
        }),
        None => BridgePlan::Draw(src.to_owned(), tgt.to_owned(), carried(tree, flow_in)),
    })
}

/// Draws a planned bridge where the canvas rules allow it (SOPS's `createLine`).
pub(crate) fn bridge(
    tx: &mut Tx<'_>,
    rng: &mut IdSource,
    plan: BridgePlan,
) -> Result<Bridged, EditError> {
    let (src, tgt, carry) = match plan {
        BridgePlan::None => return Ok(Bridged::None),
        BridgePlan::Refused(why) => return Ok(Bridged::Refused(why)),
        BridgePlan::Draw(src, tgt, carry) => (src, tgt, carry),
    };
    if let Err(r) = crate::rules::can_connect(tx.tree(), &src, &tgt) {
        return Ok(Bridged::Refused(Unbridged {
            from: src,
            to: tgt,
            reason: r.code.to_owned(),
        }));
    }
    let (sa, ta) = nearest_anchors(tx, &src, &tgt);
    add_line(tx, rng, &src, &sa, &tgt, &ta, carry).map(Bridged::Drawn)
}
