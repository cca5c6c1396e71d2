//! What an [`EngineError`] says to users, in English and in Chinese, from its kind, code,
//! node and [`Fault`]: both say the same thing, in SOPS's words (节点, 连线, 网关…). The
//! engine's own text stays in `detail`, for comparing with bamboo-engine.

use super::{EngineError, ErrorKind, Fault};
use crate::model::NodeKind;

impl EngineError {
    /// The message in English and in Chinese. `kind` is the named node's kind when the caller
    /// knows it (the node is in the tree validated), so the node is called "parallel gateway
    /// p1" / "并行网关 p1" rather than "node p1" / "节点 p1".
    pub fn describe(&self, kind: Option<NodeKind>) -> (String, String) {
        let n = Named::new(self.node_id.as_deref(), kind);
        let (mut en, zh) = match *self.fault {
            Fault::Rule => self.by_code(&n, kind),
            ref f => fault(f, &n),
        };
        // The node's name ends with a space before Chinese text, none before punctuation.
        let mut zh = zh.replace(" （", "（").replace(" ，", "，");
        match self.kind {
            ErrorKind::Crash => {
                en.push_str(" (the engine would crash)");
                zh.push_str("（引擎会因此出错）");
            }
            ErrorKind::Hang => {
                en.push_str(" (the engine would never finish)");
                zh.push_str("（引擎校验会一直运行，不会结束）");
            }
            _ => {}
        }
        if !self.pipeline.is_empty() {
            let path = self.pipeline.join(" › ");
            en.push_str(&format!(" (in sub-process {path})"));
            zh.push_str(&format!("（在子流程 {path} 中）"));
        }
        (en, zh)
    }

    /// The English of [`EngineError::describe`].
    pub fn describe_en(&self, kind: Option<NodeKind>) -> String {
        self.describe(kind).0
    }

    /// The Chinese of [`EngineError::describe`].
    pub fn describe_zh(&self, kind: Option<NodeKind>) -> String {
        self.describe(kind).1
    }

    /// What the rule `code` says of the node ([`BY_CODE`]; a rule the table lacks: its summary).
    fn by_code(&self, n: &Named, kind: Option<NodeKind>) -> (String, String) {
        let (en, zh) = (&n.en, &n.zh);
        match self.code {
            "CONN002" => return degree(n, kind, true),
            "CONN003" => return degree(n, kind, false),
            _ => {}
        }
        if let Some((_, t_en, t_zh)) = BY_CODE.iter().find(|(c, _, _)| *c == self.code) {
            return (t_en.replace("{N}", en), t_zh.replace("{N}", zh));
        }
        let info = crate::rules::registry::lookup(self.code);
        let (s_en, s_zh) = info.map_or(
            ("the engine refuses the tree", "引擎拒绝了该流程"),
            |r| (r.summary, r.summary_zh),
        );
        if self.node_id.is_some() {
            (
                format!("{en}: {s_en}"),
                format!("{}：{s_zh}", zh.trim_end()),
            )
        } else {
            (s_en.to_owned(), s_zh.to_owned())
        }
    }
}

