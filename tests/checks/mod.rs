//! The per-fixture checks, one module per kind of fixture: `tests/fixtures.rs` runs each
//! fixture file as its own test; the aggregate tests (every rule has a fixture...) reuse them.
#![allow(dead_code)]

pub mod edit;
pub mod files;
pub mod layout;
pub mod patch;
pub mod payload;
pub mod rules;
pub mod surprises;
pub mod wrapped;
pub mod zh;
