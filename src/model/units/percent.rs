//! Percent and basis points.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde_json::Value;

use super::{
    DecimalError, UnitError, UnitResult, full_width_hint, parse_plain_decimal, scalar_text, shape_error, too_large,
    trimmed,
};
use crate::diagnostics::{Quoted, Text, codes, quote};
use crate::text;

/// A percentage, exact, at most 4 decimals (`4.35%` is `Percent(4.35)`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Percent(pub Decimal);

impl Percent {
    /// The canonical text: percent with 4 decimals (`1.5%` → `1.5000`).
    pub fn canonical(self) -> String {
        let mut d = self.0;
        d.rescale(4);
        d.to_string()
    }

    pub fn display(self) -> String {
        format!("{}%", self.0.normalize())
    }

    pub(crate) fn parse_value(value: &Value) -> UnitResult<Percent> {
        match scalar_text(value) {
            Some((s, true)) => {
                let shown = quote(s);
                let help = if Decimal::from_str(s).is_ok_and(|d| d > Decimal::ZERO && d < Decimal::ONE) {
                    let as_percent = Decimal::from_str(s)
                        .map(|d| (d * Decimal::ONE_HUNDRED).normalize())
                        .unwrap_or_default();
                    text!(
                        "write `{s}%` for {s} percent, or `{as_percent}%` if {s} is a fraction",
                        "{s} 个百分点请写 `{s}%`；如 {s} 是小数比例，请写 `{as_percent}%`"
                    )
                } else {
                    text!(
                        "write `{s}%` (or in basis points, like `150bp` for 1.5%)",
                        "请写 `{s}%`（或用基点，例如 1.5% 写作 `150bp`）"
                    )
                };
                Err(UnitError::new(
                    codes::INVALID_PERCENT,
                    text!(
                        "{shown} is a bare number where a percentage is needed",
                        "{shown} 是裸数字，此处需要百分比"
                    ),
                    help,
                ))
            }
            Some((s, false)) => Percent::parse_str(s),
            None => Err(shape_error(
                codes::INVALID_PERCENT,
                value,
                &text!("a percentage", "百分比"),
                "1.5%",
            )),
        }
    }

    pub fn parse_str(raw: &str) -> UnitResult<Percent> {
        trimmed(raw, Self::parse_trimmed)
    }

    fn parse_trimmed(s: &str) -> UnitResult<Percent> {
        let shown = Quoted(s);
        if let Some(err) = chinese_percent_hint(s) {
            return Err(err);
        }
        if let Some(err) = full_width_hint(s) {
            return Err(err);
        }
        if let Some(bp) = strip_bp(s) {
            let number = bp.trim_end();
            // A sign is written against the number, as in `+50bp`; a minus is never right here
            // (`-0bp` too), whatever the number.
            if number.starts_with('-') {
                return Err(negative_percent(shown));
            }
            if number
                .strip_prefix('+')
                .is_some_and(|rest| rest.starts_with(char::is_whitespace))
            {
                return Err(UnitError::new(
                    codes::INVALID_PERCENT,
                    text!("{shown} has a space after its sign", "{shown} 的正号后有空格"),
                    text!(
                        "write basis points as a number followed by `bp`, like `150bp`",
                        "请写数字加 `bp`，例如 `150bp`"
                    ),
                ));
            }
            let bp = BasisPoints::parse_number(number, s)?;
            return Ok(Percent(Decimal::from(bp.0) / Decimal::ONE_HUNDRED));
        }
        let Some(number) = s.strip_suffix('%') else {
            return Err(UnitError::new(
                codes::INVALID_PERCENT,
                text!("{shown} is not a percentage", "{shown} 不是百分比"),
                text!(
                    "write a number followed by `%`, like `1.5%`, or basis points like `150bp`",
                    "请写数字加 `%`，例如 `1.5%`，或基点，例如 `150bp`"
                ),
            )
            .at(s.len()..s.len()));
        };
        let number = number.trim_end();
        if number.starts_with('-') {
            return Err(negative_percent(shown).at(0..1));
        }
        let value = match parse_plain_decimal(number.strip_prefix('+').unwrap_or(number), false) {
            Ok(v) => v,
            Err(DecimalError::TooLarge) => return Err(too_large(shown)),
            Err(_) => {
                return Err(UnitError::new(
                    codes::INVALID_PERCENT,
                    text!("{shown} is not a percentage", "{shown} 不是百分比"),
                    text!(
                        "write a number followed by `%`, like `1.5%`",
                        "请写数字加 `%`，例如 `1.5%`"
                    ),
                ));
            }
        };
        if value.normalize().scale() > 4 {
            return Err(UnitError::new(
                codes::INVALID_PERCENT,
                text!("{shown} has more than 4 decimals", "{shown} 的小数超过 4 位"),
                text!(
                    "percentages are kept to 4 decimals (0.0001%); round it",
                    "百分比保留 4 位小数（0.0001%），请四舍五入"
                ),
            ));
        }
        Ok(Percent(value))
    }
}

