//! The library's calls as JSON in, JSON out: what each function and `Editor` method of the
//! JavaScript package does, with its options read and checked here, in the order the package
//! documents. The wasm bindings (`crates/wasm`) only turn JavaScript values into these
//! arguments (text, bytes, JSON) and the results and [`Error`]s back; the declarations of the
//! package are rendered from the same types ([`declarations`]). Results are checked against
//! their declared shapes in debug builds.

pub mod declarations;

use std::cell::Cell;

use crate::edit::{self, Document, EditError, EditorOptions, KeptDiagnostics, Op};
use crate::engine::{self, start, start::StartError};
use crate::error::ParseError;
use crate::json::{self, Format, Limits, Object, Value};
use crate::layout::{self, LayoutError, Params};
use crate::model::Tree;
use crate::options::{self as opts, OptionError};
use crate::payload::{self, Api, ResponseError, ResponseKind};
use crate::rules;
use crate::shape::Given;
use crate::wrapped::{self, Opened, Shell, Source};

/// A tree as a call receives it.
#[derive(Clone, Debug)]
pub enum Input {
    /// JSON text; its layout is kept where the call writes text back.
    Text(String),
    /// UTF-8 bytes of JSON text.
    Bytes(Vec<u8>),
    /// A value written as JSON by the caller (an object of the host language): no layout.
    Object(String),
}

/// Why a call refused: one kind per error class of the package.
#[derive(Clone, Debug, PartialEq)]
pub enum Error {
    /// The input is not a tree (`ParseError`).
    Parse(ParseError),
    /// An argument or option of the wrong kind or value (`OptionsError`, `invalid-argument`).
    Options(String),
    /// An editing operation refused (`EditError`).
    Edit(EditError),
    /// No task can start from the node asked for (`StartError`).
    Start(StartError),
    /// A response body that does not read (`ResponseError`).
    Response(ResponseError),
}

impl Error {
    /// The name of the error class.
    pub fn class(&self) -> &'static str {
        match self {
            Error::Parse(_) => "ParseError",
            Error::Options(_) => "OptionsError",
            Error::Edit(_) => "EditError",
            Error::Start(_) => "StartError",
            Error::Response(_) => "ResponseError",
        }
    }

    /// The stable `code`.
    pub fn code(&self) -> &str {
        match self {
            Error::Parse(e) => e.code().as_str(),
            Error::Options(_) => "invalid-argument",
            Error::Edit(e) => &e.code,
            Error::Start(e) => e.code(),
            Error::Response(e) => e.code,
        }
    }

    pub fn message(&self) -> String {
        match self {
            Error::Parse(e) => e.to_string(),
            Error::Options(m) => m.clone(),
            Error::Edit(e) => e.to_string(),
            Error::Start(e) => e.to_string(),
            Error::Response(e) => e.to_string(),
        }
    }

    /// The fields the error carries besides `message` and `code`: a `ParseError`'s place and
    /// problems, an `EditError`'s `message_zh`, a `ResponseError`'s `path`.
    pub fn fields(&self) -> Object {
        match self {
            Error::Parse(e) => e.fields(),
            Error::Edit(e) => {
                let mut o = Object::new();
                o.insert("message_zh", Value::from(e.message_zh.as_str()));
                o
            }
            Error::Response(e) => {
                let mut o = Object::new();
                o.insert("path", Value::from(e.path.to_string()));
                o
            }
            _ => Object::new(),
        }
    }
}

impl From<ParseError> for Error {
    fn from(e: ParseError) -> Error {
        Error::Parse(e)
    }
}

impl From<OptionError> for Error {
    fn from(e: OptionError) -> Error {
        Error::Options(e.message)
    }
}

impl From<LayoutError> for Error {
    fn from(e: LayoutError) -> Error {
        Error::Options(e.message)
    }
}

impl From<EditError> for Error {
    fn from(e: EditError) -> Error {
        Error::Edit(e)
    }
}

impl From<StartError> for Error {
    fn from(e: StartError) -> Error {
        Error::Start(e)
    }
}

impl From<ResponseError> for Error {
    fn from(e: ResponseError) -> Error {
        Error::Response(e)
    }
}

