// The Payload tab's variable fields, in headless Chromium with a Chinese browser: each custom
// variable gets a field of its type and is sent in the form the open APIs expect. A select
// variable (SOPS's meta variable: its `value` is the option set-up, `{datasource, items_text,
// type, default}`) is a dropdown of its items holding its default (several chosen when
// `type` is "1"), and the chosen value(s) are sent, never the set-up; a date-time variable is a
// date-time field sent as `YYYY-MM-DD HH:mm:ss`; a variable hooked to a plugin's select input
// is a dropdown of the plugin's options. Screenshots go to test-artifacts/payload-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ROOT, open, shot, replaceWith } from './helpers.mjs';

let page, close, consoleErrors;
const EXAMPLE = JSON.parse(readFileSync(new URL('www/examples/example.json', ROOT), 'utf8'));

before(async () => ({ page, close, consoleErrors } = await open({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } })));
after(async () => close?.());

/** A custom variable as SOPS's variable panel saves it. */
function variable(key, name, customType, value, index, extra = {}) {
  return {
    custom_type: customType, desc: '', form_schema: {}, index, key, name, show_type: 'show',
    source_info: {}, source_tag: `${customType}.${customType}`, source_type: 'custom', validation: '', value,
    version: 'legacy', ...extra,
  };
}

/** The example with a single select, a multiple select, a select whose options come from a
 *  URL, and a date-time variable. */
function withTypedVariables() {
  const t = structuredClone(EXAMPLE);
  const n = Object.keys(t.constants).length;
  const items = JSON.stringify([{ text: '华南', value: 'south' }, { text: '华北', value: 'north' }, { text: '华东', value: 'east' }]);
  Object.assign(t.constants, {
    '${region}': variable('${region}', '发布地域', 'select', { datasource: '0', items_text: items, type: '0', default: 'north' }, n,
      { is_meta: true, source_tag: 'select.select' }),
    '${zones}': variable('${zones}', '可用区', 'select', { datasource: '0', items_text: items, type: '1', default: 'south, east' }, n + 1,
      { is_meta: true, source_tag: 'select.select' }),
    '${cluster}': variable('${cluster}', '集群', 'select', { datasource: '1', items_text: 'https://cmdb.example.com/clusters', type: '0', default: 'c1' }, n + 2,
      { is_meta: true, source_tag: 'select.select' }),
    '${deploy_at}': variable('${deploy_at}', '发布时间', 'datetime', '2030-01-01 08:00:00', n + 3),
  });
  return JSON.stringify(t, null, 4);
}

const body = async (key) => JSON.parse(await page.textContent(`#payload-${key} .payload-body`));
const status = (key) => page.textContent(`#payload-${key} .status`);
const field = (key) => `#pay-vars [data-var="${key}"]`;

