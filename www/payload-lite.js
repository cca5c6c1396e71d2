// Request bodies built in the page, for a package built without the core's payload builders
// (`buildCreateTaskPayload`, `buildMockTaskPayload`, `buildClockedTaskPayload`). The bodies
// have the core's shape and field order; the checks are a subset of the core's payload rules
// (same codes: required and blank fields, mocked nodes that are not tasks, plan time format
// and past times, unknown variables) plus the validator's report of the tree as a task would
// be created from it. payload.js uses the core's builders whenever the package has them.

const TASK_RULES = { preset: 'task', rules: { FEGW001: 'off', FEGW002: 'off' } };

function diag(code, severity, message, message_zh, extra = {}) {
  return { code, severity, message, message_zh, ...extra };
}

class Fields {
  constructor(input) {
    this.input = input;
    this.out = [];
  }

  /** A text field as DRF's CharField reads it (trimmed; blank refused unless allowed). */
  text(key, { required = false, max = null, blank = false } = {}) {
    const has = Object.prototype.hasOwnProperty.call(this.input, key);
    const v = this.input[key];
    if (!has || v === undefined) {
      if (required) this.out.push(diag('PAY001', 'error', `${key} is required`, `缺少必填字段 ${key}`, { path: `$.${key}` }));
      return undefined;
    }
    if (v === null) {
      this.out.push(diag('PAY001', 'error', `${key} may not be null`, `${key} 不能为 null`, { path: `$.${key}` }));
      return undefined;
    }
    if (typeof v !== 'string' && typeof v !== 'number') {
      this.out.push(diag('PAY002', 'error', `${key} must be a string, found ${kind(v)}`, `${key} 必须是字符串`, { path: `$.${key}` }));
      return undefined;
    }
    const s = String(v).trim();
    if (!s && !blank) {
      this.out.push(diag('PAY003', 'error', `${key} may not be blank`, `${key} 不能为空`, { path: `$.${key}` }));
      return undefined;
    }
    const n = Array.from(s).length;
    if (max && n > max) {
      this.out.push(diag('PAY004', 'error', `${key} has ${n} characters; at most ${max} are allowed`, `${key} 长度为 ${n}，最多 ${max} 个字符`, { path: `$.${key}` }));
      return undefined;
    }
    return s;
  }

  /** A positive integer id (a number, or text of digits). */
  id(key, required) {
    const v = this.input[key];
    if (v === undefined || v === null || v === '') {
      if (required) this.out.push(diag('PAY001', 'error', `${key} is required`, `缺少必填字段 ${key}`, { path: `$.${key}` }));
      return undefined;
    }
    const n = typeof v === 'number' ? v : /^\s*\d+\s*$/.test(String(v)) ? Number(v) : NaN;
    if (!Number.isInteger(n) || n <= 0) {
      this.out.push(diag('PAY007', 'error', `${key} must be a positive integer, found ${JSON.stringify(v)}`, `${key} 必须是正整数`, { path: `$.${key}` }));
      return undefined;
    }
    return n;
  }

  /** Variable overrides `{"${key}": value}` against the tree's variables. */
  constants(tree) {
    const v = this.input.constants;
    if (v === undefined) return undefined;
    if (!v || typeof v !== 'object' || Array.isArray(v)) {
      this.out.push(diag('PAY010', 'error', `constants must be an object {"\${key}": value}, found ${kind(v)}`, 'constants 必须是对象', { path: '$.constants' }));
      return undefined;
    }
    const known = tree && typeof tree.constants === 'object' && tree.constants ? tree.constants : null;
    for (const key of Object.keys(v)) {
      if (!/^\$\{[^}]+\}$/.test(key)) {
        this.out.push(diag('PAY016', 'warning', `override key ${key} is not of the form \${name}`, '变量 key 应为 ${name} 格式', { path: `$.constants["${key}"]` }));
      } else if (known && !Object.prototype.hasOwnProperty.call(known, key)) {
        this.out.push(diag('PAY011', 'error', `the tree has no variable ${key}; the server would silently ignore the override`, `流程中不存在变量 ${key}，服务端会忽略`, { path: `$.constants["${key}"]` }));
      }
    }
    return v;
  }
}