/// An `OptionsError` with this message.
pub fn refuse(message: impl Into<String>) -> Error {
    Error::Options(message.into())
}

thread_local! {
    /// The limits in force when a call's options give none (`setLimits`).
    static LIMITS: Cell<Limits> = Cell::new(Limits::default());
}

/// The limits in force (the defaults, or what [`set_limits`] set).
pub fn limits() -> Limits {
    LIMITS.with(Cell::get)
}

/// Sets the limits every later call reads its input with (a call's own options still win);
/// returns the limits now in force. `given` is the argument when it is an object; unknown
/// names and values that are not whole numbers from 1 up are refused, and nothing changes.
pub fn set_limits(given: Option<&Value>) -> Result<Value, Error> {
    let Some(Value::Object(o)) = given else {
        return Err(refuse(
            "setLimits expects an object such as { maxNodes: 50000 }",
        ));
    };
    let mut l = limits();
    l.set_json(o)?;
    LIMITS.with(|c| c.set(l));
    Ok(get_limits())
}

/// `getLimits()`.
pub fn get_limits() -> Value {
    checked(limits().to_json(), "Limits")
}

/// Reads an argument the caller wrote as JSON text: options with the default limits (they are
/// small, and the limits in force may be set low), operations and request fields with the
/// limits in force.
pub fn json_argument(text: &str, options: bool) -> Result<Value, Error> {
    let limits = if options { Limits::default() } else { limits() };
    Ok(json::parse(text, &limits)?)
}

/// A call's options: an object, or nothing (any other value counts as none).
fn object(options: &Value) -> Object {
    options.as_object().cloned().unwrap_or_default()
}

/// The limits in force, with those a call's options name instead.
fn limits_with(options: &Object) -> Limits {
    let mut l = limits();
    l.read_json(options);
    l
}

/// Reads a tree, bare or wrapped (`crate::wrapped`: the options' `template` chooses in an
/// export file), with the limits in force and the options' own; also gives the text it came
/// from, when it came as text.
fn open<'a>(input: &'a Input, options: &Object) -> Result<(Opened, Option<&'a str>), Error> {
    let limits = limits_with(options);
    let choice = opts::template_choice(options)?;
    let choice = choice.as_deref();
    Ok(match input {
        Input::Text(t) => (wrapped::open(t, &limits, choice)?, Some(t)),
        Input::Bytes(b) => (
            wrapped::open_bytes(b, &limits, choice)?,
            std::str::from_utf8(b).ok(),
        ),
        Input::Object(t) => (wrapped::open(t, &limits, choice)?, None),
    })
}

/// [`open`], the tree alone.
fn read<'a>(input: &'a Input, options: &Object) -> Result<(Tree, Option<&'a str>), Error> {
    let (opened, text) = open(input, options)?;
    Ok((opened.tree, text))
}

/// `findTree(input, options?)`: where the input holds its tree, without reading the tree; an
/// export file with several templates and no `template` gives their list, none chosen.
pub fn find_tree(input: &Input, options: &Value) -> Result<Value, Error> {
    let options = object(options);
    let limits = limits_with(&options);
    let choice = opts::template_choice(&options)?;
    let source = match input {
        Input::Text(t) | Input::Object(t) => wrapped::find(t, &limits, choice.as_deref())?,
        Input::Bytes(b) => {
            let value = json::parse_bytes(b, &limits)?;
            wrapped::find_value(&value, choice.as_deref())?
        }
    };
    Ok(checked(source.to_json(), "TreeSource"))
}

/// A tree read with the limits in force (the calls without options).
pub fn read_tree(input: &Input) -> Result<Tree, Error> {
    Ok(read(input, &Object::new())?.0)
}

/// In debug builds, a result must have the shape its declaration gives.
fn checked(v: Value, declared: &str) -> Value {
    #[cfg(debug_assertions)]
    if let Err(e) = crate::shape::conforms_to(&v, declared) {
        panic!("a result is not a {declared}: {e}");
    }
    let _ = declared;
    v
}

