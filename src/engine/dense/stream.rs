//! The stream stage (`crate::engine::stream`, which documents each step) on node numbers.

use std::collections::VecDeque;

use super::{Cg, Graph};
use crate::engine::gateway::is_par;
use crate::engine::stream::{converge_not_node, empty, no_converge, stream_error};
use crate::engine::{err, EngineError, ErrorKind, Failed, Res};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Label {
    Main,
    /// Branch `i` of the parallel gateway with this number.
    Branch(u32, usize),
    Aside,
}

fn add(set: &mut Vec<Label>, l: Label) {
    if set.first() == Some(&Label::Aside) {
        return;
    }
    if l == Label::Aside {
        *set = vec![Label::Aside];
    } else if !set.contains(&l) {
        set.push(l);
    }
}

pub(super) fn validate(g: &Graph<'_>) -> Result<(), Failed> {
    let mut problems = Vec::new();
    match walk(g, &mut problems) {
        Err(e) if problems.is_empty() => Err((e, problems)),
        _ if problems.is_empty() => Ok(()),
        _ => {
            let first = problems.remove(0);
            Err((first, problems))
        }
    }
}

fn report(problems: &mut Vec<EngineError>, set: &mut Vec<Label>, e: EngineError) {
    problems.push(e);
    *set = vec![Label::Aside];
}

fn walk(g: &Graph<'_>, problems: &mut Vec<EngineError>) -> Res<()> {
    let n = g.len();
    let mut w = Walk {
        g,
        stream: vec![Vec::new(); n],
        pc: converges(g)?,
        problems,
    };
    w.stream[g.start as usize] = vec![Label::Main];
    w.stream[g.end as usize] = vec![Label::Main];
    let mut queue: VecDeque<u32> = VecDeque::from([g.start]);
    let mut visited = vec![false; n];
    while let Some(v) = queue.pop_front() {
        if !visited[v as usize] {
            visited[v as usize] = true;
            queue.extend(g.targets(v));
        }
        w.flowing(v)?;
    }
    for i in 0..n {
        if w.stream[i].len() > 1 || (w.stream[i].is_empty() && w.problems.is_empty()) {
            report(w.problems, &mut w.stream[i], stream_error(g.names[i]));
        }
    }
    Ok(())
}

/// Per converge node: the parallel gateway whose `converge_gateway_id` names it (the last
/// one, as a dict keeps the last) and that gateway's branch count.
fn converges(g: &Graph<'_>) -> Res<Vec<Option<(u32, usize)>>> {
    let mut pc = vec![None; g.len()];
    for i in 0..g.len() as u32 {
        if is_par(g.ty[i as usize]) {
            match g.cg[i as usize] {
                Cg::Node(c) => pc[c as usize] = Some((i, g.targets(i).len())),
                // a key no target has: never looked up
                Cg::NotNode(_) | Cg::Null => {}
                Cg::Absent => return Err(no_converge(g.names[i as usize])),
            }
        }
    }
    Ok(pc)
}

struct Walk<'g, 'a, 'w> {
    g: &'g Graph<'a>,
    stream: Vec<Vec<Label>>,
    pc: Vec<Option<(u32, usize)>>,
    problems: &'w mut Vec<EngineError>,
}

impl Walk<'_, '_, '_> {
    fn flowing(&mut self, w: u32) -> Res<()> {
        let g = self.g;
        let par = is_par(g.ty[w as usize]);
        if par {
            self.flow_to_converge(w)?;
        }
        for (i, &t) in g.targets(w).iter().enumerate() {
            let custom = par.then_some(Label::Branch(w, i));
            self.flow_to_target(w, t, custom)?;
        }
        Ok(())
    }

    fn flow_to_converge(&mut self, w: u32) -> Res<()> {
        let g = self.g;
        let key = g.names[w as usize];
        let c = match g.cg[w as usize] {
            Cg::Node(c) => c as usize,
            Cg::NotNode(c) => return Err(converge_not_node(key, c)),
            Cg::Absent | Cg::Null => return Err(no_converge(key)),
        };
        if self.stream[w as usize].is_empty() {
            return Err(empty(key));
        }
        for l in self.stream[w as usize].clone() {
            add(&mut self.stream[c], l);
        }
        if self.stream[c].len() > 1 {
            let e = err(
                ErrorKind::Stream,
                "STREAM002",
                Some(g.names[c]),
                String::new(),
            );
            report(self.problems, &mut self.stream[c], e);
        }
        Ok(())
    }

    fn flow_to_target(&mut self, w: u32, t: u32, custom: Option<Label>) -> Res<()> {
        let g = self.g;
        let (wi, ti) = (w as usize, t as usize);
        let mut fake = false;
        if let Some((pid, branches)) = self.pc[ti] {
            let valid_branch = self.stream[wi].iter().all(|l| match l {
                Label::Branch(k, j) => *k == pid && *j < branches,
                Label::Aside => true,
                Label::Main => false,
            });
            let direct = g.cg[wi] == Cg::Node(t);
            fake = valid_branch || direct;
        }
        if !fake {
            match custom {
                Some(l) => add(&mut self.stream[ti], l),
                None => {
                    if self.stream[wi].is_empty() {
                        return Err(empty(g.names[wi]));
                    }
                    for l in self.stream[wi].clone() {
                        add(&mut self.stream[ti], l);
                    }
                }
            }
        }
        if self.stream[ti].len() != 1 {
            report(
                self.problems,
                &mut self.stream[ti],
                stream_error(g.names[ti]),
            );
        }
        Ok(())
    }
}
