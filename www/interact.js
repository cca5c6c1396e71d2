// @ts-check
// What the pointer and the keyboard do on the canvas: pan (drag the background) and zoom (the
// wheel); select (click, shift-click, shift-drag a rubber band); drag nodes (one or the whole
// selection) with a live preview, applied as one move; drag from an anchor to another node to
// connect (refused drops say why); drag a palette item onto the canvas to add a node, or onto
// a line to insert it there; keyboard shortcuts.

import { sizeOf, sideOf } from './geometry.js';
import { notice, typingIn } from './dom.js';
import { t } from './i18n.js';

const DRAG_THRESHOLD = 4;

/**
 * @typedef {object} Gesture
 * @property {string} kind 'pan', 'band', 'drag', 'connect', 'palette' or 'none'
 * @property {number} cx
 * @property {number} cy
 * @property {{x: number, y: number}} [world]
 * @property {boolean} [moved]
 * @property {{cx: number, cy: number}} [last]
 * @property {string} [id]
 * @property {string[]} [ids]
 * @property {boolean} [wasSelected]
 * @property {number} [dx]
 * @property {number} [dy]
 * @property {number} [frame]
 * @property {string | null} [hover]
 * @property {boolean} [refused]
 * @property {string} [source]
 * @property {string} [arrow]
 * @property {{x: number, y: number}} [from]
 * @property {string} [type]
 */

export class Interact {
  constructor(canvas, doc, commands, palette) {
    this.canvas = canvas;
    this.doc = doc;
    this.cmd = commands;
    /** The pointer gesture under way (its fields depend on its kind), or null.
     * @type {Gesture | null} */
    this.gesture = null;
    this.pointer = null;
    const s = canvas.svg;
    s.addEventListener('pointerdown', (e) => this.down(e));
    window.addEventListener('pointermove', (e) => this.move(e));
    window.addEventListener('pointerup', (e) => this.up(e));
    window.addEventListener('pointercancel', () => this.cancel());
    s.addEventListener('wheel', (e) => this.wheel(e), { passive: false });
    s.addEventListener('pointerleave', () => { this.pointer = null; });
    s.addEventListener('dblclick', (e) => { if (!e.target.closest('.node, .line, .label')) canvas.fit(); });
    document.addEventListener('keydown', (e) => this.key(e));
    // a node reached with Tab (not one clicked) is brought into view
    this.tabbing = false;
    window.addEventListener('keydown', (e) => { if (e.key === 'Tab') this.tabbing = true; }, true);
    window.addEventListener('pointerdown', () => { this.tabbing = false; }, true);
    s.addEventListener('focusin', (e) => {
      const g = /** @type {Element} */ (e.target).closest?.('.node');
      if (g && this.tabbing) canvas.reveal('node', /** @type {SVGElement} */ (g).dataset.id ?? '');
    });
    for (const item of palette.querySelectorAll('[data-type]')) {
      item.addEventListener('pointerdown', (e) => this.paletteDown(e, item.dataset.type));
      item.addEventListener('keydown', (e) => {
        if (e.key !== 'Enter' && e.key !== ' ') return;
        e.preventDefault();
        const c = this.cmd.viewCenter(item.dataset.type);
        this.cmd.addNode(item.dataset.type, c.x, c.y);
      });
    }
  }

  world(e) {
    return this.canvas.clientToWorld(e.clientX, e.clientY);
  }