/// `百分之二` (and `百分之2.5`, `百分之十五`, `百分之零点五`): a percentage said in words, which
/// is not read as one (a spec's numbers are written in digits, so a review sees the figure
/// itself), but told the figure it says, offered as the fix. Anything else after `百分之` is told
/// to write digits and `%`.
pub(super) fn chinese_percent_hint(s: &str) -> Option<UnitError> {
    let said = s.trim().strip_prefix("百分之")?;
    let shown = Quoted(s.trim());
    let Some(value) = chinese_number(said.trim()) else {
        return Some(UnitError::new(
            codes::INVALID_PERCENT,
            text!(
                "{shown} is not a percentage loanspec reads",
                "{shown} 不是 loanspec 能读的百分比"
            ),
            text!(
                "write the figure in digits followed by `%`, like `2%`",
                "请用阿拉伯数字加 `%` 写，例如 `2%`"
            ),
        ));
    };
    let percent = format!("{}%", value.normalize());
    Some(
        UnitError::new(
            codes::INVALID_PERCENT,
            text!("{shown} is written in words", "{shown} 是用汉字写的百分比"),
            text!(
                "it reads as {percent}: write `{percent}`",
                "它是 {percent}：请写 `{percent}`"
            ),
        )
        .suggest(percent),
    )
}

/// A number said in Chinese up to 100 (`二`, `十五`, `二十`, `三十五`, `一百`, with `点` and
/// digits after it: `四点三五`), or written in digits (`4.35`); `None` for anything else.
fn chinese_number(s: &str) -> Option<Decimal> {
    if let Ok(d) = parse_plain_decimal(s, false) {
        return Some(d);
    }
    let digit = |c: char| {
        "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .or((c == '〇').then_some(0))
            .or((c == '两').then_some(2))
    };
    let (whole, fraction) = s.split_once('点').map_or((s, None), |(w, f)| (w, Some(f)));
    let chars: Vec<char> = whole.chars().collect();
    let whole: u32 = match chars.as_slice() {
        ['十'] => 10,
        [d] => u32::try_from(digit(*d)?).ok()?,
        ['十', u] => 10 + u32::try_from(digit(*u)?).ok()?,
        [t, '十'] => 10 * u32::try_from(digit(*t)?).ok()?,
        [t, '十', u] => 10 * u32::try_from(digit(*t)?).ok()? + u32::try_from(digit(*u)?).ok()?,
        ['一', '百'] => 100,
        _ => return None,
    };
    let mut text = whole.to_string();
    if let Some(fraction) = fraction {
        if fraction.is_empty() {
            return None;
        }
        text.push('.');
        for c in fraction.chars() {
            text.push(char::from_digit(u32::try_from(digit(c)?).ok()?, 10)?);
        }
    }
    parse_plain_decimal(&text, false).ok()
}

