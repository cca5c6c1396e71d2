// @ts-check
// The task node's form, built from the plugin catalogue (`Editor.plugins()`): a searchable
// plugin picker grouped as the catalogue groups them, the version, an input form generated from
// each input's type (text, textarea, int, select, radio, checkbox; JSON for the rest) with
// required marks and a "hook" toggle on each hookable input (hooking creates or reuses a
// variable), the outputs with a toggle that exposes each as a variable, and the execution
// options (optional, skippable, retryable, ignore errors, timeout and its action, auto retry).
// Each change is one operation: replacePlugin, updateNode, hookInput/unhookInput,
// hookOutput/unhookOutput. Tree strings are set as text only.

import { el } from './dom.js';
import { t } from './i18n.js';

/** The catalogue, read once from the core: plugins in its order. */
let catalogue = null;
function plugins(editor) {
  if (!catalogue) {
    try { catalogue = editor.plugins().plugins ?? []; } catch { catalogue = []; }
  }
  return catalogue;
}

/** Every version of plugin `code` (a code both SOPS and BKFlow have lists both's). */
export function versionsOf(editor, code) {
  const out = [];
  for (const p of plugins(editor)) {
    if (p.code !== code) continue;
    for (const [v, body] of Object.entries(p.versions ?? {})) if (!out.some((x) => x.version === v)) out.push({ version: v, ...body, plugin: p });
  }
  return out;
}

/** The plugin picker: a search box over name, code and group, the matches grouped. `pick`
 *  gets the chosen code. */
export function pluginPicker(editor, current, pick) {
  const box = el('div', { class: 'picker', role: 'group', 'aria-label': t('node.picker') });
  const q = el('input', { type: 'search', class: 'picker-search', id: 'plugin-search', placeholder: t('node.picker.ph'), 'aria-label': t('node.picker'), spellcheck: 'false' });
  const list = el('div', { class: 'picker-list', role: 'listbox', 'aria-label': t('node.picker') });
  const draw = () => {
    const s = q.value.trim().toLowerCase();
    const groups = new Map();
    for (const p of plugins(editor)) {
      const hay = `${p.name ?? ''} ${p.code} ${p.group ?? ''}`.toLowerCase();
      if (s && !hay.includes(s)) continue;
      const g = p.group ?? t('node.picker.other');
      if (!groups.has(g)) groups.set(g, []);
      groups.get(g).push(p);
    }
    const parts = [];
    for (const [g, ps] of groups) {
      parts.push(el('div', { class: 'picker-group' }, g));
      for (const p of ps) {
        const b = el('button', { type: 'button', role: 'option', class: 'picker-item', 'data-code': p.code, 'aria-selected': String(p.code === current) });
        b.append(el('span', null, p.name || p.code), ' ', el('code', { class: 'muted' }, p.code));
        if (p.platform) b.append(' ', el('span', { class: 'tag' }, p.platform === 'bkflow' ? 'BKFlow' : 'SOPS'));
        b.addEventListener('click', () => pick(p.code));
        parts.push(b);
      }
    }
    if (!parts.length) parts.push(el('p', { class: 'muted' }, t('node.picker.none')));
    list.replaceChildren(...parts);
  };
  q.addEventListener('input', draw);
  q.addEventListener('keydown', (/** @type {KeyboardEvent} */ e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      const first = /** @type {HTMLElement | null} */ (list.querySelector('.picker-item'));
      first?.click();
    }
  });
  draw();
  box.append(q, list);
  return box;
}

/** A labelled field; `required` adds the mark. */
function field(label, input, required = false) {
  const l = el('label', { class: 'field' });
  const head = el('span');
  head.append(label);
  if (required) head.append(el('abbr', { class: 'required', title: t('pay.required') }, '*'));
  l.append(head, input);
  return l;
}

