//! `layout`: lays the tree out (see [`crate::layout`]): new `location` and `line`, nothing
//! else. The operation's data is the layout's [`Params`], read from the same JSON object.
//! Result: `{}`, or `{warning}` when the tree was too large for the mode's full layout.
//! A layout computed beforehand with the same parameters on the same tree
//! ([`Document::prepare_layout`](crate::edit::Document::prepare_layout)) is used as it is.

use super::super::ids::IdSource;
use super::super::tx::Tx;
use super::super::EditError;
use super::{bad, Fields, Operation};
use crate::json::Object;
use crate::layout::Params;
use crate::shape::Shape;

impl Operation for Params {
    const NAME: &'static str = "layout";
    const SHAPE: Shape = Shape::new(
        Self::NAME,
        "Lay the tree out (new `location` and `line`; one undo step).",
        &[],
    )
    .extends(&["LayoutOptions"]);

    fn parse(f: &Fields<'_>) -> Result<Self, EditError> {
        Params::from_json(f.object()).map_err(|e| {
            bad(
                format!("layout: {}", e.message),
                format!("layout：{}", e.message_zh),
            )
        })
    }

    fn apply(&self, tx: &mut Tx<'_>, _: &mut IdSource) -> Result<Object, EditError> {
        let l = match tx.take_layout(self) {
            Some(prepared) => prepared,
            None => crate::layout::layout(tx.tree(), self),
        };
        let l = l.map_err(|e| {
            bad(
                format!("layout: {}", e.message),
                format!("layout：{}", e.message_zh),
            )
        })?;
        tx.set(&[], "location", l.location)?;
        tx.set(&[], "line", l.line)?;
        let mut result = Object::new();
        if let Some(w) = &l.drawing.warning {
            result.insert("warning", w.to_json());
        }
        Ok(result)
    }
}
