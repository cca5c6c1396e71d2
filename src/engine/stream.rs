//! `validator/gateway.py::validate_stream`: every node gets exactly one stream label (`main`,
//! or `{P}_{i}` inside branch i of parallel gateway P). Breadth-first from the start, each
//! node flowing its label to its targets (again on every revisit), as the engine does.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::collections::VecDeque;

use super::nodes::{Cgid, NodesDict, Pipeline};
use super::{crash, err, ErrorKind, Res};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Label<'a> {
    Main,
    /// `"{id}_{i}"`: equal strings exactly when (id, i) are equal.
    Branch(&'a str, usize),
}

fn is_par(ty: Option<&str>) -> bool {
    matches!(ty, Some("ParallelGateway" | "ConditionalParallelGateway"))
}

fn add<'a>(set: &mut Vec<Label<'a>>, l: Label<'a>) {
    if !set.contains(&l) {
        set.push(l);
    }
}

pub(crate) fn validate(p: &Pipeline<'_>, nd: &NodesDict<'_>) -> Res<()> {
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
                return Err(err(
                    ErrorKind::Stream,
                    "STREAM002",
                    Some(cid),
                    String::new(),
                ));
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
                let valid_branch = stream[w]
                    .iter()
                    .all(|l| matches!(l, Label::Branch(k, j) if *k == pkey && *j < branches));
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
                return Err(stream_error(tid));
            }
        }
    }
    for (i, rec) in nd.list.iter().enumerate() {
        if stream[i].len() != 1 {
            return Err(stream_error(rec.key));
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
