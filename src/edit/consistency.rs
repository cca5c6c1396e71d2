//! The invariants every editor operation keeps: flows, the nodes' `incoming`/`outgoing`,
//! branch conditions, `line` and `location` agree (a tree with neither `line` nor `location`
//! has no drawing to keep in step, and the editor adds none but by a layout or a repair). Tests check them after every operation; a
//! page may call them on a loaded tree to see whether it is in step.

use crate::map::HashMap;

use crate::model::{Node, NodeKind, Tree};

/// Every disagreement, as one sentence each (empty: the tree is in step).
pub fn inconsistencies(tree: &Tree) -> Vec<String> {
    let mut out = Vec::new();
    ids_are_keys(tree, &mut out);
    let nodes = node_wiring(tree, &mut out);
    flows_listed(tree, &mut out);
    // A tree without drawing data (bamboo-engine's format, an API request) has none to agree.
    if tree.root().contains_key("line") || tree.root().contains_key("location") {
        lines(tree, &mut out);
        locations(tree, &nodes, &mut out);
    }
    crate::sort::merge_sort_by(&mut out, &|a, b| a < b);
    out
}

/// The disagreements of the drawing alone (`line` and `location` with the flows and nodes):
/// what an operation that only sets the drawing can change.
pub fn drawing_inconsistencies(tree: &Tree) -> Vec<String> {
    let mut out = Vec::new();
    if tree.root().contains_key("line") || tree.root().contains_key("location") {
        let nodes = node_wiring(tree, &mut Vec::new());
        lines(tree, &mut out);
        locations(tree, &nodes, &mut out);
    }
    crate::sort::merge_sort_by(&mut out, &|a, b| a < b);
    out
}

/// `location`, `line` and flows name a node by its id, and the editor finds it by its key.
fn ids_are_keys(tree: &Tree, out: &mut Vec<String>) {
    for n in tree.activities().chain(tree.gateways()) {
        if n.id() != Some(n.key()) {
            out.push(format!(
                "node {} has the id {:?}, not its key",
                n.key(),
                n.id()
            ));
        }
    }
}

/// Each node's id is used once, its `incoming` and `outgoing` list flows that end and start
/// at it, and a conditional gateway's branches and conditions match. Returns the nodes by id.
fn node_wiring<'t>(tree: &'t Tree, out: &mut Vec<String>) -> HashMap<&'t str, NodeKind> {
    let mut nodes: HashMap<&str, NodeKind> = HashMap::new();
    for n in tree.nodes() {
        let Some(id) = n.id().filter(|i| !i.is_empty()) else {
            continue;
        };
        if nodes.insert(id, n.kind()).is_some() {
            out.push(format!("node id {id} is used twice"));
        }
        for f in n.incoming().iter() {
            match tree.flow(f) {
                Some(fl) if fl.target() == Some(id) => {}
                _ => out.push(format!(
                    "node {id} lists incoming flow {f}, which does not end at it"
                )),
            }
        }
        for f in n.outgoing().iter() {
            match tree.flow(f) {
                Some(fl) if fl.source() == Some(id) => {}
                _ => out.push(format!(
                    "node {id} lists outgoing flow {f}, which does not start at it"
                )),
            }
        }
        if n.kind().is_conditional() {
            branches(id, &n, out);
        }
    }
    nodes
}

/// A conditional gateway: every branch has a condition or is the default, every condition
/// guards a branch, and the default is a branch without a condition.
fn branches(id: &str, n: &Node<'_>, out: &mut Vec<String>) {
    let outgoing: Vec<&str> = n.outgoing().iter().collect();
    let default = n.default_condition().map(|d| d.flow_id);
    for f in &outgoing {
        let has = n.conditions().any(|c| c.flow_id == *f);
        if !has && default != Some(*f) {
            out.push(format!("gateway {id}: branch {f} has no condition"));
        }
    }
    for c in n.conditions() {
        if !outgoing.contains(&c.flow_id) {
            out.push(format!(
                "gateway {id}: condition for {}, which is not its branch",
                c.flow_id
            ));
        }
    }
    if let Some(d) = default {
        if !outgoing.contains(&d) || n.conditions().any(|c| c.flow_id == d) {
            out.push(format!(
                "gateway {id}: default branch {d} is not a plain branch of it"
            ));
        }
    }
}

/// Each flow has both ends, and they list it.
fn flows_listed(tree: &Tree, out: &mut Vec<String>) {
    for f in tree.flows() {
        let (Some(s), Some(t)) = (f.source(), f.target()) else {
            out.push(format!("flow {} lacks an end", f.key()));
            continue;
        };
        match tree.node(s) {
            Some(n) if n.outgoing().iter().any(|x| x == f.key()) => {}
            _ => out.push(format!("flow {}: its source {s} does not list it", f.key())),
        }
        match tree.node(t) {
            Some(n)
                if n.kind() == NodeKind::StartEvent
                    || n.incoming().iter().any(|x| x == f.key()) => {}
            _ => out.push(format!("flow {}: its target {t} does not list it", f.key())),
        }
    }
}

/// Each flow is drawn once, by a line joining its ends, and each line draws a flow.
fn lines(tree: &Tree, out: &mut Vec<String>) {
    let mut drawn: HashMap<&str, ()> = HashMap::new();
    for l in tree.lines() {
        let Some(id) = l.id() else {
            out.push("a line has no id".into());
            continue;
        };
        if drawn.insert(id, ()).is_some() {
            out.push(format!("flow {id} is drawn twice"));
        }
        match tree.flow(id) {
            None => out.push(format!("line {id} draws no flow")),
            Some(f) => {
                if l.source().id != f.source() || l.target().id != f.target() {
                    out.push(format!("line {id} joins other nodes than its flow"));
                }
            }
        }
    }
    for f in tree.flows() {
        if !drawn.contains_key(f.key()) {
            out.push(format!("flow {} is not drawn", f.key()));
        }
    }
}

/// Each node is placed once, with its kind's location type, and each location places a node.
fn locations(tree: &Tree, nodes: &HashMap<&str, NodeKind>, out: &mut Vec<String>) {
    let mut placed: HashMap<&str, ()> = HashMap::new();
    for loc in tree.locations() {
        let Some(id) = loc.id() else {
            out.push("a location has no id".into());
            continue;
        };
        if placed.insert(id, ()).is_some() {
            out.push(format!("node {id} is placed twice"));
        }
        match nodes.get(id) {
            None => out.push(format!("location {id} places no node")),
            Some(k) => {
                if let Some(t) = k.location_type() {
                    if loc.location_type() != Some(t) {
                        out.push(format!(
                            "location {id} has type {:?}, the node is a {t}",
                            loc.location_type()
                        ));
                    }
                }
            }
        }
    }
    for id in nodes.keys() {
        if !placed.contains_key(id) {
            out.push(format!("node {id} has no location"));
        }
    }
}
