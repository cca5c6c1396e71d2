// Uses every export of the package with its declared types; the test type-checks it with
// `tsc --noEmit --strict` in a fresh project (and checks that every export name appears here).
import init, {
  initSync, parse, format, validate, allowedStartNodes, skippedNodes, canConnect, rules, layout,
  Editor, buildCreateTaskPayload, buildMockTaskPayload, buildClockedTaskPayload, excludeNodes,
  parseResponse, payloadRules, version, setLimits, getLimits, wasmMemoryBytes, findTree,
  PipelineTreeError, ParseError, OptionsError, EditError, StartError, ResponseError,
} from 'pipeline-tree';
import type {
  Limits, PipelineTree, TreeActivity, TreeGateway, TreeFlow, TreeLine, TreeLocation, TreeConstant, NodeKind,
  Report, Diagnostic, EngineVerdict, ValidateOptions, LayoutOptions, LayoutResult, Operation,
  Outcome, Delta, DiagnosticDelta, OperationResult, PayloadResult, CreateTaskBody, MockTaskBody,
  ClockedTaskBody, Exclusion, ParsedResponse, Problem, FormatOptions, EditorOptions,
  TreeSource, ExportTemplate, ExportOptions,
} from 'pipeline-tree';
import { createWorkerCore } from 'pipeline-tree/worker-client';
import type { WorkerCore, InWorker } from 'pipeline-tree/worker-client';
import type { WorkerCall, WorkerRequest, WorkerReply, WorkerErrorData } from 'pipeline-tree/worker';

