//! SUB: sub-processes: the embedded pipeline, the template id, and the checks against a
//! template catalogue.

use super::{Rule, Scope};
use crate::diagnostic::Severity::{Error as E, Off as O, Warning as W};

pub static SUB006: Rule = Rule {
    code: "SUB006",
    scope: Scope::ENGINE,
    levels: [E, E, E],
    summary: "the SubProcess has no embedded pipeline (required when sub-processes are checked as the engine does)",
    summary_zh: "子流程节点缺少 pipeline",
};

pub static SUB008: Rule = Rule {
    code: "SUB008",
    scope: Scope::NODE,
    levels: [E, E, O],
    summary: "a SubProcess has no template_id",
    summary_zh: "请选择节点的子流程",
};

pub static SUB001: Rule = Rule {
    code: "SUB001",
    scope: Scope::NODE,
    levels: [E, E, O],
    summary: "(catalogue) the SubProcess's template does not exist",
    summary_zh: "子流程引用的流程模板不存在",
};

pub static SUB002: Rule = Rule {
    code: "SUB002",
    scope: Scope::NODE,
    levels: [E, E, O],
    summary: "(catalogue) the SubProcess's template refers back to this template, or its sub-processes refer round in a cycle",
    summary_zh: "子流程引用链中存在循环引用",
};

pub static SUB003: Rule = Rule {
    code: "SUB003",
    scope: Scope::NODE,
    levels: [E, E, O],
    summary: "(catalogue) unfolding the SubProcess goes 200 templates deep or more (SOPS's TEMPLATE_MAX_RECURSIVE_NUMBER)",
    summary_zh: "Template recursive number exceeds limit.",
};

pub static SUB004: Rule = Rule {
    code: "SUB004",
    scope: Scope::NODE,
    levels: [E, E, O],
    summary: "(catalogue) the project, or this common template's scope, is outside the common sub-process template's project_scope",
    summary_zh: "项目不在公共流程的使用范围内",
};

pub static SUB005: Rule = Rule {
    code: "SUB005",
    scope: Scope::NODE,
    levels: [W, W, O],
    summary: "(catalogue) unfolding the SubProcess: no constants object (KeyError), an older version than the template's latest, or variables the template no longer has (dropped)",
    summary_zh: "子流程有更新或变量已不存在",
};
