//! Diagnostics kept up to date as the document changes. The validator runs in units
//! (`rules::unit`): a node, a flow, a line, a location, whether a flow is drawn and a node
//! placed, a variable, the references between variables, the graph and the engine. Each
//! unit's diagnostics are cached, and after an edit only the units it touched are run again.
//! Element units cost O(degree) (a variable's also runs when a node it names comes or goes).
//! Which whole units rerun comes from the rule registry ([`Reruns`]): an edit is classified by
//! the parts of the tree it changed ([`Dirty::changed`], as scopes), and the references unit,
//! the graph unit and the engine rerun only when one of their enabled rules reads a changed
//! part (the engine always reads the graph; FEGW001 also reads which nodes `line` connects). A unit whose rules are
//! all off never runs. The graph and engine units are O(V+E) and can be deferred to an idle
//! moment with `refresh_graph`.

use crate::map::{HashMap, HashSet};

use super::delta::Delta;
use super::index::DrawIndex;
use super::patch::Step;
use crate::diagnostic::Diagnostic;
use crate::engine::{GraphIndex, Verdict};
use crate::json::{Object, Seg, Value};
use crate::model::Tree;
use crate::rules::{unit, Options, Reruns, Scope};
use crate::shape::{opt, req, Shape, Ty, BOOL, NUM};
use crate::variables::index::RefIndex;

/// The JSON form of a [`DiagnosticDelta`].
pub const DIAGNOSTIC_DELTA: Shape = Shape::new(
    "DiagnosticDelta",
    "Diagnostics that appeared and disappeared with an edit.",
    &[
        req("added", Ty::Arr(&Ty::Ref("Diagnostic")), ""),
        req("removed", Ty::Arr(&Ty::Ref("Diagnostic")), ""),
        req(
            "graphStale",
            BOOL,
            "The deferred graph checks have not run since the graph changed.",
        ),
        opt(
            "pending",
            NUM,
            "Units not run yet, of an Editor opened with `diagnostics.units: \"in-steps\"` \
             (absent when none): `settle()` runs them.",
        ),
    ],
);

/// The document's indexes the units read: the drawing's, and the references (kept while a
/// rule that counts uses, VAR006, is on: [`Live::needs_references`]).
pub(crate) struct Indexes<'a> {
    pub draw: &'a DrawIndex,
    pub refs: Option<&'a RefIndex>,
}

/// What a list of steps changed beyond the ids the [`Delta`] lists.
#[derive(Debug)]
pub(crate) struct Dirty {
    /// Nodes whose fields changed (the delta's nodes, plus ids met in the steps).
    pub nodes: Vec<String>,
    /// Of those, the nodes that came, went, were replaced or changed a field the units of
    /// the variables hooked to them read ([`HOOKED_READS`]).
    pub hooked: Vec<String>,
    /// start_event or end_event changed (tracked by id, which may change).
    pub events: bool,
    /// The parts of the tree that changed, as scopes ([`Scope`]): `NODE` a node's fields,
    /// `FLOW` a flow's, `GRAPH` the wiring (nodes or flows added or removed, a node's wiring,
    /// type or embedded pipeline), `VARIABLE` a variable's fields, `VARIABLES` a variable's
    /// key or value, the set of variables or `outputs`, `DRAWING` `line` or `location`,
    /// `LINES` which nodes `line` connects, `UNKEYED` the drawing's parts no keyed unit checks,
    /// `TREE`
    /// a top-level key set or removed as a whole (every unit runs again).
    pub changed: Scope,
    /// Variables (keys in `constants`) that came, went or were replaced as a whole.
    pub variables: Vec<String>,
    /// Variables whose `source_info` changed (the hooks of the nodes it names).
    pub sources: Vec<String>,
    /// `constants` was set or removed as a whole.
    pub all_variables: bool,
    /// Variables whose only change is a numeric `index` written as another number (SOPS's
    /// renumbering when a variable is deleted or moved): the only rule reading `index` is the
    /// schema's type check (a number, a string or null), so their units keep their result.
    pub renumbered: HashSet<String>,
    /// `location` items (by id) changed otherwise than by a move. An updated item not among
    /// them only moved (`x` or `y` from a number to a number): the only rule reading those is
    /// the schema's type check, so its units keep their result.
    pub not_moved: HashSet<String>,
}

/// Fields of a node that the graph, the engine and the neighbours' rules read.
const WIRING: &[&str] = &[
    "incoming",
    "outgoing",
    "type",
    "id",
    "converge_gateway_id",
    "pipeline",
];

/// Fields of a node that the units of the variables hooked to it read (VAR003, PLUGIN005,
/// TASK007): its kind, its plugin and inputs, a sub-process's parameters.
const HOOKED_READS: &[&str] = &["type", "component", "constants", "id"];

impl Dirty {
    /// What `steps` (applied to reach `tree`) changed; `undo` are the steps that take them
    /// back (they hold the values the steps replaced).
    pub fn of(steps: &[Step], undo: &[Step], tree: &Tree) -> Dirty {
        let mut d = Dirty {
            nodes: Vec::new(),
            hooked: Vec::new(),
            events: false,
            changed: Scope::NONE,
            variables: Vec::new(),
            sources: Vec::new(),
            all_variables: false,
            renumbered: renumbered(steps, undo),
            not_moved: HashSet::default(),
        };
        for step in steps {
            let at = step.at();
            if let (Step::Fields { key, values, .. }, [Seg::Key(first)]) = (step, at) {
                // as a step setting `key` in each named item of the section
                let mut item = vec![Seg::Key(first.clone()), Seg::Index(0)];
                for (child, _) in values {
                    item[1] = child.clone();
                    let part = d.part(first, &item, Some(key), tree);
                    d.changed = d.changed.and(part);
                }
                continue;
            }
            let step_key = match step {
                Step::Put { key, .. } | Step::Del { key, .. } => Some(key.as_str()),
                _ => None,
            };
            let part = match at.first().and_then(Seg::key) {
                Some(first) => d.part(first, at, step_key, tree),
                None => d.section(step_key),
            };
            d.changed = d.changed.and(part);
        }
        d
    }