export async function main(text: string, wasm: BufferSource): Promise<string[]> {
  await init();
  initSync(wasm);
  const lines: string[] = [];
  const tree: PipelineTree = parse(text, { maxDepth: 64 });
  const activities: Record<string, TreeActivity> = tree.activities ?? {};
  for (const [id, a] of Object.entries(activities)) {
    const name: string | null | undefined = a.name;
    lines.push(`${id}: ${name ?? ''} ${a.component?.code ?? ''}`);
  }
  const gateways: TreeGateway[] = Object.values(tree.gateways ?? {});
  const flows: TreeFlow[] = Object.values(tree.flows ?? {});
  const drawn: TreeLine[] = tree.line ?? [];
  const placed: TreeLocation[] = tree.location ?? [];
  const vars: TreeConstant[] = Object.values(tree.constants ?? {});
  const kind: NodeKind = 'ExclusiveGateway';
  lines.push(`${gateways.length} ${flows.length} ${drawn.length} ${placed.length} ${vars.length} ${kind}`);

  const fo: FormatOptions = { indent: 2, ascii: true };
  lines.push(format(tree, fo));
  const vo: ValidateOptions = { preset: 'task', cycles: 'forbid', rules: { WEB001: 'off' } };
  const report: Report = validate(text, vo);
  const first: Diagnostic | undefined = report.diagnostics[0];
  const engine: EngineVerdict = report.engine;
  lines.push(`${report.valid} ${first?.code ?? '-'} ${engine.error?.kind ?? 'accepted'}`);
  const limits: Limits = setLimits({ maxNodes: 100000 });
  const now: Limits = getLimits();
  setLimits({ maxNodes: 200000 });
  const bytes: number = wasmMemoryBytes();
  lines.push(`${limits.maxNodes} ${now.maxFlows} ${bytes > 0}`);
  const starts: string[] = allowedStartNodes(text);
  lines.push(skippedNodes(text, starts[0]).join(','));
  const refusal = canConnect(text, 'a', 'b');
  lines.push(refusal === null ? 'may connect' : `${refusal.code} ${refusal.message_zh}`);
  lines.push(rules().map((r) => `${r.code}:${r.severity.task}`).join(' '));

  const lo: LayoutOptions = { mode: 'layered', sizes: 'editor', keepPlaced: true };
  const laid: LayoutResult = layout(text, lo);
  lines.push(Object.keys(laid.routes).join(','));

  const eo: EditorOptions = { diagnostics: { preset: 'template', graph: 'deferred' }, historyLimit: 50 };
  const ed = new Editor(text, eo);
  const op: Operation = { op: 'addNode', type: 'tasknode', x: 10, y: 20, name: 'n', code: 'bk_display' };
  const outcome: Outcome = ed.apply(op);
  const delta: Delta = outcome.delta;
  const dd: DiagnosticDelta | undefined = outcome.diagnostics;
  const result: OperationResult = outcome.result;
  lines.push(`${delta.nodes.added.join(',')} ${dd?.graphStale ?? false} ${result.id ?? ''}`);
  const batch: Operation = { op: 'batch', ops: [{ op: 'layout', mode: 'sops' }, { op: 'repairDrawing' }] };
  ed.apply(batch);
  ed.undo();
  ed.redo();
  lines.push(`${ed.canUndo} ${ed.canRedo} ${ed.historyLength}`);
  ed.setHistoryLimit(10);
  lines.push(ed.export(), JSON.stringify(ed.tree().location));
  lines.push(String(ed.validate().valid), String(ed.diagnostics().graphStale));
  lines.push(ed.refreshGraph().added.map((d) => d.code).join(','));
  lines.push(String(ed.canConnect('a', 'b')?.code), ed.inconsistencies().join(';'));
  const where: TreeSource = ed.source();
  const templates: ExportTemplate[] = findTree(text, { template: 7 }).templates;
  const keep: ExportOptions = { wrapper: 'keep' };
  lines.push(where.message_zh, String(templates.length), ed.export(keep), String(where.template?.name));
  const whole: PipelineTree | Record<string, unknown> = ed.tree(keep);
  lines.push(String(Object.keys(whole).length));
  ed.free();

  const task: PayloadResult<CreateTaskBody> = buildCreateTaskPayload(text, { creator: 'admin', exclude_task_nodes_id: [] });
  const mock: PayloadResult<MockTaskBody> = buildMockTaskPayload(text, {
    name: 'mock', creator: 'admin', template_id: 1, mock_data: { nodes: [], outputs: {} },
  });
  const clocked: PayloadResult<ClockedTaskBody> = buildClockedTaskPayload(null, {
    bk_biz_id: 2, template_id: 3, task_name: 't', plan_start_time: '2030-01-01 00:00:00+0800', now: null,
  });
  // `valid` narrows the body to its declared type.
  if (task.valid && mock.valid && clocked.valid) {
    lines.push(task.body.creator, mock.body.mock_data.nodes.join(','), clocked.body.scope);
  } else {
    lines.push(...task.diagnostics.map((d) => `${d.code} ${d.path ?? ''}`), String(mock.body.name));
  }
  const ex: Exclusion = excludeNodes(text, []);
  lines.push(ex.excluded.join(','));
  const response: ParsedResponse = parseResponse('task', '{"result": true, "code": 0, "data": {"id": 1}}');
  lines.push(String(response.task?.id), payloadRules()[0].summary, version());

  try {
    parse('{');
  } catch (e) {
    if (e instanceof ParseError) {
      const problems: Problem[] = e.problems;
      lines.push(`${e.code} ${e.path} ${e.line ?? 0}:${e.column ?? 0} ${problems.length}`);
    } else if (e instanceof OptionsError || e instanceof EditError || e instanceof StartError) {
      lines.push(e.code);
    } else if (e instanceof ResponseError) {
      lines.push(e.path);
    } else if (e instanceof PipelineTreeError) {
      const code: string = e.code;
      lines.push(code);
    }
  }
  return lines;
}

// The worker entries: the same calls as promises, typed as the main entry's.
export async function inWorker(text: string): Promise<string[]> {
  const core: WorkerCore = createWorkerCore();
  const other: WorkerCore = createWorkerCore(new URL('./worker.js', import.meta.url));
  other.terminate();
  const report: Report = await core.validate(text, { preset: 'task' });
  const laid: LayoutResult = await core.layout(text, { mode: 'layered' });
  const tree: PipelineTree = await core.parse(text);
  const written: string = await core.format(tree, { indent: 2 });
  const where: TreeSource = await core.findTree(text);
  const v: string = await core.version();
  const run: InWorker<typeof validate> = core.validate;
  const request: WorkerRequest = { id: 1, call: 'validate' satisfies WorkerCall, args: [text] };
  const reply = (r: WorkerReply): WorkerErrorData | null => ('error' in r ? r.error : null);
  try {
    await run('{');
  } catch (e) {
    if (e instanceof ParseError) return [e.code, e.path];
  } finally {
    core.terminate();
  }
  return [String(report.valid), String(laid.line.length), written, where.wrapper, v, request.call, String(reply({ id: 1, ok: 1 }))];
}
