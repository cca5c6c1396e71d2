//! The editor core: a resident [`Document`] that applies operations with SOPS's canvas
//! semantics (editor-spec §2), keeps `flows`, node wiring, branch conditions, `line` and
//! `location` in step, and undoes and redoes them exactly.
//!
//! * `patch`: primitive invertible steps on the JSON (put/delete a key at its position,
//!   insert/remove an array item).
//! * `tx`: a transaction of steps; operations read their own writes; failure rolls back.
//! * `ops`: the operations, one file each (fields, JSON form, semantics, result), on shared
//!   flow wiring. `defaults`: the JSON SOPS writes for new elements.
//! * `delta`: what an operation changed, for partial redraws.
//! * `items`: single items read through the indexes ([`Document::get`]), and the JSON of what
//!   an operation added or updated ([`Outcome::items`], with [`EditorOptions::items`]), so a
//!   mirror of the tree is patched without reading the tree whole.
//! * `op`: [`Op`], the list of operations, read from JSON and dispatched to `ops`.

mod consistency;
mod defaults;
mod delta;
mod ids;
mod index;
mod items;
mod live;
mod op;
pub mod ops;
mod patch;
mod tx;

pub use consistency::inconsistencies;
pub use defaults::NodeSpec;
pub use delta::{Changes, Delta};
pub use items::{Item, ItemKind, ITEM, ITEM_KINDS};
pub use live::{DiagnosticDelta, DIAGNOSTIC_DELTA};
pub use op::{Op, OPERATION, OPERATION_RESULT, UNBRIDGED};

use crate::variables::index::RefIndex;
use std::collections::VecDeque;
use std::fmt;

use crate::json::{Format, Limits, Object, Value};
use crate::model::{NodeKind, Tree};
use crate::shape::{opt, req, Given, Shape, Ty, BOOL, NUM, STRS};
use crate::ParseError;

/// The JSON form of the editor's options: [`EditorOptions`] (`seed`, `historyLimit`) and
/// [`KeptDiagnostics`] (`diagnostics`), over the reading limits.
pub const EDITOR_OPTIONS: Shape = Shape::new(
    "EditorOptions",
    "Options of an `Editor`.",
    &[
        opt(
            "seed",
            NUM,
            "Seed of the id generator. Equal seeds give equal ids.",
        )
        .default("random"),
        opt("historyLimit", NUM, "Most undo steps kept.").default("500"),
        opt(
            "plugins",
            Ty::Or(&[Ty::Object, Ty::Str]),
            "The plugin catalogue (`{plugins: [...]}` or its JSON text) that new tasks and plugin \
             changes follow.",
        )
        .default("SOPS's and BKFlow's built-in plugins"),
        opt(
            "items",
            BOOL,
            "Each outcome carries `items`: the JSON of every node, flow, variable, line and \
             location item it added or updated, and of the top-level keys it set as a whole, so \
             a mirror of the tree is patched without reading it back (`layout` carries the \
             whole `line` and `location`).",
        )
        .default("false"),
        opt(
            "diagnostics",
            Ty::Or(&[BOOL, Ty::Ref("DiagnosticsOptions")]),
            "Keep the validator's diagnostics up to date: each outcome then says which appeared \
             and disappeared (`true`: the default rules, graph checks eager).",
        ),
    ],
)
.extends(&["ParseOptions"]);

/// When the graph checks run.
const GRAPH: &[&str] = &["eager", "deferred"];

/// How the keyed units run: all at once, or left pending for `settle`.
const UNITS: &[&str] = &["at-once", "in-steps"];

/// The JSON form of [`KeptDiagnostics`] as an object: the validation options and `graph`.
pub const DIAGNOSTICS_OPTIONS: Shape = Shape::new(
    "DiagnosticsOptions",
    "How an `Editor` keeps diagnostics: the validation options, and when the graph checks run.",
    &[opt(
        "graph",
        Ty::Choice(GRAPH),
        "\"eager\" runs the O(V+E) checks (engine verdict, ids, reachability) after every edit \
         that changes the graph; \"deferred\" leaves them for `refreshGraph()`, e.g. when the \
         page is idle (from the start: a new Editor's graph checks are stale until then).",
    )
    .default("\"eager\""),
    opt(
        "units",
        Ty::Choice(UNITS),
        "\"in-steps\" leaves a new Editor's units of nodes, flows, variables and drawing \
         pending (opening then costs what reading costs), and those of an edit that touches \
         more than 2,000 of them (a layout): `settle(ms)` runs them a slice at a time and \
         `refreshGraph()` runs what is left, so a page on a big tree never blocks for long.",
    )
    .default("\"at-once\"")],
)
.extends(&["ValidateOptions"]);

