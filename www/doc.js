// @ts-check
// The document the page edits. Owns the wasm `Editor`, a read-only JS mirror of its tree with
// indices (node, location and line by id, the lines of each node), the kept diagnostics, and the
// selection. Every change goes through `apply`/`undo`/`redo` here and is announced as a
// `change` event carrying the outcome's `delta`, so views redraw only what changed; diagnostics
// follow the outcome's `DiagnosticDelta` (graph checks deferred and run when the page is idle).
// The mirror is read whole only when a tree opens; a big tree's (over 2 MB) a slice per task
// (`mirrorOf`), its checks a slice per idle period too (the Editor's `diagnostics.units:
// "in-steps"`), so opening it never blocks the page for long. After an edit the mirror is
// patched from the outcome's `items` (the Editor's `items` option: the JSON of what changed).
//
// Events (an EventTarget): `reset` (a new tree), `change` {delta, op}, `diagnostics`
// {nodes, flows} (ids whose marks may have changed), `selection`, `history`, `failure`
// {error} (the core threw something other than its typed errors).

import { nextTask, whenIdle } from './dom.js';
import { WEB_TYPE } from './geometry.js';
import { lang, msg, typeLabel } from './i18n.js';

const REFRESH_DELAY = 120;
/** How long one slice of work may take while a tree opens (ms): reading the mirror, and the
 *  checks a new Editor leaves pending (its `diagnostics.units: "in-steps"`; their diagnostics
 *  are then added to the page's, which takes about as long again on a tree with many). */
const SLICE_MS = 25;
/** How many entries of an object or array the mirror reads at once. */
const SLICE_ENTRIES = 500;
/** From what size a tree opens in slices of work (its text or bytes, in bytes or UTF-16 units;
 *  its mirror: entries of its top-level objects and arrays). A smaller one opens as before,
 *  checked at once and read in the task that opens it. */
const BIG_INPUT = 2_000_000;
const BIG_ENTRIES = 20_000;

/** The number of items changed from which a change is announced in a task of its own. */
const BIG_CHANGE = 5000;

/** How many items a delta names. */
const changedItems = (delta) => ['nodes', 'flows', 'lines', 'locations', 'constants']
  .reduce((n, k) => n + delta[k].added.length + delta[k].updated.length + delta[k].removed.length, 0);

/** Whether an Editor's tree is big enough to be read in slices of work. */
const isBig = (editor) => editor.treeParts().reduce((n, p) => n + (p.size ?? 0), 0) > BIG_ENTRIES;

/** The identity of a diagnostic, to match those a delta removes with those kept. */
export const diagKey = (d) => `${d.code}|${d.severity}|${d.node_id ?? ''}|${d.flow_id ?? ''}|${d.path ?? ''}|${d.message}`;

export class Doc extends EventTarget {
  constructor(core, options = {}) {
    super();
    this.core = core;
    this.seed = options.seed;
    this.editor = null;
    this.name = 'pipeline_tree.json';
    this.tree = {};
    this.nodes = new Map();
    this.locs = new Map();
    this.lines = new Map();
    this.nodeLines = new Map();
    this.diags = new Map();
    this.counts = { node: new Map(), flow: new Map() };
    this.selection = { nodes: new Set(), line: null };
    this.graphStale = false;
    this.refreshTimer = 0;
    /** Resolves once the last change is announced (a big one is, in the next task). */
    this.announced = Promise.resolve();
    /** Refreshes scheduled (the last one scheduled is the one that runs). */
    this.refreshes = 0;
    this.idleWaiters = [];
    this.lastTiming = {};
    // Each state of the undo history has a number; the tree has unsaved edits when the state
    // shown is not the one opened or last exported (undoing back to it counts as no edit).
    this.version = 0;
    this.versions = 0;
    this.past = [];
    this.future = [];
    this.savedVersion = 0;
    this.readMs = 0;
    /** Units of the kept diagnostics not run yet (a tree opened in steps). */
    this.pending = 0;
    /** Checks left pending are running (see `checkingNow`). */
    this.checking = false;
  }

  /** Whether the tree has edits made since it was opened or last exported. */
  get unsaved() {
    return this.version !== this.savedVersion;
  }

  /** The tree as it is now counts as saved (after an export). */
  markSaved() {
    this.savedVersion = this.version;
  }

  /** Edits since the tree was opened or exported, as undo steps (0 when saved). */
  unsavedSteps() {
    const at = this.past.indexOf(this.savedVersion);
    if (!this.unsaved) return 0;
    return at >= 0 ? this.past.length - at : this.past.length + 1;
  }

