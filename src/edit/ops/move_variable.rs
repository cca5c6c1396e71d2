//! `moveVariable`: a variable to another place in the list (SOPS's drag, variables-spec §2.9).
//! Every variable's `index` becomes its place, `0..n-1`; the entries stay where they are in
//! `constants` (SOPS re-inserts each moved entry at the end, Q2, and renumbers only a range,
//! Q1). Result: `{}`.

use super::super::ids::IdSource;
use super::super::tx::Tx;
use super::super::EditError;
use super::variables::{existing_key, move_to};
use crate::json::Object;
use crate::shape::{req, NUM, STR};

operation! {
    /// A variable to another place in the list.
    MoveVariable = "moveVariable" {
        key: String = str("key"),
        index: usize = position("index"),
    }
    shape(
        "Move a variable to another place in the list; indexes become 0..n-1.",
        &[
            req("key", STR, "The variable (`name` or `${name}`)."),
            req("index", NUM, "Its new place, from 0."),
        ],
    )
}

impl MoveVariable {
    fn run(&self, tx: &mut Tx<'_>, _: &mut IdSource) -> Result<Object, EditError> {
        let key = existing_key(tx.tree(), &self.key)?;
        move_to(tx, &key, self.index)?;
        Ok(Object::new())
    }
}
