//! JavaScript bindings: the only module that knows wasm-bindgen. Each export converts its
//! arguments, calls the core, and converts the result or the error back.

use js_sys::{Array, Reflect, Uint8Array, JSON};
use wasm_bindgen::prelude::*;

mod errors;
use errors::{edit_error, options_error, parse_error, response_error, start_error};

use crate::diagnostic::Severity;
use crate::engine::{self, start};
use crate::json::{Format, Indent, Limits, Object, Value};
use crate::model::Tree;
use crate::rules::{self, Preset};

// Runs when the module is instantiated; wasm-bindgen also exports it, hence the internal name.
#[wasm_bindgen(start, js_name = "__start", skip_typescript)]
fn install_panic_hook() {
    // A panic is a bug; this makes it readable in the console instead of "unreachable".
    console_error_panic_hook::set_once();
}

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
import type { PipelineTree, TreeLine, TreeLocation } from "./tree.js";

/** The limits an input is read with; passing one gives a `ParseError` (codes `input-too-large`,
 *  `too-deep`, `string-too-long`, `too-many-nodes`, `too-many-flows`). */
export interface Limits {
  /** Largest input in bytes (default 64 MiB). */
  maxInputBytes: number;
  /** Deepest nesting of arrays and objects (default 512; at most 4,096 whatever is set). */
  maxDepth: number;
  /** Longest string in bytes (default 16 MiB). */
  maxStringBytes: number;
  /** Most nodes: events, activities and gateways, embedded pipelines included (default 200,000). */
  maxNodes: number;
  /** Most flows, embedded ones included (default 400,000). */
  maxFlows: number;
}

/** Sets the limits every later call reads input with (a call's own options still win) and
 *  returns the limits now in force. Throws an `OptionsError` for an unknown name or a value
 *  that is not a whole number from 1 up, and then changes nothing. */
export function setLimits(limits: Partial<Limits>): Limits;

/** The limits in force. */
export function getLimits(): Limits;

/** The size of the WebAssembly memory in bytes. It grows and never shrinks; memory an Editor
 *  frees (`free()`, or the garbage collector through FinalizationRegistry) is reused. */
export function wasmMemoryBytes(): number;

/** Limits on what `parse` accepts; each one passed gives a `ParseError`. */
export interface ParseOptions {
  /** Largest input in bytes (default 64 MiB). */
  maxInputBytes?: number;
  /** Deepest nesting of arrays and objects (default 512). */
  maxDepth?: number;
  /** Longest string in bytes (default 16 MiB). */
  maxStringBytes?: number;
  /** Most nodes: events, activities and gateways, embedded sub-process pipelines included
   *  (default 200,000). */
  maxNodes?: number;
  /** Most flows, embedded ones included (default 400,000). */
  maxFlows?: number;
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

/** One located problem of a `ParseError`. */
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
 *  Throws a `ParseError` with `code`, `path`, `line`, `column` and `problems` when the input
 *  is not a tree, an `OptionsError` for an input of another kind. */
export function parse(input: string | Uint8Array, options?: ParseOptions): PipelineTree;

/** What `validate` checks and how strictly. */
export interface ValidateOptions extends ParseOptions {
  /** "template" (save-time rules, default), "task" (adds task-creation rules as errors) or
   *  "engine" (only bamboo-engine's checks). */
  preset?: "template" | "task" | "engine";
  /** Loops allowed (SOPS, default) or forbidden (bamboo-engine's own default). */
  cycles?: "allow" | "forbid";
  /** Per-rule severity over the preset's, e.g. `{ WEB001: "off", GW010: "error" }`. */
  rules?: Record<string, "off" | "warning" | "error">;
  /** A SubProcess must embed its `pipeline`, as bamboo-engine's recursion needs. */
  requireSubprocessPipeline?: boolean;
  /** The templates SubProcess nodes may use; SUB001-005 check against it (silent without). */
  templates?: TemplateCatalogue | string;
  /** Also return the tree with the `converge_gateway_id`s the engine writes, as `tree`. */
  writeConverge?: boolean;
}

/** The server's templates, as far as sub-processes need them (from SOPS's template list and
 *  details). A template's `pipeline_tree`, when given, supplies its sub-processes and variables. */
export interface TemplateCatalogue {
  /** The project the tree is saved in or the task created in (SUB004). */
  project_id?: string | number;
  /** The tree's own template, when it is one: a reference back to it is a cycle (SUB002). */
  this?: { id: string | number; source?: "project" | "common"; project_scope?: (string | number)[] };
  templates: {
    id: string | number;
    /** "project" (default; SOPS's "business" too) or "common". */
    source?: string;
    name?: string;
    /** The latest version (SUB005 says when a node runs an older one). */
    version?: string;
    /** Common templates: the projects that may use it, "*" for all (SUB004). */
    project_scope?: (string | number)[];
    /** Its variables' keys (SUB005). */
    constants?: string[];
    subprocesses?: { template_id: string | number; template_source?: string }[];
    pipeline_tree?: object;
  }[];
}

/** One problem. */
export interface Diagnostic {
  /** Stable rule code, e.g. "GW004"; `rules()` lists them. */
  code: string;
  severity: "warning" | "error";
  message: string;
  message_zh: string;
  node_id?: string;
  flow_id?: string;
  /** JSON path, e.g. `$.gateways.n1.conditions`. */
  path?: string;
  /** An editor operation that repairs it (`Editor.apply(fix)`), where there is one. */
  fix?: { op: "repairDrawing" };
}

/** What bamboo-engine's `validate_and_process_pipeline` decides. */
export interface EngineVerdict {
  valid: boolean;
  error: null | {
    code: string;
    /** connection, cycle, converge, stream; crash (the engine raises KeyError and the like);
     *  hang (the engine never returns). */
    kind: "connection" | "cycle" | "converge" | "stream" | "crash" | "hang";
    node_id: string | null;
    /** The engine's own message where it has one. */
    message: string;
    /** SubProcess ids leading to the failing sub-pipeline. */
    pipeline?: string[];
  };
  /** gateway id -> converge_gateway_id, after the engine ran. */
  converge: Record<string, string | null>;
}

export interface Report {
  /** True exactly when no diagnostic is an error. */
  valid: boolean;
  /** Every problem, in a fixed order: the engine's refusal first, then by rule family. */
  diagnostics: Diagnostic[];
  engine: EngineVerdict;
  /** With `writeConverge`: the tree with converge_gateway_id written. */
  tree?: PipelineTree;
}

/** Every problem of a tree at once, and bamboo-engine's verdict. Throws `ParseError`
 *  when the input is not a tree at all (not JSON, wrong types...), `OptionsError` for bad
 *  options. Problems of a tree are returned in the report, never thrown. */
export function validate(tree: string | Uint8Array | object, options?: ValidateOptions): Report;

/** The nodes a task may start from (bamboo-engine `get_allowed_start_node_ids`, without
 *  duplicates, also on loops). Throws a `StartError` when the engine refuses the tree. */
export function allowedStartNodes(tree: string | Uint8Array | object, options?: ValidateOptions): string[];

/** The nodes a task starting at `startNodeId` skips. Throws a `StartError` (`START001`) when the
 *  node is not allowed. */
export function skippedNodes(tree: string | Uint8Array | object, startNodeId: string, options?: ValidateOptions): string[];

/** May the canvas draw a flow from `source` to `target`? `null` if so, else why not. */
export function canConnect(tree: string | Uint8Array | object, source: string, target: string):
  null | { code: string; message: string; message_zh: string };

/** Every rule: code, one-line doc in English and Chinese, severity per preset. */
export function rules(): { code: string; summary: string; summary_zh: string;
  severity: { template: string; task: string; engine: string } }[];

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
    crate::json::parse(&stringify(v, what)?, &Limits::default()).map_err(|e| parse_error(&e))
}

