// @ts-check
// The payload panel: the request bodies of the three open APIs for the tree being edited: BKFlow
// create_mock_task (choose the nodes to mock and type their outputs), BKFlow
// create_task_without_template and SOPS create_clocked_task. The request fields start blank
// (their examples are placeholders) and the template's shown variables are fields of their
// types; each body comes with its diagnostics, where it is sent (method, path, a curl command)
// and Copy buttons. An API whose required fields are blank is never "ready to send". The bodies
// and their diagnostics come from the core's builders.

import { el, copyText } from './dom.js';
import { msg, t } from './i18n.js';
import { versionsOf } from './nodeform.js';

/** The three APIs: where each body is sent, and the request fields each needs. */
const APIS = [
  { key: 'mock', api: 'create_mock_task (BKFlow)', method: 'POST', path: '/apigw/space/{space_id}/create_mock_task/',
    required: ['space_id', 'template_id', 'creator'] },
  { key: 'create', api: 'create_task_without_template (BKFlow)', method: 'POST', path: '/apigw/space/{space_id}/create_task_without_template/',
    required: ['space_id', 'creator'] },
  { key: 'clocked', api: 'create_clocked_task (SOPS)', method: 'POST', path: '/create_clocked_task/{template_id}/{bk_biz_id}/',
    required: ['bk_biz_id', 'template_id', 'name', 'plan_start_time'] },
];
/** The request fields: id of the input, and whether it is free text. */
const FIELDS = ['creator', 'name', 'space_id', 'template_id', 'bk_biz_id', 'plan_start_time', 'scope'];
/** Where the curl commands are sent and as whom: the gateways' hosts, the app id and the user
 *  (kept in the browser; the app secret is never asked for and stays a placeholder). */
const ACCESS = [
  ['bkflow_host', 'pay-bkflow-host', 'bkapi.example.com/api/bkflow'],
  ['sops_host', 'pay-sops-host', 'bkapi.example.com/api/bk-sops/prod'],
  ['bk_app_code', 'pay-app-code', 'my-app'],
  ['bk_username', 'pay-username', 'admin'],
];
const ACCESS_KEY = 'pipeline-tree.access';
/** Bodies longer than this are cut on screen (Copy still copies all of it). */
const SHOWN_CHARS = 200_000;

export class PayloadPanel {
  constructor(root, doc, isVisible) {
    this.root = root;
    this.doc = doc;
    this.isVisible = isVisible;
    this.builders = doc.core;
    this.mocked = new Map();
    /** Values typed into the variables' fields, by key (kept across redraws). */
    this.values = new Map();
    this.results = {};
    /** The variables' fields drawn, by key. @type {Map<string, VarField>} */
    this.fields = new Map();
    this.stale = true;
    this.build();
    doc.addEventListener('reset', () => { this.mocked.clear(); this.values.clear(); this.treeChanged(true); });
    doc.addEventListener('change', (e) => {
      const d = e.detail.delta;
      for (const id of d.nodes.removed) this.mocked.delete(id);
      this.treeChanged(d.nodes.added.length > 0 || d.nodes.removed.length > 0 || d.nodes.updated.length > 0);
    });
  }

