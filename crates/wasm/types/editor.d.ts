// Generated from the core's type tables (src/api/declarations.rs); do not edit.
// `BLESS=1 cargo test --test typescript_test` rewrites it.

/** A new node: its type, the top-left corner of its drawing at (x, y), its name, and its plugin
 * (`code`, `version`: a task) or template (`templateId`: a sub-process). */
export interface NewNode {
  type: NodeType;
  x: number;
  y: number;
  name?: string;
  code?: string;
  version?: string;
  templateId?: string;
}

/** One editing operation (SOPS canvas semantics). */
export type Operation =
  /** A node with its top-left corner at (x, y). `code`/`version`: the plugin (a task) or the
   * template (`templateId`, a sub-process). `id` to choose the id. */
  | ({ op: "addNode"; id?: string } & NewNode)
  /** Delete a node with its flows, drawing and variables; `reconnect` bridges a node with one
   * flow in and one out. */
  | { op: "removeNode"; id: string; reconnect?: boolean }
  /** Draw a flow if the canvas rules allow it; else throws with the rule code (FE001…). */
  | { op: "connect"; source: string; target: string; sourceArrow?: ArrowName;
      targetArrow?: ArrowName }
  /** Delete a flow with its line. */
  | { op: "disconnect"; flow: string }
  /** Delete every flow of a node ("解除连线"); `reconnect` as for removeNode. */
  | { op: "disconnectNode"; id: string; reconnect?: boolean }
  /** A new node on an existing flow; the first half keeps the branch condition. */
  | ({ op: "insertOnFlow"; flow: string; makeRoom?: boolean } & NewNode)
  /** Nodes to absolute positions. */
  | { op: "move"; nodes: { id: string; x: number; y: number }[] }
  /** Set or remove top-level node fields (not id, type, incoming, outgoing, conditions). */
  | { op: "updateNode"; id: string; fields?: Record<string, unknown>; remove?: string[] }
  /** A branch's name and expression; a default branch becomes an ordinary one. */
  | { op: "setCondition"; gateway: string; flow: string; name?: string; evaluate?: string }
  /** Make a branch the gateway's default. */
  | { op: "setDefault"; gateway: string; flow: string; name?: string }
  /** Copy nodes and the flows between them, shifted by (dx, dy). */
  | { op: "paste"; nodes: string[]; dx?: number; dy?: number }
  /** Replace a task's plugin. */
  | { op: "replacePlugin"; id: string; code: string; version?: string; name?: string }
  /** Make `line` and `location` agree with the flows and nodes. */
  | { op: "repairDrawing" }
  /** Lay the tree out (new `location` and `line`; one undo step). */
  | ({ op: "layout" } & LayoutOptions)
  /** Replace `location`, `line` or both by the arrays given (a layout computed elsewhere, e.g.
   * `layout()` in the package's Web Worker; one undo step). */
  | { op: "setDrawing"; location?: TreeLocation[]; line?: TreeLine[] }
  /** A new global variable (SOPS's variable panel): the draft of its type with these fields. */
  | { op: "addVariable"; key: string; name?: string; custom_type?: string; value?: unknown;
      show_type?: "show" | "hide"; desc?: string; validation?: string; index?: number;
      fields?: Record<string, unknown> }
  /** Set fields of a variable. A new `key` renames it and rewrites every reference to it; a new
   * `index` moves it in the list; `output` (true or false) lists it in the template's `outputs`
   * or takes it off. */
  | { op: "updateVariable"; key: string; fields: Record<string, unknown> }
  /** Delete a variable: inputs hooked to it get its value back, it leaves `outputs`, the
   * variables after it move up one. */
  | { op: "removeVariable"; key: string }
  /** Move a variable to another place in the list; indexes become 0..n-1. */
  | { op: "moveVariable"; key: string; index: number }
  /** Hook a task's plugin input (its `component.data` key) or a sub-process's parameter (its
   * child key) to a variable: an existing one, or a new one named as SOPS names it. */
  | { op: "hookInput"; node: string; input: string; key?: string; name?: string }
  /** A hooked input lets go of its variable and gets the variable's value back; a variable made
   * for it that nothing else uses is deleted. */
  | { op: "unhookInput"; node: string; input: string }
  /** Receive a task's or sub-process's output into a variable: a new hidden output variable, or
   * an existing one. */
  | { op: "hookOutput"; node: string; output: string; key?: string; name?: string }
  /** Stop receiving a node's output into its variable; a variable left receiving nothing that
   * nothing refers to is deleted. */
  | { op: "unhookOutput"; node: string; output: string }
  /** Several operations as one undo step. */
  | { op: "batch"; ops: Operation[] };

