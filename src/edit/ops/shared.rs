//! What the operations share: the node and flow lookups with the editor's refusals, where a
//! node is written through the transaction, fresh ids, a node's box and its lines' anchors,
//! and the small results.

use super::super::defaults;
use super::super::ids::IdSource;
use super::super::tx::Tx;
use super::super::EditError;
use crate::json::{Object, Path, Seg, Value};
use crate::model::check;
use crate::model::{Arrow, Node, NodeKind, Place, Tree};

/// The node with this id as the editor finds it: [`Tree::node`], except that an event with an
/// empty id is no node (a removed start or end event is left as `{}`).
pub(crate) fn node<'t>(tree: &'t Tree, id: &str) -> Option<Node<'t>> {
    tree.node(id)
        .filter(|n| !id.is_empty() || matches!(n.place(), Place::Activities | Place::Gateways))
}

/// The node with this id, or the refusal `unknown-node`.
pub(crate) fn known_node<'t>(tree: &'t Tree, id: &str) -> Result<Node<'t>, EditError> {
    node(tree, id).ok_or_else(|| {
        EditError::new(
            "unknown-node",
            format!("there is no node {id}"),
            format!("节点 {id} 不存在"),
        )
    })
}

/// The (source, target) of flow `id`; the refusal `unknown-flow` when there is none, and
/// `malformed` when it is there but not an object with a string source and target.
pub(crate) fn known_flow(tree: &Tree, id: &str) -> Result<(String, String), EditError> {
    if let Some((s, t)) = tree.flow(id).and_then(|f| f.ends()) {
        return Ok((s.to_owned(), t.to_owned()));
    }
    let raw = tree
        .root()
        .get("flows")
        .and_then(Value::as_object)
        .and_then(|o| o.get(id));
    let Some(raw) = raw else {
        return Err(EditError::new(
            "unknown-flow",
            format!("there is no flow {id}"),
            format!("连线 {id} 不存在"),
        ));
    };
    let at = Path::from(vec![Seg::Key("flows".into()), Seg::Key(id.into())]);
    let (why, why_zh) = match check::flow_mismatch(raw) {
        Some(m) if m.path.segments().is_empty() => (m.message(), m.message_zh()),
        Some(m) => (
            format!("{} at {}", m.message(), m.path),
            format!("{} 处{}", m.path, m.message_zh()),
        ),
        None => (
            "it has no source or no target".to_owned(),
            "没有 source 或 target".to_owned(),
        ),
    };
    Err(EditError::malformed(
        (&format!("flow {id}"), &format!("连线 {id}")),
        &at,
        (&why, &why_zh),
    ))
}

/// The node with this id, refused as `malformed` when any of `fields` has a JSON type the
/// model does not read (an operation about to rewrite `outgoing`, `conditions`… would lose it).
pub(crate) fn sound_node<'t>(
    tree: &'t Tree,
    id: &str,
    fields: &[&str],
) -> Result<Node<'t>, EditError> {
    let n = known_node(tree, id)?;
    match check::node_field_mismatch(n.object(), n.stored_kind(), fields) {
        None => Ok(n),
        Some(m) => {
            let mut segs = n.path().segments().to_vec();
            segs.extend(m.path.segments().iter().cloned());
            let at = Path::from(segs);
            Err(EditError::malformed(
                (&format!("node {id}"), &format!("节点 {id}")),
                &at,
                (&m.message(), &m.message_zh()),
            ))
        }
    }
}

/// The wiring fields an operation rewrites when it adds or removes a node's flows.
pub(crate) const WIRING: &[&str] = &["incoming", "outgoing", "conditions", "default_condition"];

/// A node to write to: where it is stored and what it is wired as ([`Node::stored_kind`]),
/// kept while the transaction changes the tree.
#[derive(Clone, Debug)]
pub(crate) struct NodeAt {
    pub path: Path,
    pub place: Place,
    pub kind: NodeKind,
}

impl NodeAt {
    pub fn of(n: &Node<'_>) -> NodeAt {
        NodeAt {
            path: n.path(),
            place: n.place(),
            kind: n.stored_kind(),
        }
    }

    /// The node with this id, or the refusal `unknown-node`.
    pub fn find(tree: &Tree, id: &str) -> Result<NodeAt, EditError> {
        known_node(tree, id).map(|n| NodeAt::of(&n))
    }

    pub fn is_event(&self) -> bool {
        matches!(self.kind, NodeKind::StartEvent | NodeKind::EndEvent)
    }
}

