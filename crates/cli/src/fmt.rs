//! `pipeline-tree fmt`: read a tree, check that it reads, write it back (`--json`: any JSON
//! document, such as an export file wrapping several trees).

use std::process::ExitCode;

use pipeline_tree::json::{self, Format, Indent, Limits};
use pipeline_tree::Tree;

use super::{print, problems, read_source, usage, Outcome};

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
    /// Indent by N spaces, or keep the input's own layout (the default)
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
    /// Read any JSON document, not only a tree (an export file, an API response)
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
    let value = if a.json {
        json::parse_bytes(&bytes, limits).map_err(|e| problems(&file, &e, 1))?
    } else {
        let tree = Tree::parse_bytes(&bytes, limits).map_err(|e| problems(&file, &e, 1))?;
        tree.into_value()
    };
    // parse_bytes accepted the bytes, so they are UTF-8.
    let text = std::str::from_utf8(&bytes).unwrap_or_default();
    let mut format = Format::detect(text);
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
    let out = json::to_string(&value, &format);
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
