//! `pipeline-tree refs`: the template's variables and how many places use each, or every
//! place that uses one variable.

use pipeline_tree::json::{self, Format, Limits, Value};
use pipeline_tree::variables::index::RefIndex;
use pipeline_tree::variables::{braced, refs};

use super::{print, problems, read_source, read_tree, Outcome};
use crate::validate::Output;

#[derive(clap::Args)]
pub struct Args {
    /// The tree (- for standard input)
    #[arg(value_name = "FILE")]
    file: String,
    /// A variable (`name` or `${name}`): list the places that use it
    #[arg(value_name = "KEY")]
    key: Option<String>,
    /// Output: text, or JSON (the JavaScript API's `variables()` or `references(key)`)
    #[arg(long, value_enum, default_value = "text")]
    format: Output,
}

pub fn run(a: Args, limits: &Limits) -> Outcome {
    let bytes = read_source(&a.file, 2)?;
    let tree = read_tree(&bytes, limits).map_err(|e| problems(&a.file, &e, 2))?;
    let index = RefIndex::build(&tree);
    let json_out = |items: Vec<Value>| {
        let f = Format {
            final_newline: true,
            ..Format::default()
        };
        json::to_string(&Value::Array(items), &f)
    };
    let text = match &a.key {
        Some(key) => {
            let key = braced(key);
            let mine = index.references(&tree, &key);
            match a.format {
                Output::Json => json_out(mine.iter().map(|u| u.to_json()).collect()),
                Output::Text => {
                    let mut out = format!("{key}: {} places\n", mine.len());
                    for u in mine {
                        let at = [&u.node_id, &u.flow_id, &u.variable]
                            .into_iter()
                            .flatten()
                            .map(String::as_str)
                            .collect::<Vec<_>>()
                            .join(" ");
                        out.push_str(&format!(
                            "  {:<10} {:<34} {}\n",
                            u.kind.as_str(),
                            at,
                            u.path
                        ));
                    }
                    out
                }
            }
        }
        None => {
            let list = refs::summaries(&tree, &index);
            match a.format {
                Output::Json => json_out(list),
                Output::Text => {
                    let mut out = String::new();
                    for v in &list {
                        let o = v.as_object().expect("summaries are objects");
                        let s = |k: &str| o.get(k).and_then(Value::as_str).unwrap_or("");
                        let uses = o.get("uses").and_then(Value::as_f64).unwrap_or(0.0);
                        let output = if o.get("output").and_then(Value::as_bool) == Some(true) {
                            " output"
                        } else {
                            ""
                        };
                        out.push_str(&format!(
                            "{}\t{}\t{} {}{output}\t{uses} uses\n",
                            s("key"),
                            s("name"),
                            s("source_type"),
                            s("show_type"),
                        ));
                    }
                    out
                }
            }
        }
    };
    print(&text)
}