/// What each rule the engine raises says of the node it names (`{N}`), in English and Chinese.
const BY_CODE: &[(&str, &str, &str)] = &[
    (
        "CONN001",
        "{N} connects to a kind of node it may not connect to",
        "{N}连接了不允许连接的节点类型",
    ),
    (
        "GW001",
        "the engine cannot tell how far {N} is from the start event",
        "引擎无法获取{N}距离开始节点的距离",
    ),
    (
        "GW002",
        "{N} is inside a parallel branch and one of its branches loops back across the parallel \
         gateway: all its branches must meet at one converge gateway",
        "{N}位于并行分支中，它的一条分支跨过并行网关回环：所有分支必须汇聚到同一个汇聚网关",
    ),
    (
        "GW003",
        "{N} is inside a parallel branch and one of its branches goes to the end event: all its \
         branches must meet at one converge gateway",
        "{N}位于并行分支中，它的一条分支通往结束节点：所有分支必须汇聚到同一个汇聚网关",
    ),
    (
        "GW004",
        "the branches of {N} do not all meet the same converge gateway first",
        "{N}的所有分支第一个遇到的汇聚网关不是同一个",
    ),
    (
        "GW005",
        "the branches of {N} do not form a valid block (a parallel branch ends or leaves it)",
        "{N}的分支不构成合法的网关块（有并行分支结束或离开了该块）",
    ),
    (
        "GW006",
        "{N} joins branches of more than one parallel gateway",
        "{N}汇聚了来自多个并行网关的分支",
    ),
    (
        "GW007",
        "{N} does not join every branch of its parallel gateway",
        "{N}没有汇聚其对应并行网关的所有分支",
    ),
    (
        "GW019",
        "a branch of {N} runs into a loop made only of tasks",
        "{N}的一条分支进入了只由任务节点组成的环",
    ),
    (
        "GW020",
        "{N} has no branch to match a converge gateway with",
        "{N}没有可用于匹配汇聚网关的分支",
    ),
    (
        "GW021",
        "{N} has no incoming branch that comes forward from its gateway",
        "{N}没有来自其网关的正向输入分支",
    ),
    (
        "GW022",
        "a branch of {N} keeps passing a converge gateway and coming back",
        "{N}的一条分支反复经过汇聚网关又回到原处",
    ),
    (
        "GW024",
        "converge matching enters {N} again and again while still matching it (gateway ids \
         differ from their keys)",
        "匹配汇聚网关时反复进入仍在匹配的{N}（网关 id 与其键不一致）",
    ),
    (
        "STREAM001",
        "{N} is reached from two different parallel branches, or from none",
        "{N}同时属于多个并行分支，或不属于任何分支",
    ),
    (
        "STREAM002",
        "{N} joins branches from outside its parallel block",
        "{N}汇聚了其并行块之外的分支",
    ),
    (
        "STREAM003",
        "{N} has no branch (stream) when the engine reaches it",
        "引擎到达{N}时，它不属于任何分支",
    ),
    (
        "STREAM006",
        "{N} was never matched to a converge gateway (no converge_gateway_id)",
        "{N}没有匹配到汇聚网关（没有 converge_gateway_id）",
    ),
];

/// CONN002 (`incoming`) or CONN003: the node's flows in that direction, and how many its kind
/// may have (bamboo-engine's `rules.py`).
fn degree(n: &Named, kind: Option<NodeKind>, incoming: bool) -> (String, String) {
    let rule = kind
        .and_then(NodeKind::type_name)
        .and_then(super::connection_rule);
    let (way_en, way_zh) = if incoming {
        ("incoming", "输入")
    } else {
        ("outgoing", "输出")
    };
    let (range_en, range_zh) = match rule {
        None => (String::new(), String::new()),
        Some(r) => {
            let (lo, hi) = if incoming {
                (r.min_in, r.max_in)
            } else {
                (r.min_out, r.max_out)
            };
            if lo == hi {
                (format!(" (it may have {lo})"), format!("（应为 {lo} 条）"))
            } else {
                (
                    format!(" (it may have {lo} to {hi})"),
                    format!("（应为 {lo} 到 {hi} 条）"),
                )
            }
        }
    };
    (
        format!("{} has too few or too many {way_en} flows{range_en}", n.en),
        format!("{}的{way_zh}连线数量不合法{range_zh}", n.zh),
    )
}

/// The named node, in both languages: "parallel gateway p1" / "并行网关 p1", "node p1" /
/// "节点 p1" when its kind is not known, "a node" / "节点" when none is named.
struct Named {
    en: String,
    zh: String,
}

impl Named {
    fn new(id: Option<&str>, kind: Option<NodeKind>) -> Named {
        let kind = kind.unwrap_or(NodeKind::Unknown);
        match id {
            Some(id) => Named {
                en: format!("{} {id}", kind.name_en()),
                zh: format!("{} {id} ", kind.name_zh()),
            },
            None => Named {
                en: "a node".to_owned(),
                zh: "节点".to_owned(),
            },
        }
    }
}

