//! GW: gateways: converge matching (bamboo-engine `gateway.py`), branch conditions, and where
//! the engine crashes or never returns.

use super::{Rule, Scope};
use crate::diagnostic::Severity::{Error as E, Off as O, Warning as W};

pub static GW001: Rule = Rule {
    code: "GW001",
    scope: Scope::ENGINE,
    levels: [E, E, E],
    summary: "the gateway cannot be reached from the start event",
    summary_zh: "无法获取该网关距离开始节点的距离",
};

pub static GW002: Rule = Rule {
    code: "GW002",
    scope: Scope::ENGINE,
    levels: [E, E, E],
    summary: "a gateway inside a parallel branch loops back across the parallel gateway",
    summary_zh: "并行网关中的分支网关必须将所有分支汇聚到一个汇聚网关",
};

pub static GW003: Rule = Rule {
    code: "GW003",
    scope: Scope::ENGINE,
    levels: [E, E, E],
    summary: "an exclusive gateway inside a parallel branch has a branch to the end event",
    summary_zh: "并行网关中的分支网关必须将所有分支汇聚到一个汇聚网关",
};

pub static GW004: Rule = Rule {
    code: "GW004",
    scope: Scope::ENGINE,
    levels: [E, E, E],
    summary: "the branches of an exclusive gateway meet different converge gateways first",
    summary_zh: "分支网关的所有分支第一个遇到的汇聚网关必须是同一个",
};

pub static GW005: Rule = Rule {
    code: "GW005",
    scope: Scope::ENGINE,
    levels: [E, E, E],
    summary: "the gateway's branches do not form a valid block (a parallel branch ends or leaves the block)",
    summary_zh: "非法网关, 请检查其分支是否符合规则",
};

pub static GW006: Rule = Rule {
    code: "GW006",
    scope: Scope::ENGINE,
    levels: [E, E, E],
    summary: "the converge gateway joins branches of more than one parallel gateway",
    summary_zh: "汇聚网关只能汇聚来自同一个并行网关的分支",
};

pub static GW007: Rule = Rule {
    code: "GW007",
    scope: Scope::ENGINE,
    levels: [E, E, E],
    summary: "the converge gateway does not join every branch of its parallel gateway",
    summary_zh: "汇聚网关没有汇聚其对应的并行网关的所有分支",
};

pub static GW010: Rule = Rule {
    code: "GW010",
    scope: Scope::NODE,
    levels: [W, E, O],
    summary: "an outgoing flow of an exclusive or conditional parallel gateway has no condition (task creation fails)",
    summary_zh: "分支网关的输出连线没有对应的条件",
};

pub static GW011: Rule = Rule {
    code: "GW011",
    scope: Scope::NODE,
    levels: [W, E, O],
    summary: "the default branch of a gateway is not one of its outgoing flows",
    summary_zh: "默认分支不是网关的输出连线",
};

pub static GW023: Rule = Rule {
    code: "GW023",
    scope: Scope::NODE,
    levels: [W, E, O],
    summary: "(new) a condition names a flow that is not an outgoing flow of the gateway (the task fails at run time)",
    summary_zh: "条件对应的连线不是网关的输出连线",
};

pub static GW019: Rule = Rule {
    code: "GW019",
    scope: Scope::ENGINE,
    levels: [E, E, E],
    summary: "(new) a gateway branch runs into a loop made only of activities: bamboo-engine never returns",
    summary_zh: "网关分支进入只由任务节点组成的环，引擎校验不会结束",
};

pub static GW020: Rule = Rule {
    code: "GW020",
    scope: Scope::ENGINE,
    levels: [E, E, E],
    summary: "(new) a parallel gateway has no branch, or a converge has no outgoing flow: bamboo-engine crashes",
    summary_zh: "并行网关没有分支或汇聚网关没有输出，引擎校验异常",
};

pub static GW021: Rule = Rule {
    code: "GW021",
    scope: Scope::ENGINE,
    levels: [E, E, E],
    summary: "(new) an exclusive gateway's converge has no forward branch: bamboo-engine crashes",
    summary_zh: "分支网关的汇聚网关没有正向分支，引擎校验异常",
};

pub static GW022: Rule = Rule {
    code: "GW022",
    scope: Scope::ENGINE,
    levels: [E, E, E],
    summary: "(new) converge matching for a gateway branch goes round a loop of gateways forever: bamboo-engine never returns",
    summary_zh: "网关分支在汇聚网关之间循环，引擎校验不会结束",
};
