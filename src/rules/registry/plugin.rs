//! PLUGIN: a task's plugin inputs against the plugin catalogue (plugins.md), in trees in SOPS's
//! format. The catalogue may not know every plugin a server has (third-party plugins), so
//! these are warnings.

use crate::diagnostic::Severity::{Off as O, Warning as W};

rules! {
    // code: scope, [template, task, engine], summary, summary_zh;
    PLUGIN001: NODE, [W, W, O], "(new) the task's plugin, or its version, is not in the plugin catalogue", "插件或插件版本不在插件目录中";
    PLUGIN002: NODE, [W, W, O], "(new) component.data has an input the plugin version does not have", "插件输入不属于该插件版本";
    PLUGIN003: NODE, [W, W, O], "(new) a required input of the plugin is empty", "插件的必填输入为空";
    PLUGIN004: NODE, [W, W, O], "(new) an input's value does not fit its form (a number for int, one of the options for select and radio, a list for checkbox)", "插件输入的值与表单类型不符";
    PLUGIN005: VARIABLE, [W, W, O], "(new) an output variable receives an output its node's plugin version does not have (the variable is never set)", "输出变量接收的节点输出不属于该插件版本（变量不会被赋值）";
}
