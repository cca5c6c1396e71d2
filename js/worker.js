// @ts-check
// The package's Web Worker: the core's stateless calls off the main thread. Started by
// `createWorkerCore()` (worker-client.js) as a module worker; loads the wasm the way index.js
// does in a browser (fetched from beside the glue), then answers `{id, call, args}` with
// `{id, ok: result}` or `{id, error: {name, message, code, ...fields}}` (the error's own fields:
// a ParseError's path, line, column, problems, message_zh), from which the client rebuilds the
// same error class.
import init, { parse, validate, layout, format, findTree, version } from './index.js';

/** `layout` with only what an Editor's `setDrawing` operation applies (`location`, `line`,
 *  and `warning` when there is one): the whole tree and the routes are not sent back. */
function layoutDrawing(input, options) {
  const { location, line, warning } = layout(input, options);
  return warning === undefined ? { location, line } : { location, line, warning };
}

/** The calls the worker answers. */
const CALLS = { parse, validate, layout, layoutDrawing, format, findTree, version };

const ready = init();

/** An error as plain data: its class name, message and own fields (structured-clone safe). */
function describe(e) {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e) };
  /** @type {Record<string, unknown>} */
  const out = { name: e.name, message: e.message };
  for (const [key, value] of Object.entries(e)) out[key] = value;
  return out;
}

self.addEventListener('message', async (event) => {
  const { id, call, args } = event.data ?? {};
  try {
    await ready;
    if (!Object.hasOwn(CALLS, call)) throw new TypeError(`the worker has no call ${JSON.stringify(call)}`);
    const ok = CALLS[call](...(Array.isArray(args) ? args : []));
    self.postMessage({ id, ok });
  } catch (e) {
    self.postMessage({ id, error: describe(e) });
  }
});
