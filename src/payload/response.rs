//! Responses of the three APIs, read into types: the envelope `{result, code, message, data}`
//! (`code` is `"0"` from BKFlow's task service, `0` from SOPS, `400`/`500`/`3540000`... on
//! failure), the task record (create task, create mock task) and the clocked task record.
//! Fields the types do not name are kept in `extra`; a field of the wrong JSON type is a
//! [`ResponseError`] (RESP003), never a silent default.

use std::fmt;

use crate::json::{self, Limits, Object, Path, Value};
use crate::shape::{self, nullable, req, Shape, Ty, BOOL, MAP, NUM, STR};

const NUM0: Ty = nullable(&NUM);
const STR0: Ty = nullable(&STR);
const BOOL0: Ty = nullable(&BOOL);
const MAP0: Ty = Ty::Or(&[MAP, Ty::Null]);
const EXTRA: &str = "Fields not named above.";

/// The JSON form of a [`TaskRecord`].
pub const TASK_RECORD: Shape = Shape::new(
    "TaskRecord",
    "A task (create task, create mock task).",
    &[
        req("id", NUM, ""),
        req("space_id", NUM0, ""),
        req("scope_type", STR0, ""),
        req("scope_value", STR0, ""),
        req("instance_id", STR0, ""),
        req("template_id", NUM0, ""),
        req("name", STR0, ""),
        req("creator", STR0, ""),
        req("create_time", STR0, ""),
        req(
            "create_method",
            Ty::Or(&[Ty::Choice(&["API", "MOCK", "DEBUG"]), STR, Ty::Null]),
            "",
        ),
        req("trigger_method", STR0, ""),
        req("executor", STR0, ""),
        req("start_time", STR0, ""),
        req("finish_time", STR0, ""),
        req("description", STR0, ""),
        req("is_started", BOOL0, ""),
        req("is_finished", BOOL0, ""),
        req("is_revoked", BOOL0, ""),
        req("is_deleted", BOOL0, ""),
        req("is_expired", BOOL0, ""),
        req("snapshot_id", NUM0, ""),
        req("execution_snapshot_id", NUM0, ""),
        req("tree_info_id", NUM0, ""),
        req("extra_info", MAP0, ""),
        req("extra", MAP, EXTRA),
    ],
);

/// The JSON form of a [`ClockedTaskRecord`].
pub const CLOCKED_TASK_RECORD: Shape = Shape::new(
    "ClockedTaskRecord",
    "A clocked task.",
    &[
        req("id", NUM, ""),
        req("project_id", NUM0, ""),
        req(
            "task_id",
            NUM0,
            "The task, once created (`null` until the planned time).",
        ),
        req("task_name", STR0, ""),
        req("template_id", NUM0, ""),
        req("template_name", STR0, ""),
        req("template_source", STR0, ""),
        req("creator", STR0, ""),
        req("editor", STR0, ""),
        req("create_time", STR0, ""),
        req("edit_time", STR0, ""),
        req("plan_start_time", STR0, ""),
        req("state", STR0, ""),
        req("task_parameters", MAP0, ""),
        req("clocked_task_id", NUM0, ""),
        req("extra", MAP, EXTRA),
    ],
);

/// The JSON form of a [`Response`].
pub const PARSED_RESPONSE: Shape = Shape::new(
    "ParsedResponse",
    "A response read: the envelope and its record, or the error.",
    &[
        req("kind", Ty::Choice(&["task", "clocked-task"]), ""),
        req("ok", BOOL, ""),
        req(
            "code",
            STR0,
            "As written: \"0\" (BKFlow), \"0\"/\"400\"/\"3540000\"... as text.",
        ),
        req("message", STR, ""),
        req("trace_id", STR0, ""),
        shape::opt("task", Ty::Ref("TaskRecord"), ""),
        shape::opt("clocked_task", Ty::Ref("ClockedTaskRecord"), ""),
        shape::opt(
            "error",
            Ty::Obj(&Shape::inline(&[
                req("message", STR, ""),
                req("data", Ty::Unknown, ""),
            ])),
            "",
        ),
    ],
);

/// Which API answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResponseKind {
    /// `create_task_without_template`, `create_task`, `create_mock_task`.
    Task,
    /// `create_clocked_task`.
    ClockedTask,
}

impl ResponseKind {
    pub fn parse(s: &str) -> Option<ResponseKind> {
        match s {
            "task" | "create-task" | "createTask" | "mock-task" | "mockTask" => {
                Some(ResponseKind::Task)
            }
            "clocked-task" | "clockedTask" => Some(ResponseKind::ClockedTask),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ResponseKind::Task => "task",
            ResponseKind::ClockedTask => "clocked-task",
        }
    }
}