/** The input form of a task (`n`, the activity) for its catalogue version `ver`. */
export function inputsForm(doc, cmd, id, n, ver) {
  const box = el('div', { class: 'inputs-form' });
  const data = n.component && typeof n.component.data === 'object' && n.component.data ? n.component.data : {};
  const inputs = (ver.inputs ?? []).filter((i) => i.type !== 'button' && i.type !== 'internal');
  if (!inputs.length) box.append(el('p', { class: 'muted' }, t('node.noinputs')));
  for (const input of inputs) {
    const item = data[input.key];
    const hooked = Boolean(item && typeof item === 'object' && item.hook);
    const value = item && typeof item === 'object' ? item.value : undefined;
    const wrap = el('div', { class: `input-row${hooked ? ' hooked' : ''}`, 'data-input': input.key });
    let control;
    if (hooked) {
      control = el('code', { class: 'hooked-var' }, String(value ?? ''));
    } else {
      control = controlFor(input, value, (v) => setInput(doc, cmd, id, input.key, v));
    }
    const label = input.name || input.key;
    const f = field(label, control, input.required);
    wrap.append(f);
    if (input.hookable !== false) {
      const hook = el('input', { type: 'checkbox', 'data-role': 'hook', 'aria-label': t('node.hook.label', { name: label }) });
      /** @type {HTMLInputElement} */ (hook).checked = hooked;
      hook.addEventListener('change', () => {
        const op = /** @type {HTMLInputElement} */ (hook).checked ? 'hookInput' : 'unhookInput';
        cmd.run({ op, node: id, input: input.key }, t(op === 'hookInput' ? 'doing.hook' : 'doing.unhook'));
      });
      const hl = el('label', { class: 'check hook' });
      hl.append(hook, ` ${t('node.hook')}`);
      wrap.append(hl);
    }
    box.append(wrap);
  }
  return box;
}

/** Sets one input's value (the rest of `component` as it is). */
function setInput(doc, cmd, id, key, value) {
  const n = doc.tree.activities?.[id];
  if (!n || !n.component || typeof n.component !== 'object') return;
  const component = structuredClone(n.component);
  if (!component.data || typeof component.data !== 'object') component.data = {};
  const item = component.data[key] && typeof component.data[key] === 'object' ? component.data[key] : { hook: false, need_render: true };
  if (JSON.stringify(item.value) === JSON.stringify(value)) return;
  item.value = value;
  component.data[key] = item;
  cmd.run({ op: 'updateNode', id, fields: { component } }, t('doing.input'));
}

/** A form control for an input of type `input.type` holding `value`; `set` gets new values. */
function controlFor(input, value, set) {
  const opts = Array.isArray(input.options) ? input.options.filter((o) => o && typeof o === 'object' && 'value' in o) : [];
  const type = input.type;
  const commit = (e, f) => { e.addEventListener('change', () => set(f())); return e; };
  if ((type === 'select' || type === 'radio') && opts.length && !input.multiple) {
    const s = el('select');
    if (!opts.some((o) => JSON.stringify(o.value) === JSON.stringify(value))) s.append(el('option', { value: '-1' }, value == null || value === '' ? '—' : JSON.stringify(value)));
    opts.forEach((o, i) => s.append(el('option', { value: String(i) }, String(o.text ?? o.value))));
    const at = opts.findIndex((o) => JSON.stringify(o.value) === JSON.stringify(value));
    s.value = String(at);
    return commit(s, () => (s.value === '-1' ? value : opts[Number(s.value)].value));
  }
  if ((type === 'checkbox' || ((type === 'select') && input.multiple)) && opts.length) {
    const box = el('div', { class: 'choices' });
    const chosen = Array.isArray(value) ? value : [];
    for (const o of opts) {
      const c = el('input', { type: 'checkbox' });
      /** @type {HTMLInputElement} */ (c).checked = chosen.some((v) => JSON.stringify(v) === JSON.stringify(o.value));
      c.addEventListener('change', () => {
        const now = opts.filter((_, i) => /** @type {HTMLInputElement} */ (box.querySelectorAll('input')[i]).checked).map((x) => x.value);
        set(now);
      });
      const l = el('label', { class: 'check' });
      l.append(c, ` ${String(o.text ?? o.value)}`);
      box.append(l);
    }
    return box;
  }
  if (type === 'int') {
    const i = el('input', { type: 'number', step: 1 });
    /** @type {HTMLInputElement} */ (i).value = value == null ? '' : String(value);
    return commit(i, () => {
      const s = /** @type {HTMLInputElement} */ (i).value;
      return s === '' ? '' : Number.isInteger(Number(s)) ? Number(s) : s;
    });
  }
  if ((type === 'textarea' || type === 'code_editor') && (typeof value === 'string' || value == null)) {
    const a = el('textarea', { rows: type === 'code_editor' ? 6 : 3, spellcheck: 'false' });
    /** @type {HTMLTextAreaElement} */ (a).value = value ?? '';
    return commit(a, () => /** @type {HTMLTextAreaElement} */ (a).value);
  }
  if (typeof value === 'string' || value == null) {
    const i = el('input', { type: type === 'password' ? 'password' : 'text', spellcheck: 'false' });
    /** @type {HTMLInputElement} */ (i).value = value ?? '';
    return commit(i, () => /** @type {HTMLInputElement} */ (i).value);
  }
  // tables, trees, combined fields: their JSON
  const a = el('textarea', { rows: 4, spellcheck: 'false', class: 'json' });
  /** @type {HTMLTextAreaElement} */ (a).value = JSON.stringify(value, null, 2);
  a.addEventListener('change', () => {
    try {
      set(JSON.parse(/** @type {HTMLTextAreaElement} */ (a).value));
      a.classList.remove('bad');
    } catch {
      a.classList.add('bad');
    }
  });
  return a;
}

