// Generated from src/model/check.rs (src/model/typescript.rs); do not edit.
// Every known field is optional: presence is what `validate` checks, not `parse`.

/** The `type` of each node kind the model knows. */
export type NodeKind = "EmptyStartEvent" | "EmptyEndEvent" | "ServiceActivity" | "SubProcess" | "ParallelGateway" | "ExclusiveGateway" | "ConditionalParallelGateway" | "ConvergeGateway";

/** A pipeline tree as `parse` returns it. Unknown fields are kept. */
export interface PipelineTree {
  start_event?: TreeEvent;
  end_event?: TreeEvent;
  activities?: Record<string, TreeActivity>;
  gateways?: Record<string, TreeGateway>;
  flows?: Record<string, TreeFlow>;
  constants?: Record<string, TreeConstant>;
  internalVariable?: Record<string, TreeConstant> | null;
  outputs?: string[];
  line?: TreeLine[];
  location?: TreeLocation[];
  name?: string | null;
  id?: string | null;
  [key: string]: unknown;
}

/** `start_event` or `end_event`. */
export interface TreeEvent {
  id?: string;
  type?: string;
  name?: string | null;
  incoming?: string | string[] | null;
  outgoing?: string | string[] | null;
  labels?: unknown[] | null;
  [key: string]: unknown;
}

/** A task (`ServiceActivity`) or a sub-process (`SubProcess`). */
export interface TreeActivity {
  id?: string;
  type?: string;
  name?: string | null;
  incoming?: string | string[] | null;
  outgoing?: string | string[] | null;
  component?: TreeComponent | null;
  optional?: boolean | null;
  error_ignorable?: boolean | null;
  retryable?: boolean | null;
  skippable?: boolean | null;
  can_retry?: boolean | null;
  isSkipped?: boolean | null;
  auto_retry?: { enable?: boolean | null; interval?: string | number | null; times?: string | number | null; [key: string]: unknown } | null;
  timeout_config?: { enable?: boolean | null; seconds?: string | number | null; action?: string | null; [key: string]: unknown } | null;
  labels?: unknown[] | null;
  stage_name?: string | null;
  template_id?: string | number | null;
  version?: string | null;
  constants?: Record<string, unknown> | null;
  pipeline?: Record<string, unknown> | null;
  template_node_id?: string | null;
  [key: string]: unknown;
}

/** A task's plugin: its code, version and inputs. */
export interface TreeComponent {
  code?: string | null;
  data?: Record<string, TreeInput> | null;
  inputs?: Record<string, { type?: string; value?: unknown; custom_type?: string | null; need_render?: boolean | null; is_param?: boolean | null; source_act?: string | unknown[] | null; source_key?: string | null; [key: string]: unknown }> | null;
  version?: string | null;
  [key: string]: unknown;
}

/** One plugin input; `hook` marks an input bound to a variable. */
export interface TreeInput {
  hook?: boolean | null;
  need_render?: boolean | null;
  [key: string]: unknown;
}

/** A parallel, exclusive, conditional-parallel or converge gateway. */
export interface TreeGateway {
  id?: string;
  type?: string;
  name?: string | null;
  incoming?: string | string[] | null;
  outgoing?: string | string[] | null;
  conditions?: Record<string, TreeCondition> | null;
  default_condition?: { flow_id?: string; name?: string | null; [key: string]: unknown } | null;
  converge_gateway_id?: string | null;
  [key: string]: unknown;
}

/** A branch condition, keyed by its flow id. */
export interface TreeCondition {
  evaluate?: string;
  name?: string | null;
  tag?: string | null;
  [key: string]: unknown;
}

/** A flow (sequence edge) between two nodes. */
export interface TreeFlow {
  id?: string;
  source?: string;
  target?: string;
  is_default?: boolean | null;
  [key: string]: unknown;
}

/** A variable (`constants`, keyed by `${key}`). */
export interface TreeConstant {
  key?: string;
  name?: string | null;
  index?: string | number | null;
  desc?: string | null;
  show_type?: string | null;
  source_type?: string | null;
  source_tag?: string | null;
  source_info?: Record<string, string | unknown[] | null> | null;
  custom_type?: string | null;
  value?: unknown;
  hook?: boolean | null;
  validation?: string | null;
  pre_render_mako?: boolean | null;
  is_meta?: boolean | null;
  meta?: unknown;
  version?: string | null;
  plugin_code?: string | null;
  [key: string]: unknown;
}

/** How the canvas draws a flow: `line` item with the flow's id. */
export interface TreeLine {
  id?: string;
  source?: TreeAnchor;
  target?: TreeAnchor;
  midpoint?: number | null;
  [key: string]: unknown;
}

/** One end of a `line` item: a node id and the side it leaves from. */
export interface TreeAnchor {
  id?: string;
  arrow?: string | null;
  [key: string]: unknown;
}

/** Where the canvas draws a node: `location` item with its id. */
export interface TreeLocation {
  id?: string;
  type?: string;
  x?: number;
  y?: number;
  name?: string | null;
  stage_name?: string | null;
  group?: string | null;
  icon?: string | null;
  [key: string]: unknown;
}