/// `parse(input, options?)`: the tree as a plain value.
pub fn parse(input: &Input, options: &Value) -> Result<Value, Error> {
    let (tree, _) = read(input, &object(options))?;
    Ok(tree.into_value())
}

/// `format(input, options?)`: the tree as text (or the whole wrapper around it, `wrapper:
/// "keep"`), in the input's own layout unless the options say otherwise.
pub fn format(input: &Input, options: &Value) -> Result<String, Error> {
    let options = object(options);
    let keep = opts::keep_wrapper(&options, &opts::FORMAT_OPTIONS)?;
    let (opened, text) = open(input, &options)?;
    let outer = text.map_or_else(Format::default, Format::detect);
    let mut format = opened.layout(&outer, keep);
    format.read_json(&options)?;
    Ok(opened.write(&opened.tree, &format, keep))
}

/// `validate(tree, options?)`: the report, with the tree as the engine writes it when asked.
pub fn validate(input: &Input, options: &Value) -> Result<Value, Error> {
    let options = object(options);
    let opts = rules::Options::from_json(&options)?;
    let (tree, _) = read(input, &options)?;
    let report = rules::validate(&tree, &opts);
    let mut v = report.to_json();
    if opts.write_converge {
        let written = engine::write_converge(&tree, &report.engine);
        if let Value::Object(o) = &mut v {
            o.insert("tree", written.into_value());
        }
    }
    Ok(checked(v, "Report"))
}

/// `layout(tree, options?)`: `{tree, location, line, routes}`.
pub fn layout(input: &Input, options: &Value) -> Result<Value, Error> {
    let options = object(options);
    let params = Params::from_json(&options)?;
    let (tree, _) = read(input, &options)?;
    Ok(checked(layout::laid_out(tree, &params)?, "LayoutResult"))
}

fn strings(v: Vec<String>) -> Value {
    Value::Array(v.into_iter().map(Value::from).collect())
}

/// `allowedStartNodes(tree, options?)`.
pub fn allowed_start_nodes(input: &Input, options: &Value) -> Result<Value, Error> {
    let options = object(options);
    let opts = rules::Options::from_json(&options)?;
    let (tree, _) = read(input, &options)?;
    Ok(strings(start::allowed_start_nodes(&tree, &opts.engine)?))
}

/// `skippedNodes(tree, startNodeId, options?)`.
pub fn skipped_nodes(input: &Input, start_node: &str, options: &Value) -> Result<Value, Error> {
    let options = object(options);
    let opts = rules::Options::from_json(&options)?;
    let (tree, _) = read(input, &options)?;
    Ok(strings(start::skipped_nodes(
        &tree,
        start_node,
        &opts.engine,
    )?))
}

/// `canConnect(tree, source, target)`: `null`, or the refusal.
pub fn can_connect(input: &Input, source: &str, target: &str) -> Result<Value, Error> {
    Ok(refusal(&read_tree(input)?, source, target))
}

fn refusal(tree: &Tree, source: &str, target: &str) -> Value {
    match rules::can_connect(tree, source, target) {
        Ok(()) => Value::Null,
        Err(r) => checked(r.to_json(), "Refusal"),
    }
}

/// `rules()`: every validation rule.
pub fn rules() -> Value {
    let list = rules::RULES.iter().map(|r| checked(r.to_json(), "Rule"));
    Value::Array(list.collect())
}

/// `payloadRules()`: every payload rule.
pub fn payload_rules() -> Value {
    let list = payload::RULES
        .iter()
        .map(|r| checked(r.to_json(), "PayloadRule"));
    Value::Array(list.collect())
}

/// `buildCreateTaskPayload`, `buildMockTaskPayload`, `buildClockedTaskPayload`: `input` is the
/// request fields when they came as an object (read with [`json_argument`]); `now_ms` the
/// current time, for a clocked task's `now` when the input gives none.
pub fn build_payload(
    api: Api,
    tree: Option<&Input>,
    input: Option<Value>,
    now_ms: i64,
) -> Result<Value, Error> {
    let Some(Value::Object(mut input)) = input else {
        return Err(refuse("the input must be an object of request fields"));
    };
    let tree = tree.map(read_tree).transpose()?;
    if api == Api::ClockedTask && !input.contains_key("now") {
        input.insert("now", Value::from(now_ms));
    }
    let built = api
        .build(tree.as_ref(), &input)
        .ok_or_else(|| refuse("this payload needs the tree"))?;
    let v = built.to_json();
    #[cfg(debug_assertions)]
    check_payload(&v, api);
    Ok(v)
}

