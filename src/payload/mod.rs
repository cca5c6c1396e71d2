//! Request bodies of the open APIs the editor feeds, built and checked before they are sent,
//! node exclusion as the servers do it, and typed responses.
//!
//! * [`create_task`]: BKFlow `create_task_without_template` (a task from a full tree).
//! * [`mock_task`]: BKFlow `create_mock_task` (the open API, and the web page's endpoint).
//! * [`clocked_task`]: SOPS `create_clocked_task`.
//! * [`exclude`]: SOPS/BKFlow `preview_pipeline_tree_exclude_task_nodes`, step for step.
//! * [`parse_response`]: the task record, the clocked task record and the error envelope.
//!
//! A builder takes the tree and the request fields as JSON (the API's own field names, plus a
//! few builder options such as `exclude_task_nodes_id`) and returns a [`Built`]: the body to
//! send and every diagnostic. An error diagnostic means "do not send": the server would refuse
//! the request, fail with a 500, or silently do something other than what was asked. The
//! payload rules are listed in [`RULES`]; the builders also include the validator's report of
//! the tree as the server will check it (`rules::validate` with [`task_options`]: preset `task`
//! without the canvas's own save check).

mod clocked_task;
mod constants;
mod create_task;
mod exclude;
mod fields;
mod mock_task;
mod response;
mod table;
mod task_tree;
mod time;

pub use clocked_task::{clocked_task, CLOCKED_TASK_BODY, CLOCKED_TASK_INPUT};
pub use create_task::{create_task, CREATE_TASK_BODY, CREATE_TASK_INPUT};
pub use exclude::{exclude, exclude_except, Exclusion, EXCLUSION};
pub use fields::NOTIFY_CONFIG;
pub use mock_task::{mock_task, MOCK_DATA, MOCK_DATA_ROW, MOCK_TASK_BODY, MOCK_TASK_INPUT};
pub use response::{
    parse_response, ApiError, ClockedTaskRecord, Response, ResponseBody, ResponseError,
    ResponseKind, TaskRecord, CLOCKED_TASK_RECORD, PARSED_RESPONSE, TASK_RECORD,
};
pub use table::{lookup, PayloadRule, PAYLOAD_RULE, RULES};
pub use task_tree::options as task_options;
pub use time::DateTime;

use crate::diagnostic::{Diagnostic, Severity};
use crate::json::{Object, Path, Value};
use crate::model::Tree;
use crate::shape::{opt, req, Shape, Ty, BOOL, MAP, STRS, TREE};

/// The JSON form of a [`Built`] besides its body (`PayloadResult<Body>` adds the body).
pub const PAYLOAD_REPORT: Shape = Shape::new(
    "PayloadReport",
    "What every payload builder reports besides the body.",
    &[
        req(
            "valid",
            BOOL,
            "True exactly when no diagnostic is an error.",
        ),
        req(
            "diagnostics",
            Ty::Arr(&Ty::Ref("Diagnostic")),
            "Payload rules (PAY, MOCK, CLOCK, EXCL; paths into the input) first, then the \
             validator's report of the tree as the server checks it (paths into the tree). \
             `payloadRules()` lists the payload codes.",
        ),
        opt(
            "tree",
            TREE,
            "When the server prunes the tree (excluded nodes, schemes, include_node_ids): the \
             tree the task runs.",
        ),
        opt("excluded", STRS, "The activities left out, in order."),
        opt("constants_not_referred", STRS, "The variables dropped."),
        opt(
            "outputs",
            MAP,
            "Mock tasks: the outputs each mocked node really gets.",
        ),
    ],
);

/// The three request bodies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Api {
    CreateTask,
    MockTask,
    ClockedTask,
}

impl Api {
    pub fn parse(s: &str) -> Option<Api> {
        match s {
            "create-task" | "createTask" => Some(Api::CreateTask),
            "mock-task" | "mockTask" => Some(Api::MockTask),
            "clocked-task" | "clockedTask" => Some(Api::ClockedTask),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Api::CreateTask => "create-task",
            Api::MockTask => "mock-task",
            Api::ClockedTask => "clocked-task",
        }
    }

    /// The input keys the builder reads: the API's fields and the builder's options.
    pub fn input_keys(self) -> &'static [&'static str] {
        match self {
            Api::CreateTask => &create_task::FIELDS,
            Api::MockTask => &mock_task::FIELDS,
            Api::ClockedTask => &clocked_task::FIELDS,
        }
    }

    /// The description of the input ([`CREATE_TASK_INPUT`], [`MOCK_TASK_INPUT`],
    /// [`CLOCKED_TASK_INPUT`]): the fields of [`Api::input_keys`] with their types and docs.
    pub fn input_shape(self) -> &'static Shape {
        match self {
            Api::CreateTask => &CREATE_TASK_INPUT,
            Api::MockTask => &MOCK_TASK_INPUT,
            Api::ClockedTask => &CLOCKED_TASK_INPUT,
        }
    }

    /// The builder; `tree` is required except for clocked tasks.
    pub fn build(self, tree: Option<&Tree>, input: &Object) -> Option<Built> {
        Some(match self {
            Api::CreateTask => create_task(tree?, input),
            Api::MockTask => mock_task(tree?, input),
            Api::ClockedTask => clocked_task(tree, input),
        })
    }
}