    /// A top-level key set or removed as a whole.
    fn section(&mut self, key: Option<&str>) -> Scope {
        match key {
            // an event replaced as a whole (removing the start event empties it)
            Some("start_event" | "end_event") => {
                self.events = true;
                Scope::NODE.and(Scope::GRAPH)
            }
            Some("constants") => {
                self.all_variables = true;
                Scope::VARIABLE.and(Scope::VARIABLES)
            }
            Some("outputs") => Scope::VARIABLES,
            // replaced as a whole (a layout): the delta lists every item
            Some("line") => Scope::DRAWING.and(Scope::LINES).and(Scope::UNKEYED),
            Some("location") => Scope::DRAWING.and(Scope::UNKEYED),
            _ => Scope::TREE,
        }
    }

    /// A step inside the top-level section `first`.
    fn part(&mut self, first: &str, at: &[Seg], step_key: Option<&str>, tree: &Tree) -> Scope {
        let wiring =
            |depth: usize| at.len() == depth && step_key.is_some_and(|k| WIRING.contains(&k));
        match first {
            "activities" | "gateways" => match at.get(1).and_then(Seg::key) {
                Some(node) => {
                    push(&mut self.nodes, node);
                    let field = at.get(2).and_then(Seg::key).or(if at.len() == 2 {
                        step_key
                    } else {
                        None
                    });
                    if field.is_none_or(|f| HOOKED_READS.contains(&f)) {
                        push(&mut self.hooked, node);
                    }
                    // A SubProcess's embedded pipeline feeds the engine.
                    if wiring(2) || at.get(2).and_then(Seg::key) == Some("pipeline") {
                        Scope::NODE.and(Scope::GRAPH)
                    } else {
                        Scope::NODE
                    }
                }
                None => {
                    if let Some(k) = step_key {
                        push(&mut self.nodes, k);
                        push(&mut self.hooked, k);
                    }
                    Scope::NODE.and(Scope::GRAPH)
                }
            },
            "start_event" | "end_event" => {
                self.events = true;
                if wiring(1) {
                    Scope::NODE.and(Scope::GRAPH)
                } else {
                    Scope::NODE
                }
            }
            "flows" => Scope::FLOW.and(Scope::GRAPH),
            "outputs" => Scope::VARIABLES,
            "constants" => {
                self.variable(at, step_key);
                // a variable added or removed, or its key or value changed
                let field =
                    at.get(2)
                        .and_then(Seg::key)
                        .or(if at.len() == 2 { step_key } else { None });
                if at.len() == 1 || matches!(field, Some("value" | "key")) {
                    Scope::VARIABLE.and(Scope::VARIABLES)
                } else {
                    Scope::VARIABLE
                }
            }
            "line" | "location" => {
                let mut scope = Scope::DRAWING;
                if first == "line" && line_wiring(at, step_key) {
                    scope = scope.and(Scope::LINES);
                }
                if unkeyed(tree, first, at, step_key) {
                    scope = scope.and(Scope::UNKEYED);
                }
                scope
            }
            _ => Scope::TREE,
        }
    }
}

impl Dirty {
    /// A step inside `constants`: a variable that came, went or was replaced, or whose
    /// `source_info` changed.
    fn variable(&mut self, at: &[Seg], step_key: Option<&str>) {
        match (at.get(1), at.get(2)) {
            (None, _) => match step_key {
                Some(k) => push(&mut self.variables, k),
                None => self.all_variables = true,
            },
            (Some(Seg::Key(k)), field) => {
                let field =
                    field
                        .and_then(Seg::key)
                        .or(if at.len() == 2 { step_key } else { None });
                if field == Some("source_info") {
                    push(&mut self.sources, k);
                }
            }
            (Some(Seg::Index(_)), _) => self.all_variables = true,
        }
    }
}

/// The variables every step of `steps` and of `undo` touching them puts a number as their
/// `index` (so the value replaced was a number too), and no step does anything else to.
fn renumbered(steps: &[Step], undo: &[Step]) -> HashSet<String> {
    let mut only = HashMap::<&str, bool>::new();
    for step in steps.iter().chain(undo) {
        let at = step.at();
        if at.first().and_then(Seg::key) != Some("constants") {
            continue;
        }
        if let (Step::Fields { key, values, .. }, 1) = (step, at.len()) {
            for (k, v) in values.iter().filter_map(|(k, v)| Some((k.key()?, v))) {
                let index = key == "index" && matches!(v, Value::Number(_));
                *only.entry(k).or_insert(true) &= index;
            }
            continue;
        }
        let Some(k) = at.get(1).and_then(Seg::key).or(match (at.len(), step) {
            (1, Step::Put { key, .. } | Step::Del { key, .. }) => Some(key.as_str()),
            _ => None,
        }) else {
            continue;
        };
        let index = matches!(step, Step::Put { at, key, value: Value::Number(_), .. }
            if at.len() == 2 && key == "index");
        *only.entry(k).or_insert(true) &= index;
    }
    only.into_iter()
        .filter(|(_, only)| *only)
        .map(|(k, _)| k.to_owned())
        .collect()
}

/// Whether a step inside `line` changes which nodes it connects: an item added or removed
/// (or replaced), its `source` or `target` set or removed, or their `id`.
fn line_wiring(at: &[Seg], step_key: Option<&str>) -> bool {
    match at.len() {
        1 => true,
        2 => step_key.is_none_or(|k| matches!(k, "source" | "target")),
        3 => {
            matches!(at[2], Seg::Key(ref k) if k == "source" || k == "target")
                && step_key.is_none_or(|k| k == "id")
        }
        _ => false,
    }
}

/// Whether a step inside `line` or `location` (`section`) changes its unkeyed parts: an item
/// added or removed (or replaced), its `id`, or a field of an item that has no string id after
/// the edit (one that lost its id changed its `id`).
fn unkeyed(tree: &Tree, section: &str, at: &[Seg], step_key: Option<&str>) -> bool {
    let Some(Seg::Index(i)) = at.get(1) else {
        return true;
    };
    if at.len() == 2 && step_key.is_none_or(|k| k == "id") {
        return true;
    }
    let item = tree.root().get(section).and_then(Value::as_array);
    let id = item
        .and_then(|items| items.get(*i))
        .and_then(|o| o.get("id"));
    id.and_then(Value::as_str).is_none()
}

/// The keyed units an edit touched, each once, in the order first marked.
#[derive(Default)]
struct Marks {
    touched: HashMap<Kind, Vec<String>>,
    marked: HashSet<(Kind, String)>,
}

