//! Graph-shaped trees for comparing the validator with bamboo-engine: nested parallel,
//! conditional-parallel and exclusive blocks, exclusive gateways that end the flow, loops,
//! converges shared between blocks, embedded sub-process pipelines, and then mutations that
//! break them the ways people do (a flow deleted, retargeted or doubled, a branch sent to the
//! end, a gateway retyped, a stale `converge_gateway_id`, legacy `incoming` shapes, a flow out
//! of the end event, two gateways, activities or flows that swap their `id` fields, a node
//! whose `id` is not its key...).
//! Only the fields the engine reads are written; ids are short so failures read easily.

use std::collections::HashMap;

use super::Rng;
use pipeline_tree::json::{Object, Value};

/// What to generate.
#[derive(Clone, Debug)]
pub struct Params {
    pub seed: u64,
    /// About how many activities and gateways.
    pub size: usize,
    /// How many mutations at most (0: a well-formed tree).
    pub mutations: usize,
}

const PG: &str = "ParallelGateway";
const CPG: &str = "ConditionalParallelGateway";
const EG: &str = "ExclusiveGateway";
const CG: &str = "ConvergeGateway";

struct G {
    rng: Rng,
    prefix: String,
    /// node id -> type, in creation order
    order: Vec<String>,
    types: HashMap<String, &'static str>,
    flows: Vec<(String, String, String)>,
    next: usize,
    budget: usize,
    subs: HashMap<String, Value>,
    converge_of: HashMap<String, String>,
    start: String,
    end: String,
    depth_left: usize,
}

/// A generated tree (engine format: what `validate_and_process_pipeline` reads).
pub fn tree(p: &Params) -> Value {
    let mut rng = Rng::new(p.seed);
    let nested = rng.chance(8);
    let mut g = G::new(rng, "", p.size.max(1), if nested { 1 } else { 0 });
    g.build();
    let mut v = g.into_value();
    let mut rng = Rng::new(p.seed.wrapping_mul(31).wrapping_add(7));
    if p.mutations > 0 {
        let n = 1 + rng.below(p.mutations);
        for _ in 0..n {
            mutate(&mut v, &mut rng);
        }
    }
    v
}

impl G {
    fn new(rng: Rng, prefix: &str, budget: usize, depth_left: usize) -> G {
        let mut g = G {
            rng,
            prefix: prefix.to_owned(),
            order: Vec::new(),
            types: HashMap::new(),
            flows: Vec::new(),
            next: 0,
            budget,
            subs: HashMap::new(),
            converge_of: HashMap::new(),
            start: String::new(),
            end: String::new(),
            depth_left,
        };
        g.start = g.node("s", "EmptyStartEvent");
        g.end = g.node("e", "EmptyEndEvent");
        g
    }

    fn node(&mut self, letter: &str, ty: &'static str) -> String {
        self.next += 1;
        let id = format!("{}{}{}", self.prefix, letter, self.next);
        self.order.push(id.clone());
        self.types.insert(id.clone(), ty);
        id
    }

    fn flow(&mut self, from: &str, to: &str) {
        self.next += 1;
        let id = format!("{}f{}", self.prefix, self.next);
        self.flows.push((id, from.to_owned(), to.to_owned()));
    }

    fn build(&mut self) {
        let start = self.start.clone();
        let last = self.seq(&start, 0, false);
        if let Some(last) = last {
            let end = self.end.clone();
            self.flow(&last, &end);
        }
    }

