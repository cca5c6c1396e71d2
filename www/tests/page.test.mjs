// The page as a Chinese SOPS author meets it, in headless Chromium with the browser's language
// set to Chinese and a 1000×700 window: every text in Chinese (the core's messages too), the
// switch to English and back, problems grouped by node and filtered by severity, the canvas
// keeping most of the width with panels that fold, the whole tree fitted on open (the example
// readable, a big tree with its texts hidden below a readable size), search and the minimap,
// and the keyboard (Tab to every control, nodes that take focus, Enter, the arrows and
// Delete). Screenshots go to test-artifacts/page-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ROOT, open, shot, tree, idle, dropFromPalette, replaceWith, generate } from './helpers.mjs';

let page, close, consoleErrors;
const EXAMPLE = JSON.parse(readFileSync(new URL('www/examples/example.json', ROOT), 'utf8'));

before(async () => ({ page, close, consoleErrors } = await open({ locale: 'zh-CN', viewport: { width: 1000, height: 700 } })));
after(async () => close?.());

const text = (sel) => page.textContent(sel);
const HAN = /[\u4e00-\u9fff]/;

test('a Chinese browser gets the page in Chinese, the core\'s messages too', async () => {
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.equal(await text('#undo'), '撤销');
  assert.equal(await text('#layout-sops'), '排版：SOPS');
  assert.equal(await text('[data-tab=problems] [data-i18n]'), '问题');
  assert.equal(await page.getAttribute('#palette [data-type=branchgateway]', 'title'), '分支网关：拖到画布上');
  assert.match(await text('#status'), /^已打开 example\.json · \d+ 个节点，\d+ 条连线/);
  assert.equal(await text('#lang'), 'English');
  // a loose task (in a free place at the bottom right): its problems are grouped under it, in Chinese
  await dropFromPalette(page, 'tasknode', 680, 740);
  await idle(page);
  await page.click('[data-tab=problems]');
  const id = await page.evaluate(() => [...window.__page.doc.selection.nodes][0]);
  const group = `#tab-problems .problem-group[data-group="node:${id}"]`;
  await page.waitForSelector(group);
  assert.match(await text(`${group} .group-head`), /^标准插件节点 \S+ \d+ 个问题$/);
  const messages = await page.$$eval(`${group} li .msg`, (l) => l.map((e) => e.textContent));
  assert.ok(messages.length >= 2, messages.join('\n'));
  for (const m of messages) assert.match(m, HAN, m);
  assert.match(await text('#problems-summary'), /^\d+ 个错误，\d+ 个警告$/);
  // only the errors: the warnings' items are hidden
  await page.selectOption('#problems-show', 'error');
  const shown = await page.$$eval('#tab-problems li[data-code]', (l) => l.filter((e) => e.offsetParent !== null).map((e) => e.className));
  assert.ok(shown.length > 0 && shown.every((c) => c === 'error'), shown.join());
  await page.selectOption('#problems-show', 'all');
  await shot(page, 'page-01-zh-problems');
  // a refused connection says why, in Chinese, naming the nodes
  const end = EXAMPLE.end_event.id;
  const start = EXAMPLE.start_event.id;
  await page.evaluate(([s, e]) => window.__page.commands.connect(e, s, 'Right', 'Left'), [start, end]);
  const refusal = await text('#notice');
  assert.match(refusal, /^不能把结束节点「/, refusal);
  assert.match(refusal, /（FE\d{3}）$/, refusal);
  await shot(page, 'page-02-zh-refusal');
  await page.evaluate(() => window.__page.commands.undo());
  await idle(page);
});

test('the switch turns every text to English and back; the choice is kept', async () => {
  await page.click('#lang');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await text('#undo'), 'Undo');
  assert.equal(await text('#lang'), '中文');
  assert.equal(await text('[data-tab=problems] [data-i18n]'), 'Problems');
  assert.match(await text('#problems-summary'), /^(No problems|\d+ errors?, \d+ warnings?)$/);
  assert.match(await page.getAttribute('#search', 'placeholder'), /^Search/);
  // no Chinese left in the page's own texts (tree names and the language switch aside)
  const own = await page.evaluate(() => [...document.querySelectorAll('[data-i18n]')].map((e) => e.textContent).join('\n'));
  assert.doesNotMatch(own.replace('中文', ''), /[\u4e00-\u9fff]/);
  await shot(page, 'page-03-en');
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await text('#undo'), 'Undo', 'the choice outlives a reload');
  await page.click('#lang');
  assert.equal(await text('#undo'), '撤销');
});

