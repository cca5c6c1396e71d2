//! The rule table: one row per rule code, its one-line doc in English and Chinese, and its
//! severity under each preset. Codes follow `shared/reference/validator-rules.md` (the
//! reference's `GW-004` is our `GW004`); codes the reference does not list are marked "(new)".

use super::Preset;
use crate::diagnostic::Severity;

/// One rule.
#[derive(Clone, Copy, Debug)]
pub struct RuleInfo {
    pub code: &'static str,
    pub summary: &'static str,
    pub summary_zh: &'static str,
    /// Severity under `template`, `task` and `engine`.
    pub levels: [Severity; 3],
}

impl RuleInfo {
    pub fn severity(&self, preset: Preset) -> Severity {
        self.levels[match preset {
            Preset::Template => 0,
            Preset::Task => 1,
            Preset::Engine => 2,
        }]
    }

    /// `{code, summary, summary_zh, severity: {template, task, engine}}` (the JS API's `rules()`).
    pub fn to_json(&self) -> crate::json::Value {
        use crate::json::{Object, Value};
        let mut o = Object::new();
        o.insert("code", Value::from(self.code));
        o.insert("summary", Value::from(self.summary));
        o.insert("summary_zh", Value::from(self.summary_zh));
        let mut sev = Object::new();
        for p in Preset::ALL {
            sev.insert(p.as_str(), Value::from(self.severity(p).as_str()));
        }
        o.insert("severity", Value::Object(sev));
        Value::Object(o)
    }

    pub fn family(&self) -> &'static str {
        let end = self
            .code
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(self.code.len());
        &self.code[..end]
    }
}

use Severity::{Error as E, Off as O, Warning as W};

const fn r(
    code: &'static str,
    levels: [Severity; 3],
    summary: &'static str,
    summary_zh: &'static str,
) -> RuleInfo {
    RuleInfo {
        code,
        summary,
        summary_zh,
        levels,
    }
}

