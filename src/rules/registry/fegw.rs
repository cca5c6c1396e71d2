//! FEGW: SOPS's canvas save check (parallel gateways followed along `line` meet one converge
//! gateway).

use crate::diagnostic::Severity::{Error as E, Off as O, Warning as W};

rules! {
    // code: scope, [template, task, engine], summary, summary_zh;
    FEGW001: GRAPH reads LINES, [E, E, O], "the branches of a parallel or conditional parallel gateway, followed along line, do not meet at one converge gateway (SOPS's canvas refuses to save)", "并行网关缺少对应的汇聚网关";
    FEGW002: GRAPH reads LINES, [W, W, O], "(new) the FEGW001 walk was cut short: on a tree this large SOPS's quadratic heuristic takes too long, so the remaining parallel gateways were not checked", "流程过大，未完成并行网关汇聚检查";
}
