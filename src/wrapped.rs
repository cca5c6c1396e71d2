//! Trees wrapped in something else: what people paste or open is not always a bare
//! `pipeline_tree`. This module finds the tree in
//!
//! * an API response, `{"result": true, "data": {"pipeline_tree": {...}}, ...}`
//!   (`data.pipeline_tree`, or `data` itself when it is a tree);
//! * a request body, `{"pipeline_tree": {...}, "name": ..., ...}`;
//! * a SOPS template export file (`exporter_version`, `pipeline_template_data.{refs,template}`,
//!   `template`): one of its templates' `tree`, chosen by id (the SOPS template id of the
//!   top-level `template` map, or the pipeline template id), or by name; the only one when it
//!   holds one;
//!
//! and in each of them a tree held as JSON text (a string holding the tree's JSON). It says
//! where it found the tree ([`Source`], English and Chinese), and writes the whole wrapper back
//! with the (edited) tree in place ([`Shell::write`]): the wrapper is kept as lossless JSON, so
//! when nothing changed the text comes back byte for byte (in a layout the writer writes, as for
//! a bare tree), and a tree held as text is written as text again, its own text kept as it was
//! when the tree did not change.
//!
//! A JSON object that is none of these and has none of a tree's sections is refused
//! (`not-a-tree`) with a message that says what it looks like; an export file with several
//! templates and no choice is `template-required`, a choice it does not hold
//! `unknown-template`, both listing the templates.

use crate::error::{ErrorCode, ParseError, Problem};
use crate::json::{self, Format, Limits, Object, Path, Seg, Value};
use crate::model::{self, Tree};
use crate::shape::{opt, req, Shape, Ty, BOOL, STR};

/// What held the tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wrapper {
    /// Nothing: the input is the tree.
    None,
    /// An API response (`result`, `data`, `code`, `message`).
    Response,
    /// A request body (`pipeline_tree` beside the request's other fields).
    Request,
    /// A SOPS template export file.
    Export,
}

/// The values of [`Wrapper::as_str`].
pub const WRAPPERS: &[&str] = &["none", "response", "request", "export"];

impl Wrapper {
    pub fn as_str(self) -> &'static str {
        match self {
            Wrapper::None => "none",
            Wrapper::Response => "response",
            Wrapper::Request => "request",
            Wrapper::Export => "export",
        }
    }
}

/// One template of a SOPS export file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    /// The SOPS template id (the key of the top-level `template` map whose
    /// `pipeline_template_id` is this template), or the pipeline template id when there is none.
    pub id: String,
    /// The pipeline template id: its key in `pipeline_template_data.template`.
    pub key: String,
    /// Its `name` ("" when it has none).
    pub name: String,
}

impl Template {
    /// `7 「循环样例」`.
    fn label(&self) -> String {
        format!("{} 「{}」", self.id, self.name)
    }

    /// `7 「循环样例」 (5d3262b7…)`, for lists.
    fn listed(&self) -> String {
        if self.id == self.key {
            self.label()
        } else {
            format!("{} ({})", self.label(), self.key)
        }
    }

    fn matches(&self, choice: &str) -> bool {
        self.id == choice || self.key == choice || self.name == choice
    }

    fn to_json(&self) -> Value {
        let mut o = Object::new();
        o.insert("id", Value::from(self.id.as_str()));
        o.insert("key", Value::from(self.key.as_str()));
        o.insert("name", Value::from(self.name.as_str()));
        Value::Object(o)
    }
}

/// Where the tree was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    pub wrapper: Wrapper,
    /// The keys from the root to the tree (or to the text holding it); empty for a bare tree.
    pub keys: Vec<String>,
    /// The tree is held as JSON text (a string).
    pub text: bool,
    /// The template chosen (export files).
    pub template: Option<Template>,
    /// Every template of an export file, in written order (empty for other wrappers).
    pub templates: Vec<Template>,
}

