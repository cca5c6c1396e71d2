//! "Start from the middle" (bamboo-engine `get_allowed_start_node_ids`,
//! `get_skipped_execute_node_ids`), done right: no duplicates, no infinite recursion on loops,
//! and the skipped set keeps every node that runs before the start position.
//!
//! Allowed: the start event, and the ServiceActivities and exclusive, parallel and
//! conditional-parallel gateways on the main line (inside exclusive branches too), never
//! inside a parallel block, never a SubProcess, converge or end event (START-003).
//! Skipped when starting at `s`: every node on a path from the start event to `s` that does
//! not pass through `s` (START-005 means this; the engine keeps only an exclusive branch whose
//! first node is `s`).

use crate::map::{HashMap, HashSet};

use super::{verdict, EngineError, Options};
use crate::model::{NodeKind, Tree};

/// Why a start position cannot be computed or used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StartError {
    /// The engine refuses the tree, so it has no start positions.
    Invalid(EngineError),
    /// The node is not one a task may start from.
    NotAllowed(String),
}

impl StartError {
    /// The engine's rule code when it refuses the tree; `START001` for a node not allowed.
    pub fn code(&self) -> &'static str {
        match self {
            StartError::Invalid(e) => e.code,
            StartError::NotAllowed(_) => "START001",
        }
    }
}

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StartError::Invalid(e) => write!(f, "the tree is invalid: {e}"),
            StartError::NotAllowed(n) => write!(f, "node {n} is not allowed as a starting node"),
        }
    }
}

/// node -> (kind, targets), and parallel gateway -> its converge.
struct Graph<'t> {
    order: Vec<&'t str>,
    kind: HashMap<&'t str, NodeKind>,
    targets: HashMap<&'t str, Vec<&'t str>>,
    converge: HashMap<String, String>,
    start: &'t str,
}

fn graph<'t>(tree: &'t Tree, options: &Options) -> Result<Graph<'t>, StartError> {
    let v = verdict(tree, options);
    if let Some(e) = v.error {
        return Err(StartError::Invalid(e));
    }
    let mut g = Graph {
        order: Vec::new(),
        kind: HashMap::new(),
        targets: HashMap::new(),
        converge: v
            .converge
            .into_iter()
            .filter_map(|(k, c)| Some((k, c?)))
            .collect(),
        start: tree.start_event().map_or("", |s| s.key()),
    };
    for n in tree.nodes() {
        g.order.push(n.key());
        g.kind.insert(n.key(), n.kind());
        let ts = n
            .outgoing()
            .iter()
            .filter_map(|f| tree.flow(f).and_then(|fl| fl.target()))
            .collect();
        g.targets.insert(n.key(), ts);
    }
    Ok(g)
}

/// The nodes a task may start from, in the order a walk from the start event meets them.
pub fn allowed_start_nodes(tree: &Tree, options: &Options) -> Result<Vec<String>, StartError> {
    let g = graph(tree, options)?;
    Ok(allowed(&g).into_iter().map(str::to_owned).collect())
}

fn allowed<'t>(g: &Graph<'t>) -> Vec<&'t str> {
    let mut out = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    let mut stack = vec![g.start];
    while let Some(n) = stack.pop() {
        if !seen.insert(n) {
            continue;
        }
        let kind = g.kind.get(n).copied().unwrap_or(NodeKind::Unknown);
        use NodeKind::*;
        if matches!(
            kind,
            StartEvent
                | ServiceActivity
                | ExclusiveGateway
                | ParallelGateway
                | ConditionalParallelGateway
        ) {
            out.push(n);
        }
        match kind {
            ParallelGateway | ConditionalParallelGateway => {
                if let Some(c) = g.converge.get(n) {
                    if let Some((&k, _)) = g.kind.get_key_value(c.as_str()) {
                        stack.push(k);
                    }
                }
            }
            EndEvent => {}
            _ => {
                for t in g.targets.get(n).into_iter().flatten().rev() {
                    stack.push(t);
                }
            }
        }
    }
    out
}

/// The nodes a task starting at `start_node` skips, in tree order.
pub fn skipped_nodes(
    tree: &Tree,
    start_node: &str,
    options: &Options,
) -> Result<Vec<String>, StartError> {
    let g = graph(tree, options)?;
    if start_node == g.start {
        return Ok(Vec::new());
    }
    if !allowed(&g).contains(&start_node) {
        return Err(StartError::NotAllowed(start_node.to_owned()));
    }
    // Forward from the start event without passing the start node...
    let mut fwd: HashSet<&str> = HashSet::new();
    let mut stack = vec![g.start];
    while let Some(n) = stack.pop() {
        if n == start_node || !fwd.insert(n) {
            continue;
        }
        stack.extend(g.targets.get(n).into_iter().flatten());
    }
    // ...and backward from the start node.
    let mut preds: HashMap<&str, Vec<&str>> = HashMap::new();
    for (&n, ts) in &g.targets {
        for &t in ts {
            preds.entry(t).or_default().push(n);
        }
    }
    let mut back: HashSet<&str> = HashSet::new();
    let mut stack: Vec<&str> = preds.get(start_node).cloned().unwrap_or_default();
    while let Some(n) = stack.pop() {
        if n == start_node || !back.insert(n) {
            continue;
        }
        stack.extend(preds.get(n).into_iter().flatten());
    }
    Ok(g.order
        .iter()
        .filter(|n| fwd.contains(*n) && back.contains(*n))
        .map(|n| (*n).to_owned())
        .collect())
}