/** Ids added, removed and updated by an operation. */
export interface Changes {
  added: string[];
  removed: string[];
  updated: string[];
}

/** What an operation (or undo/redo) changed. */
export interface Delta {
  nodes: Changes;
  flows: Changes;
  lines: Changes;
  locations: Changes;
  constants: Changes;
  /** Top-level keys changed as a whole. */
  other: string[];
}

/** What an operation gives back besides its delta. */
export interface OperationResult {
  /** addNode, insertOnFlow: the new node's id. */
  id?: string;
  /** insertOnFlow: the two flows that replace the one split. */
  flows?: string[];
  /** insertOnFlow with `makeRoom`: the nodes moved right to make room. */
  moved?: string[];
  /** connect: the new flow's id. */
  flow?: string;
  /** paste: old id -> new id, for nodes and flows. */
  ids?: Record<string, string>;
  /** removeNode/disconnectNode with `reconnect`: the bridging flow's id. */
  bridge?: string;
  /** removeNode/disconnectNode with `reconnect`: why a node with one flow in and one out left
   * its neighbours apart. */
  unbridged?: Unbridged;
  /** addVariable, updateVariable, hookInput, hookOutput, unhookInput, unhookOutput: the
   * variable's key. */
  key?: string;
  /** hookInput, hookOutput: a new variable was made (else an existing one is used). */
  created?: boolean;
  /** unhookInput, unhookOutput: the variable, used nowhere else, was deleted. */
  deleted?: boolean;
  /** batch: each operation's result, in order. */
  results?: OperationResult[];
  /** layout: the tree was too large for the mode's full layout and a quicker one drew it. */
  warning?: LayoutWarning;
}

/** Why a node with one flow in and one out left its neighbours apart. */
export interface Unbridged {
  /** The node before it. */
  from: string;
  /** The node after it. */
  to: string;
  /** `two-gateways`, `start-to-end`, `gateway-to-end` (a splitting gateway), `loop`, `exists`
   * (they are joined already), or the canvas rule that refuses (`FE001`...). */
  reason: string;
}

/** What an operation, undo or redo did. */
export interface Outcome {
  delta: Delta;
  /** With the `diagnostics` option. */
  diagnostics?: DiagnosticDelta;
  /** With the `items` option: what was added or updated, as it now is (removals are the delta's
   * `removed` lists). */
  items?: Item[];
  /** addNode/insertOnFlow: `{id}` (+ `flows`); connect: `{flow}`; paste: `{ids: {old: new}}`;
   * removeNode/disconnectNode with a bridge: `{bridge}`; batch: `{results}`. */
  result: OperationResult;
}

/** An item an operation (or undo/redo) added, updated or removed, or a top-level key it set or
 * removed as a whole, as it now is in the tree: applying every item of an outcome to a copy of
 * the tree before it gives the tree after it. */
export interface Item {
  /** The section that holds it (`activities`, `gateways`, `flows`, `constants`: objects by id;
   * `line`, `location`: arrays), or `tree` for a top-level key (`start_event`, `end_event`,
   * `outputs`, `line` and `location` after `layout`…). */
  part: "activities" | "gateways" | "flows" | "constants" | "line" | "location" | "tree";
  /** Its key in the section, its `id` in an array, or the top-level key. */
  id: string;
  /** Its position: the key's in the object that holds it, the item's in the array (an id held
   * twice gives one item per position). With `value`. */
  at?: number;
  /** Its JSON. Absent when it is gone: the key from its object, every item with this id from the
   * array. */
  value?: unknown;
}

