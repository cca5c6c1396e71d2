// The package's Web Worker (pkg/worker.js, started by pkg/worker-client.js), in headless
// Chromium on the page's origin: a generated 1,000-node tree validated, laid out (whole, and
// `layoutDrawing`'s location and line only), parsed, formatted and found in the worker gives
// exactly what the main thread's functions give; bad
// input and bad options reject with the same error classes, codes and fields; and the main
// thread keeps drawing frames while the worker validates a 10,000-node tree. Prints the
// times of both sides.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { open, generate } from './helpers.mjs';

let page, close, consoleErrors;

before(async () => {
  ({ page, close, consoleErrors } = await open());
  await page.evaluate(async () => {
    const { createWorkerCore } = await import('/pkg/worker-client.js');
    const core = await import('/pkg/index.js');
    await core.default();
    window.__worker = createWorkerCore();
    window.__core = core;
  });
});
after(async () => {
  await page?.evaluate(() => window.__worker?.terminate());
  await close?.();
});

test('the worker gives what the main thread gives on a 1,000-node tree', async (t) => {
  const text = JSON.stringify(generate(1000), null, 4);
  const out = await page.evaluate(async (text) => {
    const w = window.__worker, core = window.__core;
    await w.version(); // loaded
    const same = {};
    for (const [call, args] of [
      ['validate', [text]], ['validate', [text, { preset: 'task', cycles: 'forbid' }]],
      ['layout', [text]], ['layout', [text, { mode: 'layered' }]],
      ['parse', [text]], ['format', [text, { indent: 2 }]], ['findTree', [text]], ['version', []],
    ]) {
      same[`${call} ${JSON.stringify(args.slice(1))}`] = JSON.stringify(await w[call](...args)) === JSON.stringify(core[call](...args));
    }
    // layoutDrawing: layout's location and line (and warning) only
    const pick = ({ location, line, warning }) => (warning === undefined ? { location, line } : { location, line, warning });
    same['layoutDrawing'] = JSON.stringify(await w.layoutDrawing(text, { mode: 'layered' })) === JSON.stringify(pick(core.layout(text, { mode: 'layered' })));
    // An object tree is taken too (structured-cloned to the worker).
    same['validate object'] = JSON.stringify(await w.validate(JSON.parse(text))) === JSON.stringify(core.validate(JSON.parse(text)));
    const time = async (f) => { const t0 = performance.now(); await f(); return performance.now() - t0; };
    const times = { worker: [], main: [] };
    for (let i = 0; i < 5; i++) {
      times.worker.push(await time(() => w.validate(text)));
      times.main.push(await time(() => core.validate(text)));
    }
    const median = (xs) => xs.sort((a, b) => a - b)[2];
    const report = core.validate(text);
    return { same, worker: median(times.worker), main: median(times.main), valid: report.valid, nodes: Object.keys(core.parse(text).activities).length };
  }, text);
  t.diagnostic(`validate, 1,000 nodes (median of 5): worker ${out.worker.toFixed(1)} ms (with messaging), main thread ${out.main.toFixed(1)} ms`);
  for (const [what, same] of Object.entries(out.same)) assert.ok(same, `${what} differs`);
  assert.equal(out.valid, true);
  assert.ok(out.nodes > 500);
  assert.deepEqual(consoleErrors, []);
});

test('errors reject with the same class, code and fields as the main thread throws', async () => {
  const out = await page.evaluate(async () => {
    const w = window.__worker, core = window.__core;
    const caught = async (f) => { try { await f(); return null; } catch (e) { return e; } };
    const describe = (e) => e && ({ name: e.name, message: e.message, fields: JSON.stringify({ ...e }),
      parse: e instanceof core.ParseError, options: e instanceof core.OptionsError, base: e instanceof core.PipelineTreeError });
    const cases = [
      [() => w.validate('{"activities": '), () => core.validate('{"activities": ')],
      [() => w.parse('{"a": 1, "a": 2}'), () => core.parse('{"a": 1, "a": 2}')],
      [() => w.findTree('[1]'), () => core.findTree('[1]')],
      [() => w.layout('{"activities": {}}', { mode: 'nope' }), () => core.layout('{"activities": {}}', { mode: 'nope' })],
      [() => w.format(42), () => core.format(42)],
    ];
    const out = [];
    for (const [inWorker, onMain] of cases) out.push([describe(await caught(inWorker)), describe(await caught(onMain))]);
    return out;
  });
  for (const [worker, main] of out) {
    assert.ok(main, 'the main thread threw');
    assert.deepEqual(worker, main);
  }
  assert.equal(out[0][0].parse, true);
  assert.equal(JSON.parse(out[0][0].fields).code, 'invalid-json');
  assert.equal(JSON.parse(out[1][0].fields).code, 'duplicate-key');
  assert.equal(out[3][0].options, true);
  assert.equal(JSON.parse(out[3][0].fields).code, 'invalid-argument');
});

test('the main thread keeps drawing frames while the worker validates a 10,000-node tree', async (t) => {
  const text = JSON.stringify(generate(10000));
  const out = await page.evaluate(async (text) => {
    const w = window.__worker, core = window.__core;
    let frames = 0, running = true;
    const tick = () => { frames++; if (running) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    let t0 = performance.now();
    const start = frames;
    const report = await w.validate(text);
    const worker = { ms: performance.now() - t0, frames: frames - start };
    // The same call on the main thread, between two frames: no frame can be drawn meanwhile.
    t0 = performance.now();
    const same = JSON.stringify(core.validate(text)) === JSON.stringify(report);
    const main = performance.now() - t0;
    running = false;
    return { worker, main, same };
  }, text);
  t.diagnostic(`validate, 10,000 nodes: worker ${out.worker.ms.toFixed(0)} ms with ${out.worker.frames} frames drawn meanwhile; main thread ${out.main.toFixed(0)} ms blocked`);
  assert.ok(out.same);
  // About one frame per 16.7 ms; at least one per 100 ms, whatever the machine's load.
  assert.ok(out.worker.frames >= Math.max(2, Math.floor(out.worker.ms / 100)), `${out.worker.frames} frames in ${out.worker.ms} ms`);
});

test('terminate rejects the calls still waiting, and every later call', async () => {
  const out = await page.evaluate(async () => {
    const { createWorkerCore } = await import('/pkg/worker-client.js');
    const w = createWorkerCore();
    const waiting = w.version();
    w.terminate();
    const msg = async (p) => { try { await p; return 'resolved'; } catch (e) { return e.message; } };
    return [await msg(waiting), await msg(w.validate('{}'))];
  });
  assert.match(out[0], /terminated/);
  assert.match(out[1], /terminated/);
});
