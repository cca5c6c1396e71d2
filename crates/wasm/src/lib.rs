//! JavaScript bindings: the only crate that knows wasm-bindgen. Each export converts its
//! arguments, calls the core, and converts the result or the error back.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Uint8Array, JSON};
use wasm_bindgen::prelude::*;

mod errors;
use errors::{edit_error, options_error, parse_error, response_error, start_error};

use pipeline_tree::edit::KeptDiagnostics;
use pipeline_tree::engine::{self, start};
use pipeline_tree::json::{Format, Limits, Object, Value};
use pipeline_tree::model::Tree;
use pipeline_tree::rules;

// Runs when the module is instantiated; wasm-bindgen also exports it, hence the internal name.
#[wasm_bindgen(start, js_name = "__start", skip_typescript)]
fn install_panic_hook() {
    // A panic is a bug; this makes it readable in the console instead of "unreachable".
    console_error_panic_hook::set_once();
}

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = include_str!("../types/api.d.ts");

/// A string argument; anything else is an `OptionsError` (wasm-bindgen's own `String`
/// conversion reads out of bounds on a number).
fn string_arg(v: &JsValue, name: &str) -> Result<String, JsValue> {
    v.as_string()
        .ok_or_else(|| options_error(&format!("{name} must be a string")))
}

/// `JSON.stringify(v)` as a string; a value it cannot write (a cycle, a BigInt, a throwing
/// getter) or writes as nothing (a symbol, a function, `toJSON` giving undefined) is an
/// `OptionsError` naming `what`.
fn stringify(v: &JsValue, what: &str) -> Result<String, JsValue> {
    JSON::stringify(v)
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| {
            options_error(&format!(
                "{what} cannot be turned into JSON (a cycle, a BigInt, a symbol or a throwing getter)"
            ))
        })
}

/// A JS value as our JSON, through `JSON.stringify` (which catches what getters and proxies
/// throw: a JS exception must never cross a wasm frame that holds a borrow).
/// Read with the default limits: options are small, and the limits in force may be set low
/// (`setLimits` itself must always read its argument).
fn json_of(v: &JsValue, what: &str) -> Result<Value, JsValue> {
    pipeline_tree::json::parse(&stringify(v, what)?, &Limits::default())
        .map_err(|e| parse_error(&e))
}

thread_local! {
    /// The limits in force when a call's options give none (`setLimits`).
    static LIMITS: std::cell::Cell<Limits> = std::cell::Cell::new(Limits::default());
}

fn current_limits() -> Limits {
    LIMITS.with(|l| l.get())
}

/// Sets the limits every later call reads its input with (a call's own options still win);
/// returns the limits now in force. Unknown names and values that are not whole numbers from
/// 1 up are refused with an `OptionsError`, and nothing changes.
#[wasm_bindgen(js_name = setLimits, skip_typescript)]
pub fn set_limits(options: JsValue) -> Result<JsValue, JsValue> {
    let Some(Value::Object(obj)) = options
        .is_object()
        .then(|| json_of(&options, "the limits"))
        .transpose()?
    else {
        return Err(options_error(
            "setLimits expects an object such as { maxNodes: 50000 }",
        ));
    };
    let mut l = current_limits();
    l.set_json(&obj).map_err(|e| options_error(&e.message))?;
    LIMITS.with(|c| c.set(l));
    to_js(&l.to_json())
}

/// The limits in force (the defaults, or what `setLimits` set).
#[wasm_bindgen(js_name = getLimits, skip_typescript)]
pub fn get_limits() -> Result<JsValue, JsValue> {
    to_js(&current_limits().to_json())
}

/// The size of the WebAssembly memory in bytes. It grows and never shrinks; memory an Editor
/// frees (`free()`, or the garbage collector through FinalizationRegistry) is reused.
#[wasm_bindgen(js_name = wasmMemoryBytes, skip_typescript)]
pub fn wasm_memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65536) as f64
}

/// The limits in force, with those a call's options name instead.
fn limits(options: &Object) -> Limits {
    let mut l = current_limits();
    l.read_json(options);
    l
}

/// Reads `input` (text, bytes, or an object) into a tree; returns the text it came from too.
fn read(input: &JsValue, options: &Object) -> Result<(Tree, Option<String>), JsValue> {
    let limits = limits(options);
    if let Some(text) = input.as_string() {
        let tree = Tree::parse_with(&text, &limits).map_err(|e| parse_error(&e))?;
        return Ok((tree, Some(text)));
    }
    if let Some(bytes) = input.dyn_ref::<Uint8Array>() {
        let bytes = bytes.to_vec();
        let tree = Tree::parse_bytes(&bytes, &limits).map_err(|e| parse_error(&e))?;
        return Ok((tree, String::from_utf8(bytes).ok()));
    }
    if input.is_object() {
        let text = stringify(input, "the tree object")?;
        let tree = Tree::parse_with(&text, &limits).map_err(|e| parse_error(&e))?;
        return Ok((tree, None));
    }
    Err(options_error(
        "expected a JSON string, a Uint8Array or a tree object",
    ))
}

