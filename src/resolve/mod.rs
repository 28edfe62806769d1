//! Resolution: `extends` chains confined to the catalogue, benchmark lookup as of a date, and
//! the merged spec turned into the resolved product. Every resolved value keeps where it was
//! written ([`extends::Origins`]), so a finding about an inherited value points into the parent
//! file.

pub mod benchmarks;
pub(crate) mod extends;
pub(crate) mod product;

pub(crate) use benchmarks::Benchmarks;
pub(crate) use product::{ResolvedRate, resolve_rate, to_product};
