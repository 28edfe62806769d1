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

/// The spec language's word for an enum value, as a designer writes it (`equal_installment`,
/// `CNY`, `risk_management`); empty for a value that is not a word.
pub fn word<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}
