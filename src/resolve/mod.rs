//! Resolution: `extends` chains confined to the catalogue, benchmark lookup as of a date, and
//! the merged spec turned into the resolved product. Every resolved value keeps where it was
//! written ([`extends::Origins`]), so a finding about an inherited value points into the parent
//! file.

pub mod benchmarks;
pub mod extends;
pub mod product;

pub use benchmarks::Benchmarks;
pub use extends::{Merged, Origins};
pub use product::{ResolvedRate, resolve_rate, to_product};
