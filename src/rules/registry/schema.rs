//! SCHEMA: the shape SOPS's JSON schemas require (the server's and the editor's: sections, required
//! fields, known types).

use crate::diagnostic::Severity::{Error as E, Off as O, Warning as W};

rules! {
    // code: scope, [template, task, engine], summary, summary_zh;
    SCHEMA000: ENGINE, [E, E, E], "a field has the wrong JSON type", "字段类型错误";
    SCHEMA001: TREE | ENGINE, [E, E, E], "the tree lacks a required section (start_event, end_event, activities, gateways, and outputs and constants but in bamboo-engine's format)", "流程树缺少必需字段（start_event、end_event、activities、gateways，以及引擎格式之外的 outputs 和 constants）";
    SCHEMA002: NODE | ENGINE, [E, E, E], "the start event lacks id, name, type or outgoing, or has more than one outgoing flow", "开始节点缺少 id、name、type 或 outgoing，或有多条输出连线";
    SCHEMA003: NODE | ENGINE, [E, E, E], "the end event lacks id, name, type or incoming", "结束节点缺少 id、name、type 或 incoming";
    SCHEMA004: FLOW | ENGINE, [E, E, E], "a flow lacks id, source or target", "连线缺少 id、source 或 target";
    SCHEMA005: NODE | ENGINE, [E, E, E], "a gateway lacks a required field or has an unknown type", "网关缺少必需字段或类型未知";
    SCHEMA008: NODE, [E, E, E], "an exclusive or conditional parallel gateway has no conditions", "分支网关缺少 conditions";
    SCHEMA010: NODE | ENGINE, [E, E, E], "an activity lacks a required field, or its name is empty or longer than 50 characters", "任务节点缺少必需字段，或名称为空或超过 50 个字符";
    SCHEMA011: NODE, [E, E, E], "a component lacks code or its inputs (data; inputs in bamboo-engine's format), or an input lacks hook or value (type or value, type plain, splice or lazy)", "插件缺少 code 或参数（data；引擎格式为 inputs），或参数缺少 hook/value（引擎格式：type/value，type 为 plain、splice 或 lazy）";
    SCHEMA012: VARIABLE, [E, E, E], "a constant's name, source_type or show_type is not allowed", "变量字段不合法";
    SCHEMA013: TREE | NODE | FLOW | VARIABLE reads GRAPH | VARIABLES, [E, E, O], "(new) a known field has a JSON type SOPS does not write (kept as written; bamboo-engine decides on its own whether it can run)", "字段类型与标准运维写入的不一致（已按原样保留）";
    SCHEMA014: TREE, [E, E, E], "(new) in bamboo-engine's format, a data.inputs item lacks type or value, has a type other than plain, splice or lazy, or is lazy without custom_type", "引擎格式的 data.inputs 变量缺少 type 或 value，type 不是 plain、splice 或 lazy，或 lazy 变量缺少 custom_type";
    SCHEMA015: VARIABLE, [E, W, O], "the editor's save check refuses a variable that lacks custom_type, desc, key, name, show_type or source_info (a missing index is renumbered when the editor loads the tree)", "编辑器保存校验不通过：变量缺少 custom_type、desc、key、name、show_type 或 source_info（缺少 index 时编辑器加载流程会重新编号）";
}
