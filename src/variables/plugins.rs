//! The plugin catalogue: each plugin's versions, with the inputs of its form (what a task
//! stores in `component.data`) and its outputs (what a variable may receive). The default is
//! SOPS's and BKFlow's built-in plugins (`plugins.json` beside this file, made by
//! `scripts/plugins.py` from the reference catalogue); a caller may give its own (the JS API's
//! `plugins` option, the command line's `--plugins FILE`), in the same shape:
//! `{"plugins": [{"code", "name", "group", "platform", "versions": {"1.0": {"inputs": [...],
//! "outputs": [...]}}}]}`.

use std::sync::{Arc, OnceLock};

use crate::json::{self, Object, Value};
use crate::shape::{opt, req, Shape, Ty, BOOL, STR};

/// The outputs every plugin has (bamboo-pipeline's `Service.default_outputs`).
pub const DEFAULT_OUTPUTS: &[&str] = &["_result", "_loop", "_inner_loop"];

/// Plugins whose outputs are not all in the catalogue: `job_execute_task` adds one per global
/// variable of the chosen job plan, `remote_plugin` the third-party plugin's (plugins.md §3).
pub const DYNAMIC_OUTPUTS: &[&str] = &["job_execute_task", "remote_plugin"];

/// One input of a plugin's form: a top-level tag, the key of `component.data`.
#[derive(Clone, Debug, PartialEq)]
pub struct Input {
    pub key: String,
    /// The form tag type: `input`, `textarea`, `select`, `radio`, `checkbox`, `int`, ...
    pub ty: String,
    pub name: String,
    pub required: bool,
    pub hookable: bool,
    /// What a new node stores.
    pub default: Value,
    /// The choices of a select, radio or checkbox (`{text, value}`).
    pub options: Vec<Value>,
    pub multiple: bool,
    /// A code editor's `need_render` default.
    pub variable_render: Option<bool>,
}

/// An input value that counts as left empty (a required input left so is PLUGIN003): null, a
/// blank string or an empty list.
pub fn is_empty_value(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

impl Input {
    /// `need_render` of a new node's data item: `false` only for a code editor that renders
    /// nothing by default.
    pub fn need_render(&self) -> bool {
        !(self.ty == "code_editor" && self.variable_render == Some(false))
    }
}

/// One output a node of the plugin can hand to a variable.
#[derive(Clone, Debug, PartialEq)]
pub struct Output {
    pub key: String,
    pub name: String,
    pub ty: String,
}

/// One version of a plugin.
#[derive(Clone, Debug, PartialEq)]
pub struct Version {
    pub version: String,
    pub is_default: bool,
    pub inputs: Vec<Input>,
    pub outputs: Vec<Output>,
}

impl Version {
    pub fn input(&self, key: &str) -> Option<&Input> {
        self.inputs.iter().find(|i| i.key == key)
    }

    pub fn output(&self, key: &str) -> Option<&Output> {
        self.outputs.iter().find(|o| o.key == key)
    }
}

/// A plugin and its versions, in the catalogue's order (SOPS's: `legacy` first, then ascending).
#[derive(Clone, Debug, PartialEq)]
pub struct Plugin {
    pub code: String,
    pub name: String,
    pub group: Option<String>,
    pub platform: String,
    pub versions: Vec<Version>,
}

impl Plugin {
    pub fn version(&self, v: &str) -> Option<&Version> {
        self.versions.iter().find(|x| x.version == v)
    }

    /// The version a new node gets: the one marked default, else the last (the node panel's
    /// choice; the palette's `localeCompare` pick, Q18, is not copied).
    pub fn default_version(&self) -> Option<&Version> {
        self.versions
            .iter()
            .find(|v| v.is_default)
            .or(self.versions.last())
    }
}

/// A plugin catalogue.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plugins {
    pub plugins: Vec<Plugin>,
}

impl Plugins {
    pub fn find(&self, code: &str) -> Option<&Plugin> {
        self.plugins.iter().find(|p| p.code == code)
    }

