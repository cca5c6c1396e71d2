// @ts-check
// The side panels about the tree being edited: Properties (the selected node's name and
// fields, a gateway's branches, the selected line's condition; edits go through updateNode,
// replacePlugin, setCondition, setDefault) and Problems (every kept diagnostic, kept in step
// with each outcome's DiagnosticDelta; a click selects and reveals the node or line; fixes the
// core offers are buttons). Tree strings are set as text only.

import { el } from './dom.js';
import { ACTIVITIES } from './geometry.js';
import { TEXTS, t, typeLabel } from './i18n.js';
import { executionForm, inputsForm, outputsForm, pluginPicker, versionsOf } from './nodeform.js';
import { diagKey } from './doc.js';

const PROTECTED = new Set(['id', 'type', 'incoming', 'outgoing', 'conditions', 'default_condition']);
const FLAGS = ['optional', 'error_ignorable', 'retryable', 'skippable'];
/** What the "add after it" row offers. */
const AFTER = ['tasknode', 'subflow', 'branchgateway', 'parallelgateway', 'conditionalparallelgateway', 'convergegateway', 'endpoint'];

export class PropertiesPanel {
  constructor(root, doc, canvas, commands) {
    this.root = root;
    this.doc = doc;
    this.canvas = canvas;
    this.cmd = commands;
    /** A branch's condition as it was before it was made the default, by flow: given back
     *  when it is made a normal branch again. */
    this.beforeDefault = new Map();
    doc.addEventListener('selection', () => this.render());
    doc.addEventListener('reset', () => this.render());
    doc.addEventListener('change', (e) => this.changed(e.detail.delta));
    doc.addEventListener('diagnostics', (e) => {
      const [id] = this.doc.selection.nodes;
      if (this.doc.selection.nodes.size === 1 && e.detail.nodes.has(id)) this.render();
    });
    this.render();
  }

  /** Redraws after the current event: an edit committed by moving to another field redraws
   *  once the focus has landed there, so that field keeps it. */
  renderSoon() {
    clearTimeout(this.soon);
    this.soon = setTimeout(() => this.render(), 0);
  }

  changed(delta) {
    const sel = this.doc.selection;
    const touched = (c, id) => c.updated.includes(id) || c.added.includes(id) || c.removed.includes(id);
    if (sel.nodes.size === 0 && !sel.line) {
      this.renderSoon();
    } else if (sel.nodes.size === 1) {
      const [id] = sel.nodes;
      const vars = delta.constants && (delta.constants.added.length || delta.constants.removed.length || delta.constants.updated.length);
      if (touched(delta.nodes, id) || touched(delta.flows, id) || delta.flows.added.length || delta.flows.removed.length || vars) this.renderSoon();
    } else if (sel.line) {
      const src = this.doc.lines.get(sel.line)?.source?.id;
      if (touched(delta.lines, sel.line) || touched(delta.flows, sel.line) || (src && touched(delta.nodes, src))) this.renderSoon();
    }
  }

  render() {
    clearTimeout(this.soon);
    const sel = this.doc.selection;
    const box = this.root;
    // A field being typed in keeps its text, focus and caret across the redraw (an edit of
    // another field, committed on blur, redraws the panel while the user moves on).
    const active = /** @type {HTMLInputElement | null} */ (box.contains(document.activeElement) ? document.activeElement : null);
    const key = active && fieldKey(active);
    const kept = key && 'value' in active && active.type !== 'checkbox'
      ? { value: active.value, start: active.selectionStart, end: active.selectionEnd } : null;
    box.replaceChildren();
    if (sel.nodes.size === 1) this.node([...sel.nodes][0]);
    else if (sel.nodes.size > 1) this.many(sel.nodes);
    else if (sel.line) this.line(sel.line);
    else this.nothing();
    if (!key) return;
    const again = [...box.querySelectorAll('input, textarea, select, button')].find((e) => fieldKey(e) === key);
    if (!again) return;
    if (kept) {
      again.value = kept.value;
      try { again.setSelectionRange(kept.start, kept.end); } catch { /* not a text field */ }
    }
    again.focus();
  }

