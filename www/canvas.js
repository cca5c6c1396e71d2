// @ts-check
// The canvas: draws the document as SVG in SOPS's visual language and answers where things
// are. Owns the viewport (pan and zoom), one SVG group per node and per line (kept by id, so a
// change redraws only the items its delta names), condition labels, error marks, selection
// classes, the drag preview (nodes and their lines follow the pointer before the move is
// applied), the overlay (rubber band, connection preview, palette ghost) and hit tests.
// On a big tree (more than CULL_FROM nodes) only the items on screen, and half a screen
// round it, exist as elements: panning and zooming draw what comes into view and drop what
// is a screen away; the routes of all lines are kept for hit tests.
// Every tree string is set with textContent.

import { svg } from './dom.js';
import {
  ACTIVITIES, ARROWS, EVENTS, GATEWAYS, anchorPoint, fitText, innerBox, pathData,
  pointAlong, route, routeLength, segmentThrough, sizeOf, textWidth,
} from './geometry.js';
import { t, typeLabel } from './i18n.js';

const MIN_ZOOM = 0.02;
const MAX_ZOOM = 3;
/** Below this zoom the texts of the canvas are hidden (names would be under 6 px high). */
export const SMALL_TEXT_ZOOM = 0.5;
/** The margin `fit` keeps around the tree, in screen pixels. */
const FIT_PAD = 40;
/** Trees of more nodes than this draw only what is on screen, with half a screen round it
 *  (drawing and laying out thousands of SVG items at once stalls the page for seconds). */
export const CULL_FROM = 400;

/** Glyphs drawn inside nodes, per canvas type. */
const GLYPH = {
  startpoint: 'M13,10.5 L24,17 L13,23.5 Z',
  endpoint: 'M11.5,11.5 H22.5 V22.5 H11.5 Z',
  parallelgateway: 'M17,9 V25 M9,17 H25',
  branchgateway: 'M12,12 L22,22 M22,12 L12,22',
  conditionalparallelgateway: 'M17,12.5 V21.5 M12.5,17 H21.5',
  convergegateway: 'M10.5,11 L17,17.5 L23.5,11 M17,17.5 V25',
  tasknode: 'M9,21 L16,17 L23,21 V31 L16,35 L9,31 Z M9,21 L16,25 L23,21 M16,25 V35',
  subflow: 'M8,19 H20 V29 H8 Z M12,23 V33 H24 V23 H20',
};

export class Canvas {
  constructor(wrap, doc) {
    this.wrap = wrap;
    this.doc = doc;
    this.view = { x: 40, y: 40, k: 1 };
    this.nodeEls = new Map();
    this.lineEls = new Map();
    this.labelEls = new Map();
    this.routes = new Map();
    this.override = new Map();
    this.selected = { nodes: new Set(), line: null };
    /** The nodes the search found (marked when drawn). */
    this.matched = new Set();
    /** A new tree is being drawn (`openTree`): no culling for the view being left. */
    this.opening = false;
    this.build();
  }

  build() {
    const root = svg('svg', { id: 'canvas', role: 'application', 'aria-label': t('canvas'), 'data-i18n-label': 'canvas', tabindex: 0 });
    const defs = svg('defs');
    for (const [id, cls] of [['arrow', ''], ['arrow-selected', 'selected'], ['arrow-error', 'error'], ['arrow-preview', 'preview']]) {
      const m = svg('marker', {
        id, viewBox: '0 0 8 8', refX: 8, refY: 4, markerWidth: 8, markerHeight: 8,
        markerUnits: 'userSpaceOnUse', orient: 'auto',
      });
      m.append(svg('path', { d: 'M0,0 L8,4 L0,8 Z', class: `arrowhead ${cls}` }));
      defs.append(m);
    }
    this.viewport = svg('g', { id: 'viewport' });
    this.lineLayer = svg('g', { class: 'lines' });
    this.nodeLayer = svg('g', { class: 'nodes' });
    this.labelLayer = svg('g', { class: 'labels' });
    this.overlay = svg('g', { class: 'overlay' });
    this.viewport.append(this.lineLayer, this.nodeLayer, this.labelLayer, this.overlay);
    root.append(defs, this.viewport);
    this.svg = root;
    this.wrap.append(root);
    const forget = () => { this.box = null; };
    new ResizeObserver(forget).observe(root);
    window.addEventListener('resize', forget);
    window.addEventListener('scroll', forget, true);
    this.anchors = svg('g', { class: 'anchors', visibility: 'hidden' });
    for (const arrow of ARROWS) this.anchors.append(svg('circle', { class: 'anchor', 'data-arrow': arrow, r: 5 }));
    this.overlay.append(this.anchors);
    root.addEventListener('pointerover', (e) => this.hover(e.target));
    root.addEventListener('pointerleave', () => this.showAnchors(null));
    this.applyView();
  }

