//! CONN: degrees and allowed connections (bamboo-engine `rules.py`), flows and node lists in
//! step, reachability.

use crate::diagnostic::Severity::{Error as E, Off as O};

rules! {
    // code: scope, [template, task, engine], summary, summary_zh;
    CONN001: NODE | ENGINE, [E, E, E], "this kind of node may not connect to that kind of node", "节点不能连接该类型节点";
    CONN002: NODE | ENGINE, [E, E, E], "the node has too few or too many incoming flows", "节点入度不合法";
    CONN003: NODE | ENGINE, [E, E, E], "the node has too few or too many outgoing flows", "节点出度不合法";
    CONN004: NODE, [E, E, O], "the node has no outgoing flow (bamboo-engine does not check this; the flow stops here)", "节点没有输出连线";
    CONN006: NODE | FLOW | ENGINE, [E, E, E], "a node lists a flow that does not exist, or a flow points to a node that does not exist", "连线或节点不存在";
    CONN007: NODE | FLOW, [E, E, O], "a flow and the node lists disagree (flow source/target vs incoming/outgoing)", "连线与节点的 incoming/outgoing 不一致";
    CONN010: GRAPH, [E, E, O], "the node cannot be reached from the start event", "节点无法从开始节点到达";
}
