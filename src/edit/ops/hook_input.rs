//! `hookInput`: a task's plugin input, or a sub-process's parameter, hooked to a variable
//! (SOPS's "转换为变量", variables-spec §2.4, §2.14). Without `key` the variable is named as
//! SOPS names it (`${tag}`, or the child template's key); when that key is taken by a variable
//! SOPS would offer to reuse (same form tag, not an output), it is reused, else the refusal
//! `key-taken` asks for a key. With `key`, an existing variable is reused and a new one is
//! created. A new variable gets the input's value as it is (a falsy value stays, Q8) and is
//! added last, named by the input's label when the plugin catalogue knows it. The input then
//! holds `${key}` (a task's gets `hook: true`), and the variable's `source_info` lists it.
//! Result: `{key, created}`.

use super::super::defaults::{num, obj, s};
use super::super::ids::IdSource;
use super::super::patch::k;
use super::super::tx::{get, Tx};
use super::super::EditError;
use super::shared::known_node;
use super::variables::{braced, input_path, new_key, next_index};
use crate::json::{Object, Path, Value};
use crate::model::{NodeKind, TreeFormat};
use crate::shape::{opt, req, STR};

operation! {
    /// A plugin input or sub-process parameter hooked to a variable (new or existing).
    HookInput = "hookInput" {
        node: String = str("node"),
        input: String = str("input"),
        key: Option<String> = opt_str("key"),
        name: Option<String> = opt_str("name"),
    }
    shape(
        "Hook a task's plugin input (its `component.data` key) or a sub-process's parameter \
         (its child key) to a variable: an existing one, or a new one named as SOPS names it.",
        &[
            req("node", STR, ""),
            req("input", STR, ""),
            opt("key", STR, "The variable (default: `${input}`, as SOPS proposes)."),
            opt("name", STR, "A new variable's name (default: the input's)."),
        ],
    )
}

impl HookInput {
    fn run(&self, tx: &mut Tx<'_>, _: &mut IdSource) -> Result<Object, EditError> {
        let (node, input) = (self.node.as_str(), self.input.as_str());
        let place = hookable(tx, node, input)?;
        let (path, sub) = (&place.path, place.sub);
        let item = get(tx.root(), path.segments())
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let tag = if sub { braced(input) } else { input.to_owned() };
        let proposed = match &self.key {
            Some(k) => braced(k),
            None if sub => tag.clone(),
            None => braced(input),
        };
        let reuse = match tx.tree().constant(&proposed) {
            None => false,
            Some(c) if c.source_type() == Some("component_outputs") => {
                return Err(EditError::new(
                    "key-taken",
                    format!("{proposed} holds a node's output; an input cannot be hooked to it"),
                    format!("{proposed} 接收节点的输出，输入不能勾选为该变量"),
                ))
            }
            Some(c) => {
                let same_form =
                    c.source_tag().and_then(|t| t.split('.').nth(1)) == place.form_tag.as_deref();
                if self.key.is_none() && !same_form {
                    return Err(taken(&proposed));
                }
                true
            }
        };
        let key = if reuse {
            proposed
        } else {
            new_key(tx.tree(), &proposed)?
        };
        if reuse {
            let at = [k("constants"), k(&key)];
            tx.ensure_object(&at, "source_info")?;
            let info = [k("constants"), k(&key), k("source_info")];
            let listed = get(tx.root(), &info)
                .and_then(Value::as_object)
                .and_then(|o| o.get(node))
                .cloned();
            match listed {
                Some(Value::Array(mut tags)) => {
                    if !tags.iter().any(|t| t.as_str() == Some(&tag)) {
                        tags.push(s(&tag));
                        tx.put(&info, node, Value::Array(tags))?;
                    }
                }
                _ => tx.put(&info, node, Value::Array(vec![s(&tag)]))?,
            }
        } else {
            let name = match &self.name {
                Some(n) => super::variables::check_name(n)?,
                None => place.name.clone(),
            };
            let variable = new_variable(&place, &item, &key, &name, &tag, next_index(tx.tree()));
            tx.ensure_object(&[], "constants")?;
            tx.put(&[k("constants")], &key, variable)?;
        }
        if sub {
            tx.put(path.segments(), "value", s(&key))?;
        } else {
            tx.set(path.segments(), "hook", Value::Bool(true))?;
            if !item.contains_key("need_render") {
                tx.put(path.segments(), "need_render", Value::Bool(true))?;
            }
            tx.put(path.segments(), "value", s(&key))?;
        }
        let mut out = Object::new();
        out.insert("key", s(&key));
        out.insert("created", Value::Bool(!reuse));
        Ok(out)
    }
}

/// Where an input is, and what a variable hooked to it is made from.
struct Hookable {
    path: Path,
    sub: bool,
    /// The form tag SOPS matches candidates for reuse by (the second part of `source_tag`).
    form_tag: Option<String>,
    name: String,
    /// `<plugin code>.<tag>` (a task's input), or the child's `source_tag`.
    source_tag: String,
    version: String,
}

