//! SOPS `POST /create_clocked_task/{template_id}/{bk_biz_id}/` (seed
//! `004_9d824a0d5dd318d4.txt`, editor-spec §7): a task created from a template at a planned
//! time.
//!
//! Input keys: `bk_biz_id` and `template_id` (ids, sent as text), `task_name` (required,
//! ≤ 128), `plan_start_time` (`YYYY-MM-DD HH:MM:SS+ZZZZ`; a time without zone is read in
//! Asia/Shanghai, as the server reads it; sent with its offset written), `task_parameters`
//! `{constants, template_schemes_id}` (or `exclude_task_nodes_id` / `appoint_task_nodes_id`,
//! which the server also reads when the task starts), `scope` (`cmdb_biz`, the default, or
//! `project`); builder options `now` (the current time: the same text form, or milliseconds
//! since the epoch; the plan must not be earlier) and `schemes` (the template's execution
//! schemes: `{id: [node ids]}`, or SOPS's scheme list `[{id, unique_id?, data}]`).
//!
//! With the template's tree, the builder also checks the variables and shows the tree the
//! task will run: the server prunes it when the task starts, even when no node is excluded
//! (unreferenced variables and empty parallel blocks go).

use super::fields::{falsy, put, Fields, Text};
use super::task_tree::{self, Server};
use super::time::{DateTime, SHANGHAI};
use super::{
    constants, describe, describe_zh, diag, exclude, exclude_except, field, id_list, At, Built,
};
use crate::diagnostic::Diagnostic;
use crate::json::{self, Limits, Object, Path, Value};
use crate::model::Tree;
use crate::shape::{names, opt, req, Field, Shape, Ty, ID, MAP, NUM, STR, STRS};

const INPUT_FIELDS: &[Field] = &[
    req("bk_biz_id", ID, ""),
    req("template_id", ID, ""),
    req("task_name", STR, ""),
    req(
        "plan_start_time",
        STR,
        "`YYYY-MM-DD HH:MM:SS+ZZZZ`; without zone it is read in Asia/Shanghai.",
    ),
    opt("task_parameters", Ty::Obj(&PARAMETERS_GIVEN), ""),
    opt("scope", Ty::Choice(SCOPES), "").default("\"cmdb_biz\""),
    opt(
        "now",
        Ty::Or(&[STR, NUM, Ty::Null]),
        "The current time (same text form, or milliseconds since 1970); `null` leaves \
         plan_start_time unchecked.",
    )
    .default("`Date.now()`"),
    opt(
        "schemes",
        Ty::Or(&[
            Ty::Map(&STRS),
            Ty::Arr(&Ty::Obj(&Shape::inline(&[
                req("id", ID, ""),
                opt("unique_id", STR, ""),
                req("data", Ty::Or(&[STR, STRS]), ""),
            ]))),
        ]),
        "The template's execution schemes: `{id: [node ids]}` or `[{id, unique_id?, data}]`.",
    ),
];

const SCOPES: &[&str] = &["cmdb_biz", "project"];

/// The input of [`clocked_task`]: the API's fields and the builder's options.
pub const CLOCKED_TASK_INPUT: Shape = Shape::new(
    "ClockedTaskInput",
    "SOPS `create_clocked_task`.",
    INPUT_FIELDS,
);

/// The input keys the builder reads ([`CLOCKED_TASK_INPUT`]).
pub(crate) const FIELDS: [&str; INPUT_FIELDS.len()] = names(INPUT_FIELDS);

const PARAMETER_FIELDS: &[Field] = &[
    req("constants", MAP, ""),
    req("template_schemes_id", Ty::Arr(&ID), ""),
    opt("exclude_task_nodes_id", STRS, ""),
    opt("appoint_task_nodes_id", STRS, ""),
];

/// `task_parameters` as sent: as given, the keys named here checked.
const PARAMETERS_SENT: Shape = Shape::inline(PARAMETER_FIELDS).open(Ty::Unknown);

/// `task_parameters` as given: any of its keys.
const PARAMETERS_GIVEN: Shape = Shape::inline(PARAMETER_FIELDS).partial("", "");

/// The keys of `task_parameters` the server reads.
const PARAMETERS: [&str; PARAMETER_FIELDS.len()] = names(PARAMETER_FIELDS);

