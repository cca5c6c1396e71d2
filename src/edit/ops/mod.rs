//! The editing operations, one file each, with the state effects of SOPS's canvas
//! (editor-spec §2). A file holds the operation's data (the fields of its [`super::Op`]
//! variant), the reading of its JSON form, what it does and the result it gives. Each works
//! inside a transaction: it reads the current tree through the typed model, writes through
//! `Tx`, and on any error the caller rolls everything back.
//!
//! Shared by the operations: `wiring` (adding and removing flows with their lines, the ends'
//! fields and branch conditions; bridges), `variables` (variables hooked to a node),
//! `shared` (lookups with the editor's refusals, fresh ids, anchors, small results) and
//! `fields` (reading the JSON form).

/// An operation's data, its reading and its JSON form's description, in one place:
/// `operation! { /// doc
/// Name = "jsonName" { field: Type = reader(args), ... } shape("doc for JS", &[fields]) }`
/// (`shape(doc, &[fields], extends &["Named"])` adds the fields of named shapes)
/// declares the struct (public fields) and its [`Operation`] (`NAME`, `SHAPE`, `parse` with
/// the [`Fields`] readers named, `apply` calling the file's `fn run(&self, tx, ids)`).
macro_rules! operation {
    ($(#[$m:meta])* $name:ident = $json:literal {
        $($field:ident: $ty:ty = $read:ident($($arg:expr),*)),* $(,)?
    }
    shape($doc:expr, $fields:expr $(, extends $parents:expr)? $(,)?)) => {
        $(#[$m])*
        #[derive(Clone, Debug, PartialEq)]
        pub struct $name {
            $(pub $field: $ty),*
        }

        impl super::Operation for $name {
            const NAME: &'static str = $json;
            const SHAPE: crate::shape::Shape =
                crate::shape::Shape::new(Self::NAME, $doc, $fields)$(.extends($parents))?;

            fn parse(f: &super::Fields<'_>) -> Result<Self, super::super::EditError> {
                Ok($name { $($field: f.$read($($arg),*)?),* })
            }

            fn apply(
                &self,
                tx: &mut super::super::tx::Tx<'_>,
                ids: &mut super::super::ids::IdSource,
            ) -> Result<crate::json::Object, super::super::EditError> {
                self.run(tx, ids)
            }
        }
    };
}

mod fields;
mod shared;
mod variables;
mod wiring;

mod add_node;
mod add_variable;
mod batch;
mod connect;
mod disconnect;
mod disconnect_node;
mod hook_input;
mod hook_output;
mod insert_on_flow;
mod layout;
mod move_nodes;
mod move_variable;
mod paste;
mod remove_node;
mod remove_variable;
mod repair_drawing;
mod replace_plugin;
mod room;
mod set_condition;
mod set_default;
mod set_drawing;
mod unhook_input;
mod unhook_output;
mod update_node;
mod update_variable;

pub use add_node::AddNode;
pub use add_variable::AddVariable;
pub use batch::Batch;
pub use connect::Connect;
pub use disconnect::Disconnect;
pub use disconnect_node::DisconnectNode;
pub use hook_input::HookInput;
pub use hook_output::HookOutput;
pub use insert_on_flow::InsertOnFlow;
pub use move_nodes::MoveNodes;
pub use move_variable::MoveVariable;
pub use paste::Paste;
pub use remove_node::RemoveNode;
pub use remove_variable::RemoveVariable;
pub use repair_drawing::RepairDrawing;
pub use replace_plugin::ReplacePlugin;
pub use set_condition::SetCondition;
pub use set_default::SetDefault;
pub use set_drawing::SetDrawing;
pub use unhook_input::UnhookInput;
pub use unhook_output::UnhookOutput;
pub use update_node::UpdateNode;
pub use update_variable::UpdateVariable;

pub(crate) use add_node::add_node;
pub(crate) use fields::{bad, Fields, ARROW};
pub use fields::{ARROW_ALIAS, NEW_NODE, NODE_TYPE_ALIAS};
pub(crate) use wiring::add_line;

use super::ids::IdSource;
use super::tx::Tx;
use super::EditError;
use crate::json::Object;
use crate::shape::Shape;

/// One editing operation: its name in the JSON form, how it is read, and what it does.
pub(crate) trait Operation: Sized {
    /// The `op` of the JSON form (`addNode`).
    const NAME: &'static str;

    /// The JSON form: the operation's fields besides `op` (named [`Operation::NAME`]), for
    /// the reader's checks and the TypeScript declarations.
    const SHAPE: Shape;

    /// Reads the operation from the fields of its JSON form.
    fn parse(f: &Fields<'_>) -> Result<Self, EditError>;

    /// Applies the operation inside `tx`; the result is the JSON object the caller gets back
    /// (`{}` when there is nothing to say).
    fn apply(&self, tx: &mut Tx<'_>, rng: &mut IdSource) -> Result<Object, EditError>;
}