  build() {
    const r = this.root;
    const source = el('p', { class: 'note', id: 'payload-source', 'data-i18n': 'pay.source' }, t('pay.source'));
    const fields = el('fieldset', { class: 'payload-fields' });
    fields.append(el('legend', { 'data-i18n': 'pay.request' }, t('pay.request')));
    this.inputs = {
      creator: input('pay-creator', 'admin'),
      name: input('pay-name', 'pay.name.ph'),
      space_id: input('pay-space', '1'),
      template_id: input('pay-template', '1'),
      bk_biz_id: input('pay-biz', '2'),
      plan_start_time: input('pay-plan', 'pay.plan.ph'),
      scope: select('pay-scope', ['cmdb_biz', 'project']),
    };
    const need = new Set(APIS.flatMap((a) => a.required));
    for (const k of FIELDS) {
      const i = this.inputs[k];
      const l = el('label', { class: 'field' });
      const span = el('span');
      span.append(el('span', { 'data-i18n': `pay.${k}` }, t(`pay.${k}`)));
      if (need.has(k)) span.append(el('abbr', { class: 'required', 'data-i18n-title': 'pay.required', title: t('pay.required') }, '*'));
      l.append(span, i);
      fields.append(l);
      i.addEventListener('input', () => this.later());
      i.addEventListener('change', () => this.later());
    }
    this.varBox = el('fieldset', { class: 'payload-vars', id: 'pay-vars' });
    const access = this.accessFields();
    const mock = el('fieldset', { class: 'mock-nodes' });
    mock.append(el('legend', { 'data-i18n': 'pay.mock' }, t('pay.mock')));
    this.filter = el('input', { type: 'search', id: 'mock-filter', placeholder: t('pay.filter'), 'data-i18n-placeholder': 'pay.filter' });
    this.filter.addEventListener('input', () => this.renderNodes());
    const addSel = el('button', { type: 'button', id: 'mock-selected', 'data-i18n': 'pay.mockSelected' }, t('pay.mockSelected'));
    addSel.addEventListener('click', () => {
      for (const id of this.doc.selection.nodes) {
        if (this.doc.tree.activities?.[id] && !this.mocked.has(id)) this.mocked.set(id, '{}');
      }
      this.renderNodes();
      this.later();
    });
    this.nodeList = el('ul', { class: 'mock-list', id: 'mock-list' });
    mock.append(this.filter, addSel, this.nodeList);
    const buildBtn = el('button', { type: 'button', id: 'payload-build', class: 'primary', 'data-i18n': 'pay.build' }, t('pay.build'));
    buildBtn.addEventListener('click', () => this.run());
    this.out = el('div', { class: 'payload-results' });
    this.sections = {};
    for (const a of APIS) {
      const sec = el('section', { class: 'payload-result', 'data-api': a.key, id: `payload-${a.key}` });
      const head = el('div', { class: 'payload-head' });
      const status = el('span', { class: 'status', 'aria-live': 'polite' });
      const copy = copyButton('copy', 'pay.copy', () => this.results[a.key] && JSON.stringify(this.results[a.key].body, null, 2));
      const curl = copyButton('copy-curl', 'pay.copyCurl', () => this.results[a.key] && this.curl(a, this.results[a.key].body));
      head.append(el('h4', { 'data-i18n': `pay.api.${a.key}` }, t(`pay.api.${a.key}`)), el('span', { class: 'muted' }, a.api), status, copy, curl);
      const endpoint = el('p', { class: 'endpoint' });
      const diags = el('ol', { class: 'payload-diagnostics' });
      const body = el('pre', { class: 'payload-body' });
      sec.append(head, endpoint, diags, body);
      this.sections[a.key] = { status, diags, body, endpoint };
      this.out.append(sec);
    }
    r.append(source, fields, this.varBox, mock, buildBtn, this.out, access);
  }

  /** Texts that are not marked for the page's language switch: drawn again. */
  relabel() {
    this.renderVars();
    this.renderNodes();
    if (!this.stale) this.run();
  }

  /** The request line of an API, its `{…}` filled from the request fields where given. */
  endpoint(a) {
    const v = (k) => this.inputs[k]?.value.trim();
    return `${a.method} ${a.path.replace(/\{(\w+)\}/g, (m, k) => v(k) || m)}`;
  }

  /** The fields of the curl commands' hosts and credentials, filled from and saved to the
   *  browser's storage. */
  accessFields() {
    const box = el('fieldset', { class: 'payload-access', id: 'pay-access' });
    box.append(el('legend', { 'data-i18n': 'pay.access' }, t('pay.access')));
    let saved = {};
    try { saved = JSON.parse(localStorage.getItem(ACCESS_KEY) ?? '{}') ?? {}; } catch { saved = {}; }
    this.access = {};
    for (const [k, id, example] of ACCESS) {
      const i = input(id, example);
      if (typeof saved[k] === 'string') i.value = saved[k];
      i.addEventListener('change', () => {
        const all = Object.fromEntries(Object.entries(this.access).map(([key, f]) => [key, f.value.trim()]));
        try { localStorage.setItem(ACCESS_KEY, JSON.stringify(all)); } catch { /* storage off: kept for this page only */ }
      });
      this.access[k] = i;
      const l = el('label', { class: 'field' });
      l.append(el('span', { 'data-i18n': `pay.${k}` }, t(`pay.${k}`)), i);
      box.append(l);
    }
    box.append(el('p', { class: 'note', 'data-i18n': 'pay.secret' }, t('pay.secret')));
    return box;
  }

