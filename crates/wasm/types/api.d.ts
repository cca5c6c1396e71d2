
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