/// The JSON form of [`Template`].
pub const EXPORT_TEMPLATE: Shape = Shape::new(
    "ExportTemplate",
    "One template of a SOPS export file.",
    &[
        req(
            "id",
            STR,
            "The SOPS template id (the top-level `template` map's key), or the pipeline \
             template id when the file has no such entry.",
        ),
        req(
            "key",
            STR,
            "The pipeline template id: its key in `pipeline_template_data.template`.",
        ),
        req("name", STR, "Its name (\"\" when it has none)."),
    ],
);

/// The JSON form of [`Source`] (`findTree`, `Editor.source()`).
pub const TREE_SOURCE: Shape = Shape::new(
    "TreeSource",
    "Where the tree of an input was found.",
    &[
        req(
            "wrapper",
            Ty::Choice(WRAPPERS),
            "What held it: nothing, an API response, a request body, a SOPS export file.",
        ),
        req(
            "path",
            STR,
            "JSON path of the tree (or of the text holding it) in the input: `$` for a bare \
             tree, `$.data.pipeline_tree`...; of the templates \
             (`$.pipeline_template_data.template`) while none is chosen.",
        ),
        req("text", BOOL, "The tree is held as JSON text (a string)."),
        opt(
            "template",
            Ty::Ref("ExportTemplate"),
            "The template chosen (export files; absent while none is chosen).",
        ),
        req(
            "templates",
            Ty::Arr(&Ty::Ref("ExportTemplate")),
            "Every template of an export file, in written order (empty otherwise).",
        ),
        req("message", STR, "Where the tree was found, in words."),
        req("message_zh", STR, "The same in Chinese."),
    ],
);

impl Source {
    /// A bare tree's source.
    pub fn bare() -> Source {
        Source {
            wrapper: Wrapper::None,
            keys: Vec::new(),
            text: false,
            template: None,
            templates: Vec::new(),
        }
    }

    /// The JSON path of the tree (or of its text) in the input.
    pub fn path(&self) -> Path {
        Path::from(
            self.keys
                .iter()
                .map(|k| Seg::Key(k.clone()))
                .collect::<Vec<_>>(),
        )
    }

    /// `data.pipeline_tree`.
    fn dotted(&self) -> String {
        self.keys.join(".")
    }

    /// Where the tree was found, in English: "the tree of data.pipeline_tree of an API
    /// response", "template 7 「name」 of a SOPS export file".
    pub fn message(&self) -> String {
        let place = match (self.wrapper, &self.template) {
            (Wrapper::None, _) => return "the tree itself (no wrapper)".to_owned(),
            (Wrapper::Response, _) => format!("the tree of {} of an API response", self.dotted()),
            (Wrapper::Request, _) => format!("the tree of {} of a request body", self.dotted()),
            (Wrapper::Export, Some(t)) => format!("template {} of a SOPS export file", t.label()),
            (Wrapper::Export, None) => format!(
                "a SOPS export file with {} templates, none chosen",
                self.templates.len()
            ),
        };
        match self.text {
            true => format!("{place} (held as JSON text)"),
            false => place,
        }
    }

    /// The same in Chinese.
    pub fn message_zh(&self) -> String {
        let place = match (self.wrapper, &self.template) {
            (Wrapper::None, _) => return "流程树本身（没有外层包装）".to_owned(),
            (Wrapper::Response, _) => format!("API 响应中 {} 的流程树", self.dotted()),
            (Wrapper::Request, _) => format!("请求体中 {} 的流程树", self.dotted()),
            (Wrapper::Export, Some(t)) => format!("SOPS 导出文件中的模板 {}", t.label()),
            (Wrapper::Export, None) => format!(
                "包含 {} 个模板的 SOPS 导出文件，尚未选择模板",
                self.templates.len()
            ),
        };
        match self.text {
            true => format!("{place}（以 JSON 文本保存）"),
            false => place,
        }
    }

    /// `{wrapper, path, text, template?, templates, message, message_zh}` ([`TREE_SOURCE`]).
    pub fn to_json(&self) -> Value {
        let mut o = Object::new();
        o.insert("wrapper", Value::from(self.wrapper.as_str()));
        o.insert("path", Value::from(self.path().to_string()));
        o.insert("text", Value::Bool(self.text));
        if let Some(t) = &self.template {
            o.insert("template", t.to_json());
        }
        let list = self.templates.iter().map(Template::to_json).collect();
        o.insert("templates", Value::Array(list));
        o.insert("message", Value::from(self.message()));
        o.insert("message_zh", Value::from(self.message_zh()));
        Value::Object(o)
    }
}

