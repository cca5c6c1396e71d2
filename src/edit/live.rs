//! Diagnostics kept up to date as the document changes. The validator runs in units (a node,
//! a flow, the variables, the graph, the drawing, the engine: `rules::unit`); each unit's
//! diagnostics are cached, and after an edit only the units its steps touched are run again.
//! Node and flow units cost O(degree); the graph and engine units are O(V+E) and run only when
//! the graph's shape changed (and can be deferred to an idle moment); the drawing unit runs
//! when a line or location is added, removed or re-pointed, not when a node moves.

use foldhash::{HashMap, HashMapExt};

use super::patch::Step;
use crate::diagnostic::Diagnostic;
use crate::engine::Verdict;
use crate::json::{Object, Seg, Value};
use crate::model::Tree;
use crate::rules::{unit, Options};

/// What a list of steps may have changed, by validation unit.
#[derive(Debug, Default)]
pub(crate) struct Dirty {
    pub nodes: Vec<String>,
    pub flows: Vec<String>,
    /// start_event or end_event changed (tracked by id, which may change).
    pub events: bool,
    /// Nodes or flows added or removed, or a node's wiring or type changed.
    pub graph: bool,
    pub constants: bool,
    pub drawing: bool,
    pub top: bool,
}

fn key(s: &Seg) -> Option<&str> {
    match s {
        Seg::Key(k) => Some(k),
        Seg::Index(_) => None,
    }
}

/// Fields of a node that the graph, the engine and the neighbours' rules read.
const WIRING: &[&str] = &["incoming", "outgoing", "type", "id", "converge_gateway_id", "pipeline"];

impl Dirty {
    pub fn of(steps: &[Step]) -> Dirty {
        let mut d = Dirty::default();
        for step in steps {
            let at = step.at();
            let step_key = match step {
                Step::Put { key, .. } | Step::Del { key, .. } => Some(key.as_str()),
                _ => None,
            };
            let Some(first) = at.first().and_then(key) else {
                // a top-level key set or removed as a whole
                match step_key {
                    Some("start_event" | "end_event") => {
                        d.events = true;
                        d.graph = true;
                        d.drawing = true;
                    }
                    Some("constants" | "outputs") => d.constants = true,
                    Some("line" | "location") => d.drawing = true,
                    Some("flows" | "activities" | "gateways") => {
                        d.graph = true;
                        d.drawing = true;
                        d.constants = true;
                    }
                    _ => {}
                }
                d.top = true;
                continue;
            };
            match first {
                "activities" | "gateways" => match at.get(1).and_then(key) {
                    Some(node) => {
                        push(&mut d.nodes, node);
                        if at.len() == 2 && step_key.is_some_and(|k| WIRING.contains(&k)) {
                            d.graph = true;
                        }
                        if first == "activities" {
                            // A SubProcess's embedded pipeline feeds the engine.
                            if at.get(2).and_then(key) == Some("pipeline") {
                                d.graph = true;
                            }
                        }
                    }
                    None => {
                        if let Some(k) = step_key {
                            push(&mut d.nodes, k);
                        }
                        d.graph = true;
                        d.drawing = true;
                        d.constants = true;
                    }
                },
                "start_event" | "end_event" => {
                    d.events = true;
                    if at.len() == 1 && step_key.is_some_and(|k| WIRING.contains(&k)) {
                        d.graph = true;
                        d.drawing = true;
                    }
                }
                "flows" => {
                    match at.get(1).and_then(key).or(step_key) {
                        Some(f) => push(&mut d.flows, f),
                        None => {}
                    }
                    d.graph = true;
                    if at.len() == 1 {
                        d.drawing = true;
                    }
                }
                "constants" | "outputs" => d.constants = true,
                "line" | "location" => {
                    // Moving or renaming a drawn node changes no drawing rule.
                    let cosmetic = at.len() == 2
                        && matches!(step, Step::Put { .. })
                        && step_key.is_some_and(|k| matches!(k, "x" | "y" | "name" | "stage_name"));
                    if !cosmetic {
                        d.drawing = true;
                    }
                }
                _ => d.top = true,
            }
        }
        d
    }
}

fn push(list: &mut Vec<String>, s: &str) {
    if !list.iter().any(|x| x == s) {
        list.push(s.to_owned());
    }
}

/// Diagnostics that appeared and disappeared with an edit.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DiagnosticDelta {
    pub added: Vec<Diagnostic>,
    pub removed: Vec<Diagnostic>,
    /// The graph and engine units were not rerun (deferred): call `Document::refresh_graph`.
    pub graph_stale: bool,
}