    /// The version `version` of plugin `code` (its default version when `version` is `None`).
    /// SOPS and BKFlow may both have a plugin of one code (`bk_display`: SOPS's `1.0`,
    /// BKFlow's `v1.0`): a version is looked for in each, a default in the first.
    pub fn version(&self, code: &str, version: Option<&str>) -> Option<&Version> {
        match version {
            Some(v) => self
                .plugins
                .iter()
                .filter(|p| p.code == code)
                .find_map(|p| p.version(v)),
            None => self.find(code)?.default_version(),
        }
    }

    /// Every version of plugin `code` the catalogue has, over its platforms, each once (SOPS
    /// and BKFlow may both have a version: `sleep_timer`'s `legacy`).
    pub fn versions_of(&self, code: &str) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for v in self
            .plugins
            .iter()
            .filter(|p| p.code == code)
            .flat_map(|p| p.versions.iter())
        {
            if !out.contains(&v.version.as_str()) {
                out.push(&v.version);
            }
        }
        out
    }

    /// The outputs a node of plugin `code` at `version` can hand to a variable, over the
    /// platforms that have that version (BKFlow's `bk_notify` v1.0 has `notify_result`,
    /// SOPS's not), each key once; `None` when the catalogue does not know the version. Every
    /// plugin also has [`DEFAULT_OUTPUTS`], listed or not, and some more than the catalogue
    /// lists ([`DYNAMIC_OUTPUTS`]).
    pub fn outputs(&self, code: &str, version: &str) -> Option<Vec<&Output>> {
        let mut out: Vec<&Output> = Vec::new();
        let mut known = false;
        for v in self
            .plugins
            .iter()
            .filter(|p| p.code == code)
            .filter_map(|p| p.version(version))
        {
            known = true;
            for o in &v.outputs {
                if !out.iter().any(|x| x.key == o.key) {
                    out.push(o);
                }
            }
        }
        known.then_some(out)
    }

    /// Whether a node of plugin `code` at `version` has output `key`: `None` when the
    /// catalogue cannot say (an unknown version, or an output it does not list of a plugin
    /// whose outputs are not all in it).
    pub fn has_output(&self, code: &str, version: &str, key: &str) -> Option<bool> {
        let outputs = self.outputs(code, version)?;
        if DEFAULT_OUTPUTS.contains(&key) || outputs.iter().any(|o| o.key == key) {
            Some(true)
        } else if DYNAMIC_OUTPUTS.contains(&code) {
            None
        } else {
            Some(false)
        }
    }

    /// SOPS's and BKFlow's built-in plugins (read once, shared).
    pub fn builtin() -> Arc<Plugins> {
        static BUILTIN: OnceLock<Arc<Plugins>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                let v = json::parse(include_str!("plugins.json"), &Default::default())
                    .expect("the built-in catalogue is JSON");
                Arc::new(Plugins::from_json(&v).expect("the built-in catalogue reads"))
            })
            .clone()
    }

    /// Reads a catalogue: `{"plugins": [...]}` or the list alone. Fields it does not know are
    /// ignored; a plugin without a code, or a version that is not an object, is an error.
    pub fn from_json(v: &Value) -> Result<Plugins, String> {
        let list = match v {
            Value::Array(a) => a.as_slice(),
            Value::Object(o) => o
                .get("plugins")
                .and_then(Value::as_array)
                .ok_or("a plugin catalogue is {\"plugins\": [...]} or a list of plugins")?,
            _ => return Err("a plugin catalogue is an object or a list".into()),
        };
        let mut plugins = Vec::with_capacity(list.len());
        for (i, p) in list.iter().enumerate() {
            let p = p
                .as_object()
                .ok_or_else(|| format!("plugins[{i}] is not an object"))?;
            let code = text(p, "code").ok_or_else(|| format!("plugins[{i}] has no code"))?;
            let mut versions = Vec::new();
            for (name, body) in p
                .get("versions")
                .and_then(Value::as_object)
                .into_iter()
                .flat_map(|o| o.iter())
            {
                let body = body
                    .as_object()
                    .ok_or_else(|| format!("plugin {code} version {name} is not an object"))?;
                versions.push(version(name, body));
            }
            plugins.push(Plugin {
                name: text(p, "name").unwrap_or_default(),
                group: text(p, "group"),
                platform: text(p, "platform").unwrap_or_default(),
                code,
                versions,
            });
        }
        Ok(Plugins { plugins })
    }
}

