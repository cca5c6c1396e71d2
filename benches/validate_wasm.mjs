// Import + full validation in wasm (Node), and V8's JSON.parse of the same text, on the files
// given. Prints `wasm FILE MS` and `json-parse FILE MS` (medians).
import { readFileSync } from 'node:fs';
import * as api from '../pkg/pipeline_tree.js';
import { median } from './median.mjs';

api.initSync({ module: readFileSync(new URL('../pkg/pipeline_tree_bg.wasm', import.meta.url)) });

for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  const runs = text.length > 20e6 ? 3 : 9;
  const opts = { maxInputBytes: 1 << 30, rules: rulesOff() };
  const report = api.validate(text, opts);
  void report;
  console.log(`json-parse ${file} ${median(runs, () => JSON.parse(text)).toFixed(2)}`);
  console.log(`wasm ${file} ${median(runs, () => api.validate(text, opts)).toFixed(2)}`);
}

// The rules BENCH_RULES_OFF lists (codes, comma-separated), turned off.
function rulesOff() {
  const off = {};
  for (const code of (process.env.BENCH_RULES_OFF ?? '').split(',')) if (code) off[code] = 'off';
  return off;
}
