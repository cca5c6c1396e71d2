// @ts-check
// The payload panel: the request bodies of the three open APIs for the tree being edited,
// each with its diagnostics and a Copy button: BKFlow create_mock_task (choose the nodes to mock
// and type their outputs), BKFlow create_task_without_template and SOPS create_clocked_task.
// The bodies and their diagnostics come from the core's builders.

import { el, copyText } from './dom.js';

const APIS = [
  { key: 'mock', title: 'Create mock task', api: 'create_mock_task (BKFlow)' },
  { key: 'create', title: 'Create task', api: 'create_task_without_template (BKFlow)' },
  { key: 'clocked', title: 'Create clocked task', api: 'create_clocked_task (SOPS)' },
];
/** Bodies longer than this are cut on screen (Copy still copies all of it). */
const SHOWN_CHARS = 200_000;

export class PayloadPanel {
  constructor(root, doc, isVisible) {
    this.root = root;
    this.doc = doc;
    this.isVisible = isVisible;
    this.builders = doc.core;
    this.mocked = new Map();
    this.results = {};
    this.stale = true;
    this.build();
    doc.addEventListener('reset', () => { this.mocked.clear(); this.treeChanged(true); });
    doc.addEventListener('change', (e) => {
      const d = e.detail.delta;
      for (const id of d.nodes.removed) this.mocked.delete(id);
      this.treeChanged(d.nodes.added.length > 0 || d.nodes.removed.length > 0 || d.nodes.updated.length > 0);
    });
  }

