//! What every rule family gets: the tree, the options, and a place to put diagnostics.

use super::{Options, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::json::Path;
use crate::model::{Node, Place, Tree};

pub(crate) struct Ctx<'t> {
    pub tree: &'t Tree,
    pub options: &'t Options,
    pub out: Vec<Diagnostic>,
}

/// Where a diagnostic points.
#[derive(Default)]
pub(crate) struct At<'a> {
    pub node: Option<&'a str>,
    pub flow: Option<&'a str>,
    pub path: Option<Path>,
}

impl<'a> At<'a> {
    pub fn node(n: &Node<'a>) -> At<'a> {
        At {
            node: Some(n.key()),
            flow: None,
            path: Some(node_path(n)),
        }
    }

    pub fn node_field(n: &Node<'a>, field: &str) -> At<'a> {
        At {
            node: Some(n.key()),
            flow: None,
            path: Some(node_path(n).key(field)),
        }
    }

    pub fn path(path: Path) -> At<'a> {
        At {
            path: Some(path),
            ..At::default()
        }
    }

    pub fn with_node(mut self, n: &'a str) -> At<'a> {
        self.node = Some(n);
        self
    }

    pub fn with_flow(mut self, f: &'a str) -> At<'a> {
        self.flow = Some(f);
        self
    }
}

pub(crate) fn node_path(n: &Node<'_>) -> Path {
    let root = Path::root();
    match n.place() {
        Place::StartEvent => root.key("start_event"),
        Place::EndEvent => root.key("end_event"),
        Place::Activities => root.key("activities").key(n.key()),
        Place::Gateways => root.key("gateways").key(n.key()),
    }
}

impl<'t> Ctx<'t> {
    /// Whether `rule` is on: a check skips the work of a rule that is off.
    pub fn on(&self, rule: &Rule) -> bool {
        self.options.on(rule)
    }

    /// Whether any of `rules` is on.
    pub fn any_on(&self, rules: &[&Rule]) -> bool {
        rules.iter().any(|r| self.options.on(r))
    }

    pub fn emit(&mut self, rule: &'static Rule, at: At<'_>, message: String, message_zh: String) {
        let code = rule.code;
        let severity = self.options.level(rule);
        if severity == Severity::Off {
            return;
        }
        self.out.push(Diagnostic {
            code,
            severity,
            message,
            message_zh,
            node_id: at.node.map(str::to_owned),
            flow_id: at.flow.map(str::to_owned),
            path: at.path,
        });
    }
}

/// Python's `^\w+$` as jsonschema applies it (`re.search`; `$` also matches before a final
/// newline): keys that do not match are not validated at all.
pub(crate) fn word_key(k: &str) -> bool {
    let k = k.strip_suffix('\n').unwrap_or(k);
    !k.is_empty() && k.chars().all(|c| c == '_' || c.is_alphanumeric())
}
