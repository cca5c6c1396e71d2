// A 10,000-node tree in headless Chromium: it opens at 100 % on its top left corner and the
// canvas draws only what is on screen (and half a screen round it); panning across it draws
// what comes into view and drops what is far, so the number of elements stays bounded; an
// edit redraws what it changed; an auto-layout is one undo step and the mirror follows it.
// An edit is saved in the browser (10 MB: over localStorage's quota, so IndexedDB) shortly after.
// The times and the main thread's long tasks (PerformanceObserver `longtask`, over 50 ms) of
// opening, panning, editing (saving included) and laying out (and undoing it) are reported in
// the test's output, not asserted.
// Screenshots: test-artifacts/big-01-opened.png, big-02-laid-out.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { open, shot, painted, generate } from './helpers.mjs';

let page, close, consoleErrors;
const N = 10000;

before(async () => ({ page, close, consoleErrors } = await open()));
after(async () => close?.());

/** What the canvas has drawn, and whether every node within half a screen of the view is. */
const drawn = () => page.evaluate(() => {
  const c = window.__page.canvas;
  const v = c.seen(0.5);
  const ids = [...window.__page.doc.locs.keys()];
  return {
    nodes: document.querySelectorAll('#canvas .node').length,
    lines: document.querySelectorAll('#canvas .line').length,
    missing: ids.filter((id) => c.nodeIn(id, v) && !c.nodeEls.has(id)).length,
  };
});

/** Runs `script` in the page with long tasks observed; resolves with its result and them. */
const observed = (script, arg) => page.evaluate(async ([s, a]) => {
  const long = [];
  const obs = new PerformanceObserver((l) => { for (const e of l.getEntries()) long.push(Math.round(e.duration)); });
  obs.observe({ type: 'longtask' });
  const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  // eslint-disable-next-line no-new-func
  const result = await new Function('arg', 'frame', `return (async () => { ${s} })()`)(a, frame);
  await new Promise((r) => setTimeout(r, 100));
  obs.disconnect();
  return { result, long };
}, [script, arg]);

test(`a ${N.toLocaleString('en')}-node tree opens drawing only what is on screen`, async (t) => {
  const text = JSON.stringify(generate(N));
  await page.evaluate((s) => { window.__bigText = s; }, text);
  const { result: ms, long } = await observed(`
    const started = performance.now();
    await window.__page.io.importFile(new File([window.__bigText], 'big-${N}.json'));
    await frame();
    return Math.round(performance.now() - started);`);
  t.diagnostic(`opened ${(text.length / 1e6).toFixed(1)} MB in ${ms} ms (until drawn); long tasks: ${JSON.stringify(long)} ms`);
  assert.equal(await page.evaluate(() => window.__page.doc.locs.size), N);
  assert.equal(await page.evaluate(() => window.__page.canvas.view.k), 1);
  const d = await drawn();
  t.diagnostic(`drawn: ${d.nodes} nodes, ${d.lines} lines`);
  assert.ok(d.nodes > 5 && d.nodes < 300, `${d.nodes} nodes drawn`);
  assert.equal(d.missing, 0);
  // while the checks left pending run, the Problems badge says so ("…"); then the count stands
  const badge = () => page.evaluate(() => ({ checking: window.__page.doc.checking, text: document.querySelector('#problem-count').textContent, title: document.querySelector('#problem-count').title }));
  const early = await badge();
  t.diagnostic(`Problems badge just after opening: ${JSON.stringify(early)}`);
  assert.equal(early.text.endsWith('…'), early.checking);
  assert.equal(Boolean(early.title), early.checking);
  await painted(page);
  await shot(page, 'big-01-opened');
  await page.evaluate(() => window.__page.doc.idle());
  const settled = await badge();
  assert.deepEqual([settled.checking, settled.title], [false, '']);
  assert.match(settled.text, /^\d+$/);
});

test('panning across it keeps the drawing bounded and complete', async (t) => {
  const { result: frames, long } = await observed(`
    const times = [];
    let last = performance.now();
    for (let i = 0; i < 60; i++) {
      window.__page.canvas.panBy(-400, 0);
      await new Promise((r) => requestAnimationFrame(r));
      const now = performance.now();
      times.push(now - last);
      last = now;
    }
    times.sort((a, b) => a - b);
    return { median: times[30], worst: times[59] };`);
  t.diagnostic(`60 pan steps of 400 px: frame median ${frames.median.toFixed(1)} ms, worst ${frames.worst.toFixed(1)} ms; long tasks: ${JSON.stringify(long)} ms`);
  const d = await drawn();
  assert.equal(d.missing, 0, 'what came into view is drawn');
  assert.ok(d.nodes < 600, `${d.nodes} nodes drawn after panning`);
});

