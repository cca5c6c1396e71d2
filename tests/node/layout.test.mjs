// Auto-layout from JS: the `layout` function and the Editor's `layout` operation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import api from './load.mjs';
import { fixtureTreeText, readFixture } from '../fixtures/fixture.mjs';

// The tree of a layout fixture, as text.
const fixture = (name) => fixtureTreeText(`layout/${name}.json`);
const expected = (name) => JSON.parse(readFileSync(new URL(`../fixtures/layout/${name}.expected.json`, import.meta.url), 'utf8'));

test('sops mode draws SOPS\'s golden tree exactly', () => {
  const { options } = readFixture('layout/with_gateways.json');
  const r = api.layout(fixture('with_gateways'), options);
  const want = expected('with_gateways');
  assert.deepEqual(Object.fromEntries(r.location.map((l) => [l.id, [l.x, l.y]])), want.location);
  assert.deepEqual(Object.fromEntries(r.line.map((l) => [l.id, [l.source.arrow, l.target.arrow]])), want.line);
  assert.equal(r.routes.f10.length, 2); // the long flow n55c89 -> nfc24e crosses two columns
  assert.deepEqual(r.tree.location, r.location);
});

test('editor sizes and canvas width are options', () => {
  const { options } = readFixture('layout/with_gateways_editor_sizes.json');
  assert.deepEqual(options, { mode: 'sops', sizes: 'editor', canvasWidth: 1000 });
  const r = api.layout(fixture('with_gateways_editor_sizes'), options);
  const want = expected('with_gateways_editor_sizes');
  assert.deepEqual(Object.fromEntries(r.location.map((l) => [l.id, [l.x, l.y]])), want.location);
});

test('layered mode places every node once and overlaps none', () => {
  const tree = JSON.parse(fixture('with_gateways'));
  const r = api.layout(tree, { mode: 'layered' });
  assert.equal(r.location.length, 10);
  assert.equal(r.line.length, Object.keys(tree.flows).length);
  const y = Object.fromEntries(r.location.map((l) => [l.id, l.y]));
  assert.equal(y.nd97fe, y.nbb539, 'a gateway is level with its converge gateway');
  const { flows, activities, gateways } = r.tree;
  assert.deepEqual({ flows, activities, gateways }, { flows: tree.flows, activities: tree.activities, gateways: tree.gateways });
});

test('bad options throw an OptionsError naming the option', () => {
  assert.throws(() => api.layout(fixture('with_circle'), { mode: 'diagonal' }), (e) => e instanceof api.OptionsError && /'mode'/.test(e.message));
  assert.throws(() => api.layout(fixture('with_circle'), { start: [1] }), (e) => e instanceof api.OptionsError && /'start'/.test(e.message));
  assert.throws(() => api.layout('{"a":', {}), (e) => e instanceof api.ParseError);
});

test('the Editor lays out in one undoable step', () => {
  const text = fixture('with_circle');
  const ed = new api.Editor(text, { diagnostics: true });
  const out = ed.apply({ op: 'layout' });
  assert.equal(out.delta.locations.added.length, 6);
  assert.equal(out.delta.lines.added.length, 6);
  assert.deepEqual(ed.inconsistencies(), []);
  const placed = ed.tree().location.find((l) => l.id === 'c814');
  assert.deepEqual([placed.x, placed.y], [170, 100]);
  ed.undo();
  assert.equal(ed.export(), text);
  ed.redo();
  ed.apply({ op: 'layout', mode: 'layered', keepPlaced: true });
  const again = ed.tree().location.find((l) => l.id === 'c814');
  assert.deepEqual([again.x, again.y], [170, 100], 'keepPlaced moves no placed node');
});

test('a layout prepared ahead is the one the operation applies, and bad options are refused', () => {
  const text = fixture('with_circle');
  const plain = new api.Editor(text, { diagnostics: true, items: true });
  const ahead = new api.Editor(text, { diagnostics: true, items: true });
  for (const options of [{ mode: 'layered' }, { mode: 'sops', canvasWidth: 400 }]) {
    assert.equal(ahead.prepareLayout(options), undefined);
    assert.deepEqual(ahead.apply({ op: 'layout', ...options }), plain.apply({ op: 'layout', ...options }));
    assert.equal(ahead.export(), plain.export());
  }
  // prepared, then an edit: the operation lays the edited tree out
  ahead.prepareLayout({ mode: 'layered' });
  for (const ed of [plain, ahead]) ed.apply({ op: 'move', nodes: [{ id: 'c814', x: 900, y: 900 }] });
  assert.deepEqual(ahead.apply({ op: 'layout', mode: 'layered' }), plain.apply({ op: 'layout', mode: 'layered' }));
  assert.equal(ahead.export(), plain.export());
  assert.throws(() => ahead.prepareLayout({ mode: 'diagonal' }), (e) => e instanceof api.OptionsError && /'mode'/.test(e.message));
  assert.throws(() => ahead.prepareLayout('layered'), (e) => e instanceof api.OptionsError);
});

