//! The validator's options: a preset, per-rule severities, the engine's options and a
//! template catalogue. Read and checked here once, for every caller: the JS API reads the
//! JSON form ([`Options::from_json`]), the command line sets one flag at a time through the
//! same setters, and the tests use both.

use std::collections::HashMap;
use std::sync::Arc;

use super::{registry, Catalogue};
use crate::diagnostic::Severity;
use crate::engine;
use crate::json::{Limits, Object, Value};
use crate::options::refuse;
pub use crate::options::OptionError;

/// A named set of severities.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    /// What SOPS / BKFlow check when a template is saved, plus the problems they let through
    /// that break the flow later (as warnings).
    Template,
    /// Creating a task: the template rules plus the checks that otherwise fail only when the
    /// task is created (TASK, WEB) as errors.
    Task,
    /// Only bamboo-engine's own checks.
    Engine,
}

impl Preset {
    pub fn parse(s: &str) -> Option<Preset> {
        match s {
            "template" | "save" => Some(Preset::Template),
            "task" | "create-task" => Some(Preset::Task),
            "engine" => Some(Preset::Engine),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Preset::Template => "template",
            Preset::Task => "task",
            Preset::Engine => "engine",
        }
    }

    pub const ALL: [Preset; 3] = [Preset::Template, Preset::Task, Preset::Engine];
}

/// Validation options.
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    pub preset: Preset,
    /// Per-rule severities over the preset's.
    pub severities: HashMap<String, Severity>,
    /// The engine's options (loops allowed or not...).
    pub engine: engine::Options,
    /// The templates SubProcess nodes may refer to (SUB001-005 run only with one).
    pub templates: Option<std::sync::Arc<Catalogue>>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            preset: Preset::Template,
            severities: HashMap::new(),
            engine: engine::Options::default(),
            templates: None,
        }
    }
}

impl Options {
    /// The severity a rule has under these options.
    pub fn severity(&self, code: &str) -> Severity {
        if let Some(s) = self.severities.get(code) {
            return *s;
        }
        registry::lookup(code).map_or(Severity::Error, |r| r.severity(self.preset))
    }
}

impl Options {
    /// The JSON form (the JS API's `validate` options): `preset` (`template`, `task`,
    /// `engine`), `cycles` (`allow`, `forbid`), `requireSubprocessPipeline` (boolean),
    /// `templates` (a catalogue, or its JSON text), `rules` (`{CODE: "off"|"warning"|"error"}`).
    /// Other keys are left to the caller (limits, for one); null counts as absent.
    pub fn from_json(o: &Object) -> Result<Options, OptionError> {
        let mut options = Options::default();
        let given = |key: &str| o.get(key).filter(|v| !v.is_null());
        if let Some(v) = given("preset") {
            options.set_preset(v.as_str().unwrap_or_default())?;
        }
        if let Some(v) = given("cycles") {
            options.set_cycles(v.as_str().unwrap_or_default())?;
        }
        if let Some(v) = given("requireSubprocessPipeline") {
            options.engine.require_subprocess_pipeline = v.as_bool().unwrap_or(false);
        }
        if let Some(v) = given("templates") {
            match v.as_str() {
                Some(text) => options.set_templates_text(text)?,
                None => options.set_templates(v)?,
            }
        }
        if let Some(v) = given("rules") {
            let entries = v
                .as_object()
                .ok_or_else(|| refuse("rules", "rules must be an object".into()))?;
            for (code, level) in entries.iter() {
                options.set_rule(code, level.as_str().unwrap_or_default())?;
            }
        }
        Ok(options)
    }

    /// `template` (or `save`), `task` (or `create-task`), `engine`.
    pub fn set_preset(&mut self, name: &str) -> Result<(), OptionError> {
        self.preset = Preset::parse(name).ok_or_else(|| {
            refuse(
                "preset",
                format!("preset must be template, task or engine, not {name:?}"),
            )
        })?;
        Ok(())
    }

    /// `allow` (SOPS) or `forbid` (bamboo-engine's own default).
    pub fn set_cycles(&mut self, value: &str) -> Result<(), OptionError> {
        self.engine.cycle_tolerate = match value {
            "allow" => true,
            "forbid" => false,
            _ => {
                return Err(refuse(
                    "cycles",
                    format!("cycles must be \"allow\" or \"forbid\", not {value:?}"),
                ))
            }
        };
        Ok(())
    }

    /// A known rule's severity: `off`, `warning` (or `warn`), `error`.
    pub fn set_rule(&mut self, code: &str, level: &str) -> Result<(), OptionError> {
        if registry::lookup(code).is_none() {
            return Err(refuse("rules", format!("unknown rule {code}")));
        }
        let level = Severity::parse(level).ok_or_else(|| {
            refuse(
                "rules",
                format!("rule {code}: level must be off, warning or error, not {level:?}"),
            )
        })?;
        self.severities.insert(code.to_owned(), level);
        Ok(())
    }

    /// The template catalogue (see [`Catalogue::from_json`]).
    pub fn set_templates(&mut self, catalogue: &Value) -> Result<(), OptionError> {
        let cat = Catalogue::from_json(catalogue)
            .map_err(|e| refuse("templates", format!("templates: {e}")))?;
        self.templates = Some(Arc::new(cat));
        Ok(())
    }

    /// The template catalogue as JSON text.
    pub fn set_templates_text(&mut self, text: &str) -> Result<(), OptionError> {
        let v = crate::json::parse(text, &Limits::default())
            .map_err(|e| refuse("templates", format!("templates: {e}")))?;
        self.set_templates(&v)
    }
}
