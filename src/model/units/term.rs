//! Terms and durations.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde_json::Value;

use super::{
    DecimalError, UnitError, UnitResult, full_width_hint, parse_plain_decimal, scalar_text, shape_error, too_large,
    trimmed,
};
use crate::diagnostics::{Quoted, codes, quote};
use crate::text;

/// A loan term or a period: whole months, or days when shorter than a month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Term {
    Days(u32),
    Months(u32),
}

impl Term {
    /// A key that orders terms by length: days count as a fraction of a 30-day month.
    pub(crate) fn cmp_key(self) -> u64 {
        match self {
            Term::Days(d) => u64::from(d),
            Term::Months(m) => u64::from(m) * 30,
        }
    }

    pub fn display(self) -> String {
        match self {
            Term::Days(d) => format!("{d}D"),
            Term::Months(m) => format!("{m}M"),
        }
    }

    pub(crate) fn parse_value(value: &Value) -> UnitResult<Term> {
        match scalar_text(value) {
            Some((s, true)) => {
                let shown = quote(s);
                Err(UnitError::new(
                    codes::INVALID_TERM,
                    text!(
                        "{shown} is a bare number where a term is needed",
                        "{shown} 是裸数字，此处需要期限"
                    ),
                    if s.len() <= 1 {
                        text!(
                            "write `{s}M` for months or `{s}Y` for years",
                            "月请写 `{s}M`，年请写 `{s}Y`"
                        )
                    } else {
                        text!("write `{s}M` for months", "月份请写 `{s}M`")
                    },
                ))
            }
            Some((s, false)) => Term::parse_str(s),
            None => Err(shape_error(codes::INVALID_TERM, value, &text!("a term", "期限"), "12M")),
        }
    }

    pub fn parse_str(raw: &str) -> UnitResult<Term> {
        trimmed(raw, Self::parse_trimmed)
    }

    fn parse_trimmed(s: &str) -> UnitResult<Term> {
        let shown = Quoted(s);
        if let Some(err) = full_width_hint(s) {
            return Err(err);
        }
        let split = s.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(s.len());
        let (number, unit) = (&s[..split], s[split..].trim_start());
        let unit_at = s.len() - unit.len();
        // `1年半` is a year and a half, as `1.5Y` is: 18 months.
        let half_year = unit == "年半";
        let months_per = match unit {
            "M" | "个月" | "月" => Some(Decimal::ONE),
            "Y" | "y" | "年" | "年半" => Some(Decimal::from(12)),
            "D" | "d" | "天" | "日" => None,
            "期" => {
                // Periods: as long as the repayment frequency makes them, so never read as months.
                return Err(UnitError::new(
                    codes::INVALID_TERM,
                    text!(
                        "{shown} counts repayment periods, whose length depends on how often the loan is repaid",
                        "{shown} 是还款期数，每期多长取决于还款频率"
                    ),
                    text!(
                        "write the term itself: `{number}M` if the loan is repaid monthly",
                        "请写期限本身：按月还款时写 `{number}M`（{number}个月）"
                    ),
                )
                .at(unit_at..s.len()));
            }
            "m" => {
                return Err(UnitError::new(
                    codes::INVALID_TERM,
                    text!(
                        "{shown} could mean minutes or months",
                        "{shown} 可能表示分钟也可能表示月"
                    ),
                    text!("write `{number}M` for months", "月份请写 `{number}M`（大写 M）"),
                )
                .at(unit_at..s.len()));
            }
            "" => {
                return Err(UnitError::new(
                    codes::INVALID_TERM,
                    text!("the term {shown} has no unit", "期限 {shown} 没有单位"),
                    text!(
                        "write `{number}M` for months or `{number}Y` for years",
                        "月请写 `{number}M`，年请写 `{number}Y`"
                    ),
                )
                .at(s.len()..s.len()));
            }
            "h" | "H" | "小时" => {
                return Err(UnitError::new(
                    codes::INVALID_TERM,
                    text!(
                        "{shown} is in hours, but a term is counted in months or days",
                        "{shown} 以小时计，但期限按月或天计"
                    ),
                    text!(
                        "write a term like `12M`, `1Y` or `90D`; hours are only for `approval.decision_within`",
                        "期限请写 `12M`、`1Y` 或 `90D`；小时只用于 `approval.decision_within`"
                    ),
                )
                .at(unit_at..s.len()));
            }
            _ => {
                return Err(UnitError::new(
                    codes::INVALID_TERM,
                    text!("{shown} is not a term", "{shown} 不是有效期限"),
                    text!(
                        "write a number and a unit: `6M` (months), `1Y` (years) or `90D` (days)",
                        "请写数字加单位：`6M`（月）、`1Y`（年）或 `90D`（天）"
                    ),
                )
                .at(unit_at..s.len()));
            }
        };
        let value = match parse_plain_decimal(number, false) {
            Ok(v) => v,
            Err(DecimalError::TooLarge) => return Err(too_large(shown)),
            Err(_) => {
                return Err(UnitError::new(
                    codes::INVALID_TERM,
                    text!("{shown} is not a term", "{shown} 不是有效期限"),
                    text!(
                        "write a number and a unit: `6M` (months), `1Y` (years) or `90D` (days)",
                        "请写数字加单位：`6M`（月）、`1Y`（年）或 `90D`（天）"
                    ),
                )
                .at(0..split.max(1).min(s.len())));
            }
        };
        let whole = |d: Decimal| -> Option<u32> {
            if d.is_integer() && d <= Decimal::from(1200 * 30) {
                u32::from_str(&d.normalize().to_string()).ok()
            } else {
                None
            }
        };
        let value = match (half_year, value.is_integer()) {
            (true, true) => value + Decimal::new(5, 1),
            (true, false) => {
                return Err(UnitError::new(
                    codes::INVALID_TERM,
                    text!("{shown} is not a term", "{shown} 不是有效期限"),
                    text!(
                        "write a whole number of years and a half (`1年半`), or the months (`18M`)",
                        "请写整数年加半年（`1年半`），或写月数（`18M`）"
                    ),
                )
                .at(0..s.len()));
            }
            (false, _) => value,
        };
        match months_per {
            Some(per) => {
                let months = value.checked_mul(per).ok_or_else(|| too_large(shown))?;
                whole(months).map(Term::Months).ok_or_else(|| {
                    UnitError::new(
                        codes::INVALID_TERM,
                        text!("{shown} is not a whole number of months", "{shown} 不是整月数"),
                        text!(
                            "terms are whole months; write it in months, like `18M`",
                            "期限按整月计，请用月表示，例如 `18M`"
                        ),
                    )
                })
            }
            // Days are days: `60D` is a 60-day loan, repaid in one payment at its end, not two
            // months (which would run 59 to 62 days).
            None => whole(value).map(Term::Days).ok_or_else(|| {
                UnitError::new(
                    codes::INVALID_TERM,
                    text!("{shown} is not a whole number of days", "{shown} 不是整天数"),
                    text!(
                        "write whole days, like `90D`, or months, like `3M`",
                        "请写整天数，例如 `90D`，或写月数，例如 `3M`"
                    ),
                )
            }),
        }
    }
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

/// A short service duration, such as the time to an approval decision, in whole minutes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Duration {
    pub minutes: u32,
}