/// The ids a document already uses, so new ones never collide.
pub(crate) fn taken(tx: &Tx<'_>, id: &str) -> bool {
    node(tx.tree(), id).is_some()
        || tx.tree().flow(id).is_some()
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

/// A gateway that branches by conditions, with `flow` leaving it (what a branch's condition
/// and default are set on).
pub(crate) fn conditional_gateway(
    tree: &Tree,
    gateway: &str,
    flow: &str,
) -> Result<NodeAt, EditError> {
    let at = NodeAt::find(tree, gateway)?;
    if !at.kind.is_conditional() {
        return Err(EditError::new(
            "invalid-op",
            format!("{gateway} is not an exclusive or conditional parallel gateway"),
            format!("{gateway} 不是分支网关或条件并行网关"),
        ));
    }
    let (src, _) = known_flow(tree, flow)?;
    if src != gateway {
        return Err(EditError::new(
            "invalid-op",
            format!("flow {flow} does not leave {gateway}"),
            format!("连线 {flow} 不是从 {gateway} 出发的"),
        ));
    }
    Ok(at)
}

/// The arrows of the line drawing `flow` (Right, Left when it has none).
pub(crate) fn line_arrows(tx: &Tx<'_>, flow: &str) -> (String, String) {
    let line = tx.line_at(flow).and_then(|i| tx.tree().line_at(i));
    let source = line.and_then(|l| l.source().arrow).unwrap_or("Right");
    let target = line.and_then(|l| l.target().arrow).unwrap_or("Left");
    (source.to_owned(), target.to_owned())
}

/// The node's position (x, y) from its location.
pub(crate) fn node_xy(tx: &Tx<'_>, id: &str) -> Option<(f64, f64)> {
    let loc = tx.tree().location_at(tx.location_at(id)?)?;
    Some((loc.x()?, loc.y()?))
}

/// The node's box (x, y, w, h) from its location.
pub(crate) fn node_box(tx: &Tx<'_>, id: &str) -> Option<(f64, f64, f64, f64)> {
    let (x, y) = node_xy(tx, id)?;
    let kind = node(tx.tree(), id).map_or(NodeKind::Unknown, |n| n.stored_kind());
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

/// The arrows `id`'s lines use at its end: with `incoming`, the target arrows of the lines
/// entering it, else the source arrows of those leaving it.
fn used_arrows<'t>(tx: &'t Tx<'_>, id: &str, incoming: bool) -> Vec<&'t str> {
    let tree = tx.tree();
    let Some(n) = node(tree, id) else {
        return Vec::new();
    };
    let flows = if incoming { n.incoming() } else { n.outgoing() };
    flows
        .iter()
        .filter_map(|f| tree.line_at(tx.line_at(f)?))
        .filter_map(|l| {
            if incoming {
                l.target().arrow
            } else {
                l.source().arrow
            }
        })
        .collect()
}

/// SOPS's choice of anchors for a bridge: the closest pair, leaving out anchors the source
/// already uses for incoming lines and the target for outgoing ones. (Right, Left) when a
/// node has no location.
pub(crate) fn nearest_anchors(tx: &Tx<'_>, source: &str, target: &str) -> (String, String) {
    let (Some(sb), Some(tb)) = (node_box(tx, source), node_box(tx, target)) else {
        return ("Right".into(), "Left".into());
    };
    let src_used = used_arrows(tx, source, true);
    let tgt_used = used_arrows(tx, target, false);
    let mut best: Option<(f64, Arrow, Arrow)> = None;
    for sa in ARROWS.iter().filter(|a| !src_used.contains(&a.as_str())) {
        for ta in ARROWS.iter().filter(|a| !tgt_used.contains(&a.as_str())) {
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

/// A result of one string field: `{"id": …}`, `{"flow": …}`.
pub(crate) fn one(key: &str, v: &str) -> Object {
    let mut o = Object::new();
    o.insert(key, Value::from(v));
    o
}

/// The result of an operation that may bridge: `{"bridge": flow}`, `{"unbridged": {from, to,
/// reason}}` when a node with one flow in and one out left its neighbours apart, or `{}`.
pub(crate) fn bridged(b: super::wiring::Bridged) -> Object {
    use super::wiring::Bridged;
    match b {
        Bridged::None => Object::new(),
        Bridged::Drawn(f) => one("bridge", &f),
        Bridged::Refused(why) => {
            let mut o = Object::new();
            o.insert("from", Value::from(why.from.as_str()));
            o.insert("to", Value::from(why.to.as_str()));
            o.insert("reason", Value::from(why.reason.as_str()));
            let mut out = Object::new();
            out.insert("unbridged", Value::Object(o));
            out
        }
    }
}
