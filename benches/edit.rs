//! Editing benchmark, native: the time of one operation with its refreshed diagnostics on
//! generated 1k/10k/100k-node documents, or on the tree files given as arguments (each
//! operation is undone, untimed, so the document stays the same). Prints
//! `edit SIZE MODE OP MEDIAN_MS P99_MS` lines (SIZE is the file's stem for a file); `benches/edit.sh`
//! prints them next to the wasm figures.
//!
//! Environment: `EDIT_MODES=eager,deferred` the modes timed (`lazy` is `deferred`; default
//! both); `EDIT_OPS=move,rename` only those operations; `EDIT_REPS=N` repetitions;
//! `EDIT_CLOCK=cpu` times with the thread's CPU clock instead of the wall clock (steadier on
//! a shared machine); `BENCH_RULES_OFF=CODE,CODE` turns those rules off; `EDIT_ALL=1` also times the variable operations (a revision that does
//! not know an operation skips it). The file compiles against older revisions too
//! (`benches/ab.sh` copies it into the revision compared).
#![allow(clippy::disallowed_methods)] // tests sort freely; the rule is for the shipped core

use std::time::Instant;

use pipeline_tree::edit::{Document, EditorOptions, Op};
use pipeline_tree::json::{self, Limits};
use pipeline_tree::Options;
use testkit::generate::{self, Params, Rng};

/// The operations timed, as JSON templates over ids picked from the document.
fn ops(doc: &Document, rng: &mut Rng) -> Vec<(&'static str, String)> {
    let mut out = graph_ops(doc, rng);
    if std::env::var_os("EDIT_ALL").is_some() {
        out.extend(variable_ops(doc, rng));
    }
    out
}

