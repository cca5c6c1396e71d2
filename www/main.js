// The editor page: every check and every byte written goes through the wasm core (pkg/).
// Tree strings are only ever shown as text (textContent / value), never as HTML.
import init, { parse, format, validate } from '../pkg/pipeline_tree.js';

const $ = (id) => document.getElementById(id);
const input = $('input');
const output = $('output');
const problems = $('problems');
const summary = $('summary');
const status = $('status');

function setStatus(text, bad = false) {
  status.textContent = text;
  status.classList.toggle('bad', bad);
}

function formatOptions() {
  const indent = $('indent').value;
  const opts = { ascii: $('ascii').checked || undefined };
  if (indent !== 'keep') opts.indent = /^\d+$/.test(indent) ? Number(indent) : indent;
  return opts;
}

function el(tag, text) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = String(text);
  return e;
}

/** Selects the place of a problem in the input so the user sees it. */
function reveal(line, column) {
  const lines = input.value.split('\n');
  let offset = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
  // Columns count characters; JS strings count UTF-16 units.
  const chars = Array.from(lines[line - 1] ?? '').slice(0, column - 1).join('');
  offset += chars.length;
  input.focus();
  input.setSelectionRange(offset, offset + 1);
  const lineHeight = parseFloat(getComputedStyle(input).lineHeight) || 17;
  input.scrollTop = Math.max(0, (line - 5) * lineHeight);
}

function showProblems(err) {
  problems.replaceChildren();
  problems.hidden = false;
  const head = el('strong', err.problems.length === 1 ? '1 problem' : `${err.problems.length} problems`);
  const list = el('ol');
  for (const p of err.problems) {
    const item = el('li');
    const where = p.line ? `${p.line}:${p.column}` : '';
    item.append(el('code', `${where} ${p.code}`), ` ${p.message} at `, el('code', p.path));
    item.dataset.code = p.code;
    if (p.line) item.addEventListener('click', () => reveal(p.line, p.column));
    list.append(item);
  }
  problems.append(head, list);
}

const diagnostics = $('diagnostics');

/** The validator's report: the verdict, then every problem with its rule code and node. */
function showDiagnostics(report, tree) {
  diagnostics.replaceChildren();
  diagnostics.hidden = false;
  const errors = report.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = report.diagnostics.length - errors;
  const engine = report.engine.valid
    ? 'bamboo-engine accepts it'
    : `bamboo-engine refuses it (${report.engine.error.code})`;
  const verdict = report.valid ? 'valid' : 'invalid';
  const head = el('strong', `${verdict} · ${errors} errors, ${warnings} warnings · ${engine}`);
  head.className = report.valid ? 'ok' : 'bad';
  const list = el('ol');
  const nodeName = (id) => {
    const n = tree.activities?.[id] ?? tree.gateways?.[id]
      ?? (tree.start_event?.id === id ? tree.start_event : tree.end_event?.id === id ? tree.end_event : null);
    return n?.name ? `${n.name} (${id})` : id;
  };
  for (const d of report.diagnostics) {
    const item = el('li');
    item.className = d.severity;
    item.dataset.code = d.code;
    const where = d.node_id ? nodeName(d.node_id) : d.flow_id ? `flow ${d.flow_id}` : (d.path ?? '');
    item.append(el('code', d.code), ` ${d.severity} `, el('b', where), ` ${d.message}`);
    if (d.message_zh && d.message_zh !== d.message) item.append(el('div', d.message_zh));
    list.append(item);
  }
  diagnostics.append(head, list);
  return { errors, warnings };
}

function showSummary(tree) {
  const count = (o) => (o && typeof o === 'object' ? Object.keys(o).length : 0);
  const kinds = {};
  for (const a of Object.values(tree.activities ?? {})) kinds[a.type] = (kinds[a.type] ?? 0) + 1;
  for (const g of Object.values(tree.gateways ?? {})) kinds[g.type] = (kinds[g.type] ?? 0) + 1;
  const rows = [
    ...Object.entries(kinds).sort(),
    ['flows', count(tree.flows)],
    ['constants', count(tree.constants)],
    ['line', (tree.line ?? []).length],
    ['location', (tree.location ?? []).length],
  ];
  const body = summary.tBodies[0];
  body.replaceChildren(...rows.map(([k, v]) => {
    const tr = el('tr');
    tr.append(el('td', k), el('td', v));
    return tr;
  }));
  summary.hidden = false;
}

/** Checks the input; on success shows the formatted tree, on failure the problems. The input
 *  text is never changed by a failure. */
function run() {
  const text = input.value;
  const started = performance.now();
  try {
    const tree = parse(text);
    const out = format(text, formatOptions());
    const ms = (performance.now() - started).toFixed(1);
    problems.hidden = true;
    problems.replaceChildren();
    output.textContent = out;
    showSummary(tree);
    const report = validate(text, { preset: $('preset').value });
    const { errors, warnings } = showDiagnostics(report, tree);
    const ms2 = (performance.now() - started).toFixed(1);
    setStatus(`tree read · ${text.length.toLocaleString()} characters · ${ms} ms · `
      + `${report.valid ? 'valid' : 'invalid'} (${errors} errors, ${warnings} warnings) · ${ms2} ms in all`);
    return out;
  } catch (err) {
    if (!err.problems) throw err;
    output.textContent = '';
    summary.hidden = true;
    diagnostics.hidden = true;
    showProblems(err);
    setStatus(err.message, true);
    return null;
  }
}

async function loadFile(file) {
  input.value = await file.text();
  input.dataset.name = file.name;
  run();
}

async function loadExample() {
  const res = await fetch('./examples/example.json');
  input.value = await res.text();
  input.dataset.name = 'example.json';
  run();
}

await init();
$('format').addEventListener('click', run);
$('indent').addEventListener('change', run);
$('ascii').addEventListener('change', run);
$('preset').addEventListener('change', run);
$('example').addEventListener('click', loadExample);
$('file').addEventListener('change', (e) => e.target.files[0] && loadFile(e.target.files[0]));
$('download').addEventListener('click', () => {
  const out = run();
  if (out === null) return;
  const a = el('a');
  a.href = URL.createObjectURL(new Blob([out], { type: 'application/json' }));
  a.download = input.dataset.name || 'pipeline_tree.json';
  a.click();
  URL.revokeObjectURL(a.href);
});
for (const type of ['dragenter', 'dragover']) {
  document.addEventListener(type, (e) => { e.preventDefault(); input.classList.add('dragging'); });
}
document.addEventListener('dragleave', () => input.classList.remove('dragging'));
document.addEventListener('drop', (e) => {
  e.preventDefault();
  input.classList.remove('dragging');
  const file = e.dataTransfer?.files?.[0];
  if (file) loadFile(file);
});
await loadExample();
document.body.dataset.ready = 'true';