  /** A curl command sending `body` to the API: the hosts and credentials given in the access
   *  fields, `{placeholders}` for those left blank and for the app secret. */
  curl(a, body) {
    const [, path] = this.endpoint(a).split(' ');
    const given = (k) => this.access[k].value.trim().replace(/^https?:\/\//, '').replace(/\/+$/, '');
    const hostKey = a.key === 'clocked' ? 'sops_host' : 'bkflow_host';
    const host = given(hostKey) || `{${hostKey}}`;
    const auth = JSON.stringify({
      bk_app_code: given('bk_app_code') || '{bk_app_code}',
      bk_app_secret: '{bk_app_secret}',
      bk_username: given('bk_username') || '{bk_username}',
    });
    const quote = (s) => s.replaceAll("'", "'\\''");
    return [
      `curl -X ${a.method} 'https://${quote(host)}${path}' \\`,
      `  -H 'Content-Type: application/json' \\`,
      `  -H 'X-Bkapi-Authorization: ${quote(auth)}' \\`,
      `  --data-binary '${quote(JSON.stringify(body))}'`,
    ].join('\n');
  }

  /** The template's variables a task is started with (shown, not hooked outputs), each as a
   *  field of its type, holding the template's value until changed. */
  renderVars() {
    const consts = this.doc.tree.constants && typeof this.doc.tree.constants === 'object' ? this.doc.tree.constants : {};
    const shown = Object.entries(consts).filter(([, c]) => c && typeof c === 'object' && c.show_type === 'show' && c.source_type !== 'component_outputs');
    const rows = [el('legend', { 'data-i18n': 'pay.vars' }, t('pay.vars'))];
    if (!shown.length) rows.push(el('p', { class: 'muted' }, t('pay.novars')));
    /** @type {Map<string, VarField>} */
    this.fields = new Map();
    for (const [key, c] of shown.slice(0, 200)) {
      const f = varField(this.doc, key, c, this.values.get(key));
      this.fields.set(key, f);
      const keep = () => { this.values.set(key, f.state()); this.later(); };
      f.el.addEventListener('input', keep);
      f.el.addEventListener('change', keep);
      const l = el('label', { class: 'field var-field', 'data-key': key });
      const name = typeof c.name === 'string' && c.name ? c.name : key;
      l.append(el('span', null, name), el('code', { class: 'muted key' }, key), f.el);
      rows.push(l);
    }
    if (shown.length > 200) rows.push(el('p', { class: 'muted' }, t('pay.morevars', { n: shown.length - 200 })));
    this.varBox.replaceChildren(...rows);
  }

  /** The values of the variables' fields, as the APIs' `constants` ({"${key}": value}); a
   *  field whose text is not its type's is a problem. */
  constants(problems) {
    const out = {};
    for (const [key, f] of this.fields) {
      const r = f.read(problems);
      if (r) out[key] = r.value;
    }
    return out;
  }

  /** The tree changed: rebuild when the panel is shown. */
  treeChanged(nodesChanged) {
    this.stale = true;
    if (nodesChanged) this.nodesStale = true;
    this.varsStale = true;
    if (this.isVisible()) this.later(400);
  }

  shown() {
    if (this.nodesStale !== false) this.renderNodes();
    if (this.varsStale !== false) { this.varsStale = false; this.renderVars(); }
    if (this.stale) this.run();
  }

  later(ms = 250) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (!this.isVisible()) return;
      if (this.nodesStale) this.renderNodes();
      // the variables' fields are drawn again only while none of them is being typed in
      if (this.varsStale && !this.varBox.contains(document.activeElement)) { this.varsStale = false; this.renderVars(); }
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
      const box = el('input', { type: 'checkbox', 'aria-label': t('pay.mockBox', { name: name || id }) });
      box.checked = this.mocked.has(id);
      box.addEventListener('change', () => {
        if (box.checked) this.mocked.set(id, this.mocked.get(id) ?? '{}');
        else this.mocked.delete(id);
        this.renderNodes();
        this.later();
      });
      const label = el('label');
      label.append(box, ' ', el('span', { class: 'name' }, name || t('pay.unnamed')), ' ', el('code', null, code));
      li.append(label);
      if (this.mocked.has(id)) {
        const area = textarea(null, this.mocked.get(id), 2);
        area.setAttribute('aria-label', t('pay.outputs', { name: name || id }));
        area.classList.add('mock-outputs');
        area.addEventListener('input', () => { this.mocked.set(id, area.value); this.later(400); });
        li.append(area);
      }
      rows.push(li);
    }
    if (hidden) rows.push(el('li', { class: 'muted' }, t('pay.hidden', { n: hidden })));
    if (!rows.length) rows.push(el('li', { class: 'muted' }, t('pay.notasks')));
    this.nodeList.replaceChildren(...rows);
  }

  /** The request fields from the form; errors in typed fields are returned as messages. */
  read() {
    const v = (k) => this.inputs[k].value;
    const problems = [];
    const constants = this.constants(problems);
    const outputs = {};
    for (const [id, text] of this.mocked) {
      let o = {};
      if (text.trim()) {
        try { o = JSON.parse(text); } catch (e) {
          problems.push(t('pay.notjson', { what: t('pay.outputsWhat', { name: this.doc.label(id) }), error: e.message }));
          continue;
        }
      }
      outputs[id] = o;
    }
    const common = given({ name: v('name'), creator: v('creator') });
    if (Object.keys(constants).length) common.constants = constants;
    const mockedIds = [...this.mocked.keys()];
    // A blank field is a field not given (the builder then says it is required).
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
        task_parameters: { constants, template_schemes_id: [] },
        scope: v('scope'),
      }),
    };
  }

  /** The request fields an API needs that are blank, named in the page's language. */
  missing(a) {
    return a.required.filter((k) => !this.inputs[k].value.trim()).map((k) => t(`pay.${k}`));
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
    for (const a of APIS) {
      const sec = this.sections[a.key];
      sec.endpoint.replaceChildren(el('code', null, this.endpoint(a)));
      if (req.problems.length) {
        this.results[a.key] = null;
        sec.status.textContent = t('pay.notBuilt');
        sec.status.className = 'status bad';
        sec.diags.replaceChildren(...req.problems.map((p) => el('li', { class: 'error' }, p)));
        sec.body.textContent = '';
        continue;
      }
      let r;
      try {
        r = calls[a.key]();
      } catch (e) {
        this.results[a.key] = null;
        sec.status.textContent = t('pay.notBuilt');
        sec.status.className = 'status bad';
        sec.diags.replaceChildren(el('li', { class: 'error' }, msg(e)));
        sec.body.textContent = '';
        continue;
      }
      this.results[a.key] = r;
      const errors = r.diagnostics.filter((d) => d.severity === 'error').length;
      const warnings = r.diagnostics.length - errors;
      const missing = this.missing(a);
      const ready = r.valid && !missing.length;
      const counts = t('problems.summary', { errors, warnings });
      sec.status.textContent = ready ? `${t('pay.ready')} · ${counts}`
        : missing.length ? `${t('pay.dontSend')} · ${t('pay.missing', { fields: missing })}` : `${t('pay.dontSend')} · ${counts}`;
      sec.status.className = `status ${ready ? 'ok' : 'bad'}`;
      sec.diags.replaceChildren(...r.diagnostics.slice(0, 100).map((d) => {
        const li = el('li', { class: d.severity, 'data-code': d.code });
        li.append(el('code', null, d.code), ` ${this.doc.message(d)}`);
        if (d.path) li.append(' ', el('span', { class: 'muted' }, d.path));
        return li;
      }));
      if (r.diagnostics.length > 100) sec.diags.append(el('li', { class: 'muted' }, t('pay.more', { n: r.diagnostics.length - 100 })));
      const text = JSON.stringify(r.body, null, 2);
      sec.body.textContent = text.length > SHOWN_CHARS
        ? `${text.slice(0, SHOWN_CHARS)}\n${t('pay.cut', { n: (text.length - SHOWN_CHARS).toLocaleString() })}`
        : text;
    }
    document.body.dataset.payloadBuilt = String((Number(document.body.dataset.payloadBuilt) || 0) + 1);
  }
}

