//! `connection.py::validate_graph_without_circle` with `utils/graph.py::Graph.get_cycle`:
//! a depth-first search from every node in `[start, end] + gateways + activities` order.

use crate::map::HashMap;

use super::nodes::Pipeline;
use super::{crash, err, ErrorKind, Fault, Res};
use crate::json::Value;

pub(crate) fn validate(p: &Pipeline<'_>) -> Res<()> {
    match find(p)? {
        None => Ok(()),
        Some(cycle) => {
            let first = cycle.first().map(|s| s.as_str());
            Err(err(
                ErrorKind::Cycle,
                "CYCLE001",
                first,
                format!("pipeline graph has circle: {}", cycle.join(" → ")),
            )
            .with(Fault::Loop(cycle.join(" → "))))
        }
    }
}

/// The cycle the engine reports, if any.
pub(crate) fn find(p: &Pipeline<'_>) -> Res<Option<Vec<String>>> {
    Graph::of(p)?.get_cycle()
}

/// `Graph(nodes, flows)`: the nodes in the order the searches start from, each with the
/// targets of its flows.
struct Graph<'a> {
    order: Vec<&'a str>,
    index: HashMap<&'a str, usize>,
    names: Vec<&'a str>,
    /// Targets stay names: an unknown target fails only when the search reaches it.
    graph: Vec<Vec<&'a str>>,
}

impl<'a> Graph<'a> {
    fn of(p: &Pipeline<'a>) -> Res<Graph<'a>> {
        let mut order: Vec<&str> = vec![p.start_id, p.end_id];
        order.extend(p.gateways.keys());
        order.extend(p.activities.keys());
        let mut index: HashMap<&str, usize> = HashMap::with_capacity(order.len());
        let mut names: Vec<&str> = Vec::with_capacity(order.len());
        for n in &order {
            if !index.contains_key(n) {
                index.insert(n, names.len());
                names.push(n);
            }
        }
        let flows = p.flows.ok_or_else(|| {
            crash(
                "SCHEMA001",
                None,
                "KeyError: the pipeline has no 'flows'",
                Fault::Section("flows"),
            )
        })?;
        // Targets stay names: an unknown target fails only when the search reaches it.
        let mut graph: Vec<Vec<&str>> = vec![Vec::new(); names.len()];
        for (fid, flow) in flows.iter() {
            let f = flow.as_object();
            let end = |k: &str| f.and_then(|f| f.get(k)).and_then(Value::as_str);
            let (Some(src), Some(tgt)) = (end("source"), end("target")) else {
                return Err(crash(
                    "SCHEMA004",
                    None,
                    format!("KeyError: flow {fid} lacks source or target"),
                    Fault::FlowEnds(fid.to_owned()),
                ));
            };
            let &s = index.get(src).ok_or_else(|| {
                crash(
                    "CONN006",
                    None,
                    format!("KeyError: flow {fid} comes from {src}, which is not a node"),
                    Fault::NotANode {
                        flow: Some(fid.to_owned()),
                        id: src.to_owned(),
                    },
                )
            })?;
            graph[s].push(tgt);
        }
        Ok(Graph {
            order,
            index,
            names,
            graph,
        })
    }

    /// `get_cycle`: one `_has_cycle` search from each node in order, `visited` shared.
    fn get_cycle(&self) -> Res<Option<Vec<String>>> {
        let n = self.names.len();
        let mut visited = vec![false; n];
        let mut on_stack = vec![false; n];
        let mut path: Vec<usize> = Vec::new();
        for name in &self.order {
            let root = self.index[name];
            // One `_has_cycle(root)` call, iteratively: (node, next neighbour).
            let mut frames: Vec<(usize, usize)> = vec![(root, 0)];
            path.push(root);
            visited[root] = true;
            on_stack[root] = true;
            while let Some(&mut (node, ref mut next)) = frames.last_mut() {
                if *next < self.graph[node].len() {
                    let nb_name = self.graph[node][*next];
                    *next += 1;
                    let &nb = self.index.get(nb_name).ok_or_else(|| {
                        crash(
                            "CONN006",
                            None,
                            format!("KeyError: a flow goes to {nb_name}, which is not a node"),
                            Fault::NotANode {
                                flow: None,
                                id: nb_name.to_owned(),
                            },
                        )
                    })?;
                    if !visited[nb] {
                        path.push(nb);
                        visited[nb] = true;
                        on_stack[nb] = true;
                        frames.push((nb, 0));
                    } else if on_stack[nb] {
                        path.push(nb);
                        return Ok(Some(self.cycle(&path, nb)));
                    }
                } else {
                    frames.pop();
                    if path.last() == Some(&node) {
                        path.pop();
                    } else if let Some(pos) = path.iter().position(|&x| x == node) {
                        path.remove(pos);
                    }
                    on_stack[node] = false;
                }
            }
        }
        Ok(None)
    }

    /// The cycle as reported: the path from the first place of `cross` (which closed it), or
    /// the whole path when `cross` is on it once.
    fn cycle(&self, path: &[usize], cross: usize) -> Vec<String> {
        let at = path.iter().position(|&x| x == cross).unwrap_or(0);
        let slice = if path.iter().filter(|&&x| x == cross).count() > 1 {
            &path[at..]
        } else {
            path
        };
        slice.iter().map(|&i| self.names[i].to_owned()).collect()
    }
}