/// The JSON form of [`Changes`].
pub const CHANGES: Shape = Shape::new(
    "Changes",
    "Ids added, removed and updated by an operation.",
    &[
        req("added", STRS, ""),
        req("removed", STRS, ""),
        req("updated", STRS, ""),
    ],
);

/// The JSON form of a [`Delta`].
pub const DELTA: Shape = Shape::new(
    "Delta",
    "What an operation (or undo/redo) changed.",
    &[
        req("nodes", Ty::Ref("Changes"), ""),
        req("flows", Ty::Ref("Changes"), ""),
        req("lines", Ty::Ref("Changes"), ""),
        req("locations", Ty::Ref("Changes"), ""),
        req("constants", Ty::Ref("Changes"), ""),
        req("other", STRS, "Top-level keys changed as a whole."),
    ],
);

/// The JSON form of an [`Outcome`].
pub const OUTCOME: Shape = Shape::new(
    "Outcome",
    "What an operation, undo or redo did.",
    &[
        req("delta", Ty::Ref("Delta"), ""),
        opt(
            "diagnostics",
            Ty::Ref("DiagnosticDelta"),
            "With the `diagnostics` option.",
        ),
        opt(
            "items",
            Ty::Arr(&Ty::Ref("Item")),
            "With the `items` option: what was added or updated, as it now is (removals are \
             the delta's `removed` lists).",
        ),
        req(
            "result",
            Ty::Ref("OperationResult"),
            "addNode/insertOnFlow: `{id}` (+ `flows`); connect: `{flow}`; paste: \
             `{ids: {old: new}}`; removeNode/disconnectNode with a bridge: `{bridge}`; batch: \
             `{results}`.",
        ),
    ],
);
use ids::IdSource;
use tx::{Change, Tx};

/// Why an operation was refused. Nothing changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditError {
    /// `unknown-node`, `unknown-flow`, `duplicate-id`, `wrong-type`, `malformed` (the operation
    /// needs a part of the tree whose JSON type the editor cannot change without losing it),
    /// `invalid-op`, `default-exists`, `engine-format` (a sub-process added to a tree in
    /// bamboo-engine's format), `no-drawing` (moving a node of a tree without drawing data),
    /// `nothing-to-undo`, `nothing-to-redo`, `internal`, or the code of the canvas rule that
    /// refuses a connection (`FE001`…`FE008`).
    pub code: String,
    /// What was refused and why, in English.
    pub message: String,
    /// The same in Chinese (SOPS's words: 节点, 连线, 网关, 变量…).
    pub message_zh: String,
}

impl EditError {
    /// A refusal, said in English and in Chinese (both required).
    pub fn new(code: &str, message: impl Into<String>, message_zh: impl Into<String>) -> EditError {
        EditError {
            code: code.to_owned(),
            message: message.into(),
            message_zh: message_zh.into(),
        }
    }

    pub(crate) fn internal(message: String) -> EditError {
        let zh = format!("编辑器内部错误：{message}");
        EditError::new("internal", message, zh)
    }

    /// `malformed`: `what` (at `path`) has a JSON type the operation cannot work with; it
    /// would have to overwrite the value to go on, so it is refused and the value kept.
    /// `what_zh` and `why_zh` say the same in Chinese.
    pub(crate) fn malformed(
        (what, what_zh): (&str, &str),
        path: &crate::json::Path,
        (why, why_zh): (&str, &str),
    ) -> EditError {
        EditError::new(
            "malformed",
            format!("{what}: {why} at {path}; the operation would overwrite it (fix it in the JSON first)"),
            format!("{what_zh}：{path} 处{why_zh}；该操作会覆盖它（请先在 JSON 中修正）"),
        )
    }