function kind(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** The tree as the task service reads it: names stripped of < > $ & ' " and cut to 50. */
function cleanNames(tree, out) {
  const t = structuredClone(tree);
  const clean = (holder, where) => {
    if (!holder || typeof holder !== 'object' || !('name' in holder)) return;
    const name = holder.name;
    if (typeof name !== 'string') {
      out.push(diag('PAY041', 'error', `the name of ${where} is not a string; the server's name cleaning fails`, '名称必须是字符串', where.id ? { node_id: where.id } : {}));
      return;
    }
    const cleaned = Array.from(name.replace(/[<>$&'"]/g, '')).slice(0, 50).join('');
    if (cleaned !== name) {
      holder.name = cleaned;
      out.push(diag('PAY040', 'warning', `the name ${JSON.stringify(name)} is sent as ${JSON.stringify(cleaned)}`, '名称包含特殊字符或超过 50 个字符，服务端会清理', holder.id && typeof holder.id === 'string' ? { node_id: holder.id } : {}));
    }
  };
  for (const key of ['activities', 'gateways', 'flows', 'constants']) {
    const part = t[key];
    if (part && typeof part === 'object') for (const v of Object.values(part)) clean(v, v?.id ?? key);
  }
  clean(t.start_event, 'the start event');
  clean(t.end_event, 'the end event');
  for (const key of ['location', 'line']) if (Array.isArray(t[key])) for (const v of t[key]) clean(v, v?.id ?? key);
  return t;
}

function result(body, diagnostics, extra = {}) {
  return { valid: !diagnostics.some((d) => d.severity === 'error'), body, diagnostics, ...extra };
}

function put(body, key, value) {
  if (value !== undefined) body[key] = value;
}

export function liteBuilders(core) {
  const treeReport = (tree) => {
    try {
      return core.validate(tree, TASK_RULES).diagnostics;
    } catch {
      return core.validate(tree, { preset: 'task' }).diagnostics;
    }
  };

  function buildCreateTaskPayload(tree, input) {
    const f = new Fields(input);
    const creator = f.text('creator', { required: true, max: 32 });
    const name = f.text('name', { max: 128 });
    const scopeType = f.text('scope_type', { max: 128 });
    const scopeValue = f.text('scope_value', { max: 128 });
    const description = f.text('description', { blank: true });
    const constants = f.constants(tree);
    const out = f.out;
    const sent = cleanNames(tree, out);
    const body = {};
    put(body, 'creator', creator);
    body.pipeline_tree = sent;
    put(body, 'name', name);
    put(body, 'scope_type', scopeType);
    put(body, 'scope_value', scopeValue);
    put(body, 'description', description);
    put(body, 'constants', constants);
    return result(body, [...out, ...treeReport(tree)]);
  }

  function buildMockTaskPayload(tree, input) {
    const f = new Fields(input);
    const templateId = f.id('template_id', true);
    const name = f.text('name', { required: true, max: 128 });
    const creator = f.text('creator', { required: true, max: 32 });
    const description = f.text('description', { blank: true });
    const constants = f.constants(tree);
    const out = f.out;
    const md = input.mock_data ?? {};
    const mock = { nodes: [], outputs: {}, mock_data_ids: {} };
    if (!md || typeof md !== 'object' || Array.isArray(md)) {
      out.push(diag('MOCK001', 'error', 'mock_data must be an object with nodes, outputs and mock_data_ids', 'mock_data 必须是对象', { path: '$.mock_data' }));
    } else {
      const acts = tree.activities && typeof tree.activities === 'object' ? tree.activities : {};
      const gws = tree.gateways && typeof tree.gateways === 'object' ? tree.gateways : {};
      const events = new Set([tree.start_event?.id, tree.end_event?.id].filter(Boolean));
      const nodes = md.nodes ?? [];
      if (!Array.isArray(nodes) || nodes.some((n) => typeof n !== 'string')) {
        out.push(diag('MOCK002', 'error', 'mock_data.nodes must be a list of node ids', 'mock_data.nodes 必须是节点 ID 列表', { path: '$.mock_data.nodes' }));
      } else {
        const seen = new Set();
        nodes.forEach((id, i) => {
          const path = `$.mock_data.nodes[${i}]`;
          if (seen.has(id)) out.push(diag('MOCK006', 'warning', `node ${id} is listed twice`, 'Mock 节点重复', { node_id: id, path }));
          seen.add(id);
          if (gws[id]) out.push(diag('MOCK004', 'error', `node ${id} is a gateway; gateways cannot be mocked`, `节点 ${id} 是网关，网关不支持 Mock`, { node_id: id, path }));
          else if (events.has(id)) out.push(diag('MOCK004', 'error', `node ${id} is the start or end event; events cannot be mocked`, `节点 ${id} 是开始/结束节点，不支持 Mock`, { node_id: id, path }));
          else if (!acts[id]) out.push(diag('MOCK003', 'error', `node ${id} is not an activity of the tree`, `节点 ${id} 不是流程中的任务节点`, { node_id: id, path }));
        });
        mock.nodes = nodes;
      }
      const outputs = md.outputs ?? {};
      if (!outputs || typeof outputs !== 'object' || Array.isArray(outputs)
        || Object.values(outputs).some((o) => !o || typeof o !== 'object' || Array.isArray(o))) {
        out.push(diag('MOCK007', 'error', 'mock_data.outputs must be an object {node_id: {output_key: value}}', 'mock_data.outputs 格式错误', { path: '$.mock_data.outputs' }));
      } else {
        for (const id of Object.keys(outputs)) {
          const path = `$.mock_data.outputs["${id}"]`;
          if (!acts[id]) out.push(diag('MOCK008', 'error', `outputs are given for ${id}, which is not an activity of the tree`, 'outputs 的节点不是流程中的任务节点', { node_id: id, path }));
          else if (!mock.nodes.includes(id)) out.push(diag('MOCK009', 'warning', `outputs are given for ${id}, which is not mocked; they are never used`, 'outputs 的节点未被 Mock，输出不会生效', { node_id: id, path }));
        }
        mock.outputs = outputs;
      }
      const ids = md.mock_data_ids ?? {};
      if (!ids || typeof ids !== 'object' || Array.isArray(ids) || Object.values(ids).some((v) => !Number.isInteger(v))) {
        out.push(diag('MOCK012', 'error', 'mock_data.mock_data_ids must be an object {node_id: integer id}', 'mock_data_ids 必须是 {节点ID: 整数ID}', { path: '$.mock_data.mock_data_ids' }));
      } else {
        mock.mock_data_ids = ids;
      }
      for (const id of mock.nodes) {
        if (acts[id] && !(id in mock.outputs) && !(id in mock.mock_data_ids)) {
          out.push(diag('MOCK016', 'warning', `mocked node ${id} gets no outputs: it has neither outputs nor a mock_data_id`, 'Mock 节点没有输出', { node_id: id }));
        }
      }
    }
    const body = {};
    put(body, 'template_id', templateId);
    put(body, 'name', name);
    put(body, 'creator', creator);
    put(body, 'description', description);
    put(body, 'constants', constants);
    body.mock_data = mock;
    const outputs = {};
    for (const id of mock.nodes) if (mock.outputs[id]) outputs[id] = mock.outputs[id];
    return result(body, [...out, ...treeReport(tree)], { outputs });
  }

  function buildClockedTaskPayload(tree, input) {
    const f = new Fields(input);
    const biz = f.text('bk_biz_id', { required: true });
    const template = f.text('template_id', { required: true });
    const taskName = f.text('task_name', { required: true, max: 128 });
    let plan = f.text('plan_start_time', { required: true });
    const out = f.out;
    if (plan !== undefined) {
      const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(plan);
      if (!m) {
        out.push(diag('CLOCK001', 'error', `plan_start_time ${JSON.stringify(plan)} is not a date-time the server reads (YYYY-MM-DD HH:MM:SS+ZZZZ)`, 'plan_start_time 格式错误', { path: '$.plan_start_time' }));
      } else {
        let zone = m[7];
        if (!zone) {
          out.push(diag('CLOCK002', 'warning', `plan_start_time ${JSON.stringify(plan)} has no zone: the server reads it in Asia/Shanghai, so it is sent as ${plan}+0800`, 'plan_start_time 没有时区，按 Asia/Shanghai (+0800) 解析', { path: '$.plan_start_time' }));
          zone = '+0800';
          plan = `${plan}+0800`;
        }
        const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`}`;
        const when = Date.parse(iso);
        const now = input.now === undefined ? Date.now() : input.now === null ? null : typeof input.now === 'number' ? input.now : Date.parse(String(input.now).replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
        if (Number.isNaN(when)) {
          out.push(diag('CLOCK001', 'error', `plan_start_time ${JSON.stringify(plan)} is not a real date`, 'plan_start_time 格式错误', { path: '$.plan_start_time' }));
        } else if (now !== null && Number.isFinite(now) && when <= now) {
          out.push(diag('CLOCK003', 'error', 'plan_start_time is earlier than now (Plan start time should be later than the time to create the plan)', '计划开始时间必须晚于当前时间', { path: '$.plan_start_time' }));
        }
      }
    }
    const scope = input.scope ?? 'cmdb_biz';
    if (scope !== 'cmdb_biz' && scope !== 'project') {
      out.push(diag('CLOCK005', 'error', `scope must be cmdb_biz or project, found ${JSON.stringify(scope)}`, 'scope 必须是 cmdb_biz 或 project', { path: '$.scope' }));
    }
    const tp = input.task_parameters ?? {};
    let params = { constants: {}, template_schemes_id: [] };
    if (!tp || typeof tp !== 'object' || Array.isArray(tp) || (tp.template_schemes_id !== undefined && !Array.isArray(tp.template_schemes_id))) {
      out.push(diag('CLOCK006', 'error', 'task_parameters must be an object whose template_schemes_id is a list', 'task_parameters 格式错误', { path: '$.task_parameters' }));
    } else {
      const methods = ['exclude_task_nodes_id', 'template_schemes_id', 'appoint_task_nodes_id'].filter((k) => Array.isArray(tp[k]) && tp[k].length);
      if (methods.length > 1) out.push(diag('CLOCK007', 'error', `more than one of ${methods.join(', ')} is given`, 'can not use multiple method to appoint execute nodes', { path: '$.task_parameters' }));
      const sub = new Fields({ constants: tp.constants ?? {} });
      sub.constants(tree ?? null);
      for (const d of sub.out) out.push({ ...d, path: d.path?.replace('$.constants', '$.task_parameters.constants') });
      params = { ...tp, constants: tp.constants ?? {}, template_schemes_id: tp.template_schemes_id ?? [] };
    }
    const body = {};
    put(body, 'bk_biz_id', biz);
    put(body, 'template_id', template);
    put(body, 'task_name', taskName);
    put(body, 'plan_start_time', plan);
    body.task_parameters = params;
    body.scope = scope;
    return result(body, tree ? [...out, ...treeReport(tree)] : out);
  }

  return { buildCreateTaskPayload, buildMockTaskPayload, buildClockedTaskPayload, lite: true };
}
