//! GW010/GW011/GW023 (conditions against outgoing flows) and TASK: the checks that pass when a
//! template is saved and fail when a task is created from it (`replace_all_id`).

use super::registry::*;
use crate::map::HashSet;

use super::ctx::{At, Ctx};
use super::schema::{describe, describe_zh};
use crate::json::{Path, Value};
use crate::model::{Constant, Node, NodeKind, Place};

/// A gateway's conditions against its outgoing flows (GW010/011/023) and its outgoing shape
/// (TASK003).
pub(crate) fn node(cx: &mut Ctx<'_>, g: &Node<'_>) {
    if g.place() != Place::Gateways {
        return;
    }
    let g = *g;
    let kind = g.kind();
    if kind.is_conditional() {
        let outgoing: Vec<&str> = g.outgoing().iter().collect();
        let conds: HashSet<&str> = g.conditions().map(|c| c.flow_id).collect();
        let default = g.default_condition().map(|d| d.flow_id);
        for f in &outgoing {
            if !conds.contains(f) && default != Some(f) {
                cx.emit(
                    &GW010,
                    At::node_field(&g, "conditions").with_flow(f),
                    format!(
                        "outgoing flow {f} of {} has no condition and is not the default branch",
                        describe(&g)
                    ),
                    format!(
                        "{} 的输出连线 {f} 没有分支条件，也不是默认分支",
                        describe_zh(&g)
                    ),
                );
            }
        }
        for c in g.conditions() {
            if !outgoing.contains(&c.flow_id) && default != Some(c.flow_id) {
                cx.emit(
                    &GW023,
                    At::path(super::ctx::node_path(&g).key("conditions").key(c.flow_id))
                        .with_node(g.key())
                        .with_flow(c.flow_id),
                    format!(
                        "{} has a condition for flow {}, which is not one of its outgoing flows",
                        describe(&g),
                        c.flow_id
                    ),
                    format!(
                        "{} 有连线 {} 的分支条件，但该连线不是它的输出连线",
                        describe_zh(&g),
                        c.flow_id
                    ),
                );
            }
        }
        if let Some(d) = default {
            if !outgoing.contains(&d) {
                cx.emit(
                    &GW011,
                    At::node_field(&g, "default_condition").with_flow(d),
                    format!("the default branch of {} is flow {d}, which is not one of its outgoing flows", describe(&g)),
                    format!(
                        "{} 的默认分支是连线 {d}，但该连线不是它的输出连线",
                        describe_zh(&g)
                    ),
                );
            }
        }
    }
    if kind != NodeKind::ConvergeGateway && kind.is_gateway() {
        if let Some(Value::String(s)) = g.object().get("outgoing") {
            if !s.is_empty() {
                cx.emit(
                    &TASK003,
                    At::node_field(&g, "outgoing"),
                    format!(
                        "the outgoing of {} is a string; task creation needs a list",
                        describe(&g)
                    ),
                    format!(
                        "{} 的 outgoing 是字符串，创建任务时需要列表",
                        describe_zh(&g)
                    ),
                );
            }
        }
    }
}

/// TASK007: variables hooked to nodes that do not exist.
pub(crate) fn constants(cx: &mut Ctx<'_>) {
    let tree = cx.tree;
    for c in tree.constants() {
        constant(cx, &c);
    }
}

/// TASK007 for one variable.
pub(crate) fn constant(cx: &mut Ctx<'_>, c: &Constant<'_>) {
    let tree = cx.tree;
    let Some(info) = c.source_info() else { return };
    for (node, _) in info.iter() {
        if tree.node(node).is_none() {
            cx.emit(
                &TASK007,
                At::path(
                    Path::root()
                        .key("constants")
                        .key(c.map_key())
                        .key("source_info")
                        .key(node),
                ),
                format!(
                    "variable {} is hooked to node {node}, which does not exist",
                    c.map_key()
                ),
                format!("变量 {} 勾选自节点 {node}，但该节点不存在", c.map_key()),
            );
        }
    }
}
