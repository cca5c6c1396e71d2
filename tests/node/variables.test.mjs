// Variables through the built package's Editor: operations, references, the summary list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import api from './load.mjs';

const base = readFileSync(new URL('../fixtures/edit/trees/base.json', import.meta.url), 'utf8');

test('a renamed variable takes its references with it; undo gives the bytes back', () => {
  const ed = new api.Editor(base, { seed: 3, diagnostics: true });
  const before = ed.export();
  assert.deepEqual(ed.references('x').map((u) => [u.kind, u.node_id, u.flow_id, u.path]), [
    ['condition', 'ng1', 'lf3', '$.gateways.ng1.conditions.lf3.evaluate'],
    ['condition', 'ng1', 'lf4', '$.gateways.ng1.conditions.lf4.evaluate'],
  ]);
  const out = ed.apply({ op: 'updateVariable', key: 'x', fields: { key: 'mode' } });
  assert.equal(out.result.key, '${mode}');
  assert.deepEqual(out.delta.nodes.updated, ['ng1']);
  assert.equal(ed.tree().gateways.ng1.conditions.lf3.evaluate, '${mode} == 1');
  assert.deepEqual(ed.references('${x}'), []);
  assert.equal(ed.references('mode').length, 2);
  // the entry keeps its place in constants
  assert.deepEqual(Object.keys(ed.tree().constants), ['${in_var}', '${out_var}', '${mode}']);
  ed.undo();
  assert.equal(ed.export(), before);
  ed.free();
});

test('hooking an input makes a variable that variables() counts; refusals name the problem', () => {
  const ed = new api.Editor(base, { seed: 3 });
  const hooked = ed.apply({ op: 'hookInput', node: 'na2', input: 'bk_display_message' });
  assert.deepEqual(hooked.result, { key: '${bk_display_message}', created: true });
  const item = ed.tree().activities.na2.component.data.bk_display_message;
  assert.equal(item.hook, true);
  assert.equal(item.value, '${bk_display_message}');
  const listed = ed.variables().find((v) => v.key === '${bk_display_message}');
  assert.equal(listed.source_type, 'component_inputs');
  assert.equal(listed.uses, 1);
  assert.equal(listed.index, 3);
  assert.throws(() => ed.apply({ op: 'addVariable', key: '1a' }),
    (e) => e instanceof api.EditError && e.code === 'invalid-key');
  assert.throws(() => ed.apply({ op: 'hookInput', node: 'na2', input: 'bk_display_message' }),
    (e) => e.code === 'already-hooked');
  const back = ed.apply({ op: 'unhookInput', node: 'na2', input: 'bk_display_message' });
  assert.deepEqual(back.result, { key: '${bk_display_message}', deleted: true });
  assert.equal(ed.tree().activities.na2.component.data.bk_display_message.value, '执行');
  ed.free();
});

test('the plugin catalogue: built in, or given; a bad one is an OptionsError', () => {
  const ed = new api.Editor(null, { seed: 2 });
  const added = ed.apply({ op: 'addNode', type: 'tasknode', x: 0, y: 0, code: 'sleep_timer', version: 'legacy' });
  const data = ed.tree().activities[added.result.id].component.data;
  assert.deepEqual(Object.keys(data), ['bk_timing', 'force_check']);
  const hooked = ed.apply({ op: 'hookInput', node: added.result.id, input: 'bk_timing' });
  assert.equal(ed.tree().constants[hooked.result.key].name, '定时时间');
  ed.free();
  const plugins = { plugins: [{ code: 'mine', name: '我的', versions: { '1.0': {
    inputs: [{ key: 'a', type: 'int', name: '甲', default: 3 }], outputs: [{ key: 'out', name: '出', type: 'string' }] } } }] };
  const own = new api.Editor(null, { seed: 2, plugins: JSON.stringify(plugins) });
  const mine = own.apply({ op: 'addNode', type: 'tasknode', x: 0, y: 0, code: 'mine' });
  const node = own.tree().activities[mine.result.id];
  assert.equal(node.component.version, '1.0');
  assert.deepEqual(node.component.data, { a: { hook: false, need_render: true, value: 3 } });
  // _result is every plugin's output; an output the version does not list is refused
  own.apply({ op: 'hookOutput', node: mine.result.id, output: '_result' });
  assert.throws(() => own.apply({ op: 'hookOutput', node: mine.result.id, output: 'nope' }),
    (e) => e.code === 'unknown-output');
  own.free();
  assert.throws(() => new api.Editor(null, { plugins: 'not json' }), api.OptionsError);
});
