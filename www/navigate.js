// @ts-check
// Finding one's way on a big canvas: search (by name, id or plugin code: every match is
// highlighted, Enter jumps to the next one, Shift+Enter to the previous, and selects it) and the
// minimap (every drawn node as a dot, the part in view as a frame; pressing or dragging on it
// moves the view there; it steps aside while the whole tree is in view). The minimap's picture
// of the nodes is drawn when the tree is opened and at each change that places, adds or removes
// nodes, at once (in the same frame as the canvas); a pan or zoom only moves the frame.

import { $ } from './dom.js';
import { sizeOf } from './geometry.js';
import { t } from './i18n.js';

export class Search {
  constructor(input, counter, doc, canvas) {
    this.input = input;
    this.counter = counter;
    this.doc = doc;
    this.canvas = canvas;
    /** @type {string[]} */
    this.matches = [];
    this.at = -1;
    input.addEventListener('input', () => { this.find(); });
    input.addEventListener('keydown', (/** @type {KeyboardEvent} */ e) => {
      if (e.key === 'Enter') { e.preventDefault(); this.jump(e.shiftKey ? -1 : 1); }
      if (e.key === 'Escape') { input.value = ''; this.find(); input.blur(); }
    });
    doc.addEventListener('reset', () => this.find());
    doc.addEventListener('change', () => { if (this.input.value.trim()) this.later(); });
    window.addEventListener('langchange', () => this.count());
  }

  later() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.find(true), 200);
  }

  /** The nodes whose name, id or plugin code holds the query, in the tree's order. */
  find(keep = false) {
    const q = this.input.value.trim().toLowerCase();
    const before = this.matches[this.at];
    for (const id of this.matches) this.canvas.nodeEls.get(id)?.classList.remove('match');
    this.matches = [];
    if (q) {
      for (const [id, n] of this.doc.nodes) {
        if (!this.doc.locs.has(id)) continue;
        const name = typeof n?.name === 'string' ? n.name : '';
        const code = n?.component && typeof n.component === 'object' && n.component.code != null ? String(n.component.code) : '';
        if (`${name}\n${id}\n${code}`.toLowerCase().includes(q)) this.matches.push(id);
      }
    }
    for (const id of this.matches) this.canvas.nodeEls.get(id)?.classList.add('match');
    this.canvas.matched = new Set(this.matches);
    this.at = keep && before ? this.matches.indexOf(before) : -1;
    this.canvas.svg.classList.toggle('searching', this.matches.length > 0);
    this.count();
  }

  count() {
    const q = this.input.value.trim();
    this.counter.textContent = !q ? '' : this.matches.length
      ? t('search.count', { at: this.at + 1, n: this.matches.length }) : t('search.none');
    this.counter.classList.toggle('bad', Boolean(q) && !this.matches.length);
  }

  /** Selects the next (`step` 1) or previous (-1) match and brings it into view. */
  jump(step) {
    if (!this.matches.length) { this.find(); if (!this.matches.length) return; }
    this.at = (this.at + step + this.matches.length) % this.matches.length;
    const id = this.matches[this.at];
    this.doc.select([id]);
    this.canvas.reveal('node', id);
    const g = this.canvas.nodeEls.get(id);
    g?.classList.add('flash');
    setTimeout(() => g?.classList.remove('flash'), 1200);
    this.count();
  }
}

const MAP_W = 200;
const MAP_H = 130;

export class Minimap {
  constructor(box, doc, canvas) {
    this.box = box;
    this.doc = doc;
    this.canvas = canvas;
    this.el = /** @type {HTMLCanvasElement} */ (box.querySelector('canvas'));
    const ratio = window.devicePixelRatio || 1;
    this.el.width = MAP_W * ratio;
    this.el.height = MAP_H * ratio;
    this.ctx = /** @type {CanvasRenderingContext2D} */ (this.el.getContext('2d'));
    this.ctx.scale(ratio, ratio);
    this.picture = null;
    this.el.addEventListener('pointerdown', (e) => {
      this.el.setPointerCapture(e.pointerId);
      this.moveTo(e);
      const move = (/** @type {PointerEvent} */ m) => this.moveTo(m);
      const up = () => { this.el.removeEventListener('pointermove', move); this.el.removeEventListener('pointerup', up); };
      this.el.addEventListener('pointermove', move);
      this.el.addEventListener('pointerup', up);
    });
    // drawn anew at once, in the same frame as the canvas (never the previous tree's picture)
    doc.addEventListener('reset', () => this.redraw());
    doc.addEventListener('change', (/** @type {CustomEvent} */ e) => {
      const d = e.detail.delta;
      const placed = d.locations.added.length + d.locations.removed.length + d.locations.updated.length
        + d.nodes.added.length + d.nodes.removed.length;
      if (placed || d.other.includes('location')) this.redraw();
    });
    canvas.wrap.addEventListener('viewchange', () => this.frame());
  }

