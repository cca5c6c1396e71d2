//! FEGW001: SOPS's canvas refuses to save a template when a parallel (or conditional
//! parallel) gateway's branches, followed along `line`, do not end at one converge gateway
//! (`validatePipeline.js::getNodeBranches`, reproduced as the reference gives it, loops and
//! all, with an explicit stack instead of recursion).
//!
//! The heuristic walks on past a converge when branches are left, so on long trees it visits
//! the rest of the flow once per parallel gateway (quadratic in the gateways). Each time a
//! walk meets a new converge, SOPS visits the node after every converge met so far; those
//! already checked only drop the branch, so a run of them is taken in one step (a
//! path-compressed pointer past them), which keeps each walk linear in what it reaches (read
//! literally it is quadratic in the converges: 49 M steps for all the walks of the generated
//! 10,000-node tree, 1.2 M this way). The walks share a budget of [`STEPS`] steps; past it
//! the remaining gateways are not checked and FEGW002 says so.

/// Most steps all the walks of one tree may make (10 to 15 ms natively).
pub(crate) const STEPS: usize = 2_000_000;

use super::registry::*;
use crate::map::HashMap;

use super::ctx::{At, Ctx};
use super::schema::{describe, describe_zh};
use crate::model::NodeKind;

pub(crate) fn check(cx: &mut Ctx<'_>) {
    walks(cx, None, STEPS);
}

/// What the walks found last time, for an editor that checks the same tree again after each
/// edit. The walks read only the targets along `line` and which nodes are converge gateways:
/// while `line` names the same ends in the same order and the same nodes are converge
/// gateways (a node added or renamed, a task's fields, a move, a layout undone), every walk
/// keeps its answer and none is made again. Any other change makes every walk again: on the
/// trees this was measured on, an edit anywhere changes what most of the long walks visit
/// (each goes on past its own converge to the end of the flow), and telling which walks it
/// reaches cost more than it saved.
#[derive(Debug, Default)]
pub(crate) struct Kept {
    /// The ends `line` named last run (source and target of each line with both), one after
    /// the other in one string, and where each ends in it.
    ends: String,
    ends_at: Vec<u32>,
    /// Per node number (the order `line` names them in), whether it is a converge gateway.
    converge: Vec<bool>,
    /// Per parallel gateway (by number): the steps its walk made and its answer.
    walks: HashMap<u32, (usize, bool)>,
    /// What the walks write as they go, for the next run to reuse.
    scratch: Scratch,
}

/// The ends `line` names, compared one by one with the last run's as they come: nothing is
/// copied while they are the same, and from the first difference on they are written anew.
#[derive(Default)]
struct Ends {
    /// Bytes and ends matched so far.
    pos: usize,
    matched: usize,
    /// The ends written anew, once they differ.
    new: Option<(String, Vec<u32>)>,
}

impl Ends {
    fn push(&mut self, kept: &Kept, end: &str) {
        if let Some((s, at)) = &mut self.new {
            s.push_str(end);
            at.push(s.len() as u32);
            return;
        }
        let next = self.pos + end.len();
        let same = kept.ends_at.get(self.matched) == Some(&(next as u32))
            && kept.ends.as_bytes().get(self.pos..next) == Some(end.as_bytes());
        if same {
            self.pos = next;
            self.matched += 1;
        } else {
            let mut s = String::with_capacity(kept.ends.len().max(next));
            s.push_str(&kept.ends[..self.pos]);
            s.push_str(end);
            let mut at = kept.ends_at[..self.matched].to_vec();
            at.push(s.len() as u32);
            self.new = Some((s, at));
        }
    }

    /// The ends written anew, or `None` when they are the last run's.
    fn finish(self, kept: &Kept) -> Option<(String, Vec<u32>)> {
        match self.new {
            Some(new) => Some(new),
            None if self.matched < kept.ends_at.len() => Some((
                kept.ends[..self.pos].to_owned(),
                kept.ends_at[..self.matched].to_vec(),
            )),
            None => None,
        }
    }
}

/// [`check`], keeping what the walks found in `kept` and reusing what still holds.
pub(crate) fn check_kept(cx: &mut Ctx<'_>, kept: &mut Kept) {
    walks(cx, Some(kept), STEPS);
}