test('an edit on it redraws what changed', async (t) => {
  const id = await page.evaluate(() => {
    const c = window.__page.canvas;
    const v = c.seen(0);
    return [...c.nodeEls.keys()].find((k) => window.__page.doc.typeOf(k) === 'tasknode' && c.nodeIn(k, v));
  });
  assert.ok(id);
  const { result, long } = await observed(`
    const started = performance.now();
    window.__page.doc.apply({ op: 'updateNode', id: arg, fields: { name: '改过的名字' } });
    await frame();
    const ms = Math.round(performance.now() - started);
    const text = document.querySelector('#canvas .node[data-id="' + arg + '"] .name').textContent;
    // the tree is saved in the browser shortly after (IndexedDB: 10 MB is over localStorage's quota)
    let saved = null;
    for (let i = 0; i < 40 && !saved?.text.includes('改过的名字'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      saved = await window.__page.safety.saved();
    }
    return { ms, text, saved: saved?.text.length ?? 0, savedAfter: Math.round(performance.now() - started) };`, id);
  t.diagnostic(`a rename: ${result.ms} ms until drawn; saved in the browser (${(result.saved / 1e6).toFixed(1)} MB) ${result.savedAfter} ms after; long tasks until then: ${JSON.stringify(long)} ms`);
  assert.equal(result.text, '改过的名字');
  assert.ok(result.saved > 10e6, 'the edited tree is saved in the browser');
  assert.deepEqual(consoleErrors, []);
});

test('the editing commands on it keep every task short', async (t) => {
  // each command, until drawn and until its deferred checks have run (doc.idle)
  const run = (what, script, arg) => observed(`
    const started = performance.now();
    const out = await (async () => { ${script} })();
    await frame();
    const drawn = Math.round(performance.now() - started);
    await window.__page.doc.idle();
    return { drawn, checked: Math.round(performance.now() - started), ok: Boolean(out) };`, arg)
    .then(({ result, long }) => {
      t.diagnostic(`${what}: ${result.drawn} ms until drawn, ${result.checked} ms until checked; long tasks: ${JSON.stringify(long)} ms`);
      assert.ok(result.ok, what);
    });
  const seen = await page.evaluate(() => {
    const { canvas, doc } = window.__page;
    const v = canvas.seen(0);
    const tasks = [...canvas.nodeEls.keys()].filter((k) => doc.typeOf(k) === 'tasknode' && canvas.nodeIn(k, v));
    const flow = [...doc.lines.keys()].find((l) => doc.tree.flows[l] && tasks.includes(doc.lines.get(l).source?.id));
    return { tasks, flow };
  });
  assert.ok(seen.tasks.length >= 2 && seen.flow);
  await run('add a task', `return window.__page.commands.addNode('tasknode', 200, 600);`);
  await run('insert a task on a line', `return window.__page.commands.insertOnFlow(arg, 'tasknode', 0, 0);`, seen.flow);
  await run('move two tasks', `return window.__page.commands.move(arg, 30, 20);`, seen.tasks.slice(0, 2));
  await run('copy and paste 20 tasks', `
    const { doc, commands } = window.__page;
    doc.select(Object.keys(doc.tree.activities).slice(0, 20));
    commands.copy();
    return commands.paste({ x: 300, y: 900 });`);
  await run('delete a task', `
    window.__page.doc.select([arg]);
    return window.__page.commands.deleteSelection();`, seen.tasks[1]);
  await run('undo', `return window.__page.commands.undo();`);
  await run('redo', `return window.__page.commands.redo();`);
  assert.deepEqual(await page.evaluate(() => window.__editor.inconsistencies()), []);
  assert.deepEqual(consoleErrors, []);
});

test('an auto-layout of it is one undo step and the mirror follows it', async (t) => {
  for (const mode of ['layered', 'sops']) {
    await page.evaluate(() => {
      const { doc } = window.__page;
      window.__before = { location: JSON.stringify(doc.tree.location), steps: doc.editor.historyLength };
    });
    const { result, long } = await observed(`
      const started = performance.now();
      const out = await window.__page.commands.layout(arg);
      await frame();
      return { ms: Math.round(performance.now() - started), applied: Boolean(out) };`, mode);
    t.diagnostic(`layout ${mode}: ${result.ms} ms until drawn; long tasks: ${JSON.stringify(long)} ms`);
    assert.ok(result.applied, `${mode}: applied`);
    const after = await page.evaluate(() => {
      const { doc } = window.__page;
      const location = JSON.stringify(doc.tree.location);
      const same = location === JSON.stringify(doc.editor.get('key', 'location'))
        && JSON.stringify(doc.tree.line) === JSON.stringify(doc.editor.get('key', 'line'));
      return { moved: location !== window.__before.location, same, steps: doc.editor.historyLength - window.__before.steps };
    });
    assert.ok(after.same, `${mode}: the mirror holds the Editor's drawing`);
    assert.equal(after.steps, 1, `${mode}: one undo step`);
    if (mode === 'layered') assert.ok(after.moved, 'the nodes moved');
  }
  await shot(page, 'big-02-laid-out');
  const { result: undone, long } = await observed(`
    const started = performance.now();
    window.__page.commands.undo();
    await window.__page.doc.announced;
    await frame();
    return Math.round(performance.now() - started);`);
  t.diagnostic(`undoing the layout: ${undone} ms until drawn; long tasks: ${JSON.stringify(long)} ms`);
  assert.ok(await page.evaluate(() => JSON.stringify(window.__page.doc.tree.location) === JSON.stringify(window.__page.doc.editor.get('key', 'location'))), 'the mirror follows the undo');
  assert.deepEqual(consoleErrors, []);
});
