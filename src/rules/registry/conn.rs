//! CONN: degrees and allowed connections (bamboo-engine `rules.py`), flows and node lists in
//! step, reachability.

use super::{Rule, Scope};
use crate::diagnostic::Severity::{Error as E, Off as O};

pub static CONN001: Rule = Rule {
    code: "CONN001",
    scope: Scope::NODE.and(Scope::ENGINE),
    levels: [E, E, E],
    summary: "this kind of node may not connect to that kind of node",
    summary_zh: "节点不能连接该类型节点",
};

pub static CONN002: Rule = Rule {
    code: "CONN002",
    scope: Scope::NODE.and(Scope::ENGINE),
    levels: [E, E, E],
    summary: "the node has too few or too many incoming flows",
    summary_zh: "节点入度不合法",
};

pub static CONN003: Rule = Rule {
    code: "CONN003",
    scope: Scope::NODE.and(Scope::ENGINE),
    levels: [E, E, E],
    summary: "the node has too few or too many outgoing flows",
    summary_zh: "节点出度不合法",
};

pub static CONN004: Rule = Rule {
    code: "CONN004",
    scope: Scope::NODE,
    levels: [E, E, O],
    summary:
        "the node has no outgoing flow (bamboo-engine does not check this; the flow stops here)",
    summary_zh: "节点没有输出连线",
};

pub static CONN006: Rule = Rule {
    code: "CONN006",
    scope: Scope::NODE.and(Scope::FLOW).and(Scope::ENGINE),
    levels: [E, E, E],
    summary:
        "a node lists a flow that does not exist, or a flow points to a node that does not exist",
    summary_zh: "连线或节点不存在",
};

pub static CONN007: Rule = Rule {
    code: "CONN007",
    scope: Scope::NODE.and(Scope::FLOW),
    levels: [E, E, O],
    summary: "a flow and the node lists disagree (flow source/target vs incoming/outgoing)",
    summary_zh: "连线与节点的 incoming/outgoing 不一致",
};

pub static CONN010: Rule = Rule {
    code: "CONN010",
    scope: Scope::GRAPH,
    levels: [E, E, O],
    summary: "the node cannot be reached from the start event",
    summary_zh: "节点无法从开始节点到达",
};
