// Times one build of the wasm in Node: import+validate of a 10k-node tree, layered layout of a
// 1k-node tree, and the create-task body of a 1k-node tree (medians of 7 runs, ms).
// Usage: node benches/size.mjs GLUE.js WASM TREE10K TREE1K   (prints one JSON line)
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { median } from './median.mjs';

const [glue, wasm, big, small] = process.argv.slice(2);
const api = await import(pathToFileURL(glue).href);
api.initSync({ module: readFileSync(wasm) });
const bigText = readFileSync(big, 'utf8');
const smallText = readFileSync(small, 'utf8');
const fields = { name: 'bench', creator: 'admin' };
api.validate(bigText);
console.log(JSON.stringify({
  validate10k: median(7, () => api.validate(bigText)),
  layout1k: median(7, () => api.layout(smallText, { mode: 'layered' })),
  createTask1k: median(7, () => api.buildCreateTaskPayload(smallText, fields)),
}));
