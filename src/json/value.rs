//! The lossless JSON value: objects keep key order, numbers keep their text.

use super::key::Key;
use foldhash::fast::RandomState;
use hashbrown::HashTable;
use std::hash::BuildHasher;

/// A JSON number kept as the exact text it was written with (`1`, `1.0`, `1e3`, `-0`),
/// so that reading and writing a tree never changes a number.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Number(Box<str>);

impl Number {
    /// Wraps text already known to match the JSON number grammar (the parser checks it).
    pub(crate) fn from_raw(text: &str) -> Number {
        Number(text.into())
    }

    /// The number as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn as_f64(&self) -> f64 {
        // The grammar the parser enforces is a subset of what `read_f64` accepts.
        super::read_f64(&self.0).unwrap_or(f64::NAN)
    }

    /// The value as an integer, when it is written as one (`3`, not `3.0`) and fits.
    pub fn as_i64(&self) -> Option<i64> {
        self.0.parse().ok()
    }
}

impl From<i64> for Number {
    fn from(n: i64) -> Number {
        Number(n.to_string().into())
    }
}

impl From<u32> for Number {
    fn from(n: u32) -> Number {
        Number(n.to_string().into())
    }
}

impl Number {
    /// A finite float written the shortest way that reads back the same (`1.5`, `40`);
    /// `None` for NaN and infinities, which JSON cannot express.
    pub fn from_f64(f: f64) -> Option<Number> {
        if !f.is_finite() {
            return None;
        }
        if f == f.trunc() && f.abs() < 1e15 {
            return Some(Number((f as i64).to_string().into()));
        }
        // as Rust's `{}` writes it: positional, never an exponent
        let (neg, digits, exp) = shortest(f);
        let mut s = String::from(if neg { "-" } else { "" });
        positional(&mut s, &digits, exp, false);
        Some(Number(s.into()))
    }
}

/// Writes `0.digits × 10^(exp + 1)` without an exponent; a whole number gets `.0` when
/// `point` is set.
fn positional(s: &mut String, digits: &str, exp: i32, point: bool) {
    if exp >= 0 {
        let int_len = exp as usize + 1;
        if digits.len() <= int_len {
            s.push_str(digits);
            s.extend(std::iter::repeat_n('0', int_len - digits.len()));
            if point {
                s.push_str(".0");
            }
        } else {
            s.push_str(&digits[..int_len]);
            s.push('.');
            s.push_str(&digits[int_len..]);
        }
    } else {
        s.push_str("0.");
        s.extend(std::iter::repeat_n('0', (-exp - 1) as usize));
        s.push_str(digits);
    }
}

/// The shortest digits that read back as `f` (finite, not zero): (negative, digits without
/// leading or trailing zeros, the decimal exponent of the first digit).
fn shortest(f: f64) -> (bool, String, i32) {
    let mut buf = ryu::Buffer::new();
    let text = buf.format_finite(f);
    let (neg, text) = match text.strip_prefix('-') {
        Some(t) => (true, t),
        None => (false, text),
    };
    let (mantissa, e) = match text.split_once('e') {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (text, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all: String = [int, frac].concat();
    let lead = all.len() - all.trim_start_matches('0').len();
    let digits = all.trim_matches('0').to_owned();
    let exp = e + int.len() as i32 - 1 - lead as i32;
    (neg, digits, exp)
}

/// Python's `repr` of a float: always a fraction or an exponent (`1.0`, `0.0001`, `1e-05`,
/// `1.5e+16`), with the shortest digits that read back.
pub(crate) fn python_float_repr(f: f64) -> String {
    if !f.is_finite() {
        return if f.is_nan() {
            "NaN".into()
        } else if f > 0.0 {
            "inf".into()
        } else {
            "-inf".into()
        };
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0" } else { "0.0" }.into();
    }
    let (neg, digits, exp) = shortest(f);
    let mut s = String::from(if neg { "-" } else { "" });
    if (-4..16).contains(&exp) {
        positional(&mut s, &digits, exp, true);
    } else {
        s.push_str(&digits[..1]);
        if digits.len() > 1 {
            s.push('.');
            s.push_str(&digits[1..]);
        }
        s.push('e');
        s.push(if exp < 0 { '-' } else { '+' });
        s.push_str(&format!("{:02}", exp.unsigned_abs()));
    }
    s
}

/// A JSON value. Object equality is order-sensitive: two objects are equal only when they hold
/// the same keys in the same order with equal values.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Value>),
    Object(Object),
}

/// What kind of JSON value something is, for messages ("expected a string, found an array").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum JsonType {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

impl JsonType {
    pub fn name(self) -> &'static str {
        match self {
            JsonType::Null => "null",
            JsonType::Bool => "a boolean",
            JsonType::Number => "a number",
            JsonType::String => "a string",
            JsonType::Array => "an array",
            JsonType::Object => "an object",
        }
    }
}

