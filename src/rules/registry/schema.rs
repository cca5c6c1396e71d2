//! SCHEMA: the shape SOPS's JSON schema requires (sections, required fields, known types).

use super::{Rule, Scope};
use crate::diagnostic::Severity::Error as E;

pub static SCHEMA000: Rule = Rule {
    code: "SCHEMA000",
    scope: Scope::ENGINE,
    levels: [E, E, E],
    summary: "a field has the wrong JSON type",
    summary_zh: "字段类型错误",
};

pub static SCHEMA001: Rule = Rule {
    code: "SCHEMA001",
    scope: Scope::TREE.and(Scope::ENGINE),
    levels: [E, E, E],
    summary: "the tree lacks a required section (start_event, end_event, activities, gateways, outputs, constants)",
    summary_zh: "流程树缺少必需字段",
};

pub static SCHEMA002: Rule = Rule {
    code: "SCHEMA002",
    scope: Scope::NODE.and(Scope::ENGINE),
    levels: [E, E, E],
    summary: "the start event lacks id, name, type or outgoing, or has more than one outgoing flow",
    summary_zh: "开始节点字段不合法",
};

pub static SCHEMA003: Rule = Rule {
    code: "SCHEMA003",
    scope: Scope::NODE.and(Scope::ENGINE),
    levels: [E, E, E],
    summary: "the end event lacks id, name, type or incoming",
    summary_zh: "结束节点字段不合法",
};

pub static SCHEMA004: Rule = Rule {
    code: "SCHEMA004",
    scope: Scope::FLOW.and(Scope::ENGINE),
    levels: [E, E, E],
    summary: "a flow lacks id, source or target",
    summary_zh: "连线缺少 id、source 或 target",
};

pub static SCHEMA005: Rule = Rule {
    code: "SCHEMA005",
    scope: Scope::NODE.and(Scope::ENGINE),
    levels: [E, E, E],
    summary: "a gateway lacks a required field or has an unknown type",
    summary_zh: "网关字段不合法",
};

pub static SCHEMA008: Rule = Rule {
    code: "SCHEMA008",
    scope: Scope::NODE,
    levels: [E, E, E],
    summary: "an exclusive or conditional parallel gateway has no conditions",
    summary_zh: "分支网关缺少 conditions",
};

pub static SCHEMA010: Rule = Rule {
    code: "SCHEMA010",
    scope: Scope::NODE.and(Scope::ENGINE),
    levels: [E, E, E],
    summary:
        "an activity lacks a required field, or its name is empty or longer than 50 characters",
    summary_zh: "节点字段不合法或名称长度不在 1~50 之间",
};

pub static SCHEMA011: Rule = Rule {
    code: "SCHEMA011",
    scope: Scope::NODE,
    levels: [E, E, E],
    summary: "a component lacks code or data, or a data item lacks hook or value",
    summary_zh: "插件缺少 code/data，或参数缺少 hook/value",
};

pub static SCHEMA012: Rule = Rule {
    code: "SCHEMA012",
    scope: Scope::VARIABLE,
    levels: [E, E, E],
    summary: "a constant's name, source_type or show_type is not allowed",
    summary_zh: "变量字段不合法",
};
