// Generated from the core's type tables (src/api/declarations.rs); do not edit.
// `BLESS=1 cargo test --test typescript_test` rewrites it.

import type { PipelineTree, TreeLine, TreeLocation, TreeEvent, TreeActivity, TreeGateway, TreeFlow, TreeConstant } from "./tree.js";

/** The limits an input is read with; passing one gives a `ParseError` (codes `input-too-large`,
 * `too-deep`, `string-too-long`, `too-many-nodes`, `too-many-flows`). */
export interface Limits {
  /** Largest input in bytes (default 64 MiB). */
  maxInputBytes: number;
  /** Deepest nesting of arrays and objects; at most 4,096 whatever is set (default 512). */
  maxDepth: number;
  /** Longest string in bytes (default 16 MiB). */
  maxStringBytes: number;
  /** Most nodes: events, activities and gateways, embedded sub-process pipelines included
   * (default 200,000). */
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

/** Which tree to read when the input wraps it (an API response, a request body, a SOPS export
 * file; see `findTree`). */
export interface SourceOptions {
  /** The template of a SOPS export file: its SOPS id, its pipeline template id or its name.
   * Needed when the file holds several (else a `ParseError` `template-required` lists them); one
   * it does not hold is `unknown-template`. */
  template?: string | number;
}

/** Limits on what a call reads; each one passed gives a `ParseError`. */
export interface ParseOptions extends SourceOptions {
  /** Largest input in bytes (default 64 MiB). */
  maxInputBytes?: number;
  /** Deepest nesting of arrays and objects; at most 4,096 whatever is set (default 512). */
  maxDepth?: number;
  /** Longest string in bytes (default 16 MiB). */
  maxStringBytes?: number;
  /** Most nodes: events, activities and gateways, embedded sub-process pipelines included
   * (default 200,000). */
  maxNodes?: number;
  /** Most flows, embedded ones included (default 400,000). */
  maxFlows?: number;
}

/** Whether a tree read out of a wrapper is written alone or inside the whole wrapper. */
export interface ExportOptions {
  /** `"strip"`: the tree alone; `"keep"`: the whole wrapper as read (byte for byte where nothing
   * changed), the tree in its place (as JSON text again when it was held as text). A bare tree
   * is written alone either way. Default "strip". */
  wrapper?: "strip" | "keep";
}

/** How `format` lays the text out. Unset fields keep the input text's own layout. */
export interface FormatOptions extends ParseOptions, ExportOptions {
  /** Spaces per level (0 to 16), `"tab"`, or `"compact"` (one line). */
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
  /** The message in Chinese. */
  message_zh?: string;
  /** JSON path such as `$.activities.n1.incoming[0]`. */
  path: string;
  /** 1-based line in the input text (absent when the input was an object). */
  line?: number;
  /** 1-based column, in characters. */
  column?: number;
}

/** One template of a SOPS export file. */
export interface ExportTemplate {
  /** The SOPS template id (the top-level `template` map's key), or the pipeline template id when
   * the file has no such entry. */
  id: string;
  /** The pipeline template id: its key in `pipeline_template_data.template`. */
  key: string;
  /** Its name ("" when it has none). */
  name: string;
}

/** Where the tree of an input was found. */
export interface TreeSource {
  /** What held it: nothing, an API response, a request body, a SOPS export file. */
  wrapper: "none" | "response" | "request" | "export";
  /** JSON path of the tree (or of the text holding it) in the input: `$` for a bare tree,
   * `$.data.pipeline_tree`...; of the templates (`$.pipeline_template_data.template`) while none
   * is chosen. */
  path: string;
  /** The tree is held as JSON text (a string). */
  text: boolean;
  /** The template chosen (export files; absent while none is chosen). */
  template?: ExportTemplate;
  /** Every template of an export file, in written order (empty otherwise). */
  templates: ExportTemplate[];
  /** Where the tree was found, in words. */
  message: string;
  /** The same in Chinese. */
  message_zh: string;
}

/** Where an input holds its tree, without reading the tree: a bare tree, an API response
 *  (`data.pipeline_tree`), a request body (`pipeline_tree`), a SOPS export file (its templates
 *  listed; `template` chooses one), each possibly with the tree held as JSON text. An export
 *  file with several templates and no `template` gives `templates` and no `template`. Throws a
 *  `ParseError` (`not-a-tree`, saying what the input looks like; `unknown-template`) when no
 *  tree can be found, an `OptionsError` for an input of another kind. */
export function findTree(input: string | Uint8Array | object, options?: ParseOptions): TreeSource;

/** Read a pipeline tree from JSON text (or UTF-8 bytes) and return it as a plain object; a
 *  wrapped tree (see `findTree`) is taken out of its wrapper. Throws a `ParseError` with
 *  `code`, `path`, `line`, `column` and `problems` when the input is not a tree, an
 *  `OptionsError` for an input of another kind. */
export function parse(input: string | Uint8Array, options?: ParseOptions): PipelineTree;

/** What `validate` checks and how strictly. */
export interface ValidateOptions extends ParseOptions {
  /** "template": save-time rules; "task": adds task-creation rules as errors; "engine": only
   * bamboo-engine's checks (default "template"). */
  preset?: "template" | "task" | "engine";
  /** Loops allowed (SOPS) or forbidden (bamboo-engine's own default) (default "allow"). */
  cycles?: "allow" | "forbid";
  /** Per-rule severity over the preset's, e.g. `{ WEB001: "off", GW010: "error" }`. */
  rules?: Record<string, "off" | "warning" | "error">;
  /** A SubProcess must embed its `pipeline`, as bamboo-engine's recursion needs. */
  requireSubprocessPipeline?: boolean;
  /** The templates SubProcess nodes may use, or their JSON text; SUB001-005 check against it
   * (silent without). */
  templates?: TemplateCatalogue | string;
  /** The plugin catalogue (`{plugins: [...]}` or its JSON text) PLUGIN001-004 check tasks
   * against (default: SOPS's and BKFlow's built-in plugins). */
  plugins?: object | string;
  /** Also return the tree with the `converge_gateway_id`s the engine writes, as `tree`. */
  writeConverge?: boolean;
}

/** The server's templates, as far as sub-processes need them (from SOPS's template list and
 * details). A template's `pipeline_tree`, when given, supplies its sub-processes and variables. */
export interface TemplateCatalogue {
  /** The project the tree is saved in or the task created in (SUB004). */
  project_id?: string | number;
  /** The tree's own template, when it is one: a reference back to it is a cycle (SUB002). */
  this?: {
    id: string | number;
    source?: "project" | "common";
    project_scope?: (string | number)[];
  };
  templates: {
    id: string | number;
    /** "project" (SOPS's "business" too) or "common" (default "project"). */
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
     * hang (the engine never returns). */
    kind: "connection" | "cycle" | "converge" | "stream" | "crash" | "hang";
    node_id: string | null;
    /** The engine's own text: its message where it has one (Chinese), the Python error it
     * raises, or what loops; for comparing with bamboo-engine. The report's diagnostic says the
     * same to users, in English and Chinese. */
    message: string;
    /** SubProcess ids leading to the failing sub-pipeline. */
    pipeline?: string[];
  };
  /** gateway id -> converge_gateway_id, after the engine ran. */
  converge: Record<string, string | null>;
}

/** Every problem of a tree, and bamboo-engine's verdict. */
export interface Report {
  /** True exactly when no diagnostic is an error. */
  valid: boolean;
  /** Every problem, in a fixed order: the engine's refusal first, then by rule family. */
  diagnostics: Diagnostic[];
  engine: EngineVerdict;
  /** The format the tree is written in, from its top-level keys: `web` (SOPS/BKFlow's editor
   * format: `constants` or `outputs`), `engine` (bamboo-engine's own: neither, and a `data`
   * object), `fragment` (neither: an excerpt, checked as a web tree). */
  format: "web" | "engine" | "fragment";
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

/** Why the canvas refuses a new flow: the canvas rule's code and message. */
export interface Refusal {
  code: string;
  message: string;
  message_zh: string;
}

/** May the canvas draw a flow from `source` to `target`? `null` if so, else why not. */
export function canConnect(tree: string | Uint8Array | object, source: string, target: string): null | Refusal;

/** A validation rule: its code, one-line doc in English and Chinese, severity per preset. */
export interface Rule {
  code: string;
  summary: string;
  summary_zh: string;
  severity: { template: string; task: string; engine: string };
}

/** Every rule: code, one-line doc in English and Chinese, severity per preset. */
export function rules(): Rule[];

/** Write a tree (JSON text, bytes, or an object) as text: the tree alone, or with `wrapper:
 *  "keep"` the whole wrapper it was read out of. Text input keeps its layout unless options
 *  say otherwise; reading and writing back unchanged gives the same bytes. */
export function format(input: string | Uint8Array | object, options?: FormatOptions): string;

/** Options of an `Editor`. */
export interface EditorOptions extends ParseOptions {
  /** Seed of the id generator. Equal seeds give equal ids. Default random. */
  seed?: number;
  /** Most undo steps kept (default 500). */
  historyLimit?: number;
  /** The plugin catalogue (`{plugins: [...]}` or its JSON text) that new tasks and plugin
   * changes follow (default SOPS's and BKFlow's built-in plugins). */
  plugins?: object | string;
  /** Each outcome carries `items`: the JSON of every node, flow, variable, line and location
   * item it added or updated, and of the top-level keys it set as a whole, so a mirror of the
   * tree is patched without reading it back (`layout` carries the whole `line` and `location`)
   * (default false). */
  items?: boolean;
  /** Keep the validator's diagnostics up to date: each outcome then says which appeared and
   * disappeared (`true`: the default rules, graph checks eager). */
  diagnostics?: boolean | DiagnosticsOptions;
}

/** How an `Editor` keeps diagnostics: the validation options, and when the graph checks run. */
export interface DiagnosticsOptions extends ValidateOptions {
  /** "eager" runs the O(V+E) checks (engine verdict, ids, reachability) after every edit that
   * changes the graph; "deferred" leaves them for `refreshGraph()`, e.g. when the page is idle
   * (from the start: a new Editor's graph checks are stale until then). Default "eager". */
  graph?: "eager" | "deferred";
  /** "in-steps" leaves a new Editor's units of nodes, flows, variables and drawing pending
   * (opening then costs what reading costs), and those of an edit that touches more than 2,000
   * of them (a layout): `settle(ms)` runs them a slice at a time and `refreshGraph()` runs what
   * is left, so a page on a big tree never blocks for long (default "at-once"). */
  units?: "at-once" | "in-steps";
}

/** Diagnostics that appeared and disappeared with an edit. */
export interface DiagnosticDelta {
  added: Diagnostic[];
  removed: Diagnostic[];
  /** The deferred graph checks have not run since the graph changed. */
  graphStale: boolean;
  /** Units not run yet, of an Editor opened with `diagnostics.units: "in-steps"` (absent when
   * none): `settle()` runs them. */
  pending?: number;
}

/** A node type: the canvas name (`location.type`) or the tree's `type`. */
export type NodeType =
  | "startpoint" | "endpoint" | "tasknode" | "subflow" | "parallelgateway" | "branchgateway"
  | "conditionalparallelgateway" | "convergegateway" | "EmptyStartEvent" | "EmptyEndEvent"
  | "ServiceActivity" | "SubProcess" | "ParallelGateway" | "ExclusiveGateway"
  | "ConditionalParallelGateway" | "ConvergeGateway";

/** The side of a node a line leaves or enters by. */
export type ArrowName = "Left" | "Right" | "Top" | "Bottom";

/** How `layout` lays a tree out. */
export interface LayoutOptions extends ParseOptions {
  /** "sops": SOPS's own auto-layout, exactly as its server draws (rows wrap at `canvasWidth`).
   * "layered": ours, with fewer crossings, gateways level with their converge gateways, straight
   * long edges, no wrapping. Default "sops". */
  mode?: "sops" | "layered";
  /** Node sizes and origin: "server" (`draw_pipeline`'s 150x54 tasks, 44x44 events, 34x34
   * gateways, start 60,100) or "editor" (what SOPS's editor sends: 154x54, 34x34, 34x34, start
   * 20,150). The fields below override either. Default "server". */
  sizes?: "server" | "editor";
  /** Width and height of tasks and sub-processes. */
  activitySize?: [number, number];
  /** Width and height of start and end events. */
  eventSize?: [number, number];
  /** Width and height of gateways. */
  gatewaySize?: [number, number];
  /** Top-left of the first node. */
  start?: [number, number];
  /** `sops`: rows wider than this wrap (default 1300). */
  canvasWidth?: number;
  /** `layered`: gap between columns (default 80). */
  columnGap?: number;
  /** `layered`: gap between nodes of a column (default 40). */
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
  /** Set when the tree was too large for the mode's full layout in time and a quicker one drew
   * it: what was given up. */
  warning?: LayoutWarning;
}

/** What a layout gave up to finish in time. */
export interface LayoutWarning {
  message: string;
  /** The same in Chinese. */
  message_zh: string;
}

/** Lay a tree out. Throws `ParseError` for input that is not a tree, and an `OptionsError`
 *  naming the option for bad options. */
export function layout(input: string | Uint8Array | object, options?: LayoutOptions): LayoutResult;
