//! NAME: names SOPS rewrites on save, or its panels refuse.

use crate::diagnostic::Severity::{Off as O, Warning as W};

rules! {
    // code: scope, [template, task, engine], summary, summary_zh;
    NAME001: NODE, [W, W, O], "a name contains < > $ & ' \" or is longer than 50 characters; SOPS rewrites it on save", "名称包含非法字符或超过 50 个字符";
    NAME002: VARIABLE, [W, W, O], "a variable's name contains ' \" ‘ ’ “ ” $ < > (the variable panel refuses them) or &; SOPS strips < > $ & ' \" on save (an empty or too long name: SCHEMA012)", "变量名称包含 ' \" ‘ ’ “ ” $ < >（变量面板不接受）或 &，保存时 < > $ & ' \" 会被删去（名称为空或过长：SCHEMA012）";
}
