//! FEGW001: SOPS's canvas refuses to save a template when a parallel (or conditional
//! parallel) gateway's branches, followed along `line`, do not end at one converge gateway
//! (`validatePipeline.js::getNodeBranches`, reproduced as the reference gives it, loops and
//! all, with an explicit stack instead of recursion).
//!
//! The heuristic walks on past a converge when branches are left, so on long trees it visits
//! the rest of the flow once per parallel gateway (quadratic). The walks share a budget of
//! [`STEPS`] visits; past it the remaining gateways are not checked and FEGW002 says so.

/// Most visits all the walks of one tree may make (about 50 ms).
pub(crate) const STEPS: usize = 2_000_000;

use foldhash::{HashMap, HashMapExt, HashSet};

use super::ctx::{At, Ctx};
use super::schema::describe;
use crate::model::NodeKind;

pub(crate) fn check(cx: &mut Ctx<'_>) {
    let tree = cx.tree;
    let mut targets: HashMap<&str, Vec<&str>> = HashMap::new();
    for l in tree.lines() {
        if let (Some(s), Some(t)) = (l.source().id, l.target().id) {
            targets.entry(s).or_default().push(t);
        }
    }
    let converges: HashSet<&str> = tree
        .gateways()
        .filter(|g| g.kind() == NodeKind::ConvergeGateway)
        .map(|g| g.key())
        .collect();
    let mut budget = STEPS;
    for g in tree.gateways() {
        let kind = g.kind();
        if !matches!(kind, NodeKind::ParallelGateway | NodeKind::ConditionalParallelGateway) {
            continue;
        }
        let Some(meet) = branches_meet(g.key(), &targets, &converges, &mut budget) else {
            cx.emit(
                "FEGW002",
                At::node(&g),
                format!(
                    "SOPS's parallel-gateway check was not run from {} on: the tree is too large for it ({STEPS} steps spent)",
                    describe(&g)
                ),
                "流程过大，未完成并行网关汇聚检查".into(),
            );
            return;
        };
        if !meet {
            let zh = if kind == NodeKind::ParallelGateway { "并行网关缺少对应的汇聚网关" } else { "条件并行网关缺少对应的汇聚网关" };
            cx.emit(
                "FEGW001",
                At::node(&g),
                format!("the branches of {} do not meet at one converge gateway (SOPS will not save it)", describe(&g)),
                zh.into(),
            );
        }
    }
}

enum Frame<'a> {
    Visit(&'a str, &'a str),
    /// Visiting the targets of a fan-out, from the `i`-th.
    Fan(&'a [&'a str], usize),
    /// Visiting what follows each checked converge, from the `i`-th, for `branch`.
    Converges(&'a str, usize),
}

/// `getNodeBranches`: true when exactly one branch is left; `None` when `budget` runs out.
fn branches_meet<'a>(
    g: &'a str,
    targets: &'a HashMap<&'a str, Vec<&'a str>>,
    converges: &HashSet<&str>,
    budget: &mut usize,
) -> Option<bool> {
    let mut checked: HashSet<&str> = HashSet::default();
    let mut checked_converge: Vec<&str> = Vec::new();
    let mut branches: HashSet<&str> = HashSet::default();
    branches.insert(g);
    let mut stack = vec![Frame::Visit(g, g)];
    while let Some(frame) = stack.pop() {
        *budget = budget.checked_sub(1)?;
        match frame {
            Frame::Visit(id, branch) => {
                if !checked.insert(id) {
                    branches.remove(branch);
                    continue;
                }
                let ts: &[&str] = targets.get(id).map_or(&[], |v| v.as_slice());
                match ts.len() {
                    0 => {} // an end or a dead end: the branch stays
                    1 if converges.contains(id) => {
                        if checked_converge.contains(&id) {
                            branches.remove(branch);
                        } else {
                            checked_converge.push(id);
                            if branches.len() > 1 {
                                stack.push(Frame::Converges(branch, 0));
                            }
                        }
                    }
                    1 => stack.push(Frame::Visit(ts[0], branch)),
                    _ => {
                        branches.remove(branch);
                        stack.push(Frame::Fan(ts, 0));
                    }
                }
            }
            Frame::Fan(ts, i) => {
                if i < ts.len() {
                    stack.push(Frame::Fan(ts, i + 1));
                    branches.insert(ts[i]);
                    stack.push(Frame::Visit(ts[i], ts[i]));
                }
            }
            Frame::Converges(branch, i) => {
                // the list may grow while it is walked; later entries are visited too
                if let Some(c) = checked_converge.get(i).copied() {
                    stack.push(Frame::Converges(branch, i + 1));
                    if let Some(next) = targets.get(c).and_then(|v| v.first()) {
                        stack.push(Frame::Visit(next, branch));
                    }
                }
            }
        }
    }
    Some(branches.len() == 1)
}
