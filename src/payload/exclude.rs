//! Node exclusion as SOPS and BKFlow do it when a task runs only some of a template's optional
//! nodes (`PipelineTemplateWebPreviewer.preview_pipeline_tree_exclude_task_nodes`,
//! editor-spec §8), step for step:
//!
//! 1. each excluded activity is spliced out, in the order given: the flows into it now end at
//!    the node after it (their ids are kept, so branch conditions stay valid), its outgoing
//!    flow, line and location are removed, the next node's `incoming` loses that flow and gets
//!    the reused ones at its end; line arrows are not changed;
//! 2. parallel blocks whose branches became direct gateway-to-converge flows lose those flows,
//!    and a block left with no branch is removed with its converge, the flows into it ending at
//!    the node after the converge (in the order of bamboo-engine's `validate_gateways` result,
//!    repeated until no gateway goes); exclusive and conditional parallel blocks keep their
//!    empty branches;
//! 3. `line` and `location` are written back (deduplicated by id, as the server's dicts do);
//! 4. variables no remaining node, condition or kept variable refers to are dropped (component
//!    outputs are kept), `outputs` is filtered, indexes renumbered from 0 and excluded nodes
//!    removed from `source_info`.
//!
//! Where the server fails (an id that is not an activity, a node that is not optional, a flow
//! missing...), the failure is an error diagnostic and that step is skipped, so the tree stays
//! usable as a preview; where the server only logs (stale drawing data), a warning.
//! Sets the server builds with Python's `set` (nodes not appointed, variables kept) have no
//! order there; here they follow the tree's order.

use super::{diag, At};
use crate::diagnostic::Diagnostic;
use crate::engine;
use crate::json::{Object, Path, Value};
use crate::model::Tree;
use crate::shape::{req, Shape, Ty, BOOL, STRS, TREE};

/// The JSON form of an [`Exclusion`].
pub const EXCLUSION: Shape = Shape::new(
    "Exclusion",
    "What node exclusion gives.",
    &[
        req("valid", BOOL, ""),
        req("tree", TREE, ""),
        req("excluded", STRS, ""),
        req("constants_not_referred", STRS, ""),
        req(
            "diagnostics",
            Ty::Arr(&Ty::Ref("Diagnostic")),
            "EXCL diagnostics: errors where the server's exclusion fails.",
        ),
    ],
);

/// The result of [`exclude`].
#[derive(Clone, Debug, PartialEq)]
pub struct Exclusion {
    /// The pruned tree.
    pub tree: Tree,
    /// EXCL diagnostics: errors where the server's exclusion fails.
    pub diagnostics: Vec<Diagnostic>,
    /// The activities removed, in order.
    pub excluded: Vec<String>,
    /// Variables dropped because nothing refers to them any more (`constants_not_referred`).
    pub constants_not_referred: Vec<String>,
}

impl Exclusion {
    pub fn valid(&self) -> bool {
        crate::diagnostic::none_is_error(&self.diagnostics)
    }

    /// `{valid, tree, excluded, constants_not_referred, diagnostics}`.
    pub fn to_json(&self) -> Value {
        let mut o = Object::new();
        o.insert("valid", Value::from(self.valid()));
        o.insert("tree", Value::Object(self.tree.root().clone()));
        o.insert("excluded", super::strings(&self.excluded));
        o.insert(
            "constants_not_referred",
            super::strings(&self.constants_not_referred),
        );
        o.insert(
            "diagnostics",
            Value::Array(self.diagnostics.iter().map(Diagnostic::to_json).collect()),
        );
        Value::Object(o)
    }
}

/// The activities a task that runs only `keep` leaves out: every activity not in `keep`,
/// except those that are not optional (they always run), in the tree's order
/// (`get_template_exclude_task_nodes_with_appoint_nodes`; with the union of execution schemes'
/// nodes, `get_template_exclude_task_nodes_with_schemes`).
pub fn exclude_except(tree: &Tree, keep: &[String]) -> Vec<String> {
    tree.activities()
        .filter(|a| a.optional() == Some(true) && !keep.iter().any(|k| k == a.key()))
        .map(|a| a.key().to_owned())
        .collect()
}

/// Removes the activities `ids` from a copy of `tree` as the server does (see the module doc).
pub fn exclude(tree: &Tree, ids: &[String]) -> Exclusion {
    let mut p = Prune::new(tree);
    let mut excluded: Vec<String> = Vec::new();
    for id in ids {
        if let Err(d) = p.exclude_one(id, &excluded) {
            p.out.push(*d);
        } else {
            excluded.push(id.clone());
        }
    }
    p.remove_useless_parallel();
    p.write_drawing();
    let dropped = match p.remove_useless_constants(&excluded) {
        Ok(d) => d,
        Err(c) => {
            p.out.push(c.diagnostic(Path::root().key("constants")));
            Vec::new()
        }
    };
    p.compact();
    let Prune { root, mut out, .. } = p;
    if !excluded.is_empty() && straight_to_end(&root) && !straight_to_end(tree.root()) {
        out.push(
            diag(
                "EXCL006",
                "every node between the start and the end event is excluded: the start event now leads straight to the end event, which bamboo-engine refuses".to_owned(),
                "所有节点都被剔除，开始节点直接连接结束节点，无法创建任务".to_owned(),
            )
            .at(Path::root().key("start_event")),
        );
    }
    // Every step writes strings, lists of strings and integers where the model types a field,
    // so the fields keep the types `Tree::from_value` checked (the property test re-reads).
    let tree = Tree::from_object_unchecked(root);
    Exclusion {
        tree,
        diagnostics: out,
        excluded,
        constants_not_referred: dropped,
    }
}