/** One place of the tree that uses a variable. */
export interface VariableUse {
  /** The variable's key, `${name}`. */
  key: string;
  /** `input`: a plugin input or sub-process parameter hooked to it; `text`, `condition`,
   * `variable`, `subprocess`: a `${...}` reference in a plugin input, a branch condition,
   * another variable's value or a sub-process parameter; `output`: a node output received into
   * it; `outputs`: the template's outputs list. */
  kind: "input" | "text" | "condition" | "variable" | "subprocess" | "output" | "outputs";
  /** The node (the gateway, for a condition). */
  node_id?: string;
  /** The branch, for a condition. */
  flow_id?: string;
  /** The variable whose value refers to it, for `variable`. */
  variable?: string;
  /** Where in the tree (JSON path). */
  path: string;
}

/** A template variable and how many places use it. */
export interface VariableSummary {
  /** `${name}`. */
  key: string;
  name: string;
  /** `custom`, `component_inputs` or `component_outputs`. */
  source_type: string;
  /** `show` (a task parameter) or `hide`. */
  show_type: string;
  custom_type: string;
  index?: number;
  /** The template's `outputs` list names it. */
  output: boolean;
  /** Places that use it (hooked inputs, references, received outputs; not `outputs`). */
  uses: number;
}

/** The plugin catalogue an Editor uses: each plugin's versions with their inputs and outputs. */
export interface PluginCatalogue {
  /** In the catalogue's order. */
  plugins: PluginInfo[];
}

/** A plugin: its code, display name, group and versions. */
export interface PluginInfo {
  /** `component.code`. */
  code: string;
  name: string;
  /** The group the plugin list shows it in. */
  group?: string;
  /** `sops` or `bkflow` (a code both have is listed twice). */
  platform: string;
  /** By version, in the catalogue's order. */
  versions: Record<string, PluginVersion>;
}

/** A plugin version's form inputs and outputs. */
export interface PluginVersion {
  /** The version a new task gets. */
  is_default_version: boolean;
  inputs: PluginInput[];
  outputs: PluginOutput[];
}

/** An input of a plugin's form: a key of `component.data`. */
export interface PluginInput {
  key: string;
  /** The form tag: `input`, `textarea`, `int`, `select`, `radio`, `checkbox`... */
  type: string;
  name: string;
  required: boolean;
  /** Whether it may be hooked to a variable. */
  hookable: boolean;
  /** What a new task stores. */
  default: unknown;
  /** A choice's `{text, value}` items. */
  options?: unknown[];
  /** A select of several values. */
  multiple?: boolean;
}

/** An output of a plugin: what a variable may receive. */
export interface PluginOutput {
  key: string;
  name: string;
  type: string;
}

/** A tree held in wasm and edited by operations. Refused operations throw an `EditError` with a
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
  /** Where the tree was found (`wrapper: "none"` for a bare tree or a new template). */
  source(): TreeSource;
  /** The tree as text, in the layout it was read with; with `wrapper: "keep"`, the whole
   *  wrapper it was read out of, the current tree in its place (byte for byte as read when
   *  nothing changed). */
  export(options?: ExportOptions): string;
  /** The tree as a plain object. */
  tree(options?: { wrapper?: "strip" }): PipelineTree;
  /** With `wrapper: "keep"`: the whole wrapper as a plain object, the current tree in its place
   *  (as JSON text when it was held as text); the tree alone for a bare tree. */
  tree(options: ExportOptions): PipelineTree | Record<string, unknown>;
  /** Every problem of the current tree, validated in full. */
  validate(options?: ValidateOptions): Report;
  /** The kept diagnostics (with the `diagnostics` option; else throws); `pending` counts the
   *  units not run yet (opened with `diagnostics.units: "in-steps"`). */
  diagnostics(): Report & { graphStale: boolean; pending?: number };
  /** What `diagnostics()` says besides the list (the engine's verdict as kept, the format,
   *  `graphStale`, `pending`), in time independent of the number of diagnostics. */
  verdict(): Pick<Report, "engine" | "format"> & { graphStale: boolean; pending?: number };
  /** Runs pending units (opened with `diagnostics.units: "in-steps"`) for about `ms`
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
  get(kind: "node", id: string): TreeActivity | TreeGateway | TreeEvent | undefined;
  get(kind: "flow", id: string): TreeFlow | undefined;
  get(kind: "constant", key: string): TreeConstant | undefined;
  get(kind: "line", id: string): TreeLine | undefined;
  get(kind: "location", id: string): TreeLocation | undefined;
  get(kind: "key", key: string): unknown;
  free(): void;
}
