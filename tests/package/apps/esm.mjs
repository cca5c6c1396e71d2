// Node, ES module: `import` the package, run the scenario on the tree file given, print JSON.
import init, * as api from 'pipeline-tree';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { scenario } from './scenario.mjs';

await init();
const out = scenario(api, readFileSync(process.argv[2], 'utf8'));
// `import` and `require` share one module instance (one wasm memory, one set of classes).
const required = createRequire(import.meta.url)('pipeline-tree');
out.sameInstance = required.Editor === api.Editor && required.ParseError === api.ParseError;
console.log(JSON.stringify(out));