    /// A chain of items from `from`; returns the last node, or None when the chain ended at
    /// the end event. `in_par`: inside a parallel branch (no exits to the end there).
    fn seq(&mut self, from: &str, depth: usize, in_par: bool) -> Option<String> {
        let mut cur = from.to_owned();
        let mut seen: Vec<String> = Vec::new();
        let items = 1 + self.rng.below(4);
        for _ in 0..items {
            if self.budget == 0 {
                break;
            }
            let roll = self.rng.below(100);
            let next = if roll < 45 || depth >= 4 {
                self.activity(&cur)
            } else if roll < 80 {
                self.block(&cur, depth, in_par)?
            } else if roll < 90 && !seen.is_empty() {
                // A loop: an exclusive gateway going back to an earlier node of this chain.
                let g = self.node("g", EG);
                self.budget = self.budget.saturating_sub(1);
                self.flow(&cur, &g);
                let back = seen[self.rng.below(seen.len())].clone();
                self.flow(&g, &back);
                let a = self.node("a", "ServiceActivity");
                self.flow(&g, &a);
                a
            } else if roll < 95 && !in_par && depth == 0 {
                // An exclusive gateway whose other branch ends the flow.
                let g = self.node("g", EG);
                self.budget = self.budget.saturating_sub(1);
                self.flow(&cur, &g);
                let end = self.end.clone();
                let a = self.node("a", "ServiceActivity");
                self.flow(&g, &a);
                self.flow(&a, &end);
                let b = self.node("a", "ServiceActivity");
                self.flow(&g, &b);
                b
            } else {
                self.activity(&cur)
            };
            if self.types.get(&next).is_some_and(|t| *t != CG) {
                seen.push(next.clone());
            }
            cur = next;
        }
        Some(cur)
    }

    fn activity(&mut self, from: &str) -> String {
        self.budget = self.budget.saturating_sub(1);
        let sub = self.depth_left > 0 && self.rng.chance(10);
        let a = self.node("a", if sub { "SubProcess" } else { "ServiceActivity" });
        if sub {
            let seed = self.rng.next_u64();
            let mut child = G::new(
                Rng::new(seed),
                &format!("{a}_"),
                2 + self.rng.below(8),
                self.depth_left - 1,
            );
            child.build();
            self.subs.insert(a.clone(), child.into_value());
        }
        self.flow(from, &a);
        a
    }

    fn block(&mut self, from: &str, depth: usize, in_par: bool) -> Option<String> {
        let kind = [PG, CPG, EG][self.rng.below(3)];
        let g = self.node("g", kind);
        let c = self.node("c", CG);
        self.converge_of.insert(g.clone(), c.clone());
        self.budget = self.budget.saturating_sub(2);
        self.flow(from, &g);
        let branches = 1 + self.rng.below(4);
        let par = kind != EG;
        let mut reached = 0;
        for b in 0..branches {
            if self.rng.chance(12) {
                // empty branch: straight to the converge
                self.flow(&g, &c);
                reached += 1;
                continue;
            }
            if !par && !in_par && b > 0 && self.rng.chance(10) {
                // an exclusive branch that ends the flow
                let a = self.activity(&g);
                let end = self.end.clone();
                self.flow(&a, &end);
                continue;
            }
            let first = self.activity(&g);
            if let Some(last) = self.seq(&first, depth + 1, in_par || par) {
                if par && self.rng.chance(6) {
                    // an exclusive gateway inside a parallel branch, converging on the
                    // parallel gateway's own converge (a shared converge)
                    let x = self.node("g", EG);
                    self.flow(&last, &x);
                    let a1 = self.activity(&x);
                    self.flow(&a1, &c);
                    let a2 = self.activity(&x);
                    self.flow(&a2, &c);
                } else {
                    self.flow(&last, &c);
                }
                reached += 1;
            }
        }
        if reached == 0 {
            if par {
                self.flow(&g, &c);
            } else {
                // every branch ended: the converge is unused; remove it
                self.order.retain(|x| *x != c);
                self.types.remove(&c);
                self.converge_of.remove(&g);
                return None;
            }
        }
        Some(c)
    }

