//! TASK: what otherwise fails only when a task is created.

use super::{Rule, Scope};
use crate::diagnostic::Severity::{Error as E, Off as O, Warning as W};

pub static TASK003: Rule = Rule {
    code: "TASK003",
    scope: Scope::NODE,
    levels: [W, E, O],
    summary: "a gateway's outgoing is a string; task creation needs a list",
    summary_zh: "网关的 outgoing 必须是列表",
};

pub static TASK007: Rule = Rule {
    code: "TASK007",
    scope: Scope::VARIABLE,
    levels: [W, E, O],
    summary: "a variable is hooked to a node (source_info) that does not exist",
    summary_zh: "变量引用的节点不存在",
};
