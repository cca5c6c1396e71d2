// @ts-check
// The editing commands the toolbar, the keyboard, the pointer and the panels share. Each one
// turns a user's intent into an editor operation on the document; a refusal (the core's
// `EditError`, or `canConnect`'s reason) is shown to the user and changes nothing.

import { clearRefusal, nextTask, notice } from './dom.js';
import { sizeOf } from './geometry.js';
import { SMALL_TEXT_ZOOM } from './canvas.js';
import { TEXTS, again, msg, t } from './i18n.js';
import { describeNode } from './doc.js';

export class Commands {
  constructor(doc, canvas, newNodeFields) {
    this.doc = doc;
    this.canvas = canvas;
    this.newNodeFields = newNodeFields;
    this.clipboard = [];
  }

  /** Applies an operation; on refusal shows why and returns null (a success hides the
   *  notice of an earlier refusal). */
  run(op, what = op.op) {
    try {
      const out = this.doc.apply(op);
      clearRefusal(); // what was refused before is no longer the news
      return out;
    } catch (e) {
      notice(() => t('refused', { what: again(what), message: messageOf(e), code: e.code }));
      // A refusal is the core's EditError; anything else is a bug of the page: let it surface.
      if (!(e instanceof this.doc.core.EditError)) throw e;
      return null;
    }
  }

  undo() {
    if (!this.doc.editor.canUndo) { notice(() => t('nothing.undo'), 'info', 2000); return null; }
    return this.doc.undo();
  }

  redo() {
    if (!this.doc.editor.canRedo) { notice(() => t('nothing.redo'), 'info', 2000); return null; }
    return this.doc.redo();
  }

  /** A node from the palette with its top-left at (x, y); selected once added. */
  addNode(type, x, y) {
    const out = this.run({ op: 'addNode', type, x: Math.round(x), y: Math.round(y), ...this.newNodeFields(type) }, t('doing.add'));
    if (out) this.doc.select([out.result.id]);
    return out;
  }

  /** A node from the palette dropped on a line: the line is split around it, and what follows moves right to make room. */
  insertOnFlow(flow, type, x, y) {
    const out = this.run({ op: 'insertOnFlow', flow, type, x: Math.round(x), y: Math.round(y), makeRoom: true, ...this.newNodeFields(type) }, t('doing.insert'));
    if (out) this.doc.select([out.result.id]);
    return out;
  }

  /** A new node after `id` (SOPS's shortcut panel): on its outgoing line when it has one
   *  and does not split (what follows moves right to make room), else joined to it by a new
   *  line, to its right, or below its lowest branch when it splits. Selected once added. */
  appendAfter(id, type) {
    const box = this.canvas.boxOf(id);
    const n = this.doc.nodes.get(id);
    if (!box || !n) return null;
    const [w, h] = sizeOf(type);
    const outgoing = (Array.isArray(n.outgoing) ? n.outgoing : [n.outgoing]).filter((f) => typeof f === 'string' && f);
    const splits = SPLITS.has(this.doc.typeOf(id));
    if (outgoing.length && !splits) return this.insertOnFlow(outgoing[0], type, box.x + box.w + APPEND_GAP, box.y + box.h / 2 - h / 2);
    let x = box.x + box.w + APPEND_GAP, y = box.y + box.h / 2 - h / 2;
    if (splits && outgoing.length) {
      const below = outgoing
        .map((f) => this.canvas.boxOf(this.doc.tree.flows?.[f]?.target))
        .filter(Boolean)
        .reduce((a, b) => (b.y + b.h > a.y + a.h ? b : a), { x, y: y - h - GAP, w, h });
      x = below.x; y = below.y + below.h + GAP;
    }
    const at = this.freeSpot(w, h, Math.round(x), Math.round(y));
    const nid = freshId();
    const out = this.run({ op: 'batch', ops: [
      { op: 'addNode', id: nid, type, x: Math.round(at.x), y: Math.round(at.y), ...this.newNodeFields(type) },
      { op: 'connect', source: id, target: nid },
    ] }, t('doing.append'));
    if (out) this.doc.select([nid]);
    return out;
  }

