//! STREAM: parallel branch isolation (bamboo-engine `validate_stream`).

use super::{Rule, Scope};
use crate::diagnostic::Severity::Error as E;

pub static STREAM001: Rule = Rule {
    code: "STREAM001",
    scope: Scope::ENGINE,
    levels: [E, E, E],
    summary: "the node is reached from two different parallel branches, or from none",
    summary_zh: "节点属于多个并行分支或不可达",
};

pub static STREAM002: Rule = Rule {
    code: "STREAM002",
    scope: Scope::ENGINE,
    levels: [E, E, E],
    summary: "the converge gateway is reached from outside its parallel block",
    summary_zh: "汇聚网关汇聚了并行块之外的分支",
};

pub static STREAM003: Rule = Rule {
    code: "STREAM003",
    scope: Scope::ENGINE,
    levels: [E, E, E],
    summary: "(engine) a node flows with no stream",
    summary_zh: "节点分支为空",
};

pub static STREAM006: Rule = Rule {
    code: "STREAM006",
    scope: Scope::ENGINE,
    levels: [E, E, E],
    summary: "the parallel gateway has no converge_gateway_id after matching",
    summary_zh: "并行网关缺少 converge_gateway_id",
};
