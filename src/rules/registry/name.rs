//! NAME: names SOPS rewrites on save.

use crate::diagnostic::Severity::{Off as O, Warning as W};

rules! {
    // code: scope, [template, task, engine], summary, summary_zh;
    NAME001: NODE, [W, W, O], "a name contains < > $ & ' \" or is longer than 50 characters; SOPS rewrites it on save", "名称包含非法字符或超过 50 个字符";
}