/// Why a response cannot be read. `code` is a RESP rule code (see [`super::RULES`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResponseError {
    pub code: &'static str,
    pub message: String,
    pub path: Path,
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at {} [{}]", self.message, self.path, self.code)
    }
}

impl std::error::Error for ResponseError {}

/// A task (`TaskInstanceSerializer`).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct TaskRecord {
    pub id: i64,
    pub space_id: Option<i64>,
    pub scope_type: Option<String>,
    pub scope_value: Option<String>,
    pub instance_id: Option<String>,
    pub template_id: Option<i64>,
    pub name: Option<String>,
    pub creator: Option<String>,
    pub create_time: Option<String>,
    /// `API`, `MOCK` or `DEBUG`.
    pub create_method: Option<String>,
    pub trigger_method: Option<String>,
    pub executor: Option<String>,
    pub start_time: Option<String>,
    pub finish_time: Option<String>,
    pub description: Option<String>,
    pub is_started: Option<bool>,
    pub is_finished: Option<bool>,
    pub is_revoked: Option<bool>,
    pub is_deleted: Option<bool>,
    pub is_expired: Option<bool>,
    pub snapshot_id: Option<i64>,
    pub execution_snapshot_id: Option<i64>,
    pub tree_info_id: Option<i64>,
    pub extra_info: Option<Object>,
    /// Fields not named above (`parameters`, `labels`...).
    pub extra: Object,
}

/// A clocked task (`ClockedTaskSerializer`).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ClockedTaskRecord {
    pub id: i64,
    pub project_id: Option<i64>,
    /// The task, once created (`null` until the planned time).
    pub task_id: Option<i64>,
    pub task_name: Option<String>,
    pub template_id: Option<i64>,
    pub template_name: Option<String>,
    pub template_source: Option<String>,
    pub creator: Option<String>,
    pub editor: Option<String>,
    pub create_time: Option<String>,
    pub edit_time: Option<String>,
    pub plan_start_time: Option<String>,
    pub state: Option<String>,
    pub task_parameters: Option<Object>,
    pub clocked_task_id: Option<i64>,
    pub extra: Object,
}

/// The error of a failed call.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiError {
    pub message: String,
    /// Whatever `data` holds (null, or the task service's field errors).
    pub data: Value,
}

/// A response: the envelope and what it carries.
#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    pub kind: ResponseKind,
    pub result: bool,
    /// The envelope's code as written (`"0"`, `0`, `400`...), as text; `None` when absent.
    pub code: Option<String>,
    pub message: String,
    pub trace_id: Option<String>,
    pub body: ResponseBody,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ResponseBody {
    Task(TaskRecord),
    ClockedTask(ClockedTaskRecord),
    Error(ApiError),
}

fn err(code: &'static str, message: String, path: Path) -> ResponseError {
    ResponseError {
        code,
        message,
        path,
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Int,
    Text,
    Flag,
    Obj,
}

impl Kind {
    fn fits(self, v: &Value) -> bool {
        match self {
            Kind::Int => v.as_number().and_then(|n| n.as_i64()).is_some(),
            Kind::Text => v.as_str().is_some(),
            Kind::Flag => v.as_bool().is_some(),
            Kind::Obj => v.as_object().is_some(),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Int => "an integer",
            Kind::Text => "a string",
            Kind::Flag => "a boolean",
            Kind::Obj => "an object",
        }
    }
}

/// Typed reads of an object's fields: each read removes the field from `rest`; the first field
/// of the wrong type is kept as the error.
struct Reader<'a> {
    obj: &'a Object,
    path: Path,
    rest: Object,
    error: Option<ResponseError>,
    /// The record's description: in debug builds a field read must be declared there.
    #[cfg(debug_assertions)]
    shape: &'static Shape,
}

impl<'a> Reader<'a> {
    // Inlined, so release builds never refer to the description.
    #[inline(always)]
    fn new(obj: &'a Object, path: Path, shape: &'static Shape) -> Reader<'a> {
        let _ = shape;
        Reader {
            obj,
            path,
            rest: obj.clone(),
            error: None,
            #[cfg(debug_assertions)]
            shape,
        }
    }

    #[inline(never)]
    fn take(&mut self, key: &str, kind: Kind) -> Option<&'a Value> {
        #[cfg(debug_assertions)]
        assert!(self.shape.declares(key), "{key} is not declared");
        self.rest.remove(key);
        let v = self.obj.get(key).filter(|v| !v.is_null())?;
        if kind.fits(v) {
            return Some(v);
        }
        if self.error.is_none() {
            let message = format!(
                "{key} must be {}, found {}",
                kind.name(),
                v.json_type().name()
            );
            self.error = Some(err("RESP003", message, self.path.key(key)));
        }
        None
    }

    fn int(&mut self, key: &str) -> Option<i64> {
        self.take(key, Kind::Int)
            .and_then(|v| v.as_number()?.as_i64())
    }

    fn text(&mut self, key: &str) -> Option<String> {
        self.take(key, Kind::Text)
            .and_then(Value::as_str)
            .map(str::to_owned)
    }

    fn flag(&mut self, key: &str) -> Option<bool> {
        self.take(key, Kind::Flag).and_then(Value::as_bool)
    }

    fn object(&mut self, key: &str) -> Option<Object> {
        self.take(key, Kind::Obj)
            .and_then(Value::as_object)
            .cloned()
    }

    /// The record's id (required), or the first error.
    fn finish(mut self, id: Option<i64>) -> Result<(i64, Object), ResponseError> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        let id = id.ok_or_else(|| {
            err(
                "RESP003",
                "the record has no integer id".into(),
                self.path.key("id"),
            )
        })?;
        Ok((id, self.rest))
    }
}

