//! `pipeline-tree validate`.

use std::io::{BufRead, Read, Write};
use std::process::ExitCode;

use pipeline_tree::json::{self, Format, Indent, Object, Value};
use pipeline_tree::{validate, Options, ParseError, Preset, Report, Severity, Tree};

use super::{usage, value_of, Outcome};

#[derive(PartialEq)]
enum Output {
    Text,
    Json,
}

fn compact() -> Format {
    Format {
        indent: Indent::Compact,
        ascii: false,
        final_newline: false,
    }
}

pub fn run(args: &[String]) -> Outcome {
    let mut opts = Options::default();
    let mut output = Output::Text;
    let mut jsonl = false;
    let mut file = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--format" => {
                output = match value_of(args, &mut i, "--format")? {
                    "text" => Output::Text,
                    "json" => Output::Json,
                    other => {
                        return Err(usage(&format!(
                            "--format: expected text or json, found {other}"
                        )))
                    }
                }
            }
            "--preset" => {
                let v = value_of(args, &mut i, "--preset")?;
                opts.preset = Preset::parse(v).ok_or_else(|| {
                    usage(&format!(
                        "--preset: expected template, task or engine, found {v}"
                    ))
                })?;
            }
            "--cycles" => {
                opts.engine.cycle_tolerate = match value_of(args, &mut i, "--cycles")? {
                    "allow" => true,
                    "forbid" => false,
                    other => {
                        return Err(usage(&format!(
                            "--cycles: expected allow or forbid, found {other}"
                        )))
                    }
                }
            }
            "--rule" => {
                let v = value_of(args, &mut i, "--rule")?;
                let (code, level) = v
                    .split_once('=')
                    .ok_or_else(|| usage(&format!("--rule: expected CODE=LEVEL, found {v}")))?;
                let level = Severity::parse(level).ok_or_else(|| {
                    usage(&format!(
                        "--rule: level must be off, warning or error, found {level}"
                    ))
                })?;
                if pipeline_tree::rules::RULES.iter().all(|r| r.code != code) {
                    return Err(usage(&format!("--rule: unknown rule {code}")));
                }
                opts.severities.insert(code.to_owned(), level);
            }
            "--require-subprocess-pipeline" => opts.engine.require_subprocess_pipeline = true,
            "--templates" => {
                let path = value_of(args, &mut i, "--templates")?;
                let unreadable = |e: String| {
                    (
                        format!("pipeline-tree: --templates {path}: {e}"),
                        ExitCode::from(2),
                    )
                };
                let text = std::fs::read_to_string(path).map_err(|e| unreadable(e.to_string()))?;
                let v = pipeline_tree::json::parse(&text, &pipeline_tree::Limits::default())
                    .map_err(|e| unreadable(e.to_string()))?;
                let cat = pipeline_tree::rules::Catalogue::from_json(&v).map_err(unreadable)?;
                opts.templates = Some(std::sync::Arc::new(cat));
            }
            "--jsonl" => jsonl = true,
            f if file.is_none() && (f == "-" || !f.starts_with('-')) => file = Some(f.to_owned()),
            other => return Err(usage(&format!("unexpected argument {other}"))),
        }
        i += 1;
    }
    let file = file.ok_or_else(|| usage("validate needs a FILE (or - for standard input)"))?;
    let reader: Box<dyn Read> = if file == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(&file).map_err(|e| {
            (
                format!("pipeline-tree: cannot read {file}: {e}"),
                ExitCode::from(2),
            )
        })?)
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let io_err = |e: std::io::Error| (format!("pipeline-tree: {e}"), ExitCode::from(2));
    if jsonl {
        let (mut invalid, mut unreadable) = (false, false);
        for (n, line) in std::io::BufReader::new(reader).split(b'\n').enumerate() {
            let line = line.map_err(io_err)?;
            let line = line.strip_suffix(b"\r").unwrap_or(&line);
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let v = match Tree::parse_bytes(line, &crate::limits()) {
                Ok(tree) => {
                    let r = validate(&tree, &opts);
                    invalid |= !r.valid;
                    r.to_json()
                }
                Err(e) => {
                    unreadable = true;
                    error_json(&e, n + 1)
                }
            };
            writeln!(out, "{}", json::to_string(&v, &compact())).map_err(io_err)?;
        }
        out.flush().map_err(io_err)?;
        return Ok(ExitCode::from(if unreadable {
            2
        } else if invalid {
            1
        } else {
            0
        }));
    }
    let mut bytes = Vec::new();
    let mut reader = reader;
    reader.read_to_end(&mut bytes).map_err(io_err)?;
    let tree = match Tree::parse_bytes(&bytes, &crate::limits()) {
        Ok(t) => t,
        Err(e) => {
            let mut msg = String::new();
            for p in e.problems() {
                let (line, col) = p.position.map_or((0, 0), |pos| (pos.line, pos.column));
                msg.push_str(&format!(
                    "{file}:{line}:{col}: error[{}]: {} at {}\n",
                    p.code, p.message, p.path
                ));
            }
            msg.pop();
            return Err((msg, ExitCode::from(2)));
        }
    };
    let report = validate(&tree, &opts);
    match output {
        Output::Json => {
            let f = Format {
                final_newline: true,
                ..Format::default()
            };
            write!(out, "{}", json::to_string(&report.to_json(), &f)).map_err(io_err)?;
        }
        Output::Text => write_text(&mut out, &file, &tree, &report).map_err(io_err)?,
    }
    out.flush().map_err(io_err)?;
    Ok(ExitCode::from(if report.valid { 0 } else { 1 }))
}

fn error_json(e: &ParseError, line: usize) -> Value {
    let mut o = Object::new();
    o.insert("line", Value::from(line as i64));
    let p = e.first();
    o.insert("code", Value::from(p.code.as_str()));
    o.insert("message", Value::from(p.message.as_str()));
    o.insert("path", Value::from(p.path.to_string()));
    let mut root = Object::new();
    root.insert("error", Value::Object(o));
    Value::Object(root)
}

fn node_label(tree: &Tree, id: &str) -> String {
    match tree.node(id) {
        Some(n) => {
            let ty = n.type_name().unwrap_or("node");
            match n.name() {
                Some(name) if !name.is_empty() => format!("{ty} \"{name}\" ({id})"),
                _ => format!("{ty} {id}"),
            }
        }
        None => id.to_owned(),
    }
}

fn write_text(out: &mut impl Write, file: &str, tree: &Tree, r: &Report) -> std::io::Result<()> {
    for d in &r.diagnostics {
        let mut place = String::new();
        if let Some(n) = &d.node_id {
            place = node_label(tree, n);
        } else if let Some(f) = &d.flow_id {
            place = format!("flow {f}");
        } else if let Some(p) = &d.path {
            place = p.to_string();
        }
        let sep = if place.is_empty() { "" } else { ": " };
        writeln!(
            out,
            "{file}: {}[{}] {place}{sep}{}",
            d.severity, d.code, d.message
        )?;
        if !d.message_zh.is_empty() && d.message_zh != d.message {
            writeln!(out, "    {}", d.message_zh)?;
        }
    }
    let engine = match &r.engine.error {
        None => "bamboo-engine accepts it".to_owned(),
        Some(e) => format!("bamboo-engine refuses it ({})", e.code),
    };
    writeln!(
        out,
        "{file}: {} ({} errors, {} warnings); {engine}",
        if r.valid { "valid" } else { "invalid" },
        r.errors(),
        r.warnings()
    )
}