/// The body [`clocked_task`] builds, when valid.
pub const CLOCKED_TASK_BODY: Shape = Shape::new(
    "ClockedTaskBody",
    "The body of `create_clocked_task`.",
    &[
        req("bk_biz_id", STR, ""),
        req("template_id", STR, ""),
        req("task_name", STR, ""),
        req("plan_start_time", STR, ""),
        req(
            "task_parameters",
            Ty::Obj(&PARAMETERS_SENT),
            "As given: `exclude_task_nodes_id` or `appoint_task_nodes_id` travel here too.",
        ),
        req("scope", Ty::Choice(SCOPES), ""),
    ],
);

fn tp(key: &str) -> Path {
    field("task_parameters").key(key)
}

/// Builds and checks a `create_clocked_task` body; `tree` is the template's tree when known.
pub fn clocked_task(tree: Option<&Tree>, input: &Object) -> Built {
    let mut f = Fields::new(input);
    f.unknown_keys(&FIELDS);
    let bk_biz_id = f.path_id("bk_biz_id");
    let template_id = f.path_id("template_id");
    let task_name = f.text("task_name", Text::required(128));
    let plan = plan_start_time(&mut f);
    if let Some(p) = plan {
        check_against_now(&mut f, input, p);
    }
    let scope = read_scope(input, &mut f);
    let params = Parameters::read(input.get("task_parameters"), &mut f.out);

    let mut built_tree = None;
    if let Some(tree) = tree {
        let ids = params.exclusion(tree, input.get("schemes"), &mut f.out);
        let ex = exclude(tree, &ids);
        f.out.extend(ex.diagnostics.iter().cloned());
        built_tree = Some(ex);
    }
    let dropped = built_tree
        .as_ref()
        .map_or(&[][..], |e| &e.constants_not_referred[..]);
    let run = built_tree.as_ref().map(|e| &e.tree);
    let overrides = match &params.constants {
        Some(c) if constants::check(c, &tp("constants"), run, dropped, &mut f.out) => c.as_object(),
        _ => None,
    };
    if let Some(o) = overrides {
        constants::references(o, &tp("constants"), &mut f.out);
    }
    let mut out = std::mem::take(&mut f.out);
    let overrides = overrides.cloned();

    let mut body = Object::new();
    put(&mut body, input, "bk_biz_id", bk_biz_id.map(Value::from));
    put(
        &mut body,
        input,
        "template_id",
        template_id.map(Value::from),
    );
    put(&mut body, input, "task_name", task_name.map(Value::from));
    put(
        &mut body,
        input,
        "plan_start_time",
        plan.map(|p| Value::from(p.with_default_offset(SHANGHAI).to_string())),
    );
    body.insert("task_parameters", params.body());
    put(&mut body, input, "scope", scope.map(Value::from));
    let pruned = built_tree.map(|ex| {
        let sent = task_tree::check(ex.tree, overrides.as_ref(), Server::Sops, &mut out);
        (sent, ex.excluded, ex.constants_not_referred)
    });
    let mut built = Built::new(body, out);
    if let Some((sent, excluded, dropped)) = pruned {
        built.tree = Some(sent);
        built.excluded = excluded;
        built.constants_not_referred = dropped;
    }
    built
}

/// The plan against `now`, when given: it must not be earlier.
fn check_against_now(f: &mut Fields<'_>, input: &Object, p: DateTime) {
    match now(input.get("now")) {
        Now::Missing => f.push(
            diag(
                "CLOCK004",
                "no now was given: plan_start_time was not checked against the current time"
                    .to_owned(),
                "未提供当前时间，未检查计划开始时间".to_owned(),
            )
            .at(field("now")),
        ),
        Now::Bad((why, why_zh)) => f.push(
            diag(
                "CLOCK014",
                format!("now: {why}"),
                format!("当前时间 now 格式错误：{why_zh}"),
            )
            .at(field("now")),
        ),
        Now::At(micros, shown) => {
            if micros > p.epoch_micros(SHANGHAI) {
                f.push(
                    diag(
                        "CLOCK003",
                        format!("plan_start_time {p} is earlier than now ({shown}): Plan start time should be later than the time to create the plan"),
                        format!("计划开始时间 plan_start_time {p} 早于当前时间（{shown}）：计划开始时间须晚于创建计划的时间"),
                    )
                    .at(field("plan_start_time")),
                );
            }
        }
    }
}