/// The wrapper a tree was taken out of, to write it back around the tree.
#[derive(Clone, Debug, PartialEq)]
pub struct Shell {
    /// The wrapper as read, with `null` where the tree (or its text) was.
    root: Value,
    keys: Vec<String>,
    /// A tree held as text: the text as read and its layout.
    text: Option<(String, Format)>,
    /// The limits it was read with (to read the tree's own text again).
    limits: Limits,
}

impl Shell {
    /// The whole wrapper as text in `format`, `tree` in the tree's place (as JSON text when it
    /// was held as text: the text as read when the tree is unchanged, else the tree written
    /// in the text's own layout).
    pub fn write(&self, tree: &Tree, format: &Format) -> String {
        json::to_string(&self.value(tree), format)
    }

    /// The layout to write the tree alone in: its text's when it was held as text, else the
    /// wrapper's (`outer`).
    pub fn tree_format(&self, outer: &Format) -> Format {
        self.text.as_ref().map_or(*outer, |(_, f)| *f)
    }

    /// The whole wrapper as a value, `tree` in the tree's place.
    pub fn value(&self, tree: &Tree) -> Value {
        let slot = match &self.text {
            Some((original, layout)) => Value::from(self.tree_text(tree, original, layout)),
            None => Value::Object(tree.root().clone()),
        };
        let mut root = self.root.clone();
        if let Some(place) = slot_mut(&mut root, &self.keys) {
            *place = slot;
        }
        root
    }

    fn tree_text(&self, tree: &Tree, original: &str, layout: &Format) -> String {
        let written = tree.to_string(layout);
        if written == original {
            return written;
        }
        let same = match json::parse(original, &self.limits) {
            Ok(Value::Object(o)) => o == *tree.root(),
            _ => false,
        };
        match same {
            true => original.to_owned(),
            false => written,
        }
    }
}

/// A tree taken out of its input.
#[derive(Clone, Debug)]
pub struct Opened {
    pub tree: Tree,
    pub source: Source,
    /// The wrapper, `None` for a bare tree.
    pub shell: Option<Shell>,
}

impl Opened {
    /// The layout to write in, `outer` being the input text's: the wrapper's when it is kept,
    /// else the tree's own ([`Shell::tree_format`]).
    pub fn layout(&self, outer: &Format, keep: bool) -> Format {
        match (&self.shell, keep) {
            (Some(shell), false) => shell.tree_format(outer),
            _ => *outer,
        }
    }

    /// The tree alone (`strip`) or the whole wrapper around it (`keep`), written in `format`.
    pub fn write(&self, tree: &Tree, format: &Format, keep: bool) -> String {
        match (&self.shell, keep) {
            (Some(shell), true) => shell.write(tree, format),
            _ => tree.to_string(format),
        }
    }
}

/// Reads JSON text and takes the tree out of it; `choice` picks a template of an export file
/// (id, pipeline template id, or name).
pub fn open(text: &str, limits: &Limits, choice: Option<&str>) -> Result<Opened, ParseError> {
    let value = json::parse(text, limits)?;
    open_value(value, Some(text), limits, choice)
}

/// [`open`] on bytes that should be UTF-8 JSON.
pub fn open_bytes(
    bytes: &[u8],
    limits: &Limits,
    choice: Option<&str>,
) -> Result<Opened, ParseError> {
    let value = json::parse_bytes(bytes, limits)?;
    // parse_bytes succeeded, so the bytes are UTF-8.
    let text = std::str::from_utf8(bytes).unwrap_or_default();
    open_value(value, Some(text), limits, choice)
}

/// [`open`] on a value already read; `text` is the text it was read from, for the line and
/// column of problems.
pub fn open_value(
    value: Value,
    text: Option<&str>,
    limits: &Limits,
    choice: Option<&str>,
) -> Result<Opened, ParseError> {
    let place = |e: ParseError, path: &Path| match text {
        Some(t) => locate(e, t, path),
        None => e,
    };
    let source = match value.as_object() {
        Some(root) => select(root, choice)
            .map_err(|r| place(r.error(), &Path::root()))?
            .source(root),
        None => Source::bare(),
    };
    let path = source.path();
    take(value, source, limits).map_err(|e| place(e, &path))
}

