//! `pipeline-tree fmt`: read a tree, check that it reads, write it back (a wrapped tree: the
//! whole wrapper by default, or the tree alone; `--json`: any JSON document).

use std::process::ExitCode;

use pipeline_tree::json::{self, Format, Indent, Limits};

use super::{print, problems, read_source, usage, Outcome};

/// What `fmt` writes of a wrapped tree.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Wrapper {
    /// The whole wrapper (API response, request body, export file), the tree in its place
    Keep,
    /// The tree alone
    Strip,
}

#[derive(clap::Args)]
pub struct Args {
    /// The tree (- for standard input)
    #[arg(value_name = "FILE")]
    file: String,
    /// Write nothing; exit 1 if FILE is not already formatted
    #[arg(long)]
    check: bool,
    /// Rewrite FILE in place instead of printing it
    #[arg(short, long)]
    write: bool,
    /// Indent by N spaces, or `keep` the input's own layout (the default)
    #[arg(long, value_name = "N|keep", value_parser = indent_arg, conflicts_with_all = ["tab", "compact"])]
    indent: Option<IndentArg>,
    /// Indent by tabs
    #[arg(long, conflicts_with = "compact")]
    tab: bool,
    /// One line, no spaces
    #[arg(long)]
    compact: bool,
    /// Escape non-ASCII characters as \uXXXX
    #[arg(long)]
    ascii: bool,
    /// For a tree read out of a wrapper: write the whole wrapper back (byte for byte when
    /// formatted) or the tree alone
    #[arg(long, value_enum, default_value = "keep")]
    wrapper: Wrapper,
    /// Read any JSON document, not only a tree
    #[arg(long)]
    json: bool,
}

/// `--indent`: a number of spaces, or `keep` (the input's own layout).
#[derive(Clone, Copy)]
enum IndentArg {
    Keep,
    Spaces(u8),
}

fn indent_arg(s: &str) -> Result<IndentArg, String> {
    if s == "keep" {
        return Ok(IndentArg::Keep);
    }
    s.parse()
        .map(IndentArg::Spaces)
        .map_err(|_| format!("expected a number of spaces (0-255) or keep, found {s:?}"))
}

pub fn run(a: Args, limits: &Limits) -> Outcome {
    let file = a.file;
    if a.write && file == "-" {
        return Err(usage("--write needs a file, not standard input"));
    }
    let bytes = read_source(&file, 1)?;
    // Read before anything else, so the bytes are UTF-8 below.
    let document = if a.json {
        Some(json::parse_bytes(&bytes, limits).map_err(|e| problems(&file, &e, 1))?)
    } else {
        None
    };
    let opened = match document {
        Some(_) => None,
        None => Some(crate::open(&bytes, limits).map_err(|e| problems(&file, &e, 1))?),
    };
    let text = std::str::from_utf8(&bytes).unwrap_or_default();
    let keep = a.wrapper == Wrapper::Keep;
    let detected = Format::detect(text);
    let mut format = match &opened {
        Some(o) => o.layout(&detected, keep),
        None => detected,
    };
    let indent = match (a.indent, a.tab, a.compact) {
        (Some(IndentArg::Spaces(n)), _, _) => Some(Indent::Spaces(n)),
        (_, true, _) => Some(Indent::Tab),
        (_, _, true) => Some(Indent::Compact),
        _ => None,
    };
    if let Some(indent) = indent {
        format.indent = indent;
        format.final_newline = indent != Indent::Compact || format.final_newline;
    }
    format.ascii |= a.ascii;
    let out = match (&opened, &document) {
        (Some(o), _) => o.write(&o.tree, &format, keep),
        (None, Some(v)) => json::to_string(v, &format),
        (None, None) => String::new(),
    };
    let unchanged = out.as_bytes() == bytes.as_slice();
    if a.check {
        if unchanged {
            return Ok(ExitCode::SUCCESS);
        }
        return Err((format!("{file}: not formatted"), ExitCode::from(1)));
    }
    if a.write {
        if !unchanged {
            std::fs::write(&file, out).map_err(|e| {
                (
                    format!("pipeline-tree: cannot write {file}: {e}"),
                    ExitCode::from(1),
                )
            })?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    print(&out)
}
