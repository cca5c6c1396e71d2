//! WEB: the drawing (`line`, `location`) against flows and nodes.

use crate::diagnostic::Severity::{Error as E, Off as O, Warning as W};

rules! {
    // code: scope, [template, task, engine], summary, summary_zh;
    WEB001: DRAWING, [W, W, O], "a flow has no line (it is not drawn)", "连线在 line 中没有对应项";
    WEB002: DRAWING, [W, E, O], "a line draws a flow that does not exist (task creation fails)", "line 没有对应的连线";
    WEB003: DRAWING, [W, E, O], "a line's source or target is not its flow's, or not a node", "line 的端点与连线不一致";
    WEB004: DRAWING, [W, W, O], "a node has no location (it is not placed)", "节点在 location 中没有对应项";
    WEB005: DRAWING, [W, E, O], "a location places a node that does not exist (task creation fails)", "location 没有对应的节点";
    WEB006: DRAWING, [W, W, O], "a location's type does not match its node's type", "location 类型与节点类型不一致";
    WEB007: DRAWING, [W, W, O], "a line's arrow is not Left, Right, Top or Bottom", "line 的 arrow 不合法";
    WEB008: DRAWING, [W, W, O], "a flow or node is drawn twice", "line 或 location 重复";
    WEB009: TREE | DRAWING reads UNKEYED, [W, E, O], "(new) line or location, or one of their items, has a field of the wrong JSON type (kept as written)", "line 或 location 字段类型错误（已按原样保留）";
}
