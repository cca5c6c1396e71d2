// Trees in and out of the editor page, and what it builds from them, in headless Chromium:
// the JSON tab and its layout options, a broken file (its problems with line and column, and
// nothing lost), pasting and dropping a file, export compared with editor.export(), the payload
// panel (mock task with chosen nodes and outputs, create task, clocked task, copy), and a
// generated 1,000-node tree: time to open and to auto-layout are printed (not asserted), and an
// edit redraws only what its delta names. Screenshots go to test-artifacts/io-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, ARTIFACTS, open, shot, center, drag, tree, painted, pasteInto, replaceWith, generate } from './helpers.mjs';

let page, close, consoleErrors;
const EXAMPLE_TEXT = readFileSync(new URL('www/examples/example.json', ROOT), 'utf8');
const EXAMPLE = JSON.parse(EXAMPLE_TEXT);
const SEED_PATH = new URL('tests/fixtures/trees/seed_create_task.json', ROOT).pathname;

before(async () => ({ page, close, consoleErrors } = await open()));
after(async () => close?.());

const status = () => page.textContent('#status');

test('the JSON tab shows the tree being edited, in the layout asked for', async () => {
  await page.click('[data-tab=json]');
  assert.equal(await page.inputValue('#json-text'), EXAMPLE_TEXT);
  await page.selectOption('#indent', 'compact');
  assert.ok(!(await page.inputValue('#json-text')).trimEnd().includes('\n'));
  await page.selectOption('#indent', '2');
  assert.match(await page.inputValue('#json-text'), /^\{\n {2}"name"/);
  await page.selectOption('#indent', 'keep');
  assert.equal(await page.inputValue('#json-text'), EXAMPLE_TEXT);
});

test('a broken file shows every problem with its line and column, and loses nothing', async () => {
  const broken = '{\n  "activities": {\n    "n1": {"id": "n1", "name": "a", "name": "b"}\n  }\n}';
  const before = await page.evaluate(() => window.__editor.export());
  await page.setInputFiles('#file', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
  await page.waitForSelector('#json-problems li');
  const items = await page.$$eval('#json-problems li', (lis) => lis.map((li) => li.textContent));
  assert.equal(items.length, 1, items.join('\n'));
  assert.equal(items[0], '3:37 duplicate-key duplicate key "name" at $.activities.n1.name');
  assert.match(await status(), /^broken\.json was not opened: duplicate key "name" at \$\.activities\.n1\.name \(line 3, column 37\).*The tree being edited is unchanged\.$/);
  assert.match(await page.textContent('#notice'), /line 3, column 37/);
  // Nothing lost: the tree being edited is as it was and still drawn; the bad text is editable.
  assert.equal(await page.evaluate(() => window.__editor.export()), before);
  assert.equal(await page.$$eval('#canvas .node', (g) => g.length), EXAMPLE.location.length);
  assert.equal(await page.inputValue('#json-text'), broken);
  assert.equal(await page.getAttribute('[data-tab=json]', 'aria-selected'), 'true');
  // Clicking a problem selects its place in the text.
  await page.click('#json-problems li >> nth=0');
  assert.equal(await page.$eval('#json-text', (t) => t.value.slice(t.selectionStart, t.selectionStart + 6)), '"name"');
  await shot(page, 'io-01-broken-file');
  // Duplicate keys and syntax errors are located too.
  await pasteInto(page, '#json-text', '{"a": 1,\n "a": 2}');
  await page.click('#json-load');
  assert.equal(await page.textContent('#json-problems li'), '2:2 duplicate-key duplicate key "a" at $.a');
  await pasteInto(page, '#json-text', '{"a": [1, 2,]}');
  await page.click('#json-load');
  assert.match(await page.textContent('#json-problems li'), /^1:13 invalid-json/);
  assert.equal(await page.evaluate(() => window.__editor.export()), before);
});

test('pasted JSON opens in the editor', async () => {
  const text = readFileSync(SEED_PATH, 'utf8');
  await pasteInto(page, '#json-text', text);
  await replaceWith(page, () => page.click('#json-load'), '');
  const t = JSON.parse(text);
  assert.equal(await page.$$eval('#canvas .node', (g) => g.length), t.location.length);
  assert.equal(await page.evaluate(() => window.__editor.export()), text);
  assert.equal(await page.isHidden('#json-problems'), true);
});

test('a tree without drawing data opens undrawn and is drawn by auto-layout', async () => {
  const bare = structuredClone(EXAMPLE);
  delete bare.location;
  delete bare.line;
  await pasteInto(page, '#json-text', JSON.stringify(bare));
  await replaceWith(page, () => page.click('#json-load'), '');
  assert.equal(await page.$$eval('#canvas .node', (g) => g.length), 0);
  assert.equal(await page.isVisible('#empty'), true);
  const nodes = Object.keys(EXAMPLE.activities).length + Object.keys(EXAMPLE.gateways).length + 2;
  assert.match(await page.textContent('#empty-text'), new RegExp(`has ${nodes} nodes but no drawing data`));
  await page.click('#empty-layout');
  assert.equal(await page.$$eval('#canvas .node', (g) => g.length), nodes);
  assert.equal(await page.$$eval('#canvas .line', (g) => g.length), Object.keys(EXAMPLE.flows).length);
  assert.equal(await page.isVisible('#empty'), false);
});

test('a tree whose location gives no place (BKFlow preview: ids only) says so and is drawn by auto-layout', async () => {
  // tests/realworld (MIT, Tencent BlueKing): location items without x and y, events without type
  const text = readFileSync(new URL('tests/realworld/trees/070-bkflow-preview-base-preview-with-parallel-gateway.json', ROOT), 'utf8');
  await pasteInto(page, '#json-text', text);
  await replaceWith(page, () => page.click('#json-load'), '');
  assert.equal(await page.$$eval('#canvas .node', (g) => g.length), 0);
  assert.equal(await page.isVisible('#empty'), true);
  assert.match(await page.textContent('#empty-text'), /has 6 nodes, but its drawing data gives them no place/);
  assert.deepEqual(await page.evaluate(() => ['start', 'end'].map((id) => window.__page.doc.typeOf(id))), ['startpoint', 'endpoint']);
  await page.click('#empty-layout');
  assert.equal(await page.$$eval('#canvas .node', (g) => g.length), 6);
  assert.equal(await page.$$eval('#canvas .node[data-type=startpoint]', (g) => g.length), 1);
  assert.equal(await page.isVisible('#empty'), false);
  await shot(page, 'io-unplaced-laid-out');
});

test('a SOPS export file with several templates asks which one to open', async () => {
  // tests/realworld (MIT, Tencent BlueKing): SOPS's export of three templates
  const text = readFileSync(new URL('tests/realworld/trees/025-sops-export-complicated-data.json', ROOT), 'utf8');
  await page.evaluate(() => window.__page.doc.markSaved());
  const before = await page.evaluate(() => window.__editor.export());
  // cancelled: nothing changes
  let opening = page.evaluate((s) => window.__page.io.importFile(new File([s], 'export.json')), text);
  await page.waitForSelector('#choose[open]');
  assert.match(await page.textContent('#choose-text'), /export\.json is a SOPS export file with 3 templates/);
  assert.deepEqual(await page.$$eval('#choose-list button', (b) => b.map((x) => x.textContent)),
    ['yaml导出样例父流程id 9', '循环样例id 7', 'yaml导出样例子流程id 8']);
  await shot(page, 'io-choose-template');
  await page.click('#choose-no');
  assert.equal(await opening, false);
  assert.equal(await page.evaluate(() => window.__editor.export()), before);
  // chosen: that template opens
  opening = page.evaluate((s) => window.__page.io.importFile(new File([s], 'export.json')), text);
  await page.waitForSelector('#choose[open]');
  await page.click('#choose-list button:has-text("循环样例")');
  assert.equal(await opening, true);
  assert.equal(await page.evaluate(() => window.__editor.source().template.name), '循环样例');
  assert.ok(await page.$$eval('#canvas .node', (g) => g.length) > 0);
});

test('a file dropped on the page opens', async () => {
  await replaceWith(page, () => page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
    const target = document.getElementById('canvas-wrap');
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }
  }, EXAMPLE_TEXT), 'dropped.json');
  assert.equal(await page.$$eval('#canvas .node', (g) => g.length), EXAMPLE.location.length);
});