/** The outputs of version `ver`, each with a toggle exposing it as a variable. */
export function outputsForm(doc, cmd, id, ver) {
  const box = el('div', { class: 'outputs-form' });
  const hooked = new Map();
  for (const [key, c] of Object.entries(doc.tree.constants ?? {})) {
    if (c?.source_type !== 'component_outputs') continue;
    const list = c.source_info?.[id];
    for (const o of Array.isArray(list) ? list : []) hooked.set(o, key);
  }
  for (const o of ver.outputs ?? []) {
    const row = el('label', { class: 'check output-row', 'data-output': o.key });
    const c = el('input', { type: 'checkbox', 'data-role': 'hook-output' });
    /** @type {HTMLInputElement} */ (c).checked = hooked.has(o.key);
    c.addEventListener('change', () => {
      const op = /** @type {HTMLInputElement} */ (c).checked ? 'hookOutput' : 'unhookOutput';
      cmd.run({ op, node: id, output: o.key }, t(op === 'hookOutput' ? 'doing.hookOutput' : 'doing.unhookOutput'));
    });
    row.append(c, ` ${o.name || o.key} `, el('code', { class: 'muted' }, o.key));
    if (hooked.has(o.key)) row.append(' → ', el('code', null, hooked.get(o.key)));
    box.append(row);
  }
  return box;
}

/** The execution options of a task or sub-process: timeout and its action, auto retry. */
export function executionForm(doc, cmd, id, n) {
  const box = el('div', { class: 'exec-form' });
  const tc = n.timeout_config && typeof n.timeout_config === 'object' ? n.timeout_config : { enable: false, seconds: 10, action: 'forced_fail' };
  const ar = n.auto_retry && typeof n.auto_retry === 'object' ? n.auto_retry : { enable: false, interval: 0, times: 1 };
  const update = (fields) => cmd.run({ op: 'updateNode', id, fields }, t('doing.update'));
  const num = (v, min, max) => {
    const i = el('input', { type: 'number', min, max, step: 1, class: 'short' });
    /** @type {HTMLInputElement} */ (i).value = String(v ?? '');
    return i;
  };
  const tEnable = el('input', { type: 'checkbox', 'data-field': 'timeout' });
  /** @type {HTMLInputElement} */ (tEnable).checked = Boolean(tc.enable);
  const seconds = num(tc.seconds, 1, 86400);
  const action = el('select', { 'data-field': 'timeout-action' });
  for (const a of ['forced_fail', 'forced_fail_and_skip']) action.append(el('option', { value: a }, t(`node.timeout.${a}`)));
  action.value = tc.action === 'forced_fail_and_skip' ? 'forced_fail_and_skip' : 'forced_fail';
  const saveTimeout = () => update({ timeout_config: { ...tc, enable: /** @type {HTMLInputElement} */ (tEnable).checked,
    seconds: Number(/** @type {HTMLInputElement} */ (seconds).value) || tc.seconds || 10, action: action.value } });
  for (const e of [tEnable, seconds, action]) e.addEventListener('change', saveTimeout);
  const tRow = el('div', { class: 'exec-row' });
  const tl = el('label', { class: 'check' });
  tl.append(tEnable, ` ${t('node.timeout')}`);
  tRow.append(tl, seconds, ` ${t('node.seconds')} `, action);
  const rEnable = el('input', { type: 'checkbox', 'data-field': 'auto-retry' });
  /** @type {HTMLInputElement} */ (rEnable).checked = Boolean(ar.enable);
  const times = num(ar.times, 1, 10);
  const interval = num(ar.interval, 0, 10);
  const saveRetry = () => update({ auto_retry: { ...ar, enable: /** @type {HTMLInputElement} */ (rEnable).checked,
    times: Number(/** @type {HTMLInputElement} */ (times).value) || 1, interval: Number(/** @type {HTMLInputElement} */ (interval).value) || 0 } });
  for (const e of [rEnable, times, interval]) e.addEventListener('change', saveRetry);
  const rRow = el('div', { class: 'exec-row' });
  const rl = el('label', { class: 'check' });
  rl.append(rEnable, ` ${t('node.retry')}`);
  rRow.append(rl, times, ` ${t('node.times')} `, interval, ` ${t('node.interval')}`);
  box.append(tRow, rRow);
  if (tc.enable && (ar.enable || n.error_ignorable)) box.append(el('p', { class: 'warn small' }, t('node.timeout.conflict')));
  return box;
}
