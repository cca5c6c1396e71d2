//! Variable overrides (`constants: {"${key}": value}`): checked against the tree's variables,
//! applied as the task service applies them, and (clocked tasks) checked for references to
//! themselves or to each other (`validate_pipeline_tree_constants`).

use super::{describe, describe_zh, diag, At};
use crate::diagnostic::Diagnostic;
use crate::json::{Object, Path, Value};
use crate::model::{Constant, Tree};

/// Checks an override object; returns it when it is an object. `dropped` are the variables
/// node exclusion removed from `tree`.
pub(crate) fn check(
    v: &Value,
    path: &Path,
    tree: Option<&Tree>,
    dropped: &[String],
    out: &mut Vec<Diagnostic>,
) -> bool {
    let Some(overrides) = v.as_object() else {
        out.push(
            diag(
                "PAY010",
                format!(
                    "constants must be an object {{\"${{key}}\": value}}, found {}",
                    describe(v)
                ),
                format!(
                    "constants 必须是对象 {{\"${{key}}\": value}}，实为{}",
                    describe_zh(v)
                ),
            )
            .at(path.clone()),
        );
        return false;
    };
    for (key, value) in overrides.iter() {
        let at = path.key(key);
        let Some(tree) = tree else {
            if !braced(key) {
                out.push(
                    diag(
                        "PAY016",
                        format!("override key {key:?} is not of the form ${{name}}; write it as the variable's key"),
                        format!("覆盖值的 key {key:?} 不是 ${{name}} 格式，请写成变量的 key"),
                    )
                    .at(at),
                );
            }
            continue;
        };
        match tree.constant(key) {
            Some(c) => value_fits(&c, value, &at, out),
            None if dropped.iter().any(|d| d == key) => out.push(
                diag(
                    "PAY012",
                    format!("variable {key} is dropped with the excluded nodes (nothing refers to it any more); the override is ignored"),
                    format!("变量 {key} 已随剔除的节点一起移除（不再有引用），覆盖值会被忽略"),
                )
                .at(at),
            ),
            None => {
                let braced_key = format!("${{{key}}}");
                let (hint, hint_zh) = if !braced(key) && tree.constant(&braced_key).is_some() {
                    (format!(" (did you mean {braced_key}?)"), format!("（是否要写 {braced_key}？）"))
                } else if tree.internal_variables().any(|c| c.map_key() == key) || key.starts_with("${_system.") {
                    (" (a system variable cannot be set)".to_owned(), "（系统变量不能被设置）".to_owned())
                } else {
                    (String::new(), String::new())
                };
                out.push(
                    diag(
                        "PAY011",
                        format!("the tree has no variable {key}; the server would silently ignore this override{hint}"),
                        format!("流程中没有变量 {key}，服务端会直接忽略该覆盖值{hint_zh}"),
                    )
                    .at(at),
                );
            }
        }
    }
    true
}

fn braced(key: &str) -> bool {
    key.starts_with("${") && key.ends_with('}') && key.len() > 3
}

fn kind_zh(v: &Value) -> &'static str {
    match v {
        Value::String(_) => "文本",
        Value::Array(_) => "列表",
        other => other.json_type().name_zh(),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// `YYYY-MM-DD HH:MM:SS`, the date-time variable's value.
fn datetime_text(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 19
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b' ',
            13 | 16 => *c == b':',
            _ => c.is_ascii_digit(),
        })
}

/// The value against the variable: its custom type where it has a clear JSON shape, else
/// the kind of its current value.
fn value_fits(c: &Constant<'_>, v: &Value, at: &Path, out: &mut Vec<Diagnostic>) {
    let key = c.map_key();
    if c.source_type() == Some("component_outputs") {
        out.push(
            diag(
                "PAY015",
                format!("variable {key} is a component output; the node's output replaces this value when the node runs"),
                format!("变量 {key} 是组件输出变量，节点执行后会被覆盖"),
            )
            .at(at.clone()),
        );
    }
    let wrong = |want: &str, want_zh: &str| {
        diag(
            "PAY013",
            format!("variable {key} is {want}; the override is {}", describe(v)),
            format!("变量 {key} 是{want_zh}，覆盖值却是{}", describe_zh(v)),
        )
        .at(at.clone())
    };
    let ty = c.custom_type().unwrap_or("");
    match ty {
        "int" => {
            if !integer_like(v) {
                out.push(wrong("an integer (int)", "整数（int）"));
            }
        }
        "input" | "textarea" | "datetime" => match v {
            Value::String(s) if ty == "datetime" && !datetime_text(s) => out.push(
                diag(
                    "PAY014",
                    format!("variable {key} is a date-time; {s:?} is not YYYY-MM-DD HH:MM:SS"),
                    format!("变量 {key} 是日期时间，{s:?} 不是 YYYY-MM-DD HH:MM:SS 格式"),
                )
                .at(at.clone()),
            ),
            Value::String(_) => {}
            Value::Number(_) => out.push(
                diag(
                    "PAY014",
                    format!("variable {key} is text ({ty}); the override is a number"),
                    format!("变量 {key} 是文本（{ty}），覆盖值却是数字"),
                )
                .at(at.clone()),
            ),
            _ => out.push(wrong(&format!("text ({ty})"), &format!("文本（{ty}）"))),
        },
        "select" => {
            if !matches!(v, Value::String(_) | Value::Number(_) | Value::Array(_)) {
                out.push(wrong(
                    "a selection (a value or a list of values)",
                    "选择项（一个值或值的列表）",
                ));
            }
        }
        _ => same_kind(c, v, at, out),
    }
}

