//! `setCondition`: a branch's name and expression on an exclusive or conditional parallel
//! gateway (editor-spec §2.13). A default branch becomes an ordinary one (it then needs an
//! expression), keeping its tag. Result: `{}`.

use super::super::defaults::{obj, s};
use super::super::ids::IdSource;
use super::super::tx::Tx;
use super::super::EditError;
use super::shared::{conditional_gateway, known_flow, sound_node, WIRING};
use super::wiring::{conditions_object, default_object};
use crate::json::{Object, Value};
use crate::shape::{opt, req, STR};

operation! {
    /// A branch's name and expression (a default branch becomes ordinary).
    SetCondition = "setCondition" {
        gateway: String = str("gateway"),
        flow: String = str("flow"),
        name: Option<String> = opt_str("name"),
        evaluate: Option<String> = opt_str("evaluate"),
    }
    shape(
        "A branch's name and expression; a default branch becomes an ordinary one.",
        &[
            req("gateway", STR, ""),
            req("flow", STR, ""),
            opt("name", STR, ""),
            opt("evaluate", STR, ""),
        ],
    )
}

impl SetCondition {
    /// Sets a branch's name and expression; a default branch becomes an ordinary one
    /// (editor-spec §2.13).
    fn run(&self, tx: &mut Tx<'_>, _: &mut IdSource) -> Result<Object, EditError> {
        let (gateway, flow) = (self.gateway.as_str(), self.flow.as_str());
        let (name, evaluate) = (self.name.as_deref(), self.evaluate.as_deref());
        let at = conditional_gateway(tx.tree(), gateway, flow)?;
        let cpath = at.path.key("conditions");
        let (has_condition, was_default, tag) = {
            let gw = sound_node(tx.tree(), gateway, WIRING)?;
            let conditions = conditions_object(&gw);
            let default = default_object(&gw)
                .filter(|d| d.get("flow_id").and_then(Value::as_str) == Some(flow));
            let tag = default.and_then(|d| d.get("tag").cloned());
            (
                conditions.is_some_and(|c| c.contains_key(flow)),
                default.is_some(),
                tag,
            )
        };
        if has_condition {
            let here = cpath.key(flow);
            if let Some(n) = name {
                tx.set(here.segments(), "name", s(n))?;
            }
            if let Some(e) = evaluate {
                tx.set(here.segments(), "evaluate", s(e))?;
            }
            return Ok(Object::new());
        }
        let tag = match tag {
            Some(tag) => tag,
            None => {
                let (src, tgt) = known_flow(tx.tree(), flow).unwrap_or_default();
                s(&format!("branch_{src}_{tgt}"))
            }
        };
        if was_default {
            tx.del(at.path.segments(), "default_condition")?;
        }
        tx.ensure_object(at.path.segments(), "conditions")?;
        let Some(evaluate) = evaluate else {
            return Err(EditError::new(
                "invalid-op",
                "a new condition needs an expression (evaluate)",
                "新的分支条件须有表达式（evaluate）",
            ));
        };
        tx.put(
            cpath.segments(),
            flow,
            obj(vec![
                ("evaluate", s(evaluate)),
                ("name", s(name.unwrap_or(""))),
                ("tag", tag),
            ]),
        )?;
        Ok(Object::new())
    }
}
