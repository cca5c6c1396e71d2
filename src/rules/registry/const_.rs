//! CONST: variables' values referring to variables (themselves, or round in a loop).

use super::{Rule, Scope};
use crate::diagnostic::Severity::{Error as E, Off as O};

pub static CONST001: Rule = Rule {
    code: "CONST001",
    scope: Scope::VARIABLES,
    levels: [E, E, O],
    summary: "a variable's value refers to the variable itself",
    summary_zh: "常量的值不能引用自身作为值",
};

pub static CONST002: Rule = Rule {
    code: "CONST002",
    scope: Scope::VARIABLES,
    levels: [E, E, O],
    summary: "variables refer to each other in a loop",
    summary_zh: "常量存在循环引用",
};
