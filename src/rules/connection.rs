//! CONN: degrees, allowed connections, references and reachability, for every node at once
//! (bamboo-engine stops at the first node and never checks nodes without outgoing flows), and
//! the canvas's "may I draw this edge" answer ([`can_connect`], the FE rules).

use super::registry::*;
use crate::map::HashMap;
use std::collections::VecDeque;

use super::ctx::{At, Ctx};
use super::schema::{describe, describe_zh};
use crate::engine::connection_rule as rule;
use crate::json::Path;
use crate::model::{Flow, Node, NodeKind, Place, Tree};

/// One node: its flows exist and point back at it (CONN006/007), its degrees (CONN002-004) and
/// the kinds it connects to (CONN001).
pub(crate) fn node(cx: &mut Ctx<'_>, n: &Node<'_>) {
    let Some(r) = n.type_name().and_then(rule) else {
        return;
    };
    let n = *n;
    let incoming: Vec<&str> = n.incoming().iter().collect();
    let outgoing: Vec<&str> = n.outgoing().iter().collect();
    node_flows(cx, &n, &incoming, "incoming");
    node_flows(cx, &n, &outgoing, "outgoing");
    if incoming.len() < r.min_in || incoming.len() > r.max_in {
        let (who, who_zh, k) = (describe(&n), describe_zh(&n), incoming.len());
        let (en, zh) = if r.max_in == 0 {
            (
                format!("{who} may have no incoming flow; it has {k}"),
                format!("{who_zh} 不能有输入连线，现有 {k} 条"),
            )
        } else if incoming.is_empty() {
            (
                format!("{who} has no incoming flow"),
                format!("{who_zh} 没有输入连线"),
            )
        } else {
            (
                format!("{who} has {k} incoming flows; at most {}", r.max_in),
                format!("{who_zh} 有 {k} 条输入连线，最多 {} 条", r.max_in),
            )
        };
        cx.emit(&CONN002, At::node_field(&n, "incoming"), en, zh);
    }
    if outgoing.is_empty() && r.min_out > 0 {
        cx.emit(
            &CONN004,
            At::node_field(&n, "outgoing"),
            format!(
                "{} has no outgoing flow: the flow stops there",
                describe(&n)
            ),
            format!("{} 没有输出连线：流程在此中断", describe_zh(&n)),
        );
    } else if outgoing.len() > r.max_out {
        cx.emit(
            &CONN003,
            At::node_field(&n, "outgoing"),
            format!(
                "{} has {} outgoing flows; at most {}",
                describe(&n),
                outgoing.len(),
                r.max_out
            ),
            format!(
                "{} 有 {} 条输出连线，最多 {} 条",
                describe_zh(&n),
                outgoing.len(),
                r.max_out
            ),
        );
    }
    targets(cx, &n, r.allowed_out, &outgoing);
}

/// CONN006, CONN001: the targets of a node's outgoing flows exist and are of a kind it may
/// connect to.
fn targets(cx: &mut Ctx<'_>, n: &Node<'_>, allowed_out: &[&str], outgoing: &[&str]) {
    let tree = cx.tree;
    let ty = n.type_name().unwrap_or_default();
    for f in outgoing {
        let Some(t) = tree.flow(f).and_then(|fl| fl.target()) else {
            continue;
        };
        match tree.node(t) {
            None => cx.emit(
                &CONN006,
                At::path(Path::root().key("flows").key(f).key("target"))
                    .with_node(n.key())
                    .with_flow(f),
                format!(
                    "flow {f} from {} goes to {t}, which is not a node",
                    describe(n)
                ),
                format!("{} 的连线 {f} 指向 {t}，但它不是节点", describe_zh(n)),
            ),
            Some(tn) => {
                let tt = tn.type_name().unwrap_or_default();
                if !allowed_out.contains(&tt) {
                    cx.emit(
                        &CONN001,
                        At::node_field(n, "outgoing").with_flow(f),
                        format!("{ty} may not connect to {tt} (flow {f} to {t})"),
                        format!(
                            "{}不能连接{}（连线 {f} 指向 {t}）",
                            web_name(n),
                            web_name(&tn)
                        ),
                    );
                }
            }
        }
    }
}

