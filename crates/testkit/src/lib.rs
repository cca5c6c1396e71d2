//! The test kit of pipeline-tree: what the tests, benches and fuzz targets share, kept out of
//! the shipped library.
//!
//! * [`generate`]: seeded generators (realistic trees, graph-shaped trees with mutations, long
//!   chains and deep nesting, random editing operations, hostile inputs and worst cases).
//! * [`robust`]: the properties every input keeps (one function per fuzz target) and
//!   `outcome()`, what each part of the core does with one input.
//! * [`fixture`]: the path of a file under `tests/fixtures/`; [`Fixture`]: a fixture file
//!   read in the one fixture format (options, tree or base + patch, operations);
//!   [`patch`]: the JSON Patch (RFC 6902) a fixture applies to its base tree.
//! * [`variables`]: what the editor keeps true of a tree's variables (bindings, references).

pub mod fixtures;
pub mod generate;
pub mod items;
pub mod patch;
pub mod robust;
pub mod variables;

pub use fixtures::Fixture;

/// The path of `rel` under the repository's `tests/fixtures/`, from any crate of the workspace.
pub fn fixture(rel: &str) -> String {
    format!("{}/../../tests/fixtures/{rel}", env!("CARGO_MANIFEST_DIR"))
}
