//! SUB001-005: what a SubProcess node refers to, checked against a [`Catalogue`] of the
//! templates the server holds (the caller supplies it: SOPS's template list and details). Without
//! a catalogue these rules are silent. SOPS checks them when a template is saved (SUB001,
//! SUB002), when a task is created (SUB003, SUB005) and for common templates (SUB004).
//!
//! The catalogue's reference graph is analysed once when it is read (an iterative depth-first
//! walk: reference cycles, the longest unfolding chain, the templates that refer back to the tree
//! being edited), so each node's check is a few lookups.

use super::registry::*;
use crate::map::HashMap;

use super::ctx::{At, Ctx};
use crate::json::{Object, Value};
use crate::model::{Node, NodeKind};
use crate::shape::{opt, req, Given, Shape, Ty, ID, STR, STRS};

/// SOPS's `TEMPLATE_MAX_RECURSIVE_NUMBER` (default 200): an unfolding this deep fails.
pub const MAX_UNFOLD_DEPTH: usize = 200;

/// Project templates (`template_source` "project" or "business") and common ones are
/// different tables with their own ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    Project,
    Common,
}

impl Source {
    fn of(s: Option<&str>) -> Source {
        if s == Some("common") {
            Source::Common
        } else {
            Source::Project
        }
    }

    fn word(self) -> &'static str {
        match self {
            Source::Project => "project",
            Source::Common => "common",
        }
    }

    fn word_zh(self) -> &'static str {
        match self {
            Source::Project => "项目",
            Source::Common => "公共",
        }
    }
}

/// A template id as SOPS compares it: a string, or a number written as an integer.
fn id_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.as_str().to_owned()),
        _ => None,
    }
}

/// One template of the catalogue.
#[derive(Clone, Debug, PartialEq)]
pub struct Template {
    pub id: String,
    pub source: Source,
    pub name: String,
    /// The latest version (SOPS's md5 of the tree), when known.
    pub version: Option<String>,
    /// Common templates: the projects that may use it (`"*"`: all); `None`: not checked.
    pub project_scope: Option<Vec<String>>,
    /// Its variables' keys, when known.
    pub constants: Option<Vec<String>>,
    /// The templates its SubProcess nodes refer to.
    pub refs: Vec<(Source, String)>,
}

/// The templates a tree's SubProcess nodes may refer to, with what SOPS checks about them.
#[derive(Clone, Debug, PartialEq)]
pub struct Catalogue {
    /// The project the tree is saved in or the task created in (SUB004).
    pub project_id: Option<String>,
    /// The tree's own template, when it is one (a reference back to it is a cycle).
    /// Read-only, as `templates`.
    this: Option<(Source, String)>,
    /// The tree's own project scope, when it is a common template (SUB004).
    pub this_scope: Option<Vec<String>>,
    /// Read-only: the analysis below is derived from it.
    templates: Vec<Template>,
    index: HashMap<(Source, String), usize>,
    /// Per template: the longest unfolding chain from it (itself counted), `None` on a cycle.
    depth: Vec<Option<usize>>,
    /// Per template: the next template on a path to a cycle (itself when on one).
    to_cycle: Vec<Option<usize>>,
    /// Per template: the next template on a path back to the tree's own template.
    to_this: Vec<Option<usize>>,
}

const IDS: Ty = Ty::Arr(&ID);

const THIS: Shape = Shape::inline(&[
    req("id", ID, ""),
    opt("source", Ty::Choice(&["project", "common"]), ""),
    opt("project_scope", IDS, ""),
]);

const SUBPROCESS: Shape =
    Shape::inline(&[req("template_id", ID, ""), opt("template_source", STR, "")]);

const TEMPLATE: Shape = Shape::inline(&[
    req("id", ID, ""),
    opt(
        "source",
        STR,
        "\"project\" (SOPS's \"business\" too) or \"common\".",
    )
    .default("\"project\""),
    opt("name", STR, ""),
    opt(
        "version",
        STR,
        "The latest version (SUB005 says when a node runs an older one).",
    ),
    opt(
        "project_scope",
        IDS,
        "Common templates: the projects that may use it, \"*\" for all (SUB004).",
    ),
    opt("constants", STRS, "Its variables' keys (SUB005)."),
    opt("subprocesses", Ty::Arr(&Ty::Obj(&SUBPROCESS)), ""),
    opt("pipeline_tree", Ty::Object, ""),
]);