/// Every rule, by family.
pub static RULES: &[RuleInfo] = &[
    // SCHEMA: the shape SOPS's JSON schema requires.
    r("SCHEMA000", [E, E, E], "a field has the wrong JSON type", "字段类型错误"),
    r("SCHEMA001", [E, E, E], "the tree lacks a required section (start_event, end_event, activities, gateways, outputs, constants)", "流程树缺少必需字段"),
    r("SCHEMA002", [E, E, E], "the start event lacks id, name, type or outgoing, or has more than one outgoing flow", "开始节点字段不合法"),
    r("SCHEMA003", [E, E, E], "the end event lacks id, name, type or incoming", "结束节点字段不合法"),
    r("SCHEMA004", [E, E, E], "a flow lacks id, source or target", "连线缺少 id、source 或 target"),
    r("SCHEMA005", [E, E, E], "a gateway lacks a required field or has an unknown type", "网关字段不合法"),
    r("SCHEMA008", [E, E, E], "an exclusive or conditional parallel gateway has no conditions", "分支网关缺少 conditions"),
    r("SCHEMA010", [E, E, E], "an activity lacks a required field, or its name is empty or longer than 50 characters", "节点字段不合法或名称长度不在 1~50 之间"),
    r("SCHEMA011", [E, E, E], "a component lacks code or data, or a data item lacks hook or value", "插件缺少 code/data，或参数缺少 hook/value"),
    r("SCHEMA012", [E, E, E], "a constant's name, source_type or show_type is not allowed", "变量字段不合法"),
    // KEY, CONST: variables.
    r("KEY001", [E, E, O], "a variable's key field differs from the key it is stored under", "变量的 key 字段与其键不一致"),
    r("KEY002", [E, E, O], "a variable key is not ${letters, digits, _} or uses a reserved prefix (_env_, _system.)", "变量 key 不合法"),
    r("KEY003", [E, E, O], "an output key is not a valid variable key", "输出变量 key 不合法"),
    r("CONST001", [E, E, O], "a variable's value refers to the variable itself", "常量的值不能引用自身作为值"),
    r("CONST002", [E, E, O], "variables refer to each other in a loop", "常量存在循环引用"),
    // CONN: degree and allowed connections (bamboo-engine rules.py).
    r("CONN001", [E, E, E], "this kind of node may not connect to that kind of node", "节点不能连接该类型节点"),
    r("CONN002", [E, E, E], "the node has too few or too many incoming flows", "节点入度不合法"),
    r("CONN003", [E, E, E], "the node has too few or too many outgoing flows", "节点出度不合法"),
    r("CONN004", [E, E, O], "the node has no outgoing flow (bamboo-engine does not check this; the flow stops here)", "节点没有输出连线"),
    r("CONN006", [E, E, E], "a node lists a flow that does not exist, or a flow points to a node that does not exist", "连线或节点不存在"),
    r("CONN007", [E, E, O], "a flow and the node lists disagree (flow source/target vs incoming/outgoing)", "连线与节点的 incoming/outgoing 不一致"),
    r("CONN010", [E, E, O], "the node cannot be reached from the start event", "节点无法从开始节点到达"),
    // CYCLE
    r("CYCLE001", [E, E, E], "the flow has a loop and loops are forbidden", "流程中存在环"),
    // GW: converge matching (bamboo-engine gateway.py).
    r("GW001", [E, E, E], "the gateway cannot be reached from the start event", "无法获取该网关距离开始节点的距离"),
    r("GW002", [E, E, E], "a gateway inside a parallel branch loops back across the parallel gateway", "并行网关中的分支网关必须将所有分支汇聚到一个汇聚网关"),
    r("GW003", [E, E, E], "an exclusive gateway inside a parallel branch has a branch to the end event", "并行网关中的分支网关必须将所有分支汇聚到一个汇聚网关"),
    r("GW004", [E, E, E], "the branches of an exclusive gateway meet different converge gateways first", "分支网关的所有分支第一个遇到的汇聚网关必须是同一个"),
    r("GW005", [E, E, E], "the gateway's branches do not form a valid block (a parallel branch ends or leaves the block)", "非法网关, 请检查其分支是否符合规则"),
    r("GW006", [E, E, E], "the converge gateway joins branches of more than one parallel gateway", "汇聚网关只能汇聚来自同一个并行网关的分支"),
    r("GW007", [E, E, E], "the converge gateway does not join every branch of its parallel gateway", "汇聚网关没有汇聚其对应的并行网关的所有分支"),
    r("GW010", [W, E, O], "an outgoing flow of an exclusive or conditional parallel gateway has no condition (task creation fails)", "分支网关的输出连线没有对应的条件"),
    r("GW011", [W, E, O], "the default branch of a gateway is not one of its outgoing flows", "默认分支不是网关的输出连线"),
    r("GW023", [W, E, O], "(new) a condition names a flow that is not an outgoing flow of the gateway (the task fails at run time)", "条件对应的连线不是网关的输出连线"),
    r("GW019", [E, E, E], "(new) a gateway branch runs into a loop made only of activities: bamboo-engine never returns", "网关分支进入只由任务节点组成的环，引擎校验不会结束"),
    r("GW020", [E, E, E], "(new) a parallel gateway has no branch, or a converge has no outgoing flow: bamboo-engine crashes", "并行网关没有分支或汇聚网关没有输出，引擎校验异常"),
    r("GW021", [E, E, E], "(new) an exclusive gateway's converge has no forward branch: bamboo-engine crashes", "分支网关的汇聚网关没有正向分支，引擎校验异常"),
    r("GW022", [E, E, E], "(new) converge matching for a gateway branch goes round a loop of gateways forever: bamboo-engine never returns", "网关分支在汇聚网关之间循环，引擎校验不会结束"),
    // STREAM: branch isolation.
    r("STREAM001", [E, E, E], "the node is reached from two different parallel branches, or from none", "节点属于多个并行分支或不可达"),
    r("STREAM002", [E, E, E], "the converge gateway is reached from outside its parallel block", "汇聚网关汇聚了并行块之外的分支"),
    r("STREAM003", [E, E, E], "(engine) a node flows with no stream", "节点分支为空"),
    r("FEGW001", [E, E, O], "the branches of a parallel or conditional parallel gateway, followed along line, do not meet at one converge gateway (SOPS's canvas refuses to save)", "并行网关缺少对应的汇聚网关"),
    r("FEGW002", [W, W, O], "(new) the FEGW001 walk was cut short: on a tree this large SOPS's quadratic heuristic takes too long, so the remaining parallel gateways were not checked", "流程过大，未完成并行网关汇聚检查"),
    r("STREAM006", [E, E, E], "the parallel gateway has no converge_gateway_id after matching", "并行网关缺少 converge_gateway_id"),
    // SUB
    r("SUB006", [E, E, E], "the SubProcess has no embedded pipeline (required when sub-processes are checked as the engine does)", "子流程节点缺少 pipeline"),
    r("SUB008", [E, E, O], "a SubProcess has no template_id", "请选择节点的子流程"),
    r("SUB001", [E, E, O], "(catalogue) the SubProcess's template does not exist", "子流程引用的流程模板不存在"),
    r("SUB002", [E, E, O], "(catalogue) the SubProcess's template refers back to this template, or its sub-processes refer round in a cycle", "子流程引用链中存在循环引用"),
    r("SUB003", [E, E, O], "(catalogue) unfolding the SubProcess goes 200 templates deep or more (SOPS's TEMPLATE_MAX_RECURSIVE_NUMBER)", "Template recursive number exceeds limit."),
    r("SUB004", [E, E, O], "(catalogue) the project, or this common template's scope, is outside the common sub-process template's project_scope", "项目不在公共流程的使用范围内"),
    r("SUB005", [W, W, O], "(catalogue) unfolding the SubProcess: no constants object (KeyError), an older version than the template's latest, or variables the template no longer has (dropped)", "子流程有更新或变量已不存在"),
    // NODE, NAME
    r("NODE001", [E, E, O], "a ServiceActivity has no plugin (component.code)", "请选择节点的插件类型"),
    r("NODE003", [W, E, O], "a timeout is enabled together with error_ignorable or auto_retry (the task fails to start)", "超时与失败忽略/自动重试不能同时开启"),
    r("NODE004", [W, W, O], "a timeout is not a whole number of seconds from 10 to 86400 (SOPS ignores it)", "超时时间不合法"),
    r("NODE005", [W, W, O], "automatic retry is outside 1-10 times or 0-60 seconds apart (SOPS clamps it)", "自动重试次数或间隔超出范围"),
    r("NODE013", [E, E, O], "(new) two nodes have the same id", "节点 id 重复"),
    r("NODE014", [E, E, O], "(new) a node's id differs from the key it is stored under", "节点 id 与键不一致"),
    r("NAME001", [W, W, O], "a name contains < > $ & ' \" or is longer than 50 characters; SOPS rewrites it on save", "名称包含非法字符或超过 50 个字符"),
    r("NODE009", [E, E, E], "the node type is unknown", "未知节点类型"),
    r("NODE012", [E, E, E], "a single-flow field is written as a list; bamboo-engine needs a plain flow id", "单输出字段必须是字符串"),
    // TASK: checks that otherwise fail only when a task is created.
    r("TASK003", [W, E, O], "a gateway's outgoing is a string; task creation needs a list", "网关的 outgoing 必须是列表"),
    r("TASK007", [W, E, O], "a variable is hooked to a node (source_info) that does not exist", "变量引用的节点不存在"),
    // WEB: line and location against flows and nodes.
    r("WEB001", [W, W, O], "a flow has no line (it is not drawn)", "连线在 line 中没有对应项"),
    r("WEB002", [W, E, O], "a line draws a flow that does not exist (task creation fails)", "line 没有对应的连线"),
    r("WEB003", [W, E, O], "a line's source or target is not its flow's, or not a node", "line 的端点与连线不一致"),
    r("WEB004", [W, W, O], "a node has no location (it is not placed)", "节点在 location 中没有对应项"),
    r("WEB005", [W, E, O], "a location places a node that does not exist (task creation fails)", "location 没有对应的节点"),
    r("WEB006", [W, W, O], "a location's type does not match its node's type", "location 类型与节点类型不一致"),
    r("WEB007", [W, W, O], "a line's arrow is not Left, Right, Top or Bottom", "line 的 arrow 不合法"),
    r("WEB008", [W, W, O], "a flow or node is drawn twice", "line 或 location 重复"),
];

pub(crate) fn lookup(code: &str) -> Option<&'static RuleInfo> {
    RULES.iter().find(|r| r.code == code)
}
