// Read + write throughput of the wasm package in Node (V8) on the 10 MB generated tree written
// by the native benchmark (target/bench-tree-10mb.json), side by side with V8's own
// JSON.parse + JSON.stringify of the same text. Prints a table.
import { readFileSync } from 'node:fs';
import * as api from '../pkg/pipeline_tree.js';
import { median as medianMs } from './median.mjs';

api.initSync({ module: readFileSync(new URL('../pkg/pipeline_tree_bg.wasm', import.meta.url)) });
const text = readFileSync(new URL('../target/bench-tree-10mb.json', import.meta.url), 'utf8');
const bytes = new TextEncoder().encode(text);
const mb = bytes.length / 1e6;

const median = (runs, f) => medianMs(runs, f) / 1000;

if (api.format(text) !== text) throw new Error('round trip failed');
const runs = 7;
const rows = [
  ['format(text): read + write in wasm', median(runs, () => api.format(text))],
  ['format(bytes): read + write in wasm', median(runs, () => api.format(bytes))],
  ['parse(text) -> object (read, write, JSON.parse)', median(runs, () => api.parse(text))],
  ['V8 JSON.parse + JSON.stringify(v, null, 4)', median(runs, () => JSON.stringify(JSON.parse(text), null, 4))],
  ['V8 JSON.parse', median(runs, () => JSON.parse(text))],
];
const v8 = rows[3][1];
console.log(`| operation (${bytes.length} bytes) | median ms | MB/s | time vs V8 parse+stringify |`);
console.log('|---|---|---|---|');
for (const [name, s] of rows) {
  console.log(`| ${name} | ${(s * 1000).toFixed(1)} | ${(mb / s).toFixed(0)} | ${(s / v8).toFixed(2)}x |`);
}