/// The variable operations: a variable added, renamed, removed; an input hooked and unhooked.
fn variable_ops(doc: &Document, rng: &mut Rng) -> Vec<(&'static str, String)> {
    let t = doc.tree();
    let root = t.root();
    let keys: Vec<String> = root
        .get("constants")
        .and_then(json::Value::as_object)
        .map(|o| o.iter().map(|(k, _)| k.to_owned()).collect())
        .unwrap_or_default();
    // a task's data input that holds no reference
    let mut inputs: Vec<(String, String)> = Vec::new();
    for (id, n) in root
        .get("activities")
        .and_then(json::Value::as_object)
        .into_iter()
        .flat_map(|o| o.iter())
    {
        let data = n
            .get("component")
            .and_then(|c| c.get("data"))
            .and_then(json::Value::as_object);
        for (tag, item) in data.into_iter().flat_map(|d| d.iter()) {
            let hooked = item.get("hook").and_then(json::Value::as_bool) == Some(true);
            let text = item.get("value").and_then(json::Value::as_str);
            if !hooked && text.is_some_and(|v| !v.contains("${")) {
                inputs.push((id.to_owned(), tag.to_owned()));
            }
        }
    }
    let mut out = vec![(
        "addVariable",
        r#"{"op":"addVariable","key":"${bench_var}"}"#.to_owned(),
    )];
    if !keys.is_empty() {
        let k = &keys[rng.below(keys.len())];
        let name = k.trim_start_matches("${").trim_end_matches('}');
        out.push((
            "renameVariable",
            format!(r#"{{"op":"updateVariable","key":"{k}","fields":{{"key":"${{{name}_b}}"}}}}"#),
        ));
        out.push((
            "removeVariable",
            format!(r#"{{"op":"removeVariable","key":"{k}"}}"#),
        ));
    }
    if !inputs.is_empty() {
        let (n, tag) = &inputs[rng.below(inputs.len())];
        out.push((
            "hookInput",
            format!(r#"{{"op":"hookInput","node":"{n}","input":"{tag}","key":"${{bench_hook}}"}}"#),
        ));
    }
    out
}

/// The canvas operations.
fn graph_ops(doc: &Document, rng: &mut Rng) -> Vec<(&'static str, String)> {
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
    // a shape without gateways (a chain) has no branch to set nor split to connect from
    let mut pick = |v: &[String]| v[rng.below(v.len())].clone();
    let a = pick(&acts);
    let f = pick(&flows);
    let s = if splits.is_empty() {
        a.clone()
    } else {
        pick(&splits)
    };
    // the flow out of the start event: making room there moves every node after it
    let first = t
        .start_event()
        .and_then(|n| n.outgoing().iter().next().map(str::to_owned))
        .unwrap_or_else(|| f.clone());
    // a selection of up to 500 nodes dragged together
    let many: Vec<String> = acts
        .iter()
        .step_by((acts.len() / 500).max(1))
        .take(500)
        .enumerate()
        .map(|(i, id)| format!(r#"{{"id":"{id}","x":{},"y":{}}}"#, 40 * i, 60 + i % 7))
        .collect();
    let (g, b) = if branches.is_empty() {
        (String::new(), String::new())
    } else {
        branches[rng.below(branches.len())].clone()
    };
    let ops = vec![
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
        (
            "insertMakingRoom",
            format!(
                r#"{{"op":"insertOnFlow","flow":"{first}","type":"tasknode","x":10,"y":10,"makeRoom":true}}"#
            ),
        ),
        (
            "moveMany",
            format!(r#"{{"op":"move","nodes":[{}]}}"#, many.join(",")),
        ),
    ];
    ops.into_iter()
        .filter(|(name, _)| *name != "setCondition" || !branches.is_empty())
        .collect()
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
        for (mode, eager) in modes() {
            let mut doc = Document::parse(&text, &limits, &EditorOptions::default())
                .expect("generated trees parse");
            let t = Clock::now();
            doc.keep_diagnostics(bench_options(), eager);
            let load = t.ms();
            println!("edit {n} {mode} load {load:.3} {load:.3}");
            first_edit(&n, mode, eager, &text, &limits);
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
                    // an operation this revision does not know is skipped
                    let Ok(op) =
                        Op::from_json(&json::parse(&op, &Limits::default()).expect("json"))
                    else {
                        continue;
                    };
                    let t = Clock::now();
                    let r = doc.apply(&op);
                    let dt = t.ms();
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
            if !all.is_empty() {
                println!(
                    "edit {n} {mode} all {:.3} {:.3}",
                    percentile(&all, 0.5),
                    percentile(&all, 0.99)
                );
            }
            if !eager {
                let mut v = Vec::new();
                for _ in 0..5 {
                    let t = Clock::now();
                    doc.refresh_graph();
                    v.push(t.ms());
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

/// The first line edit after opening (a `disconnect`, with the graph refreshed in either mode),
/// on a document opened afresh each time: what a user's first edit costs.
fn first_edit(n: &str, mode: &str, eager: bool, text: &str, limits: &Limits) {
    let mut v = Vec::new();
    for _ in 0..5 {
        let mut doc = Document::parse(text, limits, &EditorOptions::default()).expect("parses");
        doc.keep_diagnostics(bench_options(), eager);
        let Some(flow) = doc.tree().flows().nth(1).map(|f| f.key().to_owned()) else {
            return;
        };
        let op = format!(r#"{{"op":"disconnect","flow":"{flow}"}}"#);
        let op = Op::from_json(&json::parse(&op, &Limits::default()).expect("json")).expect("op");
        let t = Clock::now();
        if doc.apply(&op).is_err() {
            return;
        }
        if !eager {
            doc.refresh_graph();
        }
        v.push(t.ms());
    }
    v.sort_by(f64::total_cmp);
    println!(
        "edit {n} {mode} firstEdit {:.3} {:.3}",
        percentile(&v, 0.5),
        percentile(&v, 0.99)
    );
}

fn generated(n: usize) -> String {
    generate::tree_text(&Params {
        seed: 11,
        nodes: n,
        ..Params::default()
    })
}

/// The modes timed (`EDIT_MODES`): eager (graph units after every edit) and deferred.
fn modes() -> Vec<(&'static str, bool)> {
    let Ok(list) = std::env::var("EDIT_MODES") else {
        return vec![("eager", true), ("deferred", false)];
    };
    let mut out = Vec::new();
    for m in list.split(',').map(str::trim) {
        match m {
            "eager" => out.push(("eager", true)),
            "deferred" | "lazy" => out.push(("deferred", false)),
            "" => {}
            other => panic!("EDIT_MODES: unknown mode {other:?} (eager, deferred or lazy)"),
        }
    }
    out
}

/// A start time: the wall clock, or with `EDIT_CLOCK=cpu` the CPU time of this thread (time
/// spent waiting for a core shared with other work is not counted).
enum Clock {
    Wall(Instant),
    Cpu(f64),
}

impl Clock {
    fn now() -> Clock {
        if std::env::var("EDIT_CLOCK").is_ok_and(|c| c == "cpu") {
            Clock::Cpu(thread_cpu_ms())
        } else {
            Clock::Wall(Instant::now())
        }
    }

    /// Milliseconds since `now`.
    fn ms(&self) -> f64 {
        match self {
            Clock::Wall(t) => t.elapsed().as_secs_f64() * 1000.0,
            Clock::Cpu(t) => thread_cpu_ms() - t,
        }
    }
}

/// The CPU time of the calling thread, in milliseconds (`clock_gettime` with
/// `CLOCK_THREAD_CPUTIME_ID`, from the C library the standard library links anyway).
#[cfg(target_os = "linux")]
fn thread_cpu_ms() -> f64 {
    #[repr(C)]
    struct Timespec {
        tv_sec: std::ffi::c_long,
        tv_nsec: std::ffi::c_long,
    }
    extern "C" {
        fn clock_gettime(clock: std::ffi::c_int, tp: *mut Timespec) -> std::ffi::c_int;
    }
    const CLOCK_THREAD_CPUTIME_ID: std::ffi::c_int = 3;
    let mut t = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid, writable timespec; the clock id is Linux's.
    let r = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut t) };
    assert_eq!(r, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
    t.tv_sec as f64 * 1000.0 + t.tv_nsec as f64 / 1e6
}

#[cfg(not(target_os = "linux"))]
fn thread_cpu_ms() -> f64 {
    panic!("EDIT_CLOCK=cpu needs Linux's thread CPU clock")
}