fn usize_option(options: &JsValue, key: &str) -> Option<usize> {
    get(options, key)
        .and_then(|v| v.as_f64())
        .filter(|f| *f >= 0.0)
        .map(|f| f as usize)
}

thread_local! {
    /// The limits in force when a call's options give none (`setLimits`).
    static LIMITS: std::cell::Cell<Limits> = std::cell::Cell::new(Limits::default());
}

/// The option names of the limits, with each one's field.
const LIMIT_NAMES: [(&str, fn(&mut Limits) -> &mut usize); 5] = [
    ("maxInputBytes", |l| &mut l.max_input_bytes),
    ("maxDepth", |l| &mut l.max_depth),
    ("maxStringBytes", |l| &mut l.max_string_bytes),
    ("maxNodes", |l| &mut l.max_nodes),
    ("maxFlows", |l| &mut l.max_flows),
];

fn current_limits() -> Limits {
    LIMITS.with(|l| l.get())
}

fn limits_json(mut l: Limits) -> Result<JsValue, JsValue> {
    let mut o = Object::new();
    for (name, field) in LIMIT_NAMES {
        o.insert(name, Value::from(*field(&mut l) as i64));
    }
    to_js(&Value::Object(o))
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
    for (key, value) in obj.iter() {
        let value = value.as_f64();
        let (_, field) = LIMIT_NAMES.iter().find(|(n, _)| *n == key).ok_or_else(|| {
            options_error(&format!(
                "unknown limit {key:?}; the limits are {}",
                LIMIT_NAMES.map(|(n, _)| n).join(", ")
            ))
        })?;
        match value {
            Some(v) if v >= 1.0 && v.fract() == 0.0 && v <= 9_007_199_254_740_991.0 => {
                *field(&mut l) = v as usize
            }
            _ => {
                return Err(options_error(&format!(
                    "{key} must be a whole number from 1 up"
                )))
            }
        }
    }
    LIMITS.with(|c| c.set(l));
    limits_json(l)
}

/// The limits in force (the defaults, or what `setLimits` set).
#[wasm_bindgen(js_name = getLimits, skip_typescript)]
pub fn get_limits() -> Result<JsValue, JsValue> {
    limits_json(current_limits())
}

/// The size of the WebAssembly memory in bytes. It grows and never shrinks; memory an Editor
/// frees (`free()`, or the garbage collector through FinalizationRegistry) is reused.
#[wasm_bindgen(js_name = wasmMemoryBytes, skip_typescript)]
pub fn wasm_memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65536) as f64
}