test('at 1000×700 the canvas keeps most of the width, the page does not scroll sideways, panels fold', async () => {
  const m = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
    canvas: document.getElementById('canvas').getBoundingClientRect().width,
    toolbar: document.querySelector('.topbar').getBoundingClientRect().height,
  }));
  assert.ok(m.scroll <= m.inner, JSON.stringify(m));
  assert.ok(m.canvas / m.inner >= 0.6, JSON.stringify(m));
  assert.ok(m.toolbar < 50, `the toolbar is one row: ${JSON.stringify(m)}`);
  await shot(page, 'page-04-zh-1000x700');
  await page.click('#toggle-side');
  const wide = await page.evaluate(() => document.getElementById('canvas').getBoundingClientRect().width);
  assert.ok(wide > m.canvas + 250, `${wide} vs ${m.canvas}`);
  assert.equal(await page.getAttribute('#toggle-side', 'aria-pressed'), 'true');
  await shot(page, 'page-05-side-folded');
  await page.click('#toggle-side');
});

test('a tree opens fitted to the canvas: the example readable, a big tree with texts hidden below a readable size', async () => {
  const view = () => page.evaluate(() => {
    const c = window.__page.canvas;
    const b = c.bounds();
    const r = c.rect();
    const tl = c.worldToClient(b.x, b.y), br = c.worldToClient(b.x + b.w, b.y + b.h);
    return { k: c.view.k, tl, br, r, small: document.getElementById('canvas').classList.contains('small-text') };
  });
  const inside = (v) => v.tl.x >= v.r.left && v.tl.y >= v.r.top && v.br.x <= v.r.right && v.br.y <= v.r.bottom;
  const small = () => page.evaluate(() => document.getElementById('canvas').classList.contains('small-text'));
  // the example, at 1000×700: all of it in view, its texts shown
  await replaceWith(page, () => page.click('#example'), 'example.json');
  let v = await view();
  assert.ok(inside(v), JSON.stringify(v));
  assert.ok(v.k >= 0.5, `the example opens at ${v.k}`);
  assert.equal(v.small, false, 'the example\'s texts are shown');
  // a generated 40-node tree is one long row: fitted, it is too small to read and its texts are
  // hidden; zooming in shows them exactly from 50 %
  const big = JSON.stringify(generate(40), null, 4);
  await replaceWith(page, () => page.setInputFiles('#file', { name: 'big-40.json', mimeType: 'application/json', buffer: Buffer.from(big) }), 'big-40.json');
  v = await view();
  assert.ok(inside(v), JSON.stringify(v));
  assert.ok(v.k < 0.5, `the big tree opens at ${v.k}`);
  assert.equal(v.small, true, 'texts hidden below 50 %');
  let k = v.k;
  while (k < 0.5) {
    await page.click('#zoom-in');
    k = await page.evaluate(() => window.__page.canvas.view.k);
    assert.equal(await small(), k < 0.5, `at ${k}`);
  }
  assert.equal(await small(), false, 'shown again from 50 %');
  await page.click('#fit');
  assert.equal(await small(), true);
  await replaceWith(page, () => page.click('#example'), 'example.json');
});

test('search finds nodes by name, id or plugin code and jumps to each; the minimap moves the view', async () => {
  const task = Object.values(EXAMPLE.activities).find((a) => a.component?.code);
  const code = task.component.code;
  const expected = Object.values(EXAMPLE.activities).filter((a) => a.component?.code === code || String(a.name).includes(code)).length;
  await page.fill('#search', code);
  assert.equal(await page.$$eval('#canvas .node.match', (l) => l.length), expected);
  assert.equal(await text('#search-count'), `0/${expected}`);
  await page.press('#search', 'Enter');
  assert.equal(await text('#search-count'), `1/${expected}`);
  const [sel] = await page.evaluate(() => [...window.__page.doc.selection.nodes]);
  assert.ok(sel && (EXAMPLE.activities[sel].component?.code === code || EXAMPLE.activities[sel].name.includes(code)));
  await shot(page, 'page-06-search');
  await page.fill('#search', 'no such node anywhere');
  assert.equal(await text('#search-count'), '无匹配');
  await page.press('#search', 'Escape');
  assert.equal(await page.$$eval('#canvas .node.match', (l) => l.length), 0);
  // zoomed in, the minimap shows (it steps aside while everything is in view); pressing near
  // its right edge moves the view right
  await page.evaluate(() => window.__page.canvas.fit());
  assert.equal(await page.isVisible('#minimap'), false);
  for (let i = 0; i < 4; i++) await page.click('#zoom-in');
  assert.equal(await page.isVisible('#minimap'), true);
  const before = await page.evaluate(() => ({ ...window.__page.canvas.view }));
  const mm = await page.locator('#minimap canvas').boundingBox();
  await page.mouse.click(mm.x + mm.width - 8, mm.y + mm.height / 2);
  const after = await page.evaluate(() => ({ ...window.__page.canvas.view }));
  assert.ok(after.x < before.x, `${JSON.stringify(before)} → ${JSON.stringify(after)}`);
  assert.equal(after.k, before.k);
});

