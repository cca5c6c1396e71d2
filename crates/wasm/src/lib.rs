//! JavaScript bindings: the only crate that knows wasm-bindgen. Each export converts its
//! arguments (text, bytes, JSON), calls the core's JSON API (`pipeline_tree::api`), and
//! converts the result or the error back. The TypeScript declarations are generated from the
//! core's type tables (`types/*.d.ts`, kept current by the core's `typescript_test`).
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Uint8Array, JSON};
use wasm_bindgen::prelude::*;

mod errors;
use errors::{options_error, throw};

use pipeline_tree::api::{self, Input};
use pipeline_tree::json::{self, Format, Value};
use pipeline_tree::payload::Api;

// Runs when the module is instantiated; wasm-bindgen also exports it, hence the internal name.
#[wasm_bindgen(start, js_name = "__start", skip_typescript)]
fn install_panic_hook() {
    // A panic is a bug; this makes it readable in the console instead of "unreachable".
    console_error_panic_hook::set_once();
}

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = include_str!("../types/api.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const TS_EDITOR: &str = include_str!("../types/editor.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const TS_PAYLOAD: &str = include_str!("../types/payload.d.ts");

type Result<T> = std::result::Result<T, JsValue>;

/// A string argument; anything else is an `OptionsError` (wasm-bindgen's own `String`
/// conversion reads out of bounds on a number).
fn string_arg(v: &JsValue, name: &str) -> Result<String> {
    v.as_string()
        .ok_or_else(|| options_error(&format!("{name} must be a string")))
}

/// `JSON.stringify(v)` as a string; a value it cannot write (a cycle, a BigInt, a throwing
/// getter) or writes as nothing (a symbol, a function, `toJSON` giving undefined) is an
/// `OptionsError` naming `what`. `JSON.stringify` catches what getters and proxies throw: a
/// JS exception must never cross a wasm frame that holds a borrow.
fn stringify(v: &JsValue, what: &str) -> Result<String> {
    JSON::stringify(v)
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| {
            options_error(&format!(
                "{what} cannot be turned into JSON (a cycle, a BigInt, a symbol or a throwing getter)"
            ))
        })
}

/// An object argument as JSON, read by the core (`options`: with the default limits); `None`
/// when it is not an object.
fn json_arg(v: &JsValue, what: &str, options: bool) -> Result<Option<Value>> {
    if !v.is_object() {
        return Ok(None);
    }
    api::json_argument(&stringify(v, what)?, options)
        .map(Some)
        .map_err(throw)
}

/// A call's options (`Null` when not given, or not an object).
fn options_arg(v: &JsValue) -> Result<Value> {
    Ok(json_arg(v, "the options", true)?.unwrap_or(Value::Null))
}

/// A tree argument: text, bytes, or an object written as JSON.
fn tree_arg(v: &JsValue) -> Result<Input> {
    if let Some(text) = v.as_string() {
        return Ok(Input::Text(text));
    }
    if let Some(bytes) = v.dyn_ref::<Uint8Array>() {
        return Ok(Input::Bytes(bytes.to_vec()));
    }
    if v.is_object() {
        return Ok(Input::Object(stringify(v, "the tree object")?));
    }
    Err(options_error(
        "expected a JSON string, a Uint8Array or a tree object",
    ))
}

/// A result as a JS value (through `JSON.parse`, so keys such as `__proto__` are own keys).
fn to_js(v: std::result::Result<Value, api::Error>) -> Result<JsValue> {
    JSON::parse(&json::to_string(&v.map_err(throw)?, &Format::compact()))
}

/// Sets the limits every later call reads its input with (a call's own options still win);
/// returns the limits now in force.
#[wasm_bindgen(js_name = setLimits, skip_typescript)]
pub fn set_limits(limits: JsValue) -> Result<JsValue> {
    let given = json_arg(&limits, "the limits", true)?;
    to_js(api::set_limits(given.as_ref()))
}

