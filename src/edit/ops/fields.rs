//! Reading an operation's JSON form `{"op": "addNode", "type": "tasknode", ...}`: the fields
//! every operation's parser asks for, with the refusals (`invalid-op`) naming the operation.

use super::super::defaults::NodeSpec;
use super::super::EditError;
use crate::json::{Object, Value};
use crate::model::{Arrow, NodeKind};
use crate::shape::{opt, req, Decl, Shape, Ty, NUM, STR};

/// What addNode and insertOnFlow make a node from (read by [`Fields::spec`] with the type and
/// the corner).
pub const NEW_NODE: Shape = Shape::new(
    "NewNode",
    "A new node: its type, the top-left corner of its drawing at (x, y), its name, and its \
     plugin (`code`, `version`: a task) or template (`templateId`: a sub-process).",
    &[
        req("type", NODE_TYPE, ""),
        req("x", NUM, ""),
        req("y", NUM, ""),
        opt("name", STR, ""),
        opt("code", STR, ""),
        opt("version", STR, ""),
        opt("templateId", STR, ""),
    ],
);

/// The node types an operation names: the canvas's `location.type`s, then the tree's `type`s
/// ([`NodeKind::location_type`], [`NodeKind::type_name`] of [`NodeKind::ALL`]; a test keeps
/// them in step).
pub(crate) const NODE_TYPES: [&str; 16] = [
    "startpoint",
    "endpoint",
    "tasknode",
    "subflow",
    "parallelgateway",
    "branchgateway",
    "conditionalparallelgateway",
    "convergegateway",
    "EmptyStartEvent",
    "EmptyEndEvent",
    "ServiceActivity",
    "SubProcess",
    "ParallelGateway",
    "ExclusiveGateway",
    "ConditionalParallelGateway",
    "ConvergeGateway",
];

/// `type` of `addNode` and `insertOnFlow`.
pub(crate) const NODE_TYPE: Ty = Ty::Ref("NodeType");
/// The side of a node a line leaves or enters by.
pub(crate) const ARROW: Ty = Ty::Ref("ArrowName");

/// The alias of [`NODE_TYPES`].
pub const NODE_TYPE_ALIAS: Decl = Decl::Alias {
    name: "NodeType",
    doc: "A node type: the canvas name (`location.type`) or the tree's `type`.",
    ty: Ty::Choice(&NODE_TYPES),
};

/// The alias of [`Arrow::NAMES`].
pub const ARROW_ALIAS: Decl = Decl::Alias {
    name: "ArrowName",
    doc: "The side of a node a line leaves or enters by.",
    ty: Ty::Choice(&Arrow::NAMES),
};

/// The field every operation has: its name.
const OP: Shape = Shape::inline(&[req("op", STR, "")]);

/// A node kind from a `location.type` (`tasknode`) or a tree `type` (`ServiceActivity`).
pub(crate) fn parse_kind(s: &str) -> Option<NodeKind> {
    NodeKind::ALL
        .into_iter()
        .find(|k| k.location_type() == Some(s) || k.type_name() == Some(s))
}

/// A malformed operation.
pub(crate) fn bad(msg: impl Into<String>, msg_zh: impl Into<String>) -> EditError {
    EditError::new("invalid-op", msg, msg_zh)
}

/// The fields of one operation's JSON object, read against the operation's description (in
/// debug builds a field read must be declared there), and the operation's name for the
/// refusals.
pub(crate) struct Fields<'a> {
    object: &'a Object,
    name: &'a str,
    /// Only in debug builds: release builds carry no descriptions.
    #[cfg(debug_assertions)]
    shape: &'static Shape,
}

impl<'a> Fields<'a> {
    // Inlined, so release builds never refer to the description.
    #[inline(always)]
    fn new(object: &'a Object, name: &'a str, shape: &'static Shape) -> Fields<'a> {
        let _ = shape;
        Fields {
            object,
            name,
            #[cfg(debug_assertions)]
            shape,
        }
    }

    /// An operation's object and its `op` name.
    pub fn of_op(v: &'a Value) -> Result<Fields<'a>, EditError> {
        let o = v
            .as_object()
            .ok_or_else(|| bad("an operation is a JSON object", "操作须为 JSON 对象"))?;
        let name = o.get("op").and_then(Value::as_str).ok_or_else(|| {
            bad(
                "an operation needs 'op' (its name)",
                "操作须有 op（操作名）",
            )
        })?;
        Ok(Fields::new(o, name, &OP))
    }

    /// The same fields, read as the operation described by `shape`.
    // Inlined, so release builds never refer to the description.
    #[inline(always)]
    pub fn described(&self, shape: &'static Shape) -> Fields<'a> {
        Fields::new(self.object, self.name, shape)
    }

    /// The fields of an item of a list inside operation `name` (the items of `move`).
    // Inlined, so release builds never refer to the description.
    #[inline(always)]
    pub fn item(o: &'a Object, name: &'a str, shape: &'static Shape) -> Fields<'a> {
        Fields::new(o, name, shape)
    }

    /// The operation's name.
    pub fn name(&self) -> &'a str {
        self.name
    }

    /// The whole object.
    pub fn object(&self) -> &'a Object {
        self.object
    }

    /// A field as written.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        #[cfg(debug_assertions)]
        assert!(
            self.shape.declares(key),
            "{}: '{key}' is read but not declared",
            self.name
        );
        self.object.get(key)
    }

    pub fn str(&self, key: &str) -> Result<String, EditError> {
        self.opt_str(key)?.ok_or_else(|| {
            bad(
                format!("{}: '{key}' (a string) is required", self.name),
                format!("{}：须有 {key}（字符串）", self.name),
            )
        })
    }

    /// An object field; absent or null is an empty object.
    pub fn opt_object(&self, key: &str) -> Result<Object, EditError> {
        match self.get(key) {
            None | Some(Value::Null) => Ok(Object::new()),
            Some(Value::Object(x)) => Ok(x.clone()),
            Some(_) => Err(bad(
                format!("{}: '{key}' must be an object", self.name),
                format!("{}：{key} 须为对象", self.name),
            )),
        }
    }

    pub fn opt_str(&self, key: &str) -> Result<Option<String>, EditError> {
        match self.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(v) => Err(bad(
                format!(
                    "{}: '{key}' must be a string, not {}",
                    self.name,
                    v.json_type().name()
                ),
                format!(
                    "{}：{key} 须为字符串，不能是{}",
                    self.name,
                    crate::edit::tx::type_zh(v.json_type().name())
                ),
            )),
        }
    }

