//! The lossless JSON value: objects keep key order, numbers keep their text.

use indexmap::IndexMap;

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
        // The grammar the parser enforces is a subset of what `f64::from_str` accepts.
        self.0.parse().unwrap_or(f64::NAN)
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
        Some(Number(format!("{f}").into()))
    }
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
#[derive(Clone, Debug, Default)]
pub struct Object(IndexMap<String, Value>);

impl PartialEq for Object {
    fn eq(&self, other: &Object) -> bool {
        self.0.len() == other.0.len() && self.0.iter().zip(other.0.iter()).all(|(a, b)| a == b)
    }
}

impl Object {
    pub fn new() -> Object {
        Object(IndexMap::new())
    }

    pub fn with_capacity(n: usize) -> Object {
        Object(IndexMap::with_capacity(n))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.get(key)
    }

    /// The stored key and its value.
    pub fn get_key_value(&self, key: &str) -> Option<(&str, &Value)> {
        self.0.get_key_value(key).map(|(k, v)| (k.as_str(), v))
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.0.get_mut(key)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.0.contains_key(key)
    }

    /// The position of a key in the object's order.
    pub fn index_of(&self, key: &str) -> Option<usize> {
        self.0.get_index_of(key)
    }

    /// Sets a key: an existing key keeps its place, a new key goes last. Returns the old value.
    pub fn insert(&mut self, key: impl Into<String>, value: Value) -> Option<Value> {
        self.0.insert(key.into(), value)
    }

    /// Inserts a new key at `index` (or moves an existing one there).
    pub fn insert_at(
        &mut self,
        index: usize,
        key: impl Into<String>,
        value: Value,
    ) -> Option<Value> {
        let index = index.min(self.0.len());
        self.0.shift_insert(index, key.into(), value)
    }

    /// Removes a key, keeping the order of the others.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        self.0.shift_remove(key)
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &Value)> + DoubleEndedIterator {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    pub fn iter_mut(&mut self) -> impl ExactSizeIterator<Item = (&str, &mut Value)> {
        self.0.iter_mut().map(|(k, v)| (k.as_str(), v))
    }

    pub fn keys(&self) -> impl ExactSizeIterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }

    pub fn values(&self) -> impl ExactSizeIterator<Item = &Value> {
        self.0.values()
    }
}

impl FromIterator<(String, Value)> for Object {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Object {
        Object(iter.into_iter().collect())
    }
}
