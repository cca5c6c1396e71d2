// Every exported function and Editor method called with hostile arguments (wrong kinds, NaN,
// BigInt, symbols, cyclic objects, throwing getters and proxies, huge values): each call
// returns or throws a typed error, and the module keeps working afterwards. In wasm a panic
// would abort the module and lose every open Editor's edits, so after each call an Editor
// opened at the start must still export its text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import api from './load.mjs';

const seed = readFileSync(new URL('../fixtures/trees/seed_create_task.json', import.meta.url), 'utf8');
const cyclic = {}; cyclic.self = cyclic;
const throwing = { get activities() { throw new Error('getter'); } };
const proxy = new Proxy({}, { get() { throw new Error('proxy'); }, ownKeys() { throw new Error('proxy'); } });

const HOSTILE = [
  undefined, null, 0, -1, NaN, Infinity, -Infinity, 1e308, 2 ** 53 + 1, 12n, Symbol('s'), () => 1,
  true, '', 'x', '{', '[]', '{}', 'null', '"str"', '{"__proto__": {"polluted": 1}}', '['.repeat(100000),
  '\u0000', '\ud800', [], [1, [2]], {}, { __proto__: { activities: {} } }, cyclic, throwing, proxy,
  new Uint8Array([0xff, 0xfe, 0x00]), new Uint8Array(0), new Date(0), new Map([[1, 2]]), Object.freeze({ a: 1 }),
  { op: 'move', nodes: [{ id: 'x', x: NaN, y: Infinity }] }, { op: 'addNode', type: 'tasknode', x: 1e308, y: -1e308 },
  { op: 'batch', ops: [cyclic] }, { op: 'batch', ops: Array(2000).fill({ op: 'undo' }) },
  { op: '__proto__' }, { op: 'connect', source: '__proto__', target: 'constructor' },
  { preset: 'nope' }, { cycles: 12 }, { rules: { GW004: 'loud' } }, { rules: proxy }, { mode: 'layered', canvasWidth: -5 },
  { maxInputBytes: -1, maxDepth: NaN, maxNodes: 'many' }, { name: 12n },
];

const describe = (a) => {
  try { return typeof a === 'symbol' ? 'symbol' : String(a).slice(0, 30); } catch { return typeof a; }
};

// Only the package's own errors: a getter or proxy that throws is caught inside (a JS exception
// crossing a wasm frame that holds an Editor's borrow would leave the Editor unusable).
const allowed = (e) => e instanceof api.PipelineTreeError;

test('every function, every hostile argument: a result or a typed error, and the module lives on', () => {
  const witness = new api.Editor(seed, { seed: 1 });
  const before = witness.export();
  const fns = Object.entries(api).filter(([n, f]) => typeof f === 'function' && !n.startsWith('__')
    && !/Error$/.test(n) && !['init', 'initSync', 'default', 'Editor'].includes(n));
  assert.ok(fns.length >= 17, fns.map(([n]) => n).join());
  let calls = 0;
  const outcomes = {};
  const call = (name, f) => {
    calls++;
    try { f(); outcomes.returned = (outcomes.returned ?? 0) + 1; } catch (e) {
      assert.ok(allowed(e), `${name}: ${e?.constructor?.name}: ${e?.message ?? e}`);
      assert.ok(!(e instanceof WebAssembly.RuntimeError), `${name}: the module trapped: ${e.message}`);
      const k = e.constructor.name;
      outcomes[k] = (outcomes[k] ?? 0) + 1;
    }
    // the module still works, and the open Editor kept its text
    assert.equal(witness.export(), before, `${name}: an open Editor lost its text`);
  };
  for (const [name, f] of fns) {
    if (name === 'setLimits') continue; // tested in robust.test.mjs; it would change later calls
    for (const a of HOSTILE) {
      call(`${name}(${describe(a)})`, () => f(a));
      call(`${name}(seed, ${describe(a)})`, () => f(seed, a));
      call(`${name}(${describe(a)} ×3)`, () => f(a, a, a));
    }
  }
  for (const a of HOSTILE) {
    call(`new Editor(${describe(a)})`, () => new api.Editor(a).free());
    call(`new Editor(seed, ${describe(a)})`, () => new api.Editor(seed, a).free());
  }
  const ed = new api.Editor(seed, { seed: 2 });
  const methods = Object.getOwnPropertyNames(api.Editor.prototype)
    .filter((m) => m !== 'constructor' && m !== 'free' && !m.startsWith('__') && typeof ed[m] === 'function');
  assert.ok(methods.length >= 10, methods.join());
  for (const m of methods) {
    for (const a of HOSTILE) call(`Editor.${m}(${describe(a)})`, () => ed[m](a, a));
  }
  // the Editor that took all of that is still in step and exports text that reads
  assert.deepEqual(ed.inconsistencies(), []);
  api.parse(ed.export());
  ed.free();
  assert.equal(api.validate(seed).valid, true);
  console.log(`# ${calls} calls: ${Object.entries(outcomes).map(([k, n]) => `${n} ${k}`).join(', ')}`);
  witness.free();
});

test('a freed Editor refuses further calls with a clear error, not a crash', () => {
  const ed = new api.Editor(seed);
  ed.free();
  assert.throws(() => ed.export(), (e) => e instanceof Error && !(e instanceof WebAssembly.RuntimeError));
  assert.equal(api.validate(seed).valid, true);
});