  nothing() {
    const tree = this.doc.tree;
    this.root.append(el('p', { class: 'hint' }, t('props.hint')));
    const dl = el('dl', { class: 'facts' });
    const count = (o) => (o && typeof o === 'object' ? Object.keys(o).length : 0);
    const facts = [
      [t('props.tree'), typeof tree.name === 'string' && tree.name ? tree.name : this.doc.name],
      [t('props.nodes'), this.doc.nodes.size],
      [t('props.flows'), count(tree.flows)],
      [t('props.variables'), count(tree.constants)],
    ];
    for (const [k, v] of facts) dl.append(el('dt', null, k), el('dd', null, v));
    this.root.append(dl);
  }

  many(ids) {
    this.root.append(el('h3', null, t('props.many', { n: ids.size })));
    const row = el('div', { class: 'row' });
    row.append(button(t('copy'), () => this.cmd.copy()), button(t('delete'), () => this.cmd.deleteSelection(), 'danger'));
    this.root.append(row);
    const list = el('ul', { class: 'plain' });
    for (const id of [...ids].slice(0, 50)) list.append(el('li', null, `${typeLabel(this.doc.typeOf(id))}: ${this.doc.label(id)}`));
    if (ids.size > 50) list.append(el('li', null, t('props.more', { n: ids.size - 50 })));
    this.root.append(list);
  }

  /** The row of node types to add after node `id` (SOPS's shortcut panel). */
  after(id) {
    const row = el('div', { class: 'row after', role: 'group', 'aria-label': t('props.after'), title: t('props.after.hint') });
    row.append(el('span', { class: 'label' }, t('props.after')));
    for (const type of AFTER) {
      const b = button(typeLabel(type), () => this.cmd.appendAfter(id, type));
      b.dataset.after = type;
      row.append(b);
    }
    return row;
  }

  node(id) {
    const n = this.doc.nodes.get(id);
    const type = this.doc.typeOf(id);
    this.root.append(el('h3', null, typeLabel(type)), el('code', { class: 'id' }, id));
    if (!n) {
      this.root.append(el('p', { class: 'bad' }, t('props.nonode')));
      return;
    }
    const form = el('div', { class: 'form', 'data-node': id });
    form.append(field(t('props.name'), text(n.name, 'prop-name', (v) => this.update(id, { name: v }))));
    if (ACTIVITIES.has(type)) {
      form.append(field(t('props.stage'), text(n.stage_name, 'prop-stage', (v) => this.update(id, { stage_name: v }))));
    }
    if (type === 'subflow') {
      form.append(field(t('props.template'), text(n.template_id ?? '', 'prop-template', (v) => {
        const num = /^\d+$/.test(v) ? Number(v) : v;
        this.update(id, { template_id: num });
      })));
      form.append(field(t('props.subversion'), text(n.version ?? '', 'prop-subversion', (v) => this.update(id, { version: v }))));
    }
    this.root.append(form);
    if (type !== 'endpoint') this.root.append(this.after(id));
    if (type === 'tasknode') this.plugin(id, n);
    if (ACTIVITIES.has(type)) {
      const exec = el('div', { class: 'form exec' });
      for (const f of FLAGS) {
        const box = el('input', { type: 'checkbox', 'data-field': f });
        box.checked = n[f] === true;
        box.addEventListener('change', () => this.update(id, { [f]: box.checked }));
        const label = el('label', { class: 'check' });
        label.append(box, ` ${t(`flag.${f}`)}`);
        exec.append(label);
      }
      exec.append(executionForm(this.doc, this.cmd, id, n));
      this.root.append(section(t('node.exec'), exec));
    }
    if (type === 'branchgateway' || type === 'conditionalparallelgateway') this.branches(id, n);
    this.problems((d) => d.node_id === id);
    this.root.append(this.fieldsEditor(id, n));
    const row = el('div', { class: 'row' });
    row.append(
      button(t('copy'), () => this.cmd.copy()),
      button(t('props.disconnect'), () => this.cmd.run({ op: 'disconnectNode', id, reconnect: true }, t('doing.disconnect'))),
      button(t('delete'), () => this.cmd.deleteSelection(), 'danger'),
    );
    this.root.append(row);
  }