/// The input `input` of `node`, when it can be hooked: `unknown-node`, `unknown-input`,
/// `engine-format`, `already-hooked`, and `invalid-op` for an input rendered as it is.
fn hookable(tx: &Tx<'_>, node: &str, input: &str) -> Result<Hookable, EditError> {
    let tree = tx.tree();
    if tree.format() == TreeFormat::Engine {
        return Err(EditError::new(
            "engine-format",
            "hooking inputs to variables is for trees in SOPS's format, with constants and component.data",
            "勾选输入为变量仅适用于标准运维格式的流程树（有 constants 和 component.data）",
        ));
    }
    let n = known_node(tree, node)?;
    if !n.kind().is_activity() {
        return Err(EditError::new(
            "unknown-input",
            format!("{node} is not a task or a sub-process: it has no inputs"),
            format!("{node} 不是标准插件节点或子流程节点，没有输入"),
        ));
    }
    let Some((path, sub)) = input_path(tree, node, input) else {
        return Err(EditError::new(
            "unknown-input",
            format!("{node} has no input {input}"),
            format!("节点 {node} 没有输入 {input}"),
        ));
    };
    let item = get(tree.root(), path.segments()).and_then(Value::as_object);
    let item = item.expect("input_path found an object");
    let hooked_to = item
        .get("value")
        .and_then(Value::as_str)
        .filter(|v| tree.constant(v).is_some());
    let hooked = if sub {
        hooked_to.is_some()
    } else {
        item.get("hook").and_then(Value::as_bool) == Some(true)
    };
    if hooked {
        return Err(EditError::new(
            "already-hooked",
            format!("{node}'s input {input} is already hooked to a variable"),
            format!("节点 {node} 的输入 {input} 已勾选为变量"),
        ));
    }
    if item.get("need_render").and_then(Value::as_bool) == Some(false) {
        return Err(EditError::new(
            "invalid-op",
            format!("{node}'s input {input} is passed without rendering (need_render: false): it cannot hold a variable"),
            format!("节点 {node} 的输入 {input} 不经渲染直接传递（need_render: false），不能引用变量"),
        ));
    }
    let str_of = |o: &Object, f: &str| o.get(f).and_then(Value::as_str).map(str::to_owned);
    if sub {
        let source_tag = str_of(item, "source_tag").unwrap_or_default();
        Ok(Hookable {
            form_tag: source_tag.split('.').nth(1).map(str::to_owned),
            name: str_of(item, "name")
                .unwrap_or_else(|| crate::variables::key_name(input).to_owned()),
            source_tag,
            version: str_of(item, "version").unwrap_or_else(|| "legacy".to_owned()),
            path,
            sub,
        })
    } else {
        let component = n.component();
        let code = component.as_ref().and_then(|c| c.code()).unwrap_or("");
        let version = component
            .as_ref()
            .and_then(|c| c.version())
            .unwrap_or("legacy");
        debug_assert!(n.kind() != NodeKind::SubProcess);
        // the form's label, when the catalogue knows the plugin
        let label = tx
            .plugins()
            .version(code, Some(version))
            .and_then(|v| v.input(input))
            .map(|i| i.name.clone())
            .filter(|n| super::variables::check_name(n).is_ok());
        Ok(Hookable {
            form_tag: Some(input.to_owned()),
            name: label.unwrap_or_else(|| input.to_owned()),
            source_tag: format!("{code}.{input}"),
            version: version.to_owned(),
            path,
            sub,
        })
    }
}

/// The variable SOPS creates for a hooked input (variables-spec §1.2, §2.14).
fn new_variable(
    place: &Hookable,
    item: &Object,
    key: &str,
    name: &str,
    tag: &str,
    index: f64,
) -> Value {
    let mut info = Object::new();
    let node = match place.path.segments().get(1) {
        Some(crate::json::Seg::Key(n)) => n.clone(),
        _ => String::new(),
    };
    info.insert(node, Value::Array(vec![s(tag)]));
    let field = |f: &str, default: Value| item.get(f).cloned().unwrap_or(default);
    let value = item.get("value").cloned().unwrap_or_else(|| s(""));
    let mut entries = vec![
        ("name", s(name)),
        ("key", s(key)),
        (
            "desc",
            if place.sub {
                field("desc", s(""))
            } else {
                s("")
            },
        ),
        (
            "custom_type",
            if place.sub {
                field("custom_type", s(""))
            } else {
                s("")
            },
        ),
        ("source_info", Value::Object(info)),
        ("source_tag", s(&place.source_tag)),
        ("value", value),
        ("show_type", s("show")),
        ("source_type", s("component_inputs")),
        (
            "validation",
            if place.sub {
                field("validation", s(""))
            } else {
                s("")
            },
        ),
        ("index", num(index)),
        ("version", s(&place.version)),
        (
            "form_schema",
            if place.sub {
                field("form_schema", Value::Object(Object::new()))
            } else {
                Value::Object(Object::new())
            },
        ),
        (
            "plugin_code",
            if place.sub {
                field("plugin_code", s(""))
            } else {
                s("")
            },
        ),
    ];
    if place.sub {
        for f in ["is_meta", "meta"] {
            if let Some(v) = item.get(f) {
                entries.push((f, v.clone()));
            }
        }
    }
    obj(entries)
}

/// `key-taken`: the proposed variable exists, for another kind of input.
fn taken(key: &str) -> EditError {
    EditError::new(
        "key-taken",
        format!("a variable {key} already exists: give the key of a new or existing variable"),
        format!("变量 {key} 已存在：请给出新变量或已有变量的 key"),
    )
}