/// The JSON form of a [`Catalogue`] (the validation option `templates`).
pub const TEMPLATE_CATALOGUE: Shape = Shape::new(
    "TemplateCatalogue",
    "The server's templates, as far as sub-processes need them (from SOPS's template list and \
     details). A template's `pipeline_tree`, when given, supplies its sub-processes and \
     variables.",
    &[
        opt(
            "project_id",
            ID,
            "The project the tree is saved in or the task created in (SUB004).",
        ),
        opt(
            "this",
            Ty::Obj(&THIS),
            "The tree's own template, when it is one: a reference back to it is a cycle (SUB002).",
        ),
        req("templates", Ty::Arr(&Ty::Obj(&TEMPLATE)), ""),
    ],
);

fn strings(v: Option<&Value>, what: &str) -> Result<Option<Vec<String>>, String> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Array(items)) => items
            .iter()
            .map(|i| id_text(i).ok_or_else(|| format!("{what}: items must be strings or numbers")))
            .collect::<Result<Vec<_>, _>>()
            .map(Some),
        Some(_) => Err(format!("{what} must be a list")),
    }
}

/// `templates[i]` of a catalogue: its id, source, name, version, scope, variables and the
/// templates its sub-processes use (from its `pipeline_tree`, or listed).
fn template(i: usize, t: &Value) -> Result<Template, String> {
    let t = t
        .as_object()
        .ok_or_else(|| format!("templates[{i}] must be an object"))?;
    let t = Given::new(t, &TEMPLATE);
    let id = t
        .get("id")
        .and_then(id_text)
        .ok_or_else(|| format!("templates[{i}].id must be a string or a number"))?;
    let source = Source::of(t.raw("source").and_then(Value::as_str));
    let text = |k: &str| t.raw(k).and_then(id_text);
    let (mut refs, mut constants) = match t.raw("pipeline_tree").and_then(Value::as_object) {
        Some(tree) => {
            let (r, c) = from_tree(tree);
            (r, Some(c))
        }
        None => (Vec::new(), None),
    };
    if let Some(c) = strings(t.raw("constants"), &format!("templates[{i}].constants"))? {
        constants = Some(c);
    }
    if let Some(subs) = t.raw("subprocesses") {
        let subs = subs
            .as_array()
            .ok_or_else(|| format!("templates[{i}].subprocesses must be a list"))?;
        for s in subs {
            let s = s
                .as_object()
                .ok_or_else(|| format!("templates[{i}].subprocesses: items must be objects"))?;
            let s = Given::new(s, &SUBPROCESS);
            let id = s.raw("template_id").and_then(id_text).ok_or_else(|| {
                format!("templates[{i}].subprocesses: template_id must be a string or a number")
            })?;
            refs.push((
                Source::of(s.raw("template_source").and_then(Value::as_str)),
                id,
            ));
        }
    }
    Ok(Template {
        name: text("name").unwrap_or_else(|| id.clone()),
        id,
        source,
        version: text("version"),
        project_scope: strings(
            t.raw("project_scope"),
            &format!("templates[{i}].project_scope"),
        )?,
        constants,
        refs,
    })
}

/// The SubProcess references and variable keys of a template's `pipeline_tree`.
fn from_tree(tree: &Object) -> (Vec<(Source, String)>, Vec<String>) {
    let mut refs = Vec::new();
    for (_, act) in tree
        .get("activities")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|a| a.iter())
    {
        let Some(act) = act.as_object() else { continue };
        if act.get("type").and_then(Value::as_str) != Some("SubProcess") {
            continue;
        }
        if let Some(id) = act.get("template_id").and_then(id_text) {
            let source = Source::of(act.get("template_source").and_then(Value::as_str));
            refs.push((source, id));
        }
    }
    let constants = tree
        .get("constants")
        .and_then(Value::as_object)
        .map_or_else(Vec::new, |c| c.keys().map(str::to_owned).collect());
    (refs, constants)
}

