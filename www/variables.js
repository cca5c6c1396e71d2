// @ts-check
// The variables panel, as SOPS authors know it: the template's global variables in their order
// (key, name, type, shown or hidden, where the value comes from: a custom value, a hooked plugin
// input, a node's output), how many places use each (each place a link that selects its node or
// line), the rules' messages beside each; create, edit (a new key rewrites every reference),
// delete (asking first when it is used, saying what is unhooked), reorder, and the template's
// outputs. Everything goes through the core's variable operations and the reference index
// (`Editor.variables()`, `Editor.references(key)`); tree strings are set as text only.

import { el, ask } from './dom.js';
import { msg, t, typeLabel } from './i18n.js';

/** The variable types SOPS's panel offers for a custom variable (`custom_type`). */
const TYPES = ['input', 'textarea', 'int', 'datetime', 'password'];

export class VariablesPanel {
  constructor(root, doc, canvas, commands, isVisible) {
    this.root = root;
    this.doc = doc;
    this.canvas = canvas;
    this.cmd = commands;
    this.isVisible = isVisible;
    /** The variable whose form is open (its key), or "" for a new one, or null. */
    this.editing = null;
    /** The variable whose uses are listed. */
    this.open = null;
    this.stale = true;
    doc.addEventListener('reset', () => { this.editing = null; this.open = null; this.later(); });
    doc.addEventListener('change', (e) => {
      const d = e.detail.delta;
      const touched = ['constants', 'nodes', 'flows'].some((k) => d[k] && (d[k].added.length || d[k].removed.length || d[k].updated.length));
      if (touched || e.detail.op?.op === 'undo' || e.detail.op?.op === 'redo') this.later();
    });
    doc.addEventListener('diagnostics', () => this.later());
    root.addEventListener('click', (e) => this.click(e));
  }