impl DiagnosticDelta {
    /// Adds the difference between a unit's old list (as seen with `hidden_old`) and its new
    /// one (with `hidden_new`).
    fn change(
        &mut self,
        old: &[Diagnostic],
        new: &[Diagnostic],
        hidden_old: &dyn Fn(&Diagnostic) -> bool,
        hidden_new: &dyn Fn(&Diagnostic) -> bool,
    ) {
        let mut unmatched: Vec<&Diagnostic> = new.iter().filter(|d| !hidden_new(d)).collect();
        for o in old.iter().filter(|d| !hidden_old(d)) {
            match unmatched.iter().position(|n| *n == o) {
                Some(i) => {
                    unmatched.swap_remove(i);
                }
                None => self.removed.push(o.clone()),
            }
        }
        self.added.extend(unmatched.into_iter().cloned());
    }
}

/// The cached diagnostics of a document.
pub(crate) struct Live {
    pub options: Options,
    /// Run the graph and engine units after every edit (else only on `refresh_graph`).
    pub eager_graph: bool,
    top: Vec<Diagnostic>,
    nodes: HashMap<String, Vec<Diagnostic>>,
    flows: HashMap<String, Vec<Diagnostic>>,
    /// The keys the events' diagnostics are cached under.
    events: [Option<String>; 2],
    constants: Vec<Diagnostic>,
    graph: Vec<Diagnostic>,
    drawing: Vec<Diagnostic>,
    verdict: Verdict,
    engine: Option<Diagnostic>,
    graph_stale: bool,
}

fn event_key(tree: &Tree, start: bool) -> Option<String> {
    let n = if start { tree.start_event() } else { tree.end_event() }?;
    Some(n.key().to_owned())
}

impl Live {
    pub fn new(tree: &Tree, options: Options, eager_graph: bool) -> Live {
        let mut nodes: HashMap<String, Vec<Diagnostic>> = HashMap::new();
        for n in tree.nodes() {
            nodes.entry(n.key().to_owned()).or_default();
        }
        let keys: Vec<String> = nodes.keys().cloned().collect();
        for k in keys {
            let d = unit::node(tree, &options, &k);
            nodes.insert(k, d);
        }
        let mut flows = HashMap::new();
        for f in tree.flows() {
            flows.insert(f.key().to_owned(), unit::flow(tree, &options, f.key()));
        }
        let (verdict, engine) = unit::engine(tree, &options);
        Live {
            top: unit::top(tree, &options),
            events: [event_key(tree, true), event_key(tree, false)],
            constants: unit::constants(tree, &options),
            graph: unit::graph(tree, &options),
            drawing: unit::drawing(tree, &options),
            nodes,
            flows,
            verdict,
            engine,
            graph_stale: false,
            options,
            eager_graph,
        }
    }

    pub fn verdict(&self) -> &Verdict {
        &self.verdict
    }

    pub fn graph_stale(&self) -> bool {
        self.graph_stale
    }