/// `scope`: `cmdb_biz` (the default) or `project`; `None` (reported) for anything else.
fn read_scope(input: &Object, f: &mut Fields<'_>) -> Option<String> {
    match input.get("scope") {
        None => Some("cmdb_biz".to_owned()),
        Some(Value::String(s)) if s == "cmdb_biz" || s == "project" => Some(s.clone()),
        Some(other) => {
            f.push(
                diag(
                    "CLOCK005",
                    format!("scope must be cmdb_biz (bk_biz_id is a CMDB business) or project (bk_biz_id is a project id), found {}", describe(other)),
                    format!("scope 必须是 cmdb_biz（bk_biz_id 为 CMDB 业务）或 project（bk_biz_id 为项目 ID），实为{}", describe_zh(other)),
                )
                .at(field("scope")),
            );
            None
        }
    }
}

fn plan_start_time(f: &mut Fields<'_>) -> Option<DateTime> {
    let at = field("plan_start_time");
    let v = match f.get("plan_start_time") {
        None | Some(Value::Null) => {
            f.push(
                diag(
                    "PAY001",
                    "plan_start_time is required".to_owned(),
                    "plan_start_time 为必填字段".to_owned(),
                )
                .at(at),
            );
            return None;
        }
        Some(v) => v,
    };
    let Some(s) = v.as_str() else {
        f.push(
            diag(
                "CLOCK001",
                format!(
                    "plan_start_time must be text such as 2022-05-16 20:26:40+0800, found {}",
                    describe(v)
                ),
                format!(
                    "plan_start_time 必须是如 2022-05-16 20:26:40+0800 的文本，实为{}",
                    describe_zh(v)
                ),
            )
            .at(at),
        );
        return None;
    };
    match DateTime::parse(s) {
        Ok(t) => {
            if t.offset.is_none() {
                f.push(
                    diag(
                        "CLOCK002",
                        format!("plan_start_time {s:?} has no zone: the server reads it in Asia/Shanghai, so it is sent as {}", t.with_default_offset(SHANGHAI)),
                        format!("plan_start_time {s:?} 没有时区：服务端按 Asia/Shanghai 解析，因此发送为 {}", t.with_default_offset(SHANGHAI)),
                    )
                    .at(at),
                );
            }
            Some(t)
        }
        Err(e) => {
            let (why, why_zh) = e.texts();
            f.push(
                diag(
                    "CLOCK001",
                    format!("plan_start_time: {why}"),
                    format!("plan_start_time 格式错误：{why_zh}"),
                )
                .at(at),
            );
            None
        }
    }
}

enum Now {
    Missing,
    /// Why, in English and in Chinese.
    Bad((String, String)),
    /// Microseconds since the epoch, and the time as shown.
    At(i64, String),
}

fn now(v: Option<&Value>) -> Now {
    match v {
        None | Some(Value::Null) => Now::Missing,
        Some(Value::Number(n)) => {
            let ms = n.as_f64();
            if !ms.is_finite() || ms.abs() > 8.64e15 {
                return Now::Bad((
                    format!("{} is not a time in milliseconds since 1970", n.as_str()),
                    format!("{} 不是自 1970 年起的毫秒数", n.as_str()),
                ));
            }
            let ms = ms.floor() as i64;
            Now::At(
                ms * 1000,
                DateTime::from_epoch_millis(ms, SHANGHAI).to_string(),
            )
        }
        Some(Value::String(s)) => match DateTime::parse(s) {
            Ok(t) => Now::At(
                t.epoch_micros(SHANGHAI),
                t.with_default_offset(SHANGHAI).to_string(),
            ),
            Err(why) => Now::Bad(why.texts()),
        },
        Some(other) => Now::Bad((
            format!(
                "expected a date-time or milliseconds since 1970, found {}",
                describe(other)
            ),
            format!(
                "应为日期时间或自 1970 年起的毫秒数，实为{}",
                describe_zh(other)
            ),
        )),
    }
}

/// `task_parameters` as given, with what of it passed.
struct Parameters {
    given: Option<Object>,
    constants: Option<Value>,
    schemes: Vec<Value>,
    exclude: Option<Vec<String>>,
    appoint: Option<Vec<String>>,
}

