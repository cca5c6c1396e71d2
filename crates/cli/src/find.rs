//! `pipeline-tree find`: where an input holds its tree, and an export file's templates.

use std::io::Write;
use std::process::ExitCode;

use pipeline_tree::json::{self, Format, Limits};
use pipeline_tree::wrapped;

use super::{problems, read_source, Outcome};
use crate::validate::Output;

#[derive(clap::Args)]
pub struct Args {
    /// The input (- for standard input)
    #[arg(value_name = "FILE")]
    file: String,
    /// Output: text, or the TreeSource object as JSON
    #[arg(long, value_enum, default_value = "text")]
    format: Output,
}

pub fn run(a: Args, limits: &Limits) -> Outcome {
    let file = a.file;
    let bytes = read_source(&file, 2)?;
    let choice = crate::template();
    let source = match std::str::from_utf8(&bytes) {
        Ok(text) => wrapped::find(text, limits, choice),
        Err(_) => json::parse_bytes(&bytes, limits).and_then(|v| wrapped::find_value(&v, choice)),
    }
    .map_err(|e| problems(&file, &e, 2))?;
    let mut out = String::new();
    match a.format {
        Output::Json => {
            let f = Format {
                final_newline: true,
                ..Format::default()
            };
            out = json::to_string(&source.to_json(), &f);
        }
        Output::Text => {
            out.push_str(&format!(
                "{file}: {}\n    {}\n",
                source.message(),
                source.message_zh()
            ));
            for t in &source.templates {
                let chosen = source.template.as_ref() == Some(t);
                let mark = if chosen { '*' } else { ' ' };
                out.push_str(&format!("{mark} {}\t{}\t{}\n", t.id, t.key, t.name));
            }
        }
    }
    std::io::stdout()
        .write_all(out.as_bytes())
        .map_err(|e| (format!("pipeline-tree: {e}"), ExitCode::from(1)))?;
    Ok(ExitCode::SUCCESS)
}