/// Where and why the server's exclusion fails (a KeyError, ValueError, TypeError...).
struct Crash {
    message: String,
    message_zh: String,
}

fn crash(message: String, message_zh: String) -> Crash {
    Crash {
        message,
        message_zh,
    }
}

impl Crash {
    fn diagnostic(self, path: Path) -> Diagnostic {
        diag(
            "EXCL003",
            format!("the server's node exclusion fails: {}", self.message),
            format!("服务端剔除节点失败：{}", self.message_zh),
        )
        .at(path)
    }
}

/// A parallel gateway's branches and its converge gateway's `incoming` (`None` when it is not
/// a list).
struct Block {
    outgoing: Vec<String>,
    converge_incoming: Option<Vec<String>>,
}

fn not_a_list(cid: &str) -> Crash {
    crash(
        format!("the incoming of converge gateway {cid} is not a list"),
        format!("汇聚网关 {cid} 的 incoming 不是列表"),
    )
}

/// `{item["id"]: item for item in tree.get(key, [])}`: positions kept, a removed item leaves
/// a hole (so removing is O(1)); a repeated id keeps its first place and its last value.
#[derive(Default)]
struct Drawn(crate::map::HashMap<String, Option<Value>>);

impl Drawn {
    /// Takes the items of `root[key]` (written back by [`Prune::write_drawing`]).
    fn take(root: &mut Object, key: &str) -> Drawn {
        let mut map = Drawn::default();
        let items = match root.get_mut(key) {
            Some(Value::Array(items)) => std::mem::take(items),
            _ => Vec::new(),
        };
        for (i, item) in items.into_iter().enumerate() {
            let id = item
                .get("id")
                .and_then(Value::as_str)
                .map_or_else(|| format!("\u{0}{i}"), str::to_owned);
            map.0.insert(id, Some(item));
        }
        map
    }

    fn get(&self, id: &str) -> Option<&Value> {
        self.0.get(id).and_then(Option::as_ref)
    }

    fn get_mut(&mut self, id: &str) -> Option<&mut Value> {
        self.0.get_mut(id).and_then(Option::as_mut)
    }

    fn contains(&self, id: &str) -> bool {
        self.get(id).is_some()
    }

    fn remove(&mut self, id: &str) -> Option<Value> {
        self.0.get_mut(id).and_then(Option::take)
    }

    fn into_values(self) -> Vec<Value> {
        self.0.into_values().flatten().collect()
    }
}

/// A node the next step reaches: `activities.get(t) or gateways.get(t) or end_event`.
#[derive(Clone, Debug)]
enum Next {
    Activity(String),
    Gateway(String),
    End,
}

/// The sections nodes and flows are removed from. Removal marks the key (O(1)); lookups skip
/// marked keys; [`Prune::compact`] removes them for good, keeping the others' order.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Sec {
    Activities,
    Gateways,
    Flows,
}

impl Sec {
    fn key(self) -> &'static str {
        match self {
            Sec::Activities => "activities",
            Sec::Gateways => "gateways",
            Sec::Flows => "flows",
        }
    }
}

struct Prune {
    root: Object,
    lines: Drawn,
    locations: Drawn,
    /// Keys removed from activities, gateways and flows (by `Sec as usize`).
    gone: [crate::map::HashSet<String>; 3],
    out: Vec<Diagnostic>,
}

fn section<'a>(root: &'a Object, key: &str) -> Option<&'a Object> {
    root.get(key).and_then(Value::as_object)
}

fn section_mut<'a>(root: &'a mut Object, key: &str) -> Option<&'a mut Object> {
    root.get_mut(key).and_then(Value::as_object_mut)
}

/// `x if isinstance(x, list) else [x]`, for flow ids: every item must be a string.
fn listify(v: Option<&Value>, (what, what_zh): (&str, &str)) -> Result<Vec<String>, Crash> {
    match v {
        None => Err(crash(
            format!("{what} is missing"),
            format!("{what_zh} 不存在"),
        )),
        Some(Value::Array(items)) => items
            .iter()
            .map(|i| {
                i.as_str().map(str::to_owned).ok_or_else(|| {
                    crash(
                        format!("{what} lists a flow id that is not a string"),
                        format!("{what_zh} 列出的连线 id 不是字符串"),
                    )
                })
            })
            .collect(),
        Some(Value::String(s)) => Ok(vec![s.clone()]),
        Some(_) => Err(crash(
            format!("{what} is not a flow id"),
            format!("{what_zh} 不是连线 id"),
        )),
    }
}

impl Prune {
    fn new(tree: &Tree) -> Prune {
        let mut root = tree.root().clone();
        Prune {
            lines: Drawn::take(&mut root, "line"),
            locations: Drawn::take(&mut root, "location"),
            root,
            gone: Default::default(),
            out: Vec::new(),
        }
    }

