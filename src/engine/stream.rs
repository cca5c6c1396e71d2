//! `validator/gateway.py::validate_stream`: every node gets exactly one stream label (`main`,
//! or `{P}_{i}` inside branch i of parallel gateway P). Breadth-first from the start, each
//! node flowing its label to its targets (again on every revisit), as the engine does.
//!
//! bamboo-engine stops at the first node in two streams. To report every such node at once,
//! the walk goes on past it: the node's streams become [`Label::Aside`], which flows on
//! silently, so nodes after it (whose streams follow from the same mistake) are not reported
//! again. Nodes in no stream at all are reported only as the first problem (the rules report
//! unreachable nodes, CONN010).

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::collections::VecDeque;

use super::nodes::{Cgid, NodesDict, Pipeline};
use super::{crash, err, EngineError, ErrorKind, Failed, Res};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Label<'a> {
    Main,
    /// `"{id}_{i}"`: equal strings exactly when (id, i) are equal.
    Branch(&'a str, usize),
    /// Past a reported problem: the node's stream is unknown (never before the first one).
    Aside,
}

fn is_par(ty: Option<&str>) -> bool {
    matches!(ty, Some("ParallelGateway" | "ConditionalParallelGateway"))
}

fn add<'a>(set: &mut Vec<Label<'a>>, l: Label<'a>) {
    if set.first() == Some(&Label::Aside) {
        return;
    }
    if l == Label::Aside {
        *set = vec![Label::Aside];
    } else if !set.contains(&l) {
        set.push(l);
    }
}

/// Runs the stage: `Err` holds bamboo-engine's error and the further nodes in two streams.
pub(crate) fn validate(p: &Pipeline<'_>, nd: &NodesDict<'_>) -> Result<(), Failed> {
    let mut problems = Vec::new();
    match walk(p, nd, &mut problems) {
        Err(e) if problems.is_empty() => Err((e, problems)),
        // a crash past the first problem may come from going on: unreported
        _ if problems.is_empty() => Ok(()),
        _ => {
            let first = problems.remove(0);
            Err((first, problems))
        }
    }
}

/// Reports a problem at a node and sets its streams aside.
fn report<'a>(problems: &mut Vec<EngineError>, set: &mut Vec<Label<'a>>, e: EngineError) {
    problems.push(e);
    *set = vec![Label::Aside];
}

fn walk<'a>(p: &Pipeline<'a>, nd: &NodesDict<'a>, problems: &mut Vec<EngineError>) -> Res<()> {
    let n = nd.list.len();
    let mut stream: Vec<Vec<Label<'_>>> = vec![Vec::new(); n];
    let start = nd.index[p.start_id];
    let end = nd.index[p.end_id];
    stream[start] = vec![Label::Main];
    stream[end] = vec![Label::Main];
    // converge id -> (parallel gateway key, branch count)
    let mut pc: HashMap<Option<&str>, (&str, usize)> = HashMap::new();
    for rec in &nd.list {
        if is_par(rec.ty) {
            let c = match rec.cgid {
                Cgid::Id(c) => Some(c),
                Cgid::Null => None,
                Cgid::Absent => return Err(no_converge(rec.key)),
            };
            pc.insert(c, (rec.key, rec.target.len()));
        }
    }
    let id_of = |i: usize| {
        nd.list[i].id.ok_or_else(|| {
            crash(
                "SCHEMA010",
                Some(nd.list[i].key),
                format!("KeyError: node {} has no 'id'", nd.list[i].key),
            )
        })
    };
    let mut queue: VecDeque<usize> = VecDeque::from([start]);
    let mut visited: HashSet<&str> = HashSet::new();
    while let Some(w) = queue.pop_front() {
        let wid = id_of(w)?;
        if visited.insert(wid) {
            for t in &nd.list[w].target {
                queue.push_back(node(nd, t)?);
            }
        }
        // flowing(where=w)
        let rec = &nd.list[w];
        let par = is_par(rec.ty);
        if par {
            let c = match rec.cgid {
                Cgid::Id(c) => nd.index.get(c).copied().ok_or_else(|| {
                    crash(
                        "STREAM006",
                        Some(rec.key),
                        format!(
                            "KeyError: converge_gateway_id {c} of {} is not a node",
                            rec.key
                        ),
                    )
                })?,
                _ => return Err(no_converge(rec.key)),
            };
            if stream[w].is_empty() {
                return Err(empty(rec.key));
            }
            for l in stream[w].clone() {
                add(&mut stream[c], l);
            }
            if stream[c].len() > 1 {
                let cid = nd.list[c].id.unwrap_or(nd.list[c].key);
                let e = err(ErrorKind::Stream, "STREAM002", Some(cid), String::new());
                report(problems, &mut stream[c], e);
            }
        }
        for (i, tid) in rec.target.iter().enumerate() {
            let t = node(nd, tid)?;
            let custom = if par {
                Some(Label::Branch(wid, i))
            } else {
                None
            };
            let mut fake = false;
            if let Some(&(pkey, branches)) = pc.get(&Some(*tid)) {
                // A set-aside stream counts as one of the branches: the converge keeps its
                // parallel gateway's stream, so the blocks after it are still checked.
                let valid_branch = stream[w].iter().all(|l| match l {
                    Label::Branch(k, j) => *k == pkey && *j < branches,
                    Label::Aside => true,
                    Label::Main => false,
                });
                let direct = rec.cgid == Cgid::Id(tid);
                fake = valid_branch || direct;
            }
            if !fake {
                match custom {
                    Some(l) => add(&mut stream[t], l),
                    None => {
                        if stream[w].is_empty() {
                            return Err(empty(rec.key));
                        }
                        for l in stream[w].clone() {
                            add(&mut stream[t], l);
                        }
                    }
                }
            }
            if stream[t].len() != 1 {
                report(problems, &mut stream[t], stream_error(tid));
            }
        }
    }
    for (i, rec) in nd.list.iter().enumerate() {
        // in no stream: reported as the first problem only (unreachable, see the rules)
        if stream[i].len() > 1 || (stream[i].is_empty() && problems.is_empty()) {
            report(problems, &mut stream[i], stream_error(rec.key));
        }
    }
    Ok(())
}

fn node(nd: &NodesDict<'_>, key: &str) -> Res<usize> {
    nd.index.get(key).copied().ok_or_else(|| {
        crash(
            "CONN006",
            Some(key),
            format!("KeyError: {key} is not a node"),
        )
    })
}

fn stream_error(key: &str) -> super::EngineError {
    err(ErrorKind::Stream, "STREAM001", Some(key), String::new())
}

fn no_converge(key: &str) -> super::EngineError {
    crash(
        "STREAM006",
        Some(key),
        format!("KeyError: 'converge_gateway_id' (parallel gateway {key} was never matched to a converge)"),
    )
}

fn empty(key: &str) -> super::EngineError {
    crash(
        "STREAM003",
        Some(key),
        format!("stream validation error, node({key}) stream is empty"),
    )
}