  /** A task's plugin: the picker, the version, the inputs and outputs from the catalogue, and
   *  a plugin by code for one the catalogue does not know. */
  plugin(id, n) {
    const c = n.component && typeof n.component === 'object' ? n.component : {};
    const versions = typeof c.code === 'string' ? versionsOf(this.doc.editor, c.code) : [];
    const known = versions.find((v) => v.version === c.version);
    const box = el('div', { class: 'form plugin' });
    const current = el('p', { class: 'plugin-current' });
    if (versions.length) {
      current.append(el('b', null, versions[0].plugin.name || c.code), ' ', el('code', { class: 'muted' }, String(c.code)));
      const sel = el('select', { id: 'prop-version-select', 'aria-label': t('props.version') });
      if (!known) sel.append(el('option', { value: '' }, String(c.version ?? '—')));
      for (const v of versions) sel.append(el('option', { value: v.version }, v.version));
      sel.value = known ? known.version : '';
      sel.addEventListener('change', () => {
        if (sel.value) this.cmd.run({ op: 'replacePlugin', id, code: c.code, version: sel.value }, t('doing.replace'));
      });
      box.append(current, field(t('props.version'), sel));
    } else {
      current.append(el('span', { class: 'muted' }, c.code ? t('node.unknown', { code: String(c.code) }) : t('node.noplugin')));
      box.append(current);
    }
    // a node without a name takes its plugin's, as in SOPS
    const pick = (code) => {
      const name = versionsOf(this.doc.editor, code)[0]?.plugin.name;
      const op = { op: 'replacePlugin', id, code };
      this.cmd.run(!n.name && name ? { op: 'batch', ops: [op, { op: 'updateNode', id, fields: { name } }] } : op, t('doing.replace'));
    };
    const choose = el('details', { class: 'choose-plugin' });
    if (!c.code) choose.open = true;
    choose.append(el('summary', null, t('node.choose')));
    choose.addEventListener('toggle', () => {
      if (!choose.open || choose.querySelector('.picker')) return;
      choose.append(pluginPicker(this.doc.editor, c.code, pick));
      /** @type {HTMLElement | null} */ (choose.querySelector('.picker-search'))?.focus();
    });
    if (choose.open) choose.append(pluginPicker(this.doc.editor, c.code, pick));
    // a plugin by its code and version (third-party plugins, or ones the catalogue lacks)
    const code = text(c.code ?? '', 'prop-code');
    const version = text(c.version ?? '', 'prop-version');
    const apply = button(t('props.replace'), () => {
      if (!code.value.trim()) return;
      this.cmd.run({ op: 'replacePlugin', id, code: code.value.trim(), ...(version.value.trim() ? { version: version.value.trim() } : {}) }, t('doing.replace'));
    });
    apply.id = 'prop-replace';
    const byCode = el('div', { class: 'by-code' });
    byCode.append(field(t('props.code'), code), field(t('props.version'), version), apply);
    box.append(choose, byCode);
    this.root.append(section(t('node.plugin'), box));
    if (known) {
      this.root.append(section(t('node.inputs'), inputsForm(this.doc, this.cmd, id, n, known)));
      this.root.append(section(t('node.outputs'), outputsForm(this.doc, this.cmd, id, known)));
    }
  }

  /** The kept diagnostics `which` picks, listed under "Problems" (nothing when none). */
  problems(which) {
    const problems = [...this.doc.diags.values()].filter(which);
    if (!problems.length) return;
    const list = el('ul', { class: 'node-problems' });
    for (const d of problems) {
      const li = el('li', { class: d.severity });
      li.append(el('code', null, d.code), ` ${this.doc.message(d)}`);
      list.append(li);
    }
    this.root.append(el('h4', null, t('props.problems')), list);
  }

  /** The outgoing branches of an exclusive or conditional parallel gateway. */
  branches(id, gw) {
    const out = Array.isArray(gw.outgoing) ? gw.outgoing : typeof gw.outgoing === 'string' && gw.outgoing ? [gw.outgoing] : [];
    this.root.append(el('h4', null, t('props.branches')));
    if (!out.length) { this.root.append(el('p', { class: 'hint' }, t('props.nobranch'))); return; }
    const list = el('div', { class: 'branches' });
    for (const flow of out) list.append(this.conditionForm(id, flow));
    this.root.append(list);
  }

