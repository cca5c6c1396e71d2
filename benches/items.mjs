// Reading the tree back after an edit vs reading only what changed, in wasm (Node), side by
// side in one run, on the generated tree given (default: `pipeline-tree gen --nodes 10000
// --seed 11` into target/bench/items-10000.json). Prints a table of medians (ms) over RUNS runs:
// `tree()`; a typical edit (insertOnFlow, then its undo) with and without the `items` option;
// the changed items read one by one with `get`; a layout's outcome with and without items.
//   node benches/items.mjs [TREE.json] [RUNS]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Editor } from '../pkg/node.mjs';

const ROOT = new URL('../', import.meta.url).pathname;
let file = process.argv[2];
if (!file) {
  file = `${ROOT}target/bench/items-10000.json`;
  if (!existsSync(file)) {
    mkdirSync(`${ROOT}target/bench`, { recursive: true });
    const gen = execFileSync(`${ROOT}target/release/pipeline-tree`, ['gen', '--nodes', '10000', '--seed', '11'], { maxBuffer: 1 << 30 });
    writeFileSync(file, gen);
  }
}
const RUNS = Number(process.argv[3] ?? 21);
const text = readFileSync(file, 'utf8');
const tree = JSON.parse(text);
const nodes = Object.keys(tree.activities ?? {}).length + Object.keys(tree.gateways ?? {}).length + 2;

const stats = (times) => {
  const v = [...times].sort((a, b) => a - b);
  return { median: v[v.length >> 1], p90: v[Math.min(v.length - 1, Math.round((v.length - 1) * 0.9))] };
};
const time = (f) => {
  const t = performance.now();
  const out = f();
  return [performance.now() - t, out];
};
const rows = [];
const row = (what, times, note = '') => rows.push({ what, ...stats(times), note });

const plain = new Editor(text, { seed: 5 });
const itemized = new Editor(text, { seed: 5, items: true });
const flows = Object.keys(tree.flows);
const insert = (i, makeRoom) => ({ op: 'insertOnFlow', flow: flows[(i * 7919) % flows.length], type: 'tasknode', x: 10, y: 10, makeRoom });

// the whole tree back (what the page did after every edit)
const treeTimes = [];
for (let i = 0; i < RUNS; i++) treeTimes.push(time(() => plain.tree())[0]);
row('tree()', treeTimes, `${(JSON.stringify(tree).length / 1048576).toFixed(1)} MB of compact JSON`);

// a typical edit and its undo: the outcome without items, then the changed items read with get;
// the same with items. `makeRoom` as the page inserts a node dropped on a line: what follows
// on the line's row moves right.
const getAll = (ed, delta) => {
  let n = 0;
  for (const [kind, part] of [['node', 'nodes'], ['flow', 'flows'], ['line', 'lines'], ['location', 'locations'], ['constant', 'constants']]) {
    for (const id of [...delta[part].added, ...delta[part].updated]) {
      ed.get(kind, id);
      n += 1;
    }
  }
  for (const key of delta.other) ed.get('key', key);
  return n + delta.other.length;
};
for (const makeRoom of [false, true]) {
  const applyPlain = [], undoPlain = [], gets = [], applyItems = [], undoItems = [];
  let itemCount = 0, itemBytes = 0, getCount = 0;
  for (let i = 0; i < RUNS; i++) {
    const [ta, a] = time(() => plain.apply(insert(i, makeRoom)));
    const [tg, n] = time(() => getAll(plain, a.delta));
    const [tu, u] = time(() => plain.undo());
    const [tg2] = time(() => getAll(plain, u.delta));
    applyPlain.push(ta); undoPlain.push(tu); gets.push(tg + tg2); getCount = n;
    const [tb, b] = time(() => itemized.apply(insert(i, makeRoom)));
    const [tv] = time(() => itemized.undo());
    applyItems.push(tb); undoItems.push(tv);
    itemCount = b.items.length; itemBytes = JSON.stringify(b.items).length;
  }
  const name = makeRoom ? 'insertOnFlow makeRoom' : 'insertOnFlow';
  row(name, applyPlain, 'outcome with ids only');
  row('  + get() of each changed item, edit and undo', gets, `${getCount} items after the edit (last run)`);
  row('  undo', undoPlain);
  row(`${name}, items: true`, applyItems, `${itemCount} items, ${(itemBytes / 1024).toFixed(1)} KB of JSON (last run)`);
  row('  undo, items: true', undoItems);
}

// a large operation: a layout replaces every line and location item
const layoutPlain = [], layoutItems = [];
let layoutBytes = [0, 0];
for (let i = 0; i < Math.min(RUNS, 7); i++) {
  const [ta, a] = time(() => plain.apply({ op: 'layout', mode: 'layered' }));
  plain.undo();
  const [tb, b] = time(() => itemized.apply({ op: 'layout', mode: 'layered' }));
  itemized.undo();
  layoutPlain.push(ta); layoutItems.push(tb);
  layoutBytes = [JSON.stringify(a).length, JSON.stringify(b).length];
}
row('layout', layoutPlain, `outcome ${(layoutBytes[0] / 1024).toFixed(0)} KB`);
row('layout, items: true', layoutItems, `outcome ${(layoutBytes[1] / 1024).toFixed(0)} KB (the whole line and location)`);

console.log(`${nodes} nodes (${file.replace(ROOT, '')}), ${RUNS} runs, ms:`);
console.log('| what | median | p90 | |\n|---|---:|---:|---|');
for (const r of rows) console.log(`| ${r.what} | ${r.median.toFixed(2)} | ${r.p90.toFixed(2)} | ${r.note} |`);
