//! WEB: the drawing data (`line`, `location`) against `flows` and the nodes. SOPS never checks
//! these on save; task creation breaks on a line or location that names nothing (TASK-006).

use foldhash::{HashMap, HashMapExt};

use super::ctx::{At, Ctx};
use super::schema::describe;
use crate::json::Path;
use crate::model::Arrow;

pub(crate) fn check(cx: &mut Ctx<'_>) {
    let tree = cx.tree;
    let has_line = tree.root().contains_key("line");
    let has_location = tree.root().contains_key("location");
    if !has_line && !has_location {
        return; // undrawn: SOPS draws it on import
    }
    let mut lines: HashMap<&str, usize> = HashMap::new();
    for (i, l) in tree.lines().enumerate() {
        let path = Path::root().key("line").index(i);
        let Some(id) = l.id() else { continue };
        if lines.insert(id, i).is_some() {
            cx.emit(
                "WEB008",
                At::path(path.clone()).with_flow(id),
                format!("flow {id} is drawn twice in line"),
                format!("连线 {id} 在 line 中重复"),
            );
        }
        let flow = tree.flow(id);
        if flow.is_none() {
            cx.emit(
                "WEB002",
                At::path(path.clone()).with_flow(id),
                format!("line {id} draws a flow that does not exist"),
                format!("line {id} 没有对应的连线"),
            );
        }
        for (side, anchor) in [("source", l.source()), ("target", l.target())] {
            let Some(nid) = anchor.id else { continue };
            if tree.node(nid).is_none() {
                cx.emit(
                    "WEB003",
                    At::path(path.key(side)).with_flow(id),
                    format!("line {id}: its {side} {nid} is not a node"),
                    format!("line {id} 的 {side} 节点 {nid} 不存在"),
                );
            } else if let Some(f) = flow {
                let expected = if side == "source" { f.source() } else { f.target() };
                if expected != Some(nid) {
                    cx.emit(
                        "WEB003",
                        At::path(path.key(side)).with_flow(id),
                        format!("line {id}: its {side} is {nid}, but the flow's is {}", expected.unwrap_or("nothing")),
                        format!("line {id} 的 {side} 与连线不一致"),
                    );
                }
            }
            if let Some(a) = anchor.arrow {
                if Arrow::parse(a).is_none() {
                    cx.emit(
                        "WEB007",
                        At::path(path.key(side).key("arrow")).with_flow(id),
                        format!("line {id}: arrow {a:?} is not Left, Right, Top or Bottom"),
                        format!("line {id} 的 arrow 不合法"),
                    );
                }
            }
        }
    }
    for f in tree.flows() {
        if !lines.contains_key(f.key()) {
            cx.emit(
                "WEB001",
                At::path(Path::root().key("flows").key(f.key())).with_flow(f.key()),
                format!("flow {} is not drawn (no line with its id)", f.key()),
                format!("连线 {} 在 line 中没有对应项", f.key()),
            );
        }
    }
    let mut locs: HashMap<&str, usize> = HashMap::new();
    for (i, loc) in tree.locations().enumerate() {
        let path = Path::root().key("location").index(i);
        let Some(id) = loc.id() else { continue };
        if locs.insert(id, i).is_some() {
            cx.emit(
                "WEB008",
                At::path(path.clone()).with_node(id),
                format!("node {id} is placed twice in location"),
                format!("节点 {id} 在 location 中重复"),
            );
        }
        match tree.node(id) {
            None => cx.emit(
                "WEB005",
                At::path(path.clone()),
                format!("location {id} places a node that does not exist"),
                format!("location {id} 没有对应的节点"),
            ),
            Some(n) => {
                let expected = n.kind().location_type();
                if expected.is_some() && loc.location_type() != expected {
                    cx.emit(
                        "WEB006",
                        At::path(path.key("type")).with_node(id),
                        format!(
                            "{} is drawn as {:?}; expected {:?}",
                            describe(&n),
                            loc.location_type().unwrap_or_default(),
                            expected.unwrap_or_default()
                        ),
                        format!("节点 {id} 的 location 类型与节点类型不一致"),
                    );
                }
            }
        }
    }
    for n in tree.nodes() {
        if !locs.contains_key(n.key()) {
            cx.emit(
                "WEB004",
                At::node(&n),
                format!("{} is not placed (no location with its id)", describe(&n)),
                format!("节点 {} 在 location 中没有对应项", n.key()),
            );
        }
    }
}