  conditionForm(gateway, flow) {
    const cond = this.canvas.conditionOf(flow) ?? { name: '', evaluate: '', isDefault: false };
    const target = this.doc.tree.flows?.[flow]?.target;
    const box = el('div', { class: 'branch', 'data-flow': flow });
    box.append(el('div', { class: 'to' }, `→ ${target ? this.doc.describe(target) : '?'}`));
    const name = text(cond.name, null);
    name.dataset.role = 'cond-name';
    const evaluate = text(cond.evaluate, null);
    evaluate.dataset.role = 'cond-evaluate';
    evaluate.disabled = cond.isDefault;
    const save = () => {
      if (cond.isDefault) {
        this.cmd.run({ op: 'setDefault', gateway, flow, name: name.value }, t('doing.renameDefault'));
      } else {
        this.cmd.run({ op: 'setCondition', gateway, flow, name: name.value, evaluate: evaluate.value }, t('doing.condition'));
      }
    };
    name.addEventListener('change', save);
    evaluate.addEventListener('change', save);
    const def = el('input', { type: 'checkbox', 'data-role': 'cond-default' });
    def.checked = cond.isDefault;
    def.addEventListener('change', () => {
      if (def.checked) {
        this.beforeDefault.set(flow, { name: cond.name, evaluate: evaluate.value });
        this.cmd.run({ op: 'setDefault', gateway, flow }, t('doing.makeDefault'));
      } else {
        // the condition it had before it was made the default, when this page saw it
        const was = this.beforeDefault.get(flow);
        const back = was ?? { name: cond.name === '默认' ? '' : cond.name, evaluate: evaluate.value };
        this.cmd.run({ op: 'setCondition', gateway, flow, name: back.name, evaluate: back.evaluate || '1 == 1' }, t('doing.makeNormal'));
      }
    });
    const defLabel = el('label', { class: 'check' });
    defLabel.append(def, ` ${t('props.cond.default')}`);
    box.append(field(t('props.cond.name'), name), field(t('props.cond.expr'), evaluate), defLabel);
    return box;
  }

  line(id) {
    const l = this.doc.lines.get(id);
    const f = this.doc.tree.flows?.[id];
    this.root.append(el('h3', null, t('props.line')), el('code', { class: 'id' }, id));
    const s = l?.source?.id ?? f?.source, target = l?.target?.id ?? f?.target;
    const from = el('p', null, t('props.from', { node: s ? this.doc.describe(s) : '?', arrow: arrowName(l?.source?.arrow) }));
    const to = el('p', null, t('props.to', { node: target ? this.doc.describe(target) : '?', arrow: arrowName(l?.target?.arrow) }));
    this.root.append(from, to);
    if (!f) this.root.append(el('p', { class: 'bad' }, t('props.noflow')));
    const type = s ? this.doc.typeOf(s) : '';
    if (f && (type === 'branchgateway' || type === 'conditionalparallelgateway')) {
      this.root.append(this.conditionForm(s, id));
    }
    this.problems((d) => d.flow_id === id);
    const row = el('div', { class: 'row' });
    row.append(button(t('props.deleteLine'), () => this.cmd.deleteSelection(), 'danger'));
    this.root.append(row);
  }

  /** Every other field of the node as JSON, applied with updateNode (set and removed keys). */
  fieldsEditor(id, n) {
    const details = el('details', { class: 'fields' });
    details.append(el('summary', null, t('props.fields')));
    const shown = {};
    for (const [k, v] of Object.entries(n)) if (!PROTECTED.has(k)) shown[k] = v;
    const area = el('textarea', { spellcheck: 'false', rows: 12, 'aria-label': t('props.fields.label') });
    area.value = JSON.stringify(shown, null, 2);
    const note = el('div', { class: 'msg' });
    const apply = button(t('props.fields.apply'), () => {
      let next;
      try {
        next = JSON.parse(area.value);
      } catch (e) {
        note.textContent = t('props.fields.notjson', { error: e.message });
        return;
      }
      if (!next || typeof next !== 'object' || Array.isArray(next)) { note.textContent = t('props.fields.object'); return; }
      const fields = {};
      for (const [k, v] of Object.entries(next)) {
        if (PROTECTED.has(k)) continue;
        if (JSON.stringify(shown[k]) !== JSON.stringify(v)) fields[k] = v;
      }
      const remove = Object.keys(shown).filter((k) => !(k in next));
      if (!Object.keys(fields).length && !remove.length) { note.textContent = t('props.fields.same'); return; }
      if (this.cmd.run({ op: 'updateNode', id, fields, remove }, t('doing.fields'))) note.textContent = '';
    });
    details.append(area, apply, note);
    return details;
  }

