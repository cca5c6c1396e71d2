//! `pipeline-tree gen`: generated trees from the test kit (realistic trees, graph-shaped trees
//! for the parity suite, hostile inputs, worst cases).

use std::io::Write;
use std::process::ExitCode;

use pipeline_tree::json::Format;
use testkit::generate::{self, hostile, parity, Params};

use super::{print, usage, Outcome};

#[derive(clap::Args)]
#[command(group = clap::ArgGroup::new("kind").args(["parity", "hostile", "worst"]))]
pub struct Args {
    /// About how many nodes the realistic tree has
    #[arg(long, value_name = "N", default_value_t = Params::default().nodes)]
    nodes: usize,
    /// The seed (the same seed gives the same bytes everywhere)
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,
    /// How deep gateway blocks nest
    #[arg(long, value_name = "D", default_value_t = Params::default().max_depth)]
    depth: usize,
    /// Write some incoming fields as strings (the legacy shape)
    #[arg(long)]
    legacy_io: bool,
    /// Hand-made wiring, in step: flows out of the end event, an activity with two outgoing
    /// flows, two flows that swap their ids
    #[arg(long)]
    hand_wired: bool,
    /// Nodes whose key and id differ: two gateways and two activities swap their ids, one
    /// more node's id is no key
    #[arg(long)]
    swapped_ids: bool,
    /// Graph-shaped trees for the parity suite, one per line (see --count, --size, --mutations)
    #[arg(long)]
    parity: bool,
    /// How many parity trees (seeds S, S+1, ...)
    #[arg(long, value_name = "N", default_value_t = 1, requires = "parity")]
    count: usize,
    /// The size of each parity tree
    #[arg(long, value_name = "N", default_value_t = 30, requires = "parity")]
    size: usize,
    /// How many mutations each parity tree gets
    #[arg(long, value_name = "M", default_value_t = 0, requires = "parity")]
    mutations: usize,
    /// One of the hostile inputs (tests/fixtures/hostile)
    #[arg(long, value_name = "NAME")]
    hostile: Option<String>,
    /// A worst case of about N nodes (benches/worst.rs)
    #[arg(long, value_name = "SHAPE")]
    worst: Option<String>,
    /// With --worst: about how many nodes
    #[arg(value_name = "N", requires = "worst")]
    worst_nodes: Option<usize>,
}

pub fn run(a: Args) -> Outcome {
    if a.parity {
        return run_parity(&a);
    }
    if let Some(shape) = &a.worst {
        let text = hostile::worst(shape, a.worst_nodes.unwrap_or(1000)).ok_or_else(|| {
            usage(&format!(
                "--worst takes one of: {}",
                hostile::WORST.join(", ")
            ))
        })?;
        return print(&text);
    }
    if let Some(name) = &a.hostile {
        let text = hostile::text(name).ok_or_else(|| {
            usage(&format!(
                "--hostile takes one of: {}",
                hostile::NAMES.join(", ")
            ))
        })?;
        return print(&text);
    }
    let p = Params {
        seed: a.seed,
        nodes: a.nodes,
        max_depth: a.depth,
        legacy_io: a.legacy_io,
        hand_wired: a.hand_wired,
        swapped_ids: a.swapped_ids,
    };
    print(&generate::tree_text(&p))
}

fn run_parity(a: &Args) -> Outcome {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for k in 0..a.count {
        let q = parity::Params {
            seed: a.seed.wrapping_add(k as u64),
            size: a.size,
            mutations: a.mutations,
        };
        let text = pipeline_tree::json::to_string(&parity::tree(&q), &Format::compact());
        writeln!(out, "{text}").map_err(|e| (format!("pipeline-tree: {e}"), ExitCode::from(1)))?;
    }
    Ok(ExitCode::SUCCESS)
}
