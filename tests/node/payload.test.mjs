// The payload builders of the built package, in Node: the same cases as the native payload
// fixtures (tests/fixtures/payload/), through buildCreateTaskPayload, buildMockTaskPayload,
// buildClockedTaskPayload, excludeNodes and parseResponse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import api from './load.mjs';
import { readFixture } from '../fixtures/fixture.mjs';

const dir = new URL('../fixtures/payload/', import.meta.url);
const cases = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const treeText = (name) => readFileSync(new URL(`trees/${name}.json`, dir), 'utf8');
const codes = (list) => list.map((d) => d.code).sort();

const builders = {
  'create-task': api.buildCreateTaskPayload,
  'mock-task': api.buildMockTaskPayload,
  'clocked-task': api.buildClockedTaskPayload,
};

test('every payload fixture gives its expected codes and values in JS', () => {
  assert.ok(cases.length >= 90);
  const raised = new Set();
  for (const name of cases) {
    const fixture = readFixture(`payload/${name}`);
    const c = fixture.fields;
    if (c.api === 'response') {
      if (c.expect.error) {
        assert.throws(() => api.parseResponse(c.kind, c.body), (e) => {
          assert.ok(e instanceof api.ResponseError, name);
          assert.equal(e.code, c.expect.error, name);
          return true;
        });
        raised.add(c.expect.error);
      } else {
        const r = api.parseResponse(c.kind, c.body);
        const record = r.task ?? r.clocked_task ?? {};
        for (const [k, v] of Object.entries(c.expect.response)) {
          assert.deepStrictEqual(k in r ? r[k] : record[k] ?? null, v, `${name}: ${k}`);
        }
      }
      continue;
    }
    const tree = fixture.tree === null ? null : JSON.stringify(fixture.tree, null, 4);
    // In JS a clocked task without `now` is checked against Date.now(); `now: null` leaves the
    // time unchecked, as the native builder does without `now`.
    const input = c.api === 'clocked-task' && !('now' in c.input) ? { ...c.input, now: null } : c.input;
    const got = c.api === 'exclude' ? api.excludeNodes(tree, c.ids) : builders[c.api](tree, input);
    assert.deepStrictEqual(codes(got.diagnostics), c.expect.codes, name);
    assert.equal(got.valid, !got.diagnostics.some((d) => d.severity === 'error'), name);
    for (const key of ['body', 'tree', 'outputs', 'excluded', 'constants_not_referred']) {
      if (key in c.expect) {
        assert.deepStrictEqual(got[key], c.expect[key], `${name}: ${key}`);
        // Key order too: the body goes out as JSON text.
        assert.equal(JSON.stringify(got[key]), JSON.stringify(c.expect[key]), `${name}: ${key} order`);
      }
    }
    got.diagnostics.forEach((d) => raised.add(d.code));
  }
  const missing = api.payloadRules().map((r) => r.code).filter((c) => !raised.has(c));
  assert.deepEqual(missing, []);
});

test('the seed request builds from a tree object and is ready to send', () => {
  const tree = JSON.parse(treeText('seed'));
  const r = api.buildCreateTaskPayload(tree, { creator: '创建者' });
  assert.equal(r.valid, true);
  assert.deepStrictEqual(r.diagnostics, []);
  assert.deepStrictEqual(Object.keys(r.body), ['creator', 'pipeline_tree']);
  assert.deepStrictEqual(r.body.pipeline_tree, tree);
});

test('a clocked task without now is checked against Date.now()', () => {
  const input = { bk_biz_id: '2', template_id: '1', task_name: 't', plan_start_time: '2000-01-01 00:00:00+0800' };
  const r = api.buildClockedTaskPayload(undefined, input);
  assert.deepStrictEqual(codes(r.diagnostics), ['CLOCK003']);
  const later = api.buildClockedTaskPayload(null, { ...input, plan_start_time: '2999-01-01 00:00:00' });
  assert.deepStrictEqual(codes(later.diagnostics), ['CLOCK002']);
  assert.equal(later.body.plan_start_time, '2999-01-01 00:00:00+0800');
});

test('excluding nodes from the §8.6 tree in JS gives the documented flows', () => {
  const r = api.excludeNodes(treeText('par'), ['B', 'C']);
  assert.deepStrictEqual(Object.values(r.tree.flows).map((f) => [f.id, f.source, f.target]),
    [['l0', 's', 'A'], ['l1', 'A', 'D'], ['l7', 'D', 'e']]);
  assert.deepStrictEqual(r.tree.activities.D.incoming, ['l1']);
  assert.deepStrictEqual(r.tree.gateways, {});
});

test('wrong argument kinds throw OptionsError; unreadable trees ParseError', () => {
  assert.throws(() => api.buildCreateTaskPayload('{}', 'creator'), api.OptionsError);
  assert.throws(() => api.buildMockTaskPayload(null, { name: 'n' }), api.OptionsError);
  assert.throws(() => api.excludeNodes(treeText('par'), 'B'), api.OptionsError);
  assert.throws(() => api.excludeNodes(treeText('par'), [1]), api.OptionsError);
  assert.throws(() => api.parseResponse('nope', '{}'), api.OptionsError);
  assert.throws(() => api.buildCreateTaskPayload('{"name": 1}', { creator: 'a' }), (e) => e instanceof api.ParseError && e.code === 'not-a-tree');
});

test('payloadRules lists every code once with its docs', () => {
  const list = api.payloadRules();
  assert.equal(new Set(list.map((r) => r.code)).size, list.length);
  for (const r of list) {
    assert.match(r.code, /^(PAY|MOCK|CLOCK|EXCL|RESP)\d{3}$/);
    assert.ok(['warning', 'error'].includes(r.severity));
    assert.ok(r.summary && r.summary_zh);
  }
});
