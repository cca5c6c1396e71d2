//! BKFlow `create_mock_task` (seed `002_19ff2548311fa87a.txt`, bkflow-spec §1.5, §2,
//! editor-spec §5): a task whose chosen nodes return given outputs instead of running.
//!
//! Two endpoints take it. The open API (`endpoint: "api"`, the default,
//! `POST /apigw/space/{space_id}/create_mock_task/`) names the template (`template_id`); the
//! server runs the template's draft tree (the `tree` given here) and, when `outputs` is empty,
//! fills it from the saved mock data that `mock_data_ids` name. The web page's endpoint
//! (`endpoint: "web"`, `POST /api/template/{template_id}/create_mock_task/`) sends the tree
//! itself, optionally pruned to `include_node_ids`, and never reads `mock_data_ids`.
//!
//! Input keys: `template_id` (open API), `name` (required, ≤ 128), `creator` (required, ≤ 32),
//! `description`, `constants`, `credentials`, `custom_span_attributes`, `mock_data`
//! `{nodes, outputs, mock_data_ids}` (always sent, with all three keys), `include_node_ids`
//! (web); builder options `endpoint`, `mock_data_rows` (the template's saved mock data as
//! `get_template_mock_data` returns it: the response or its `data` list of rows
//! `{id, node_id, data, ...}`) and `plugin_outputs` (`{component code: [output keys]}`).

use super::fields::{falsy, put, Fields, Text};
use super::task_tree::{self, Server};
use super::{
    constants, describe, describe_zh, diag, exclude, exclude_except, field, id_list, At, Built,
    Exclusion,
};
use crate::diagnostic::Diagnostic;
use crate::json::{Object, Path, Value};
use crate::model::{NodeKind, Place, Tree};
use crate::shape::{names, opt, req, Field, Shape, Ty, BOOL, ID, MAP, NUM, STR, STRS, TREE};

const INPUT_FIELDS: &[Field] = &[
    opt("template_id", ID, "Required by the open API."),
    req("name", STR, ""),
    req("creator", STR, ""),
    opt("description", STR, ""),
    opt("constants", MAP, ""),
    opt("credentials", Ty::Map(&STR), ""),
    opt("custom_span_attributes", MAP, ""),
    opt("mock_data", Ty::Obj(&MOCK_DATA_GIVEN), ""),
    opt("include_node_ids", STRS, ""),
    opt("endpoint", Ty::Choice(ENDPOINTS), "").default("\"api\""),
    opt(
        "mock_data_rows",
        Ty::Or(&[
            Ty::Arr(&Ty::Ref("MockDataRow")),
            Ty::Obj(&Shape::inline(&[req(
                "data",
                Ty::Arr(&Ty::Ref("MockDataRow")),
                "",
            )])),
        ]),
        "The template's saved mock data (the response of get_template_mock_data, or its rows).",
    ),
    opt(
        "plugin_outputs",
        Ty::Map(&STRS),
        "`{component code: [output keys]}`: checks the mocked outputs' keys.",
    ),
];

const ENDPOINTS: &[&str] = &["api", "web"];

/// The input of [`mock_task`]: the API's fields and the builder's options.
pub const MOCK_TASK_INPUT: Shape = Shape::new(
    "MockTaskInput",
    "BKFlow `create_mock_task`: the open API (`endpoint: \"api\"`) or the web page's endpoint \
     (`\"web\"`: the tree in the body, optionally pruned to `include_node_ids`).",
    INPUT_FIELDS,
);

/// The input keys the builder reads ([`MOCK_TASK_INPUT`]).
pub(crate) const FIELDS: [&str; INPUT_FIELDS.len()] = names(INPUT_FIELDS);

const MOCK_DATA_FIELDS: &[Field] = &[
    req(
        "nodes",
        STRS,
        "Activities that return `outputs` instead of running.",
    ),
    req(
        "outputs",
        Ty::Map(&MAP),
        "`{node_id: {output_key: value}}`.",
    ),
    req(
        "mock_data_ids",
        Ty::Map(&NUM),
        "`{node_id: saved mock data id}`; fills empty `outputs` (open API only).",
    ),
];

/// `mock_data`, as sent (all three keys).
pub const MOCK_DATA: Shape = Shape::new(
    "MockData",
    "The activities a mock task mocks and what they return.",
    MOCK_DATA_FIELDS,
);

