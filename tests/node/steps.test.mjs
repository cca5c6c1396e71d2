// Opening a big tree without blocking, in Node: the page's mirror read a slice at a time
// (`Doc.mirrorOf`, www/doc.js, over the Editor's `treeParts`/`treePart`) equals `tree()`, key
// order and `__proto__` as a key included; and an Editor opened with
// `diagnostics.units: "in-steps"` ends, after `settle` slices and `refreshGraph`, with the
// diagnostics of one opened at once (`verdict()` saying the rest of the report). On every
// real tree (tests/realworld, MIT, see its README).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import api from './load.mjs';
import { Doc } from '../../www/doc.js';

const dir = new URL('../realworld/trees/', import.meta.url);
const trees = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const key = (d) => `${d.code}|${d.severity}|${d.node_id ?? ''}|${d.flow_id ?? ''}|${d.path ?? ''}|${d.message}`;
const sortedKeys = (report) => report.diagnostics.map(key).sort();

/** The mirror as the page reads it, `entries` entries of an object or array at a time. */
const mirror = (editor, entries) => new Doc(api).mirrorOf(editor, entries);

/** Each real tree's text and an Editor's options that open it (an export file with several
 *  templates: its first). */
const real = trees.map((file) => {
  const text = readFileSync(new URL(file, dir), 'utf8');
  const found = api.findTree(text);
  const template = found.templates?.[0]?.id;
  return { file, text, options: template === undefined ? {} : { template } };
});

test('the mirror read in slices equals tree() on every real tree', async () => {
  assert.equal(real.length, 132);
  for (const { file, text, options } of real) {
    const ed = new api.Editor(text, options);
    const whole = JSON.stringify(ed.tree());
    for (const entries of [1, 3, 500]) {
      assert.equal(JSON.stringify(await mirror(ed, entries)), whole, `${file}, ${entries} at a time`);
    }
    ed.free();
  }
});

test('slices keep key order and __proto__ as a key, as JSON.parse does', async () => {
  const text = '{"activities":{"b":1,"__proto__":{"x":1},"a":2,"c":4},"flows":{},'
    + '"line":[2,3,4],"location":[{"__proto__":5}]}';
  const ed = new api.Editor(text);
  const want = JSON.stringify(ed.tree());
  assert.equal(want, JSON.stringify(JSON.parse(text)), 'tree() is JSON.parse of the text');
  for (const entries of [1, 2, 500]) {
    const m = await mirror(ed, entries);
    assert.equal(JSON.stringify(m), want, `${entries} at a time`);
    assert.equal(Object.getPrototypeOf(m.activities), Object.prototype, 'no prototype was set');
    assert.deepEqual(Object.keys(m.activities), ['b', '__proto__', 'a', 'c']);
    assert.deepEqual(Object.keys(m), ['activities', 'flows', 'line', 'location']);
    assert.equal(Object.getPrototypeOf(m.location[0]), Object.prototype);
  }
  assert.deepEqual(ed.treeParts(), [
    { key: 'activities', size: 4 }, { key: 'flows', size: 0 }, { key: 'line', size: 3 },
    { key: 'location', size: 1 },
  ]);
  assert.deepEqual(ed.treePart(2, 1), [3, 4]);
  assert.deepEqual(ed.treePart(2, 2, 99), [4]);
  assert.deepEqual(ed.treePart(2, 5, 9), []);
  assert.deepEqual(Object.keys(ed.treePart(0, 1, 3)), ['__proto__', 'a']);
  assert.throws(() => ed.treePart(9), /no member 9/);
  assert.throws(() => ed.treePart(-1), /whole number/);
  ed.free();
});

test('an Editor opened in steps ends with the diagnostics of one opened at once, on every real tree', () => {
  let pendingSeen = 0;
  for (const { file, text, options } of real) {
    const atOnce = new api.Editor(text, { ...options, diagnostics: { graph: 'deferred' } });
    atOnce.refreshGraph();
    const ed = new api.Editor(text, { ...options, diagnostics: { graph: 'deferred', units: 'in-steps' } });
    const first = ed.diagnostics();
    assert.ok(first.graphStale, file);
    assert.deepEqual(ed.verdict(), { engine: first.engine, format: first.format, graphStale: true, pending: first.pending }, `${file}: verdict() while pending`);
    const running = new Map();
    const add = (d) => running.set(key(d), (running.get(key(d)) ?? 0) + 1);
    const drop = (d) => running.set(key(d), running.get(key(d)) - 1);
    first.diagnostics.forEach(add);
    let steps = 0;
    for (let left = first.pending ?? 0; left > 0; steps++) {
      const d = ed.settle(0);
      assert.ok((d.pending ?? 0) < left, `${file}: settle(0) runs a unit`);
      left = d.pending ?? 0;
      d.removed.forEach(drop);
      d.added.forEach(add);
    }
    pendingSeen += steps;
    const last = ed.refreshGraph();
    last.removed.forEach(drop);
    last.added.forEach(add);
    assert.equal(last.pending, undefined);
    const want = sortedKeys(atOnce.diagnostics());
    const report = ed.diagnostics();
    assert.deepEqual(sortedKeys(report), want, file);
    assert.deepEqual(ed.verdict(), { engine: report.engine, format: report.format, graphStale: false }, `${file}: verdict()`);
    const sum = [...running].flatMap(([k, n]) => Array(n).fill(k)).sort();
    assert.deepEqual(sum, want, `${file}: the deltas add up`);
    ed.free();
    atOnce.free();
  }
  // settle(0) runs at least one unit, and reads the clock every 16
  assert.ok(pendingSeen > 200, `${pendingSeen} slices`);
});

test('settle and treePart are refused without what they need', () => {
  const ed = new api.Editor(null);
  assert.throws(() => ed.settle(10), /diagnostics option/);
  assert.equal(new api.Editor(null, { diagnostics: { units: 'in-steps' } }).diagnostics().pending, 3 * 2 + 2 * 2 + 2 + 3);
  assert.throws(() => new api.Editor(null, { diagnostics: { units: 'later' } }), /diagnostics.units must be/);
  ed.free();
});