impl Marks {
    fn mark(&mut self, kind: Kind, k: &str) {
        if self.marked.insert((kind, k.to_owned())) {
            self.touched.entry(kind).or_default().push(k.to_owned());
        }
    }
}

/// Every id a change names (added, removed, updated).
fn all_ids(c: &super::delta::Changes) -> Vec<String> {
    c.added
        .iter()
        .chain(&c.removed)
        .chain(&c.updated)
        .cloned()
        .collect()
}

/// Which items each unit reads beyond its own (a node's listed flows, a flow's ends, a
/// variable's hooked nodes), as last checked, and the way back: the units to rerun when one
/// of those items changes, whatever the unit's diagnostics say.
#[derive(Default)]
struct Links {
    of: HashMap<String, Vec<String>>,
    /// Per item, the units that read it (a few each: a list, not a set).
    naming: HashMap<String, Vec<String>>,
}

impl Links {
    /// Unit `key` reads `items` now.
    fn set(&mut self, key: &str, items: Vec<String>) {
        if self
            .of
            .get(key)
            .map_or(items.is_empty(), |was| *was == items)
        {
            return;
        }
        for item in self.of.remove(key).unwrap_or_default() {
            if let Some(units) = self.naming.get_mut(&item) {
                units.retain(|u| u != key);
                if units.is_empty() {
                    self.naming.remove(&item);
                }
            }
        }
        for item in &items {
            match self.naming.get_mut(item.as_str()) {
                Some(units) => {
                    if !units.iter().any(|u| u == key) {
                        units.push(key.to_owned());
                    }
                }
                None => {
                    self.naming.insert(item.clone(), vec![key.to_owned()]);
                }
            }
        }
        if !items.is_empty() {
            self.of.insert(key.to_owned(), items);
        }
    }

    /// The units that read `item`.
    fn naming(&self, item: &str) -> impl Iterator<Item = &String> {
        self.naming.get(item).into_iter().flatten()
    }
}

/// What the node and variable units look up among the variables ([`Live::lookups`]).
#[derive(Default)]
struct Lookups {
    nodes: Links,
    variables: Links,
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
    /// Keyed units not run yet (a document opened in steps): [`Document::settle`] runs them.
    pub pending: usize,
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
        // A multiset difference, in the new list's order.
        let mut count: HashMap<&Diagnostic, isize> = HashMap::new();
        for n in new.iter().filter(|d| !hidden_new(d)) {
            *count.entry(n).or_default() += 1;
        }
        for o in old.iter().filter(|d| !hidden_old(d)) {
            match count.get_mut(o) {
                Some(c) if *c > 0 => *c -= 1,
                _ => self.removed.push(o.clone()),
            }
        }
        for n in new.iter().filter(|d| !hidden_new(d)) {
            if let Some(c) = count.get_mut(n).filter(|c| **c > 0) {
                *c -= 1;
                self.added.push(n.clone());
            }
        }
    }

    pub fn to_json(&self) -> Value {
        let list = |l: &[Diagnostic]| Value::Array(l.iter().map(Diagnostic::to_json).collect());
        let mut o = Object::new();
        o.insert("added", list(&self.added));
        o.insert("removed", list(&self.removed));
        o.insert("graphStale", Value::from(self.graph_stale));
        if self.pending > 0 {
            o.insert("pending", Value::from(self.pending as i64));
        }
        Value::Object(o)
    }
}

/// Kinds of keyed units.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Kind {
    Node,
    Flow,
    Line,
    Location,
    FlowDrawn,
    NodePlaced,
    Constant,
}

impl Kind {
    /// The scope of the unit's rules.
    fn scope(self) -> Scope {
        match self {
            Kind::Node => Scope::NODE,
            Kind::Flow => Scope::FLOW,
            Kind::Constant => Scope::VARIABLE,
            Kind::Line | Kind::Location | Kind::FlowDrawn | Kind::NodePlaced => Scope::DRAWING,
        }
    }
}

/// How many keyed units an edit of a document opened in steps runs at once; past that they
/// are left pending (a layout rewrites every `line` and `location` item). The edit property
/// (the test oracle's build) lowers it so that its small trees cross it.
const IN_STEPS_FROM: usize = if cfg!(feature = "test-oracle") {
    20
} else {
    2000
};

const KINDS: [Kind; 7] = [
    Kind::Node,
    Kind::Flow,
    Kind::Line,
    Kind::Location,
    Kind::FlowDrawn,
    Kind::NodePlaced,
    Kind::Constant,
];

/// A unit, to tell which were rerun.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Unit {
    Keyed(Kind, String),
    Top,
    Variables,
    Graph,
    EngineMore,
}

/// The cached diagnostics of a document. Keyed units keep only non-empty lists.
pub(crate) struct Live {
    pub options: Options,
    /// Which units an edit reruns, from the enabled rules' scopes.
    reruns: Reruns,
    /// Run the graph and engine units after every edit (else only on `refresh_graph`).
    pub eager_graph: bool,
    keyed: HashMap<Kind, HashMap<String, Vec<Diagnostic>>>,
    /// The keys the events' diagnostics are cached under.
    events: [Option<String>; 2],
    top: Vec<Diagnostic>,
    variables: Vec<Diagnostic>,
    /// Variable key -> the nodes its `source_info` names (TASK007 reads their existence).
    sources: Links,
    /// Node key -> the flows it lists (its unit reads their ends).
    listed: Links,
    /// Flow key -> its source and target (its unit reads whether they list it).
    ends: Links,
    /// Node key -> the variables its unit looks up (VAR001, VAR002), and variable key -> the
    /// variables its unit looks up by key (VAR001, VAR004): made on the first change to a
    /// variable that they read ([`Live::lookups`]), then kept as the units run.
    lookups: Option<Lookups>,
    graph: Vec<Diagnostic>,
    verdict: Verdict,
    engine: Option<Diagnostic>,
    /// The gateway and stream problems past the engine's first (never hidden).
    engine_more: Vec<Diagnostic>,
    graph_stale: bool,
    /// Keyed units not run yet (opened in steps, [`Live::new_in_steps`]), run from the end by
    /// [`Live::settle`]. A unit an edit touched meanwhile is run then and again later (the same
    /// result); one whose item went gives nothing.
    pending: Vec<(Kind, String)>,
    /// Opened in steps: an edit that touches more than [`IN_STEPS_FROM`] keyed units (a
    /// layout, a section replaced) leaves them pending too, instead of running them now.
    in_steps: bool,
    /// What the engine reads of the tree, made when the engine first runs and kept in step
    /// after that (the nodes and flows an edit touched are read again).
    graph_index: Option<GraphIndex>,
    /// What the canvas check's walks found on the last run of the graph unit.
    canvas: crate::rules::CanvasKept,
    /// Whether the tree had drawing data (`line` or `location`) when last refreshed.
    drawn: bool,
    /// The tree's format when last refreshed (adding `constants` makes a fragment a web tree,
    /// and every node is then read differently).
    format: crate::model::TreeFormat,
}

