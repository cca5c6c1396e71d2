//! WEB: the drawing (`line`, `location`) against flows and nodes.

use super::{Rule, Scope};
use crate::diagnostic::Severity::{Error as E, Off as O, Warning as W};

pub static WEB001: Rule = Rule {
    code: "WEB001",
    scope: Scope::DRAWING,
    levels: [W, W, O],
    summary: "a flow has no line (it is not drawn)",
    summary_zh: "连线在 line 中没有对应项",
};

pub static WEB002: Rule = Rule {
    code: "WEB002",
    scope: Scope::DRAWING,
    levels: [W, E, O],
    summary: "a line draws a flow that does not exist (task creation fails)",
    summary_zh: "line 没有对应的连线",
};

pub static WEB003: Rule = Rule {
    code: "WEB003",
    scope: Scope::DRAWING,
    levels: [W, E, O],
    summary: "a line's source or target is not its flow's, or not a node",
    summary_zh: "line 的端点与连线不一致",
};

pub static WEB004: Rule = Rule {
    code: "WEB004",
    scope: Scope::DRAWING,
    levels: [W, W, O],
    summary: "a node has no location (it is not placed)",
    summary_zh: "节点在 location 中没有对应项",
};

pub static WEB005: Rule = Rule {
    code: "WEB005",
    scope: Scope::DRAWING,
    levels: [W, E, O],
    summary: "a location places a node that does not exist (task creation fails)",
    summary_zh: "location 没有对应的节点",
};

pub static WEB006: Rule = Rule {
    code: "WEB006",
    scope: Scope::DRAWING,
    levels: [W, W, O],
    summary: "a location's type does not match its node's type",
    summary_zh: "location 类型与节点类型不一致",
};

pub static WEB007: Rule = Rule {
    code: "WEB007",
    scope: Scope::DRAWING,
    levels: [W, W, O],
    summary: "a line's arrow is not Left, Right, Top or Bottom",
    summary_zh: "line 的 arrow 不合法",
};

pub static WEB008: Rule = Rule {
    code: "WEB008",
    scope: Scope::DRAWING,
    levels: [W, W, O],
    summary: "a flow or node is drawn twice",
    summary_zh: "line 或 location 重复",
};