  /** The picture of the nodes drawn again, now. */
  redraw() {
    this.picture = null;
    this.frame();
  }

  /** The scale and offset from world to minimap coordinates (the nodes' box, with room). */
  fitOf() {
    const b = this.canvas.bounds();
    this.world = b;
    if (!b) return null;
    const pad = 20;
    const k = Math.min((MAP_W - 8) / (b.w + 2 * pad), (MAP_H - 8) / (b.h + 2 * pad));
    return { k, x: (MAP_W - (b.w + 2 * pad) * k) / 2 - (b.x - pad) * k, y: (MAP_H - (b.h + 2 * pad) * k) / 2 - (b.y - pad) * k };
  }

  /** Draws the nodes into an offscreen picture once per change of the tree. */
  draw() {
    const fit = this.fitOf();
    this.fit = fit;
    const ratio = window.devicePixelRatio || 1;
    const pic = document.createElement('canvas');
    pic.width = MAP_W * ratio;
    pic.height = MAP_H * ratio;
    const c = /** @type {CanvasRenderingContext2D} */ (pic.getContext('2d'));
    c.scale(ratio, ratio);
    c.fillStyle = '#f4f7fa';
    c.fillRect(0, 0, MAP_W, MAP_H);
    if (fit) {
      for (const [id] of this.doc.locs) {
        const p = this.canvas.posOf(id);
        if (!p) continue;
        const type = this.doc.typeOf(id);
        const [w, h] = sizeOf(type);
        c.fillStyle = type === 'tasknode' || type === 'subflow' ? '#738abe' : '#52699d';
        c.fillRect(fit.x + p.x * fit.k, fit.y + p.y * fit.k, Math.max(1.5, w * fit.k), Math.max(1.5, h * fit.k));
      }
    }
    this.picture = pic;
  }

  /** The picture and the frame of the view. */
  frame() {
    if (this.box.hidden) return;
    if (!this.picture) this.draw();
    const c = this.ctx;
    c.clearRect(0, 0, MAP_W, MAP_H);
    if (this.picture) c.drawImage(this.picture, 0, 0, MAP_W, MAP_H);
    const fit = this.fit;
    if (!fit) return;
    const r = this.canvas.rect();
    const v = this.canvas.view;
    // needless while the whole tree is in view
    const b = this.world;
    const tl = b && this.canvas.worldToClient(b.x, b.y), br = b && this.canvas.worldToClient(b.x + b.w, b.y + b.h);
    const all = !b || (tl.x >= r.left && tl.y >= r.top && br.x <= r.right && br.y <= r.bottom);
    this.box.classList.toggle('all-in-view', all);
    const x = fit.x + (-v.x / v.k) * fit.k, y = fit.y + (-v.y / v.k) * fit.k;
    c.strokeStyle = '#3a84ff';
    c.lineWidth = 1.5;
    c.strokeRect(x, y, (r.width / v.k) * fit.k, (r.height / v.k) * fit.k);
  }

  /** Centres the view on the world point under the pointer. */
  moveTo(e) {
    const fit = this.fit;
    if (!fit) return;
    const b = this.el.getBoundingClientRect();
    const wx = (e.clientX - b.left - fit.x) / fit.k, wy = (e.clientY - b.top - fit.y) / fit.k;
    const r = this.canvas.rect();
    const v = this.canvas.view;
    this.canvas.setView(r.width / 2 - wx * v.k, r.height / 2 - wy * v.k, v.k);
  }
}

/** The buttons that fold the palette and the side panel away (the canvas takes the room). */
export function panelToggles(canvas) {
  for (const [button, cls] of [['toggle-palette', 'no-palette'], ['toggle-side', 'no-side']]) {
    const b = $(button);
    const set = (folded) => {
      document.body.classList.toggle(cls, folded);
      b.setAttribute('aria-pressed', String(folded));
      canvas.box = null;
      canvas.applyView();
    };
    b.addEventListener('click', () => set(!document.body.classList.contains(cls)));
  }
}
