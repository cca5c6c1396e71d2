//! Editing benchmark, native: the time of one operation with its refreshed diagnostics on
//! generated 1k/10k/100k-node documents, or on the tree files given as arguments (each
//! operation is undone, untimed, so the document stays the same). Prints
//! `edit SIZE MODE OP MEDIAN_MS P99_MS` lines (SIZE is the file's stem for a file); `benches/edit.sh`
//! prints them next to the wasm figures.
#![allow(clippy::disallowed_methods)] // tests sort freely; the rule is for the shipped core

use std::time::Instant;

use pipeline_tree::edit::{Document, EditorOptions, Op};
use pipeline_tree::json::{self, Limits};
use pipeline_tree::Options;
use testkit::generate::{self, Params, Rng};

/// The operations timed, as JSON templates over ids picked from the document.
fn ops(doc: &Document, rng: &mut Rng) -> Vec<(&'static str, String)> {
    let t = doc.tree();
    let acts: Vec<String> = t.activities().map(|n| n.key().to_owned()).collect();
    let flows: Vec<String> = t.flows().map(|f| f.key().to_owned()).collect();
    let branches: Vec<(String, String)> = t
        .gateways()
        .filter(|g| g.kind().is_conditional())
        .flat_map(|g| {
            g.outgoing()
                .iter()
                .map(|f| (g.key().to_owned(), f.to_owned()))
                .collect::<Vec<_>>()
        })
        .collect();
    let splits: Vec<String> = t
        .gateways()
        .filter(|g| g.kind().is_conditional() || g.type_name() == Some("ParallelGateway"))
        .map(|g| g.key().to_owned())
        .collect();
    let mut pick = |v: &[String]| v[rng.below(v.len())].clone();
    let a = pick(&acts);
    let f = pick(&flows);
    let s = pick(&splits);
    let (g, b) = branches[rng.below(branches.len())].clone();
    vec![
        (
            "move",
            format!(r#"{{"op":"move","nodes":[{{"id":"{a}","x":300,"y":420}}]}}"#),
        ),
        (
            "rename",
            format!(r#"{{"op":"updateNode","id":"{a}","fields":{{"name":"改名"}}}}"#),
        ),
        (
            "setCondition",
            format!(
                r#"{{"op":"setCondition","gateway":"{g}","flow":"{b}","name":"c","evaluate":"${{x}} > 1"}}"#
            ),
        ),
        (
            "addNode",
            r#"{"op":"addNode","type":"tasknode","x":10,"y":10}"#.to_owned(),
        ),
        (
            "addNode+connect",
            format!(
                r#"{{"op":"batch","ops":[{{"op":"addNode","type":"tasknode","x":10,"y":10,"id":"nbench"}},{{"op":"connect","source":"{s}","target":"nbench"}}]}}"#
            ),
        ),
        (
            "disconnect",
            format!(r#"{{"op":"disconnect","flow":"{f}"}}"#),
        ),
        (
            "insertOnFlow",
            format!(r#"{{"op":"insertOnFlow","flow":"{f}","type":"tasknode","x":10,"y":10}}"#),
        ),
        (
            "removeNode",
            format!(r#"{{"op":"removeNode","id":"{a}","reconnect":true}}"#),
        ),
    ]
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    // arguments: sizes to generate (seed 11) or tree files (so that two revisions time the
    // same trees whatever their generators do)
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let mut inputs: Vec<(String, String)> = Vec::new();
    for a in &args {
        if let Ok(n) = a.parse::<usize>() {
            inputs.push((n.to_string(), generated(n)));
        } else if a.ends_with(".json") {
            let text = std::fs::read_to_string(a).expect("a readable tree file");
            let name = std::path::Path::new(a)
                .file_stem()
                .map_or_else(|| a.clone(), |s| s.to_string_lossy().into_owned());
            inputs.push((name, text));
        }
    }
    if inputs.is_empty() {
        for n in [1000, 10_000, 100_000] {
            inputs.push((n.to_string(), generated(n)));
        }
    }
    // EDIT_OPS=move,rename times only those operations (for profiling)
    let only = std::env::var("EDIT_OPS").ok();
    for (n, text) in inputs {
        // fewer repetitions where one graph rerun takes a good part of a second (100k nodes)
        let big = text.len() > 100 << 20;
        let limits = Limits {
            max_input_bytes: 1 << 30,
            ..Limits::default()
        };
        for (mode, eager) in [("eager", true), ("deferred", false)] {
            let mut doc = Document::parse(&text, &limits, &EditorOptions::default())
                .expect("generated trees parse");
            let t = Instant::now();
            doc.keep_diagnostics(Options::default(), eager);
            println!("edit {n} {mode} load {:.3} {:.3}", ms(t), ms(t));
            let reps = match (big, eager) {
                (true, true) => 8,
                (true, false) => 30,
                _ => 200,
            };
            let reps = std::env::var("EDIT_REPS")
                .ok()
                .and_then(|r| r.parse().ok())
                .unwrap_or(reps);
            let mut rng = Rng::new(5);
            let mut times: Vec<(&str, Vec<f64>)> = Vec::new();
            for _ in 0..reps {
                for (name, op) in ops(&doc, &mut rng) {
                    if only
                        .as_ref()
                        .is_some_and(|o| !o.split(',').any(|x| x == name))
                    {
                        continue;
                    }
                    let op = Op::from_json(&json::parse(&op, &Limits::default()).expect("json"))
                        .expect("op");
                    let t = Instant::now();
                    let r = doc.apply(&op);
                    let dt = t.elapsed().as_secs_f64() * 1000.0;
                    if r.is_ok() {
                        doc.undo().expect("undo");
                        match times.iter_mut().find(|(k, _)| *k == name) {
                            Some((_, v)) => v.push(dt),
                            None => times.push((name, vec![dt])),
                        }
                    }
                }
                if !eager {
                    doc.refresh_graph();
                }
            }
            let mut all = Vec::new();
            for (name, mut v) in times {
                v.sort_by(f64::total_cmp);
                println!(
                    "edit {n} {mode} {name} {:.3} {:.3}",
                    percentile(&v, 0.5),
                    percentile(&v, 0.99)
                );
                all.extend(v);
            }
            all.sort_by(f64::total_cmp);
            println!(
                "edit {n} {mode} all {:.3} {:.3}",
                percentile(&all, 0.5),
                percentile(&all, 0.99)
            );
            if !eager {
                let mut v = Vec::new();
                for _ in 0..5 {
                    let t = Instant::now();
                    doc.refresh_graph();
                    v.push(t.elapsed().as_secs_f64() * 1000.0);
                }
                v.sort_by(f64::total_cmp);
                println!(
                    "edit {n} {mode} refreshGraph {:.3} {:.3}",
                    percentile(&v, 0.5),
                    percentile(&v, 0.99)
                );
            }
        }
    }
}

fn generated(n: usize) -> String {
    generate::tree_text(&Params {
        seed: 11,
        nodes: n,
        ..Params::default()
    })
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}
