// Auto-layout from JS: the `layout` function and the Editor's `layout` operation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import api from './load.mjs';
import { fixtureTreeText, readFixture } from '../fixtures/fixture.mjs';

// The tree of a layout fixture, as text.
const fixture = (name) => fixtureTreeText(`layout/${name}.json`);
const expected = (name) => JSON.parse(readFileSync(new URL(`../fixtures/layout/${name}.expected.json`, import.meta.url), 'utf8'));

test('sops mode draws SOPS\'s golden tree exactly', () => {
  const { options } = readFixture('layout/with_gateways.json');
  const r = api.layout(fixture('with_gateways'), options);
  const want = expected('with_gateways');
  assert.deepEqual(Object.fromEntries(r.location.map((l) => [l.id, [l.x, l.y]])), want.location);
  assert.deepEqual(Object.fromEntries(r.line.map((l) => [l.id, [l.source.arrow, l.target.arrow]])), want.line);
  assert.equal(r.routes.f10.length, 2); // the long flow n55c89 -> nfc24e crosses two columns
  assert.deepEqual(r.tree.location, r.location);
});

test('editor sizes and canvas width are options', () => {
  const { options } = readFixture('layout/with_gateways_editor_sizes.json');
  assert.deepEqual(options, { mode: 'sops', sizes: 'editor', canvasWidth: 1000 });
  const r = api.layout(fixture('with_gateways_editor_sizes'), options);
  const want = expected('with_gateways_editor_sizes');
  assert.deepEqual(Object.fromEntries(r.location.map((l) => [l.id, [l.x, l.y]])), want.location);
});

test('layered mode places every node once and overlaps none', () => {
  const tree = JSON.parse(fixture('with_gateways'));
  const r = api.layout(tree, { mode: 'layered' });
  assert.equal(r.location.length, 10);
  assert.equal(r.line.length, Object.keys(tree.flows).length);
  const y = Object.fromEntries(r.location.map((l) => [l.id, l.y]));
  assert.equal(y.nd97fe, y.nbb539, 'a gateway is level with its converge gateway');
  const { flows, activities, gateways } = r.tree;
  assert.deepEqual({ flows, activities, gateways }, { flows: tree.flows, activities: tree.activities, gateways: tree.gateways });
});

test('bad options throw an OptionsError naming the option', () => {
  assert.throws(() => api.layout(fixture('with_circle'), { mode: 'diagonal' }), (e) => e instanceof api.OptionsError && /'mode'/.test(e.message));
  assert.throws(() => api.layout(fixture('with_circle'), { start: [1] }), (e) => e instanceof api.OptionsError && /'start'/.test(e.message));
  assert.throws(() => api.layout('{"a":', {}), (e) => e instanceof api.ParseError);
});

test('the Editor lays out in one undoable step', () => {
  const text = fixture('with_circle');
  const ed = new api.Editor(text, { diagnostics: true });
  const out = ed.apply({ op: 'layout' });
  assert.equal(out.delta.locations.added.length, 6);
  assert.equal(out.delta.lines.added.length, 6);
  assert.deepEqual(ed.inconsistencies(), []);
  const placed = ed.tree().location.find((l) => l.id === 'c814');
  assert.deepEqual([placed.x, placed.y], [170, 100]);
  ed.undo();
  assert.equal(ed.export(), text);
  ed.redo();
  ed.apply({ op: 'layout', mode: 'layered', keepPlaced: true });
  const again = ed.tree().location.find((l) => l.id === 'c814');
  assert.deepEqual([again.x, again.y], [170, 100], 'keepPlaced moves no placed node');
});
