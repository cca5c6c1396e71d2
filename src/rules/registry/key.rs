//! KEY: variable keys (`${...}`): the key a variable is stored under, and output keys.

use crate::diagnostic::Severity::{Error as E, Off as O, Warning as W};

rules! {
    // code: scope, [template, task, engine], summary, summary_zh;
    KEY001: VARIABLE, [E, E, O], "a variable's key field differs from the key it is stored under", "变量的 key 字段与其键不一致";
    KEY002: VARIABLE, [E, E, O], "a variable key is not ${letters, digits, _} or uses a reserved prefix (_env_, _system.)", "变量 key 不合法";
    KEY003: VARIABLES, [E, E, O], "an output key is not a valid variable key", "输出变量 key 不合法";
    KEY004: VARIABLE, [W, W, O], "a variable key SOPS saves but its variable panel refuses: its name starts with a digit, is longer than 50 characters, is a Python keyword or is context", "变量 key 可以保存，但变量面板不接受：以数字开头、超过 50 个字符、为 Python 关键字或 context";
}
