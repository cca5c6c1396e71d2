//! Typed views of nodes: start and end events, activities, gateways.

use crate::json::{read_f64, Object, Path, Value};

/// What a node is, from its `type` field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NodeKind {
    StartEvent,
    EndEvent,
    ServiceActivity,
    SubProcess,
    ParallelGateway,
    ExclusiveGateway,
    ConditionalParallelGateway,
    ConvergeGateway,
    /// A `type` the model does not know (or none); the validator reports it.
    Unknown,
}

impl NodeKind {
    /// Every kind the model knows (not [`NodeKind::Unknown`]).
    pub const ALL: [NodeKind; 8] = [
        NodeKind::StartEvent,
        NodeKind::EndEvent,
        NodeKind::ServiceActivity,
        NodeKind::SubProcess,
        NodeKind::ParallelGateway,
        NodeKind::ExclusiveGateway,
        NodeKind::ConditionalParallelGateway,
        NodeKind::ConvergeGateway,
    ];

    pub fn from_type(t: &str) -> NodeKind {
        match t {
            "EmptyStartEvent" => NodeKind::StartEvent,
            "EmptyEndEvent" => NodeKind::EndEvent,
            "ServiceActivity" => NodeKind::ServiceActivity,
            "SubProcess" => NodeKind::SubProcess,
            "ParallelGateway" => NodeKind::ParallelGateway,
            "ExclusiveGateway" => NodeKind::ExclusiveGateway,
            "ConditionalParallelGateway" => NodeKind::ConditionalParallelGateway,
            "ConvergeGateway" => NodeKind::ConvergeGateway,
            _ => NodeKind::Unknown,
        }
    }

    /// The node's `type` string (`None` for [`NodeKind::Unknown`]).
    pub fn type_name(self) -> Option<&'static str> {
        Some(match self {
            NodeKind::StartEvent => "EmptyStartEvent",
            NodeKind::EndEvent => "EmptyEndEvent",
            NodeKind::ServiceActivity => "ServiceActivity",
            NodeKind::SubProcess => "SubProcess",
            NodeKind::ParallelGateway => "ParallelGateway",
            NodeKind::ExclusiveGateway => "ExclusiveGateway",
            NodeKind::ConditionalParallelGateway => "ConditionalParallelGateway",
            NodeKind::ConvergeGateway => "ConvergeGateway",
            NodeKind::Unknown => return None,
        })
    }

    /// The `location.type` the editor draws this kind with (editor-spec §0.2).
    pub fn location_type(self) -> Option<&'static str> {
        Some(match self {
            NodeKind::StartEvent => "startpoint",
            NodeKind::EndEvent => "endpoint",
            NodeKind::ServiceActivity => "tasknode",
            NodeKind::SubProcess => "subflow",
            NodeKind::ParallelGateway => "parallelgateway",
            NodeKind::ExclusiveGateway => "branchgateway",
            NodeKind::ConditionalParallelGateway => "conditionalparallelgateway",
            NodeKind::ConvergeGateway => "convergegateway",
            NodeKind::Unknown => return None,
        })
    }

    /// The canvas's name for the kind (SOPS's `NODE_DICT`): 标准插件节点, 分支网关…
    pub fn name_zh(self) -> &'static str {
        match self {
            NodeKind::StartEvent => "开始节点",
            NodeKind::EndEvent => "结束节点",
            NodeKind::ServiceActivity => "标准插件节点",
            NodeKind::SubProcess => "子流程节点",
            NodeKind::ExclusiveGateway => "分支网关",
            NodeKind::ParallelGateway => "并行网关",
            NodeKind::ConditionalParallelGateway => "条件并行网关",
            NodeKind::ConvergeGateway => "汇聚网关",
            NodeKind::Unknown => "节点",
        }
    }

    /// The same in English: "task", "exclusive gateway"…
    pub fn name_en(self) -> &'static str {
        match self {
            NodeKind::StartEvent => "start event",
            NodeKind::EndEvent => "end event",
            NodeKind::ServiceActivity => "task",
            NodeKind::SubProcess => "sub-process",
            NodeKind::ExclusiveGateway => "exclusive gateway",
            NodeKind::ParallelGateway => "parallel gateway",
            NodeKind::ConditionalParallelGateway => "conditional parallel gateway",
            NodeKind::ConvergeGateway => "converge gateway",
            NodeKind::Unknown => "node",
        }
    }

    pub fn is_activity(self) -> bool {
        matches!(self, NodeKind::ServiceActivity | NodeKind::SubProcess)
    }

    pub fn is_gateway(self) -> bool {
        matches!(
            self,
            NodeKind::ParallelGateway
                | NodeKind::ExclusiveGateway
                | NodeKind::ConditionalParallelGateway
                | NodeKind::ConvergeGateway
        )
    }

    /// Gateways that split the flow by conditions (they carry `conditions`).
    pub fn is_conditional(self) -> bool {
        matches!(
            self,
            NodeKind::ExclusiveGateway | NodeKind::ConditionalParallelGateway
        )
    }
}