  down(e) {
    if (e.button !== 0 && e.button !== 1) return;
    const t = e.target;
    const start = { cx: e.clientX, cy: e.clientY, world: this.world(e) };
    // The gesture gets every move and the release, even outside the canvas.
    try { this.canvas.svg.setPointerCapture(e.pointerId); } catch { /* a synthetic event */ }
    if (e.button === 1) {
      e.preventDefault();
      this.gesture = { kind: 'pan', ...start, last: start, moved: false };
      return;
    }
    // Clicking the canvas commits a field being edited (its change event) and takes the keys.
    if (document.activeElement !== this.canvas.svg) this.canvas.svg.focus({ preventScroll: true });
    const anchor = t.closest('.anchor');
    const nodeEl = anchor ? this.canvas.nodeEls.get(this.canvas.anchors.dataset.node) : t.closest('.node');
    const lineEl = t.closest('.line, .label');
    e.preventDefault();
    if (anchor && nodeEl) {
      const id = nodeEl.dataset.id;
      const box = this.canvas.boxOf(id);
      const [w, h] = sizeOf(this.doc.typeOf(id));
      const a = anchor.dataset.arrow;
      const from = { x: box.x + (a === 'Left' ? 0 : a === 'Right' ? w : w / 2), y: box.y + (a === 'Top' ? 0 : a === 'Bottom' ? h : h / 2) };
      this.gesture = { kind: 'connect', ...start, source: id, arrow: a, from, hover: null, refused: false };
      return;
    }
    if (nodeEl) {
      const id = nodeEl.dataset.id;
      const sel = this.doc.selection.nodes;
      if (e.shiftKey) {
        this.doc.toggle(id);
        this.gesture = { kind: 'none', ...start };
        return;
      }
      const wasSelected = sel.has(id);
      if (!wasSelected) this.doc.select([id]);
      this.gesture = { kind: 'drag', ...start, id, wasSelected, ids: [...this.doc.selection.nodes], moved: false };
      return;
    }
    if (lineEl) {
      this.doc.select([], lineEl.dataset.id);
      this.gesture = { kind: 'none', ...start };
      return;
    }
    if (e.shiftKey) {
      this.gesture = { kind: 'band', ...start, moved: false };
      return;
    }
    this.gesture = { kind: 'pan', ...start, last: start, moved: false };
  }

  move(e) {
    if (this.canvas.svg.contains(e.target) || e.target === this.canvas.svg) this.pointer = this.world(e);
    const g = this.gesture;
    if (!g) return;
    const far = Math.hypot(e.clientX - g.cx, e.clientY - g.cy) >= DRAG_THRESHOLD;
    switch (g.kind) {
      case 'pan':
        if (!g.moved && !far) return;
        g.moved = true;
        this.canvas.panBy(e.clientX - g.last.cx, e.clientY - g.last.cy);
        g.last = { cx: e.clientX, cy: e.clientY };
        this.canvas.wrap.classList.add('panning');
        break;
      case 'band':
        if (!g.moved && !far) return;
        g.moved = true;
        this.canvas.showBand(g.world, this.world(e));
        break;
      case 'drag': {
        if (!g.moved && !far) return;
        if (!g.moved) { g.moved = true; this.canvas.beginPreview(g.ids); this.canvas.wrap.classList.add('dragging'); }
        const k = this.canvas.view.k;
        g.dx = (e.clientX - g.cx) / k;
        g.dy = (e.clientY - g.cy) / k;
        if (!g.frame) {
          g.frame = requestAnimationFrame(() => {
            g.frame = 0;
            if (this.gesture === g) this.canvas.preview(g.dx, g.dy);
          });
        }
        break;
      }
      case 'connect': {
        const hover = this.canvas.nodeAt(e.clientX, e.clientY);
        if (hover !== g.hover) {
          g.hover = hover;
          g.refused = hover ? this.doc.editor.canConnect(g.source, hover) !== null : false;
        }
        this.canvas.showConnect(g.from, g.arrow, this.world(e), g.refused);
        break;
      }
      case 'palette': {
        if (!g.moved && !far) return;
        g.moved = true;
        document.body.classList.add('palette-dragging');
        const inside = this.overCanvas(e);
        if (!inside) { this.canvas.hideGhost(); return; }
        const p = this.dropPlace(g.type, e);
        const hit = this.canvas.lineThrough(g.type, p.x, p.y);
        this.canvas.showGhost(g.type, hit ? hit.x : p.x, hit ? hit.y : p.y, hit?.id ?? null);
        break;
      }
      default:
    }
  }