/// The walks from every parallel gateway, `steps` at most in all, reusing and keeping their
/// answers in `kept` when there is one (a validation without an editor keeps nothing).
fn walks(cx: &mut Ctx<'_>, mut kept: Option<&mut Kept>, steps: usize) {
    // FEGW002 says where the walks stopped: with it on, they run even when FEGW001 is off
    if !cx.any_on(&[&FEGW001, &FEGW002]) {
        return;
    }
    let tree = cx.tree;
    // Dense ids for every node `line` names, so the walks index arrays instead of hashing;
    // the ends in order, to compare with the last run's.
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    let mut ends = kept.as_ref().map(|_| Ends::default());
    for l in tree.lines() {
        if let (Some(s), Some(t)) = (l.source().id, l.target().id) {
            let next = ids.len() as u32;
            let si = *ids.entry(s).or_insert(next);
            let next = ids.len() as u32;
            let ti = *ids.entry(t).or_insert(next);
            pairs.push((si, ti));
            if let (Some(ends), Some(kept)) = (&mut ends, kept.as_deref()) {
                ends.push(kept, s);
                ends.push(kept, t);
            }
        }
    }
    let targets = Targets::new(ids.len(), &pairs);
    let mut converge = vec![false; ids.len()];
    for g in tree
        .gateways()
        .filter(|g| g.kind() == NodeKind::ConvergeGateway)
    {
        if let Some(&i) = ids.get(g.key()) {
            converge[i as usize] = true;
        }
    }
    // the same ends in the same order number the nodes the same: the walks read the same
    let (mut walks, new_ends) = match (kept.as_deref_mut(), ends) {
        (Some(kept), Some(ends)) => {
            let new_ends = ends.finish(kept);
            let mut walks = std::mem::take(&mut kept.walks);
            if new_ends.is_some() || converge != kept.converge {
                walks.clear();
            }
            (walks, new_ends)
        }
        _ => (HashMap::new(), None),
    };
    let mut fresh: HashMap<u32, (usize, bool)> = HashMap::new();
    let scratch = kept
        .as_deref_mut()
        .map(|k| std::mem::take(&mut k.scratch))
        .unwrap_or_default();
    let mut walk = Walk::new(&targets, &converge, scratch);
    let mut budget = steps;
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
            Some(&gi) => match walks.remove(&gi).or_else(|| fresh.remove(&gi)) {
                Some((steps, meet)) if steps <= budget => {
                    budget -= steps;
                    fresh.insert(gi, (steps, meet));
                    Some(meet)
                }
                // past the budget, as the walk made again would be
                Some(_) => None,
                None => {
                    let before = budget;
                    let meet = walk.branches_meet(gi, &mut budget);
                    if let Some(meet) = meet {
                        fresh.insert(gi, (before - budget, meet));
                    }
                    meet
                }
            },
            None => Some(true),
        };
        let Some(meet) = meet else {
            cx.emit(
                &FEGW002,
                At::node(&g),
                format!(
                    "SOPS's parallel-gateway check was not run from {} on: the tree is too large for it ({steps} steps spent)",
                    describe(&g)
                ),
                format!(
                    "标准运维的并行网关汇聚检查未能从{}开始完成：流程过大（已用 {steps} 步）",
                    describe_zh(&g)
                ),
            );
            break;
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
    if let Some(kept) = kept {
        kept.scratch = walk.s;
        kept.walks = fresh;
        if let Some((ends, ends_at)) = new_ends {
            kept.ends = ends;
            kept.ends_at = ends_at;
        }
        kept.converge = converge;
    }
}

/// Each node's targets along `line`, in line order, in one array (the walks read them for
/// every step: one allocation, read in order).
struct Targets {
    /// Where each node's targets start in `flat` (one more entry than nodes).
    start: Vec<u32>,
    flat: Vec<u32>,
}

impl Targets {
    /// From `(source, target)` pairs of nodes `0..n`, in line order.
    fn new(n: usize, pairs: &[(u32, u32)]) -> Targets {
        let mut start = vec![0u32; n + 1];
        for &(s, _) in pairs {
            start[s as usize + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut flat = vec![0u32; pairs.len()];
        for &(s, t) in pairs {
            flat[fill[s as usize] as usize] = t;
            fill[s as usize] += 1;
        }
        Targets { start, flat }
    }

    fn len(&self) -> usize {
        self.start.len() - 1
    }

    fn of(&self, i: usize) -> &[u32] {
        &self.flat[self.start[i] as usize..self.start[i + 1] as usize]
    }
}

/// A step of a walk: twelve bytes, as the walks push and pop millions of them.
#[derive(Debug)]
enum Frame {
    /// Visiting `node`, for `branch`.
    Visit(u32, u32),
    /// Visiting the targets of a fan-out: those at `Targets::flat[at..end]`.
    Fan(u32, u32),
    /// Visiting what follows each checked converge, from the `i`-th, for `branch`.
    Converges(u32, u32),
}

/// What the walks write as they go, kept from run to run by an editor ([`Kept`]) so that a
/// run allocates and clears nothing: membership is a stamp per node (equal to the current
/// walk's number, which only grows), the stack and the converge lists keep their capacity
/// (the long walks push hundreds of thousands of frames).
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    stamp: u32,
    checked: Vec<u32>,
    in_converge: Vec<u32>,
    in_branches: Vec<u32>,
    stack: Vec<Frame>,
    checked_converge: Vec<u32>,
    skip: Vec<u32>,
}

/// The state of the walks over one graph, reused from gateway to gateway.
struct Walk<'a> {
    targets: &'a Targets,
    converge: &'a [bool],
    s: Scratch,
}

