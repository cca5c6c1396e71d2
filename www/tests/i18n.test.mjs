// The page's texts: every entry has its Chinese and its English, the Chinese is Chinese, both
// fill the same blanks, every text the page names exists, and every entry is used.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { TEXTS } from '../i18n.js';

const WWW = new URL('../', import.meta.url);
const sources = readdirSync(WWW).filter((f) => f.endsWith('.js') || f.endsWith('.html'))
  .map((f) => [f, readFileSync(new URL(f, WWW), 'utf8')]);
const HAN = /[\u4e00-\u9fff]/;
/** Entries the same in both languages (names, formats, codes). */
const SAME = new Set(['tab.json', 'json.area', 'search.count', 'pay.plan.ph']);
/** Blanks filled with markers that no text holds by itself. */
const SAMPLE = Object.fromEntries(['name', 'type', 'code', 'what', 'message', 'key', 'id', 'node', 'from', 'to', 'reason',
  'source', 'incoming', 'when', 'version', 'error', 'op', 'arrow', 'target'].map((k) => [k, `⟦${k}⟧`]));
Object.assign(SAMPLE, { n: 2, at: 1, errors: 1, warnings: 2, nodes: 3, flows: 4, lines: 5, ms: 6, items: 7, chars: 8,
  line: 1, column: 2, kept: true, mode: 'sops', fields: ['⟦f1⟧', '⟦f2⟧'], hooked: ['⟦h⟧'] });

test('every entry has a Chinese and an English text that say it with the same blanks', () => {
  for (const [key, pair] of Object.entries(TEXTS)) {
    assert.equal(pair.length, 2, key);
    const [zh, en] = pair.map((x) => (typeof x === 'function' ? x(SAMPLE) : x));
    assert.equal(typeof zh, 'string', key);
    assert.equal(typeof en, 'string', key);
    assert.ok(zh && en, key);
    if (!SAME.has(key) && key !== 'lang.switch' && key !== 'lang.switch.title') assert.match(zh, HAN, `${key}: ${zh}`);
    // the blanks a text fills appear in both languages
    for (const v of Object.values(SAMPLE)) {
      for (const m of [v].flat()) {
        if (typeof m !== 'string' || !m.startsWith('⟦')) continue;
        assert.equal(zh.includes(m), en.includes(m), `${key}: ${m} in "${zh}" / "${en}"`);
      }
    }
  }
});

test('every text the page names exists, and every entry is named somewhere', () => {
  const named = new Set();
  for (const [file, src] of sources) {
    for (const m of src.matchAll(/\bt\(\s*'([\w.-]+)'/g)) named.add(m[1]);
    for (const m of src.matchAll(/data-i18n(?:-title|-placeholder|-label)?="([\w.-]+)"/g)) named.add(m[1]);
    for (const m of src.matchAll(/'data-i18n(?:-title|-placeholder|-label)?': '([\w.-]+)'/g)) named.add(m[1]);
    for (const key of named) assert.ok(key in TEXTS, `${file} names ${key}, which has no text`);
  }
  // other literals that name an entry (`t(cond ? 'a' : 'b')`, tables of keys)
  for (const [, src] of sources) for (const m of src.matchAll(/'([\w.-]+)'/g)) if (m[1] in TEXTS) named.add(m[1]);
  // entries read through a prefix: `type.${type}`, `op.${op}`, `flag.${f}`...
  const prefixes = [...new Set(sources.flatMap(([, src]) => [...src.matchAll(/[`']([\w.]+\.)\$\{/g)].map((m) => m[1])))];
  const unused = Object.keys(TEXTS).filter((k) => !named.has(k) && !prefixes.some((p) => k.startsWith(p)));
  assert.deepEqual(unused, []);
});