    fn get(&self, sec: Sec, key: &str) -> Option<&Value> {
        let v = section(&self.root, sec.key())?.get(key)?;
        (!self.gone[sec as usize].contains(key)).then_some(v)
    }

    fn get_mut(&mut self, sec: Sec, key: &str) -> Option<&mut Value> {
        if self.gone[sec as usize].contains(key) {
            return None;
        }
        section_mut(&mut self.root, sec.key())?.get_mut(key)
    }

    fn remove(&mut self, sec: Sec, key: &str) {
        self.gone[sec as usize].insert(key.to_owned());
    }

    fn len(&self, sec: Sec) -> usize {
        let all = section(&self.root, sec.key()).map_or(0, Object::len);
        all - self.gone[sec as usize]
            .iter()
            .filter(|k| section(&self.root, sec.key()).is_some_and(|s| s.contains_key(k)))
            .count()
    }

    /// Python's truth value of a stored node (an empty object is false).
    fn present(&self, sec: Sec, key: &str) -> bool {
        self.get(sec, key)
            .is_some_and(|v| !matches!(v, Value::Object(o) if o.is_empty()) && !v.is_null())
    }

    /// Removes the marked keys from their sections.
    fn compact(&mut self) {
        for sec in [Sec::Activities, Sec::Gateways, Sec::Flows] {
            let gone = std::mem::take(&mut self.gone[sec as usize]);
            if gone.is_empty() {
                continue;
            }
            if let Some(obj) = section_mut(&mut self.root, sec.key()) {
                obj.retain(|k, _| !gone.contains(k));
            }
        }
    }