impl<'a> Walk<'a> {
    /// Walks over `targets`, writing in `scratch` (left from earlier runs, or new).
    fn new(targets: &'a Targets, converge: &'a [bool], mut s: Scratch) -> Walk<'a> {
        let n = targets.len();
        // a stamp from an earlier run is below every stamp of this one; new nodes start at 0
        // (never a walk's), and the stamps start again long before they could wrap
        if s.stamp > u32::MAX / 2 {
            s.stamp = 0;
            s.checked.clear();
            s.in_converge.clear();
            s.in_branches.clear();
        }
        for v in [&mut s.checked, &mut s.in_converge, &mut s.in_branches] {
            if v.len() < n {
                v.resize(n, 0);
            }
        }
        Walk {
            targets,
            converge,
            s,
        }
    }

    /// The first entry of `list` from `i` on whose next node is not checked in this walk
    /// (`list.len()` when none), through `skip` (each entry's pointer past entries known to be
    /// checked), compressing the pointers it followed.
    fn unchecked_from(&self, i: usize, list: &[u32], skip: &mut [u32], stamp: u32) -> usize {
        let mut j = i;
        while j < list.len() && self.s.checked[list[j] as usize] == stamp {
            j = skip[j] as usize;
        }
        let mut k = i;
        while k < j {
            let next = skip[k] as usize;
            skip[k] = j as u32;
            k = next;
        }
        j
    }

    /// `getNodeBranches` from `g`: true when exactly one branch is left; `None` when `budget`
    /// runs out.
    fn branches_meet(&mut self, g: u32, budget: &mut usize) -> Option<bool> {
        self.s.stamp += 1;
        let mut checked_converge = std::mem::take(&mut self.s.checked_converge);
        let mut skip = std::mem::take(&mut self.s.skip);
        let mut stack = std::mem::take(&mut self.s.stack);
        checked_converge.clear();
        skip.clear();
        stack.clear();
        let meet = self.walk_from(g, budget, &mut stack, &mut checked_converge, &mut skip);
        (self.s.checked_converge, self.s.skip, self.s.stack) = (checked_converge, skip, stack);
        meet
    }

    /// [`Walk::branches_meet`] with its lists given (empty): the stack, the converges met so
    /// far, in order, as the node after each, and per entry a pointer to the first entry from
    /// it on whose next node is not checked yet (path-compressed: a node once checked stays
    /// checked, so entries skipped stay skipped).
    fn walk_from(
        &mut self,
        g: u32,
        budget: &mut usize,
        stack: &mut Vec<Frame>,
        checked_converge: &mut Vec<u32>,
        skip: &mut Vec<u32>,
    ) -> Option<bool> {
        let stamp = self.s.stamp;
        let targets = self.targets;
        let mut branches = 0usize;
        let add = |w: &mut Walk<'_>, b: u32, count: &mut usize| {
            if w.s.in_branches[b as usize] != stamp {
                w.s.in_branches[b as usize] = stamp;
                *count += 1;
            }
        };
        let remove = |w: &mut Walk<'_>, b: u32, count: &mut usize| {
            if w.s.in_branches[b as usize] == stamp {
                w.s.in_branches[b as usize] = 0;
                *count -= 1;
            }
        };
        add(self, g, &mut branches);
        stack.push(Frame::Visit(g, g));
        while let Some(frame) = stack.pop() {
            *budget = budget.checked_sub(1)?;
            match frame {
                Frame::Visit(id, branch) => {
                    let i = id as usize;
                    if self.s.checked[i] == stamp {
                        remove(self, branch, &mut branches);
                        continue;
                    }
                    self.s.checked[i] = stamp;
                    let ts: &[u32] = targets.of(i);
                    match ts.len() {
                        0 => {} // an end or a dead end: the branch stays
                        1 if self.converge[i] => {
                            if self.s.in_converge[i] == stamp {
                                remove(self, branch, &mut branches);
                            } else {
                                self.s.in_converge[i] = stamp;
                                skip.push(checked_converge.len() as u32 + 1);
                                checked_converge.push(ts[0]);
                                if branches > 1 {
                                    stack.push(Frame::Converges(branch, 0));
                                }
                            }
                        }
                        1 => stack.push(Frame::Visit(ts[0], branch)),
                        _ => {
                            remove(self, branch, &mut branches);
                            stack.push(Frame::Fan(targets.start[i], targets.start[i + 1]));
                        }
                    }
                }
                Frame::Fan(at, end) => {
                    if at < end {
                        stack.push(Frame::Fan(at + 1, end));
                        let t = targets.flat[at as usize];
                        add(self, t, &mut branches);
                        stack.push(Frame::Visit(t, t));
                    }
                }
                Frame::Converges(branch, i) => {
                    // SOPS visits the node after each checked converge in turn (the list may
                    // grow meanwhile). A visit of a checked node only drops `branch`: the run
                    // of such entries from `i` is taken at once, then the first entry whose
                    // next node is not checked is walked.
                    let i = i as usize;
                    let j = self.unchecked_from(i, checked_converge, skip, stamp);
                    if j > i {
                        remove(self, branch, &mut branches);
                    }
                    if let Some(&next) = checked_converge.get(j) {
                        stack.push(Frame::Converges(branch, j as u32 + 1));
                        stack.push(Frame::Visit(next, branch));
                    }
                }
            }
        }
        Some(branches == 1)
    }
}

