// @ts-check
// The editing commands the toolbar, the keyboard, the pointer and the panels share. Each one
// turns a user's intent into an editor operation on the document; a refusal (the core's
// `EditError`, or `canConnect`'s reason) is shown to the user and changes nothing.

import { notice } from './dom.js';
import { sizeOf } from './geometry.js';

export class Commands {
  constructor(doc, canvas, newNodeFields) {
    this.doc = doc;
    this.canvas = canvas;
    this.newNodeFields = newNodeFields;
    this.clipboard = [];
    this.pasteCount = 0;
  }

  /** Applies an operation; on refusal shows why and returns null. */
  run(op, what = op.op) {
    try {
      return this.doc.apply(op);
    } catch (e) {
      const code = e.code ? ` (${e.code})` : '';
      notice(`${what} refused: ${messageOf(e)}${code}`);
      // A refusal is the core's EditError; anything else is a bug of the page: let it surface.
      if (!(e instanceof this.doc.core.EditError)) throw e;
      return null;
    }
  }

  undo() {
    if (!this.doc.editor.canUndo) { notice('Nothing to undo', 'info', 2000); return null; }
    return this.doc.undo();
  }

  redo() {
    if (!this.doc.editor.canRedo) { notice('Nothing to redo', 'info', 2000); return null; }
    return this.doc.redo();
  }

  /** A node from the palette with its top-left at (x, y); selected once added. */
  addNode(type, x, y) {
    const out = this.run({ op: 'addNode', type, x: Math.round(x), y: Math.round(y), ...this.newNodeFields(type) }, 'Adding the node');
    if (out) this.doc.select([out.result.id]);
    return out;
  }

  /** A node from the palette dropped on a line: the line is split around it. */
  insertOnFlow(flow, type, x, y) {
    const out = this.run({ op: 'insertOnFlow', flow, type, x: Math.round(x), y: Math.round(y), ...this.newNodeFields(type) }, 'Inserting the node');
    if (out) this.doc.select([out.result.id]);
    return out;
  }

  /** A flow drawn from `source` to `target` if the canvas rules allow it; else the reason. */
  connect(source, target, sourceArrow, targetArrow) {
    const reason = this.doc.editor.canConnect(source, target);
    if (reason) {
      notice(`Cannot connect ${this.doc.describe(source)} to ${this.doc.describe(target)}: ${reason.message} (${reason.code})`);
      document.body.dataset.lastRefusal = reason.code;
      return null;
    }
    const out = this.run({ op: 'connect', source, target, sourceArrow, targetArrow }, 'Connecting');
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
    return this.run({ op: 'move', nodes }, 'Moving');
  }

  /** Deletes the selected nodes (a node with one flow in and one out is bridged, as SOPS
   *  does) or the selected line. */
  deleteSelection() {
    const sel = this.doc.selection;
    if (sel.nodes.size) {
      const ops = [...sel.nodes].map((id) => ({ op: 'removeNode', id, reconnect: true }));
      return this.run(ops.length === 1 ? ops[0] : { op: 'batch', ops }, 'Deleting');
    }
    if (sel.line) {
      if (!this.doc.tree.flows?.[sel.line]) {
        notice('This line has no flow in the tree; use the fix in Problems to repair the drawing');
        return null;
      }
      return this.run({ op: 'disconnect', flow: sel.line }, 'Deleting the line');
    }
    notice('Select a node or a line to delete', 'info', 2500);
    return null;
  }

  copy() {
    const ids = [...this.doc.selection.nodes].filter((id) => {
      const t = this.doc.typeOf(id);
      return t !== 'startpoint' && t !== 'endpoint';
    });
    if (!ids.length) { notice('Select nodes to copy (start and end events are not copied)', 'info', 2500); return false; }
    this.clipboard = ids;
    this.pasteCount = 0;
    notice(`Copied ${ids.length} node${ids.length > 1 ? 's' : ''}`, 'info', 2000);
    return true;
  }

  /** Pastes the copied nodes (and the flows between them): at `at` (world point) if given,
   *  else shifted down-right from the originals. The copies are selected. */
  paste(at) {
    const ids = this.clipboard.filter((id) => this.doc.nodes.has(id));
    if (!ids.length) { notice('Nothing to paste: copy nodes first', 'info', 2500); return null; }
    let dx, dy;
    const b = this.canvas.bounds(ids);
    if (at && b) {
      dx = Math.round(at.x - b.x);
      dy = Math.round(at.y - b.y);
    } else {
      this.pasteCount += 1;
      dx = 40 * this.pasteCount;
      dy = 40 * this.pasteCount;
    }
    const out = this.run({ op: 'paste', nodes: ids, dx, dy }, 'Pasting');
    if (out) this.doc.select(Object.values(out.result.ids ?? {}).filter((id) => this.doc.locs.has(id)));
    return out;
  }

  selectAll() {
    this.doc.select([...this.doc.locs.keys()]);
  }

  /** Lays the tree out ("sops" or "layered") with the sizes this canvas draws. */
  layout(mode) {
    const started = performance.now();
    const out = this.run({ op: 'layout', mode, sizes: 'editor' }, 'Auto-layout');
    if (out) {
      this.lastLayoutMs = performance.now() - started;
      this.canvas.openView();
    }
    return out;
  }

  /** The center of the view in world coordinates, for nodes added by a click. */
  viewCenter(type) {
    const r = this.canvas.rect();
    const c = this.canvas.clientToWorld(r.left + r.width / 2, r.top + r.height / 2);
    const [w, h] = sizeOf(type);
    return { x: c.x - w / 2, y: c.y - h / 2 };
  }
}

export function messageOf(e) {
  const m = String(e?.message ?? e);
  // The core's messages start with their code ("FE003: ..."): it is shown apart.
  return e?.code && m.startsWith(`${e.code}: `) ? m.slice(e.code.length + 2) : m;
}
