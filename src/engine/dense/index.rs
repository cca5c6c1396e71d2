//! What the dense stages read of a pipeline, kept in step with an edited tree: each node and
//! flow read once into a record, and read again only when an edit names it
//! ([`Index::refresh_node`], [`Index::refresh_flow`]). Keys and flow ids are interned to slots
//! that never move, so a record names its flows and a flow its ends by number, and
//! [`Graph::from_index`] makes the dense graph with no JSON lookup but the order of
//! `activities` and `gateways`.
//!
//! A record exists only for a node the dense stages may read (see [`Graph::build`]): any other
//! node, a key held twice, a flow of a type the engine cannot use or an embedded sub-process
//! pipeline sends the whole verdict to the JSON stages.

use crate::map::HashMap;

use super::{Cg, Graph, NONE};
use crate::engine::connection;
use crate::engine::gateway::act_outgoing;
use crate::engine::nodes::{format_to_list, Pipeline};
use crate::json::{Object, Value};
use crate::model::check::{engine_flow_ok, engine_node_ok};

/// Where a node is held.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Event,
    Activities,
    Gateways,
}

#[derive(Clone, Debug)]
struct NodeSlot {
    key: Box<str>,
    /// How many places (start, end, activities, gateways) hold a node under this key.
    held: u8,
    rec: Option<NodeRec>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum CgRec {
    Absent,
    Null,
    /// A string: the node slot it names (whether or not a node holds it).
    Key(u32),
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct NodeRec {
    ty: Box<str>,
    /// Flow slots, in order.
    incoming: Vec<u32>,
    outgoing: Vec<u32>,
    cg: CgRec,
    /// For an activity: the flow slot its `outgoing` names when it names one.
    act_out: Option<u32>,
}

#[derive(Clone, Debug)]
struct FlowSlot {
    id: Box<str>,
    present: bool,
    /// Of a type the engine can use (or absent).
    ok: bool,
    source: Option<u32>,
    target: Option<u32>,
}

/// Node slots in `get_nodes_dict` order, and each slot's place in it.
type Order = (Vec<u32>, Vec<u32>);

/// The pipeline's nodes and flows as records (see the module).
#[derive(Clone, Debug, Default)]
pub struct Index {
    node_num: HashMap<Box<str>, u32>,
    nodes: Vec<NodeSlot>,
    flow_num: HashMap<Box<str>, u32>,
    flows: Vec<FlowSlot>,
    /// Flow slots present but not `ok`.
    bad_flows: usize,
    /// Records read again since the index was made: the order below is good while this
    /// number is the one it was made at.
    reads: u64,
    /// [`Index::order`]'s last answer (without the pipeline), shared by the graph rules and
    /// the engine between two edits.
    order_memo: std::cell::RefCell<Option<(u64, Option<Order>)>>,
}

impl Index {
    /// Reads every node and flow of the pipeline `root`.
    pub fn build(root: &Object) -> Index {
        let mut ix = Index::default();
        let mut keys: Vec<&str> = Vec::new();
        for ev in ["start_event", "end_event"] {
            if let Some(id) = root
                .get(ev)
                .and_then(|e| e.get("id"))
                .and_then(Value::as_str)
            {
                keys.push(id);
            }
        }
        for section in ["activities", "gateways"] {
            if let Some(o) = root.get(section).and_then(Value::as_object) {
                keys.extend(o.iter().map(|(k, _)| k));
            }
        }
        for k in keys {
            ix.refresh_node(root, k);
        }
        if let Some(o) = root.get("flows").and_then(Value::as_object) {
            for (id, _) in o.iter() {
                ix.refresh_flow(root, id);
            }
        }
        ix
    }

    fn node_slot(&mut self, key: &str) -> u32 {
        if let Some(&n) = self.node_num.get(key) {
            return n;
        }
        let n = self.nodes.len() as u32;
        self.node_num.insert(key.into(), n);
        self.nodes.push(NodeSlot {
            key: key.into(),
            held: 0,
            rec: None,
        });
        n
    }

    fn flow_slot(&mut self, id: &str) -> u32 {
        if let Some(&n) = self.flow_num.get(id) {
            return n;
        }
        let n = self.flows.len() as u32;
        self.flow_num.insert(id.into(), n);
        self.flows.push(FlowSlot {
            id: id.into(),
            present: false,
            ok: true,
            source: None,
            target: None,
        });
        n
    }

    /// Reads again whatever the pipeline holds under node key `key`.
    pub fn refresh_node(&mut self, root: &Object, key: &str) {
        self.reads += 1;
        let slot = self.node_slot(key) as usize;
        let mut held = 0u8;
        let mut found: Option<(&Value, Section)> = None;
        for ev in ["start_event", "end_event"] {
            if let Some(e) = root.get(ev) {
                if e.get("id").and_then(Value::as_str) == Some(key) {
                    held += 1;
                    found = Some((e, Section::Event));
                }
            }
        }
        for (name, section) in [
            ("activities", Section::Activities),
            ("gateways", Section::Gateways),
        ] {
            if let Some(v) = root.get(name).and_then(|s| s.get(key)) {
                held += 1;
                found = Some((v, section));
            }
        }
        let rec = match found {
            Some((v, section)) if held == 1 => self.read_node(v, key, section),
            _ => None,
        };
        self.nodes[slot].held = held;
        self.nodes[slot].rec = rec;
    }

    fn read_node(&mut self, v: &Value, key: &str, section: Section) -> Option<NodeRec> {
        let o = v.as_object()?;
        if key.is_empty() || !engine_node_ok(v) || o.get("id").and_then(Value::as_str) != Some(key)
        {
            return None;
        }
        let ty = o.get("type").and_then(Value::as_str)?;
        connection::rule(ty)?;
        let embeds = matches!(ty, "SubProcess" | "SubCanvas")
            && o.get("pipeline").and_then(Value::as_object).is_some();
        let gateway_out_ok = match o.get("outgoing") {
            Some(Value::Array(_)) => true,
            Some(Value::String(s)) => !s.is_empty(),
            _ => false,
        };
        if embeds || (section == Section::Gateways && !gateway_out_ok) {
            return None;
        }
        let mut flows = |field: &'static str| -> Option<Vec<u32>> {
            let list = format_to_list(o.get(field), key, field).ok()?;
            Some(list.into_iter().map(|f| self.flow_slot(f)).collect())
        };
        let incoming = flows("incoming")?;
        let outgoing = flows("outgoing")?;
        let cg = match o.get("converge_gateway_id") {
            None => CgRec::Absent,
            Some(Value::String(s)) => CgRec::Key(self.node_slot(s)),
            Some(_) => CgRec::Null,
        };
        let act_out = if section == Section::Activities {
            act_outgoing(v, key).ok().map(|f| self.flow_slot(f))
        } else {
            None
        };
        Some(NodeRec {
            ty: ty.into(),
            incoming,
            outgoing,
            cg,
            act_out,
        })
    }

    /// Reads again the flow `id` of the pipeline.
    pub fn refresh_flow(&mut self, root: &Object, id: &str) {
        self.reads += 1;
        let slot = self.flow_slot(id) as usize;
        let v = root.get("flows").and_then(|f| f.get(id));
        let end = |ix: &mut Index, field| {
            let s = v.and_then(|v| v.get(field)).and_then(Value::as_str)?;
            Some(ix.node_slot(s))
        };
        let source = end(self, "source");
        let target = end(self, "target");
        let ok = v.is_none_or(|v| v.as_object().is_some() && engine_flow_ok(v));
        let f = &mut self.flows[slot];
        if f.present && !f.ok {
            self.bad_flows -= 1;
        }
        f.present = v.is_some();
        f.ok = ok;
        f.source = source;
        f.target = target;
        if f.present && !f.ok {
            self.bad_flows += 1;
        }
    }

    /// Every node and flow present, by key, as the dense stages read them (slots replaced by
    /// keys): equal for two indexes of one pipeline however they were kept.
    pub fn canonical(&self) -> Vec<String> {
        let node = |s: u32| self.nodes[s as usize].key.as_ref();
        let flow = |s: u32| self.flows[s as usize].id.as_ref();
        let mut out: Vec<String> = Vec::new();
        for n in self.nodes.iter().filter(|n| n.held > 0) {
            let rec = n.rec.as_ref().map(|r| {
                let cg = match r.cg {
                    CgRec::Key(s) => format!("cg {}", node(s)),
                    ref other => format!("{other:?}"),
                };
                let inc: Vec<&str> = r.incoming.iter().map(|&f| flow(f)).collect();
                let out: Vec<&str> = r.outgoing.iter().map(|&f| flow(f)).collect();
                let act = r.act_out.map(flow);
                format!("{} in {inc:?} out {out:?} {cg} act {act:?}", r.ty)
            });
            out.push(format!("node {} held {} {rec:?}", n.key, n.held));
        }
        for f in self.flows.iter().filter(|f| f.present) {
            out.push(format!(
                "flow {} ok {} {:?} -> {:?}",
                f.id,
                f.ok,
                f.source.map(node),
                f.target.map(node)
            ));
        }
        crate::sort::merge_sort_by(&mut out, &|a, b| a < b);
        out
    }
}

impl Index {
    /// The pipeline's nodes in `get_nodes_dict` order (start, end, activities, gateways) as
    /// slots, and each slot's place in it; `None` unless every node is a record the dense
    /// stages read, each key held once, every flow of a usable type.
    fn order<'a>(&self, root: &'a Object) -> Option<(Pipeline<'a>, Vec<u32>, Vec<u32>)> {
        if self.bad_flows > 0 {
            return None;
        }
        let p = Pipeline::new(root).ok()?;
        p.flows?;
        if let Some((at, memo)) = &*self.order_memo.borrow() {
            if *at == self.reads {
                return memo.clone().map(|(order, pos)| (p, order, pos));
            }
        }
        let found = self.find_order(&p);
        *self.order_memo.borrow_mut() = Some((self.reads, found.clone()));
        found.map(|(order, pos)| (p, order, pos))
    }

