//! NODE: node fields: plugin, timeouts and retries, ids, types, single-flow fields.

use crate::diagnostic::Severity::{Error as E, Off as O, Warning as W};

rules! {
    // code: scope, [template, task, engine], summary, summary_zh;
    NODE001: NODE, [E, E, O], "a ServiceActivity has no plugin (component.code)", "请选择节点的插件类型";
    NODE003: NODE, [W, E, O], "a timeout is enabled together with error_ignorable or auto_retry (the task fails to start)", "超时与失败忽略/自动重试不能同时开启";
    NODE004: NODE, [W, W, O], "a timeout is not a whole number of seconds from 10 to 86400 (SOPS ignores it)", "超时时间不合法";
    NODE005: NODE, [W, W, O], "automatic retry is outside 1-10 times or 0-60 seconds apart (SOPS clamps it)", "自动重试次数或间隔超出范围";
    NODE013: GRAPH, [E, E, O], "(new) two nodes have the same id", "节点 id 重复";
    NODE014: GRAPH, [E, E, O], "(new) a node's id differs from the key it is stored under", "节点 id 与键不一致";
    NODE009: ENGINE, [E, E, E], "the node type is unknown", "未知节点类型";
    NODE012: NODE | ENGINE, [E, E, E], "a single-flow field is written as a list; bamboo-engine needs a plain flow id", "单连线字段写成了列表；引擎需要连线 id 本身";
}