impl Catalogue {
    /// Reads a catalogue:
    /// `{project_id?, this?: {id, source?, project_scope?}, templates: [{id, source?, name?,
    /// version?, project_scope?, constants?: [key] , subprocesses?: [{template_id,
    /// template_source?}], pipeline_tree?}]}`. A template's `pipeline_tree`, when given, supplies
    /// its references and variables.
    pub fn from_json(v: &Value) -> Result<Catalogue, String> {
        let o = v.as_object().ok_or("the catalogue must be an object")?;
        let o = Given::new(o, &TEMPLATE_CATALOGUE);
        let project_id = match o.raw("project_id") {
            None | Some(Value::Null) => None,
            Some(p) => Some(id_text(p).ok_or("project_id must be a string or a number")?),
        };
        let (this, this_scope) = match o.raw("this") {
            None | Some(Value::Null) => (None, None),
            Some(Value::Object(t)) => {
                let t = Given::new(t, &THIS);
                let id = t
                    .raw("id")
                    .and_then(id_text)
                    .ok_or("this.id must be a string or a number")?;
                let source = Source::of(t.raw("source").and_then(Value::as_str));
                (
                    Some((source, id)),
                    strings(t.raw("project_scope"), "this.project_scope")?,
                )
            }
            Some(_) => return Err("this must be an object".into()),
        };
        let list = o
            .raw("templates")
            .and_then(Value::as_array)
            .ok_or("templates must be a list")?;
        let templates = list
            .iter()
            .enumerate()
            .map(|(i, t)| template(i, t))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Catalogue::new(project_id, this, this_scope, templates))
    }

    pub fn new(
        project_id: Option<String>,
        this: Option<(Source, String)>,
        this_scope: Option<Vec<String>>,
        templates: Vec<Template>,
    ) -> Catalogue {
        let mut index = HashMap::with_capacity(templates.len());
        for (i, t) in templates.iter().enumerate() {
            index.entry((t.source, t.id.clone())).or_insert(i);
        }
        let n = templates.len();
        let mut c = Catalogue {
            project_id,
            this,
            this_scope,
            templates,
            index,
            depth: vec![None; n],
            to_cycle: vec![None; n],
            to_this: vec![None; n],
        };
        c.analyse();
        c
    }

    pub fn templates(&self) -> &[Template] {
        &self.templates
    }

    /// The tree's own template, when it is one.
    pub fn this(&self) -> Option<&(Source, String)> {
        self.this.as_ref()
    }

    /// The template a node refers to.
    pub fn get(&self, source: Source, id: &str) -> Option<&Template> {
        self.lookup(source, id).map(|i| &self.templates[i])
    }

    fn lookup(&self, source: Source, id: &str) -> Option<usize> {
        self.index.get(&(source, id.to_owned())).copied()
    }

    fn is_this(&self, i: usize) -> bool {
        let t = &self.templates[i];
        self.this
            .as_ref()
            .is_some_and(|(s, id)| *s == t.source && *id == t.id)
    }

    /// Resolved references of template `i`. The tree's own template has none here: the tree
    /// being checked replaces its stored version.
    fn edges(&self, i: usize) -> Vec<usize> {
        if self.is_this(i) {
            return Vec::new();
        }
        self.templates[i]
            .refs
            .iter()
            .filter_map(|(s, id)| self.lookup(*s, id))
            .collect()
    }

    /// One iterative depth-first walk: longest chains, cycles (and the way to them), and the
    /// way back to the tree's own template.
    fn analyse(&mut self) {
        let n = self.templates.len();
        let edges: Vec<Vec<usize>> = (0..n).map(|i| self.edges(i)).collect();
        // 0 unvisited, 1 on the walk, 2 done
        let mut state = vec![0u8; n];
        for root in 0..n {
            if state[root] != 0 {
                continue;
            }
            let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
            state[root] = 1;
            while let Some(&(v, next)) = stack.last() {
                if let Some(&w) = edges[v].get(next) {
                    if let Some(top) = stack.last_mut() {
                        top.1 += 1;
                    }
                    match state[w] {
                        0 => {
                            state[w] = 1;
                            stack.push((w, 0));
                        }
                        1 => {
                            // a cycle: every template on the walk from w to v is on it
                            let from = stack.iter().position(|&(x, _)| x == w).unwrap_or(0);
                            for k in from..stack.len() {
                                let x = stack[k].0;
                                let after = stack.get(k + 1).map_or(w, |&(y, _)| y);
                                self.to_cycle[x].get_or_insert(after);
                            }
                        }
                        _ => {}
                    }
                    continue;
                }
                stack.pop();
                state[v] = 2;
                let mut depth = Some(1usize);
                for &w in &edges[v] {
                    if self.to_cycle[w].is_some() && self.to_cycle[v].is_none() {
                        self.to_cycle[v] = Some(w);
                    }
                    if self.is_this(w) || self.to_this[w].is_some() {
                        self.to_this[v].get_or_insert(w);
                    }
                    depth = match (depth, self.depth[w]) {
                        (Some(d), Some(dw)) => Some(d.max(dw + 1)),
                        _ => None,
                    };
                }
                if self.to_cycle[v].is_some() {
                    depth = None;
                }
                self.depth[v] = depth;
            }
        }
    }

    /// The names along the references from template `i` back to the tree's own template.
    fn path_to_this(&self, mut i: usize) -> Vec<&str> {
        let mut names = vec![self.templates[i].name.as_str()];
        let mut steps = 0;
        while !self.is_this(i) && steps <= self.templates.len() {
            match self.to_this[i] {
                Some(next) => {
                    i = next;
                    names.push(self.templates[i].name.as_str());
                }
                None => break,
            }
            steps += 1;
        }
        names
    }

    /// The names along the references from template `i` into a cycle and once round it.
    fn path_to_cycle(&self, mut i: usize) -> Vec<&str> {
        let mut names = vec![self.templates[i].name.as_str()];
        let mut seen = vec![false; self.templates.len()];
        seen[i] = true;
        while let Some(next) = self.to_cycle[i] {
            names.push(self.templates[next].name.as_str());
            if seen[next] {
                break;
            }
            seen[next] = true;
            i = next;
        }
        names
    }

    fn this_name(&self) -> String {
        let Some((s, id)) = &self.this else {
            return String::new();
        };
        self.get(*s, id)
            .map_or_else(|| id.clone(), |t| t.name.clone())
    }
}

