//! `pipeline-tree`: the core of a visual editor for BlueKing SOPS / BKFlow `pipeline_tree` JSON.
//!
//! * [`json`]: lossless JSON (key order, number text, duplicate keys refused, located errors).
//! * [`model`]: the typed tree, a view over the lossless JSON ([`model::Tree`]).
//! * [`payload`]: request bodies of the open APIs (create task, mock task, clocked task), node
//!   exclusion as the servers do it, typed responses.
//! * [`variables`]: where each variable is used (`${...}` references as Mako reads them).
//! * [`api`]: the package's calls as JSON in, JSON out (what the JS bindings call), and their
//!   TypeScript declarations, rendered from the option and result types' tables ([`shape`]).
//! * The JavaScript bindings (`crates/wasm`), the command line (`crates/cli`) and the test kit
//!   (`crates/testkit`: generators, fuzz properties) are crates of their own over this one.
//!
//! See ARCHITECTURE.md for the map and the invariants.

pub mod api;
pub mod diagnostic;
pub mod edit;
pub mod engine;
pub mod error;
pub mod json;
pub mod layout;
pub mod map;
pub mod model;
pub mod options;
pub mod payload;
pub mod rules;
pub mod shape;
mod sort;
pub mod variables;
pub mod wrapped;

pub use diagnostic::{Diagnostic, Severity};
pub use error::{ErrorCode, ParseError, Problem};
pub use json::{Format, Indent, Limits};
pub use model::{Tree, TreeFormat};
pub use options::OptionError;
pub use rules::{validate, Options, Preset, Report};
