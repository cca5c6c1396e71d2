//! `pipeline-tree validate`.

use std::io::{BufRead, Read, Write};
use std::process::ExitCode;

use pipeline_tree::json::{self, Format, Limits, Object, Value};
use pipeline_tree::rules::OptionError;
use pipeline_tree::{validate, Options, ParseError, Report, Tree};

use super::{problems, usage, Outcome};

/// How reports are written.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Output {
    /// One line per problem, like a linter
    Text,
    /// The whole report as JSON
    Json,
}

#[derive(clap::Args)]
#[command(after_help = "Exit status: 0 valid, 1 invalid, 2 unreadable (or usage error).")]
pub struct Args {
    /// The tree (- for standard input)
    #[arg(value_name = "FILE")]
    file: String,
    /// The output
    #[arg(long, value_enum, default_value_t = Output::Text)]
    format: Output,
    /// What to check: template (what SOPS checks on save), task (also what fails only at task
    /// creation) or engine (bamboo-engine's checks alone)
    #[arg(long, value_name = "NAME")]
    preset: Option<String>,
    /// Loops allowed (allow: SOPS, the default) or not (forbid: bamboo-engine's own default)
    #[arg(long, value_name = "allow|forbid")]
    cycles: Option<String>,
    /// A rule's severity: off, warning or error (repeatable)
    #[arg(long = "rule", value_name = "CODE=LEVEL")]
    rules: Vec<String>,
    /// A SubProcess must embed its pipeline, as the engine's recursion needs
    #[arg(long)]
    require_subprocess_pipeline: bool,
    /// The templates sub-processes may use (a JSON catalogue): SUB001-005
    #[arg(long, value_name = "FILE")]
    templates: Option<String>,
    /// The plugin catalogue tasks are checked against (PLUGIN001-004; default: SOPS's and
    /// BKFlow's built-in plugins)
    #[arg(long, value_name = "FILE")]
    plugins: Option<String>,
    /// One tree per input line, one JSON report per output line
    #[arg(long)]
    jsonl: bool,
}

/// The validator's options from the flags, checked by the core.
fn options(a: &Args) -> Result<Options, (String, ExitCode)> {
    let mut opts = Options::default();
    fn flag(name: &'static str) -> impl Fn(OptionError) -> (String, ExitCode) {
        move |e| usage(&format!("--{name}: {e}"))
    }
    if let Some(p) = &a.preset {
        opts.set_preset(p).map_err(flag("preset"))?;
    }
    if let Some(c) = &a.cycles {
        opts.set_cycles(c).map_err(flag("cycles"))?;
    }
    for r in &a.rules {
        let (code, level) = r
            .split_once('=')
            .ok_or_else(|| usage(&format!("--rule: expected CODE=LEVEL, found {r}")))?;
        opts.set_rule(code, level).map_err(flag("rule"))?;
    }
    opts.engine.require_subprocess_pipeline = a.require_subprocess_pipeline;
    if let Some(path) = &a.templates {
        let unreadable = |e: String| {
            (
                format!("pipeline-tree: --templates {path}: {e}"),
                ExitCode::from(2),
            )
        };
        let text = std::fs::read_to_string(path).map_err(|e| unreadable(e.to_string()))?;
        opts.set_templates_text(&text)
            .map_err(|e| unreadable(e.message))?;
    }
    if let Some(path) = &a.plugins {
        let unreadable = |e: String| {
            (
                format!("pipeline-tree: --plugins {path}: {e}"),
                ExitCode::from(2),
            )
        };
        let text = std::fs::read_to_string(path).map_err(|e| unreadable(e.to_string()))?;
        let v = pipeline_tree::json::parse(&text, &Default::default())
            .map_err(|e| unreadable(e.to_string()))?;
        let plugins = pipeline_tree::edit::read_plugins(&v).map_err(unreadable)?;
        opts.plugins = Some(std::sync::Arc::new(plugins));
    }
    Ok(opts)
}

pub fn run(a: Args, limits: &Limits) -> Outcome {
    let opts = options(&a)?;
    let (output, jsonl, file) = (a.format, a.jsonl, a.file);
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
            let v = match crate::read_tree(line, limits) {
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
            writeln!(out, "{}", json::to_string(&v, &Format::compact())).map_err(io_err)?;
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
    let opened = crate::open(&bytes, limits).map_err(|e| problems(&file, &e, 2))?;
    let tree = opened.tree;
    let report = validate(&tree, &opts);
    if output == Output::Text && opened.shell.is_some() {
        let s = &opened.source;
        writeln!(
            out,
            "{file}: reading {}\n    {}",
            s.message(),
            s.message_zh()
        )
        .map_err(io_err)?;
    }
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
        "{file}: {} ({} errors, {} warnings); {engine}; {} format",
        if r.valid { "valid" } else { "invalid" },
        r.errors(),
        r.warnings(),
        r.format.as_str()
    )?;
    writeln!(
        out,
        "    {}（{} 个错误，{} 个警告）；{}；{}",
        if r.valid { "合法" } else { "不合法" },
        r.errors(),
        r.warnings(),
        match &r.engine.error {
            None => "bamboo-engine 接受".to_owned(),
            Some(e) => format!("bamboo-engine 拒绝（{}）", e.code),
        },
        r.format.name_zh()
    )
}
