// The flow editor in headless Chromium, done as a person does it: the example tree drawn in
// SOPS's visual language, nodes added from the palette, connected by dragging from an anchor
// (and refused, with the reason shown), inserted on a line, moved, selected, deleted, copied,
// edited in the side panel, undone and redone with buttons and keys, laid out in both modes;
// problems that select their node; names with HTML kept as text. Assertions read the SVG and
// the editor's tree (window.__editor); screenshots go to test-artifacts/editor-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  ROOT, open, shot, center, drag, screenOf, dropFromPalette, connectByDrag, tree, idle, painted, lineMid,
  pasteInto, replaceWith,
} from './helpers.mjs';
import { fixtureTreeText } from '../../tests/fixtures/fixture.mjs';

let page, close, consoleErrors;

/** A rule fixture's tree as the file a person opens (tests/fixtures/rules/NAME.json). */
const ruleFile = (name) => ({ name: `${name}.json`, mimeType: 'application/json', buffer: Buffer.from(fixtureTreeText(`rules/${name}.json`)) });
const EXAMPLE = JSON.parse(readFileSync(new URL('www/examples/example.json', ROOT), 'utf8'));
const START = EXAMPLE.start_event.id;
const END = EXAMPLE.end_event.id;

before(async () => ({ page, close, consoleErrors } = await open()));
after(async () => close?.());

const nodeIds = (t) => [...Object.keys(t.activities), ...Object.keys(t.gateways), t.start_event.id, t.end_event.id];
const flowsOf = (t) => Object.values(t.flows).map((f) => `${f.source}>${f.target}`);
const loadExample = async () => {
  await replaceWith(page, () => page.click('#example'), 'example.json');
  await page.evaluate(() => window.__page.doc.select([]));
};
const noticeText = () => page.textContent('#notice');
const added = (before, after) => nodeIds(after).filter((id) => !nodeIds(before).includes(id));