  /** Opens a tree (text, bytes or object; null: SOPS's new template). Throws the core's
   *  `ParseError` and then keeps the current document untouched. */
  open(input, name) {
    return this.adopt(this.read(input), name);
  }

  /** Reads a tree into a new core `Editor` without touching the document (throws the core's
   *  `ParseError`); `adopt` makes it the document, `editor.free()` drops it. `source`: which
   *  tree of a wrapper (`{template}` of a SOPS export file). The Editor's
   *  checks are left pending: they run a slice at a time once it is the document. */
  read(input, source = {}) {
    const started = performance.now();
    const size = typeof input === 'string' ? input.length : input instanceof Uint8Array ? input.byteLength : 0;
    const editor = new this.core.Editor(input, {
      diagnostics: { graph: 'deferred', units: size > BIG_INPUT ? 'in-steps' : 'at-once' },
      items: true,
      ...(this.seed !== undefined ? { seed: this.seed } : {}),
      ...source,
    });
    this.readMs = performance.now() - started;
    return editor;
  }

  /** The tree of `editor` (from `read`) as a plain object, the same as `editor.tree()`, read
   *  `entries` entries of an object or array at a time; a big tree's (`big`, by default from
   *  its size) in slices of work, the page drawing and taking input between them. */
  async mirrorOf(editor, entries = SLICE_ENTRIES, big = isBig(editor)) {
    const tree = {};
    const parts = editor.treeParts();
    if (big) await nextTask(); // not in the task that made the Editor
    let slice = performance.now();
    for (let i = 0; i < parts.length; i++) {
      const { key, size } = parts[i];
      if (size === null || size <= entries) {
        put(tree, key, editor.treePart(i));
      } else {
        const whole = /** @type {any} */ (editor.treePart(i, 0, 0));
        for (let from = 0; from < size; from += entries) {
          if (big && performance.now() - slice > SLICE_MS) {
            await nextTask();
            slice = performance.now();
          }
          const part = /** @type {any} */ (editor.treePart(i, from, from + entries));
          if (Array.isArray(whole)) for (const item of part) whole.push(item);
          else for (const k of Object.keys(part)) put(whole, k, part[k]);
        }
        put(tree, key, whole);
      }
    }
    return tree;
  }

  /** `editor`'s tree (from `read`) and its indices, for `adopt`: a big tree's read in slices
   *  of work (`mirrorOf`, then the indices in a task of their own), a small one's at once. */
  async load(editor) {
    const big = isBig(editor);
    const tree = await this.mirrorOf(editor, SLICE_ENTRIES, big);
    if (big) await nextTask();
    const loaded = Object.create(Doc.prototype);
    loaded.tree = tree;
    loaded.index();
    if (big) await nextTask(); // adopt, and the drawing it starts, in a task of their own
    return loaded;
  }

  /** Makes `editor` (from `read`) the document: a new tree, history and selection. `loaded`
   *  is its tree with indices when already read (`load`). The Editor it replaces is freed in
   *  a later task. */
  adopt(editor, name, loaded = undefined) {
    const opened = performance.now();
    const old = this.editor;
    if (old) setTimeout(() => old.free(), 0);
    this.editor = editor;
    if (name) this.name = name;
    this.version = ++this.versions;
    this.savedVersion = this.version;
    this.past = [];
    this.future = [];
    this.selection = { nodes: new Set(), line: null };
    if (loaded) {
      ({ tree: this.tree, nodes: this.nodes, locs: this.locs, lines: this.lines, nodeLines: this.nodeLines } = loaded);
    } else {
      this.tree = editor.tree();
      this.index();
    }
    this.diags.clear();
    this.counts = { node: new Map(), flow: new Map() };
    const report = editor.diagnostics();
    for (const d of report.diagnostics) this.keep(d);
    this.graphStale = report.graphStale;
    this.pending = report.pending ?? 0;
    this.checking = this.pending > 0;
    this.lastTiming = { open: this.readMs, mirror: performance.now() - opened };
    this.emit('reset');
    this.emit('history');
    if (this.graphStale || this.pending) this.scheduleRefresh(this.pending ? 0 : REFRESH_DELAY);
    return editor;
  }

  index() {
    this.indexNodes();
    this.indexLocs();
    this.indexLines();
  }

  indexNodes() {
    const t = this.tree;
    this.nodes = new Map();
    for (const part of [t.activities, t.gateways]) {
      if (part && typeof part === 'object') for (const [id, n] of Object.entries(part)) this.nodes.set(id, n);
    }
    for (const ev of [t.start_event, t.end_event]) if (ev && typeof ev.id === 'string') this.nodes.set(ev.id, ev);
  }

