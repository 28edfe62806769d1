//! loanspec: a compiler and linter for bank loan-product specs.
//!
//! The pipeline, one module per stage, dependencies one way (lowest first): `source`,
//! `diagnostics`, `syntax`, `model`, `schema`, `money`, `resolve`, `rules`, `emit`, `compile`,
//! `monitor` and `diff`, `report`, `cli`. A module uses only those before it; `docs/architecture.md`
//! says what each owns, and a test in `tests/meta.rs` enforces the order.

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