    fn flow_target(&self, f: &str) -> Result<String, Crash> {
        let flow = self.get(Sec::Flows, f).ok_or_else(|| {
            crash(
                format!("flow {f} does not exist"),
                format!("连线 {f} 不存在"),
            )
        })?;
        flow.get("target")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| {
                crash(
                    format!("flow {f} has no target"),
                    format!("连线 {f} 没有 target"),
                )
            })
    }

    fn next_of(&self, t: &str) -> Next {
        if self.present(Sec::Activities, t) {
            Next::Activity(t.to_owned())
        } else if self.present(Sec::Gateways, t) {
            Next::Gateway(t.to_owned())
        } else {
            Next::End
        }
    }

    fn node(&self, n: &Next) -> Option<&Object> {
        match n {
            Next::Activity(k) => self.get(Sec::Activities, k)?.as_object(),
            Next::Gateway(k) => self.get(Sec::Gateways, k)?.as_object(),
            Next::End => section(&self.root, "end_event"),
        }
    }

    fn node_mut(&mut self, n: &Next) -> Option<&mut Object> {
        match n {
            Next::Activity(k) => self.get_mut(Sec::Activities, k)?.as_object_mut(),
            Next::Gateway(k) => self.get_mut(Sec::Gateways, k)?.as_object_mut(),
            Next::End => section_mut(&mut self.root, "end_event"),
        }
    }

    /// Checks that `_replace_node_incoming(next, replaced, ...)` will not fail.
    fn check_incoming(&self, next: &Next, replaced: &str) -> Result<(), Crash> {
        let node = self.node(next).ok_or_else(|| {
            crash(
                "the end event is missing".to_owned(),
                "结束节点不存在".to_owned(),
            )
        })?;
        match node.get("incoming") {
            None => Err(crash(
                format!("node {} has no incoming", node_name(node)),
                format!("节点 {} 没有 incoming", node_name(node)),
            )),
            Some(Value::Array(items)) if !items.iter().any(|i| i.as_str() == Some(replaced)) => {
                Err(crash(
                    format!(
                        "flow {replaced} is not in the incoming of node {}",
                        node_name(node)
                    ),
                    format!(
                        "连线 {replaced} 不在节点 {} 的 incoming 中",
                        node_name(node)
                    ),
                ))
            }
            Some(_) => Ok(()),
        }
    }

    /// `_replace_node_incoming`: a list loses `replaced` and gets `new` at its end; anything
    /// else becomes `new[0]` (one flow) or the list `new`.
    fn replace_incoming(&mut self, next: &Next, replaced: &str, new: &[String]) {
        let Some(node) = self.node_mut(next) else {
            return;
        };
        let value = match node.get_mut("incoming") {
            Some(Value::Array(items)) => {
                if let Some(i) = items.iter().position(|x| x.as_str() == Some(replaced)) {
                    items.remove(i);
                }
                items.extend(new.iter().map(|s| Value::from(s.as_str())));
                return;
            }
            _ if new.len() == 1 => Value::from(new[0].as_str()),
            _ => super::strings(new),
        };
        node.insert("incoming", value);
    }

    fn set_flow_target(&mut self, f: &str, target: &str) {
        if let Some(flow) = self.get_mut(Sec::Flows, f).and_then(Value::as_object_mut) {
            flow.insert("target", Value::from(target));
        }
    }

    /// `lines[f]["target"]["id"] = target`; false where the server's lookup fails.
    fn retarget_line(&mut self, f: &str, target: &str) -> bool {
        match self
            .lines
            .get_mut(f)
            .and_then(|l| l.as_object_mut())
            .and_then(|l| l.get_mut("target"))
            .and_then(Value::as_object_mut)
        {
            Some(t) => {
                t.insert("id", Value::from(target));
                true
            }
            None => false,
        }
    }

    fn line_target_ok(&self, f: &str) -> bool {
        self.lines
            .get(f)
            .and_then(|l| l.get("target"))
            .and_then(Value::as_object)
            .is_some()
    }

    /// Excludes one activity (`_ignore_act`), or says why the server fails on it.
    fn exclude_one(&mut self, id: &str, done: &[String]) -> Result<(), Box<Diagnostic>> {
        let path = Path::root().key("activities").key(id);
        let act = self.excludable(id, done, &path)?;
        let fail = |c: Crash| Box::new(c.diagnostic(path.clone()).node(id));
        // Everything the splice reads is checked first, so a failure changes nothing.
        let ins = listify(
            act.get("incoming"),
            (
                &format!("the incoming of {id}"),
                &format!("{id} 的 incoming"),
            ),
        )
        .map_err(fail)?;
        let out = match act.get("outgoing") {
            Some(Value::String(s)) => s.clone(),
            _ => {
                return Err(fail(crash(
                    format!("the outgoing of {id} is not one flow id"),
                    format!("{id} 的 outgoing 不是单个连线 id"),
                )))
            }
        };
        let act_id = act.get("id").and_then(Value::as_str).map(str::to_owned);
        let t = self.flow_target(&out).map_err(fail)?;
        for f in &ins {
            self.flow_target(f).map_err(fail)?;
        }
        let next_id = self.splice(id, &ins, &out, &t).map_err(fail)?;
        // The drawing part: the server logs its failures and goes on.
        if let Some((why, why_zh)) = self.redraw_splice(id, act_id, &ins, &out, &next_id) {
            self.out.push(
                diag(
                    "EXCL004",
                    format!("excluding {id}: {why}, so the server leaves line and location stale from there on"),
                    format!("剔除节点 {id} 时：{why_zh}，因此服务端从此处起不再更新 line 和 location"),
                )
                .node(id)
                .at(path),
            );
        }
        Ok(())
    }

    /// The activity `id` when the server can exclude it: it exists (`done` tells a repeated
    /// id) and is optional; else the diagnostic at `path`.
    fn excludable(
        &self,
        id: &str,
        done: &[String],
        path: &Path,
    ) -> Result<&Object, Box<Diagnostic>> {
        if section(&self.root, "activities").is_none() {
            return Err(Box::new(
                crash(
                    "the tree has no activities".to_owned(),
                    "流程树没有 activities".to_owned(),
                )
                .diagnostic(path.clone()),
            ));
        }
        let Some(act) = self.get(Sec::Activities, id).and_then(Value::as_object) else {
            let again = done.iter().any(|d| d == id);
            return Err(Box::new(diag(
                "EXCL001",
                if again {
                    format!("node {id} is listed twice: task node[id={id}] is not in template pipeline tree")
                } else {
                    format!("task node[id={id}] is not in template pipeline tree")
                },
                if again {
                    format!("节点 {id} 重复列出：流程中已没有任务节点 {id}")
                } else {
                    format!("流程中没有任务节点 {id}")
                },
            )
            .node(id)
            .at(path.clone())));
        };
        match act.get("optional") {
            None => {
                return Err(Box::new(
                    crash(
                        format!("activity {id} has no optional field"),
                        format!("节点 {id} 没有 optional 字段"),
                    )
                    .diagnostic(path.clone())
                    .node(id),
                ))
            }
            Some(v) if super::fields::falsy(v) => {
                return Err(Box::new(
                    diag(
                        "EXCL002",
                        format!("task node[id={id}] is not optional"),
                        format!("任务节点 {id} 不是可选节点，不能剔除"),
                    )
                    .node(id)
                    .at(path.clone()),
                ))
            }
            Some(_) => {}
        }
        Ok(act)
    }

    /// Splices activity `id` out of the flows: the flows into it (`ins`) end at the node
    /// its outgoing flow `out` reaches (`t`), whose `incoming` takes them in place of `out`.
    /// Returns that node's id; where the server fails, the activity stays.
    fn splice(&mut self, id: &str, ins: &[String], out: &str, t: &str) -> Result<String, Crash> {
        // The server pops the activity before it looks for the next node.
        self.remove(Sec::Activities, id);
        let next = self.next_of(t);
        let next_id = self
            .node(&next)
            .and_then(|n| n.get("id"))
            .and_then(Value::as_str)
            .map(str::to_owned);
        let checked = self.check_incoming(&next, out).and_then(|()| {
            next_id.ok_or_else(|| {
                crash(
                    format!("the node after {id} has no id"),
                    format!("{id} 之后的节点没有 id"),
                )
            })
        });
        let next_id = match checked {
            Ok(n) => n,
            Err(c) => {
                // The server fails; the preview keeps the node.
                self.gone[Sec::Activities as usize].remove(id);
                return Err(c);
            }
        };
        self.replace_incoming(&next, out, ins);
        for f in ins {
            self.set_flow_target(f, &next_id);
        }
        self.remove(Sec::Flows, out);
        Ok(next_id)
    }

    /// The splice in the drawing: the activity's location and the line of `out` go, the
    /// lines of `ins` end at `next_id`. Returns the first lookup that fails, where the server
    /// stops updating the drawing.
    fn redraw_splice(
        &mut self,
        id: &str,
        act_id: Option<String>,
        ins: &[String],
        out: &str,
        next_id: &str,
    ) -> Option<(String, String)> {
        let no_line = |f: &str| {
            (
                format!("flow {f} has no line"),
                format!("连线 {f} 在 line 中没有对应项"),
            )
        };
        match act_id {
            None => Some((
                format!("activity {id} has no id"),
                format!("节点 {id} 没有 id"),
            )),
            Some(a) if self.locations.remove(&a).is_none() => Some((
                format!("node {a} has no location"),
                format!("节点 {a} 在 location 中没有对应项"),
            )),
            Some(_) if self.lines.remove(out).is_none() => Some(no_line(out)),
            Some(_) => ins
                .iter()
                .find(|f| !self.retarget_line(f, next_id))
                .map(|f| no_line(f)),
        }
    }

    /// `_remove_useless_parallel`.
    fn remove_useless_parallel(&mut self) {
        self.compact();
        let converged = match engine::converged(&self.root) {
            Ok(c) => c,
            Err(e) => {
                let (en, zh) = e.describe(None);
                self.out.push(
                    diag(
                        "EXCL005",
                        format!(
                            "validate_gateways fails on the tree with the nodes excluded: {en}"
                        ),
                        format!("排除节点后，网关校验失败：{zh}"),
                    )
                    .at(Path::root().key("gateways")),
                );
                return;
            }
        };
        loop {
            let count = self.len(Sec::Gateways);
            for (cid, gws) in &converged {
                for g in gws {
                    let parallel = self.present(Sec::Gateways, g)
                        && self
                            .get(Sec::Gateways, g)
                            .and_then(|gw| gw.get("type"))
                            .and_then(Value::as_str)
                            == Some("ParallelGateway");
                    if !parallel {
                        continue;
                    }
                    if let Err(c) = self.try_ignore_parallel(g, cid.as_deref()) {
                        self.out
                            .push(c.diagnostic(Path::root().key("gateways").key(g)).node(g));
                        self.compact();
                        return;
                    }
                }
            }
            if count == self.len(Sec::Gateways) {
                break;
            }
        }
        self.compact();
    }

    /// `_try_to_ignore_parallel(parallel, converge_id)`.
    fn try_ignore_parallel(&mut self, p: &str, cid: Option<&str>) -> Result<(), Crash> {
        let cid = cid.ok_or_else(|| {
            crash(
                format!("parallel gateway {p} has no converge gateway"),
                format!("并行网关 {p} 没有汇聚网关"),
            )
        })?;
        let block = self.parallel_block(p, cid)?;
        let mut c_incoming = block.converge_incoming.clone().unwrap_or_default();
        // Direct branches to the converge go; check them all first.
        let (direct, whole) = self.direct_branches(p, cid, &block, &mut c_incoming)?;
        for f in &direct {
            self.remove_from_list(cid, "incoming", f);
            self.remove_from_list(p, "outgoing", f);
            self.remove(Sec::Flows, f);
            self.lines.remove(f);
        }
        if !whole {
            return Ok(());
        }
        if block.converge_incoming.is_none() {
            return Err(not_a_list(cid));
        }
        // The block is empty: the flows into it (and other flows into the converge) go to
        // the node after the converge.
        self.remove_empty_block(p, cid, &c_incoming)
    }

    /// The `outgoing` of parallel gateway `p` and the `incoming` of its converge gateway
    /// `cid`, or why the server fails to read them.
    fn parallel_block(&self, p: &str, cid: &str) -> Result<Block, Crash> {
        let c = self
            .get(Sec::Gateways, cid)
            .and_then(Value::as_object)
            .ok_or_else(|| {
                crash(
                    format!("converge gateway {cid} does not exist"),
                    format!("汇聚网关 {cid} 不存在"),
                )
            })?;
        let pg = self
            .get(Sec::Gateways, p)
            .and_then(Value::as_object)
            .ok_or_else(|| {
                crash(
                    format!("gateway {p} does not exist"),
                    format!("网关 {p} 不存在"),
                )
            })?;
        let outgoing = match pg.get("outgoing") {
            Some(Value::Array(items)) => items
                .iter()
                .map(|i| {
                    i.as_str().map(str::to_owned).ok_or_else(|| {
                        crash(
                            format!("gateway {p} lists a flow id that is not a string"),
                            format!("网关 {p} 列出的连线 id 不是字符串"),
                        )
                    })
                })
                .collect::<Result<Vec<_>, _>>()?,
            _ => {
                return Err(crash(
                    format!("the outgoing of parallel gateway {p} is not a list"),
                    format!("并行网关 {p} 的 outgoing 不是列表"),
                ))
            }
        };
        // `converge.incoming.remove(f)` needs a list; so does walking it when the block goes.
        let converge_incoming = match c.get("incoming") {
            Some(Value::Array(items)) => Some(
                items
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect::<Vec<_>>(),
            ),
            _ => None,
        };
        Ok(Block {
            outgoing,
            converge_incoming,
        })
    }

    /// The branches of `p` that are flows straight to `cid` (taken out of `c_incoming`), and
    /// whether every branch is; fails, changing nothing, where the server would.
    fn direct_branches(
        &self,
        p: &str,
        cid: &str,
        block: &Block,
        c_incoming: &mut Vec<String>,
    ) -> Result<(Vec<String>, bool), Crash> {
        let mut whole = true;
        let mut direct = Vec::new();
        for f in &block.outgoing {
            if direct.contains(f) {
                return Err(crash(
                    format!("flow {f} is listed twice by gateway {p}"),
                    format!("网关 {p} 两次列出了连线 {f}"),
                ));
            }
            if self.flow_target(f)? != cid {
                whole = false;
                continue;
            }
            if block.converge_incoming.is_none() {
                return Err(not_a_list(cid));
            }
            let Some(i) = c_incoming.iter().position(|x| x == f) else {
                return Err(crash(
                    format!("flow {f} is not in the incoming of converge gateway {cid}"),
                    format!("连线 {f} 不在汇聚网关 {cid} 的 incoming 中"),
                ));
            };
            if !self.lines.contains(f) {
                return Err(crash(
                    format!("flow {f} has no line"),
                    format!("连线 {f} 在 line 中没有对应项"),
                ));
            }
            c_incoming.remove(i);
            direct.push(f.clone());
        }
        Ok((direct, whole))
    }

    /// Removes the empty block of `p` and `cid` with the converge's outgoing flow: the flows
    /// into `p`, and those left into the converge (`c_incoming`), end at the node after it.
    fn remove_empty_block(
        &mut self,
        p: &str,
        cid: &str,
        c_incoming: &[String],
    ) -> Result<(), Crash> {
        let (c, pg) = match (
            self.get(Sec::Gateways, cid).and_then(Value::as_object),
            self.get(Sec::Gateways, p).and_then(Value::as_object),
        ) {
            (Some(c), Some(pg)) => (c, pg),
            _ => {
                return Err(crash(
                    format!("gateway {p} or {cid} does not exist"),
                    format!("网关 {p} 或 {cid} 不存在"),
                ))
            }
        };
        let co = match c.get("outgoing") {
            Some(Value::String(s)) => s.clone(),
            _ => {
                return Err(crash(
                    format!("the outgoing of converge gateway {cid} is not one flow id"),
                    format!("汇聚网关 {cid} 的 outgoing 不是单个连线 id"),
                ))
            }
        };
        let p_incoming = listify(
            pg.get("incoming"),
            (&format!("the incoming of {p}"), &format!("{p} 的 incoming")),
        )?;
        let (p_id, c_id) = match (
            pg.get("id").and_then(Value::as_str),
            c.get("id").and_then(Value::as_str),
        ) {
            (Some(a), Some(b)) => (a.to_owned(), b.to_owned()),
            _ => {
                return Err(crash(
                    format!("gateway {p} or {cid} has no id"),
                    format!("网关 {p} 或 {cid} 没有 id"),
                ))
            }
        };
        let t = self.flow_target(&co)?;
        if !self.lines.contains(&co) {
            return Err(crash(
                format!("flow {co} has no line"),
                format!("连线 {co} 在 line 中没有对应项"),
            ));
        }
        let new_in: Vec<String> = c_incoming.iter().chain(&p_incoming).cloned().collect();
        self.block_removable(&co, &new_in, [&p_id, &c_id])?;
        let next = self.next_of(&t);
        self.check_incoming(&next, &co)?;
        self.lines.remove(&co);
        self.remove(Sec::Flows, &co);
        for f in &new_in {
            self.set_flow_target(f, &t);
            self.retarget_line(f, &t);
        }
        self.replace_incoming(&next, &co, &new_in);
        self.remove(Sec::Gateways, &p_id);
        self.remove(Sec::Gateways, &c_id);
        self.locations.remove(&p_id);
        self.locations.remove(&c_id);
        Ok(())
    }

    /// Where the server fails removing an empty block: the flows that go on to the converge's
    /// target (`new_in`) must be distinct from its outgoing `co` and drawn, the two gateways
    /// (`ids`) stored under their ids and placed.
    fn block_removable(&self, co: &str, new_in: &[String], ids: [&String; 2]) -> Result<(), Crash> {
        for f in new_in {
            if f == co {
                return Err(crash(
                    format!("flow {f} is removed and reused at once"),
                    format!("连线 {f} 同时被删除又被复用"),
                ));
            }
            self.flow_target(f)?;
            if !self.line_target_ok(f) {
                return Err(crash(
                    format!("flow {f} has no line"),
                    format!("连线 {f} 在 line 中没有对应项"),
                ));
            }
        }
        for g in ids {
            if self.get(Sec::Gateways, g).is_none() {
                return Err(crash(
                    format!("no gateway is stored under id {g}"),
                    format!("没有以 {g} 为键的网关"),
                ));
            }
            if !self.locations.contains(g) {
                return Err(crash(
                    format!("node {g} has no location"),
                    format!("节点 {g} 在 location 中没有对应项"),
                ));
            }
        }
        Ok(())
    }

    fn remove_from_list(&mut self, gateway: &str, field: &str, item: &str) {
        let list = self
            .get_mut(Sec::Gateways, gateway)
            .and_then(Value::as_object_mut)
            .and_then(|n| n.get_mut(field));
        if let Some(Value::Array(items)) = list {
            if let Some(i) = items.iter().position(|x| x.as_str() == Some(item)) {
                items.remove(i);
            }
        }
    }

    fn write_drawing(&mut self) {
        let lines = std::mem::take(&mut self.lines).into_values();
        let locations = std::mem::take(&mut self.locations).into_values();
        self.root.insert("line", Value::Array(lines));
        self.root.insert("location", Value::Array(locations));
    }

    /// `_remove_useless_constants`: returns the keys dropped.
    fn remove_useless_constants(&mut self, exclude: &[String]) -> Result<Vec<String>, Crash> {
        self.compact();
        let root = &self.root;
        let data = scanned(root)?;
        let constants = section(root, "constants").ok_or_else(|| {
            crash(
                "the tree has no constants".to_owned(),
                "流程树没有 constants".to_owned(),
            )
        })?;
        let referenced = referenced(constants, data)?;
        let outputs = root
            .get("outputs")
            .and_then(Value::as_array)
            .ok_or_else(|| {
                crash(
                    "the tree has no outputs".to_owned(),
                    "流程树没有 outputs".to_owned(),
                )
            })?;
        let outputs: Vec<Value> = outputs
            .iter()
            .filter(|o| o.as_str().is_some_and(|k| referenced.contains(k)))
            .cloned()
            .collect();
        let new_constants = renumbered(constants, &referenced, exclude)?;
        let dropped = constants
            .keys()
            .filter(|k| !new_constants.contains_key(k))
            .map(str::to_owned)
            .collect();
        self.root.insert("outputs", Value::Array(outputs));
        self.root.insert("constants", Value::Object(new_constants));
        Ok(dropped)
    }
}

