//! The tree as the layouts see it: nodes and flows as dense indices, in the orders SOPS's
//! `draw_pipeline` iterates them.

use crate::map::HashMap;

use crate::json::Value;
use crate::model::{NodeKind, Place, Tree};

/// How a node is sized and spaced (editor-spec §3.2's `SX`/`SY` groups).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Task and subprocess (and nodes of unknown type).
    Activity,
    /// Start and end events.
    Event,
    /// Parallel and converge gateways.
    Gateway,
    /// Exclusive and conditional parallel gateways (wider horizontal advance in SOPS).
    WideGateway,
    /// A point on a long edge (layouts only).
    Dummy,
}

/// A flow whose two ends are nodes of the tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlowIn {
    /// The key under `flows`.
    pub key: String,
    pub source: usize,
    pub target: usize,
}

/// The tree's nodes and flows.
///
/// Nodes are in the order of SOPS's `nodes` dict (activities, gateways, start, end; an id
/// used twice is one node, at its first place, with the last definition). `inc`/`out` are
/// each node's `incoming`/`outgoing` as written, less ids that are not drawable flows: SOPS's
/// layout reads them (and `flows` for the edges themselves) even where they disagree.
/// [`Input::edges`] gives the flows' own ends.
#[derive(Clone, Debug, Default)]
pub struct Input {
    pub ids: Vec<String>,
    pub kinds: Vec<NodeKind>,
    /// Whether the node is stored under `activities` (SOPS's fill step asks).
    pub in_activities: Vec<bool>,
    /// `name` of each node, as written.
    pub names: Vec<Option<Value>>,
    /// `converge_gateway_id` of a branching gateway, when written: `Some(None)` if written but
    /// not naming a node.
    pub converge: Vec<Option<Option<usize>>>,
    pub start: Option<usize>,
    /// start, end, gateways, activities: the order `Graph.get_cycle` starts its searches in.
    pub cycle_order: Vec<usize>,
    /// Gateways in `gateways` order.
    pub gateways: Vec<usize>,
    pub flows: Vec<FlowIn>,
    pub inc: Vec<Vec<usize>>,
    pub out: Vec<Vec<usize>>,
    /// Flows left out: an end is not a node.
    pub dangling: Vec<String>,
    /// Each node's place in `location` (top-left), when it has one with numeric x and y.
    pub placed: Vec<Option<(f64, f64)>>,
}

impl Input {
    pub fn of(tree: &Tree) -> Input {
        let mut g = Input::default();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut activities = Vec::new();
        for n in tree.activities() {
            activities.push(g.add(&mut index, n.key(), n));
        }
        let mut gateways = Vec::new();
        for n in tree.gateways() {
            gateways.push(g.add(&mut index, n.key(), n));
        }
        for n in tree.start_event().into_iter().chain(tree.end_event()) {
            if let Some(id) = n.id() {
                g.add(&mut index, id, n);
            }
        }
        g.start = tree
            .start_event()
            .and_then(|n| n.id())
            .and_then(|id| index.get(id).copied());
        let end = tree
            .end_event()
            .and_then(|n| n.id())
            .and_then(|id| index.get(id).copied());
        g.cycle_order = g
            .start
            .into_iter()
            .chain(end)
            .chain(gateways.iter().copied())
            .chain(activities)
            .collect();
        g.gateways = gateways;
        g.read_converge(tree, &index);
        let flow_index = g.read_flows(tree, &index);
        g.read_places(tree, &index);
        g.read_io(tree, &index, &flow_index);
        g
    }

    /// Adds node `id` (or, for an id met before, takes this definition at its first place);
    /// returns its index.
    fn add(
        &mut self,
        index: &mut HashMap<String, usize>,
        id: &str,
        node: crate::model::Node<'_>,
    ) -> usize {
        let kind = node.kind();
        let name = node.object().get("name").cloned();
        match index.get(id) {
            Some(&i) => {
                self.kinds[i] = kind;
                self.names[i] = name;
                self.in_activities[i] |= node.place() == Place::Activities;
                i
            }
            None => {
                let i = self.ids.len();
                index.insert(id.to_owned(), i);
                self.ids.push(id.to_owned());
                self.kinds.push(kind);
                self.names.push(name);
                self.in_activities.push(node.place() == Place::Activities);
                i
            }
        }
    }

    /// Each branching gateway's `converge_gateway_id`, when written.
    fn read_converge(&mut self, tree: &Tree, index: &HashMap<String, usize>) {
        self.converge = vec![None; self.ids.len()];
        for gw in tree.gateways() {
            let i = index[gw.key()];
            if matches!(
                self.kinds[i],
                NodeKind::ExclusiveGateway
                    | NodeKind::ParallelGateway
                    | NodeKind::ConditionalParallelGateway
            ) {
                if let Some(v) = gw.object().get("converge_gateway_id") {
                    self.converge[i] = Some(v.as_str().and_then(|s| index.get(s).copied()));
                }
            }
        }
    }

