//! `pipeline-tree payload`: request bodies (create-task, mock-task, clocked-task), node
//! exclusion and responses.

use std::io::Write;
use std::process::ExitCode;

use pipeline_tree::json::{self, Format, Limits, Object, Value};
use pipeline_tree::payload::{self, Api, ResponseKind};
use pipeline_tree::{Diagnostic, Tree};

use super::{problems, read_source, usage, Outcome};

/// Whether a request field's flag value is JSON (objects, lists): its type in the core's input
/// tables is not text, a number or a choice; the others are text.
fn json_key(key: &str) -> bool {
    APIS.iter().any(|api| {
        api.input_shape()
            .field(key)
            .is_some_and(|f| !f.ty.is_scalar())
    })
}

fn unreadable(msg: String) -> (String, ExitCode) {
    (msg, ExitCode::from(2))
}

#[derive(clap::Subcommand)]
#[command(
    after_help = "Exit status: 0 ready to send, 1 an error diagnostic, 2 unreadable (or usage error)."
)]
pub enum Command {
    /// Build and check a BKFlow create_task_without_template body
    CreateTask(Build<0>),
    /// Build and check a BKFlow create_mock_task body
    MockTask(Build<1>),
    /// Build and check a SOPS create_clocked_task body (the tree is optional)
    ClockedTask(Build<2>),
    /// Leave optional nodes out, as the servers do
    Exclude(ExcludeArgs),
    /// Read a response: exit 0 success, 1 an error envelope, 2 unreadable
    Response(ResponseArgs),
}

const APIS: [Api; 3] = [Api::CreateTask, Api::MockTask, Api::ClockedTask];

/// How results are written.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Output {
    /// The body (or tree) on standard output, diagnostics on standard error
    Text,
    /// The whole result as JSON
    Json,
}

/// A body builder's arguments: the tree, `--input FILE`, and one flag per request field of
/// the API (`--creator admin`, `--template-id 4`...), read from the core's field table.
pub struct Build<const API: usize> {
    output: Output,
    file: Option<String>,
    input: Option<String>,
    fields: Vec<(&'static str, String)>,
}

impl<const API: usize> clap::FromArgMatches for Build<API> {
    fn from_arg_matches(m: &clap::ArgMatches) -> Result<Self, clap::Error> {
        let fields = APIS[API]
            .input_keys()
            .iter()
            .filter_map(|k| m.get_one::<String>(k).map(|v| (*k, v.clone())))
            .collect();
        Ok(Build {
            output: m
                .get_one::<Output>("format")
                .copied()
                .unwrap_or(Output::Text),
            file: m.get_one::<String>("tree").cloned(),
            input: m.get_one::<String>("input").cloned(),
            fields,
        })
    }

    fn update_from_arg_matches(&mut self, m: &clap::ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(m)?;
        Ok(())
    }
}

impl<const API: usize> clap::Args for Build<API> {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        use clap::{value_parser, Arg};
        let tree = if APIS[API] == Api::ClockedTask {
            "The template's tree (- for standard input); optional"
        } else {
            "The tree (- for standard input)"
        };
        let cmd = cmd
            .arg(Arg::new("tree").value_name("TREE").help(tree))
            .arg(
                Arg::new("format")
                    .long("format")
                    .value_parser(value_parser!(Output))
                    .default_value("text")
                    .help("The output"),
            )
            .arg(
                Arg::new("input")
                    .long("input")
                    .value_name("FILE")
                    .help("The request fields as a JSON object (field flags win over it)"),
            );
        APIS[API].input_keys().iter().fold(cmd, |cmd, &key| {
            let json = json_key(key);
            cmd.arg(
                Arg::new(key)
                    .long(key.replace('_', "-"))
                    .value_name(if json { "JSON|@FILE" } else { "VALUE" })
                    .help_heading("Request fields")
                    .help(if json {
                        format!("{key} (JSON, or @FILE to read it from a file)")
                    } else {
                        format!("{key} (text, or @FILE to read JSON from a file)")
                    }),
            )
        })
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_args(cmd)
    }
}

#[derive(clap::Args)]
pub struct ExcludeArgs {
    /// The tree (- for standard input)
    #[arg(value_name = "TREE")]
    file: String,
    /// A node to leave out (repeatable)
    #[arg(long = "node", value_name = "ID")]
    nodes: Vec<String>,
    /// The output
    #[arg(long, value_enum, default_value_t = Output::Text)]
    format: Output,
}