  indexLocs() {
    const t = this.tree;
    this.locs = new Map();
    for (const l of Array.isArray(t.location) ? t.location : []) if (l && typeof l.id === 'string') this.locs.set(l.id, l);
  }

  indexLines() {
    const t = this.tree;
    this.lines = new Map();
    this.nodeLines = new Map();
    for (const l of Array.isArray(t.line) ? t.line : []) if (l && typeof l.id === 'string') this.lineIn(l);
  }

  /** Indexes a line item (the last with its id wins, as in `indexLines`). */
  lineIn(l) {
    this.lines.set(l.id, l);
    for (const end of [l.source?.id, l.target?.id]) {
      if (typeof end !== 'string') continue;
      let set = this.nodeLines.get(end);
      if (!set) this.nodeLines.set(end, (set = new Set()));
      set.add(l.id);
    }
  }

  lineOut(id) {
    const l = this.lines.get(id);
    if (!l) return;
    this.lines.delete(id);
    for (const end of [l.source?.id, l.target?.id]) {
      const set = typeof end === 'string' ? this.nodeLines.get(end) : undefined;
      if (!set) continue;
      set.delete(id);
      if (!set.size) this.nodeLines.delete(end);
    }
  }

  /** Patches the mirror and its indices from an outcome's `items` (see `patchItems`), never
   *  reading the tree back. */
  patch(outcome) {
    const { delta } = outcome;
    const byPart = new Map();
    for (const it of outcome.items ?? []) {
      let list = byPart.get(it.part);
      if (!list) byPart.set(it.part, (list = []));
      list.push(it);
    }
    const whole = new Set((byPart.get('tree') ?? []).map((it) => it.id));
    patchItems(this.tree, byPart);
    const t = this.tree;
    // the node index: a node by its key in activities or gateways, an event by its id (last wins)
    if (whole.has('activities') || whole.has('gateways')) this.indexNodes();
    else {
      const own = (part, id) => (part && typeof part === 'object' && Object.hasOwn(part, id) ? part[id] : undefined);
      const event = (ev, id) => (ev && typeof ev === 'object' && ev.id === id ? ev : undefined);
      for (const id of [...delta.nodes.added, ...delta.nodes.updated, ...delta.nodes.removed]) {
        const n = event(t.end_event, id) ?? event(t.start_event, id) ?? own(t.gateways, id) ?? own(t.activities, id);
        if (n) this.nodes.set(id, n);
        else this.nodes.delete(id);
      }
    }
    const last = (part) => {
      const m = new Map();
      for (const it of byPart.get(part) ?? []) if ('value' in it && it.value && typeof it.value === 'object') m.set(it.id, it.value);
      return m;
    };
    if (whole.has('location')) this.indexLocs();
    else {
      const now = last('location');
      for (const id of [...delta.locations.added, ...delta.locations.updated, ...delta.locations.removed]) {
        if (now.has(id)) this.locs.set(id, now.get(id));
        else this.locs.delete(id);
      }
    }
    if (whole.has('line')) this.indexLines();
    else {
      const now = last('line');
      for (const id of [...delta.lines.added, ...delta.lines.updated, ...delta.lines.removed]) {
        this.lineOut(id);
        if (now.has(id)) this.lineIn(now.get(id));
      }
    }
  }

  /** The canvas type of a node: its location's, else from the tree's type. */
  typeOf(id) {
    const t = this.locs.get(id)?.type;
    if (typeof t === 'string' && t in TYPE_NAMES) return t;
    const n = this.nodes.get(id);
    // an event is one by its place, whatever its `type` says (BKFlow's previews give none)
    if (n && n === this.tree.start_event) return 'startpoint';
    if (n && n === this.tree.end_event) return 'endpoint';
    return WEB_TYPE[n?.type] ?? 'tasknode';
  }

  /** A name to show for a node: its name, else its id. */
  label(id) {
    const n = this.nodes.get(id);
    const name = typeof n?.name === 'string' && n.name ? n.name : '';
    return name || id;
  }

  /** A diagnostic's message in the page's language, the node it is about called by its name
   *  where the core calls it by its id. */
  message(d) {
    const text = msg(d);
    const id = d.node_id;
    const n = typeof id === 'string' && id ? this.nodes.get(id) : undefined;
    const name = typeof n?.name === 'string' ? n.name.trim() : '';
    if (!name || !text.includes(id)) return text;
    // the id as a word of its own (a short id is not replaced inside other words)
    const word = new RegExp(`(?<![\\w-])${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`, 'g');
    if (lang() !== 'zh') return text.replace(word, () => `"${name}"`);
    return text.replace(word, () => `「${name}」`).replace(/ 「/g, '「').replace(/」 /g, '」');
  }

