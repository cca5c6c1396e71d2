// Wrapped trees through the built package: every fixture of tests/fixtures/wrapped/ (an API
// response, a request body, a SOPS export file, the tree held as JSON text, and inputs that
// hold no tree), compared with the `.expected` file the native tests check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import api from './load.mjs';
import { readFixture } from '../fixtures/fixture.mjs';

const fixtures = new URL('../fixtures/', import.meta.url);
const read = (rel) => readFileSync(new URL(rel, fixtures), 'utf8');
const names = readdirSync(new URL('wrapped/', fixtures)).filter((f) => f.endsWith('.json')).sort();
const EDITED = '--- the wrapper after the operations\n';

/** The value at a TreeSource path such as `$.data.pipeline_tree` or `$.a["5ad2…"].tree`. */
function at(value, path) {
  const keys = [...path.matchAll(/\.([A-Za-z_][\w]*)|\["((?:[^"\\]|\\.)*)"\]/g)].map((m) => m[1] ?? JSON.parse(`"${m[2]}"`));
  return keys.reduce((v, k) => v[k], value);
}

test('there is a wrapped fixture of every kind', () => {
  assert.ok(names.length >= 20, names.join());
});

for (const name of names) {
  test(`wrapped/${name}`, () => {
    const fx = readFixture(`wrapped/${name}`);
    const text = read(fx.fields.input);
    const expected = read(`wrapped/${name.replace(/\.json$/, '.expected')}`);
    const options = fx.options;
    if (!expected.startsWith('{')) {
      // A refusal: a ParseError with the code, path and both messages of the native error.
      const [, first, ...rest] = expected.trimEnd().split('\n');
      const [code, path] = first.split(' ');
      const zh = rest.find((l) => l.startsWith('zh ')).slice(3);
      for (const input of [text, new TextEncoder().encode(text)]) {
        assert.throws(() => api.parse(input, options), (e) => e instanceof api.ParseError && e.code === code
          && e.path === path && e.message_zh === zh && e.problems[0].message_zh === zh);
        assert.throws(() => new api.Editor(input, options), (e) => e instanceof api.ParseError && e.code === code);
      }
      if (code === 'template-required' && !('template' in options)) {
        // findTree lists the templates instead.
        const source = api.findTree(text);
        assert.equal(source.wrapper, 'export');
        assert.equal(source.template, undefined);
        assert.ok(source.templates.length > 1);
      }
      return;
    }
    const [head, edited] = expected.split(EDITED);
    const source = JSON.parse(head);
    const outer = JSON.parse(text);
    let bare = at(outer, source.path);
    if (source.text) bare = JSON.parse(bare);
    // Where the tree is, from text, bytes and the object.
    assert.deepStrictEqual(api.findTree(text, options), source);
    assert.deepStrictEqual(api.findTree(new TextEncoder().encode(text), options), source);
    assert.deepStrictEqual(api.findTree(outer, options), source);
    // The tree alone; the whole wrapper byte for byte.
    assert.deepStrictEqual(api.parse(text, options), bare);
    assert.deepStrictEqual(JSON.parse(api.format(text, options)), bare);
    assert.equal(api.format(text, { ...options, wrapper: 'keep' }), text);
    assert.equal(api.format(new TextEncoder().encode(text), { ...options, wrapper: 'keep' }), text);
    assert.equal(api.validate(text, options).valid, true);
    // The Editor opens it, says where it was, exports the tree or the wrapper.
    const ed = new api.Editor(text, { ...options, seed: 1 });
    assert.deepStrictEqual(ed.source(), source);
    assert.deepStrictEqual(ed.tree(), bare);
    assert.deepStrictEqual(JSON.parse(ed.export()), bare);
    assert.equal(ed.export({ wrapper: 'keep' }), text);
    assert.deepStrictEqual(ed.tree({ wrapper: 'keep' }), outer);
    if (fx.ops) {
      for (const op of fx.ops) ed.apply(op);
      assert.equal(ed.export({ wrapper: 'keep' }), edited);
      assert.deepStrictEqual(ed.tree({ wrapper: 'keep' }), JSON.parse(edited));
      // The edited wrapper reads back from the same place, as the edited tree.
      assert.deepStrictEqual(api.findTree(edited, options), source);
      assert.deepStrictEqual(api.parse(edited, options), ed.tree());
      while (ed.canUndo) ed.undo();
      assert.equal(ed.export({ wrapper: 'keep' }), text);
    }
    assert.throws(() => ed.export({ wrapper: 'both' }), (e) => e instanceof api.OptionsError);
    ed.free();
  });
}

test('a template is chosen by id, pipeline template id, name or number; a bad choice is refused', () => {
  const text = read('wrapped/inputs/export.json');
  const name = (o) => api.findTree(text, o).template.name;
  assert.equal(name({ template: '13' }), '回滚');
  assert.equal(name({ template: 13 }), '回滚');
  assert.equal(name({ template: '5ad26a77856c360585209702f5d3e614' }), '发布');
  assert.equal(name({ template: '发布' }), '发布');
  assert.throws(() => api.findTree(text, { template: '99' }), (e) => e.code === 'unknown-template' && /12 「发布」/.test(e.message));
  assert.throws(() => api.parse(text, { template: true }), (e) => e instanceof api.OptionsError);
  // A new template has no wrapper.
  const ed = new api.Editor();
  assert.equal(ed.source().wrapper, 'none');
  assert.equal(ed.export({ wrapper: 'keep' }), ed.export());
  ed.free();
});