/// Where the tree of a JSON text is, without reading the tree: an export file with several
/// templates and no choice gives a source without a template (its `templates` list them).
pub fn find(text: &str, limits: &Limits, choice: Option<&str>) -> Result<Source, ParseError> {
    let value = json::parse(text, limits)?;
    find_value(&value, choice).map_err(|e| locate(e, text, &Path::root()))
}

/// [`find`] on a value already read.
pub fn find_value(value: &Value, choice: Option<&str>) -> Result<Source, ParseError> {
    let Some(root) = value.as_object() else {
        return Err(model::not_an_object(value));
    };
    match select(root, choice) {
        Ok(s) => Ok(s.source(root)),
        Err(Refusal::Choose {
            templates,
            choice: None,
        }) if !templates.is_empty() => Ok(Source {
            wrapper: Wrapper::Export,
            keys: vec!["pipeline_template_data".to_owned(), "template".to_owned()],
            text: false,
            template: None,
            templates,
        }),
        Err(r) => Err(r.error()),
    }
}

/// Where a wrapper holds its tree.
struct Selection {
    wrapper: Wrapper,
    keys: Vec<String>,
    template: Option<Template>,
    templates: Vec<Template>,
}

impl Selection {
    fn source(self, root: &Object) -> Source {
        let text = matches!(slot(root, &self.keys), Some(Value::String(_)));
        Source {
            wrapper: self.wrapper,
            keys: self.keys,
            text,
            template: self.template,
            templates: self.templates,
        }
    }
}

/// Why a wrapper gives no tree.
enum Refusal {
    /// `not-a-tree` at this path, in English and Chinese.
    NotATree(Path, String, String),
    /// No template (or several) matches the choice.
    Choose {
        templates: Vec<Template>,
        choice: Option<String>,
    },
}

impl Refusal {
    fn error(self) -> ParseError {
        let (code, path, message, message_zh) = match self {
            Refusal::NotATree(path, en, zh) => (ErrorCode::NotATree, path, en, zh),
            Refusal::Choose { templates, choice } => choose(&templates, choice.as_deref()),
        };
        ParseError::new(
            Problem {
                code,
                message,
                message_zh: Some(message_zh),
                path,
                position: None,
            },
            Vec::new(),
        )
    }
}

/// The refusal of a missing, unknown or ambiguous choice, listing the templates.
fn choose(templates: &[Template], choice: Option<&str>) -> (ErrorCode, Path, String, String) {
    let list = templates
        .iter()
        .map(Template::listed)
        .collect::<Vec<_>>()
        .join(", ");
    let n = templates.len();
    let path = keys_path(&["pipeline_template_data".to_owned(), "template".to_owned()]);
    let matching = choice.map_or(0, |c| templates.iter().filter(|t| t.matches(c)).count());
    let (code, en, zh) = match choice {
        None => (
            ErrorCode::TemplateRequired,
            format!("a SOPS export file with {n} templates: choose one by id or name ({list})"),
            format!("SOPS 导出文件包含 {n} 个模板，请按 id 或名称选择一个（{list}）"),
        ),
        Some(c) if matching > 1 => (
            ErrorCode::TemplateRequired,
            format!("{matching} templates of the SOPS export file are named {c:?}: choose one by id ({list})"),
            format!("SOPS 导出文件中有 {matching} 个模板名为 {c:?}，请按 id 选择一个（{list}）"),
        ),
        Some(c) => (
            ErrorCode::UnknownTemplate,
            format!("the SOPS export file has no template {c:?}; it holds {n}: {list}"),
            format!("SOPS 导出文件中没有模板 {c:?}；它包含 {n} 个模板：{list}"),
        ),
    };
    (code, path, en, zh)
}

fn keys_path(keys: &[String]) -> Path {
    Path::from(keys.iter().map(|k| Seg::Key(k.clone())).collect::<Vec<_>>())
}