/** The fields that are not blank text (a blank field is one not given). */
function given(fields) {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => typeof v !== 'string' || v.trim() !== ''));
}

/** A blank text field; `example` (an entry of the texts, or a literal) is its placeholder. */
function input(id, example) {
  const i = el('input', { type: 'text', id, spellcheck: 'false' });
  if (example.startsWith('pay.')) {
    i.placeholder = t(example);
    i.dataset.i18nPlaceholder = example;
  } else {
    i.placeholder = example;
  }
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

/** A button that copies what `text()` gives and says whether it did. */
function copyButton(cls, key, text) {
  const b = el('button', { type: 'button', class: cls, 'data-i18n': key }, t(key));
  b.addEventListener('click', async () => {
    const s = text();
    if (!s) return;
    const ok = await copyText(s);
    b.textContent = ok ? t('pay.copied') : t('pay.copyFailed');
    setTimeout(() => { b.textContent = t(key); }, 1500);
  });
  return b;
}

/** The items of a select variable: SOPS's set-up (`{datasource, items_text, type, default}`,
 *  `datasource` "0" for items given as JSON text, "1" for a URL the items come from; `type` "1"
 *  for several choices), or items given as a list. Null when the value is no set-up. */
export function selectSetup(value) {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  if (!('items_text' in value) && !('items' in value) && !('default' in value)) return null;
  const multiple = String(value.type) === '1' || value.multiple === true;
  let items = null;
  if (Array.isArray(value.items)) items = value.items;
  else if (String(value.datasource ?? '0') === '0' && typeof value.items_text === 'string') {
    try { items = JSON.parse(value.items_text); } catch { items = null; }
  }
  const list = Array.isArray(items)
    ? items.filter((o) => o && typeof o === 'object' && 'value' in o).map((o) => ({ text: String(o.text ?? o.value), value: o.value }))
    : null;
  // the default as SOPS's select shows it: one value, or values split at commas when several
  const raw = value.default ?? '';
  const parts = Array.isArray(raw) ? raw : multiple ? String(raw).split(',').map((x) => x.trim()).filter(Boolean) : [raw];
  /** the item whose value is (or reads as) `v`, else `v` itself */
  const pick = (v) => list?.find((o) => o.value === v || String(o.value) === String(v))?.value ?? v;
  const chosen = parts.filter((v) => v !== '' && v != null).map(pick);
  return { items: list, multiple, chosen, remote: !list };
}

/** The options of a plugin input a variable is hooked to (its first `source_info` entry), from
 *  the catalogue: `{items, multiple}` for select, radio and checkbox inputs, else null. */
function hookedChoices(doc, c) {
  if (c.source_type !== 'component_inputs' || !c.source_info || typeof c.source_info !== 'object') return null;
  for (const [node, tags] of Object.entries(c.source_info)) {
    const comp = doc.tree.activities?.[node]?.component;
    if (!comp || typeof comp !== 'object' || !Array.isArray(tags)) continue;
    const ver = versionsOf(doc.editor, String(comp.code)).find((v) => v.version === comp.version);
    const input = ver?.inputs?.find((i) => i.key === tags[0]);
    if (!input || !['select', 'radio', 'checkbox'].includes(input.type) || !Array.isArray(input.options)) return null;
    const items = input.options.filter((o) => o && typeof o === 'object' && 'value' in o).map((o) => ({ text: String(o.text ?? o.value), value: o.value }));
    if (!items.length) return null;
    return { items, multiple: input.type === 'checkbox' || Boolean(input.multiple) };
  }
  return null;
}

/** `YYYY-MM-DD HH:mm:ss`, a date-time variable's value. */
const DATETIME = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/;

/** @typedef {{ el: HTMLElement, read: (problems: string[]) => ({ value: any } | null), state: () => any }} VarField */

/** The field of a variable, by its type (SOPS's `custom_type`; a hooked input's by its
 *  plugin's input or its value): a dropdown for a select variable (its items, several when it
 *  allows several, its default chosen; a text field when its items come from a URL), a
 *  dropdown of the plugin's options for a hooked select, radio or checkbox input, a whole
 *  number for int, a date-time, date or time field, a text box for textarea, JSON for values
 *  that are not text. `typed` is the field's state before a redraw.
 *  @returns {VarField} */
function varField(doc, key, c, typed) {
  const value = c.value;
  const text = typeof typed === 'string' ? typed : undefined;
  const type = typeof c.custom_type === 'string' ? c.custom_type : '';
  const setup = type === 'select' || type === 'text_value_select' || c.is_meta === true ? selectSetup(value) : null;
  const hooked = setup ? null : hookedChoices(doc, c);
  /** @type {VarField} */
  let f;
  if (setup && setup.items) {
    f = choices(setup.items, setup.multiple, setup.chosen, typed);
  } else if (hooked) {
    f = choices(hooked.items, hooked.multiple, hooked.multiple ? (Array.isArray(value) ? value : []) : [value], typed);
  } else if (setup) {
    // items from a URL: the value typed, several separated by commas
    const i = el('input', { type: 'text', title: t('pay.remote'), placeholder: t('pay.remote') });
    i.value = text ?? setup.chosen.join(',');
    f = {
      el: i,
      state: () => i.value,
      read: () => ({ value: setup.multiple ? i.value.split(',').map((x) => x.trim()).filter(Boolean) : i.value.trim() }),
    };
  } else if (type === 'int' || (type === '' && typeof value === 'number' && Number.isInteger(value))) {
    const i = el('input', { type: 'number', step: 1 });
    i.value = text ?? (value == null ? '' : String(value));
    f = {
      el: i,
      state: () => i.value,
      read: (problems) => {
        if (i.value.trim() === '') return null;
        const n = Number(i.value);
        if (!Number.isInteger(n)) { problems.push(t('pay.notint', { key })); return null; }
        return { value: n };
      },
    };
  } else if (type === 'datetime' && (value === '' || value == null || (typeof value === 'string' && DATETIME.test(value)))) {
    const i = el('input', { type: 'datetime-local', step: 1 });
    const m = typeof value === 'string' ? DATETIME.exec(value) : null;
    i.value = text ?? (m ? `${m[1]}T${m[2]}` : '');
    f = {
      el: i,
      state: () => i.value,
      // the field gives `YYYY-MM-DDTHH:mm[:ss]`; SOPS writes `YYYY-MM-DD HH:mm:ss`
      read: () => ({ value: i.value ? `${i.value.replace('T', ' ')}:00`.slice(0, 19) : '' }),
    };
  } else if (type === 'date' && (value === '' || value == null || (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)))) {
    const i = el('input', { type: 'date' });
    i.value = text ?? (value ?? '');
    f = { el: i, state: () => i.value, read: () => ({ value: i.value }) };
  } else if (type === 'time' && (value === '' || value == null || (typeof value === 'string' && /^\d{2}:\d{2}(:\d{2})?$/.test(value)))) {
    const i = el('input', { type: 'time', step: 1 });
    i.value = text ?? (value ?? '');
    f = { el: i, state: () => i.value, read: () => ({ value: i.value ? `${i.value}:00`.slice(0, 8) : '' }) };
  } else if (type === 'textarea' || typeof value === 'string' || value == null) {
    const i = type === 'textarea' ? el('textarea', { rows: 3 }) : el('input', { type: 'text' });
    if (type === 'datetime') i.setAttribute('placeholder', 'YYYY-MM-DD HH:mm:ss');
    /** @type {HTMLInputElement} */ (i).value = text ?? (value == null ? '' : String(value));
    f = { el: i, state: () => /** @type {HTMLInputElement} */ (i).value, read: () => ({ value: /** @type {HTMLInputElement} */ (i).value }) };
  } else {
    const i = el('textarea', { rows: 3, class: 'json' });
    i.value = text ?? JSON.stringify(value ?? null);
    f = {
      el: i,
      state: () => i.value,
      read: (problems) => {
        try { return { value: JSON.parse(i.value) }; } catch (e) { problems.push(t('pay.notjson', { what: key, error: e.message })); return null; }
      },
    };
  }
  f.el.dataset.var = key;
  f.el.setAttribute('spellcheck', 'false');
  return f;
}

