// The page's mirror of the tree, in headless Chromium: after every edit (add, connect, insert on
// a line, rename a variable and the references to it, an output listed, a node removed, a
// layout, undo and redo) the mirror and its indices equal the core's tree, key order and array
// positions included, and `editor.tree()` is never called: the mirror is patched from each
// outcome's items, and read whole only when a tree opens.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { open, painted } from './helpers.mjs';

let page, close, consoleErrors;

before(async () => ({ page, close, consoleErrors } = await open()));
after(async () => close?.());

test('edits patch the mirror from the outcome\'s items: it equals the tree, which is never read back', async () => {
  await painted(page);
  const steps = await page.evaluate(() => {
    const { doc, commands } = window.__page;
    const ed = doc.editor;
    const read = ed.tree.bind(ed);
    let reads = 0;
    ed.tree = (...args) => { reads += 1; return read(...args); };
    /** The indices as `index()` builds them from a tree. */
    const indices = (d) => ({
      nodes: [...d.nodes].map(([k, v]) => [k, JSON.stringify(v)]).sort(),
      locs: [...d.locs].map(([k, v]) => [k, JSON.stringify(v)]).sort(),
      lines: [...d.lines].map(([k, v]) => [k, JSON.stringify(v)]).sort(),
      nodeLines: [...d.nodeLines].map(([k, v]) => [k, [...v].sort()]).sort(),
    });
    const fresh = () => {
      const copy = Object.create(Object.getPrototypeOf(doc));
      copy.tree = read();
      copy.index();
      return copy;
    };
    const out = [];
    const check = (what) => {
      const want = fresh();
      out.push({ what, mirror: JSON.stringify(doc.tree), tree: JSON.stringify(want.tree), got: indices(doc), index: indices(want), reads });
    };
    const t = doc.tree;
    const task = Object.keys(t.activities)[0];
    const flow = Object.keys(t.flows)[0];
    const key = Object.keys(t.constants)[0];
    const added = doc.apply({ op: 'addNode', type: 'tasknode', x: 900, y: 900, name: 'added' }).result.id;
    check('addNode');
    doc.apply({ op: 'connect', source: added, target: task, sourceArrow: 'Top' });
    check('connect');
    commands.insertOnFlow(flow, 'branchgateway', 300, 300);
    check('insertOnFlow');
    doc.apply({ op: 'updateVariable', key, fields: { key: '${renamed_var}', name: 'renamed' } });
    check('rename a variable');
    doc.apply({ op: 'updateVariable', key: '${renamed_var}', fields: { output: true } });
    check('an output listed');
    doc.apply({ op: 'updateNode', id: doc.tree.start_event.id, fields: { name: 'begin' } });
    check('the start event renamed');
    doc.apply({ op: 'removeNode', id: task, reconnect: true });
    check('removeNode');
    commands.move([added], 15, -5);
    check('move');
    doc.apply({ op: 'layout', mode: 'layered', sizes: 'editor' });
    check('layout');
    for (let i = 0; i < 9; i += 1) {
      doc.undo();
      check(`undo ${i + 1}`);
    }
    for (let i = 0; i < 9; i += 1) {
      doc.redo();
      check(`redo ${i + 1}`);
    }
    doc.apply({ op: 'batch', ops: [{ op: 'removeVariable', key: '${renamed_var}' }, { op: 'removeNode', id: added }] });
    check('batch');
    doc.undo();
    check('batch undone');
    return out;
  });
  assert.equal(steps.length, 29);
  for (const s of steps) {
    assert.equal(s.reads, 0, `${s.what}: editor.tree() was called`);
    assert.equal(s.mirror, s.tree, `${s.what}: the mirror differs from the tree`);
    assert.deepEqual(s.got, s.index, `${s.what}: the indices differ from the tree's`);
  }
  // the canvas drew what the mirror holds
  const drawn = await page.evaluate(() => ({
    nodes: document.querySelectorAll('#canvas .node').length,
    lines: document.querySelectorAll('#canvas .line').length,
    mirror: window.__page.doc.nodes.size,
    mirrorLines: window.__page.doc.lines.size,
  }));
  assert.equal(drawn.nodes, drawn.mirror);
  assert.equal(drawn.lines, drawn.mirrorLines);
  assert.deepEqual(consoleErrors, []);
});
