//! Worst cases: the slowest shapes for validation and layout (`generate::hostile::worst`),
//! doubled at a time. Prints one table: import + validation, SOPS layout and our layered
//! layout, each the median of three runs (one past a second), with the growth exponent from the
//! previous size (log(time ratio) / log(node ratio), so 1.0 is linear and 2.0 quadratic), and
//! which layouts warned that their work budget cut in. `SIZES="1000 10000"` picks the sizes
//! (default 1000 2000 4000 8000 16000); a column stops growing once one run takes over 30 s.
#![allow(clippy::disallowed_methods)] // benches sort freely; the rule is for the shipped core

use std::time::Instant;

use pipeline_tree::layout::{self, Mode, Params};
use pipeline_tree::{validate, Limits, Options, Tree};
use testkit::generate::hostile::{worst, WORST};

/// The median of three runs, or of one when it takes over a second; `None` when skipped.
fn median(mut f: impl FnMut() -> bool, skip: bool) -> Option<f64> {
    if skip {
        return None;
    }
    let mut times = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        if !f() {
            return None;
        }
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        if times[0] > 1000.0 {
            return Some(times[0]);
        }
    }
    times.sort_by(f64::total_cmp);
    Some(times[1])
}

fn main() {
    let sizes: Vec<usize> = std::env::var("SIZES")
        .unwrap_or_else(|_| "1000 2000 4000 8000 16000".into())
        .split_whitespace()
        .filter_map(|s| s.parse().ok())
        .collect();
    let limits = Limits {
        max_input_bytes: 1 << 30,
        max_nodes: 1 << 30,
        max_flows: 1 << 30,
        ..Limits::default()
    };
    println!("| shape | nodes | flows | MB | validate ms | exponent | sops ms | exponent | layered ms | exponent | budget warning | engine |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for shape in WORST {
        let mut prev: [Option<f64>; 3] = [None; 3];
        let mut prev_nodes = 0usize;
        for &n in &sizes {
            let text = worst(shape, n).expect("a shape");
            let tree = Tree::parse_with(&text, &limits).expect("worst-case trees parse");
            let slow = |p: &Option<f64>| p.is_none_or(|t| t > 30_000.0);
            let first = n == sizes[0];
            let mut engine = String::new();
            let v = median(
                || {
                    let t = Tree::parse_with(&text, &limits).expect("parse");
                    let r = validate(&t, &Options::default());
                    engine = r
                        .engine
                        .error
                        .as_ref()
                        .map_or("accepts".into(), |e| e.code.to_string());
                    true
                },
                !first && slow(&prev[0]),
            );
            let mut warned: Vec<&str> = Vec::new();
            let mut lay = |mode: Mode, skip| {
                median(
                    || {
                        let p = Params {
                            mode,
                            ..Params::default()
                        };
                        let Ok(l) = layout::layout(&tree, &p) else {
                            return false;
                        };
                        if l.drawing.warning.is_some() && !warned.contains(&mode.name()) {
                            warned.push(mode.name());
                        }
                        true
                    },
                    skip,
                )
            };
            let s = lay(Mode::Sops, !first && slow(&prev[1]));
            let l = lay(Mode::Layered, !first && slow(&prev[2]));
            let nodes = tree.nodes().count();
            let cells: Vec<String> = [v, s, l]
                .iter()
                .zip(prev.iter())
                .map(|(t, p)| match (t, p) {
                    (Some(t), Some(p)) if nodes > prev_nodes => format!(
                        "{t:.1} | {:.2}",
                        (t / p).ln() / (nodes as f64 / prev_nodes as f64).ln()
                    ),
                    (Some(t), _) => format!("{t:.1} | -"),
                    _ => "skipped | -".into(),
                })
                .collect();
            let warned = if warned.is_empty() {
                "-".to_owned()
            } else {
                warned.join(", ")
            };
            println!(
                "| {shape} | {} | {} | {:.1} | {} | {warned} | {engine} |",
                nodes,
                tree.flows().count(),
                text.len() as f64 / 1e6,
                cells.join(" | ")
            );
            prev = [v, s, l];
            prev_nodes = nodes;
        }
    }
}
