//! Fee amounts and thresholds.

use rust_decimal::Decimal;
use serde_json::Value;

use super::{
    DecimalError, Money, Percent, UnitError, UnitResult, parse_plain_decimal, scalar_text, shape_error, strip_bp,
    too_large,
};
use crate::diagnostics::{Quoted, codes, quote};
use crate::text;

/// A fee: a percentage of principal (`0.5%`) or a fixed amount of money (`500`, `1万`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FeeAmount {
    Percent(Percent),
    Money(Money),
}

impl FeeAmount {
    pub(crate) fn parse_value(value: &Value) -> UnitResult<FeeAmount> {
        match scalar_text(value) {
            Some((s, false))
                if s.trim_end().ends_with('%') || strip_bp(s.trim()).is_some() || s.trim().starts_with("百分之") =>
            {
                Percent::parse_str(s).map(FeeAmount::Percent).map_err(|mut e| {
                    e.code = codes::INVALID_AMOUNT_OR_PERCENT;
                    e
                })
            }
            Some(_) => Money::parse_value(value).map(FeeAmount::Money).map_err(|mut e| {
                e.code = codes::INVALID_AMOUNT_OR_PERCENT;
                e.help = text!(
                    "write a percentage of the principal like `0.5%`, or a fixed amount like `500` or `1万`",
                    "请写本金的百分比，例如 `0.5%`，或固定金额，例如 `500` 或 `1万`"
                );
                e
            }),
            None => Err(shape_error(
                codes::INVALID_AMOUNT_OR_PERCENT,
                value,
                &text!("a fee amount", "费用金额"),
                "0.5%",
            )),
        }
    }
}

/// A metric threshold: a percentage (ratios), a plain number (hours, counts) or money (balances).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Threshold {
    Percent(Percent),
    Number(Decimal),
    Money(Money),
}

impl Threshold {
    pub(crate) fn display(self) -> String {
        match self {
            Threshold::Percent(p) => p.display(),
            Threshold::Number(n) => n.normalize().to_string(),
            Threshold::Money(m) => m.display(),
        }
    }

    pub(crate) fn parse_value(value: &Value) -> UnitResult<Threshold> {
        match scalar_text(value) {
            Some((s, true)) => match parse_plain_decimal(s.strip_prefix('-').unwrap_or(s), false) {
                Ok(d) if !s.starts_with('-') => Ok(Threshold::Number(d)),
                Err(DecimalError::TooLarge) => Err(too_large(Quoted(s))),
                _ => {
                    let shown = quote(s);
                    Err(UnitError::new(
                        codes::INVALID_THRESHOLD,
                        text!("{shown} is not a threshold", "{shown} 不是有效的阈值"),
                        text!(
                            "write a plain number (hours, customers), a percentage, or an amount",
                            "请写数字（小时、客户数）、百分比或金额"
                        ),
                    ))
                }
            },
            Some((s, false))
                if s.trim_end().ends_with('%') || strip_bp(s.trim()).is_some() || s.trim().starts_with("百分之") =>
            {
                Percent::parse_str(s).map(Threshold::Percent)
            }
            Some((s, false)) => Money::parse_str(s).map(Threshold::Money).map_err(|mut e| {
                e.code = codes::INVALID_THRESHOLD;
                e.help = text!(
                    "write a plain number (hours, customers), a percentage like `3%`, or an amount like `5000万`",
                    "请写数字（小时、客户数）、百分比（如 `3%`）或金额（如 `5000万`）"
                );
                e
            }),
            None => Err(shape_error(
                codes::INVALID_THRESHOLD,
                value,
                &text!("a threshold", "阈值"),
                "3%",
            )),
        }
    }
}
