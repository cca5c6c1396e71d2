//! `unhookOutput`: a node's output no longer received into its variable (variables-spec
//! §2.8): the variable's `source_info` lets go of exactly that output ([`release`]; SOPS may
//! splice the wrong one, Q6). A variable that then receives nothing and that nothing refers to is
//! deleted; one still referred to stays, with no source, as in SOPS (the validator reports it).
//! Result: `{key, deleted}`.

use super::super::defaults::s;
use super::super::ids::IdSource;
use super::super::tx::Tx;
use super::super::EditError;
use super::hook_output::receiver;
use super::variables::release;
use crate::json::{Object, Value};
use crate::shape::{req, STR};

operation! {
    /// A node's output no longer received into its variable.
    UnhookOutput = "unhookOutput" {
        node: String = str("node"),
        output: String = str("output"),
    }
    shape(
        "Stop receiving a node's output into its variable; a variable left receiving nothing \
         that nothing refers to is deleted.",
        &[req("node", STR, ""), req("output", STR, "")],
    )
}

impl UnhookOutput {
    fn run(&self, tx: &mut Tx<'_>, _: &mut IdSource) -> Result<Object, EditError> {
        let (node, output) = (self.node.as_str(), self.output.as_str());
        let Some(key) = receiver(tx.tree(), node, output) else {
            return Err(EditError::new(
                "not-hooked",
                format!("{node}'s output {output} is not received into a variable"),
                format!("节点 {node} 的输出 {output} 没有被变量接收"),
            ));
        };
        let unused = release(tx, &key, node, output)?;
        let mut out = Object::new();
        out.insert("key", s(&key));
        out.insert("deleted", Value::Bool(unused));
        Ok(out)
    }
}