/** Drawn nodes whose boxes meet node `id`'s. */
const overlapping = (id) => page.evaluate((n) => {
  const c = window.__page.canvas;
  const a = c.boxOf(n);
  return [...window.__page.doc.locs.keys()].filter((o) => {
    if (o === n) return false;
    const b = c.boxOf(o);
    return b && a.x < b.x + b.w && a.x + a.w > b.x && a.y < b.y + b.h && a.y + a.h > b.y;
  });
}, id);

test('a palette click and a paste land where nothing is drawn', async () => {
  await replaceWith(page, () => page.click('#example'), 'example.json');
  // the view's center is on a node: the new task goes to the nearest free place
  const task = Object.keys(EXAMPLE.activities)[1];
  await page.evaluate((id) => { const c = window.__page.canvas; c.setView(0, 0, 1); c.reveal('node', id); }, task);
  for (let i = 0; i < 3; i++) {
    await page.click('#palette [data-type=tasknode]');
    const [id] = await page.evaluate(() => [...window.__page.doc.selection.nodes]);
    assert.deepEqual(await overlapping(id), [], `click ${i + 1}`);
  }
  await page.evaluate((id) => window.__page.doc.select([id]), task);
  await page.click('#copy');
  for (let i = 0; i < 2; i++) {
    await page.click('#paste');
    const [id] = await page.evaluate(() => [...window.__page.doc.selection.nodes]);
    assert.deepEqual(await overlapping(id), [], `paste ${i + 1}`);
  }
  await shot(page, 'page-08-free-space');
});

test('deleting a task between two gateways says why its branch is not joined again', async () => {
  await replaceWith(page, () => page.click('#example'), 'example.json');
  const gateways = new Set(Object.keys(EXAMPLE.gateways));
  const one = (x) => (Array.isArray(x) ? x : [x]);
  const task = Object.values(EXAMPLE.activities).find((a) => one(a.incoming).length === 1 && one(a.outgoing).length === 1
    && gateways.has(EXAMPLE.flows[one(a.incoming)[0]].source) && gateways.has(EXAMPLE.flows[one(a.outgoing)[0]].target));
  await page.evaluate((id) => window.__page.doc.select([id]), task.id);
  await page.click('#delete');
  const note = await text('#notice');
  assert.match(note, new RegExp(`^删除标准插件节点「${task.name}」后，`), note);
  assert.match(note, /标准运维不在两个网关之间直接连线/, note);
  assert.equal(await page.getAttribute('#notice', 'data-kind'), 'info');
  await shot(page, 'page-09-unbridged');
  await page.evaluate(() => window.__page.commands.undo());
});