/// An entry of `_remove_useless_constants`'s `data`: an object whose `value` is scanned (a
/// plugin input, a shown sub-process variable, a kept variable) or, for a branch condition,
/// the expression.
enum Scan<'a> {
    Info(&'a Value),
    Value(&'a Value),
}

/// `data`: "{node}_{key}" -> what is scanned for references, from the activities' inputs and
/// the branch conditions.
fn scanned(root: &Object) -> Result<crate::map::HashMap<String, Scan<'_>>, Crash> {
    let mut data: crate::map::HashMap<String, Scan<'_>> = crate::map::HashMap::default();
    let acts = section(root, "activities").ok_or_else(|| {
        crash(
            "the tree has no activities".to_owned(),
            "流程树没有 activities".to_owned(),
        )
    })?;
    for (id, act) in acts.iter() {
        let ty = act.get("type").and_then(Value::as_str).ok_or_else(|| {
            crash(
                format!("activity {id} has no type"),
                format!("节点 {id} 没有 type"),
            )
        })?;
        if ty == "ServiceActivity" {
            let items = act
                .get("component")
                .and_then(|c| c.get("data"))
                .and_then(Value::as_object)
                .ok_or_else(|| {
                    crash(
                        format!("activity {id} has no component data"),
                        format!("节点 {id} 没有插件数据（component.data）"),
                    )
                })?;
            for (k, v) in items.iter() {
                data.insert(format!("{id}_{k}"), Scan::Info(v));
            }
        } else if let Some(consts) = act.get("constants") {
            let consts = consts.as_object().ok_or_else(|| {
                crash(
                    format!("the constants of sub-process {id} are not an object"),
                    format!("子流程节点 {id} 的 constants 不是对象"),
                )
            })?;
            for (k, v) in consts.iter() {
                let show = v.get("show_type").ok_or_else(|| {
                    crash(
                        format!("constant {k} of sub-process {id} has no show_type"),
                        format!("子流程节点 {id} 的变量 {k} 没有 show_type"),
                    )
                })?;
                if show.as_str() == Some("show") {
                    data.insert(format!("{id}_{k}"), Scan::Info(v));
                }
            }
        }
    }
    if let Some(gws) = section(root, "gateways") {
        for (id, gw) in gws.iter() {
            let ty = gw.get("type").and_then(Value::as_str);
            if !matches!(ty, Some("ExclusiveGateway" | "ConditionalParallelGateway")) {
                continue;
            }
            let conds = gw
                .get("conditions")
                .and_then(Value::as_object)
                .ok_or_else(|| {
                    crash(
                        format!("gateway {id} has no conditions"),
                        format!("网关 {id} 没有 conditions"),
                    )
                })?;
            for (k, c) in conds.iter() {
                let eval = c.get("evaluate").ok_or_else(|| {
                    crash(
                        format!("condition {k} of gateway {id} has no evaluate"),
                        format!("网关 {id} 的条件 {k} 没有 evaluate"),
                    )
                })?;
                data.insert(format!("{id}_{k}"), Scan::Value(eval));
            }
        }
    }
    Ok(data)
}

