// The editor page in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core):
// what a person does, checked on the page. Screenshots go to test-artifacts/ (not committed).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

const ROOT = new URL('../../', import.meta.url);
const ARTIFACTS = new URL('test-artifacts/', ROOT).pathname;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
let server, context, page, base, profile;
const consoleErrors = [];

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await serve(0);
  base = `http://127.0.0.1:${server.address().port}`;
  profile = mkdtempSync(join(tmpdir(), 'pipeline-tree-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1400, height: 900 },
    acceptDownloads: true,
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
});

after(async () => {
  await context?.close();
  server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

const shot = (name) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });

test('opens with the example tree read and pretty-printed', async () => {
  await page.goto(`${base}/www/`);
  await page.waitForSelector('body[data-ready="true"]');
  const example = readFileSync(new URL('www/examples/example.json', ROOT), 'utf8');
  assert.equal(await page.inputValue('#input'), example);
  assert.equal(await page.textContent('#output'), example);
  assert.match(await page.textContent('#status'), /^tree read.* valid \(0 errors, 0 warnings\)/);
  assert.match(await page.textContent('#diagnostics strong'), /^valid · 0 errors, 0 warnings · bamboo-engine accepts it$/);
  const rows = await page.$$eval('#summary tbody tr', (trs) => trs.map((tr) => tr.textContent));
  assert.ok(rows.some((r) => r.startsWith('ParallelGateway')), rows.join());
  assert.ok(rows.some((r) => r.startsWith('ConditionalParallelGateway')), rows.join());
  await shot('01-example-loaded');
});

test('an invalid tree shows every diagnostic with its rule code, and the engine verdict', async () => {
  const text = readFileSync(new URL('tests/fixtures/rules/GW004.json', ROOT), 'utf8');
  await page.fill('#input', text);
  await page.click('#format');
  assert.match(await page.textContent('#diagnostics strong'), /^invalid · 1 errors, 0 warnings · bamboo-engine refuses it \(GW004\)$/);
  const items = await page.$$eval('#diagnostics li', (lis) => lis.map((li) => li.dataset.code + ' ' + li.textContent));
  assert.equal(items.length, 1);
  assert.match(items[0], /^GW004 GW004 error 节点eg \(eg\) the branches of an exclusive gateway meet different converge gateways first/);
  assert.match(items[0], /分支网关的所有分支第一个遇到的汇聚网关必须是同一个/);
  await shot('01b-diagnostics');
  // The "create a task" preset turns task-time warnings into errors.
  await page.fill('#input', readFileSync(new URL('tests/fixtures/rules/GW010.json', ROOT), 'utf8'));
  await page.click('#format');
  assert.match(await page.textContent('#diagnostics strong'), /^valid · 0 errors, 1 warnings/);
  await page.selectOption('#preset', 'task');
  assert.match(await page.textContent('#diagnostics strong'), /^invalid · 1 errors, 0 warnings/);
  await page.selectOption('#preset', 'template');
  await page.click('#example');
  await page.waitForFunction(() => document.getElementById('diagnostics').textContent.startsWith('valid'));
});

test('changing the layout reformats through the core', async () => {
  await page.selectOption('#indent', 'compact');
  const compact = await page.textContent('#output');
  assert.ok(!compact.trimEnd().includes('\n'));
  await page.selectOption('#indent', '2');
  assert.match(await page.textContent('#output'), /^\{\n {2}"name"/);
  await page.selectOption('#indent', 'keep');
});

test('a broken tree shows every problem with its place and loses nothing', async () => {
  const broken = '{\n  "activities": {\n    "n1": {"id": 1, "incoming": {}},\n    "n2": {"name": 5}\n  }\n}';
  await page.fill('#input', broken);
  await page.click('#format');
  const items = await page.$$eval('#problems li', (lis) => lis.map((li) => li.textContent));
  assert.equal(items.length, 3, items.join('\n'));
  assert.match(items[0], /^3:18 wrong-type expected a string, found a number at \$\.activities\.n1\.id$/);
  assert.match(await page.textContent('#status'), /and 2 more problems/);
  assert.equal(await page.inputValue('#input'), broken, 'the input is kept as typed');
  assert.equal(await page.textContent('#output'), '');
  // Clicking a problem selects its place in the input.
  await page.click('#problems li >> nth=1');
  const sel = await page.$eval('#input', (t) => t.value.slice(t.selectionStart, t.selectionStart + 2));
  assert.equal(sel, '{}');
  await shot('02-problems');
});

test('duplicate keys and syntax errors are located', async () => {
  await page.fill('#input', '{"a": 1,\n "a": 2}');
  await page.click('#format');
  assert.match(await page.textContent('#problems li'), /^2:2 duplicate-key duplicate key "a" at \$\.a$/);
  await page.fill('#input', '{"a": [1, 2,]}');
  await page.click('#format');
  assert.match(await page.textContent('#problems li'), /^1:13 invalid-json/);
});

test('names with HTML stay text', async () => {
  const tree = { activities: { n1: { id: 'n1', name: '<img src=x onerror="window.__pwned=1">' } } };
  await page.fill('#input', JSON.stringify(tree));
  await page.selectOption('#indent', '2');
  await page.click('#format');
  assert.equal(await page.$$eval('#output img, #problems img', (imgs) => imgs.length), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.match(await page.textContent('#output'), /<img src=x onerror=/);
  await page.selectOption('#indent', 'keep');
});

test('opening a file and downloading it gives the same bytes', async () => {
  const seedPath = new URL('tests/fixtures/trees/seed_create_task.json', ROOT).pathname;
  await page.setInputFiles('#file', seedPath);
  await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('tree read'));
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  const saved = join(ARTIFACTS, 'downloaded.json');
  await download.saveAs(saved);
  assert.equal(download.suggestedFilename(), 'seed_create_task.json');
  assert.deepEqual(readFileSync(saved), readFileSync(seedPath));
  await shot('03-file-opened');
});

test('no console errors', () => {
  assert.deepEqual(consoleErrors, []);
});