fn event_key(tree: &Tree, start: bool) -> Option<String> {
    let n = if start {
        tree.start_event()
    } else {
        tree.end_event()
    }?;
    Some(n.key().to_owned())
}

fn sources_of(tree: &Tree, key: &str) -> Vec<String> {
    tree.constant(key)
        .and_then(|c| c.source_info())
        .map_or_else(Vec::new, |i| i.keys().map(str::to_owned).collect())
}

impl Live {
    /// Runs every unit; with the graph checks deferred (`eager_graph` false) the graph and
    /// engine units wait for [`Live::refresh_graph`] from the start (they are stale).
    pub fn new(tree: &Tree, index: &Indexes<'_>, options: Options, eager_graph: bool) -> Live {
        let mut live = Live::unrun(tree, options, eager_graph);
        live.rebuild_keyed(tree, index);
        live
    }

    /// As [`Live::new`], with every keyed unit (a node's, a flow's, a line's...) left pending
    /// for [`Live::settle`]: opening costs what reading the tree costs, and the units then
    /// run a slice at a time.
    pub fn new_in_steps(tree: &Tree, options: Options, eager_graph: bool) -> Live {
        let mut live = Live::unrun(tree, options, eager_graph);
        live.pending = Live::keyed_units(tree);
        live.pending.reverse();
        live.in_steps = true;
        live
    }

    /// The document-wide units run and no keyed one.
    fn unrun(tree: &Tree, options: Options, eager_graph: bool) -> Live {
        let mut live = Live {
            keyed: KINDS.iter().map(|k| (*k, HashMap::new())).collect(),
            events: [event_key(tree, true), event_key(tree, false)],
            top: unit::top(tree, &options),
            variables: unit::variables(tree, &options),
            sources: Links::default(),
            listed: Links::default(),
            ends: Links::default(),
            lookups: None,
            graph: Vec::new(),
            verdict: Verdict::default(),
            engine: None,
            engine_more: Vec::new(),
            graph_stale: true,
            pending: Vec::new(),
            in_steps: false,
            graph_index: None,
            canvas: Default::default(),
            drawn: unit::drawn(tree),
            format: tree.format(),
            reruns: Reruns::new(|r| options.level(r)),
            options,
            eager_graph,
        };
        // the graph units run as every edit reruns them: the first edit then finds the
        // graph index built and the canvas walks' answers kept
        if eager_graph {
            live.run_graph(tree, true, true, &mut Vec::new());
        }
        live
    }

    /// Whether the units read the reference index under these options.
    pub fn needs_references(options: &Options) -> bool {
        options.on(&crate::rules::registry::VAR006)
    }

    /// Whether this cache's units read the reference index.
    pub fn reads_references(&self) -> bool {
        Live::needs_references(&self.options)
    }

    /// Runs every keyed unit.
    fn rebuild_keyed(&mut self, tree: &Tree, index: &Indexes<'_>) {
        for k in KINDS {
            self.keyed.insert(k, HashMap::new());
        }
        self.pending.clear();
        for (kind, key) in &Live::keyed_units(tree) {
            self.run_keyed(tree, index, *kind, key);
        }
    }

    /// Every keyed unit of `tree`, in the order a full run takes them.
    fn keyed_units(tree: &Tree) -> Vec<(Kind, String)> {
        let mut out = Vec::new();
        let mut unit = |kind, key| out.push((kind, key));
        let mut nodes: Vec<String> = Vec::new();
        let mut seen: HashSet<&str> = HashSet::default();
        for n in tree.nodes() {
            if seen.insert(n.key()) {
                nodes.push(n.key().to_owned());
            }
        }
        let flows: Vec<String> = tree.flows().map(|f| f.key().to_owned()).collect();
        let lines: Vec<String> = tree
            .lines()
            .filter_map(|l| l.id().map(str::to_owned))
            .collect();
        let locs: Vec<String> = tree
            .locations()
            .filter_map(|l| l.id().map(str::to_owned))
            .collect();
        for k in nodes {
            unit(Kind::Node, k.clone());
            unit(Kind::NodePlaced, k);
        }
        for k in flows {
            unit(Kind::Flow, k.clone());
            unit(Kind::FlowDrawn, k);
        }
        for k in lines {
            unit(Kind::Line, k);
        }
        for k in locs {
            unit(Kind::Location, k);
        }
        for c in tree.constants() {
            unit(Kind::Constant, c.map_key().to_owned());
        }
        out
    }

    /// Records what the unit `kind` `key` reads of other items, as it is now.
    fn track_links(&mut self, tree: &Tree, kind: Kind, key: &str) {
        match kind {
            Kind::Constant => self.sources.set(key, sources_of(tree, key)),
            Kind::Node => {
                let mut flows = Vec::new();
                for n in tree.nodes_keyed(key) {
                    let io = [n.incoming(), n.outgoing()];
                    flows.extend(io.iter().flat_map(|l| l.iter()).map(str::to_owned));
                }
                self.listed.set(key, flows);
            }
            Kind::Flow => {
                let f = tree.flow(key);
                let ends = f.iter().flat_map(|f| [f.source(), f.target()]).flatten();
                self.ends.set(key, ends.map(str::to_owned).collect());
            }
            _ => {}
        }
        if let Some(l) = &mut self.lookups {
            match kind {
                Kind::Node => l.nodes.set(key, unit::node_reads(tree, key)),
                Kind::Constant => l.variables.set(key, unit::constant_reads(tree, key)),
                _ => {}
            }
        }
    }

