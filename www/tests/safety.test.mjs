// Nothing lost: every change is saved in the browser (IndexedDB, trees over localStorage's
// 5 MB too) and offered back after a reload, as is a tree saved in localStorage before; if the
// wasm core fails (simulated: its Editor throws a WebAssembly.RuntimeError, as a trap would),
// a banner keeps the tree as of the last change for download and for the next visit.
// Screenshots go to test-artifacts/safety-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { open, shot, tree, painted, generate } from './helpers.mjs';

let page, close, consoleErrors;
before(async () => ({ page, close, consoleErrors } = await open()));
after(async () => close?.());

const saved = () => page.evaluate(() => window.__page.safety.saved());
/** Waits until a tree is saved (`after`: one saved later than that time). */
async function savedAfter(after = 0) {
  for (let i = 0; i < 200; i++) {
    const r = await saved();
    if (r && r.savedAt > after) return r;
    await page.waitForTimeout(50);
  }
  throw new Error('nothing saved');
}

test('a change is saved in the browser and offered back after a reload', async () => {
  assert.equal(await saved(), null, 'nothing is saved before an edit');
  assert.equal(await page.isHidden('#recover'), true);
  await page.evaluate(() => window.__page.doc.apply({ op: 'addNode', type: 'tasknode', x: 900, y: 420, name: 'kept across a reload' }));
  const record = await savedAfter();
  const text = await page.evaluate(() => window.__editor.export());
  assert.equal(record.text, text);
  assert.equal(record.name, 'example.json');
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.isVisible('#recover'), true);
  assert.match(await page.textContent('#recover'), /You were editing example\.json/);
  await shot(page, 'safety-01-restore-offer');
  await page.click('#recover button:text-is("Restore it")');
  assert.equal(await page.evaluate(() => window.__editor.export()), text);
  assert.ok(Object.values((await tree(page)).activities).some((a) => a.name === 'kept across a reload'));
  assert.equal(await page.isHidden('#recover'), true);
  assert.deepEqual(consoleErrors, []);
});

test('when the core fails, the tree as of the last change is kept for download and for a reload', async () => {
  await page.evaluate(() => window.__page.doc.apply({ op: 'addNode', type: 'tasknode', x: 300, y: 500, name: 'the last change' }));
  const before = await tree(page);
  // The core traps: every call on its Editor now throws what a wasm trap throws.
  await page.evaluate(() => {
    const ed = window.__editor;
    for (const m of ['apply', 'undo', 'redo', 'export']) ed[m] = () => { throw new WebAssembly.RuntimeError('unreachable'); };
  });
  const err = await page.evaluate(() => {
    try { window.__page.doc.apply({ op: 'addNode', type: 'tasknode', x: 1, y: 1 }); return null; } catch (e) { return e.constructor.name; }
  });
  assert.equal(err, 'RuntimeError');
  await page.waitForSelector('#recover[data-kind=error]');
  assert.match(await page.textContent('#recover'), /The editor core stopped \(RuntimeError: unreachable\)\. Your tree as of the last change is kept in this browser/);
  await painted(page);
  await shot(page, 'safety-02-core-failed');
  // the banner follows a language switch, its buttons too
  await page.click('#lang');
  assert.match(await page.textContent('#recover'), /编辑器内核出错停止了（RuntimeError: unreachable）。最后一次修改后的流程已保留在这个浏览器中/);
  await shot(page, 'safety-03-core-failed-zh');
  await page.click('#lang');
  assert.match(await page.textContent('#recover'), /The editor core stopped/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#recover button:text-is("Download it")')]);
  const text = readFileSync(await download.path(), 'utf8');
  assert.deepEqual(JSON.parse(text), before, 'the download is the tree as of the last change');
  assert.deepEqual(JSON.parse((await saved()).text), before, 'and it is saved for the next visit');
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.click('#recover button:text-is("Restore it")');
  assert.deepEqual(await tree(page), before, 'a reload restores it into a working editor');
  await page.evaluate(() => window.__page.doc.apply({ op: 'addNode', type: 'tasknode', x: 50, y: 50 }));
});

test('a tree over 5 MB is saved too, and offered back', async () => {
  const text = JSON.stringify(generate(6000));
  assert.ok(text.length > 5e6, `${text.length} bytes`);
  await page.evaluate((s) => { window.__page.doc.markSaved(); return window.__page.io.importFile(new File([s], 'big.json')); }, text);
  const t0 = Date.now();
  await page.evaluate(() => window.__page.doc.apply({ op: 'updateNode', id: Object.keys(window.__page.doc.tree.activities)[0], fields: { name: '大流程里改过的节点' } }));
  const record = await savedAfter(t0);
  assert.equal(record.name, 'big.json');
  assert.equal(record.text.length, (await page.evaluate(() => window.__editor.export())).length);
  assert.match(record.text, /大流程里改过的节点/);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.match(await page.textContent('#recover'), /You were editing big\.json/);
  await page.click('#recover button:text-is("Restore it")');
  // a tree this big opens in slices of work: it is the document once adopted
  await page.waitForFunction(() => window.__page.doc.name === 'big.json');
  assert.equal(await page.evaluate(() => window.__editor.export()), record.text);
});

test('a tree saved in localStorage before is offered back, and moved on the next save', async () => {
  const example = JSON.parse(readFileSync(new URL('../examples/example.json', import.meta.url), 'utf8'));
  Object.values(example.activities)[0].name = '以前保存的名字';
  const legacy = { name: 'earlier.json', text: JSON.stringify(example, null, 4), savedAt: Date.now() };
  await page.evaluate(async (r) => {
    await window.__page.safety.discard();
    localStorage.setItem('pipeline-tree.autosave', JSON.stringify(r));
  }, legacy);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.match(await page.textContent('#recover'), /You were editing earlier\.json/);
  await page.click('#recover button:text-is("Restore it")');
  assert.match(await page.evaluate(() => window.__editor.export()), /以前保存的名字/);
  const t0 = Date.now();
  await page.evaluate(() => window.__page.doc.apply({ op: 'addNode', type: 'tasknode', x: 1, y: 1 }));
  assert.equal((await savedAfter(t0)).name, 'earlier.json');
  assert.equal(await page.evaluate(() => localStorage.getItem('pipeline-tree.autosave')), null);
  assert.deepEqual(consoleErrors, []);
});