impl JsonType {
    /// The type's name in Chinese: 字符串, 数字, 对象…
    pub fn name_zh(self) -> &'static str {
        match self {
            JsonType::Null => "null",
            JsonType::Bool => "布尔值",
            JsonType::Number => "数字",
            JsonType::String => "字符串",
            JsonType::Array => "数组",
            JsonType::Object => "对象",
        }
    }
}

impl Value {
    pub fn json_type(&self) -> JsonType {
        match self {
            Value::Null => JsonType::Null,
            Value::Bool(_) => JsonType::Bool,
            Value::Number(_) => JsonType::Number,
            Value::String(_) => JsonType::String,
            Value::Array(_) => JsonType::Array,
            Value::Object(_) => JsonType::Object,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_number(&self) -> Option<&Number> {
        match self {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        self.as_number().map(Number::as_f64)
    }

    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&Object> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }

    pub fn as_object_mut(&mut self) -> Option<&mut Object> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// Looks up a key when this is an object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object().and_then(|o| o.get(key))
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::String(s.to_owned())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(s)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::Number(n.into())
    }
}

impl From<Object> for Value {
    fn from(o: Object) -> Value {
        Value::Object(o)
    }
}

impl From<Vec<Value>> for Value {
    fn from(a: Vec<Value>) -> Value {
        Value::Array(a)
    }
}

/// A JSON object that keeps its keys in the order they were written or inserted.
/// Removing a key keeps the order of the others.
///
/// Entries live in one vector in order. Most objects of a tree are small (a plugin input, a
/// flow, a location): those are searched linearly and cost one allocation. Past
/// [`INDEXED_FROM`] keys an index (a hash table of positions) makes lookups O(1).
#[derive(Clone, Debug, Default)]
pub struct Object {
    entries: Vec<(Key, Value)>,
    index: Option<Box<Index>>,
}

/// Objects with at least this many keys get a hash index.
pub(crate) const INDEXED_FROM: usize = 32;

/// The hash index of a large object: positions of its entries, found by key.
#[derive(Clone, Default)]
pub(crate) struct Index {
    table: HashTable<u32>,
    hasher: RandomState,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Index")
    }
}

impl Index {
    fn hash(&self, key: &str) -> u64 {
        self.hasher.hash_one(key)
    }

    pub(crate) fn build(entries: &[(Key, Value)]) -> Box<Index> {
        let mut ix = Box::new(Index {
            table: HashTable::with_capacity(entries.len()),
            hasher: RandomState::default(),
        });
        for i in 0..entries.len() {
            ix.push(entries, i);
        }
        ix
    }

    /// Indexes `entries[i]`, a key not indexed yet.
    pub(crate) fn push(&mut self, entries: &[(Key, Value)], i: usize) {
        let h = self.hash(entries[i].0.as_str());
        let hasher = &self.hasher;
        self.table.insert_unique(h, i as u32, |&j| {
            hasher.hash_one(entries[j as usize].0.as_str())
        });
    }

    pub(crate) fn find(&self, entries: &[(Key, Value)], key: &str) -> Option<usize> {
        self.table
            .find(self.hash(key), |&j| {
                same(entries[j as usize].0.as_str().as_bytes(), key.as_bytes())
            })
            .map(|&j| j as usize)
    }
}

/// The position of `key` among `entries`, through their index when they have one.
#[inline]
pub(crate) fn position(
    entries: &[(Key, Value)],
    index: Option<&Index>,
    key: &str,
) -> Option<usize> {
    match index {
        Some(ix) => ix.find(entries, key),
        None => match super::key::known(key) {
            // a known name is stored as its index, and only as its index
            Some(i) => entries
                .iter()
                .position(|(k, _)| matches!(k, Key::Known(j) if *j == i)),
            None => {
                // other keys mostly differ in length or first byte: look at those before
                // comparing whole keys
                let (len, first) = (key.len(), key.as_bytes().first());
                entries.iter().position(|(k, _)| match k {
                    Key::Other(k) => {
                        k.len() == len
                            && k.as_bytes().first() == first
                            && same(k.as_bytes(), key.as_bytes())
                    }
                    Key::Known(_) => false,
                })
            }
        },
    }
}