  later() {
    this.stale = true;
    if (!this.isVisible()) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.render(), 60);
  }

  shown() {
    if (this.stale) this.render();
  }

  /** The rules' messages about each variable, by key (from the kept diagnostics' paths). */
  problems() {
    const by = new Map();
    for (const d of this.doc.diags.values()) {
      const m = /^\$\.constants\[("(?:[^"\\]|\\.)*")\]/.exec(d.path ?? '');
      if (!m) continue;
      let key;
      try { key = JSON.parse(m[1]); } catch { continue; }
      if (!by.has(key)) by.set(key, []);
      by.get(key).push(d);
    }
    return by;
  }

  render() {
    clearTimeout(this.timer);
    this.stale = false;
    const active = document.activeElement;
    const keep = active && this.root.contains(active) ? /** @type {HTMLElement} */ (active).dataset.role : null;
    let vars;
    try {
      // in SOPS's order: by index (entries keep their place in constants)
      vars = this.doc.editor.variables().map((v, i) => ({ v, i }))
        .sort((a, b) => (a.v.index ?? Infinity) - (b.v.index ?? Infinity) || a.i - b.i).map((x) => x.v);
    } catch (e) {
      this.root.replaceChildren(el('p', { class: 'bad' }, msg(e)));
      return;
    }
    const problems = this.problems();
    const head = el('div', { class: 'vars-head' });
    head.append(el('strong', null, t('vars.count', { n: vars.length })));
    const add = el('button', { type: 'button', id: 'var-new', class: 'primary', 'data-role': 'new' }, t('vars.new'));
    head.append(add);
    const parts = [head];
    if (this.editing === '') parts.push(this.form(null));
    if (!vars.length && this.editing !== '') parts.push(el('p', { class: 'hint' }, t('vars.none')));
    const list = el('ol', { class: 'var-list', 'aria-label': t('vars.list') });
    for (const v of vars) {
      const li = el('li', { class: 'var', 'data-key': v.key });
      const c = this.doc.tree.constants?.[v.key] ?? {};
      const row = el('div', { class: 'var-row' });
      const name = el('div', { class: 'var-name' });
      name.append(el('b', null, typeof v.name === 'string' && v.name ? v.name : v.key), ' ', el('code', null, v.key));
      const facts = el('div', { class: 'var-facts muted small' });
      facts.append(
        el('span', { class: 'tag' }, sourceLabel(v.source_type)),
        el('span', { class: 'tag' }, v.custom_type ? typeName(v.custom_type) : '—'),
        el('span', { class: `tag ${v.show_type === 'show' ? 'shown' : 'hidden'}` }, v.show_type === 'show' ? t('vars.shown') : t('vars.hidden')),
      );
      if (v.output) facts.append(el('span', { class: 'tag output' }, t('vars.isOutput')));
      const uses = el('button', { type: 'button', class: 'uses', 'data-role': 'uses', 'aria-expanded': String(this.open === v.key) },
        t('vars.uses', { n: v.uses }));
      const tools = el('div', { class: 'var-tools' });
      tools.append(
        icon('↑', 'up', t('vars.up'), v.index === 0),
        icon('↓', 'down', t('vars.down'), v.index === vars.length - 1),
        icon('✎', 'edit', t('vars.edit')),
        icon('✕', 'delete', t('vars.delete')),
      );
      row.append(name, tools);
      li.append(row, facts, uses);
      const mine = problems.get(v.key) ?? [];
      if (mine.length) {
        const ul = el('ul', { class: 'var-problems' });
        for (const d of mine) {
          const p = el('li', { class: d.severity });
          p.append(el('code', null, d.code), ` ${this.doc.message(d)}`);
          ul.append(p);
        }
        li.append(ul);
        li.classList.add(mine.some((d) => d.severity === 'error') ? 'has-error' : 'has-warning');
      }
      if (this.open === v.key) li.append(this.usesList(v.key));
      if (this.editing === v.key) li.append(this.form(c));
      list.append(li);
    }
    parts.push(list);
    this.root.replaceChildren(...parts);
    if (keep) /** @type {HTMLElement | null} */ (this.root.querySelector(`[data-role="${keep}"]`))?.focus();
  }

  /** Where variable `key` is used: each place a link to its node, line or variable. */
  usesList(key) {
    const ul = el('ul', { class: 'var-uses' });
    let refs = [];
    try { refs = this.doc.editor.references(key); } catch { /* listed as none */ }
    if (!refs.length) ul.append(el('li', { class: 'muted' }, t('vars.unused')));
    for (const r of refs.slice(0, 200)) {
      const li = el('li');
      const what = t(`vars.kind.${r.kind}`);
      let place;
      if (r.node_id) place = `${typeLabel(this.doc.typeOf(r.node_id))} ${this.doc.label(r.node_id)}`;
      else if (r.flow_id) place = t('problems.line', { id: r.flow_id });
      else if (r.variable) place = r.variable;
      else place = t('vars.outputsList');
      const link = el('button', { type: 'button', class: 'link', 'data-role': 'goto' }, place);
      if (r.node_id) link.dataset.node = r.node_id;
      if (r.flow_id) link.dataset.flow = r.flow_id;
      if (r.variable) link.dataset.variable = r.variable;
      li.append(el('span', { class: 'muted' }, `${what} · `), link);
      ul.append(li);
    }
    if (refs.length > 200) ul.append(el('li', { class: 'muted' }, t('props.more', { n: refs.length - 200 })));
    return ul;
  }

  /** The form of a variable (`c`, its entry in `constants`) or of a new one (null). */
  form(c) {
    const f = el('form', { class: 'var-form', 'data-role': 'form' });
    const isNew = c === null;
    const field = (label, input) => {
      const l = el('label', { class: 'field' });
      l.append(el('span', null, label), input);
      return l;
    };
    const key = el('input', { type: 'text', name: 'key', spellcheck: 'false', required: '', placeholder: 'ip' });
    key.value = isNew ? '' : String(c.key ?? this.editing ?? '').replace(/^\$\{(.*)\}$/, '$1');
    const name = el('input', { type: 'text', name: 'name' });
    name.value = isNew ? '' : String(c.name ?? '');
    const type = el('select', { name: 'custom_type' });
    const current = isNew ? 'input' : String(c.custom_type ?? '');
    for (const ty of TYPES.includes(current) || current === '' ? TYPES : [...TYPES, current]) type.append(el('option', { value: ty }, typeName(ty)));
    if (!isNew && current === '') type.prepend(el('option', { value: '' }, '—'));
    type.value = current;
    type.disabled = !isNew && c.source_type && c.source_type !== 'custom';
    const value = el('textarea', { name: 'value', rows: 2, spellcheck: 'false' });
    value.value = isNew ? '' : typeof c.value === 'string' ? c.value : JSON.stringify(c.value ?? '');
    const show = el('input', { type: 'checkbox', name: 'show' });
    /** @type {HTMLInputElement} */ (show).checked = isNew ? true : c.show_type === 'show';
    const output = el('input', { type: 'checkbox', name: 'output' });
    /** @type {HTMLInputElement} */ (output).checked = !isNew && Array.isArray(this.doc.tree.outputs) && this.doc.tree.outputs.includes(c.key ?? this.editing);
    const desc = el('input', { type: 'text', name: 'desc' });
    desc.value = isNew ? '' : String(c.desc ?? '');
    const showLabel = el('label', { class: 'check' });
    showLabel.append(show, ` ${t('vars.showField')}`);
    const outLabel = el('label', { class: 'check' });
    outLabel.append(output, ` ${t('vars.outputField')}`);
    const row = el('div', { class: 'row' });
    row.append(el('button', { type: 'submit', class: 'primary', 'data-role': 'save' }, isNew ? t('vars.create') : t('vars.save')),
      el('button', { type: 'button', 'data-role': 'cancel' }, t('vars.cancel')));
    const note = el('div', { class: 'msg', 'aria-live': 'polite' });
    f.append(field(t('vars.key'), key), field(t('vars.name'), name), field(t('vars.type'), type), field(t('vars.value'), value),
      field(t('vars.desc'), desc), showLabel, outLabel, row, note);
    f.addEventListener('submit', (e) => {
      e.preventDefault();
      const text = value.value;
      const ty = type.value;
      let v = text;
      if (ty === 'int' && text.trim() !== '') {
        if (!/^-?\d+$/.test(text.trim())) { note.textContent = t('pay.notint', { key: key.value }); return; }
        v = Number(text.trim());
      } else if (!isNew && typeof c.value !== 'string' && c.value !== undefined) {
        try { v = JSON.parse(text); } catch (err) { note.textContent = t('props.fields.notjson', { error: err.message }); return; }
      }
      const fields = {
        name: name.value || key.value,
        show_type: /** @type {HTMLInputElement} */ (show).checked ? 'show' : 'hide',
        desc: desc.value,
        value: v,
      };
      if (!type.disabled && ty) fields.custom_type = ty;
      const out = /** @type {HTMLInputElement} */ (output).checked;
      let done;
      if (isNew) {
        done = this.cmd.run({ op: 'batch', ops: [
          { op: 'addVariable', key: key.value, ...fields },
          ...(out ? [{ op: 'updateVariable', key: key.value, fields: { output: true } }] : []),
        ] }, t('doing.addVariable'));
      } else {
        const was = this.editing ?? '';
        const changed = {};
        for (const [k, x] of Object.entries(fields)) if (JSON.stringify(c[k] ?? '') !== JSON.stringify(x)) changed[k] = x;
        const listed = Array.isArray(this.doc.tree.outputs) && this.doc.tree.outputs.includes(was);
        if (out !== listed) changed.output = out;
        if (key.value && `\${${key.value}}` !== was && key.value !== was) changed.key = key.value;
        if (!Object.keys(changed).length) { this.editing = null; this.render(); return; }
        done = this.cmd.run({ op: 'updateVariable', key: was, fields: changed }, t('doing.updateVariable'));
      }
      if (done) { this.editing = null; this.render(); }
    });
    setTimeout(() => (isNew ? key : name).focus(), 0);
    return f;
  }

  async click(e) {
    const target = /** @type {HTMLElement} */ (e.target);
    const b = /** @type {HTMLElement | null} */ (target.closest('[data-role]'));
    if (!b) return;
    const li = /** @type {HTMLElement | null} */ (b.closest('li.var'));
    const key = li?.dataset.key ?? '';
    const role = b.dataset.role;
    if (role === 'new') { this.editing = ''; this.render(); return; }
    if (role === 'cancel') { this.editing = null; this.render(); return; }
    if (role === 'edit') { this.editing = this.editing === key ? null : key; this.render(); return; }
    if (role === 'uses') { this.open = this.open === key ? null : key; this.render(); return; }
    if (role === 'up' || role === 'down') {
      const v = this.doc.editor.variables().find((x) => x.key === key);
      if (v) this.cmd.run({ op: 'moveVariable', key, index: v.index + (role === 'up' ? -1 : 1) }, t('doing.moveVariable'));
      return;
    }
    if (role === 'delete') {
      const refs = this.doc.editor.references(key);
      if (refs.length) {
        const hooked = refs.filter((r) => r.kind === 'input' || r.kind === 'subprocess' || r.kind === 'output')
          .map((r) => (r.node_id ? this.doc.label(r.node_id) : r.variable ?? '')).filter(Boolean);
        const used = refs.filter((r) => r.kind !== 'outputs').length;
        const output = refs.length > used ? ` ${t('vars.deleteOutput')}` : '';
        const yes = await ask({
          title: t('vars.deleteTitle', { key }),
          text: `${used ? t('vars.deleteText', { key, n: used, hooked: [...new Set(hooked)].slice(0, 8) }) : ''}${output}`.trim(),
          yes: t('vars.delete'),
          no: t('replace.no'),
        });
        if (!yes) return;
      }
      this.cmd.run({ op: 'removeVariable', key }, t('doing.removeVariable'));
      return;
    }
    if (role === 'goto') {
      if (b.dataset.node && this.doc.locs.has(b.dataset.node)) {
        this.doc.select([b.dataset.node]);
        this.canvas.reveal('node', b.dataset.node);
      } else if (b.dataset.flow && this.doc.lines.has(b.dataset.flow)) {
        this.doc.select([], b.dataset.flow);
        this.canvas.reveal('line', b.dataset.flow);
      } else if (b.dataset.variable) {
        this.reveal(b.dataset.variable);
      }
    }
  }

  /** Shows variable `key` with the places that use it, scrolled into view. */
  reveal(key) {
    this.open = key;
    this.render();
    const li = this.root.querySelector(`li.var[data-key="${CSS.escape(key)}"]`);
    li?.scrollIntoView({ block: 'nearest' });
    li?.classList.add('flash');
    setTimeout(() => li?.classList.remove('flash'), 1200);
  }
}

function icon(glyph, role, label, disabled = false) {
  const b = el('button', { type: 'button', class: 'icon-button', 'data-role': role, title: label, 'aria-label': label }, glyph);
  if (disabled) b.setAttribute('disabled', '');
  return b;
}

function sourceLabel(source) {
  return t(['custom', 'component_inputs', 'component_outputs'].includes(source) ? `vars.source.${source}` : 'vars.source.other');
}

function typeName(type) {
  return TYPES.includes(type) ? t(`vars.type.${type}`) : type;
}
