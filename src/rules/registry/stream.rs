//! STREAM: parallel branch isolation (bamboo-engine `validate_stream`).

use crate::diagnostic::Severity::Error as E;

rules! {
    // code: scope, [template, task, engine], summary, summary_zh;
    STREAM001: ENGINE, [E, E, E], "the node is reached from two different parallel branches, or from none", "节点同时属于多个并行分支，或不属于任何分支";
    STREAM002: ENGINE, [E, E, E], "the converge gateway is reached from outside its parallel block", "汇聚网关汇聚了并行块之外的分支";
    STREAM003: ENGINE, [E, E, E], "(engine) a node flows with no stream", "（引擎）节点流出时不属于任何分支";
    STREAM006: ENGINE, [E, E, E], "the parallel gateway has no converge_gateway_id after matching", "并行网关缺少 converge_gateway_id";
}