/// A builder's result: the report's fields, and the body of its API when valid.
#[cfg(debug_assertions)]
fn check_payload(v: &Value, api: Api) {
    let mut o = v.as_object().cloned().unwrap_or_default();
    let body = o.remove("body").unwrap_or(Value::Null);
    checked(Value::Object(o), "PayloadReport");
    if v.as_object().and_then(|o| o.get("valid")) == Some(&Value::Bool(true)) {
        let name = match api {
            Api::CreateTask => "CreateTaskBody",
            Api::MockTask => "MockTaskBody",
            Api::ClockedTask => "ClockedTaskBody",
        };
        checked(body, name);
    }
}

/// `excludeNodes(tree, ids)`: `ids` when the argument was a list (read with
/// [`json_argument`]).
pub fn exclude_nodes(tree: &Tree, ids: Option<&Value>) -> Result<Value, Error> {
    let not_ids = || refuse("ids must be an array of node ids");
    let Some(Value::Array(items)) = ids else {
        return Err(not_ids());
    };
    let ids: Vec<String> = items
        .iter()
        .map(|v| v.as_str().map(str::to_owned).ok_or_else(not_ids))
        .collect::<Result<_, _>>()?;
    Ok(checked(payload::exclude(tree, &ids).to_json(), "Exclusion"))
}

/// The `kind` of `parseResponse`.
pub fn response_kind(kind: &str) -> Result<ResponseKind, Error> {
    ResponseKind::parse(kind).ok_or_else(|| {
        refuse(format!(
            "kind must be task, mock-task or clocked-task, not {kind:?}"
        ))
    })
}

/// `parseResponse(kind, body)`: `body` is the text, or the object written as JSON; `None`
/// for a value of another kind.
pub fn parse_response(kind: ResponseKind, body: Option<&str>) -> Result<Value, Error> {
    let text = body.ok_or_else(|| refuse("the body must be text or an object"))?;
    let r = payload::parse_response(kind, text)?;
    Ok(checked(r.to_json(), "ParsedResponse"))
}

/// A tree being edited (the package's `Editor`), with the wrapper it was read out of.
pub struct Editor {
    doc: Document,
    source: Source,
    /// The wrapper, and the layout of the text it came in.
    shell: Option<(Shell, Format)>,
}

impl Editor {
    /// `new Editor(tree?, options?)`: SOPS's new template without a tree. `seed` is the id
    /// generator's seed when the options give none.
    pub fn open(tree: Option<&Input>, options: &Value, seed: u64) -> Result<Editor, Error> {
        let given = object(options);
        let mut opts = EditorOptions {
            seed,
            ..Default::default()
        };
        opts.read_json(&given);
        if let Some(Err(e)) = Given::new(&given, &edit::EDITOR_OPTIONS)
            .raw("plugins")
            .map(edit::read_plugins)
        {
            return Err(refuse(format!("plugins: {e}")));
        }
        let kept = Given::new(&given, &edit::EDITOR_OPTIONS).raw("diagnostics");
        let kept = KeptDiagnostics::from_json(kept)?;
        let (mut doc, source, shell) = match tree {
            None => (Document::new_template(&opts), Source::bare(), None),
            Some(input) => {
                let (opened, text) = open(input, &given)?;
                let outer = text.map_or_else(Format::default, Format::detect);
                let inner = opened
                    .shell
                    .as_ref()
                    .map_or(outer, |s| s.tree_format(&outer));
                let mut doc = Document::new(opened.tree, &opts);
                doc.set_format(inner);
                let shell = opened.shell.map(|s| (s, outer));
                (doc, opened.source, shell)
            }
        };
        match kept {
            Some(k) if k.in_steps => doc.keep_diagnostics_in_steps(k.options, k.eager_graph),
            Some(k) => doc.keep_diagnostics(k.options, k.eager_graph),
            None => {}
        }
        Ok(Editor { doc, source, shell })
    }

