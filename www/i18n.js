// @ts-check
// The page's two languages. Every text the page shows is an entry of TEXTS, its Chinese and its
// English side by side so that they say the same thing; the core's messages come with both
// (`message_zh`, `message`) and `msg` picks one. The language is, in order: `?lang=zh|en` in
// the address, the choice saved in this browser, Chinese when the browser's language is Chinese,
// else English. Static texts of index.html name their entry in `data-i18n` (text),
// `data-i18n-title`, `data-i18n-placeholder` or `data-i18n-label` (aria-label); `setLang`
// rewrites them and tells the page (`langchange` on window) so that panels redraw.

const KEY = 'pipeline-tree.lang';

/** @typedef {string | ((p: any) => string)} Text */
/** @type {Record<string, [Text, Text]>} [Chinese, English] */
export const TEXTS = {
  // ---- page and toolbar
  'page.title': ['流程树编辑器 · pipeline-tree', 'pipeline-tree editor'],
  'toolbar': ['编辑工具栏', 'editing'],
  'open': ['打开…', 'Open…'],
  'open.title': ['打开一个 pipeline_tree JSON 文件（也可以把文件拖到页面上）', 'Open a pipeline_tree JSON file (or drop one on the page)'],
  'export': ['导出', 'Export'],
  'export.title': ['下载当前的流程树', 'Download the tree as it is now'],
  'example': ['示例', 'Example'],
  'example.title': ['打开示例流程：应用发布', 'Open the example template: an application release'],
  'new': ['新建', 'New'],
  'new.title': ['新建一个流程（开始节点、一个标准插件节点、结束节点）', 'A new template (start, one task, end)'],
  'undo': ['撤销', 'Undo'],
  'undo.title': ['撤销（Ctrl+Z）', 'Undo (Ctrl+Z)'],
  'redo': ['重做', 'Redo'],
  'redo.title': ['重做（Ctrl+Shift+Z 或 Ctrl+Y）', 'Redo (Ctrl+Shift+Z or Ctrl+Y)'],
  'copy': ['复制', 'Copy'],
  'copy.title': ['复制选中的节点（Ctrl+C）', 'Copy the selected nodes (Ctrl+C)'],
  'paste': ['粘贴', 'Paste'],
  'paste.title': ['粘贴复制的节点（Ctrl+V）', 'Paste the copied nodes (Ctrl+V)'],
  'delete': ['删除', 'Delete'],
  'delete.title': ['删除选中的节点或连线（Delete）', 'Delete the selected nodes or line (Delete)'],
  'layout.sops': ['排版：SOPS', 'Layout: SOPS'],
  'layout.sops.title': ['标准运维的一键排版', "SOPS's own auto-layout"],
  'layout.layered': ['排版：分层', 'Layout: layered'],
  'layout.layered.title': ['分层排版：交叉更少，不折行', 'Layered auto-layout: fewer crossings, no wrapping'],
  'zoom.out': ['缩小（-）', 'Zoom out (-)'],
  'zoom.in': ['放大（+）', 'Zoom in (+)'],
  'fit': ['适应画布', 'Fit'],
  'fit.title': ['显示整个流程（F，或双击空白处）', 'Fit the whole tree in view (F, or double-click the background)'],
  'lang.switch': ['English', '中文'],
  'lang.switch.title': ['Switch the page to English', '切换为中文界面'],
  'search': ['搜索节点', 'search nodes'],
  'search.ph': ['搜索节点', 'Search nodes'],
  'search.title': ['按名称、ID 或插件编码搜索节点；Enter 跳到下一个，Shift+Enter 跳到上一个', 'Search nodes by name, id or plugin code; Enter jumps to the next, Shift+Enter to the previous'],
  'search.count': [(p) => `${p.at}/${p.n}`, (p) => `${p.at}/${p.n}`],
  'search.none': ['无匹配', 'no match'],
  'toggle.palette': ['显示或隐藏节点面板', 'Show or hide the node palette'],
  'toggle.side': ['显示或隐藏侧边面板', 'Show or hide the side panels'],
  'minimap': ['缩略图：点击或拖动以移动视图', 'Minimap: press or drag to move the view'],
  // ---- palette
  'palette': ['节点面板', 'node palette'],
  'palette.head': ['节点', 'Nodes'],
  'palette.hint': ['拖到画布上，或拖到连线上插入；单击则添加到画布中央。', 'Drag onto the canvas, or onto a line to insert. Click adds in the middle.'],
  'palette.item.title': [(p) => `${p.type}：拖到画布上`, (p) => `${p.type}: drag onto the canvas`],
  'new.fields': ['新建标准插件节点', 'New tasks'],
  'new.code': ['插件编码', 'Plugin code'],
  'new.code.ph': ['例如 pause_node', 'e.g. pause_node'],
  'new.version': ['插件版本', 'Version'],
  'new.version.ph': ['例如 legacy', 'e.g. legacy'],
  'new.template': ['子流程模板 ID', 'Subprocess template id'],
  'new.template.ph': ['例如 12', 'e.g. 12'],
  // ---- node types (SOPS's names)
  'type.startpoint': ['开始节点', 'Start event'],
  'type.endpoint': ['结束节点', 'End event'],
  'type.tasknode': ['标准插件节点', 'Task'],
  'type.subflow': ['子流程', 'Subprocess'],
  'type.parallelgateway': ['并行网关', 'Parallel gateway'],
  'type.branchgateway': ['分支网关', 'Exclusive gateway'],
  'type.conditionalparallelgateway': ['条件并行网关', 'Conditional parallel gateway'],
  'type.convergegateway': ['汇聚网关', 'Converge gateway'],
  'type.node': ['节点', 'node'],
  'type.line': ['连线', 'line'],
  // ---- stage
  'canvas': ['流程画布', 'flow canvas'],
  'help': ['拖动空白处平移 · 滚轮缩放 · Shift+拖动框选 · 从节点的锚点拖出连线', "Drag the background to pan · wheel to zoom · Shift+drag to select an area · drag from a node's anchor to connect"],
  'empty.layout': ['自动排版', 'Lay it out'],
  'empty.undrawn': [(p) => `这个流程有 ${p.n} 个节点，但没有画布数据（location 和 line）。`, (p) => `This tree has ${p.n} nodes but no drawing data (location and line).`],
  'empty.unplaced': [(p) => `这个流程有 ${p.n} 个节点，但画布数据没有给出它们的位置（location 中没有 x、y）。`, (p) => `This tree has ${p.n} nodes, but its drawing data gives them no place (no x and y in location).`],
  'drop.short': ['这段连线比节点短，放不进去：节点已加在这里，没有接入连线。先拉开连线两端的节点，再把节点拖到线上。', 'This part of the line is shorter than the node, so it cannot take it: the node was added here, not on the line. Move the line\'s ends apart, then drop the node on it.'],
  'template.choose.title': ['选择要打开的模板', 'Choose the template to open'],
  'template.choose.text': [(p) => `${p.name} 是 SOPS 导出文件，包含 ${p.n} 个模板。打开其中一个：`, (p) => `${p.name} is a SOPS export file with ${p.n} templates. Open one of them:`],
  'template.choose.no': ['取消', 'Cancel'],
  'template.unnamed': ['（未命名）', '(unnamed)'],
  'empty.none': ['流程中还没有节点：从左侧节点面板拖入。', 'The tree has no nodes: drag them from the palette.'],
  'canvas.nonode': ['（流程树中没有这个节点）', '(no such node in the tree)'],
  'canvas.unnamed': ['（未命名）', '(unnamed)'],
  'canvas.noplugin': ['未选插件', 'no plugin'],
  'canvas.subprocess': ['子流程', 'subprocess'],
  'canvas.nocond': ['（无条件）', '(no condition)'],
  'canvas.plugin': [(p) => `插件：${p.code || '（无）'}${p.version ? ` ${p.version}` : ''}`, (p) => `plugin: ${p.code || '(none)'}${p.version ? ` ${p.version}` : ''}`],
  // ---- side tabs
  'tabs': ['侧边面板', 'side panels'],
  'tab.props': ['属性', 'Properties'],
  'tab.problems': ['问题', 'Problems'],
  'tab.payload': ['接口请求', 'Payload'],
  'tab.json': ['JSON', 'JSON'],
  // ---- JSON tab
  'json.load': ['在编辑器中打开', 'Open in editor'],
  'json.load.title': ['用这段文本替换正在编辑的流程', 'Replace the tree being edited by this text'],
  'json.revert': ['显示当前流程', 'Show current tree'],
  'json.revert.title': ['显示正在编辑的流程', 'Show the tree being edited'],
  'json.indent': ['缩进', 'Indent'],
  'json.indent.keep': ['保持原样', 'as written'],
  'json.indent.4': ['4 个空格', '4 spaces'],
  'json.indent.2': ['2 个空格', '2 spaces'],
  'json.indent.tab': ['制表符', 'tab'],
  'json.indent.compact': ['紧凑', 'compact'],
  'json.ascii': ['仅 ASCII', 'ASCII only'],
  'json.area': ['pipeline_tree JSON', 'pipeline_tree JSON'],
  'json.placeholder': ['在这里粘贴 pipeline_tree，然后点击“在编辑器中打开”', 'Paste a pipeline_tree here and press Open in editor'],
  'json.dirty': ['文本已修改：“在编辑器中打开”会替换正在编辑的流程；“显示当前流程”会丢弃这段文本。', 'Edited text: "Open in editor" replaces the tree being edited; "Show current tree" discards the text.'],
  'json.current': ['正在编辑的流程。', 'The tree being edited.'],
  'json.problems': [(p) => `${p.n} 个问题`, (p) => (p.n === 1 ? '1 problem' : `${p.n} problems`)],
  'json.at': ['位置', 'at'],
  // ---- opening and saving
  'status.loading': ['加载中…', 'loading…'],
  'opened': [(p) => `已打开 ${p.name} · ${p.nodes} 个节点，${p.flows} 条连线 · ${p.ms} 毫秒`, (p) => `Opened ${p.name} · ${p.nodes} nodes, ${p.flows} flows · ${p.ms} ms`],
  'opened.wrapped': [(p) => `已打开 ${p.name} · ${p.source} · ${p.nodes} 个节点 · ${p.ms} 毫秒`, (p) => `Opened ${p.name} · ${p.source} · ${p.nodes} nodes · ${p.ms} ms`],
  'opened.wrapper': [(p) => `${p.name}：${p.source}。导出时只保存流程树本身。`, (p) => `${p.name}: opened ${p.source}. Export saves the tree alone.`],
  'new.template.name': ['新流程', 'a new template'],
  'pasted.json': ['粘贴的 JSON', 'the pasted JSON'],
  'pasted.json.cap': ['粘贴的 JSON', 'The pasted JSON'],
  'not.opened': [(p) => `${p.what} 没有打开：${p.message}。正在编辑的流程没有改变。`, (p) => `${p.what} was not opened: ${p.message}. The tree being edited is unchanged.`],
  'not.opened.short': [(p) => `没有打开：${p.message}`, (p) => `Not opened: ${p.message}`],
  'not.opened.kept': [(p) => `${p.what} 没有打开：保留了正在编辑的流程、它的修改和撤销记录。`, (p) => `${p.what} was not opened: you kept the tree being edited, with its edits and undo history.`],
  'at.line': [(p) => `（第 ${p.line} 行，第 ${p.column} 列）`, (p) => ` (line ${p.line}, column ${p.column})`],
  'exported': [(p) => `已导出 ${p.name} · ${p.chars} 个字符`, (p) => `Exported ${p.name} · ${p.chars} characters`],
  'replace.title': ['替换正在编辑的流程？', 'Replace the tree being edited?'],
  'replace.text': [(p) => `${p.name} 有 ${p.n} 处修改尚未导出。打开 ${p.incoming} 会替换它和它的撤销记录（要保留，请先导出）。`,
    (p) => `${p.name} has ${p.n === 1 ? 'one edit that was' : `${p.n} edits that were`} not exported. Opening ${p.incoming} replaces it and its undo history (export it first to keep them).`],
  'replace.yes': [(p) => `打开 ${p.incoming}`, (p) => `Open ${p.incoming}`],
  'replace.no': ['继续编辑', 'Keep editing'],
  'restore.offer': [(p) => `你之前在编辑 ${p.name}（${p.when} 保存在这个浏览器中）。`, (p) => `You were editing ${p.name} (saved in this browser ${p.when}).`],
  'restore.yes': ['恢复', 'Restore it'],
  'restore.discard': ['丢弃', 'Discard'],
  'core.stopped': [(p) => `编辑器内核出错停止了（${p.what}）。最后一次修改后的流程已保留${p.kept ? '在这个浏览器中' : ''}：可以下载它，或刷新页面继续编辑。`,
    (p) => `The editor core stopped (${p.what}). Your tree as of the last change is kept${p.kept ? ' in this browser' : ''}: download it, or reload the page to go on editing it.`],
  'core.download': ['下载', 'Download it'],
  'core.reload': ['刷新', 'Reload'],
  'core.stopped.status': ['编辑器内核出错停止了；流程已保留', 'The editor core stopped; the tree is kept'],
  // ---- edits (status line and refusals)
  'op.addNode': ['添加了节点', 'Added a node'],
  'op.removeNode': ['已删除', 'Deleted'],
  'op.connect': ['已连线', 'Connected'],
  'op.disconnect': ['删除了连线', 'Deleted a line'],
  'op.disconnectNode': ['断开了连线', 'Disconnected'],
  'op.insertOnFlow': ['插入了节点', 'Inserted a node'],
  'op.updateNode': ['修改了节点', 'Updated the node'],
  'op.setCondition': ['设置了分支条件', 'Set the condition'],
  'op.setDefault': ['设置了默认分支', 'Set the default branch'],
  'op.paste': ['已粘贴', 'Pasted'],
  'op.replacePlugin': ['更换了插件', 'Replaced the plugin'],
  'op.repairDrawing': ['修复了画布数据', 'Repaired the drawing'],
  'op.layout': [(p) => `已排版（${p.mode === 'sops' ? 'SOPS' : '分层'}）`, (p) => `Laid out (${p.mode})`],
  'op.batch': ['已修改', 'Changed'],
  'op.undo': ['已撤销', 'Undone'],
  'op.redo': ['已重做', 'Redone'],
  'op.move': ['已移动', 'Moved'],
  'redrawn': [(p) => `${p.what} · 重绘 ${p.items} 项，用时 ${p.ms} 毫秒`, (p) => `${p.what} · ${p.items} item${p.items === 1 ? '' : 's'} redrawn in ${p.ms} ms`],
  'redrawn.plain': [(p) => `${p.what} · 已重绘`, (p) => `${p.what} · redrawn`],
  'counts': [(p) => `${p.nodes} 个节点 · ${p.flows} 条连线 · ${p.lines} 条画布连线`, (p) => `${p.nodes} nodes · ${p.flows} flows · ${p.lines} lines`],
  'refused': [(p) => `${p.what}被拒绝：${p.message}${p.code ? `（${p.code}）` : ''}`, (p) => `${p.what} refused: ${p.message}${p.code ? ` (${p.code})` : ''}`],
  'cannot.connect': [(p) => `不能把${p.source}连到${p.target}：${p.message}（${p.code}）`, (p) => `Cannot connect ${p.source} to ${p.target}: ${p.message} (${p.code})`],
  'nothing.undo': ['没有可撤销的操作', 'Nothing to undo'],
  'nothing.redo': ['没有可重做的操作', 'Nothing to redo'],
  'doing.add': ['添加节点', 'Adding the node'],
  'doing.insert': ['插入节点', 'Inserting the node'],
  'doing.append': ['添加后续节点', 'Adding the next node'],
  'props.after': ['在其后添加', 'Add after it'],
  'props.after.hint': ['插入到它的出线上，后面的节点右移让位。', 'Goes on its outgoing line; what follows moves right to make room.'],
  'doing.connect': ['连线', 'Connecting'],
  'doing.move': ['移动', 'Moving'],
  'doing.delete': ['删除', 'Deleting'],
  'doing.deleteLine': ['删除连线', 'Deleting the line'],
  'doing.paste': ['粘贴', 'Pasting'],
  'doing.layout': ['自动排版', 'Auto-layout'],
  'doing.replace': ['更换插件', 'Replacing the plugin'],
  'doing.update': ['修改节点', 'Updating the node'],
  'doing.fields': ['修改字段', 'Updating the fields'],
  'doing.disconnect': ['断开连线', 'Disconnecting'],
  'doing.condition': ['设置分支条件', 'Setting the condition'],
  'doing.renameDefault': ['重命名默认分支', 'Renaming the default branch'],
  'doing.makeDefault': ['设为默认分支', 'Making the default branch'],
  'doing.makeNormal': ['设为普通分支', 'Making a normal branch'],
  'doing.fix': ['修复', 'The fix'],
  'line.noflow': ['这条画布连线在流程树中没有对应的连线；请用“问题”中的修复来修复画布数据', 'This line has no flow in the tree; use the fix in Problems to repair the drawing'],
  'select.to.delete': ['请先选中要删除的节点或连线', 'Select a node or a line to delete'],
  'select.to.copy': ['请先选中要复制的节点（开始节点和结束节点不会被复制）', 'Select nodes to copy (start and end events are not copied)'],
  'copied.nodes': [(p) => `已复制 ${p.n} 个节点`, (p) => `Copied ${p.n} node${p.n > 1 ? 's' : ''}`],
  'unbridged': [(p) => `删除${p.node}后，${p.from}与${p.to}没有重新连线：${p.reason}。按 Ctrl+Z 可以撤销。`, (p) => `With ${p.node} deleted, ${p.from} and ${p.to} were not joined: ${p.reason}. Ctrl+Z undoes it.`],
  'unbridged.two-gateways': ['标准运维不在两个网关之间直接连线，这条分支已随节点删除', 'SOPS does not draw a line between two gateways, so the branch went with the node'],
  'unbridged.start-to-end': ['开始节点不能直接连到结束节点', 'the start event may not lead straight to the end event'],
  'unbridged.gateway-to-end': ['分支网关或并行网关不能直接连到结束节点', 'a splitting gateway may not lead straight to the end event'],
  'unbridged.loop': ['节点连回了它自己', 'the node looped back to itself'],
  'unbridged.exists': ['它们之间已经有连线', 'they are joined already'],
  'unbridged.rule': [(p) => `画布规则 ${p.code} 不允许这条连线`, (p) => `the canvas rule ${p.code} refuses that line`],
  'nothing.paste': ['没有可粘贴的内容：请先复制节点', 'Nothing to paste: copy nodes first'],
  // ---- properties panel
  'props.hint': ['选中一个节点或一条连线来编辑它。从节点面板把节点拖到画布上，或拖到连线上插入。', 'Select a node or a line to edit it. Drag a node type from the palette onto the canvas, or onto a line to insert it.'],
  'props.tree': ['流程', 'Tree'],
  'props.nodes': ['节点', 'Nodes'],
  'props.flows': ['连线', 'Flows'],
  'props.variables': ['变量', 'Variables'],
  'props.many': [(p) => `已选中 ${p.n} 个节点`, (p) => `${p.n} nodes selected`],
  'props.more': [(p) => `……还有 ${p.n} 个`, (p) => `… and ${p.n} more`],
  'props.nonode': ['流程树中没有这个位置对应的节点。“问题”中的修复可以修复画布数据。', 'This location has no node in the tree. The fix in Problems repairs the drawing.'],
  'props.name': ['节点名称', 'Name'],
  'props.stage': ['步骤名称', 'Stage'],
  'flag.optional': ['可选（创建任务时可以不执行）', 'optional (may be skipped in a task)'],
  'flag.error_ignorable': ['失败后自动忽略', 'ignore errors'],
  'flag.retryable': ['失败后可重试', 'retryable'],
  'flag.skippable': ['失败后可跳过', 'skippable'],
  'props.code': ['插件编码', 'Plugin code'],
  'props.version': ['插件版本', 'Plugin version'],
  'props.replace': ['更换插件', 'Replace plugin'],
  'props.template': ['子流程模板 ID', 'Template id'],
  'props.problems': ['问题', 'Problems'],
  'props.disconnect': ['断开连线', 'Disconnect'],
  'props.branches': ['分支', 'Branches'],
  'props.nobranch': ['还没有输出连线：从网关的锚点拖到一个节点。', 'No outgoing flow yet: drag from an anchor of the gateway to a node.'],
  'props.cond.name': ['条件名称', 'Condition name'],
  'props.cond.expr': ['条件表达式', 'Expression'],
  'props.cond.default': ['默认分支', 'default branch'],
  'props.line': ['连线', 'Line'],
  'props.from': [(p) => `从 ${p.node}（${p.arrow}锚点）`, (p) => `From ${p.node} (${p.arrow} anchor)`],
  'arrow.Left': ['左', 'Left'],
  'arrow.Right': ['右', 'Right'],
  'arrow.Top': ['上', 'Top'],
  'arrow.Bottom': ['下', 'Bottom'],
  'props.to': [(p) => `到 ${p.node}（${p.arrow}锚点）`, (p) => `to ${p.node} (${p.arrow} anchor)`],
  'props.noflow': ['这条画布连线在流程树中没有对应的连线。', 'This line has no flow in the tree.'],
  'props.deleteLine': ['删除连线', 'Delete line'],
  'props.fields': ['全部字段（JSON）', 'All fields (JSON)'],
  'props.fields.label': ['节点字段（JSON）', 'node fields as JSON'],
  'props.fields.apply': ['应用字段', 'Apply fields'],
  'props.fields.notjson': [(p) => `不是 JSON：${p.error}`, (p) => `Not JSON: ${p.error}`],
  'props.fields.object': ['应为字段组成的 JSON 对象', 'Expected a JSON object of fields'],
  'props.fields.same': ['没有修改', 'No change'],
  // ---- variables panel
  'tab.vars': ['变量', 'Variables'],
  'vars.count': [(p) => `${p.n} 个全局变量`, (p) => `${p.n} variable${p.n === 1 ? '' : 's'}`],
  'vars.new': ['新建变量', 'New variable'],
  'vars.none': ['还没有全局变量。新建一个，或在节点的输入参数上勾选“引用变量”。', 'No variables yet. Create one, or hook a node\'s input to a variable.'],
  'vars.list': ['全局变量', 'variables'],
  'vars.shown': ['显示', 'shown'],
  'vars.hidden': ['隐藏', 'hidden'],
  'vars.isOutput': ['流程输出', 'template output'],
  'vars.uses': [(p) => (p.n ? `被引用 ${p.n} 处` : '未被引用'), (p) => (p.n ? `used in ${p.n} place${p.n === 1 ? '' : 's'}` : 'not used')],
  'vars.unused': ['没有地方引用这个变量。', 'Nothing uses this variable.'],
  'vars.up': ['上移', 'Move up'],
  'vars.down': ['下移', 'Move down'],
  'vars.edit': ['编辑', 'Edit'],
  'vars.delete': ['删除', 'Delete'],
  'vars.deleteTitle': [(p) => `删除变量 ${p.key}？`, (p) => `Delete variable ${p.key}?`],
  'vars.deleteText': [(p) => `${p.key} 被引用 ${p.n} 处。${p.hooked.length ? `这些节点的输入参数会取消引用并恢复为变量的值：${p.hooked.join('、')}。` : ''}其余的引用会保留为文本，在“问题”中列出。`,
    (p) => `${p.key} is used in ${p.n} place${p.n === 1 ? '' : 's'}. ${p.hooked.length ? `These nodes' inputs are unhooked and get the variable's value back: ${p.hooked.join(', ')}. ` : ''}Other references stay as text and are listed in Problems.`],
  'vars.deleteOutput': ['它是流程输出之一，删除后也会从流程输出中移除。', "It is one of the template's outputs: it leaves that list too."],
  'vars.kind.input': ['引用变量的输入参数', 'hooked input'],
  'vars.kind.text': ['输入参数中的 ${}', '${} in an input'],
  'vars.kind.condition': ['分支条件', 'branch condition'],
  'vars.kind.variable': ['其他变量的值', "another variable's value"],
  'vars.kind.subprocess': ['子流程参数', 'sub-process parameter'],
  'vars.kind.output': ['接收节点输出', 'receives an output'],
  'vars.kind.outputs': ['流程输出', 'template outputs'],
  'vars.outputsList': ['流程输出列表', "the template's outputs"],
  'vars.source.custom': ['自定义', 'custom'],
  'vars.source.component_inputs': ['引用插件输入', 'hooked input'],
  'vars.source.component_outputs': ['插件输出', 'node output'],
  'vars.source.other': ['其他来源', 'other source'],
  'vars.type.input': ['单行文本', 'text'],
  'vars.type.textarea': ['多行文本', 'long text'],
  'vars.type.int': ['整数', 'whole number'],
  'vars.type.datetime': ['日期时间', 'date and time'],
  'vars.type.password': ['密码', 'password'],
  'vars.key': ['变量 KEY', 'Key'],
  'vars.name': ['变量名称', 'Name'],
  'vars.type': ['类型', 'Type'],
  'vars.value': ['默认值', 'Default value'],
  'vars.desc': ['说明', 'Description'],
  'vars.showField': ['创建任务时显示（任务参数）', 'shown when a task is created (a task parameter)'],
  'vars.outputField': ['作为流程输出', "one of the template's outputs"],
  'vars.create': ['创建', 'Create'],
  'vars.save': ['保存', 'Save'],
  'vars.cancel': ['取消', 'Cancel'],
  'doing.addVariable': ['新建变量', 'Creating the variable'],
  'doing.updateVariable': ['修改变量', 'Changing the variable'],
  'doing.moveVariable': ['移动变量', 'Moving the variable'],
  'doing.removeVariable': ['删除变量', 'Deleting the variable'],
  'op.addVariable': ['新建了变量', 'Created a variable'],
  'op.updateVariable': ['修改了变量', 'Changed a variable'],
  'op.removeVariable': ['删除了变量', 'Deleted a variable'],
  'op.moveVariable': ['移动了变量', 'Moved a variable'],
  'op.hookInput': ['引用了变量', 'Hooked an input'],
  'op.unhookInput': ['取消了引用', 'Unhooked an input'],
  'op.hookOutput': ['输出设为变量', 'Hooked an output'],
  'op.unhookOutput': ['取消了输出变量', 'Unhooked an output'],
  // ---- task node form
  'props.subversion': ['子流程版本', 'Template version'],
  'node.plugin': ['插件', 'Plugin'],
  'node.inputs': ['输入参数', 'Inputs'],
  'node.outputs': ['输出参数', 'Outputs'],
  'node.exec': ['执行选项', 'Execution'],
  'node.choose': ['选择插件…', 'Choose a plugin…'],
  'node.picker': ['插件列表', 'plugins'],
  'node.picker.ph': ['搜索插件：名称、编码或分组', 'Search plugins: name, code or group'],
  'node.picker.other': ['其他', 'Other'],
  'node.picker.none': ['没有匹配的插件', 'No plugin matches'],
  'node.unknown': [(p) => `插件 ${p.code} 不在插件列表中：按编码编辑`, (p) => `Plugin ${p.code} is not in the catalogue: edit it by code`],
  'node.noplugin': ['还没有选择插件', 'No plugin chosen yet'],
  'node.noinputs': ['这个插件版本没有输入参数。', 'This plugin version has no inputs.'],
  'node.hook': ['引用变量', 'hook to a variable'],
  'node.hook.label': [(p) => `${p.name}：引用变量`, (p) => `${p.name}: hook to a variable`],
  'node.timeout': ['超时', 'Timeout after'],
  'node.seconds': ['秒，然后', 's, then'],
  'node.timeout.forced_fail': ['强制失败', 'fail'],
  'node.timeout.forced_fail_and_skip': ['强制失败并跳过', 'fail and skip'],
  'node.timeout.conflict': ['超时不能与“失败后自动忽略”或“自动重试”同时开启：创建任务时会被拒绝。', 'A timeout cannot be on together with "ignore errors" or auto retry: the task would be refused when it starts.'],
  'node.retry': ['失败后自动重试', 'Auto retry'],
  'node.times': ['次，间隔', 'times, every'],
  'node.interval': ['秒', 's'],
  'doing.hook': ['引用变量', 'Hooking the input'],
  'doing.unhook': ['取消引用', 'Unhooking the input'],
  'doing.hookOutput': ['输出设为变量', 'Hooking the output'],
  'doing.unhookOutput': ['取消输出变量', 'Unhooking the output'],
  'doing.input': ['修改输入参数', 'Setting the input'],
  // ---- problems panel
  'problems.none': ['没有问题', 'No problems'],
  'problems.checking': ['仍在检查，问题数还会变化', 'Still checking: the count may change'],
  'problems.checking.more': ['（仍在检查…）', ' (still checking…)'],
  'problems.summary': [(p) => `${p.errors} 个错误，${p.warnings} 个警告`, (p) => `${p.errors} error${p.errors === 1 ? '' : 's'}, ${p.warnings} warning${p.warnings === 1 ? '' : 's'}`],
  'problems.more': [(p) => `还有 ${p.n} 项未列出`, (p) => `${p.n} more not listed`],
  'problems.rules': ['规则', 'Rules'],
  'problems.rules.title': ['适用哪些规则、多严格', 'which rules apply, and how strictly'],
  'preset.template': ['保存流程模板', 'save a template'],
  'preset.task': ['创建任务', 'create a task'],
  'preset.engine': ['仅 bamboo-engine', 'bamboo-engine only'],
  'problems.show': ['显示', 'Show'],
  'problems.all': ['全部', 'all'],
  'problems.errors': ['仅错误', 'errors'],
  'problems.warnings': ['仅警告', 'warnings'],
  'problems.tree': ['整个流程', 'The tree'],
  'problems.line': [(p) => `连线 ${p.id}`, (p) => `line ${p.id}`],
  'problems.count': [(p) => `${p.n} 个问题`, (p) => `${p.n} problem${p.n === 1 ? '' : 's'}`],
  'engine.accepts': ['bamboo-engine 接受这个流程', 'bamboo-engine accepts it'],
  'engine.refuses': [(p) => `bamboo-engine 拒绝这个流程（${p.code}）`, (p) => `bamboo-engine refuses it (${p.code})`],
  'format.title': ['流程树的格式', 'the format the tree is written in'],
  'format.web': ['画布格式', 'web format'],
  'format.engine': ['引擎格式', 'bamboo-engine format'],
  'format.fragment': ['片段', 'fragment'],
  'fix.repairDrawing': ['修复：修复画布数据', 'Fix: repair the drawing'],
  'fix.other': [(p) => `修复：${p.op}`, (p) => `Fix: ${p.op}`],
  // ---- payload panel
  'pay.source': ['请求体由内核生成并检查。', 'Bodies built and checked by the core.'],
  'pay.request': ['请求参数', 'Request'],
  'pay.access': ['curl 示例的网关与凭证', 'Gateway and credentials of the curl examples'],
  'pay.bkflow_host': ['BKFlow 网关域名', 'BKFlow gateway host'],
  'pay.sops_host': ['标准运维网关域名', 'SOPS gateway host'],
  'pay.bk_app_code': ['应用 ID（bk_app_code）', 'App id (bk_app_code)'],
  'pay.bk_username': ['用户名（bk_username）', 'User name (bk_username)'],
  'pay.secret': ['这些值只保存在本浏览器中。应用密钥不在此填写：复制后在终端里替换 {bk_app_secret}。', 'These values are kept in this browser only. The app secret is not asked for here: replace {bk_app_secret} in your terminal after copying.'],
  'pay.creator': ['创建者', 'Creator'],
  'pay.name': ['任务名称', 'Task name'],
  'pay.template_id': ['模板 ID（模拟任务、定时任务）', 'Template id (mock, clocked)'],
  'pay.bk_biz_id': ['业务 ID（定时任务）', 'Business id (clocked)'],
  'pay.plan_start_time': ['计划启动时间（定时任务）', 'Plan start time (clocked)'],
  'pay.scope': ['范围（定时任务）', 'Scope (clocked)'],
  'pay.mock': ['要模拟的节点', 'Nodes to mock'],
  'pay.filter': ['按名称、ID 或插件筛选', 'filter by name, id or plugin'],
  'pay.mockSelected': ['模拟选中的节点', 'Mock the selected nodes'],
  'pay.build': ['生成', 'Build'],
  'pay.copy': ['复制', 'Copy'],
  'pay.copied': ['已复制', 'Copied'],
  'pay.copyFailed': ['复制失败', 'Copy failed'],
  'pay.api.mock': ['创建模拟任务', 'Create mock task'],
  'pay.api.create': ['创建任务', 'Create task'],
  'pay.api.clocked': ['创建定时任务', 'Create clocked task'],
  'pay.mockBox': [(p) => `模拟 ${p.name}`, (p) => `mock ${p.name}`],
  'pay.outputs': [(p) => `${p.name} 的输出`, (p) => `outputs of ${p.name}`],
  'pay.unnamed': ['（未命名）', '(unnamed)'],
  'pay.hidden': [(p) => `还有 ${p.n} 个：请筛选查找`, (p) => `${p.n} more: filter to find them`],
  'pay.notasks': ['没有标准插件节点', 'No task nodes'],
  'pay.notjson': [(p) => `${p.what}不是 JSON：${p.error}`, (p) => `${p.what} is not JSON: ${p.error}`],
  'pay.outputsWhat': [(p) => `${p.name} 的输出`, (p) => `The outputs of ${p.name}`],
  'pay.space_id': ['空间 ID（BKFlow）', 'Space id (BKFlow)'],
  'pay.required': ['必填', 'required'],
  'pay.name.ph': ['例如 发布 v1.2', 'e.g. release v1.2'],
  'pay.plan.ph': ['例如 2030-05-16 20:26:40+0800', 'e.g. 2030-05-16 20:26:40+0800'],
  'pay.vars': ['全局变量（创建任务时填写）', 'Variables (filled in when a task is created)'],
  'pay.novars': ['这个流程没有需要在创建任务时填写的变量。', 'This template has no variables to fill in when a task is created.'],
  'pay.morevars': [(p) => `还有 ${p.n} 个变量：请在 JSON 中修改`, (p) => `${p.n} more variables: edit them in the JSON`],
  'pay.remote': ['选项来自接口地址：填写值，多个值用逗号分隔', 'The options come from a URL: type the value (several separated by commas)'],
  'pay.notint': [(p) => `${p.key} 应为整数`, (p) => `${p.key} must be a whole number`],
  'pay.copyCurl': ['复制 curl', 'Copy curl'],
  'pay.missing': [(p) => `缺少必填项：${p.fields.join('、')}`, (p) => `missing: ${p.fields.join(', ')}`],
  'pay.notBuilt': ['未生成', 'not built'],
  'pay.ready': ['可以发送', 'ready to send'],
  'pay.dontSend': ['不要发送', 'do not send'],
  'pay.more': [(p) => `还有 ${p.n} 项`, (p) => `${p.n} more`],
  'pay.cut': [(p) => `… 还有 ${p.n} 个字符（“复制”会复制完整的请求体）`, (p) => `… ${p.n} more characters (Copy copies the whole body)`],
};