/// Where in the tree a node is stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Place {
    StartEvent,
    EndEvent,
    Activities,
    Gateways,
}

/// A node's `incoming` or `outgoing`, as written (a string or a list), with the normalised
/// view algorithms use: `""` and `null` are no flow, `"x"` is `["x"]`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Io<'a> {
    Absent,
    Str(&'a str),
    List(&'a [Value]),
}

impl<'a> Io<'a> {
    pub(crate) fn of(value: Option<&'a Value>) -> Io<'a> {
        match value {
            Some(Value::String(s)) => Io::Str(s),
            Some(Value::Array(items)) => Io::List(items),
            _ => Io::Absent,
        }
    }

    /// Whether the field is written as a list.
    pub fn is_list(&self) -> bool {
        matches!(self, Io::List(_))
    }

    /// The flow ids, normalised (bamboo-engine's `format_to_list`).
    pub fn iter(&self) -> impl Iterator<Item = &'a str> + 'a {
        let (single, list): (Option<&'a str>, &'a [Value]) = match *self {
            Io::Absent => (None, &[]),
            Io::Str(s) => ((!s.is_empty()).then_some(s), &[]),
            Io::List(items) => (None, items),
        };
        single
            .into_iter()
            .chain(list.iter().filter_map(Value::as_str))
    }

    pub fn len(&self) -> usize {
        self.iter().count()
    }

    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }
}

/// A node of any kind, viewed over its JSON object.
#[derive(Clone, Copy, Debug)]
pub struct Node<'a> {
    pub(crate) key: &'a str,
    pub(crate) obj: &'a Object,
    pub(crate) place: Place,
}

fn str_field<'a>(obj: &'a Object, key: &str) -> Option<&'a str> {
    obj.get(key).and_then(Value::as_str)
}

fn bool_field(obj: &Object, key: &str) -> Option<bool> {
    obj.get(key).and_then(Value::as_bool)
}

impl<'a> Node<'a> {
    /// The node's JSON object, with every field (known or not) in its order.
    pub fn object(&self) -> &'a Object {
        self.obj
    }

    /// The key the node is stored under in `activities`/`gateways` (for events, the `id`).
    pub fn key(&self) -> &'a str {
        self.key
    }

    pub fn place(&self) -> Place {
        self.place
    }

    /// Where the node is stored: `$.start_event`, `$.end_event`, `$.activities.<key>` or
    /// `$.gateways.<key>`.
    pub fn path(&self) -> Path {
        let root = Path::root();
        match self.place {
            Place::StartEvent => root.then("start_event"),
            Place::EndEvent => root.then("end_event"),
            Place::Activities => root.then("activities").then(self.key),
            Place::Gateways => root.then("gateways").then(self.key),
        }
    }

    /// The `id` field (may differ from the key in a broken tree).
    pub fn id(&self) -> Option<&'a str> {
        str_field(self.obj, "id")
    }

    pub fn type_name(&self) -> Option<&'a str> {
        str_field(self.obj, "type")
    }

    pub fn kind(&self) -> NodeKind {
        self.type_name()
            .map_or(NodeKind::Unknown, NodeKind::from_type)
    }

    /// The kind its place gives it: the start or end event for `start_event` and `end_event`
    /// whatever their `type` says, else [`Node::kind`] (what the editor wires it as).
    pub fn stored_kind(&self) -> NodeKind {
        match self.place {
            Place::StartEvent => NodeKind::StartEvent,
            Place::EndEvent => NodeKind::EndEvent,
            Place::Activities | Place::Gateways => self.kind(),
        }
    }

    pub fn name(&self) -> Option<&'a str> {
        str_field(self.obj, "name")
    }

    pub fn incoming(&self) -> Io<'a> {
        Io::of(self.obj.get("incoming"))
    }

    pub fn outgoing(&self) -> Io<'a> {
        Io::of(self.obj.get("outgoing"))
    }

    pub fn labels(&self) -> Option<&'a [Value]> {
        self.obj.get("labels").and_then(Value::as_array)
    }

    // Activities.

    pub fn component(&self) -> Option<Component<'a>> {
        self.obj
            .get("component")
            .and_then(Value::as_object)
            .map(|obj| Component { obj })
    }

    pub fn optional(&self) -> Option<bool> {
        bool_field(self.obj, "optional")
    }

    pub fn error_ignorable(&self) -> Option<bool> {
        bool_field(self.obj, "error_ignorable")
    }

    /// `retryable`, or the legacy `can_retry`.
    pub fn retryable(&self) -> Option<bool> {
        bool_field(self.obj, "retryable").or_else(|| bool_field(self.obj, "can_retry"))
    }

    /// `skippable`, or the legacy `isSkipped`.
    pub fn skippable(&self) -> Option<bool> {
        bool_field(self.obj, "skippable").or_else(|| bool_field(self.obj, "isSkipped"))
    }

    pub fn auto_retry(&self) -> Option<AutoRetry> {
        let obj = self.obj.get("auto_retry")?.as_object()?;
        Some(AutoRetry {
            enable: bool_field(obj, "enable").unwrap_or(false),
            interval: number_like(obj.get("interval")),
            times: number_like(obj.get("times")),
        })
    }

    pub fn timeout_config(&self) -> Option<TimeoutConfig<'a>> {
        let obj = self.obj.get("timeout_config")?.as_object()?;
        Some(TimeoutConfig {
            enable: bool_field(obj, "enable").unwrap_or(false),
            seconds: number_like(obj.get("seconds")),
            action: str_field(obj, "action"),
        })
    }

    pub fn stage_name(&self) -> Option<&'a str> {
        str_field(self.obj, "stage_name")
    }

    /// A SubProcess's template (a string or number id).
    pub fn template_id(&self) -> Option<&'a Value> {
        self.obj.get("template_id").filter(|v| !v.is_null())
    }

    // Gateways.

    /// Branch conditions of an exclusive or conditional-parallel gateway, in written order.
    pub fn conditions(&self) -> impl Iterator<Item = Condition<'a>> + 'a {
        self.obj
            .get("conditions")
            .and_then(Value::as_object)
            .into_iter()
            .flat_map(|c| c.iter())
            .filter_map(|(flow_id, v)| {
                let obj = v.as_object()?;
                Some(Condition { flow_id, obj })
            })
    }

    /// The branch condition guarding `flow_id`.
    pub fn condition(&self, flow_id: &str) -> Option<Condition<'a>> {
        let (flow_id, v) = self
            .obj
            .get("conditions")
            .and_then(Value::as_object)?
            .get_key_value(flow_id)?;
        Some(Condition {
            flow_id,
            obj: v.as_object()?,
        })
    }

    pub fn default_condition(&self) -> Option<DefaultCondition<'a>> {
        let obj = self.obj.get("default_condition")?.as_object()?;
        Some(DefaultCondition {
            flow_id: str_field(obj, "flow_id")?,
            name: str_field(obj, "name"),
        })
    }

    pub fn converge_gateway_id(&self) -> Option<&'a str> {
        str_field(self.obj, "converge_gateway_id")
    }
}