    fn into_value(self) -> Value {
        let mut incoming: HashMap<&str, Vec<&str>> = HashMap::new();
        let mut outgoing: HashMap<&str, Vec<&str>> = HashMap::new();
        let mut flows = Object::new();
        for (id, s, t) in &self.flows {
            outgoing.entry(s).or_default().push(id);
            incoming.entry(t).or_default().push(id);
            let mut f = Object::new();
            f.insert("id", Value::from(id.as_str()));
            f.insert("source", Value::from(s.as_str()));
            f.insert("target", Value::from(t.as_str()));
            f.insert("is_default", Value::from(false));
            flows.insert(id.clone(), Value::Object(f));
        }
        let list = |v: Option<&Vec<&str>>| {
            Value::Array(v.map_or(Vec::new(), |v| v.iter().map(|s| Value::from(*s)).collect()))
        };
        let single =
            |v: Option<&Vec<&str>>| Value::from(v.and_then(|v| v.first()).copied().unwrap_or(""));
        let mut activities = Object::new();
        let mut gateways = Object::new();
        let mut root = Object::new();
        for id in &self.order {
            let ty = self.types[id];
            let mut o = Object::new();
            o.insert("id", Value::from(id.as_str()));
            o.insert("type", Value::from(ty));
            o.insert("name", Value::from(id.as_str()));
            match ty {
                "EmptyStartEvent" => {
                    o.insert("incoming", Value::from(""));
                    o.insert("outgoing", single(outgoing.get(id.as_str())));
                    root.insert("start_event", Value::Object(o));
                }
                "EmptyEndEvent" => {
                    o.insert("incoming", list(incoming.get(id.as_str())));
                    o.insert("outgoing", Value::from(""));
                    root.insert("end_event", Value::Object(o));
                }
                "ServiceActivity" | "SubProcess" => {
                    o.insert("incoming", list(incoming.get(id.as_str())));
                    o.insert("outgoing", single(outgoing.get(id.as_str())));
                    if let Some(sub) = self.subs.get(id) {
                        o.insert("pipeline", sub.clone());
                    }
                    activities.insert(id.clone(), Value::Object(o));
                }
                _ => {
                    o.insert("incoming", list(incoming.get(id.as_str())));
                    if ty == CG {
                        o.insert("outgoing", single(outgoing.get(id.as_str())));
                    } else {
                        o.insert("outgoing", list(outgoing.get(id.as_str())));
                    }
                    if ty == EG || ty == CPG {
                        let mut conds = Object::new();
                        for f in outgoing.get(id.as_str()).into_iter().flatten() {
                            let mut c = Object::new();
                            c.insert("evaluate", Value::from("1 == 1"));
                            conds.insert(*f, Value::Object(c));
                        }
                        o.insert("conditions", Value::Object(conds));
                    }
                    if ty != EG {
                        if let Some(c) = self.converge_of.get(id) {
                            o.insert("converge_gateway_id", Value::from(c.as_str()));
                        }
                    }
                    gateways.insert(id.clone(), Value::Object(o));
                }
            }
        }
        let mut out = Object::new();
        out.insert(
            "start_event",
            root.remove("start_event").unwrap_or(Value::Null),
        );
        out.insert("end_event", root.remove("end_event").unwrap_or(Value::Null));
        out.insert("activities", Value::Object(activities));
        out.insert("gateways", Value::Object(gateways));
        out.insert("flows", Value::Object(flows));
        out.insert("constants", Value::Object(Object::new()));
        out.insert("outputs", Value::Array(Vec::new()));
        Value::Object(out)
    }
}

fn keys(o: &Object) -> Vec<String> {
    o.keys().map(str::to_owned).collect()
}

fn pick(rng: &mut Rng, v: &[String]) -> Option<String> {
    (!v.is_empty()).then(|| v[rng.below(v.len())].clone())
}

fn section<'a>(root: &'a mut Object, name: &str) -> &'a mut Object {
    root.get_mut(name)
        .and_then(Value::as_object_mut)
        .expect("generated trees have every section")
}

/// All node ids with the section they live in.
fn all_nodes(root: &Object) -> Vec<(String, &'static str)> {
    let mut v = Vec::new();
    for ev in ["start_event", "end_event"] {
        if let Some(id) = root
            .get(ev)
            .and_then(|e| e.get("id"))
            .and_then(Value::as_str)
        {
            v.push((id.to_owned(), ev_static(ev)));
        }
    }
    for sec in ["activities", "gateways"] {
        if let Some(o) = root.get(sec).and_then(Value::as_object) {
            for k in o.keys() {
                v.push((k.to_owned(), ev_static(sec)));
            }
        }
    }
    v
}

fn ev_static(s: &str) -> &'static str {
    match s {
        "start_event" => "start_event",
        "end_event" => "end_event",
        "activities" => "activities",
        _ => "gateways",
    }
}

