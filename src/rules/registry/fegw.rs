//! FEGW: SOPS's canvas save check (parallel gateways followed along `line` meet one converge
//! gateway).

use super::{Rule, Scope};
use crate::diagnostic::Severity::{Error as E, Off as O, Warning as W};

pub static FEGW001: Rule = Rule {
    code: "FEGW001",
    scope: Scope::GRAPH,
    levels: [E, E, O],
    summary: "the branches of a parallel or conditional parallel gateway, followed along line, do not meet at one converge gateway (SOPS's canvas refuses to save)",
    summary_zh: "并行网关缺少对应的汇聚网关",
};

pub static FEGW002: Rule = Rule {
    code: "FEGW002",
    scope: Scope::GRAPH,
    levels: [W, W, O],
    summary: "(new) the FEGW001 walk was cut short: on a tree this large SOPS's quadratic heuristic takes too long, so the remaining parallel gateways were not checked",
    summary_zh: "流程过大，未完成并行网关汇聚检查",
};
