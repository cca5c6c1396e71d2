//! The rule registry: every validation rule as a value ([`Rule`]), one file per family named
//! by its code prefix, one line a rule. A check raises a rule by naming its value
//! (`cx.emit(&GW010, ...)`), so a code that is not declared here does not compile. [`RULES`]
//! lists them all, in the order of the documentation and of the JS API's `rules()`.
//!
//! Each rule: its code, the [`Scope`] it reads (the units of the editor's kept diagnostics that
//! may raise it: a unit raising a rule outside its scope fails a debug assertion, and every
//! rule fixture runs through the units), its severity under the presets template, task and
//! engine, and its one-line doc in English and Chinese.
//!
//! Adding a rule: declare it in its family's file (a new family gets a file and a line below),
//! list it in [`RULES`], raise it from its check, and give it a fixture (`build_rules.py`).

/// `CODE: SCOPE | SCOPE [reads SCOPE | SCOPE], [template, task, engine], "summary",
/// "summary_zh";` declares `pub static CODE: Rule`. `reads` names what the rule's result depends
/// on beyond what its own scopes' units read (FEGW001, raised by the graph unit, walks the lines).
macro_rules! rules {
    ($($code:ident: $($scope:ident)|+ $(reads $($read:ident)|+)?, [$t:ident, $k:ident, $e:ident], $en:literal, $zh:literal;)*) => {
        $(
            pub static $code: super::Rule = super::Rule {
                code: stringify!($code),
                scope: super::Scope::NONE $(.and(super::Scope::$scope))+,
                reads: super::Scope::NONE $($(.and(super::Scope::$read))+)?,
                levels: [$t, $k, $e],
                summary: $en,
                summary_zh: $zh,
            };
        )*
    };
}

pub mod conn;
pub mod const_;
pub mod cycle;
pub mod expr;
pub mod fegw;
pub mod gw;
pub mod key;
pub mod name;
pub mod node;
pub mod plugin;
pub mod schema;
pub mod stream;
pub mod sub;
pub mod task;
pub mod var;
pub mod web;

pub use conn::*;
pub use const_::*;
pub use cycle::*;
pub use expr::*;
pub use fegw::*;
pub use gw::*;
pub use key::*;
pub use name::*;
pub use node::*;
pub use plugin::*;
pub use schema::*;
pub use stream::*;
pub use sub::*;
pub use task::*;
pub use var::*;
pub use web::*;

use super::Preset;
use crate::diagnostic::Severity;
use crate::json::{Object, Value};
use crate::shape::{req, Shape, Ty, STR};

/// A part of a tree, and the units of the editor's kept diagnostics that check it. A rule's
/// `scope` is the units that may raise it; its `reads` is the parts its result depends on; an
/// edit is classified by the parts it changed (`edit::live::Dirty`), and [`Reruns`] says which
/// units that reruns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scope(u16);

impl Scope {
    /// Nothing (the start of a union).
    pub const NONE: Scope = Scope(0);
    /// The tree's top-level sections.
    pub const TREE: Scope = Scope(1);
    /// One node, the flows it lists and the targets of its outgoing flows.
    pub const NODE: Scope = Scope(1 << 1);
    /// One flow and its two ends.
    pub const FLOW: Scope = Scope(1 << 2);
    /// One variable (and the nodes its `source_info` names).
    pub const VARIABLE: Scope = Scope(1 << 3);
    /// The variables together: output keys, references between variables.
    pub const VARIABLES: Scope = Scope(1 << 4);
    /// The whole graph: ids, reachability, the canvas's save check.
    pub const GRAPH: Scope = Scope(1 << 5);
    /// One `line` or `location` item; whether a flow is drawn or a node placed.
    pub const DRAWING: Scope = Scope(1 << 6);
    /// bamboo-engine's verdict and the further gateway and stream problems.
    pub const ENGINE: Scope = Scope(1 << 7);
    /// Which nodes `line` connects: a line item added or removed, or its `source.id` or
    /// `target.id` changed. Not a unit: a change to it is also a `DRAWING` change, and
    /// moving a node or a line's arrow is a `DRAWING` change only.
    pub const LINES: Scope = Scope(1 << 8);
    /// What the drawing's unkeyed parts are: `line` or `location` as a whole, an item added
    /// or removed, an item's `id`, or any field of an item without a string id (the keyed
    /// `DRAWING` units do not see those). Not a unit: a change to it is also a `DRAWING`
    /// change.
    pub const UNKEYED: Scope = Scope(1 << 9);

    const NAMES: [(Scope, &'static str); 10] = [
        (Scope::TREE, "tree"),
        (Scope::NODE, "node"),
        (Scope::FLOW, "flow"),
        (Scope::VARIABLE, "variable"),
        (Scope::VARIABLES, "variables"),
        (Scope::GRAPH, "graph"),
        (Scope::DRAWING, "drawing"),
        (Scope::ENGINE, "engine"),
        (Scope::LINES, "lines"),
        (Scope::UNKEYED, "unkeyed"),
    ];

    /// Both scopes.
    pub const fn and(self, other: Scope) -> Scope {
        Scope(self.0 | other.0)
    }

    /// The position of a single scope's bit.
    const fn bit(self) -> usize {
        self.0.trailing_zeros() as usize
    }

    /// Whether the two scopes share a part.
    pub const fn intersects(self, other: Scope) -> bool {
        self.0 & other.0 != 0
    }

    /// Whether every part of `other` is part of this scope.
    pub const fn includes(self, other: Scope) -> bool {
        self.0 & other.0 == other.0
    }

    /// The names of the scopes included, in a fixed order.
    pub fn names(self) -> Vec<&'static str> {
        Scope::NAMES
            .iter()
            .filter(|(s, _)| self.includes(*s))
            .map(|(_, n)| *n)
            .collect()
    }
}

