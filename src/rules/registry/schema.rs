//! SCHEMA: the shape SOPS's JSON schema requires (sections, required fields, known types).

use crate::diagnostic::Severity::{Error as E, Off as O};

rules! {
    // code: scope, [template, task, engine], summary, summary_zh;
    SCHEMA000: ENGINE, [E, E, E], "a field has the wrong JSON type", "字段类型错误";
    SCHEMA001: TREE | ENGINE, [E, E, E], "the tree lacks a required section (start_event, end_event, activities, gateways, outputs, constants)", "流程树缺少必需字段";
    SCHEMA002: NODE | ENGINE, [E, E, E], "the start event lacks id, name, type or outgoing, or has more than one outgoing flow", "开始节点字段不合法";
    SCHEMA003: NODE | ENGINE, [E, E, E], "the end event lacks id, name, type or incoming", "结束节点字段不合法";
    SCHEMA004: FLOW | ENGINE, [E, E, E], "a flow lacks id, source or target", "连线缺少 id、source 或 target";
    SCHEMA005: NODE | ENGINE, [E, E, E], "a gateway lacks a required field or has an unknown type", "网关字段不合法";
    SCHEMA008: NODE, [E, E, E], "an exclusive or conditional parallel gateway has no conditions", "分支网关缺少 conditions";
    SCHEMA010: NODE | ENGINE, [E, E, E], "an activity lacks a required field, or its name is empty or longer than 50 characters", "节点字段不合法或名称长度不在 1~50 之间";
    SCHEMA011: NODE, [E, E, E], "a component lacks code or data, or a data item lacks hook or value", "插件缺少 code/data，或参数缺少 hook/value";
    SCHEMA012: VARIABLE, [E, E, E], "a constant's name, source_type or show_type is not allowed", "变量字段不合法";
    SCHEMA013: TREE | NODE | FLOW | VARIABLE reads GRAPH | VARIABLES, [E, E, O], "(new) a known field has a JSON type SOPS does not write (kept as written; bamboo-engine decides on its own whether it can run)", "字段类型与标准运维写入的不一致（已按原样保留）";
}