  /** A node for messages: its type and its name (or id). */
  describe(id) {
    return describeNode(this.known(id));
  }

  /** What `describe` needs of a node (its type and name), to say it after it is gone. */
  known(id) {
    const n = this.nodes.get(id);
    return { type: this.typeOf(id), name: typeof n?.name === 'string' && n.name ? n.name : id };
  }

  /** Applies an operation; returns the outcome. Throws the core's `EditError` (nothing
   *  changed) which callers show to the user. */
  apply(op) {
    const outcome = this.guard(() => this.editor.apply(op));
    this.after(outcome, op);
    return outcome;
  }

  undo() {
    if (!this.editor.canUndo) return null;
    const outcome = this.guard(() => this.editor.undo());
    this.after(outcome, { op: 'undo' });
    return outcome;
  }

  redo() {
    if (!this.editor.canRedo) return null;
    const outcome = this.guard(() => this.editor.redo());
    this.after(outcome, { op: 'redo' });
    return outcome;
  }

  /** Runs a call into the core; anything it throws that is not one of its typed errors means
   *  the core failed: `failure` is announced (the mirror still holds the last tree), then the
   *  error goes on to the caller. */
  guard(call) {
    try {
      return call();
    } catch (e) {
      if (!(e instanceof this.core.PipelineTreeError)) this.emit('failure', { error: e });
      throw e;
    }
  }

  /** Follows an outcome: the mirror patched, then the `change` announced for the views to
   *  redraw; a big change's (`BIG_CHANGE` items or more, a layout of a big tree) in the next
   *  task, so that the core's work and the redrawing are two shorter tasks (the views read
   *  the mirror, which is already current; `announced` resolves once it is done). */
  after(outcome, op) {
    this.step(op);
    const started = performance.now();
    this.patch(outcome);
    this.lastTiming = { mirror: performance.now() - started };
    const removed = outcome.delta.nodes.removed;
    if (removed.length) for (const id of removed) this.selection.nodes.delete(id);
    if (this.selection.line && outcome.delta.lines.removed.includes(this.selection.line)) this.selection.line = null;
    const change = () => this.emit('change', { delta: outcome.delta, op, result: outcome.result });
    if (changedItems(outcome.delta) >= BIG_CHANGE) this.announced = nextTask().then(change);
    else change();
    if (outcome.diagnostics) this.applyDiagnostics(outcome.diagnostics);
    this.emit('history');
    if (removed.length) this.emit('selection');
  }

  /** Moves along the numbered states of the history (see `unsaved`). */
  step(op) {
    if (op.op === 'undo') {
      this.future.push(this.version);
      this.version = this.past.pop() ?? ++this.versions;
    } else if (op.op === 'redo') {
      this.past.push(this.version);
      this.version = this.future.pop() ?? ++this.versions;
    } else {
      this.past.push(this.version);
      this.future = [];
      this.version = ++this.versions;
    }
  }

  applyDiagnostics(dd) {
    const nodes = new Set();
    const flows = new Set();
    for (const d of dd.removed) {
      this.drop(d);
      if (d.node_id) nodes.add(d.node_id);
      if (d.flow_id) flows.add(d.flow_id);
    }
    for (const d of dd.added) {
      this.keep(d);
      if (d.node_id) nodes.add(d.node_id);
      if (d.flow_id) flows.add(d.flow_id);
    }
    this.graphStale = dd.graphStale;
    this.pending = dd.pending ?? 0;
    if (this.pending) this.checkingNow(true);
    if (dd.added.length || dd.removed.length) this.emit('diagnostics', { nodes, flows });
    if (this.pending) this.scheduleRefresh(0);
    else if (this.graphStale) this.scheduleRefresh();
    else this.settle();
  }

  /** The deferred checks run once edits pause, when the browser is idle: first the checks an
   *  opened tree left pending, a slice per idle period, then the graph checks. */
  scheduleRefresh(delay = REFRESH_DELAY) {
    clearTimeout(this.refreshTimer);
    const turn = ++this.refreshes;
    document.body.dataset.graphStale = 'true';
    this.refreshTimer = setTimeout(() => whenIdle((ms) => {
      if (turn !== this.refreshes) return; // scheduled again meanwhile
      this.refreshTimer = 0;
      if (!this.editor) return;
      this.applyDiagnostics(this.pending ? this.editor.settle(ms) : this.editor.refreshGraph());
    }), delay);
  }