    /// `source()`: where the tree was found.
    pub fn source(&self) -> Value {
        checked(self.source.to_json(), "TreeSource")
    }

    /// `export(options?)`: the tree as text in its own layout, or the whole wrapper around it
    /// (`wrapper: "keep"`) in the wrapper's.
    pub fn export(&self, options: &Value) -> Result<String, Error> {
        let keep = opts::keep_wrapper(&object(options), &opts::EXPORT_OPTIONS)?;
        Ok(match (&self.shell, keep) {
            (Some((shell, format)), true) => shell.write(self.doc.tree(), format),
            _ => self.doc.text(),
        })
    }

    /// `tree(options?)`: the tree (or the whole wrapper, `wrapper: "keep"`) as compact JSON
    /// text.
    pub fn tree_text(&self, options: &Value) -> Result<String, Error> {
        let keep = opts::keep_wrapper(&object(options), &opts::EXPORT_OPTIONS)?;
        Ok(match (&self.shell, keep) {
            (Some((shell, _)), true) => {
                json::to_string(&shell.value(self.doc.tree()), &Format::compact())
            }
            _ => self.tree_json(),
        })
    }

    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// `apply(op)`: `op` read with [`json_argument`].
    pub fn apply(&mut self, op: &Value) -> Result<Value, Error> {
        let op = Op::from_json(op)?;
        let outcome = self.doc.apply(&op)?;
        Ok(checked(outcome.into_json(), "Outcome"))
    }

    pub fn undo(&mut self) -> Result<Value, Error> {
        Ok(checked(self.doc.undo()?.into_json(), "Outcome"))
    }

    pub fn redo(&mut self) -> Result<Value, Error> {
        Ok(checked(self.doc.redo()?.into_json(), "Outcome"))
    }

    /// The kept diagnostics as a report with `graphStale`.
    pub fn diagnostics(&self) -> Result<Value, Error> {
        Ok(self.doc.report_json()?)
    }

    /// `settle(ms?)`: runs the pending units (an Editor opened with `diagnostics.units:
    /// "in-steps"`) while `more()` says so; what they found, with `pending` left.
    pub fn settle(&mut self, more: &mut dyn FnMut() -> bool) -> Result<Value, Error> {
        let d = self.doc.settle(more).ok_or_else(edit::no_diagnostics)?;
        Ok(checked(d.to_json(), "DiagnosticDelta"))
    }

    /// `treeParts()`: the tree's top-level members in their order, each `{key, size}` (`size`:
    /// the entries of an object or array, else null), for reading a big tree a slice at a
    /// time with [`Editor::tree_part`].
    pub fn tree_parts(&self) -> Value {
        let parts = self.doc.tree().root().iter().map(|(key, value)| {
            let size = match value {
                Value::Object(o) => Value::from(o.len() as i64),
                Value::Array(a) => Value::from(a.len() as i64),
                _ => Value::Null,
            };
            let mut o = Object::new();
            o.insert("key", Value::from(key));
            o.insert("size", size);
            Value::Object(o)
        });
        Value::Array(parts.collect())
    }

    /// `treePart(i, from?, to?)`: the compact JSON text of the `i`th top-level member's value;
    /// of an object or array, only its entries from `from` up to `to` (by position).
    pub fn tree_part(
        &self,
        i: usize,
        from: Option<usize>,
        to: Option<usize>,
    ) -> Result<String, Error> {
        let Some((_, value)) = self.doc.tree().root().iter().nth(i) else {
            return Err(refuse(format!("treePart: the tree has no member {i}")));
        };
        let compact = Format::compact();
        let range = |len: usize| {
            let from = from.unwrap_or(0).min(len);
            from..to.unwrap_or(len).clamp(from, len)
        };
        let mut out = String::new();
        match value {
            Value::Object(o) => {
                let r = range(o.len());
                out.push('{');
                for (n, (k, v)) in o.iter().skip(r.start).take(r.len()).enumerate() {
                    if n > 0 {
                        out.push(',');
                    }
                    json::write_string(&mut out, k, false);
                    out.push(':');
                    json::write_value(&mut out, v, &compact);
                }
                out.push('}');
            }
            Value::Array(a) => {
                out.push('[');
                for (n, v) in a[range(a.len())].iter().enumerate() {
                    if n > 0 {
                        out.push(',');
                    }
                    json::write_value(&mut out, v, &compact);
                }
                out.push(']');
            }
            v => json::write_value(&mut out, v, &compact),
        }
        Ok(out)
    }

