// Hostile input across the JS boundary: prototypes never polluted, limits enforced and
// configurable, memory bounded over 100,000 editor operations, and Editors' memory reused after
// free() and after garbage collection (FinalizationRegistry).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
import api from './load.mjs';

const hostile = (name) => readFileSync(new URL(`../fixtures/hostile/${name}.json`, import.meta.url), 'utf8');
const seed = readFileSync(new URL('../fixtures/trees/seed_create_task.json', import.meta.url), 'utf8');
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');
const settle = () => new Promise((r) => setTimeout(r, 10));

/** start -> t1 -> ... -> tN -> end, with line and location, as text. */
const chain = (n) => {
  const t = { start_event: { id: 's', name: '', type: 'EmptyStartEvent', incoming: '', outgoing: 'f0' },
    end_event: { id: 'e', name: '', type: 'EmptyEndEvent', incoming: [`f${n}`], outgoing: '' },
    activities: {}, gateways: {}, flows: {}, constants: {}, outputs: [], line: [], location: [] };
  const ids = ['s', ...Array.from({ length: n }, (_, i) => `t${i + 1}`), 'e'];
  ids.forEach((id, i) => {
    if (i > 0 && i <= n) {
      t.activities[id] = { id, name: `task ${i}`, type: 'ServiceActivity', incoming: [`f${i - 1}`], outgoing: `f${i}`,
        component: { code: 'job_execute', data: { script: { hook: false, value: 'echo '.repeat(20) } }, version: '1.0' } };
    }
    t.location.push({ id, type: i === 0 ? 'startpoint' : i > n ? 'endpoint' : 'tasknode', x: 200 * i, y: 100 });
    if (i > n) return;
    t.flows[`f${i}`] = { id: `f${i}`, source: id, target: ids[i + 1], is_default: false };
    t.line.push({ id: `f${i}`, source: { id, arrow: 'Right' }, target: { id: ids[i + 1], arrow: 'Left' } });
  });
  return JSON.stringify(t, null, 4);
};

const clean = () => {
  assert.equal(({}).polluted, undefined, 'Object.prototype polluted');
  assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
  for (const k of Object.getOwnPropertyNames(Object.prototype)) {
    assert.ok(!['alert', 'name', 'incoming'].includes(k), `Object.prototype got ${k}`);
  }
};

test('ids like __proto__ and constructor stay own keys everywhere; no prototype is touched', () => {
  const text = hostile('proto_and_html_ids');
  const tree = api.parse(text);
  for (const id of ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty']) {
    assert.ok(Object.hasOwn(tree.activities, id), `activities.${id} is an own key`);
    assert.equal(tree.activities[id].id, id);
  }
  assert.equal(Object.getPrototypeOf(tree.activities), Object.prototype);
  assert.equal(tree.activities.__proto__.name, '<img src=x onerror=alert(1)>');
  assert.ok(Object.hasOwn(tree.constants, '${__proto__}'));
  // the object form goes back in and out unchanged
  assert.deepEqual(api.parse(api.format(tree)), tree);
  const report = api.validate(tree);
  assert.equal(report.valid, true);
  assert.equal(report.engine.valid, true);
  const ed = new api.Editor(text, { seed: 3 });
  const out = ed.apply({ op: 'removeNode', id: '__proto__', reconnect: true });
  assert.ok(out.delta.nodes.removed.includes('__proto__'));
  assert.equal(Object.hasOwn(ed.tree().activities, '__proto__'), false);
  ed.undo();
  assert.equal(ed.export(), text);
  ed.apply({ op: 'updateNode', id: 'constructor', fields: { name: '__proto__' } });
  assert.equal(ed.tree().activities.constructor.name, '__proto__');
  ed.free();
  const laid = api.layout(text);
  assert.ok(laid.location.some((l) => l.id === '__proto__'));
  const body = api.buildCreateTaskPayload(text, { name: 't', creator: 'admin' });
  assert.ok(Object.hasOwn(body.body.pipeline_tree.activities, '__proto__'));
  clean();
});

test('every hostile file gives a result or a typed error, never a crash', () => {
  const names = ['flow_to_itself', 'flow_to_missing_node', 'flow_from_missing_node', 'flow_to_a_flow',
    'flow_listed_twice', 'ids_shared_across_kinds', 'proto_and_html_ids', 'rtl_and_zero_width',
    'numbers_as_ids', 'nan', 'huge_numbers', 'cycle_self', 'cycle_two_tasks', 'cycle_through_exclusive',
    'cycle_into_start', 'cycle_without_exit', 'cycle_of_gateways', 'conditions_naming_missing_flows',
    'empty_object', 'null_sections', 'deep_json_at_limit', 'deep_subprocess_100'];
  for (const name of names) {
    const text = hostile(name);
    let report;
    try {
      report = api.validate(text);
    } catch (e) {
      assert.ok(e instanceof api.ParseError, `${name}: ${e}`);
      assert.match(e.code, /^(not-a-tree|invalid-json)$/, name);
      continue;
    }
    assert.equal(typeof report.valid, 'boolean', name);
    assert.equal(report.valid, !report.diagnostics.some((d) => d.severity === 'error'), name);
    for (const mode of ['sops', 'layered']) api.layout(text, { mode });
    const ed = new api.Editor(text, {});
    ed.apply({ op: 'repairDrawing' });
    if (ed.canUndo) ed.undo();
    assert.equal(ed.export(), text, `${name}: undo restores the text`);
    ed.free();
  }
  clean();
});