/// Whether two keys are equal, compared eight bytes at a time (keys are short: a call to
/// `memcmp`, a byte loop in wasm, costs more than the comparison).
#[inline]
pub(crate) fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let (mut x, mut y) = (a.chunks_exact(8), b.chunks_exact(8));
    let word = |c: &[u8]| u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
    if !x.by_ref().zip(y.by_ref()).all(|(p, q)| word(p) == word(q)) {
        return false;
    }
    x.remainder().iter().zip(y.remainder()).all(|(p, q)| p == q)
}

impl PartialEq for Object {
    fn eq(&self, other: &Object) -> bool {
        self.entries == other.entries
    }
}

impl Object {
    pub fn new() -> Object {
        Object::default()
    }

    pub fn with_capacity(n: usize) -> Object {
        Object {
            entries: Vec::with_capacity(n),
            index: None,
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The position of a key in the object's order.
    pub fn index_of(&self, key: &str) -> Option<usize> {
        position(&self.entries, self.index.as_deref(), key)
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.index_of(key).map(|i| &self.entries[i].1)
    }

    /// The stored key and its value.
    pub fn get_key_value(&self, key: &str) -> Option<(&str, &Value)> {
        self.index_of(key)
            .map(|i| (self.entries[i].0.as_str(), &self.entries[i].1))
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.index_of(key).map(|i| &mut self.entries[i].1)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.index_of(key).is_some()
    }

    /// Sets a key: an existing key keeps its place, a new key goes last. Returns the old value.
    pub fn insert(&mut self, key: impl Into<String>, value: Value) -> Option<Value> {
        let key = key.into();
        if let Some(i) = self.index_of(&key) {
            return Some(std::mem::replace(&mut self.entries[i].1, value));
        }
        self.push_new(key, value);
        None
    }

    /// An object of entries with distinct keys and, when there are [`INDEXED_FROM`] or more,
    /// their index (the reader builds both as it reads).
    pub(crate) fn from_parts(entries: Vec<(Key, Value)>, index: Option<Box<Index>>) -> Object {
        debug_assert_eq!(index.is_some(), entries.len() >= INDEXED_FROM);
        Object { entries, index }
    }

    /// Appends a key the caller knows is not present.
    pub(crate) fn push_new(&mut self, key: String, value: Value) {
        debug_assert!(!self.contains_key(&key));
        self.entries.push((Key::from(key), value));
        let last = self.entries.len() - 1;
        match &mut self.index {
            Some(ix) => ix.push(&self.entries, last),
            None if self.entries.len() >= INDEXED_FROM => {
                self.index = Some(Index::build(&self.entries))
            }
            None => {}
        }
    }

    /// Inserts a new key at `index` (or moves an existing one there).
    pub fn insert_at(
        &mut self,
        index: usize,
        key: impl Into<String>,
        value: Value,
    ) -> Option<Value> {
        let key = key.into();
        let old = self.remove(&key);
        let index = index.min(self.entries.len());
        if index == self.entries.len() {
            self.push_new(key, value);
            return old;
        }
        self.entries.insert(index, (Key::from(key), value));
        match &mut self.index {
            // positions at or after `index` move up by one; then the new key is indexed
            Some(ix) => {
                for p in ix.table.iter_mut().filter(|p| **p as usize >= index) {
                    *p += 1;
                }
                ix.push(&self.entries, index);
            }
            None if self.entries.len() >= INDEXED_FROM => {
                self.index = Some(Index::build(&self.entries))
            }
            None => {}
        }
        old
    }

    /// Removes a key, keeping the order of the others.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let i = self.index_of(key)?;
        if let Some(ix) = &mut self.index {
            let h = ix.hash(key);
            if let Ok(slot) = ix.table.find_entry(h, |&j| j as usize == i) {
                slot.remove();
            }
            // positions after `i` move down by one
            for p in ix.table.iter_mut().filter(|p| **p as usize > i) {
                *p -= 1;
            }
        }
        let (_, v) = self.entries.remove(i);
        Some(v)
    }

    /// Keeps the entries `keep` accepts, in their order (one pass, whatever is removed).
    pub fn retain(&mut self, mut keep: impl FnMut(&str, &Value) -> bool) {
        let before = self.entries.len();
        self.entries.retain(|(k, v)| keep(k.as_str(), v));
        if self.entries.len() != before && self.index.is_some() {
            self.index = (self.entries.len() >= INDEXED_FROM).then(|| Index::build(&self.entries));
        }
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &Value)> + DoubleEndedIterator {
        self.entries.iter().map(|(k, v)| (k.as_str(), v))
    }

    pub fn iter_mut(&mut self) -> impl ExactSizeIterator<Item = (&str, &mut Value)> {
        self.entries.iter_mut().map(|(k, v)| (k.as_str(), v))
    }

    pub fn keys(&self) -> impl ExactSizeIterator<Item = &str> {
        self.entries.iter().map(|(k, _)| k.as_str())
    }

    pub fn values(&self) -> impl ExactSizeIterator<Item = &Value> {
        self.entries.iter().map(|(_, v)| v)
    }
}

impl FromIterator<(String, Value)> for Object {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Object {
        let mut o = Object::new();
        for (k, v) in iter {
            o.insert(k, v);
        }
        o
    }
}

#[cfg(test)]
mod key_tests {
    use super::same;