/// `mock_data` as given: any of its keys.
const MOCK_DATA_GIVEN: Shape = MOCK_DATA.partial("", "");

/// The keys of `mock_data`.
const MOCK_DATA_KEYS: [&str; MOCK_DATA_FIELDS.len()] = names(MOCK_DATA_FIELDS);

/// A saved mock data row (`mock_data_rows`).
pub const MOCK_DATA_ROW: Shape = Shape::new(
    "MockDataRow",
    "A saved mock data row, as `get_template_mock_data` returns it.",
    &[
        req("id", NUM, ""),
        opt("node_id", STR, ""),
        opt("template_id", NUM, ""),
        opt("name", STR, ""),
        opt("is_default", BOOL, ""),
        req("data", MAP, ""),
    ],
);

/// The body [`mock_task`] builds, when valid.
pub const MOCK_TASK_BODY: Shape = Shape::new(
    "MockTaskBody",
    "The body of `create_mock_task`: `template_id` for the open API; the tree and `include_node_ids` for the web page's endpoint.",
    &[
        opt("template_id", NUM, ""),
        req("name", STR, ""),
        req("creator", STR, ""),
        opt("description", STR, ""),
        opt("constants", MAP, ""),
        opt("credentials", Ty::Map(&STR), ""),
        opt("custom_span_attributes", MAP, ""),
        opt("pipeline_tree", TREE, ""),
        opt("include_node_ids", STRS, ""),
        req("mock_data", Ty::Ref("MockData"), ""),
    ],
);

/// Outputs every plugin has (`_result`, loop counters): never a mismatch.
use crate::variables::plugins::DEFAULT_OUTPUTS as SYSTEM_OUTPUTS;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Endpoint {
    Api,
    Web,
}

/// One saved mock data row (`TemplateMockData`).
struct Row {
    id: i64,
    node_id: Option<String>,
    template_id: Option<i64>,
    data: Value,
}

/// Builds and checks a `create_mock_task` body for the template's `tree`.
pub fn mock_task(tree: &Tree, input: &Object) -> Built {
    let mut f = Fields::new(input);
    f.unknown_keys(&FIELDS);
    let endpoint = read_endpoint(input, &mut f);
    let template_id = f.integer_id("template_id", endpoint == Endpoint::Api);
    let name = f.text("name", Text::required(128));
    let creator = f.text("creator", Text::required(32));
    let description = f.text("description", Text::BLANK_OK);

    // The tree the task runs: the web endpoint prunes it to include_node_ids.
    let (exclusion, include) = pruned(tree, input, endpoint, &mut f);
    let run = exclusion.as_ref().map_or(tree, |e| &e.tree);
    let dropped = exclusion
        .as_ref()
        .map_or(&[][..], |e| &e.constants_not_referred[..]);
    let overrides = input
        .get("constants")
        .filter(|v| constants::check(v, &field("constants"), Some(run), dropped, &mut f.out))
        .and_then(Value::as_object);
    let checked = Checked {
        template_id,
        name,
        creator,
        description,
        credentials: f.credentials(),
        span: f.span_attributes(),
    };
    let rows = rows(input.get("mock_data_rows"), &mut f.out);
    let mut mock = MockData::read(input.get("mock_data"), &mut f.out);
    mock.check(tree, run, exclusion.is_some(), &mut f.out);
    let outputs = mock.effective(endpoint, template_id, rows.as_deref(), &mut f.out);
    if let Some(o) = &outputs {
        mock.check_outputs(run, o, input.get("plugin_outputs"), &mut f.out);
    }

    let mut out = std::mem::take(&mut f.out);
    let (run, meta) = match exclusion {
        Some(ex) => (ex.tree, Some((ex.excluded, ex.constants_not_referred))),
        None => (tree.clone(), None),
    };
    let sent = task_tree::check(run, overrides, Server::BkFlow, &mut out);

    let body = body(endpoint, input, checked, tree, include.as_deref(), &mock);
    let mut built = Built::new(body, out);
    built.outputs = outputs;
    if let Some((excluded, dropped)) = meta {
        built.tree = Some(sent);
        built.excluded = excluded;
        built.constants_not_referred = dropped;
    }
    built
}

