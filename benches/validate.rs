//! Import + full validation natively, on the files `benches/validate.sh` generates.
//! Prints `native FILE MS` per file (the median of several runs). Run through validate.sh,
//! which puts these next to wasm, V8's JSON.parse and bamboo-engine in one table.
#![allow(clippy::disallowed_methods)] // benches sort freely; the rule is for the shipped core

use std::time::Instant;

use pipeline_tree::{validate, Limits, Options, Tree};

fn main() {
    let files: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let options = bench_options();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("read benchmark tree");
        let runs = if text.len() > 20_000_000 { 3 } else { 9 };
        let mut times = Vec::new();
        let mut valid = 1;
        for _ in 0..runs {
            let t = Instant::now();
            let limits = Limits {
                max_input_bytes: 1 << 30,
                ..Limits::default()
            };
            let tree = Tree::parse_with(&text, &limits).expect("benchmark trees parse");
            let r = validate(&tree, &options);
            std::hint::black_box(&r);
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            if !r.engine.valid() {
                valid = 0;
            }
        }
        times.sort_by(f64::total_cmp);
        println!("native {f} {:.2}", times[runs / 2]);
        println!("valid {f} {valid}");
    }
}

/// The options benchmarked: the defaults, with the rules `BENCH_RULES_OFF` lists (codes,
/// comma-separated) turned off. A revision that does not know a code ignores it.
fn bench_options() -> Options {
    let mut o = Options::default();
    for code in std::env::var("BENCH_RULES_OFF")
        .unwrap_or_default()
        .split(',')
    {
        if !code.is_empty() {
            let _ = o.set_rule(code, "off");
        }
    }
    o
}
