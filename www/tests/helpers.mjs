// Shared set-up of the page tests: the static server on a free port, Debian's Chromium
// (headless, driven by playwright-core), screenshots into test-artifacts/, and the gestures a
// person makes on the canvas (drag from the palette, from an anchor, a node) in screen pixels,
// and generated trees of any size.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

export const ROOT = new URL('../../', import.meta.url);
export const ARTIFACTS = new URL('test-artifacts/', ROOT).pathname;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Starts the server and the browser, opens the page (ids from seed 7) and waits for it. The
 *  browser's language is English unless `locale` says otherwise (the page follows it). */
export async function open({ locale = 'en-US', viewport = { width: 1400, height: 900 } } = {}) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const server = await serve(0);
  const base = `http://127.0.0.1:${server.address().port}`;
  const profile = mkdtempSync(join(tmpdir(), 'pipeline-tree-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport,
    locale,
    acceptDownloads: true,
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.goto(`${base}/www/?seed=7`);
  await page.waitForSelector('body[data-ready="true"]');
  const close = async () => {
    await context.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { page, base, context, consoleErrors, close };
}

export const shot = (page, name) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });

/** The center of an element's box on screen. */
export async function center(page, selector) {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`${selector} is not on screen`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Presses at `from`, moves in steps, releases at `to` (screen pixels). */
export async function drag(page, from, to, { steps = 8, shift = false } = {}) {
  if (shift) await page.keyboard.down('Shift');
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + (to.x - from.x) / steps, from.y + (to.y - from.y) / steps);
  await page.mouse.move(to.x, to.y, { steps });
  await page.mouse.up();
  if (shift) await page.keyboard.up('Shift');
}

/** Where a world point of the canvas is on screen. */
export function screenOf(page, x, y) {
  return page.evaluate(([wx, wy]) => window.__page.canvas.worldToClient(wx, wy), [x, y]);
}

/** Drags a palette item to a world point of the canvas (the node's center lands there). */
export async function dropFromPalette(page, type, x, y) {
  const from = await center(page, `#palette [data-type="${type}"]`);
  await drag(page, from, await screenOf(page, x, y), { steps: 10 });
}

/** An anchor of a node, hovering the node first (its anchors show on hover). */
export async function anchorOf(page, id, arrow) {
  const c = await center(page, `#canvas .node[data-id="${id}"] .body`);
  await page.mouse.move(c.x, c.y);
  return center(page, `#canvas .anchors[data-node="${id}"] .anchor[data-arrow="${arrow}"]`);
}

/** Drags from an anchor of `source` and drops on `target` near its `side` (its left part by
 *  default: the line enters on the left). */
export async function connectByDrag(page, source, arrow, target, side = 'Left') {
  const from = await anchorOf(page, source, arrow);
  const box = await page.locator(`#canvas .node[data-id="${target}"] .body`).boundingBox();
  const at = { Left: [0.15, 0.5], Right: [0.85, 0.5], Top: [0.5, 0.15], Bottom: [0.5, 0.85] }[side];
  await drag(page, from, { x: box.x + box.width * at[0], y: box.y + box.height * at[1] }, { steps: 10 });
}

/** The tree as the editor holds it now. */
export const tree = (page) => page.evaluate(() => window.__editor.tree());

/** Resolves once the deferred graph checks have run. */
export const idle = (page) => page.evaluate(() => window.__page.doc.idle());

/** Two animation frames: what was drawn is on screen. */
export const painted = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** The middle of the longest straight part of a drawn line, on screen. */
export function lineMid(page, id) {
  return page.evaluate((lineId) => {
    const pts = window.__page.canvas.routes.get(lineId);
    let best = null;
    for (let i = 1; i < pts.length; i++) {
      const len = Math.hypot(pts[i].x - pts[i - 1].x, pts[i].y - pts[i - 1].y);
      if (!best || len > best.len) best = { len, x: (pts[i].x + pts[i - 1].x) / 2, y: (pts[i].y + pts[i - 1].y) / 2 };
    }
    return { world: best, screen: window.__page.canvas.worldToClient(best.x, best.y) };
  }, id);
}

/** Replaces a text field's content by pasting `text` (Ctrl+A, Ctrl+V), as a person does. */
export async function pasteInto(page, selector, text) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.focus(selector);
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+v');
}

/** Runs `action`, which opens a tree named `name`; when the page asks before replacing unsaved
 *  edits, answers "Open". Resolves once the status says the tree was opened. */
