//! The public TypeScript declarations of the JS API: every options and result interface is
//! rendered from its table in the core (`shape`); the functions and the `Editor` class, which
//! are not data, are written here by hand. The package's `crates/wasm/types/*.d.ts` are this
//! text (the wasm bindings include them); `tests/typescript_test.rs` fails when they differ.

use crate::shape::{self, Decl};
use crate::{edit, error, layout, options, payload, rules, wrapped};

const HEADER: &str =
    "// Generated from the core's type tables (src/api/declarations.rs); do not edit.\n\
                      // `BLESS=1 cargo test --test typescript_test` rewrites it.\n";

/// `api.d.ts`: reading, writing, validating, limits, editor options, layout.
pub static API: &[Decl] = &[
    Decl::Text("import type { PipelineTree, TreeLine, TreeLocation, TreeEvent, TreeActivity, TreeGateway, TreeFlow, TreeConstant } from \"./tree.js\";\n"),
    Decl::Interface(&options::LIMITS),
    Decl::Text(
        "/** Sets the limits every later call reads input with (a call's own options still win) and
 *  returns the limits now in force. Throws an `OptionsError` for an unknown name or a value
 *  that is not a whole number from 1 up, and then changes nothing. */
export function setLimits(limits: Partial<Limits>): Limits;

/** The limits in force. */
export function getLimits(): Limits;

/** The size of the WebAssembly memory in bytes. It grows and never shrinks; memory an Editor
 *  frees (`free()`, or the garbage collector through FinalizationRegistry) is reused. */
export function wasmMemoryBytes(): number;
",
    ),
    Decl::Interface(&options::SOURCE_OPTIONS),
    Decl::Interface(&options::PARSE_OPTIONS),
    Decl::Interface(&options::EXPORT_OPTIONS),
    Decl::Interface(&options::FORMAT_OPTIONS),
    Decl::Interface(&error::PROBLEM),
    Decl::Interface(&wrapped::EXPORT_TEMPLATE),
    Decl::Interface(&wrapped::TREE_SOURCE),
    Decl::Text(
        "/** Where an input holds its tree, without reading the tree: a bare tree, an API response
 *  (`data.pipeline_tree`), a request body (`pipeline_tree`), a SOPS export file (its templates
 *  listed; `template` chooses one), each possibly with the tree held as JSON text. An export
 *  file with several templates and no `template` gives `templates` and no `template`. Throws a
 *  `ParseError` (`not-a-tree`, saying what the input looks like; `unknown-template`) when no
 *  tree can be found, an `OptionsError` for an input of another kind. */
export function findTree(input: string | Uint8Array | object, options?: ParseOptions): TreeSource;
",
    ),
    Decl::Text(
        "/** Read a pipeline tree from JSON text (or UTF-8 bytes) and return it as a plain object; a
 *  wrapped tree (see `findTree`) is taken out of its wrapper. Throws a `ParseError` with
 *  `code`, `path`, `line`, `column` and `problems` when the input is not a tree, an
 *  `OptionsError` for an input of another kind. */
export function parse(input: string | Uint8Array, options?: ParseOptions): PipelineTree;
",
    ),
    Decl::Interface(&rules::VALIDATE_OPTIONS),
    Decl::Interface(&rules::TEMPLATE_CATALOGUE),
    Decl::Interface(&crate::diagnostic::DIAGNOSTIC),
    Decl::Interface(&rules::ENGINE_VERDICT),
    Decl::Interface(&rules::REPORT),
    Decl::Text(
        "/** Every problem of a tree at once, and bamboo-engine's verdict. Throws `ParseError`
 *  when the input is not a tree at all (not JSON, wrong types...), `OptionsError` for bad
 *  options. Problems of a tree are returned in the report, never thrown. */
export function validate(tree: string | Uint8Array | object, options?: ValidateOptions): Report;

/** The nodes a task may start from (bamboo-engine `get_allowed_start_node_ids`, without
 *  duplicates, also on loops). Throws a `StartError` when the engine refuses the tree. */
export function allowedStartNodes(tree: string | Uint8Array | object, options?: ValidateOptions): string[];

/** The nodes a task starting at `startNodeId` skips. Throws a `StartError` (`START001`) when the
 *  node is not allowed. */
export function skippedNodes(tree: string | Uint8Array | object, startNodeId: string, options?: ValidateOptions): string[];
",
    ),
    Decl::Interface(&rules::REFUSAL),
    Decl::Text(
        "/** May the canvas draw a flow from `source` to `target`? `null` if so, else why not. */
export function canConnect(tree: string | Uint8Array | object, source: string, target: string): null | Refusal;
",
    ),
    Decl::Interface(&rules::RULE),
    Decl::Text(
        "/** Every rule: code, one-line doc in English and Chinese, severity per preset. */
export function rules(): Rule[];

/** Write a tree (JSON text, bytes, or an object) as text: the tree alone, or with `wrapper:
 *  \"keep\"` the whole wrapper it was read out of. Text input keeps its layout unless options
 *  say otherwise; reading and writing back unchanged gives the same bytes. */
export function format(input: string | Uint8Array | object, options?: FormatOptions): string;
",
    ),
    Decl::Interface(&edit::EDITOR_OPTIONS),
    Decl::Interface(&edit::DIAGNOSTICS_OPTIONS),
    Decl::Interface(&edit::DIAGNOSTIC_DELTA),
    edit::ops::NODE_TYPE_ALIAS,
    edit::ops::ARROW_ALIAS,
    Decl::Interface(&layout::LAYOUT_OPTIONS),
    Decl::Interface(&layout::LAYOUT_RESULT),
    Decl::Interface(&layout::LAYOUT_WARNING),
    Decl::Text(
        "/** Lay a tree out. Throws `ParseError` for input that is not a tree, and an `OptionsError`
 *  naming the option for bad options. */
export function layout(input: string | Uint8Array | object, options?: LayoutOptions): LayoutResult;
",
    ),
];

