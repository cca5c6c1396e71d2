//! The tree as a task service reads it at task creation: variable overrides applied, names
//! cleaned (`standardize_pipeline_node_name`), then validated (our `task` preset, which has
//! the checks of `validate_web_pipeline_tree` and the ones that otherwise fail only when the
//! task is created), plus BKFlow's own requirements.

use super::{diag, At};
use crate::diagnostic::Diagnostic;
use crate::json::{Object, Path, Value};
use crate::model::Tree;
use crate::rules::{self, Options, Preset};

/// Longest node name the servers keep (`TEMPLATE_NODE_NAME_MAX_LENGTH`).
const NAME_MAX: usize = 50;

/// `standardize_name(name, 50)`: `< > $ & ' "` removed, then cut to 50 characters.
pub(crate) fn standardize_name(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '<' | '>' | '$' | '&' | '\'' | '"'))
        .take(NAME_MAX)
        .collect()
}

fn clean(obj: &mut Object, path: Path, node: Option<&str>, out: &mut Vec<Diagnostic>) {
    let Some(v) = obj.get("name") else { return };
    let path = path.key("name");
    let at = |d: Diagnostic| match node {
        Some(n) => d.node(n),
        None => d,
    };
    match v {
        Value::String(s) => {
            let cleaned = standardize_name(s);
            if &cleaned != s {
                out.push(at(diag(
                    "PAY040",
                    format!("name {s:?} becomes {cleaned:?}"),
                    format!("名称 {s:?} 会被清理为 {cleaned:?}"),
                )
                .at(path)));
                obj.insert("name", Value::from(cleaned));
            }
        }
        other => out.push(at(diag(
            "PAY041",
            format!(
                "name is {}, not a string: the server's name cleaning fails",
                other.json_type().name()
            ),
            format!(
                "名称是{}，不是字符串：服务端清理名称时会失败",
                other.json_type().name_zh()
            ),
        )
        .at(path))),
    }
}

/// `standardize_pipeline_node_name`: the names of every object one or two levels under the
/// root (nodes, variables, events...) and of the items of top-level lists (`location`...).
pub(crate) fn standardize(root: &mut Object, out: &mut Vec<Diagnostic>) {
    for (key, value) in root.iter_mut() {
        let path = Path::root().key(key);
        match value {
            Value::Object(o) => {
                let nodes = matches!(key, "activities" | "gateways");
                for (k, info) in o.iter_mut() {
                    if let Value::Object(inner) = info {
                        clean(inner, path.key(k), nodes.then_some(k), out);
                    }
                }
                let event = matches!(key, "start_event" | "end_event")
                    .then(|| o.get("id").and_then(Value::as_str).map(str::to_owned))
                    .flatten();
                clean(o, path, event.as_deref(), out);
            }
            Value::Array(items) => {
                let placed = key == "location";
                for (i, item) in items.iter_mut().enumerate() {
                    if let Value::Object(inner) = item {
                        let id = placed
                            .then(|| inner.get("id").and_then(Value::as_str).map(str::to_owned))
                            .flatten();
                        clean(inner, path.index(i), id.as_deref(), out);
                    }
                }
            }
            _ => {}
        }
    }
}

/// The validator's options for a tree a task is created from: the `task` preset without the
/// checks of SOPS's editor page, which no server runs: the canvas's own save check
/// (FEGW001/FEGW002: a pruned tree legitimately has conditional branches that go straight to
/// their converge gateway, which that heuristic refuses), the editor's schema (SCHEMA015) and
/// what its variable panel refuses (KEY004, NAME002, VAR004, VAR005).
pub fn options() -> Options {
    let mut o = Options {
        preset: Preset::Task,
        ..Options::default()
    };
    for code in [
        "FEGW001",
        "FEGW002",
        "SCHEMA015",
        "KEY004",
        "NAME002",
        "VAR004",
        "VAR005",
    ] {
        o.severities
            .insert(code.to_owned(), crate::diagnostic::Severity::Off);
    }
    o
}

/// Which server reads the tree.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Server {
    /// BKFlow's task service (create task, mock task).
    BkFlow,
    /// SOPS (clocked tasks).
    Sops,
}

/// Checks the tree as the server reads it; returns it with its names cleaned (overrides not
/// applied: they travel in the body's `constants`).
pub(crate) fn check(
    tree: Tree,
    overrides: Option<&Object>,
    server: Server,
    out: &mut Vec<Diagnostic>,
) -> Tree {
    let Value::Object(mut root) = tree.into_value() else {
        unreachable!("a tree is an object")
    };
    standardize(&mut root, out);
    // Only names changed, each to a string: the types the model checked still hold.
    let mut tree = Tree::from_object_unchecked(root);
    // The overrides change variables only: check with them in place, then put the variables back.
    let saved = overrides.filter(|o| !o.is_empty()).and_then(|o| {
        let constants = tree.root_mut().get_mut("constants")?.as_object_mut()?;
        let saved = constants.clone();
        super::constants::apply(constants, o);
        Some(saved)
    });
    out.extend(rules::validate(&tree, &options()).diagnostics);
    if server == Server::BkFlow {
        bkflow(&tree, out);
    }
    if let Some(saved) = saved {
        tree.root_mut().insert("constants", Value::Object(saved));
    }
    tree
}

/// BKFlow's checks the validator does not have: `classify_constants` needs four fields of
/// every variable, component outputs must hook a field, and the sub-process converter walks
/// `location`.
fn bkflow(tree: &Tree, out: &mut Vec<Diagnostic>) {
    for c in tree.constants() {
        let path = Path::root().key("constants").key(c.map_key());
        let missing: Vec<&str> = ["show_type", "custom_type", "source_type", "value"]
            .into_iter()
            .filter(|f| !c.object().contains_key(f))
            .collect();
        if !missing.is_empty() {
            out.push(
                diag(
                    "PAY042",
                    format!(
                        "variable {} has no {}: BKFlow fails to create the task",
                        c.map_key(),
                        missing.join(", ")
                    ),
                    format!(
                        "变量 {} 缺少 {}：BKFlow 创建任务会失败",
                        c.map_key(),
                        missing.join("、")
                    ),
                )
                .at(path.clone()),
            );
        }
        if c.source_type() == Some("component_outputs") {
            let hooked = c.source_info().is_some_and(|info| {
                info.values().any(|v| match v {
                    Value::Array(a) => !a.is_empty(),
                    Value::String(s) => !s.is_empty(),
                    _ => false,
                })
            });
            if !hooked {
                out.push(
                    diag(
                        "PAY043",
                        format!("variable {} is a component output but hooks no output field; BKFlow refuses the tree", c.map_key()),
                        format!("变量 {} 配置无效：该变量类型为组件输出，但未选择有效的输出字段", c.map_key()),
                    )
                    .at(path.key("source_info")),
                );
            }
        }
    }
    if tree
        .root()
        .get("location")
        .and_then(Value::as_array)
        .is_none()
    {
        out.push(
            diag(
                "PAY044",
                "the tree has no location array; BKFlow's task creation walks it and fails"
                    .to_owned(),
                "流程缺少 location 数组，BKFlow 创建任务会失败".to_owned(),
            )
            .at(Path::root().key("location")),
        );
    }
}