  update(id, fields) {
    const n = this.doc.nodes.get(id);
    if (n && Object.entries(fields).every(([k, v]) => n[k] === v)) return;
    this.cmd.run({ op: 'updateNode', id, fields }, t('doing.update'));
  }
}

/** The problems list, grouped by what each problem is about (a node, named by its type and
 *  name; a line; the tree), in the page's language, filterable by severity. With the
 *  "template" rules it is the editor's kept diagnostics, changed item by item from each
 *  DiagnosticDelta; other rule presets re-check the whole tree when the page is idle. */
export class ProblemsPanel {
  constructor(root, doc, canvas, commands, onCount) {
    this.root = root;
    this.doc = doc;
    this.canvas = canvas;
    this.cmd = commands;
    this.onCount = onCount;
    this.items = new Map();
    /** @type {Map<string, {box: HTMLElement, list: HTMLElement, head: HTMLElement}>} */
    this.groups = new Map();
    this.preset = 'template';
    this.head = el('div', { class: 'problems-head' });
    this.summary = el('strong', { id: 'problems-summary', 'aria-live': 'polite' });
    this.verdict = el('span', { id: 'engine-verdict', class: 'muted' });
    this.format = el('span', { id: 'tree-format', class: 'muted' });
    this.select = el('select', { id: 'preset' });
    this.select.addEventListener('change', () => { this.preset = this.select.value; this.reset(); });
    this.rulesLabel = el('label');
    this.show = el('select', { id: 'problems-show' });
    this.show.addEventListener('change', () => { this.root.dataset.show = this.show.value; });
    this.showLabel = el('label');
    this.head.append(this.summary, this.rulesLabel, this.showLabel, this.verdict, this.format);
    this.list = el('div', { class: 'problem-groups', role: 'list' });
    this.more = el('p', { class: 'muted' });
    root.dataset.show = 'all';
    root.append(this.head, this.list, this.more);
    this.labels();
    root.addEventListener('click', (e) => this.click(e));
    doc.addEventListener('reset', () => this.reset());
    doc.addEventListener('diagnostics', () => this.sync());
    doc.addEventListener('checking', () => this.sync());
    doc.addEventListener('change', (e) => {
      if (this.preset !== 'template') this.later();
      else this.relabel(e.detail.delta.nodes.updated);
    });
  }

  /** At most this many items are drawn (the count is always complete). */
  static LIMIT = 500;

  /** The texts of the head, in the page's language. */
  labels() {
    const options = (sel, entries) => {
      const value = sel.value;
      sel.replaceChildren(...entries.map(([v, key]) => el('option', { value: v }, t(key))));
      if (value) sel.value = value;
    };
    options(this.select, [['template', 'preset.template'], ['task', 'preset.task'], ['engine', 'preset.engine']]);
    this.select.value = this.preset;
    this.select.title = t('problems.rules.title');
    this.rulesLabel.replaceChildren(`${t('problems.rules')} `, this.select);
    options(this.show, [['all', 'problems.all'], ['error', 'problems.errors'], ['warning', 'problems.warnings']]);
    this.showLabel.replaceChildren(`${t('problems.show')} `, this.show);
    this.format.title = t('format.title');
  }

  reset() {
    this.labels();
    this.items.clear();
    this.groups.clear();
    this.list.replaceChildren();
    if (this.preset === 'template') this.sync();
    else this.later();
  }

  current() {
    if (this.preset === 'template') return this.doc.diags;
    return this.full ?? new Map();
  }