test('opens with the example drawn in SOPS\'s visual language', async () => {
  const t = await tree(page);
  // All of it in view at a readable size: at 1400×900 the fitted zoom is at least 60 %, the
  // texts are shown.
  const v = await page.evaluate(() => ({ k: window.__page.canvas.view.k, small: document.getElementById('canvas').classList.contains('small-text') }));
  assert.ok(v.k >= 0.6, `fitted at ${v.k}`);
  assert.equal(v.small, false);
  assert.equal(await page.textContent('#zoom'), `${Math.round(v.k * 100)}%`);
  const drawn = await page.$$eval('#canvas .node', (gs) => gs.map((g) => g.dataset.type));
  assert.equal(drawn.length, EXAMPLE.location.length);
  for (const type of ['startpoint', 'endpoint', 'tasknode', 'subflow', 'parallelgateway', 'branchgateway',
    'conditionalparallelgateway', 'convergegateway']) {
    assert.ok(drawn.includes(type), `a ${type} is drawn`);
  }
  // Events are circles, gateways diamonds, activities boxes with the name and the plugin code.
  assert.equal(await page.$eval(`#canvas .node[data-id="${START}"] .body`, (e) => e.tagName), 'circle');
  assert.match(await page.$eval('#canvas .node.branchgateway .body', (e) => e.getAttribute('d')), /^M17,0 L34,17 L17,34 L0,17 Z$/);
  const task = Object.values(t.activities).find((a) => a.type === 'ServiceActivity');
  assert.equal(await page.textContent(`#canvas .node[data-id="${task.id}"] .name`), task.name);
  assert.match(await page.textContent(`#canvas .node[data-id="${task.id}"] .code`), new RegExp(`^${task.component.code}`));
  const sub = Object.values(t.activities).find((a) => a.type === 'SubProcess');
  assert.match(await page.textContent(`#canvas .node[data-id="${sub.id}"] .code`), /^subprocess/);
  // One line per `line` item, each with an arrowhead; one label per branch condition.
  const lines = await page.$$eval('#canvas .line', (gs) => gs.map((g) => [g.dataset.id, getComputedStyle(g.querySelector('.stroke')).markerEnd]));
  assert.equal(lines.length, EXAMPLE.line.length);
  assert.ok(lines.every(([, m]) => /#arrow/.test(m)), 'every line ends with an arrowhead');
  const conditions = Object.values(EXAMPLE.gateways).flatMap((g) => Object.entries(g.conditions ?? {}));
  const labels = await page.$$eval('#canvas .label', (gs) => gs.map((g) => [g.dataset.id, g.textContent]));
  assert.equal(labels.length, conditions.length);
  for (const [flow, c] of conditions) assert.ok(labels.some(([id, text]) => id === flow && text.endsWith(c.name)), c.name);
  // A line leaves and enters where its arrows say.
  const first = EXAMPLE.line[0];
  const d = await page.$eval(`#canvas .line[data-id="${first.id}"] .stroke`, (p) => p.getAttribute('d'));
  const startLoc = EXAMPLE.location.find((l) => l.id === START);
  assert.ok(d.startsWith(`M${startLoc.x + 34},${startLoc.y + 17}`), `${d} leaves the start event's right anchor`);
  await idle(page);
  await page.click('[data-tab=problems]');
  assert.equal(await page.textContent('#problems-summary'), 'No problems');
  await page.waitForFunction(() => document.getElementById('engine-verdict').textContent === 'bamboo-engine accepts it');
  assert.equal(await page.textContent('#tree-format'), 'web format');
  await page.click('[data-tab=props]');
  await shot(page, 'editor-01-example');
});

test('the palette adds every node type where it is dropped; a second start event is refused', async () => {
  const before = await tree(page);
  await page.fill('#new-code', 'pause_node');
  await page.fill('#new-version', 'v1.0');
  const types = ['tasknode', 'subflow', 'parallelgateway', 'branchgateway', 'conditionalparallelgateway', 'convergegateway'];
  // a row under the tree, shown with it (at 60 %, texts still shown)
  await page.evaluate(() => window.__page.canvas.setView(30, 20, 0.6));
  for (const [i, type] of types.entries()) await dropFromPalette(page, type, 160 + i * 190, 800);
  const after = await tree(page);
  const ids = added(before, after);
  assert.equal(ids.length, types.length);
  const locs = new Map(after.location.map((l) => [l.id, l]));
  for (const [i, type] of types.entries()) {
    const loc = locs.get(ids[i]);
    assert.equal(loc.type, type);
    const [w, h] = type === 'tasknode' || type === 'subflow' ? [154, 54] : [34, 34];
    assert.ok(Math.abs(loc.x + w / 2 - (160 + i * 190)) <= 2 && Math.abs(loc.y + h / 2 - 800) <= 2, `${type} lands under the pointer`);
    assert.equal(await page.$eval(`#canvas .node[data-id="${ids[i]}"]`, (g) => g.dataset.type), type);
  }
  assert.equal(after.activities[ids[0]].component.code, 'pause_node');
  // The added node is selected and its properties shown.
  assert.equal(await page.$$eval('#canvas .node.selected', (gs) => gs.length), 1);
  await dropFromPalette(page, 'startpoint', 300, 950);
  assert.match(await noticeText(), /refused: a template has one start event \(FE008\)/);
  assert.equal(nodeIds(await tree(page)).length, nodeIds(after).length);
  await shot(page, 'editor-02-palette');
});

test('dragging from an anchor connects two nodes', async () => {
  const t = await tree(page);
  const [task, sub] = added(EXAMPLE, t);
  await connectByDrag(page, task, 'Right', sub);
  const after = await tree(page);
  const flow = Object.values(after.flows).find((f) => f.source === task && f.target === sub);
  assert.ok(flow, 'the flow is in the tree');
  const line = after.line.find((l) => l.id === flow.id);
  assert.deepEqual([line.source.arrow, line.target.arrow], ['Right', 'Left']);
  assert.equal(await page.$$eval(`#canvas .line[data-id="${flow.id}"]`, (g) => g.length), 1);
  assert.equal(await page.$eval(`#canvas .line[data-id="${flow.id}"]`, (g) => g.classList.contains('selected')), true);
  await shot(page, 'editor-03-connected');
});

test('a refused connection says why and draws nothing', async () => {
  const t = await tree(page);
  const [task, sub, parallel] = added(EXAMPLE, t);
  const flows = Object.keys(t.flows).length;
  await connectByDrag(page, sub, 'Right', START);
  assert.match(await noticeText(), /Cannot connect subprocess "n\w+" to start event "n\w+": the start event has no incoming flows \(FE003\)/);
  await shot(page, 'editor-04-refused');
  await connectByDrag(page, task, 'Bottom', parallel, 'Top');
  assert.match(await noticeText(), /already has its most outgoing flows \(FE007\)/);
  assert.equal(Object.keys((await tree(page)).flows).length, flows);
  assert.equal(await page.$$eval('#canvas .connect-preview', (p) => p.length), 0);
  // a later success outdates the refusal: its notice goes
  await page.evaluate((id) => window.__page.commands.move([id], 10, 0), task);
  assert.equal(await page.isHidden('#notice'), true);
});

test('a node dropped on a line is inserted there', async () => {
  await loadExample();
  const line = EXAMPLE.line[0];
  const { world } = await lineMid(page, line.id);
  await dropFromPalette(page, 'parallelgateway', world.x, world.y);
  const t = await tree(page);
  assert.equal(t.flows[line.id], undefined, 'the old flow is replaced');
  const [gw] = added(EXAMPLE, t);
  assert.equal(t.gateways[gw].type, 'ParallelGateway');
  const flows = flowsOf(t);
  assert.ok(flows.includes(`${line.source.id}>${gw}`) && flows.includes(`${gw}>${line.target.id}`), flows.join());
  assert.equal(await page.$$eval(`#canvas .line[data-id="${line.id}"]`, (g) => g.length), 0);
  assert.equal(await page.$$eval('#canvas .line', (g) => g.length), EXAMPLE.line.length + 1);
  await shot(page, 'editor-05-inserted');
});

test('undo and redo with the buttons and the keys', async () => {
  const line = EXAMPLE.line[0].id;
  const has = () => page.$$eval(`#canvas .line[data-id="${line}"]`, (g) => g.length === 1);
  await page.click('#undo');
  assert.equal(await has(), true, 'undone: the line is back');
  assert.equal(nodeIds(await tree(page)).length, nodeIds(EXAMPLE).length);
  assert.equal(await page.isDisabled('#undo'), true);
  await page.click('#redo');
  assert.equal(await has(), false, 'redone');
  assert.equal(await page.isDisabled('#redo'), true);
  await page.click('#canvas', { position: { x: 30, y: 30 } });
  await page.keyboard.press('Control+z');
  assert.equal(await has(), true, 'Ctrl+Z undoes');
  await page.keyboard.press('Control+Shift+Z');
  assert.equal(await has(), false, 'Ctrl+Shift+Z redoes');
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+y');
  assert.equal(await has(), false, 'Ctrl+Y redoes');
  await page.keyboard.press('Control+z');
  assert.equal(await page.evaluate(() => window.__editor.export()), readFileSync(new URL('www/examples/example.json', ROOT), 'utf8'));
});

test('a node dropped on a line too short for it is added beside it, and the page says why', async () => {
  await loadExample();
  // the middle of a straight part shorter than a task (SOPS's rule: it cannot take one)
  const mid = await page.evaluate(() => {
    for (const pts of window.__page.canvas.routes.values()) {
      for (let i = 1; i < pts.length; i++) {
        const a = pts[i - 1], b = pts[i];
        if (Math.abs(a.y - b.y) < 0.01 && Math.abs(a.x - b.x) > 40 && Math.abs(a.x - b.x) < 150) return { x: (a.x + b.x) / 2, y: a.y };
      }
    }
    return null;
  });
  assert.ok(mid, 'the example has a short line');
  await dropFromPalette(page, 'tasknode', mid.x, mid.y);
  const t = await tree(page);
  const [task] = added(EXAMPLE, t);
  assert.ok(task, 'the task is added');
  assert.equal(Object.keys(t.flows).length, Object.keys(EXAMPLE.flows).length, 'no line is split');
  assert.match(await noticeText(), /This part of the line is shorter than the node/);
  await shot(page, 'editor-05b-short-line');
});

test('dragging moves a node, a rubber band or shift-clicks select several that move together', async () => {
  await loadExample();
  const task = EXAMPLE.location.find((l) => l.type === 'tasknode');
  const k = await page.evaluate(() => window.__page.canvas.view.k);
  const line = EXAMPLE.line.find((l) => l.target.id === task.id).id;
  const dBefore = await page.$eval(`#canvas .line[data-id="${line}"] .stroke`, (p) => p.getAttribute('d'));
  const from = await center(page, `#canvas .node[data-id="${task.id}"] .body`);
  await drag(page, from, { x: from.x + 60, y: from.y + 100 });
  let loc = (await tree(page)).location.find((l) => l.id === task.id);
  assert.deepEqual([loc.x, loc.y], [task.x + Math.round(60 / k), task.y + Math.round(100 / k)]);
  assert.notEqual(await page.$eval(`#canvas .line[data-id="${line}"] .stroke`, (p) => p.getAttribute('d')), dBefore, 'its lines follow');
  await page.click('#undo');
  // Shift+drag on the background: a rubber band around the start event and the first task.
  const a = await screenOf(page, 20, 120);
  const b = await screenOf(page, task.x + 170, task.y + 70);
  await drag(page, a, b, { shift: true });
  const sel = await page.evaluate(() => [...window.__page.doc.selection.nodes]);
  assert.deepEqual(sel.sort(), [START, task.id].sort());
  // Shift-click adds a node, shift-click again removes it.
  const other = EXAMPLE.location.find((l) => l.type === 'branchgateway');
  await page.click(`#canvas .node[data-id="${other.id}"] .body`, { modifiers: ['Shift'] });
  assert.equal(await page.$$eval('#canvas .node.selected', (g) => g.length), 3);
  await page.click(`#canvas .node[data-id="${other.id}"] .body`, { modifiers: ['Shift'] });
  assert.equal(await page.$$eval('#canvas .node.selected', (g) => g.length), 2);
  const s = await center(page, `#canvas .node[data-id="${START}"] .body`);
  await drag(page, s, { x: s.x, y: s.y - 80 });
  const t = await tree(page);
  const dy = Math.round(-80 / k);
  for (const id of [START, task.id]) {
    loc = t.location.find((l) => l.id === id);
    const orig = EXAMPLE.location.find((l) => l.id === id);
    assert.deepEqual([loc.x, loc.y], [orig.x, orig.y + dy], `${id} moved with the selection`);
  }
  // One undo step for the whole selection.
  await page.click('#undo');
  assert.equal((await tree(page)).location.find((l) => l.id === START).y, EXAMPLE.location.find((l) => l.id === START).y);
  await shot(page, 'editor-06-moved');
});

test('Delete removes the selected node (bridging its flows) or the selected line', async () => {
  await loadExample();
  // The first task has one flow in and one out: deleting it bridges them.
  const task = EXAMPLE.location.find((l) => l.type === 'tasknode').id;
  const before = EXAMPLE.line.find((l) => l.target.id === task).source.id;
  const next = EXAMPLE.line.find((l) => l.source.id === task).target.id;
  await page.click(`#canvas .node[data-id="${task}"] .body`);
  await page.keyboard.press('Delete');
  let t = await tree(page);
  assert.equal(t.activities[task], undefined);
  assert.ok(flowsOf(t).includes(`${before}>${next}`), 'bridged');
  assert.equal(await page.$$eval(`#canvas .node[data-id="${task}"]`, (g) => g.length), 0);
  // A line: click it, then the Delete button.
  const line = EXAMPLE.line.find((l) => l.source.id !== START && l.target.id !== task && l.source.id !== task);
  const { screen: p } = await lineMid(page, line.id);
  await page.mouse.click(p.x, p.y);
  assert.equal(await page.evaluate(() => window.__page.doc.selection.line), line.id);
  await page.click('#delete');
  t = await tree(page);
  assert.equal(t.flows[line.id], undefined);
  assert.equal(await page.$$eval(`#canvas .line[data-id="${line.id}"]`, (g) => g.length), 0);
});

test('copy and paste nodes with the flows between them', async () => {
  await loadExample();
  const [a, b] = EXAMPLE.location.filter((l) => l.type === 'tasknode');
  const linked = EXAMPLE.line.find((l) => l.source.id === a.id)?.target.id === b.id;
  const pair = linked ? [a.id, b.id] : [EXAMPLE.line.find((l) => l.source.id === a.id).source.id, EXAMPLE.line.find((l) => l.source.id === a.id).target.id];
  await page.click(`#canvas .node[data-id="${pair[0]}"] .body`);
  await page.click(`#canvas .node[data-id="${pair[1]}"] .body`, { modifiers: ['Shift'] });
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  let t = await tree(page);
  const copies = added(EXAMPLE, t);
  assert.equal(copies.length, 2);
  assert.ok(flowsOf(t).includes(`${copies[0]}>${copies[1]}`) || flowsOf(t).includes(`${copies[1]}>${copies[0]}`), 'the flow between them is copied');
  assert.deepEqual((await page.evaluate(() => [...window.__page.doc.selection.nodes])).sort(), [...copies].sort());
  await page.click('#paste');
  t = await tree(page);
  assert.equal(added(EXAMPLE, t).length, 4);
  await shot(page, 'editor-07-pasted');
});

test('the side panel edits a node\'s name and fields and a branch\'s condition', async () => {
  await loadExample();
  const task = Object.values(EXAMPLE.activities).find((a) => a.type === 'ServiceActivity');
  await page.click(`#canvas .node[data-id="${task.id}"] .body`);
  await page.fill('#prop-name', '发布 v2');
  await page.press('#prop-name', 'Enter');
  assert.equal((await tree(page)).activities[task.id].name, '发布 v2');
  assert.equal(await page.textContent(`#canvas .node[data-id="${task.id}"] .name`), '发布 v2');
  await page.uncheck('#tab-props input[data-field=optional]');
  assert.equal((await tree(page)).activities[task.id].optional, false);
  await page.fill('#prop-code', 'sleep_timer');
  await page.fill('#prop-version', 'legacy');
  await page.click('#prop-replace');
  assert.deepEqual((await tree(page)).activities[task.id].component.code, 'sleep_timer');
  assert.equal(await page.textContent(`#canvas .node[data-id="${task.id}"] .code`), 'sleep_timer', 'the code without the version that does not fit');
  assert.match(await page.textContent(`#canvas .node[data-id="${task.id}"] title`), /plugin: sleep_timer legacy/);
  // All fields as JSON: a new field.
  await page.click('#tab-props details.fields summary');
  const fields = JSON.parse(await page.inputValue('#tab-props details.fields textarea'));
  fields.stage_name = 'stage 1';
  await page.fill('#tab-props details.fields textarea', JSON.stringify(fields, null, 2));
  await page.click('#tab-props details.fields button');
  assert.equal((await tree(page)).activities[task.id].stage_name, 'stage 1');
  // An exclusive gateway's branches: rename a condition, make another the default.
  const gw = Object.values(EXAMPLE.gateways).find((g) => g.type === 'ExclusiveGateway');
  const [f1, f2] = Object.keys(gw.conditions);
  await page.click(`#canvas .node[data-id="${gw.id}"] .body`);
  await page.fill(`#tab-props .branch[data-flow="${f1}"] [data-role=cond-name]`, '通过');
  await page.fill(`#tab-props .branch[data-flow="${f1}"] [data-role=cond-evaluate]`, '${x} == 1');
  await page.press(`#tab-props .branch[data-flow="${f1}"] [data-role=cond-evaluate]`, 'Enter');
  let g = (await tree(page)).gateways[gw.id];
  assert.deepEqual([g.conditions[f1].name, g.conditions[f1].evaluate], ['通过', '${x} == 1']);
  assert.match(await page.textContent(`#canvas .label[data-id="${f1}"]`), /通过$/);
  await page.check(`#tab-props .branch[data-flow="${f2}"] [data-role=cond-default]`);
  g = (await tree(page)).gateways[gw.id];
  assert.equal(g.default_condition.flow_id, f2);
  assert.equal(await page.$eval(`#canvas .line[data-id="${f2}"]`, (e) => e.classList.contains('default')), true, 'the default branch is marked');
  assert.equal(await page.$eval(`#canvas .label[data-id="${f2}"]`, (e) => e.classList.contains('default')), true);
  // made a normal branch again: the condition it had comes back (SOPS would leave it empty)
  await page.uncheck(`#tab-props .branch[data-flow="${f2}"] [data-role=cond-default]`);
  g = (await tree(page)).gateways[gw.id];
  assert.deepEqual([g.conditions[f2].name, g.conditions[f2].evaluate], [gw.conditions[f2].name, gw.conditions[f2].evaluate]);
  await page.check(`#tab-props .branch[data-flow="${f2}"] [data-role=cond-default]`);
  // Selecting the line (here by its label) shows its condition too.
  await page.click(`#canvas .label[data-id="${f1}"]`);
  assert.equal(await page.evaluate(() => window.__page.doc.selection.line), f1);
  assert.equal(await page.inputValue(`#tab-props .branch[data-flow="${f1}"] [data-role=cond-name]`), '通过');
  const at = EXAMPLE.location.find((l) => l.id === gw.id);
  await page.evaluate(([x, y]) => window.__page.canvas.setView(300 - x, 300 - y, 1), [at.x, at.y]);
  await shot(page, 'editor-08-side-panel');
});

test('a name with HTML stays text', async () => {
  const task = Object.values(EXAMPLE.activities).find((a) => a.type === 'ServiceActivity');
  const evil = '<img src=x onerror="window.__pwned=1">';
  await page.evaluate(() => window.__page.canvas.openView());
  await page.click(`#canvas .node[data-id="${task.id}"] .body`);
  await page.fill('#prop-name', evil);
  await page.press('#prop-name', 'Enter');
  assert.equal((await tree(page)).activities[task.id].name, evil);
  assert.match(await page.textContent(`#canvas .node[data-id="${task.id}"] .name`), /^<img src=x/);
  assert.ok((await page.textContent(`#canvas .node[data-id="${task.id}"] title`)).includes(evil));
  // A condition name with HTML too.
  const gw = Object.values(EXAMPLE.gateways).find((g) => g.type === 'ConditionalParallelGateway');
  const flow = Object.keys(gw.conditions)[0];
  await page.evaluate(([g, f, name]) => window.__page.commands.run({ op: 'setCondition', gateway: g, flow: f, name, evaluate: '1 == 1' }), [gw.id, flow, '<b onmouseover=alert(1)>x</b>']);
  assert.match(await page.textContent(`#canvas .label[data-id="${flow}"]`), /<b onmouseover/);
  await page.click('[data-tab=payload]');
  await page.waitForSelector(`#mock-list li[data-node="${task.id}"]`);
  assert.match(await page.textContent(`#mock-list li[data-node="${task.id}"]`), /<img src=x/);
  assert.equal(await page.$$eval('img, [onerror], [onmouseover]', (e) => e.length), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await page.click('[data-tab=props]');
  await shot(page, 'editor-09-html-as-text');
});

test('problems are listed live; clicking one selects and reveals its node; nodes with errors are marked', async () => {
  await loadExample();
  // a free place in view: bottom right, clear of nodes and lines
  await dropFromPalette(page, 'tasknode', 680, 740);
  const [id] = added(EXAMPLE, await tree(page));
  await idle(page);
  await page.click('[data-tab=problems]');
  const items = await page.$$eval('#tab-problems li[data-code]', (lis) => lis.map((li) => [li.dataset.code, li.dataset.node]));
  assert.ok(items.some(([code, node]) => code === 'CONN002' && node === id), JSON.stringify(items));
  assert.ok(items.some(([code, node]) => code === 'CONN010' && node === id), 'the deferred graph checks ran');
  assert.match(await page.textContent('#problems-summary'), /^\d+ errors?, \d+ warnings?$/);
  assert.equal(await page.$eval(`#canvas .node[data-id="${id}"]`, (g) => g.classList.contains('has-error')), true);
  assert.match(await page.textContent('#problem-count'), /^\d+$/);
  // Look elsewhere, then click the problem: the node is selected and brought into view.
  await page.evaluate(() => window.__page.canvas.setView(-3000, -2000, 1));
  await page.evaluate(() => window.__page.doc.select([]));
  await page.click(`#tab-problems li[data-code=CONN002][data-node="${id}"]`);
  assert.deepEqual(await page.evaluate(() => [...window.__page.doc.selection.nodes]), [id]);
  const box = await page.locator(`#canvas .node[data-id="${id}"] .body`).boundingBox();
  const area = await page.locator('#canvas').boundingBox();
  assert.ok(box.x >= area.x && box.y >= area.y && box.x + box.width <= area.x + area.width && box.y + box.height <= area.y + area.height, 'in view');
  await shot(page, 'editor-10-problem-selected');
  // Deleting it takes its problems off the list (the outcome's DiagnosticDelta).
  await page.keyboard.press('Delete');
  await idle(page);
  assert.equal(await page.$$eval(`#tab-problems li[data-node="${id}"]`, (l) => l.length), 0);
  assert.equal(await page.textContent('#problems-summary'), 'No problems');
});

test('a line\'s panel lists its problems; anchors and messages read in the page\'s language, nodes by name', async () => {
  await loadExample();
  const gw = Object.values(EXAMPLE.gateways).find((g) => g.type === 'ExclusiveGateway');
  const [f1] = Object.keys(gw.conditions);
  await page.evaluate(([g, f]) => window.__page.commands.run({ op: 'setCondition', gateway: g, flow: f, name: '坏条件', evaluate: '${x} ==' }), [gw.id, f1]);
  await idle(page);
  await page.evaluate((f) => window.__page.doc.select([], f), f1);
  await page.click('[data-tab=props]');
  const problems = await page.$$eval('#tab-props .node-problems li', (l) => l.map((x) => x.textContent));
  assert.ok(problems.some((p) => /^EXPR\d+/.test(p)), JSON.stringify(problems));
  assert.match(await page.textContent('#tab-props'), /\(Right anchor\)/);
  await page.click('#lang');
  assert.match(await page.textContent('#tab-props'), /（右锚点）/);
  // a node with a name is called by it in the Problems list
  const task = Object.values(EXAMPLE.activities).find((a) => a.type === 'ServiceActivity' && a.name);
  const flows = [task.incoming].flat().filter(Boolean);
  await page.evaluate((f) => window.__page.commands.run({ op: 'disconnect', flow: f }), flows[0]);
  await idle(page);
  await page.click('[data-tab=problems]');
  const said = await page.$eval(`#tab-problems li[data-code=CONN002][data-node="${task.id}"] .msg`, (e) => e.textContent);
  assert.ok(said.includes(`「${task.name}」`) && !said.includes(task.id), said);
  await shot(page, 'editor-11-named-problem-zh');
  await page.click('#lang');
  assert.ok((await page.$eval(`#tab-problems li[data-code=CONN002][data-node="${task.id}"] .msg`, (e) => e.textContent)).includes(`"${task.name}"`));
});

test('clicking a variable\'s problem shows the variable in the Variables tab', async () => {
  await loadExample();
  await page.evaluate(() => window.__page.commands.run({ op: 'addVariable', key: '${unused_here}', name: '没人用的变量', value: 'x' }));
  await idle(page);
  await page.click('[data-tab=problems]');
  await page.click('#tab-problems li[data-code=VAR006][data-variable="${unused_here}"]');
  assert.equal(await page.isVisible('#tab-vars'), true);
  assert.equal(await page.$$eval('#tab-vars li.var[data-key="${unused_here}"] .var-uses', (u) => u.length), 1, 'its uses are open');
});

test('an invalid tree: every diagnostic with its rule code, the engine verdict, the rules preset', async () => {
  await replaceWith(page, () => page.setInputFiles('#file', ruleFile('GW004')), 'GW004.json');
  await idle(page);
  await page.click('[data-tab=problems]');
  await page.waitForFunction(() => document.getElementById('engine-verdict').textContent === 'bamboo-engine refuses it (GW004)');
  assert.equal(await page.textContent('#problems-summary'), '1 error, 0 warnings');
  const items = await page.$$eval('#tab-problems li[data-code]', (lis) => lis.map((li) => `${li.dataset.code} ${li.textContent}`));
  assert.equal(items.length, 1);
  // grouped under the node, named by its type and name; the message in the page's language
  assert.match(await page.textContent('#tab-problems .problem-group[data-group="node:eg"] .group-head'), /^Exclusive gateway 节点eg 1 problem$/);
  assert.match(items[0], /^GW004 GW004 .*the branches of exclusive gateway "节点eg" do not all meet the same converge gateway first/);
  assert.doesNotMatch(items[0], /分支网关/);
  assert.equal(await page.$eval('#canvas .node[data-id="eg"]', (g) => g.classList.contains('has-error')), true);
  await shot(page, 'editor-11-engine-refuses');
  // The "create a task" rules turn task-time warnings into errors.
  await replaceWith(page, () => page.setInputFiles('#file', ruleFile('GW010')), 'GW010.json');
  await idle(page);
  assert.equal(await page.textContent('#problems-summary'), '0 errors, 1 warning');
  await page.selectOption('#preset', 'task');
  await page.waitForFunction(() => document.getElementById('problems-summary').textContent === '1 error, 0 warnings');
  await page.selectOption('#preset', 'template');
  assert.equal(await page.textContent('#problems-summary'), '0 errors, 1 warning');
});

test('a fix the core offers repairs the drawing', async () => {
  const broken = structuredClone(EXAMPLE);
  const gone = broken.line.shift();
  await page.click('[data-tab=json]');
  await pasteInto(page, '#json-text', JSON.stringify(broken, null, 4));
  await replaceWith(page, () => page.click('#json-load'), '');
  assert.equal(await page.$$eval(`#canvas .line[data-id="${gone.id}"]`, (g) => g.length), 0);
  await page.click('[data-tab=problems]');
  const item = `#tab-problems li[data-code=WEB001][data-flow="${gone.id}"]`;
  await page.waitForSelector(item);
  await shot(page, 'editor-12-fix-offered');
  await page.click(`${item} button.fix`);
  assert.equal(await page.$$eval(`#canvas .line[data-id="${gone.id}"]`, (g) => g.length), 1, 'the line is drawn again');
  assert.equal(await page.$$eval(item, (g) => g.length), 0, 'the problem is gone');
  assert.ok((await tree(page)).line.some((l) => l.id === gone.id));
});

test('auto-layout in both modes moves the nodes apart, and undoes in one step', async () => {
  await loadExample();
  const boxes = (t) => t.location.map((l) => ({ id: l.id, x: l.x, y: l.y, ...(['tasknode', 'subflow'].includes(l.type) ? { w: 154, h: 54 } : { w: 34, h: 34 }) }));
  const overlapping = (bs) => {
    const out = [];
    for (let i = 0; i < bs.length; i++) {
      for (let j = i + 1; j < bs.length; j++) {
        const a = bs[i], b = bs[j];
        if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) out.push(`${a.id}/${b.id}`);
      }
    }
    return out;
  };
  const onScreen = () => page.$$eval('#canvas .node', (gs) => gs.map((g) => g.getAttribute('transform')));
  const drawnBefore = await onScreen();
  await page.click('#layout-layered');
  const layered = await tree(page);
  const moved = layered.location.filter((l) => { const o = EXAMPLE.location.find((e) => e.id === l.id); return o.x !== l.x || o.y !== l.y; });
  assert.ok(moved.length > EXAMPLE.location.length / 2, `${moved.length} nodes moved`);
  assert.deepEqual(overlapping(boxes(layered)), []);
  assert.notDeepEqual(await onScreen(), drawnBefore, 'the canvas shows the new places');
  await painted(page);
  await shot(page, 'editor-13-layout-layered');
  await page.click('#layout-sops');
  const sops = await tree(page);
  assert.notDeepEqual(sops.location.map((l) => [l.x, l.y]), layered.location.map((l) => [l.x, l.y]));
  assert.deepEqual(overlapping(boxes(sops)), []);
  // Drawn where the tree says.
  for (const l of sops.location.slice(0, 10)) {
    assert.equal(await page.$eval(`#canvas .node[data-id="${l.id}"]`, (g) => g.getAttribute('transform')), `translate(${l.x},${l.y})`);
  }
  await painted(page);
  await shot(page, 'editor-14-layout-sops');
  await page.click('#undo');
  assert.deepEqual((await tree(page)).location, layered.location);
});

test('pan, zoom and fit', async () => {
  const view = () => page.evaluate(() => ({ ...window.__page.canvas.view }));
  await page.click('#fit');
  const area = await page.locator('#canvas').boundingBox();
  // Fitting leaves a margin at the top of the canvas: drag there to pan.
  const v0 = await view();
  const from = { x: area.x + 40, y: area.y + 12 };
  assert.equal(await page.evaluate(([x, y]) => window.__page.canvas.nodeAt(x, y), [from.x, from.y]), null);
  await drag(page, from, { x: from.x + 120, y: from.y + 70 });
  const v1 = await view();
  assert.deepEqual([Math.round(v1.x - v0.x), Math.round(v1.y - v0.y), v1.k], [120, 70, v0.k]);
  const c = await center(page, '#canvas');
  await page.mouse.move(c.x, c.y);
  await page.mouse.wheel(0, -300);
  await page.waitForFunction((k) => window.__page.canvas.view.k > k, v1.k);
  const v2 = await view();
  assert.equal(await page.textContent('#zoom'), `${Math.round(v2.k * 100)}%`);
  await page.click('#fit');
  const boxes = await page.$$eval('#canvas .node .body', (es) => es.map((e) => e.getBoundingClientRect().toJSON()));
  for (const b of boxes) {
    assert.ok(b.left >= area.x - 1 && b.top >= area.y - 1 && b.right <= area.x + area.width + 1 && b.bottom <= area.y + area.height + 1, 'fits');
  }
  await shot(page, 'editor-15-fit');
});

test('no console errors', () => {
  assert.deepEqual(consoleErrors, []);
});