fn in_scope(scope: &[String], project: &str) -> bool {
    scope.iter().any(|p| p == "*" || p == project)
}

/// SUB001-005 for one SubProcess node.
pub(crate) fn node(cx: &mut Ctx<'_>, n: &Node<'_>) {
    let Some(cat) = cx.options.templates.clone() else {
        return;
    };
    if n.kind() != NodeKind::SubProcess {
        return;
    }
    let obj = n.object();
    let Some(id) = n.template_id().and_then(id_text) else {
        return; // SUB008
    };
    let source = Source::of(obj.get("template_source").and_then(Value::as_str));
    let key = n.key();
    let Some(i) = cat.lookup(source, &id) else {
        cx.emit(
            &SUB001,
            At::node_field(n, "template_id"),
            format!(
                "sub-process {key} uses {} template {id}, which does not exist",
                source.word()
            ),
            format!(
                "子流程节点 {key} 引用的{}流程 {id} 不存在",
                source.word_zh()
            ),
        );
        return;
    };
    let t = &cat.templates[i];
    references(cx, n, &cat, i);
    if source == Source::Common {
        common_scope(cx, n, &cat, t, &id);
    }
    unfold(cx, n, t);
}

/// SUB002, SUB003: the template's references come back to this template or round in a cycle,
/// or unfold too deep.
fn references(cx: &mut Ctx<'_>, n: &Node<'_>, cat: &Catalogue, i: usize) {
    let key = n.key();
    if cat.this.is_some() && (cat.is_this(i) || cat.to_this[i].is_some()) {
        let mut names = vec![cat.this_name()];
        names.extend(cat.path_to_this(i).into_iter().map(str::to_owned));
        let chain = names.join(" → ");
        cx.emit(
            &SUB002,
            At::node_field(n, "template_id"),
            format!("sub-process {key} refers back to this template: {chain}"),
            format!("子流程节点 {key} 又引用回了本流程：{chain}"),
        );
    } else if cat.to_cycle[i].is_some() {
        let chain = cat.path_to_cycle(i).join(" → ");
        cx.emit(
            &SUB002,
            At::node_field(n, "template_id"),
            format!("sub-process {key} uses a template whose sub-processes refer round in a cycle: {chain}"),
            format!("子流程节点 {key} 引用的流程，其子流程之间存在循环引用：{chain}"),
        );
    } else if let Some(d) = cat.depth[i].filter(|d| *d >= MAX_UNFOLD_DEPTH) {
        cx.emit(
            &SUB003,
            At::node_field(n, "template_id"),
            format!(
                "sub-process {key} unfolds through {d} nested templates; SOPS refuses {MAX_UNFOLD_DEPTH} or more"
            ),
            format!(
                "子流程节点 {key} 展开时嵌套了 {d} 层流程；标准运维拒绝 {MAX_UNFOLD_DEPTH} 层及以上"
            ),
        );
    }
}

