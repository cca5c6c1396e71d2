//! JavaScript bindings: the only module that knows wasm-bindgen. Each export converts its
//! arguments, calls the core, and converts the result or the error back.

use js_sys::{Array, Object as JsObject, Reflect, Uint8Array, JSON};
use wasm_bindgen::prelude::*;

use crate::error::ParseError;
use crate::json::{Format, Indent, Limits};
use crate::model::Tree;

#[wasm_bindgen(start)]
fn start() {
    // A panic is a bug; this makes it readable in the console instead of "unreachable".
    console_error_panic_hook::set_once();
}

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** Limits on what `parse` accepts; each one passed gives a `PipelineTreeError`. */
export interface ParseOptions {
  /** Largest input in bytes (default 64 MiB). */
  maxInputBytes?: number;
  /** Deepest nesting of arrays and objects (default 512). */
  maxDepth?: number;
  /** Longest string in bytes (default 16 MiB). */
  maxStringBytes?: number;
}

/** How `format` lays the text out. Unset fields keep the input text's own layout. */
export interface FormatOptions extends ParseOptions {
  /** Spaces per level, `"tab"`, or `"compact"` (one line). */
  indent?: number | "tab" | "compact";
  /** Escape non-ASCII characters as \uXXXX. */
  ascii?: boolean;
  /** End the text with a newline. */
  finalNewline?: boolean;
}

/** One located problem of a `PipelineTreeError`. */
export interface Problem {
  code: string;
  message: string;
  /** JSON path such as `$.activities.n1.incoming[0]`. */
  path: string;
  /** 1-based line in the input text (absent when the input was an object). */
  line?: number;
  /** 1-based column, in characters. */
  column?: number;
}

/** Read a pipeline tree from JSON text (or UTF-8 bytes) and return it as a plain object.
 *  Throws an `Error` named `PipelineTreeError` with `code`, `path`, `line`, `column` and
 *  `problems` when the input is not a tree. */
export function parse(input: string | Uint8Array, options?: ParseOptions): Record<string, unknown>;

/** Write a tree (JSON text, bytes, or an object) as text. Text input keeps its layout unless
 *  options say otherwise; reading and writing back unchanged gives the same bytes. */
export function format(input: string | Uint8Array | object, options?: FormatOptions): string;
"#;

fn get(options: &JsValue, key: &str) -> Option<JsValue> {
    if !options.is_object() {
        return None;
    }
    Reflect::get(options, &JsValue::from_str(key))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

fn usize_option(options: &JsValue, key: &str) -> Option<usize> {
    get(options, key)
        .and_then(|v| v.as_f64())
        .filter(|f| *f >= 0.0)
        .map(|f| f as usize)
}

fn limits(options: &JsValue) -> Limits {
    let d = Limits::default();
    Limits {
        max_input_bytes: usize_option(options, "maxInputBytes").unwrap_or(d.max_input_bytes),
        max_depth: usize_option(options, "maxDepth").unwrap_or(d.max_depth),
        max_string_bytes: usize_option(options, "maxStringBytes").unwrap_or(d.max_string_bytes),
    }
}

fn set(target: &JsValue, key: &str, value: JsValue) {
    // Setting a property on an object we just created cannot fail.
    let _ = Reflect::set(target, &JsValue::from_str(key), &value);
}

/// A JS `Error` named `PipelineTreeError` carrying the first problem's place and all problems.
fn js_error(err: &ParseError) -> JsValue {
    let error = js_sys::Error::new(&err.to_string());
    error.set_name("PipelineTreeError");
    let e: JsValue = error.into();
    let problems = Array::new();
    for p in err.problems() {
        let o: JsValue = JsObject::new().into();
        set(&o, "code", p.code.as_str().into());
        set(&o, "message", p.message.as_str().into());
        set(&o, "path", p.path.to_string().into());
        if let Some(pos) = p.position {
            set(&o, "line", (pos.line as f64).into());
            set(&o, "column", (pos.column as f64).into());
        }
        problems.push(&o);
    }
    let first = err.first();
    set(&e, "code", first.code.as_str().into());
    set(&e, "path", first.path.to_string().into());
    if let Some(pos) = first.position {
        set(&e, "line", (pos.line as f64).into());
        set(&e, "column", (pos.column as f64).into());
    }
    set(&e, "problems", problems.into());
    e
}

fn type_error(msg: &str) -> JsValue {
    js_sys::TypeError::new(msg).into()
}

/// Reads `input` (text, bytes, or an object) into a tree; returns the text it came from too.
fn read(input: &JsValue, options: &JsValue) -> Result<(Tree, Option<String>), JsValue> {
    let limits = limits(options);
    if let Some(text) = input.as_string() {
        let tree = Tree::parse_with(&text, &limits).map_err(|e| js_error(&e))?;
        return Ok((tree, Some(text)));
    }
    if let Some(bytes) = input.dyn_ref::<Uint8Array>() {
        let bytes = bytes.to_vec();
        let tree = Tree::parse_bytes(&bytes, &limits).map_err(|e| js_error(&e))?;
        return Ok((tree, String::from_utf8(bytes).ok()));
    }
    if input.is_object() {
        let text = JSON::stringify(input).map_err(|_| {
            type_error("the tree object cannot be turned into JSON (a cycle, or a BigInt)")
        })?;
        let text = String::from(text);
        let tree = Tree::parse_with(&text, &limits).map_err(|e| js_error(&e))?;
        return Ok((tree, None));
    }
    Err(type_error(
        "expected a JSON string, a Uint8Array or a tree object",
    ))
}

#[wasm_bindgen(skip_typescript)]
pub fn parse(input: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    if input.is_object() && input.dyn_ref::<Uint8Array>().is_none() {
        return Err(type_error("parse expects a JSON string or a Uint8Array"));
    }
    let (tree, _) = read(&input, &options)?;
    JSON::parse(&tree.to_string(&Format::compact()))
}

#[wasm_bindgen(skip_typescript)]
pub fn format(input: JsValue, options: JsValue) -> Result<String, JsValue> {
    let (tree, text) = read(&input, &options)?;
    let mut format = text.as_deref().map_or_else(Format::default, Format::detect);
    if let Some(indent) = get(&options, "indent") {
        format.indent = match (indent.as_f64(), indent.as_string().as_deref()) {
            (Some(n), _) if (0.0..=16.0).contains(&n) => Indent::Spaces(n as u8),
            (_, Some("tab")) => Indent::Tab,
            (_, Some("compact")) => Indent::Compact,
            _ => return Err(type_error("indent must be 0..16, \"tab\" or \"compact\"")),
        };
    }
    if let Some(ascii) = get(&options, "ascii").and_then(|v| v.as_bool()) {
        format.ascii = ascii;
    }
    if let Some(nl) = get(&options, "finalNewline").and_then(|v| v.as_bool()) {
        format.final_newline = nl;
    }
    Ok(tree.to_string(&format))
}

/// The package version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