/// One flow: its ends are nodes that list it (CONN006/007).
pub(crate) fn flow(cx: &mut Ctx<'_>, fl: &Flow<'_>) {
    let tree = cx.tree;
    let f = fl.key();
    for (end, field) in [("source", "outgoing"), ("target", "incoming")] {
        let id = if end == "source" {
            fl.source()
        } else {
            fl.target()
        };
        let Some(id) = id else { continue };
        match tree.node(id) {
            None => {
                if end == "source" {
                    cx.emit(
                        &CONN006,
                        At::path(Path::root().key("flows").key(f).key(end)).with_flow(f),
                        format!("flow {f} comes from {id}, which is not a node"),
                        format!("连线 {f} 的起点 {id} 不是节点"),
                    );
                }
            }
            Some(n) => {
                let listed = if end == "source" {
                    n.outgoing().iter().any(|x| x == f)
                } else {
                    n.incoming().iter().any(|x| x == f)
                };
                if !listed {
                    cx.emit(
                        &CONN007,
                        At::path(Path::root().key("flows").key(f).key(end))
                            .with_node(n.key())
                            .with_flow(f),
                        format!(
                            "flow {f} {} {}, but {} does not list it in {field}",
                            if end == "source" {
                                "comes from"
                            } else {
                                "goes to"
                            },
                            describe(&n),
                            describe(&n)
                        ),
                        format!(
                            "连线 {f} {}{}，但{}的 {field} 中没有列出它",
                            if end == "source" { "起于" } else { "指向" },
                            describe_zh(&n),
                            describe_zh(&n)
                        ),
                    );
                }
            }
        }
    }
}

/// The whole graph: NODE013/014 (ids) and CONN010 (reachability).
pub(crate) fn graph(cx: &mut Ctx<'_>) {
    ids(cx);
    reachability(cx);
}

/// CONN006 / CONN007 for the flows a node lists in `field` ("incoming" or "outgoing").
fn node_flows(cx: &mut Ctx<'_>, n: &Node<'_>, flows: &[&str], field: &str) {
    let tree = cx.tree;
    let (end, verb) = if field == "incoming" {
        ("target", "goes to")
    } else {
        ("source", "comes from")
    };
    for f in flows {
        match tree.flow(f) {
            None => missing_flow(cx, n, f, field),
            Some(fl) => {
                let other = if end == "target" {
                    fl.target()
                } else {
                    fl.source()
                };
                if other != Some(n.key()) {
                    cx.emit(
                        &CONN007,
                        At::node_field(n, field).with_flow(f),
                        format!(
                            "{} lists flow {f} in {field}, but the flow {verb} {}",
                            describe(n),
                            other.unwrap_or("nothing")
                        ),
                        format!(
                            "{} 的 {field} 列出了连线 {f}，但该连线的{}是 {}",
                            describe_zh(n),
                            if end == "target" { "终点" } else { "起点" },
                            other.unwrap_or("空")
                        ),
                    );
                }
            }
        }
    }
}

fn missing_flow(cx: &mut Ctx<'_>, n: &Node<'_>, f: &str, field: &str) {
    cx.emit(
        &CONN006,
        At::node_field(n, field).with_flow(f),
        format!(
            "{} lists flow {f} in {field}, but there is no such flow",
            describe(n)
        ),
        format!(
            "{} 的 {field} 列出了连线 {f}，但该连线不存在",
            describe_zh(n)
        ),
    );
}