  /** A flow drawn from `source` to `target` if the canvas rules allow it; else the reason. */
  connect(source, target, sourceArrow, targetArrow) {
    const reason = this.doc.editor.canConnect(source, target);
    if (reason) {
      notice(() => t('cannot.connect', { source: this.doc.describe(source), target: this.doc.describe(target), message: msg(reason), code: reason.code }));
      document.body.dataset.lastRefusal = reason.code;
      return null;
    }
    const out = this.run({ op: 'connect', source, target, sourceArrow, targetArrow }, t('doing.connect'));
    if (out) this.doc.select([], out.result.flow);
    return out;
  }

  /** Moves nodes by (dx, dy) in one undo step. */
  move(ids, dx, dy) {
    const nodes = [];
    for (const id of ids) {
      const l = this.doc.locs.get(id);
      if (!l) continue;
      nodes.push({ id, x: Math.round(Number(l.x) + dx), y: Math.round(Number(l.y) + dy) });
    }
    if (!nodes.length) return null;
    return this.run({ op: 'move', nodes }, t('doing.move'));
  }

  /** Deletes the selected nodes (a node with one flow in and one out is bridged, as SOPS
   *  does) or the selected line. */
  deleteSelection() {
    const sel = this.doc.selection;
    if (sel.nodes.size) {
      const ids = [...sel.nodes];
      const ops = ids.map((id) => ({ op: 'removeNode', id, reconnect: true }));
      const names = new Map(ids.map((id) => [id, this.doc.known(id)]));
      const out = this.run(ops.length === 1 ? ops[0] : { op: 'batch', ops }, t('doing.delete'));
      if (out) this.explainUnbridged(out.result, ids, names);
      return out;
    }
    if (sel.line) {
      if (!this.doc.tree.flows?.[sel.line]) {
        notice(() => t('line.noflow'));
        return null;
      }
      return this.run({ op: 'disconnect', flow: sel.line }, t('doing.deleteLine'));
    }
    notice(() => t('select.to.delete'), 'info', 2500);
    return null;
  }

  /** Says why a deleted node's neighbours were left apart (a branch between two gateways
   *  is not joined, as in SOPS): the user sees the branch go and can undo. */
  explainUnbridged(result, ids, names) {
    const results = Array.isArray(result?.results) ? result.results : [result];
    const found = [];
    results.forEach((r, i) => {
      const u = r?.unbridged;
      if (u) found.push({ u, node: names.get(ids[i]) ?? this.doc.known(ids[i]), from: this.doc.known(u.from), to: this.doc.known(u.to) });
    });
    // said again in the other language when the page's language changes
    const say = () => found.map(({ u, node, from, to }) => {
      const reason = TEXTS[`unbridged.${u.reason}`] ? t(`unbridged.${u.reason}`) : t('unbridged.rule', { code: u.reason });
      return t('unbridged', { node: describeNode(node), from: describeNode(from), to: describeNode(to), reason });
    }).join(' ');
    if (found.length) notice(say, 'info', 10000);
  }

  copy() {
    const ids = [...this.doc.selection.nodes].filter((id) => {
      const t = this.doc.typeOf(id);
      return t !== 'startpoint' && t !== 'endpoint';
    });
    if (!ids.length) { notice(() => t('select.to.copy'), 'info', 2500); return false; }
    this.clipboard = ids;
    notice(() => t('copied.nodes', { n: ids.length }), 'info', 2000);
    return true;
  }

  /** Pastes the copied nodes (and the flows between them): at `at` (world point) if given,
   *  else shifted down-right from the originals. The copies are selected. */
  paste(at) {
    const ids = this.clipboard.filter((id) => this.doc.nodes.has(id));
    if (!ids.length) { notice(() => t('nothing.paste'), 'info', 2500); return null; }
    let dx, dy;
    const b = this.canvas.bounds(ids);
    if (at && b) {
      dx = Math.round(at.x - b.x);
      dy = Math.round(at.y - b.y);
    } else {
      ({ dx, dy } = this.freeShift(ids));
      dx = Math.round(dx);
      dy = Math.round(dy);
    }
    const out = this.run({ op: 'paste', nodes: ids, dx, dy }, t('doing.paste'));
    if (out) this.doc.select(Object.values(out.result.ids ?? {}).filter((id) => this.doc.locs.has(id)));
    return out;
  }

