//! Typed views of flows, constants and the drawing data (`line`, `location`).

use crate::json::{read_f64, Object, Value};

fn str_field<'a>(obj: &'a Object, key: &str) -> Option<&'a str> {
    obj.get(key).and_then(Value::as_str)
}

/// A sequence flow: `{id, source, target, is_default}`.
#[derive(Clone, Copy, Debug)]
pub struct Flow<'a> {
    pub(crate) key: &'a str,
    pub(crate) obj: &'a Object,
}

impl<'a> Flow<'a> {
    pub fn key(&self) -> &'a str {
        self.key
    }

    pub fn id(&self) -> Option<&'a str> {
        str_field(self.obj, "id")
    }

    pub fn source(&self) -> Option<&'a str> {
        str_field(self.obj, "source")
    }

    pub fn target(&self) -> Option<&'a str> {
        str_field(self.obj, "target")
    }

    /// (source, target), when the flow names both.
    pub fn ends(&self) -> Option<(&'a str, &'a str)> {
        Some((self.source()?, self.target()?))
    }

    pub fn is_default(&self) -> bool {
        self.obj
            .get("is_default")
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }

    pub fn object(&self) -> &'a Object {
        self.obj
    }
}

/// A variable in `constants` (or `internalVariable`), keyed `${name}`.
#[derive(Clone, Copy, Debug)]
pub struct Constant<'a> {
    pub(crate) key: &'a str,
    pub(crate) obj: &'a Object,
}

impl<'a> Constant<'a> {
    /// The key it is stored under (`${x}`).
    pub fn map_key(&self) -> &'a str {
        self.key
    }

    /// The `key` field.
    pub fn key(&self) -> Option<&'a str> {
        str_field(self.obj, "key")
    }

    pub fn name(&self) -> Option<&'a str> {
        str_field(self.obj, "name")
    }

    pub fn index(&self) -> Option<f64> {
        match self.obj.get("index")? {
            Value::Number(n) => Some(n.as_f64()),
            Value::String(s) => read_f64(s),
            _ => None,
        }
    }

    pub fn desc(&self) -> Option<&'a str> {
        str_field(self.obj, "desc")
    }

    /// `show` or `hide`.
    pub fn show_type(&self) -> Option<&'a str> {
        str_field(self.obj, "show_type")
    }

    /// `component_inputs`, `component_outputs`, `custom` or `system`.
    pub fn source_type(&self) -> Option<&'a str> {
        str_field(self.obj, "source_type")
    }

    pub fn source_tag(&self) -> Option<&'a str> {
        str_field(self.obj, "source_tag")
    }

    /// `{node_id: [input or output keys]}`: where a hooked variable comes from.
    pub fn source_info(&self) -> Option<&'a Object> {
        self.obj.get("source_info").and_then(Value::as_object)
    }

    pub fn custom_type(&self) -> Option<&'a str> {
        str_field(self.obj, "custom_type")
    }

    pub fn value(&self) -> Option<&'a Value> {
        self.obj.get("value")
    }

    pub fn hook(&self) -> Option<bool> {
        self.obj.get("hook").and_then(Value::as_bool)
    }

    pub fn validation(&self) -> Option<&'a str> {
        str_field(self.obj, "validation")
    }

    pub fn pre_render_mako(&self) -> Option<bool> {
        self.obj.get("pre_render_mako").and_then(Value::as_bool)
    }

    pub fn is_meta(&self) -> Option<bool> {
        self.obj.get("is_meta").and_then(Value::as_bool)
    }

    pub fn meta(&self) -> Option<&'a Value> {
        self.obj.get("meta")
    }

    pub fn version(&self) -> Option<&'a str> {
        str_field(self.obj, "version")
    }

    pub fn object(&self) -> &'a Object {
        self.obj
    }
}

/// A `line` anchor side (editor-spec §0.6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Arrow {
    Left,
    Right,
    Top,
    Bottom,
}

impl Arrow {
    /// Every side, in the order of [`Arrow::NAMES`].
    pub const ALL: [Arrow; 4] = [Arrow::Left, Arrow::Right, Arrow::Top, Arrow::Bottom];

    /// The sides' names as `line` and the operations write them.
    pub const NAMES: [&'static str; 4] = ["Left", "Right", "Top", "Bottom"];

    pub fn parse(s: &str) -> Option<Arrow> {
        let i = Arrow::NAMES.iter().position(|n| *n == s)?;
        Some(Arrow::ALL[i])
    }

    pub fn as_str(self) -> &'static str {
        Arrow::NAMES[self as usize]
    }
}

/// One end of a `line`: the node and the anchor.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Anchor<'a> {
    pub id: Option<&'a str>,
    /// The `arrow` text; see [`Arrow::parse`].
    pub arrow: Option<&'a str>,
}

impl Anchor<'_> {
    pub fn arrow(&self) -> Option<Arrow> {
        self.arrow.and_then(Arrow::parse)
    }
}

/// An item of `line`: how a flow is drawn.
#[derive(Clone, Copy, Debug)]
pub struct Line<'a> {
    pub(crate) obj: &'a Object,
}

impl<'a> Line<'a> {
    /// The flow id.
    pub fn id(&self) -> Option<&'a str> {
        str_field(self.obj, "id")
    }

    fn anchor(&self, side: &str) -> Anchor<'a> {
        let obj = self.obj.get(side).and_then(Value::as_object);
        Anchor {
            id: obj.and_then(|o| str_field(o, "id")),
            arrow: obj.and_then(|o| str_field(o, "arrow")),
        }
    }

    pub fn source(&self) -> Anchor<'a> {
        self.anchor("source")
    }

    pub fn target(&self) -> Anchor<'a> {
        self.anchor("target")
    }

    pub fn midpoint(&self) -> Option<f64> {
        self.obj.get("midpoint").and_then(Value::as_f64)
    }

    pub fn object(&self) -> &'a Object {
        self.obj
    }
}

/// An item of `location`: where a node is drawn (top-left corner).
#[derive(Clone, Copy, Debug)]
pub struct Location<'a> {
    pub(crate) obj: &'a Object,
}

impl<'a> Location<'a> {
    pub fn id(&self) -> Option<&'a str> {
        str_field(self.obj, "id")
    }

    /// `startpoint`, `tasknode`, `branchgateway`... (editor-spec §0.2).
    pub fn location_type(&self) -> Option<&'a str> {
        str_field(self.obj, "type")
    }

    pub fn x(&self) -> Option<f64> {
        self.obj.get("x").and_then(Value::as_f64)
    }

    pub fn y(&self) -> Option<f64> {
        self.obj.get("y").and_then(Value::as_f64)
    }

    pub fn name(&self) -> Option<&'a str> {
        str_field(self.obj, "name")
    }

    pub fn object(&self) -> &'a Object {
        self.obj
    }
}
