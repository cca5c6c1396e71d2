// Loads the built package (pkg/, wasm-pack --target web) in Node, as a script using it would.
import { readFileSync } from 'node:fs';
import * as api from '../../pkg/pipeline_tree.js';

api.initSync({ module: readFileSync(new URL('../../pkg/pipeline_tree_bg.wasm', import.meta.url)) });

export default api;
