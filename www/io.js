// @ts-check
// Trees in and out: open a file, drop one on the page, paste JSON into the JSON tab; export
// (download `editor.export()`). A text that is not a tree opens nothing: its problems are listed
// with line and column (from the core's ParseError), clicking one selects the place, the
// tree being edited stays as it was and the bad text stays in the JSON tab to be fixed. The JSON
// tab also shows the current tree as text (layout options go through the core's `format`).
// A tree that reads replaces one with unsaved edits only when the user says so.

import { el, $, ask, choose, download, notice } from './dom.js';
import { again, msg, t } from './i18n.js';

export class IO {
  constructor(doc, ui) {
    this.doc = doc;
    this.ui = ui;
    this.area = $('json-text');
    this.problems = $('json-problems');
    this.dirty = false;
    /** Openings started (the last one started is the one made the document). */
    this.openings = 0;
    this.area.addEventListener('input', () => { this.dirty = true; this.showDirty(); });
    $('json-load').addEventListener('click', () => this.importText(this.area.value, 'pipeline_tree.json', 'pasted'));
    $('json-revert').addEventListener('click', () => { this.dirty = false; this.clearProblems(); this.refresh(true); });
    $('indent').addEventListener('change', () => this.reformat());
    $('ascii').addEventListener('change', () => this.reformat());
    $('file').addEventListener('change', (/** @type {Event} */ e) => {
      const input = /** @type {HTMLInputElement} */ (e.target);
      const file = input.files?.[0];
      if (file) this.importFile(file);
      input.value = '';
    });
    $('export').addEventListener('click', () => this.exportTree());
    this.problems.addEventListener('click', (e) => {
      const li = /** @type {HTMLElement | null} */ (/** @type {HTMLElement} */ (e.target).closest('li[data-line]'));
      if (li) this.reveal(Number(li.dataset.line), Number(li.dataset.column));
    });
    for (const type of ['dragenter', 'dragover']) {
      document.addEventListener(type, (e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        document.body.classList.add('file-over');
      });
    }
    document.addEventListener('dragleave', (e) => { if (!e.relatedTarget) document.body.classList.remove('file-over'); });
    document.addEventListener('drop', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      document.body.classList.remove('file-over');
      const file = e.dataTransfer.files[0];
      if (file) this.importFile(file);
    });
    doc.addEventListener('change', () => { if (this.ui.jsonVisible()) this.later(); });
  }

  /** Opens a file: its bytes go to the core as they are (no text made of them unless it
   *  does not open). */
  async importFile(file) {
    return this.importText(new Uint8Array(await file.arrayBuffer()), file.name, 'file');
  }

  /** Opens `input` (text, or a file's bytes) as the tree being edited; on failure keeps
   *  everything and shows why. When the tree being edited has unsaved edits, asks first (not
   *  for a restore); declining keeps it, its history and the text. Resolves whether it was
   *  opened. */
  async importText(input, name, origin = 'file', source = {}) {
    const started = performance.now();
    const what = origin === 'pasted' ? t('pasted.json.cap') : name;
    const text = () => (typeof input === 'string' ? input : new TextDecoder().decode(input));
    let editor;
    try {
      editor = this.doc.read(input, source);
    } catch (e) {
      if (!(e instanceof this.doc.core.ParseError)) throw e;
      // a SOPS export file with several templates: the user picks the one to open
      if (e.code === 'template-required' && !source.template) {
        const template = await this.chooseTemplate(input, what);
        if (template) return this.importText(input, name, origin, { template });
      }
      this.keepText(text());
      this.showProblems(e);
      this.ui.showTab('json');
      // said again in the other language when the page's language changes
      const message = () => {
        const where = e.line ? t('at.line', { line: e.line, column: e.column }) : '';
        const said = msg(e);
        return e.line && /line \d+/.test(said) ? said : `${said}${where}`;
      };
      this.ui.status(() => t('not.opened', { what: again(what, 'pasted.json.cap'), message: message() }), true);
      notice(() => t('not.opened.short', { message: message() }));
      return false;
    }
    const ms = performance.now() - started; // reading; the time a question waits is not counted
    if (origin !== 'restore' && this.doc.unsaved) {
      const replace = await ask(replaceQuestion(this.doc, origin === 'pasted' ? t('pasted.json') : name));
      if (!replace) {
        editor.free();
        if (origin === 'pasted') this.keepText(text());
        this.ui.status(() => t('not.opened.kept', { what: again(what, 'pasted.json.cap') }));
        return false;
      }
    }
    return this.opened(editor, name, origin, ms);
  }

  /** Asks which template of a SOPS export file to open; resolves with its pipeline template
   *  id (or its SOPS id), or null when the user cancels or the file lists none. */
  async chooseTemplate(input, what) {
    let templates;
    try {
      templates = this.doc.core.findTree(input).templates ?? [];
    } catch {
      return null;
    }
    if (!templates.length) return null;
    return choose({
      title: t('template.choose.title'),
      text: t('template.choose.text', { name: what, n: templates.length }),
      no: t('template.choose.no'),
      options: templates.map((tp) => ({
        label: typeof tp.name === 'string' && tp.name ? tp.name : t('template.unnamed'),
        detail: `id ${tp.id ?? '-'}`,
        value: tp.key ?? tp.id,
      })),
    });
  }

  /** Makes a read tree the document once its mirror is read (a slice per task); a later
   *  opening started meanwhile wins, and this one is dropped. */
  async opened(editor, name, origin, ms) {
    const turn = ++this.openings;
    const started = performance.now();
    const loaded = await this.doc.load(editor);
    if (turn !== this.openings) {
      editor.free();
      return false;
    }
    this.doc.adopt(editor, name, loaded);
    this.ui.opened(origin === 'pasted' ? t('pasted.json') : name, origin, ms + performance.now() - started);
    this.dirty = false;
    this.clearProblems();
    this.showDirty();
    if (this.ui.jsonVisible()) this.refresh(true);
    return true;
  }

  /** Leaves `text` in the JSON tab, marked as edited, to be fixed or opened later. */
  keepText(text) {
    this.area.value = text;
    this.dirty = true;
    this.showDirty();
  }

  exportTree() {
    const text = this.doc.editor.export();
    download(text, this.doc.name || 'pipeline_tree.json');
    this.doc.markSaved();
    const name = this.doc.name;
    this.ui.status(() => t('exported', { name, chars: text.length.toLocaleString() }));
  }

  formatOptions() {
    const indent = $('indent').value;
    const opts = {};
    if ($('ascii').checked) opts.ascii = true;
    if (indent !== 'keep') opts.indent = /^\d+$/.test(indent) ? Number(indent) : indent;
    return opts;
  }

  /** The current tree as text in the chosen layout (unless the text is being edited). */
  refresh(force = false) {
    clearTimeout(this.timer);
    if (this.dirty && !force) return;
    const text = this.doc.editor.export();
    const opts = this.formatOptions();
    this.area.value = Object.keys(opts).length ? this.doc.core.format(text, opts) : text;
    this.dirty = false;
    this.showDirty();
  }

  later() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), 300);
  }

  /** Layout options: the current tree, or the edited text if it reads. */
  reformat() {
    if (!this.dirty) { this.refresh(); return; }
    try {
      this.area.value = this.doc.core.format(this.area.value, this.formatOptions());
      this.clearProblems();
    } catch (e) {
      if (!Array.isArray(e?.problems)) throw e;
      this.showProblems(e);
    }
  }

  showDirty() {
    $('json-state').textContent = this.dirty ? t('json.dirty') : t('json.current');
  }

  showProblems(err) {
    const list = el('ol');
    for (const p of err.problems) {
      const li = el('li', { 'data-code': p.code });
      const where = p.line ? `${p.line}:${p.column}` : '';
      if (p.line) { li.dataset.line = p.line; li.dataset.column = p.column; }
      li.append(el('code', null, `${where} ${p.code}`.trim()), ` ${msg(p)} ${t('json.at')} `, el('code', null, p.path));
      list.append(li);
    }
    const n = err.problems.length;
    this.problems.replaceChildren(el('strong', null, t('json.problems', { n })), list);
    this.problems.hidden = false;
  }

  clearProblems() {
    this.problems.replaceChildren();
    this.problems.hidden = true;
  }

  /** Selects the character at (line, column) of the text, so the user sees it. */
  reveal(line, column) {
    const lines = this.area.value.split('\n');
    let offset = 0;
    for (let i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
    // Columns count characters; JS strings count UTF-16 units.
    offset += Array.from(lines[line - 1] ?? '').slice(0, column - 1).join('').length;
    this.area.focus();
    this.area.setSelectionRange(offset, offset + 1);
    const lineHeight = parseFloat(getComputedStyle(this.area).lineHeight) || 17;
    this.area.scrollTop = Math.max(0, (line - 5) * lineHeight);
  }
}

/** The question asked before a tree with unsaved edits is replaced by `incoming`. */
export function replaceQuestion(doc, incoming) {
  const n = doc.unsavedSteps();
  return {
    title: t('replace.title'),
    text: t('replace.text', { name: doc.name, n, incoming }),
    yes: t('replace.yes', { incoming }),
    no: t('replace.no'),
  };
}

function hasFiles(e) {
  return [...(e.dataTransfer?.types ?? [])].includes('Files');
}
