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

use super::registry::*;
use crate::map::HashMap;

use super::ctx::{At, Ctx};
use super::schema::{describe, describe_zh};
use crate::model::NodeKind;

pub(crate) fn check(cx: &mut Ctx<'_>) {
    // FEGW002 says where the walks stopped: with it on, they run even when FEGW001 is off
    if !cx.any_on(&[&FEGW001, &FEGW002]) {
        return;
    }
    let tree = cx.tree;
    // Dense ids for every node `line` names, so the walks index arrays instead of hashing.
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let mut targets: Vec<Vec<u32>> = Vec::new();
    for l in tree.lines() {
        if let (Some(s), Some(t)) = (l.source().id, l.target().id) {
            let next = ids.len() as u32;
            let si = *ids.entry(s).or_insert(next);
            let next = ids.len() as u32;
            let ti = *ids.entry(t).or_insert(next);
            targets.resize(ids.len(), Vec::new());
            targets[si as usize].push(ti);
        }
    }
    let mut converge = vec![false; ids.len()];
    for g in tree
        .gateways()
        .filter(|g| g.kind() == NodeKind::ConvergeGateway)
    {
        if let Some(&i) = ids.get(g.key()) {
            converge[i as usize] = true;
        }
    }
    let mut walk = Walk::new(&targets, &converge);
    let mut budget = STEPS;
    for g in tree.gateways() {
        let kind = g.kind();
        if !matches!(
            kind,
            NodeKind::ParallelGateway | NodeKind::ConditionalParallelGateway
        ) {
            continue;
        }
        // A gateway no line leaves has one branch: itself.
        let meet = match ids.get(g.key()) {
            Some(&gi) => walk.branches_meet(gi, &mut budget),
            None => Some(true),
        };
        let Some(meet) = meet else {
            cx.emit(
                &FEGW002,
                At::node(&g),
                format!(
                    "SOPS's parallel-gateway check was not run from {} on: the tree is too large for it ({STEPS} steps spent)",
                    describe(&g)
                ),
                format!(
                    "标准运维的并行网关汇聚检查未能从{}开始完成：流程过大（已用 {STEPS} 步）",
                    describe_zh(&g)
                ),
            );
            return;
        };
        if !meet {
            cx.emit(
                &FEGW001,
                At::node(&g),
                format!("the branches of {} do not meet at one converge gateway (SOPS will not save it)", describe(&g)),
                format!(
                    "{} 的分支没有汇聚到同一个汇聚网关（标准运维无法保存）",
                    describe_zh(&g)
                ),
            );
        }
    }
}

enum Frame<'a> {
    Visit(u32, u32),
    /// Visiting the targets of a fan-out, from the `i`-th.
    Fan(&'a [u32], usize),
    /// Visiting what follows each checked converge, from the `i`-th, for `branch`.
    Converges(u32, usize),
}

/// The state of the walks, reused from gateway to gateway: membership is a stamp per node
/// (equal to the current walk's number), so nothing is cleared between walks.
struct Walk<'a> {
    targets: &'a [Vec<u32>],
    converge: &'a [bool],
    stamp: u32,
    checked: Vec<u32>,
    in_converge: Vec<u32>,
    in_branches: Vec<u32>,
}

impl<'a> Walk<'a> {
    fn new(targets: &'a [Vec<u32>], converge: &'a [bool]) -> Walk<'a> {
        let n = targets.len();
        Walk {
            targets,
            converge,
            stamp: 0,
            checked: vec![0; n],
            in_converge: vec![0; n],
            in_branches: vec![0; n],
        }
    }

    /// `getNodeBranches` from `g`: true when exactly one branch is left; `None` when `budget`
    /// runs out.
    fn branches_meet(&mut self, g: u32, budget: &mut usize) -> Option<bool> {
        self.stamp += 1;
        let stamp = self.stamp;
        let targets = self.targets;
        let mut checked_converge: Vec<u32> = Vec::new();
        let mut branches = 0usize;
        let add = |w: &mut Walk<'_>, b: u32, count: &mut usize| {
            if w.in_branches[b as usize] != stamp {
                w.in_branches[b as usize] = stamp;
                *count += 1;
            }
        };
        let remove = |w: &mut Walk<'_>, b: u32, count: &mut usize| {
            if w.in_branches[b as usize] == stamp {
                w.in_branches[b as usize] = 0;
                *count -= 1;
            }
        };
        add(self, g, &mut branches);
        let mut stack = vec![Frame::Visit(g, g)];
        while let Some(frame) = stack.pop() {
            *budget = budget.checked_sub(1)?;
            match frame {
                Frame::Visit(id, branch) => {
                    let i = id as usize;
                    if self.checked[i] == stamp {
                        remove(self, branch, &mut branches);
                        continue;
                    }
                    self.checked[i] = stamp;
                    let ts: &[u32] = &targets[i];
                    match ts.len() {
                        0 => {} // an end or a dead end: the branch stays
                        1 if self.converge[i] => {
                            if self.in_converge[i] == stamp {
                                remove(self, branch, &mut branches);
                            } else {
                                self.in_converge[i] = stamp;
                                checked_converge.push(id);
                                if branches > 1 {
                                    stack.push(Frame::Converges(branch, 0));
                                }
                            }
                        }
                        1 => stack.push(Frame::Visit(ts[0], branch)),
                        _ => {
                            remove(self, branch, &mut branches);
                            stack.push(Frame::Fan(ts, 0));
                        }
                    }
                }
                Frame::Fan(ts, i) => {
                    if i < ts.len() {
                        stack.push(Frame::Fan(ts, i + 1));
                        add(self, ts[i], &mut branches);
                        stack.push(Frame::Visit(ts[i], ts[i]));
                    }
                }
                Frame::Converges(branch, i) => {
                    // the list may grow while it is walked; later entries are visited too
                    if let Some(&c) = checked_converge.get(i) {
                        stack.push(Frame::Converges(branch, i + 1));
                        if let Some(&next) = targets[c as usize].first() {
                            stack.push(Frame::Visit(next, branch));
                        }
                    }
                }
            }
        }
        Some(branches == 1)
    }
}