    /// The flows whose two ends are nodes (the others go to `dangling`); returns the index of
    /// each by key.
    fn read_flows<'t>(
        &mut self,
        tree: &'t Tree,
        index: &HashMap<String, usize>,
    ) -> HashMap<&'t str, usize> {
        let mut flow_index: HashMap<&str, usize> = HashMap::new();
        for f in tree.flows() {
            let ends = (
                f.source().and_then(|s| index.get(s)),
                f.target().and_then(|t| index.get(t)),
            );
            match ends {
                (Some(&source), Some(&target)) => {
                    flow_index.insert(f.key(), self.flows.len());
                    self.flows.push(FlowIn {
                        key: f.key().to_owned(),
                        source,
                        target,
                    });
                }
                _ => self.dangling.push(f.key().to_owned()),
            }
        }
        flow_index
    }

    /// Each node's place in `location`, when its x and y are finite numbers.
    fn read_places(&mut self, tree: &Tree, index: &HashMap<String, usize>) {
        self.placed = vec![None; self.ids.len()];
        for loc in tree.locations() {
            if let (Some(i), Some(x), Some(y)) =
                (loc.id().and_then(|id| index.get(id)), loc.x(), loc.y())
            {
                if x.is_finite() && y.is_finite() {
                    self.placed[*i] = Some((x, y));
                }
            }
        }
    }

    /// Each node's `incoming`/`outgoing`, from its last definition, less ids that are not
    /// drawable flows.
    fn read_io(
        &mut self,
        tree: &Tree,
        index: &HashMap<String, usize>,
        flow_index: &HashMap<&str, usize>,
    ) {
        let n = self.ids.len();
        self.inc = vec![Vec::new(); n];
        self.out = vec![Vec::new(); n];
        let nodes: Vec<(usize, crate::model::Node<'_>)> = tree
            .activities()
            .chain(tree.gateways())
            .map(|nd| (index[nd.key()], nd))
            .chain(
                tree.start_event()
                    .into_iter()
                    .chain(tree.end_event())
                    .filter_map(|nd| Some((*index.get(nd.id()?)?, nd))),
            )
            .collect();
        // the last definition of a node wins, as in a Python dict
        let mut last: Vec<Option<crate::model::Node<'_>>> = vec![None; n];
        for (i, nd) in nodes {
            last[i] = Some(nd);
        }
        for (i, nd) in last.iter().enumerate() {
            let Some(nd) = nd else { continue };
            self.inc[i] = nd
                .incoming()
                .iter()
                .filter_map(|id| flow_index.get(id).copied())
                .collect();
            self.out[i] = nd
                .outgoing()
                .iter()
                .filter_map(|id| flow_index.get(id).copied())
                .collect();
        }
    }

    /// Flows entering / leaving each node by their `source` and `target`, in `flows` order.
    pub fn edges(&self) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
        let mut inc = vec![Vec::new(); self.len()];
        let mut out = vec![Vec::new(); self.len()];
        for (i, f) in self.flows.iter().enumerate() {
            out[f.source].push(i);
            inc[f.target].push(i);
        }
        (inc, out)
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    pub fn id(&self, node: usize) -> &str {
        &self.ids[node]
    }

    pub fn name(&self, node: usize) -> Option<&Value> {
        self.names[node].as_ref()
    }

    pub fn shape(&self, node: usize) -> Shape {
        shape_of(self.kinds[node])
    }

    pub fn location_type(&self, node: usize) -> &'static str {
        self.kinds[node].location_type().unwrap_or("tasknode")
    }

    /// Exclusive, parallel or conditional parallel gateway.
    pub fn is_branch(&self, node: usize) -> bool {
        is_branch(self.kinds[node])
    }
}

pub fn is_branch(kind: NodeKind) -> bool {
    matches!(
        kind,
        NodeKind::ExclusiveGateway
            | NodeKind::ParallelGateway
            | NodeKind::ConditionalParallelGateway
    )
}

pub fn shape_of(kind: NodeKind) -> Shape {
    match kind {
        NodeKind::StartEvent | NodeKind::EndEvent => Shape::Event,
        NodeKind::ExclusiveGateway | NodeKind::ConditionalParallelGateway => Shape::WideGateway,
        NodeKind::ParallelGateway | NodeKind::ConvergeGateway => Shape::Gateway,
        NodeKind::ServiceActivity | NodeKind::SubProcess | NodeKind::Unknown => Shape::Activity,
    }
}
