//! JSON Patch (RFC 6902) over the core's lossless [`Value`], with JSON Pointer (RFC 6901)
//! paths: how a fixture states the few changes that make its tree from a shared base tree.
//!
//! Objects keep their key order, as the core's do: `add` of a new key puts it last, `add` or
//! `replace` of an existing key keeps its place, `move` is a `remove` then an `add` (so a moved
//! key goes last), `copy` an `add` of a copy. A patch applies whole or not at all: the first
//! operation that fails stops it and leaves the document as it was. `test` compares as the RFC
//! says: objects whatever their key order, numbers by value (`1` equals `1.0`).
//! The unit cases are `tests/fixtures/patch/*.json`.

use pipeline_tree::json::{Object, Value};

/// Why a patch does not apply: which operation (from 0) and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatchError {
    pub op: usize,
    pub message: String,
}

impl std::fmt::Display for PatchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "patch operation #{}: {}", self.op, self.message)
    }
}

impl std::error::Error for PatchError {}

/// Applies `patch` (a list of operation objects) to `doc`, all of it or nothing.
pub fn apply(doc: &mut Value, patch: &Value) -> Result<(), PatchError> {
    let ops = patch.as_array().ok_or_else(|| PatchError {
        op: 0,
        message: "a patch is a list of operations".into(),
    })?;
    let mut work = doc.clone();
    for (i, op) in ops.iter().enumerate() {
        apply_one(&mut work, op).map_err(|message| PatchError { op: i, message })?;
    }
    *doc = work;
    Ok(())
}

fn apply_one(doc: &mut Value, op: &Value) -> Result<(), String> {
    let o = op
        .as_object()
        .ok_or("an operation is an object with \"op\" and \"path\"")?;
    let name = member_str(o, "op")?;
    let path = parse_pointer(member_str(o, "path")?)?;
    let value = || {
        o.get("value")
            .cloned()
            .ok_or_else(|| format!("{name} needs a \"value\""))
    };
    let from = || member_str(o, "from").and_then(parse_pointer);
    match name {
        "add" => add(doc, &path, value()?),
        "remove" => remove(doc, &path).map(drop),
        "replace" => {
            let target = get_mut(doc, &path)?;
            *target = value()?;
            Ok(())
        }
        "move" => {
            let from = from()?;
            if from.len() < path.len() && path.starts_with(&from) {
                return Err("cannot move a value into itself".into());
            }
            let moved = remove(doc, &from)?;
            add(doc, &path, moved)
        }
        "copy" => {
            let copied = get_mut(doc, &from()?)?.clone();
            add(doc, &path, copied)
        }
        "test" => {
            let want = value()?;
            if same(get_mut(doc, &path)?, &want) {
                Ok(())
            } else {
                Err(format!("test failed at {}", show(&path)))
            }
        }
        other => Err(format!("unknown operation {other:?}")),
    }
}

fn member_str<'a>(o: &'a Object, key: &str) -> Result<&'a str, String> {
    o.get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| format!("\"{key}\" must be a string"))
}

/// The reference tokens of a JSON Pointer: `""` is the whole document, `/a/0` member `a`
/// then item 0; `~1` stands for `/` and `~0` for `~`.
pub fn parse_pointer(pointer: &str) -> Result<Vec<String>, String> {
    if pointer.is_empty() {
        return Ok(Vec::new());
    }
    let rest = pointer
        .strip_prefix('/')
        .ok_or_else(|| format!("pointer {pointer:?} must be empty or start with /"))?;
    rest.split('/')
        .map(|token| {
            let mut out = String::with_capacity(token.len());
            let mut chars = token.chars();
            while let Some(c) = chars.next() {
                if c != '~' {
                    out.push(c);
                    continue;
                }
                match chars.next() {
                    Some('0') => out.push('~'),
                    Some('1') => out.push('/'),
                    _ => return Err(format!("pointer {pointer:?}: ~ must be ~0 or ~1")),
                }
            }
            Ok(out)
        })
        .collect()
}

/// The pointer of `tokens`, escaped again (for messages).
fn show(tokens: &[String]) -> String {
    tokens
        .iter()
        .map(|t| format!("/{}", t.replace('~', "~0").replace('/', "~1")))
        .collect()
}

/// An array index: digits without a leading zero, below `len` (up to `len`, or `-` for
/// `len`, when `end` allows the position after the last item).
fn index(token: &str, len: usize, end: bool) -> Result<usize, String> {
    if end && token == "-" {
        return Ok(len);
    }
    let digits = !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit());
    if !digits || (token.len() > 1 && token.starts_with('0')) {
        return Err(format!("{token:?} is not an array index"));
    }
    match token.parse::<usize>() {
        Ok(i) if i < len || (end && i == len) => Ok(i),
        _ => Err(format!("index {token} is out of range (length {len})")),
    }
}

fn get_mut<'a>(doc: &'a mut Value, tokens: &[String]) -> Result<&'a mut Value, String> {
    let mut at = doc;
    for (depth, token) in tokens.iter().enumerate() {
        let here = || show(&tokens[..depth]);
        at = match at {
            Value::Object(o) => o
                .get_mut(token)
                .ok_or_else(|| format!("no member {token:?} at {:?}", here()))?,
            Value::Array(a) => {
                let i = index(token, a.len(), false).map_err(|e| format!("{e} at {:?}", here()))?;
                &mut a[i]
            }
            _ => return Err(format!("{:?} is neither an object nor an array", here())),
        };
    }
    Ok(at)
}

fn add(doc: &mut Value, tokens: &[String], value: Value) -> Result<(), String> {
    let Some((last, parent)) = tokens.split_last() else {
        *doc = value;
        return Ok(());
    };
    match get_mut(doc, parent)? {
        Value::Object(o) => {
            o.insert(last.as_str(), value);
        }
        Value::Array(a) => {
            let i = index(last, a.len(), true)?;
            a.insert(i, value);
        }
        _ => return Err(format!("cannot add into {}: not a container", show(parent))),
    }
    Ok(())
}

fn remove(doc: &mut Value, tokens: &[String]) -> Result<Value, String> {
    let (last, parent) = tokens
        .split_last()
        .ok_or("cannot remove the whole document")?;
    match get_mut(doc, parent)? {
        Value::Object(o) => o
            .remove(last)
            .ok_or_else(|| format!("no member {last:?} to remove at {:?}", show(parent))),
        Value::Array(a) => {
            let i = index(last, a.len(), false)?;
            Ok(a.remove(i))
        }
        _ => Err(format!(
            "cannot remove from {}: not a container",
            show(parent)
        )),
    }
}

/// Equality as `test` sees it: objects with the same members in any order, numbers equal by
/// value.
pub fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}
