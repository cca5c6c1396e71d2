// @ts-check
// The editor page's wiring: loads the wasm core (pkg/), creates the document, the canvas, the
// pointer and keyboard handling, the side panels and import/export, connects the toolbar and
// the tabs, and opens the example tree. `window.__editor` (the core's Editor) and
// `window.__page` (the modules) are debug handles for the page tests.

import init, * as core from '../pkg/index.js';
import { $, el, svg, ask, clearNotice, notice, renewNotice } from './dom.js';
import { ACTIVITIES, EVENTS } from './geometry.js';
import { TEXTS, again, lang, setLang, startTexts, t, typeLabel } from './i18n.js';
import { Doc } from './doc.js';
import { Canvas } from './canvas.js';
import { Commands } from './commands.js';
import { Interact } from './interact.js';
import { PropertiesPanel, ProblemsPanel } from './panels.js';
import { PayloadPanel } from './payload.js';
import { VariablesPanel } from './variables.js';
import { IO, replaceQuestion } from './io.js';
import { Safety } from './safety.js';
import { Minimap, Search, panelToggles } from './navigate.js';
import { versionsOf } from './nodeform.js';

startTexts();
await init();

const params = new URLSearchParams(location.search);
const seed = /^\d+$/.test(params.get('seed') ?? '') ? Number(params.get('seed')) : undefined;
const doc = new Doc(core, { seed });

// ---- palette ---------------------------------------------------------------------------------

const PALETTE = ['startpoint', 'endpoint', 'tasknode', 'subflow', 'parallelgateway', 'branchgateway',
  'conditionalparallelgateway', 'convergegateway'];
const items = document.querySelector('#palette .palette-items');
for (const type of PALETTE) {
  const item = el('div', { class: 'palette-item', 'data-type': type, tabindex: 0, role: 'button' });
  item.append(paletteIcon(type), el('span', { 'data-i18n': `type.${type}` }, typeLabel(type)));
  items.append(item);
}
function paletteTitles() {
  for (const item of items.querySelectorAll('.palette-item')) {
    item.setAttribute('title', t('palette.item.title', { type: typeLabel(/** @type {HTMLElement} */ (item).dataset.type) }));
  }
}
paletteTitles();

function paletteIcon(type) {
  const icon = svg('svg', { class: `icon ${type}`, viewBox: ACTIVITIES.has(type) ? '-1 -1 50 26' : '-1 -1 36 36', width: 40, height: 24, 'aria-hidden': 'true' });
  if (ACTIVITIES.has(type)) {
    icon.append(svg('rect', { class: 'body', width: 48, height: 24, rx: 3 }), svg('rect', { class: 'icon-block', width: 12, height: 24, rx: 2 }));
  } else if (EVENTS.has(type)) {
    icon.append(svg('circle', { class: 'body', cx: 17, cy: 17, r: 16 }));
  } else {
    icon.append(svg('path', { class: 'body', d: 'M17,1 L33,17 L17,33 L1,17 Z' }));
  }
  const glyph = {
    startpoint: 'M13,10.5 L24,17 L13,23.5 Z', endpoint: 'M11.5,11.5 H22.5 V22.5 H11.5 Z',
    parallelgateway: 'M17,9 V25 M9,17 H25', branchgateway: 'M12,12 L22,22 M22,12 L12,22',
    conditionalparallelgateway: 'M17,12.5 V21.5 M12.5,17 H21.5', convergegateway: 'M10.5,11 L17,17.5 L23.5,11 M17,17.5 V25',
  }[type];
  if (type === 'conditionalparallelgateway') icon.append(svg('circle', { class: 'glyph ring', cx: 17, cy: 17, r: 8 }));
  if (glyph) icon.append(svg('path', { class: 'glyph', d: glyph }));
  return icon;
}

/** The fields a new node from the palette gets (the plugin of new tasks, the template of new
 *  subprocesses), from the palette's inputs. */
function newNodeFields(type) {
  const v = (id) => $(id).value.trim();
  if (type === 'tasknode') {
    const f = {};
    if (v('new-code')) {
      f.code = v('new-code');
      // a new task is named after its plugin, as in SOPS
      const known = versionsOf(doc.editor, f.code)[0];
      if (known?.plugin.name) f.name = known.plugin.name;
    }
    if (v('new-version')) f.version = v('new-version');
    return f;
  }
  if (type === 'subflow' && v('new-template')) return { templateId: v('new-template') };
  return {};
}

