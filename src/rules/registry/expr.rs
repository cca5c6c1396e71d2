//! EXPR: expressions bamboo-engine evaluates when the task runs: branch conditions (boolrule)
//! and the `${...}` templates Mako compiles in plugin inputs, sub-process parameters and
//! variable values.

use crate::diagnostic::Severity::{Error as E, Off as O, Warning as W};

rules! {
    // code: scope, [template, task, engine], summary, summary_zh;
    EXPR001: NODE, [E, E, O], "(new) a branch condition does not parse as boolrule once its ${...} are rendered (the gateway fails when the task runs)", "分支条件表达式在渲染 ${...} 后无法按 boolrule 语法解析（执行到网关时失败）";
    EXPR002: NODE | VARIABLE, [W, W, O], "(new) a ${...} that Mako cannot compile (the text stays as written when the task runs)", "${...} 表达式无法被 Mako 编译（执行时按原文保留）";
}
