// @ts-check
// Geometry of SOPS's canvas, with no DOM: node sizes per type, the four anchors (Top, Right,
// Bottom, Left) and where they sit, the orthogonal ("Flowchart") route of a line between two
// anchors, and the hit tests the editor needs (which side of a node a point is on, which line
// runs through a box). Numbers follow SOPS's editor (editor-spec §0.6, §0.7, §2.10).

/** The canvas type (`location.type`) of each tree node type. */
export const WEB_TYPE = {
  EmptyStartEvent: 'startpoint',
  EmptyEndEvent: 'endpoint',
  ServiceActivity: 'tasknode',
  SubProcess: 'subflow',
  ParallelGateway: 'parallelgateway',
  ExclusiveGateway: 'branchgateway',
  ConditionalParallelGateway: 'conditionalparallelgateway',
  ConvergeGateway: 'convergegateway',
};

export const GATEWAYS = new Set(['parallelgateway', 'branchgateway', 'conditionalparallelgateway', 'convergegateway']);
export const ACTIVITIES = new Set(['tasknode', 'subflow']);
export const EVENTS = new Set(['startpoint', 'endpoint']);

/** Width and height of a node of this canvas type (SOPS's editor: 154×54, 34×34, 34×34). */
export function sizeOf(type) {
  return ACTIVITIES.has(type) ? [154, 54] : [34, 34];
}

export const ARROWS = ['Top', 'Right', 'Bottom', 'Left'];
const DIR = { Top: [0, -1], Right: [1, 0], Bottom: [0, 1], Left: [-1, 0] };
/** The straight part a line leaves an anchor with, and enters one with (jsPlumb's stub). */
export const STUB = 14;

/** The point of anchor `arrow` on a node at (x, y) of `type`. */
export function anchorPoint(x, y, type, arrow) {
  const [w, h] = sizeOf(type);
  switch (arrow) {
    case 'Top': return { x: x + w / 2, y };
    case 'Bottom': return { x: x + w / 2, y: y + h };
    case 'Left': return { x, y: y + h / 2 };
    default: return { x: x + w, y: y + h / 2 };
  }
}

/** Which anchor of a box the point is nearest to: the box is cut along its diagonals
 *  (SOPS's getTargetEndpointArrow). */
export function sideOf(box, p) {
  const u = (p.x - box.x) / box.w;
  const v = (p.y - box.y) / box.h;
  if (v <= u && v <= 1 - u) return 'Top';
  if (v >= u && v >= 1 - u) return 'Bottom';
  return u < 0.5 ? 'Left' : 'Right';
}

/** The orthogonal route of a line from anchor `a1` at p1 to anchor `a2` at p2: a list of
 *  points, the first p1 and the last p2. `midpoint` (0..1) places the middle bend, as SOPS's
 *  wrapped lines ask. */
export function route(p1, a1, p2, a2, midpoint = 0.5) {
  const d1 = DIR[a1] ?? DIR.Right;
  const d2 = DIR[a2] ?? DIR.Left;
  const mid = Number.isFinite(midpoint) && midpoint > 0 && midpoint < 1 ? midpoint : 0.5;
  const s = { x: p1.x + d1[0] * STUB, y: p1.y + d1[1] * STUB };
  const t = { x: p2.x + d2[0] * STUB, y: p2.y + d2[1] * STUB };
  const pts = [p1, s];
  const h1 = d1[0] !== 0;
  const h2 = d2[0] !== 0;
  if (h1 && h2) {
    if (d1[0] === -d2[0]) {
      if ((t.x - s.x) * d1[0] >= 0) {
        const mx = s.x + (t.x - s.x) * mid;
        pts.push({ x: mx, y: s.y }, { x: mx, y: t.y });
      } else {
        // Backwards (a wrapped row, a loop): across between the two, then along.
        let my = s.y + (t.y - s.y) * mid;
        if (Math.abs(t.y - s.y) < 1) my = s.y + 40;
        pts.push({ x: s.x, y: my }, { x: t.x, y: my });
      }
    } else {
      const x = d1[0] > 0 ? Math.max(s.x, t.x) : Math.min(s.x, t.x);
      pts.push({ x, y: s.y }, { x, y: t.y });
    }
  } else if (!h1 && !h2) {
    if (d1[1] === -d2[1]) {
      if ((t.y - s.y) * d1[1] >= 0) {
        const my = s.y + (t.y - s.y) * mid;
        pts.push({ x: s.x, y: my }, { x: t.x, y: my });
      } else {
        let mx = s.x + (t.x - s.x) * mid;
        if (Math.abs(t.x - s.x) < 1) mx = s.x + 100;
        pts.push({ x: mx, y: s.y }, { x: mx, y: t.y });
      }
    } else {
      const y = d1[1] > 0 ? Math.max(s.y, t.y) : Math.min(s.y, t.y);
      pts.push({ x: s.x, y }, { x: t.x, y });
    }
  } else if (h1) {
    if ((t.x - s.x) * d1[0] >= 0 && (s.y - t.y) * d2[1] >= 0) pts.push({ x: t.x, y: s.y });
    else pts.push({ x: s.x, y: t.y });
  } else if ((t.y - s.y) * d1[1] >= 0 && (s.x - t.x) * d2[0] >= 0) {
    pts.push({ x: s.x, y: t.y });
  } else {
    pts.push({ x: t.x, y: s.y });
  }
  pts.push(t, p2);
  return simplify(pts);
}

