//! The fixture format of the data-driven tests (docs/testing.md): one JSON object with
//!
//! * `options` (optional): the JSON options object the JS API takes for that kind (the core
//!   reads it: `rules::Options::from_json`, `edit::EditorOptions::read_json`,
//!   `layout::Params::from_json`); a member `{"$ref": "catalogue/templates.json"}` stands for
//!   the JSON of that file;
//! * the tree: `tree` (inline), or `base` (a tree file, relative to `tests/fixtures/`) with an
//!   optional `patch` (RFC 6902 operations, [`crate::patch`]) that makes the fixture's tree
//!   from it; neither when the fixture takes no tree;
//! * `ops` (optional): editor operations;
//! * the fields of its kind (a payload case's `api`, `input`, `expect`...), kept in `fields`.
//!
//! Paths (`base`, `$ref`) are relative to `tests/fixtures/` and are read through the caller's
//! `read`, so the browser tests can hand in files they include at compile time.

use std::path::Path;

use pipeline_tree::json::{self, Format, Limits, Object, Value};
use pipeline_tree::{ParseError, Tree};

/// One fixture, its tree built and its options' references read.
#[derive(Clone, Debug)]
pub struct Fixture {
    /// The file's name without `.json` (`GW004`).
    pub name: String,
    /// `options`, or an empty object.
    pub options: Object,
    /// `tree`, or `base` with `patch` applied; `None` when the fixture has neither.
    pub tree: Option<Value>,
    /// `ops`, when given.
    pub ops: Option<Vec<Value>>,
    /// The whole fixture object, for the fields of its kind.
    pub fields: Object,
}

/// The fields every fixture may have; the others belong to its kind.
pub const COMMON_FIELDS: [&str; 5] = ["options", "tree", "base", "patch", "ops"];

impl Fixture {
    /// Reads the fixture file at `path`; `base` and `$ref` paths are read under
    /// `tests/fixtures/`.
    pub fn read(path: impl AsRef<Path>) -> Result<Fixture, String> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        Fixture::parse(name, &text, &|rel: &str| {
            let file = crate::fixture(rel);
            std::fs::read_to_string(&file).map_err(|e| format!("{file}: {e}"))
        })
        .map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Reads a fixture from its text; `read` gives the text of a file under `tests/fixtures/`.
    pub fn parse(
        name: &str,
        text: &str,
        read: &dyn Fn(&str) -> Result<String, String>,
    ) -> Result<Fixture, String> {
        let fields = match json::parse(text, &Limits::default()).map_err(|e| e.to_string())? {
            Value::Object(o) => o,
            _ => return Err("a fixture is a JSON object".into()),
        };
        let given = |key: &str| fields.get(key).filter(|v| !v.is_null());
        let load = |rel: &str| -> Result<Value, String> {
            json::parse(&read(rel)?, &Limits::default()).map_err(|e| format!("{rel}: {e}"))
        };
        let mut options = match given("options") {
            None => Object::new(),
            Some(Value::Object(o)) => o.clone(),
            Some(_) => return Err("\"options\" must be an object".into()),
        };
        resolve_refs(&mut options, &load)?;
        let tree = match (given("tree"), given("base"), given("patch")) {
            (Some(_), Some(_), _) => return Err("give \"tree\" or \"base\", not both".into()),
            (_, None, Some(_)) => return Err("\"patch\" applies to a \"base\"".into()),
            (Some(t), None, None) => Some(t.clone()),
            (None, Some(base), patch) => {
                let rel = base.as_str().ok_or("\"base\" must be a path")?;
                let mut tree = load(rel)?;
                if let Some(patch) = patch {
                    crate::patch::apply(&mut tree, patch).map_err(|e| e.to_string())?;
                }
                Some(tree)
            }
            (None, None, None) => None,
        };
        let ops = match given("ops") {
            None => None,
            Some(Value::Array(a)) => Some(a.clone()),
            Some(_) => return Err("\"ops\" must be a list".into()),
        };
        Ok(Fixture {
            name: name.to_owned(),
            options,
            tree,
            ops,
            fields,
        })
    }

    /// The tree read by the model; `None` when the fixture has none.
    pub fn tree(&self) -> Option<Result<Tree, ParseError>> {
        self.tree.clone().map(Tree::from_value)
    }

    /// The tree as text in the default layout (4 spaces), as a caller would hand it in.
    pub fn tree_text(&self) -> Option<String> {
        self.tree
            .as_ref()
            .map(|t| json::to_string(t, &Format::default()))
    }

    /// `options` as JSON text.
    pub fn options_text(&self) -> String {
        json::to_string(&Value::Object(self.options.clone()), &Format::compact())
    }
}

/// Replaces every `{"$ref": PATH}` under `o` with the JSON of that file.
fn resolve_refs(
    o: &mut Object,
    load: &dyn Fn(&str) -> Result<Value, String>,
) -> Result<(), String> {
    for (_, v) in o.iter_mut() {
        resolve_value(v, load)?;
    }
    Ok(())
}

fn resolve_value(
    v: &mut Value,
    load: &dyn Fn(&str) -> Result<Value, String>,
) -> Result<(), String> {
    match v {
        Value::Object(o) if o.len() == 1 && o.contains_key("$ref") => {
            let rel = o
                .get("$ref")
                .and_then(Value::as_str)
                .ok_or("\"$ref\" must be a path")?;
            *v = load(rel)?;
        }
        Value::Object(o) => resolve_refs(o, load)?,
        Value::Array(a) => {
            for item in a {
                resolve_value(item, load)?;
            }
        }
        _ => {}
    }
    Ok(())
}
