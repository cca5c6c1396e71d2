// Import + full validation in wasm (the package in pkg/, as benches/validate_wasm.mjs uses it)
// beside V8's JSON.parse of the same text, on the files given, run in turn in one process
// (JSON.parse, validate, JSON.parse, validate...). Prints `json-parse FILE MS`, `wasm FILE MS`
// (medians) and `valid FILE 0|1` (the report's verdict). With BASELINE_PKG (another build of
// the package, e.g. of an earlier revision) its validate runs in the same turns and prints as
// `wasm-baseline FILE MS`.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as api from '../pkg/pipeline_tree.js';

api.initSync({ module: readFileSync(new URL('../pkg/pipeline_tree_bg.wasm', import.meta.url)) });
const baseDir = process.env.BASELINE_PKG;
const base = baseDir ? await import(pathToFileURL(resolve(baseDir, 'pipeline_tree.js')).href) : null;
base?.initSync({ module: readFileSync(resolve(baseDir, 'pipeline_tree_bg.wasm')) });

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const time = (f) => {
  const t = performance.now();
  f();
  return performance.now() - t;
};

for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  const runs = text.length > 50e6 ? 3 : 7;
  const opts = { maxInputBytes: 1 << 30 };
  const report = api.validate(text, opts);
  JSON.parse(text);
  const parse = [];
  const ours = [];
  const theirs = [];
  for (let i = 0; i < runs; i++) {
    parse.push(time(() => JSON.parse(text)));
    ours.push(time(() => api.validate(text, opts)));
    if (base) theirs.push(time(() => base.validate(text, opts)));
  }
  console.log(`json-parse ${file} ${median(parse).toFixed(2)}`);
  console.log(`wasm ${file} ${median(ours).toFixed(2)}`);
  if (base) console.log(`wasm-baseline ${file} ${median(theirs).toFixed(2)}`);
  console.log(`valid ${file} ${report.valid ? 1 : 0}`);
}