  /** The anchors of the node under the pointer are shown (one set, in the overlay). */
  hover(target) {
    if (this.anchors.contains(target)) return;
    const g = target.closest?.('.node');
    this.showAnchors(g && this.nodeLayer.contains(g) ? g.dataset.id : null);
  }

  showAnchors(id) {
    if (this.anchorNode === id) return;
    this.anchorNode = id;
    const p = id ? this.posOf(id) : null;
    if (!p) { this.anchors.setAttribute('visibility', 'hidden'); this.anchors.removeAttribute('data-node'); return; }
    const type = this.doc.typeOf(id);
    this.anchors.dataset.node = id;
    for (const c of this.anchors.children) {
      const a = anchorPoint(p.x, p.y, type, c.dataset.arrow);
      c.setAttribute('cx', a.x);
      c.setAttribute('cy', a.y);
    }
    this.anchors.setAttribute('visibility', 'visible');
  }

  // ---- viewport ------------------------------------------------------------------------

  /** The canvas's box on screen, kept from the last resize (reading it anew after a big
   *  redraw would force the browser to lay everything out there and then). */
  rect() {
    if (!this.box) {
      const r = this.svg.getBoundingClientRect();
      this.box = { left: r.left, top: r.top, width: r.width, height: r.height, right: r.right, bottom: r.bottom };
    }
    return this.box;
  }

  applyView() {
    const { x, y, k } = this.view;
    this.viewport.setAttribute('transform', `matrix(${k} 0 0 ${k} ${x} ${y})`);
    // texts are hidden rather than drawn smaller than can be read (12 px names below 6 px)
    const small = k < SMALL_TEXT_ZOOM;
    if (small !== this.smallText) {
      this.smallText = small;
      this.svg.classList.toggle('small-text', small);
    }
    let g = 20 * k;
    while (g < 10) g *= 5;
    this.wrap.style.backgroundSize = `${g}px ${g}px`;
    this.wrap.style.backgroundPosition = `${x}px ${y}px`;
    this.cull();
    this.wrap.dispatchEvent(new CustomEvent('viewchange', { detail: this.view }));
  }