    /// The variables each node and variable unit looks up, made on first use.
    fn lookups(&mut self, tree: &Tree) -> &Lookups {
        self.lookups.get_or_insert_with(|| {
            let mut l = Lookups::default();
            for n in tree.nodes() {
                if !l.nodes.of.contains_key(n.key()) {
                    l.nodes.set(n.key(), unit::node_reads(tree, n.key()));
                }
            }
            for c in tree.constants() {
                l.variables
                    .set(c.map_key(), unit::constant_reads(tree, c.map_key()));
            }
            l
        })
    }

    fn compute(&self, tree: &Tree, index: &Indexes<'_>, kind: Kind, key: &str) -> Vec<Diagnostic> {
        if !self.reruns.active.intersects(kind.scope()) {
            return Vec::new();
        }
        let o = &self.options;
        // equal to unit::drawn(tree): a change to it rebuilds everything
        let drawn = self.drawn;
        match kind {
            Kind::Node => unit::node(tree, o, key),
            Kind::Flow => unit::flow(tree, o, key),
            Kind::Line if drawn => unit::lines(tree, o, index.draw.line.all(key)),
            Kind::Location if drawn => unit::locations(tree, o, index.draw.location.all(key)),
            Kind::FlowDrawn if drawn => {
                unit::flow_drawn(tree, o, key, index.draw.line.contains(key))
            }
            Kind::NodePlaced if drawn => {
                unit::node_placed(tree, o, key, index.draw.location.contains(key))
            }
            Kind::Constant => unit::constant(tree, o, key, index.refs),
            _ => Vec::new(),
        }
    }

