// One editing operation in wasm (Node), two packages interleaved in one process: both open the
// same tree, then the operation (each time undone) alternates between them, 30 times a round.
// Prints each round's medians (ms). Steadier than timing the packages in separate processes,
// which on a shared machine differed by up to 1.5x between runs of the same package.
//   node benches/edit_ab.mjs BASE_PKG_DIR TREE.json [eager|deferred] [insert|disconnect|room] [ROUNDS]
// BASE_PKG_DIR: a package built from another revision (e.g. `node scripts/package.mjs` in a
// worktree). `insert` puts a task on a flow, `disconnect` removes a flow, `room` inserts with
// `makeRoom` on the flow out of the start event (every node after it moves).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [baseDir, file, graph = 'eager', op = 'insert', rounds = '4'] = process.argv.slice(2);
if (!baseDir || !file) {
  console.error('usage: node benches/edit_ab.mjs BASE_PKG_DIR TREE.json [eager|deferred] [insert|disconnect|room] [ROUNDS]');
  process.exit(2);
}
const load = async (dir) => {
  const api = await import(pathToFileURL(resolve(dir, 'pipeline_tree.js')).href);
  api.initSync({ module: readFileSync(resolve(dir, 'pipeline_tree_bg.wasm')) });
  return api;
};
const apis = [await load(baseDir), await load(new URL('../pkg/', import.meta.url).pathname)];
const text = readFileSync(file, 'utf8');
const tree = JSON.parse(text);
const flows = Object.keys(tree.flows);
const first = [].concat(tree.start_event?.outgoing || [])[0] || flows[0];
const editors = apis.map((api) => new api.Editor(text, {
  seed: 5, diagnostics: { graph, units: 'at-once' }, maxInputBytes: 1 << 30,
}));
const operation = (i) => {
  const flow = flows[(i * 7919) % flows.length];
  if (op === 'room') return { op: 'insertOnFlow', flow: first, type: 'tasknode', x: 10, y: 10, makeRoom: true };
  if (op === 'disconnect') return { op: 'disconnect', flow };
  return { op: 'insertOnFlow', flow, type: 'tasknode', x: 10, y: 10 };
};
const median = (v) => [...v].sort((a, b) => a - b)[v.length >> 1];
for (let round = 0; round < Number(rounds); round++) {
  const times = [[], []];
  for (let i = 0; i < 30; i++) {
    for (const side of [0, 1]) {
      const t = performance.now();
      editors[side].apply(operation(i));
      times[side].push(performance.now() - t);
      editors[side].undo();
    }
  }
  console.log(`${file} ${graph} ${op} round ${round}: base ${median(times[0]).toFixed(2)} this ${median(times[1]).toFixed(2)}`);
}