fn task(obj: &Object, path: Path) -> Result<TaskRecord, ResponseError> {
    let mut r = Reader::new(obj, path, &TASK_RECORD);
    let id = r.int("id");
    let mut t = TaskRecord {
        id: 0,
        space_id: r.int("space_id"),
        scope_type: r.text("scope_type"),
        scope_value: r.text("scope_value"),
        instance_id: r.text("instance_id"),
        template_id: r.int("template_id"),
        name: r.text("name"),
        creator: r.text("creator"),
        create_time: r.text("create_time"),
        create_method: r.text("create_method"),
        trigger_method: r.text("trigger_method"),
        executor: r.text("executor"),
        start_time: r.text("start_time"),
        finish_time: r.text("finish_time"),
        description: r.text("description"),
        is_started: r.flag("is_started"),
        is_finished: r.flag("is_finished"),
        is_revoked: r.flag("is_revoked"),
        is_deleted: r.flag("is_deleted"),
        is_expired: r.flag("is_expired"),
        snapshot_id: r.int("snapshot_id"),
        execution_snapshot_id: r.int("execution_snapshot_id"),
        tree_info_id: r.int("tree_info_id"),
        extra_info: r.object("extra_info"),
        extra: Object::new(),
    };
    (t.id, t.extra) = r.finish(id)?;
    Ok(t)
}

fn clocked(obj: &Object, path: Path) -> Result<ClockedTaskRecord, ResponseError> {
    let mut r = Reader::new(obj, path, &CLOCKED_TASK_RECORD);
    let id = r.int("id");
    let mut c = ClockedTaskRecord {
        id: 0,
        project_id: r.int("project_id"),
        task_id: r.int("task_id"),
        task_name: r.text("task_name"),
        template_id: r.int("template_id"),
        template_name: r.text("template_name"),
        template_source: r.text("template_source"),
        creator: r.text("creator"),
        editor: r.text("editor"),
        create_time: r.text("create_time"),
        edit_time: r.text("edit_time"),
        plan_start_time: r.text("plan_start_time"),
        state: r.text("state"),
        task_parameters: r.object("task_parameters"),
        clocked_task_id: r.int("clocked_task_id"),
        extra: Object::new(),
    };
    (c.id, c.extra) = r.finish(id)?;
    Ok(c)
}

/// Reads a response body.
pub fn parse_response(kind: ResponseKind, text: &str) -> Result<Response, ResponseError> {
    let root = envelope(text)?;
    let result = root.get("result").and_then(Value::as_bool).ok_or_else(|| {
        err(
            "RESP002",
            "the response has no boolean result".into(),
            Path::root().key("result"),
        )
    })?;
    let code = match root.get("code") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.as_str().to_owned()),
        Some(other) => {
            return Err(err(
                "RESP002",
                format!(
                    "code must be a number or a string, found {}",
                    other.json_type().name()
                ),
                Path::root().key("code"),
            ))
        }
    };
    let message = text_of(&root, "message")?.unwrap_or_default();
    let trace_id = text_of(&root, "trace_id")?;
    let data = root.get("data").cloned().unwrap_or(Value::Null);
    let body = if !result {
        ResponseBody::Error(ApiError {
            message: message.clone(),
            data,
        })
    } else {
        record(kind, &data)?
    };
    Ok(Response {
        kind,
        result,
        code,
        message,
        trace_id,
        body,
    })
}

/// The envelope: the response read as JSON, an object.
fn envelope(text: &str) -> Result<Object, ResponseError> {
    let value = json::parse(text, &Limits::default()).map_err(|e| {
        let p = e.first();
        err(
            "RESP001",
            format!("the response is not JSON: {}", p.message),
            p.path.clone(),
        )
    })?;
    let Value::Object(root) = value else {
        return Err(err(
            "RESP002",
            format!(
                "the response is {}, not an envelope object",
                value.json_type().name()
            ),
            Path::root(),
        ));
    };
    Ok(root)
}

