// @ts-check
// The side panels about the tree being edited: Properties (the selected node's name and
// fields, a gateway's branches, the selected line's condition; edits go through updateNode,
// replacePlugin, setCondition, setDefault) and Problems (every kept diagnostic, kept in step
// with each outcome's DiagnosticDelta; a click selects and reveals the node or line; fixes the
// core offers are buttons). Tree strings are set as text only.

import { el } from './dom.js';
import { ACTIVITIES, TYPE_LABEL } from './geometry.js';
import { diagKey } from './doc.js';

const PROTECTED = new Set(['id', 'type', 'incoming', 'outgoing', 'conditions', 'default_condition']);
const FLAGS = ['optional', 'error_ignorable', 'retryable', 'skippable'];
const FLAG_LABEL = { optional: 'optional (may be skipped in a task)', error_ignorable: 'ignore errors', retryable: 'retryable', skippable: 'skippable' };

export class PropertiesPanel {
  constructor(root, doc, canvas, commands) {
    this.root = root;
    this.doc = doc;
    this.canvas = canvas;
    this.cmd = commands;
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
      if (touched(delta.nodes, id) || touched(delta.flows, id) || delta.flows.added.length || delta.flows.removed.length) this.renderSoon();
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
    const t = this.doc.tree;
    this.root.append(el('p', { class: 'hint' }, 'Select a node or a line to edit it. Drag a node type from the palette onto the canvas, or onto a line to insert it.'));
    const dl = el('dl', { class: 'facts' });
    const count = (o) => (o && typeof o === 'object' ? Object.keys(o).length : 0);
    const facts = [
      ['Tree', typeof t.name === 'string' && t.name ? t.name : this.doc.name],
      ['Nodes', this.doc.nodes.size],
      ['Flows', count(t.flows)],
      ['Variables', count(t.constants)],
    ];
    for (const [k, v] of facts) dl.append(el('dt', null, k), el('dd', null, v));
    this.root.append(dl);
  }

  many(ids) {
    this.root.append(el('h3', null, `${ids.size} nodes selected`));
    const row = el('div', { class: 'row' });
    row.append(button('Copy', () => this.cmd.copy()), button('Delete', () => this.cmd.deleteSelection(), 'danger'));
    this.root.append(row);
    const list = el('ul', { class: 'plain' });
    for (const id of [...ids].slice(0, 50)) list.append(el('li', null, `${TYPE_LABEL[this.doc.typeOf(id)]}: ${this.doc.label(id)}`));
    if (ids.size > 50) list.append(el('li', null, `… and ${ids.size - 50} more`));
    this.root.append(list);
  }

  node(id) {
    const n = this.doc.nodes.get(id);
    const type = this.doc.typeOf(id);
    this.root.append(el('h3', null, TYPE_LABEL[type]), el('code', { class: 'id' }, id));
    if (!n) {
      this.root.append(el('p', { class: 'bad' }, 'This location has no node in the tree. The fix in Problems repairs the drawing.'));
      return;
    }
    const form = el('div', { class: 'form', 'data-node': id });
    form.append(field('Name', text(n.name, 'prop-name', (v) => this.update(id, { name: v }))));
    if (ACTIVITIES.has(type)) {
      form.append(field('Stage', text(n.stage_name, 'prop-stage', (v) => this.update(id, { stage_name: v }))));
      for (const f of FLAGS) {
        if (typeof n[f] !== 'boolean') continue;
        const box = el('input', { type: 'checkbox', 'data-field': f });
        box.checked = n[f];
        box.addEventListener('change', () => this.update(id, { [f]: box.checked }));
        const label = el('label', { class: 'check' });
        label.append(box, ` ${FLAG_LABEL[f]}`);
        form.append(label);
      }
    }
    if (type === 'tasknode') {
      const c = n.component && typeof n.component === 'object' ? n.component : {};
      const code = text(c.code ?? '', 'prop-code');
      const version = text(c.version ?? '', 'prop-version');
      const apply = button('Replace plugin', () => {
        if (!code.value.trim()) return;
        this.cmd.run({ op: 'replacePlugin', id, code: code.value.trim(), ...(version.value.trim() ? { version: version.value.trim() } : {}) }, 'Replacing the plugin');
      });
      apply.id = 'prop-replace';
      form.append(field('Plugin code', code), field('Plugin version', version), apply);
    }
    if (type === 'subflow') {
      form.append(field('Template id', text(n.template_id ?? '', 'prop-template', (v) => {
        const num = /^\d+$/.test(v) ? Number(v) : v;
        this.update(id, { template_id: num });
      })));
    }
    this.root.append(form);
    if (type === 'branchgateway' || type === 'conditionalparallelgateway') this.branches(id, n);
    const problems = [...this.doc.diags.values()].filter((d) => d.node_id === id);
    if (problems.length) {
      const list = el('ul', { class: 'node-problems' });
      for (const d of problems) {
        const li = el('li', { class: d.severity });
        li.append(el('code', null, d.code), ` ${d.message}`);
        list.append(li);
      }
      this.root.append(el('h4', null, 'Problems'), list);
    }
    this.root.append(this.fieldsEditor(id, n));
    const row = el('div', { class: 'row' });
    row.append(
      button('Copy', () => this.cmd.copy()),
      button('Disconnect', () => this.cmd.run({ op: 'disconnectNode', id, reconnect: true }, 'Disconnecting')),
      button('Delete', () => this.cmd.deleteSelection(), 'danger'),
    );
    this.root.append(row);
  }

