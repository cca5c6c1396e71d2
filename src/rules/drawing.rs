//! WEB: the drawing data (`line`, `location`) against `flows` and the nodes. SOPS never checks
//! these on save; task creation breaks on a line or location that names nothing (TASK-006).
//!
//! Each check looks at one item (a line, a location, a flow, a node) and, for repeats, at the
//! earlier items with its id, so the editor reruns only the items an edit touched.

use super::registry::*;
use crate::map::HashMap;

use super::ctx::{At, Ctx};
use super::schema::{describe, describe_zh};
use crate::json::Path;
use crate::model::{Arrow, Flow, Line, Location, Node, Tree};

/// A tree with neither `line` nor `location` is undrawn (SOPS draws it on import): no WEB rule
/// applies.
pub(crate) fn drawn(tree: &Tree) -> bool {
    tree.root().contains_key("line") || tree.root().contains_key("location")
}

pub(crate) fn check(cx: &mut Ctx<'_>) {
    let tree = cx.tree;
    if !drawn(tree) {
        return;
    }
    let mut lines: HashMap<&str, usize> = HashMap::new();
    for (i, l) in tree.lines().enumerate() {
        let Some(id) = l.id() else { continue };
        let repeat = lines.insert(id, i).is_some();
        line(cx, i, &l, repeat);
    }
    for f in tree.flows() {
        flow_drawn(cx, &f, lines.contains_key(f.key()));
    }
    let mut locs: HashMap<&str, usize> = HashMap::new();
    for (i, loc) in tree.locations().enumerate() {
        let Some(id) = loc.id() else { continue };
        let repeat = locs.insert(id, i).is_some();
        location(cx, i, &loc, repeat);
    }
    for n in tree.nodes() {
        node_placed(cx, &n, locs.contains_key(n.key()));
    }
}

/// The line at `line[i]`: WEB008 (`repeat`: an earlier line has its id), WEB002, WEB003, WEB007.
pub(crate) fn line(cx: &mut Ctx<'_>, i: usize, l: &Line<'_>, repeat: bool) {
    let tree = cx.tree;
    super::types::line(cx, i, l);
    let path = Path::root().key("line").index(i);
    let Some(id) = l.id() else { return };
    if repeat {
        cx.emit(
            &WEB008,
            At::path(path.clone()).with_flow(id),
            format!("flow {id} is drawn twice in line"),
            format!("连线 {id} 在 line 中重复"),
        );
    }
    let flow = tree.flow(id);
    if flow.is_none() {
        cx.emit(
            &WEB002,
            At::path(path.clone()).with_flow(id),
            format!("line {id} draws a flow that does not exist"),
            format!("line {id} 没有对应的连线"),
        );
    }
    for (side, anchor) in [("source", l.source()), ("target", l.target())] {
        let Some(nid) = anchor.id else { continue };
        if tree.node(nid).is_none() {
            cx.emit(
                &WEB003,
                At::path(path.key(side)).with_flow(id),
                format!("line {id}: its {side} {nid} is not a node"),
                format!("line {id} 的 {side} 节点 {nid} 不存在"),
            );
        } else if let Some(f) = flow {
            let expected = if side == "source" {
                f.source()
            } else {
                f.target()
            };
            if expected != Some(nid) {
                cx.emit(
                    &WEB003,
                    At::path(path.key(side)).with_flow(id),
                    format!(
                        "line {id}: its {side} is {nid}, but the flow's is {}",
                        expected.unwrap_or("nothing")
                    ),
                    format!(
                        "line {id} 的 {side} 是 {nid}，但连线的是 {}",
                        expected.unwrap_or("空")
                    ),
                );
            }
        }
        if let Some(a) = anchor.arrow {
            if Arrow::parse(a).is_none() {
                cx.emit(
                    &WEB007,
                    At::path(path.key(side).key("arrow")).with_flow(id),
                    format!("line {id}: arrow {a:?} is not Left, Right, Top or Bottom"),
                    format!("line {id} 的 arrow {a:?} 不是 Left、Right、Top 或 Bottom"),
                );
            }
        }
    }
}

/// WEB001: a flow no line draws.
pub(crate) fn flow_drawn(cx: &mut Ctx<'_>, f: &Flow<'_>, drawn: bool) {
    if !drawn {
        cx.emit(
            &WEB001,
            At::path(Path::root().key("flows").key(f.key())).with_flow(f.key()),
            format!("flow {} is not drawn (no line with its id)", f.key()),
            format!("连线 {} 没有画在画布上（line 中没有对应项）", f.key()),
        );
    }
}

/// The location at `location[i]`: WEB008 (`repeat`), WEB005, WEB006.
pub(crate) fn location(cx: &mut Ctx<'_>, i: usize, loc: &Location<'_>, repeat: bool) {
    let tree = cx.tree;
    super::types::location(cx, i, loc);
    let path = Path::root().key("location").index(i);
    let Some(id) = loc.id() else { return };
    if repeat {
        cx.emit(
            &WEB008,
            At::path(path.clone()).with_node(id),
            format!("node {id} is placed twice in location"),
            format!("节点 {id} 在 location 中重复"),
        );
    }
    match tree.node(id) {
        None => cx.emit(
            &WEB005,
            At::path(path.clone()),
            format!("location {id} places a node that does not exist"),
            format!("location {id} 没有对应的节点"),
        ),
        Some(n) => {
            let expected = n.kind().location_type();
            if expected.is_some() && loc.location_type() != expected {
                cx.emit(
                    &WEB006,
                    At::path(path.key("type")).with_node(id),
                    format!(
                        "{} is drawn as {:?}; expected {:?}",
                        describe(&n),
                        loc.location_type().unwrap_or_default(),
                        expected.unwrap_or_default()
                    ),
                    format!(
                        "{} 在 location 中的类型是 {:?}，应为 {:?}",
                        describe_zh(&n),
                        loc.location_type().unwrap_or_default(),
                        expected.unwrap_or_default()
                    ),
                );
            }
        }
    }
}

/// WEB004: a node no location places.
pub(crate) fn node_placed(cx: &mut Ctx<'_>, n: &Node<'_>, placed: bool) {
    if !placed {
        cx.emit(
            &WEB004,
            At::node(n),
            format!("{} is not placed (no location with its id)", describe(n)),
            format!("{} 没有画在画布上（location 中没有对应项）", describe_zh(n)),
        );
    }
}