  selectAll() {
    this.doc.select([...this.doc.locs.keys()]);
  }

  /** The canvas width SOPS's layout wraps its rows at. SOPS's editor sends the width of its
   *  canvas; here the canvas's width in world units is taken at a zoom between 100 % and the
   *  smallest that shows the texts (`Canvas.layoutWidth`; up to SOPS's own 1300 at least), the
   *  one that draws best: SOPS's algorithm can put nodes on top of each other when it wraps
   *  rows, and where it wraps changes the height. Widths in that range are tried with the
   *  core's `layout` (fewer the bigger the tree); the drawing with no nodes over each other
   *  that fits at the largest zoom wins, the narrower on a tie. A tree of 1,000 nodes or more
   *  is laid out at the width seen at the current zoom. */
  sopsWidth() {
    const tries = Math.min(24, Math.floor(PREVIEW_BUDGET / Math.max(1, this.doc.nodes.size)));
    if (tries < 2) return this.canvas.layoutWidth();
    const narrowest = this.canvas.layoutWidth(1);
    const widest = Math.max(this.canvas.layoutWidth(SMALL_TEXT_ZOOM), SOPS_WIDTH);
    let best = null;
    for (let i = 0; i < tries; i++) {
      const width = Math.round(narrowest + ((widest - narrowest) * i) / (tries - 1));
      let drawn;
      try {
        drawn = this.doc.core.layout(this.doc.tree, { mode: 'sops', sizes: 'editor', canvasWidth: width });
      } catch {
        return this.canvas.layoutWidth(); // the operation says what is wrong
      }
      const over = overlapping(drawn.location);
      const k = this.canvas.fitZoom(boundsOf(drawn.location));
      if (!best || (best.over && !over) || (best.over === over && k > best.k + 1e-6)) best = { width, over, k };
    }
    return best.width;
  }

  /** Lays the tree out ("sops" or "layered") with the sizes this canvas draws. A big tree's
   *  layout (`BIG_LAYOUT` nodes or more) is computed in a task of its own
   *  (`Editor.prepareLayout`) and applied in the next, the page drawing and taking input in
   *  between; an edit meanwhile makes the operation lay the tree out afresh, another tree
   *  opened meanwhile cancels it (null). */
  async layout(mode) {
    const started = performance.now();
    const op = { op: 'layout', mode, sizes: 'editor' };
    // SOPS's rows wrap at the canvas's width, as its editor sends it
    if (mode === 'sops') op.canvasWidth = this.sopsWidth();
    if (this.doc.nodes.size >= BIG_LAYOUT) {
      const { editor } = this.doc;
      await nextTask();
      if (this.doc.editor !== editor) return null;
      try {
        this.doc.guard(() => editor.prepareLayout(op));
      } catch (e) {
        if (!(e instanceof this.doc.core.PipelineTreeError)) throw e; // the operation says what is wrong
      }
      await nextTask();
      if (this.doc.editor !== editor) return null;
    }
    const out = this.run(op, t('doing.layout'));
    if (out) {
      await this.doc.announced;
      this.lastLayoutMs = performance.now() - started;
      this.canvas.openView();
      // a tree too large for the full layout: what the quicker one gave up
      const warning = out.result.warning;
      if (warning) notice(() => msg(warning), 'info', 10000);
    }
    return out;
  }

  /** Where a node added by a click goes: the free place nearest the center of the view. */
  viewCenter(type) {
    const r = this.canvas.rect();
    const c = this.canvas.clientToWorld(r.left + r.width / 2, r.top + r.height / 2);
    const [w, h] = sizeOf(type);
    return this.freeSpot(w, h, c.x - w / 2, c.y - h / 2);
  }

  /** The drawn nodes' boxes, but those of `skip`. */
  boxes(skip = new Set()) {
    const out = [];
    for (const id of this.doc.locs.keys()) {
      if (skip.has(id)) continue;
      const b = this.canvas.boxOf(id);
      if (b) out.push(b);
    }
    return out;
  }