/// `endpoint`: "api" (the default) or "web"; anything else is reported and read as "api".
fn read_endpoint(input: &Object, f: &mut Fields) -> Endpoint {
    match input.get("endpoint") {
        None => Endpoint::Api,
        Some(Value::String(s)) if s == "api" => Endpoint::Api,
        Some(Value::String(s)) if s == "web" => Endpoint::Web,
        Some(other) => {
            f.push(
                diag(
                    "PAY002",
                    format!(
                        "endpoint must be \"api\" or \"web\", found {}",
                        describe(other)
                    ),
                    "endpoint 必须是 api 或 web".to_owned(),
                )
                .at(field("endpoint")),
            );
            Endpoint::Api
        }
    }
}

/// The web endpoint's `include_node_ids`: the tree pruned to them, and the ids. The open API
/// has no such field (reported, the whole tree runs).
fn pruned(
    tree: &Tree,
    input: &Object,
    endpoint: Endpoint,
    f: &mut Fields,
) -> (Option<Exclusion>, Option<Vec<String>>) {
    let Some(v) = input.get("include_node_ids") else {
        return (None, None);
    };
    if endpoint == Endpoint::Api {
        f.push(
            diag(
                "PAY006",
                "include_node_ids is a field of the web endpoint only; the open API runs the whole tree".to_owned(),
                "include_node_ids 仅用于 web 接口".to_owned(),
            )
            .at(field("include_node_ids")),
        );
    } else if let Some(ids) = id_list(v, &field("include_node_ids"), &mut f.out) {
        let ex = exclude(tree, &exclude_except(tree, &ids));
        f.out.extend(ex.diagnostics.iter().cloned());
        return (Some(ex), Some(ids));
    }
    (None, None)
}

/// The request fields as checked (`None` where a check failed).
struct Checked {
    template_id: Option<i64>,
    name: Option<String>,
    creator: Option<String>,
    description: Option<String>,
    credentials: Option<Value>,
    span: Option<Value>,
}

/// The body: the checked fields (as given where a check failed), the whole tree for the web
/// endpoint, and `mock_data`.
fn body(
    endpoint: Endpoint,
    input: &Object,
    checked: Checked,
    tree: &Tree,
    include: Option<&[String]>,
    mock: &MockData,
) -> Object {
    let mut body = Object::new();
    if endpoint == Endpoint::Api {
        put(
            &mut body,
            input,
            "template_id",
            checked.template_id.map(Value::from),
        );
    }
    put(&mut body, input, "name", checked.name.map(Value::from));
    put(
        &mut body,
        input,
        "creator",
        checked.creator.map(Value::from),
    );
    put(
        &mut body,
        input,
        "description",
        checked.description.map(Value::from),
    );
    put(&mut body, input, "constants", None);
    put(&mut body, input, "credentials", checked.credentials);
    put(&mut body, input, "custom_span_attributes", checked.span);
    if endpoint == Endpoint::Web {
        // The server prunes the tree itself: send it whole, names cleaned.
        let mut root = tree.root().clone();
        task_tree::standardize(&mut root, &mut Vec::new());
        body.insert("pipeline_tree", Value::Object(root));
        if let Some(ids) = include {
            body.insert("include_node_ids", super::strings(ids));
        }
    }
    body.insert("mock_data", mock.body());
    body
}

/// The saved mock data: a `get_template_mock_data` response or its `data` list.
fn rows(v: Option<&Value>, out: &mut Vec<Diagnostic>) -> Option<Vec<Row>> {
    let v = v?;
    let path = field("mock_data_rows");
    let list = match v {
        Value::Array(a) => a,
        Value::Object(o) => match o.get("data") {
            Some(Value::Array(a)) => a,
            _ => {
                out.push(
                    diag(
                        "MOCK020",
                        "mock_data_rows is an object without a data list".to_owned(),
                        "mock 数据缺少 data 列表".to_owned(),
                    )
                    .at(path),
                );
                return None;
            }
        },
        other => {
            out.push(
                diag(
                    "MOCK020",
                    format!(
                        "mock_data_rows must be a list of rows, found {}",
                        describe(other)
                    ),
                    "mock 数据必须是列表".to_owned(),
                )
                .at(path),
            );
            return None;
        }
    };
    let mut rows = Vec::with_capacity(list.len());
    for (i, r) in list.iter().enumerate() {
        let id = r
            .get("id")
            .and_then(Value::as_number)
            .and_then(|n| n.as_i64());
        let (Some(id), Some(data)) = (id, r.get("data")) else {
            out.push(
                diag(
                    "MOCK020",
                    format!("mock data row {i} needs an integer id and data"),
                    format!("第 {i} 条 mock 数据缺少 id 或 data"),
                )
                .at(path.index(i)),
            );
            return None;
        };
        rows.push(Row {
            id,
            node_id: r.get("node_id").and_then(Value::as_str).map(str::to_owned),
            template_id: r
                .get("template_id")
                .and_then(Value::as_number)
                .and_then(|n| n.as_i64()),
            data: data.clone(),
        });
    }
    Some(rows)
}