/// The envelope's text field `key` (null or missing: `None`).
fn text_of(root: &Object, key: &str) -> Result<Option<String>, ResponseError> {
    match root.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(err(
            "RESP002",
            format!("{key} must be a string, found {}", other.json_type().name()),
            Path::root().key(key),
        )),
    }
}

/// A success's `data`: the record of the kind asked for.
fn record(kind: ResponseKind, data: &Value) -> Result<ResponseBody, ResponseError> {
    let path = Path::root().key("data");
    let Value::Object(obj) = data else {
        return Err(err(
            "RESP003",
            format!(
                "data must be the record object, found {}",
                data.json_type().name()
            ),
            path,
        ));
    };
    Ok(match kind {
        ResponseKind::Task => ResponseBody::Task(task(obj, path)?),
        ResponseKind::ClockedTask => ResponseBody::ClockedTask(clocked(obj, path)?),
    })
}

fn opt<T: Into<Value>>(o: &mut Object, key: &str, v: Option<T>) {
    o.insert(key, v.map_or(Value::Null, Into::into));
}

fn int(v: Option<i64>) -> Option<Value> {
    v.map(Value::from)
}

impl TaskRecord {
    pub fn to_json(&self) -> Value {
        let mut o = Object::new();
        o.insert("id", Value::from(self.id));
        opt(&mut o, "space_id", int(self.space_id));
        opt(&mut o, "scope_type", self.scope_type.clone());
        opt(&mut o, "scope_value", self.scope_value.clone());
        opt(&mut o, "instance_id", self.instance_id.clone());
        opt(&mut o, "template_id", int(self.template_id));
        opt(&mut o, "name", self.name.clone());
        opt(&mut o, "creator", self.creator.clone());
        opt(&mut o, "create_time", self.create_time.clone());
        opt(&mut o, "create_method", self.create_method.clone());
        opt(&mut o, "trigger_method", self.trigger_method.clone());
        opt(&mut o, "executor", self.executor.clone());
        opt(&mut o, "start_time", self.start_time.clone());
        opt(&mut o, "finish_time", self.finish_time.clone());
        opt(&mut o, "description", self.description.clone());
        opt(&mut o, "is_started", self.is_started);
        opt(&mut o, "is_finished", self.is_finished);
        opt(&mut o, "is_revoked", self.is_revoked);
        opt(&mut o, "is_deleted", self.is_deleted);
        opt(&mut o, "is_expired", self.is_expired);
        opt(&mut o, "snapshot_id", int(self.snapshot_id));
        opt(
            &mut o,
            "execution_snapshot_id",
            int(self.execution_snapshot_id),
        );
        opt(&mut o, "tree_info_id", int(self.tree_info_id));
        opt(&mut o, "extra_info", self.extra_info.clone());
        o.insert("extra", Value::Object(self.extra.clone()));
        Value::Object(o)
    }
}

impl ClockedTaskRecord {
    pub fn to_json(&self) -> Value {
        let mut o = Object::new();
        o.insert("id", Value::from(self.id));
        opt(&mut o, "project_id", int(self.project_id));
        opt(&mut o, "task_id", int(self.task_id));
        opt(&mut o, "task_name", self.task_name.clone());
        opt(&mut o, "template_id", int(self.template_id));
        opt(&mut o, "template_name", self.template_name.clone());
        opt(&mut o, "template_source", self.template_source.clone());
        opt(&mut o, "creator", self.creator.clone());
        opt(&mut o, "editor", self.editor.clone());
        opt(&mut o, "create_time", self.create_time.clone());
        opt(&mut o, "edit_time", self.edit_time.clone());
        opt(&mut o, "plan_start_time", self.plan_start_time.clone());
        opt(&mut o, "state", self.state.clone());
        opt(&mut o, "task_parameters", self.task_parameters.clone());
        opt(&mut o, "clocked_task_id", int(self.clocked_task_id));
        o.insert("extra", Value::Object(self.extra.clone()));
        Value::Object(o)
    }
}

impl Response {
    /// `{kind, ok, code, message, trace_id, task | clocked_task | error}`.
    pub fn to_json(&self) -> Value {
        let mut o = Object::new();
        o.insert("kind", Value::from(self.kind.as_str()));
        o.insert("ok", Value::from(self.result));
        opt(&mut o, "code", self.code.clone());
        o.insert("message", Value::from(self.message.as_str()));
        opt(&mut o, "trace_id", self.trace_id.clone());
        match &self.body {
            ResponseBody::Task(t) => {
                o.insert("task", t.to_json());
            }
            ResponseBody::ClockedTask(c) => {
                o.insert("clocked_task", c.to_json());
            }
            ResponseBody::Error(e) => {
                let mut eo = Object::new();
                eo.insert("message", Value::from(e.message.as_str()));
                eo.insert("data", e.data.clone());
                o.insert("error", Value::Object(eo));
            }
        }
        Value::Object(o)
    }
}
