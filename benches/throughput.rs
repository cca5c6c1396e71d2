//! Read + write throughput of the lossless model on generated trees of about 1 MB and 10 MB,
//! side by side with serde_json (order-preserving, exact numbers) on the same text.
//! Run with `benches/run.sh` (or `cargo bench --bench throughput`); prints a table.
#![allow(clippy::disallowed_methods)] // benches sort freely; the rule is for the shipped core

use std::hint::black_box;
use std::time::Instant;

use pipeline_tree::json::Format;
use pipeline_tree::Tree;
use testkit::generate::{self, Params};

/// Median seconds of `runs` calls.
fn median(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[runs / 2]
}

/// A generated tree of about `bytes` bytes of text (sized from a 500-node sample).
fn tree_of_size(bytes: usize) -> (usize, String) {
    let sample = generate::tree_text(&Params {
        seed: 42,
        nodes: 500,
        ..Params::default()
    });
    let nodes = bytes * 500 / sample.len();
    (
        nodes,
        generate::tree_text(&Params {
            seed: 42,
            nodes,
            ..Params::default()
        }),
    )
}

fn main() {
    let out_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    println!("| tree | bytes | nodes | operation | pipeline-tree MB/s | serde_json MB/s | ratio |");
    println!("|---|---|---|---|---|---|---|");
    for (label, size, runs) in [("1 MB", 1_000_000, 21), ("10 MB", 10_000_000, 9)] {
        let (nodes, text) = tree_of_size(size);
        if label == "10 MB" {
            std::fs::write(out_dir.join("bench-tree-10mb.json"), &text).expect("write bench tree");
        }
        let mb = text.len() as f64 / 1e6;
        let format = Format::default();
        let tree = Tree::parse(&text).expect("generated trees parse");
        assert_eq!(tree.to_string(&format), text, "round trip");
        let value: serde_json::Value = serde_json::from_str(&text).expect("serde_json reads it");

        let ours_read = median(runs, || {
            black_box(Tree::parse(black_box(&text)).unwrap());
        });
        let theirs_read = median(runs, || {
            black_box(serde_json::from_str::<serde_json::Value>(black_box(&text)).unwrap());
        });
        let ours_write = median(runs, || {
            black_box(tree.to_string(&format));
        });
        let theirs_write = median(runs, || {
            black_box(serde_json::to_string_pretty(&value).unwrap());
        });
        let ours_both = median(runs, || {
            black_box(Tree::parse(black_box(&text)).unwrap().to_string(&format));
        });
        let theirs_both = median(runs, || {
            let v: serde_json::Value = serde_json::from_str(black_box(&text)).unwrap();
            black_box(serde_json::to_string_pretty(&v).unwrap());
        });
        for (op, ours, theirs) in [
            ("read (parse + type check)", ours_read, theirs_read),
            ("write (4-space)", ours_write, theirs_write),
            ("read + write", ours_both, theirs_both),
        ] {
            println!(
                "| {label} | {} | {nodes} | {op} | {:.0} | {:.0} | {:.2}x |",
                text.len(),
                mb / ours,
                mb / theirs,
                theirs / ours
            );
        }
    }
}