/// `editor.d.ts`: operations, outcomes, the `Editor` class.
pub static EDITOR: &[Decl] = &[
    Decl::Interface(&edit::ops::NEW_NODE),
    edit::OPERATION,
    Decl::Interface(&edit::CHANGES),
    Decl::Interface(&edit::DELTA),
    Decl::Interface(&edit::OPERATION_RESULT),
    Decl::Interface(&edit::UNBRIDGED),
    Decl::Interface(&edit::OUTCOME),
    Decl::Interface(&edit::ITEM),
    Decl::Interface(&crate::variables::refs::USE),
    Decl::Interface(&crate::variables::refs::VARIABLE_SUMMARY),
    Decl::Interface(&crate::variables::plugins::PLUGIN_CATALOGUE),
    Decl::Interface(&crate::variables::plugins::PLUGIN_INFO),
    Decl::Interface(&crate::variables::plugins::PLUGIN_VERSION),
    Decl::Interface(&crate::variables::plugins::PLUGIN_INPUT),
    Decl::Interface(&crate::variables::plugins::PLUGIN_OUTPUT),
    Decl::Text(
        "/** A tree held in wasm and edited by operations. Refused operations throw an `EditError` with a
 *  `code` (`unknown-node`, `FE004`…) and the reason in Chinese (`message_zh`), and change
 *  nothing. */
export class Editor {
  /** From a tree (text, bytes or object; a wrapped tree is taken out of its wrapper, `template`
   *  choosing in an export file), or SOPS's new template when `tree` is null/undefined. */
  constructor(tree?: string | Uint8Array | object | null, options?: EditorOptions);
  apply(op: Operation): Outcome;
  undo(): Outcome;
  redo(): Outcome;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  readonly historyLength: number;
  setHistoryLimit(limit: number): void;
  /** Where the tree was found (`wrapper: \"none\"` for a bare tree or a new template). */
  source(): TreeSource;
  /** The tree as text, in the layout it was read with; with `wrapper: \"keep\"`, the whole
   *  wrapper it was read out of, the current tree in its place (byte for byte as read when
   *  nothing changed). */
  export(options?: ExportOptions): string;
  /** The tree as a plain object. */
  tree(options?: { wrapper?: \"strip\" }): PipelineTree;
  /** With `wrapper: \"keep\"`: the whole wrapper as a plain object, the current tree in its place
   *  (as JSON text when it was held as text); the tree alone for a bare tree. */
  tree(options: ExportOptions): PipelineTree | Record<string, unknown>;
  /** Every problem of the current tree, validated in full. */
  validate(options?: ValidateOptions): Report;
  /** The kept diagnostics (with the `diagnostics` option; else throws); `pending` counts the
   *  units not run yet (opened with `diagnostics.units: \"in-steps\"`). */
  diagnostics(): Report & { graphStale: boolean; pending?: number };
  /** What `diagnostics()` says besides the list (the engine's verdict as kept, the format,
   *  `graphStale`, `pending`), in time independent of the number of diagnostics. */
  verdict(): Pick<Report, \"engine\" | \"format\"> & { graphStale: boolean; pending?: number };
  /** Runs pending units (opened with `diagnostics.units: \"in-steps\"`) for about `ms`
   *  milliseconds (default 30; at least one unit); returns what they found, with `pending`
   *  while some are left. */
  settle(ms?: number): DiagnosticDelta;
  /** Runs the pending units, then the deferred graph checks; returns what changed. */
  refreshGraph(): DiagnosticDelta;
  /** Computes the layout these options give (as the `layout` operation reads them) for the
   *  tree as it is, for a `layout` operation with the same options to apply if no edit, undo
   *  or redo comes first: on a big tree, the layout and its application are then two shorter
   *  calls. The operation's outcome is the same either way. */
  prepareLayout(options?: LayoutOptions): void;
  /** The tree's top-level members in order, with the entries of each object or array: what
   *  `treePart` reads a big tree by, a slice at a time. */
  treeParts(): { key: string; size: number | null }[];
  /** The value of the `i`th top-level member; of an object or array, only its entries from
   *  position `from` up to `to` (an object of those keys, or an array). */
  treePart(i: number, from?: number, to?: number): unknown;
  canConnect(source: string, target: string): null | Refusal;
  /** Where flows, wiring, conditions, line and location disagree (empty: in step). */
  inconsistencies(): string[];
  /** Every place that uses the variable `key` (`name` or `${name}`): hooked inputs, `${...}`
   *  references in inputs, conditions, variables and sub-process parameters, received outputs,
   *  the outputs list. */
  references(key: string): VariableUse[];
  /** Each variable, in the order of `constants`, with how many places use it. */
  variables(): VariableSummary[];
  /** The plugin catalogue this Editor uses (its `plugins` option, or the built-in one): what
   *  the node panel's plugin list, version choice and input form are built from. */
  plugins(): PluginCatalogue;
  /** One item as it is in the tree, or `undefined`: a node (activity, gateway, start or end
   *  event) by id, a flow, a variable by key, the first `line` or `location` item with the id,
   *  or a top-level key. Answers in time proportional to the item, not the tree. */
  get(kind: \"node\", id: string): TreeActivity | TreeGateway | TreeEvent | undefined;
  get(kind: \"flow\", id: string): TreeFlow | undefined;
  get(kind: \"constant\", key: string): TreeConstant | undefined;
  get(kind: \"line\", id: string): TreeLine | undefined;
  get(kind: \"location\", id: string): TreeLocation | undefined;
  get(kind: \"key\", key: string): unknown;
  free(): void;
}
",
    ),
];

/// `payload.d.ts`: request bodies, node exclusion, responses.
pub static PAYLOAD: &[Decl] = &[
    Decl::Text(
        "/** What a payload builder returns: the body, typed when it is valid (`valid` is false when a
 *  diagnostic is an error: do not send); as far as it could be built otherwise. */
export type PayloadResult<Body> = PayloadReport & (
  | { valid: true; /** The request body, fields in the order of the API document. */ body: Body }
  | { valid: false; /** The fields as given where they are wrong, so the panel can show them. */
      body: Record<string, unknown> });
",
    ),
    Decl::Interface(&payload::PAYLOAD_REPORT),
    Decl::Interface(&payload::NOTIFY_CONFIG),
    Decl::Interface(&payload::CREATE_TASK_INPUT),
    Decl::Interface(&payload::CREATE_TASK_BODY),
    Decl::Interface(&payload::MOCK_DATA),
    Decl::Interface(&payload::MOCK_DATA_ROW),
    Decl::Interface(&payload::MOCK_TASK_INPUT),
    Decl::Interface(&payload::MOCK_TASK_BODY),
    Decl::Interface(&payload::CLOCKED_TASK_INPUT),
    Decl::Interface(&payload::CLOCKED_TASK_BODY),
    Decl::Text(
        "/** Build and check a `create_task_without_template` body for `tree`. */
export function buildCreateTaskPayload(tree: string | Uint8Array | object, input: CreateTaskInput): PayloadResult<CreateTaskBody>;

/** Build and check a `create_mock_task` body; `tree` is the template's (draft) tree. */
export function buildMockTaskPayload(tree: string | Uint8Array | object, input: MockTaskInput): PayloadResult<MockTaskBody>;

/** Build and check a `create_clocked_task` body; with the template's tree, also the variables
 *  and the tree the task will run. */
export function buildClockedTaskPayload(tree: string | Uint8Array | object | null | undefined, input: ClockedTaskInput): PayloadResult<ClockedTaskBody>;
",
    ),
    Decl::Interface(&payload::EXCLUSION),
    Decl::Text(
        "/** Leave optional activities out as the servers do (`preview_pipeline_tree_exclude_task_nodes`). */
export function excludeNodes(tree: string | Uint8Array | object, ids: string[]): Exclusion;
",
    ),
    Decl::Interface(&payload::TASK_RECORD),
    Decl::Interface(&payload::CLOCKED_TASK_RECORD),
    Decl::Interface(&payload::PARSED_RESPONSE),
    Decl::Text(
        "/** Read a response body (text or a parsed object). Throws a `ResponseError`
 *  with `code` (RESP001 not JSON, RESP002 not an envelope, RESP003 a field of the wrong type)
 *  and `path`. */
export function parseResponse(kind: \"task\" | \"mock-task\" | \"clocked-task\", body: string | object): ParsedResponse;
",
    ),
    Decl::Interface(&payload::PAYLOAD_RULE),
    Decl::Text(
        "/** Every payload rule: code, severity, one-line doc in English and Chinese. */
export function payloadRules(): PayloadRule[];
",
    ),
];

/// Every declaration, in file order.
pub fn all() -> impl Iterator<Item = &'static Decl> {
    API.iter().chain(EDITOR).chain(PAYLOAD)
}

/// The declaration files: each one's path in the repository and its text.
pub fn files() -> [(&'static str, String); 3] {
    let text = |decls: &[Decl]| format!("{HEADER}\n{}", shape::typescript::render(decls));
    [
        ("crates/wasm/types/api.d.ts", text(API)),
        ("crates/wasm/types/editor.d.ts", text(EDITOR)),
        ("crates/wasm/types/payload.d.ts", text(PAYLOAD)),
    ]
}

/// The names every declaration refers to that nothing declares (empty when whole).
pub fn unresolved() -> Vec<&'static str> {
    let mut out = Vec::new();
    for d in all() {
        match d {
            Decl::Interface(s) => shape_refs(s, &mut out),
            Decl::Alias { ty, .. } => ty_refs(ty, &mut out),
            Decl::Union { variants, .. } => variants.iter().for_each(|s| shape_refs(s, &mut out)),
            Decl::Text(_) => {}
        }
    }
    let mut missing: Vec<&'static str> = Vec::new();
    for n in out {
        let known = shape::TREE_TYPES.contains(&n) || all().any(|d| d.name() == Some(n));
        if !known && !missing.contains(&n) {
            missing.push(n);
        }
    }
    missing
}

fn shape_refs(s: &shape::Shape, out: &mut Vec<&'static str>) {
    out.extend(s.extends.iter().copied());
    for f in s.fields {
        ty_refs(&f.ty, out);
    }
    if let Some(rest) = &s.rest {
        ty_refs(rest, out);
    }
}

fn ty_refs(t: &shape::Ty, out: &mut Vec<&'static str>) {
    use shape::Ty;
    match t {
        Ty::Ref(name) => out.push(name),
        Ty::Arr(t) | Ty::Map(t) => ty_refs(t, out),
        Ty::Tuple(ts) | Ty::Or(ts) => ts.iter().for_each(|t| ty_refs(t, out)),
        Ty::Obj(s) => shape_refs(s, out),
        _ => {}
    }
}
