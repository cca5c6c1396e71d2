// @ts-check
// What keeps the user's work when something goes wrong: the tree is saved in this browser
// (localStorage) shortly after every change and offered back on the next visit, and if the
// wasm core ever fails (anything thrown that is not one of its typed errors, such as a
// WebAssembly.RuntimeError), a banner keeps the tree as of the last change (the page's own
// mirror of it, which does not need the core) ready to download, and saves it for a reload.

import { $, el, download } from './dom.js';
import { t } from './i18n.js';

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
    const show = () => this.banner('info', t('restore.offer', { name: r.name, when }), [
      [t('restore.yes'), async () => { await restore(r.text, r.name); this.hide(); }],
      [t('restore.discard'), () => { this.discard(); this.hide(); }],
    ]);
    show();
    // the offer follows the page's language while it is shown
    window.addEventListener('langchange', () => { if (!$('recover').hidden && !this.failed) show(); });
  }

  fail(error) {
    if (this.failed) return;
    this.failed = true;
    const record = this.save();
    const what = error?.message ? `${error.name ?? 'Error'}: ${error.message}` : String(error);
    const show = () => this.banner('error', t('core.stopped', { what, kept: Boolean(record) }), [
      [t('core.download'), () => download(this.text(), this.doc.name)],
      [t('core.reload'), () => location.reload()],
    ]);
    show();
    // the banner follows the page's language, as the status line does
    window.addEventListener('langchange', show);
    this.ui.status(() => t('core.stopped.status'), true);
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