#[derive(clap::Args)]
pub struct ResponseArgs {
    /// The response body (- for standard input)
    #[arg(value_name = "FILE")]
    file: String,
    /// Which API answered: task (create-task, mock-task) or clocked-task
    #[arg(long, value_name = "task|clocked-task", value_parser = kind)]
    kind: ResponseKind,
}

fn kind(s: &str) -> Result<ResponseKind, String> {
    ResponseKind::parse(s).ok_or_else(|| format!("expected task or clocked-task, found {s}"))
}

fn read_tree(file: &str, limits: &Limits) -> Result<(Tree, Format), (String, ExitCode)> {
    let bytes = read_source(file, 2)?;
    let tree = crate::read_tree(&bytes, limits).map_err(|e| problems(file, &e, 2))?;
    let format = Format::detect(std::str::from_utf8(&bytes).unwrap_or_default());
    Ok((tree, format))
}

fn read_json(file: &str, what: &str, limits: &Limits) -> Result<Value, (String, ExitCode)> {
    let bytes = read_source(file, 2)?;
    json::parse_bytes(&bytes, limits).map_err(|e| {
        let p = e.first();
        unreadable(format!(
            "pipeline-tree: {what} {file}: {} at {}",
            p.message, p.path
        ))
    })
}

/// A flag's value: `@FILE` reads JSON from a file; JSON keys parse their text; others are text.
fn flag_value(key: &str, raw: &str, limits: &Limits) -> Result<Value, (String, ExitCode)> {
    let flag = format!("--{}", key.replace('_', "-"));
    if let Some(file) = raw.strip_prefix('@') {
        return read_json(file, &flag, limits);
    }
    if json_key(key) || key == "now" && !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_digit()) {
        return json::parse(raw, limits)
            .map_err(|e| usage(&format!("{flag}: not JSON: {}", e.first().message)));
    }
    Ok(Value::from(raw))
}

/// The request fields: `--input FILE`, then each field flag over it.
fn input(
    input: Option<&str>,
    fields: &[(&str, String)],
    limits: &Limits,
) -> Result<Object, (String, ExitCode)> {
    let mut o = Object::new();
    if let Some(file) = input {
        match read_json(file, "--input", limits)? {
            Value::Object(given) => {
                for (k, v) in given.iter() {
                    o.insert(k, v.clone());
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
    for (key, raw) in fields {
        o.insert(*key, flag_value(key, raw, limits)?);
    }
    Ok(o)
}

pub fn run(command: Command, limits: &Limits) -> Outcome {
    match command {
        Command::CreateTask(b) => build(APIS[0], b, limits),
        Command::MockTask(b) => build(APIS[1], b, limits),
        Command::ClockedTask(b) => build(APIS[2], b, limits),
        Command::Exclude(a) => exclude(a, limits),
        Command::Response(a) => response(a),
    }
}

fn io_err(e: std::io::Error) -> (String, ExitCode) {
    (format!("pipeline-tree: {e}"), ExitCode::from(2))
}

fn build<const API: usize>(api: Api, a: Build<API>, limits: &Limits) -> Outcome {
    let mut fields = input(a.input.as_deref(), &a.fields, limits)?;
    let tree = match (&a.file, api) {
        (Some(f), _) => Some(read_tree(f, limits)?.0),
        (None, Api::ClockedTask) => None,
        (None, _) => {
            return Err(usage(&format!(
                "payload {} needs the tree: a FILE (or - for standard input)",
                api.as_str()
            )))
        }
    };
    if api == Api::ClockedTask && !fields.contains_key("now") {
        let ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as i64);
        fields.insert("now", Value::from(ms));
    }
    let built = api
        .build(tree.as_ref(), &fields)
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

fn exclude(a: ExcludeArgs, limits: &Limits) -> Outcome {
    let file = a.file;
    let (tree, format) = read_tree(&file, limits)?;
    let ex = payload::exclude(&tree, &a.nodes);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match a.format {
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

fn response(a: ResponseArgs) -> Outcome {
    let (kind, file) = (a.kind, a.file);
    let bytes = read_source(&file, 2)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_and_list_fields_take_json() {
        let mut json: Vec<&str> = Vec::new();
        for api in APIS {
            for key in api.input_keys() {
                if json_key(key) && !json.contains(key) {
                    json.push(key);
                }
            }
        }
        assert_eq!(
            json,
            [
                "constants",
                "credentials",
                "notify_config",
                "custom_span_attributes",
                "exclude_task_nodes_id",
                "mock_data",
                "include_node_ids",
                "mock_data_rows",
                "plugin_outputs",
                "task_parameters",
                "schemes",
            ]
        );
    }
}
