
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
