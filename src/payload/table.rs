//! The payload rule table: one row per code, its severity and its one-line doc in English and
//! Chinese. Codes are stable; a removed rule's code is never reused.
//!
//! Families: `PAY` request fields every builder shares, variable overrides, credentials,
//! notification settings and the tree as the task service reads it; `MOCK` the mock data of
//! `create_mock_task`; `CLOCK` `create_clocked_task`; `EXCL` node exclusion
//! (`preview_pipeline_tree_exclude_task_nodes`); `RESP` responses that cannot be read (the
//! codes of [`super::ResponseError`], not diagnostics). Paths of payload diagnostics point
//! into the request input (`$.mock_data.nodes[0]`); paths of the validator's diagnostics, which
//! the builders include, point into the tree.

use crate::diagnostic::Severity;
use crate::shape::{req, Shape, Ty, STR};

/// The JSON form of a [`PayloadRule`] (the JS API's `payloadRules()`).
pub const PAYLOAD_RULE: Shape = Shape::new(
    "PayloadRule",
    "A payload rule: its code, severity, one-line doc in English and Chinese.",
    &[
        req("code", STR, ""),
        req("severity", Ty::Choice(crate::diagnostic::REPORTED), ""),
        req("summary", STR, ""),
        req("summary_zh", STR, ""),
    ],
);

/// One payload rule.
#[derive(Clone, Copy, Debug)]
pub struct PayloadRule {
    pub code: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    pub summary_zh: &'static str,
}

impl PayloadRule {
    /// `{code, severity, summary, summary_zh}` (the JS API's `payloadRules()`).
    pub fn to_json(&self) -> crate::json::Value {
        use crate::json::{Object, Value};
        let mut o = Object::new();
        o.insert("code", Value::from(self.code));
        o.insert("severity", Value::from(self.severity.as_str()));
        o.insert("summary", Value::from(self.summary));
        o.insert("summary_zh", Value::from(self.summary_zh));
        Value::Object(o)
    }
}

use Severity::{Error as E, Warning as W};

const fn r(
    code: &'static str,
    severity: Severity,
    summary: &'static str,
    summary_zh: &'static str,
) -> PayloadRule {
    PayloadRule {
        code,
        severity,
        summary,
        summary_zh,
    }
}

