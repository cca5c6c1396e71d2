//! The validator: every rule family, one table of rules, presets, and the report.
//!
//! [`validate`] runs the engine ([`crate::engine`]) for the verdict bamboo-engine would give
//! and every rule family for the problems bamboo-engine reports one at a time or not at all,
//! and returns all of them at once, in a deterministic order.

mod canvas;
mod connection;
mod ctx;
mod drawing;
mod expr;
mod keys;
mod options;
mod plugin;
pub mod registry;
mod schema;
mod sub;
mod task;
mod types;
mod vars;

/// What the canvas check (FEGW001) found, kept between runs on an edited tree.
pub(crate) use canvas::Kept as CanvasKept;
pub use connection::{can_connect, Refusal, REFUSAL};
pub use keys::key_pattern;
pub use options::{OptionError, Options, Preset, VALIDATE_OPTIONS};
pub use registry::{lookup, Reruns, Rule, Scope, RULE, RULES};
pub use sub::{
    Catalogue, Source as TemplateSource, Template, MAX_UNFOLD_DEPTH, TEMPLATE_CATALOGUE,
};

use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::{self, EngineError, Verdict};
use crate::json::{Object, Value};
use crate::model::{Tree, TreeFormat};
use crate::shape::{opt, req, Shape, Ty, BOOL, STR, STRS, TREE};

/// The JSON form of the engine's [`Verdict`].
pub const ENGINE_VERDICT: Shape = Shape::new(
    "EngineVerdict",
    "What bamboo-engine's `validate_and_process_pipeline` decides.",
    &[
        req("valid", BOOL, ""),
        req(
            "error",
            Ty::Or(&[
                Ty::Null,
                Ty::Obj(&Shape::inline(&[
                    req("code", STR, ""),
                    req(
                        "kind",
                        Ty::Choice(&["connection", "cycle", "converge", "stream", "crash", "hang"]),
                        "connection, cycle, converge, stream; crash (the engine raises KeyError \
                         and the like); hang (the engine never returns).",
                    ),
                    req("node_id", Ty::Or(&[STR, Ty::Null]), ""),
                    req(
                        "message",
                        STR,
                        "The engine's own text: its message where it has one (Chinese), the \
                         Python error it raises, or what loops; for comparing with \
                         bamboo-engine. The report's diagnostic says the same to users, in \
                         English and Chinese.",
                    ),
                    opt(
                        "pipeline",
                        STRS,
                        "SubProcess ids leading to the failing sub-pipeline.",
                    ),
                ])),
            ]),
            "",
        ),
        req(
            "converge",
            Ty::Map(&Ty::Or(&[STR, Ty::Null])),
            "gateway id -> converge_gateway_id, after the engine ran.",
        ),
    ],
);

/// The JSON form of a [`Report`].
pub const REPORT: Shape = Shape::new(
    "Report",
    "Every problem of a tree, and bamboo-engine's verdict.",
    &[
        req(
            "valid",
            BOOL,
            "True exactly when no diagnostic is an error.",
        ),
        req(
            "diagnostics",
            Ty::Arr(&Ty::Ref("Diagnostic")),
            "Every problem, in a fixed order: the engine's refusal first, then by rule family.",
        ),
        req("engine", Ty::Ref("EngineVerdict"), ""),
        req(
            "format",
            Ty::Choice(&["web", "engine", "fragment"]),
            "The format the tree is written in, from its top-level keys: `web` (SOPS/BKFlow's \
             editor format: `constants` or `outputs`), `engine` (bamboo-engine's own: neither, \
             and a `data` object), `fragment` (neither: an excerpt, checked as a web tree).",
        ),
        opt(
            "tree",
            TREE,
            "With `writeConverge`: the tree with converge_gateway_id written.",
        ),
    ],
);

/// The validator's answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// True exactly when no diagnostic has severity error.
    pub valid: bool,
    pub diagnostics: Vec<Diagnostic>,
    pub engine: Verdict,
    /// The format the tree was read in; the rules follow it.
    pub format: TreeFormat,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    /// The report as JSON: `{valid, diagnostics, engine: {valid, error, converge}, format}`.
    pub fn to_json(&self) -> Value {
        let mut o = Object::new();
        o.insert("valid", Value::from(self.valid));
        o.insert(
            "diagnostics",
            Value::Array(self.diagnostics.iter().map(Diagnostic::to_json).collect()),
        );
        o.insert("engine", verdict_json(&self.engine));
        o.insert("format", Value::from(self.format.as_str()));
        Value::Object(o)
    }
}