/// NODE013: two nodes with one id; NODE014: a node stored under a key that is not its id.
fn ids(cx: &mut Ctx<'_>) {
    let tree = cx.tree;
    let mut seen: HashMap<&str, Place> = HashMap::new();
    for n in tree.nodes() {
        if let Some(&first) = seen.get(n.key()) {
            if first != n.place() || n.place() == Place::StartEvent || n.place() == Place::EndEvent
            {
                cx.emit(
                    &NODE013,
                    At::node(&n),
                    format!("two nodes have the id {}", n.key()),
                    format!("节点 id {} 重复", n.key()),
                );
            }
        } else {
            seen.insert(n.key(), n.place());
        }
        if matches!(n.place(), Place::Activities | Place::Gateways) {
            if let Some(id) = n.id() {
                if id != n.key() {
                    cx.emit(
                        &NODE014,
                        At::node_field(&n, "id"),
                        format!("{} has id {id:?}, which differs from its key", describe(&n)),
                        format!("{} 的 id 为 {id:?}，与其键不一致", describe_zh(&n)),
                    );
                }
            }
        }
    }
}

/// CONN010: nodes the start event cannot reach.
fn reachability(cx: &mut Ctx<'_>) {
    let tree = cx.tree;
    let Some(start) = tree.start_event() else {
        return;
    };
    let mut reached: HashMap<&str, ()> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    reached.insert(start.key(), ());
    while let Some(n) = queue.pop_front() {
        for f in n.outgoing().iter() {
            let Some(t) = tree.flow(f).and_then(|fl| fl.target()) else {
                continue;
            };
            if reached.contains_key(t) {
                continue;
            }
            if let Some(tn) = tree.node(t) {
                reached.insert(tn.key(), ());
                queue.push_back(tn);
            }
        }
    }
    for n in tree.nodes() {
        if !reached.contains_key(n.key()) {
            unreachable(cx, &n);
        }
    }
}

fn unreachable(cx: &mut Ctx<'_>, n: &Node<'_>) {
    cx.emit(
        &CONN010,
        At::node(n),
        format!("{} cannot be reached from the start event", describe(n)),
        format!("{} 无法从开始节点到达", describe_zh(n)),
    );
}

/// [`graph`] from the engine's graph index kept in step: where the index orders the tree
/// (every key held once, each node under its own id), NODE013 and NODE014 cannot apply and
/// reachability walks node numbers; anywhere else the JSON is walked.
pub(crate) fn graph_indexed(cx: &mut Ctx<'_>, index: &crate::engine::GraphIndex) {
    let tree = cx.tree;
    match index.unreached(tree.root()) {
        Some(keys) => {
            for k in keys {
                if let Some(n) = tree.node(k) {
                    unreachable(cx, &n);
                }
            }
        }
        None => graph(cx),
    }
}

/// The canvas's name for a node kind (`NODE_DICT`).
pub(crate) fn web_name(n: &Node<'_>) -> &'static str {
    kind_name(n.kind())
}

fn kind_name(k: NodeKind) -> &'static str {
    k.name_zh()
}

/// The JSON form of a [`Refusal`].
pub const REFUSAL: crate::shape::Shape = crate::shape::Shape::new(
    "Refusal",
    "Why the canvas refuses a new flow: the canvas rule's code and message.",
    &[
        crate::shape::req("code", crate::shape::STR, ""),
        crate::shape::req("message", crate::shape::STR, ""),
        crate::shape::req("message_zh", crate::shape::STR, ""),
    ],
);

/// Why the canvas refuses a new edge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub code: &'static str,
    pub message: String,
    pub message_zh: String,
}

impl Refusal {
    /// `{code, message, message_zh}`.
    pub fn to_json(&self) -> crate::json::Value {
        let mut o = crate::json::Object::new();
        o.insert("code", crate::json::Value::from(self.code));
        o.insert("message", crate::json::Value::from(self.message.as_str()));
        o.insert(
            "message_zh",
            crate::json::Value::from(self.message_zh.as_str()),
        );
        crate::json::Value::Object(o)
    }
}