    fn hidden(&self) -> impl Fn(&Diagnostic) -> bool + '_ {
        move |d: &Diagnostic| self.engine.as_ref().is_some_and(|e| unit::hidden_by(e, d))
    }

    /// Every diagnostic, in `validate`'s order.
    pub fn all(&self, tree: &Tree) -> Vec<Diagnostic> {
        let hidden = self.hidden();
        let mut out: Vec<Diagnostic> = self.engine.iter().cloned().collect();
        let mut add = |list: &[Diagnostic]| out.extend(list.iter().filter(|d| !hidden(d)).cloned());
        add(&self.top);
        // Several nodes may share a key; their unit holds them all, listed once.
        let mut seen: foldhash::HashSet<&str> = foldhash::HashSet::default();
        for n in tree.nodes() {
            if seen.insert(n.key()) {
                if let Some(list) = self.nodes.get(n.key()) {
                    add(list);
                }
            }
        }
        for f in tree.flows() {
            if let Some(list) = self.flows.get(f.key()) {
                add(list);
            }
        }
        add(&self.constants);
        add(&self.graph);
        add(&self.drawing);
        out
    }

    /// Reruns the units `dirty` names; returns what appeared and disappeared.
    pub fn refresh(&mut self, tree: &Tree, dirty: &Dirty) -> DiagnosticDelta {
        let mut delta = DiagnosticDelta::default();
        let opts = self.options.clone();
        let engine_before = self.engine.clone();
        // Which units change, with their old and new lists (compared once the engine is known).
        let mut changed: Vec<(Unit, Vec<Diagnostic>, Vec<Diagnostic>)> = Vec::new();
        let mut node_keys: Vec<String> = dirty.nodes.clone();
        if dirty.events {
            for (i, start) in [(0, true), (1, false)] {
                let now = event_key(tree, start);
                if let Some(old) = self.events[i].take() {
                    push(&mut node_keys, &old);
                }
                if let Some(k) = &now {
                    push(&mut node_keys, k);
                }
                self.events[i] = now;
            }
        }
        for k in &node_keys {
            let exists = tree.nodes().any(|n| n.key() == k.as_str());
            let new = if exists { unit::node(tree, &opts, k) } else { Vec::new() };
            let old = if exists {
                self.nodes.insert(k.clone(), new.clone())
            } else {
                self.nodes.remove(k)
            };
            changed.push((Unit::Node(k.clone()), old.unwrap_or_default(), new));
        }
        for k in &dirty.flows {
            let exists = tree.flow(k).is_some();
            let new = if exists { unit::flow(tree, &opts, k) } else { Vec::new() };
            let old = if exists {
                self.flows.insert(k.clone(), new.clone())
            } else {
                self.flows.remove(k)
            };
            changed.push((Unit::Flow(k.clone()), old.unwrap_or_default(), new));
        }
        let mut rerun = |flag: bool, id: Unit, slot: &mut Vec<Diagnostic>, f: fn(&Tree, &Options) -> Vec<Diagnostic>| {
            if flag {
                let new = f(tree, &opts);
                changed.push((id, std::mem::replace(slot, new.clone()), new));
            }
        };
        rerun(dirty.top, Unit::Top, &mut self.top, unit::top);
        rerun(dirty.constants, Unit::Constants, &mut self.constants, unit::constants);
        rerun(dirty.drawing, Unit::Drawing, &mut self.drawing, unit::drawing);
        if dirty.graph && !self.eager_graph {
            self.graph_stale = true;
        }
        let run_graph = dirty.graph && self.eager_graph;
        rerun(run_graph, Unit::Graph, &mut self.graph, unit::graph);
        if run_graph {
            let (verdict, engine) = unit::engine(tree, &opts);
            self.verdict = verdict;
            self.engine = engine;
        }
        self.finish(engine_before, changed, &mut delta);
        delta.graph_stale = self.graph_stale;
        delta
    }

    /// Runs the graph and engine units now (after deferred edits).
    pub fn refresh_graph(&mut self, tree: &Tree) -> DiagnosticDelta {
        let mut delta = DiagnosticDelta::default();
        let opts = self.options.clone();
        let engine_before = self.engine.clone();
        let new = unit::graph(tree, &opts);
        let changed = vec![(Unit::Graph, std::mem::replace(&mut self.graph, new.clone()), new)];
        let (verdict, engine) = unit::engine(tree, &opts);
        self.verdict = verdict;
        self.engine = engine;
        self.graph_stale = false;
        self.finish(engine_before, changed, &mut delta);
        delta
    }

    fn finish(
        &self,
        engine_before: Option<Diagnostic>,
        changed: Vec<(Unit, Vec<Diagnostic>, Vec<Diagnostic>)>,
        delta: &mut DiagnosticDelta,
    ) {
        let hidden_now = self.hidden();
        let hidden_before = |d: &Diagnostic| engine_before.as_ref().is_some_and(|e| unit::hidden_by(e, d));
        if engine_before == self.engine {
            for (_, old, new) in &changed {
                delta.change(old, new, &hidden_now, &hidden_now);
            }
            return;
        }
        // The engine's verdict changed: its diagnostic, and which rule diagnostic it stands
        // for, changed too. Rerun units compare old (as hidden before) with new (as hidden now);
        // in the units not rerun only the hidden entries can flip.
        for (_, old, new) in &changed {
            delta.change(old, new, &hidden_before, &hidden_now);
        }
        let was_rerun = |u: &Unit| changed.iter().any(|(c, _, _)| c == u);
        let mut flip = |list: &[Diagnostic]| {
            for d in list {
                match (hidden_before(d), hidden_now(d)) {
                    (true, false) => delta.added.push(d.clone()),
                    (false, true) => delta.removed.push(d.clone()),
                    _ => {}
                }
            }
        };
        for (k, list) in self.nodes.iter() {
            if !was_rerun(&Unit::Node(k.clone())) {
                flip(list);
            }
        }
        for (k, list) in self.flows.iter() {
            if !was_rerun(&Unit::Flow(k.clone())) {
                flip(list);
            }
        }
        for (u, list) in [(Unit::Top, &self.top), (Unit::Constants, &self.constants), (Unit::Drawing, &self.drawing), (Unit::Graph, &self.graph)] {
            if !was_rerun(&u) {
                flip(list);
            }
        }
        delta.removed.extend(engine_before);
        delta.added.extend(self.engine.clone());
    }
}

/// A validation unit, to tell which were rerun.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Unit {
    Node(String),
    Flow(String),
    Top,
    Constants,
    Drawing,
    Graph,
}

/// Diagnostics as JSON (the validator's shape).
pub(crate) fn list_json(list: &[Diagnostic]) -> Value {
    Value::Array(list.iter().map(Diagnostic::to_json).collect())
}

impl DiagnosticDelta {
    pub fn to_json(&self) -> Value {
        let mut o = Object::new();
        o.insert("added", list_json(&self.added));
        o.insert("removed", list_json(&self.removed));
        o.insert("graphStale", Value::from(self.graph_stale));
        Value::Object(o)
    }
}
