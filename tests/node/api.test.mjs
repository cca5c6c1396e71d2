// The JS API of the built package, in Node: the same fixtures as the native and browser tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import api from './load.mjs';

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

test('every malformed fixture throws a PipelineTreeError with its message and place', () => {
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
        assert.equal(err.name, 'PipelineTreeError', name);
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

test('inputs of the wrong kind throw TypeError', () => {
  assert.throws(() => api.parse(42), TypeError);
  assert.throws(() => api.parse({}), TypeError);
  assert.throws(() => api.format(undefined), TypeError);
  const cyclic = {};
  cyclic.self = cyclic;
  assert.throws(() => api.format(cyclic), TypeError);
});

test('limits are options', () => {
  assert.throws(() => api.parse('{"a": [[[1]]]}', { maxDepth: 3 }), { code: 'too-deep' });
  assert.throws(() => api.parse('{"a": "abcdef"}', { maxStringBytes: 3 }), { code: 'string-too-long', path: '$.a' });
  assert.throws(() => api.parse('{"a": 1}', { maxInputBytes: 4 }), { code: 'input-too-large' });
  assert.equal(typeof api.version(), 'string');
});
