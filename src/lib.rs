//! loanspec: a compiler and linter for bank loan-product specs.
//!
//! The pipeline, one module per stage, dependencies one way:
//! `cli → compile → {emit, rules → resolve → model → schema → syntax → source}`, and every stage
//! reports through `diagnostics`.

pub mod cli;
pub mod compile;
pub mod diagnostics;
pub mod diff;
pub mod emit;
pub mod model;
pub mod money;
pub mod monitor;
pub mod report;
pub mod resolve;
pub mod rules;
pub mod schema;
pub mod source;
pub mod syntax;