/// The variables kept: those `data` refers to, to a fixed point (a kept variable's value is
/// scanned in turn), and every component output.
fn referenced<'a>(
    constants: &'a Object,
    data: crate::map::HashMap<String, Scan<'a>>,
) -> Result<crate::map::HashSet<&'a str>, Crash> {
    // References to a fixed point: each entry's references once, newly kept variables too.
    let mut referenced: crate::map::HashSet<&str> = Default::default();
    let mut pending: Vec<(String, Scan<'_>)> = data.into_iter().collect();
    while !pending.is_empty() {
        let mut found: Vec<String> = Vec::new();
        for (k, scan) in &pending {
            let value = match scan {
                Scan::Info(info) => info
                    .get("value")
                    .ok_or_else(|| crash(format!("{k} has no value"), format!("{k} 没有 value")))?,
                Scan::Value(v) => v,
            };
            crate::variables::mako::references(value, &mut |r| found.push(r));
        }
        pending.clear();
        for r in found {
            if let Some((key, c)) = constants.get_key_value(&r) {
                if referenced.insert(key) {
                    pending.push((r, Scan::Info(c)));
                }
            }
        }
    }
    for (k, c) in constants.iter() {
        let st = c.get("source_type").ok_or_else(|| {
            crash(
                format!("variable {k} has no source_type"),
                format!("变量 {k} 没有 source_type"),
            )
        })?;
        if st.as_str() == Some("component_outputs") {
            referenced.insert(k);
        }
    }
    Ok(referenced)
}