fn node_mut<'a>(root: &'a mut Object, id: &str, sec: &str) -> Option<&'a mut Object> {
    match sec {
        "start_event" | "end_event" => root.get_mut(sec).and_then(Value::as_object_mut),
        _ => section(root, sec)
            .get_mut(id)
            .and_then(Value::as_object_mut),
    }
}

fn io_remove(node: &mut Object, field: &str, fid: &str) {
    match node.get_mut(field) {
        Some(Value::Array(items)) => items.retain(|v| v.as_str() != Some(fid)),
        Some(v @ Value::String(_)) if v.as_str() == Some(fid) => {
            *v = Value::from("");
        }
        _ => {}
    }
}

fn io_add(node: &mut Object, field: &str, fid: &str) {
    match node.get_mut(field) {
        Some(Value::Array(items)) => items.push(Value::from(fid)),
        Some(v) => {
            if v.as_str().is_some_and(|s| !s.is_empty()) {
                let old = v.clone();
                *v = Value::Array(vec![old, Value::from(fid)]);
            } else {
                *v = Value::from(fid);
            }
        }
        None => {
            node.insert(field, Value::from(fid));
        }
    }
}

fn section_of(root: &Object, id: &str) -> Option<&'static str> {
    all_nodes(root)
        .into_iter()
        .find(|(k, _)| k == id)
        .map(|(_, s)| s)
}