  /** Adds the items of new diagnostics and removes those of gone ones. */
  sync() {
    const now = this.current();
    for (const [key, li] of this.items) {
      if (!now.has(key)) { this.drop(li); this.items.delete(key); }
    }
    let drawn = this.items.size;
    for (const [key, d] of now) {
      if (this.items.has(key)) continue;
      if (drawn >= ProblemsPanel.LIMIT) break;
      const li = this.item(d);
      this.items.set(key, li);
      const g = this.group(d);
      g.list.append(li);
      this.count(g);
      drawn += 1;
    }
    let errors = 0;
    for (const d of now.values()) if (d.severity === 'error') errors += 1;
    const warnings = now.size - errors;
    const summary = now.size === 0 && !this.doc.checking ? t('problems.none') : t('problems.summary', { errors, warnings });
    this.summary.textContent = this.doc.checking ? `${summary}${t('problems.checking.more')}` : summary;
    this.summary.className = errors ? 'bad' : warnings ? 'warn' : 'ok';
    this.more.textContent = now.size > this.items.size ? t('problems.more', { n: now.size - this.items.size }) : '';
    this.onCount?.(errors, warnings);
    this.verdictLater();
  }

  /** The group of what `d` is about, made on first use. */
  group(d) {
    const key = d.node_id ? `node:${d.node_id}` : d.flow_id ? `flow:${d.flow_id}` : 'tree';
    let g = this.groups.get(key);
    if (g) return g;
    const box = el('section', { class: 'problem-group', role: 'listitem', 'data-group': key });
    const head = el('button', { type: 'button', class: 'group-head' });
    if (d.node_id) head.dataset.node = d.node_id;
    else if (d.flow_id) head.dataset.flow = d.flow_id;
    const list = el('ol', { class: 'problem-list' });
    box.append(head, list);
    g = { box, list, head };
    this.groups.set(key, g);
    this.title(g);
    // the tree's own problems first, then in the order they came
    if (key === 'tree') this.list.prepend(box);
    else this.list.append(box);
    return g;
  }

  /** A group's head: the node's type and name (or the line, or the tree) and its count. */
  title(g) {
    const { node, flow } = g.head.dataset;
    const what = node ? `${typeLabel(this.doc.typeOf(node))} ${this.doc.label(node)}`
      : flow ? t('problems.line', { id: flow }) : t('problems.tree');
    g.head.replaceChildren(el('b', null, what), ' ', el('span', { class: 'muted group-count' }));
    this.count(g);
  }

  count(g) {
    const items = g.list.children.length;
    const errors = g.list.querySelectorAll('li.error').length;
    const c = g.head.querySelector('.group-count');
    if (c) c.textContent = t('problems.count', { n: items });
    g.box.classList.toggle('has-error', errors > 0);
  }

  /** Takes an item off; its group goes with its last item. */
  drop(li) {
    const box = li.closest('.problem-group');
    li.remove();
    if (!box) return;
    const key = /** @type {HTMLElement} */ (box).dataset.group ?? '';
    const g = this.groups.get(key);
    if (!g) return;
    if (g.list.children.length === 0) { box.remove(); this.groups.delete(key); } else this.count(g);
  }

  /** Groups of nodes that were renamed get their names again. */
  relabel(ids) {
    if (!ids.length || !this.groups.size) return;
    for (const id of ids) {
      const g = this.groups.get(`node:${id}`);
      if (g) this.title(g);
    }
  }

  item(d) {
    const li = el('li', { class: d.severity, 'data-code': d.code });
    if (d.node_id) li.dataset.node = d.node_id;
    if (d.flow_id) li.dataset.flow = d.flow_id;
    const variable = variableOf(d.path);
    if (!d.node_id && !d.flow_id && variable !== null) li.dataset.variable = variable;
    li.append(el('code', null, d.code), ' ', el('span', { class: 'msg' }, this.doc.message(d)));
    if (!d.node_id && !d.flow_id && d.path) li.append(' ', el('code', { class: 'muted' }, d.path));
    if (d.fix && typeof d.fix === 'object' && typeof d.fix.op === 'string') {
      const b = el('button', { type: 'button', class: 'fix' }, fixLabel(d.fix));
      b.dataset.fix = JSON.stringify(d.fix);
      li.append(b);
    }
    return li;
  }