/// The kept variables, sorted by `index` and renumbered from 0, the excluded nodes taken out
/// of their `source_info`.
fn renumbered(
    constants: &Object,
    referenced: &crate::map::HashSet<&str>,
    exclude: &[String],
) -> Result<Object, Crash> {
    let kept: Vec<(&str, &Value)> = constants
        .iter()
        .filter(|(k, _)| referenced.contains(k))
        .collect();
    let order = index_order(&kept)?;
    let excluded: crate::map::HashSet<&str> = exclude.iter().map(String::as_str).collect();
    let mut new_constants = Object::with_capacity(kept.len());
    for (i, &at) in order.iter().enumerate() {
        let (k, c) = kept[at];
        let mut c = c.clone();
        if let Some(o) = c.as_object_mut() {
            o.insert("index", Value::from(i as i64));
            if !exclude.is_empty() {
                drop_sources(k, o, &excluded)?;
            }
        }
        new_constants.insert(k, c);
    }
    Ok(new_constants)
}

/// The order of `kept` by `index` (a stable sort from the tree's order), or why the server
/// cannot compare the indexes.
fn index_order(kept: &[(&str, &Value)]) -> Result<Vec<usize>, Crash> {
    let mut keys = Vec::with_capacity(kept.len());
    for (k, c) in kept {
        keys.push(c.get("index").ok_or_else(|| {
            crash(
                format!("variable {k} has no index"),
                format!("变量 {k} 没有 index"),
            )
        })?);
    }
    let numeric = keys
        .iter()
        .all(|i| matches!(i, Value::Number(_) | Value::Bool(_)));
    let textual = keys.iter().all(|i| matches!(i, Value::String(_)));
    if kept.len() > 1 && !numeric && !textual {
        return Err(crash(
            "variable indexes cannot be compared (numbers, text and null mixed)".into(),
            "变量的 index 无法比较（数字、文本和 null 混在一起）".into(),
        ));
    }
    let mut order: Vec<usize> = (0..kept.len()).collect();
    if textual {
        crate::sort::merge_sort_by(&mut order, &|&a, &b| match (keys[a], keys[b]) {
            (Value::String(s), Value::String(t)) => s < t,
            _ => false,
        });
    } else {
        crate::sort::sort_by_key(&mut order, |&a| {
            (crate::sort::f64_key(index_number(keys[a])), 0)
        });
    }
    Ok(order)
}