export async function replaceWith(page, action, name) {
  await page.evaluate(() => { document.getElementById('status').textContent = ''; });
  await action();
  const done = (n) => /^(Opened|已打开) /.test(document.getElementById('status').textContent)
    && document.getElementById('status').textContent.replace(/^(Opened|已打开) /, '').startsWith(n);
  await page.waitForFunction((n) => /** @type {HTMLDialogElement} */ (document.getElementById('ask')).open
    || (/^(Opened|已打开) /.test(document.getElementById('status').textContent)
      && document.getElementById('status').textContent.replace(/^(Opened|已打开) /, '').startsWith(n)), name);
  if (await page.evaluate(() => /** @type {HTMLDialogElement} */ (document.getElementById('ask')).open)) await page.click('#ask-yes');
  await page.waitForFunction(done, name);
}

/** A tree of exactly `count` nodes: a chain of tasks, parallel blocks (3 branches of 2 tasks)
 *  and exclusive blocks (2 branches and conditions), drawn left to right. */
export function generate(count) {
  const hex = (prefix, n) => prefix + n.toString(16).padStart(31, '0');
  let nodes = 0;
  let flows = 0;
  const t = { name: 'generated', activities: {}, end_event: null, flows: {}, gateways: {}, line: [], location: [], outputs: [], start_event: null, constants: {} };
  const make = (kind, x, y) => {
    const id = hex('n', nodes++);
    const web = { start: 'startpoint', end: 'endpoint', task: 'tasknode', pg: 'parallelgateway', eg: 'branchgateway', cg: 'convergegateway' }[kind];
    if (kind === 'start') t.start_event = { id, incoming: '', name: '', outgoing: '', type: 'EmptyStartEvent' };
    else if (kind === 'end') t.end_event = { id, incoming: [], name: '', outgoing: '', type: 'EmptyEndEvent' };
    else if (kind === 'task') {
      t.activities[id] = {
        component: { code: 'pause_node', data: { bk_pause_desc: { hook: false, need_render: true, value: `step ${nodes}` } }, version: 'v1.0' },
        error_ignorable: false, id, incoming: [], loop: null, name: `步骤_${nodes}`, optional: true, outgoing: '',
        stage_name: '', type: 'ServiceActivity', retryable: true, skippable: true,
        auto_retry: { enable: false, interval: 0, times: 1 }, timeout_config: { enable: false, seconds: 10, action: 'forced_fail' },
      };
    } else {
      const type = { pg: 'ParallelGateway', eg: 'ExclusiveGateway', cg: 'ConvergeGateway' }[kind];
      t.gateways[id] = { id, incoming: [], name: '', outgoing: kind === 'cg' ? '' : [], type, ...(kind === 'eg' ? { conditions: {} } : {}) };
    }
    const [w, h] = kind === 'task' ? [154, 54] : [34, 34];
    t.location.push({ id, type: web, x, y: y + (54 - h) / 2 });
    return { id, kind, w };
  };
  const node = (n) => t.activities[n.id] ?? t.gateways[n.id] ?? (t.start_event.id === n.id ? t.start_event : t.end_event);
  const link = (a, b) => {
    const id = hex('l', flows++);
    t.flows[id] = { id, is_default: false, source: a.id, target: b.id };
    const src = node(a), dst = node(b);
    if (Array.isArray(src.outgoing)) src.outgoing.push(id); else src.outgoing = id;
    if (Array.isArray(dst.incoming)) dst.incoming.push(id); else dst.incoming = [id];
    if (a.kind === 'eg') src.conditions[id] = { evaluate: src.outgoing.length === 1 ? '1 == 1' : '1 == 0', name: `条件${src.outgoing.length}` };
    t.line.push({ id, source: { arrow: 'Right', id: a.id }, target: { arrow: 'Left', id: b.id } });
  };
  let x = 20;
  const y = 150;
  let last = make('start', x, y);
  x += 120;
  const blocks = ['task', 'pg', 'task', 'eg'];
  const size = { task: 1, pg: 8, eg: 4 };
  for (let i = 0; nodes < count - 1; i++) {
    let kind = blocks[i % blocks.length];
    if (nodes + size[kind] > count - 1) kind = 'task';
    if (kind === 'task') {
      const n = make('task', x, y);
      link(last, n);
      last = n;
      x += 200;
      continue;
    }
    const g = make(kind, x, y);
    link(last, g);
    x += 100;
    const ends = [];
    const branches = kind === 'pg' ? 3 : 2;
    const length = kind === 'pg' ? 2 : 1;
    for (let b = 0; b < branches; b++) {
      let prev = g;
      for (let s = 0; s < length; s++) {
        const n = make('task', x + s * 200, y + b * 100);
        link(prev, n);
        prev = n;
      }
      ends.push(prev);
    }
    x += length * 200;
    const c = make('cg', x, y);
    for (const e of ends) link(e, c);
    last = c;
    x += 100;
  }
  const end = make('end', x, y);
  link(last, end);
  return t;
}