    /// `verdict()`: the kept report without its diagnostics (engine, format, graphStale,
    /// pending).
    pub fn verdict(&self) -> Result<Value, Error> {
        Ok(self.doc.verdict_json()?)
    }

    /// `prepareLayout(options?)`: the layout the `layout` operation with these options would
    /// compute, computed now ([`Document::prepare_layout`]).
    pub fn prepare_layout(&mut self, options: &Value) -> Result<(), Error> {
        let params = Params::from_json(&object(options))?;
        self.doc.prepare_layout(params);
        Ok(())
    }

    /// `refreshGraph()`: what the deferred checks changed.
    pub fn refresh_graph(&mut self) -> Result<Value, Error> {
        let d = self.doc.refresh_graph().ok_or_else(edit::no_diagnostics)?;
        Ok(checked(d.to_json(), "DiagnosticDelta"))
    }

    /// `setHistoryLimit(limit)`: `limit` when the argument was a number.
    pub fn set_history_limit(&mut self, limit: Option<f64>) -> Result<(), Error> {
        match limit {
            Some(n) if n >= 0.0 && n.fract() == 0.0 => {
                self.doc
                    .set_history_limit(n.min(usize::MAX as f64) as usize);
                Ok(())
            }
            _ => Err(refuse("the history limit must be a whole number from 0 up")),
        }
    }

    /// The tree as compact JSON text.
    pub fn tree_json(&self) -> String {
        self.doc.tree().to_string(&Format::compact())
    }

    /// `validate(options?)`: the current tree, validated in full.
    pub fn validate(&self, options: &Value) -> Result<Value, Error> {
        let opts = rules::Options::from_json(&object(options))?;
        Ok(checked(
            rules::validate(self.doc.tree(), &opts).to_json(),
            "Report",
        ))
    }

    /// `canConnect(source, target)`.
    pub fn can_connect(&self, source: &str, target: &str) -> Value {
        refusal(self.doc.tree(), source, target)
    }

    /// `inconsistencies()`.
    pub fn inconsistencies(&self) -> Vec<String> {
        edit::inconsistencies(self.doc.tree())
    }

    /// `references(key)`: every place that uses the variable.
    pub fn references(&self, key: &str) -> Value {
        let key = crate::variables::braced(key);
        let list = self
            .doc
            .references()
            .references(self.doc.tree(), &key)
            .into_iter()
            .map(|u| checked(u.to_json(), "VariableUse"))
            .collect();
        Value::Array(list)
    }

    /// `get(kind, id)`: one item as it is in the tree (`None`: absent), through the
    /// document's indexes; an unknown `kind` is refused.
    pub fn get(&self, kind: &str, id: &str) -> Result<Option<Value>, Error> {
        let kind = edit::ItemKind::from_name(kind).ok_or_else(|| {
            refuse(format!(
                "kind must be {}, not {kind:?}",
                crate::shape::one_of(edit::ITEM_KINDS, true)
            ))
        })?;
        Ok(self.doc.get(kind, id).cloned())
    }

    /// `plugins()`: the catalogue this editor's operations use.
    pub fn plugins(&self) -> Value {
        checked(self.doc.plugins().to_json(), "PluginCatalogue")
    }

    /// `variables()`: each variable with how many places use it.
    pub fn variables(&self) -> Value {
        let tree = self.doc.tree();
        let list = crate::variables::refs::summaries(tree, self.doc.references())
            .into_iter()
            .map(|v| checked(v, "VariableSummary"))
            .collect();
        Value::Array(list)
    }
}