/// The limits in force, with those a call's options name instead.
fn limits(options: &JsValue) -> Limits {
    let mut l = current_limits();
    for (name, field) in LIMIT_NAMES {
        if let Some(v) = usize_option(options, name) {
            *field(&mut l) = v;
        }
    }
    l
}

/// Reads `input` (text, bytes, or an object) into a tree; returns the text it came from too.
fn read(input: &JsValue, options: &JsValue) -> Result<(Tree, Option<String>), JsValue> {
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
            _ => {
                return Err(options_error(
                    "indent must be 0..16, \"tab\" or \"compact\"",
                ))
            }
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

fn to_js(v: &Value) -> Result<JsValue, JsValue> {
    JSON::parse(&crate::json::to_string(v, &Format::compact()))
}

fn validate_options(options: &JsValue) -> Result<rules::Options, JsValue> {
    let mut o = rules::Options::default();
    if let Some(p) = get(options, "preset") {
        let p = p.as_string().unwrap_or_default();
        o.preset = Preset::parse(&p).ok_or_else(|| {
            options_error(&format!(
                "preset must be template, task or engine, not {p:?}"
            ))
        })?;
    }
    if let Some(c) = get(options, "cycles") {
        o.engine.cycle_tolerate = match c.as_string().as_deref() {
            Some("allow") => true,
            Some("forbid") => false,
            _ => return Err(options_error("cycles must be \"allow\" or \"forbid\"")),
        };
    }
    if let Some(b) = get(options, "requireSubprocessPipeline") {
        o.engine.require_subprocess_pipeline = b.as_bool().unwrap_or(false);
    }
    if let Some(t) = get(options, "templates") {
        let v = match t.as_string() {
            Some(text) => crate::json::parse(&text, &crate::Limits::default())
                .map_err(|e| options_error(&format!("templates: {e}")))?,
            None => json_of(&t, "templates")?,
        };
        let cat = rules::Catalogue::from_json(&v)
            .map_err(|e| options_error(&format!("templates: {e}")))?;
        o.templates = Some(std::sync::Arc::new(cat));
    }
    if let Some(r) = get(options, "rules") {
        let Value::Object(entries) = json_of(&r, "rules")? else {
            return Err(options_error("rules must be an object"));
        };
        for (code, level) in entries.iter() {
            if rules::RULES.iter().all(|r| r.code != code) {
                return Err(options_error(&format!("unknown rule {code}")));
            }
            let level = level.as_str().and_then(Severity::parse).ok_or_else(|| {
                options_error(&format!("rule {code}: level must be off, warning or error"))
            })?;
            o.severities.insert(code.to_owned(), level);
        }
    }
    Ok(o)
}

#[wasm_bindgen(skip_typescript)]
pub fn validate(input: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let opts = validate_options(&options)?;
    let (tree, _) = read(&input, &options)?;
    let report = rules::validate(&tree, &opts);
    let mut v = report.to_json();
    if get(&options, "writeConverge").and_then(|b| b.as_bool()) == Some(true) {
        let written = engine::write_converge(&tree, &report.engine);
        if let Value::Object(o) = &mut v {
            o.insert("tree", written.into_value());
        }
    }
    to_js(&v)
}

#[wasm_bindgen(skip_typescript)]
pub fn layout(input: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let params = if options.is_undefined() || options.is_null() {
        crate::layout::Params::default()
    } else {
        if !options.is_object() {
            return Err(options_error("layout options must be an object"));
        }
        let text = stringify(&options, "the layout options")?;
        let value = crate::json::parse(&text, &current_limits()).map_err(|e| parse_error(&e))?;
        let o = value
            .as_object()
            .ok_or_else(|| options_error("layout options must be an object"))?;
        crate::layout::Params::from_json(o).map_err(|e| options_error(&e.message))?
    };
    let (mut tree, _) = read(&input, &options)?;
    let l = crate::layout::layout(&tree, &params).map_err(|e| options_error(&e.message))?;
    let input_graph = crate::layout::Input::of(&tree);
    let mut routes = crate::json::Object::new();
    for r in &l.drawing.lines {
        if !r.points.is_empty() {
            let pts = r
                .points
                .iter()
                .map(|&(x, y)| {
                    Value::Array(vec![
                        Value::Number((x as i64).into()),
                        Value::Number((y as i64).into()),
                    ])
                })
                .collect();
            routes.insert(input_graph.flows[r.flow].key.clone(), Value::Array(pts));
        }
    }
    let root = tree.root_mut();
    root.insert("location", l.location.clone());
    root.insert("line", l.line.clone());
    let mut result = crate::json::Object::new();
    result.insert("tree", tree.into_value());
    result.insert("location", l.location);
    result.insert("line", l.line);
    result.insert("routes", Value::Object(routes));
    to_js(&Value::Object(result))
}

fn strings(v: Vec<String>) -> JsValue {
    v.into_iter().map(JsValue::from).collect::<Array>().into()
}

#[wasm_bindgen(js_name = allowedStartNodes, skip_typescript)]
pub fn allowed_start_nodes(input: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
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
    let (tree, _) = read(&input, &JsValue::UNDEFINED)?;
    refusal(rules::can_connect(&tree, &source, &target))
}

/// `null` when a connection is allowed, else `{code, message, message_zh}`.
fn refusal(answer: Result<(), rules::Refusal>) -> Result<JsValue, JsValue> {
    match answer {
        Ok(()) => Ok(JsValue::NULL),
        Err(r) => {
            let mut o = Object::new();
            o.insert("code", Value::from(r.code));
            o.insert("message", Value::from(r.message));
            o.insert("message_zh", Value::from(r.message_zh));
            to_js(&Value::Object(o))
        }
    }
}

#[wasm_bindgen(js_name = rules, skip_typescript)]
pub fn rule_list() -> Result<JsValue, JsValue> {
    let mut list = Vec::new();
    for r in rules::RULES {
        let mut o = Object::new();
        o.insert("code", Value::from(r.code));
        o.insert("summary", Value::from(r.summary));
        o.insert("summary_zh", Value::from(r.summary_zh));
        let mut sev = Object::new();
        for p in Preset::ALL {
            sev.insert(p.as_str(), Value::from(r.severity(p).as_str()));
        }
        o.insert("severity", Value::Object(sev));
        list.push(Value::Object(o));
    }
    to_js(&Value::Array(list))
}

/// The package version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

#[wasm_bindgen(typescript_custom_section)]
const TS_EDITOR: &str = r#"
/** Options of an `Editor`. */
export interface EditorOptions extends ParseOptions {
  /** Seed of the id generator (default: random). Equal seeds give equal ids. */
  seed?: number;
  /** Most undo steps kept (default 500). */
  historyLimit?: number;
  /** Keep the validator's diagnostics up to date: each outcome then says which appeared and
   *  disappeared. `graph: "deferred"` leaves the O(V+E) checks (engine verdict, ids,
   *  reachability) for `refreshGraph()`, e.g. when the page is idle; "eager" (default) runs
   *  them after every edit that changes the graph. */
  diagnostics?: boolean | (ValidateOptions & { graph?: "eager" | "deferred" });
}

/** Diagnostics that appeared and disappeared with an edit. */
export interface DiagnosticDelta {
  added: Diagnostic[];
  removed: Diagnostic[];
  /** The deferred graph checks have not run since the graph changed. */
  graphStale: boolean;
}

/** A node type: the canvas name (`location.type`) or the tree's `type`. */
export type NodeType =
  | "startpoint" | "endpoint" | "tasknode" | "subflow" | "parallelgateway" | "branchgateway"
  | "conditionalparallelgateway" | "convergegateway"
  | "EmptyStartEvent" | "EmptyEndEvent" | "ServiceActivity" | "SubProcess" | "ParallelGateway"
  | "ExclusiveGateway" | "ConditionalParallelGateway" | "ConvergeGateway";

export type ArrowName = "Left" | "Right" | "Top" | "Bottom";

/** How `layout` lays a tree out. */
export interface LayoutOptions {
  /** `"sops"` (default): SOPS's own auto-layout, exactly as its server draws (rows wrap at
   *  `canvasWidth`). `"layered"`: ours, with fewer crossings, gateways level with their
   *  converge gateways, straight long edges, no wrapping. */
  mode?: "sops" | "layered";
  /** Node sizes and origin: `"server"` (default; `draw_pipeline`'s 150x54 tasks, 44x44
   *  events, 34x34 gateways, start 60,100) or `"editor"` (what SOPS's editor sends: 154x54,
   *  34x34, 34x34, start 20,150). The fields below override either. */
  sizes?: "server" | "editor";
  activitySize?: [number, number];
  eventSize?: [number, number];
  gatewaySize?: [number, number];
  /** Top-left of the first node. */
  start?: [number, number];
  /** `sops`: rows wider than this wrap (default 1300). */
  canvasWidth?: number;
  /** `layered`: gap between columns (default 80) and between nodes of a column (default 40). */
  columnGap?: number;
  rowGap?: number;
  /** `layered`: nodes that have a `location` keep it; only the others are placed. */
  keepPlaced?: boolean;
}

/** A laid-out tree. */
export interface LayoutResult {
  /** The input tree with the new `location` and `line` (every other byte unchanged). */
  tree: PipelineTree;
  location: TreeLocation[];
  line: TreeLine[];
  /** The bend points each long flow was routed through, from source to target. */
  routes: Record<string, [number, number][]>;
}

/** Lay a tree out. Throws `ParseError` for input that is not a tree, and an `OptionsError`
 *  naming the option for bad options. */
export function layout(input: string | Uint8Array | object, options?: LayoutOptions): LayoutResult;

/** One editing operation (SOPS canvas semantics). */
export type Operation =
  /** A node with its top-left corner at (x, y). `code`/`version`: the plugin (a task) or the
   *  template (`templateId`, a sub-process). `id` to choose the id. */
  | { op: "addNode"; type: NodeType; x: number; y: number; name?: string; code?: string;
      version?: string; templateId?: string; id?: string }
  /** Delete a node with its flows, drawing and variables; `reconnect` bridges a node with one
   *  flow in and one out. */
  | { op: "removeNode"; id: string; reconnect?: boolean }
  /** Draw a flow if the canvas rules allow it; else throws with the rule code (FE001…). */
  | { op: "connect"; source: string; target: string; sourceArrow?: ArrowName; targetArrow?: ArrowName }
  | { op: "disconnect"; flow: string }
  /** Delete every flow of a node ("解除连线"). */
  | { op: "disconnectNode"; id: string; reconnect?: boolean }
  /** A new node on an existing flow; the first half keeps the branch condition. */
  | { op: "insertOnFlow"; flow: string; type: NodeType; x: number; y: number; name?: string;
      code?: string; version?: string; templateId?: string }
  /** Nodes to absolute positions. */
  | { op: "move"; nodes: { id: string; x: number; y: number }[] }
  /** Set or remove top-level node fields (not id, type, incoming, outgoing, conditions). */
  | { op: "updateNode"; id: string; fields?: Record<string, unknown>; remove?: string[] }
  | { op: "setCondition"; gateway: string; flow: string; name?: string; evaluate?: string }
  | { op: "setDefault"; gateway: string; flow: string; name?: string }
  /** Copy nodes and the flows between them, shifted by (dx, dy). */
  | { op: "paste"; nodes: string[]; dx?: number; dy?: number }
  | { op: "replacePlugin"; id: string; code: string; version?: string; name?: string }
  /** Make `line` and `location` agree with the flows and nodes. */
  | { op: "repairDrawing" }
  /** Lay the tree out (new `location` and `line`; one undo step). */
  | ({ op: "layout" } & LayoutOptions)
  /** Several operations as one undo step. */
  | { op: "batch"; ops: Operation[] };

/** Ids added, removed and updated by an operation. */
export interface Changes { added: string[]; removed: string[]; updated: string[] }

/** What an operation (or undo/redo) changed. */
export interface Delta {
  nodes: Changes; flows: Changes; lines: Changes; locations: Changes; constants: Changes;
  /** Top-level keys changed as a whole. */
  other: string[];
}

/** What an operation gives back besides its delta. */
export interface OperationResult {
  /** addNode, insertOnFlow: the new node's id. */
  id?: string;
  /** insertOnFlow: the two flows that replace the one split. */
  flows?: string[];
  /** connect: the new flow's id. */
  flow?: string;
  /** paste: old id -> new id, for nodes and flows. */
  ids?: Record<string, string>;
  /** removeNode/disconnectNode with `reconnect`: the bridging flow's id. */
  bridge?: string;
  /** batch: each operation's result, in order. */
  results?: OperationResult[];
}

export interface Outcome {
  delta: Delta;
  /** With the `diagnostics` option. */
  diagnostics?: DiagnosticDelta;
  /** addNode/insertOnFlow: `{id}` (+ `flows`); connect: `{flow}`; paste: `{ids: {old: new}}`;
   *  removeNode/disconnectNode with a bridge: `{bridge}`; batch: `{results}`. */
  result: OperationResult;
}

/** A tree held in wasm and edited by operations. Refused operations throw an `EditError` with a
 *  `code` (`unknown-node`, `FE004`…) and change nothing. */
export class Editor {
  /** From a tree (text, bytes or object), or SOPS's new template when `tree` is null/undefined. */
  constructor(tree?: string | Uint8Array | object | null, options?: EditorOptions);
  apply(op: Operation): Outcome;
  undo(): Outcome;
  redo(): Outcome;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  readonly historyLength: number;
  setHistoryLimit(limit: number): void;
  /** The tree as text, in the layout it was read with. */
  export(): string;
  /** The tree as a plain object. */
  tree(): PipelineTree;
  /** Every problem of the current tree, validated in full. */
  validate(options?: ValidateOptions): Report;
  /** The kept diagnostics (with the `diagnostics` option; else throws). */
  diagnostics(): Report & { graphStale: boolean };
  /** Runs deferred graph checks; returns what changed. */
  refreshGraph(): DiagnosticDelta;
  canConnect(source: string, target: string): null | { code: string; message: string; message_zh: string };
  /** Where flows, wiring, conditions, line and location disagree (empty: in step). */
  inconsistencies(): string[];
  free(): void;
}
"#;

/// A tree being edited (see the TypeScript declaration above).
#[wasm_bindgen(skip_typescript)]
pub struct Editor {
    doc: crate::edit::Document,
}

#[wasm_bindgen]
impl Editor {
    #[wasm_bindgen(constructor)]
    pub fn new(tree: JsValue, options: JsValue) -> Result<Editor, JsValue> {
        let mut opts = crate::edit::EditorOptions {
            seed: (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64,
            ..Default::default()
        };
        if let Some(seed) = get(&options, "seed").and_then(|v| v.as_f64()) {
            opts.seed = seed as u64;
        }
        if let Some(limit) = usize_option(&options, "historyLimit") {
            opts.history_limit = limit;
        }
        let mut doc = if tree.is_undefined() || tree.is_null() {
            crate::edit::Document::new_template(&opts)
        } else {
            let (parsed, text) = read(&tree, &options)?;
            let mut doc = crate::edit::Document::new(parsed, &opts);
            if let Some(t) = text {
                doc.set_format(Format::detect(&t));
            }
            doc
        };
        if let Some(d) = get(&options, "diagnostics") {
            if d.as_bool() != Some(false) {
                let eager = match get(&d, "graph").and_then(|g| g.as_string()).as_deref() {
                    None | Some("eager") => true,
                    Some("deferred") => false,
                    Some(other) => {
                        return Err(options_error(&format!(
                            "diagnostics.graph must be eager or deferred, not {other:?}"
                        )))
                    }
                };
                doc.keep_diagnostics(validate_options(&d)?, eager);
            }
        }
        Ok(Editor { doc })
    }

    pub fn diagnostics(&self) -> Result<JsValue, JsValue> {
        let list = self.doc.diagnostics().ok_or_else(|| {
            edit_error(&crate::edit::EditError::new(
                "no-diagnostics",
                "create the Editor with the diagnostics option",
            ))
        })?;
        let verdict = self.doc.verdict().cloned().unwrap_or_default();
        let valid = crate::diagnostic::none_is_error(&list);
        let mut v = rules::Report {
            valid,
            diagnostics: list,
            engine: verdict,
        }
        .to_json();
        if let Value::Object(o) = &mut v {
            o.insert("graphStale", Value::from(self.doc.graph_stale()));
        }
        to_js(&v)
    }

    #[wasm_bindgen(js_name = refreshGraph)]
    pub fn refresh_graph(&mut self) -> Result<JsValue, JsValue> {
        let d = self.doc.refresh_graph().ok_or_else(|| {
            edit_error(&crate::edit::EditError::new(
                "no-diagnostics",
                "create the Editor with the diagnostics option",
            ))
        })?;
        to_js(&d.to_json())
    }

    pub fn apply(&mut self, op: JsValue) -> Result<JsValue, JsValue> {
        let text = stringify(&op, "the operation")?;
        let value = crate::json::parse(&text, &current_limits()).map_err(|e| parse_error(&e))?;
        let op = crate::edit::Op::from_json(&value).map_err(|e| edit_error(&e))?;
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
        let opts = validate_options(&options)?;
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
        strings(crate::edit::inconsistencies(self.doc.tree()))
    }
}

// Payloads: request bodies, node exclusion, responses (`crate::payload`).

#[wasm_bindgen(typescript_custom_section)]
const TS_PAYLOAD: &str = r#"
/** What a payload builder returns. `valid` is false when a diagnostic is an error: do not send. */
/** A built body: typed when it is valid; as far as it could be built otherwise. */
export type PayloadResult<Body> = PayloadReport & (
  | { valid: true; /** The request body, fields in the order of the API document. */ body: Body }
  | { valid: false; /** The fields as given where they are wrong, so the panel can show them. */
      body: Record<string, unknown> });

/** What every payload builder reports besides the body. */
export interface PayloadReport {
  /** True exactly when no diagnostic is an error. */
  valid: boolean;
  /** Payload rules (PAY, MOCK, CLOCK, EXCL; paths into the input) first, then the validator's
   *  report of the tree as the server checks it (paths into the tree). `payloadRules()` lists
   *  the payload codes. */
  diagnostics: Diagnostic[];
  /** When the server prunes the tree (excluded nodes, schemes, include_node_ids): the tree the
   *  task runs, the activities left out and the variables dropped. */
  tree?: PipelineTree;
  excluded?: string[];
  constants_not_referred?: string[];
  /** Mock tasks: the outputs each mocked node really gets. */
  outputs?: Record<string, unknown>;
}

/** The task service's notification settings (an empty object means the defaults). */
export interface NotifyConfig {
  notify_type: { success?: string[]; fail?: string[] };
  notify_receivers: { receiver_group?: string[]; more_receiver?: string };
  notify_format?: { title?: string; content?: string };
}

/** BKFlow `create_task_without_template`. */
export interface CreateTaskInput {
  creator: string;
  name?: string;
  scope_type?: string;
  scope_value?: string;
  description?: string;
  /** Variable values: `{"${key}": value}`. */
  constants?: Record<string, unknown>;
  /** `{key: base64 of a JSON object}`. */
  credentials?: Record<string, string>;
  notify_config?: NotifyConfig | Record<string, never>;
  custom_span_attributes?: Record<string, unknown>;
  /** Optional nodes to leave out; the body then carries the pruned tree. */
  exclude_task_nodes_id?: string[];
}

export interface CreateTaskBody {
  creator: string;
  pipeline_tree: PipelineTree;
  name?: string;
  scope_type?: string;
  scope_value?: string;
  description?: string;
  constants?: Record<string, unknown>;
  credentials?: Record<string, string>;
  notify_config?: NotifyConfig | Record<string, never>;
  custom_span_attributes?: Record<string, unknown>;
}

export interface MockData {
  /** Activities that return `outputs` instead of running. */
  nodes: string[];
  /** `{node_id: {output_key: value}}`. */
  outputs: Record<string, Record<string, unknown>>;
  /** `{node_id: saved mock data id}`; fills empty `outputs` (open API only). */
  mock_data_ids: Record<string, number>;
}

/** A saved mock data row, as `get_template_mock_data` returns it. */
export interface MockDataRow {
  id: number;
  node_id?: string;
  template_id?: number;
  name?: string;
  is_default?: boolean;
  data: Record<string, unknown>;
}

/** BKFlow `create_mock_task`: the open API (`endpoint: "api"`, default) or the web page's
 *  endpoint (`"web"`: the tree in the body, optionally pruned to `include_node_ids`). */
export interface MockTaskInput {
  endpoint?: "api" | "web";
  /** Required by the open API. */
  template_id?: number | string;
  name: string;
  creator: string;
  description?: string;
  constants?: Record<string, unknown>;
  credentials?: Record<string, string>;
  custom_span_attributes?: Record<string, unknown>;
  mock_data?: Partial<MockData>;
  include_node_ids?: string[];
  /** The template's saved mock data (the response of get_template_mock_data, or its rows). */
  mock_data_rows?: MockDataRow[] | { data: MockDataRow[] };
  /** `{component code: [output keys]}`: checks the mocked outputs' keys. */
  plugin_outputs?: Record<string, string[]>;
}

export interface MockTaskBody {
  template_id?: number;
  name: string;
  creator: string;
  description?: string;
  constants?: Record<string, unknown>;
  credentials?: Record<string, string>;
  custom_span_attributes?: Record<string, unknown>;
  pipeline_tree?: PipelineTree;
  include_node_ids?: string[];
  mock_data: MockData;
}

/** SOPS `create_clocked_task`. */
export interface ClockedTaskInput {
  bk_biz_id: string | number;
  template_id: string | number;
  task_name: string;
  /** `YYYY-MM-DD HH:MM:SS+ZZZZ`; without zone it is read in Asia/Shanghai. */
  plan_start_time: string;
  task_parameters?: {
    constants?: Record<string, unknown>;
    template_schemes_id?: (number | string)[];
    exclude_task_nodes_id?: string[];
    appoint_task_nodes_id?: string[];
  };
  scope?: "cmdb_biz" | "project";
  /** The current time (same text form, or milliseconds since 1970); default `Date.now()`;
   *  `null` leaves plan_start_time unchecked. */
  now?: string | number | null;
  /** The template's execution schemes: `{id: [node ids]}` or `[{id, unique_id?, data}]`. */
  schemes?: Record<string, string[]> | { id: number | string; unique_id?: string; data: string | string[] }[];
}

export interface ClockedTaskBody {
  bk_biz_id: string;
  template_id: string;
  task_name: string;
  plan_start_time: string;
  /** As given: `exclude_task_nodes_id` or `appoint_task_nodes_id` travel here too. */
  task_parameters: { constants: Record<string, unknown>; template_schemes_id: (number | string)[];
    exclude_task_nodes_id?: string[]; appoint_task_nodes_id?: string[]; [key: string]: unknown };
  scope: "cmdb_biz" | "project";
}

/** Build and check a `create_task_without_template` body for `tree`. */
export function buildCreateTaskPayload(tree: string | Uint8Array | object, input: CreateTaskInput): PayloadResult<CreateTaskBody>;

/** Build and check a `create_mock_task` body; `tree` is the template's (draft) tree. */
export function buildMockTaskPayload(tree: string | Uint8Array | object, input: MockTaskInput): PayloadResult<MockTaskBody>;

/** Build and check a `create_clocked_task` body; with the template's tree, also the variables
 *  and the tree the task will run. */
export function buildClockedTaskPayload(tree: string | Uint8Array | object | null | undefined, input: ClockedTaskInput): PayloadResult<ClockedTaskBody>;

/** What node exclusion gives. */
export interface Exclusion {
  valid: boolean;
  tree: PipelineTree;
  excluded: string[];
  constants_not_referred: string[];
  /** EXCL diagnostics: errors where the server's exclusion fails. */
  diagnostics: Diagnostic[];
}

/** Leave optional activities out as the servers do (`preview_pipeline_tree_exclude_task_nodes`). */
export function excludeNodes(tree: string | Uint8Array | object, ids: string[]): Exclusion;

/** A task (create task, create mock task). */
export interface TaskRecord {
  id: number;
  space_id: number | null;
  scope_type: string | null;
  scope_value: string | null;
  instance_id: string | null;
  template_id: number | null;
  name: string | null;
  creator: string | null;
  create_time: string | null;
  create_method: "API" | "MOCK" | "DEBUG" | string | null;
  trigger_method: string | null;
  executor: string | null;
  start_time: string | null;
  finish_time: string | null;
  description: string | null;
  is_started: boolean | null;
  is_finished: boolean | null;
  is_revoked: boolean | null;
  is_deleted: boolean | null;
  is_expired: boolean | null;
  snapshot_id: number | null;
  execution_snapshot_id: number | null;
  tree_info_id: number | null;
  extra_info: Record<string, unknown> | null;
  /** Fields not named above. */
  extra: Record<string, unknown>;
}

/** A clocked task. */
export interface ClockedTaskRecord {
  id: number;
  project_id: number | null;
  task_id: number | null;
  task_name: string | null;
  template_id: number | null;
  template_name: string | null;
  template_source: string | null;
  creator: string | null;
  editor: string | null;
  create_time: string | null;
  edit_time: string | null;
  plan_start_time: string | null;
  state: string | null;
  task_parameters: Record<string, unknown> | null;
  clocked_task_id: number | null;
  extra: Record<string, unknown>;
}

/** A response read: the envelope and its record, or the error. */
export interface ParsedResponse {
  kind: "task" | "clocked-task";
  ok: boolean;
  /** As written: "0" (BKFlow), "0"/"400"/"3540000"... as text. */
  code: string | null;
  message: string;
  trace_id: string | null;
  task?: TaskRecord;
  clocked_task?: ClockedTaskRecord;
  error?: { message: string; data: unknown };
}

/** Read a response body (text or a parsed object). Throws a `ResponseError`
 *  with `code` (RESP001 not JSON, RESP002 not an envelope, RESP003 a field of the wrong type)
 *  and `path`. */
export function parseResponse(kind: "task" | "mock-task" | "clocked-task", body: string | object): ParsedResponse;

/** Every payload rule: code, severity, one-line doc in English and Chinese. */
export function payloadRules(): { code: string; severity: "warning" | "error"; summary: string; summary_zh: string }[];
"#;

/// The builder input: a plain object, read through JSON.
fn payload_input(input: &JsValue) -> Result<Object, JsValue> {
    if !input.is_object() {
        return Err(options_error(
            "the input must be an object of request fields",
        ));
    }
    let text = stringify(input, "the input")?;
    match crate::json::parse(&text, &current_limits()).map_err(|e| parse_error(&e))? {
        Value::Object(o) => Ok(o),
        _ => Err(options_error(
            "the input must be an object of request fields",
        )),
    }
}

fn build_payload(
    api: crate::payload::Api,
    tree: &JsValue,
    input: &JsValue,
) -> Result<JsValue, JsValue> {
    let mut input = payload_input(input)?;
    let tree = if tree.is_undefined() || tree.is_null() {
        None
    } else {
        Some(read(tree, &JsValue::UNDEFINED)?.0)
    };
    if api == crate::payload::Api::ClockedTask && !input.contains_key("now") {
        input.insert("now", Value::from(js_sys::Date::now() as i64));
    }
    let built = api
        .build(tree.as_ref(), &input)
        .ok_or_else(|| options_error("this payload needs the tree"))?;
    to_js(&built.to_json())
}

#[wasm_bindgen(js_name = buildCreateTaskPayload, skip_typescript)]
pub fn build_create_task_payload(tree: JsValue, input: JsValue) -> Result<JsValue, JsValue> {
    build_payload(crate::payload::Api::CreateTask, &tree, &input)
}

#[wasm_bindgen(js_name = buildMockTaskPayload, skip_typescript)]
pub fn build_mock_task_payload(tree: JsValue, input: JsValue) -> Result<JsValue, JsValue> {
    build_payload(crate::payload::Api::MockTask, &tree, &input)
}

#[wasm_bindgen(js_name = buildClockedTaskPayload, skip_typescript)]
pub fn build_clocked_task_payload(tree: JsValue, input: JsValue) -> Result<JsValue, JsValue> {
    build_payload(crate::payload::Api::ClockedTask, &tree, &input)
}

#[wasm_bindgen(js_name = excludeNodes, skip_typescript)]
pub fn exclude_nodes(tree: JsValue, ids: JsValue) -> Result<JsValue, JsValue> {
    let (tree, _) = read(&tree, &JsValue::UNDEFINED)?;
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
    to_js(&crate::payload::exclude(&tree, &ids).to_json())
}

#[wasm_bindgen(js_name = parseResponse, skip_typescript)]
pub fn parse_response(kind: JsValue, body: JsValue) -> Result<JsValue, JsValue> {
    let kind = string_arg(&kind, "kind")?;
    let kind = crate::payload::ResponseKind::parse(&kind).ok_or_else(|| {
        options_error(&format!(
            "kind must be task, mock-task or clocked-task, not {kind:?}"
        ))
    })?;
    let text = match body.as_string() {
        Some(t) => t,
        None if body.is_object() => String::from(stringify(&body, "the body")?),
        None => return Err(options_error("the body must be text or an object")),
    };
    match crate::payload::parse_response(kind, &text) {
        Ok(r) => to_js(&r.to_json()),
        Err(e) => Err(response_error(&e)),
    }
}

#[wasm_bindgen(js_name = payloadRules, skip_typescript)]
pub fn payload_rules() -> Result<JsValue, JsValue> {
    let list = crate::payload::RULES
        .iter()
        .map(|r| {
            let mut o = Object::new();
            o.insert("code", Value::from(r.code));
            o.insert("severity", Value::from(r.severity.as_str()));
            o.insert("summary", Value::from(r.summary));
            o.insert("summary_zh", Value::from(r.summary_zh));
            Value::Object(o)
        })
        .collect();
    to_js(&Value::Array(list))
}
