// The Editor class of the built package, in Node: SOPS's canvas operations end to end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import api from './load.mjs';

const ids = (tree) => ({
  start: tree.start_event.id,
  end: tree.end_event.id,
  task: Object.keys(tree.activities)[0],
  flows: Object.keys(tree.flows),
});

test('a new editor holds SOPS\'s new template', () => {
  const ed = new api.Editor(null, { seed: 7 });
  const t = ed.tree();
  assert.equal(Object.keys(t.activities).length, 1);
  assert.equal(Object.keys(t.flows).length, 2);
  assert.equal(t.line.length, 2);
  assert.deepEqual(t.location.map((l) => [l.type, l.x, l.y]),
    [['startpoint', 40, 150], ['tasknode', 240, 140], ['endpoint', 540, 150]]);
  assert.deepEqual(ed.inconsistencies(), []);
  assert.equal(ed.canUndo, false);
  ed.free();
});

test('an exclusive gateway inserted on a flow gets conditions; undo and redo are exact', () => {
  const ed = new api.Editor(null, { seed: 1 });
  const original = ed.export();
  const { task, end } = ids(ed.tree());
  const flow = ed.tree().activities[task].outgoing;
  const out = ed.apply({ op: 'insertOnFlow', flow, type: 'branchgateway', x: 440, y: 150 });
  const gw = out.result.id;
  assert.deepEqual(out.delta.nodes.added, [gw]);
  assert.deepEqual(out.delta.flows.removed, [flow]);
  assert.equal(out.delta.flows.added.length, 2);
  // a second branch from the gateway to the end event
  const t1 = ed.apply({ op: 'addNode', type: 'tasknode', x: 600, y: 300, name: '审批' });
  const second = ed.apply({ op: 'connect', source: gw, target: t1.result.id });
  ed.apply({ op: 'connect', source: t1.result.id, target: end });
  const g = ed.tree().gateways[gw];
  assert.deepEqual(Object.values(g.conditions).map((c) => [c.name, c.evaluate]),
    [['条件1', '1 == 1'], ['条件2', '1 == 0']]);
  ed.apply({ op: 'setDefault', gateway: gw, flow: second.result.flow });
  const g2 = ed.tree().gateways[gw];
  assert.equal(g2.default_condition.flow_id, second.result.flow);
  assert.equal(g2.default_condition.name, '默认');
  assert.equal(Object.keys(g2.conditions).length, 1);
  assert.deepEqual(ed.inconsistencies(), []);
  assert.equal(ed.validate().valid, false, 'the blank tasks have no plugin yet');
  const edited = ed.export();
  while (ed.canUndo) ed.undo();
  assert.equal(ed.export(), original);
  while (ed.canRedo) ed.redo();
  assert.equal(ed.export(), edited);
});

test('refused operations throw an EditError with a code and change nothing', () => {
  const ed = new api.Editor(null, { seed: 2 });
  const { start, end } = ids(ed.tree());
  const before = ed.export();
  const cases = [
    [{ op: 'connect', source: start, target: end }, 'FE004'],
    [{ op: 'connect', source: end, target: start }, 'FE002'],
    [{ op: 'removeNode', id: 'nope' }, 'unknown-node'],
    [{ op: 'addNode', type: 'startpoint', x: 0, y: 0 }, 'FE008'],
    [{ op: 'updateNode', id: start, fields: { name: 5 } }, 'wrong-type'],
    [{ op: 'fly' }, 'invalid-op'],
  ];
  for (const [op, code] of cases) {
    assert.throws(
      () => ed.apply(op),
      (e) => e instanceof api.EditError && e.code === code && /[\u4e00-\u9fff]/.test(e.message_zh),
      JSON.stringify(op),
    );
    assert.equal(ed.export(), before);
  }
  assert.deepEqual(ed.canConnect(start, end).code, 'FE004');
});

test('removing a task with reconnect bridges its neighbours', () => {
  const ed = new api.Editor(null, { seed: 3 });
  const { start, end, task } = ids(ed.tree());
  const out = ed.apply({ op: 'removeNode', id: task, reconnect: true });
  assert.deepEqual(out.delta.nodes.removed, [task]);
  // start -> end is not allowed on the canvas, so no bridge is drawn
  assert.equal(out.result.bridge, undefined);
  ed.undo();
  const t = ed.apply({ op: 'addNode', type: 'tasknode', x: 400, y: 300 }).result.id;
  const f = ed.tree().activities[task].outgoing;
  ed.apply({ op: 'insertOnFlow', flow: f, type: 'tasknode', x: 420, y: 140 });
  const mid = Object.keys(ed.tree().activities).find((k) => k !== task && k !== t);
  const r = ed.apply({ op: 'removeNode', id: mid, reconnect: true });
  const bridge = ed.tree().flows[r.result.bridge];
  assert.deepEqual([bridge.source, bridge.target], [task, end]);
  assert.deepEqual(ed.inconsistencies(), []);
  assert.ok(start);
});

