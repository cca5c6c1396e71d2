// Editing benchmark in wasm (Node): the same operations as benches/edit.rs on the trees given
// (the generated `target/bench/realistic-N.json`, or any tree file, e.g. the shapes of
// benches/shapes.py), each undone (the undo timed as `undo`). Prints
// `wasm-edit SIZE MODE OP MEDIAN_MS P99_MS` lines (SIZE is N, or the file's name for another
// file), and the wasm memory a document takes.
// Modes: graph checks eager, deferred, and deferred with the units in steps
// (`diagnostics.units: "in-steps"`: `load` then reads the tree only, `settle-slice` is one
// `settle(30)` call while the opened tree's units run, `settle-all` all of them); deferred and
// steps also time the `layout` operation (layered, 5 runs, each undone and settled), its undo,
// and, where the revision has `prepareLayout`, the layout prepared and then applied as two
// calls. `undo` is the undo of every other operation.
import { readFileSync } from 'node:fs';
import * as api from '../pkg/pipeline_tree.js';

const bytes = readFileSync(new URL('../pkg/pipeline_tree_bg.wasm', import.meta.url));

// splitmix64, as the Rust benchmark's generator, for picking ids
function rng(seed) {
  let s = BigInt.asUintN(64, BigInt(seed) ^ 0x9e3779b97f4a7c15n);
  return (n) => {
    s = BigInt.asUintN(64, s + 0x9e3779b97f4a7c15n);
    let z = s;
    z = BigInt.asUintN(64, (z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n);
    z = BigInt.asUintN(64, (z ^ (z >> 27n)) * 0x94d049bb133111ebn);
    z ^= z >> 31n;
    return Number(z % BigInt(n));
  };
}

function ops(tree, below) {
  const acts = Object.keys(tree.activities);
  const flows = Object.keys(tree.flows);
  const gws = Object.entries(tree.gateways);
  const branches = gws
    .filter(([, g]) => g.type === 'ExclusiveGateway' || g.type === 'ConditionalParallelGateway')
    .flatMap(([k, g]) => [].concat(g.outgoing || []).map((f) => [k, f]));
  const splits = gws.filter(([, g]) => g.type !== 'ConvergeGateway').map(([k]) => k);
  const pick = (v) => v[below(v.length)];
  // a shape without gateways (a chain) has no branch to set nor split to connect from
  const a = pick(acts); const f = pick(flows); const s = splits.length ? pick(splits) : a;
  const [g, b] = branches.length ? branches[below(branches.length)] : [];
  // the flow out of the start event: making room there moves every node after it
  const first = [].concat(tree.start_event?.outgoing || [])[0] || f;
  // a selection of up to 500 nodes dragged together
  const step = Math.max(1, Math.floor(acts.length / 500));
  const many = acts.filter((_, i) => i % step === 0).slice(0, 500)
    .map((id, i) => ({ id, x: 40 * i, y: 60 + (i % 7) }));
  const all = [
    ['move', { op: 'move', nodes: [{ id: a, x: 300, y: 420 }] }],
    ['rename', { op: 'updateNode', id: a, fields: { name: '改名' } }],
    ['setCondition', { op: 'setCondition', gateway: g, flow: b, name: 'c', evaluate: '${x} > 1' }],
    ['addNode', { op: 'addNode', type: 'tasknode', x: 10, y: 10 }],
    ['addNode+connect', { op: 'batch', ops: [{ op: 'addNode', type: 'tasknode', x: 10, y: 10, id: 'nbench' },
      { op: 'connect', source: s, target: 'nbench' }] }],
    ['disconnect', { op: 'disconnect', flow: f }],
    ['insertOnFlow', { op: 'insertOnFlow', flow: f, type: 'tasknode', x: 10, y: 10 }],
    ['removeNode', { op: 'removeNode', id: a, reconnect: true }],
    ['insertMakingRoom', { op: 'insertOnFlow', flow: first, type: 'tasknode', x: 10, y: 10, makeRoom: true }],
    ['moveMany', { op: 'move', nodes: many }],
  ];
  return all.filter(([name]) => name !== 'setCondition' || branches.length);
}

const pct = (v, p) => v[Math.round((v.length - 1) * p)];

for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  const tree = JSON.parse(text);
  // realistic-N.json is named by its size; another file (a shape) by its name, sized by its nodes
  const sized = file.match(/(\d+)\.json$/);
  const label = sized ? sized[1] : file.replace(/^.*\//, '').replace(/\.json$/, '');
  const nodes = Object.keys(tree.activities || {}).length + Object.keys(tree.gateways || {}).length + 2;
  const n = sized ? Number(sized[1]) : nodes;
  for (const [mode, graph, units] of [['eager', 'eager', 'at-once'], ['deferred', 'deferred', 'at-once'], ['steps', 'deferred', 'in-steps']]) {
    // a fresh module per document, so its memory figure is its own
    const wasm = api.initSync({ module: new WebAssembly.Module(bytes) });
    const mem0 = wasm.memory.buffer.byteLength;
    const t0 = performance.now();
    const ed = new api.Editor(text, { seed: 5, diagnostics: { graph, units }, maxInputBytes: 1 << 30 });
    const tLoad = performance.now() - t0;
    const mem1 = wasm.memory.buffer.byteLength;
    console.log(`wasm-edit ${label} ${mode} load ${tLoad.toFixed(3)} ${tLoad.toFixed(3)}`);
    const settle = () => { while (ed.settle(1000).pending); };
    if (units === 'in-steps') {
      const slices = [];
      const all = performance.now();
      for (let left = true; left;) {
        const t = performance.now();
        left = Boolean(ed.settle(30).pending);
        slices.push(performance.now() - t);
      }
      const total = performance.now() - all;
      slices.sort((a, b) => a - b);
      console.log(`wasm-edit ${label} ${mode} settle-slice ${pct(slices, 0.5).toFixed(3)} ${pct(slices, 0.99).toFixed(3)}`);
      console.log(`wasm-edit ${label} ${mode} settle-all ${total.toFixed(3)} ${total.toFixed(3)}`);
    }
    // initSync instantiates once per process: memory is measured for the first document only
    if (mode === 'eager' && file === process.argv[2]) {
      console.log(`wasm-memory ${label} ${((mem1 - mem0) / 1048576).toFixed(1)} ${(Buffer.byteLength(text) / 1048576).toFixed(1)}`);
    }
    const reps = Number(process.env.EDIT_REPS) || (n >= 100000 ? (graph === 'eager' ? 8 : 30) : 200);
    const below = rng(5);
    const times = new Map();
    const put = (name, ms) => { if (!times.has(name)) times.set(name, []); times.get(name).push(ms); };
    for (let r = 0; r < reps; r++) {
      for (const [name, op] of ops(tree, below)) {
        const t = performance.now();
        let ok = true;
        try { ed.apply(op); } catch { ok = false; }
        const dt = performance.now() - t;
        if (ok) {
          const u = performance.now();
          ed.undo();
          put('undo', performance.now() - u);
          if (units === 'in-steps') settle();
          put(name, dt);
        }
      }
      if (graph === 'deferred') ed.refreshGraph();
    }
    if (graph === 'deferred') {
      const layout = { mode: 'layered', sizes: 'editor' };
      for (let i = 0; i < 5; i++) {
        let t = performance.now();
        ed.apply({ op: 'layout', ...layout });
        put('layout', performance.now() - t);
        t = performance.now();
        ed.undo();
        put('layout-undo', performance.now() - t);
        if (units === 'in-steps') settle();
        // a revision with prepareLayout: the layout computed, then applied, as two calls
        if (typeof ed.prepareLayout !== 'function') continue;
        t = performance.now();
        ed.prepareLayout(layout);
        put('layout-prepare', performance.now() - t);
        t = performance.now();
        ed.apply({ op: 'layout', ...layout });
        put('layout-prepared', performance.now() - t);
        ed.undo();
        if (units === 'in-steps') settle();
      }
    }
    const all = [];
    for (const [name, v] of times) {
      v.sort((a, b) => a - b);
      console.log(`wasm-edit ${label} ${mode} ${name} ${pct(v, 0.5).toFixed(3)} ${pct(v, 0.99).toFixed(3)}`);
      if (!name.startsWith('layout') && name !== 'undo') all.push(...v);
    }
    all.sort((a, b) => a - b);
    console.log(`wasm-edit ${label} ${mode} all ${pct(all, 0.5).toFixed(3)} ${pct(all, 0.99).toFixed(3)}`);
    if (graph === 'deferred') {
      const v = [];
      for (let i = 0; i < 5; i++) { const t = performance.now(); ed.refreshGraph(); v.push(performance.now() - t); }
      v.sort((a, b) => a - b);
      console.log(`wasm-edit ${label} ${mode} refreshGraph ${pct(v, 0.5).toFixed(3)} ${pct(v, 0.99).toFixed(3)}`);
    }
    ed.free();
  }
}
