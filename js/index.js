// @ts-check
// The package entry for browsers and bundlers (an ES module). Call `init()` once before
// anything else; it fetches `pipeline_tree_bg.wasm` from beside this file (bundlers emit it as an
// asset), or takes the module, bytes, URL or Response you pass.
import wasmInit, { initSync as wasmInitSync } from './pipeline_tree.js';
import * as glue from './pipeline_tree.js';
import * as errors from './errors.js';

export * from './pipeline_tree.js';
export * from './errors.js';

// The glue's internal export (not declared: it is not part of the API).
const register = () => /** @type {any} */ (glue).__registerErrorClasses({ ...errors });

/** Loads the WebAssembly module; resolves when every function can be called. */
export default async function init(input) {
  await wasmInit(input === undefined ? undefined : { module_or_path: input });
  register();
}

/** Loads the WebAssembly module from a `WebAssembly.Module` or its bytes, synchronously. */
export function initSync(module) {
  wasmInitSync({ module });
  register();
}
