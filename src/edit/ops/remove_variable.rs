//! `removeVariable`: deletes a global variable as SOPS's `deleteVariable` does
//! (variables-spec §2.3): each input hooked to it gets the variable's value back, unhooked;
//! the key leaves `outputs`; the variables after it move up one. References left in text stay
//! as written (the validator reports them). Unlike SOPS, falsy values are given back as they
//! are (Q8), a sub-process parameter gets no `hook` flag (Q17), and an output variable resets
//! no input that happens to share its output's name (Q5). Result: `{}`.

use super::super::ids::IdSource;
use super::super::tx::Tx;
use super::super::EditError;
use super::variables::{existing_key, give_back, remove_variable};
use crate::json::Object;
use crate::shape::{req, STR};

operation! {
    /// Deletes a global variable; the inputs hooked to it get its value back.
    RemoveVariable = "removeVariable" {
        key: String = str("key"),
    }
    shape(
        "Delete a variable: inputs hooked to it get its value back, it leaves `outputs`, the \
         variables after it move up one.",
        &[req("key", STR, "The variable (`name` or `${name}`).")],
    )
}

impl RemoveVariable {
    fn run(&self, tx: &mut Tx<'_>, _: &mut IdSource) -> Result<Object, EditError> {
        let key = existing_key(tx.tree(), &self.key)?;
        let (bindings, value, outputs) = {
            let c = tx.tree().constant(&key).expect("existing_key found it");
            let bindings: Vec<(String, Vec<String>)> = c
                .source_info()
                .into_iter()
                .flat_map(|o| o.iter())
                .map(|(node, tags)| {
                    let tags = tags
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|t| t.as_str().map(str::to_owned))
                        .collect();
                    (node.to_owned(), tags)
                })
                .collect();
            let value = c
                .value()
                .cloned()
                .unwrap_or_else(|| crate::json::Value::from(""));
            (
                bindings,
                value,
                c.source_type() == Some("component_outputs"),
            )
        };
        if !outputs {
            for (node, tags) in &bindings {
                for tag in tags {
                    give_back(tx, &key, node, tag, &value)?;
                }
            }
        }
        remove_variable(tx, &key)?;
        Ok(Object::new())
    }
}
