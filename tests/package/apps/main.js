// The browser app (bundled by Vite and by webpack): init from the bundled .wasm asset, run the
// scenario, publish the summary on window.__result.
import init, * as api from 'pipeline-tree';
import { scenario } from './scenario.mjs';
import tree from './tree.js';

init()
  .then(() => {
    window.__result = scenario(api, tree);
  })
  .catch((e) => {
    window.__result = { error: String(e && e.stack ? e.stack : e) };
  });