/// What an API response has (one of them makes an object a response).
const RESPONSE_KEYS: [&str; 5] = ["result", "data", "code", "message", "request_id"];

/// Where `root` holds its tree.
fn select(root: &Object, choice: Option<&str>) -> Result<Selection, Refusal> {
    let found = |wrapper, keys: &[&str]| Selection {
        wrapper,
        keys: keys.iter().map(|k| (*k).to_owned()).collect(),
        template: None,
        templates: Vec::new(),
    };
    if model::is_tree(root) {
        return Ok(found(Wrapper::None, &[]));
    }
    if root.contains_key("pipeline_template_data") || root.contains_key("exporter_version") {
        return export(root, choice);
    }
    if root.contains_key("pipeline_tree") {
        return Ok(found(Wrapper::Request, &["pipeline_tree"]));
    }
    let data = root.get("data").and_then(Value::as_object);
    if data.is_some_and(|d| d.contains_key("pipeline_tree")) {
        return Ok(found(Wrapper::Response, &["data", "pipeline_tree"]));
    }
    if data.is_some_and(model::is_tree) {
        return Ok(found(Wrapper::Response, &["data"]));
    }
    if RESPONSE_KEYS.iter().any(|k| root.contains_key(k)) {
        let path = match root.contains_key("data") {
            true => Path::root().key("data"),
            false => Path::root(),
        };
        return Err(Refusal::NotATree(
            path,
            "an API response without a pipeline_tree (no data.pipeline_tree)".to_owned(),
            "没有 pipeline_tree 的 API 响应（没有 data.pipeline_tree）".to_owned(),
        ));
    }
    let (en, zh) = model::NO_SECTIONS;
    Err(Refusal::NotATree(
        Path::root(),
        en.to_owned(),
        zh.to_owned(),
    ))
}

/// The templates of an export file, and the one chosen.
fn export(root: &Object, choice: Option<&str>) -> Result<Selection, Refusal> {
    let data = root
        .get("pipeline_template_data")
        .and_then(Value::as_object);
    let map = data
        .and_then(|d| d.get("template"))
        .and_then(Value::as_object)
        .filter(|m| m.values().any(|v| v.as_object().is_some()));
    let Some(map) = map else {
        let path = match data {
            Some(_) => Path::root().key("pipeline_template_data"),
            None => Path::root(),
        };
        return Err(Refusal::NotATree(
            path,
            "a SOPS export file without templates (no pipeline_template_data.template)".to_owned(),
            "没有模板的 SOPS 导出文件（没有 pipeline_template_data.template）".to_owned(),
        ));
    };
    let templates = templates(root, map);
    let chosen: Vec<&Template> = match choice {
        Some(c) => templates.iter().filter(|t| t.matches(c)).collect(),
        None => templates.iter().collect(),
    };
    let [one] = chosen[..] else {
        return Err(Refusal::Choose {
            templates,
            choice: choice.map(str::to_owned),
        });
    };
    let one = one.clone();
    let keys = ["pipeline_template_data", "template", &one.key, "tree"];
    Ok(Selection {
        wrapper: Wrapper::Export,
        keys: keys.iter().map(|k| (*k).to_owned()).collect(),
        template: Some(one),
        templates,
    })
}

/// The export's templates in written order, each with its SOPS id when the top-level
/// `template` map names it.
fn templates(root: &Object, map: &Object) -> Vec<Template> {
    let sops = root.get("template").and_then(Value::as_object);
    let sops_id = |key: &str| {
        sops.into_iter().flat_map(Object::iter).find_map(|(id, t)| {
            let names = |field| t.get(field).and_then(Value::as_str) == Some(key);
            (names("pipeline_template_id") || names("pipeline_template_str_id"))
                .then(|| id.to_owned())
        })
    };
    map.iter()
        .filter(|(_, v)| v.as_object().is_some())
        .map(|(key, v)| Template {
            id: sops_id(key).unwrap_or_else(|| key.to_owned()),
            key: key.to_owned(),
            name: v
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
        })
        .collect()
}