    /// The JSON form: `{code, message, message_zh}`.
    pub fn to_json(&self) -> Object {
        let mut o = Object::new();
        o.insert("code", Value::from(self.code.as_str()));
        o.insert("message", Value::from(self.message.as_str()));
        o.insert("message_zh", Value::from(self.message_zh.as_str()));
        o
    }
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for EditError {}

/// What an applied operation (or undo/redo) did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outcome {
    pub delta: Delta,
    /// Diagnostics that appeared and disappeared (when the document keeps diagnostics).
    pub diagnostics: Option<DiagnosticDelta>,
    /// Operation-specific result: the new node's id, the new flow's id, the id map of a paste.
    pub result: Object,
    /// The JSON of what was added or updated, when the document gives items
    /// ([`EditorOptions::items`]).
    pub items: Option<Vec<Item>>,
}

/// A plugin catalogue given as an object, a list, or JSON text.
pub fn read_plugins(v: &Value) -> Result<crate::variables::plugins::Plugins, String> {
    match v {
        Value::String(text) => {
            let parsed =
                crate::json::parse(text, &Default::default()).map_err(|e| e.to_string())?;
            crate::variables::plugins::Plugins::from_json(&parsed)
        }
        other => crate::variables::plugins::Plugins::from_json(other),
    }
}

/// Editor settings.
#[derive(Clone, Debug)]
pub struct EditorOptions {
    /// Seed of the id generator (ids are random-looking but reproducible).
    pub seed: u64,
    /// Most undo steps kept; older ones are dropped.
    pub history_limit: usize,
    /// The plugin catalogue new tasks and plugin changes follow (default: the built-in one).
    pub plugins: Option<std::sync::Arc<crate::variables::plugins::Plugins>>,
    /// Outcomes carry the JSON of what they added or updated ([`Outcome::items`]).
    pub items: bool,
}

impl Default for EditorOptions {
    fn default() -> EditorOptions {
        EditorOptions {
            seed: 1,
            history_limit: 500,
            plugins: None,
            items: false,
        }
    }
}

impl EditorOptions {
    /// Reads the JSON form (the JS API's Editor options) over these settings: `seed` (a
    /// number) and `historyLimit` (a number from 0). A value of another kind leaves the
    /// setting as it is; other keys (limits, `diagnostics`) are read elsewhere.
    pub fn read_json(&mut self, o: &Object) {
        let o = Given::new(o, &EDITOR_OPTIONS);
        if let Some(seed) = o.raw("seed").and_then(Value::as_f64) {
            self.seed = seed as u64;
        }
        if let Some(limit) = o.raw("historyLimit").and_then(Value::as_f64) {
            if limit >= 0.0 {
                self.history_limit = limit as usize;
            }
        }
        if let Some(Ok(p)) = o.raw("plugins").map(read_plugins) {
            self.plugins = Some(std::sync::Arc::new(p));
        }
        if let Some(items) = o.raw("items").and_then(Value::as_bool) {
            self.items = items;
        }
    }
}

/// How a document keeps diagnostics: the rule options, and whether the graph checks and the
/// engine rerun after every edit (eager) or when asked ([`Document::refresh_graph`]).
#[derive(Clone, Debug, Default)]
pub struct KeptDiagnostics {
    pub options: crate::rules::Options,
    pub eager_graph: bool,
    /// The keyed units wait for [`Document::settle`] (`units: "in-steps"`).
    pub in_steps: bool,
}

impl KeptDiagnostics {
    /// The JSON form (the JS API's `diagnostics` option): absent, null or `false` keeps none;
    /// `true` keeps them with the default rules, graph eager; an object is the validation
    /// options ([`crate::rules::Options::from_json`]) and `graph: "eager" | "deferred"`.
    pub fn from_json(
        v: Option<&Value>,
    ) -> Result<Option<KeptDiagnostics>, crate::rules::OptionError> {
        let Some(v) = v.filter(|v| !v.is_null() && v.as_bool() != Some(false)) else {
            return Ok(None);
        };
        let Some(o) = v.as_object() else {
            return Ok(Some(KeptDiagnostics {
                eager_graph: true,
                ..KeptDiagnostics::default()
            }));
        };
        let given = Given::new(o, &DIAGNOSTICS_OPTIONS);
        let choice = |key: &str, choices: &[&str]| match given.raw(key).and_then(Value::as_str) {
            None => Ok(true),
            Some(c) if c == choices[0] => Ok(true),
            Some(c) if c == choices[1] => Ok(false),
            Some(other) => Err(crate::rules::OptionError {
                option: "diagnostics",
                message: format!(
                    "diagnostics.{key} must be {}, not {other:?}",
                    crate::shape::one_of(choices, false)
                ),
            }),
        };
        let eager_graph = choice("graph", GRAPH)?;
        let in_steps = !choice("units", UNITS)?;
        Ok(Some(KeptDiagnostics {
            options: crate::rules::Options::from_json(o)?,
            eager_graph,
            in_steps,
        }))
    }
}