/// Every payload rule, by family.
pub static RULES: &[PayloadRule] = &[
    // PAY: request fields (DRF serializers) shared by the builders.
    r("PAY001", E, "a required field is missing or null", "缺少必填字段"),
    r("PAY002", E, "a field has the wrong JSON type", "字段类型错误"),
    r("PAY003", E, "a text field is blank (the server trims surrounding whitespace and refuses blank text)", "字段不能为空"),
    r("PAY004", E, "a text field is longer than the server allows (creator 32, names 128, scope 128)", "字段超过最大长度"),
    r("PAY005", E, "a text field contains a NUL character, which the server refuses", "字段包含空字符"),
    r("PAY006", W, "an input key is not a field of this API; it is not sent", "不是该接口的字段，不会发送"),
    r("PAY007", E, "an id is not a positive integer", "ID 必须是正整数"),
    // PAY: variable overrides (`constants`).
    r("PAY010", E, "constants is not an object {\"${key}\": value} (the task service fails)", "constants 必须是对象"),
    r("PAY011", E, "an override names a variable the tree does not have; the server would silently ignore it", "覆盖的变量在流程中不存在，服务端会忽略"),
    r("PAY012", W, "an override names a variable that node exclusion removed (no node refers to it any more); it is ignored", "变量已因节点剔除而移除，覆盖值不会生效"),
    r("PAY013", E, "an override value does not fit the variable's type (integer, text, select)", "变量值与变量类型不符"),
    r("PAY014", W, "an override value differs in kind from the variable's current value, or a date-time is not YYYY-MM-DD HH:MM:SS", "变量值与当前值类型不一致"),
    r("PAY015", W, "an override sets a component output variable; the node's output replaces it when the node runs", "覆盖的是组件输出变量，节点执行后会被覆盖"),
    r("PAY016", W, "an override key is not of the form ${name}; the server only applies keys written as the variable's key", "变量 key 应为 ${name} 格式"),
    // PAY: credentials (`CredentialsValidationMixin`).
    r("PAY020", E, "credentials is not an object (the server fails)", "credentials 必须是对象"),
    r("PAY021", E, "a credential value is not a string", "凭证的值必须是base64编码的json字符串"),
    r("PAY022", E, "a credential value is not valid base64", "凭证的值不是有效的base64编码"),
    r("PAY023", E, "a decoded credential is not UTF-8", "凭证解码后的内容不是有效的UTF-8编码"),
    r("PAY024", E, "a decoded credential is not JSON", "凭证解码后的内容不是有效的json格式"),
    r("PAY025", E, "a decoded credential is not a JSON object", "凭证解码后的内容必须是json对象"),
    // PAY: notification settings and tracing attributes.
    r("PAY030", E, "notify_config does not match the task service's schema (notify_type and notify_receivers required, lists of strings)", "notify_config 不符合通知配置格式"),
    r("PAY031", E, "custom_span_attributes is not an object", "custom_span_attributes 必须是对象"),
    // PAY: the tree as the task service reads it.
    r("PAY040", W, "a name contains < > $ & ' \" or is longer than 50 characters; the server cleans it (the tree sent carries the cleaned name)", "名称包含特殊字符或超过 50 个字符，服务端会清理"),
    r("PAY041", E, "a name is not a string; the server's name cleaning fails", "名称必须是字符串"),
    r("PAY042", E, "a variable lacks show_type, custom_type, source_type or value; BKFlow fails to create the task", "变量缺少 show_type/custom_type/source_type/value"),
    r("PAY043", E, "a component output variable hooks no output field; BKFlow refuses the tree", "组件输出变量未选择有效的输出字段"),
    r("PAY044", E, "the tree has no location array; BKFlow fails to create the task", "流程缺少 location"),
    r("PAY045", W, "scope_type or scope_value contains '_'; SCOPE tokens (split on '_') will not match this task", "作用域包含下划线，SCOPE 类型的 token 无法匹配"),
    // MOCK: mock data of create_mock_task.
    r("MOCK001", E, "mock_data is not an object with nodes, outputs and mock_data_ids", "mock_data 必须是对象"),
    r("MOCK002", E, "mock_data.nodes is not a list of node ids", "mock_data.nodes 必须是节点 ID 列表"),
    r("MOCK003", E, "a mocked node is not an activity of the tree (task creation fails)", "Mock 节点不是流程中的任务节点"),
    r("MOCK004", E, "a mocked node is a gateway or an event; only task nodes can be mocked", "网关和开始/结束节点不支持 Mock"),
    r("MOCK005", E, "a mocked node is excluded from the task (include_node_ids)", "Mock 节点已被剔除"),
    r("MOCK006", W, "a node is listed twice in mock_data.nodes", "Mock 节点重复"),
    r("MOCK007", E, "mock_data.outputs is not an object {node_id: {output_key: value}}", "mock_data.outputs 格式错误"),
    r("MOCK008", E, "an outputs key is not an activity of the tree (task creation fails)", "outputs 的节点不是流程中的任务节点"),
    r("MOCK009", W, "outputs are given for a node that is not mocked; they are stored and never used", "outputs 的节点未被 Mock，输出不会生效"),
    r("MOCK010", W, "a mocked node's outputs lack a field a variable of the tree is hooked to; that variable stays empty", "Mock 输出缺少被变量引用的输出字段"),
    r("MOCK011", W, "an output key is not one of the plugin's outputs", "输出字段不是插件的输出"),
    r("MOCK012", E, "mock_data.mock_data_ids is not an object {node_id: integer id}", "mock_data_ids 必须是 {节点ID: 整数ID}"),
    r("MOCK013", W, "mock_data_ids names a node that is not mocked; it is ignored", "mock_data_ids 的节点未被 Mock，会被忽略"),
    r("MOCK014", E, "a mock_data_id is not among the template's saved mock data (the server refuses: mock data ... not found)", "mock 数据不存在"),
    r("MOCK015", W, "a saved mock data row belongs to another node; the server uses it anyway", "mock 数据属于其他节点"),
    r("MOCK016", W, "a mocked node gets no outputs (it succeeds with empty outputs)", "Mock 节点没有输出"),
    r("MOCK017", W, "outputs will be filled from the saved mock data, which was not given: the outputs cannot be shown", "未提供模板的 mock 数据，无法展示实际输出"),
    r("MOCK018", W, "fail_nodes and errors are dropped by this endpoint (they exist only for debug tasks)", "该接口不支持 fail_nodes/errors"),
    r("MOCK019", W, "the web endpoint never fills outputs from mock_data_ids", "该接口不会根据 mock_data_ids 填充输出"),
    r("MOCK020", E, "the saved mock data given is not a list of rows {id, node_id, data}", "提供的 mock 数据格式错误"),
    // CLOCK: create_clocked_task.
    r("CLOCK001", E, "plan_start_time is not a date-time the server reads (YYYY-MM-DD HH:MM:SS+ZZZZ)", "plan_start_time 格式错误"),
    r("CLOCK002", W, "plan_start_time has no zone; the server reads it in Asia/Shanghai (+0800)", "plan_start_time 没有时区，按 Asia/Shanghai 解析"),
    r("CLOCK003", E, "plan_start_time is earlier than now (Plan start time should be later than the time to create the plan)", "计划开始时间必须晚于当前时间"),
    r("CLOCK004", W, "no now was given, so plan_start_time was not checked against the current time", "未提供当前时间，未检查计划开始时间"),
    r("CLOCK005", E, "scope is neither cmdb_biz nor project", "scope 必须是 cmdb_biz 或 project"),
    r("CLOCK006", E, "task_parameters is not an object, or its template_schemes_id is not a list", "task_parameters 格式错误"),
    r("CLOCK007", E, "more than one of exclude_task_nodes_id, template_schemes_id, appoint_task_nodes_id is given", "can not use multiple method to appoint execute nodes"),
    r("CLOCK008", E, "a variable's value refers to the variable itself", "常量的值不能引用自身作为值"),
    r("CLOCK009", E, "variables refer to each other in a loop", "常量存在循环引用"),
    r("CLOCK010", E, "a template_schemes_id item is not a positive integer or a non-empty string, or is repeated", "执行方案 ID 不合法或重复"),
    r("CLOCK011", E, "a template_schemes_id is not one of the template's schemes (the task fails to start)", "执行方案不存在"),
    r("CLOCK012", W, "the template's schemes were not given, so the nodes the schemes run were not checked", "未提供执行方案，无法检查执行节点"),
    r("CLOCK013", W, "a task_parameters key is not used by the server", "task_parameters 中的字段不会被使用"),
    r("CLOCK014", E, "now is not a valid date-time or epoch milliseconds", "当前时间格式错误"),
    // EXCL: node exclusion.
    r("EXCL001", E, "a node to exclude is not an activity of the tree (task node[id=...] is not in template pipeline tree)", "剔除的节点不在流程中"),
    r("EXCL002", E, "a node to exclude is not optional (task node[id=...] is not optional)", "剔除的节点不是可选节点"),
    r("EXCL003", E, "the server's exclusion fails on this tree (a flow or node it follows is missing or malformed)", "节点剔除失败"),
    r("EXCL004", W, "line or location is out of step with the flows: the server leaves stale drawing data", "line/location 与连线不一致，剔除后画布数据残留"),
    r("EXCL005", E, "the gateways of the tree do not match their converge gateways, so the server cannot collapse emptied parallel blocks", "网关匹配失败，无法移除空并行网关"),
    r("EXCL006", E, "every node between the start and the end event is excluded: the start event leads straight to the end event, which bamboo-engine refuses", "所有节点都被剔除，开始节点直接连接结束节点"),
    // RESP: responses that cannot be read (ResponseError codes).
    r("RESP001", E, "the response body is not JSON", "返回内容不是 JSON"),
    r("RESP002", E, "the response body is not an envelope {result, code, message, data}", "返回内容不是 {result, code, message, data}"),
    r("RESP003", E, "a field of the response data has the wrong JSON type", "返回数据字段类型错误"),
];

/// The rule with this code.
pub fn lookup(code: &str) -> Option<&'static PayloadRule> {
    RULES.iter().find(|r| r.code == code)
}