  /** The outgoing branches of an exclusive or conditional parallel gateway. */
  branches(id, gw) {
    const out = Array.isArray(gw.outgoing) ? gw.outgoing : typeof gw.outgoing === 'string' && gw.outgoing ? [gw.outgoing] : [];
    this.root.append(el('h4', null, 'Branches'));
    if (!out.length) { this.root.append(el('p', { class: 'hint' }, 'No outgoing flow yet: drag from an anchor of the gateway to a node.')); return; }
    const list = el('div', { class: 'branches' });
    for (const flow of out) list.append(this.conditionForm(id, flow));
    this.root.append(list);
  }

  conditionForm(gateway, flow) {
    const cond = this.canvas.conditionOf(flow) ?? { name: '', evaluate: '', isDefault: false };
    const target = this.doc.tree.flows?.[flow]?.target;
    const box = el('div', { class: 'branch', 'data-flow': flow });
    box.append(el('div', { class: 'to' }, `→ ${target ? this.doc.label(target) : '?'}`));
    const name = text(cond.name, null);
    name.dataset.role = 'cond-name';
    const evaluate = text(cond.evaluate, null);
    evaluate.dataset.role = 'cond-evaluate';
    evaluate.disabled = cond.isDefault;
    const save = () => {
      if (cond.isDefault) {
        this.cmd.run({ op: 'setDefault', gateway, flow, name: name.value }, 'Renaming the default branch');
      } else {
        this.cmd.run({ op: 'setCondition', gateway, flow, name: name.value, evaluate: evaluate.value }, 'Setting the condition');
      }
    };
    name.addEventListener('change', save);
    evaluate.addEventListener('change', save);
    const def = el('input', { type: 'checkbox', 'data-role': 'cond-default' });
    def.checked = cond.isDefault;
    def.addEventListener('change', () => {
      if (def.checked) this.cmd.run({ op: 'setDefault', gateway, flow }, 'Making the default branch');
      else this.cmd.run({ op: 'setCondition', gateway, flow, name: cond.name === '默认' ? '' : cond.name, evaluate: evaluate.value || '1 == 1' }, 'Making a normal branch');
    });
    const defLabel = el('label', { class: 'check' });
    defLabel.append(def, ' default branch');
    box.append(field('Condition name', name), field('Expression', evaluate), defLabel);
    return box;
  }

