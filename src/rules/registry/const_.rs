//! CONST: variables' values referring to variables (themselves, or round in a loop).

use crate::diagnostic::Severity::{Error as E, Off as O};

rules! {
    // code: scope, [template, task, engine], summary, summary_zh;
    CONST001: VARIABLES, [E, E, O], "a variable's value refers to the variable itself", "常量的值不能引用自身作为值";
    CONST002: VARIABLES, [E, E, O], "variables refer to each other in a loop", "常量存在循环引用";
}