    /// Reruns one keyed unit; returns the old and new lists.
    fn run_keyed(
        &mut self,
        tree: &Tree,
        index: &Indexes<'_>,
        kind: Kind,
        key: &str,
    ) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
        self.track_links(tree, kind, key);
        let new = self.compute(tree, index, kind, key);
        let map = self.keyed.entry(kind).or_default();
        let old = if new.is_empty() {
            map.remove(key)
        } else {
            map.insert(key.to_owned(), new.clone())
        };
        (old.unwrap_or_default(), new)
    }

    fn map(&self, kind: Kind) -> Option<&HashMap<String, Vec<Diagnostic>>> {
        self.keyed.get(&kind)
    }

    fn keys_with_diagnostics(&self, kind: Kind) -> Vec<String> {
        self.map(kind)
            .map_or_else(Vec::new, |m| m.keys().cloned().collect())
    }

    /// The units whose cached diagnostics differ from a fresh run on `tree`, including
    /// diagnostics the engine's own hides (a stale hidden entry shows once the engine's reason
    /// changes). Empty when the cache is right; the robustness properties check it.
    #[cfg(feature = "test-oracle")]
    pub fn stale_units(&self, tree: &Tree, index: &Indexes<'_>) -> Vec<String> {
        let refs = index.refs.map(|_| RefIndex::build(tree));
        let index = &Indexes {
            draw: index.draw,
            refs: refs.as_ref(),
        };
        // the graph units as a validation runs them: no graph index, no kept walks
        let mut fresh = Live::new(tree, index, self.options.clone(), false);
        fresh.graph = unit::graph(tree, &self.options);
        (fresh.verdict, fresh.engine, fresh.engine_more) = unit::engine(tree, &self.options);
        let mut out = Vec::new();
        for kind in KINDS {
            let (mine, theirs) = (self.map(kind), fresh.map(kind));
            let keys: HashSet<&String> = mine
                .into_iter()
                .chain(theirs)
                .flat_map(|m| m.keys())
                .collect();
            for k in keys {
                let a = mine.and_then(|m| m.get(k));
                let b = theirs.and_then(|m| m.get(k));
                if a != b {
                    out.push(format!("{kind:?} {k}: kept {a:?}, fresh {b:?}"));
                }
            }
        }
        let mut whole = vec![
            ("top", &self.top, &fresh.top),
            ("variables", &self.variables, &fresh.variables),
        ];
        if !self.graph_stale {
            whole.push(("graph", &self.graph, &fresh.graph));
            whole.push(("engine_more", &self.engine_more, &fresh.engine_more));
            if self.engine != fresh.engine {
                out.push(format!(
                    "engine: kept {:?}, fresh {:?}",
                    self.engine, fresh.engine
                ));
            }
        }
        if !self.graph_stale && self.verdict != fresh.verdict {
            out.push(format!(
                "verdict: kept {:?}, fresh {:?}",
                self.verdict, fresh.verdict
            ));
        }
        if let Some(ix) = &self.graph_index {
            let (kept, built) = (ix.canonical(), GraphIndex::build(tree.root()).canonical());
            if kept != built {
                let only = |a: &[String], b: &[String]| -> Vec<String> {
                    a.iter().filter(|x| !b.contains(x)).cloned().collect()
                };
                out.push(format!(
                    "graph index: kept only {:?}, fresh only {:?}",
                    only(&kept, &built),
                    only(&built, &kept)
                ));
            }
        }
        for (name, a, b) in whole {
            if a != b {
                out.push(format!("{name}: kept {a:?}, fresh {b:?}"));
            }
        }
        crate::sort::merge_sort_by(&mut out, &|a: &String, b: &String| a < b);
        out
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

    /// Every visible diagnostic, in no particular order.
    fn everything(&self) -> Vec<Diagnostic> {
        let hidden = self.hidden();
        let lists = self.keyed.values().flat_map(|m| m.values()).chain([
            &self.top,
            &self.variables,
            &self.graph,
        ]);
        let mut out: Vec<Diagnostic> = self.engine.iter().cloned().collect();
        out.extend(self.engine_more.iter().cloned());
        for l in lists {
            out.extend(l.iter().filter(|d| !hidden(d)).cloned());
        }
        out
    }

    /// Every diagnostic, in `validate`'s order (up to repeated ids).
    pub fn all(&self, tree: &Tree) -> Vec<Diagnostic> {
        let hidden = self.hidden();
        let mut out: Vec<Diagnostic> = self.engine.iter().cloned().collect();
        out.extend(self.engine_more.iter().cloned());
        let mut add = |list: Option<&Vec<Diagnostic>>| {
            if let Some(list) = list {
                out.extend(list.iter().filter(|d| !hidden(d)).cloned());
            }
        };
        let get = |kind: Kind, k: &str| self.map(kind).and_then(|m| m.get(k));
        add(Some(&self.top));
        let mut seen: HashSet<&str> = HashSet::default();
        let node_keys: Vec<&str> = tree
            .nodes()
            .map(|n| n.key())
            .filter(|k| seen.insert(k))
            .collect();
        for k in &node_keys {
            add(get(Kind::Node, k));
        }
        for f in tree.flows() {
            add(get(Kind::Flow, f.key()));
        }
        for c in tree.constants() {
            add(get(Kind::Constant, c.map_key()));
        }
        add(Some(&self.variables));
        add(Some(&self.graph));
        let mut seen: HashSet<&str> = HashSet::default();
        for l in tree.lines() {
            if let Some(id) = l.id().filter(|id| seen.insert(id)) {
                add(get(Kind::Line, id));
            }
        }
        for f in tree.flows() {
            add(get(Kind::FlowDrawn, f.key()));
        }
        let mut seen: HashSet<&str> = HashSet::default();
        for l in tree.locations() {
            if let Some(id) = l.id().filter(|id| seen.insert(id)) {
                add(get(Kind::Location, id));
            }
        }
        for k in &node_keys {
            add(get(Kind::NodePlaced, k));
        }
        out
    }

    /// Reruns the units an edit touched; returns what appeared and disappeared.
    pub fn refresh(
        &mut self,
        tree: &Tree,
        index: &Indexes<'_>,
        dirty: &Dirty,
        delta: &Delta,
        uses_changed: &[String],
    ) -> DiagnosticDelta {
        if dirty.changed.includes(Scope::TREE)
            || unit::drawn(tree) != self.drawn
            || tree.format() != self.format
        {
            return self.rebuild(tree, index, dirty);
        }
        let mut out = DiagnosticDelta::default();
        let engine_before = self.engine.clone();
        let mut changed: Vec<(Unit, Vec<Diagnostic>, Vec<Diagnostic>)> = Vec::new();
        let mut touched = self.touched(tree, dirty, delta, uses_changed);
        if self.in_steps && touched.values().map(Vec::len).sum::<usize>() > IN_STEPS_FROM {
            let mut more = Vec::new();
            for kind in KINDS {
                let keys = touched.remove(&kind).unwrap_or_default();
                more.extend(keys.into_iter().map(|k| (kind, k)));
            }
            self.add_pending(more);
        }
        for kind in KINDS {
            for k in touched.remove(&kind).unwrap_or_default() {
                let (old, new) = self.run_keyed(tree, index, kind, &k);
                if !old.is_empty() || !new.is_empty() {
                    changed.push((Unit::Keyed(kind, k), old, new));
                }
            }
        }
        if self.reruns.reruns(Scope::TREE, dirty.changed) {
            let new = unit::top(tree, &self.options);
            changed.push((
                Unit::Top,
                std::mem::replace(&mut self.top, new.clone()),
                new,
            ));
        }
        if self.reruns.reruns(Scope::VARIABLES, dirty.changed) {
            let new = unit::variables(tree, &self.options);
            changed.push((
                Unit::Variables,
                std::mem::replace(&mut self.variables, new.clone()),
                new,
            ));
        }
        let graph = self.reruns.reruns(Scope::GRAPH, dirty.changed);
        let engine = self.reruns.reruns(Scope::ENGINE, dirty.changed);
        if (graph || engine) && self.eager_graph {
            self.run_graph(tree, graph, engine, &mut changed);
        } else if graph || engine {
            self.graph_stale = true;
        }
        self.finish(engine_before, changed, &mut out);
        out.graph_stale = self.graph_stale;
        out.pending = self.pending.len();
        out
    }

    /// A section replaced as a whole, or `line`/`location` added to a tree that had neither
    /// (or the last of them removed), which turns every WEB rule on or off: everything runs
    /// again.
    fn rebuild(&mut self, tree: &Tree, index: &Indexes<'_>, dirty: &Dirty) -> DiagnosticDelta {
        let mut out = DiagnosticDelta::default();
        let old = self.everything();
        let fresh = if self.in_steps {
            self.rebuilt_in_steps(tree)
        } else {
            Live::new(tree, index, self.options.clone(), self.eager_graph)
        };
        let graph_read = self.reruns.reruns(Scope::GRAPH, dirty.changed)
            || self.reruns.reruns(Scope::ENGINE, dirty.changed);
        let stale = !self.eager_graph && (self.graph_stale || graph_read);
        *self = fresh;
        if stale {
            self.graph_stale = true;
        }
        let new = self.everything();
        out.change(&old, &new, &|_| false, &|_| false);
        out.graph_stale = self.graph_stale;
        out.pending = self.pending.len();
        out
    }

    /// [`Live::rebuild`] opened in steps: the document-wide units run again, and every keyed
    /// unit is pending (each keeps its result until it runs, so its diagnostics stay shown
    /// meanwhile; units whose items went are pending too, to drop theirs).
    fn rebuilt_in_steps(&mut self, tree: &Tree) -> Live {
        let mut fresh = Live::unrun(tree, self.options.clone(), self.eager_graph);
        fresh.in_steps = true;
        let mut units = Live::keyed_units(tree);
        for kind in KINDS {
            units.extend(
                self.keys_with_diagnostics(kind)
                    .into_iter()
                    .map(|k| (kind, k)),
            );
        }
        units.reverse();
        fresh.add_pending(units);
        fresh.keyed = std::mem::take(&mut self.keyed);
        fresh.sources = std::mem::take(&mut self.sources);
        fresh.listed = std::mem::take(&mut self.listed);
        fresh.ends = std::mem::take(&mut self.ends);
        fresh
    }

    /// The keyed units an edit touched, by kind: what its steps and delta name, and the
    /// neighbours whose units read what changed.
    fn touched(
        &mut self,
        tree: &Tree,
        dirty: &Dirty,
        delta: &Delta,
        uses_changed: &[String],
    ) -> HashMap<Kind, Vec<String>> {
        let mut m = Marks::default();
        // a variable whose uses changed (VAR006)
        for k in uses_changed {
            m.mark(Kind::Constant, k);
        }
        let mut nodes = dirty.nodes.clone();
        for k in all_ids(&delta.nodes) {
            push(&mut nodes, &k);
        }
        if dirty.events {
            self.events_changed(tree, &mut nodes);
        }
        let flows = all_ids(&delta.flows);
        if let Some(ix) = &mut self.graph_index {
            // the index reads only what changes the wiring (GRAPH): a rename leaves it alone
            if dirty.changed.intersects(Scope::GRAPH) {
                for k in &nodes {
                    ix.refresh_node(tree.root(), k);
                }
            }
            for f in &flows {
                ix.refresh_flow(tree.root(), f);
            }
        }
        for k in &nodes {
            m.mark(Kind::Node, k);
            m.mark(Kind::NodePlaced, k);
            m.mark(Kind::Location, k);
        }
        for k in &flows {
            m.mark(Kind::Flow, k);
            m.mark(Kind::FlowDrawn, k);
            m.mark(Kind::Line, k);
        }
        for k in all_ids(&delta.lines) {
            m.mark(Kind::Line, &k);
            m.mark(Kind::FlowDrawn, &k);
        }
        let locations = &delta.locations;
        for k in locations.added.iter().chain(&locations.removed) {
            m.mark(Kind::Location, k);
            m.mark(Kind::NodePlaced, k);
        }
        for k in locations
            .updated
            .iter()
            .filter(|k| dirty.not_moved.contains(*k))
        {
            m.mark(Kind::Location, k);
            m.mark(Kind::NodePlaced, k);
        }
        for k in all_ids(&delta.constants) {
            if !dirty.renumbered.contains(&k) {
                m.mark(Kind::Constant, &k);
            }
        }
        // a variable's unit reads the inputs and outputs its source_info lists (VAR003, PLUGIN005)
        let mut hooked = dirty.hooked.clone();
        for k in delta.nodes.added.iter().chain(&delta.nodes.removed) {
            push(&mut hooked, k);
        }
        for n in &hooked {
            for k in self.sources.naming(n) {
                m.mark(Kind::Constant, k);
            }
        }
        self.mark_lookups(tree, dirty, &mut m);
        self.mark_out_of_step(tree, &nodes, &flows, &mut m);
        if dirty.changed.intersects(Scope::GRAPH) && !nodes.is_empty() {
            self.mark_wiring(tree, &nodes, &mut m);
        }
        self.mark_moved_items(tree, delta, &mut m);
        m.touched
    }

    /// References in nodes and values are checked against the variables (VAR001, VAR002), and
    /// a variable's `hide_condition` names other variables (VAR004): the units that look up a
    /// variable that came, went or (for a node's hooks) changed its `source_info` run again.
    fn mark_lookups(&mut self, tree: &Tree, dirty: &Dirty, m: &mut Marks) {
        if !dirty
            .changed
            .intersects(Scope::VARIABLES.and(Scope::VARIABLE))
        {
            return;
        }
        let on = |r: &crate::rules::Rule| self.options.on(r);
        let references = on(&crate::rules::registry::VAR001);
        let nodes = references || on(&crate::rules::registry::VAR002);
        // a variable's hide_condition names other variables (VAR004)
        let variables = references || on(&crate::rules::registry::VAR004);
        if dirty.all_variables {
            if nodes {
                let keys: Vec<String> = tree.nodes().map(|n| n.key().to_owned()).collect();
                for k in keys {
                    m.mark(Kind::Node, &k);
                }
            }
            if variables {
                let keys: Vec<String> = tree.constants().map(|c| c.map_key().to_owned()).collect();
                for k in keys {
                    m.mark(Kind::Constant, &k);
                }
            }
            return;
        }
        if !(nodes && !(dirty.variables.is_empty() && dirty.sources.is_empty())
            || variables && !dirty.variables.is_empty())
        {
            return;
        }
        let l = self.lookups(tree);
        if nodes {
            for k in dirty.variables.iter().chain(&dirty.sources) {
                for n in l.nodes.naming(k) {
                    m.mark(Kind::Node, n);
                }
            }
        }
        if variables {
            for k in &dirty.variables {
                for c in l.variables.naming(k) {
                    m.mark(Kind::Constant, c);
                }
            }
        }
    }

    /// The start and end events are units keyed by their ids: when either changed, the old
    /// and the new key run again.
    fn events_changed(&mut self, tree: &Tree, nodes: &mut Vec<String>) {
        for (i, start) in [(0, true), (1, false)] {
            let now = event_key(tree, start);
            if let Some(old) = self.events[i].take() {
                push(nodes, &old);
            }
            if let Some(k) = &now {
                push(nodes, k);
            }
            self.events[i] = now;
        }
    }

    /// In a tree that was already out of step, a node can list a flow that does not end at
    /// it, and a flow can name a node that does not list it. The edit's delta does not name
    /// such neighbours: the nodes listing a changed flow and the flows naming a changed node
    /// (as last checked, [`Links`]) run again. And a node unit reads the ends of the flows its
    /// node lists: the ends of every changed flow run again.
    fn mark_out_of_step(&self, tree: &Tree, nodes: &[String], flows: &[String], m: &mut Marks) {
        for f in flows {
            for k in self.listed.naming(f) {
                m.mark(Kind::Node, k);
            }
        }
        for n in nodes {
            for k in self.ends.naming(n) {
                m.mark(Kind::Flow, k);
            }
        }
        for k in flows {
            if let Some(f) = tree.flow(k) {
                for end in [f.source(), f.target()].into_iter().flatten() {
                    if tree.node(end).is_some() {
                        m.mark(Kind::Node, end);
                    }
                }
            }
        }
    }

    /// A node's wiring changed: a flow from or to it that it no longer lists (or now lists)
    /// changes its own diagnostics, whether or not the edit touched the flow. And a node unit
    /// reads the type (and existence) of the targets of the flows it lists: the source of a
    /// flow naming a node that changed, came or went, and every node listing that flow, run
    /// again.
    fn mark_wiring(&self, tree: &Tree, nodes: &[String], m: &mut Marks) {
        for n in nodes {
            for f in self.ends.naming(n) {
                m.mark(Kind::Flow, f);
                if let Some(s) = tree.flow(f).and_then(|f| f.source()) {
                    if tree.node(s).is_some() {
                        m.mark(Kind::Node, s);
                    }
                }
                for k in self.listed.naming(f) {
                    m.mark(Kind::Node, k);
                }
            }
        }
    }

    /// Nodes that came or went: the lines naming them, and the variables hooked to them. Items
    /// after an inserted or removed one moved, so their paths (`line[i]`) changed; lines naming
    /// nodes that came or went may have changed too. Only items with diagnostics can show it.
    fn mark_moved_items(&self, tree: &Tree, delta: &Delta, m: &mut Marks) {
        let nodes_come_or_go = !delta.nodes.added.is_empty() || !delta.nodes.removed.is_empty();
        if nodes_come_or_go {
            let came_or_went: HashSet<&str> = delta
                .nodes
                .added
                .iter()
                .chain(&delta.nodes.removed)
                .map(String::as_str)
                .collect();
            for l in tree.lines() {
                let ends = [l.source().id, l.target().id];
                if ends.iter().flatten().any(|e| came_or_went.contains(e)) {
                    if let Some(id) = l.id() {
                        m.mark(Kind::Line, id);
                    }
                }
            }
            for n in delta.nodes.added.iter().chain(&delta.nodes.removed) {
                for k in self.sources.naming(n) {
                    m.mark(Kind::Constant, k);
                }
            }
        }
        if !delta.lines.added.is_empty() || !delta.lines.removed.is_empty() || nodes_come_or_go {
            for k in self.keys_with_diagnostics(Kind::Line) {
                m.mark(Kind::Line, &k);
            }
        }
        if !delta.locations.added.is_empty()
            || !delta.locations.removed.is_empty()
            || nodes_come_or_go
        {
            for k in self.keys_with_diagnostics(Kind::Location) {
                m.mark(Kind::Location, &k);
            }
        }
    }

    /// Reruns the graph unit (`graph`) and the engine (`engine`).
    fn run_graph(
        &mut self,
        tree: &Tree,
        graph: bool,
        engine: bool,
        changed: &mut Vec<(Unit, Vec<Diagnostic>, Vec<Diagnostic>)>,
    ) {
        let ix = self
            .graph_index
            .get_or_insert_with(|| GraphIndex::build(tree.root()));
        if graph {
            let new = unit::graph_indexed(tree, &self.options, ix, &mut self.canvas);
            changed.push((
                Unit::Graph,
                std::mem::replace(&mut self.graph, new.clone()),
                new,
            ));
        }
        if engine {
            let (verdict, engine, engine_more) = unit::engine_indexed(tree, &self.options, ix);
            changed.push((
                Unit::EngineMore,
                std::mem::replace(&mut self.engine_more, engine_more.clone()),
                engine_more,
            ));
            self.verdict = verdict;
            self.engine = engine;
        }
        self.graph_stale = false;
    }

    /// Keyed units not run yet.
    pub fn pending(&self) -> usize {
        self.pending.len()
    }

    /// Adds units to the pending ones (each once); those added run first.
    fn add_pending(&mut self, units: Vec<(Kind, String)>) {
        let mut seen: HashSet<(Kind, String)> = self.pending.iter().cloned().collect();
        for u in units {
            if !seen.contains(&u) {
                seen.insert(u.clone());
                self.pending.push(u);
            }
        }
    }

    /// Runs pending keyed units while `more()` says so (asked before each); returns what they
    /// found.
    pub fn settle(
        &mut self,
        tree: &Tree,
        index: &Indexes<'_>,
        more: &mut dyn FnMut() -> bool,
    ) -> DiagnosticDelta {
        let mut out = DiagnosticDelta::default();
        let engine_before = self.engine.clone();
        let mut changed = Vec::new();
        self.run_pending(tree, index, more, &mut changed);
        self.finish(engine_before, changed, &mut out);
        out.graph_stale = self.graph_stale;
        out.pending = self.pending.len();
        out
    }

    fn run_pending(
        &mut self,
        tree: &Tree,
        index: &Indexes<'_>,
        more: &mut dyn FnMut() -> bool,
        changed: &mut Vec<(Unit, Vec<Diagnostic>, Vec<Diagnostic>)>,
    ) {
        while !self.pending.is_empty() && more() {
            let Some((kind, key)) = self.pending.pop() else {
                break;
            };
            let (old, new) = self.run_keyed(tree, index, kind, &key);
            if !old.is_empty() || !new.is_empty() {
                changed.push((Unit::Keyed(kind, key), old, new));
            }
        }
    }

    /// Runs the pending keyed units, then the deferred graph and engine units.
    pub fn refresh_graph(&mut self, tree: &Tree, index: &Indexes<'_>) -> DiagnosticDelta {
        let mut out = DiagnosticDelta::default();
        let engine_before = self.engine.clone();
        let mut changed = Vec::new();
        self.run_pending(tree, index, &mut || true, &mut changed);
        self.run_graph(tree, true, true, &mut changed);
        self.finish(engine_before, changed, &mut out);
        out
    }

    fn finish(
        &self,
        engine_before: Option<Diagnostic>,
        changed: Vec<(Unit, Vec<Diagnostic>, Vec<Diagnostic>)>,
        out: &mut DiagnosticDelta,
    ) {
        let hidden_now = self.hidden();
        let hidden_before = |d: &Diagnostic| {
            engine_before
                .as_ref()
                .is_some_and(|e| unit::hidden_by(e, d))
        };
        if engine_before == self.engine {
            for (_, old, new) in &changed {
                out.change(old, new, &hidden_now, &hidden_now);
            }
            return;
        }
        // The engine's verdict changed, and with it which rule diagnostic its own stands for:
        // rerun units compare old (as hidden before) with new (as hidden now); in the others
        // only the hidden entries can flip.
        for (_, old, new) in &changed {
            out.change(old, new, &hidden_before, &hidden_now);
        }
        let rerun: HashSet<&Unit> = changed.iter().map(|(u, _, _)| u).collect();
        let mut flip = |list: &[Diagnostic]| {
            for d in list {
                match (hidden_before(d), hidden_now(d)) {
                    (true, false) => out.added.push(d.clone()),
                    (false, true) => out.removed.push(d.clone()),
                    _ => {}
                }
            }
        };
        for (kind, map) in &self.keyed {
            for (k, list) in map {
                if !rerun.contains(&Unit::Keyed(*kind, k.clone())) {
                    flip(list);
                }
            }
        }
        for (u, list) in [
            (Unit::Top, &self.top),
            (Unit::Variables, &self.variables),
            (Unit::Graph, &self.graph),
        ] {
            if !rerun.contains(&u) {
                flip(list);
            }
        }
        out.removed.extend(engine_before);
        out.added.extend(self.engine.clone());
    }
}
