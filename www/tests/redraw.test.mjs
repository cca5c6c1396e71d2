// What the page draws after it changes language, lays a tree out or opens one, in headless
// Chromium with a Chinese browser and a 1000×700 window: the language switch redraws the
// canvas's own texts (a subprocess's "子流程 · 12"), the notice and the status line in the new
// language; "排版：SOPS" wraps the rows at the canvas's width, so the example laid out still
// fits readable (and no node is drawn over another); the minimap shows the new drawing as soon as a tree is opened or laid out,
// never the previous one. Screenshots go to test-artifacts/redraw-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ROOT, open, shot, painted, replaceWith, generate } from './helpers.mjs';

let page, close, consoleErrors;
const EXAMPLE = JSON.parse(readFileSync(new URL('www/examples/example.json', ROOT), 'utf8'));
const HAN = /[\u4e00-\u9fff]/;

before(async () => ({ page, close, consoleErrors } = await open({ locale: 'zh-CN', viewport: { width: 1000, height: 700 } })));
after(async () => close?.());

const sub = Object.values(EXAMPLE.activities).find((a) => a.type === 'SubProcess');
const subText = () => page.textContent(`#canvas .node[data-id="${sub.id}"] .code`);

test('switching language redraws the canvas, the notice and the status line in the new language', async () => {
  await replaceWith(page, () => page.click('#example'), 'example.json');
  assert.equal(await subText(), `子流程 · ${sub.template_id}`);
  // a refusal on screen, in Chinese
  await page.evaluate(([s, e]) => window.__page.commands.connect(e, s, 'Right', 'Left'), [EXAMPLE.start_event.id, EXAMPLE.end_event.id]);
  assert.match(await page.textContent('#notice'), /^不能把结束节点「/);
  assert.match(await page.textContent('#status'), /^已打开 example\.json/);
  await page.click('#lang');
  assert.equal(await subText(), `subprocess · ${sub.template_id}`);
  assert.match(await page.getAttribute(`#canvas .node[data-id="${sub.id}"]`, 'aria-label'), /^Subprocess /i);
  const notice = await page.textContent('#notice');
  assert.ok(await page.isVisible('#notice'));
  assert.match(notice, /^Cannot connect end event /, notice);
  assert.doesNotMatch(notice.replace(/「[^」]*」|"[^"]*"/g, ''), HAN, notice);
  assert.match(await page.textContent('#status'), /^Opened example\.json/);
  await painted(page);
  await shot(page, 'redraw-01-en');
  // and back
  await page.click('#lang');
  assert.equal(await subText(), `子流程 · ${sub.template_id}`);
  assert.match(await page.textContent('#notice'), /^不能把结束节点「/);
  assert.match(await page.textContent('#status'), /^已打开 example\.json/);
  // a node of the selection stays selected, a search match stays marked
  await page.evaluate((id) => window.__page.doc.select([id]), sub.id);
  await page.fill('#search', sub.name);
  await page.click('#lang');
  assert.ok(await page.$(`#canvas .node.selected.match[data-id="${sub.id}"]`));
  await page.press('#search', 'Escape');
  await page.click('#lang');
  // a new template's name in the status line is the page's own text: said again too
  await replaceWith(page, () => page.click('#new'), '新流程');
  await page.click('#lang');
  assert.match(await page.textContent('#status'), /^Opened a new template · /);
  await page.click('#lang');
  assert.match(await page.textContent('#status'), /^已打开 新流程 · /);
});

test('Layout: SOPS wraps at the canvas\'s width: the example laid out at 1000×700 fits readable', async () => {
  await replaceWith(page, () => page.click('#example'), 'example.json');
  const opened = await page.evaluate(() => window.__page.canvas.view.k);
  await page.click('#layout-sops');
  await page.click('#fit');
  const v = await page.evaluate(() => {
    const c = window.__page.canvas;
    const ids = [...window.__page.doc.locs.keys()];
    const over = [];
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const a = c.boxOf(ids[i]), b = c.boxOf(ids[j]);
        if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) over.push(`${ids[i]}/${ids[j]}`);
      }
    }
    return { k: c.view.k, b: c.bounds(), over, small: document.getElementById('canvas').classList.contains('small-text') };
  });
  assert.equal(v.small, false, `texts shown: ${JSON.stringify(v)}`);
  assert.deepEqual(v.over, [], 'no node drawn over another');
  // the rows wrap at the canvas's width: laid out, the example fits as large as it opened
  // (its own drawing is SOPS's layout for a 900 px canvas), not at the edge of readable
  assert.ok(v.k >= opened - 0.01, `laid out at ${v.k}, opened at ${opened}: ${JSON.stringify(v.b)}`);
  await painted(page);
  await shot(page, 'redraw-02-layout-sops');
  // the same drawing however the view was zoomed when the button was pressed
  const first = await page.evaluate(() => window.__editor.tree().location);
  await page.click('#undo');
  for (let i = 0; i < 4; i++) await page.click('#zoom-out');
  await page.click('#layout-sops');
  assert.deepEqual(await page.evaluate(() => window.__editor.tree().location), first);
  // and so at 900×700, where the canvas is narrower still
  await page.setViewportSize({ width: 900, height: 700 });
  await page.click('#undo');
  await page.click('#fit');
  await page.click('#layout-sops');
  await page.click('#fit');
  assert.equal(await page.evaluate(() => document.getElementById('canvas').classList.contains('small-text')), false);
  await page.setViewportSize({ width: 1000, height: 700 });
  await page.click('#undo');
});

/** The minimap's pixels now, and the pixels it has once drawn afresh from the tree. */
const minimapNowAndFresh = () => page.evaluate(() => {
  const m = window.__page.minimap;
  const now = m.el.toDataURL();
  m.picture = null;
  m.frame();
  return { now, fresh: m.el.toDataURL(), hidden: m.box.hidden };
});

test('the minimap shows the new drawing as soon as a tree is opened or laid out', async () => {
  await replaceWith(page, () => page.click('#example'), 'example.json');
  // zoomed in, so that the minimap is shown
  for (let i = 0; i < 3; i++) await page.click('#zoom-in');
  assert.equal(await page.isVisible('#minimap'), true);
  // laid out: read at once after the button's work
  await page.evaluate(() => window.__page.commands.layout('layered'));
  let m = await minimapNowAndFresh();
  assert.equal(m.now, m.fresh, 'after a layout the minimap shows the new places');
  await page.evaluate(() => window.__page.commands.undo());
  m = await minimapNowAndFresh();
  assert.equal(m.now, m.fresh, 'after an undo too');
  // opened: read as soon as the tree is open
  const big = JSON.stringify(generate(30));
  await page.evaluate(() => window.__page.doc.markSaved());
  const opened = await page.evaluate(async (text) => {
    await window.__page.io.importText(text, 'big-30.json', 'file');
    const mm = window.__page.minimap;
    const now = mm.el.toDataURL();
    mm.picture = null;
    mm.frame();
    return { now, fresh: mm.el.toDataURL() };
  }, big);
  assert.equal(opened.now, opened.fresh, 'after opening the minimap shows the new tree');
  for (let i = 0; i < 3; i++) await page.click('#zoom-in');
  await painted(page);
  await shot(page, 'redraw-03-minimap');
});

test('no console errors', () => {
  assert.deepEqual(consoleErrors, []);
});