/// A number that may be written as a string (`"3"`), as some trees carry retry counts.
fn number_like(v: Option<&Value>) -> Option<f64> {
    match v? {
        Value::Number(n) => Some(n.as_f64()),
        Value::String(s) => read_f64(s.trim()),
        _ => None,
    }
}

/// A ServiceActivity's plugin: `code`, `version` and its inputs, `data` in the web format,
/// `inputs` in bamboo-engine's.
#[derive(Clone, Copy, Debug)]
pub struct Component<'a> {
    obj: &'a Object,
}

impl<'a> Component<'a> {
    pub fn code(&self) -> Option<&'a str> {
        str_field(self.obj, "code")
    }

    pub fn version(&self) -> Option<&'a str> {
        str_field(self.obj, "version")
    }

    /// The plugin inputs: `{key: {hook, value, need_render?}}`.
    pub fn data(&self) -> Option<&'a Object> {
        self.obj.get("data").and_then(Value::as_object)
    }

    /// The plugin inputs in bamboo-engine's format: `{key: {type, value, need_render?,
    /// is_param?}}`.
    pub fn inputs(&self) -> Option<&'a Object> {
        self.obj.get("inputs").and_then(Value::as_object)
    }

    pub fn object(&self) -> &'a Object {
        self.obj
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AutoRetry {
    pub enable: bool,
    pub interval: Option<f64>,
    pub times: Option<f64>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimeoutConfig<'a> {
    pub enable: bool,
    pub seconds: Option<f64>,
    pub action: Option<&'a str>,
}

/// One entry of a gateway's `conditions`, keyed by the flow it guards.
#[derive(Clone, Copy, Debug)]
pub struct Condition<'a> {
    pub flow_id: &'a str,
    obj: &'a Object,
}

impl<'a> Condition<'a> {
    pub fn evaluate(&self) -> Option<&'a str> {
        str_field(self.obj, "evaluate")
    }

    pub fn name(&self) -> Option<&'a str> {
        str_field(self.obj, "name")
    }

    pub fn tag(&self) -> Option<&'a str> {
        str_field(self.obj, "tag")
    }

    /// The condition's JSON object, with every field (known or not) in its order.
    pub fn object(&self) -> &'a Object {
        self.obj
    }
}

/// A gateway's default branch.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DefaultCondition<'a> {
    pub flow_id: &'a str,
    pub name: Option<&'a str>,
}
