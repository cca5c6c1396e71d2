//! `pipeline-tree layout`.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use pipeline_tree::json::{self, Format, Limits, Object, Value};
use pipeline_tree::layout::{self, Mode, Params};

use super::{read_source, usage, Outcome};

/// `W,H` (or `X,Y`): two numbers.
fn pair(s: &str) -> Result<(f64, f64), String> {
    let (a, b) = s
        .split_once(',')
        .ok_or_else(|| format!("expected two numbers W,H, found {s}"))?;
    let n = |t: &str| {
        t.trim()
            .parse::<f64>()
            .map_err(|_| format!("not a number: {t}"))
    };
    Ok((n(a)?, n(b)?))
}

fn fail(msg: String) -> (String, ExitCode) {
    (msg, ExitCode::from(2))
}

#[derive(clap::Args)]
pub struct Args {
    /// The tree (- for standard input)
    #[arg(value_name = "FILE")]
    file: String,
    /// sops: SOPS's own layout, exactly as its server draws; layered: ours
    #[arg(long, value_name = "sops|layered")]
    mode: Option<String>,
    /// The sizes SOPS's editor sends (154x54 tasks, 34x34 events, start 20,150); explicit
    /// sizes given with it win
    #[arg(long)]
    sops_canvas: bool,
    /// Activity size
    #[arg(long, value_name = "W,H", value_parser = pair)]
    activity_size: Option<(f64, f64)>,
    /// Event size
    #[arg(long, value_name = "W,H", value_parser = pair)]
    event_size: Option<(f64, f64)>,
    /// Gateway size
    #[arg(long, value_name = "W,H", value_parser = pair)]
    gateway_size: Option<(f64, f64)>,
    /// Where the start event goes
    #[arg(long, value_name = "X,Y", value_parser = pair)]
    start: Option<(f64, f64)>,
    /// The canvas width
    #[arg(long, value_name = "N")]
    canvas_width: Option<f64>,
    /// Layered mode: nodes with a location keep it; only the others are placed
    #[arg(long)]
    keep_placed: bool,
    /// One tree per input line, one {location, line} object per output line
    #[arg(long)]
    jsonl: bool,
}

/// The layout parameters from the flags (`--sops-canvas` first, so explicit sizes win).
fn params(a: &Args) -> Result<Params, (String, ExitCode)> {
    let mut p = if a.sops_canvas {
        Params::sops_canvas(1000.0)
    } else {
        Params::default()
    };
    if let Some(m) = &a.mode {
        p.mode = Mode::parse(m)
            .ok_or_else(|| usage(&format!("--mode: expected sops or layered, found {m}")))?;
    }
    let sizes = [
        (a.activity_size, &mut p.activity_size),
        (a.event_size, &mut p.event_size),
        (a.gateway_size, &mut p.gateway_size),
        (a.start, &mut p.start),
    ];
    for (given, slot) in sizes {
        if let Some(v) = given {
            *slot = v;
        }
    }
    if let Some(w) = a.canvas_width {
        p.canvas_width = w;
    }
    p.keep_placed |= a.keep_placed;
    p.check().map_err(|e| usage(&e.message))?;
    Ok(p)
}

pub fn run(a: Args, limits: &Limits) -> Outcome {
    let p = params(&a)?;
    let file = a.file;
    if a.jsonl {
        return run_jsonl(&file, &p, limits);
    }
    let bytes = read_source(&file, 2)?;
    let opened = crate::open(&bytes, limits).map_err(|e| {
        let first = e
            .problems()
            .first()
            .map(|p| format!("{} at {}", p.message, p.path))
            .unwrap_or_default();
        fail(format!("{file}: error: {first}"))
    })?;
    let format = Format::detect(std::str::from_utf8(&bytes).unwrap_or_default());
    let format = opened.layout(&format, false);
    let mut tree = opened.tree;
    let drawing = layout::apply(&mut tree, &p).map_err(|e| usage(&e.message))?;
    if let Some(w) = drawing.warning {
        eprintln!("pipeline-tree: warning: {}", w.message);
    }
    std::io::stdout()
        .write_all(tree.to_string(&format).as_bytes())
        .map_err(|e| (format!("pipeline-tree: {e}"), ExitCode::from(1)))?;
    Ok(ExitCode::SUCCESS)
}

/// One tree per input line; one `{"location", "line"}` (with `"warning"` when the tree was too
/// large for the mode's full layout, or `{"error"}`) per output line.
fn run_jsonl(file: &str, p: &Params, limits: &Limits) -> Outcome {
    let compact = Format::compact();
    let input: Box<dyn BufRead> = if file == "-" {
        Box::new(std::io::BufReader::new(std::io::stdin()))
    } else {
        Box::new(std::io::BufReader::new(std::fs::File::open(file).map_err(
            |e| fail(format!("pipeline-tree: cannot read {file}: {e}")),
        )?))
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut status = ExitCode::SUCCESS;
    for line in input.lines() {
        let line = line.map_err(|e| fail(format!("pipeline-tree: {e}")))?;
        if line.trim().is_empty() {
            continue;
        }
        let mut o = Object::new();
        match crate::read_tree(line.as_bytes(), limits) {
            Ok(tree) => match layout::layout(&tree, p) {
                Ok(l) => {
                    o.insert("location", l.location);
                    o.insert("line", l.line);
                    if let Some(w) = &l.drawing.warning {
                        o.insert("warning", w.to_json());
                    }
                }
                Err(e) => {
                    o.insert("error", Value::String(e.message));
                    status = ExitCode::from(1);
                }
            },
            Err(e) => {
                let first = e
                    .problems()
                    .first()
                    .map(|p| p.message.clone())
                    .unwrap_or_default();
                o.insert("error", Value::String(first));
                status = ExitCode::from(1);
            }
        }
        writeln!(out, "{}", json::to_string(&Value::Object(o), &compact))
            .map_err(|e| (format!("pipeline-tree: {e}"), ExitCode::from(1)))?;
    }
    Ok(status)
}
