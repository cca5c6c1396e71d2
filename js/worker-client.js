// @ts-check
// The main-thread side of the package's Web Worker (worker.js): `createWorkerCore()` starts it
// and returns promise-returning twins of `parse`, `validate`, `layout`, `format`, `findTree`
// and `version`, taking the same arguments and rejecting with the same error classes as the
// main entry's functions, and `layoutDrawing` (`layout`'s `location`, `line` and `warning`
// only: what an Editor's `setDrawing` operation applies).
import * as errors from './errors.js';

/** The error a reply describes, as an instance of the package's class of that name. */
function rebuild(data) {
  const { name, message, ...fields } = data ?? {};
  const Class = Object.hasOwn(errors, name) ? errors[name] : Error;
  const error = new Class(message);
  if (Class === Error && typeof name === 'string') error.name = name;
  Object.assign(error, fields);
  return error;
}

/** Starts the worker (a module worker; `url` overrides where worker.js is) and returns the core's
 *  stateless calls as promises. */
export function createWorkerCore(url) {
  const worker = url === undefined
    ? new Worker(new URL('./worker.js', import.meta.url), { type: 'module' })
    : new Worker(url, { type: 'module' });
  /** @type {Map<number, {resolve: (v: any) => void, reject: (e: any) => void}>} */
  const pending = new Map();
  let next = 0;
  let stopped = null;
  const failAll = (error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.addEventListener('message', (event) => {
    const { id, ok, error } = event.data ?? {};
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    if (error) p.reject(rebuild(error));
    else p.resolve(ok);
  });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    stopped = new Error(`the pipeline-tree worker failed: ${event.message || 'it could not be loaded'}`);
    failAll(stopped);
  });
  const call = (name) => (...args) => {
    if (stopped) return Promise.reject(stopped);
    const id = next++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, call: name, args });
    });
  };
  return {
    parse: call('parse'),
    validate: call('validate'),
    layout: call('layout'),
    layoutDrawing: call('layoutDrawing'),
    format: call('format'),
    findTree: call('findTree'),
    version: call('version'),
    terminate() {
      worker.terminate();
      stopped = new Error('the pipeline-tree worker was terminated');
      failAll(stopped);
    },
  };
}
