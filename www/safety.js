// @ts-check
// What keeps the user's work when something goes wrong: the tree is saved in this browser
// (localStorage) shortly after every change and offered back on the next visit, and if the
// wasm core ever fails (anything thrown that is not one of its typed errors, such as a
// WebAssembly.RuntimeError), a banner keeps the tree as of the last change (the page's own
// mirror of it, which does not need the core) ready to download, and saves it for a reload.

import { $, el, download } from './dom.js';

const KEY = 'pipeline-tree.autosave';
const DELAY = 400;

export class Safety {
  constructor(doc, ui) {
    this.doc = doc;
    this.ui = ui;
    this.timer = 0;
    this.failed = false;
    doc.addEventListener('change', () => this.schedule());
    doc.addEventListener('failure', (e) => this.fail(e.detail.error));
  }

  schedule() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.save(), DELAY);
  }

  /** The tree being edited as text: the core's export, or the page's mirror when the core
   *  cannot answer. */
  text() {
    if (!this.failed) {
      try { return this.doc.editor.export(); } catch { /* the mirror below */ }
    }
    return `${JSON.stringify(this.doc.tree, null, 4)}\n`;
  }

  save() {
    clearTimeout(this.timer);
    const record = { name: this.doc.name, text: this.text(), savedAt: Date.now() };
    try {
      localStorage.setItem(KEY, JSON.stringify(record));
      return record;
    } catch {
      return null; // storage full or disabled: the banner's download still works
    }
  }

  saved() {
    try {
      const r = JSON.parse(localStorage.getItem(KEY) ?? 'null');
      return r && typeof r.text === 'string' && typeof r.name === 'string' ? r : null;
    } catch {
      return null;
    }
  }

  discard() {
    try { localStorage.removeItem(KEY); } catch { /* nothing to remove */ }
  }

  /** On start: offers the tree saved in an earlier visit, if any. */
  offer(restore) {
    const r = this.saved();
    if (!r) return;
    const when = new Date(r.savedAt).toLocaleString();
    this.banner('info', `You were editing ${r.name} (saved in this browser ${when}).`, [
      ['Restore it', async () => { await restore(r.text, r.name); this.hide(); }],
      ['Discard', () => { this.discard(); this.hide(); }],
    ]);
  }

  fail(error) {
    if (this.failed) return;
    this.failed = true;
    const record = this.save();
    const what = error?.message ? `${error.name ?? 'Error'}: ${error.message}` : String(error);
    this.banner('error', `The editor core stopped (${what}). Your tree as of the last change is kept${record ? ' in this browser' : ''}: download it, or reload the page to go on editing it.`, [
      ['Download it', () => download(this.text(), this.doc.name)],
      ['Reload', () => location.reload()],
    ]);
    this.ui.status('The editor core stopped; the tree is kept', true);
  }

  banner(kind, message, actions) {
    const box = $('recover');
    box.replaceChildren(el('span', null, message));
    for (const [label, f] of actions) {
      const b = el('button', { type: 'button' }, label);
      b.addEventListener('click', f);
      box.append(b);
    }
    box.dataset.kind = kind;
    box.hidden = false;
  }

  hide() {
    $('recover').hidden = true;
  }
}
