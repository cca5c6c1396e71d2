//! KEY: variable keys (`${...}`): the key a variable is stored under, and output keys.

use super::{Rule, Scope};
use crate::diagnostic::Severity::{Error as E, Off as O};

pub static KEY001: Rule = Rule {
    code: "KEY001",
    scope: Scope::VARIABLE,
    levels: [E, E, O],
    summary: "a variable's key field differs from the key it is stored under",
    summary_zh: "变量的 key 字段与其键不一致",
};

pub static KEY002: Rule = Rule {
    code: "KEY002",
    scope: Scope::VARIABLE,
    levels: [E, E, O],
    summary:
        "a variable key is not ${letters, digits, _} or uses a reserved prefix (_env_, _system.)",
    summary_zh: "变量 key 不合法",
};

pub static KEY003: Rule = Rule {
    code: "KEY003",
    scope: Scope::VARIABLES,
    levels: [E, E, O],
    summary: "an output key is not a valid variable key",
    summary_zh: "输出变量 key 不合法",
};
