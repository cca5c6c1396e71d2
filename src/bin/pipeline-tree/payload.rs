//! `pipeline-tree payload`: request bodies (create-task, mock-task, clocked-task), node
//! exclusion and responses.

use std::io::{Read, Write};
use std::process::ExitCode;

use pipeline_tree::json::{self, Format, Object, Value};
use pipeline_tree::payload::{self, Api, ResponseKind};
use pipeline_tree::{Diagnostic, Tree};

use super::{usage, value_of, Outcome};

/// Input keys whose flag value is JSON (objects, lists); the others are text.
const JSON_KEYS: &[&str] = &[
    "constants",
    "credentials",
    "notify_config",
    "custom_span_attributes",
    "mock_data",
    "mock_data_rows",
    "plugin_outputs",
    "include_node_ids",
    "exclude_task_nodes_id",
    "task_parameters",
    "schemes",
];

fn unreadable(msg: String) -> (String, ExitCode) {
    (msg, ExitCode::from(2))
}

fn read_source(file: &str) -> Result<Vec<u8>, (String, ExitCode)> {
    let mut bytes = Vec::new();
    let read = if file == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(file)
            .and_then(|mut f| f.read_to_end(&mut bytes))
            .map(|_| ())
    };
    read.map_err(|e| unreadable(format!("pipeline-tree: cannot read {file}: {e}")))?;
    Ok(bytes)
}

fn read_tree(file: &str) -> Result<(Tree, Format), (String, ExitCode)> {
    let bytes = read_source(file)?;
    let tree = Tree::parse_bytes(&bytes, &crate::limits()).map_err(|e| {
        let mut msg = String::new();
        for p in e.problems() {
            let (line, col) = p.position.map_or((0, 0), |pos| (pos.line, pos.column));
            msg.push_str(&format!(
                "{file}:{line}:{col}: error[{}]: {} at {}\n",
                p.code, p.message, p.path
            ));
        }
        msg.pop();
        unreadable(msg)
    })?;
    let format = Format::detect(std::str::from_utf8(&bytes).unwrap_or_default());
    Ok((tree, format))
}

fn read_json(file: &str, what: &str) -> Result<Value, (String, ExitCode)> {
    let bytes = read_source(file)?;
    json::parse_bytes(&bytes, &crate::limits()).map_err(|e| {
        let p = e.first();
        unreadable(format!(
            "pipeline-tree: {what} {file}: {} at {}",
            p.message, p.path
        ))
    })
}

/// A flag's value: `@FILE` reads JSON from a file; JSON keys parse their text; others are text.
fn flag_value(key: &str, raw: &str) -> Result<Value, (String, ExitCode)> {
    if let Some(file) = raw.strip_prefix('@') {
        return read_json(file, &format!("--{}", key.replace('_', "-")));
    }
    if JSON_KEYS.contains(&key)
        || key == "now" && !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_digit())
    {
        return json::parse(raw, &crate::limits()).map_err(|e| {
            usage(&format!(
                "--{}: not JSON: {}",
                key.replace('_', "-"),
                e.first().message
            ))
        });
    }
    Ok(Value::from(raw))
}

#[derive(PartialEq)]
enum Output {
    Text,
    Json,
}

struct Args {
    output: Output,
    file: Option<String>,
    input: Object,
    nodes: Vec<String>,
    kind: Option<ResponseKind>,
}

fn parse_args(args: &[String], keys: &[&str], command: &str) -> Result<Args, (String, ExitCode)> {
    let mut a = Args {
        output: Output::Text,
        file: None,
        input: Object::new(),
        nodes: Vec::new(),
        kind: None,
    };
    let mut flags: Vec<(String, Value)> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let arg = args[i].as_str();
        match arg {
            "--format" => {
                a.output = match value_of(args, &mut i, "--format")? {
                    "text" => Output::Text,
                    "json" => Output::Json,
                    other => {
                        return Err(usage(&format!(
                            "--format: expected text or json, found {other}"
                        )))
                    }
                }
            }
            "--input" => {
                let file = value_of(args, &mut i, "--input")?;
                match read_json(file, "--input")? {
                    Value::Object(o) => {
                        for (k, v) in o.iter() {
                            a.input.insert(k, v.clone());
                        }
                    }
                    other => {
                        return Err(unreadable(format!(
                            "pipeline-tree: --input {file}: expected a JSON object, found {}",
                            other.json_type().name()
                        )))
                    }
                }
            }
            "--node" if command == "exclude" => {
                a.nodes.push(value_of(args, &mut i, "--node")?.to_owned())
            }
            "--kind" if command == "response" => {
                let k = value_of(args, &mut i, "--kind")?;
                a.kind = Some(ResponseKind::parse(k).ok_or_else(|| {
                    usage(&format!("--kind: expected task or clocked-task, found {k}"))
                })?);
            }
            f if f.starts_with("--") && keys.contains(&f[2..].replace('-', "_").as_str()) => {
                let key = f[2..].replace('-', "_");
                let raw = value_of(args, &mut i, f)?;
                flags.push((key.clone(), flag_value(&key, raw)?));
            }
            f if a.file.is_none() && (f == "-" || !f.starts_with('-')) => {
                a.file = Some(f.to_owned())
            }
            other => {
                return Err(usage(&format!(
                    "payload {command}: unexpected argument {other}"
                )))
            }
        }
        i += 1;
    }
    // Flags win over --input, whatever their order.
    for (k, v) in flags {
        a.input.insert(k, v);
    }
    Ok(a)
}

