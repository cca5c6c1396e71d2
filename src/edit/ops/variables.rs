//! Template variables hooked to a node (`source_info`), as SOPS lets go of them when the node
//! is removed or its plugin replaced.

use super::super::defaults;
use super::super::patch::k;
use super::super::tx::Tx;
use super::super::EditError;
use crate::json::Value;
use crate::map::HashSet;

/// Variables that name `node` in their `source_info` lose it; a variable left with no source
/// is deleted (SOPS's `deleteVariable`: out of `outputs`, later indexes shifted down).
pub(crate) fn unhook_node(tx: &mut Tx<'_>, node: &str) -> Result<(), EditError> {
    let hooked: Vec<(String, usize)> = tx
        .tree()
        .constants()
        .filter_map(|c| {
            let info = c.source_info()?;
            info.contains_key(node)
                .then(|| (c.map_key().to_owned(), info.len()))
        })
        .collect();
    let mut deleted = Vec::new();
    for (key, sources) in hooked {
        if sources > 1 {
            tx.del(&[k("constants"), k(&key), k("source_info")], node)?;
        } else {
            deleted.push(key);
        }
    }
    delete_variables(tx, &deleted)
}

/// A variable's `index` when written as a number (the string form [`crate::model::Constant::index`]
/// also reads is left alone).
fn numeric_index(c: &crate::model::Constant<'_>) -> Option<f64> {
    c.object().get("index").and_then(Value::as_f64)
}

/// Deletes the variables `keys` names, in order, as SOPS's `deleteVariable` deletes one:
/// out of `outputs`, every numeric `index` above its own one less, then the variable. The
/// indexes are worked out first and written in one step (removing a node may renumber every
/// variable of a big tree, once per variable it hooked).
fn delete_variables(tx: &mut Tx<'_>, keys: &[String]) -> Result<(), EditError> {
    let tree = tx.tree();
    let mut indexes: Vec<(String, f64, f64)> = tree
        .constants()
        .filter_map(|c| Some((c.map_key().to_owned(), numeric_index(&c)?)))
        .map(|(key, i)| (key, i, i))
        .collect();
    let mut gone: Vec<&str> = Vec::new();
    let mut gone_set: HashSet<&str> = HashSet::new();
    for key in keys {
        let tree = tx.tree();
        let Some(c) = tree
            .constant(key)
            .filter(|_| !gone_set.contains(key.as_str()))
        else {
            continue;
        };
        let var_key = c.key().unwrap_or(key);
        let output = tree.outputs().position(|o| o == var_key);
        if let Some(i) = output {
            tx.remove(&[k("outputs")], i)?;
        }
        gone.push(key);
        gone_set.insert(key);
        let own = indexes
            .iter()
            .find(|(k2, ..)| k2 == key)
            .map(|&(_, _, now)| now);
        if let Some(own) = own {
            for (k2, _, now) in indexes.iter_mut() {
                if *now > own && !gone_set.contains(k2.as_str()) {
                    *now -= 1.0;
                }
            }
        }
    }
    let shifted = indexes
        .into_iter()
        .filter(|(key, was, now)| now != was && !gone_set.contains(key.as_str()))
        .map(|(key, _, now)| (key, defaults::num(now)))
        .collect();
    tx.put_fields("constants", "index", shifted)?;
    for key in gone {
        tx.del(&[k("constants")], key)?;
    }
    Ok(())
}

/// The stored key for `raw` (`name` or `${name}`) of an existing variable, or `unknown-variable`.
pub(crate) fn existing_key(tree: &crate::model::Tree, raw: &str) -> Result<String, EditError> {
    let key = braced(raw);
    if tree.constant(&key).is_some() {
        Ok(key)
    } else if tree.constant(raw).is_some() {
        Ok(raw.to_owned())
    } else {
        Err(EditError::new(
            "unknown-variable",
            format!("there is no variable {key}"),
            format!("变量 {key} 不存在"),
        ))
    }
}

pub(crate) use crate::variables::braced;