/// An integer, or text of one (an `int` variable's value).
fn integer_like(v: &Value) -> bool {
    match v {
        Value::Number(n) => n.as_i64().is_some() || n.as_f64().fract() == 0.0,
        Value::String(s) => {
            let t = s.trim();
            let t = t.strip_prefix(['-', '+']).unwrap_or(t);
            !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit())
        }
        _ => false,
    }
}

/// A variable of no clear shape: the override against the kind of its current value (meta
/// variables and null values aside).
fn same_kind(c: &Constant<'_>, v: &Value, at: &Path, out: &mut Vec<Diagnostic>) {
    let key = c.map_key();
    let current = c.value().filter(|x| !x.is_null());
    if let Some(cur) = current {
        if c.is_meta() != Some(true) && !v.is_null() && kind(cur) != kind(v) {
            out.push(
                diag(
                    "PAY014",
                    format!(
                        "variable {key} holds {} now; the override is {}",
                        kind(cur),
                        kind(v)
                    ),
                    format!(
                        "变量 {key} 当前的值是{}，覆盖值却是{}",
                        kind_zh(cur),
                        kind_zh(v)
                    ),
                )
                .at(at.clone()),
            );
        }
    }
}

/// The task service's override of the tree's `constants`: for each key the tree has, a meta
/// variable first keeps a copy of itself in `meta`, then `value` is replaced. Unknown keys are
/// skipped.
pub(crate) fn apply(constants: &mut Object, overrides: &Object) {
    for (key, value) in overrides.iter() {
        let Some(c) = constants.get_mut(key).and_then(Value::as_object_mut) else {
            continue;
        };
        if c.get("is_meta").is_some_and(|m| !super::fields::falsy(m)) {
            let meta = Value::Object(c.clone());
            c.insert("meta", meta);
        }
        c.insert("value", value.clone());
    }
}

/// Python's `str()` of a JSON value, enough for substring searches.
fn py_str(v: &Value, out: &mut String, top: bool) {
    match v {
        Value::Null => out.push_str("None"),
        Value::Bool(true) => out.push_str("True"),
        Value::Bool(false) => out.push_str("False"),
        Value::Number(n) => out.push_str(n.as_str()),
        Value::String(s) if top => out.push_str(s),
        Value::String(s) => {
            out.push('\'');
            out.push_str(s);
            out.push('\'');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                py_str(x, out, false);
            }
            out.push(']');
        }
        Value::Object(o) => {
            out.push('{');
            for (i, (k, x)) in o.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push('\'');
                out.push_str(k);
                out.push_str("': ");
                py_str(x, out, false);
            }
            out.push('}');
        }
    }
}

/// `validate_pipeline_tree_constants`: a value that contains its own key (CLOCK008) and keys
/// whose values contain each other in a loop (CLOCK009, the first loop found).
pub(crate) fn references(overrides: &Object, path: &Path, out: &mut Vec<Diagnostic>) {
    let keys: Vec<&str> = overrides.keys().collect();
    let graph = contains_graph(overrides, &keys, path, out);
    first_loop(&graph, &keys, path, out);
}

/// For each key, the other keys its value's text contains (a value containing its own key
/// is reported).
fn contains_graph(
    overrides: &Object,
    keys: &[&str],
    path: &Path,
    out: &mut Vec<Diagnostic>,
) -> Vec<Vec<usize>> {
    let texts: Vec<String> = overrides
        .values()
        .map(|c| {
            let v = match c {
                Value::Object(o) => o.get("value").unwrap_or(&Value::Null),
                other => other,
            };
            let mut s = String::new();
            if !v.is_null() {
                py_str(v, &mut s, true);
            }
            s
        })
        .collect();
    let mut graph: Vec<Vec<usize>> = vec![Vec::new(); keys.len()];
    for (i, text) in texts.iter().enumerate() {
        if text.is_empty() {
            continue;
        }
        for (j, k) in keys.iter().enumerate() {
            if !text.contains(k) {
                continue;
            }
            if i == j {
                out.push(
                    diag(
                        "CLOCK008",
                        format!("variable {k} refers to itself in its value"),
                        format!("变量 {k} 的值引用了自身"),
                    )
                    .at(path.key(k)),
                );
            } else {
                graph[i].push(j);
            }
        }
    }
    graph
}

/// Reports the first loop of `graph`.
fn first_loop(graph: &[Vec<usize>], keys: &[&str], path: &Path, out: &mut Vec<Diagnostic>) {
    // Depth-first, in key order; the first loop is reported, as the server raises on it.
    let mut state = vec![0u8; keys.len()];
    for root in 0..keys.len() {
        if state[root] != 0 || graph[root].is_empty() {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        state[root] = 1;
        while let Some(&mut (n, ref mut next)) = stack.last_mut() {
            if let Some(&m) = graph[n].get(*next) {
                *next += 1;
                match state[m] {
                    0 => {
                        state[m] = 1;
                        stack.push((m, 0));
                    }
                    1 => {
                        let names: Vec<&str> = stack.iter().map(|&(x, _)| keys[x]).collect();
                        out.push(
                            diag(
                                "CLOCK009",
                                format!(
                                    "variables refer to each other in a loop: {} → {}",
                                    names.join(" → "),
                                    keys[m]
                                ),
                                format!("变量之间循环引用：{} → {}", names.join(" → "), keys[m]),
                            )
                            .at(path.key(keys[m])),
                        );
                        return;
                    }
                    _ => {}
                }
            } else {
                state[n] = 2;
                stack.pop();
            }
        }
    }
}
