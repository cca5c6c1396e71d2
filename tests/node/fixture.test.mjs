// The JS fixture reader (tests/fixtures/fixture.mjs): the JSON Patch cases of
// tests/fixtures/patch/ (the same the native reader passes), and every fixture that takes a
// tree reads. Needs no package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { FIXTURES, applyPatch, readFixture } from '../fixtures/fixture.mjs';

const list = (dir) => readdirSync(new URL(dir, FIXTURES)).filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json')).sort();

test('every JSON Patch case gives its document or its error', () => {
  const files = list('patch/');
  assert.ok(files.length >= 3);
  for (const file of files) {
    for (const c of JSON.parse(readFileSync(new URL(`patch/${file}`, FIXTURES), 'utf8'))) {
      const before = JSON.stringify(c.doc);
      if ('error' in c) {
        assert.throws(() => applyPatch(c.doc, c.patch), (e) => e.message.includes(c.error), c.comment);
      } else {
        // key order too: the tree's order is what the core reads
        assert.equal(JSON.stringify(applyPatch(c.doc, c.patch)), JSON.stringify(c.expected), c.comment);
      }
      assert.equal(JSON.stringify(c.doc), before, `${c.comment}: the document is left as it was`);
    }
  }
});

test('every fixture that takes a tree reads, its tree built', () => {
  for (const [dir, min] of [['rules/', 60], ['edit/', 7], ['layout/', 5], ['payload/', 90]]) {
    const names = list(dir);
    assert.ok(names.length >= min, dir);
    for (const name of names) {
      const f = readFixture(`${dir}${name}`);
      assert.equal(typeof f.options, 'object', name);
      if (dir !== 'payload/') assert.ok(f.tree && typeof f.tree === 'object', `${dir}${name}: a tree`);
      if (f.fields.patch) {
        const base = JSON.parse(readFileSync(new URL(f.fields.base, FIXTURES), 'utf8'));
        assert.notDeepStrictEqual(f.tree, base, `${dir}${name}: the patch changes the base tree`);
      }
    }
  }
  const sub = readFixture('rules/SUB002.json');
  assert.equal(sub.tree.activities.a3.template_id, '8');
  assert.ok(Array.isArray(sub.options.templates.templates), 'a $ref is read');
});