test('the variables panel creates, renames (rewriting references), lists uses, reorders, marks outputs and deletes', async () => {
  await replaceWith(page, () => page.click('#example'), 'example.json');
  await page.click('#toggle-side').catch(() => {});
  if (await page.getAttribute('#toggle-side', 'aria-pressed') === 'true') await page.click('#toggle-side');
  await page.click('[data-tab=vars]');
  const count = Object.keys(EXAMPLE.constants).length;
  await page.waitForSelector('#tab-vars li.var');
  assert.equal(await page.$$eval('#tab-vars li.var', (l) => l.length), count);
  assert.equal(await text('#tab-vars .vars-head strong'), `${count} 个全局变量`);
  // a variable used by a branch condition: its uses link to the gateway
  const used = Object.values(EXAMPLE.constants).find((c) => c.source_type === 'custom');
  const row = (k) => `#tab-vars li.var[data-key="${k}"]`;
  await page.click(`${row(used.key)} .uses`);
  const links = await page.$$eval(`${row(used.key)} .var-uses button.link`, (l) => l.map((b) => b.dataset.node ?? b.dataset.flow ?? ''));
  assert.ok(links.length >= 1, 'its uses are listed');
  await page.click(`${row(used.key)} .var-uses button.link >> nth=0`);
  assert.deepEqual(await page.evaluate(() => [...window.__page.doc.selection.nodes]), [links[0]]);
  // rename: every reference follows
  await page.click(`${row(used.key)} [data-role=edit]`);
  await page.fill(`${row(used.key)} form input[name=key]`, 'renamed_key');
  await page.click(`${row(used.key)} form [data-role=save]`);
  let t = await tree(page);
  assert.equal(t.constants[used.key], undefined);
  assert.ok(t.constants['${renamed_key}']);
  assert.doesNotMatch(JSON.stringify(t.activities) + JSON.stringify(t.gateways), new RegExp(used.key.replace(/[${}]/g, '\\$&')));
  // a new one, listed as an output, moved up, deleted
  await page.click('#var-new');
  await page.fill('#tab-vars form input[name=key]', 'host');
  await page.fill('#tab-vars form input[name=name]', '主机');
  await page.check('#tab-vars form input[name=output]');
  await page.click('#tab-vars form [data-role=save]');
  t = await tree(page);
  assert.equal(t.constants['${host}'].name, '主机');
  assert.ok(t.outputs.includes('${host}'));
  await page.waitForSelector(`${row('${host}')} .tag.output`);
  assert.match(await text(`${row('${host}')} .var-facts`), /流程输出/);
  const last = (await tree(page)).constants['${host}'].index;
  // the panel redraws once edits pause
  await page.waitForFunction(() => document.querySelector('#tab-vars li.var:last-child')?.dataset.key === '${host}');
  await page.click(`${row('${host}')} [data-role=up]`);
  t = await tree(page);
  assert.equal(t.constants['${host}'].index, last - 1);
  await page.waitForFunction(() => document.querySelector('#tab-vars li.var:nth-last-child(2)')?.dataset.key === '${host}');
  await shot(page, 'page-10-variables');
  // deleting a used variable asks first
  await page.click(`${row('${renamed_key}')} [data-role=delete]`);
  await page.waitForSelector('#ask[open]');
  assert.match(await text('#ask-text'), /被引用 \d+ 处/);
  assert.doesNotMatch(await text('#ask-text'), /流程输出/);
  await page.click('#ask-no');
  assert.ok((await tree(page)).constants['${renamed_key}']);
  // ${host} is used only by the template's outputs: asked, answered, gone from both
  await page.click(`${row('${host}')} [data-role=delete]`);
  await page.waitForSelector('#ask[open]');
  await page.click('#ask-yes');
  await page.waitForFunction(() => !window.__editor.tree().constants['${host}']);
  assert.ok(!(await tree(page)).outputs.includes('${host}'));
});

test('the keyboard reaches every control; a node takes focus, Enter selects it, arrows move it, Delete removes it', async () => {
  // from the top of the page
  await page.mouse.click(2, 2);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'open', 'Open… first');
  // every button of the toolbar is reached in turn
  const reached = new Set();
  for (let i = 0; i < 30; i++) {
    reached.add(await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName));
    await page.keyboard.press('Tab');
  }
  for (const id of ['export', 'example', 'new', 'copy', 'paste', 'delete', 'layout-sops', 'fit', 'lang', 'search', 'toggle-side']) {
    assert.ok(reached.has(id), `${id} not reached: ${[...reached]}`);
  }
  const id = Object.keys(EXAMPLE.activities)[0];
  await page.focus(`#canvas .node[data-id="${id}"]`);
  await page.keyboard.press('Enter');
  assert.deepEqual(await page.evaluate(() => [...window.__page.doc.selection.nodes]), [id]);
  const x0 = (await tree(page)).location.find((l) => l.id === id).x;
  await page.keyboard.press('ArrowRight');
  assert.equal((await tree(page)).location.find((l) => l.id === id).x, x0 + 10);
  await shot(page, 'page-07-node-focused');
  await page.keyboard.press('Delete');
  assert.equal((await tree(page)).activities[id], undefined);
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  assert.equal((await tree(page)).location.find((l) => l.id === id).x, x0);
  assert.deepEqual(consoleErrors, []);
});
