//! Diagnostics: what the validator says about a tree, one problem each.

use std::fmt;

use crate::json::{Object, Path, Value};
use crate::shape::{opt, req, Shape, Ty, STR};

/// The severities a diagnostic has (`off` rules do not run).
pub const REPORTED: &[&str] = &["warning", "error"];

/// The JSON form of a [`Diagnostic`].
pub const DIAGNOSTIC: Shape = Shape::new(
    "Diagnostic",
    "One problem.",
    &[
        req(
            "code",
            STR,
            "Stable rule code, e.g. \"GW004\"; `rules()` lists them.",
        ),
        req("severity", Ty::Choice(REPORTED), ""),
        req("message", STR, ""),
        req("message_zh", STR, ""),
        opt("node_id", STR, ""),
        opt("flow_id", STR, ""),
        opt("path", STR, "JSON path, e.g. `$.gateways.n1.conditions`."),
        opt(
            "fix",
            Ty::Obj(&Shape::inline(&[req(
                "op",
                Ty::Choice(&["repairDrawing"]),
                "",
            )])),
            "An editor operation that repairs it (`Editor.apply(fix)`), where there is one.",
        ),
    ],
);

/// How much a problem matters. `Off` rules do not run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Off,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Off => "off",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "off" => Some(Severity::Off),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// No diagnostic is an error: what `valid` means in every report.
pub fn none_is_error(diagnostics: &[Diagnostic]) -> bool {
    !diagnostics.iter().any(|d| d.severity == Severity::Error)
}

/// One problem found in a tree.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    /// Stable rule code, e.g. `GW004`.
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub message_zh: String,
    pub node_id: Option<String>,
    pub flow_id: Option<String>,
    /// Where in the tree (JSON path).
    pub path: Option<Path>,
}

impl Diagnostic {
    /// The editor operation that repairs what this diagnostic reports, where there is one
    /// (`repairDrawing` for the WEB rules: line and location out of step with the flows).
    pub fn fix(&self) -> Option<&'static str> {
        self.code.starts_with("WEB").then_some("repairDrawing")
    }

    pub fn to_json(&self) -> Value {
        let mut o = Object::new();
        o.insert("code", Value::from(self.code));
        o.insert("severity", Value::from(self.severity.as_str()));
        o.insert("message", Value::from(self.message.as_str()));
        o.insert("message_zh", Value::from(self.message_zh.as_str()));
        if let Some(n) = &self.node_id {
            o.insert("node_id", Value::from(n.as_str()));
        }
        if let Some(f) = &self.flow_id {
            o.insert("flow_id", Value::from(f.as_str()));
        }
        if let Some(p) = &self.path {
            o.insert("path", Value::from(p.to_string()));
        }
        if let Some(op) = self.fix() {
            let mut fix = Object::new();
            fix.insert("op", Value::from(op));
            o.insert("fix", Value::Object(fix));
        }
        Value::Object(o)
    }
}
