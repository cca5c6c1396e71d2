//! The `pipeline-tree` command line, over the same core as the wasm package.

use std::io::{Read, Write};
use std::process::ExitCode;

use pipeline_tree::generate::{self, Params};
use pipeline_tree::json::{Format, Indent, Limits};
use pipeline_tree::{ParseError, Tree};

mod layout;
mod payload;
mod validate;

const USAGE: &str = "\
usage:
  pipeline-tree fmt [OPTIONS] FILE|-     read a tree, check it, write it back
      --check        write nothing; exit 1 if FILE is not already formatted
      -w, --write    rewrite FILE in place instead of printing it
      --indent N     indent by N spaces (default: the input's own layout)
      --tab          indent by tabs
      --compact      one line, no spaces
      --ascii        escape non-ASCII characters as \\uXXXX
  pipeline-tree validate [OPTIONS] FILE|-  check a tree: every problem, and bamboo-engine's verdict
      --format text|json   output (default text: one line per problem, like a linter)
      --preset NAME        template (default), task or engine
      --cycles allow|forbid  loops allowed (SOPS, default) or not (bamboo-engine's default)
      --rule CODE=LEVEL    set a rule's severity (off, warning, error); repeatable
      --require-subprocess-pipeline  a SubProcess must embed its pipeline, as the engine needs
      --templates FILE     the templates sub-processes may use (JSON catalogue): SUB001-005
      --jsonl              one tree per input line, one JSON report per output line
      exit status: 0 valid, 1 invalid, 2 unreadable (or usage error)
  pipeline-tree layout [OPTIONS] FILE|-    lay the tree out: new location and line, nothing else changed
      --mode sops|layered  SOPS's own layout (default, exactly as its server draws) or ours
      --sops-canvas        the sizes SOPS's editor sends (154x54 tasks, 34x34 events, start 20,150)
      --activity-size W,H  --event-size W,H  --gateway-size W,H  --start X,Y  --canvas-width N
      --keep-placed        layered: nodes with a location keep it; only the others are placed
      --jsonl              one tree per input line, one {location, line} object per output line
  pipeline-tree payload create-task|mock-task|clocked-task [OPTIONS] [TREE|-]
                                         build and check a request body (clocked-task: TREE optional)
      --input FILE         the request fields as a JSON object
      --FIELD VALUE        one field, e.g. --creator admin --template-id 4; JSON-valued fields
                           (--constants, --mock-data, --task-parameters...) take JSON or @FILE
      --format text|json   text (default): the body on stdout, diagnostics on stderr
      exit status: 0 ready to send, 1 an error diagnostic, 2 unreadable (or usage error)
  pipeline-tree payload exclude [--node ID]... [--format text|json] TREE|-
                                         leave optional nodes out, as the servers do
  pipeline-tree payload response --kind task|clocked-task FILE|-
                                         read a response: 0 success, 1 an error envelope, 2 unreadable
  pipeline-tree gen [--nodes N] [--seed S] [--depth D] [--legacy-io]
                                         print a generated tree (for tests and benchmarks)
  pipeline-tree gen --hostile NAME       one of the hostile inputs (tests/fixtures/hostile)
  pipeline-tree gen --worst SHAPE [N]    a worst case of about N nodes (benches/worst.rs)
  pipeline-tree gen --parity [--count N] [--seed S] [--size N] [--mutations M]
                                         print generated graph-shaped trees, one per line
limits, for every command (an input past one is unreadable, with the limit named):
  --max-bytes N (default 64 MiB)  --max-depth N (512)  --max-string-bytes N (16 MiB)
  --max-nodes N (200,000)  --max-flows N (400,000)
exit status: 0 success, 1 the input is not a tree or not formatted, 2 usage error";

/// The limits every command reads its input with (`--max-*` flags, anywhere on the line).
static LIMITS: std::sync::OnceLock<Limits> = std::sync::OnceLock::new();

pub(crate) fn limits() -> Limits {
    LIMITS.get().copied().unwrap_or_default()
}

/// Takes the `--max-*` flags out of `args` into [`LIMITS`].
fn take_limits(args: Vec<String>) -> Result<Vec<String>, (String, ExitCode)> {
    let mut l = Limits::default();
    let mut rest = Vec::with_capacity(args.len());
    let mut i = 0;
    while i < args.len() {
        let slot = match args[i].as_str() {
            "--max-bytes" => &mut l.max_input_bytes,
            "--max-depth" => &mut l.max_depth,
            "--max-string-bytes" => &mut l.max_string_bytes,
            "--max-nodes" => &mut l.max_nodes,
            "--max-flows" => &mut l.max_flows,
            _ => {
                rest.push(args[i].clone());
                i += 1;
                continue;
            }
        };
        let flag = args[i].clone();
        *slot = number(value_of(&args, &mut i, &flag)?, &flag)?;
        i += 1;
    }
    LIMITS.set(l).ok();
    Ok(rest)
}

fn main() -> ExitCode {
    let args = match take_limits(std::env::args().skip(1).collect()) {
        Ok(a) => a,
        Err((msg, code)) => {
            eprintln!("{msg}");
            return code;
        }
    };
    let result = match args.first().map(String::as_str) {
        Some("fmt") => fmt(&args[1..]),
        Some("gen") => gen(&args[1..]),
        Some("validate") => validate::run(&args[1..]),
        Some("layout") => layout::run(&args[1..]),
        Some("payload") => payload::run(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        _ => Err(usage("expected a command")),
    };
    result.unwrap_or_else(|(msg, code)| {
        eprintln!("{msg}");
        code
    })
}

pub(crate) type Outcome = Result<ExitCode, (String, ExitCode)>;

pub(crate) fn usage(msg: &str) -> (String, ExitCode) {
    (format!("pipeline-tree: {msg}\n{USAGE}"), ExitCode::from(2))
}

pub(crate) fn value_of<'a>(
    args: &'a [String],
    i: &mut usize,
    flag: &str,
) -> Result<&'a str, (String, ExitCode)> {
    *i += 1;
    args.get(*i)
        .map(String::as_str)
        .ok_or_else(|| usage(&format!("{flag} needs a value")))
}

pub(crate) fn number<T: std::str::FromStr>(s: &str, flag: &str) -> Result<T, (String, ExitCode)> {
    s.parse()
        .map_err(|_| usage(&format!("{flag}: not a number: {s}")))
}

fn report(file: &str, err: &ParseError) -> (String, ExitCode) {
    let mut msg = String::new();
    for p in err.problems() {
        let (line, col) = p.position.map_or((0, 0), |pos| (pos.line, pos.column));
        msg.push_str(&format!(
            "{file}:{line}:{col}: error[{}]: {} at {}\n",
            p.code, p.message, p.path
        ));
    }
    msg.pop();
    (msg, ExitCode::from(1))
}

fn fmt(args: &[String]) -> Outcome {
    let (mut check, mut write) = (false, false);
    let (mut indent, mut ascii): (Option<Indent>, bool) = (None, false);
    let mut file = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--check" => check = true,
            "-w" | "--write" => write = true,
            "--indent" => {
                indent = Some(Indent::Spaces(number(
                    value_of(args, &mut i, "--indent")?,
                    "--indent",
                )?))
            }
            "--tab" => indent = Some(Indent::Tab),
            "--compact" => indent = Some(Indent::Compact),
            "--ascii" => ascii = true,
            f if file.is_none() && (f == "-" || !f.starts_with('-')) => file = Some(f.to_owned()),
            other => return Err(usage(&format!("unexpected argument {other}"))),
        }
        i += 1;
    }
    let file = file.ok_or_else(|| usage("fmt needs a FILE (or - for standard input)"))?;
    if write && file == "-" {
        return Err(usage("--write needs a file, not standard input"));
    }
    let mut bytes = Vec::new();
    let read = if file == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(&file)
            .and_then(|mut f| f.read_to_end(&mut bytes))
            .map(|_| ())
    };
    read.map_err(|e| {
        (
            format!("pipeline-tree: cannot read {file}: {e}"),
            ExitCode::from(1),
        )
    })?;
    let tree = Tree::parse_bytes(&bytes, &limits()).map_err(|e| report(&file, &e))?;
    // parse_bytes accepted the bytes, so they are UTF-8.
    let text = std::str::from_utf8(&bytes).unwrap_or_default();
    let mut format = Format::detect(text);
    if let Some(indent) = indent {
        format.indent = indent;
        format.final_newline = indent != Indent::Compact || format.final_newline;
    }
    format.ascii |= ascii;
    let out = tree.to_string(&format);
    if check {
        if out.as_bytes() == bytes.as_slice() {
            return Ok(ExitCode::SUCCESS);
        }
        return Err((format!("{file}: not formatted"), ExitCode::from(1)));
    }
    if write {
        if out.as_bytes() != bytes.as_slice() {
            std::fs::write(&file, out).map_err(|e| {
                (
                    format!("pipeline-tree: cannot write {file}: {e}"),
                    ExitCode::from(1),
                )
            })?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    std::io::stdout()
        .write_all(out.as_bytes())
        .map_err(|e| (format!("pipeline-tree: {e}"), ExitCode::from(1)))?;
    Ok(ExitCode::SUCCESS)
}

fn gen(args: &[String]) -> Outcome {
    if args.iter().any(|a| a == "--parity") {
        return gen_parity(args);
    }
    if let Some(i) = args.iter().position(|a| a == "--worst") {
        let shape = args.get(i + 1).map(String::as_str).unwrap_or_default();
        let n = match args.get(i + 2) {
            Some(n) => number(n, "--worst")?,
            None => 1000,
        };
        let text = generate::hostile::worst(shape, n).ok_or_else(|| {
            usage(&format!(
                "--worst takes one of: {}",
                generate::hostile::WORST.join(", ")
            ))
        })?;
        return print(&text);
    }
    if let Some(i) = args.iter().position(|a| a == "--hostile") {
        let name = args.get(i + 1).map(String::as_str).unwrap_or_default();
        let text = generate::hostile::text(name).ok_or_else(|| {
            usage(&format!(
                "--hostile takes one of: {}",
                generate::hostile::NAMES.join(", ")
            ))
        })?;
        return print(&text);
    }
    let mut p = Params::default();
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--nodes" => p.nodes = number(value_of(args, &mut i, "--nodes")?, "--nodes")?,
            "--seed" => p.seed = number(value_of(args, &mut i, "--seed")?, "--seed")?,
            "--depth" => p.max_depth = number(value_of(args, &mut i, "--depth")?, "--depth")?,
            "--legacy-io" => p.legacy_io = true,
            other => return Err(usage(&format!("unexpected argument {other}"))),
        }
        i += 1;
    }
    std::io::stdout()
        .write_all(generate::tree_text(&p).as_bytes())
        .map_err(|e| (format!("pipeline-tree: {e}"), ExitCode::from(1)))?;
    Ok(ExitCode::SUCCESS)
}

