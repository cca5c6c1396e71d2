//! CYCLE: loops, where they are forbidden (bamboo-engine `Graph.get_cycle`).

use crate::diagnostic::Severity::Error as E;

rules! {
    // code: scope, [template, task, engine], summary, summary_zh;
    CYCLE001: ENGINE, [E, E, E], "the flow has a loop and loops are forbidden", "流程中存在环，而流程不允许有环";
}
