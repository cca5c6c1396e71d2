//! The data half of a template: its variables (`constants`), where each is used, and the
//! rules their keys follow.
//!
//! * [`mako`]: the names a `${...}` template refers to, as the engine and SOPS's editor find
//!   them, and renaming them in place.
//! * [`refs`]: every place of a tree that uses a variable (hooked inputs, references in
//!   values and conditions, received outputs, `outputs`), as SOPS's editor counts them,
//!   without its false positives.
//! * [`plugins`]: the plugin catalogue (inputs and outputs of each plugin version), built-in or
//!   given.
//! * [`regex`]: whether JavaScript surely refuses a variable's `validation` pattern.

pub mod boolrule;
pub mod index;
pub mod mako;
pub mod plugins;
pub mod refs;
pub mod regex;
pub mod types;

/// Python 3.11's hard keywords (`keyword.kwlist`), which SOPS's key check refuses.
const PYTHON_KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// Most characters of a key's name (`STRING_LENGTH.VARIABLE_KEY_MAX_LENGTH`).
pub const KEY_MAX: usize = 50;

/// Why a key cannot name a new variable, in English and Chinese (SOPS's variable form,
/// variables-spec §4.1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyProblem {
    pub message: String,
    pub message_zh: String,
}

/// A variable key as the editor stores it (`${name}`), from `name` or `${name}`, checked as
/// SOPS's variable form and its server check do (variables-spec §1.3): letters, digits and
/// `_`, not starting with a digit, `_env_` or `_system.`; at most 50 characters; not a Python
/// keyword and not `context`. Whether the key is taken is the caller's to check.
pub fn variable_key(raw: &str) -> Result<String, KeyProblem> {
    let name = raw
        .strip_prefix("${")
        .and_then(|r| r.strip_suffix('}'))
        .unwrap_or(raw);
    let problem = |en: &str, zh: &str| {
        Err(KeyProblem {
            message: format!("variable key {raw:?}: {en}"),
            message_zh: format!("变量KEY {raw}：{zh}"),
        })
    };
    if name.is_empty() {
        return problem("it is empty", "不能为空");
    }
    let well_formed = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !well_formed || name.starts_with("_env_") {
        return problem(
            "use letters, digits and underscores, not starting with a digit or _env_ (the names of project and system variables)",
            "由英文字母、数字、下划线组成，不能以数字开头，且不能使用系统变量及项目变量的命名规则",
        );
    }
    if name.chars().count() > KEY_MAX {
        return problem(
            &format!("it is longer than {KEY_MAX} characters"),
            &format!("长度不能超过{KEY_MAX}个字符"),
        );
    }
    if PYTHON_KEYWORDS.contains(&name) || name == "context" {
        return problem(
            "it is a reserved word of the variable engine",
            "为特殊标志符变量，请修改",
        );
    }
    Ok(format!("${{{name}}}"))
}

/// The name inside a key: `a` for `${a}` (a key without braces is its own name).
pub fn key_name(key: &str) -> &str {
    key.strip_prefix("${")
        .and_then(|r| r.strip_suffix('}'))
        .unwrap_or(key)
}

/// `${name}` for `name` or `${name}`.
pub fn braced(raw: &str) -> String {
    if raw.starts_with("${") && raw.ends_with('}') {
        raw.to_owned()
    } else {
        format!("${{{raw}}}")
    }
}
