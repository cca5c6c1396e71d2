// The npm package as people install it: `npm pack` of pkg/, the tarball installed offline into
// fresh projects, then used from a Node ES module, a CommonJS script, a Vite app and a webpack 5
// app (both run in headless Chromium), and type-checked with `tsc --noEmit --strict` (an example
// using every export, every real output against its declared type, and misuses that must fail).
// The apps run the same scenario (apps/scenario.mjs); expected.json is its result.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { conformance } from './conformance.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const APPS = fileURLToPath(new URL('apps/', import.meta.url));
const TREE = join(ROOT, 'tests/fixtures/trees/seed_create_task.json');
const EXPECTED = JSON.parse(readFileSync(new URL('expected.json', import.meta.url), 'utf8'));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
const manifest = JSON.parse(readFileSync(join(ROOT, 'pkg/package.json'), 'utf8'));

let work, tarball, packed, browser;

const sh = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** A fresh project `name` with `fields` in its package.json and the tarball installed offline. */
function project(name, fields = {}, files = []) {
  const dir = join(work, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `try-${name}`, private: true, ...fields }));
  sh('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], dir);
  for (const f of files) copyFileSync(join(APPS, f), join(dir, f));
  return dir;
}

/** Writes the tree as a JS module for the browser apps. */
const writeTreeModule = (dir) =>
  writeFileSync(join(dir, 'tree.js'), `export default ${JSON.stringify(readFileSync(TREE, 'utf8'))};\n`);

/** Serves `dir`, opens it in Chromium and returns the scenario's result. */
async function runInBrowser(dir) {
  browser ??= await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const server = await serve(0, '127.0.0.1', dir);
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  try {
    await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
    await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 30000 });
    const result = await page.evaluate(() => window.__result);
    assert.deepEqual(errors, []);
    return result;
  } finally {
    await page.close();
    server.close();
  }
}

before(() => {
  work = mkdtempSync(join(tmpdir(), 'pipeline-tree-package-'));
  [packed] = JSON.parse(sh('npm', ['pack', join(ROOT, 'pkg'), '--pack-destination', work, '--json', '--loglevel=error'], ROOT));
  tarball = join(work, packed.filename);
});

after(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the tarball holds the files package.json lists, and its exports resolve to them', () => {
  const names = packed.files.map((f) => f.path).sort();
  assert.deepEqual(names, [...manifest.files, 'package.json'].sort());
  assert.equal(packed.version, manifest.version);
  const cargo = readFileSync(join(ROOT, 'Cargo.toml'), 'utf8');
  assert.equal(manifest.version, cargo.match(/^version = "(.*)"$/m)[1]);
  // The files the exports map to (its values; keys like "./worker" are subpaths, not files).
  const targets = [];
  const walk = (v) => (typeof v === 'string' ? targets.push(v.slice(2)) : Object.values(v).forEach(walk));
  walk(manifest.exports);
  assert.ok(targets.includes('worker.js') && targets.includes('worker-client.d.ts'));
  for (const t of targets) assert.ok(names.includes(t), `exports names ${t}, which is not packed`);
  const wasm = packed.files.find((f) => f.path === 'pipeline_tree_bg.wasm');
  console.log(`# tarball ${packed.size} B; pipeline_tree_bg.wasm ${wasm.size} B unpacked`);
});

test('Node ES module: import, validate, edit, errors as classes; one instance with require', () => {
  const dir = project('esm', { type: 'module' }, ['esm.mjs', 'scenario.mjs']);
  const out = JSON.parse(sh('node', ['esm.mjs', TREE], dir));
  assert.equal(out.sameInstance, true);
  delete out.sameInstance;
  assert.deepEqual(out, EXPECTED);
});

test('Node CommonJS: require, validate, edit, errors as classes', () => {
  const dir = project('cjs', {}, ['cjs.cjs', 'scenario.mjs']);
  assert.deepEqual(JSON.parse(sh('node', ['cjs.cjs', TREE], dir)), EXPECTED);
});