#[wasm_bindgen(js_name = getLimits, skip_typescript)]
pub fn get_limits() -> Result<JsValue> {
    to_js(Ok(api::get_limits()))
}

/// The size of the WebAssembly memory in bytes. It grows and never shrinks; memory an Editor
/// frees (`free()`, or the garbage collector through FinalizationRegistry) is reused.
#[wasm_bindgen(js_name = wasmMemoryBytes, skip_typescript)]
pub fn wasm_memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65536) as f64
}

#[wasm_bindgen(skip_typescript)]
pub fn parse(input: JsValue, options: JsValue) -> Result<JsValue> {
    if input.is_object() && input.dyn_ref::<Uint8Array>().is_none() {
        return Err(options_error("parse expects a JSON string or a Uint8Array"));
    }
    let options = options_arg(&options)?;
    to_js(api::parse(&tree_arg(&input)?, &options))
}

#[wasm_bindgen(skip_typescript)]
pub fn format(input: JsValue, options: JsValue) -> Result<String> {
    let options = options_arg(&options)?;
    api::format(&tree_arg(&input)?, &options).map_err(throw)
}

#[wasm_bindgen(js_name = findTree, skip_typescript)]
pub fn find_tree(input: JsValue, options: JsValue) -> Result<JsValue> {
    let options = options_arg(&options)?;
    to_js(api::find_tree(&tree_arg(&input)?, &options))
}

#[wasm_bindgen(skip_typescript)]
pub fn validate(input: JsValue, options: JsValue) -> Result<JsValue> {
    let options = options_arg(&options)?;
    to_js(api::validate(&tree_arg(&input)?, &options))
}

#[wasm_bindgen(skip_typescript)]
pub fn layout(input: JsValue, options: JsValue) -> Result<JsValue> {
    if !(options.is_undefined() || options.is_null() || options.is_object()) {
        return Err(options_error("layout options must be an object"));
    }
    let options = options_arg(&options)?;
    to_js(api::layout(&tree_arg(&input)?, &options))
}

#[wasm_bindgen(js_name = allowedStartNodes, skip_typescript)]
pub fn allowed_start_nodes(input: JsValue, options: JsValue) -> Result<JsValue> {
    let options = options_arg(&options)?;
    to_js(api::allowed_start_nodes(&tree_arg(&input)?, &options))
}

#[wasm_bindgen(js_name = skippedNodes, skip_typescript)]
pub fn skipped_nodes(input: JsValue, start_node_id: JsValue, options: JsValue) -> Result<JsValue> {
    let start_node_id = string_arg(&start_node_id, "startNodeId")?;
    let options = options_arg(&options)?;
    to_js(api::skipped_nodes(
        &tree_arg(&input)?,
        &start_node_id,
        &options,
    ))
}

#[wasm_bindgen(js_name = canConnect, skip_typescript)]
pub fn can_connect(input: JsValue, source: JsValue, target: JsValue) -> Result<JsValue> {
    let (source, target) = (
        string_arg(&source, "source")?,
        string_arg(&target, "target")?,
    );
    to_js(api::can_connect(&tree_arg(&input)?, &source, &target))
}

#[wasm_bindgen(js_name = rules, skip_typescript)]
pub fn rule_list() -> Result<JsValue> {
    to_js(Ok(api::rules()))
}

/// The package version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// A tree being edited (see the TypeScript declaration above).
#[wasm_bindgen(skip_typescript)]
pub struct Editor(api::Editor);