// ---- modules ---------------------------------------------------------------------------------

const canvas = new Canvas($('canvas-wrap'), doc);
const commands = new Commands(doc, canvas, newNodeFields);
const interact = new Interact(canvas, doc, commands, $('palette'));
let currentTab = 'props';
const props = new PropertiesPanel($('tab-props'), doc, canvas, commands);
/** The Problems tab's badge: how many problems, with "…" while checks are still running (the
 *  panel counts again on every change of either, and of the language). */
function problemBadge(errors, warnings) {
  const c = $('problem-count');
  const n = errors + warnings;
  c.textContent = `${n ? String(n) : ''}${doc.checking ? '…' : ''}`;
  c.className = `count${errors ? ' bad' : warnings ? ' warn' : ''}${doc.checking ? ' checking' : ''}`;
  c.title = doc.checking ? t('problems.checking') : '';
}
const problems = new ProblemsPanel($('tab-problems'), doc, canvas, commands, problemBadge);
const payload = new PayloadPanel($('tab-payload'), doc, () => currentTab === 'payload');
const variables = new VariablesPanel($('tab-vars'), doc, canvas, commands, () => currentTab === 'vars');
const search = new Search($('search'), $('search-count'), doc, canvas);
const minimap = new Minimap($('minimap'), doc, canvas);
panelToggles(canvas);

const ui = {
  showTab,
  jsonVisible: () => currentTab === 'json',
  status,
  opened(name, origin, ms) {
    clearNotice();
    const timing = doc.lastTiming;
    lastOpen = { name, total: ms, editor: timing.open, mirror: timing.mirror };
    const nodes = doc.nodes.size, flows = Object.keys(doc.tree.flows ?? {}).length;
    // the name is said again in the page's language when it is one of its texts ("pasted JSON")
    status(() => t('opened', { name: again(name, 'pasted.json', 'new.template.name'), nodes, flows, ms: Math.round(ms) }));
    // A tree taken out of a wrapper (an API response, a request body, an export file) says
    // where it was found; Export writes the tree alone.
    const source = doc.editor.source();
    if (source.wrapper !== 'none') {
      const said = () => (lang() === 'zh' ? source.message_zh : source.message);
      status(() => t('opened.wrapped', { name: again(name, 'pasted.json', 'new.template.name'), source: said(), nodes, ms: Math.round(ms) }));
      notice(() => t('opened.wrapper', { name: again(name, 'pasted.json', 'new.template.name'), source: said() }), 'info', 10000);
    }
  },
};
let lastOpen = null;
const io = new IO(doc, ui);
const safety = new Safety(doc, ui);

/** The status line's text, when it is to be said again in another language. */
let statusText = null;

/** Says `text` in the status line; a function gives it in the page's language and is asked
 *  again when the language changes. */
function status(text, bad = false) {
  const s = $('status');
  statusText = typeof text === 'function' ? text : null;
  // from now on the line says what happened, no longer "loading"
  s.removeAttribute('data-i18n');
  s.textContent = typeof text === 'function' ? text() : text;
  s.classList.toggle('bad', bad);
}

function showTab(name) {
  currentTab = name;
  for (const b of document.querySelectorAll('#side [role=tab]')) b.setAttribute('aria-selected', String(/** @type {HTMLElement} */ (b).dataset.tab === name));
  for (const t of document.querySelectorAll('#side .tab')) /** @type {HTMLElement} */ (t).hidden = t.id !== `tab-${name}`;
  if (name === 'payload') payload.shown();
  if (name === 'vars') variables.shown();
  if (name === 'json') io.refresh();
}

function counts() {
  const flows = Object.keys(doc.tree.flows ?? {}).length;
  $('counts').textContent = t('counts', { nodes: doc.nodes.size, flows, lines: doc.lines.size });
  // Nothing drawn: a tree without drawing data, or whose `location` places no node (items
  // without x and y; auto-layout gives it one), or no nodes.
  const undrawn = ![...doc.locs.keys()].some((id) => canvas.posOf(id));
  $('empty').hidden = !undrawn;
  if (undrawn) {
    const why = doc.locs.size ? 'empty.unplaced' : 'empty.undrawn';
    $('empty-text').textContent = doc.nodes.size ? t(why, { n: doc.nodes.size }) : t('empty.none');
    $('empty-layout').hidden = doc.nodes.size === 0;
  }
}