impl Plugins {
    /// The catalogue as the JS API's `Editor.plugins()` gives it: the reading shape, each field
    /// the editor uses (a `PluginCatalogue`).
    pub fn to_json(&self) -> Value {
        let plugins = self.plugins.iter().map(Plugin::to_json).collect();
        let mut o = Object::new();
        o.insert("plugins", Value::Array(plugins));
        Value::Object(o)
    }
}

impl Plugin {
    fn to_json(&self) -> Value {
        let mut o = Object::new();
        o.insert("code", Value::from(self.code.as_str()));
        o.insert("name", Value::from(self.name.as_str()));
        if let Some(g) = &self.group {
            o.insert("group", Value::from(g.as_str()));
        }
        o.insert("platform", Value::from(self.platform.as_str()));
        let mut versions = Object::new();
        for v in &self.versions {
            versions.insert(&v.version, v.to_json());
        }
        o.insert("versions", Value::Object(versions));
        Value::Object(o)
    }
}

impl Version {
    fn to_json(&self) -> Value {
        let mut o = Object::new();
        o.insert("is_default_version", Value::from(self.is_default));
        let inputs = self.inputs.iter().map(|i| {
            let mut x = Object::new();
            x.insert("key", Value::from(i.key.as_str()));
            x.insert("type", Value::from(i.ty.as_str()));
            x.insert("name", Value::from(i.name.as_str()));
            x.insert("required", Value::from(i.required));
            x.insert("hookable", Value::from(i.hookable));
            x.insert("default", i.default.clone());
            if !i.options.is_empty() {
                x.insert("options", Value::Array(i.options.clone()));
            }
            if i.multiple {
                x.insert("multiple", Value::from(true));
            }
            Value::Object(x)
        });
        o.insert("inputs", Value::Array(inputs.collect()));
        let outputs = self.outputs.iter().map(|p| {
            let mut x = Object::new();
            x.insert("key", Value::from(p.key.as_str()));
            x.insert("name", Value::from(p.name.as_str()));
            x.insert("type", Value::from(p.ty.as_str()));
            Value::Object(x)
        });
        o.insert("outputs", Value::Array(outputs.collect()));
        Value::Object(o)
    }
}

/// The JSON form of a catalogue in the JS API (`Editor.plugins()`).
pub const PLUGIN_CATALOGUE: Shape = Shape::new(
    "PluginCatalogue",
    "The plugin catalogue an Editor uses: each plugin's versions with their inputs and outputs.",
    &[req(
        "plugins",
        Ty::Arr(&Ty::Ref("PluginInfo")),
        "In the catalogue's order.",
    )],
);

/// One plugin of a catalogue.
pub const PLUGIN_INFO: Shape = Shape::new(
    "PluginInfo",
    "A plugin: its code, display name, group and versions.",
    &[
        req("code", STR, "`component.code`."),
        req("name", STR, ""),
        opt("group", STR, "The group the plugin list shows it in."),
        req(
            "platform",
            STR,
            "`sops` or `bkflow` (a code both have is listed twice).",
        ),
        req(
            "versions",
            Ty::Map(&Ty::Ref("PluginVersion")),
            "By version, in the catalogue's order.",
        ),
    ],
);

