//! KEY: variable keys (`${...}`): the key a variable is stored under, and output keys.

use crate::diagnostic::Severity::{Error as E, Off as O};

rules! {
    // code: scope, [template, task, engine], summary, summary_zh;
    KEY001: VARIABLE, [E, E, O], "a variable's key field differs from the key it is stored under", "变量的 key 字段与其键不一致";
    KEY002: VARIABLE, [E, E, O], "a variable key is not ${letters, digits, _} or uses a reserved prefix (_env_, _system.)", "变量 key 不合法";
    KEY003: VARIABLES, [E, E, O], "an output key is not a valid variable key", "输出变量 key 不合法";
}