/// A validation rule.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    /// Stable; a removed rule's code is never reused.
    pub code: &'static str,
    /// The units that may raise it.
    pub scope: Scope,
    /// What its result depends on beyond the part of the unit that raises it: what its
    /// declaration names after `reads` (each unit of its scope reads it). An edit reruns a whole
    /// unit (tree, variables, graph, engine) only when it changed something that one of the
    /// unit's enabled rules reads.
    pub reads: Scope,
    /// Severity under `template`, `task` and `engine`.
    pub levels: [Severity; 3],
    pub summary: &'static str,
    pub summary_zh: &'static str,
}

/// Every rule, by family.
pub static RULES: &[&Rule] = &[
    &SCHEMA000, &SCHEMA001, &SCHEMA002, &SCHEMA003, &SCHEMA004, &SCHEMA005, &SCHEMA008, &SCHEMA010,
    &SCHEMA011, &SCHEMA012, &SCHEMA013, &SCHEMA014, &SCHEMA015, &KEY001, &KEY002, &KEY003, &KEY004,
    &CONST001, &CONST002, &CONN001, &CONN002, &CONN003, &CONN004, &CONN006, &CONN007, &CONN010,
    &CYCLE001, &GW001, &GW002, &GW003, &GW004, &GW005, &GW006, &GW007, &GW010, &GW011, &GW023,
    &GW019, &GW020, &GW021, &GW022, &GW024, &STREAM001, &STREAM002, &STREAM003, &FEGW001, &FEGW002,
    &STREAM006, &SUB006, &SUB008, &SUB001, &SUB002, &SUB003, &SUB004, &SUB005, &NODE001, &NODE003,
    &NODE004, &NODE005, &NODE013, &NODE014, &NAME001, &NAME002, &NODE009, &NODE012, &TASK003,
    &TASK007, &VAR001, &VAR002, &VAR003, &VAR004, &VAR005, &VAR006, &EXPR001, &EXPR002, &PLUGIN001,
    &PLUGIN002, &PLUGIN003, &PLUGIN004, &PLUGIN005, &WEB001, &WEB002, &WEB003, &WEB004, &WEB005,
    &WEB006, &WEB007, &WEB008, &WEB009,
];

const SEVERITY: Shape = Shape::inline(&[
    req("template", STR, ""),
    req("task", STR, ""),
    req("engine", STR, ""),
]);

/// The JSON form of a [`Rule`] (the JS API's `rules()`).
pub const RULE: Shape = Shape::new(
    "Rule",
    "A validation rule: its code, one-line doc in English and Chinese, severity per preset.",
    &[
        req("code", STR, ""),
        req("summary", STR, ""),
        req("summary_zh", STR, ""),
        req("severity", Ty::Obj(&SEVERITY), ""),
    ],
);

impl Rule {
    pub fn severity(&self, preset: Preset) -> Severity {
        self.levels[match preset {
            Preset::Template => 0,
            Preset::Task => 1,
            Preset::Engine => 2,
        }]
    }

    /// The code's prefix: `GW` for `GW004`.
    pub fn family(&self) -> &'static str {
        let end = self
            .code
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(self.code.len());
        &self.code[..end]
    }

    /// `{code, summary, summary_zh, severity: {template, task, engine}}` (the JS API's
    /// `rules()`).
    pub fn to_json(&self) -> Value {
        let mut o = Object::new();
        o.insert("code", Value::from(self.code));
        o.insert("summary", Value::from(self.summary));
        o.insert("summary_zh", Value::from(self.summary_zh));
        let mut sev = Object::new();
        for p in Preset::ALL {
            sev.insert(p.as_str(), Value::from(self.severity(p).as_str()));
        }
        o.insert("severity", Value::Object(sev));
        Value::Object(o)
    }
}

/// Which units an edit reruns under a set of options, from the enabled rules' declarations:
/// a unit whose rules are all off never runs (it has nothing to say), and a whole unit
/// (variables, graph, engine) reruns only when an edit changed a part that one of its enabled
/// rules reads. The engine's verdict is kept whatever the severities: it reads the graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reruns {
    /// The scopes with at least one enabled rule.
    pub active: Scope,
    /// Per single scope (by its bit), what its enabled rules read.
    reads: [Scope; 10],
}

impl Reruns {
    pub fn new(severity: impl Fn(&Rule) -> Severity) -> Reruns {
        let mut r = Reruns {
            active: Scope::NONE,
            reads: [Scope::NONE; 10],
        };
        for rule in RULES.iter().filter(|rule| severity(rule) != Severity::Off) {
            r.active = r.active.and(rule.scope);
            for (unit, _) in Scope::NAMES {
                if rule.scope.includes(unit) {
                    // A unit reads its own part and what the rule declares, not the parts of
                    // the other units that raise the same code (CONN002 from a node's unit
                    // reads the node; from the engine's, the graph). WEB009 from the tree
                    // unit reads the drawing's unkeyed parts, as it declares.
                    r.reads[unit.bit()] = r.reads[unit.bit()].and(rule.reads).and(unit);
                }
            }
        }
        let engine = Scope::ENGINE.bit();
        r.reads[engine] = r.reads[engine].and(Scope::GRAPH);
        r
    }

    /// What the enabled rules of `unit`'s scope read (`unit` is one scope).
    pub fn reads(&self, unit: Scope) -> Scope {
        self.reads[unit.bit()]
    }

    /// Whether a change to `changed` reruns `unit`.
    pub fn reruns(&self, unit: Scope, changed: Scope) -> bool {
        self.reads(unit).intersects(changed)
    }
}

/// The rule with this code.
pub fn lookup(code: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.code == code)
}
