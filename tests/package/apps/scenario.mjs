// What every test app does with the installed package, the same in Node (ESM and CommonJS)
// and in the browser (Vite and webpack builds): validate, edit, undo, lay out, build a payload,
// and misuse the API to get each error class. Returns a summary the test compares.
export function scenario(api, text) {
  const out = {};
  const report = api.validate(text);
  out.valid = report.valid;
  out.engineValid = report.engine.valid;
  out.diagnostics = report.diagnostics.map((d) => d.code);

  const ed = new api.Editor(text, { diagnostics: true });
  const added = ed.apply({ op: 'addNode', type: 'tasknode', x: 400, y: 300, name: '<b>new</b>' });
  out.added = typeof added.result.id === 'string' && added.delta.nodes.added[0] === added.result.id;
  out.addedDiagnostics = added.diagnostics.added.map((d) => d.code).sort();
  out.nameKept = ed.tree().activities[added.result.id].name;
  ed.undo();
  out.undoRestoresText = ed.export() === text;
  out.canRedo = ed.canRedo;

  try {
    api.validate('{"activities": ');
  } catch (e) {
    out.parseError = [e instanceof api.ParseError, e instanceof api.PipelineTreeError, e instanceof Error,
      e.name, e.code, e.line, e.column, e.problems.length];
  }
  try {
    ed.apply({ op: 'removeNode', id: 'no-such-node' });
  } catch (e) {
    out.editError = [e instanceof api.EditError, e instanceof api.PipelineTreeError, e.name, e.code];
  }
  try {
    api.validate(text, { cycles: 'sometimes' });
  } catch (e) {
    out.optionsError = [e instanceof api.OptionsError, e.name, e.code];
  }
  ed.free();

  const laid = api.layout(text, { mode: 'layered' });
  out.layout = [laid.location.length, laid.line.length];
  const task = api.buildCreateTaskPayload(text, { creator: 'admin', name: 'from the package' });
  out.createTask = [task.valid, task.body.name, task.body.creator];
  out.version = api.version();
  return out;
}
