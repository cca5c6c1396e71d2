//! Native read and write throughput, and import + validation time, on the files
//! `benches/shapes.sh` generates (`benches/shapes.py`). Prints `read FILE MB/S`, `write FILE
//! MB/S` (the tree written back in the layout it was read in) and `native FILE MS` per file,
//! medians; shapes.sh puts them in one table with the wasm figures.
#![allow(clippy::disallowed_methods)] // benches sort freely; the rule is for the shipped core

use std::hint::black_box;
use std::time::Instant;

use pipeline_tree::json::Format;
use pipeline_tree::{validate, Limits, Options, Tree};

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

fn main() {
    let limits = Limits {
        max_input_bytes: 1 << 30,
        ..Limits::default()
    };
    let options = Options::default();
    for f in std::env::args().skip(1).filter(|a| !a.starts_with('-')) {
        let text = std::fs::read_to_string(&f).expect("read benchmark tree");
        let runs = if text.len() > 50_000_000 { 3 } else { 7 };
        let mb = text.len() as f64 / 1e6;
        let format = Format::detect(&text);
        let tree = Tree::parse_with(&text, &limits).expect("benchmark trees parse");
        assert_eq!(tree.to_string(&format), text, "{f} is written back as read");
        let read = median(runs, || {
            black_box(Tree::parse_with(black_box(&text), &limits).unwrap());
        });
        let write = median(runs, || {
            black_box(tree.to_string(&format));
        });
        let both = median(runs, || {
            let t = Tree::parse_with(black_box(&text), &limits).unwrap();
            black_box(validate(&t, &options));
        });
        println!("read {f} {:.1}", mb / read);
        println!("write {f} {:.1}", mb / write);
        println!("native {f} {:.2}", both * 1000.0);
    }
}