// ---- events ----------------------------------------------------------------------------------

doc.addEventListener('reset', () => { canvas.openTree(); counts(); });
doc.addEventListener('change', (/** @type {CustomEvent} */ e) => {
  canvas.update(e.detail.delta);
  counts();
  const drawn = canvas.lastDraw;
  const op = e.detail.op;
  status(drawn ? () => t('redrawn', { what: describe(op), items: drawn.items, ms: drawn.ms.toFixed(1) })
    : () => t('redrawn.plain', { what: describe(op) }));
});
doc.addEventListener('diagnostics', (/** @type {CustomEvent} */ e) => {
  for (const id of e.detail.nodes) canvas.mark('node', id);
  for (const id of e.detail.flows) canvas.mark('flow', id);
});
doc.addEventListener('selection', () => canvas.showSelection());
doc.addEventListener('reveal', (/** @type {CustomEvent} */ e) => {
  if (typeof e.detail.variable !== 'string') return;
  showTab('vars');
  variables.reveal(e.detail.variable);
});
doc.addEventListener('history', () => {
  $('undo').disabled = !doc.editor.canUndo;
  $('redo').disabled = !doc.editor.canRedo;
});
canvas.wrap.addEventListener('viewchange', (e) => { $('zoom').textContent = `${Math.round(e.detail.k * 100)}%`; });

function describe(op) {
  const key = `op.${op.op}`;
  return key in TEXTS ? t(key, op) : op.op;
}

// ---- toolbar and tabs ------------------------------------------------------------------------

const on = (id, f) => $(id).addEventListener('click', f);
on('undo', () => commands.undo());
on('redo', () => commands.redo());
on('copy', () => commands.copy());
on('paste', () => commands.paste());
on('delete', () => commands.deleteSelection());
on('layout-sops', () => commands.layout('sops'));
on('layout-layered', () => commands.layout('layered'));
on('zoom-in', () => canvas.zoomBy(1.25));
on('zoom-out', () => canvas.zoomBy(1 / 1.25));
on('fit', () => canvas.fit());
on('empty-layout', () => commands.layout('sops'));
on('example', () => loadExample());
on('new', async () => {
  if (doc.unsaved && !(await ask(replaceQuestion(doc, t('new.template.name'))))) return;
  doc.open(null, 'pipeline_tree.json');
  ui.opened(t('new.template.name'), 'new', 0);
});
on('lang', () => setLang(lang() === 'zh' ? 'en' : 'zh'));
// "Open…" is a label around the file input: Enter and Space open the file chooser.
$('open').addEventListener('keydown', (/** @type {KeyboardEvent} */ e) => {
  if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); $('file').click(); }
});
window.addEventListener('langchange', () => {
  // the canvas's own texts (a subprocess's "子流程 · 12", "(unnamed)", titles) and what the
  // notice and the status line say, in the new language
  canvas.renderAll();
  search.find(true);
  renewNotice();
  if (statusText) status(statusText, $('status').classList.contains('bad'));
  paletteTitles();
  counts();
  props.render();
  problems.reset();
  payload.relabel();
  variables.later();
  io.showDirty();
});
for (const b of document.querySelectorAll('#side [role=tab]')) b.addEventListener('click', () => showTab(/** @type {HTMLElement} */ (b).dataset.tab));

async function loadExample() {
  const res = await fetch('./examples/example.json');
  return io.importText(await res.text(), 'example.json', 'example');
}

window.addEventListener('resize', () => { if (doc.nodes.size) canvas.applyView(); });

Object.defineProperty(window, '__editor', { get: () => doc.editor });
/** @type {any} */ (window).__page = { core, doc, canvas, commands, interact, props, problems, payload, variables, io, safety, search, minimap, showTab, lastOpen: () => lastOpen };

await loadExample();
await safety.offer((text, name) => io.importText(text, name, 'restore'));
document.body.dataset.ready = 'true';
