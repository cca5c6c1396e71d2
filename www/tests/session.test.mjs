// An author's session, start to end, in Chinese and then in English, in headless Chromium: a
// new template; a second start event refused (the reason in the page's language); a plugin
// chosen from the picker; the problem of its empty required input found in the problems list
// and fixed in the node's form; that input hooked to a new variable; an exclusive gateway
// with two conditional branches and a converge gateway; layout; export; the
// create-task body copied. No console error. Screenshots: test-artifacts/session-LANG-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { open, shot, tree, idle, dropFromPalette, connectByDrag, lineMid, painted } from './helpers.mjs';

for (const lang of ['zh', 'en']) {
  test(`an author's session in ${lang === 'zh' ? 'Chinese' : 'English'}`, async () => {
    const { page, close, consoleErrors } = await open({ locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
    const T = (zh, en) => (lang === 'zh' ? zh : en);
    try {
      // a new template: start, one blank task, end
      await page.click('#new');
      if (await page.evaluate(() => /** @type {HTMLDialogElement} */ (document.getElementById('ask')).open)) await page.click('#ask-yes');
      await page.waitForFunction(() => Object.keys(window.__editor.tree().activities).length === 1);
      let t = await tree(page);
      const task = Object.keys(t.activities)[0];
      const end = t.end_event.id;
      // a second start event is refused, the reason in the page's language
      await page.evaluate(() => window.__page.commands.addNode('startpoint', 300, 700));
      await page.waitForFunction(() => /FE008/.test(document.getElementById('notice')?.textContent ?? ''));
      assert.match(await page.textContent('#notice'), T(/一个流程只能有一个开始节点（FE008）/, /a template has one start event \(FE008\)/));
      assert.equal(Object.keys((await tree(page)).activities).length, 1);
      // a plugin from the picker: "定时" (sleep_timer), found by its code
      await page.evaluate((id) => window.__page.doc.select([id]), task);
      await page.click('[data-tab=props]');
      await page.waitForSelector('#plugin-search');
      await page.fill('#plugin-search', 'sleep_timer');
      await shot(page, `session-${lang}-01-picker`);
      await page.press('#plugin-search', 'Enter');
      t = await tree(page);
      assert.equal(t.activities[task].component.code, 'sleep_timer');
      // its required input is empty: the problems list says so; a click goes to the node
      await idle(page);
      await page.click('[data-tab=problems]');
      const item = `#tab-problems li[data-code=PLUGIN003][data-node="${task}"]`;
      await page.waitForSelector(item);
      assert.match(await page.textContent(`${item} .msg`), lang === 'zh' ? /[\u4e00-\u9fff]/ : /required/);
      await shot(page, `session-${lang}-02-problem`);
      await page.click(item);
      await page.click('[data-tab=props]');
      const timing = '#tab-props .input-row[data-input=bk_timing] input[type=text]';
      await page.fill(timing, '2030-01-01 08:00:00');
      await page.press(timing, 'Tab');
      t = await tree(page);
      assert.equal(t.activities[task].component.data.bk_timing.value, '2030-01-01 08:00:00');
      await idle(page);
      assert.equal(await page.$$eval(item, (l) => l.length), 0, 'the problem is gone');
      // that input hooked to a new variable
      await page.check('#tab-props .input-row[data-input=bk_timing] [data-role=hook]');
      t = await tree(page);
      const hooked = t.activities[task].component.data.bk_timing;
      assert.equal(hooked.hook, true);
      assert.equal(t.constants[hooked.value].value, '2030-01-01 08:00:00');
      await shot(page, `session-${lang}-03-hooked`);
      // the variables panel lists it, used in one place
      await page.click('[data-tab=vars]');
      const row = `#tab-vars li.var[data-key="${hooked.value}"]`;
      await page.waitForSelector(row);
      assert.equal(await page.textContent(`${row} .uses`), T('被引用 1 处', 'used in 1 place'));
      // an exclusive gateway after the task, a converge before the end
      const flowToEnd = () => tree(page).then((x) => Object.values(x.flows).find((f) => f.target === end).id);
      let mid = (await lineMid(page, await flowToEnd())).world;
      await dropFromPalette(page, 'branchgateway', mid.x, mid.y);
      mid = (await lineMid(page, await flowToEnd())).world;
      await dropFromPalette(page, 'convergegateway', mid.x, mid.y);
      t = await tree(page);
      const gw = Object.values(t.gateways).find((g) => g.type === 'ExclusiveGateway').id;
      const cg = Object.values(t.gateways).find((g) => g.type === 'ConvergeGateway').id;
      await page.evaluate(() => window.__page.canvas.fit());
      // two branches: a task on each (new tasks get the plugin named in the palette)
      await page.fill('#new-code', 'bk_display');
      for (const y of [-1, 1]) {
        const at = await page.evaluate(([g, c, dy]) => {
          const cv = window.__page.canvas;
          const a = cv.boxOf(g), b = cv.boxOf(c);
          return { x: (a.x + b.x) / 2 + 17, y: a.y + dy * 120 };
        }, [gw, cg, y]);
        await dropFromPalette(page, 'tasknode', at.x, at.y);
        const [added] = await page.evaluate(() => [...window.__page.doc.selection.nodes]);
        await painted(page);
        await connectByDrag(page, gw, y < 0 ? 'Top' : 'Bottom', added);
        await connectByDrag(page, added, 'Right', cg, y < 0 ? 'Top' : 'Bottom');
      }
      t = await tree(page);
      const branches = Object.keys(t.gateways[gw].conditions ?? {});
      assert.ok(branches.length >= 2, JSON.stringify(t.gateways[gw]));
      // the conditions, set in the gateway's panel
      await page.evaluate((g) => window.__page.doc.select([g]), gw);
      await page.click('[data-tab=props]');
      let n = 0;
      for (const flow of branches) {
        const box = `#tab-props .branch[data-flow="${flow}"]`;
        if (await page.isChecked(`${box} [data-role=cond-default]`)) continue;
        await page.fill(`${box} [data-role=cond-name]`, `c${n}`);
        await page.fill(`${box} [data-role=cond-evaluate]`, `"${hooked.value}" ${n ? '!=' : '=='} "x${n}"`);
        await page.press(`${box} [data-role=cond-evaluate]`, 'Tab');
        n += 1;
      }
      t = await tree(page);
      assert.ok(Object.values(t.gateways[gw].conditions).filter((c) => /^c\d$/.test(c.name)).length >= 2, JSON.stringify(t.gateways[gw].conditions));
      await idle(page);
      await shot(page, `session-${lang}-04-gateway`);
      // layout
      await page.click('#layout-layered');
      await idle(page);
      await shot(page, `session-${lang}-05-laid-out`);
      // no error left, and bamboo-engine accepts the tree
      await page.click('[data-tab=problems]');
      await page.waitForFunction((ok) => document.getElementById('engine-verdict').textContent === ok, T('bamboo-engine 接受这个流程', 'bamboo-engine accepts it'));
      const errors = await page.$$eval('#tab-problems li.error', (l) => l.map((e) => e.textContent));
      assert.deepEqual(errors, []);
      // export
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
      const exported = readFileSync(await download.path(), 'utf8');
      assert.equal(exported, await page.evaluate(() => window.__editor.export()));
      // the create-task body, copied
      await page.click('[data-tab=payload]');
      await page.fill('#pay-creator', 'admin');
      await page.fill('#pay-space', '1');
      await page.click('#payload-build');
      assert.match(await page.textContent('#payload-create .status'), new RegExp(`^${T('可以发送', 'ready to send')}`));
      await page.click('#payload-create button.copy');
      const body = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
      assert.equal(body.creator, 'admin');
      assert.deepEqual(Object.keys(body.pipeline_tree.activities).sort(), Object.keys((await tree(page)).activities).sort());
      await shot(page, `session-${lang}-06-payload`);
      assert.deepEqual(consoleErrors, []);
    } finally {
      await close();
    }
  });
}