/// Takes the excluded nodes out of variable `k`'s `source_info`.
fn drop_sources(
    k: &str,
    o: &mut Object,
    excluded: &crate::map::HashSet<&str>,
) -> Result<(), Crash> {
    match o.get_mut("source_info") {
        Some(Value::Object(info)) => {
            let hooked: Vec<String> = info
                .keys()
                .filter(|k| excluded.contains(k))
                .map(str::to_owned)
                .collect();
            for a in hooked {
                info.remove(&a);
            }
        }
        Some(Value::Array(list))
            if !list
                .iter()
                .any(|x| x.as_str().is_some_and(|a| excluded.contains(a))) => {}
        _ => {
            return Err(crash(
                format!("the source_info of variable {k} is not an object"),
                format!("变量 {k} 的 source_info 不是对象"),
            ))
        }
    }
    Ok(())
}

/// Whether the start event's flow ends at the end event.
fn straight_to_end(root: &Object) -> bool {
    let id = |k: &str| {
        section(root, k)
            .and_then(|e| e.get("id"))
            .and_then(Value::as_str)
    };
    let out = section(root, "start_event").and_then(|s| s.get("outgoing"));
    let flow = match out {
        Some(Value::String(f)) => Some(f.as_str()),
        Some(Value::Array(a)) if a.len() == 1 => a[0].as_str(),
        _ => None,
    };
    let target = flow.and_then(|f| section(root, "flows")?.get(f)?.get("target")?.as_str());
    target.is_some() && target == id("end_event")
}

fn index_number(v: &Value) -> f64 {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::Bool(b) => f64::from(u8::from(*b)),
        _ => 0.0,
    }
}

fn node_name(node: &Object) -> String {
    node.get("id")
        .and_then(Value::as_str)
        .unwrap_or("?")
        .to_owned()
}
