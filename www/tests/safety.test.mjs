// Nothing lost: every change is saved in the browser and offered back after a reload; if the
// wasm core fails (simulated: its Editor throws a WebAssembly.RuntimeError, as a trap would),
// a banner keeps the tree as of the last change for download and for the next visit.
// Screenshots go to test-artifacts/safety-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { open, shot, tree, painted } from './helpers.mjs';

let page, close, consoleErrors;
before(async () => ({ page, close, consoleErrors } = await open()));
after(async () => close?.());

const saved = () => page.evaluate(() => JSON.parse(localStorage.getItem('pipeline-tree.autosave') ?? 'null'));

test('a change is saved in the browser and offered back after a reload', async () => {
  assert.equal(await saved(), null, 'nothing is saved before an edit');
  assert.equal(await page.isHidden('#recover'), true);
  await page.evaluate(() => window.__page.doc.apply({ op: 'addNode', type: 'tasknode', x: 900, y: 420, name: 'kept across a reload' }));
  await page.waitForFunction(() => localStorage.getItem('pipeline-tree.autosave') !== null);
  const record = await saved();
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