/// SUB004: a common template's project scope, against the project and this template's scope.
fn common_scope(cx: &mut Ctx<'_>, n: &Node<'_>, cat: &Catalogue, t: &Template, id: &str) {
    if let (Some(project), Some(scope)) = (&cat.project_id, &t.project_scope) {
        if !in_scope(scope, project) {
            cx.emit(
                &SUB004,
                At::node_field(n, "template_id"),
                format!(
                    "project {project} is not in the scope of common template {id} ({})",
                    t.name
                ),
                format!("项目 {project} 不在公共流程 {id}（{}）的使用范围内", t.name),
            );
        }
    }
    if let (Some(mine), Some(scope)) = (&cat.this_scope, &t.project_scope) {
        let outside: Vec<&str> = mine
            .iter()
            .filter(|p| !in_scope(scope, p))
            .map(String::as_str)
            .collect();
        if !outside.is_empty() {
            cx.emit(
                &SUB004,
                At::node_field(n, "template_id"),
                format!(
                    "this template may be used by {} but its sub-process {} ({id}) may not",
                    outside.join(", "),
                    t.name
                ),
                format!(
                    "本流程可被项目 {} 使用，但其子流程 {}（{id}）不可以",
                    outside.join("、"),
                    t.name
                ),
            );
        }
    }
}