test('export downloads editor.export(): the same bytes as opened, and the edits after', async () => {
  await replaceWith(page, () => page.setInputFiles('#file', SEED_PATH), 'seed_create_task.json');
  const save = async (name) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
    const path = join(ARTIFACTS, name);
    await download.saveAs(path);
    return { download, bytes: readFileSync(path) };
  };
  let { download, bytes } = await save('exported.json');
  assert.equal(download.suggestedFilename(), 'seed_create_task.json');
  assert.deepEqual(bytes, readFileSync(SEED_PATH));
  // After a move, the export is the editor's text.
  const t = await tree(page);
  const id = t.location.find((l) => l.type === 'tasknode').id;
  const from = await center(page, `#canvas .node[data-id="${id}"] .body`);
  await drag(page, from, { x: from.x + 50, y: from.y + 50 });
  ({ bytes } = await save('exported-after-move.json'));
  const text = await page.evaluate(() => window.__editor.export());
  assert.equal(bytes.toString('utf8'), text);
  assert.notDeepEqual(bytes, readFileSync(SEED_PATH));
  await shot(page, 'io-02-exported');
});

test('the payload panel builds the mock task, create task and clocked task bodies', async () => {
  await replaceWith(page, () => page.click('#example'), 'example.json');
  await page.click('[data-tab=payload]');
  const tasks = Object.values(EXAMPLE.activities).filter((a) => a.type === 'ServiceActivity').slice(0, 2).map((a) => a.id);
  for (const id of tasks) await page.check(`#mock-list li[data-node="${id}"] input[type=checkbox]`);
  await pasteInto(page, `#mock-list li[data-node="${tasks[0]}"] textarea`, '{"callback_data": "abc"}');
  // the request fields start blank: nothing is ready to send with a placeholder
  await page.click('#payload-build');
  for (const key of ['mock', 'create', 'clocked']) assert.match(await page.textContent(`#payload-${key} .status`), /^do not send · missing: /);
  assert.match(await page.textContent('#payload-create .status'), /missing: Space id \(BKFlow\), Creator$/);
  for (const [field, value] of [['#pay-creator', 'admin'], ['#pay-name', 'debug'], ['#pay-space', '3'], ['#pay-template', '1'], ['#pay-biz', '2']]) {
    await page.fill(field, value);
  }
  await page.fill('#pay-plan', await page.getAttribute('#pay-plan', 'placeholder').then((p) => p.replace(/^e\.g\. /, '')));
  await page.click('#payload-build');
  const body = async (key) => JSON.parse(await page.textContent(`#payload-${key} .payload-body`));
  const mock = await body('mock');
  assert.equal(mock.template_id, 1);
  assert.equal(mock.name, 'debug');
  assert.equal(mock.creator, 'admin');
  assert.deepEqual(mock.mock_data.nodes, tasks);
  assert.deepEqual(mock.mock_data.outputs[tasks[0]], { callback_data: 'abc' });
  assert.match(await page.textContent('#payload-mock .status'), /^ready to send/);
  // Where it goes: the method and path, filled from the fields, and a curl command.
  assert.equal(await page.textContent('#payload-mock .endpoint'), 'POST /apigw/space/3/create_mock_task/');
  assert.equal(await page.textContent('#payload-clocked .endpoint'), 'POST /create_clocked_task/1/2/');
  await page.click('#payload-mock button.copy-curl');
  const curl = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(curl, /^curl -X POST 'https:\/\/\{bkflow_host\}\/apigw\/space\/3\/create_mock_task\/'/);
  assert.deepEqual(JSON.parse(curl.slice(curl.indexOf("--data-binary '") + 15, -1)), mock);
  // Copy gives the body as JSON.
  await page.click('#payload-mock button.copy');
  assert.deepEqual(JSON.parse(await page.evaluate(() => navigator.clipboard.readText())), mock);
  // Outputs that are not JSON build nothing, and say why.
  await pasteInto(page, `#mock-list li[data-node="${tasks[1]}"] textarea`, '{"a": ');
  await page.click('#payload-build');
  assert.match(await page.textContent('#payload-mock .payload-diagnostics'), /is not JSON/);
  await pasteInto(page, `#mock-list li[data-node="${tasks[1]}"] textarea`, '{"a": 2}');
  // A missing template id is an error of the mock body.
  await page.fill('#pay-template', '');
  await page.click('#payload-build');
  assert.match(await page.textContent('#payload-mock .status'), /^do not send/);
  assert.ok(await page.$('#payload-mock .payload-diagnostics li[data-code=PAY001]'));
  await page.fill('#pay-template', '1');
  await page.click('#payload-build');
  const create = await body('create');
  assert.equal(create.creator, 'admin');
  assert.deepEqual(Object.keys(create.pipeline_tree.activities), Object.keys(EXAMPLE.activities));
  assert.match(await page.textContent('#payload-create .status'), /^ready to send/);
  const clocked = await body('clocked');
  assert.deepEqual(
    [clocked.bk_biz_id, clocked.template_id, clocked.task_name, clocked.plan_start_time, clocked.scope],
    ['2', '1', 'debug', await page.inputValue('#pay-plan'), 'cmdb_biz'],
  );
  // the template's shown variables, each a field of its type holding the template's value
  const shown = Object.values(EXAMPLE.constants).filter((c) => c.show_type === 'show' && c.source_type !== 'component_outputs');
  assert.deepEqual(clocked.task_parameters, { constants: Object.fromEntries(shown.map((c) => [c.key, c.value])), template_schemes_id: [] });
  const int = shown.find((c) => c.custom_type === 'int');
  assert.equal(await page.getAttribute(`#pay-vars [data-var="${int.key}"]`, 'type'), 'number');
  await page.fill(`#pay-vars [data-var="${int.key}"]`, '7');
  await page.click('#payload-build');
  assert.equal((await body('create')).constants[int.key], 7);
  assert.match(await page.textContent('#payload-clocked .status'), /^ready to send/);
  await page.fill('#pay-plan', '2020-01-01 10:00:00+0800');
  await page.click('#payload-build');
  assert.ok(await page.$('#payload-clocked .payload-diagnostics li[data-code=CLOCK003]'), 'a past plan time is refused');
  await shot(page, 'io-03-payloads');
});