/// The canvas rules (`validatePipeline.js::isLineValid`, FE001–FE007): may a flow from
/// `source` to `target` be drawn in `tree`?
pub fn can_connect(tree: &Tree, source: &str, target: &str) -> Result<(), Refusal> {
    let (Some(s), Some(t)) = (tree.node(source), tree.node(target)) else {
        return Err(refusal(
            "FE000",
            "both ends must be nodes of the tree".into(),
            "连线两端必须是已有节点".into(),
        ));
    };
    if source == target {
        return Err(refusal(
            "FE001",
            "a node may not connect to itself".into(),
            format!("{}不可连接自身", kind_name(s.kind())),
        ));
    }
    match kinds_refusal(s.kind(), t.kind()) {
        Some(r) => Err(r),
        None => wiring_refusal(tree, &s, &t).map_or(Ok(()), Err),
    }
}

fn refusal(code: &'static str, message: String, message_zh: String) -> Refusal {
    Refusal {
        code,
        message,
        message_zh,
    }
}

/// The most outgoing flows the canvas lets a node of this kind have.
fn max_out(k: NodeKind) -> usize {
    match k {
        NodeKind::EndEvent => 0,
        NodeKind::StartEvent
        | NodeKind::ServiceActivity
        | NodeKind::SubProcess
        | NodeKind::ConvergeGateway => 1,
        _ => 1000,
    }
}

/// FE002-FE004: what the two kinds allow (the end event has no outgoing flow, the start event
/// no incoming one; the start event and parallel gateways go only to tasks and gateways that
/// branch).
fn kinds_refusal(sk: NodeKind, tk: NodeKind) -> Option<Refusal> {
    if max_out(sk) == 0 {
        return Some(refusal(
            "FE002",
            "the end event has no outgoing flows".into(),
            format!("{}只能添加输入连线", kind_name(sk)),
        ));
    }
    if tk == NodeKind::StartEvent {
        return Some(refusal(
            "FE003",
            "the start event has no incoming flows".into(),
            format!("{}只能添加输出连线", kind_name(tk)),
        ));
    }
    let allowed = match sk {
        // neither may go straight to a converge or the end
        NodeKind::StartEvent | NodeKind::ParallelGateway => matches!(
            tk,
            NodeKind::ServiceActivity
                | NodeKind::SubProcess
                | NodeKind::ExclusiveGateway
                | NodeKind::ParallelGateway
                | NodeKind::ConditionalParallelGateway
        ),
        NodeKind::Unknown => false,
        _ => tk != NodeKind::StartEvent && tk != NodeKind::Unknown,
    };
    (!allowed).then(|| {
        refusal(
            "FE004",
            format!(
                "{} may not connect to {}",
                sk.type_name().unwrap_or("this node"),
                tk.type_name().unwrap_or("this node")
            ),
            format!("{}不能连接{}", kind_name(sk), kind_name(tk)),
        )
    })
}

/// FE005-FE007: the flows already there (the other way round, the same flow, the source's
/// most outgoing flows).
fn wiring_refusal(tree: &Tree, s: &Node<'_>, t: &Node<'_>) -> Option<Refusal> {
    let sk = s.kind();
    let between = |a: &Node<'_>, b: &Node<'_>| {
        a.outgoing()
            .iter()
            .any(|f| tree.flow(f).and_then(|fl| fl.target()) == Some(b.key()))
    };
    if between(t, s) && sk != NodeKind::ExclusiveGateway {
        return Some(refusal(
            "FE005",
            "these nodes are already connected the other way".into(),
            "相同节点不能回连".into(),
        ));
    }
    if between(s, t) {
        return Some(refusal(
            "FE006",
            "this flow already exists".into(),
            "重复添加连线".into(),
        ));
    }
    (s.outgoing().len() >= max_out(sk)).then(|| {
        refusal(
            "FE007",
            format!("{} already has its most outgoing flows", describe(s)),
            format!("已达到{}最大输出连线条数", kind_name(sk)),
        )
    })
}