/// A tree being edited, with its history.
pub struct Document {
    tree: Tree,
    index: index::DrawIndex,
    /// The layout of the text the tree was read from, used to write it back.
    format: Format,
    rng: IdSource,
    undo: VecDeque<Change>,
    redo: Vec<Change>,
    limit: usize,
    live: Option<live::Live>,
    /// The reference index, built on first use and kept up to date after that.
    refs: std::cell::OnceCell<crate::variables::index::RefIndex>,
    /// The plugin catalogue the operations follow.
    plugins: std::sync::Arc<crate::variables::plugins::Plugins>,
    /// Whether outcomes carry [`Outcome::items`].
    items: bool,
    /// A layout computed ahead of the operation that applies it ([`Document::prepare_layout`]);
    /// dropped by any edit, undo or redo.
    prepared: Option<tx::Prepared>,
}

impl Document {
    pub fn new(tree: Tree, options: &EditorOptions) -> Document {
        Document {
            index: index::DrawIndex::build(tree.root()),
            tree,
            format: Format::default(),
            rng: IdSource::new(options.seed),
            undo: VecDeque::new(),
            redo: Vec::new(),
            limit: options.history_limit,
            live: None,
            refs: std::cell::OnceCell::new(),
            plugins: options
                .plugins
                .clone()
                .unwrap_or_else(crate::variables::plugins::Plugins::builtin),
            items: options.items,
            prepared: None,
        }
    }

    /// SOPS's new template (editor-spec §2.1): start, one blank task, end, joined by two flows.
    pub fn new_template(options: &EditorOptions) -> Document {
        let mut root = Object::new();
        for key in ["activities", "constants", "end_event", "flows", "gateways"] {
            root.insert(key, Value::Object(Object::new()));
        }
        root.insert("line", Value::Array(Vec::new()));
        root.insert("location", Value::Array(Vec::new()));
        root.insert("outputs", Value::Array(Vec::new()));
        root.insert("start_event", Value::Object(Object::new()));
        let mut doc = Document::new(Tree::from_object_unchecked(root), options);
        let made = doc.edit(|tx, rng| {
            let spec = NodeSpec::default();
            let s = ops::add_node(tx, rng, NodeKind::StartEvent, 40.0, 150.0, &spec, None)?;
            let t = ops::add_node(
                tx,
                rng,
                NodeKind::ServiceActivity,
                240.0,
                140.0,
                &spec,
                None,
            )?;
            let e = ops::add_node(tx, rng, NodeKind::EndEvent, 540.0, 150.0, &spec, None)?;
            ops::add_line(tx, rng, &s, "Right", &t, "Left", None)?;
            ops::add_line(tx, rng, &t, "Right", &e, "Left", None)?;
            Ok(Object::new())
        });
        debug_assert!(made.is_ok());
        doc.undo.clear();
        doc
    }

    /// Reads a document from JSON text; [`Document::text`] writes it back in the same
    /// layout (indentation, ASCII escapes), so an unedited document round-trips byte for byte.
    pub fn parse(
        text: &str,
        limits: &Limits,
        options: &EditorOptions,
    ) -> Result<Document, ParseError> {
        let tree = Tree::parse_with(text, limits)?;
        let mut doc = Document::new(tree, options);
        doc.format = Format::detect(text);
        Ok(doc)
    }

    /// The plugin catalogue the operations follow.
    pub fn plugins(&self) -> &crate::variables::plugins::Plugins {
        &self.plugins
    }

    pub fn tree(&self) -> &Tree {
        &self.tree
    }