/// A key for a new variable: well formed (`invalid-key`) and not taken (`key-taken`).
pub(crate) fn new_key(tree: &crate::model::Tree, raw: &str) -> Result<String, EditError> {
    let key = crate::variables::variable_key(raw)
        .map_err(|p| EditError::new("invalid-key", p.message, p.message_zh))?;
    if tree.constant(&key).is_some() {
        return Err(EditError::new(
            "key-taken",
            format!("a variable {key} already exists"),
            format!("变量 {key} 已存在"),
        ));
    }
    Ok(key)
}

/// The `index` a variable added last gets: one past the largest (0 for the first), so that
/// indexes stay `0..n-1` (SOPS's `count + 1` leaves a gap, Q1).
pub(crate) fn next_index(tree: &crate::model::Tree) -> f64 {
    tree.constants()
        .filter_map(|c| numeric_index(&c))
        .fold(-1.0, f64::max)
        + 1.0
}

/// The variables in display order: by `index` (a missing or non-numeric index last), ties in
/// the order of `constants`.
pub(crate) fn display_order(tree: &crate::model::Tree) -> Vec<String> {
    // f64 to u64 keeping the order (negative indexes exist: SOPS's internal variables)
    let ordered = |f: f64| {
        let b = f.to_bits();
        if f.is_sign_negative() {
            !b
        } else {
            b | 1 << 63
        }
    };
    let mut keys: Vec<(u64, u64, String)> = tree
        .constants()
        .enumerate()
        .map(|(i, c)| {
            let index = numeric_index(&c).unwrap_or(f64::INFINITY);
            (ordered(index), i as u64, c.map_key().to_owned())
        })
        .collect();
    crate::sort::sort_by_key(&mut keys, |(a, b, _)| (*a, *b));
    keys.into_iter().map(|(_, _, k)| k).collect()
}

/// Writes `index = position` for the variables of `order` whose index differs.
pub(crate) fn renumber(tx: &mut Tx<'_>, order: &[String]) -> Result<(), EditError> {
    // those with an `index` are renumbered in one step; one without gets it last, alone
    let mut changed = Vec::new();
    for (i, key) in order.iter().enumerate() {
        let want = i as f64;
        let c = tx.tree().constant(key);
        if c.as_ref().and_then(numeric_index) == Some(want) {
            continue;
        }
        if c.is_some_and(|c| c.object().contains_key("index")) {
            changed.push((key.clone(), defaults::num(want)));
        } else {
            tx.put(&[k("constants"), k(key)], "index", defaults::num(want))?;
        }
    }
    tx.put_fields("constants", "index", changed)
}

/// Deletes a variable as SOPS's `deleteVariable` does (out of `outputs`, later indexes
/// shifted down).
pub(crate) fn remove_variable(tx: &mut Tx<'_>, key: &str) -> Result<(), EditError> {
    delete_variables(tx, &[key.to_owned()])
}

/// A variable's display name as SOPS's form takes it (variables-spec §4.1): trimmed, not
/// empty, at most 50 characters, none of `' " ‘ ’ “ ” $ < >` (`invalid-name`).
pub(crate) fn check_name(raw: &str) -> Result<String, EditError> {
    let name = raw.trim();
    let problem = if name.is_empty() {
        Some(("it is empty", "不能为空"))
    } else if name.chars().count() > 50 {
        Some(("it is longer than 50 characters", "长度不能超过 50 个字符"))
    } else if name.contains(['\'', '"', '‘', '’', '“', '”', '$', '<', '>']) {
        Some((
            "it contains one of ' \" ‘ ’ “ ” $ < >",
            "不能包含 ' \" ‘ ’ “ ” $ < > 中的字符",
        ))
    } else {
        None
    };
    match problem {
        Some((p, zh)) => Err(EditError::new(
            "invalid-name",
            format!("variable name {raw:?}: {p}"),
            format!("变量名称 {raw:?} {zh}"),
        )),
        None => Ok(name.to_owned()),
    }
}

/// Replaces the value at `path` (an object's field or a list's item).
pub(crate) fn replace_at(
    tx: &mut Tx<'_>,
    path: &crate::json::Path,
    value: Value,
) -> Result<(), EditError> {
    let segs = path.segments();
    let Some((last, parent)) = segs.split_last() else {
        return Err(EditError::internal("replacing the whole tree".to_owned()));
    };
    match last {
        crate::json::Seg::Key(key) => tx.put(parent, key, value),
        crate::json::Seg::Index(i) => {
            tx.remove(parent, *i)?;
            tx.insert(parent, *i, value)
        }
    }
}