    fn find_order(&self, p: &Pipeline<'_>) -> Option<Order> {
        let total = 2 + p.activities.len() + p.gateways.len();
        let mut order: Vec<u32> = Vec::with_capacity(total);
        order.push(*self.node_num.get(p.start_id)?);
        order.push(*self.node_num.get(p.end_id)?);
        for section in [p.activities, p.gateways] {
            for (k, _) in section.iter() {
                order.push(*self.node_num.get(k)?);
            }
        }
        let mut pos = vec![NONE; self.nodes.len()];
        for (i, &s) in order.iter().enumerate() {
            let slot = &self.nodes[s as usize];
            if pos[s as usize] != NONE || slot.held != 1 || slot.rec.is_none() {
                return None;
            }
            pos[s as usize] = i as u32;
        }
        Some((order, pos))
    }

    /// The keys of the nodes the start event cannot reach (CONN010), in the tree's order of
    /// nodes, or `None` when [`Index::order`] is (the rules then walk the JSON).
    pub fn unreached<'a>(&'a self, root: &Object) -> Option<Vec<&'a str>> {
        let (_, order, pos) = self.order(root)?;
        let mut reached = vec![false; order.len()];
        let mut queue = std::collections::VecDeque::from([0u32]);
        reached[0] = true;
        while let Some(i) = queue.pop_front() {
            let rec = self.nodes[order[i as usize] as usize].rec.as_ref()?;
            for &f in &rec.outgoing {
                let fl = &self.flows[f as usize];
                let Some(t) = fl.target.filter(|_| fl.present) else {
                    continue;
                };
                let t = pos[t as usize];
                if t != NONE && !reached[t as usize] {
                    reached[t as usize] = true;
                    queue.push_back(t);
                }
            }
        }
        Some(
            order
                .iter()
                .zip(&reached)
                .filter(|(_, &r)| !r)
                .map(|(&s, _)| self.nodes[s as usize].key.as_ref())
                .collect(),
        )
    }
}