    /// The item `id` of `kind` as it is in the tree (`None` when absent), found through the
    /// document's indexes in time proportional to the item, not the tree.
    pub fn get(&self, kind: ItemKind, id: &str) -> Option<&Value> {
        items::get(self.tree.root(), &self.index, kind, id)
    }

    /// Whether outcomes carry [`Outcome::items`] from now on.
    pub fn set_items(&mut self, items: bool) {
        self.items = items;
    }

    fn items(&self, steps: &[patch::Step], delta: &Delta) -> Option<Vec<Item>> {
        self.items
            .then(|| items::changed(self.tree.root(), &self.index, steps, delta))
    }

    /// Every place that uses a variable, kept with the document ([`RefIndex`]; built on the
    /// first call).
    ///
    /// [`RefIndex`]: crate::variables::index::RefIndex
    pub fn references(&self) -> &crate::variables::index::RefIndex {
        self.refs
            .get_or_init(|| crate::variables::index::RefIndex::build(&self.tree))
    }

    /// The layout [`Document::text`] writes with.
    pub fn set_format(&mut self, format: Format) {
        self.format = format;
    }

    /// The tree as text, in the layout it was read with.
    pub fn text(&self) -> String {
        self.tree.to_string(&self.format)
    }

    pub fn into_tree(self) -> Tree {
        self.tree
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Undo steps held.
    pub fn history_len(&self) -> usize {
        self.undo.len()
    }

    pub fn set_history_limit(&mut self, limit: usize) {
        self.limit = limit;
        while self.undo.len() > self.limit {
            self.undo.pop_front();
        }
    }

    /// Keeps the validator's diagnostics up to date from now on: each operation's outcome says
    /// which appeared and disappeared. With `eager_graph` false, the O(V+E) units (engine
    /// verdict, ids, reachability) wait for [`Document::refresh_graph`].
    pub fn keep_diagnostics(&mut self, options: crate::rules::Options, eager_graph: bool) {
        let index = unit_indexes(&self.index, &self.refs, &self.tree, &options);
        self.live = Some(live::Live::new(&self.tree, &index, options, eager_graph));
    }

    /// As [`Document::keep_diagnostics`], with the keyed units (each node's, flow's,
    /// variable's, line's...) left pending for [`Document::settle`]: nothing is checked yet
    /// but the document-wide units (and the graph, when eager).
    pub fn keep_diagnostics_in_steps(&mut self, options: crate::rules::Options, eager_graph: bool) {
        self.live = Some(live::Live::new_in_steps(&self.tree, options, eager_graph));
    }

    /// The current diagnostics (as `validate` reports them), when kept.
    /// The kept diagnostics as a validation report's JSON, with `graphStale`; refused when
    /// diagnostics are not kept.
    pub fn report_json(&self) -> Result<Value, EditError> {
        let list = self.diagnostics().ok_or_else(no_diagnostics)?;
        self.report_of(list)
    }

    /// [`Document::report_json`] without `valid` and `diagnostics`: the engine's verdict as
    /// kept, the format, `graphStale` and `pending`, at no cost in the number of diagnostics.
    pub fn verdict_json(&self) -> Result<Value, EditError> {
        if self.live.is_none() {
            return Err(no_diagnostics());
        }
        let mut v = self.report_of(Vec::new())?;
        if let Value::Object(o) = &mut v {
            o.remove("valid");
            o.remove("diagnostics");
        }
        Ok(v)
    }

    fn report_of(&self, list: Vec<crate::Diagnostic>) -> Result<Value, EditError> {
        let mut v = crate::rules::Report {
            valid: crate::diagnostic::none_is_error(&list),
            diagnostics: list,
            engine: self.verdict().cloned().unwrap_or_default(),
            format: self.tree.format(),
        }
        .to_json();
        if let Value::Object(o) = &mut v {
            o.insert("graphStale", Value::from(self.graph_stale()));
            if self.pending() > 0 {
                o.insert("pending", Value::from(self.pending() as i64));
            }
        }
        Ok(v)
    }

    pub fn diagnostics(&self) -> Option<Vec<crate::Diagnostic>> {
        self.live.as_ref().map(|l| l.all(&self.tree))
    }

    /// The kept units whose diagnostics differ from a fresh run (empty when right, or when
    /// diagnostics are not kept): the oracle of the edit property, for tests only.
    #[cfg(feature = "test-oracle")]
    pub fn stale_units(&self) -> Vec<String> {
        self.live.as_ref().map_or_else(Vec::new, |l| {
            let index = live::Indexes {
                draw: &self.index,
                refs: self.refs.get().filter(|_| l.reads_references()),
            };
            l.stale_units(&self.tree, &index)
        })
    }

    /// The current engine verdict, when diagnostics are kept (possibly stale, see
    /// [`Document::graph_stale`]).
    pub fn verdict(&self) -> Option<&crate::engine::Verdict> {
        self.live.as_ref().map(|l| l.verdict())
    }

    /// Whether deferred graph units wait for [`Document::refresh_graph`].
    pub fn graph_stale(&self) -> bool {
        self.live.as_ref().is_some_and(|l| l.graph_stale())
    }

    /// Runs the pending units (opened in steps), then the deferred graph and engine units.
    pub fn refresh_graph(&mut self) -> Option<DiagnosticDelta> {
        self.with_live(|live, tree, index| live.refresh_graph(tree, index))
    }

    /// Calls `f` with the kept diagnostics, the tree and the indexes their units read (the
    /// references built when first needed); None when diagnostics are not kept.
    fn with_live<R>(
        &mut self,
        f: impl FnOnce(&mut live::Live, &Tree, &live::Indexes<'_>) -> R,
    ) -> Option<R> {
        let live = self.live.as_mut()?;
        let index = unit_indexes(&self.index, &self.refs, &self.tree, &live.options);
        Some(f(live, &self.tree, &index))
    }

    /// Keyed units not run yet, when diagnostics are kept and were opened in steps
    /// ([`KeptDiagnostics::in_steps`]).
    pub fn pending(&self) -> usize {
        self.live.as_ref().map_or(0, live::Live::pending)
    }

    /// Runs pending units (see [`Document::pending`]) while `more()` says so, asked before
    /// each; returns what they found (`pending` says how many are left).
    pub fn settle(&mut self, more: &mut dyn FnMut() -> bool) -> Option<DiagnosticDelta> {
        self.with_live(|live, tree, index| live.settle(tree, index, more))
    }

    /// Reruns what `steps` (undone by `undo`) can have changed.
    fn refresh(
        &mut self,
        steps: &[patch::Step],
        undo: &[patch::Step],
        delta: &Delta,
        not_moved: crate::map::HashSet<String>,
    ) -> Option<DiagnosticDelta> {
        let mut uses_changed = Vec::new();
        if let Some(refs) = self.refs.get_mut() {
            uses_changed = refs.update(&self.tree, &reference_units(steps, delta));
        }
        let tree = &self.tree;
        let refs = self.refs.get();
        let index = live::Indexes {
            draw: &self.index,
            refs: refs.filter(|_| self.live.as_ref().is_some_and(|l| l.reads_references())),
        };
        let live = self.live.as_mut()?;
        let mut dirty = live::Dirty::of(steps, undo, tree);
        dirty.not_moved = not_moved;
        Some(live.refresh(tree, &index, &dirty, delta, &uses_changed))
    }

    /// Computes the layout `params` gives for the tree as it is, for the `layout` operation
    /// with the same parameters to apply, if no edit, undo or redo comes first: the layout and
    /// the operation can then run as two shorter tasks. The operation gives the same outcome
    /// either way (an error too: it is kept for the operation to give).
    pub fn prepare_layout(&mut self, params: crate::layout::Params) {
        let drawn = crate::layout::layout(&self.tree, &params);
        self.prepared = Some((params, drawn));
    }

    /// Applies one operation (a batch is one undo step). On error nothing changes.
    pub fn apply(&mut self, op: &Op) -> Result<Outcome, EditError> {
        self.edit(|tx, rng| op::run(tx, rng, op))
    }

    fn edit(
        &mut self,
        f: impl FnOnce(&mut Tx<'_>, &mut IdSource) -> Result<Object, EditError>,
    ) -> Result<Outcome, EditError> {
        let rng_before = self.rng.clone();
        let mut tx = Tx::new(&mut self.tree, &mut self.index, &self.plugins)
            .with_prepared(self.prepared.take());
        match f(&mut tx, &mut self.rng) {
            Ok(result) => {
                let applied = tx.commit();
                let delta = applied.delta;
                let diagnostics =
                    self.refresh(&applied.shapes, &applied.back, &delta, applied.not_moved);
                let items = self.items(&applied.shapes, &delta);
                if !applied.shapes.is_empty() {
                    self.undo.push_back(Change {
                        steps: applied.back,
                    });
                    while self.undo.len() > self.limit {
                        self.undo.pop_front();
                    }
                    self.redo.clear();
                }
                Ok(Outcome {
                    items,
                    delta,
                    diagnostics,
                    result,
                })
            }
            Err(e) => {
                tx.rollback();
                self.rng = rng_before;
                Err(e)
            }
        }
    }

    pub fn undo(&mut self) -> Result<Outcome, EditError> {
        self.travel(true)
    }

    pub fn redo(&mut self) -> Result<Outcome, EditError> {
        self.travel(false)
    }

    /// Replays the last change backwards (undo) or the last undone one forwards (redo),
    /// moving it to the other stack; on failure it stays where it was.
    fn travel(&mut self, back: bool) -> Result<Outcome, EditError> {
        self.prepared = None;
        let change = if back {
            self.undo.pop_back()
        } else {
            self.redo.pop()
        };
        let change = change.ok_or_else(|| {
            if back {
                EditError::new(
                    "nothing-to-undo",
                    "there is nothing to undo",
                    "没有可撤销的操作",
                )
            } else {
                EditError::new(
                    "nothing-to-redo",
                    "there is nothing to redo",
                    "没有可重做的操作",
                )
            }
        })?;
        match tx::replay(&mut self.tree, &mut self.index, change.steps) {
            Ok(applied) => {
                let delta = applied.delta;
                let diagnostics =
                    self.refresh(&applied.shapes, &applied.back, &delta, applied.not_moved);
                let items = self.items(&applied.shapes, &delta);
                let other = Change {
                    steps: applied.back,
                };
                if back {
                    self.redo.push(other);
                } else {
                    self.undo.push_back(other);
                }
                Ok(Outcome {
                    items,
                    delta,
                    diagnostics,
                    result: Object::new(),
                })
            }
            Err((e, steps)) => {
                let same = Change { steps };
                if back {
                    self.undo.push_back(same);
                } else {
                    self.redo.push(same);
                }
                Err(e)
            }
        }
    }
}

impl Changes {
    fn to_json(&self) -> Value {
        let list = |v: &[String]| Value::Array(v.iter().map(|s| Value::from(s.as_str())).collect());
        let mut o = Object::new();
        o.insert("added", list(&self.added));
        o.insert("removed", list(&self.removed));
        o.insert("updated", list(&self.updated));
        Value::Object(o)
    }
}

impl Delta {
    pub fn to_json(&self) -> Value {
        let mut o = Object::new();
        o.insert("nodes", self.nodes.to_json());
        o.insert("flows", self.flows.to_json());
        o.insert("lines", self.lines.to_json());
        o.insert("locations", self.locations.to_json());
        o.insert("constants", self.constants.to_json());
        o.insert(
            "other",
            Value::Array(self.other.iter().map(|s| Value::from(s.as_str())).collect()),
        );
        Value::Object(o)
    }
}

impl Outcome {
    /// `{delta, diagnostics?, result, items?}` as JSON.
    pub fn to_json(&self) -> Value {
        self.clone().into_json()
    }

    /// [`Outcome::to_json`], moving the items' values instead of copying them.
    pub fn into_json(self) -> Value {
        let mut o = Object::new();
        o.insert("delta", self.delta.to_json());
        if let Some(d) = &self.diagnostics {
            o.insert("diagnostics", d.to_json());
        }
        o.insert("result", Value::Object(self.result));
        if let Some(items) = self.items {
            o.insert(
                "items",
                Value::Array(items.into_iter().map(Item::into_json).collect()),
            );
        }
        Value::Object(o)
    }
}

/// The units of the reference index that `steps` touched (and the items `delta` names).
fn reference_units(steps: &[patch::Step], delta: &Delta) -> crate::variables::index::Touched {
    use crate::json::Seg;
    let mut t = crate::variables::index::Touched::default();
    // each key once (an edit may renumber thousands of variables)
    let (mut nodes, mut variables) = (crate::map::HashSet::new(), crate::map::HashSet::new());
    let push = |list: &mut Vec<String>, seen: &mut crate::map::HashSet<String>, k: &str| {
        if seen.insert(k.to_owned()) {
            list.push(k.to_owned());
        }
    };
    for step in steps {
        let at = step.at();
        if let (patch::Step::Fields { key, values, .. }, [Seg::Key(first)]) = (step, at) {
            // `key` set in each named item of the section
            for child in values.iter().filter_map(|(child, _)| child.key()) {
                match first.as_str() {
                    "activities" | "gateways" if NODE_USES.contains(&key.as_str()) => {
                        push(&mut t.nodes, &mut nodes, child)
                    }
                    "constants" if VARIABLE_USES.contains(&key.as_str()) => {
                        push(&mut t.variables, &mut variables, child)
                    }
                    "outputs" => t.outputs = true,
                    _ => {}
                }
            }
            continue;
        }
        let key = match step {
            patch::Step::Put { key, .. } | patch::Step::Del { key, .. } => Some(key.as_str()),
            _ => None,
        };
        let first = match at.first() {
            Some(Seg::Key(k)) => k.as_str(),
            Some(Seg::Index(_)) => continue,
            None => {
                match key {
                    Some("activities" | "gateways" | "constants") => t.all = true,
                    Some("outputs") => t.outputs = true,
                    _ => {}
                }
                continue;
            }
        };
        // the item's key: the next segment, or the key set or removed in the section
        let item = match at.get(1) {
            Some(Seg::Key(k)) => Some(k.as_str()),
            Some(Seg::Index(_)) => None,
            None => key,
        };
        match (first, item) {
            ("activities" | "gateways", Some(k)) if uses_field(at, key, NODE_USES) => {
                push(&mut t.nodes, &mut nodes, k)
            }
            ("constants", Some(k)) if uses_field(at, key, VARIABLE_USES) => {
                push(&mut t.variables, &mut variables, k)
            }
            ("outputs", _) => t.outputs = true,
            _ => {}
        }
    }
    // an item updated in a field its uses do not read is not recomputed (the steps say which)
    for k in delta.nodes.added.iter().chain(&delta.nodes.removed) {
        push(&mut t.nodes, &mut nodes, k);
    }
    for k in delta.constants.added.iter().chain(&delta.constants.removed) {
        push(&mut t.variables, &mut variables, k);
    }
    t
}

/// The fields of a node that [`crate::variables::refs::node_uses`] reads: its `type`,
/// `component`, sub-process `constants` and `conditions`.
const NODE_USES: &[&str] = &["type", "component", "constants", "conditions"];

/// The fields of a variable that [`crate::variables::refs::variable_uses`] reads (and that
/// decide a sub-process parameter hooked to it).
const VARIABLE_USES: &[&str] = &["key", "value", "source_type", "source_info"];

/// Whether a step at `at` (inside `activities`, `gateways` or `constants`), setting or
/// removing `key`, may change the item's uses of variables: an item added, removed or
/// replaced, or one of the `fields` its uses read.
fn uses_field(at: &[crate::json::Seg], key: Option<&str>, fields: &[&str]) -> bool {
    let field = match at.get(2) {
        Some(crate::json::Seg::Key(f)) => Some(f.as_str()),
        Some(crate::json::Seg::Index(_)) => return true,
        None if at.len() == 2 => key,
        None => return true,
    };
    field.is_none_or(|f| fields.contains(&f))
}

/// The indexes the kept units read under `options`: the drawing's, and the references when a
/// rule reads them (built on first use).
fn unit_indexes<'a>(
    draw: &'a index::DrawIndex,
    refs: &'a std::cell::OnceCell<RefIndex>,
    tree: &Tree,
    options: &crate::rules::Options,
) -> live::Indexes<'a> {
    let refs =
        live::Live::needs_references(options).then(|| refs.get_or_init(|| RefIndex::build(tree)));
    live::Indexes { draw, refs }
}

/// The refusal of a call that needs kept diagnostics.
pub(crate) fn no_diagnostics() -> EditError {
    EditError::new(
        "no-diagnostics",
        "create the Editor with the diagnostics option",
        "创建编辑器时须打开 diagnostics 选项",
    )
}
