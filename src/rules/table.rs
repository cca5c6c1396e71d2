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

    pub fn family(&self) -> &'static str {
        let end = self
            .code
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(self.code.len());
        &self.code[..end]
    }
}

use Severity::{Error as E, Off as O, Warning as W};

const fn r(code: &'static str, levels: [Severity; 3], summary: &'static str, summary_zh: &'static str) -> RuleInfo {
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
    r("GW019", [E, E, E], "(new) a gateway branch runs into a loop made only of activities: bamboo-engine never returns", "网关分支进入只由任务节点组成的环，引擎校验不会结束"),
    r("GW020", [E, E, E], "(new) a parallel gateway has no branch, or a converge has no outgoing flow: bamboo-engine crashes", "并行网关没有分支或汇聚网关没有输出，引擎校验异常"),
    r("GW021", [E, E, E], "(new) an exclusive gateway's converge has no forward branch: bamboo-engine crashes", "分支网关的汇聚网关没有正向分支，引擎校验异常"),
    r("GW022", [E, E, E], "(new) converge matching for a gateway branch goes round a loop of gateways forever: bamboo-engine never returns", "网关分支在汇聚网关之间循环，引擎校验不会结束"),
    // STREAM: branch isolation.
    r("STREAM001", [E, E, E], "the node is reached from two different parallel branches, or from none", "节点属于多个并行分支或不可达"),
    r("STREAM002", [E, E, E], "the converge gateway is reached from outside its parallel block", "汇聚网关汇聚了并行块之外的分支"),
    r("STREAM003", [E, E, E], "(engine) a node flows with no stream", "节点分支为空"),
    r("STREAM004", [E, E, E], "a parallel branch reaches the end event without its converge gateway", "并行分支未经汇聚网关到达结束节点"),
    r("STREAM006", [E, E, E], "the parallel gateway has no converge_gateway_id after matching", "并行网关缺少 converge_gateway_id"),
    // SUB
    r("SUB006", [E, E, E], "the SubProcess has no embedded pipeline (required when sub-processes are checked as the engine does)", "子流程节点缺少 pipeline"),
    // NODE
    r("NODE009", [E, E, E], "the node type is unknown", "未知节点类型"),
    r("NODE012", [E, E, E], "a single-flow field is written as a list; bamboo-engine needs a plain flow id", "单输出字段必须是字符串"),
];

pub(crate) fn lookup(code: &str) -> Option<&'static RuleInfo> {
    RULES.iter().find(|r| r.code == code)
}