    #[test]
    fn same_is_equality() {
        let words: Vec<Vec<u8>> = (0..40)
            .flat_map(|n| {
                let base: Vec<u8> = (0..n).map(|i| b'a' + (i % 26) as u8).collect();
                let mut variants = vec![base.clone()];
                for at in 0..n {
                    let mut v = base.clone();
                    v[at] ^= 0x20;
                    variants.push(v);
                }
                variants
            })
            .collect();
        for a in &words {
            for b in &words {
                assert_eq!(same(a, b), a == b, "{a:?} {b:?}");
            }
        }
    }
}

#[cfg(test)]
mod float_tests {
    use super::*;

    /// What the standard library's formatting gave (the writer before ryu).
    fn old_display(f: f64) -> String {
        format!("{f}")
    }

    fn old_python(f: f64) -> String {
        let mut text = format!("{f:?}");
        if let Some(e) = text.find('e') {
            let (m, exp) = text.split_at(e + 1);
            let (sign, digits) = exp.strip_prefix('-').map_or(("+", exp), |d| ("-", d));
            text = format!("{m}{sign}{digits:0>2}");
        }
        text
    }

    #[test]
    fn floats_are_written_as_the_standard_formatting_wrote_them() {
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        let mut samples = vec![
            0.5,
            -0.5,
            0.1,
            1.5,
            123.456,
            1e-5,
            1.5e-7,
            0.0001,
            0.00015,
            1e15 + 0.5,
            1e16,
            1.5e16,
            1e21,
            1e300,
            5e-324,
            f64::MAX,
            f64::MIN_POSITIVE,
            2.0f64.powi(60) + 0.0,
            -7.25,
        ];
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let f = f64::from_bits(x);
            if f.is_finite() {
                samples.push(f);
            }
            samples.push((x % 2_000_000) as f64 / 16.0 - 50_000.0);
        }
        // The same text, except on exact ties between two shortest digit strings, where ryu
        // (like Python's repr and JavaScript) rounds the last digit to even and the standard
        // library does not: 1658206780088562.25 is "…562.2" in Python, "…562.3" in Rust.
        let same = |ours: &str, old: &str, f: f64| {
            assert_eq!(
                ours.parse::<f64>().ok(),
                Some(f),
                "{ours} does not read back"
            );
            if ours != old {
                assert_eq!(ours.len(), old.len(), "{ours} / {old}");
                let at = ours
                    .bytes()
                    .zip(old.bytes())
                    .position(|(a, b)| a != b)
                    .unwrap();
                let rest = |s: &str| s[at + 1..].to_owned();
                assert!(
                    rest(ours) == rest(old)
                        && !rest(ours).starts_with(|c: char| c.is_ascii_digit()),
                    "{ours} / {old}: not only the last digit"
                );
            }
        };
        let mut ties = 0;
        for f in samples {
            same(&python_float_repr(f), &old_python(f), f);
            ties += usize::from(python_float_repr(f) != old_python(f));
            if f != f.trunc() || f.abs() >= 1e15 {
                same(Number::from_f64(f).unwrap().as_str(), &old_display(f), f);
            }
        }
        assert!(ties < 100, "{ties} ties");
        assert_eq!(
            python_float_repr(1_658_206_780_088_562.2),
            "1658206780088562.2"
        );
        assert_eq!(python_float_repr(-0.0), "-0.0");
        assert_eq!(python_float_repr(0.0), "0.0");
    }
}