fn no_outputs(node: &str, (why, why_zh): (&str, &str)) -> Diagnostic {
    diag(
        "MOCK016",
        format!("mocked node {node} gets no outputs: {why}"),
        format!("Mock 节点 {node} 没有输出：{why_zh}"),
    )
    .node(node)
    .at(md_path("outputs"))
}

/// `mock_data` as given, with what of it passed.
struct MockData {
    /// Node ids as the server reads them (numbers become text), with their place in the list.
    nodes: Vec<(usize, String)>,
    nodes_value: Value,
    /// The nodes that can be mocked (activities of the tree the task runs), once each.
    mockable: Vec<String>,
    outputs: Value,
    ids: Value,
}

fn md_path(key: &str) -> Path {
    field("mock_data").key(key)
}

/// Calls `each(node, value, path, out)` for every entry of `mock_data.<key>`, an object keyed
/// by node id; anything else is the `whole` diagnostic (code, the expected form, its Chinese).
fn each_node(
    v: &Value,
    key: &str,
    whole: (&'static str, &str, &str),
    out: &mut Vec<Diagnostic>,
    mut each: impl FnMut(&str, &Value, Path, &mut Vec<Diagnostic>),
) {
    match v {
        Value::Object(o) => o
            .iter()
            .for_each(|(node, x)| each(node, x, md_path(key).key(node), out)),
        other => {
            let (code, form, zh) = whole;
            let en = format!(
                "mock_data.{key} must be an object {form}, found {}",
                describe(other)
            );
            out.push(diag(code, en, zh.to_owned()).at(md_path(key)));
        }
    }
}

impl MockData {
    fn read(v: Option<&Value>, out: &mut Vec<Diagnostic>) -> MockData {
        let mut md = MockData {
            nodes: Vec::new(),
            nodes_value: Value::Array(Vec::new()),
            mockable: Vec::new(),
            outputs: Value::Object(Object::new()),
            ids: Value::Object(Object::new()),
        };
        let obj = match v {
            None => return md,
            Some(Value::Object(o)) => o,
            Some(other) => {
                out.push(
                    diag(
                        "MOCK001",
                        format!("mock_data must be an object {{nodes, outputs, mock_data_ids}}, found {}", describe(other)),
                        format!("mock_data 必须是对象 {{nodes, outputs, mock_data_ids}}，实为{}", describe_zh(other)),
                    )
                    .at(field("mock_data")),
                );
                return md;
            }
        };
        for k in obj.keys() {
            match k {
                _ if MOCK_DATA_KEYS.contains(&k) => {}
                "fail_nodes" | "errors" => out.push(
                    diag(
                        "MOCK018",
                        format!("mock_data.{k} is dropped by this endpoint; only debug tasks fail nodes on purpose"),
                        format!("mock_data.{k} 会被该接口丢弃：只有调试任务会有意让节点失败"),
                    )
                    .at(md_path(k)),
                ),
                other => out.push(
                    diag("PAY006", format!("mock_data.{other} is not a field of mock data; it is not sent"), format!("mock_data.{other} 不是 mock 数据的字段")).at(md_path(other)),
                ),
            }
        }
        if let Some(n) = obj.get("nodes") {
            md.read_nodes(n, out);
        }
        if let Some(o) = obj.get("outputs") {
            md.outputs = o.clone();
        }
        if let Some(ids) = obj.get("mock_data_ids") {
            md.ids = ids.clone();
        }
        md
    }

    /// `nodes`: kept as given for the body; each item that names a node (text stripped, a
    /// number as written) is read.
    fn read_nodes(&mut self, n: &Value, out: &mut Vec<Diagnostic>) {
        self.nodes_value = n.clone();
        match n.as_array() {
            Some(items) => {
                for (i, item) in items.iter().enumerate() {
                    let id = match item {
                        Value::String(s) => super::fields::py_strip(s).to_owned(),
                        Value::Number(x) => x.as_str().to_owned(),
                        _ => String::new(),
                    };
                    if id.is_empty() {
                        out.push(
                            diag(
                                "MOCK002",
                                format!(
                                    "mock_data.nodes[{i}] must be a node id, found {}",
                                    describe(item)
                                ),
                                "Mock 节点 ID 不合法".to_owned(),
                            )
                            .at(md_path("nodes").index(i)),
                        );
                    } else {
                        self.nodes.push((i, id));
                    }
                }
            }
            None => out.push(
                diag(
                    "MOCK002",
                    format!(
                        "mock_data.nodes must be a list of node ids, found {}",
                        describe(n)
                    ),
                    format!("mock_data.nodes 必须是节点 ID 列表，实为{}", describe_zh(n)),
                )
                .at(md_path("nodes")),
            ),
        }
    }

    fn mocked(&self, node: &str) -> bool {
        self.nodes.iter().any(|(_, n)| n == node)
    }

    /// `{nodes, outputs, mock_data_ids}`, always all three.
    fn body(&self) -> Value {
        let mut o = Object::new();
        o.insert("nodes", self.nodes_value.clone());
        o.insert("outputs", self.outputs.clone());
        o.insert("mock_data_ids", self.ids.clone());
        Value::Object(o)
    }

    /// Why `id` cannot be mocked in `run` (`None`: it can).
    fn refusal(
        tree: &Tree,
        run: &Tree,
        pruned: bool,
        id: &str,
    ) -> Option<(&'static str, String, String)> {
        if run.activities().any(|a| a.key() == id) {
            return None;
        }
        if pruned && tree.activities().any(|a| a.key() == id) {
            return Some((
                "MOCK005",
                format!(
                    "node {id} is excluded from the task (not in include_node_ids, and optional)"
                ),
                format!("节点 {id} 已被剔除，无法 Mock"),
            ));
        }
        match run.node(id) {
            Some(n) if n.kind().is_gateway() || n.place() == Place::Gateways => Some((
                "MOCK004",
                format!("node {id} is a gateway; gateways cannot be mocked"),
                format!("节点 {id} 是网关，网关不支持 Mock"),
            )),
            Some(n)
                if matches!(n.kind(), NodeKind::StartEvent | NodeKind::EndEvent)
                    || matches!(n.place(), Place::StartEvent | Place::EndEvent) =>
            {
                Some((
                    "MOCK004",
                    format!("node {id} is the start or end event; events cannot be mocked"),
                    format!("节点 {id} 是开始/结束节点，不支持 Mock"),
                ))
            }
            _ => Some((
                "MOCK003",
                format!("node {id} is not an activity of the tree (task creation fails)"),
                format!("节点 {id} 不是流程中的任务节点（创建任务会失败）"),
            )),
        }
    }

    fn check(&mut self, tree: &Tree, run: &Tree, pruned: bool, out: &mut Vec<Diagnostic>) {
        let mut seen: Vec<&str> = Vec::new();
        for (i, id) in &self.nodes {
            let at = md_path("nodes").index(*i);
            if seen.contains(&id.as_str()) {
                out.push(
                    diag(
                        "MOCK006",
                        format!("node {id} is listed twice"),
                        format!("Mock 节点 {id} 重复"),
                    )
                    .node(id)
                    .at(at),
                );
                continue;
            }
            seen.push(id);
            match Self::refusal(tree, run, pruned, id) {
                Some((code, en, zh)) => out.push(diag(code, en, zh).node(id).at(at)),
                None => self.mockable.push(id.clone()),
            }
        }
        let whole = (
            "MOCK007",
            "{node_id: {output_key: value}}",
            "mock_data.outputs 必须是对象",
        );
        each_node(
            &self.outputs,
            "outputs",
            whole,
            out,
            |node, outs, at, out| {
                if outs.as_object().is_none() {
                    let en = format!(
                    "the outputs of node {node} must be an object {{output_key: value}}, found {}",
                    describe(outs)
                );
                    let zh = format!("节点 {node} 的输出必须是对象");
                    out.push(diag("MOCK007", en, zh).node(node).at(at.clone()));
                }
                if let Some((_, en, zh)) = Self::refusal(tree, run, pruned, node) {
                    out.push(
                        diag("MOCK008", format!("outputs: {en}"), zh)
                            .node(node)
                            .at(at),
                    );
                } else if !self.mocked(node) {
                    let en = format!(
                    "outputs are given for node {node}, which is not mocked; they are never used"
                );
                    let zh = format!("节点 {node} 未被 Mock，其输出不会生效");
                    out.push(diag("MOCK009", en, zh).node(node).at(at));
                }
            },
        );
        let whole = (
            "MOCK012",
            "{node_id: integer id}",
            "mock_data_ids 必须是对象",
        );
        each_node(
            &self.ids,
            "mock_data_ids",
            whole,
            out,
            |node, id, at, out| {
                if !matches!(id, Value::Number(n) if n.as_i64().is_some()) {
                    let en = format!(
                        "the mock_data_id of node {node} must be an integer, found {}",
                        describe(id)
                    );
                    let zh = format!("节点 {node} 的 mock_data_id 必须是整数");
                    out.push(diag("MOCK012", en, zh).node(node).at(at.clone()));
                }
                if !self.mocked(node) {
                    let en = format!(
                        "mock_data_ids names node {node}, which is not mocked; it is ignored"
                    );
                    let zh = format!("节点 {node} 未被 Mock，mock_data_id 会被忽略");
                    out.push(diag("MOCK013", en, zh).node(node).at(at));
                }
            },
        );
    }

    /// The outputs the task will really get: `outputs` as given, or (open API, `outputs`
    /// empty, `mock_data_ids` not) the saved rows the ids name, for mocked nodes only.
    /// `None` when that cannot be known (rows not given, or malformed input).
    fn effective(
        &self,
        endpoint: Endpoint,
        template_id: Option<i64>,
        rows: Option<&[Row]>,
        out: &mut Vec<Diagnostic>,
    ) -> Option<Object> {
        let given = self.outputs.as_object()?;
        let resolve = !falsy(&self.ids) && falsy(&self.outputs);
        let effective = if !resolve {
            given.clone()
        } else if endpoint == Endpoint::Web {
            out.push(
                diag(
                    "MOCK019",
                    "outputs is empty and the web endpoint never fills it from mock_data_ids: the mocked nodes get no outputs".to_owned(),
                    "web 接口不会根据 mock_data_ids 填充输出，Mock 节点没有输出".to_owned(),
                )
                .at(md_path("mock_data_ids")),
            );
            Object::new()
        } else {
            return self.resolved(template_id, rows, out);
        };
        for node in &self.mockable {
            if effective.contains_key(node) {
                continue;
            }
            let why = if !falsy(&self.outputs) && !falsy(&self.ids) {
                (
                    "outputs is not empty, so mock_data_ids are only recorded",
                    "outputs 不为空，因此 mock_data_ids 只会被记录",
                )
            } else {
                (
                    "it has neither outputs nor a mock_data_id",
                    "它既没有 outputs 也没有 mock_data_id",
                )
            };
            out.push(no_outputs(node, why));
        }
        Some(effective)
    }

    /// The open API's outputs from `mock_data_ids`: each mocked node's saved row, by id
    /// (`None` without the rows, or when the ids are not an object).
    fn resolved(
        &self,
        template_id: Option<i64>,
        rows: Option<&[Row]>,
        out: &mut Vec<Diagnostic>,
    ) -> Option<Object> {
        let ids = self.ids.as_object()?;
        let Some(rows) = rows else {
            out.push(
                diag(
                    "MOCK017",
                    "outputs will be filled from the saved mock data named by mock_data_ids; pass the template's mock data (mock_data_rows) to see them".to_owned(),
                    "outputs 将根据 mock_data_ids 从模板 mock 数据填充，请提供 mock 数据以便展示".to_owned(),
                )
                .at(md_path("mock_data_ids")),
            );
            return None;
        };
        let mut resolved = Object::new();
        let mut missing: Vec<&str> = Vec::new();
        for (node, id) in ids.iter() {
            if !self.mocked(node) {
                continue;
            }
            match saved_row(node, id, template_id, rows, out) {
                Some(row) => {
                    resolved.insert(node, row.data.clone());
                }
                None => missing.push(node),
            }
        }
        for node in &self.mockable {
            if !resolved.contains_key(node) && !missing.contains(&node.as_str()) {
                out.push(no_outputs(
                    node,
                    ("it has no mock_data_id", "它没有 mock_data_id"),
                ));
            }
        }
        Some(resolved)
    }

    /// The outputs' keys against what the tree hooks (component output variables) and, when
    /// given, the plugin's declared outputs.
    fn check_outputs(
        &self,
        run: &Tree,
        effective: &Object,
        plugins: Option<&Value>,
        out: &mut Vec<Diagnostic>,
    ) {
        for node in &self.mockable {
            let Some(Value::Object(outs)) = effective.get(node) else {
                continue;
            };
            let at = md_path("outputs").key(node);
            for c in run
                .constants()
                .filter(|c| c.source_type() == Some("component_outputs"))
            {
                let Some(fields) = c.source_info().and_then(|i| i.get(node)) else {
                    continue;
                };
                let fields: Vec<&str> = match fields {
                    Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
                    Value::String(s) => vec![s.as_str()],
                    _ => Vec::new(),
                };
                for k in fields {
                    if !outs.contains_key(k) {
                        out.push(
                            diag(
                                "MOCK010",
                                format!("the mock outputs of node {node} have no {k}, which variable {} is hooked to; it stays empty", c.map_key()),
                                format!("节点 {node} 的 Mock 输出缺少 {k}（变量 {} 引用）", c.map_key()),
                            )
                            .node(node)
                            .at(at.clone()),
                        );
                    }
                }
            }
            let code = run
                .node(node)
                .and_then(|n| n.component())
                .and_then(|c| c.code());
            let declared = code
                .and_then(|c| plugins.and_then(|p| p.get(c)))
                .and_then(Value::as_array);
            if let (Some(code), Some(declared)) = (code, declared) {
                for k in outs.keys() {
                    if !SYSTEM_OUTPUTS.contains(&k)
                        && !declared.iter().any(|d| d.as_str() == Some(k))
                    {
                        out.push(
                            diag(
                                "MOCK011",
                                format!("{k} is not an output of plugin {code} (node {node})"),
                                format!("{k} 不是插件 {code} 的输出"),
                            )
                            .node(node)
                            .at(at.key(k)),
                        );
                    }
                }
            }
        }
    }
}

/// The saved row `mock_data_ids` names for `node` (of the template, when both say which),
/// or the diagnostic that it is not found; a row of another node is used, with a warning.
fn saved_row<'r>(
    node: &str,
    id: &Value,
    template_id: Option<i64>,
    rows: &'r [Row],
    out: &mut Vec<Diagnostic>,
) -> Option<&'r Row> {
    let at = md_path("mock_data_ids").key(node);
    let wanted = id.as_number().and_then(|n| n.as_i64());
    let row = wanted.and_then(|w| {
        rows.iter().find(|r| {
            r.id == w && template_id.is_none_or(|t| r.template_id.is_none_or(|rt| rt == t))
        })
    });
    let Some(row) = row else {
        let shown = crate::json::to_string(id, &crate::json::Format::compact());
        out.push(
            diag(
                "MOCK014",
                format!("mock data of node {node} with mock_data_id {shown} not found"),
                format!("找不到节点 {node} 的 mock 数据（mock_data_id {shown}）"),
            )
            .node(node)
            .at(at),
        );
        return None;
    };
    if let Some(owner) = row.node_id.as_deref().filter(|o| *o != node) {
        out.push(
            diag(
                "MOCK015",
                format!(
                    "mock data {} belongs to node {owner}, not {node}; the server uses it anyway",
                    row.id
                ),
                format!("mock 数据 {} 属于节点 {owner}，而非 {node}", row.id),
            )
            .node(node)
            .at(at),
        );
    }
    Some(row)
}
