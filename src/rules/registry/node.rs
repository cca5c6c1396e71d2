//! NODE: node fields: plugin, timeouts and retries, ids, types, single-flow fields.

use super::{Rule, Scope};
use crate::diagnostic::Severity::{Error as E, Off as O, Warning as W};

pub static NODE001: Rule = Rule {
    code: "NODE001",
    scope: Scope::NODE,
    levels: [E, E, O],
    summary: "a ServiceActivity has no plugin (component.code)",
    summary_zh: "请选择节点的插件类型",
};

pub static NODE003: Rule = Rule {
    code: "NODE003",
    scope: Scope::NODE,
    levels: [W, E, O],
    summary:
        "a timeout is enabled together with error_ignorable or auto_retry (the task fails to start)",
    summary_zh: "超时与失败忽略/自动重试不能同时开启",
};

pub static NODE004: Rule = Rule {
    code: "NODE004",
    scope: Scope::NODE,
    levels: [W, W, O],
    summary: "a timeout is not a whole number of seconds from 10 to 86400 (SOPS ignores it)",
    summary_zh: "超时时间不合法",
};

pub static NODE005: Rule = Rule {
    code: "NODE005",
    scope: Scope::NODE,
    levels: [W, W, O],
    summary: "automatic retry is outside 1-10 times or 0-60 seconds apart (SOPS clamps it)",
    summary_zh: "自动重试次数或间隔超出范围",
};

pub static NODE013: Rule = Rule {
    code: "NODE013",
    scope: Scope::GRAPH,
    levels: [E, E, O],
    summary: "(new) two nodes have the same id",
    summary_zh: "节点 id 重复",
};

pub static NODE014: Rule = Rule {
    code: "NODE014",
    scope: Scope::GRAPH,
    levels: [E, E, O],
    summary: "(new) a node's id differs from the key it is stored under",
    summary_zh: "节点 id 与键不一致",
};

pub static NODE009: Rule = Rule {
    code: "NODE009",
    scope: Scope::ENGINE,
    levels: [E, E, E],
    summary: "the node type is unknown",
    summary_zh: "未知节点类型",
};

pub static NODE012: Rule = Rule {
    code: "NODE012",
    scope: Scope::NODE.and(Scope::ENGINE),
    levels: [E, E, E],
    summary: "a single-flow field is written as a list; bamboo-engine needs a plain flow id",
    summary_zh: "单输出字段必须是字符串",
};
