//! Reading an operation's JSON form `{"op": "addNode", "type": "tasknode", ...}`: the fields
//! every operation's parser asks for, with the refusals (`invalid-op`) naming the operation.

use super::super::defaults::NodeSpec;
use super::super::EditError;
use crate::json::{Object, Value};
use crate::model::{Arrow, NodeKind};

/// A node kind from a `location.type` (`tasknode`) or a tree `type` (`ServiceActivity`).
pub(crate) fn parse_kind(s: &str) -> Option<NodeKind> {
    let k = match s {
        "startpoint" => NodeKind::StartEvent,
        "endpoint" => NodeKind::EndEvent,
        "tasknode" => NodeKind::ServiceActivity,
        "subflow" => NodeKind::SubProcess,
        "parallelgateway" => NodeKind::ParallelGateway,
        "branchgateway" => NodeKind::ExclusiveGateway,
        "conditionalparallelgateway" => NodeKind::ConditionalParallelGateway,
        "convergegateway" => NodeKind::ConvergeGateway,
        other => NodeKind::from_type(other),
    };
    (k != NodeKind::Unknown).then_some(k)
}

/// A malformed operation.
pub(crate) fn bad(msg: impl Into<String>) -> EditError {
    EditError::new("invalid-op", msg)
}

/// The fields of one operation's JSON object, and the operation's name for the refusals.
pub(crate) struct Fields<'a>(&'a Object, &'a str);

impl<'a> Fields<'a> {
    /// An operation's object and its `op` name.
    pub fn of_op(v: &'a Value) -> Result<Fields<'a>, EditError> {
        let o = v
            .as_object()
            .ok_or_else(|| bad("an operation is a JSON object"))?;
        let name = o
            .get("op")
            .and_then(Value::as_str)
            .ok_or_else(|| bad("an operation needs 'op' (its name)"))?;
        Ok(Fields(o, name))
    }

    /// The fields of an item of a list inside operation `name` (the items of `move`).
    pub fn item(o: &'a Object, name: &'a str) -> Fields<'a> {
        Fields(o, name)
    }

    /// The operation's name.
    pub fn name(&self) -> &'a str {
        self.1
    }

    /// The whole object.
    pub fn object(&self) -> &'a Object {
        self.0
    }

    /// A field as written.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.0.get(key)
    }

    pub fn str(&self, key: &str) -> Result<String, EditError> {
        self.opt_str(key)?
            .ok_or_else(|| bad(format!("{}: '{key}' (a string) is required", self.1)))
    }

    /// An object field; absent or null is an empty object.
    pub fn opt_object(&self, key: &str) -> Result<Object, EditError> {
        match self.0.get(key) {
            None | Some(Value::Null) => Ok(Object::new()),
            Some(Value::Object(x)) => Ok(x.clone()),
            Some(_) => Err(bad(format!("{}: '{key}' must be an object", self.1))),
        }
    }

    pub fn opt_str(&self, key: &str) -> Result<Option<String>, EditError> {
        match self.0.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(v) => Err(bad(format!(
                "{}: '{key}' must be a string, not {}",
                self.1,
                v.json_type().name()
            ))),
        }
    }

    pub fn num(&self, key: &str) -> Result<f64, EditError> {
        match self.0.get(key) {
            Some(Value::Number(n)) if n.as_f64().is_finite() => Ok(n.as_f64()),
            _ => Err(bad(format!(
                "{}: '{key}' (a finite number) is required",
                self.1
            ))),
        }
    }

    pub fn opt_num(&self, key: &str) -> Result<f64, EditError> {
        match self.0.get(key) {
            None | Some(Value::Null) => Ok(0.0),
            _ => self.num(key),
        }
    }

    pub fn flag(&self, key: &str) -> Result<bool, EditError> {
        match self.0.get(key) {
            None | Some(Value::Null) => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(_) => Err(bad(format!("{}: '{key}' must be true or false", self.1))),
        }
    }

    pub fn kind(&self) -> Result<NodeKind, EditError> {
        let t = self.str("type")?;
        parse_kind(&t).ok_or_else(|| bad(format!("{}: unknown node type {t:?}", self.1)))
    }

    pub fn arrow(&self, key: &str) -> Result<Option<Arrow>, EditError> {
        match self.opt_str(key)? {
            None => Ok(None),
            Some(a) => Arrow::parse(&a).map(Some).ok_or_else(|| {
                bad(format!(
                    "{}: '{key}' must be Left, Right, Top or Bottom",
                    self.1
                ))
            }),
        }
    }

    pub fn strings(&self, key: &str) -> Result<Vec<String>, EditError> {
        match self.0.get(key) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(a)) => a
                .iter()
                .map(|v| {
                    v.as_str()
                        .map(str::to_owned)
                        .ok_or_else(|| bad(format!("{}: '{key}' lists strings", self.1)))
                })
                .collect(),
            Some(_) => Err(bad(format!(
                "{}: '{key}' must be a list of strings",
                self.1
            ))),
        }
    }

    /// What a new node is made from: `name`, `code` (or `templateId`), `version`.
    pub fn spec(&self) -> Result<NodeSpec, EditError> {
        Ok(NodeSpec {
            name: self.opt_str("name")?,
            code: match self.opt_str("code")? {
                Some(c) => Some(c),
                None => self.opt_str("templateId")?,
            },
            version: self.opt_str("version")?,
        })
    }
}