// The lines of a layered layout, drawn as the editor page draws them (www/geometry.js: anchors
// and orthogonal routes from each line's arrows and midpoint), run through no node but their
// own ends: checked on every tree of the real-world corpus and on a gateway whose direct
// branch to its converge gateway sits beside branches with tasks.
import { readdirSync } from 'node:fs';
import { anchorPoint, route, sizeOf, WEB_TYPE } from '../../www/geometry.js';

/** The flows whose drawn route crosses a node other than its ends (boxes shrunk by 2 px). */
function linesThroughNodes(r) {
  const at = new Map(r.location.map((l) => [l.id, l]));
  const typeOf = (id) => at.get(id)?.type ?? 'tasknode';
  const box = (id) => {
    const l = at.get(id);
    const [w, h] = sizeOf(typeOf(id));
    return { x: l.x + 2, y: l.y + 2, w: w - 4, h: h - 4 };
  };
  const bad = [];
  for (const line of r.line) {
    const s = line.source.id, t = line.target.id;
    if (!at.has(s) || !at.has(t) || s === t) continue;
    const p1 = anchorPoint(at.get(s).x, at.get(s).y, typeOf(s), line.source.arrow);
    const p2 = anchorPoint(at.get(t).x, at.get(t).y, typeOf(t), line.target.arrow);
    const pts = route(p1, line.source.arrow, p2, line.target.arrow, line.midpoint);
    for (const id of at.keys()) {
      if (id === s || id === t) continue;
      const b = box(id);
      for (let i = 1; i < pts.length; i++) {
        const a = pts[i - 1], c = pts[i];
        const [x0, x1] = [Math.min(a.x, c.x), Math.max(a.x, c.x)];
        const [y0, y1] = [Math.min(a.y, c.y), Math.max(a.y, c.y)];
        if (x0 < b.x + b.w && x1 > b.x && y0 < b.y + b.h && y1 > b.y) {
          bad.push(`${line.id} (${s} → ${t}) through ${id}`);
          break;
        }
      }
    }
  }
  return bad;
}

test('layered mode: no drawn line runs through a node, on every real-world tree', () => {
  const dir = new URL('../realworld/trees/', import.meta.url);
  const report = [];
  let laid = 0;
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    let r;
    try {
      r = api.layout(readFileSync(new URL(f, dir), 'utf8'), { mode: 'layered', sizes: 'editor' });
    } catch {
      continue; // not a tree the layout reads (the corpus holds wrapped and broken ones)
    }
    laid++;
    for (const b of linesThroughNodes(r)) report.push(`${f}: ${b}`);
  }
  assert.ok(laid >= 100, `laid out ${laid} trees`);
  assert.deepEqual(report, []);
});

test('layered mode: a gateway\'s direct branch to its converge gateway goes around the tasks beside it', () => {
  const node = (id, type, extra = {}) => ({ id, type, incoming: [], outgoing: [], name: id, ...extra });
  const flows = {};
  const nodes = {
    s: { id: 's', type: 'EmptyStartEvent', incoming: '', outgoing: '' },
    g: node('g', 'ExclusiveGateway', { conditions: {} }),
    a: node('a', 'ServiceActivity', { component: { code: 'sleep_timer', data: {}, version: 'legacy' } }),
    b: node('b', 'ServiceActivity', { component: { code: 'sleep_timer', data: {}, version: 'legacy' } }),
    c: node('c', 'ConvergeGateway'),
    e: { id: 'e', type: 'EmptyEndEvent', incoming: [], outgoing: '' },
  };
  const link = (id, from, to) => {
    flows[id] = { id, source: from, target: to, is_default: false };
    const o = nodes[from], i = nodes[to];
    if (Array.isArray(o.outgoing)) o.outgoing.push(id); else o.outgoing = id;
    if (Array.isArray(i.incoming)) i.incoming.push(id); else i.incoming = id;
  };
  link('f1', 's', 'g'); link('f2', 'g', 'a'); link('f3', 'g', 'b'); link('f4', 'g', 'c');
  link('f5', 'a', 'c'); link('f6', 'b', 'c'); link('f7', 'c', 'e');
  for (const f of ['f2', 'f3', 'f4']) nodes.g.conditions[f] = { evaluate: `\${x} == "${f}"`, name: f };
  const tree = {
    start_event: nodes.s, end_event: nodes.e, activities: { a: nodes.a, b: nodes.b },
    gateways: { g: nodes.g, c: nodes.c }, flows, constants: {}, outputs: [], line: [], location: [],
  };
  const r = api.layout(tree, { mode: 'layered', sizes: 'editor' });
  assert.equal(WEB_TYPE.ExclusiveGateway, 'branchgateway');
  assert.deepEqual(linesThroughNodes(r), []);
});