  line(id) {
    const l = this.doc.lines.get(id);
    const f = this.doc.tree.flows?.[id];
    this.root.append(el('h3', null, 'Line'), el('code', { class: 'id' }, id));
    const s = l?.source?.id ?? f?.source, t = l?.target?.id ?? f?.target;
    const from = el('p', null, `From ${s ? this.doc.describe(s) : '?'} (${l?.source?.arrow ?? '-'} anchor)`);
    const to = el('p', null, `to ${t ? this.doc.describe(t) : '?'} (${l?.target?.arrow ?? '-'} anchor)`);
    this.root.append(from, to);
    if (!f) this.root.append(el('p', { class: 'bad' }, 'This line has no flow in the tree.'));
    const type = s ? this.doc.typeOf(s) : '';
    if (f && (type === 'branchgateway' || type === 'conditionalparallelgateway')) {
      this.root.append(this.conditionForm(s, id));
    }
    const row = el('div', { class: 'row' });
    row.append(button('Delete line', () => this.cmd.deleteSelection(), 'danger'));
    this.root.append(row);
  }

  /** Every other field of the node as JSON, applied with updateNode (set and removed keys). */
  fieldsEditor(id, n) {
    const details = el('details', { class: 'fields' });
    details.append(el('summary', null, 'All fields (JSON)'));
    const shown = {};
    for (const [k, v] of Object.entries(n)) if (!PROTECTED.has(k)) shown[k] = v;
    const area = el('textarea', { spellcheck: 'false', rows: 12, 'aria-label': 'node fields as JSON' });
    area.value = JSON.stringify(shown, null, 2);
    const msg = el('div', { class: 'msg' });
    const apply = button('Apply fields', () => {
      let next;
      try {
        next = JSON.parse(area.value);
      } catch (e) {
        msg.textContent = `Not JSON: ${e.message}`;
        return;
      }
      if (!next || typeof next !== 'object' || Array.isArray(next)) { msg.textContent = 'Expected a JSON object of fields'; return; }
      const fields = {};
      for (const [k, v] of Object.entries(next)) {
        if (PROTECTED.has(k)) continue;
        if (JSON.stringify(shown[k]) !== JSON.stringify(v)) fields[k] = v;
      }
      const remove = Object.keys(shown).filter((k) => !(k in next));
      if (!Object.keys(fields).length && !remove.length) { msg.textContent = 'No change'; return; }
      if (this.cmd.run({ op: 'updateNode', id, fields, remove }, 'Updating the fields')) msg.textContent = '';
    });
    details.append(area, apply, msg);
    return details;
  }

  update(id, fields) {
    const n = this.doc.nodes.get(id);
    if (n && Object.entries(fields).every(([k, v]) => n[k] === v)) return;
    this.cmd.run({ op: 'updateNode', id, fields }, 'Updating the node');
  }
}

/** The problems list. With the "template" rules it is the editor's kept diagnostics, changed
 *  item by item from each DiagnosticDelta; other rule presets re-check the whole tree when
 *  the page is idle. */
export class ProblemsPanel {
  constructor(root, doc, canvas, commands, onCount) {
    this.root = root;
    this.doc = doc;
    this.canvas = canvas;
    this.cmd = commands;
    this.onCount = onCount;
    this.items = new Map();
    this.preset = 'template';
    this.head = el('div', { class: 'problems-head' });
    this.summary = el('strong', { id: 'problems-summary' });
    this.verdict = el('span', { id: 'engine-verdict', class: 'muted' });
    this.format = el('span', { id: 'tree-format', class: 'muted', title: 'the format the tree is written in / 流程树的格式' });
    const select = el('select', { id: 'preset', title: 'which rules apply, and how strictly' });
    for (const [v, t] of [['template', 'save a template'], ['task', 'create a task'], ['engine', 'bamboo-engine only']]) {
      select.append(el('option', { value: v }, t));
    }
    select.addEventListener('change', () => { this.preset = select.value; this.reset(); });
    const label = el('label', null, 'Rules ');
    label.append(select);
    this.head.append(this.summary, label, this.verdict, this.format);
    this.errors = el('ol', { class: 'problem-list errors' });
    this.warnings = el('ol', { class: 'problem-list warnings' });
    this.more = el('p', { class: 'muted' });
    root.append(this.head, this.errors, this.warnings, this.more);
    root.addEventListener('click', (e) => this.click(e));
    doc.addEventListener('reset', () => this.reset());
    doc.addEventListener('diagnostics', () => this.sync());
    doc.addEventListener('change', (e) => {
      if (this.preset !== 'template') this.later();
      else this.relabel(e.detail.delta.nodes.updated);
    });
  }