  up(e) {
    const g = this.gesture;
    if (!g) return;
    this.gesture = null;
    this.canvas.wrap.classList.remove('panning', 'dragging');
    switch (g.kind) {
      case 'pan':
        if (!g.moved) this.doc.select([]);
        break;
      case 'band':
        this.canvas.hideBand();
        if (g.moved) {
          const ids = this.canvas.nodesIn(g.world, this.world(e));
          this.doc.select([...this.doc.selection.nodes, ...ids]);
        }
        break;
      case 'drag':
        if (g.frame) cancelAnimationFrame(g.frame);
        if (g.moved) {
          const k = this.canvas.view.k;
          const dx = Math.round((e.clientX - g.cx) / k), dy = Math.round((e.clientY - g.cy) / k);
          this.canvas.endPreview();
          if (dx || dy) this.cmd.move(g.ids, dx, dy);
        } else if (g.wasSelected && this.doc.selection.nodes.size > 1) {
          this.doc.select([g.id]);
        }
        break;
      case 'connect': {
        this.canvas.hideConnect();
        const target = this.canvas.nodeAt(e.clientX, e.clientY);
        if (!target) break;
        const box = this.canvas.boxOf(target);
        const arrow = box ? sideOf(box, this.world(e)) : 'Left';
        this.cmd.connect(g.source, target, g.arrow, arrow);
        break;
      }
      case 'palette': {
        document.body.classList.remove('palette-dragging');
        this.canvas.hideGhost();
        if (!g.moved) {
          const c = this.cmd.viewCenter(g.type);
          this.cmd.addNode(g.type, c.x, c.y);
        } else if (this.overCanvas(e)) {
          const p = this.dropPlace(g.type, e);
          const hit = this.canvas.lineThrough(g.type, p.x, p.y);
          if (hit) this.cmd.insertOnFlow(hit.id, g.type, hit.x, hit.y);
          else if (this.cmd.addNode(g.type, p.x, p.y) && this.canvas.lineTooShort(g.type, p.x, p.y)) {
            notice(() => t('drop.short'), 'info', 8000); // dropped on a line, but not into it
          }
        }
        break;
      }
      default:
    }
  }

  cancel() {
    const g = this.gesture;
    if (!g) return;
    this.gesture = null;
    if (g.kind === 'drag' && g.moved) this.canvas.endPreview();
    this.canvas.hideBand();
    this.canvas.hideConnect();
    this.canvas.hideGhost();
    document.body.classList.remove('palette-dragging');
    this.canvas.wrap.classList.remove('panning', 'dragging');
  }

  paletteDown(e, type) {
    if (e.button !== 0) return;
    e.preventDefault();
    try { e.currentTarget.setPointerCapture(e.pointerId); } catch { /* a synthetic event */ }
    this.gesture = { kind: 'palette', type, cx: e.clientX, cy: e.clientY, moved: false };
  }

  overCanvas(e) {
    const r = this.canvas.rect();
    return e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom;
  }

  /** Top-left of a node of `type` centred on the pointer. */
  dropPlace(type, e) {
    const p = this.world(e);
    const [w, h] = sizeOf(type);
    return { x: Math.round(p.x - w / 2), y: Math.round(p.y - h / 2) };
  }

  wheel(e) {
    e.preventDefault();
    const delta = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
    this.canvas.zoomAt(e.clientX, e.clientY, Math.exp(-delta * 0.0015));
  }

  key(e) {
    if (typingIn(e.target)) return;
    const mod = e.ctrlKey || e.metaKey;
    const k = e.key.toLowerCase();
    let handled = true;
    if (mod && k === 'z') {
      if (e.shiftKey) this.cmd.redo();
      else this.cmd.undo();
    } else if (mod && k === 'y') {
      this.cmd.redo();
    } else if (mod && k === 'c') {
      this.cmd.copy();
    } else if (mod && k === 'v') {
      this.cmd.paste(this.pointer);
    } else if (mod && k === 'a') {
      this.cmd.selectAll();
    } else if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) {
      this.cmd.deleteSelection();
    } else if (!mod && e.key === 'Enter' && e.target instanceof Element && e.target.closest('.node')) {
      const id = /** @type {SVGElement} */ (e.target.closest('.node')).dataset.id;
      if (e.shiftKey) this.doc.select([...this.doc.selection.nodes, id]);
      else this.doc.select([id]);
    } else if (e.key === 'Escape') {
      this.cancel();
      this.doc.select([]);
    } else if (!mod && e.key.startsWith('Arrow') && this.doc.selection.nodes.size) {
      const step = e.shiftKey ? 1 : 10;
      const d = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[e.key];
      this.cmd.move([...this.doc.selection.nodes], d[0], d[1]);
    } else if (!mod && !e.altKey && k === 'f') {
      this.canvas.fit();
    } else if (!mod && (e.key === '+' || e.key === '=')) {
      this.canvas.zoomBy(1.2);
    } else if (!mod && e.key === '-') {
      this.canvas.zoomBy(1 / 1.2);
    } else {
      handled = false;
    }
    if (handled) e.preventDefault();
  }
}