    pub fn num(&self, key: &str) -> Result<f64, EditError> {
        match self.get(key) {
            Some(Value::Number(n)) if n.as_f64().is_finite() => Ok(n.as_f64()),
            _ => Err(bad(
                format!("{}: '{key}' (a finite number) is required", self.name),
                format!("{}：须有 {key}（有限的数字）", self.name),
            )),
        }
    }

    pub fn opt_num(&self, key: &str) -> Result<f64, EditError> {
        match self.get(key) {
            None | Some(Value::Null) => Ok(0.0),
            _ => self.num(key),
        }
    }

    /// A field of any JSON type, as written (`null` included); absent is `None`.
    pub fn value(&self, key: &str) -> Result<Option<Value>, EditError> {
        Ok(self.get(key).cloned())
    }

    /// A position in a list: a whole number from 0; absent or null is `None`.
    pub fn opt_position(&self, key: &str) -> Result<Option<usize>, EditError> {
        match self.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) if n.as_f64() >= 0.0 && n.as_f64().fract() == 0.0 => {
                Ok(Some(n.as_f64() as usize))
            }
            Some(_) => Err(bad(
                format!("{}: '{key}' must be a whole number from 0", self.name),
                format!("{}：{key} 须为从 0 起的整数", self.name),
            )),
        }
    }

    /// A position in a list, required.
    pub fn position(&self, key: &str) -> Result<usize, EditError> {
        self.opt_position(key)?.ok_or_else(|| {
            bad(
                format!("{}: '{key}' (a whole number from 0) is required", self.name),
                format!("{}：须有 {key}（从 0 起的整数）", self.name),
            )
        })
    }

    pub fn flag(&self, key: &str) -> Result<bool, EditError> {
        match self.get(key) {
            None | Some(Value::Null) => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(_) => Err(bad(
                format!("{}: '{key}' must be true or false", self.name),
                format!("{}：{key} 须为 true 或 false", self.name),
            )),
        }
    }

    pub fn kind(&self) -> Result<NodeKind, EditError> {
        let t = self.str("type")?;
        parse_kind(&t).ok_or_else(|| {
            bad(
                format!("{}: unknown node type {t:?}", self.name),
                format!("{}：未知的节点类型 {t:?}", self.name),
            )
        })
    }

    pub fn arrow(&self, key: &str) -> Result<Option<Arrow>, EditError> {
        match self.opt_str(key)? {
            None => Ok(None),
            Some(a) => Arrow::parse(&a).map(Some).ok_or_else(|| {
                let names = crate::shape::one_of(&Arrow::NAMES, false);
                bad(
                    format!("{}: '{key}' must be {names}", self.name),
                    format!("{}：{key} 须为 {}", self.name, Arrow::NAMES.join("、")),
                )
            }),
        }
    }

    pub fn strings(&self, key: &str) -> Result<Vec<String>, EditError> {
        match self.get(key) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(a)) => a
                .iter()
                .map(|v| {
                    v.as_str().map(str::to_owned).ok_or_else(|| {
                        bad(
                            format!("{}: '{key}' lists strings", self.name),
                            format!("{}：{key} 须只含字符串", self.name),
                        )
                    })
                })
                .collect(),
            Some(_) => Err(bad(
                format!("{}: '{key}' must be a list of strings", self.name),
                format!("{}：{key} 须为字符串数组", self.name),
            )),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_types_are_the_kinds_names() {
        let canvas = NodeKind::ALL.map(|k| k.location_type().unwrap());
        let tree = NodeKind::ALL.map(|k| k.type_name().unwrap());
        assert_eq!(NODE_TYPES[..8], canvas);
        assert_eq!(NODE_TYPES[8..], tree);
        for t in NODE_TYPES {
            assert!(parse_kind(t).is_some(), "{t}");
        }
        assert_eq!(parse_kind("task"), None);
    }
}
