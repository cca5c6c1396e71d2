// The page never loses work, in headless Chromium: opening a file, pasting JSON, loading the
// example or starting a new template over unsaved edits asks first, and keeping the tree leaves
// it, its edits and its undo history as they were; a refused file asks nothing and changes
// nothing; undoing back to the opened tree, or exporting, counts as saved; a wrapped tree opens
// with a note saying where it was found. Screenshots go to
// test-artifacts/work-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { open, shot, center, drag, pasteInto, replaceWith } from './helpers.mjs';

let page, close, consoleErrors;
const SEED_PATH = new URL('../../tests/fixtures/trees/seed_create_task.json', import.meta.url).pathname;
const SEED_TEXT = readFileSync(SEED_PATH, 'utf8');

before(async () => ({ page, close, consoleErrors } = await open()));
after(async () => close?.());

const opened = (name) => page.waitForFunction((n) => document.getElementById('status').textContent.startsWith(`Opened ${n}`), name);
/** What the page holds: the tree's text and its undo history. */
const state = () => page.evaluate(() => ({
  text: window.__editor.export(),
  undo: window.__editor.canUndo,
  steps: window.__editor.historyLength,
  name: window.__page.doc.name,
}));
const asking = () => page.evaluate(() => /** @type {HTMLDialogElement} */ (document.getElementById('ask')).open);

/** Moves the first task 40 px to the right by dragging it: one unsaved edit. */
async function edit() {
  const id = await page.evaluate(() => window.__editor.tree().location.find((l) => l.type === 'tasknode').id);
  const from = await center(page, `#canvas .node[data-id="${id}"] .body`);
  await drag(page, from, { x: from.x + 40, y: from.y });
}

test('opening a file over unsaved edits asks; keeping leaves the tree, its edits and its history', async () => {
  await edit();
  await edit();
  const before = await state();
  assert.equal(before.undo, true);
  await page.setInputFiles('#file', { name: 'other.json', mimeType: 'application/json', buffer: Buffer.from(SEED_TEXT) });
  await page.waitForSelector('#ask[open]');
  assert.equal(await page.textContent('#ask-title'), 'Replace the tree being edited?');
  assert.equal(await page.textContent('#ask-text'),
    'example.json has 2 edits that were not exported. Opening other.json replaces it and its undo history (export it first to keep them).');
  assert.equal(await page.textContent('#ask-yes'), 'Open other.json');
  // The safe answer has the focus: Enter keeps the work.
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'ask-no');
  await shot(page, 'work-01-asked');
  await page.click('#ask-no');
  assert.equal(await asking(), false);
  assert.deepEqual(await state(), before);
  assert.match(await page.textContent('#status'), /^other\.json was not opened: you kept the tree being edited/);
  // The history still works: both edits undo, and the tree is the example again.
  await page.click('#undo');
  await page.click('#undo');
  assert.equal(await page.evaluate(() => window.__editor.canUndo), false);
});

test('back at the opened tree, a file opens without a question; Escape keeps the tree', async () => {
  await page.setInputFiles('#file', { name: 'other.json', mimeType: 'application/json', buffer: Buffer.from(SEED_TEXT) });
  await opened('other.json');
  assert.equal(await asking(), false);
  assert.equal((await state()).text, SEED_TEXT);
  await edit();
  const before = await state();
  await page.click('#example');
  await page.waitForSelector('#ask[open]');
  await page.keyboard.press('Escape');
  assert.equal(await asking(), false);
  assert.deepEqual(await state(), before);
});

test('a refused file asks nothing and leaves the tree, its edits and its history', async () => {
  const before = await state();
  assert.equal(before.undo, true);
  for (const [name, text] of [['name.json', '{"name": "x"}'], ['response.json', '{"result": false, "message": "no"}'], ['broken.json', '{"start_event": ']]) {
    await page.setInputFiles('#file', { name, mimeType: 'application/json', buffer: Buffer.from(text) });
    await page.waitForFunction((n) => document.getElementById('status').textContent.startsWith(`${n} was not opened`), name);
    assert.equal(await asking(), false, name);
    assert.deepEqual(await state(), before, name);
  }
  await shot(page, 'work-02-refused');
  await page.keyboard.press('Control+z');
  assert.notEqual((await state()).text, before.text);
});

test('pasted JSON, the example and a new template ask too; answering yes replaces the tree', async () => {
  await edit();
  await page.click('[data-tab=json]');
  await pasteInto(page, '#json-text', SEED_TEXT);
  await page.click('#json-load');
  await page.waitForSelector('#ask[open]');
  assert.equal(await page.textContent('#ask-yes'), 'Open the pasted JSON');
  await page.click('#ask-no');
  // The pasted text stays in the JSON tab, to be opened later.
  assert.equal(await page.inputValue('#json-text'), SEED_TEXT);
  await page.click('#json-load');
  await page.click('#ask-yes');
  await opened('the pasted JSON');
  assert.deepEqual(await state(), { text: SEED_TEXT, undo: false, steps: 0, name: 'pipeline_tree.json' });
  await edit();
  await page.click('#example');
  await page.click('#ask-yes');
  await opened('example.json');
  await edit();
  await page.click('#new');
  await page.waitForSelector('#ask[open]');
  assert.match(await page.textContent('#ask-text'), /^example\.json has one edit that was not exported\. Opening a new template replaces it/);
  await page.click('#ask-yes');
  await opened('a new template');
  assert.equal(await page.evaluate(() => window.__editor.canUndo), false);
});

test('an export counts as saved: the next file opens without a question', async () => {
  await page.click('#example');
  await opened('example.json');
  await edit();
  await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  await page.setInputFiles('#file', { name: 'other.json', mimeType: 'application/json', buffer: Buffer.from(SEED_TEXT) });
  await opened('other.json');
  assert.equal(await asking(), false);
});

test('a tree wrapped in an API response opens with a note saying where it was found', async () => {
  const response = `{"result": true, "code": 0, "data": {"name": "x", "pipeline_tree": ${SEED_TEXT}}}`;
  await replaceWith(page, () => page.setInputFiles('#file', { name: 'response.json', mimeType: 'application/json', buffer: Buffer.from(response) }), 'response.json');
  assert.match(await page.textContent('#status'), /^Opened response\.json · the tree of data\.pipeline_tree of an API response · \d+ nodes/);
  assert.equal(await page.textContent('#notice'),
    'response.json: opened the tree of data.pipeline_tree of an API response. Export saves the tree alone.');
  assert.deepEqual(JSON.parse((await state()).text), JSON.parse(SEED_TEXT));
  await shot(page, 'work-03-wrapped');
});

test('no console errors', () => {
  assert.deepEqual(consoleErrors, []);
});
