import type { parse, validate, layout, format, findTree, version } from './pipeline_tree.js';

/** A function of the main entry, called in the worker: the same arguments, its result as a
 *  promise; a thrown error rejects it as the same class (`ParseError`, `OptionsError`…). */
export type InWorker<F extends (...args: any[]) => any> = (...args: Parameters<F>) => Promise<ReturnType<F>>;

/** The core's stateless calls, run in a Web Worker. */
export interface WorkerCore {
  parse: InWorker<typeof parse>;
  validate: InWorker<typeof validate>;
  layout: InWorker<typeof layout>;
  /** `layout`'s `location`, `line` and `warning` only (what an Editor's `setDrawing`
   *  operation applies): the tree and the routes are not sent back. */
  layoutDrawing: (...args: Parameters<typeof layout>) => Promise<Pick<ReturnType<typeof layout>, 'location' | 'line' | 'warning'>>;
  format: InWorker<typeof format>;
  findTree: InWorker<typeof findTree>;
  version: InWorker<typeof version>;
  /** Stops the worker; calls still waiting reject. */
  terminate(): void;
}

/** Starts the package's worker (a module worker: worker.js beside this file, or `url`) and
 *  returns its calls. The worker loads the `.wasm` itself; calls made before it has wait. */
export function createWorkerCore(url?: string | URL): WorkerCore;
