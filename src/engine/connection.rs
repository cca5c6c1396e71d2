//! `validator/connection.py::validate_graph_connection` and `rules.py`.

use super::nodes::NodesDict;
use super::{crash, err, ErrorKind, Fault, Res};

/// `(min_in, max_in, min_out, max_out, may target)`, by node type.
pub(crate) struct Rule {
    pub min_in: usize,
    pub max_in: usize,
    pub min_out: usize,
    pub max_out: usize,
    pub allowed_out: &'static [&'static str],
}

const MAX: usize = 1000;
const WITHOUT_START: &[&str] = &[
    "ServiceActivity",
    "SubProcess",
    "SubCanvas",
    "EmptyEndEvent",
    "ParallelGateway",
    "ConditionalParallelGateway",
    "ExclusiveGateway",
    "ConvergeGateway",
];
const WITHOUT_START_AND_END: &[&str] = &[
    "ServiceActivity",
    "SubProcess",
    "SubCanvas",
    "ParallelGateway",
    "ConditionalParallelGateway",
    "ExclusiveGateway",
    "ConvergeGateway",
];

pub(crate) fn rule(ty: &str) -> Option<Rule> {
    let r = |min_in, max_in, min_out, max_out, allowed_out| Rule {
        min_in,
        max_in,
        min_out,
        max_out,
        allowed_out,
    };
    Some(match ty {
        "EmptyStartEvent" => r(0, 0, 1, 1, WITHOUT_START_AND_END),
        "EmptyEndEvent" => r(1, MAX, 0, 0, &[]),
        "ServiceActivity" | "SubProcess" | "SubCanvas" => r(1, MAX, 1, 1, WITHOUT_START),
        "ExclusiveGateway" | "ParallelGateway" | "ConditionalParallelGateway" => {
            r(1, MAX, 1, MAX, WITHOUT_START)
        }
        "ConvergeGateway" => r(1, MAX, 1, 1, WITHOUT_START),
        _ => return None,
    })
}

/// The engine's check: stops at the first node with a message; nodes without outgoing flows
/// are never checked (CONN004).
pub(crate) fn validate(nd: &NodesDict<'_>) -> Res<()> {
    let mut target_types: Vec<&str> = Vec::new();
    for n in &nd.list {
        let ty = n.ty.unwrap_or("");
        let Some(rule) = rule(ty) else {
            let (code, fault) = match n.ty {
                None => ("SCHEMA010", Fault::Missing("type")),
                Some(t) => ("NODE009", Fault::UnknownType(t.to_owned())),
            };
            return Err(crash(
                code,
                Some(n.key),
                format!("KeyError: unknown node type {ty:?} of node {}", n.key),
                fault,
            ));
        };
        target_types.clear();
        for t in &n.target {
            let target = nd.get(t).ok_or_else(|| {
                crash(
                    "CONN006",
                    Some(n.key),
                    format!("KeyError: node {} flows to {t}, which is not a node", n.key),
                    Fault::NotANode {
                        flow: None,
                        id: (*t).to_owned(),
                    },
                )
            })?;
            let Some(target_ty) = target.ty else {
                return Err(crash(
                    "SCHEMA010",
                    Some(t),
                    format!("KeyError: node {t} has no 'type'"),
                    Fault::Missing("type"),
                ));
            };
            target_types.push(target_ty);
        }
        judge(
            n.key,
            ty,
            &rule,
            n.source_len,
            n.outgoing_len,
            &target_types,
        )?;
    }
    Ok(())
}

/// The engine's verdict on one node of type `ty` whose outgoing flows go to nodes of
/// `target_types`: a message per target for each limit it breaks.
pub(crate) fn judge(
    key: &str,
    ty: &str,
    rule: &Rule,
    source_len: usize,
    outgoing_len: usize,
    target_types: &[&str],
) -> Res<()> {
    let mut message = String::new();
    let mut code = "";
    for target_ty in target_types {
        if !rule.allowed_out.contains(target_ty) {
            message.push_str(&format!("不能连接{ty}类型节点\n"));
            code = first(code, "CONN001");
        }
        if source_len < rule.min_in || source_len > rule.max_in {
            message.push_str(&format!(
                "节点的入度最大为{}，最小为{}\n",
                rule.max_in, rule.min_in
            ));
            code = first(code, "CONN002");
        }
        if outgoing_len < rule.min_out || outgoing_len > rule.max_out {
            message.push_str(&format!(
                "节点的出度最大为{}，最小为{}\n",
                rule.max_out, rule.min_out
            ));
            code = first(code, "CONN003");
        }
    }
    if message.is_empty() {
        Ok(())
    } else {
        Err(err(ErrorKind::Connection, code, Some(key), message))
    }
}

fn first(current: &'static str, new: &'static str) -> &'static str {
    if current.is_empty() {
        new
    } else {
        current
    }
}