#[cfg(test)]
mod tests {
    use super::{walks, Kept, Targets, Walk};
    use crate::diagnostic::Diagnostic;
    use crate::model::Tree;
    use crate::rules::ctx::Ctx;
    use crate::rules::Options;

    fn run(tree: &Tree, kept: Option<&mut Kept>, steps: usize) -> Vec<Diagnostic> {
        let options = Options::default();
        let mut cx = Ctx {
            tree,
            options: &options,
            out: Vec::new(),
        };
        walks(&mut cx, kept, steps);
        cx.out
    }

    /// A tree of gateways (parallel, conditional parallel, exclusive, converge) and lines
    /// between them and nodes that are not there.
    fn tree_text(kinds: &[usize], lines: &[(usize, usize)]) -> String {
        const KINDS: [&str; 4] = [
            "ParallelGateway",
            "ConditionalParallelGateway",
            "ExclusiveGateway",
            "ConvergeGateway",
        ];
        let gateways: Vec<String> = kinds
            .iter()
            .enumerate()
            .filter(|(_, &k)| k < KINDS.len())
            .map(|(i, &k)| format!(r#""g{i}":{{"id":"g{i}","type":"{}"}}"#, KINDS[k]))
            .collect();
        let line: Vec<String> = lines
            .iter()
            .enumerate()
            .map(|(i, (s, t))| {
                format!(r#"{{"id":"l{i}","source":{{"id":"g{s}"}},"target":{{"id":"g{t}"}}}}"#)
            })
            .collect();
        format!(
            r#"{{"gateways":{{{}}},"line":[{}]}}"#,
            gateways.join(","),
            line.join(",")
        )
    }

    /// The walks kept from run to run answer as walks made afresh, through random edits
    /// (lines added, removed and retargeted, gateways added, removed and retyped), within the
    /// budget and past it.
    #[test]
    fn kept_walks_answer_as_fresh_ones() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let (mut reused, mut apart, mut cut) = (0, 0, 0);
        for _ in 0..300 {
            let n = 3 + next(20);
            // kind 4: no such node
            let mut kinds: Vec<usize> = (0..n).map(|_| next(5)).collect();
            let mut lines: Vec<(usize, usize)> = (0..n + next(n))
                .map(|_| {
                    let s = next(n);
                    (
                        s,
                        if next(5) == 0 {
                            next(n)
                        } else {
                            (s + 1 + next(3)).min(n - 1)
                        },
                    )
                })
                .collect();
            let steps = [usize::MAX, 60, 200][next(3)];
            let mut kept = Kept::default();
            for _ in 0..25 {
                match next(5) {
                    0 => lines.insert(next(lines.len() + 1), (next(n), next(n))),
                    1 if !lines.is_empty() => {
                        lines.remove(next(lines.len()));
                    }
                    2 if !lines.is_empty() => {
                        let i = next(lines.len());
                        lines[i].1 = next(n);
                    }
                    _ => kinds[next(n)] = next(5),
                }
                // now and then the stamps reach the point where they start again (they only
                // grow until then)
                if next(30) == 0 {
                    let s = &mut kept.scratch.stamp;
                    *s = (*s).max(u32::MAX / 2 - next(3) as u32);
                }
                let tree = Tree::parse(&tree_text(&kinds, &lines)).expect("a tree");
                let walks_before = kept.walks.len();
                let with_kept = run(&tree, Some(&mut kept), steps);
                let fresh = run(&tree, None, steps);
                assert_eq!(with_kept, fresh, "{kinds:?} {lines:?}, {steps} steps");
                reused += usize::from(walks_before > 0);
                apart += fresh.iter().filter(|d| d.code == "FEGW001").count();
                cut += fresh.iter().filter(|d| d.code == "FEGW002").count();
            }
        }
        assert!(
            reused > 1000 && apart > 500 && cut > 100,
            "{reused} {apart} {cut}"
        );
    }

    /// `getNodeBranches` as validator-rules.md §13.4 gives it: recursive, lists scanned in full,
    /// the list of checked converges walked while it grows.
    fn reference(targets: &[Vec<u32>], converge: &[bool], g: u32) -> bool {
        struct R<'a> {
            targets: &'a [Vec<u32>],
            converge: &'a [bool],
            checked: Vec<u32>,
            checked_converge: Vec<u32>,
            branches: Vec<u32>,
        }
        fn visit(r: &mut R<'_>, id: u32, branch: u32) {
            if r.checked.contains(&id) {
                r.branches.retain(|b| *b != branch);
                return;
            }
            r.checked.push(id);
            let ts = r.targets[id as usize].clone();
            if ts.len() > 1 {
                r.branches.retain(|b| *b != branch);
                for t in ts {
                    if !r.branches.contains(&t) {
                        r.branches.push(t);
                    }
                    visit(r, t, t);
                }
            } else if ts.len() == 1 {
                if r.converge[id as usize] {
                    if r.checked_converge.contains(&id) {
                        r.branches.retain(|b| *b != branch);
                    } else {
                        r.checked_converge.push(id);
                        if r.branches.len() > 1 {
                            let mut i = 0;
                            while i < r.checked_converge.len() {
                                let c = r.checked_converge[i];
                                visit(r, r.targets[c as usize][0], branch);
                                i += 1;
                            }
                        }
                    }
                } else {
                    visit(r, ts[0], branch);
                }
            }
        }
        let mut r = R {
            targets,
            converge,
            checked: Vec::new(),
            checked_converge: Vec::new(),
            branches: vec![g],
        };
        visit(&mut r, g, g);
        r.branches.len() == 1
    }

    /// The walk (converge runs taken at once) gives the reference's answer on random graphs:
    /// fan-outs, converges, loops and dead ends, one walk state reused from gateway to gateway.
    #[test]
    fn the_walk_answers_as_the_reference() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let (mut met, mut apart) = (0, 0);
        for _ in 0..20_000 {
            let n = 2 + next(30) as usize;
            let targets: Vec<Vec<u32>> = (0..n)
                .map(|i| {
                    let k = [0, 1, 1, 1, 2, 2, 3][next(7) as usize];
                    // mostly forward, sometimes back (loops)
                    (0..k)
                        .map(|_| {
                            if next(6) == 0 || i + 1 >= n {
                                next(n as u64) as u32
                            } else {
                                (i + 1 + next((n - i - 1).min(4) as u64) as usize) as u32
                            }
                        })
                        .collect()
                })
                .collect();
            let converge: Vec<bool> = (0..n).map(|_| next(3) == 0).collect();
            let pairs: Vec<(u32, u32)> = (0..n as u32)
                .flat_map(|s| targets[s as usize].iter().map(move |&t| (s, t)))
                .collect();
            let dense = Targets::new(n, &pairs);
            let mut walk = Walk::new(&dense, &converge, Default::default());
            let mut budget = usize::MAX;
            for g in 0..n as u32 {
                let want = reference(&targets, &converge, g);
                assert_eq!(
                    walk.branches_meet(g, &mut budget),
                    Some(want),
                    "gateway {g} of {targets:?}, converges {converge:?}"
                );
                if want {
                    met += 1;
                } else {
                    apart += 1;
                }
            }
        }
        // both answers are common among the graphs tried
        assert!(met > 20_000 && apart > 20_000, "{met} met, {apart} apart");
    }
}