/// SUB005: what unfolding the sub-process does with the node's variables and version.
fn unfold(cx: &mut Ctx<'_>, n: &Node<'_>, t: &Template) {
    let obj = n.object();
    let key = n.key();
    let latest = obj.get("always_use_latest").and_then(Value::as_bool) == Some(true);
    let Some(mine) = obj.get("constants").and_then(Value::as_object) else {
        cx.emit(
            &SUB005,
            At::node(n),
            format!("sub-process {key} has no constants object: unfolding it fails"),
            format!("子流程节点 {key} 缺少 constants 对象，展开子流程会失败"),
        );
        return;
    };
    let version = obj.get("version").and_then(Value::as_str);
    if !latest {
        if let (Some(v), Some(now)) = (version, &t.version) {
            if v != now {
                cx.emit(
                    &SUB005,
                    At::node_field(n, "version"),
                    format!(
                        "sub-process {key} runs version {v} of template {} ({}); the latest is {now}",
                        t.id, t.name
                    ),
                    format!(
                        "子流程节点 {key} 运行流程 {}（{}）的版本 {v}，最新版本是 {now}",
                        t.id, t.name
                    ),
                );
                return;
            }
        }
    }
    // With the same version (or always the latest), the node's variables are the template's.
    let Some(theirs) = &t.constants else { return };
    for k in mine.keys() {
        if !theirs.iter().any(|c| c == k) {
            cx.emit(
                &SUB005,
                At::path(super::ctx::node_path(n).key("constants").key(k)).with_node(key),
                format!(
                    "variable {k} of sub-process {key} is not a variable of template {} ({}): it is dropped",
                    t.id, t.name
                ),
                format!(
                    "子流程节点 {key} 的变量 {k} 不是流程 {}（{}）的变量，将被丢弃",
                    t.id, t.name
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cat(text: &str) -> Catalogue {
        let v = crate::json::parse(text, &crate::Limits::default()).expect("json");
        Catalogue::from_json(&v).expect("catalogue")
    }

    #[test]
    fn deep_chains_and_long_cycles_are_walked_without_recursion() {
        let n = 100_000;
        let mut items: Vec<String> = (0..n)
            .map(|i| {
                let next = if i + 1 < n {
                    format!(r#","subprocesses":[{{"template_id":{}}}]"#, i + 1)
                } else {
                    String::new()
                };
                format!(r#"{{"id":{i}{next}}}"#)
            })
            .collect();
        let chain = cat(&format!(r#"{{"templates":[{}]}}"#, items.join(",")));
        assert_eq!(
            chain.depth[chain.lookup(Source::Project, "0").unwrap()],
            Some(n)
        );
        assert_eq!(
            chain.depth[chain.lookup(Source::Project, "99999").unwrap()],
            Some(1)
        );
        // close the chain into one long cycle: every template is on it
        items[n - 1] = format!(r#"{{"id":{},"subprocesses":[{{"template_id":0}}]}}"#, n - 1);
        let ring = cat(&format!(r#"{{"templates":[{}]}}"#, items.join(",")));
        assert!(ring.to_cycle.iter().all(Option::is_some));
        assert!(ring.depth.iter().all(Option::is_none));
        assert_eq!(ring.path_to_cycle(0).len(), n + 1);
    }

    #[test]
    fn sources_keep_their_own_ids_and_the_tree_replaces_its_stored_version() {
        let c = cat(r#"{"this": {"id": 5},
            "templates": [{"id": 5, "subprocesses": [{"template_id": 6}]},
                          {"id": 6, "subprocesses": [{"template_id": 5, "template_source": "common"}]},
                          {"id": 5, "source": "common", "name": "c5"}]}"#);
        let six = c.lookup(Source::Project, "6").unwrap();
        // 6 refers to common 5, not to the tree (project 5): no cycle, no way back
        assert!(c.to_this[six].is_none() && c.to_cycle[six].is_none());
        assert_eq!(c.depth[six], Some(2));
        assert_eq!(c.get(Source::Common, "5").unwrap().name, "c5");
    }

    #[test]
    fn bad_catalogues_are_refused_with_a_reason() {
        for (text, why) in [
            ("[]", "the catalogue must be an object"),
            (r#"{}"#, "templates must be a list"),
            (r#"{"templates": [{"name": "x"}]}"#, "templates[0].id"),
            (r#"{"templates": [], "this": 3}"#, "this must be an object"),
            (
                r#"{"templates": [{"id": 1, "project_scope": "*"}]}"#,
                "project_scope must be a list",
            ),
            (
                r#"{"templates": [{"id": 1, "subprocesses": [{}]}]}"#,
                "template_id",
            ),
        ] {
            let v = crate::json::parse(text, &crate::Limits::default()).expect("json");
            let e = Catalogue::from_json(&v).expect_err(text);
            assert!(e.contains(why), "{text}: {e}");
        }
    }

    #[test]
    fn a_common_template_may_not_reach_further_than_its_sub_processes() {
        // the tree of the rule fixture SUB004: the base tree, its a3 calling common template 21
        let mut v = crate::json::parse(
            include_str!("../../tests/fixtures/rules/trees/base.json"),
            &crate::Limits::default(),
        )
        .expect("base tree");
        let a3 = v
            .as_object_mut()
            .and_then(|o| o.get_mut("activities"))
            .and_then(Value::as_object_mut)
            .and_then(|o| o.get_mut("a3"))
            .and_then(Value::as_object_mut)
            .expect("a3");
        a3.insert("template_id", Value::from("21"));
        a3.insert("template_source", Value::from("common"));
        let tree = crate::Tree::from_value(v).expect("tree");
        let codes = |scope: &str| {
            let o = crate::rules::Options {
                templates: Some(std::sync::Arc::new(cat(&format!(
                    r#"{{"this": {{"id": 1, "source": "common", "project_scope": {scope}}},
                    "templates": [{{"id": "21", "source": "common", "name": "甲",
                                    "project_scope": ["1", "2"]}}]}}"#
                )))),
                ..Default::default()
            };
            crate::rules::validate(&tree, &o)
                .diagnostics
                .into_iter()
                .filter(|d| d.code.starts_with("SUB"))
                .map(|d| d.message_zh)
                .collect::<Vec<_>>()
        };
        assert_eq!(codes(r#"["2", "1"]"#), Vec::<String>::new());
        assert_eq!(
            codes(r#"["1", "3"]"#),
            vec!["本流程可被项目 3 使用，但其子流程 甲（21）不可以"]
        );
        assert_eq!(
            codes(r#"["*"]"#),
            vec!["本流程可被项目 * 使用，但其子流程 甲（21）不可以"]
        );
    }
}