/// One random mutation.
fn mutate(v: &mut Value, rng: &mut Rng) {
    let Value::Object(root) = v else { return };
    let flow_ids = keys(section(root, "flows"));
    let nodes: Vec<String> = all_nodes(root).into_iter().map(|(k, _)| k).collect();
    let gateways = keys(section(root, "gateways"));
    let acts = keys(section(root, "activities"));
    match rng.below(22) {
        0 => {
            // delete a flow and its references
            let Some(f) = pick(rng, &flow_ids) else {
                return;
            };
            let flow = section(root, "flows").remove(&f);
            if let Some(Value::Object(fl)) = flow {
                for (field, end) in [("outgoing", "source"), ("incoming", "target")] {
                    if let Some(n) = fl.get(end).and_then(Value::as_str) {
                        if let Some(sec) = section_of(root, n) {
                            if let Some(node) = node_mut(root, n, sec) {
                                io_remove(node, field, &f);
                            }
                        }
                    }
                }
            }
        }
        1 => {
            // delete a flow but keep the references
            if let Some(f) = pick(rng, &flow_ids) {
                section(root, "flows").remove(&f);
            }
        }
        2 | 3 => {
            // retarget a flow to another node, consistently
            let (Some(f), Some(t)) = (pick(rng, &flow_ids), pick(rng, &nodes)) else {
                return;
            };
            let old = section(root, "flows")
                .get(&f)
                .and_then(|x| x.get("target"))
                .and_then(Value::as_str)
                .map(str::to_owned);
            if let Some(old) = old {
                if let Some(sec) = section_of(root, &old) {
                    if let Some(node) = node_mut(root, &old, sec) {
                        io_remove(node, "incoming", &f);
                    }
                }
            }
            if let Some(sec) = section_of(root, &t) {
                if let Some(node) = node_mut(root, &t, sec) {
                    io_add(node, "incoming", &f);
                }
            }
            if let Some(Value::Object(fl)) = section(root, "flows").get_mut(&f) {
                fl.insert("target", Value::from(t.as_str()));
            }
        }
        4 | 5 => {
            // a new flow between two nodes (a cross-branch edge, a jump, a loop)
            let (Some(s), Some(t)) = (pick(rng, &nodes), pick(rng, &nodes)) else {
                return;
            };
            let fid = format!("x{}", rng.below(1_000_000));
            let mut fl = Object::new();
            fl.insert("id", Value::from(fid.as_str()));
            fl.insert("source", Value::from(s.as_str()));
            fl.insert("target", Value::from(t.as_str()));
            section(root, "flows").insert(fid.clone(), Value::Object(fl));
            if let Some(sec) = section_of(root, &s) {
                if let Some(node) = node_mut(root, &s, sec) {
                    io_add(node, "outgoing", &fid);
                }
            }
            if let Some(sec) = section_of(root, &t) {
                if let Some(node) = node_mut(root, &t, sec) {
                    io_add(node, "incoming", &fid);
                }
            }
        }
        6 => {
            // retype a gateway
            if let Some(g) = pick(rng, &gateways) {
                let ty = [PG, CPG, EG, CG][rng.below(4)];
                if let Some(node) = node_mut(root, &g, "gateways") {
                    node.insert("type", Value::from(ty));
                }
            }
        }
        7 => {
            // converge_gateway_id: dropped, stale, or null
            if let Some(g) = pick(rng, &gateways) {
                let other = pick(rng, &gateways);
                if let Some(node) = node_mut(root, &g, "gateways") {
                    match rng.below(3) {
                        0 => {
                            node.remove("converge_gateway_id");
                        }
                        1 => {
                            node.insert(
                                "converge_gateway_id",
                                other.map_or(Value::Null, Value::from),
                            );
                        }
                        _ => {
                            node.insert("converge_gateway_id", Value::Null);
                        }
                    }
                }
            }
        }
        8 => {
            // legacy shapes: a one-item list for outgoing, a string for incoming
            if let Some(a) = pick(rng, &acts) {
                if let Some(node) = node_mut(root, &a, "activities") {
                    if rng.chance(50) {
                        if let Some(Value::String(s)) = node.get("outgoing").cloned() {
                            node.insert("outgoing", Value::Array(vec![Value::from(s)]));
                        }
                    } else if let Some(Value::Array(items)) = node.get("incoming").cloned() {
                        if items.len() == 1 {
                            node.insert("incoming", items[0].clone());
                        } else if items.is_empty() {
                            node.insert("incoming", Value::from(""));
                        }
                    }
                }
            }
        }
        9 => {
            // rename a gateway to an id containing "match" (everywhere)
            if let Some(g) = pick(rng, &gateways) {
                let new = format!("{g}match");
                rename(root, &g, &new);
            }
        }
        10 => {
            // remove a node and its flows' references
            let Some(n) = pick(rng, &nodes) else { return };
            let Some(sec) = section_of(root, &n) else {
                return;
            };
            if sec == "start_event" || sec == "end_event" {
                return;
            }
            section(root, sec).remove(&n);
        }
        11 => {
            // a SubProcess without its pipeline, or an activity that is a SubProcess
            if let Some(a) = pick(rng, &acts) {
                if let Some(node) = node_mut(root, &a, "activities") {
                    if node.remove("pipeline").is_none() {
                        node.insert("type", Value::from("SubProcess"));
                    }
                }
            }
        }
        12 => {
            // an activity looping onto itself or to an earlier activity
            let (Some(a), Some(b)) = (pick(rng, &acts), pick(rng, &acts)) else {
                return;
            };
            let out = section(root, "activities")
                .get(&a)
                .and_then(|x| x.get("outgoing"))
                .and_then(Value::as_str)
                .map(str::to_owned);
            if let Some(f) = out {
                if let Some(Value::Object(fl)) = section(root, "flows").get_mut(&f) {
                    fl.insert("target", Value::from(b.as_str()));
                }
            }
        }
        13 => {
            // an unknown or missing type
            if let Some(n) = pick(rng, &acts) {
                if let Some(node) = node_mut(root, &n, "activities") {
                    if rng.chance(50) {
                        node.insert("type", Value::from("EmptyEndEvent"));
                    } else {
                        node.insert("type", Value::from("ServiceActivityX"));
                    }
                }
            }
        }
        14 => {
            // start straight to the end, or to a converge
            let target = if rng.chance(50) {
                root.get("end_event")
                    .and_then(|e| e.get("id"))
                    .and_then(Value::as_str)
                    .map(str::to_owned)
            } else {
                pick(rng, &gateways)
            };
            let out = root
                .get("start_event")
                .and_then(|e| e.get("outgoing"))
                .and_then(Value::as_str)
                .map(str::to_owned);
            if let (Some(t), Some(f)) = (target, out) {
                if let Some(Value::Object(fl)) = section(root, "flows").get_mut(&f) {
                    fl.insert("target", Value::from(t.as_str()));
                }
            }
        }
        16 | 17 => swap_ids(root, "gateways", rng),
        18 => swap_ids(root, "activities", rng),
        19 => swap_ids(root, "flows", rng),
        20 => {
            // a node whose `id` is not its key (nor any other node's)
            let sec = if rng.chance(50) {
                "gateways"
            } else {
                "activities"
            };
            let items = keys(section(root, sec));
            if let Some(k) = pick(rng, &items) {
                if let Some(node) = node_mut(root, &k, sec) {
                    node.insert("id", Value::from(format!("{k}i")));
                }
            }
        }
        21 => {
            // a flow out of the end event, listed by it
            let Some(t) = pick(rng, &nodes) else { return };
            let Some(end) = root
                .get("end_event")
                .and_then(|e| e.get("id"))
                .and_then(Value::as_str)
                .map(str::to_owned)
            else {
                return;
            };
            let fid = format!("y{}", rng.below(1_000_000));
            let mut fl = Object::new();
            fl.insert("id", Value::from(fid.as_str()));
            fl.insert("source", Value::from(end.as_str()));
            fl.insert("target", Value::from(t.as_str()));
            section(root, "flows").insert(fid.clone(), Value::Object(fl));
            if let Some(node) = node_mut(root, &end, "end_event") {
                io_add(node, "outgoing", &fid);
            }
            if let Some(sec) = section_of(root, &t) {
                if let Some(node) = node_mut(root, &t, sec) {
                    io_add(node, "incoming", &fid);
                }
            }
        }
        _ => {
            // a duplicate parallel flow
            let Some(f) = pick(rng, &flow_ids) else {
                return;
            };
            let Some(Value::Object(fl)) = section(root, "flows").get(&f).cloned() else {
                return;
            };
            let fid = format!("{f}d");
            let mut nf = fl.clone();
            nf.insert("id", Value::from(fid.as_str()));
            section(root, "flows").insert(fid.clone(), Value::Object(nf));
            for (field, end) in [("outgoing", "source"), ("incoming", "target")] {
                if let Some(n) = fl.get(end).and_then(Value::as_str) {
                    if let Some(sec) = section_of(root, n) {
                        if let Some(node) = node_mut(root, n, sec) {
                            io_add(node, field, &fid);
                        }
                    }
                }
            }
        }
    }
}