impl Parameters {
    fn read(v: Option<&Value>, out: &mut Vec<Diagnostic>) -> Parameters {
        let mut p = Parameters {
            given: None,
            constants: None,
            schemes: Vec::new(),
            exclude: None,
            appoint: None,
        };
        let o = match v {
            None => return p,
            Some(Value::Object(o)) => o,
            Some(other) => {
                out.push(
                    diag("CLOCK006", format!("task_parameters must be an object {{constants, template_schemes_id}}, found {}", describe(other)), format!("task_parameters 必须是对象 {{constants, template_schemes_id}}，实为{}", describe_zh(other)))
                        .at(field("task_parameters")),
                );
                return p;
            }
        };
        p.given = Some(o.clone());
        for k in o.keys() {
            if !PARAMETERS.contains(&k) {
                out.push(
                    diag(
                        "CLOCK013",
                        format!("task_parameters.{k} is not used by the server"),
                        format!("task_parameters.{k} 不会被使用"),
                    )
                    .at(tp(k)),
                );
            }
        }
        p.constants = o.get("constants").cloned();
        if let Some(s) = o.get("template_schemes_id") {
            p.read_schemes(s, out);
        }
        for (key, slot) in [
            ("exclude_task_nodes_id", &mut p.exclude),
            ("appoint_task_nodes_id", &mut p.appoint),
        ] {
            if let Some(v) = o.get(key) {
                *slot = id_list(v, &tp(key), out);
            }
        }
        one_method(o, out);
        p
    }

    /// `template_schemes_id`: a list of scheme ids (positive integers or non-empty text),
    /// each kept once.
    fn read_schemes(&mut self, s: &Value, out: &mut Vec<Diagnostic>) {
        match s.as_array() {
            Some(items) => {
                for (i, item) in items.iter().enumerate() {
                    let ok = match item {
                        Value::Number(n) => n.as_i64().is_some_and(|x| x >= 1),
                        Value::String(s) => !s.is_empty(),
                        _ => false,
                    };
                    let repeated = self.schemes.iter().any(|x| x == item);
                    if !ok || repeated {
                        let (why, why_zh) = if repeated {
                            ("is repeated".to_owned(), "重复".to_owned())
                        } else {
                            (
                                format!("is {}", describe(item)),
                                format!("为{}", describe_zh(item)),
                            )
                        };
                        out.push(
                            diag("CLOCK010", format!("template_schemes_id[{i}] {why}: scheme ids are positive integers or non-empty text, each once"), format!("template_schemes_id[{i}] {why_zh}：执行方案 ID 须为正整数或非空文本，且不能重复"))
                                .at(tp("template_schemes_id").index(i)),
                        );
                    } else {
                        self.schemes.push(item.clone());
                    }
                }
            }
            None => out.push(
                diag(
                    "CLOCK006",
                    format!(
                        "task_parameters.template_schemes_id must be a list, found {}",
                        describe(s)
                    ),
                    format!(
                        "task_parameters.template_schemes_id 必须是列表，实为{}",
                        describe_zh(s)
                    ),
                )
                .at(tp("template_schemes_id")),
            ),
        }
    }

    /// The body's `task_parameters`: as given, with `constants` and `template_schemes_id`
    /// written when missing (the server's defaults, replaced wholesale by a given object).
    fn body(&self) -> Value {
        let mut o = self.given.clone().unwrap_or_default();
        if !o.contains_key("constants") {
            o.insert_at(0, "constants", Value::Object(Object::new()));
        }
        if !o.contains_key("template_schemes_id") {
            o.insert_at(1, "template_schemes_id", Value::Array(Vec::new()));
        }
        Value::Object(o)
    }

