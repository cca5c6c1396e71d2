//! VAR: where variables are used (references and hooked inputs, variables-spec §0, §3).

use crate::diagnostic::Severity::{Error as E, Off as O, Warning as W};

rules! {
    // code: scope, [template, task, engine], summary, summary_zh;
    VAR001: NODE | VARIABLE reads VARIABLES, [W, W, O], "(new) a ${...} reference names no variable (the text stays as written when the task runs)", "引用的变量不存在（执行时按原文保留）";
    VAR002: NODE reads VARIABLES | VARIABLE, [W, E, O], "(new) an input is hooked to a variable that does not exist, or whose source_info does not list it", "节点输入引用的变量不存在，或变量的 source_info 未记录该输入";
    VAR003: VARIABLE, [W, W, O], "(new) source_info lists an input the node does not have, or one that does not hold the variable", "变量 source_info 记录的节点输入不存在或未引用该变量";
    VAR004: VARIABLE reads VARIABLES, [W, W, O], "a variable's hide_condition refers to a variable that does not exist (the variable panel refuses to save it)", "变量的隐藏条件引用的变量不存在（变量面板无法保存）";
    VAR005: VARIABLE, [W, W, O], "a variable's validation is not a regular expression JavaScript accepts (the variable panel refuses to save it)", "变量的正则校验不是合法的正则表达式（变量面板无法保存）";
    VAR006: VARIABLE reads NODE | VARIABLES, [W, O, O], "(new) no task input, branch condition, sub-process parameter, other variable or the template's outputs uses the variable (SOPS leaves it out of the tasks it creates)", "变量未被任何节点输入、分支条件、子流程参数、其他变量或流程输出引用（创建任务时不会带上）";
}
