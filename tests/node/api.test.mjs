// The JS API of the built package, in Node: the same fixtures as the native and browser tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import api from './load.mjs';
import { fixtureTreeText, readFixture } from '../fixtures/fixture.mjs';

const fixtures = new URL('../fixtures/', import.meta.url);
const list = (dir) => readdirSync(new URL(dir, fixtures)).filter((f) => f.endsWith('.json')).sort();
const read = (path) => readFileSync(new URL(path, fixtures));

test('every fixture tree round-trips byte for byte, as text and as bytes', () => {
  const trees = list('trees/');
  assert.ok(trees.length >= 5);
  for (const name of trees) {
    const bytes = read(`trees/${name}`);
    const text = bytes.toString('utf8');
    assert.equal(api.format(text), text, name);
    assert.equal(api.format(new Uint8Array(bytes)), text, name);
  }
});

test('parse gives the object JSON.parse gives, keys in order', () => {
  for (const name of list('trees/')) {
    const text = read(`trees/${name}`).toString('utf8');
    const tree = api.parse(text);
    assert.deepStrictEqual(tree, JSON.parse(text), name);
    assert.deepStrictEqual(Object.keys(tree), Object.keys(JSON.parse(text)), name);
  }
});

test('an object is written back in the default layout', () => {
  const text = read('trees/seed_create_task.json').toString('utf8');
  assert.equal(api.format(JSON.parse(text)), text);
  assert.equal(api.format(text, { indent: 'compact', finalNewline: false }), JSON.stringify(JSON.parse(text)));
  assert.equal(api.format(text, { indent: 'tab' }), read('trees/seed_tab.json').toString('utf8'));
});

test('every malformed fixture throws a ParseError with its message and place', () => {
  const names = list('malformed/');
  assert.ok(names.length >= 20);
  for (const name of names) {
    const expected = read(`malformed/${name.replace(/\.json$/, '.expected')}`).toString('utf8').trimEnd().split('\n');
    const [code, path, place] = expected[1].split(' ');
    const [line, column] = place.split(':').map(Number);
    assert.throws(
      () => api.parse(new Uint8Array(read(`malformed/${name}`))),
      (err) => {
        assert.ok(err instanceof Error, name);
        assert.equal(err.name, 'ParseError', name);
        assert.ok(err instanceof api.ParseError && err instanceof api.PipelineTreeError, name);
        assert.equal(err.message, expected[0], name);
        assert.equal(err.code, code, name);
        assert.equal(err.path, path, name);
        assert.equal(err.line, line, name);
        assert.equal(err.column, column, name);
        assert.equal(err.problems.length, expected.length - 1, name);
        return true;
      },
    );
  }
});

test('inputs of the wrong kind throw OptionsError', () => {
  assert.throws(() => api.parse(42), api.OptionsError);
  assert.throws(() => api.parse({}), api.OptionsError);
  assert.throws(() => api.format(undefined), api.OptionsError);
  const cyclic = {};
  cyclic.self = cyclic;
  assert.throws(() => api.format(cyclic), api.OptionsError);
});

test('limits are options', () => {
  assert.throws(() => api.parse('{"a": [[[1]]]}', { maxDepth: 3 }), { code: 'too-deep' });
  assert.throws(() => api.parse('{"a": "abcdef"}', { maxStringBytes: 3 }), { code: 'string-too-long', path: '$.a' });
  assert.throws(() => api.parse('{"a": 1}', { maxInputBytes: 4 }), { code: 'input-too-large' });
  assert.equal(typeof api.version(), 'string');
});

test('validate gives every rule fixture its expected report', () => {
  const names = list('rules/');
  assert.ok(names.length >= 60);
  for (const name of names) {
    const base = name.replace(/\.json$/, '');
    const fixture = readFixture(`rules/${name}`);
    const expected = read(`rules/${base}.expected`).toString('utf8');
    const report = api.validate(JSON.stringify(fixture.tree, null, 4), fixture.options);
    const want = expected.split('\n').filter((l) => /^(error|warning) /.test(l)).map((l) => l.split(' ')[1]);
    assert.deepStrictEqual(report.diagnostics.map((d) => d.code), want, base);
    assert.equal(report.valid, expected.startsWith('valid: true'), base);
    assert.equal(report.valid, !report.diagnostics.some((d) => d.severity === 'error'), base);
    if (!report.engine.valid) {
      assert.ok(report.diagnostics.some((d) => d.code === report.engine.error.code && d.severity === 'error'), base);
    }
  }
});

test('validate options: rule levels, presets, object input, converge writing', () => {
  const text = fixtureTreeText('rules/GW010.json');
  const code = (r) => r.diagnostics.find((d) => d.code === 'GW010')?.severity;
  assert.equal(code(api.validate(text)), 'warning');
  assert.equal(code(api.validate(text, { preset: 'task' })), 'error');
  assert.equal(code(api.validate(text, { rules: { GW010: 'off' } })), undefined);
  assert.throws(() => api.validate(text, { rules: { NOPE1: 'off' } }), api.OptionsError);
  assert.throws(() => api.validate(text, { cycles: 'sometimes' }), api.OptionsError);
  const r = api.validate(JSON.parse(text), { writeConverge: true });
  assert.equal(r.tree.gateways.pg.converge_gateway_id, 'cg2');
  assert.deepStrictEqual(r.engine.converge, { eg: 'cg1', pg: 'cg2' });
  assert.throws(() => api.validate('[1]'), (e) => e instanceof api.ParseError && e.code === 'not-a-tree');
  assert.deepStrictEqual(api.allowedStartNodes(text), ['s', 'a1', 'eg', 'a2', 'pg']);
  assert.deepStrictEqual(api.skippedNodes(text, 'pg'), ['s', 'a1', 'a2', 'a3', 'eg', 'cg1']);
  assert.equal(api.canConnect(text, 'eg', 'a4'), null);
  assert.equal(api.canConnect(text, 's', 'e').code, 'FE004');
  const rules = api.rules();
  assert.ok(rules.find((r) => r.code === 'GW004').summary_zh.includes('汇聚网关'));
});