/// Moves variable `key` to position `to` of the display order; indexes become `0..n-1`.
/// The variables stay where they are in `constants` (Q2 not copied).
pub(crate) fn move_to(tx: &mut Tx<'_>, key: &str, to: usize) -> Result<(), EditError> {
    let mut order = display_order(tx.tree());
    order.retain(|k| k != key);
    order.insert(to.min(order.len()), key.to_owned());
    renumber(tx, &order)
}

/// Where node `node`'s input `input` is: a task's `component.data[input]`, or a sub-process's
/// `constants[input]` (`input` braced when bare). `None` when the node or the input is missing.
pub(crate) fn input_path(
    tree: &crate::model::Tree,
    node: &str,
    input: &str,
) -> Option<(crate::json::Path, bool)> {
    let n = tree.activity(node)?;
    if n.kind() == crate::model::NodeKind::SubProcess {
        let child = braced(input);
        let params = n.object().get("constants")?.as_object()?;
        params.get(&child)?.as_object()?;
        return Some((n.path().key("constants").key(&child), true));
    }
    let data = n.component()?.data()?;
    data.get(input)?.as_object()?;
    Some((n.path().key("component").key("data").key(input), false))
}

/// Input `input` of `node`, hooked to variable `key`, gets `value` back and is no longer hooked
/// (`hook: false` on a task's input; a sub-process parameter has no such flag). An input that
/// is gone, or no longer holds `${key}`, is left alone.
pub(crate) fn give_back(
    tx: &mut Tx<'_>,
    key: &str,
    node: &str,
    input: &str,
    value: &Value,
) -> Result<(), EditError> {
    let Some((path, sub)) = input_path(tx.tree(), node, input) else {
        return Ok(());
    };
    let holds = super::super::tx::get(tx.root(), path.segments())
        .and_then(|v| v.as_object())
        .and_then(|o| o.get("value"))
        .and_then(Value::as_str)
        == Some(key);
    if !holds {
        return Ok(());
    }
    tx.put(path.segments(), "value", value.clone())?;
    if !sub {
        tx.set(path.segments(), "hook", Value::Bool(false))?;
    }
    Ok(())
}

/// Variable `key` no longer lists `node`'s `tag` in `source_info` (the node's entry goes with
/// its last tag). A hooked variable (`component_inputs`, `component_outputs`) then left with no
/// source and used nowhere (the `outputs` list aside) is deleted; returns whether it was.
pub(crate) fn release(
    tx: &mut Tx<'_>,
    key: &str,
    node: &str,
    tag: &str,
) -> Result<bool, EditError> {
    let Some(c) = tx.tree().constant(key) else {
        return Ok(false);
    };
    let hooked_kind = matches!(
        c.source_type(),
        Some("component_inputs" | "component_outputs")
    );
    let Some(info) = c.source_info() else {
        return Ok(false);
    };
    let list: Vec<Value> = info
        .get(node)
        .and_then(Value::as_array)
        .map(<[Value]>::to_vec)
        .unwrap_or_default();
    let sources = info.len();
    let rest: Vec<Value> = list
        .iter()
        .filter(|t| t.as_str() != Some(tag))
        .cloned()
        .collect();
    if rest.len() == list.len() {
        return Ok(false);
    }
    let at = [k("constants"), k(key), k("source_info")];
    if rest.is_empty() {
        tx.del(&at, node)?;
    } else {
        tx.put(&at, node, Value::Array(rest.clone()))?;
    }
    let unused = hooked_kind
        && rest.is_empty()
        && sources == 1
        && !crate::variables::refs::uses(tx.tree()).iter().any(|u| {
            u.key == key
                && !matches!(
                    u.kind,
                    crate::variables::refs::UseKind::Outputs
                        | crate::variables::refs::UseKind::Output
                )
        });
    if unused {
        delete_variables(tx, &[key.to_owned()])?;
    }
    Ok(unused)
}