#[wasm_bindgen(skip_typescript)]
pub fn parse(input: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    if input.is_object() && input.dyn_ref::<Uint8Array>().is_none() {
        return Err(options_error("parse expects a JSON string or a Uint8Array"));
    }
    let (tree, _) = read(&input, &options_object(&options)?)?;
    JSON::parse(&tree.to_string(&Format::compact()))
}

#[wasm_bindgen(skip_typescript)]
pub fn format(input: JsValue, options: JsValue) -> Result<String, JsValue> {
    let options = options_object(&options)?;
    let (tree, text) = read(&input, &options)?;
    let mut format = text.as_deref().map_or_else(Format::default, Format::detect);
    format
        .read_json(&options)
        .map_err(|e| options_error(&e.message))?;
    Ok(tree.to_string(&format))
}

fn to_js(v: &Value) -> Result<JsValue, JsValue> {
    JSON::parse(&pipeline_tree::json::to_string(v, &Format::compact()))
}

/// A call's options as JSON (an empty object when not given, or not an object).
fn options_object(options: &JsValue) -> Result<Object, JsValue> {
    if !options.is_object() {
        return Ok(Object::new());
    }
    match json_of(options, "the options")? {
        Value::Object(o) => Ok(o),
        _ => Ok(Object::new()),
    }
}

fn validate_options(options: &Object) -> Result<rules::Options, JsValue> {
    rules::Options::from_json(options).map_err(|e| options_error(&e.message))
}

#[wasm_bindgen(skip_typescript)]
pub fn validate(input: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let options = options_object(&options)?;
    let opts = validate_options(&options)?;
    let (tree, _) = read(&input, &options)?;
    let report = rules::validate(&tree, &opts);
    let mut v = report.to_json();
    if options.get("writeConverge").and_then(Value::as_bool) == Some(true) {
        let written = engine::write_converge(&tree, &report.engine);
        if let Value::Object(o) = &mut v {
            o.insert("tree", written.into_value());
        }
    }
    to_js(&v)
}

#[wasm_bindgen(skip_typescript)]
pub fn layout(input: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    if !(options.is_undefined() || options.is_null() || options.is_object()) {
        return Err(options_error("layout options must be an object"));
    }
    let options = options_object(&options)?;
    let params = pipeline_tree::layout::Params::from_json(&options)
        .map_err(|e| options_error(&e.message))?;
    let (tree, _) = read(&input, &options)?;
    let result =
        pipeline_tree::layout::laid_out(tree, &params).map_err(|e| options_error(&e.message))?;
    to_js(&result)
}

fn strings(v: Vec<String>) -> JsValue {
    v.into_iter().map(JsValue::from).collect::<Array>().into()
}

#[wasm_bindgen(js_name = allowedStartNodes, skip_typescript)]
pub fn allowed_start_nodes(input: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let options = options_object(&options)?;
    let opts = validate_options(&options)?;
    let (tree, _) = read(&input, &options)?;
    start::allowed_start_nodes(&tree, &opts.engine)
        .map(strings)
        .map_err(|e| start_error(&e))
}

#[wasm_bindgen(js_name = skippedNodes, skip_typescript)]
pub fn skipped_nodes(
    input: JsValue,
    start_node_id: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let start_node_id = string_arg(&start_node_id, "startNodeId")?;
    let options = options_object(&options)?;
    let opts = validate_options(&options)?;
    let (tree, _) = read(&input, &options)?;
    start::skipped_nodes(&tree, &start_node_id, &opts.engine)
        .map(strings)
        .map_err(|e| start_error(&e))
}

#[wasm_bindgen(js_name = canConnect, skip_typescript)]
pub fn can_connect(input: JsValue, source: JsValue, target: JsValue) -> Result<JsValue, JsValue> {
    let (source, target) = (
        string_arg(&source, "source")?,
        string_arg(&target, "target")?,
    );
    let (tree, _) = read(&input, &Object::new())?;
    refusal(rules::can_connect(&tree, &source, &target))
}

/// `null` when a connection is allowed, else `{code, message, message_zh}`.
fn refusal(answer: Result<(), rules::Refusal>) -> Result<JsValue, JsValue> {
    match answer {
        Ok(()) => Ok(JsValue::NULL),
        Err(r) => to_js(&r.to_json()),
    }
}