test('a 1,000-node tree opens, lays out and is edited by redrawing only what changed', async () => {
  const big = generate(1000);
  const text = JSON.stringify(big, null, 4);
  await page.click('[data-tab=props]');
  assert.equal(big.location.length, 1000);
  // Time to open it through the file input (read, parse, mirror, draw).
  const t0 = Date.now();
  await replaceWith(page, () => page.setInputFiles('#file', { name: 'big-1000.json', mimeType: 'application/json', buffer: Buffer.from(text) }), 'big-1000.json');
  await painted(page);
  const openWall = Date.now() - t0;
  // A tree this big opens at 100 % on its top left corner and draws only what is on screen
  // (and half a screen round it); panning draws what comes into view.
  const drawn = () => page.evaluate(() => {
    const c = window.__page.canvas;
    const v = c.seen(0.5);
    const ids = [...c.nodeEls.keys()];
    const inView = [...window.__page.doc.locs.keys()].filter((id) => c.nodeIn(id, v));
    return { nodes: ids.length, lines: c.lineEls.size, missing: inView.filter((id) => !c.nodeEls.has(id)).length };
  });
  const opened = await drawn();
  assert.equal(await page.evaluate(() => window.__page.canvas.view.k), 1);
  assert.ok(opened.nodes > 10 && opened.nodes < 400, `${opened.nodes} of 1,000 nodes drawn`);
  assert.equal(opened.missing, 0, 'every node within half a screen of the view is drawn');
  await shot(page, 'io-04a-big-opened');
  await page.evaluate(() => window.__page.canvas.panBy(-3000, -1500));
  const panned = await drawn();
  assert.equal(panned.missing, 0, 'panning draws what comes into view');
  // fitted (at the smallest zoom: the tree is a row 100,000 px long), far more is drawn
  await page.click('#fit');
  const fitted = await drawn();
  assert.equal(fitted.missing, 0);
  assert.ok(fitted.nodes > 800, `${fitted.nodes} nodes drawn when fitted`);
  assert.equal(await page.$$eval('#canvas .node', (g) => g.length), fitted.nodes);
  await shot(page, 'io-04-big-opened');
  // Measured in the page: opening (importText, until drawn on screen) and each auto-layout.
  const timed = (script) => page.evaluate(async (s) => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const started = performance.now();
    if (s.open) window.__page.io.importText(s.open, 'big-1000.json', 'file');
    else document.getElementById(s.click).click();
    await frame();
    return performance.now() - started;
  }, script);
  const openMs = await timed({ open: text });
  const overlaps = () => page.evaluate(() => {
    const t = window.__editor.tree();
    const bs = t.location.map((l) => ({ x: l.x, y: l.y, w: ['tasknode', 'subflow'].includes(l.type) ? 154 : 34, h: ['tasknode', 'subflow'].includes(l.type) ? 54 : 34 }));
    bs.sort((a, b) => a.x - b.x);
    let n = 0;
    for (let i = 0; i < bs.length; i++) {
      for (let j = i + 1; j < bs.length && bs[j].x < bs[i].x + bs[i].w; j++) {
        if (bs[i].y < bs[j].y + bs[j].h && bs[j].y < bs[i].y + bs[i].h) n += 1;
      }
    }
    return n;
  });
  const layered = await timed({ click: 'layout-layered' });
  const after = await tree(page);
  assert.notDeepEqual(after.location.map((l) => [l.x, l.y]), big.location.map((l) => [l.x, l.y]));
  assert.equal(await overlaps(), 0);
  await shot(page, 'io-05-big-layered');
  const sops = await timed({ click: 'layout-sops' });
  assert.notDeepEqual((await tree(page)).location.map((l) => [l.x, l.y]), after.location.map((l) => [l.x, l.y]));
  // SOPS's own draw_pipeline overlaps a few tasks of this tree where a row wraps (its
  // reference implementation gives the same places): counted, not asserted.
  const sopsOverlaps = await overlaps();
  await shot(page, 'io-06-big-sops');
  // An edit redraws only what its delta names: one node moved, its lines re-routed.
  await page.evaluate(() => window.__page.canvas.setView(40, 40, 1));
  const id = (await tree(page)).location.find((l) => l.type === 'tasknode').id;
  const degree = await page.evaluate((n) => window.__page.doc.nodeLines.get(n).size, id);
  const from = await center(page, `#canvas .node[data-id="${id}"] .body`);
  const before = (await tree(page)).location.find((l) => l.id === id);
  await drag(page, from, { x: from.x + 30, y: from.y + 120 });
  const draw = await page.evaluate(() => window.__page.canvas.lastDraw);
  assert.equal(draw.items, 1 + degree, 'one node and its lines were redrawn');
  const moved = (await tree(page)).location.find((l) => l.id === id);
  assert.deepEqual([moved.x - before.x, moved.y - before.y], [30, 120]);
  const move = await page.evaluate((n) => {
    const started = performance.now();
    window.__page.commands.move([n], 10, 0);
    return { ms: performance.now() - started, draw: window.__page.canvas.lastDraw };
  }, id);
  const renamed = await page.evaluate((n) => {
    const started = performance.now();
    window.__page.commands.run({ op: 'updateNode', id: n, fields: { name: 'renamed' } });
    return { ms: performance.now() - started, draw: window.__page.canvas.lastDraw };
  }, id);
  assert.equal(renamed.draw.items, 1 + degree);
  assert.equal(await page.textContent(`#canvas .node[data-id="${id}"] .name`), 'renamed');
  console.log(`1,000-node tree (${(text.length / 1024).toFixed(0)} KB): open ${openMs.toFixed(0)} ms in the page `
    + `(${openWall} ms through the file input), layout layered ${layered.toFixed(0)} ms, layout sops ${sops.toFixed(0)} ms, `
    + `a move ${move.ms.toFixed(1)} ms (${move.draw.items} items redrawn), a rename ${renamed.ms.toFixed(1)} ms (${renamed.draw.items} items redrawn); `
    + `overlapping pairs after SOPS's layout: ${sopsOverlaps}`);
});