fn verdict_json(v: &Verdict) -> Value {
    let mut o = Object::new();
    o.insert("valid", Value::from(v.valid()));
    o.insert(
        "error",
        match &v.error {
            None => Value::Null,
            Some(e) => {
                let mut eo = Object::new();
                eo.insert("code", Value::from(e.code));
                eo.insert("kind", Value::from(e.kind.as_str()));
                eo.insert(
                    "node_id",
                    e.node_id.as_deref().map_or(Value::Null, Value::from),
                );
                eo.insert("message", Value::from(&*e.detail));
                if !e.pipeline.is_empty() {
                    eo.insert(
                        "pipeline",
                        Value::Array(e.pipeline.iter().map(|s| Value::from(s.as_str())).collect()),
                    );
                }
                Value::Object(eo)
            }
        },
    );
    let mut c = Object::new();
    for (g, cg) in &v.converge {
        c.insert(g.clone(), cg.as_deref().map_or(Value::Null, Value::from));
    }
    o.insert("converge", Value::Object(c));
    Value::Object(o)
}

/// Validates a tree.
pub fn validate(tree: &Tree, options: &Options) -> Report {
    let verdict = engine::verdict(tree, &options.engine);
    let mut cx = ctx::Ctx {
        tree,
        options,
        out: Vec::new(),
    };
    schema::top(&mut cx);
    for n in tree.nodes() {
        node_rules(&mut cx, &n);
    }
    for f in tree.flows() {
        flow_rules(&mut cx, &f);
    }
    constant_rules(&mut cx);
    graph_rules(&mut cx);
    drawing::check(&mut cx);
    let mut diagnostics = Vec::with_capacity(cx.out.len() + 1);
    if let Some(d) = engine_diagnostic_of(tree, &verdict) {
        // The engine's own diagnostic replaces the rules' report of the same problem.
        cx.out.retain(|x| !hidden_by(&d, x));
        diagnostics.push(d);
        diagnostics.extend(engine_more_of(tree, &verdict));
    }
    diagnostics.append(&mut cx.out);
    finish(diagnostics, verdict, tree.format())
}

/// The rules that look at one node and its flows only.
fn node_rules(cx: &mut ctx::Ctx<'_>, n: &crate::model::Node<'_>) {
    types::node(cx, n);
    schema::node(cx, n);
    connection::node(cx, n);
    task::node(cx, n);
    sub::node(cx, n);
    vars::node(cx, n);
    expr::node(cx, n);
    plugin::node(cx, n);
}

/// The rules that look at one flow and its two ends only.
fn flow_rules(cx: &mut ctx::Ctx<'_>, f: &crate::model::Flow<'_>) {
    types::flow(cx, f);
    schema::flow(cx, f);
    connection::flow(cx, f);
}

/// The rules that walk the whole graph.
fn graph_rules(cx: &mut ctx::Ctx<'_>) {
    connection::graph(cx);
    canvas::check(cx);
}

/// The rules of variables and outputs (they also look up hooked nodes).
fn constant_rules(cx: &mut ctx::Ctx<'_>) {
    schema::constants(cx);
    keys::check(cx);
    task::constants(cx);
    let tree = cx.tree;
    for c in tree.constants() {
        vars::constant(cx, &c);
        plugin::constant(cx, &c);
        expr::constant(cx, &c);
    }
    if cx.on(&registry::VAR006) {
        let used = crate::variables::refs::used(tree);
        for c in tree.constants() {
            vars::unused(cx, &c, |k| used.contains(k));
        }
    }
}

/// The error diagnostic that carries an engine refusal, placed at the failing node.
fn engine_diagnostic_of(tree: &Tree, verdict: &Verdict) -> Option<Diagnostic> {
    verdict.error.as_ref().map(|e| placed(tree, e))
}

fn placed(tree: &Tree, e: &EngineError) -> Diagnostic {
    let kind = e
        .node_id
        .as_deref()
        .filter(|_| e.pipeline.is_empty())
        .and_then(|n| tree.node(n))
        .map(|n| n.kind());
    let mut d = engine_diagnostic(e, kind);
    if e.pipeline.is_empty() {
        d.path = e
            .node_id
            .as_deref()
            .and_then(|n| tree.node(n))
            .map(|n| ctx::node_path(&n));
    }
    d
}

/// The gateway and stream problems past the engine's first ([`Verdict::more`]), each once,
/// none repeating the first.
fn engine_more_of(tree: &Tree, verdict: &Verdict) -> Vec<Diagnostic> {
    let mut seen: Vec<(&str, Option<&str>)> = verdict
        .error
        .iter()
        .map(|e| (e.code, e.node_id.as_deref()))
        .collect();
    let mut out = Vec::new();
    for e in &verdict.more {
        let k = (e.code, e.node_id.as_deref());
        if !seen.contains(&k) {
            seen.push(k);
            out.push(placed(tree, e));
        }
    }
    out
}

