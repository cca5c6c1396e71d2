// Layout benchmark (Node, one process): our layered layout and SOPS's layout (wasm) against
// dagre (@dagrejs/dagre) on the same generated trees. Times are medians; quality is measured
// the same way for every layout from node boxes and edge polylines (source centre, bend
// points, target centre): edge crossings (pairs of segments of different edges that do not
// share a node and properly intersect), overlapping node pairs, total edge length.
// Two families: generated realistic trees (files given), and unstructured flow graphs made here
// (every node joins one to three nodes shortly after it, one edge in twenty goes back), where
// crossings cannot all be avoided.
// usage: node benches/layout.mjs SIZE...   (prints `layout FAMILY SIZE LAYOUT MS CROSSINGS
//        OVERLAPS LENGTH` lines; realistic trees are read from target/bench/realistic-SIZE.json)
import { readFileSync } from 'node:fs';
import dagre from '@dagrejs/dagre';
import * as api from '../pkg/pipeline_tree.js';
import { median } from './median.mjs';

api.initSync({ module: new WebAssembly.Module(readFileSync(new URL('../pkg/pipeline_tree_bg.wasm', import.meta.url))) });

const SIZE = { tasknode: [150, 54], subflow: [150, 54], startpoint: [44, 44], endpoint: [44, 44] };
const KIND = {
  ServiceActivity: 'tasknode', SubProcess: 'subflow', EmptyStartEvent: 'startpoint', EmptyEndEvent: 'endpoint',
};
const size = (t) => SIZE[t] || [34, 34];

function graphOf(tree) {
  const nodes = new Map();
  const add = (n) => nodes.set(n.id, size(KIND[n.type]));
  add(tree.start_event); add(tree.end_event);
  Object.values(tree.activities).forEach(add);
  Object.values(tree.gateways).forEach(add);
  const edges = Object.entries(tree.flows)
    .filter(([, f]) => nodes.has(f.source) && nodes.has(f.target))
    .map(([id, f]) => ({ id, source: f.source, target: f.target }));
  return { nodes, edges };
}

function runDagre(g) {
  const d = new dagre.graphlib.Graph({ multigraph: true });
  d.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 80, edgesep: 16 });
  d.setDefaultEdgeLabel(() => ({}));
  for (const [id, [w, h]] of g.nodes) d.setNode(id, { width: w, height: h });
  for (const e of g.edges) d.setEdge(e.source, e.target, {}, e.id);
  dagre.layout(d);
  const boxes = new Map();
  for (const id of d.nodes()) {
    const n = d.node(id);
    boxes.set(id, [n.x - n.width / 2, n.y - n.height / 2, n.width, n.height]);
  }
  const bends = new Map();
  for (const e of d.edges()) bends.set(e.name, d.edge(e).points.slice(1, -1).map((p) => [p.x, p.y]));
  return { boxes, bends };
}

function runOurs(text, g, mode) {
  const r = api.layout(text, { mode });
  const boxes = new Map();
  for (const l of r.location) {
    const [w, h] = g.nodes.get(l.id);
    boxes.set(l.id, [l.x, l.y, w, h]);
  }
  const bends = new Map(Object.entries(r.routes));
  return { boxes, bends };
}

function polylines(g, { boxes, bends }) {
  const centre = (id) => { const b = boxes.get(id); return [b[0] + b[2] / 2, b[1] + b[3] / 2]; };
  return g.edges.map((e) => ({ e, pts: [centre(e.source), ...(bends.get(e.id) || []), centre(e.target)] }));
}

function cross(a, b, c, d) {
  const o = (p, q, r) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  const o1 = o(a, b, c), o2 = o(a, b, d), o3 = o(c, d, a), o4 = o(c, d, b);
  return o1 * o2 < 0 && o3 * o4 < 0;
}