test('a select variable is a dropdown of its items holding its default; the chosen value is sent', async () => {
  await replaceWith(page, () => page.setInputFiles('#file', { name: 'typed.json', mimeType: 'application/json', buffer: Buffer.from(withTypedVariables()) }), 'typed.json');
  await page.click('[data-tab=payload]');
  for (const [f, v] of [['#pay-creator', 'admin'], ['#pay-name', '发布'], ['#pay-space', '3'], ['#pay-template', '1'], ['#pay-biz', '2'], ['#pay-plan', '2030-05-16 20:26:40+0800']]) {
    await page.fill(f, v);
  }
  await page.click('#payload-build');
  // single: a dropdown of the three items, the default chosen
  assert.equal(await page.$eval(field('${region}'), (e) => e.tagName), 'SELECT');
  assert.equal(await page.$eval(field('${region}'), (e) => e.multiple), false);
  assert.deepEqual(await page.$$eval(`${field('${region}')} option`, (l) => l.map((o) => o.textContent)), ['华南', '华北', '华东']);
  assert.equal(await page.$eval(field('${region}'), (e) => e.selectedOptions[0].textContent), '华北');
  // multiple: both defaults chosen
  assert.equal(await page.$eval(field('${zones}'), (e) => e.multiple), true);
  assert.deepEqual(await page.$$eval(`${field('${zones}')} option:checked`, (l) => l.map((o) => o.textContent)), ['华南', '华东']);
  for (const key of ['create', 'mock', 'clocked']) assert.match(await status(key), /^可以发送/, `${key}: ${await status(key)}`);
  assert.equal(await page.$$eval('#tab-payload li[data-code=PAY013]', (l) => l.length), 0);
  const create = await body('create');
  assert.equal(create.constants['${region}'], 'north');
  assert.deepEqual(create.constants['${zones}'], ['south', 'east']);
  // options from a URL: the default typed in a text field, sent as it is
  assert.equal(await page.getAttribute(field('${cluster}'), 'type'), 'text');
  assert.equal(create.constants['${cluster}'], 'c1');
  assert.deepEqual((await body('clocked')).task_parameters.constants['${region}'], 'north');
  assert.equal((await body('mock')).constants['${region}'], 'north');
  // a date-time: a date-time field, sent as SOPS writes it
  assert.equal(await page.getAttribute(field('${deploy_at}'), 'type'), 'datetime-local');
  assert.equal(create.constants['${deploy_at}'], '2030-01-01 08:00:00');
  await page.locator(field('${region}')).scrollIntoViewIfNeeded();
  await shot(page, 'payload-01-select');
  // choosing other items changes the bodies
  await page.selectOption(field('${region}'), { label: '华东' });
  await page.selectOption(field('${zones}'), [{ label: '华北' }]);
  await page.fill(field('${deploy_at}'), '2030-02-03T04:05');
  await page.click('#payload-build');
  const after = await body('create');
  assert.equal(after.constants['${region}'], 'east');
  assert.deepEqual(after.constants['${zones}'], ['north']);
  assert.equal(after.constants['${deploy_at}'], '2030-02-03 04:05:00');
  assert.equal((await body('clocked')).task_parameters.constants['${region}'], 'east');
  assert.match(await status('create'), /^可以发送/);
  // what was chosen outlives a redraw of the fields (a language switch)
  await page.click('#lang');
  await page.click('#payload-build');
  assert.equal((await body('create')).constants['${region}'], 'east');
  assert.match(await status('create'), /^ready to send/);
  await page.click('#lang');
  await page.locator(field('${zones}')).scrollIntoViewIfNeeded();
  await shot(page, 'payload-02-chosen');
});

test('a variable hooked to a plugin\'s select or radio input is a dropdown of the plugin\'s options', async () => {
  await replaceWith(page, () => page.click('#example'), 'example.json');
  const http = Object.values(EXAMPLE.activities).find((a) => a.component?.code === 'bk_http_request');
  const method = http.component.data.bk_http_request_method.value;
  await page.evaluate((id) => window.__page.commands.run({ op: 'hookInput', node: id, input: 'bk_http_request_method' }), http.id);
  const [key] = Object.entries((await page.evaluate(() => window.__editor.tree())).constants)
    .find(([, c]) => c.source_info?.[http.id]?.includes('bk_http_request_method'));
  await page.click('[data-tab=payload]');
  await page.waitForSelector(field(key));
  assert.equal(await page.$eval(field(key), (e) => e.tagName), 'SELECT');
  assert.ok((await page.$$eval(`${field(key)} option`, (l) => l.map((o) => o.textContent))).includes('POST'));
  assert.equal(await page.$eval(field(key), (e) => e.selectedOptions[0].textContent), method);
  await page.fill('#pay-creator', 'admin');
  await page.fill('#pay-space', '3');
  await page.selectOption(field(key), { label: 'PUT' });
  await page.click('#payload-build');
  assert.equal((await body('create')).constants[key], 'PUT');
  assert.match(await status('create'), /^可以发送/);
});

test('no console errors', () => {
  assert.deepEqual(consoleErrors, []);
});