/** Drops repeated points and points in the middle of a straight run. */
function simplify(pts) {
  const out = [];
  for (const p of pts) {
    const q = out[out.length - 1];
    if (q && Math.abs(q.x - p.x) < 0.01 && Math.abs(q.y - p.y) < 0.01) continue;
    if (out.length >= 2) {
      const o = out[out.length - 2];
      const straight = (Math.abs(o.x - q.x) < 0.01 && Math.abs(q.x - p.x) < 0.01)
        || (Math.abs(o.y - q.y) < 0.01 && Math.abs(q.y - p.y) < 0.01);
      // Keep a point where the run turns back on itself (the stub of a backwards line).
      const back = straight && ((q.x - o.x) * (p.x - q.x) < 0 || (q.y - o.y) * (p.y - q.y) < 0);
      if (straight && !back) out.pop();
    }
    out.push(p);
  }
  return out;
}

/** SVG path data for a route, with rounded corners (radius 10, as SOPS's connectors). */
export function pathData(pts, radius = 10) {
  if (pts.length === 0) return '';
  let d = `M${r(pts[0].x)},${r(pts[0].y)}`;
  for (let i = 1; i < pts.length - 1; i++) {
    const a = pts[i - 1], b = pts[i], c = pts[i + 1];
    const l1 = Math.hypot(b.x - a.x, b.y - a.y);
    const l2 = Math.hypot(c.x - b.x, c.y - b.y);
    const k = Math.min(radius, l1 / 2, l2 / 2);
    if (k < 0.5) { d += `L${r(b.x)},${r(b.y)}`; continue; }
    const p = { x: b.x + ((a.x - b.x) / l1) * k, y: b.y + ((a.y - b.y) / l1) * k };
    const q = { x: b.x + ((c.x - b.x) / l2) * k, y: b.y + ((c.y - b.y) / l2) * k };
    d += `L${r(p.x)},${r(p.y)}Q${r(b.x)},${r(b.y)} ${r(q.x)},${r(q.y)}`;
  }
  const last = pts[pts.length - 1];
  return `${d}L${r(last.x)},${r(last.y)}`;
}

const r = (v) => Math.round(v * 10) / 10;

/** Total length of a route. */
export function routeLength(pts) {
  let len = 0;
  for (let i = 1; i < pts.length; i++) len += Math.hypot(pts[i].x - pts[i - 1].x, pts[i].y - pts[i - 1].y);
  return len;
}

/** The point at distance `at` along a route (negative: from the end), clamped to it. */
export function pointAlong(pts, at) {
  const len = routeLength(pts);
  let d = at < 0 ? len + at : at;
  d = Math.max(0, Math.min(len, d));
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1], b = pts[i];
    const l = Math.hypot(b.x - a.x, b.y - a.y);
    if (d <= l || i === pts.length - 1) {
      const f = l === 0 ? 0 : Math.min(1, d / l);
      return { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f, horizontal: Math.abs(b.y - a.y) < 0.01 };
    }
    d -= l;
  }
  return { ...pts[0], horizontal: true };
}

/** The inner box SOPS uses to decide a dropped node lies on a line: shrunk by (40, 15) for
 *  tasks and (7, 7) for the others (editor-spec §2.10b). */
export function innerBox(x, y, type) {
  const [w, h] = sizeOf(type);
  const [dx, dy] = ACTIVITIES.has(type) ? [40, 15] : [7, 7];
  return { x: x + dx, y: y + dy, w: w - 2 * dx, h: h - 2 * dy };
}

/** The first straight part of a route that crosses the box and is longer than the node is
 *  wide (horizontal) or high (vertical); null if none. */
export function segmentThrough(pts, box, nodeW, nodeH) {
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1], b = pts[i];
    if (Math.abs(a.y - b.y) < 0.01) {
      const [x0, x1] = a.x < b.x ? [a.x, b.x] : [b.x, a.x];
      if (x1 - x0 > nodeW && a.y >= box.y && a.y <= box.y + box.h && x0 <= box.x + box.w && x1 >= box.x) {
        return { a, b, horizontal: true };
      }
    } else if (Math.abs(a.x - b.x) < 0.01) {
      const [y0, y1] = a.y < b.y ? [a.y, b.y] : [b.y, a.y];
      if (y1 - y0 > nodeH && a.x >= box.x && a.x <= box.x + box.w && y0 <= box.y + box.h && y1 >= box.y) {
        return { a, b, horizontal: false };
      }
    }
  }
  return null;
}

/** Do two boxes {x, y, w, h} overlap (touching is not overlapping)? */
export function overlaps(a, b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** Approximate width of text in px at a font size (CJK characters are square; `mono`: a
 *  monospace font). */
export function textWidth(text, size, mono = false) {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0);
    if (c > 0x2e80) w += size;
    else if (mono) w += size * 0.62;
    else w += c === 0x20 ? size * 0.3 : /[A-Z]/.test(ch) ? size * 0.68 : size * 0.58;
  }
  return w;
}

/** `text` cut to fit `max` px at `size`, with an ellipsis when cut. */
export function fitText(text, max, size, mono = false) {
  if (textWidth(text, size, mono) <= max) return text;
  const chars = Array.from(text);
  let w = textWidth('…', size);
  let out = '';
  for (const ch of chars) {
    const cw = textWidth(ch, size, mono);
    if (w + cw > max) break;
    w += cw;
    out += ch;
  }
  return `${out}…`;
}