  click(e) {
    const fix = e.target.closest('button.fix');
    if (fix) {
      this.cmd.run(JSON.parse(fix.dataset.fix), t('doing.fix'));
      return;
    }
    const li = e.target.closest('li[data-code], .group-head');
    if (!li) return;
    if (li.dataset.node && this.doc.locs.has(li.dataset.node)) {
      this.doc.select([li.dataset.node]);
      this.canvas.reveal('node', li.dataset.node);
      this.canvas.nodeEls.get(li.dataset.node)?.classList.add('flash');
      setTimeout(() => this.canvas.nodeEls.get(li.dataset.node)?.classList.remove('flash'), 1200);
    } else if (li.dataset.flow && this.doc.lines.has(li.dataset.flow)) {
      this.doc.select([], li.dataset.flow);
      this.canvas.reveal('line', li.dataset.flow);
    } else if (li.dataset.node || li.dataset.flow) {
      this.doc.select([]);
    } else if (li.dataset.variable !== undefined) {
      this.doc.emit('reveal', { variable: li.dataset.variable }); // the Variables tab shows it
    }
  }

  /** Other presets: the whole report, once edits pause. */
  later() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const report = this.doc.editor.validate({ preset: this.preset });
      this.full = new Map(report.diagnostics.map((d) => [diagKey(d), d]));
      this.engine = report.engine;
      this.items.clear();
      this.groups.clear();
      this.list.replaceChildren();
      this.sync();
    }, 150);
  }

  /** bamboo-engine's verdict, read once the graph checks have run. */
  verdictLater() {
    clearTimeout(this.verdictTimer);
    this.verdictTimer = setTimeout(async () => {
      await this.doc.idle();
      const kept = this.doc.editor.verdict();
      this.format.textContent = FORMATS.includes(kept.format) ? t(`format.${kept.format}`) : kept.format;
      const engine = this.preset === 'template' ? kept.engine : this.engine;
      if (!engine) return;
      this.verdict.textContent = engine.valid ? t('engine.accepts') : t('engine.refuses', { code: engine.error?.code ?? '?' });
      this.verdict.className = engine.valid ? 'ok' : 'bad';
    }, 50);
  }
}

/** An anchor's name (`Left`, `Right`, `Top`, `Bottom`) in the page's language; another
 *  value as it is written. */
function arrowName(arrow) {
  if (typeof arrow !== 'string') return '-';
  return `arrow.${arrow}` in TEXTS ? t(`arrow.${arrow}`) : arrow;
}

/** The key of the variable a diagnostic's `path` is in (`$.constants["KEY"]…`), or null. */
function variableOf(path) {
  const m = typeof path === 'string' ? /^\$\.constants\[("(?:[^"\\]|\\.)*")\]/.exec(path) : null;
  if (!m) return null;
  try { return JSON.parse(m[1]); } catch { return null; }
}

/** The formats a tree may be written in (named by `format.*` texts). */
const FORMATS = ['web', 'engine', 'fragment'];

/** What identifies a field of the panel across redraws. */
function fieldKey(e) {
  if (e.id) return `#${e.id}`;
  const branch = e.closest('[data-flow]')?.dataset.flow ?? '';
  const role = e.dataset.role ?? e.dataset.field ?? '';
  return role ? `${branch}|${role}` : null;
}

function fixLabel(fix) {
  return fix.op === 'repairDrawing' ? t('fix.repairDrawing') : t('fix.other', { op: fix.op });
}

/** A titled part of a panel. */
function section(title, body) {
  const s = el('section', { class: 'panel-section' });
  s.append(el('h4', null, title), body);
  return s;
}

function field(label, input) {
  const l = el('label', { class: 'field' });
  l.append(el('span', null, label), input);
  return l;
}

function text(value, id, onChange) {
  const input = el('input', { type: 'text', spellcheck: 'false' });
  if (id) input.id = id;
  input.value = value == null ? '' : String(value);
  if (onChange) {
    input.addEventListener('change', () => onChange(input.value));
    input.addEventListener('keydown', (e) => { if (e.key === 'Enter') input.blur(); });
  }
  return input;
}

function button(label, onClick, cls) {
  const b = el('button', { type: 'button', class: cls }, label);
  b.addEventListener('click', onClick);
  return b;
}
