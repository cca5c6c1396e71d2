//! GW: gateways: converge matching (bamboo-engine `gateway.py`), branch conditions, and where
//! the engine crashes or never returns.

use crate::diagnostic::Severity::{Error as E, Off as O, Warning as W};

rules! {
    // code: scope, [template, task, engine], summary, summary_zh;
    GW001: ENGINE, [E, E, E], "the gateway cannot be reached from the start event", "网关无法从开始节点到达";
    GW002: ENGINE, [E, E, E], "a gateway inside a parallel branch loops back across the parallel gateway", "并行分支中的网关跨过并行网关回环";
    GW003: ENGINE, [E, E, E], "an exclusive gateway inside a parallel branch has a branch to the end event", "并行分支中的分支网关有分支通往结束节点";
    GW004: ENGINE, [E, E, E], "the branches of an exclusive gateway meet different converge gateways first", "分支网关的所有分支第一个遇到的汇聚网关必须是同一个";
    GW005: ENGINE, [E, E, E], "the gateway's branches do not form a valid block (a parallel branch ends or leaves the block)", "网关的分支不构成合法的网关块（有并行分支结束或离开了该块）";
    GW006: ENGINE, [E, E, E], "the converge gateway joins branches of more than one parallel gateway", "汇聚网关只能汇聚来自同一个并行网关的分支";
    GW007: ENGINE, [E, E, E], "the converge gateway does not join every branch of its parallel gateway", "汇聚网关没有汇聚其对应的并行网关的所有分支";
    GW010: NODE, [W, E, O], "an outgoing flow of an exclusive or conditional parallel gateway has no condition (task creation fails)", "分支网关的输出连线没有对应的条件";
    GW011: NODE, [W, E, O], "the default branch of a gateway is not one of its outgoing flows", "默认分支不是网关的输出连线";
    GW023: NODE, [W, E, O], "(new) a condition names a flow that is not an outgoing flow of the gateway (the task fails at run time)", "条件对应的连线不是网关的输出连线";
    GW019: ENGINE, [E, E, E], "(new) a gateway branch runs into a loop made only of activities: bamboo-engine never returns", "网关分支进入只由任务节点组成的环，引擎校验不会结束";
    GW020: ENGINE, [E, E, E], "(new) a parallel gateway has no branch, or a converge has no outgoing flow: bamboo-engine crashes", "并行网关没有分支或汇聚网关没有输出，引擎校验异常";
    GW021: ENGINE, [E, E, E], "(new) an exclusive gateway's converge has no forward branch: bamboo-engine crashes", "分支网关的汇聚网关没有正向分支，引擎校验异常";
    GW022: ENGINE, [E, E, E], "(new) converge matching for a gateway branch goes round a loop of gateways forever: bamboo-engine never returns", "网关分支在汇聚网关之间循环，引擎校验不会结束";
    GW024: ENGINE, [E, E, E], "(new) converge matching enters a gateway it is still matching, again and again (gateway ids differ from their keys): bamboo-engine never returns", "网关 id 与键不一致，汇聚网关匹配反复进入同一网关，引擎校验不会结束";
}