/// What a builder returns.
#[derive(Clone, Debug, PartialEq)]
pub struct Built {
    /// The request body, fields in the order of the API document.
    pub body: Object,
    /// Payload rules first, in the order the fields were read; then the validator's report of
    /// the tree as the server checks it.
    pub diagnostics: Vec<Diagnostic>,
    /// The tree the task will run, when the server prunes it (execution schemes,
    /// `include_node_ids`); for create-task the pruned tree is the body's `pipeline_tree`.
    pub tree: Option<Tree>,
    /// The activities excluded from [`Built::tree`], in the order they were excluded.
    pub excluded: Vec<String>,
    /// Variables of the tree no node refers to once the nodes are excluded (dropped).
    pub constants_not_referred: Vec<String>,
    /// Mock tasks: the outputs each mocked node will really get (after the server fills
    /// empty `outputs` from `mock_data_ids`).
    pub outputs: Option<Object>,
}

impl Built {
    fn new(body: Object, diagnostics: Vec<Diagnostic>) -> Built {
        Built {
            body,
            diagnostics,
            tree: None,
            excluded: Vec::new(),
            constants_not_referred: Vec::new(),
            outputs: None,
        }
    }

    /// No diagnostic is an error: the body may be sent.
    pub fn valid(&self) -> bool {
        crate::diagnostic::none_is_error(&self.diagnostics)
    }

    /// `{valid, body, diagnostics}`, plus `tree`, `excluded`, `constants_not_referred` and
    /// `outputs` when the builder has them.
    pub fn to_json(&self) -> Value {
        let mut o = Object::new();
        o.insert("valid", Value::from(self.valid()));
        o.insert("body", Value::Object(self.body.clone()));
        o.insert(
            "diagnostics",
            Value::Array(self.diagnostics.iter().map(Diagnostic::to_json).collect()),
        );
        if let Some(t) = &self.tree {
            o.insert("tree", Value::Object(t.root().clone()));
        }
        if self.tree.is_some() || !self.excluded.is_empty() {
            o.insert("excluded", strings(&self.excluded));
            o.insert(
                "constants_not_referred",
                strings(&self.constants_not_referred),
            );
        }
        if let Some(out) = &self.outputs {
            o.insert("outputs", Value::Object(out.clone()));
        }
        Value::Object(o)
    }
}

pub(crate) fn strings(v: &[String]) -> Value {
    Value::Array(v.iter().map(|s| Value::from(s.as_str())).collect())
}

/// A payload diagnostic with the severity of its row in [`RULES`]. (Diagnostics are built on
/// cold paths at many call sites: not inlined, which keeps the wasm small.)
#[inline(never)]
pub(crate) fn diag(code: &'static str, message: String, message_zh: String) -> Diagnostic {
    let severity = table::lookup(code).map_or(Severity::Error, |r| r.severity);
    debug_assert!(
        table::lookup(code).is_some(),
        "payload rule {code} is not in the table"
    );
    Diagnostic {
        code,
        severity,
        message,
        message_zh,
        node_id: None,
        flow_id: None,
        path: None,
    }
}

/// Where a diagnostic points.
pub(crate) trait At: Sized {
    fn at(self, path: Path) -> Self;
    fn node(self, id: &str) -> Self;
}

impl At for Diagnostic {
    #[inline(never)]
    fn at(mut self, path: Path) -> Diagnostic {
        self.path = Some(path);
        self
    }

    #[inline(never)]
    fn node(mut self, id: &str) -> Diagnostic {
        self.node_id = Some(id.to_owned());
        self
    }
}

/// `$.key`.
#[inline(never)]
pub(crate) fn field(key: &str) -> Path {
    Path::root().key(key)
}

/// Node ids from an input list of strings (`exclude_task_nodes_id`, `include_node_ids`...):
/// `None` (with a PAY002 diagnostic) when it is not a list of non-blank strings.
pub(crate) fn id_list(v: &Value, path: &Path, out: &mut Vec<Diagnostic>) -> Option<Vec<String>> {
    let Some(items) = v.as_array() else {
        out.push(
            diag(
                "PAY002",
                format!(
                    "{path} must be a list of node ids, found {}",
                    v.json_type().name()
                ),
                format!("{path} 必须是节点 ID 列表"),
            )
            .at(path.clone()),
        );
        return None;
    };
    let mut ids = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        match item.as_str() {
            Some(s) if !s.trim().is_empty() => ids.push(s.to_owned()),
            _ => {
                out.push(
                    diag(
                        "PAY002",
                        format!(
                            "{path}[{i}] must be a non-empty node id, found {}",
                            describe(item)
                        ),
                        format!("{path}[{i}] 必须是节点 ID"),
                    )
                    .at(path.index(i)),
                );
                return None;
            }
        }
    }
    Some(ids)
}

/// A short description of a value for messages: its type, or the string itself.
#[inline(never)]
/// [`describe`] in Chinese: "空字符串", "\"abc\"", "数字 3", "数组"…
pub(crate) fn describe_zh(v: &Value) -> String {
    match v {
        Value::String(s) if s.is_empty() => "空字符串".to_owned(),
        Value::String(s) => format!("{s:?}"),
        Value::Number(n) => format!("数字 {}", n.as_str()),
        other => other.json_type().name_zh().to_owned(),
    }
}

pub(crate) fn describe(v: &Value) -> String {
    match v {
        Value::String(s) if s.is_empty() => "an empty string".to_owned(),
        Value::String(s) => format!("{s:?}"),
        Value::Number(n) => format!("the number {}", n.as_str()),
        other => other.json_type().name().to_owned(),
    }
}
