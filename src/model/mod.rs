//! The typed spec: what a product designer writes ([`spec`]), the catalogue config
//! ([`config`]), the resolved product that is compiled ([`product`]), and the units every value
//! is read in ([`units`]). No I/O happens here.

pub mod config;
pub mod pack;
pub mod product;
pub mod spec;
mod unit_schema;
pub mod units;

pub use unit_schema::UNIT_KEYWORD;
