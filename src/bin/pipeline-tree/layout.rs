//! `pipeline-tree layout`.

use std::io::{BufRead, Read, Write};
use std::process::ExitCode;

use pipeline_tree::json::{self, Format, Indent, Object, Value};
use pipeline_tree::layout::{self, Mode, Params};
use pipeline_tree::Tree;

use super::{number, usage, value_of, Outcome};

fn pair(s: &str, flag: &str) -> Result<(f64, f64), (String, ExitCode)> {
    let (a, b) = s
        .split_once(',')
        .ok_or_else(|| usage(&format!("{flag}: expected two numbers W,H, found {s}")))?;
    Ok((number(a.trim(), flag)?, number(b.trim(), flag)?))
}

fn fail(msg: String) -> (String, ExitCode) {
    (msg, ExitCode::from(2))
}

pub fn run(args: &[String]) -> Outcome {
    let mut p = Params::default();
    let mut jsonl = false;
    let mut file = None;
    let mut i = 0;
    // --sops-canvas first, so that explicit sizes given with it win
    if args.iter().any(|a| a == "--sops-canvas") {
        p = Params::sops_canvas(1000.0);
    }
    while i < args.len() {
        match args[i].as_str() {
            "--mode" => {
                let v = value_of(args, &mut i, "--mode")?;
                p.mode = Mode::parse(v).ok_or_else(|| {
                    usage(&format!("--mode: expected sops or layered, found {v}"))
                })?;
            }
            "--sops-canvas" => {}
            "--canvas-width" => {
                p.canvas_width =
                    number(value_of(args, &mut i, "--canvas-width")?, "--canvas-width")?
            }
            "--activity-size" => {
                p.activity_size = pair(
                    value_of(args, &mut i, "--activity-size")?,
                    "--activity-size",
                )?
            }
            "--event-size" => {
                p.event_size = pair(value_of(args, &mut i, "--event-size")?, "--event-size")?
            }
            "--gateway-size" => {
                p.gateway_size = pair(value_of(args, &mut i, "--gateway-size")?, "--gateway-size")?
            }
            "--start" => p.start = pair(value_of(args, &mut i, "--start")?, "--start")?,
            "--keep-placed" => p.keep_placed = true,
            "--jsonl" => jsonl = true,
            f if file.is_none() && (f == "-" || !f.starts_with('-')) => file = Some(f.to_owned()),
            other => return Err(usage(&format!("unexpected argument {other}"))),
        }
        i += 1;
    }
    p.check().map_err(|e| usage(&e.message))?;
    let file = file.ok_or_else(|| usage("layout needs a FILE (or - for standard input)"))?;
    if jsonl {
        return run_jsonl(&file, &p);
    }
    let mut bytes = Vec::new();
    let read = if file == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(&file)
            .and_then(|mut f| f.read_to_end(&mut bytes))
            .map(|_| ())
    };
    read.map_err(|e| fail(format!("pipeline-tree: cannot read {file}: {e}")))?;
    let mut tree = Tree::parse_bytes(&bytes, &crate::limits()).map_err(|e| {
        let first = e
            .problems()
            .first()
            .map(|p| format!("{} at {}", p.message, p.path))
            .unwrap_or_default();
        fail(format!("{file}: error: {first}"))
    })?;
    let format = Format::detect(std::str::from_utf8(&bytes).unwrap_or_default());
    layout::apply(&mut tree, &p).map_err(|e| usage(&e.message))?;
    std::io::stdout()
        .write_all(tree.to_string(&format).as_bytes())
        .map_err(|e| (format!("pipeline-tree: {e}"), ExitCode::from(1)))?;
    Ok(ExitCode::SUCCESS)
}

/// One tree per input line; one `{"location", "line"}` (or `{"error"}`) per output line.
fn run_jsonl(file: &str, p: &Params) -> Outcome {
    let compact = Format {
        indent: Indent::Compact,
        ascii: false,
        final_newline: false,
    };
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
        match Tree::parse(&line) {
            Ok(tree) => match layout::layout(&tree, p) {
                Ok(l) => {
                    o.insert("location", l.location);
                    o.insert("line", l.line);
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