let current = initial();

function initial() {
  const fromUrl = typeof location !== 'undefined' ? new URLSearchParams(location.search).get('lang') : null;
  if (fromUrl === 'zh' || fromUrl === 'en') return fromUrl;
  try {
    const saved = localStorage.getItem(KEY);
    if (saved === 'zh' || saved === 'en') return saved;
  } catch { /* storage disabled */ }
  const langs = typeof navigator !== 'undefined' ? [...(navigator.languages ?? []), navigator.language] : [];
  return langs.find((l) => typeof l === 'string' && l)?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** The page's language: "zh" or "en". */
export const lang = () => current;

/** The text of an entry in the page's language; `p` fills its blanks. */
export function t(key, p = {}) {
  const pair = TEXTS[key];
  if (!pair) throw new Error(`no text ${key}`);
  const text = pair[current === 'zh' ? 0 : 1];
  return typeof text === 'function' ? text(p) : text;
}

/** SOPS's name of a canvas node type ("tasknode" → 标准插件节点 / Task). */
/** A text of the page said again in the page's language now: `text` is an entry's Chinese or
 *  English (with no blanks) whose key starts with one of `prefixes` (the first such entry);
 *  any other text is given back. */
export function again(text, ...prefixes) {
  if (!prefixes.length) prefixes = ['doing.'];
  for (const [key, pair] of Object.entries(TEXTS)) {
    if (prefixes.some((p) => key.startsWith(p)) && pair.includes(text) && typeof pair[0] === 'string') return t(key);
  }
  return text;
}

export function typeLabel(type) {
  return TEXTS[`type.${type}`] ? t(`type.${type}`) : t('type.node');
}

/** A message of the core in the page's language (its `message_zh` or `message`). */
export function msg(m) {
  if (!m) return '';
  if (current === 'zh' && typeof m.message_zh === 'string' && m.message_zh) return m.message_zh;
  return String(m.message ?? m);
}

/** Sets the texts of `root`'s elements that name an entry (see the file's head). */
export function applyTexts(root = document) {
  for (const e of root.querySelectorAll('[data-i18n]')) e.textContent = t(/** @type {HTMLElement} */ (e).dataset.i18n ?? '');
  for (const [attr, name] of [['data-i18n-title', 'title'], ['data-i18n-placeholder', 'placeholder'], ['data-i18n-label', 'aria-label']]) {
    for (const e of root.querySelectorAll(`[${attr}]`)) e.setAttribute(name, t(e.getAttribute(attr) ?? ''));
  }
}

/** Switches the page's language, saves the choice and tells the page. */
export function setLang(next) {
  if (next !== 'zh' && next !== 'en') return;
  current = next;
  try { localStorage.setItem(KEY, next); } catch { /* storage disabled: the choice lasts this visit */ }
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  document.title = t('page.title');
  applyTexts();
  window.dispatchEvent(new CustomEvent('langchange', { detail: { lang: next } }));
}

/** Sets the document's language and static texts on load. */
export function startTexts() {
  document.documentElement.lang = current === 'zh' ? 'zh-CN' : 'en';
  document.title = t('page.title');
  applyTexts();
}