pub fn run(args: &[String]) -> Outcome {
    let Some(command) = args.first().map(String::as_str) else {
        return Err(usage(
            "payload needs create-task, mock-task, clocked-task, exclude or response",
        ));
    };
    let rest = &args[1..];
    match command {
        "exclude" => exclude(rest),
        "response" => response(rest),
        other => {
            let api = Api::parse(other)
                .ok_or_else(|| usage(&format!("payload: unknown command {other}")))?;
            build(api, rest)
        }
    }
}

fn io_err(e: std::io::Error) -> (String, ExitCode) {
    (format!("pipeline-tree: {e}"), ExitCode::from(2))
}

fn build(api: Api, args: &[String]) -> Outcome {
    let mut a = parse_args(args, api.input_keys(), api.as_str())?;
    let tree = match (&a.file, api) {
        (Some(f), _) => Some(read_tree(f)?.0),
        (None, Api::ClockedTask) => None,
        (None, _) => {
            return Err(usage(&format!(
                "payload {} needs the tree: a FILE (or - for standard input)",
                api.as_str()
            )))
        }
    };
    if api == Api::ClockedTask && !a.input.contains_key("now") {
        let ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as i64);
        a.input.insert("now", Value::from(ms));
    }
    let built = api
        .build(tree.as_ref(), &a.input)
        .ok_or_else(|| usage("the tree is required"))?;
    let file = a.file.as_deref().unwrap_or("input");
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match a.output {
        Output::Json => write!(
            out,
            "{}",
            json::to_string(&built.to_json(), &Format::default())
        )
        .map_err(io_err)?,
        Output::Text => {
            write!(
                out,
                "{}",
                json::to_string(&Value::Object(built.body.clone()), &Format::default())
            )
            .map_err(io_err)?;
            let mut err = std::io::stderr().lock();
            write_diagnostics(&mut err, file, &built.diagnostics).map_err(io_err)?;
            let (e, w) = counts(&built.diagnostics);
            let verdict = if built.valid() {
                "ready to send"
            } else {
                "must not be sent"
            };
            writeln!(
                err,
                "{file}: {} body {verdict} ({e} errors, {w} warnings)",
                api.as_str()
            )
            .map_err(io_err)?;
        }
    }
    out.flush().map_err(io_err)?;
    Ok(ExitCode::from(if built.valid() { 0 } else { 1 }))
}

fn counts(list: &[Diagnostic]) -> (usize, usize) {
    let e = list
        .iter()
        .filter(|d| d.severity == pipeline_tree::Severity::Error)
        .count();
    (e, list.len() - e)
}

fn write_diagnostics(out: &mut impl Write, file: &str, list: &[Diagnostic]) -> std::io::Result<()> {
    for d in list {
        let place = match (&d.node_id, &d.path) {
            (Some(n), _) => format!("node {n}: "),
            (None, Some(p)) => format!("{p}: "),
            _ => String::new(),
        };
        writeln!(
            out,
            "{file}: {}[{}] {place}{}",
            d.severity, d.code, d.message
        )?;
        if !d.message_zh.is_empty() && d.message_zh != d.message {
            writeln!(out, "    {}", d.message_zh)?;
        }
    }
    Ok(())
}

fn exclude(args: &[String]) -> Outcome {
    let a = parse_args(args, &[], "exclude")?;
    let file = a
        .file
        .ok_or_else(|| usage("payload exclude needs the tree: a FILE (or - for standard input)"))?;
    let (tree, format) = read_tree(&file)?;
    let ex = payload::exclude(&tree, &a.nodes);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match a.output {
        Output::Json => write!(
            out,
            "{}",
            json::to_string(&ex.to_json(), &Format::default())
        )
        .map_err(io_err)?,
        Output::Text => {
            write!(out, "{}", ex.tree.to_string(&format)).map_err(io_err)?;
            let mut err = std::io::stderr().lock();
            write_diagnostics(&mut err, &file, &ex.diagnostics).map_err(io_err)?;
            writeln!(
                err,
                "{file}: excluded {} node(s); dropped variables: {}",
                ex.excluded.len(),
                if ex.constants_not_referred.is_empty() {
                    "none".to_owned()
                } else {
                    ex.constants_not_referred.join(", ")
                }
            )
            .map_err(io_err)?;
        }
    }
    out.flush().map_err(io_err)?;
    Ok(ExitCode::from(if ex.valid() { 0 } else { 1 }))
}

fn response(args: &[String]) -> Outcome {
    let a = parse_args(args, &[], "response")?;
    let kind = a
        .kind
        .ok_or_else(|| usage("payload response needs --kind task|clocked-task"))?;
    let file = a
        .file
        .ok_or_else(|| usage("payload response needs a FILE (or - for standard input)"))?;
    let bytes = read_source(&file)?;
    let text = String::from_utf8(bytes)
        .map_err(|_| unreadable(format!("{file}: the response is not UTF-8")))?;
    let r = payload::parse_response(kind, &text).map_err(|e| {
        unreadable(format!(
            "{file}: error[{}]: {} at {}",
            e.code, e.message, e.path
        ))
    })?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    write!(out, "{}", json::to_string(&r.to_json(), &Format::default())).map_err(io_err)?;
    out.flush().map_err(io_err)?;
    Ok(ExitCode::from(if r.result { 0 } else { 1 }))
}