test('kept diagnostics change with each edit and match a full validation', () => {
  const ed = new api.Editor(null, { seed: 4, diagnostics: true });
  const task = ids(ed.tree()).task;
  const first = ed.diagnostics();
  assert.equal(first.valid, false);
  assert.ok(first.diagnostics.some((d) => d.node_id === task), 'the blank task is reported');
  const out = ed.apply({ op: 'replacePlugin', id: task, code: 'bk_display', version: 'v1.0', name: '展示' });
  assert.ok(out.diagnostics.removed.some((d) => d.node_id === task));
  const now = ed.diagnostics();
  const full = ed.validate();
  const key = (d) => JSON.stringify([d.code, d.node_id, d.flow_id, d.path, d.message]);
  assert.deepEqual(now.diagnostics.map(key).sort(), full.diagnostics.map(key).sort());
  assert.equal(now.valid, full.valid);
  const back = ed.undo();
  assert.deepEqual(back.diagnostics.added.map(key).sort(), out.diagnostics.removed.map(key).sort());
});

test('deferred graph checks wait for refreshGraph', () => {
  const ed = new api.Editor(null, { seed: 5, diagnostics: { graph: 'deferred' } });
  assert.equal(ed.diagnostics().graphStale, true, 'from the start');
  assert.equal(ed.refreshGraph().graphStale, false);
  assert.deepEqual(ed.diagnostics().engine, ed.validate().engine);
  const { task } = ids(ed.tree());
  const flow = ed.tree().activities[task].outgoing;
  const out = ed.apply({ op: 'disconnect', flow });
  assert.equal(out.diagnostics.graphStale, true);
  assert.equal(ed.diagnostics().graphStale, true);
  const d = ed.refreshGraph();
  assert.equal(d.graphStale, false);
  assert.ok(d.added.some((x) => x.code === 'CONN010'), 'the end event is now unreachable');
  assert.deepEqual(ed.diagnostics().engine, ed.validate().engine);
  assert.throws(() => new api.Editor(null).diagnostics(), (e) => e.code === 'no-diagnostics');
});

test('drawing diagnostics offer the repair, and applying it clears them', () => {
  const ed = new api.Editor(null, { seed: 6, diagnostics: true });
  const tree = ed.tree();
  tree.line.pop(); // an old export that lost a line
  const stale = new api.Editor(tree, { seed: 6, diagnostics: true });
  const web = stale.diagnostics().diagnostics.filter((d) => d.code.startsWith('WEB'));
  assert.equal(web.length, 1);
  assert.deepEqual(web[0].fix, { op: 'repairDrawing' });
  const out = stale.apply(web[0].fix);
  assert.deepEqual(out.diagnostics.removed.map((d) => d.code), ['WEB001']);
  assert.deepEqual(stale.inconsistencies(), []);
  stale.undo();
  assert.equal(stale.diagnostics().diagnostics.filter((d) => d.code.startsWith('WEB')).length, 1);
  ed.free();
  stale.free();
});

test('get reads one item of each kind; with items: true outcomes carry what changed', () => {
  const ed = new api.Editor(null, { seed: 3, items: true });
  const t = ed.tree();
  const { start, task, flows } = ids(t);
  assert.deepEqual(ed.get('node', task), t.activities[task]);
  assert.deepEqual(ed.get('node', start), t.start_event);
  assert.deepEqual(ed.get('flow', flows[0]), t.flows[flows[0]]);
  assert.deepEqual(ed.get('line', flows[0]), t.line.find((l) => l.id === flows[0]));
  assert.deepEqual(ed.get('location', task), t.location.find((l) => l.id === task));
  assert.deepEqual(ed.get('key', 'outputs'), []);
  assert.equal(ed.get('constant', '${nope}'), undefined);
  assert.equal(ed.get('node', flows[0]), undefined);
  assert.throws(() => ed.get('activity', task), (e) => e instanceof api.OptionsError && /"node"/.test(e.message));
  assert.throws(() => ed.get('node', 1), api.OptionsError);
  const out = ed.apply({ op: 'updateNode', id: task, fields: { name: 'renamed' } });
  // the activity, and its location (which carries the name too)
  assert.deepEqual(out.items, [
    { part: 'activities', id: task, at: 0, value: ed.get('node', task) },
    { part: 'location', id: task, at: 1, value: ed.get('location', task) },
  ]);
  assert.equal(out.items[0].value.name, 'renamed');
  const back = ed.undo();
  assert.equal(back.items[0].value.name, t.activities[task].name);
  // without the option, no items
  const plain = new api.Editor(null, { seed: 3 });
  assert.equal('items' in plain.apply({ op: 'updateNode', id: task, fields: { name: 'x' } }), false);
  ed.free();
  plain.free();
});
