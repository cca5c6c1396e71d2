//! Template variables hooked to a node (`source_info`), as SOPS lets go of them when the node
//! is removed or its plugin replaced.

use super::super::defaults;
use super::super::patch::k;
use super::super::tx::Tx;
use super::super::EditError;
use crate::json::Value;

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
    for (key, sources) in hooked {
        if sources > 1 {
            tx.del(&[k("constants"), k(&key), k("source_info")], node)?;
        } else {
            delete_variable(tx, &key)?;
        }
    }
    Ok(())
}

/// A variable's `index` when written as a number (the string form [`crate::model::Constant::index`]
/// also reads is left alone).
fn numeric_index(c: &crate::model::Constant<'_>) -> Option<f64> {
    c.object().get("index").and_then(Value::as_f64)
}

fn delete_variable(tx: &mut Tx<'_>, key: &str) -> Result<(), EditError> {
    let tree = tx.tree();
    let Some(c) = tree.constant(key) else {
        return Ok(());
    };
    let var_key = c.key().unwrap_or(key);
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
