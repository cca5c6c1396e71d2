//! `setDefault`: makes a branch its gateway's default (one per gateway; another default is
//! refused with `default-exists`). The branch's condition goes, its tag stays. Result: `{}`.

use super::super::defaults::{obj, s};
use super::super::ids::IdSource;
use super::super::tx::Tx;
use super::super::EditError;
use super::shared::{conditional_gateway, known_flow, sound_node, WIRING};
use super::wiring::default_object;
use crate::json::{Object, Value};
use crate::shape::{opt, req, STR};

operation! {
    /// Makes a branch the gateway's default.
    SetDefault = "setDefault" {
        gateway: String = str("gateway"),
        flow: String = str("flow"),
        name: Option<String> = opt_str("name"),
    }
    shape(
        "Make a branch the gateway's default.",
        &[
            req("gateway", STR, ""),
            req("flow", STR, ""),
            opt("name", STR, ""),
        ],
    )
}

impl SetDefault {
    /// Makes `flow` the gateway's default branch (one per gateway).
    fn run(&self, tx: &mut Tx<'_>, _: &mut IdSource) -> Result<Object, EditError> {
        let (gateway, flow, name) = (
            self.gateway.as_str(),
            self.flow.as_str(),
            self.name.as_deref(),
        );
        let at = conditional_gateway(tx.tree(), gateway, flow)?;
        let branch = {
            let gw = sound_node(tx.tree(), gateway, WIRING)?;
            match default_object(&gw) {
                Some(d) => match d.get("flow_id").and_then(Value::as_str) {
                    Some(f) if f == flow => Branch::Default,
                    other => Branch::OtherDefault(other.unwrap_or("").to_owned()),
                },
                None => {
                    let condition = gw.condition(flow);
                    Branch::Plain {
                        condition: condition.is_some(),
                        tag: condition.and_then(|c| c.object().get("tag").cloned()),
                    }
                }
            }
        };
        let (condition, tag) = match branch {
            Branch::Default => {
                if let Some(n) = name {
                    tx.set(at.path.key("default_condition").segments(), "name", s(n))?;
                }
                return Ok(Object::new());
            }
            Branch::OtherDefault(other) => {
                return Err(EditError::new(
                    "default-exists",
                    format!("gateway {gateway} already has a default branch ({other})"),
                    format!("网关 {gateway} 已有默认分支（{other}）"),
                ));
            }
            Branch::Plain { condition, tag } => (condition, tag),
        };
        let tag = tag.unwrap_or_else(|| {
            let (src, tgt) = known_flow(tx.tree(), flow).unwrap_or_default();
            s(&format!("branch_{src}_{tgt}"))
        });
        if condition {
            tx.del(at.path.key("conditions").segments(), flow)?;
        }
        tx.put(
            at.path.segments(),
            "default_condition",
            obj(vec![
                ("name", s(name.unwrap_or("默认"))),
                ("flow_id", s(flow)),
                ("tag", tag),
            ]),
        )?;
        Ok(Object::new())
    }
}

/// What the gateway has now for the branch.
enum Branch {
    /// The branch is the default already.
    Default,
    /// Another branch (the one named) is the default.
    OtherDefault(String),
    /// No default: whether the branch has a condition, and the condition's tag.
    Plain { condition: bool, tag: Option<Value> },
}