#[wasm_bindgen(js_name = rules, skip_typescript)]
pub fn rule_list() -> Result<JsValue, JsValue> {
    to_js(&Value::Array(
        rules::RULES.iter().map(|r| r.to_json()).collect(),
    ))
}

/// The package version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

#[wasm_bindgen(typescript_custom_section)]
const TS_EDITOR: &str = include_str!("../types/editor.d.ts");

/// A tree being edited (see the TypeScript declaration above).
#[wasm_bindgen(skip_typescript)]
pub struct Editor {
    doc: pipeline_tree::edit::Document,
}

#[wasm_bindgen]
impl Editor {
    #[wasm_bindgen(constructor)]
    pub fn new(tree: JsValue, options: JsValue) -> Result<Editor, JsValue> {
        let mut opts = pipeline_tree::edit::EditorOptions {
            seed: (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64,
            ..Default::default()
        };
        let given = options_object(&options)?;
        opts.read_json(&given);
        let kept = KeptDiagnostics::from_json(given.get("diagnostics"))
            .map_err(|e| options_error(&e.message))?;
        let mut doc = if tree.is_undefined() || tree.is_null() {
            pipeline_tree::edit::Document::new_template(&opts)
        } else {
            let (parsed, text) = read(&tree, &given)?;
            let mut doc = pipeline_tree::edit::Document::new(parsed, &opts);
            if let Some(t) = text {
                doc.set_format(Format::detect(&t));
            }
            doc
        };
        if let Some(k) = kept {
            doc.keep_diagnostics(k.options, k.eager_graph);
        }
        Ok(Editor { doc })
    }

    pub fn diagnostics(&self) -> Result<JsValue, JsValue> {
        to_js(&self.doc.report_json().map_err(|e| edit_error(&e))?)
    }

    #[wasm_bindgen(js_name = refreshGraph)]
    pub fn refresh_graph(&mut self) -> Result<JsValue, JsValue> {
        let d = self.doc.refresh_graph().ok_or_else(|| {
            edit_error(&pipeline_tree::edit::EditError::new(
                "no-diagnostics",
                "create the Editor with the diagnostics option",
            ))
        })?;
        to_js(&d.to_json())
    }

    pub fn apply(&mut self, op: JsValue) -> Result<JsValue, JsValue> {
        let text = stringify(&op, "the operation")?;
        let value =
            pipeline_tree::json::parse(&text, &current_limits()).map_err(|e| parse_error(&e))?;
        let op = pipeline_tree::edit::Op::from_json(&value).map_err(|e| edit_error(&e))?;
        let outcome = self.doc.apply(&op).map_err(|e| edit_error(&e))?;
        to_js(&outcome.to_json())
    }

    pub fn undo(&mut self) -> Result<JsValue, JsValue> {
        let outcome = self.doc.undo().map_err(|e| edit_error(&e))?;
        to_js(&outcome.to_json())
    }

    pub fn redo(&mut self) -> Result<JsValue, JsValue> {
        let outcome = self.doc.redo().map_err(|e| edit_error(&e))?;
        to_js(&outcome.to_json())
    }

    #[wasm_bindgen(getter, js_name = canUndo)]
    pub fn can_undo(&self) -> bool {
        self.doc.can_undo()
    }

    #[wasm_bindgen(getter, js_name = canRedo)]
    pub fn can_redo(&self) -> bool {
        self.doc.can_redo()
    }

    #[wasm_bindgen(getter, js_name = historyLength)]
    pub fn history_length(&self) -> usize {
        self.doc.history_len()
    }

    #[wasm_bindgen(js_name = setHistoryLimit)]
    pub fn set_history_limit(&mut self, limit: JsValue) -> Result<(), JsValue> {
        match limit.as_f64() {
            Some(n) if n >= 0.0 && n.fract() == 0.0 => {
                self.doc
                    .set_history_limit(n.min(usize::MAX as f64) as usize);
                Ok(())
            }
            _ => Err(options_error(
                "the history limit must be a whole number from 0 up",
            )),
        }
    }

    pub fn export(&self) -> String {
        self.doc.text()
    }

    pub fn tree(&self) -> Result<JsValue, JsValue> {
        JSON::parse(&self.doc.tree().to_string(&Format::compact()))
    }

    pub fn validate(&self, options: JsValue) -> Result<JsValue, JsValue> {
        let opts = validate_options(&options_object(&options)?)?;
        to_js(&rules::validate(self.doc.tree(), &opts).to_json())
    }

    #[wasm_bindgen(js_name = canConnect)]
    pub fn can_connect(&self, source: JsValue, target: JsValue) -> Result<JsValue, JsValue> {
        let (source, target) = (
            string_arg(&source, "source")?,
            string_arg(&target, "target")?,
        );
        refusal(rules::can_connect(self.doc.tree(), &source, &target))
    }

    pub fn inconsistencies(&self) -> JsValue {
        strings(pipeline_tree::edit::inconsistencies(self.doc.tree()))
    }
}

// Payloads: request bodies, node exclusion, responses (`pipeline_tree::payload`).

#[wasm_bindgen(typescript_custom_section)]
const TS_PAYLOAD: &str = include_str!("../types/payload.d.ts");

/// The builder input: a plain object, read through JSON.
fn payload_input(input: &JsValue) -> Result<Object, JsValue> {
    if !input.is_object() {
        return Err(options_error(
            "the input must be an object of request fields",
        ));
    }
    let text = stringify(input, "the input")?;
    match pipeline_tree::json::parse(&text, &current_limits()).map_err(|e| parse_error(&e))? {
        Value::Object(o) => Ok(o),
        _ => Err(options_error(
            "the input must be an object of request fields",
        )),
    }
}

fn build_payload(
    api: pipeline_tree::payload::Api,
    tree: &JsValue,
    input: &JsValue,
) -> Result<JsValue, JsValue> {
    let mut input = payload_input(input)?;
    let tree = if tree.is_undefined() || tree.is_null() {
        None
    } else {
        Some(read(tree, &Object::new())?.0)
    };
    if api == pipeline_tree::payload::Api::ClockedTask && !input.contains_key("now") {
        input.insert("now", Value::from(js_sys::Date::now() as i64));
    }
    let built = api
        .build(tree.as_ref(), &input)
        .ok_or_else(|| options_error("this payload needs the tree"))?;
    to_js(&built.to_json())
}

#[wasm_bindgen(js_name = buildCreateTaskPayload, skip_typescript)]
pub fn build_create_task_payload(tree: JsValue, input: JsValue) -> Result<JsValue, JsValue> {
    build_payload(pipeline_tree::payload::Api::CreateTask, &tree, &input)
}

#[wasm_bindgen(js_name = buildMockTaskPayload, skip_typescript)]
pub fn build_mock_task_payload(tree: JsValue, input: JsValue) -> Result<JsValue, JsValue> {
    build_payload(pipeline_tree::payload::Api::MockTask, &tree, &input)
}

#[wasm_bindgen(js_name = buildClockedTaskPayload, skip_typescript)]
pub fn build_clocked_task_payload(tree: JsValue, input: JsValue) -> Result<JsValue, JsValue> {
    build_payload(pipeline_tree::payload::Api::ClockedTask, &tree, &input)
}

#[wasm_bindgen(js_name = excludeNodes, skip_typescript)]
pub fn exclude_nodes(tree: JsValue, ids: JsValue) -> Result<JsValue, JsValue> {
    let (tree, _) = read(&tree, &Object::new())?;
    let not_ids = || options_error("ids must be an array of node ids");
    if !Array::is_array(&ids) {
        return Err(not_ids());
    }
    let Value::Array(items) = json_of(&ids, "ids")? else {
        return Err(not_ids());
    };
    let ids: Vec<String> = items
        .iter()
        .map(|v| v.as_str().map(str::to_owned).ok_or_else(not_ids))
        .collect::<Result<_, _>>()?;
    to_js(&pipeline_tree::payload::exclude(&tree, &ids).to_json())
}

#[wasm_bindgen(js_name = parseResponse, skip_typescript)]
pub fn parse_response(kind: JsValue, body: JsValue) -> Result<JsValue, JsValue> {
    let kind = string_arg(&kind, "kind")?;
    let kind = pipeline_tree::payload::ResponseKind::parse(&kind).ok_or_else(|| {
        options_error(&format!(
            "kind must be task, mock-task or clocked-task, not {kind:?}"
        ))
    })?;
    let text = match body.as_string() {
        Some(t) => t,
        None if body.is_object() => stringify(&body, "the body")?,
        None => return Err(options_error("the body must be text or an object")),
    };
    match pipeline_tree::payload::parse_response(kind, &text) {
        Ok(r) => to_js(&r.to_json()),
        Err(e) => Err(response_error(&e)),
    }
}

#[wasm_bindgen(js_name = payloadRules, skip_typescript)]
pub fn payload_rules() -> Result<JsValue, JsValue> {
    let list = pipeline_tree::payload::RULES.iter().map(|r| r.to_json());
    to_js(&Value::Array(list.collect()))
}
