//! `updateVariable`: sets fields of a global variable. A new `key` renames it in place (it
//! keeps its position in `constants`, Q2 not copied) and rewrites every reference to it: hooked
//! inputs and sub-process parameters, `${...}` references in plugin inputs, branch conditions,
//! sub-process parameters and other variables' values, `outputs`, and other variables'
//! `hide_condition` (SOPS leaves them dangling, Q4). A new `index` moves it in the list as
//! `moveVariable` does. `output` (true or false) lists it in the template's `outputs` or takes it
//! off. Result: `{key}` (the key after the edit).

use super::super::defaults::s;
use super::super::ids::IdSource;
use super::super::patch::k;
use super::super::tx::{get, Tx};
use super::super::EditError;
use super::variables::{check_name, existing_key, move_to, new_key, replace_at};
use crate::json::{Object, Path, Value};
use crate::shape::{req, MAP, STR};
use crate::variables::key_name;
use crate::variables::mako::{self, Pattern};
use crate::variables::refs::{self, UseKind};

operation! {
    /// Sets fields of a global variable; a new key renames it and rewrites its references.
    UpdateVariable = "updateVariable" {
        key: String = str("key"),
        fields: Object = opt_object("fields"),
    }
    shape(
        "Set fields of a variable. A new `key` renames it and rewrites every reference to it; \
         a new `index` moves it in the list; `output` (true or false) lists it in the \
         template's `outputs` or takes it off.",
        &[
            req("key", STR, "The variable (`name` or `${name}`)."),
            req("fields", MAP, ""),
        ],
    )
}

impl UpdateVariable {
    fn run(&self, tx: &mut Tx<'_>, _: &mut IdSource) -> Result<Object, EditError> {
        let mut key = existing_key(tx.tree(), &self.key)?;
        for (field, v) in self.fields.iter() {
            match field {
                "key" => {
                    let Some(raw) = v.as_str() else {
                        return Err(invalid("key must be a string", "key 须为字符串"));
                    };
                    if crate::variables::variable_key(raw).ok().as_deref() != Some(key.as_str()) {
                        let to = new_key(tx.tree(), raw)?;
                        rename(tx, &key, &to)?;
                        key = to;
                    }
                }
                "index" => match v.as_f64() {
                    Some(i) if i >= 0.0 && i.fract() == 0.0 => move_to(tx, &key, i as usize)?,
                    _ => {
                        return Err(invalid(
                            "index must be a whole number from 0",
                            "index 须为从 0 起的整数",
                        ))
                    }
                },
                "name" => {
                    let Some(raw) = v.as_str() else {
                        return Err(invalid("name must be a string", "name 须为字符串"));
                    };
                    let name = check_name(raw)?;
                    tx.set(&[k("constants"), k(&key)], "name", s(&name))?;
                }
                "output" => match v.as_bool() {
                    Some(on) => set_output(tx, &key, on)?,
                    None => {
                        return Err(invalid(
                            "output must be true or false",
                            "output 须为 true 或 false",
                        ))
                    }
                },
                "show_type" if !matches!(v.as_str(), Some("show" | "hide")) => {
                    return Err(invalid(
                        "show_type must be \"show\" or \"hide\"",
                        "show_type 须为 \"show\" 或 \"hide\"",
                    ));
                }
                _ => tx.set(&[k("constants"), k(&key)], field, v.clone())?,
            }
        }
        let mut out = Object::new();
        out.insert("key", s(&key));
        Ok(out)
    }
}

/// Lists variable `key` in the template's `outputs` (at the end) or takes it off.
fn set_output(tx: &mut Tx<'_>, key: &str, on: bool) -> Result<(), EditError> {
    let Some(list) = tx.root().get("outputs") else {
        if on {
            tx.put(&[], "outputs", Value::Array(vec![s(key)]))?;
        }
        return Ok(());
    };
    let Some(items) = list.as_array() else {
        return Err(EditError::malformed(
            ("updateVariable", "updateVariable"),
            &Path::root().key("outputs"),
            ("outputs is not a list", "outputs 不是数组"),
        ));
    };
    let at: Vec<usize> = items
        .iter()
        .enumerate()
        .filter(|(_, x)| x.as_str() == Some(key))
        .map(|(i, _)| i)
        .collect();
    let len = items.len();
    if on && at.is_empty() {
        tx.insert(&[k("outputs")], len, s(key))?;
    } else if !on {
        for i in at.into_iter().rev() {
            tx.remove(&[k("outputs")], i)?;
        }
    }
    Ok(())
}

fn invalid(message: &str, message_zh: &str) -> EditError {
    EditError::new(
        "invalid-op",
        format!("updateVariable: {message}"),
        format!("updateVariable：{message_zh}"),
    )
}

/// Renames variable `from` to `to` (both `${name}`) and rewrites what refers to it.
fn rename(tx: &mut Tx<'_>, from: &str, to: &str) -> Result<(), EditError> {
    let (old, new) = (key_name(from), key_name(to));
    let uses: Vec<refs::Use> = refs::uses(tx.tree())
        .into_iter()
        .filter(|u| u.key == from)
        .collect();
    for u in uses {
        match u.kind {
            UseKind::Input | UseKind::Outputs => replace_at(tx, &u.path, s(to))?,
            UseKind::Text | UseKind::Condition | UseKind::Variable | UseKind::Subprocess => {
                let text = get(tx.root(), u.path.segments()).and_then(Value::as_str);
                if let Some(text) = text.and_then(|t| mako::rename(t, Pattern::Editor, old, new)) {
                    replace_at(tx, &u.path, s(&text))?;
                }
            }
            UseKind::Output => {}
        }
    }
    hide_conditions(tx, from, to)?;
    // the entry keeps its place among the variables
    let at = tx
        .tree()
        .object("constants")
        .and_then(|c| c.index_of(from))
        .ok_or_else(|| EditError::internal(format!("variable {from} vanished")))?;
    let mut entry = tx
        .tree()
        .constant(from)
        .map(|c| c.object().clone())
        .unwrap_or_default();
    if entry.contains_key("key") {
        entry.insert("key", s(to));
    }
    tx.del(&[k("constants")], from)?;
    tx.put_at(&[k("constants")], to, Value::Object(entry), at)
}

/// Other variables' `hide_condition` items naming `from` name `to`.
fn hide_conditions(tx: &mut Tx<'_>, from: &str, to: &str) -> Result<(), EditError> {
    let mut found: Vec<Path> = Vec::new();
    for c in tx.tree().constants() {
        let Some(items) = c.object().get("hide_condition").and_then(Value::as_array) else {
            continue;
        };
        for (i, item) in items.iter().enumerate() {
            let names = item
                .as_object()
                .and_then(|o| o.get("constant_key"))
                .and_then(Value::as_str)
                == Some(from);
            if names {
                found.push(
                    Path::root()
                        .key("constants")
                        .key(c.map_key())
                        .key("hide_condition")
                        .index(i),
                );
            }
        }
    }
    for path in found {
        tx.put(path.segments(), "constant_key", s(to))?;
    }
    Ok(())
}
