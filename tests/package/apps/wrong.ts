// Misuses the package's types; the test expects `tsc --strict` to report each marked line.
import { validate, Editor, layout, type Report } from 'pipeline-tree';
import { createWorkerCore } from 'pipeline-tree/worker-client';

const report: Report = validate('{}');
report.diagnostics[0].severity === 'fatal';           // TS2367: not a severity
const ed = new Editor(null);
ed.apply({ op: 'addNode', type: 'task', x: 0, y: 0 }); // TS2322: not a NodeType
layout('{}', { mode: 'diagonal' });                   // TS2322: not a layout mode
const n: number = report.engine.converge['g'];        // TS2322: string | null
const inWorker: Report = createWorkerCore().validate('{}'); // TS2739: a Promise<Report>
void createWorkerCore().layout('{}', { mode: 'diagonal' }); // TS2322: not a layout mode