  /** At most this many items are drawn (the count is always complete). */
  static LIMIT = 500;

  reset() {
    this.items.clear();
    this.errors.replaceChildren();
    this.warnings.replaceChildren();
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
      if (!now.has(key)) { li.remove(); this.items.delete(key); }
    }
    let drawn = this.items.size;
    for (const [key, d] of now) {
      if (this.items.has(key)) continue;
      if (drawn >= ProblemsPanel.LIMIT) break;
      const li = this.item(d);
      this.items.set(key, li);
      (d.severity === 'error' ? this.errors : this.warnings).append(li);
      drawn += 1;
    }
    let errors = 0;
    for (const d of now.values()) if (d.severity === 'error') errors += 1;
    const warnings = now.size - errors;
    this.summary.textContent = now.size === 0 ? 'No problems' : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
    this.summary.className = errors ? 'bad' : warnings ? 'warn' : 'ok';
    this.more.textContent = now.size > this.items.size ? `${now.size - this.items.size} more not listed` : '';
    this.onCount?.(errors, warnings);
    this.verdictLater();
  }

  /** Items naming a node that was renamed are drawn again. */
  relabel(ids) {
    if (!ids.length || !this.items.size) return;
    const renamed = new Set(ids);
    for (const [key, li] of this.items) {
      if (!renamed.has(li.dataset.node)) continue;
      const d = this.current().get(key);
      if (!d) continue;
      const again = this.item(d);
      li.replaceWith(again);
      this.items.set(key, again);
    }
  }

  item(d) {
    const li = el('li', { class: d.severity, 'data-code': d.code });
    if (d.node_id) li.dataset.node = d.node_id;
    if (d.flow_id) li.dataset.flow = d.flow_id;
    const where = d.node_id ? `${TYPE_LABEL[this.doc.typeOf(d.node_id)] ?? 'node'} ${this.doc.label(d.node_id)}`
      : d.flow_id ? `line ${d.flow_id}` : (d.path ?? '');
    li.append(el('code', null, d.code), ' ', el('b', null, where), ' ', el('span', { class: 'msg' }, d.message));
    if (d.message_zh && d.message_zh !== d.message) li.append(el('div', { class: 'zh' }, d.message_zh));
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
      this.cmd.run(JSON.parse(fix.dataset.fix), 'The fix');
      return;
    }
    const li = e.target.closest('li[data-code]');
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
      this.errors.replaceChildren();
      this.warnings.replaceChildren();
      this.sync();
    }, 150);
  }

  /** bamboo-engine's verdict, read once the graph checks have run. */
  verdictLater() {
    clearTimeout(this.verdictTimer);
    this.verdictTimer = setTimeout(async () => {
      await this.doc.idle();
      const kept = this.doc.editor.diagnostics();
      this.format.textContent = FORMATS[kept.format] ?? kept.format;
      const engine = this.preset === 'template' ? kept.engine : this.engine;
      if (!engine) return;
      this.verdict.textContent = engine.valid ? 'bamboo-engine accepts it' : `bamboo-engine refuses it (${engine.error?.code ?? '?'})`;
      this.verdict.className = engine.valid ? 'ok' : 'bad';
    }, 50);
  }
}

/** How the problems panel names the format a tree is written in. */
const FORMATS = {
  web: '画布格式 · web format',
  engine: '引擎格式 · bamboo-engine format',
  fragment: '片段 · fragment',
};

/** What identifies a field of the panel across redraws. */
function fieldKey(e) {
  if (e.id) return `#${e.id}`;
  const branch = e.closest('[data-flow]')?.dataset.flow ?? '';
  const role = e.dataset.role ?? e.dataset.field ?? '';
  return role ? `${branch}|${role}` : null;
}

function fixLabel(fix) {
  return fix.op === 'repairDrawing' ? 'Fix: repair the drawing' : `Fix: ${fix.op}`;
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