fn print(text: &str) -> Outcome {
    std::io::stdout()
        .write_all(text.as_bytes())
        .map_err(|e| (format!("pipeline-tree: {e}"), ExitCode::from(1)))?;
    Ok(ExitCode::SUCCESS)
}

fn gen_parity(args: &[String]) -> Outcome {
    let mut p = generate::parity::Params {
        seed: 1,
        size: 30,
        mutations: 0,
    };
    let mut count = 1usize;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--parity" => {}
            "--count" => count = number(value_of(args, &mut i, "--count")?, "--count")?,
            "--seed" => p.seed = number(value_of(args, &mut i, "--seed")?, "--seed")?,
            "--size" => p.size = number(value_of(args, &mut i, "--size")?, "--size")?,
            "--mutations" => {
                p.mutations = number(value_of(args, &mut i, "--mutations")?, "--mutations")?
            }
            other => return Err(usage(&format!("unexpected argument {other}"))),
        }
        i += 1;
    }
    let compact = Format {
        indent: Indent::Compact,
        ascii: false,
        final_newline: false,
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let base = p.seed;
    for k in 0..count {
        let q = generate::parity::Params {
            seed: base.wrapping_add(k as u64),
            ..p.clone()
        };
        let text = pipeline_tree::json::to_string(&generate::parity::tree(&q), &compact);
        writeln!(out, "{text}").map_err(|e| (format!("pipeline-tree: {e}"), ExitCode::from(1)))?;
    }
    Ok(ExitCode::SUCCESS)
}