/// The variables whose `source_info` lists `node`'s `tag`, with their source type.
pub(crate) fn listing(tree: &crate::model::Tree, node: &str, tag: &str) -> Vec<(String, bool)> {
    tree.constants()
        .filter(|c| {
            c.source_info()
                .and_then(|o| o.get(node))
                .and_then(Value::as_array)
                .is_some_and(|l| l.iter().any(|t| t.as_str() == Some(tag)))
        })
        .map(|c| {
            (
                c.map_key().to_owned(),
                c.source_type() == Some("component_outputs"),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::super::ids::IdSource;
    use super::super::super::index::DrawIndex;
    use super::*;
    use crate::json::Format;
    use crate::model::Tree;
    use crate::variables::plugins::Plugins;

    /// SOPS's `deleteVariable` for one variable, a step per shifted index: what
    /// [`delete_variables`] must match, one key after another.
    fn delete_one(tx: &mut Tx<'_>, key: &str) -> Result<(), EditError> {
        let tree = tx.tree();
        let Some(c) = tree.constant(key) else {
            return Ok(());
        };
        let var_key = c.key().unwrap_or(key).to_owned();
        let index = numeric_index(&c);
        let output = tree.outputs().position(|o| o == var_key);
        if let Some(i) = output {
            tx.remove(&[k("outputs")], i)?;
        }
        if let Some(index) = index {
            let later: Vec<(String, f64)> = tx
                .tree()
                .constants()
                .filter_map(|c| {
                    let i = numeric_index(&c)?;
                    (i > index).then(|| (c.map_key().to_owned(), i))
                })
                .collect();
            for (k2, i) in later {
                tx.put(&[k("constants"), k(&k2)], "index", defaults::num(i - 1.0))?;
            }
        }
        tx.del(&[k("constants")], key)
    }

    /// Variables with clashing, fractional, string and missing indexes, some in `outputs`.
    fn tree(rng: &mut IdSource, n: usize) -> String {
        let mut constants = Vec::new();
        let mut outputs = Vec::new();
        for v in 0..n {
            let index = match rng.next_u64() % 8 {
                0 => String::new(),
                1 => format!(r#","index":"{}""#, rng.next_u64() % 4),
                2 => format!(r#","index":{}.5"#, rng.next_u64() % 4),
                _ => format!(r#","index":{}"#, rng.next_u64() % (n as u64 / 2 + 1)),
            };
            constants.push(format!(
                r#""${{v{v}}}":{{"key":"${{v{v}}}"{index},"value":""}}"#
            ));
            if rng.next_u64() % 3 == 0 {
                outputs.push(format!(r#""${{v{v}}}""#));
            }
        }
        format!(
            r#"{{"activities":{{}},"constants":{{{}}},"outputs":[{}]}}"#,
            constants.join(","),
            outputs.join(",")
        )
    }

    fn text(tree: &Tree) -> String {
        let mut out = String::new();
        tree.write(&mut out, &Format::compact());
        out
    }

    #[test]
    fn deleting_several_variables_renumbers_as_deleting_them_one_by_one() {
        let mut rng = IdSource::new(7);
        let plugins = Plugins::default();
        for case in 0..300 {
            let n = 1 + (rng.next_u64() % 40) as usize;
            let input = tree(&mut rng, n);
            let keys: Vec<String> = (0..rng.next_u64() % 6)
                .map(|_| format!("${{v{}}}", rng.next_u64() % (n as u64 + 2)))
                .collect();
            let mut one = Tree::parse(&input).expect("a tree");
            let mut all = Tree::parse(&input).expect("a tree");
            let (mut ix1, mut ix2) = (DrawIndex::build(one.root()), DrawIndex::build(all.root()));
            let mut tx = Tx::new(&mut one, &mut ix1, &plugins);
            for key in &keys {
                delete_one(&mut tx, key).expect("fits");
            }
            drop(tx);
            let mut tx = Tx::new(&mut all, &mut ix2, &plugins);
            delete_variables(&mut tx, &keys).expect("fits");
            tx.rollback();
            assert_eq!(text(&all), input, "case {case}: rolled back");
            let mut tx = Tx::new(&mut all, &mut ix2, &plugins);
            delete_variables(&mut tx, &keys).expect("fits");
            drop(tx);
            assert_eq!(
                text(&all),
                text(&one),
                "case {case}: {input} deleting {keys:?}"
            );
        }
    }
}