  settle() {
    if (this.refreshTimer) return;
    document.body.dataset.graphStale = 'false';
    this.checkingNow(false);
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  /** Whether checks left pending (a big tree opened, a big change) are still running: the
   *  diagnostics kept are then not all there is yet. Announced by a `checking` event. */
  checkingNow(on) {
    if (this.checking === on) return;
    this.checking = on;
    this.emit('checking');
  }

  /** Resolves when the kept diagnostics are complete (no graph check pending). */
  idle() {
    if (!this.graphStale && !this.refreshTimer) return Promise.resolve();
    return new Promise((done) => this.idleWaiters.push(done));
  }

  keep(d) {
    const key = diagKey(d);
    if (this.diags.has(key)) return;
    this.diags.set(key, d);
    this.count(d, 1);
  }

  drop(d) {
    const key = diagKey(d);
    if (!this.diags.has(key)) return;
    this.diags.delete(key);
    this.count(d, -1);
  }

  count(d, by) {
    for (const [kind, id] of [['node', d.node_id], ['flow', d.flow_id]]) {
      if (!id) continue;
      const map = this.counts[kind];
      const c = map.get(id) ?? { error: 0, warning: 0 };
      c[d.severity === 'error' ? 'error' : 'warning'] += by;
      if (c.error + c.warning > 0) map.set(id, c);
      else map.delete(id);
    }
  }

  /** Severity of the worst diagnostic of a node or flow: "error", "warning" or null. */
  worst(kind, id) {
    const c = this.counts[kind].get(id);
    return !c ? null : c.error > 0 ? 'error' : 'warning';
  }

  select(nodes = [], line = null) {
    this.selection = { nodes: new Set(nodes), line };
    this.emit('selection');
  }

  toggle(id) {
    const s = this.selection.nodes;
    if (s.has(id)) s.delete(id);
    else s.add(id);
    this.selection.line = null;
    this.emit('selection');
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

/** Sets a key as an own property, whatever its name (`__proto__` included). */
function put(obj, key, value) {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Applies an object's items: gone keys deleted, present ones set in place; a new key the
 *  core holds before others is put at its position (the object rebuilt). Returns the object. */
function patchObject(obj, items) {
  const inserts = [];
  for (const it of items) {
    if (!('value' in it)) delete obj[it.id];
    else if (Object.hasOwn(obj, it.id)) obj[it.id] = it.value;
    else inserts.push(it);
  }
  if (!inserts.length) return obj;
  const n = Object.keys(obj).length;
  if (inserts.every((it, i) => it.at === n + i)) {
    for (const it of inserts) put(obj, it.id, it.value);
    return obj;
  }
  const entries = Object.entries(obj);
  for (const it of inserts) entries.splice(it.at, 0, [it.id, it.value]);
  const out = {};
  for (const [k, v] of entries) put(out, k, v);
  return out;
}

/** Applies an array's items: every item with a named id taken out, then those with a value
 *  put back at their positions (ascending, as the core lists them). */
function patchArray(arr, items) {
  const ids = new Set(items.map((it) => it.id));
  const out = arr.filter((x) => !(x && typeof x === 'object' && typeof x.id === 'string' && ids.has(x.id)));
  for (const it of items) if ('value' in it) out.splice(it.at, 0, it.value);
  return out;
}

/** Applies an outcome's items, grouped by part, to the tree `t`: the core's `Item`s, which
 *  turn the tree before the change into the tree after it (a key set as a whole comes as a
 *  `tree` item and its items are not listed). */
function patchItems(t, byPart) {
  const top = byPart.get('tree');
  if (top) {
    const patched = patchObject(t, top);
    if (patched !== t) {
      // the tree object keeps its identity: its keys are put back in the core's order
      for (const k of Object.keys(t)) delete t[k];
      for (const [k, v] of Object.entries(patched)) put(t, k, v);
    }
  }
  for (const part of ['activities', 'gateways', 'flows', 'constants']) {
    const items = byPart.get(part);
    const obj = t[part];
    if (items && obj && typeof obj === 'object' && !Array.isArray(obj)) t[part] = patchObject(obj, items);
  }
  for (const part of ['line', 'location']) {
    const items = byPart.get(part);
    if (items && Array.isArray(t[part])) t[part] = patchArray(t[part], items);
  }
}

const TYPE_NAMES = {
  startpoint: 1, endpoint: 1, tasknode: 1, subflow: 1, parallelgateway: 1, branchgateway: 1,
  conditionalparallelgateway: 1, convergegateway: 1,
};

/** A node named in the page's language: its type and name ("并行网关「p1」", 'parallel gateway "p1"'). */
export function describeNode({ type, name }) {
  return lang() === 'zh' ? `${typeLabel(type)}「${name}」` : `${typeLabel(type).toLowerCase()} "${name}"`;
}
