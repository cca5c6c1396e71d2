// Generated from the core's type tables (src/api/declarations.rs); do not edit.
// `BLESS=1 cargo test --test typescript_test` rewrites it.

/** What a payload builder returns: the body, typed when it is valid (`valid` is false when a
 *  diagnostic is an error: do not send); as far as it could be built otherwise. */
export type PayloadResult<Body> = PayloadReport & (
  | { valid: true; /** The request body, fields in the order of the API document. */ body: Body }
  | { valid: false; /** The fields as given where they are wrong, so the panel can show them. */
      body: Record<string, unknown> });

/** What every payload builder reports besides the body. */
export interface PayloadReport {
  /** True exactly when no diagnostic is an error. */
  valid: boolean;
  /** Payload rules (PAY, MOCK, CLOCK, EXCL; paths into the input) first, then the validator's
   * report of the tree as the server checks it (paths into the tree). `payloadRules()` lists the
   * payload codes. */
  diagnostics: Diagnostic[];
  /** When the server prunes the tree (excluded nodes, schemes, include_node_ids): the tree the
   * task runs. */
  tree?: PipelineTree;
  /** The activities left out, in order. */
  excluded?: string[];
  /** The variables dropped. */
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

/** The body of `create_task_without_template`, fields in the order of the API document. */
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

/** The activities a mock task mocks and what they return. */
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

/** BKFlow `create_mock_task`: the open API (`endpoint: "api"`) or the web page's endpoint
 * (`"web"`: the tree in the body, optionally pruned to `include_node_ids`). */
export interface MockTaskInput {
  /** Required by the open API. */
  template_id?: string | number;
  name: string;
  creator: string;
  description?: string;
  constants?: Record<string, unknown>;
  credentials?: Record<string, string>;
  custom_span_attributes?: Record<string, unknown>;
  mock_data?: {
    /** Activities that return `outputs` instead of running. */
    nodes?: string[];
    /** `{node_id: {output_key: value}}`. */
    outputs?: Record<string, Record<string, unknown>>;
    /** `{node_id: saved mock data id}`; fills empty `outputs` (open API only). */
    mock_data_ids?: Record<string, number>;
  };
  include_node_ids?: string[];
  /** Default "api". */
  endpoint?: "api" | "web";
  /** The template's saved mock data (the response of get_template_mock_data, or its rows). */
  mock_data_rows?: MockDataRow[] | { data: MockDataRow[] };
  /** `{component code: [output keys]}`: checks the mocked outputs' keys. */
  plugin_outputs?: Record<string, string[]>;
}

/** The body of `create_mock_task`: `template_id` for the open API; the tree and
 * `include_node_ids` for the web page's endpoint. */
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
    template_schemes_id?: (string | number)[];
    exclude_task_nodes_id?: string[];
    appoint_task_nodes_id?: string[];
  };
  /** Default "cmdb_biz". */
  scope?: "cmdb_biz" | "project";
  /** The current time (same text form, or milliseconds since 1970); `null` leaves
   * plan_start_time unchecked (default `Date.now()`). */
  now?: string | number | null;
  /** The template's execution schemes: `{id: [node ids]}` or `[{id, unique_id?, data}]`. */
  schemes?: Record<string, string[]> | {
    id: string | number;
    unique_id?: string;
    data: string | string[];
  }[];
}

/** The body of `create_clocked_task`. */
export interface ClockedTaskBody {
  bk_biz_id: string;
  template_id: string;
  task_name: string;
  plan_start_time: string;
  /** As given: `exclude_task_nodes_id` or `appoint_task_nodes_id` travel here too. */
  task_parameters: {
    constants: Record<string, unknown>;
    template_schemes_id: (string | number)[];
    exclude_task_nodes_id?: string[];
    appoint_task_nodes_id?: string[];
    [key: string]: unknown;
  };
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
  /** The task, once created (`null` until the planned time). */
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
  /** Fields not named above. */
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

/** A payload rule: its code, severity, one-line doc in English and Chinese. */
export interface PayloadRule {
  code: string;
  severity: "warning" | "error";
  summary: string;
  summary_zh: string;
}

/** Every payload rule: code, severity, one-line doc in English and Chinese. */
export function payloadRules(): PayloadRule[];
