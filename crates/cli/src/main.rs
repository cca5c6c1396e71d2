//! The `pipeline-tree` command line, over the same core as the wasm package. Arguments are
//! read by clap (`--help` for the program and every subcommand, `--version`); each subcommand
//! lives in its own module and returns its exit status.

use std::io::{Read, Write};
use std::process::ExitCode;
use std::sync::OnceLock;

use clap::{Parser, Subcommand};
use pipeline_tree::json::Limits;
use pipeline_tree::wrapped::{self, Opened};
use pipeline_tree::{ParseError, Tree};

mod find;
mod fmt;
mod gen;
mod layout;
mod payload;
mod refs;
mod validate;

const EXIT_STATUS: &str = "\
Exit status: 0 success; 1 the input is not a tree, not formatted, invalid or not ready to send;
2 usage error (and, for validate, layout and payload, unreadable input).";

/// Lossless reading, validation, layout and API payloads for BlueKing SOPS / BKFlow
/// pipeline_tree JSON.
#[derive(Parser)]
#[command(name = "pipeline-tree", version, after_help = EXIT_STATUS)]
struct Cli {
    #[command(flatten)]
    limits: LimitArgs,
    /// The template of a SOPS export file to read: its SOPS id, pipeline template id or name
    /// (needed when the file holds several; `pipeline-tree find FILE` lists them)
    #[arg(long, global = true, value_name = "ID|NAME")]
    template: Option<String>,
    #[command(subcommand)]
    command: Command,
}

/// The limits every command reads its input with; an input past one is unreadable, with the
/// limit named.
#[derive(clap::Args)]
struct LimitArgs {
    /// Largest input in bytes [default: 64 MiB]
    #[arg(long, global = true, value_name = "N", help_heading = "Limits")]
    max_bytes: Option<usize>,
    /// Deepest nesting of JSON arrays and objects [default: 512, at most 4,096]
    #[arg(long, global = true, value_name = "N", help_heading = "Limits")]
    max_depth: Option<usize>,
    /// Longest string in bytes [default: 16 MiB]
    #[arg(long, global = true, value_name = "N", help_heading = "Limits")]
    max_string_bytes: Option<usize>,
    /// Most nodes, embedded pipelines included [default: 200,000]
    #[arg(long, global = true, value_name = "N", help_heading = "Limits")]
    max_nodes: Option<usize>,
    /// Most flows, embedded pipelines included [default: 400,000]
    #[arg(long, global = true, value_name = "N", help_heading = "Limits")]
    max_flows: Option<usize>,
}

impl LimitArgs {
    fn limits(&self) -> Limits {
        let mut l = Limits::default();
        let set = [
            (self.max_bytes, &mut l.max_input_bytes),
            (self.max_depth, &mut l.max_depth),
            (self.max_string_bytes, &mut l.max_string_bytes),
            (self.max_nodes, &mut l.max_nodes),
            (self.max_flows, &mut l.max_flows),
        ];
        for (given, slot) in set {
            if let Some(n) = given {
                *slot = n;
            }
        }
        l
    }
}

#[derive(Subcommand)]
enum Command {
    /// Read a tree, check that it reads, write it back (in its own layout unless told otherwise)
    Fmt(fmt::Args),
    /// Say where an input holds its tree (bare, an API response, a request body, a SOPS export
    /// file) and list an export file's templates
    Find(find::Args),
    /// Check a tree: every problem at once, and bamboo-engine's verdict
    Validate(validate::Args),
    /// Lay a tree out: new location and line, nothing else changed
    Layout(layout::Args),
    /// Build and check the request bodies of the open APIs; node exclusion; responses
    #[command(subcommand)]
    Payload(payload::Command),
    /// List the template's variables and how many places use each, or the places that use one
    Refs(refs::Args),
    /// Print generated trees (for tests and benchmarks)
    Gen(gen::Args),
}

/// An error already written for the user, with the exit status it ends the program with.
pub(crate) type Failure = (String, ExitCode);
pub(crate) type Outcome = Result<ExitCode, Failure>;

/// A usage error found after clap's own checks (a value the core refuses): exit status 2.
pub(crate) fn usage(msg: &str) -> Failure {
    (
        format!("pipeline-tree: {msg}\n\nFor more information, try '--help'."),
        ExitCode::from(2),
    )
}

/// The `--template` flag.
static TEMPLATE: OnceLock<Option<String>> = OnceLock::new();

/// Reads bytes as a tree, bare or wrapped (an API response, a request body, a SOPS export
/// file: `--template` chooses).
pub(crate) fn open(bytes: &[u8], limits: &Limits) -> Result<Opened, ParseError> {
    let choice = TEMPLATE.get().and_then(Option::as_deref);
    wrapped::open_bytes(bytes, limits, choice)
}

/// [`open`], the tree alone.
pub(crate) fn read_tree(bytes: &[u8], limits: &Limits) -> Result<Tree, ParseError> {
    open(bytes, limits).map(|o| o.tree)
}

/// The `--template` flag.
pub(crate) fn template() -> Option<&'static str> {
    TEMPLATE.get().and_then(Option::as_deref)
}

/// The bytes of FILE, or of standard input for `-`.
pub(crate) fn read_source(file: &str, status: u8) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    let read = if file == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(file)
            .and_then(|mut f| f.read_to_end(&mut bytes))
            .map(|_| ())
    };
    read.map_err(|e| {
        (
            format!("pipeline-tree: cannot read {file}: {e}"),
            ExitCode::from(status),
        )
    })?;
    Ok(bytes)
}

/// Every problem of an unreadable input, one `FILE:LINE:COLUMN: error[CODE]: ...` line each.
pub(crate) fn problems(file: &str, err: &ParseError, status: u8) -> Failure {
    let lines: Vec<String> = err
        .problems()
        .iter()
        .map(|p| {
            let (line, col) = p.position.map_or((0, 0), |pos| (pos.line, pos.column));
            let zh = p
                .message_zh
                .as_ref()
                .map_or(String::new(), |zh| format!("\n    {zh}"));
            format!(
                "{file}:{line}:{col}: error[{}]: {} at {}{zh}",
                p.code, p.message, p.path
            )
        })
        .collect();
    (lines.join("\n"), ExitCode::from(status))
}

/// Writes `text` to standard output.
pub(crate) fn print(text: &str) -> Outcome {
    std::io::stdout()
        .write_all(text.as_bytes())
        .map_err(|e| (format!("pipeline-tree: {e}"), ExitCode::from(1)))?;
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let limits = cli.limits.limits();
    let _ = TEMPLATE.set(cli.template);
    let result = match cli.command {
        Command::Fmt(a) => fmt::run(a, &limits),
        Command::Find(a) => find::run(a, &limits),
        Command::Validate(a) => validate::run(a, &limits),
        Command::Layout(a) => layout::run(a, &limits),
        Command::Payload(c) => payload::run(c, &limits),
        Command::Refs(a) => refs::run(a, &limits),
        Command::Gen(a) => gen::run(a),
    };
    result.unwrap_or_else(|(msg, code)| {
        eprintln!("{msg}");
        code
    })
}
