//! KEY (variable keys and output keys) and CONST (variables that reference themselves or each
//! other): `validate_web_pipeline_tree` step 2 and `validate_pipeline_tree_constants`.

use super::registry::*;
use crate::map::HashMap;

use super::ctx::{At, Ctx};
use crate::json::{Path, Value};
use crate::model::Constant;

/// `^(\$\{(?!_env_|_system\.)[a-zA-Z0-9_]+\})$` with Python's `re.match` (a final newline passes).
pub fn key_pattern(k: &str) -> bool {
    let k = k.strip_suffix('\n').unwrap_or(k);
    let Some(inner) = k.strip_prefix("${").and_then(|r| r.strip_suffix('}')) else {
        return false;
    };
    !inner.is_empty()
        && !inner.starts_with("_env_")
        && inner.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

pub(crate) fn check(cx: &mut Ctx<'_>) {
    let tree = cx.tree;
    for c in tree.constants() {
        constant(cx, &c);
    }
    outputs(cx);
    references(cx);
}

/// KEY003: the output keys.
pub(crate) fn outputs(cx: &mut Ctx<'_>) {
    let tree = cx.tree;
    for (i, k) in tree.outputs().enumerate() {
        if !key_pattern(k) {
            cx.emit(
                &KEY003,
                At::path(Path::root().key("outputs").index(i)),
                format!("invalid output key {k:?}"),
                format!("输出 key {k:?} 不合法"),
            );
        }
    }
}

/// Every `${...}` in the strings of a value (keys of objects too: Python's `str()` shows them).
fn refs<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        match v {
            Value::String(s) => scan(s, out),
            Value::Array(items) => stack.extend(items.iter().rev()),
            Value::Object(o) => {
                for (k, item) in o.iter().rev() {
                    stack.push(item);
                    scan(k, out);
                }
            }
            _ => {}
        }
    }
}

fn scan<'a>(s: &'a str, out: &mut Vec<&'a str>) {
    let mut from = 0;
    while let Some(at) = s[from..].find("${") {
        let start = from + at;
        match s[start..].find('}') {
            Some(len) => {
                out.push(&s[start..=start + len]);
                from = start + 2;
            }
            None => break,
        }
    }
}

/// CONST001 (a variable whose value names itself) and CONST002 (variables that reference each
/// other in a loop): every loop once, in key order.
pub(crate) fn references(cx: &mut Ctx<'_>) {
    let tree = cx.tree;
    let consts: Vec<_> = tree.constants().collect();
    let index: HashMap<&str, usize> = consts
        .iter()
        .enumerate()
        .map(|(i, c)| (c.map_key(), i))
        .collect();
    let mut deps: Vec<Vec<usize>> = vec![Vec::new(); consts.len()];
    for (i, c) in consts.iter().enumerate() {
        let mut found = Vec::new();
        if let Some(v) = c.value() {
            refs(v, &mut found);
        }
        for r in found {
            if let Some(&j) = index.get(r) {
                if deps[i].contains(&j) {
                    continue;
                }
                if j == i {
                    cx.emit(
                        &CONST001,
                        At::path(Path::root().key("constants").key(c.map_key()).key("value")),
                        format!("variable {} uses itself as its value", c.map_key()),
                        format!("变量 {} 的值引用了自身", c.map_key()),
                    );
                }
                deps[i].push(j);
            }
        }
    }
    // Iterative DFS, colours: 0 new, 1 on the stack, 2 done.
    let mut colour = vec![0u8; consts.len()];
    for root in 0..consts.len() {
        if colour[root] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        colour[root] = 1;
        while let Some(&mut (n, ref mut next)) = stack.last_mut() {
            if *next < deps[n].len() {
                let m = deps[n][*next];
                *next += 1;
                if m == n {
                    continue;
                }
                match colour[m] {
                    0 => {
                        colour[m] = 1;
                        stack.push((m, 0));
                    }
                    1 => {
                        let at = stack.iter().position(|&(x, _)| x == m).unwrap_or(0);
                        let mut cycle: Vec<&str> = stack[at..]
                            .iter()
                            .map(|&(x, _)| consts[x].map_key())
                            .collect();
                        cycle.push(consts[m].map_key());
                        let cycle = cycle.join(" → ");
                        cx.emit(
                            &CONST002,
                            At::path(Path::root().key("constants").key(consts[m].map_key())),
                            format!("variables reference each other in a loop: {cycle}"),
                            format!("变量之间循环引用：{cycle}"),
                        );
                    }
                    _ => {}
                }
            } else {
                colour[n] = 2;
                stack.pop();
            }
        }
    }
}

/// KEY001/KEY002/KEY004 for one variable.
pub(crate) fn constant(cx: &mut Ctx<'_>, c: &Constant<'_>) {
    let key = c.map_key();
    let path = Path::root().key("constants").key(key);
    if c.key() != Some(key) {
        cx.emit(
            &KEY001,
            At::path(path.key("key")),
            format!(
                "variable {key}: its 'key' field is {}, not its own key",
                c.key().map_or("missing".to_owned(), |k| format!("{k:?}"))
            ),
            format!(
                "变量 {key} 的 key 字段为 {}，与变量自身的键不一致",
                c.key().map_or("空".to_owned(), |k| format!("{k:?}"))
            ),
        );
        return;
    }
    if !key_pattern(key) {
        cx.emit(
            &KEY002,
            At::path(path),
            format!("invalid variable key {key:?}: it must be ${{letters, digits, _}} and not start with _env_ or _system."),
            format!("变量 key {key:?} 不合法：须为 ${{字母、数字、_}}，且不能以 _env_ 或 _system. 开头"),
        );
        return;
    }
    // The key the server saves, but SOPS's variable panel (and the editor's operations)
    // would not give a variable: the same rules, so the two cannot disagree.
    if let Err(problem) = crate::variables::variable_key(key) {
        cx.emit(
            &KEY004,
            At::path(path),
            format!(
                "{}; SOPS saves it, but its variable panel refuses to save the variable again",
                problem.message
            ),
            format!(
                "{}（可以保存，但变量面板无法再次保存该变量）",
                problem.message_zh
            ),
        );
    }
}
