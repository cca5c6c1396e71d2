//! NAME: names SOPS rewrites on save.

use super::{Rule, Scope};
use crate::diagnostic::Severity::{Off as O, Warning as W};

pub static NAME001: Rule = Rule {
    code: "NAME001",
    scope: Scope::NODE,
    levels: [W, W, O],
    summary:
        "a name contains < > $ & ' \" or is longer than 50 characters; SOPS rewrites it on save",
    summary_zh: "名称包含非法字符或超过 50 个字符",
};
