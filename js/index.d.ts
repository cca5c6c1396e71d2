// Types of the package: every function, class and data shape of the core (declared in
// pipeline_tree.d.ts, from the Rust bindings), the error classes, and `init`.
import type { InitInput, SyncInitInput } from './pipeline_tree.js';

export * from './pipeline_tree.js';
export * from './errors.js';
export * from './tree.js';

/** Loads the WebAssembly module; call it once before anything else. With no argument it fetches
 *  `pipeline_tree_bg.wasm` from beside the package's JS (bundlers emit it as an asset). In Node
 *  the module is already loaded and this resolves at once. */
export default function init(input?: InitInput | Promise<InitInput>): Promise<void>;

/** Loads the WebAssembly module synchronously from a compiled module or its bytes. In Node it
 *  does nothing (the module is loaded on import). */
export function initSync(module?: SyncInitInput): void;