/// What a [`Fault`] says of the named node `n`.
fn fault(f: &Fault, n: &Named) -> (String, String) {
    let (en, zh) = (&n.en, n.zh.trim_end());
    match f {
        Fault::Rule => (String::new(), String::new()),
        Fault::Section(s) => (
            format!("the pipeline lacks the field '{s}'"),
            format!("流程缺少字段 {s}"),
        ),
        Fault::SectionType(s) => (
            format!("the pipeline's '{s}' is not an object"),
            format!("流程的 {s} 不是对象"),
        ),
        Fault::Missing(field) => (
            format!("{en} lacks the field '{field}'"),
            format!("{zh} 缺少字段 {field}"),
        ),
        Fault::WrongType(field) => (
            format!("the field '{field}' of {en} has a JSON type the engine cannot use"),
            format!("{zh} 的字段 {field} 类型不对"),
        ),
        Fault::NotObject => (
            format!("{en} is not a JSON object"),
            format!("{zh} 不是 JSON 对象"),
        ),
        Fault::UnknownType(t) => (
            format!("{en} has the unknown type {t:?}"),
            format!("{zh} 的类型 {t:?} 未知"),
        ),
        Fault::NotANode { .. } | Fault::NoSuchNode(_) | Fault::NoFlow(_) | Fault::FlowEnds(_) => {
            flows(f, n)
        }
        Fault::NoOutgoing => (
            format!("{en} has no outgoing flow"),
            format!("{zh} 没有输出连线"),
        ),
        Fault::IdDiffers => (
            format!(
                "the id of {en} differs from its key, so the engine finds no distance from the \
                 start event for it"
            ),
            format!("{zh} 的 id 与其键不一致，引擎找不到它到开始节点的距离"),
        ),
        Fault::IdNotKey(id) => (
            format!("gateway id {id} is the key of no gateway"),
            format!("网关 id {id} 不是任何网关的键"),
        ),
        Fault::ConvergeNotNode(c) => (
            format!("the converge_gateway_id {c} of {en} is not a node"),
            format!("{zh} 的 converge_gateway_id {c} 不是节点"),
        ),
        Fault::Loop(path) => (
            format!("the flows form a loop ({path}), and loops are forbidden"),
            format!("连线构成了环（{path}），而流程不允许有环"),
        ),
        Fault::TypeAt { path, en, zh } => (
            format!("{path} has the wrong type: {en}"),
            format!("{path} 类型错误：{zh}"),
        ),
    }
}

/// What a [`Fault`] about flows and the nodes they name says.
fn flows(f: &Fault, n: &Named) -> (String, String) {
    let (en, zh) = (&n.en, n.zh.trim_end());
    match f {
        Fault::NotANode {
            flow: Some(flow),
            id,
        } if en != "a node" => {
            let (flow, id) = (shown(flow), shown(id));
            (
                format!("flow {flow} of {en} connects {id}, which is not a node"),
                format!("{zh} 的连线 {flow} 连接的 {id} 不是节点"),
            )
        }
        Fault::NotANode {
            flow: Some(flow),
            id,
        } => {
            let (flow, id) = (shown(flow), shown(id));
            (
                format!("flow {flow} connects {id}, which is not a node"),
                format!("连线 {flow} 连接的 {id} 不是节点"),
            )
        }
        Fault::NotANode { flow: None, id } if en != "a node" => (
            format!("{en} has a flow to {}, which is not a node", shown(id)),
            format!("{zh} 的连线指向 {}，但它不是节点", shown(id)),
        ),
        Fault::NotANode { flow: None, id } => (
            format!("a flow goes to {}, which is not a node", shown(id)),
            format!("有连线指向 {}，但它不是节点", shown(id)),
        ),
        Fault::NoSuchNode(id) => (
            format!("{} is not a node", shown(id)),
            format!("{} 不是节点", shown(id)),
        ),
        Fault::NoFlow(flow) => (
            format!(
                "{en} lists flow {}, which does not exist or lacks its source or target",
                shown(flow)
            ),
            format!(
                "{zh} 引用的连线 {} 不存在，或缺少 source 或 target",
                shown(flow)
            ),
        ),
        Fault::FlowEnds(flow) => (
            format!("flow {} lacks its source or target", shown(flow)),
            format!("连线 {} 缺少 source 或 target", shown(flow)),
        ),
        _ => (String::new(), String::new()),
    }
}

/// An id as written in a message: `""` when it is empty.
fn shown(id: &str) -> &str {
    if id.is_empty() {
        "\"\""
    } else {
        id
    }
}