impl<'a> Graph<'a> {
    /// The dense graph of the pipeline `root` from its [`Index`], or `None` when the dense
    /// stages may not read it (as [`Graph::build`]; the two agree, see the tests).
    pub fn from_index(ix: &'a Index, root: &'a Object) -> Option<Graph<'a>> {
        let (p, order, pos) = ix.order(root)?;
        let n = order.len();
        let first_gateway = 2 + p.activities.len();
        let mut g = Graph::empty(p, n, first_gateway);
        // a listed flow present, its end a node of the pipeline
        let end = |f: u32, target: bool| -> Option<u32> {
            let fl = &ix.flows[f as usize];
            let s = if target { fl.target } else { fl.source };
            let p = pos[s.filter(|_| fl.present)? as usize];
            (p != NONE).then_some(p)
        };
        for (i, &s) in order.iter().enumerate() {
            let slot = &ix.nodes[s as usize];
            let rec = slot.rec.as_ref()?;
            g.names.push(&slot.key);
            g.ty.push(&rec.ty);
            for &f in &rec.incoming {
                g.sources.push(end(f, false)?);
            }
            for &f in &rec.outgoing {
                g.targets.push(end(f, true)?);
            }
            g.s_at.push(g.sources.len() as u32);
            g.t_at.push(g.targets.len() as u32);
            g.cg.push(match rec.cg {
                CgRec::Absent => Cg::Absent,
                CgRec::Null => Cg::Null,
                CgRec::Key(c) if pos[c as usize] != NONE => Cg::Node(pos[c as usize]),
                CgRec::Key(c) => Cg::NotNode(&ix.nodes[c as usize].key),
            });
            if i >= 2 && i < first_gateway {
                g.is_act[i] = true;
                if let Some(f) = rec.act_out {
                    let fl = &ix.flows[f as usize];
                    if let (true, Some(t)) = (fl.present, fl.target) {
                        // following the flow reaches a key: it must be a node
                        let t = pos[t as usize];
                        if t == NONE {
                            return None;
                        }
                        g.act_next[i] = t;
                    }
                }
            }
        }
        Some(g)
    }
}