pub(super) fn negative_percent(shown: impl std::fmt::Display) -> UnitError {
    UnitError::new(
        codes::INVALID_PERCENT,
        text!("the percentage {shown} is negative", "百分比 {shown} 为负数"),
        text!(
            "write it without a sign; a spread below the benchmark is written in the rate, like `LPR5Y - 20bp`",
            "请不要带负号；低于基准的加点写在利率里，例如 `LPR5Y - 20bp`"
        ),
    )
}

pub(super) fn strip_bp(s: &str) -> Option<&str> {
    let lower = s.to_ascii_lowercase();
    // 基点 (and 个基点, as it is said) is the Chinese for basis point and means nothing else.
    ["bps", "bp", "个基点", "基点"]
        .iter()
        .find_map(|suffix| lower.ends_with(suffix).then(|| &s[..s.len() - suffix.len()]))
}

/// Basis points, whole (`50bp`; 100bp = 1%). May be negative (a spread below the benchmark).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BasisPoints(pub i64);

/// What to write for a number without a unit where a spread in basis points goes: both
/// readings, and never a fractional basis point, which loanspec refuses (`LPR1Y + 0.8` once got
/// "write `0.8bp`", then "round it", and the rounded `1bp` was a 79bp mispricing of the 0.8% meant).
pub(crate) fn unitless_spread_help(s: &str) -> Text {
    match super::parse_plain_decimal(s, false) {
        Ok(d) if d.is_integer() => text!(
            "write `{s}bp` for {s} basis points, or `{s}%` for {s} percent",
            "若是 {s} 个基点，请写 `{s}bp`；若是 {s}%，请写 `{s}%`"
        ),
        // With decimals it cannot be basis points (they are whole): a percentage.
        Ok(d) => {
            let bp = (d * Decimal::ONE_HUNDRED).normalize();
            if bp.is_integer() {
                text!("write `{s}%` (= `{bp}bp`)", "请写 `{s}%`（即 `{bp}bp`）")
            } else {
                text!("write it as a percentage, `{s}%`", "请写成百分比 `{s}%`")
            }
        }
        Err(_) => text!(
            "write basis points, like `50bp`, or a percentage, like `0.5%`",
            "请写基点，例如 `50bp`，或百分比，例如 `0.5%`"
        ),
    }
}

/// For basis points written with decimals (`12.5bp`): the two whole numbers around it, and,
/// under one basis point (`0.8bp`), the percentage it most likely was (`0.8%` = `80bp`).
fn fractional_bp_help(s: &str, d: Decimal) -> Text {
    let (low, high) = (d.floor().normalize(), d.ceil().normalize());
    let bp = (d * Decimal::ONE_HUNDRED).normalize();
    if d.abs() < Decimal::ONE && bp.is_integer() {
        text!(
            "basis points are whole (1bp = 0.01%); if you meant {s}%, write `{bp}bp` or `{s}%`",
            "基点必须是整数（1bp = 0.01%）；若是 {s}%，请写 `{bp}bp` 或 `{s}%`"
        )
    } else {
        text!(
            "basis points are whole (1bp = 0.01%): write `{low}bp` or `{high}bp`, whichever the bank quotes",
            "基点必须是整数（1bp = 0.01%）：请按本行报价写 `{low}bp` 或 `{high}bp`"
        )
    }
}

impl BasisPoints {
    pub fn display(self) -> String {
        format!("{}bp", self.0)
    }

    pub(crate) fn parse_value(value: &Value) -> UnitResult<BasisPoints> {
        match scalar_text(value) {
            Some((s, true)) => {
                let shown = quote(s);
                Err(UnitError::new(
                    codes::INVALID_BP,
                    text!(
                        "{shown} is a bare number where basis points are needed",
                        "{shown} 是裸数字，此处需要基点"
                    ),
                    unitless_spread_help(s),
                ))
            }
            Some((s, false)) => BasisPoints::parse_str(s),
            None => Err(shape_error(
                codes::INVALID_BP,
                value,
                &text!("basis points", "基点"),
                "50bp",
            )),
        }
    }

