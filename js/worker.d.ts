// The package's Web Worker (worker.js) exports nothing: it is started by `createWorkerCore()`
// (worker-client.js). These are the messages it reads and writes, for code that talks to it
// directly.

/** The calls the worker answers. */
export type WorkerCall = 'parse' | 'validate' | 'layout' | 'layoutDrawing' | 'format' | 'findTree' | 'version';

/** A message to the worker: call `call` with `args` (the main entry's arguments). */
export interface WorkerRequest {
  id: number;
  call: WorkerCall;
  args: unknown[];
}

/** A thrown error as data: the class `name` (`ParseError`, `OptionsError`…), its `message`,
 *  `code` and the class's own fields (`path`, `line`, `column`, `problems`, `message_zh`). */
export interface WorkerErrorData {
  name: string;
  message: string;
  code?: string;
  [field: string]: unknown;
}

/** The worker's answer to the request with the same `id`: the result, or the error thrown. */
export type WorkerReply = { id: number; ok: unknown } | { id: number; error: WorkerErrorData };
