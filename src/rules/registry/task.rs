//! TASK: what otherwise fails only when a task is created.

use crate::diagnostic::Severity::{Error as E, Off as O, Warning as W};

rules! {
    // code: scope, [template, task, engine], summary, summary_zh;
    TASK003: NODE, [W, E, O], "a gateway's outgoing is a string; task creation needs a list", "网关的 outgoing 必须是列表";
    TASK007: VARIABLE, [W, E, O], "a variable is hooked to a node (source_info) that does not exist", "变量引用的节点不存在";
}