    /// The nodes the task leaves out when it starts: `exclude_task_nodes_id`, else all but
    /// `appoint_task_nodes_id`, else all but the nodes of the chosen schemes (optional nodes
    /// only for the last two).
    fn exclusion(
        &self,
        tree: &Tree,
        schemes: Option<&Value>,
        out: &mut Vec<Diagnostic>,
    ) -> Vec<String> {
        if let Some(ids) = self.exclude.as_ref().filter(|ids| !ids.is_empty()) {
            return ids.clone();
        }
        if let Some(keep) = self.appoint.as_ref().filter(|ids| !ids.is_empty()) {
            return exclude_except(tree, keep);
        }
        if self.schemes.is_empty() {
            return Vec::new();
        }
        let Some(known) = scheme_nodes(schemes, out) else {
            out.push(
                diag(
                    "CLOCK012",
                    "the template's execution schemes were not given (schemes): the nodes they run were not checked".to_owned(),
                    "未提供执行方案，无法检查执行节点".to_owned(),
                )
                .at(tp("template_schemes_id")),
            );
            return Vec::new();
        };
        let mut keep: Vec<String> = Vec::new();
        for (i, id) in self.schemes.iter().enumerate() {
            let text = match id {
                Value::String(s) => s.clone(),
                other => json::to_string(other, &json::Format::compact()),
            };
            match known.iter().find(|(ids, _)| ids.contains(&text)) {
                Some((_, nodes)) => keep.extend(nodes.iter().cloned()),
                None => out.push(
                    diag(
                        "CLOCK011",
                        format!("template_schemes_id {text} is not one of the template's schemes: the task will fail to start"),
                        format!("template_schemes_id {text} 不是该流程的执行方案：任务将无法启动"),
                    )
                    .at(tp("template_schemes_id").index(i)),
                ),
            }
        }
        exclude_except(tree, &keep)
    }
}

/// At most one way of choosing the nodes to run may be given (not empty).
fn one_method(o: &Object, out: &mut Vec<Diagnostic>) {
    let methods: Vec<&str> = [
        "exclude_task_nodes_id",
        "template_schemes_id",
        "appoint_task_nodes_id",
    ]
    .into_iter()
    .filter(|k| o.get(k).is_some_and(|v| !falsy(v)))
    .collect();
    if methods.len() > 1 {
        out.push(
            diag(
                "CLOCK007",
                format!(
                    "{} are all given: can not use multiple method to appoint execute nodes",
                    methods.join(" and ")
                ),
                format!(
                    "同时给出了 {}：不能用多种方式指定执行的节点",
                    methods.join(" 和 ")
                ),
            )
            .at(field("task_parameters")),
        );
    }
}

/// The `schemes` option: each scheme's ids (pk and unique id, as text) and nodes. `None` when
/// not given or malformed (a PAY002 diagnostic).
fn scheme_nodes(
    v: Option<&Value>,
    out: &mut Vec<Diagnostic>,
) -> Option<Vec<(Vec<String>, Vec<String>)>> {
    let v = v?;
    let bad = |out: &mut Vec<Diagnostic>, what: String, what_zh: String| {
        let d = diag(
            "PAY002",
            format!("schemes: {what}"),
            format!("schemes 格式错误：{what_zh}"),
        );
        out.push(d.at(field("schemes")));
        None
    };
    let nodes_of = |d: &Value| -> Option<Vec<String>> {
        let parsed;
        let list = match d {
            Value::String(s) => {
                parsed = json::parse(s, &Limits::default()).ok()?;
                &parsed
            }
            other => other,
        };
        list.as_array()?
            .iter()
            .map(|x| x.as_str().map(str::to_owned))
            .collect()
    };
    let mut found = Vec::new();
    match v {
        Value::Object(o) => {
            for (id, d) in o.iter() {
                let Some(nodes) = nodes_of(d) else {
                    return bad(
                        out,
                        format!("scheme {id} is not a list of node ids"),
                        format!("执行方案 {id} 不是节点 ID 列表"),
                    );
                };
                found.push((vec![id.to_owned()], nodes));
            }
        }
        Value::Array(items) => {
            for (i, s) in items.iter().enumerate() {
                let ids: Vec<String> = ["id", "unique_id"]
                    .iter()
                    .filter_map(|k| s.get(k))
                    .map(|x| match x {
                        Value::String(t) => t.clone(),
                        other => json::to_string(other, &json::Format::compact()),
                    })
                    .collect();
                let Some(nodes) = s.get("data").and_then(nodes_of).filter(|_| !ids.is_empty())
                else {
                    return bad(
                        out,
                        format!("scheme {i} needs an id and data (a list of node ids)"),
                        format!("第 {i} 个执行方案须有 id 和 data（节点 ID 列表）"),
                    );
                };
                found.push((ids, nodes));
            }
        }
        other => {
            return bad(
                out,
                format!(
                    "expected {{id: [node ids]}} or a list of schemes, found {}",
                    describe(other)
                ),
                format!(
                    "应为 {{id: [节点 ID]}} 或执行方案列表，实为{}",
                    describe_zh(other)
                ),
            )
        }
    }
    Some(found)
}
