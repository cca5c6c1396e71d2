//! The validator's options: a preset, per-rule severities, the engine's options and a
//! template catalogue. Read and checked here once, for every caller: the JS API reads the
//! JSON form ([`Options::from_json`]), the command line sets one flag at a time through the
//! same setters, and the tests use both.

use crate::map::HashMap;
use std::sync::Arc;

use super::{registry, Catalogue, Rule};
use crate::diagnostic::Severity;
use crate::engine;
use crate::json::{Limits, Object, Value};
use crate::options::refuse;
pub use crate::options::OptionError;
use crate::shape::{one_of, opt, Given, Shape, Ty, BOOL};

/// The presets by name (also read: `save` for `template`, `create-task` for `task`).
const PRESETS: &[&str] = &["template", "task", "engine"];
const CYCLES: &[&str] = &["allow", "forbid"];
/// A rule's severity in `rules` (also read: `warn`).
const LEVELS: &[&str] = &["off", "warning", "error"];

/// The JSON form of [`Options`] (the JS API's `validate` options), over the reading limits.
pub const VALIDATE_OPTIONS: Shape = Shape::new(
    "ValidateOptions",
    "What `validate` checks and how strictly.",
    &[
        opt(
            "preset",
            Ty::Choice(PRESETS),
            "\"template\": save-time rules; \"task\": adds task-creation rules as errors; \
             \"engine\": only bamboo-engine's checks.",
        )
        .default("\"template\""),
        opt(
            "cycles",
            Ty::Choice(CYCLES),
            "Loops allowed (SOPS) or forbidden (bamboo-engine's own default).",
        )
        .default("\"allow\""),
        opt(
            "rules",
            Ty::Map(&Ty::Choice(LEVELS)),
            "Per-rule severity over the preset's, e.g. `{ WEB001: \"off\", GW010: \"error\" }`.",
        ),
        opt(
            "requireSubprocessPipeline",
            BOOL,
            "A SubProcess must embed its `pipeline`, as bamboo-engine's recursion needs.",
        ),
        opt(
            "templates",
            Ty::Or(&[Ty::Ref("TemplateCatalogue"), Ty::Str]),
            "The templates SubProcess nodes may use, or their JSON text; SUB001-005 check \
             against it (silent without).",
        ),
        opt(
            "plugins",
            Ty::Or(&[Ty::Object, Ty::Str]),
            "The plugin catalogue (`{plugins: [...]}` or its JSON text) PLUGIN001-004 check \
             tasks against (default: SOPS's and BKFlow's built-in plugins).",
        ),
        opt(
            "writeConverge",
            BOOL,
            "Also return the tree with the `converge_gateway_id`s the engine writes, as `tree`.",
        ),
    ],
)
.extends(&["ParseOptions"]);

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
    /// The plugin catalogue tasks are checked against (PLUGIN001-004); `None`: the built-in one.
    pub plugins: Option<std::sync::Arc<crate::variables::plugins::Plugins>>,
    /// The result also carries the tree with the `converge_gateway_id`s the engine writes
    /// (`writeConverge`; the JS API's `validate`).
    pub write_converge: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            preset: Preset::Template,
            severities: HashMap::new(),
            engine: engine::Options::default(),
            templates: None,
            plugins: None,
            write_converge: false,
        }
    }
}

impl Options {
    /// The plugin catalogue tasks are checked against.
    pub fn plugins(&self) -> Arc<crate::variables::plugins::Plugins> {
        self.plugins
            .clone()
            .unwrap_or_else(crate::variables::plugins::Plugins::builtin)
    }

    /// The severity a rule has under these options.
    pub fn severity(&self, code: &str) -> Severity {
        if let Some(s) = self.severities.get(code) {
            return *s;
        }
        registry::lookup(code).map_or(Severity::Error, |r| r.severity(self.preset))
    }

    /// The severity of `rule` under these options (no search of the registry).
    pub fn level(&self, rule: &Rule) -> Severity {
        match self.severities.get(rule.code) {
            Some(s) => *s,
            None => rule.severity(self.preset),
        }
    }

    /// Whether `rule` is on (its severity is not off): a check whose rules are all off is
    /// not run at all.
    pub fn on(&self, rule: &Rule) -> bool {
        self.level(rule) != Severity::Off
    }
}

impl Options {
    /// The JSON form ([`VALIDATE_OPTIONS`], the JS API's `validate` options): `preset`,
    /// `cycles`, `requireSubprocessPipeline`, `templates` (a catalogue, or its JSON text),
    /// `rules` (`{CODE: "off"|"warning"|"error"}`), `writeConverge`. Other keys are left to the
    /// caller (limits, for one); null counts as absent.
    pub fn from_json(o: &Object) -> Result<Options, OptionError> {
        let mut options = Options::default();
        let given = Given::new(o, &VALIDATE_OPTIONS);
        if let Some(v) = given.get("preset") {
            options.set_preset(v.as_str().unwrap_or_default())?;
        }
        if let Some(v) = given.get("cycles") {
            options.set_cycles(v.as_str().unwrap_or_default())?;
        }
        if let Some(v) = given.get("requireSubprocessPipeline") {
            options.engine.require_subprocess_pipeline = v.as_bool().unwrap_or(false);
        }
        if let Some(v) = given.get("templates") {
            match v.as_str() {
                Some(text) => options.set_templates_text(text)?,
                None => options.set_templates(v)?,
            }
        }
        if let Some(v) = given.get("plugins") {
            let p = crate::edit::read_plugins(v)
                .map_err(|e| refuse("plugins", format!("plugins: {e}")))?;
            options.plugins = Some(Arc::new(p));
        }
        if let Some(v) = given.get("rules") {
            let entries = v
                .as_object()
                .ok_or_else(|| refuse("rules", "rules must be an object".into()))?;
            for (code, level) in entries.iter() {
                options.set_rule(code, level.as_str().unwrap_or_default())?;
            }
        }
        options.write_converge = given.get("writeConverge").and_then(Value::as_bool) == Some(true);
        Ok(options)
    }

    /// `template` (or `save`), `task` (or `create-task`), `engine`.
    pub fn set_preset(&mut self, name: &str) -> Result<(), OptionError> {
        self.preset = Preset::parse(name).ok_or_else(|| {
            refuse(
                "preset",
                format!("preset must be {}, not {name:?}", one_of(PRESETS, false)),
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
                    format!("cycles must be {}, not {value:?}", one_of(CYCLES, true)),
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
                format!(
                    "rule {code}: level must be {}, not {level:?}",
                    one_of(LEVELS, false)
                ),
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