/// Whether the engine's diagnostic `engine` stands for the rules' diagnostic `d`.
fn hidden_by(engine: &Diagnostic, d: &Diagnostic) -> bool {
    d.code == engine.code && d.node_id == engine.node_id
}

/// The validation in independent units, for the editor's incremental diagnostics: a unit's
/// diagnostics depend only on what its doc names, so after an edit only the units it touched
/// are recomputed. [`validate`] is the same units run in order.
pub(crate) mod unit {
    use super::*;

    /// Runs the checks `f` of a unit of `scope`. With debug assertions (tests, fuzzing), a
    /// diagnostic of a rule whose declared scope does not include the unit's is a bug: the
    /// editor would not rerun that rule when what it reads changes.
    fn run(
        tree: &Tree,
        options: &Options,
        scope: Scope,
        f: impl FnOnce(&mut ctx::Ctx<'_>),
    ) -> Vec<Diagnostic> {
        let mut cx = ctx::Ctx {
            tree,
            options,
            out: Vec::new(),
        };
        f(&mut cx);
        for d in &cx.out {
            debug_assert!(
                registry::lookup(d.code).is_some_and(|r| r.scope.includes(scope)),
                "{} raised by a {:?} unit, outside its declared scope",
                d.code,
                scope.names()
            );
        }
        cx.out
    }

    /// SCHEMA001 (the tree's sections).
    pub fn top(tree: &Tree, options: &Options) -> Vec<Diagnostic> {
        run(tree, options, Scope::TREE, schema::top)
    }

    /// Every node stored under `key` (an activity, a gateway, or an event with that id).
    pub fn node(tree: &Tree, options: &Options, key: &str) -> Vec<Diagnostic> {
        run(tree, options, Scope::NODE, |cx| {
            for n in tree.nodes_keyed(key) {
                node_rules(cx, &n);
            }
        })
    }

    /// The flow stored under `key`.
    pub fn flow(tree: &Tree, options: &Options, key: &str) -> Vec<Diagnostic> {
        run(tree, options, Scope::FLOW, |cx| {
            if let Some(f) = tree.flow(key) {
                flow_rules(cx, &f);
            }
        })
    }

    /// The variable stored under `key`: its fields (SCHEMA012/015, KEY001/002/004, NAME002,
    /// VAR004/005), the nodes its `source_info` names (TASK007, VAR003, PLUGIN005) and, with the
    /// reference index, whether anything uses it (VAR006).
    pub fn constant(
        tree: &Tree,
        options: &Options,
        key: &str,
        refs: Option<&crate::variables::index::RefIndex>,
    ) -> Vec<Diagnostic> {
        run(tree, options, Scope::VARIABLE, |cx| {
            if let Some(c) = tree.constant(key) {
                schema::constant(cx, &c);
                keys::constant(cx, &c);
                task::constant(cx, &c);
                vars::constant(cx, &c);
                plugin::constant(cx, &c);
                expr::constant(cx, &c);
                if let Some(refs) = refs {
                    vars::unused(cx, &c, |k| refs.used(k));
                }
            }
        })
    }

    /// The output keys (KEY003) and the variables' references to each other (CONST001/002):
    /// depends on `outputs` and on the variables' keys and values.
    pub fn variables(tree: &Tree, options: &Options) -> Vec<Diagnostic> {
        run(tree, options, Scope::VARIABLES, |cx| {
            keys::outputs(cx);
            keys::references(cx);
        })
    }

    /// Ids and reachability: depends on the whole graph. As a validation runs them, without
    /// the graph index or the kept walks (the editor's oracle compares with it).
    #[cfg(feature = "test-oracle")]
    pub fn graph(tree: &Tree, options: &Options) -> Vec<Diagnostic> {
        run(tree, options, Scope::GRAPH, graph_rules)
    }

    /// bamboo-engine's verdict, its diagnostic, and the further gateway and stream problems,
    /// as a validation gives them (the editor's oracle compares with it).
    #[cfg(feature = "test-oracle")]
    pub fn engine(
        tree: &Tree,
        options: &Options,
    ) -> (Verdict, Option<Diagnostic>, Vec<Diagnostic>) {
        judged(tree, engine::verdict(tree, &options.engine))
    }

    /// Ids and reachability (depends on the whole graph), for a tree whose graph index is kept
    /// in step, with what the canvas check's walks found last time ([`CanvasKept`]).
    pub fn graph_indexed(
        tree: &Tree,
        options: &Options,
        index: &crate::engine::GraphIndex,
        kept: &mut CanvasKept,
    ) -> Vec<Diagnostic> {
        run(tree, options, Scope::GRAPH, |cx| {
            connection::graph_indexed(cx, index);
            canvas::check_kept(cx, kept);
        })
    }

    /// Whether the tree has drawing data at all (else no WEB rule applies).
    pub fn drawn(tree: &Tree) -> bool {
        drawing::drawn(tree)
    }

    /// The `line` items with this id, at these positions (ascending).
    pub fn lines(tree: &Tree, options: &Options, positions: &[usize]) -> Vec<Diagnostic> {
        run(tree, options, Scope::DRAWING, |cx| {
            for (k, &p) in positions.iter().enumerate() {
                if let Some(l) = tree.line_at(p) {
                    drawing::line(cx, p, &l, k > 0);
                }
            }
        })
    }

    /// The `location` items with this id, at these positions (ascending).
    pub fn locations(tree: &Tree, options: &Options, positions: &[usize]) -> Vec<Diagnostic> {
        run(tree, options, Scope::DRAWING, |cx| {
            for (k, &p) in positions.iter().enumerate() {
                if let Some(l) = tree.location_at(p) {
                    drawing::location(cx, p, &l, k > 0);
                }
            }
        })
    }

    /// WEB001 for the flow `key`, given whether a line draws it.
    pub fn flow_drawn(tree: &Tree, options: &Options, key: &str, drawn: bool) -> Vec<Diagnostic> {
        run(tree, options, Scope::DRAWING, |cx| {
            if let Some(f) = tree.flow(key) {
                drawing::flow_drawn(cx, &f, drawn);
            }
        })
    }

    /// WEB004 for the nodes stored under `key`, given whether a location places them.
    pub fn node_placed(tree: &Tree, options: &Options, key: &str, placed: bool) -> Vec<Diagnostic> {
        run(tree, options, Scope::DRAWING, |cx| {
            for n in tree.nodes_keyed(key) {
                drawing::node_placed(cx, &n, placed);
            }
        })
    }

    /// bamboo-engine's verdict, its diagnostic, and the further gateway and stream problems,
    /// for a tree whose graph index is kept in step.
    pub fn engine_indexed(
        tree: &Tree,
        options: &Options,
        index: &crate::engine::GraphIndex,
    ) -> (Verdict, Option<Diagnostic>, Vec<Diagnostic>) {
        judged(tree, engine::verdict_indexed(tree, &options.engine, index))
    }

    /// The verdict with its diagnostic and the further gateway and stream problems.
    fn judged(tree: &Tree, verdict: Verdict) -> (Verdict, Option<Diagnostic>, Vec<Diagnostic>) {
        let d = engine_diagnostic_of(tree, &verdict);
        let more = engine_more_of(tree, &verdict);
        (verdict, d, more)
    }

    pub fn hidden_by(engine: &Diagnostic, d: &Diagnostic) -> bool {
        super::hidden_by(engine, d)
    }

    /// The variables the unit of the nodes stored under `key` looks up (VAR001, VAR002).
    pub fn node_reads(tree: &Tree, key: &str) -> Vec<String> {
        let mut out = Vec::new();
        for n in tree.nodes_keyed(key) {
            vars::node_reads(tree, &n, &mut out);
        }
        out
    }

    /// The variables the unit of the variable stored under `key` looks up by key (VAR001,
    /// VAR004).
    pub fn constant_reads(tree: &Tree, key: &str) -> Vec<String> {
        tree.constant(key)
            .map_or_else(Vec::new, |c| vars::constant_reads(&c))
    }
}

fn finish(mut diagnostics: Vec<Diagnostic>, engine: Verdict, format: TreeFormat) -> Report {
    diagnostics.retain(|d| d.severity != Severity::Off);
    let valid = crate::diagnostic::none_is_error(&diagnostics);
    Report {
        valid,
        diagnostics,
        engine,
        format,
    }
}

/// The diagnostic that carries the engine's refusal. It is always an error: a tree the engine
/// refuses cannot run, whatever the configuration says of the rule elsewhere. Its message and
/// message_zh say the same ([`EngineError::describe`]); the engine's own text is the verdict's.
fn engine_diagnostic(e: &EngineError, kind: Option<crate::model::NodeKind>) -> Diagnostic {
    debug_assert!(
        registry::lookup(e.code).is_some_and(|r| r.scope.includes(Scope::ENGINE)),
        "the engine raised {}, which is not declared with the engine's scope",
        e.code
    );
    let (message, message_zh) = e.describe(kind);
    Diagnostic {
        code: e.code,
        severity: Severity::Error,
        message,
        message_zh,
        node_id: e.node_id.clone(),
        flow_id: None,
        path: None,
    }
}