function quality(g, drawing) {
  const lines = polylines(g, drawing);
  let length = 0;
  const segs = [];
  lines.forEach(({ e, pts }, i) => {
    for (let k = 1; k < pts.length; k++) {
      const [a, b] = [pts[k - 1], pts[k]];
      length += Math.hypot(b[0] - a[0], b[1] - a[1]);
      segs.push({ i, a, b, s: e.source, t: e.target });
    }
  });
  // segments into grid cells by bounding box; test pairs sharing a cell once
  const CELL = 400;
  const grid = new Map();
  segs.forEach((s, k) => {
    const [x0, x1] = [Math.min(s.a[0], s.b[0]), Math.max(s.a[0], s.b[0])];
    const [y0, y1] = [Math.min(s.a[1], s.b[1]), Math.max(s.a[1], s.b[1])];
    for (let cx = Math.floor(x0 / CELL); cx <= Math.floor(x1 / CELL); cx++) {
      for (let cy = Math.floor(y0 / CELL); cy <= Math.floor(y1 / CELL); cy++) {
        const key = cx * 1e6 + cy;
        if (!grid.has(key)) grid.set(key, []);
        grid.get(key).push(k);
      }
    }
  });
  const seen = new Set();
  let crossings = 0;
  for (const cell of grid.values()) {
    for (let x = 0; x < cell.length; x++) {
      for (let y = x + 1; y < cell.length; y++) {
        const [p, q] = [segs[cell[x]], segs[cell[y]]];
        if (p.i === q.i || p.s === q.s || p.s === q.t || p.t === q.s || p.t === q.t) continue;
        const key = cell[x] < cell[y] ? cell[x] * 1e7 + cell[y] : cell[y] * 1e7 + cell[x];
        if (seen.has(key)) continue;
        seen.add(key);
        if (cross(p.a, p.b, q.a, q.b)) crossings++;
      }
    }
  }
  const boxes = [...drawing.boxes.values()].sort((a, b) => a[0] - b[0]);
  let overlaps = 0;
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length && boxes[j][0] < boxes[i][0] + boxes[i][2]; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      if (a[1] < b[1] + b[3] && b[1] < a[1] + a[3]) overlaps++;
    }
  }
  return { crossings, overlaps, length: Math.round(length) };
}

// splitmix-like 32-bit generator
function rng(seed) {
  let s = seed >>> 0;
  return (n) => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return ((z ^ (z >>> 16)) >>> 0) % n;
  };
}

function unstructured(n, seed) {
  const below = rng(seed);
  const ids = Array.from({ length: n }, (_, i) => `n${i}`);
  const edges = [];
  for (let i = 0; i < n - 1; i++) {
    const k = 1 + below(3);
    const targets = new Set([i + 1]);
    for (let tries = 0; targets.size < k && tries < 8; tries++) targets.add(Math.min(n - 1, i + 1 + below(30)));
    for (const t of targets) edges.push([i, t]);
    if (below(20) === 0 && i > 5) edges.push([i, i - 1 - below(5)]);
  }
  const io = ids.map(() => ({ incoming: [], outgoing: [] }));
  const flows = {};
  edges.forEach(([s, t], k) => {
    const id = `l${k}`;
    flows[id] = { id, source: ids[s], target: ids[t], is_default: false };
    io[s].outgoing.push(id);
    io[t].incoming.push(id);
  });
  const tree = { activities: {}, gateways: {}, flows, constants: {}, outputs: [] };
  ids.forEach((id, i) => {
    const node = { id, name: id, incoming: io[i].incoming, outgoing: io[i].outgoing };
    if (i === 0) tree.start_event = { ...node, type: 'EmptyStartEvent', incoming: '' };
    else if (i === n - 1) tree.end_event = { ...node, type: 'EmptyEndEvent', outgoing: '' };
    else if (io[i].outgoing.length > 1) tree.gateways[id] = { ...node, type: 'ParallelGateway' };
    else if (io[i].incoming.length > 1) tree.gateways[id] = { ...node, type: 'ConvergeGateway' };
    else tree.activities[id] = { ...node, type: 'ServiceActivity' };
  });
  return JSON.stringify(tree);
}

const cases = [];
for (const size of process.argv.slice(2).map(Number)) {
  cases.push(['realistic', readFileSync(`target/bench/realistic-${size}.json`, 'utf8')]);
  cases.push(['unstructured', unstructured(size, size)]);
}
for (const [family, text] of cases) {
  const tree = JSON.parse(text);
  const g = graphOf(tree);
  const n = g.nodes.size;
  const runs = n <= 1000 ? 7 : 3;
  const layouts = [
    ['layered', () => runOurs(text, g, 'layered')],
    ['sops', () => runOurs(text, g, 'sops')],
    ['dagre', () => runDagre(g)],
  ];
  for (const [name, run] of layouts) {
    let drawing;
    let ms;
    try {
      ms = median(name === 'dagre' && n > 5000 ? 1 : runs, () => { drawing = run(); });
    } catch (e) {
      console.log(`layout ${family} ${n} ${name} failed - - - ${String(e.message).replace(/\s+/g, '_')}`);
      continue;
    }
    const q = quality(g, drawing);
    console.log(`layout ${family} ${n} ${name} ${ms.toFixed(2)} ${q.crossings} ${q.overlaps} ${q.length}`);
  }
}
