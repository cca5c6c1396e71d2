// The JS fixture reader (tests/fixtures/fixture.mjs): the JSON Patch cases of
// tests/fixtures/patch/ (the same the native reader passes). Needs no package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { FIXTURES, applyPatch } from '../fixtures/fixture.mjs';

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
