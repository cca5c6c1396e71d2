//! SUB: sub-processes: the embedded pipeline, the template id, and the checks against a
//! template catalogue.

use crate::diagnostic::Severity::{Error as E, Off as O, Warning as W};

rules! {
    // code: scope, [template, task, engine], summary, summary_zh;
    SUB006: ENGINE, [E, E, E], "the SubProcess has no embedded pipeline (required when sub-processes are checked as the engine does)", "子流程节点缺少 pipeline";
    SUB008: NODE, [E, E, O], "a SubProcess has no template_id", "请选择节点的子流程";
    SUB001: NODE, [E, E, O], "(catalogue) the SubProcess's template does not exist", "子流程引用的流程模板不存在";
    SUB002: NODE, [E, E, O], "(catalogue) the SubProcess's template refers back to this template, or its sub-processes refer round in a cycle", "子流程引用链中存在循环引用";
    SUB003: NODE, [E, E, O], "(catalogue) unfolding the SubProcess goes 200 templates deep or more (SOPS's TEMPLATE_MAX_RECURSIVE_NUMBER)", "Template recursive number exceeds limit.";
    SUB004: NODE, [E, E, O], "(catalogue) the project, or this common template's scope, is outside the common sub-process template's project_scope", "项目不在公共流程的使用范围内";
    SUB005: NODE, [W, W, O], "(catalogue) unfolding the SubProcess: no constants object (unfolding fails), an older version than the template's latest, or variables the template no longer has (dropped)", "（模板目录）展开子流程：没有 constants 对象（展开失败）、版本不是模板的最新版本，或变量已不在模板中（将被丢弃）";
}