  setView(x, y, k) {
    this.view = { x, y, k: Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, k)) };
    this.applyView();
  }

  /** Zooms by `factor` keeping the point under (cx, cy) (client coordinates) in place. */
  zoomAt(cx, cy, factor) {
    const r = this.rect();
    const px = cx - r.left, py = cy - r.top;
    const k = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, this.view.k * factor));
    const wx = (px - this.view.x) / this.view.k, wy = (py - this.view.y) / this.view.k;
    this.setView(px - wx * k, py - wy * k, k);
  }

  zoomBy(factor) {
    const r = this.rect();
    this.zoomAt(r.left + r.width / 2, r.top + r.height / 2, factor);
  }

  panBy(dx, dy) {
    this.setView(this.view.x + dx, this.view.y + dy, this.view.k);
  }

  clientToWorld(cx, cy) {
    const r = this.rect();
    return { x: (cx - r.left - this.view.x) / this.view.k, y: (cy - r.top - this.view.y) / this.view.k };
  }

  worldToClient(x, y) {
    const r = this.rect();
    return { x: r.left + this.view.x + x * this.view.k, y: r.top + this.view.y + y * this.view.k };
  }

  /** The world box of every drawn node. */
  bounds(ids = this.doc.locs.keys()) {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const id of ids) {
      const b = this.boxOf(id);
      if (!b) continue;
      x0 = Math.min(x0, b.x); y0 = Math.min(y0, b.y);
      x1 = Math.max(x1, b.x + b.w); y1 = Math.max(y1, b.y + b.h);
    }
    return x0 === Infinity ? null : { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
  }

  /** Fits every node into the view (at most 100 %). */
  fit() {
    const b = this.bounds();
    const r = this.rect();
    if (!b || r.width === 0) { this.setView(40, 40, 1); return; }
    const kk = this.fitZoom(b);
    this.setView((r.width - b.w * kk) / 2 - b.x * kk, (r.height - b.h * kk) / 2 - b.y * kk, kk);
  }

  /** The zoom `fit` shows a world box `b` at. */
  fitZoom(b) {
    const r = this.rect();
    const k = Math.min(1, (r.width - 2 * FIT_PAD) / Math.max(b.w, 1), (r.height - 2 * FIT_PAD) / Math.max(b.h, 1));
    return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, k));
  }

  /** The width a drawing may take to be seen whole across the canvas: the canvas's width in
   *  world units at zoom `k` (by default the current zoom; taken between the readable zoom and
   *  100 %), less the margins `fit` keeps. SOPS's layout wraps its rows at this width. */
  layoutWidth(k = this.view.k) {
    const r = this.rect();
    k = Math.min(1, Math.max(SMALL_TEXT_ZOOM, k));
    return Math.max(300, Math.round((r.width - 2 * FIT_PAD) / k));
  }

  /** The view a tree opens with: all of it, fitted to the canvas (texts too small to read
   *  are hidden until the user zooms in; the minimap and search find the rest). A big tree
   *  opens at 100 % on its top left corner, where SOPS's layout starts it, as SOPS opens it
   *  (fitting thousands of nodes would show them as dots and draw them all). */
  openView() {
    this.box = null;
    const b = this.bounds();
    if (!this.culling() || !b) { this.fit(); return; }
    this.setView(FIT_PAD - b.x, FIT_PAD - b.y, 1);
  }

  /** A new tree: its opening view, then everything drawn once for it (not culled for the
   *  view of the tree before). */
  openTree() {
    this.opening = true;
    try {
      this.openView();
    } finally {
      this.opening = false;
    }
    this.renderAll();
  }

  // ---- drawing only what is on screen ------------------------------------------------------

  /** Whether the tree is big enough to draw only what is on screen. */
  culling() {
    return (this.doc.locs?.size ?? 0) > CULL_FROM;
  }

  /** The world box on screen, grown by `grow` screens on each side. */
  seen(grow) {
    const r = this.rect();
    const { x, y, k } = this.view;
    const w = r.width / k, h = r.height / k, x0 = -x / k, y0 = -y / k;
    return { x0: x0 - w * grow, y0: y0 - h * grow, x1: x0 + w * (1 + grow), y1: y0 + h * (1 + grow) };
  }

  /** Whether node `id` is to be drawn with the view box `v` (null: everything is). */
  nodeIn(id, v) {
    if (!v) return true;
    const b = this.boxOf(id);
    return Boolean(b) && b.x < v.x1 && b.x + b.w > v.x0 && b.y < v.y1 && b.y + b.h > v.y0;
  }

  /** Whether the line whose route is `pts` is to be drawn with the view box `v`. */
  lineIn(pts, v) {
    if (!v) return true;
    if (!pts) return false;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const p of pts) {
      x0 = Math.min(x0, p.x); y0 = Math.min(y0, p.y); x1 = Math.max(x1, p.x); y1 = Math.max(y1, p.y);
    }
    // a condition label may stand out of the route's box by its width
    return x0 - 80 < v.x1 && x1 + 80 > v.x0 && y0 - 20 < v.y1 && y1 + 20 > v.y0;
  }

  /** The box an item is drawn in now (null: every item is drawn): within half a screen of
   *  the view, or a screen when it is drawn already (as `cull` keeps it). */
  drawBox(drawnAlready = false) {
    return this.culling() ? this.seen(drawnAlready ? 1 : 0.5) : null;
  }

  /** After the view changed: draws the items that came within half a screen of it, drops
   *  those more than a screen away (the selection and the nodes being dragged stay). */
  cull() {
    if (!this.doc || !this.nodeEls || this.opening) return;
    if (!this.culling()) {
      if (!this.partial) return;
      this.partial = false;
      for (const id of this.doc.locs.keys()) if (!this.nodeEls.has(id)) this.drawNode(id);
      for (const id of this.doc.lines.keys()) if (!this.lineEls.has(id)) this.drawLine(id);
      return;
    }
    this.partial = true;
    const want = this.seen(0.5), keep = this.seen(1);
    const held = new Set([...this.doc.selection.nodes, ...(this.previewIds ?? [])]);
    for (const id of this.doc.locs.keys()) {
      const drawn = this.nodeEls.has(id);
      if (!drawn && this.nodeIn(id, want)) this.drawNode(id);
      else if (drawn && !held.has(id) && id !== this.anchorNode && !this.nodeIn(id, keep)) this.removeNode(id);
    }
    for (const [id, pts] of this.routes) {
      const drawn = this.lineEls.has(id);
      if (!drawn && this.lineIn(pts, want)) this.drawLine(id);
      else if (drawn && id !== this.doc.selection.line && !this.lineIn(pts, keep)) this.dropLine(id);
    }
  }

  /** Brings a node (or a line) into the middle of the view when it is not fully visible,
   *  zooming in if the view is too small to read it. */
  reveal(kind, id) {
    let b;
    if (kind === 'node') b = this.boxOf(id);
    else {
      const pts = this.routes.get(id);
      if (pts) b = boxOfPoints(pts);
    }
    if (!b) return;
    const r = this.rect();
    const k = Math.max(this.view.k, 0.6);
    const vx = -this.view.x / this.view.k, vy = -this.view.y / this.view.k;
    const inside = b.x >= vx && b.y >= vy && b.x + b.w <= vx + r.width / this.view.k && b.y + b.h <= vy + r.height / this.view.k;
    if (inside && k === this.view.k) return;
    this.setView(r.width / 2 - (b.x + b.w / 2) * k, r.height / 2 - (b.y + b.h / 2) * k, k);
  }

  // ---- drawing -------------------------------------------------------------------------

  posOf(id) {
    const o = this.override.get(id);
    if (o) return o;
    const l = this.doc.locs.get(id);
    if (!l) return null;
    const x = Number(l.x), y = Number(l.y);
    return Number.isFinite(x) && Number.isFinite(y) ? { x, y } : null;
  }

  boxOf(id) {
    const p = this.posOf(id);
    if (!p) return null;
    const [w, h] = sizeOf(this.doc.typeOf(id));
    return { x: p.x, y: p.y, w, h };
  }

  /** Draws everything anew (a new tree, or a delta that replaced whole parts). */
  renderAll() {
    this.nodeEls.clear();
    this.lineEls.clear();
    this.labelEls.clear();
    this.routes.clear();
    const v = this.drawBox(false);
    this.partial = Boolean(v);
    const nodes = document.createDocumentFragment();
    for (const id of this.doc.locs.keys()) {
      if (!this.nodeIn(id, v)) continue;
      const g = this.nodeElement(id);
      if (g) { nodes.append(g); this.nodeEls.set(id, g); }
    }
    const lines = document.createDocumentFragment();
    const labels = document.createDocumentFragment();
    for (const id of this.doc.lines.keys()) {
      const pts = this.routeOf(id);
      if (!pts) continue;
      this.routes.set(id, pts);
      if (!this.lineIn(pts, v)) continue;
      const [g, label] = this.lineElement(id, pts);
      if (!g) continue;
      lines.append(g);
      this.lineEls.set(id, g);
      if (label) { labels.append(label); this.labelEls.set(id, label); }
    }
    this.nodeLayer.replaceChildren(nodes);
    this.lineLayer.replaceChildren(lines);
    this.labelLayer.replaceChildren(labels);
    this.selected = { nodes: new Set(), line: null };
    this.markAll();
    this.showSelection();
    for (const id of this.matched) this.nodeEls.get(id)?.classList.add('match');
  }

  /** Redraws what a delta names: nodes and locations added, removed or updated; lines added,
   *  removed or updated, and the lines of every node that moved or whose conditions changed. */
  update(delta) {
    const started = performance.now();
    const whole = ['line', 'location', 'activities', 'gateways', 'flows', 'start_event', 'end_event'];
    if (delta.other.some((k) => whole.includes(k))) {
      this.renderAll();
      this.lastDraw = { items: this.nodeEls.size + this.lineEls.size, ms: performance.now() - started };
      return;
    }
    const content = new Set([...delta.nodes.added, ...delta.nodes.updated, ...delta.locations.added]);
    const nodeIds = new Set([...content, ...delta.locations.updated]);
    const lineIds = new Set([...delta.lines.added, ...delta.lines.updated, ...delta.flows.added, ...delta.flows.updated]);
    for (const id of [...delta.nodes.removed, ...delta.locations.removed]) {
      if (!this.doc.locs.has(id)) this.removeNode(id);
    }
    for (const id of delta.lines.removed) if (!this.doc.lines.has(id)) this.removeLine(id);
    for (const id of nodeIds) {
      if (!this.doc.locs.has(id)) { this.removeNode(id); continue; }
      this.drawNode(id, content.has(id));
      for (const l of this.doc.nodeLines.get(id) ?? []) lineIds.add(l);
    }
    for (const id of lineIds) {
      if (this.doc.lines.has(id)) this.drawLine(id);
      else this.removeLine(id);
    }
    this.showSelection();
    this.lastDraw = { items: nodeIds.size + lineIds.size, ms: performance.now() - started };
  }

  drawNode(id, content = true) {
    if (this.anchorNode === id) this.showAnchors(null);
    const v = this.drawBox(this.nodeEls.has(id));
    if (v && !this.nodeIn(id, v) && !this.doc.selection.nodes.has(id) && !this.previewIds?.includes(id)) {
      this.removeNode(id);
      return;
    }
    const old = this.nodeEls.get(id);
    if (old && !content && old.dataset.type === this.doc.typeOf(id)) {
      const p = this.posOf(id);
      if (p) old.setAttribute('transform', `translate(${p.x},${p.y})`);
      return;
    }
    const g = this.nodeElement(id);
    if (!g) { this.removeNode(id); return; }
    if (old) old.replaceWith(g);
    else this.nodeLayer.append(g);
    this.nodeEls.set(id, g);
    this.mark('node', id);
    if (this.doc.selection.nodes.has(id)) g.classList.add('selected');
    if (this.matched.has(id)) g.classList.add('match');
  }

  removeNode(id) {
    this.nodeEls.get(id)?.remove();
    this.nodeEls.delete(id);
  }

  drawLine(id) {
    const pts = this.routeOf(id);
    if (!pts) { this.removeLine(id); return; }
    this.routes.set(id, pts);
    const v = this.drawBox(this.lineEls.has(id));
    if (v && !this.lineIn(pts, v) && this.doc.selection.line !== id) { this.dropLine(id); return; }
    const old = this.lineEls.get(id);
    const oldLabel = this.labelEls.get(id);
    const [g, label] = this.lineElement(id, pts);
    if (!g) { this.removeLine(id); return; }
    if (old) old.replaceWith(g);
    else this.lineLayer.append(g);
    this.lineEls.set(id, g);
    if (label) {
      if (oldLabel) oldLabel.replaceWith(label);
      else this.labelLayer.append(label);
      this.labelEls.set(id, label);
    } else if (oldLabel) {
      oldLabel.remove();
      this.labelEls.delete(id);
    }
    this.mark('flow', id);
    if (this.doc.selection.line === id) g.classList.add('selected');
  }

  removeLine(id) {
    this.dropLine(id);
    this.routes.delete(id);
  }

  /** Takes a line's elements away, keeping its route (an item off screen). */
  dropLine(id) {
    this.lineEls.get(id)?.remove();
    this.labelEls.get(id)?.remove();
    this.lineEls.delete(id);
    this.labelEls.delete(id);
  }

  nodeElement(id) {
    const p = this.posOf(id);
    if (!p) return null;
    const type = this.doc.typeOf(id);
    const node = this.doc.nodes.get(id);
    const [w, h] = sizeOf(type);
    const name = typeof node?.name === 'string' ? node.name : '';
    // focusable: Tab reaches it, Enter selects it, the arrows move and Delete removes the selection
    const g = svg('g', { class: `node ${type}`, 'data-id': id, 'data-type': type, transform: `translate(${p.x},${p.y})`,
      tabindex: 0, role: 'button', 'aria-label': `${typeLabel(type)} ${name || id}` });
    const title = svg('title', null, `${typeLabel(type)}${name ? `: ${name}` : ''}\n${id}${node ? '' : `\n${t('canvas.nonode')}`}`);
    g.append(title);
    if (ACTIVITIES.has(type)) {
      g.append(svg('rect', { class: 'body', width: w, height: h, rx: 4 }));
      g.append(svg('path', { class: 'icon', d: 'M4,0 H32 V54 H4 A4,4 0 0 1 0,50 V4 A4,4 0 0 1 4,0 Z' }));
      g.append(svg('path', { class: 'glyph', d: GLYPH[type] }));
      g.append(svg('text', { class: 'name', x: 40, y: 23 }, fitText(name || t('canvas.unnamed'), w - 46, 12)));
      let sub = '';
      if (type === 'tasknode') {
        const c = node?.component;
        const code = c && typeof c === 'object' && c.code != null ? String(c.code) : '';
        const version = c && typeof c === 'object' && c.version != null ? String(c.version) : '';
        sub = code ? `${code} · ${version}` : t('canvas.noplugin');
        // The version goes first when both do not fit.
        if (!code || !version || textWidth(sub, 11, true) > w - 46) sub = code || t('canvas.noplugin');
        title.textContent += `\n${t('canvas.plugin', { code, version })}`;
      } else {
        sub = node?.template_id != null ? `${t('canvas.subprocess')} · ${node.template_id}` : t('canvas.subprocess');
      }
      g.append(svg('text', { class: 'code', x: 40, y: 41 }, fitText(sub, w - 46, 11, true)));
    } else if (EVENTS.has(type)) {
      g.append(svg('circle', { class: 'body', cx: 17, cy: 17, r: 17 }));
      g.append(svg('path', { class: 'glyph', d: GLYPH[type] }));
    } else {
      g.append(svg('path', { class: 'body', d: 'M17,0 L34,17 L17,34 L0,17 Z' }));
      if (type === 'conditionalparallelgateway') g.append(svg('circle', { class: 'glyph ring', cx: 17, cy: 17, r: 8 }));
      g.append(svg('path', { class: 'glyph', d: GLYPH[type] }));
      if (name) g.append(svg('text', { class: 'gwname', x: 17, y: -6, 'text-anchor': 'middle' }, fitText(name, 140, 11)));
    }
    if (!node) g.classList.add('orphan');
    return g;
  }

  /** The route of a line, from the current (or dragged) places of its ends. */
  routeOf(id) {
    const l = this.doc.lines.get(id);
    if (!l) return null;
    const s = l.source?.id, t = l.target?.id;
    const ps = this.posOf(s), pt = this.posOf(t);
    if (!ps || !pt) return null;
    const sa = ARROWS.includes(l.source?.arrow) ? l.source.arrow : 'Right';
    const ta = ARROWS.includes(l.target?.arrow) ? l.target.arrow : 'Left';
    const p1 = anchorPoint(ps.x, ps.y, this.doc.typeOf(s), sa);
    const p2 = anchorPoint(pt.x, pt.y, this.doc.typeOf(t), ta);
    return route(p1, sa, p2, ta, typeof l.midpoint === 'number' ? l.midpoint : 0.5);
  }

  /** The condition of a branch: {name, evaluate, isDefault, loc} or null. */
  conditionOf(id) {
    const l = this.doc.lines.get(id);
    const gw = this.doc.nodes.get(l?.source?.id);
    if (!gw || (gw.type !== 'ExclusiveGateway' && gw.type !== 'ConditionalParallelGateway')) return null;
    const dc = gw.default_condition;
    if (dc && typeof dc === 'object' && dc.flow_id === id) {
      return { name: typeof dc.name === 'string' && dc.name ? dc.name : '默认', evaluate: '', isDefault: true, loc: dc.loc };
    }
    const c = gw.conditions && typeof gw.conditions === 'object' ? gw.conditions[id] : null;
    if (!c || typeof c !== 'object') return null;
    return {
      name: typeof c.name === 'string' ? c.name : '',
      evaluate: typeof c.evaluate === 'string' ? c.evaluate : '',
      isDefault: false,
      loc: c.loc,
    };
  }

  lineElement(id, pts = this.routeOf(id)) {
    if (!pts) return [null, null];
    this.routes.set(id, pts);
    const d = pathData(pts);
    const g = svg('g', { class: 'line', 'data-id': id });
    g.append(svg('path', { class: 'hit', d }), svg('path', { class: 'stroke', d }));
    const cond = this.conditionOf(id);
    let label = null;
    if (cond) {
      const at = labelDistance(pts, cond);
      if (cond.isDefault) {
        // The default branch: a slash across the line just after its label (branches of one
        // gateway share their first segments, so a mark at the source would be ambiguous).
        g.classList.add('default');
        const p = pointAlong(pts, Math.min(at + 22, routeLength(pts) - 18));
        const tick = p.horizontal
          ? `M${p.x - 4},${p.y + 6} L${p.x + 4},${p.y - 6}`
          : `M${p.x - 6},${p.y - 4} L${p.x + 6},${p.y + 4}`;
        g.append(svg('path', { class: 'tick', d: tick }));
      }
      const text = cond.name || cond.evaluate || t('canvas.nocond');
      label = this.labelElement(id, pointAlong(pts, at), text, cond);
    }
    return [g, label];
  }

  labelElement(id, p, text, cond) {
    const shown = text.length > 24 ? `${Array.from(text).slice(0, 23).join('')}…` : text;
    const w = textWidth(shown, 11) + 10;
    const g = svg('g', {
      class: `label${cond.isDefault ? ' default' : ''}`, 'data-id': id, transform: `translate(${p.x},${p.y})`,
    });
    g.append(svg('title', null, cond.evaluate ? `${cond.name}: ${cond.evaluate}` : text));
    g.append(svg('rect', { x: -w / 2, y: -9, width: w, height: 18, rx: 3 }));
    g.append(svg('text', { y: 4, 'text-anchor': 'middle' }, shown));
    return g;
  }

  // ---- marks and selection ----------------------------------------------------------------

  mark(kind, id) {
    const g = kind === 'node' ? this.nodeEls.get(id) : this.lineEls.get(id);
    if (!g) return;
    const w = this.doc.worst(kind, id);
    g.classList.toggle('has-error', w === 'error');
    g.classList.toggle('has-warning', w === 'warning');
    if (kind !== 'node') return;
    // The "!" badge at the top right corner, only on marked nodes.
    let badge = g.querySelector(':scope > .badge');
    if (!w) { badge?.remove(); return; }
    if (!badge) {
      const [bw] = sizeOf(g.dataset.type);
      badge = svg('g', { class: 'badge', transform: `translate(${bw - 2},2)` });
      badge.append(svg('circle', { r: 7 }), svg('text', { y: 4, 'text-anchor': 'middle' }, '!'));
      g.append(badge);
    }
  }

  markAll() {
    for (const id of this.nodeEls.keys()) this.mark('node', id);
    for (const id of this.lineEls.keys()) this.mark('flow', id);
  }

  showSelection() {
    const sel = this.doc.selection;
    for (const id of this.selected.nodes) if (!sel.nodes.has(id)) this.nodeEls.get(id)?.classList.remove('selected');
    for (const id of sel.nodes) this.nodeEls.get(id)?.classList.add('selected');
    if (this.selected.line && this.selected.line !== sel.line) this.lineEls.get(this.selected.line)?.classList.remove('selected');
    if (sel.line) this.lineEls.get(sel.line)?.classList.add('selected');
    this.selected = { nodes: new Set(sel.nodes), line: sel.line };
  }

  // ---- drag preview ----------------------------------------------------------------------

  /** Starts showing `ids` at their places moved by (dx, dy), before the move is applied. */
  beginPreview(ids) {
    this.previewIds = [...ids].filter((id) => this.doc.locs.has(id));
    this.previewLines = new Set();
    for (const id of this.previewIds) for (const l of this.doc.nodeLines.get(id) ?? []) this.previewLines.add(l);
  }

  preview(dx, dy) {
    this.showAnchors(null);
    for (const id of this.previewIds) {
      const l = this.doc.locs.get(id);
      const p = { x: Number(l.x) + dx, y: Number(l.y) + dy };
      this.override.set(id, p);
      this.nodeEls.get(id)?.setAttribute('transform', `translate(${p.x},${p.y})`);
    }
    for (const id of this.previewLines) this.drawLine(id);
  }

  endPreview() {
    this.override.clear();
    for (const id of this.previewIds ?? []) {
      const p = this.posOf(id);
      if (p) this.nodeEls.get(id)?.setAttribute('transform', `translate(${p.x},${p.y})`);
    }
    for (const id of this.previewLines ?? []) this.drawLine(id);
    this.previewIds = [];
    this.previewLines = new Set();
  }

  // ---- overlay ---------------------------------------------------------------------------

  showBand(a, b) {
    if (!this.band) {
      this.band = svg('rect', { class: 'band' });
      this.overlay.append(this.band);
    }
    const x = Math.min(a.x, b.x), y = Math.min(a.y, b.y);
    this.band.setAttribute('x', x);
    this.band.setAttribute('y', y);
    this.band.setAttribute('width', Math.abs(a.x - b.x));
    this.band.setAttribute('height', Math.abs(a.y - b.y));
    this.band.setAttribute('stroke-width', 1 / this.view.k);
  }

  hideBand() {
    this.band?.remove();
    this.band = null;
  }

  /** The dashed line from an anchor to the pointer while connecting. */
  showConnect(from, arrow, to, refused = false) {
    if (!this.connectPath) {
      this.connectPath = svg('path', { class: 'connect-preview' });
      this.overlay.append(this.connectPath);
    }
    const toArrow = Math.abs(to.x - from.x) > Math.abs(to.y - from.y)
      ? (to.x > from.x ? 'Left' : 'Right') : (to.y > from.y ? 'Top' : 'Bottom');
    this.connectPath.setAttribute('d', pathData(route(from, arrow, to, toArrow)));
    this.connectPath.classList.toggle('refused', refused);
  }

  hideConnect() {
    this.connectPath?.remove();
    this.connectPath = null;
  }

  /** The outline of a node being dropped from the palette, and the line it would split. */
  showGhost(type, x, y, lineId) {
    if (!this.ghost || this.ghost.dataset.type !== type) {
      this.ghost?.remove();
      const [w, h] = sizeOf(type);
      this.ghost = svg('g', { class: 'ghost', 'data-type': type });
      this.ghost.append(ACTIVITIES.has(type)
        ? svg('rect', { width: w, height: h, rx: 4 })
        : GATEWAYS.has(type) ? svg('path', { d: 'M17,0 L34,17 L17,34 L0,17 Z' }) : svg('circle', { cx: 17, cy: 17, r: 17 }));
      this.overlay.append(this.ghost);
    }
    this.ghost.setAttribute('transform', `translate(${x},${y})`);
    if (this.ghostLine !== lineId) {
      if (this.ghostLine) this.lineEls.get(this.ghostLine)?.classList.remove('drop-target');
      if (lineId) this.lineEls.get(lineId)?.classList.add('drop-target');
      this.ghostLine = lineId;
    }
  }

  hideGhost() {
    this.ghost?.remove();
    this.ghost = null;
    if (this.ghostLine) this.lineEls.get(this.ghostLine)?.classList.remove('drop-target');
    this.ghostLine = null;
  }

  // ---- hit tests -------------------------------------------------------------------------

  /** The node drawn under a client point, or null. */
  nodeAt(cx, cy) {
    for (const e of document.elementsFromPoint(cx, cy)) {
      const g = /** @type {SVGElement | null} */ (e.closest?.('.node'));
      if (g && this.nodeLayer.contains(g)) return g.dataset.id;
    }
    return null;
  }

  /** The line a node of `type` dropped with its top-left at (x, y) would be inserted on:
   *  the single line whose straight part runs through the node's inner box (SOPS's rule),
   *  with the place the node snaps to; null when none (or more than one). */
  lineThrough(type, x, y) {
    const box = innerBox(x, y, type);
    const [w, h] = sizeOf(type);
    let found = null;
    for (const [id, pts] of this.routes) {
      const seg = segmentThrough(pts, box, w, h);
      if (!seg) continue;
      if (found) return null;
      found = { id, seg };
    }
    if (!found) return null;
    const { seg } = found;
    const place = seg.horizontal ? { x, y: seg.a.y - h / 2 } : { x: seg.a.x - w / 2, y };
    return { id: found.id, x: Math.round(place.x), y: Math.round(place.y) };
  }

  /** Whether a line's straight part runs through a node of `type` at (x, y) but is too short
   *  to take it (`lineThrough`'s rule, SOPS's: the part must be longer than the node). */
  lineTooShort(type, x, y) {
    const box = innerBox(x, y, type);
    for (const pts of this.routes.values()) if (segmentThrough(pts, box, 0, 0)) return true;
    return false;
  }

  /** Ids of the nodes whose box meets a world rectangle. */
  nodesIn(a, b) {
    const x0 = Math.min(a.x, b.x), y0 = Math.min(a.y, b.y), x1 = Math.max(a.x, b.x), y1 = Math.max(a.y, b.y);
    const out = [];
    for (const id of this.doc.locs.keys()) {
      const bx = this.boxOf(id);
      if (bx && bx.x < x1 && bx.x + bx.w > x0 && bx.y < y1 && bx.y + bx.h > y0) out.push(id);
    }
    return out;
  }
}

/** Where a condition label sits along its line, from the start: the condition's `loc` (SOPS's
 *  label place: a negative number counts from the end, a fraction is a share of the length),
 *  70 px before the end by default, the middle when the line is too short for it. */
function labelDistance(pts, cond) {
  const len = routeLength(pts);
  let at = typeof cond.loc === 'number' && Number.isFinite(cond.loc) ? cond.loc : -70;
  if (at > 0 && at <= 1) at *= len;
  if (at < 0) at = len + at;
  if (at < len * 0.25 || at > len) at = len / 2;
  return at;
}

function boxOfPoints(pts) {
  const xs = pts.map((p) => p.x), ys = pts.map((p) => p.y);
  const x = Math.min(...xs), y = Math.min(...ys);
  return { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y };
}
