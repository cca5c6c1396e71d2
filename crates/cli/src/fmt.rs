//! `pipeline-tree fmt`: read a tree, check that it reads, write it back (a wrapped tree: the
//! whole wrapper by default, or the tree alone).

use std::process::ExitCode;

use pipeline_tree::json::{Format, Indent, Limits};

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
    /// Indent by N spaces (default: the input's own layout)
    #[arg(long, value_name = "N", conflicts_with_all = ["tab", "compact"])]
    indent: Option<u8>,
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
}

pub fn run(a: Args, limits: &Limits) -> Outcome {
    let file = a.file;
    if a.write && file == "-" {
        return Err(usage("--write needs a file, not standard input"));
    }
    let bytes = read_source(&file, 1)?;
    let opened = crate::open(&bytes, limits).map_err(|e| problems(&file, &e, 1))?;
    // The bytes were read, so they are UTF-8.
    let text = std::str::from_utf8(&bytes).unwrap_or_default();
    let keep = a.wrapper == Wrapper::Keep;
    let mut format = opened.layout(&Format::detect(text), keep);
    let indent = match (a.indent, a.tab, a.compact) {
        (Some(n), _, _) => Some(Indent::Spaces(n)),
        (_, true, _) => Some(Indent::Tab),
        (_, _, true) => Some(Indent::Compact),
        _ => None,
    };
    if let Some(indent) = indent {
        format.indent = indent;
        format.final_newline = indent != Indent::Compact || format.final_newline;
    }
    format.ascii |= a.ascii;
    let out = opened.write(&opened.tree, &format, keep);
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