impl Duration {
    pub fn display(self) -> String {
        if self.minutes % (24 * 60) == 0 && self.minutes > 0 {
            format!("{}D", self.minutes / (24 * 60))
        } else if self.minutes % 60 == 0 {
            format!("{}h", self.minutes / 60)
        } else {
            format!("{}min", self.minutes)
        }
    }

    pub fn parse_value(value: &Value) -> UnitResult<Duration> {
        let (s, is_number) = scalar_text(value)
            .ok_or_else(|| shape_error(codes::INVALID_TERM, value, &text!("a duration", "时长"), "2h"))?;
        let shown = Quoted(s);
        if is_number {
            return Err(UnitError::new(
                codes::INVALID_TERM,
                text!(
                    "{shown} is a bare number where a duration is needed",
                    "{shown} 是裸数字，此处需要时长"
                ),
                text!(
                    "write `{s}h` for hours or `{s}D` for days",
                    "小时请写 `{s}h`，天请写 `{s}D`"
                ),
            ));
        }
        let t = s.trim();
        let split = t.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(t.len());
        let (number, unit) = (&t[..split], t[split..].trim_start());
        let per_unit = match unit {
            "min" | "分钟" => Decimal::ONE,
            "h" | "H" | "小时" => Decimal::from(60),
            "D" | "d" | "天" | "日" => Decimal::from(24 * 60),
            _ => {
                return Err(UnitError::new(
                    codes::INVALID_TERM,
                    text!("{shown} is not a duration", "{shown} 不是有效时长"),
                    text!(
                        "write a number and a unit: `30min`, `2h` or `3D`",
                        "请写数字加单位：`30min`、`2h` 或 `3D`"
                    ),
                ));
            }
        };
        let minutes = parse_plain_decimal(number, false)
            .ok()
            .and_then(|n| n.checked_mul(per_unit))
            .filter(|m| m.is_integer() && *m <= Decimal::from(366 * 24 * 60))
            .and_then(|m| u32::from_str(&m.normalize().to_string()).ok())
            .ok_or_else(|| {
                UnitError::new(
                    codes::INVALID_TERM,
                    text!(
                        "{shown} is not a whole number of minutes up to a year",
                        "{shown} 不是一年以内的整分钟数"
                    ),
                    text!("write it like `30min`, `2h` or `3D`", "请写成 `30min`、`2h` 或 `3D`"),
                )
            })?;
        Ok(Duration { minutes })
    }
}