  build() {
    const r = this.root;
    const source = el('p', { class: 'note', id: 'payload-source' }, 'Bodies built and checked by the core.');
    const fields = el('fieldset', { class: 'payload-fields' });
    fields.append(el('legend', null, 'Request'));
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000);
    const pad = (n) => String(n).padStart(2, '0');
    const plan = `${tomorrow.getFullYear()}-${pad(tomorrow.getMonth() + 1)}-${pad(tomorrow.getDate())} 10:00:00+0800`;
    this.inputs = {
      creator: input('pay-creator', 'admin'),
      name: input('pay-name', 'debug'),
      template_id: input('pay-template', '1'),
      bk_biz_id: input('pay-biz', '2'),
      plan_start_time: input('pay-plan', plan),
      scope: select('pay-scope', ['cmdb_biz', 'project']),
      constants: textarea('pay-constants', '{}', 2),
    };
    const labels = {
      creator: 'Creator', name: 'Task name', template_id: 'Template id', bk_biz_id: 'Business id (clocked)',
      plan_start_time: 'Plan start time (clocked)', scope: 'Scope (clocked)', constants: 'Variable values (JSON)',
    };
    for (const [k, i] of Object.entries(this.inputs)) {
      const l = el('label', { class: 'field' });
      l.append(el('span', null, labels[k]), i);
      fields.append(l);
      i.addEventListener('input', () => this.later());
      i.addEventListener('change', () => this.later());
    }
    const mock = el('fieldset', { class: 'mock-nodes' });
    mock.append(el('legend', null, 'Nodes to mock'));
    this.filter = el('input', { type: 'search', id: 'mock-filter', placeholder: 'filter by name, id or plugin' });
    this.filter.addEventListener('input', () => this.renderNodes());
    const addSel = el('button', { type: 'button', id: 'mock-selected' }, 'Mock the selected nodes');
    addSel.addEventListener('click', () => {
      for (const id of this.doc.selection.nodes) {
        if (this.doc.tree.activities?.[id] && !this.mocked.has(id)) this.mocked.set(id, '{}');
      }
      this.renderNodes();
      this.later();
    });
    this.nodeList = el('ul', { class: 'mock-list', id: 'mock-list' });
    mock.append(this.filter, addSel, this.nodeList);
    const buildBtn = el('button', { type: 'button', id: 'payload-build', class: 'primary' }, 'Build');
    buildBtn.addEventListener('click', () => this.run());
    this.out = el('div', { class: 'payload-results' });
    this.sections = {};
    for (const a of APIS) {
      const sec = el('section', { class: 'payload-result', 'data-api': a.key, id: `payload-${a.key}` });
      const head = el('div', { class: 'payload-head' });
      const status = el('span', { class: 'status' });
      const copy = el('button', { type: 'button', class: 'copy' }, 'Copy');
      copy.addEventListener('click', async () => {
        const r = this.results[a.key];
        if (!r) return;
        const ok = await copyText(JSON.stringify(r.body, null, 2));
        copy.textContent = ok ? 'Copied' : 'Copy failed';
        setTimeout(() => { copy.textContent = 'Copy'; }, 1500);
      });
      head.append(el('h4', null, a.title), el('span', { class: 'muted' }, a.api), status, copy);
      const diags = el('ol', { class: 'payload-diagnostics' });
      const body = el('pre', { class: 'payload-body' });
      sec.append(head, diags, body);
      this.sections[a.key] = { status, diags, body };
      this.out.append(sec);
    }
    r.append(source, fields, mock, buildBtn, this.out);
  }

  /** The tree changed: rebuild when the panel is shown. */
  treeChanged(nodesChanged) {
    this.stale = true;
    if (nodesChanged) this.nodesStale = true;
    if (this.isVisible()) this.later(400);
  }

  shown() {
    if (this.nodesStale !== false) this.renderNodes();
    if (this.stale) this.run();
  }

  later(ms = 250) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (!this.isVisible()) return;
      if (this.nodesStale) this.renderNodes();
      this.run();
    }, ms);
  }

  /** The activities, with a checkbox each; a mocked node has a text box for its outputs. */
  renderNodes() {
    this.nodesStale = false;
    const acts = this.doc.tree.activities && typeof this.doc.tree.activities === 'object' ? this.doc.tree.activities : {};
    const q = this.filter.value.trim().toLowerCase();
    const rows = [];
    let hidden = 0;
    for (const [id, a] of Object.entries(acts)) {
      const name = typeof a?.name === 'string' ? a.name : '';
      const code = a?.component?.code != null ? String(a.component.code) : a?.type === 'SubProcess' ? 'subprocess' : '';
      if (q && !`${name} ${id} ${code}`.toLowerCase().includes(q) && !this.mocked.has(id)) continue;
      if (rows.length >= 200 && !this.mocked.has(id)) { hidden += 1; continue; }
      const li = el('li', { 'data-node': id });
      const box = el('input', { type: 'checkbox', 'aria-label': `mock ${name || id}` });
      box.checked = this.mocked.has(id);
      box.addEventListener('change', () => {
        if (box.checked) this.mocked.set(id, this.mocked.get(id) ?? '{}');
        else this.mocked.delete(id);
        this.renderNodes();
        this.later();
      });
      const label = el('label');
      label.append(box, ' ', el('span', { class: 'name' }, name || '(unnamed)'), ' ', el('code', null, code));
      li.append(label);
      if (this.mocked.has(id)) {
        const area = textarea(null, this.mocked.get(id), 2);
        area.setAttribute('aria-label', `outputs of ${name || id}`);
        area.classList.add('mock-outputs');
        area.addEventListener('input', () => { this.mocked.set(id, area.value); this.later(400); });
        li.append(area);
      }
      rows.push(li);
    }
    if (hidden) rows.push(el('li', { class: 'muted' }, `${hidden} more: filter to find them`));
    if (!rows.length) rows.push(el('li', { class: 'muted' }, 'No task nodes'));
    this.nodeList.replaceChildren(...rows);
  }

  /** The request fields from the form; errors in JSON fields are returned as messages. */
  read() {
    const v = (k) => this.inputs[k].value;
    const problems = [];
    const json = (text, what) => {
      try {
        return JSON.parse(text);
      } catch (e) {
        problems.push(`${what} is not JSON: ${e.message}`);
        return undefined;
      }
    };
    const constants = v('constants').trim() ? json(v('constants'), 'Variable values') : undefined;
    const outputs = {};
    for (const [id, text] of this.mocked) {
      const o = text.trim() ? json(text, `The outputs of ${this.doc.label(id)}`) : {};
      if (o !== undefined) outputs[id] = o;
    }
    const common = given({ name: v('name'), creator: v('creator') });
    if (constants !== undefined) common.constants = constants;
    const mockedIds = [...this.mocked.keys()];
    // A blank field is a field not given (the server then says it is required).
    const templateId = v('template_id').trim();
    return {
      problems,
      mock: {
        ...(templateId ? { template_id: /^\d+$/.test(templateId) ? Number(templateId) : templateId } : {}),
        ...common,
        mock_data: { nodes: mockedIds, outputs, mock_data_ids: {} },
      },
      create: common,
      clocked: given({
        bk_biz_id: v('bk_biz_id'),
        template_id: v('template_id'),
        task_name: v('name'),
        plan_start_time: v('plan_start_time'),
        task_parameters: { constants: constants ?? {}, template_schemes_id: [] },
        scope: v('scope'),
      }),
    };
  }

  /** Builds the three bodies and shows them. */
  run() {
    clearTimeout(this.timer);
    this.stale = false;
    const req = this.read();
    const tree = this.doc.tree;
    const calls = {
      mock: () => this.builders.buildMockTaskPayload(tree, req.mock),
      create: () => this.builders.buildCreateTaskPayload(tree, req.create),
      clocked: () => this.builders.buildClockedTaskPayload(tree, req.clocked),
    };
    for (const [key, call] of Object.entries(calls)) {
      const sec = this.sections[key];
      if (req.problems.length) {
        sec.status.textContent = 'not built';
        sec.status.className = 'status bad';
        sec.diags.replaceChildren(...req.problems.map((p) => el('li', { class: 'error' }, p)));
        continue;
      }
      let r;
      try {
        r = call();
      } catch (e) {
        this.results[key] = null;
        sec.status.textContent = 'not built';
        sec.status.className = 'status bad';
        sec.diags.replaceChildren(el('li', { class: 'error' }, String(e.message ?? e)));
        sec.body.textContent = '';
        continue;
      }
      this.results[key] = r;
      const errors = r.diagnostics.filter((d) => d.severity === 'error').length;
      const warnings = r.diagnostics.length - errors;
      sec.status.textContent = `${r.valid ? 'ready to send' : 'do not send'} · ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
      sec.status.className = `status ${r.valid ? 'ok' : 'bad'}`;
      sec.diags.replaceChildren(...r.diagnostics.slice(0, 100).map((d) => {
        const li = el('li', { class: d.severity, 'data-code': d.code });
        li.append(el('code', null, d.code), ` ${d.message}`);
        if (d.path) li.append(' ', el('span', { class: 'muted' }, d.path));
        return li;
      }));
      if (r.diagnostics.length > 100) sec.diags.append(el('li', { class: 'muted' }, `${r.diagnostics.length - 100} more`));
      const text = JSON.stringify(r.body, null, 2);
      sec.body.textContent = text.length > SHOWN_CHARS
        ? `${text.slice(0, SHOWN_CHARS)}\n… ${(text.length - SHOWN_CHARS).toLocaleString()} more characters (Copy copies the whole body)`
        : text;
    }
    document.body.dataset.payloadBuilt = String((Number(document.body.dataset.payloadBuilt) || 0) + 1);
  }
}

/** The fields that are not blank text (a blank field is one not given). */
function given(fields) {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => typeof v !== 'string' || v.trim() !== ''));
}

function input(id, value) {
  const i = el('input', { type: 'text', id, spellcheck: 'false' });
  i.value = value;
  return i;
}

function select(id, options) {
  const s = el('select', { id });
  for (const o of options) s.append(el('option', { value: o }, o));
  return s;
}

function textarea(id, value, rows) {
  const t = el('textarea', { id, rows, spellcheck: 'false' });
  t.value = value;
  return t;
}
