//! CYCLE: loops, where they are forbidden (bamboo-engine `Graph.get_cycle`).

use super::{Rule, Scope};
use crate::diagnostic::Severity::Error as E;

pub static CYCLE001: Rule = Rule {
    code: "CYCLE001",
    scope: Scope::ENGINE,
    levels: [E, E, E],
    summary: "the flow has a loop and loops are forbidden",
    summary_zh: "流程中存在环",
};