    pub fn parse_str(raw: &str) -> UnitResult<BasisPoints> {
        trimmed(raw, Self::parse_trimmed)
    }

    fn parse_trimmed(s: &str) -> UnitResult<BasisPoints> {
        if let Some(mut err) = chinese_percent_hint(s) {
            err.code = codes::INVALID_BP;
            Err(err)
        } else if let Some(err) = full_width_hint(s) {
            Err(err)
        } else if let Some(number) = strip_bp(s) {
            Self::parse_number(number.trim_end(), s)
        } else if let Some(number) = s.strip_suffix('%') {
            Self::from_percent_text(number.trim_end(), s)
        } else {
            let shown = quote(s);
            Err(UnitError::new(
                codes::INVALID_BP,
                text!("{shown} is not in basis points", "{shown} 不是基点"),
                text!(
                    "write a whole number followed by `bp`, like `50bp` or `-20bp`",
                    "请写整数加 `bp`，例如 `50bp` 或 `-20bp`"
                ),
            )
            .at(s.len()..s.len()))
        }
    }

    /// `number` is the text before `bp`, `whole` the full value for messages.
    fn parse_number(number: &str, whole: &str) -> UnitResult<BasisPoints> {
        let shown = Quoted(whole);
        let (negative, digits) = signed(number);
        match parse_plain_decimal(digits, false) {
            Ok(d) if d.is_integer() => {
                let n = i64::try_from(d.mantissa() / 10i128.pow(d.scale())).map_err(|_| too_large(shown))?;
                if n > 100_000 {
                    return Err(too_large(shown));
                }
                Ok(BasisPoints(if negative { -n } else { n }))
            }
            Ok(d) => Err(UnitError::new(
                codes::INVALID_BP,
                text!("{shown} is not a whole number of basis points", "{shown} 不是整数基点"),
                fractional_bp_help(number.trim(), if negative { -d } else { d }),
            )),
            Err(DecimalError::TooLarge) => Err(too_large(shown)),
            Err(_) => Err(UnitError::new(
                codes::INVALID_BP,
                text!("{shown} is not in basis points", "{shown} 不是基点"),
                text!(
                    "write a whole number followed by `bp`, like `50bp` or `-20bp`",
                    "请写整数加 `bp`，例如 `50bp` 或 `-20bp`"
                ),
            )),
        }
    }

    fn from_percent_text(number: &str, whole: &str) -> UnitResult<BasisPoints> {
        let shown = Quoted(whole);
        let (negative, digits) = signed(number);
        let pct = parse_plain_decimal(digits, false).map_err(|_| {
            UnitError::new(
                codes::INVALID_BP,
                text!("{shown} is not a percentage", "{shown} 不是百分比"),
                text!(
                    "write basis points like `50bp`, or a percentage like `0.50%`",
                    "请写基点，例如 `50bp`，或百分比，例如 `0.50%`"
                ),
            )
        })?;
        let bp = pct.checked_mul(Decimal::ONE_HUNDRED).ok_or_else(|| too_large(shown))?;
        if !bp.is_integer() {
            return Err(UnitError::new(
                codes::INVALID_BP,
                text!("{shown} is not a whole number of basis points", "{shown} 不是整数基点"),
                text!(
                    "a spread is whole basis points (0.01%); round it",
                    "加点必须是整数基点（0.01%），请取整"
                ),
            ));
        }
        let n = i64::try_from(bp.mantissa() / 10i128.pow(bp.scale())).map_err(|_| too_large(shown))?;
        Ok(BasisPoints(if negative { -n } else { n }))
    }
}

pub(super) fn signed(s: &str) -> (bool, &str) {
    if let Some(rest) = s.strip_prefix('-') {
        (true, rest.trim_start())
    } else {
        (false, s.strip_prefix('+').map_or(s, str::trim_start))
    }
}

/// An LPR fixing older than this many days at the as-of date is probably not the latest: warn
/// (LS127), and say so on a disclosure form.
pub(crate) const STALE_AFTER_DAYS: i64 = 45;