/// One version of a plugin.
pub const PLUGIN_VERSION: Shape = Shape::new(
    "PluginVersion",
    "A plugin version's form inputs and outputs.",
    &[
        req("is_default_version", BOOL, "The version a new task gets."),
        req("inputs", Ty::Arr(&Ty::Ref("PluginInput")), ""),
        req("outputs", Ty::Arr(&Ty::Ref("PluginOutput")), ""),
    ],
);

/// One input of a plugin version's form.
pub const PLUGIN_INPUT: Shape = Shape::new(
    "PluginInput",
    "An input of a plugin's form: a key of `component.data`.",
    &[
        req("key", STR, ""),
        req(
            "type",
            STR,
            "The form tag: `input`, `textarea`, `int`, `select`, `radio`, `checkbox`...",
        ),
        req("name", STR, ""),
        req("required", BOOL, ""),
        req("hookable", BOOL, "Whether it may be hooked to a variable."),
        req("default", Ty::Unknown, "What a new task stores."),
        opt(
            "options",
            Ty::Arr(&Ty::Unknown),
            "A choice's `{text, value}` items.",
        ),
        opt("multiple", BOOL, "A select of several values."),
    ],
);

/// One output of a plugin version.
pub const PLUGIN_OUTPUT: Shape = Shape::new(
    "PluginOutput",
    "An output of a plugin: what a variable may receive.",
    &[
        req("key", STR, ""),
        req("name", STR, ""),
        req("type", STR, ""),
    ],
);

fn text(o: &Object, key: &str) -> Option<String> {
    o.get(key).and_then(Value::as_str).map(str::to_owned)
}

fn flag(o: &Object, key: &str) -> Option<bool> {
    o.get(key).and_then(Value::as_bool)
}

fn version(name: &str, body: &Object) -> Version {
    let items = |key: &str| {
        body.get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_object)
    };
    Version {
        version: name.to_owned(),
        is_default: flag(body, "is_default_version") == Some(true),
        inputs: items("inputs")
            .filter_map(|i| {
                Some(Input {
                    key: text(i, "key")?,
                    ty: text(i, "type").unwrap_or_default(),
                    name: text(i, "name").unwrap_or_default(),
                    required: flag(i, "required") == Some(true),
                    hookable: flag(i, "hookable") != Some(false),
                    default: i.get("default").cloned().unwrap_or_else(|| Value::from("")),
                    options: i
                        .get("options")
                        .and_then(Value::as_array)
                        .map(<[Value]>::to_vec)
                        .unwrap_or_default(),
                    multiple: flag(i, "multiple") == Some(true),
                    variable_render: flag(i, "variable_render"),
                })
            })
            .collect(),
        outputs: items("outputs")
            .filter_map(|o| {
                Some(Output {
                    key: text(o, "key")?,
                    name: text(o, "name").unwrap_or_default(),
                    ty: text(o, "type").unwrap_or_default(),
                })
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_catalogue_reads() {
        let p = Plugins::builtin();
        assert_eq!(p.plugins.len(), 61);
        let versions: usize = p.plugins.iter().map(|p| p.versions.len()).sum();
        assert_eq!(versions, 113);
        let timer = p.version("sleep_timer", Some("legacy")).unwrap();
        assert!(timer.input("bk_timing").is_some());
        assert!(timer.output("_result").is_some());
        let wechat = p.find("wechat_work_send_message").unwrap();
        assert_eq!(wechat.default_version().unwrap().version, "1.0");
        // SOPS and BKFlow both have sleep_timer legacy: listed once
        assert_eq!(p.versions_of("sleep_timer"), ["legacy"]);
        // outputs over both platforms; the default ones always; job plans add outputs
        assert_eq!(
            p.has_output("bk_notify", "v1.0", "notify_result"),
            Some(true)
        );
        assert_eq!(p.has_output("bk_display", "v1.0", "_loop"), Some(true));
        assert_eq!(p.has_output("bk_display", "v1.0", "data"), Some(false));
        assert_eq!(p.has_output("bk_display", "v9", "data"), None);
        assert_eq!(p.has_output("job_execute_task", "1.0", "my_var"), None);
    }
}