fn slot<'a>(root: &'a Object, keys: &[String]) -> Option<&'a Value> {
    let (first, rest) = keys.split_first()?;
    rest.iter()
        .try_fold(root.get(first)?, |v, k| v.as_object()?.get(k))
}

fn slot_mut<'a>(root: &'a mut Value, keys: &[String]) -> Option<&'a mut Value> {
    keys.iter()
        .try_fold(root, |v, k| v.as_object_mut()?.get_mut(k))
}

/// Takes the tree out of `value` at the source's place and reads it.
fn take(mut value: Value, source: Source, limits: &Limits) -> Result<Opened, ParseError> {
    if source.keys.is_empty() {
        let tree = Tree::from_value_with(value, limits)?;
        return Ok(Opened {
            tree,
            source,
            shell: None,
        });
    }
    let keys = source.keys.clone();
    let held =
        slot_mut(&mut value, &keys).map_or(Value::Null, |v| std::mem::replace(v, Value::Null));
    let path = source.path();
    let (tree, text) = match held {
        Value::String(s) => {
            let inner = json::parse(&s, limits).map_err(|e| unreadable_text(e, &source, &path))?;
            let tree = Tree::from_value_with(inner, limits).map_err(|e| inside(e, &path))?;
            let layout = Format::detect(&s);
            (tree, Some((s, layout)))
        }
        Value::Object(_) => {
            let tree = Tree::from_value_with(held, limits).map_err(|e| inside(e, &path))?;
            (tree, None)
        }
        other => return Err(not_held(&source, other.json_type().name())),
    };
    let shell = Shell {
        root: value,
        keys,
        text,
        limits: *limits,
    };
    Ok(Opened {
        tree,
        source,
        shell: Some(shell),
    })
}

/// A wrapper whose tree's place holds neither an object nor text.
fn not_held(source: &Source, found: &str) -> ParseError {
    let (en, zh) = (source.message(), source.message_zh());
    let problem = Problem {
        code: ErrorCode::NotATree,
        message: format!("{en} is {found}, not a tree (a JSON object or JSON text)"),
        message_zh: Some(format!(
            "{zh}是 {found}，不是流程树（JSON 对象或 JSON 文本）"
        )),
        path: source.path(),
        position: None,
    };
    ParseError::new(problem, Vec::new())
}

/// The JSON problem of a tree held as text, saying where the text is, in both languages.
fn unreadable_text(err: ParseError, source: &Source, path: &Path) -> ParseError {
    let p = err.first();
    let problem = Problem {
        message: format!("{} (in {})", p.message, source.message()),
        message_zh: Some(format!(
            "{}无法读取：{}",
            source.message_zh(),
            p.message_zh.as_deref().unwrap_or(&p.message)
        )),
        ..p.clone()
    };
    inside(ParseError::new(problem, Vec::new()), path)
}

/// The problems of the tree at `path` of a wrapper, with paths from the wrapper's root
/// (positions inside a tree held as text are dropped: they are given at the text).
fn inside(err: ParseError, path: &Path) -> ParseError {
    let problems = err
        .problems()
        .iter()
        .map(|p| {
            let mut full = path.clone();
            for seg in p.path.segments() {
                full.push(seg.clone());
            }
            Problem {
                path: full,
                position: None,
                ..p.clone()
            }
        })
        .collect();
    ParseError::from_problems(problems).unwrap_or(err)
}

/// Gives each problem its line and column in `text`; a problem inside a tree held as text is
/// placed at that text (`fallback`).
fn locate(err: ParseError, text: &str, fallback: &Path) -> ParseError {
    let located = model::locate(err, text);
    let missing: Vec<usize> = (located.problems().iter().enumerate())
        .filter(|(_, p)| p.position.is_none())
        .map(|(i, _)| i)
        .collect();
    if missing.is_empty() {
        return located;
    }
    let at = json::locate(text, &[fallback])[0].map(|o| json::Position::of(text, o));
    let problems = located
        .problems()
        .iter()
        .map(|p| Problem {
            position: p.position.or(at),
            ..p.clone()
        })
        .collect();
    ParseError::from_problems(problems).unwrap_or(located)
}