#[wasm_bindgen]
impl Editor {
    #[wasm_bindgen(constructor)]
    pub fn new(tree: JsValue, options: JsValue) -> Result<Editor> {
        let seed = (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64;
        let options = options_arg(&options)?;
        let tree = if tree.is_undefined() || tree.is_null() {
            None
        } else {
            Some(tree_arg(&tree)?)
        };
        let editor = api::Editor::open(tree.as_ref(), &options, seed).map_err(throw)?;
        Ok(Editor(editor))
    }

    pub fn diagnostics(&self) -> Result<JsValue> {
        to_js(self.0.diagnostics())
    }

    pub fn verdict(&self) -> Result<JsValue> {
        to_js(self.0.verdict())
    }

    /// Runs pending units for about `ms` milliseconds (default 30; at least one unit).
    pub fn settle(&mut self, ms: JsValue) -> Result<JsValue> {
        let budget = ms.as_f64().filter(|m| m.is_finite()).unwrap_or(30.0);
        let deadline = js_sys::Date::now() + budget.max(0.0);
        let mut run = 0u32;
        // the clock read every 16 units (a unit takes microseconds)
        let mut more = || {
            run += 1;
            run == 1 || run % 16 != 1 || js_sys::Date::now() < deadline
        };
        to_js(self.0.settle(&mut more))
    }

    #[wasm_bindgen(js_name = treeParts)]
    pub fn tree_parts(&self) -> Result<JsValue> {
        to_js(Ok(self.0.tree_parts()))
    }

    #[wasm_bindgen(js_name = treePart)]
    pub fn tree_part(&self, i: JsValue, from: JsValue, to: JsValue) -> Result<JsValue> {
        let index = |v: &JsValue, name: &str| -> Result<Option<usize>> {
            match v.as_f64() {
                None if v.is_undefined() || v.is_null() => Ok(None),
                Some(n) if n >= 0.0 && n.fract() == 0.0 => Ok(Some(n as usize)),
                _ => Err(options_error(&format!(
                    "{name} must be a whole number of 0 or more"
                ))),
            }
        };
        let i = index(&i, "i")?
            .ok_or_else(|| options_error("i must be a whole number of 0 or more"))?;
        let text = self
            .0
            .tree_part(i, index(&from, "from")?, index(&to, "to")?)
            .map_err(throw)?;
        JSON::parse(&text)
    }

    #[wasm_bindgen(js_name = prepareLayout)]
    pub fn prepare_layout(&mut self, options: JsValue) -> Result<()> {
        if !(options.is_undefined() || options.is_null() || options.is_object()) {
            return Err(options_error("layout options must be an object"));
        }
        self.0
            .prepare_layout(&options_arg(&options)?)
            .map_err(throw)
    }

    #[wasm_bindgen(js_name = refreshGraph)]
    pub fn refresh_graph(&mut self) -> Result<JsValue> {
        to_js(self.0.refresh_graph())
    }

    pub fn apply(&mut self, op: JsValue) -> Result<JsValue> {
        let text = stringify(&op, "the operation")?;
        let op = api::json_argument(&text, false).map_err(throw)?;
        to_js(self.0.apply(&op))
    }

    pub fn undo(&mut self) -> Result<JsValue> {
        to_js(self.0.undo())
    }

    pub fn redo(&mut self) -> Result<JsValue> {
        to_js(self.0.redo())
    }

    #[wasm_bindgen(getter, js_name = canUndo)]
    pub fn can_undo(&self) -> bool {
        self.0.document().can_undo()
    }

    #[wasm_bindgen(getter, js_name = canRedo)]
    pub fn can_redo(&self) -> bool {
        self.0.document().can_redo()
    }

    #[wasm_bindgen(getter, js_name = historyLength)]
    pub fn history_length(&self) -> usize {
        self.0.document().history_len()
    }

    #[wasm_bindgen(js_name = setHistoryLimit)]
    pub fn set_history_limit(&mut self, limit: JsValue) -> Result<()> {
        self.0.set_history_limit(limit.as_f64()).map_err(throw)
    }

    pub fn source(&self) -> Result<JsValue> {
        to_js(Ok(self.0.source()))
    }

    pub fn export(&self, options: JsValue) -> Result<String> {
        self.0.export(&options_arg(&options)?).map_err(throw)
    }

    pub fn tree(&self, options: JsValue) -> Result<JsValue> {
        JSON::parse(&self.0.tree_text(&options_arg(&options)?).map_err(throw)?)
    }

    pub fn validate(&self, options: JsValue) -> Result<JsValue> {
        to_js(self.0.validate(&options_arg(&options)?))
    }

    #[wasm_bindgen(js_name = canConnect)]
    pub fn can_connect(&self, source: JsValue, target: JsValue) -> Result<JsValue> {
        let (source, target) = (
            string_arg(&source, "source")?,
            string_arg(&target, "target")?,
        );
        to_js(Ok(self.0.can_connect(&source, &target)))
    }

    pub fn inconsistencies(&self) -> JsValue {
        let list = self.0.inconsistencies().into_iter().map(JsValue::from);
        list.collect::<Array>().into()
    }

    pub fn references(&self, key: JsValue) -> Result<JsValue> {
        let key = string_arg(&key, "key")?;
        to_js(Ok(self.0.references(&key)))
    }

    pub fn variables(&self) -> Result<JsValue> {
        to_js(Ok(self.0.variables()))
    }

    pub fn plugins(&self) -> Result<JsValue> {
        to_js(Ok(self.0.plugins()))
    }

    /// One item as it is in the tree, or `undefined`.
    pub fn get(&self, kind: JsValue, id: JsValue) -> Result<JsValue> {
        let (kind, id) = (string_arg(&kind, "kind")?, string_arg(&id, "id")?);
        match self.0.get(&kind, &id).map_err(throw)? {
            Some(v) => to_js(Ok(v)),
            None => Ok(JsValue::UNDEFINED),
        }
    }
}

// Payloads: request bodies, node exclusion, responses.

fn build_payload(api: Api, tree: &JsValue, input: &JsValue) -> Result<JsValue> {
    let input = json_arg(input, "the input", false)?;
    let tree = if tree.is_undefined() || tree.is_null() {
        None
    } else {
        Some(tree_arg(tree)?)
    };
    let now = js_sys::Date::now() as i64;
    to_js(api::build_payload(api, tree.as_ref(), input, now))
}

#[wasm_bindgen(js_name = buildCreateTaskPayload, skip_typescript)]
pub fn build_create_task_payload(tree: JsValue, input: JsValue) -> Result<JsValue> {
    build_payload(Api::CreateTask, &tree, &input)
}

#[wasm_bindgen(js_name = buildMockTaskPayload, skip_typescript)]
pub fn build_mock_task_payload(tree: JsValue, input: JsValue) -> Result<JsValue> {
    build_payload(Api::MockTask, &tree, &input)
}

#[wasm_bindgen(js_name = buildClockedTaskPayload, skip_typescript)]
pub fn build_clocked_task_payload(tree: JsValue, input: JsValue) -> Result<JsValue> {
    build_payload(Api::ClockedTask, &tree, &input)
}

#[wasm_bindgen(js_name = excludeNodes, skip_typescript)]
pub fn exclude_nodes(tree: JsValue, ids: JsValue) -> Result<JsValue> {
    let tree = api::read_tree(&tree_arg(&tree)?).map_err(throw)?;
    let ids = match Array::is_array(&ids) {
        true => json_arg(&ids, "ids", true)?,
        false => None,
    };
    to_js(api::exclude_nodes(&tree, ids.as_ref()))
}

#[wasm_bindgen(js_name = parseResponse, skip_typescript)]
pub fn parse_response(kind: JsValue, body: JsValue) -> Result<JsValue> {
    let kind = api::response_kind(&string_arg(&kind, "kind")?).map_err(throw)?;
    let text = match body.as_string() {
        Some(t) => Some(t),
        None if body.is_object() => Some(stringify(&body, "the body")?),
        None => None,
    };
    to_js(api::parse_response(kind, text.as_deref()))
}

#[wasm_bindgen(js_name = payloadRules, skip_typescript)]
pub fn payload_rules() -> Result<JsValue> {
    to_js(Ok(api::payload_rules()))
}
