//! `setDrawing`: `location`, `line` or both replaced by the arrays given, as one undo step: a
//! layout computed elsewhere (the package's `layout()`, e.g. in its Web Worker, gives both)
//! applied to the document. The items are kept as given; a drawing that would put the tree out
//! of step (a node not placed, a flow not drawn, an item of no node or flow: what
//! [`crate::edit::inconsistencies`] says of the drawing that it did not say before) is refused. Result: `{}`.

use super::super::ids::IdSource;
use super::super::tx::Tx;
use super::super::EditError;
use super::bad;
use crate::edit::consistency::drawing_inconsistencies;
use crate::json::{Object, Value};
use crate::map::HashSet;
use crate::shape::{opt, Ty};

operation! {
    /// Replaces `location` and/or `line`.
    SetDrawing = "setDrawing" {
        location: Option<Value> = value("location"),
        line: Option<Value> = value("line"),
    }
    shape(
        "Replace `location`, `line` or both by the arrays given (a layout computed elsewhere, \
         e.g. `layout()` in the package's Web Worker; one undo step).",
        &[
            opt("location", Ty::Arr(&Ty::Ref("TreeLocation")), ""),
            opt("line", Ty::Arr(&Ty::Ref("TreeLine")), ""),
        ],
    )
}

impl SetDrawing {
    /// Sets each part given, after checking that every part given is an array.
    fn run(&self, tx: &mut Tx<'_>, _: &mut IdSource) -> Result<Object, EditError> {
        let parts = [("location", &self.location), ("line", &self.line)];
        if parts.iter().all(|(_, v)| v.is_none()) {
            return Err(bad(
                "setDrawing: give location, line or both",
                "setDrawing：须给出 location、line 或两者",
            ));
        }
        for (name, v) in parts {
            if v.as_ref().is_some_and(|v| v.as_array().is_none()) {
                return Err(bad(
                    format!("setDrawing: {name} must be an array"),
                    format!("setDrawing：{name} 须为数组"),
                ));
            }
        }
        let before: HashSet<String> = drawing_inconsistencies(tx.tree()).into_iter().collect();
        for (name, v) in parts {
            if let Some(v) = v {
                tx.set(&[], name, v.clone())?;
            }
        }
        let after = drawing_inconsistencies(tx.tree());
        if let Some(first) = after.iter().find(|p| !before.contains(*p)) {
            let count = after.iter().filter(|p| !before.contains(*p)).count();
            return Err(bad(
                format!(
                    "setDrawing: the drawing would leave the flows, nodes and drawing out of \
                     step in {count} places (the first: {first})"
                ),
                format!("setDrawing：该画布数据会使连线、节点与画布数据不一致，共 {count} 处（第一处：{first}）"),
            ));
        }
        Ok(Object::new())
    }
}