test('limits: defaults, per call, set for every later call, and refused values', () => {
  const defaults = api.getLimits();
  assert.deepEqual(defaults, {
    maxInputBytes: 64 * 1024 * 1024, maxDepth: 512, maxStringBytes: 16 * 1024 * 1024,
    maxNodes: 200000, maxFlows: 400000,
  });
  const nodes = Object.keys(api.parse(seed).activities).length + Object.keys(api.parse(seed).gateways).length + 2;
  try {
    assert.deepEqual(api.setLimits({ maxNodes: nodes - 1 }), { ...defaults, maxNodes: nodes - 1 });
    for (const call of [() => api.validate(seed), () => new api.Editor(seed), () => api.layout(seed),
      () => api.buildCreateTaskPayload(seed, { name: 't', creator: 'a' })]) {
      assert.throws(call, (e) => e instanceof api.ParseError && e.code === 'too-many-nodes'
        && e.message.includes(`${nodes} nodes, more than the limit of ${nodes - 1}`));
    }
    // a call's own options win
    assert.equal(api.validate(seed, { maxNodes: nodes }).engine.valid, true);
    api.setLimits({ maxNodes: nodes, maxFlows: 1 });
    assert.throws(() => api.validate(seed), (e) => e.code === 'too-many-flows');
    api.setLimits({ maxFlows: 400000, maxInputBytes: 100 });
    assert.throws(() => api.validate(seed), (e) => e.code === 'input-too-large');
    for (const bad of [{ maxNodes: -1 }, { maxNodes: 1.5 }, { maxNodes: '10' }, { maxNode: 10 }, { maxDepth: 0 }]) {
      const before = api.getLimits();
      assert.throws(() => api.setLimits(bad), (e) => e instanceof api.OptionsError && e.code === 'invalid-argument', JSON.stringify(bad));
      assert.deepEqual(api.getLimits(), before, 'a refused call changes nothing');
    }
    assert.throws(() => api.setLimits(null), api.OptionsError);
  } finally {
    api.setLimits(defaults);
  }
  // nesting past the ceiling is refused whatever the limit says
  const deep = `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`;
  assert.throws(() => api.parse(deep, { maxDepth: 1e6 }), (e) => e.code === 'too-deep');
  assert.deepEqual(api.getLimits(), defaults);
});

test('100,000 operations on one Editor keep wasm memory bounded', () => {
  const ed = new api.Editor(chain(500), { seed: 11 });
  const task = 't250';
  const samples = [];
  const t0 = performance.now();
  for (let i = 1; i <= 100000; i++) {
    switch (i % 5) {
      case 1: ed.apply({ op: 'addNode', type: 'tasknode', x: i % 900, y: i % 500, name: `n${i}` }); break;
      case 2: ed.undo(); break;
      case 3: ed.redo(); break;
      case 4: ed.undo(); break; // the tree is back to its size; the redo stack holds one step
      default: ed.apply(i % 10 ? { op: 'move', nodes: [{ id: task, x: i % 700, y: i % 300 }] }
        : { op: 'updateNode', id: task, fields: { name: `name ${i}` } });
    }
    if (i % 10000 === 0) samples.push(api.wasmMemoryBytes());
  }
  const ms = performance.now() - t0;
  console.log(`# memory every 10,000 operations (MB): ${samples.map((b) => (b / 2 ** 20).toFixed(1)).join(' ')}; ${(ms / 100).toFixed(1)} µs per operation; history ${ed.historyLength}`);
  // the history keeps its default limit, and memory stops growing once it is full
  assert.equal(ed.historyLength, 500);
  assert.ok(samples[9] <= samples[1] * 1.25 + 2 ** 20, `grew from ${samples[1]} to ${samples[9]}`);
  ed.free();
});

test('dropped Editors give their memory back: free(), and the garbage collector', async () => {
  const big = chain(2000);
  const round = async (free) => {
    for (let i = 0; i < 40; i++) {
      let ed = new api.Editor(big, { seed: i });
      for (let k = 0; k < 50; k++) ed.apply({ op: 'addNode', type: 'tasknode', x: k, y: k });
      if (free) ed.free();
      ed = null;
      if (!free && i % 4 === 3) { gc(); await settle(); }
    }
    gc(); await settle();
    return api.wasmMemoryBytes();
  };
  const first = await round(true);
  const afterFree = await round(true);
  const afterGc = await round(false);
  const afterGc2 = await round(false);
  console.log(`# a ${(big.length / 2 ** 20).toFixed(1)} MB tree of 2,000 tasks; wasm memory (MB): after 40 freed ${(first / 2 ** 20).toFixed(1)}, 40 more freed ${(afterFree / 2 ** 20).toFixed(1)}, 40 collected ${(afterGc / 2 ** 20).toFixed(1)}, 40 more collected ${(afterGc2 / 2 ** 20).toFixed(1)}`);
  assert.ok(afterFree <= first * 1.1, 'free() gives memory back');
  assert.ok(afterGc2 <= afterGc * 1.1 + 2 ** 20, 'collected Editors give memory back');
});