/** A dropdown of `items` (several chosen when `multiple`), `chosen` selected; a chosen value
 *  that is no item is kept as an option of its own. Its state: the chosen values as JSON.
 *  @returns {VarField} */
function choices(items, multiple, chosen, typed) {
  const s = /** @type {HTMLSelectElement} */ (el('select', multiple ? { multiple: '', size: Math.min(6, items.length + 1) } : null));
  const all = [...items];
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  for (const v of chosen) if (v !== '' && v != null && !all.some((o) => same(o.value, v))) all.push({ text: String(v), value: v });
  // one choice with none made: a blank first option, sent as ""
  if (!multiple && !chosen.some((v) => all.some((o) => same(o.value, v)))) all.unshift({ text: '—', value: '' });
  const want = Array.isArray(typed) ? typed : chosen.map((v) => JSON.stringify(v));
  all.forEach((o, i) => {
    const opt = /** @type {HTMLOptionElement} */ (el('option', { value: String(i) }, o.text));
    opt.selected = want.includes(JSON.stringify(o.value));
    s.append(opt);
  });
  const picked = () => [...s.selectedOptions].map((o) => all[Number(o.value)].value);
  return {
    el: s,
    state: () => picked().map((v) => JSON.stringify(v)),
    read: () => ({ value: multiple ? picked() : picked()[0] ?? '' }),
  };
}