  /** The place nearest (x, y) (a top-left corner) where a w×h box keeps GAP from every drawn
   *  node, searched ring by ring on a grid of the box's size; (x, y) itself when the nearby
   *  rings are all taken. */
  freeSpot(w, h, x, y) {
    const boxes = this.boxes();
    const free = (px, py) => !boxes.some((b) => overlaps(b, { x: px, y: py, w, h }));
    if (free(x, y)) return { x, y };
    const sx = w + GAP, sy = h + GAP;
    for (let ring = 1; ring <= 12; ring++) {
      const spots = [];
      for (let i = -ring; i <= ring; i++) {
        for (let j = -ring; j <= ring; j++) {
          if (Math.max(Math.abs(i), Math.abs(j)) === ring) spots.push({ x: x + i * sx, y: y + j * sy });
        }
      }
      spots.sort((a, b) => Math.hypot(a.x - x, a.y - y) - Math.hypot(b.x - x, b.y - y));
      const spot = spots.find((p) => free(p.x, p.y));
      if (spot) return spot;
    }
    return { x, y };
  }

  /** The shift that puts copies of `ids` where they overlap no drawn node: below the
   *  originals, else to their right, further each time. */
  freeShift(ids) {
    const b = this.canvas.bounds(ids);
    if (!b) return { dx: 40, dy: 40 };
    const own = ids.map((id) => this.canvas.boxOf(id)).filter(Boolean);
    const boxes = this.boxes();
    const clear = (dx, dy) => own.every((o) => !boxes.some((x) => overlaps(x, { x: o.x + dx, y: o.y + dy, w: o.w, h: o.h })));
    for (let n = 1; n <= 20; n++) {
      for (const [dx, dy] of [[0, n * (b.h + GAP)], [n * (b.w + GAP), 0], [n * (b.w + GAP), n * (b.h + GAP)]]) {
        if (clear(dx, dy)) return { dx, dy };
      }
    }
    return { dx: 40, dy: b.h + GAP };
  }
}

/** The room kept around a node placed by a click or a paste. */
const GAP = 30;
/** The space between a node and one added after it (the core's `makeRoom` keeps the same). */
const APPEND_GAP = 50;
/** The gateways that split: a node added after one starts a new branch. */
const SPLITS = new Set(['branchgateway', 'parallelgateway', 'conditionalparallelgateway']);

/** A new node id in the core's form: "n" and 31 hex digits. */
function freshId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `n${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('').slice(0, 31)}`;
}

/** Whether box `a`, grown by GAP, meets box `b`. */
function overlaps(a, b) {
  return b.x < a.x + a.w + GAP && b.x + b.w + GAP > a.x && b.y < a.y + a.h + GAP && b.y + b.h + GAP > a.y;
}

export function messageOf(e) {
  const m = msg(e);
  // The core's messages start with their code ("FE003: ..."): it is shown apart.
  return e?.code && m.startsWith(`${e.code}: `) ? m.slice(e.code.length + 2) : m;
}

/** SOPS's server's canvas width when none is sent. */
const SOPS_WIDTH = 1300;
/** The number of nodes from which a layout is computed in a task of its own. */
const BIG_LAYOUT = 2000;

/** How many nodes the widths tried for SOPS's layout may lay out in all. */
const PREVIEW_BUDGET = 1000;

/** The box of the nodes of a `location` list. */
function boundsOf(location) {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const l of location) {
    const [w, h] = sizeOf(l.type);
    const x = Number(l.x), y = Number(l.y);
    x0 = Math.min(x0, x); y0 = Math.min(y0, y);
    x1 = Math.max(x1, x + w); y1 = Math.max(y1, y + h);
  }
  return x0 === Infinity ? { x: 0, y: 0, w: 1, h: 1 } : { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/** Whether two nodes of a `location` list are drawn over each other (a sweep along x). */
function overlapping(location) {
  const boxes = location.map((l) => {
    const [w, h] = sizeOf(l.type);
    return { x: Number(l.x), y: Number(l.y), w, h };
  }).sort((a, b) => a.x - b.x);
  const open = [];
  for (const b of boxes) {
    for (let i = open.length - 1; i >= 0; i--) if (open[i].x + open[i].w <= b.x) open.splice(i, 1);
    if (open.some((a) => a.y < b.y + b.h && b.y < a.y + a.h)) return true;
    open.push(b);
  }
  return false;
}