/// Two entries of `sec` (gateways, activities or flows) swap their `id` fields; their keys,
/// and every reference to them, stay.
fn swap_ids(root: &mut Object, sec: &str, rng: &mut Rng) {
    let items = keys(section(root, sec));
    if items.len() < 2 {
        return;
    }
    let a = rng.below(items.len());
    let b = (a + 1 + rng.below(items.len() - 1)) % items.len();
    let id = |root: &mut Object, k: &str| {
        section(root, sec)
            .get(k)
            .and_then(|v| v.get("id"))
            .cloned()
            .unwrap_or(Value::Null)
    };
    let (ia, ib) = (id(root, &items[a]), id(root, &items[b]));
    for (k, v) in [(&items[a], ib), (&items[b], ia)] {
        if let Some(Value::Object(o)) = section(root, sec).get_mut(k) {
            o.insert("id", v);
        }
    }
}

fn rename(root: &mut Object, old: &str, new: &str) {
    if let Some(node) = section(root, "gateways").remove(old) {
        let mut node = node;
        if let Some(o) = node.as_object_mut() {
            o.insert("id", Value::from(new));
        }
        section(root, "gateways").insert(new, node);
    }
    for (_, f) in section(root, "flows").iter_mut() {
        if let Some(fl) = f.as_object_mut() {
            for end in ["source", "target"] {
                if fl.get(end).and_then(Value::as_str) == Some(old) {
                    fl.insert(end, Value::from(new));
                }
            }
        }
    }
    for (_, g) in section(root, "gateways").iter_mut() {
        if let Some(o) = g.as_object_mut() {
            if o.get("converge_gateway_id").and_then(Value::as_str) == Some(old) {
                o.insert("converge_gateway_id", Value::from(new));
            }
        }
    }
}