test('no console errors', () => {
  assert.deepEqual(consoleErrors, []);
});

test('a tree with __proto__, constructor and HTML ids and names opens, draws and edits as text', async () => {
  const text = readFileSync(new URL('tests/fixtures/hostile/proto_and_html_ids.json', ROOT), 'utf8');
  await replaceWith(page, () => page.setInputFiles('#file', { name: 'hostile.json', mimeType: 'application/json', buffer: Buffer.from(text) }), 'hostile.json');
  await page.click('#layout-layered');
  await painted(page);
  const ids = await page.$$eval('#canvas .node', (g) => g.map((n) => n.dataset.id));
  for (const id of ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty']) {
    assert.ok(ids.includes(id), `${id} is drawn`);
  }
  // names are text, never markup; no prototype was touched
  assert.equal(await page.$$eval('#canvas img, #canvas script, #panel img', (e) => e.length), 0);
  const label = await page.$eval('#canvas .node[data-id="__proto__"]', (g) => g.textContent);
  assert.ok(label.includes('<img src=x onerror=alert(1)>'), label);
  assert.equal(await page.evaluate(() => ({}).polluted ?? Object.prototype.name ?? null), null);
  // editing the node named __proto__ works like any other
  await page.evaluate(() => window.__page.doc.apply({ op: 'removeNode', id: '__proto__', reconnect: true }));
  await painted(page);
  assert.equal(await page.$$eval('#canvas .node[data-id="__proto__"]', (g) => g.length), 0);
  await page.evaluate(() => window.__page.doc.undo());
  await painted(page);
  assert.equal(await page.$$eval('#canvas .node[data-id="__proto__"]', (g) => g.length), 1);
  assert.deepEqual(consoleErrors, []);
  await shot(page, 'io-11-hostile-ids');
});