test('TypeScript --strict: the example using every export checks; every real output has its declared type', () => {
  const dir = project('ts', { type: 'module' }, ['example.ts', 'wrong.ts']);
  // The example names every export of the package (except the internal __ ones).
  const exported = Object.keys(createRequire(join(dir, 'x.js'))('pipeline-tree')).filter((n) => !n.startsWith('__'));
  const example = readFileSync(join(dir, 'example.ts'), 'utf8');
  const unused = exported.filter((n) => n !== 'default' && !new RegExp(`\\b${n}\\b`).test(example));
  assert.deepEqual(unused, [], 'exports the example does not use');

  const api = createRequire(join(dir, 'x.js'))('pipeline-tree');
  const { source, counts } = conformance(api);
  writeFileSync(join(dir, 'conformance.ts'), source);
  console.log(`# conformance: ${Object.entries(counts).map(([t, n]) => `${n} ${t}`).join(', ')}`);
  const config = (files) => ({
    compilerOptions: {
      strict: true, noEmit: true, target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext',
      lib: ['es2022', 'dom'], skipLibCheck: false, exactOptionalPropertyTypes: false, types: [],
    },
    files,
  });
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(config(['example.ts', 'conformance.ts'])));
  const ok = spawnSync('node', [TSC, '-p', 'tsconfig.json'], { cwd: dir, encoding: 'utf8' });
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);

  // Misuses are caught: each marked line of wrong.ts gives its error.
  writeFileSync(join(dir, 'tsconfig.wrong.json'), JSON.stringify(config(['wrong.ts'])));
  const bad = spawnSync('node', [TSC, '-p', 'tsconfig.wrong.json'], { cwd: dir, encoding: 'utf8' });
  assert.notEqual(bad.status, 0);
  const reported = [...bad.stdout.matchAll(/wrong\.ts\((\d+),\d+\): error (TS\d+)/g)].map((m) => `${m[1]} ${m[2]}`);
  const marked = readFileSync(join(dir, 'wrong.ts'), 'utf8').split('\n')
    .map((l, i) => [i + 1, l.match(/\/\/ (TS\d+):/)?.[1]]).filter(([, c]) => c).map(([n, c]) => `${n} ${c}`);
  assert.deepEqual(reported, marked, bad.stdout);
});

test('Vite: an app importing the package builds and runs in Chromium', async () => {
  const dir = project('vite', { type: 'module' }, ['index.html', 'main.js', 'scenario.mjs']);
  writeTreeModule(dir);
  const { build } = await import('vite');
  await build({ root: dir, logLevel: 'error', configFile: false, build: { outDir: 'dist' } });
  const assets = readdirSync(join(dir, 'dist/assets'));
  assert.ok(assets.some((f) => f.endsWith('.wasm')), `the .wasm is emitted as an asset: ${assets}`);
  assert.deepEqual(await runInBrowser(join(dir, 'dist')), EXPECTED);
});

test('webpack 5: an app importing the package builds and runs in Chromium', async () => {
  const dir = project('webpack', { type: 'module' }, ['main.js', 'scenario.mjs']);
  writeTreeModule(dir);
  const { default: webpack } = await import('webpack');
  const stats = await new Promise((done, fail) =>
    webpack({
      mode: 'production', context: dir, entry: './main.js', target: 'web',
      output: { path: join(dir, 'dist'), filename: 'main.js', clean: true },
    }, (err, s) => (err ? fail(err) : done(s))),
  );
  assert.ok(!stats.hasErrors(), stats.toString('errors-only'));
  writeFileSync(join(dir, 'dist/index.html'), '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script src="./main.js"></script>');
  assert.ok(readdirSync(join(dir, 'dist')).some((f) => f.endsWith('.wasm')));
  assert.deepEqual(await runInBrowser(join(dir, 'dist')), EXPECTED);
});
