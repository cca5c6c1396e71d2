// @ts-check
// What keeps the user's work when something goes wrong: the tree is saved in this browser
// (IndexedDB, which holds trees of any size; localStorage holds 5 MB at most) shortly after
// every change, when the page is idle, and offered back on the next visit, and if the
// wasm core ever fails (anything thrown that is not one of its typed errors, such as a
// WebAssembly.RuntimeError), a banner keeps the tree as of the last change (the page's own
// mirror of it, which does not need the core) ready to download, and saves it for a reload.

import { $, el, download, whenIdle } from './dom.js';
import { lang, t } from './i18n.js';

/** The IndexedDB database and store of the saved tree, and its one record's key. */
const DB = 'pipeline-tree';
const STORE = 'autosave';
const KEY = 'last';
/** Where the page saved it before (localStorage): still offered back, removed on the next save. */
const LEGACY_KEY = 'pipeline-tree.autosave';
const DELAY = 400;

/** The database, opened once (null: IndexedDB is not available here). */
let opened = null;
function database() {
  opened ??= new Promise((ok) => {
    try {
      const r = indexedDB.open(DB, 1);
      r.onupgradeneeded = () => r.result.createObjectStore(STORE);
      r.onsuccess = () => ok(r.result);
      r.onerror = () => ok(null);
      r.onblocked = () => ok(null);
    } catch {
      ok(null);
    }
  });
  return opened;
}

/** Runs `use(store)` in a transaction of `mode`; resolves with its request's result when the
 *  transaction is done, or with `undefined` when storage fails (full, disabled). */
async function stored(mode, use) {
  const db = await database();
  if (!db) return undefined;
  return new Promise((ok) => {
    try {
      const tx = db.transaction(STORE, mode);
      const req = use(tx.objectStore(STORE));
      tx.oncomplete = () => ok(req.result);
      tx.onerror = () => ok(undefined);
      tx.onabort = () => ok(undefined);
    } catch {
      ok(undefined);
    }
  });
}

const valid = (r) => (r && typeof r.text === 'string' && typeof r.name === 'string' ? r : null);

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
    this.timer = setTimeout(() => whenIdle(() => this.save()), DELAY);
  }

  /** The tree being edited as text: the core's export, or the page's mirror when the core
   *  cannot answer. */
  text() {
    if (!this.failed) {
      try { return this.doc.editor.export(); } catch { /* the mirror below */ }
    }
    return `${JSON.stringify(this.doc.tree, null, 4)}\n`;
  }

  /** Saves the tree; resolves with the record saved, or null when storage failed. */
  async save() {
    clearTimeout(this.timer);
    const record = { name: this.doc.name, text: this.text(), savedAt: Date.now() };
    const done = await stored('readwrite', (s) => s.put(record, KEY));
    if (done === undefined) return null; // storage full or disabled: the banner's download still works
    try { localStorage.removeItem(LEGACY_KEY); } catch { /* nothing to remove */ }
    return record;
  }

  /** The tree saved in an earlier visit, or null. */
  async saved() {
    const r = valid(await stored('readonly', (s) => s.get(KEY)));
    if (r) return r;
    try {
      return valid(JSON.parse(localStorage.getItem(LEGACY_KEY) ?? 'null'));
    } catch {
      return null;
    }
  }

  async discard() {
    await stored('readwrite', (s) => s.delete(KEY));
    try { localStorage.removeItem(LEGACY_KEY); } catch { /* nothing to remove */ }
  }

  /** On start: offers the tree saved in an earlier visit, if any (resolves once offered). */
  async offer(restore) {
    const r = await this.saved();
    if (!r) return;
    // the time as the page's language writes it, whatever the browser's own language
    const when = () => new Date(r.savedAt).toLocaleString(lang() === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
    const show = () => this.banner('info', t('restore.offer', { name: r.name, when: when() }), [
      [t('restore.yes'), async () => { await restore(r.text, r.name); this.hide(); }],
      [t('restore.discard'), async () => { this.hide(); await this.discard(); }],
    ]);
    show();
    // the offer follows the page's language while it is shown
    window.addEventListener('langchange', () => { if (!$('recover').hidden && !this.failed) show(); });
  }

  async fail(error) {
    if (this.failed) return;
    this.failed = true;
    const record = await this.save();
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
