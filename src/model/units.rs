//! Units read from the text as written: money, percent, basis points, terms, durations, dates
//! and the rate grammar. Every amount is a `Decimal` built from the digits; no value goes
//! through `f64`.
//!
//! Each parser takes the YAML value (text, number, or anything else a designer may have typed)
//! and either returns the unit or a [`UnitError`] that says what is wrong, where inside the text
//! (byte range), and how to write it instead.

use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::Value;

use crate::diagnostics::{CodeInfo, Quoted, Text, codes, describe, quote};
use crate::text;

/// Why a value could not be read as a unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitError {
    pub code: &'static CodeInfo,
    pub message: Text,
    pub help: Text,
    /// Byte range inside the value's text that is wrong, when narrower than the whole value.
    pub at: Option<Range<usize>>,
}

impl UnitError {
    fn new(code: &'static CodeInfo, message: Text, help: Text) -> Self {
        Self {
            code,
            message,
            help,
            at: None,
        }
    }

    #[must_use]
    fn at(mut self, range: Range<usize>) -> Self {
        self.at = Some(range);
        self
    }

    fn shift(mut self, by: usize) -> Self {
        self.at = self.at.map(|r| r.start + by..r.end + by);
        self
    }
}

type UnitResult<T> = Result<T, UnitError>;

/// The text of a scalar, whether written as text or as a number; `None` for anything else.
fn scalar_text(value: &Value) -> Option<(&str, bool)> {
    match value {
        Value::String(s) => Some((s.as_str(), false)),
        Value::Number(n) => Some((n.as_str(), true)),
        _ => None,
    }
}

fn shape_error(code: &'static CodeInfo, value: &Value, what: &Text, example: &str) -> UnitError {
    let found = describe(value);
    let (found_en, found_zh) = (found.en, found.zh);
    let what_en = &what.en;
    let what_zh = &what.zh;
    UnitError::new(
        code,
        text!(
            "expected {what_en}, found {found_en}",
            "此处应为{what_zh}，实际是{found_zh}"
        ),
        text!("write it like `{example}`", "请按 `{example}` 的格式书写"),
    )
}

/// Parses the value without its surrounding blanks; an error's range still counts from the
/// start of the value as written.
fn trimmed<T>(raw: &str, parse: impl FnOnce(&str) -> UnitResult<T>) -> UnitResult<T> {
    let lead = raw.len() - raw.trim_start().len();
    parse(raw.trim()).map_err(|e| e.shift(lead))
}

/// Full-width characters a Chinese input method produces; they look right but are not digits.
fn full_width_hint(s: &str) -> Option<UnitError> {
    let (i, c) = s
        .char_indices()
        .find(|(_, c)| matches!(c, '０'..='９' | '，' | '．' | '％' | '－' | '＋' | '　'))?;
    let shown = c.to_string();
    Some(
        UnitError::new(
            codes::INVALID_VALUE,
            text!("`{shown}` is a full-width character", "`{shown}` 是全角字符"),
            text!(
                "switch the input method to half-width (半角) and retype the digits and signs",
                "请把输入法切换到半角，重新输入数字和符号"
            ),
        )
        .at(i..i + c.len_utf8()),
    )
}

/// Reads `[0-9]+(\.[0-9]+)?` exactly, with `,` allowed between groups of three digits.
fn parse_plain_decimal(s: &str, allow_commas: bool) -> Result<Decimal, DecimalError> {
    if s.is_empty() {
        return Err(DecimalError::Syntax(0));
    }
    let (int_part, frac_part) = match s.find('.') {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    if let Some(bad) = s
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || (*c == ',' && allow_commas)))
    {
        return Err(DecimalError::Syntax(bad.0));
    }
    if int_part.is_empty() {
        return Err(DecimalError::Syntax(0));
    }
    if let Some(frac) = frac_part {
        if frac.is_empty() || frac.contains(['.', ',']) {
            return Err(DecimalError::Syntax(
                int_part.len() + 1 + frac.find(['.', ',']).unwrap_or(0),
            ));
        }
    }
    let digits: String = if int_part.contains(',') {
        let groups: Vec<&str> = int_part.split(',').collect();
        let well_grouped =
            groups.first().is_some_and(|g| (1..=3).contains(&g.len())) && groups.iter().skip(1).all(|g| g.len() == 3);
        if !well_grouped {
            return Err(DecimalError::Grouping);
        }
        groups.concat()
    } else {
        int_part.to_owned()
    };
    let exact = match frac_part {
        Some(frac) => format!("{digits}.{frac}"),
        None => digits,
    };
    Decimal::from_str_exact(&exact).map_err(|_| DecimalError::TooLarge)
}

enum DecimalError {
    /// Byte offset of the first character that is not part of a number.
    Syntax(usize),
    Grouping,
    TooLarge,
}

fn too_large(shown: impl std::fmt::Display) -> UnitError {
    UnitError::new(
        codes::NUMBER_TOO_LARGE,
        text!(
            "{shown} is too large or has too many digits to hold exactly",
            "{shown} 数值过大或位数过多，无法精确保存"
        ),
        text!(
            "amounts and rates are kept exactly to 28 significant digits; check for extra zeros",
            "金额和利率最多精确保存 28 位有效数字；请检查是否多写了零"
        ),
    )
}

// ---------------------------------------------------------------------------------------------
// Money

/// An amount of money in the product's currency, exact to the fen (2 decimals).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(pub Decimal);

impl Money {
    /// The canonical text: 2 decimals (`5000000.00`).
    pub fn canonical(self) -> String {
        let mut d = self.0;
        d.rescale(2);
        d.to_string()
    }

    /// How a designer would write it back: `500万`, `1.5亿`, or plain digits.
    pub fn display(self) -> String {
        let wan = Decimal::from(10_000);
        let yi = Decimal::from(100_000_000);
        if self.0 >= yi && (self.0 % (yi / Decimal::from(100))).is_zero() {
            format!("{}亿", (self.0 / yi).normalize())
        } else if self.0 >= wan && (self.0 % Decimal::from(100)).is_zero() {
            format!("{}万", (self.0 / wan).normalize())
        } else {
            self.0.normalize().to_string()
        }
    }

    pub fn parse_value(value: &Value) -> UnitResult<Money> {
        let Some((s, is_number)) = scalar_text(value) else {
            return Err(shape_error(
                codes::INVALID_MONEY,
                value,
                &text!("an amount of money", "金额"),
                "500万",
            ));
        };
        if is_number && s.contains(['e', 'E']) {
            let shown = quote(s);
            return Err(UnitError::new(
                codes::NUMBER_TOO_LARGE,
                text!("{shown} is written in scientific notation", "{shown} 使用了科学计数法"),
                text!(
                    "write amounts in digits or with 万/亿, like `5000000` or `500万`",
                    "金额请写成数字或用万/亿，例如 `5000000` 或 `500万`"
                ),
            ));
        }
        Money::parse_str(s)
    }

    pub fn parse_str(raw: &str) -> UnitResult<Money> {
        trimmed(raw, Self::parse_trimmed)
    }

    fn parse_trimmed(s: &str) -> UnitResult<Money> {
        let shown = Quoted(s);
        if let Some(err) = full_width_hint(s) {
            return Err(err);
        }
        if s.starts_with('-') {
            return Err(UnitError::new(
                codes::INVALID_MONEY,
                text!("the amount {shown} is negative", "金额 {shown} 为负数"),
                text!("amounts are written without a sign", "金额不带正负号"),
            )
            .at(0..1));
        }
        if let Some(c) = s.chars().next().filter(|c| matches!(c, '¥' | '￥' | '$' | '€' | '£')) {
            let sym = c.to_string();
            return Err(UnitError::new(
                codes::INVALID_MONEY,
                text!(
                    "the amount {shown} starts with a currency sign",
                    "金额 {shown} 以货币符号开头"
                ),
                text!(
                    "write the number alone, like `500万`; the currency is set once, in `amount.currency`",
                    "只写数字，例如 `500万`；币种在 `amount.currency` 中统一设置"
                ),
            )
            .at(0..sym.len()));
        }
        let body = s.strip_suffix('元').unwrap_or(s);
        let (number, multiplier) = [
            ("千万", 10_000_000u64),
            ("百万", 1_000_000),
            ("亿", 100_000_000),
            ("万", 10_000),
        ]
        .iter()
        .find_map(|(suffix, m)| body.strip_suffix(suffix).map(|n| (n.trim_end(), *m)))
        .unwrap_or((body, 1));
        let value = match parse_plain_decimal(number, true) {
            Ok(v) => v,
            Err(DecimalError::TooLarge) => return Err(too_large(shown)),
            Err(DecimalError::Grouping) => {
                return Err(UnitError::new(
                    codes::INVALID_MONEY,
                    text!(
                        "the amount {shown} has commas in the wrong places",
                        "金额 {shown} 的逗号位置不对"
                    ),
                    text!(
                        "put a comma every three digits (`5,000,000`), or leave commas out",
                        "每三位加一个逗号（`5,000,000`），或不加逗号"
                    ),
                ));
            }
            Err(DecimalError::Syntax(at)) => {
                let bad = number[at..].chars().next().map_or(at..at, |c| at..at + c.len_utf8());
                return Err(UnitError::new(
                    codes::INVALID_MONEY,
                    text!("{shown} is not an amount of money", "{shown} 不是有效的金额"),
                    text!(
                        "write digits with an optional 万 or 亿: `5000000`, `5,000,000`, `500万`, `1.5亿`",
                        "请写数字，可带万或亿：`5000000`、`5,000,000`、`500万`、`1.5亿`"
                    ),
                )
                .at(bad));
            }
        };
        let amount = value
            .checked_mul(Decimal::from(multiplier))
            .ok_or_else(|| too_large(shown))?;
        if amount.normalize().scale() > 2 {
            return Err(UnitError::new(
                codes::INVALID_MONEY,
                text!(
                    "the amount {shown} has more than 2 decimals",
                    "金额 {shown} 的小数超过 2 位"
                ),
                text!(
                    "amounts are exact to the fen (0.01); round it to 2 decimals",
                    "金额精确到分（0.01），请保留 2 位小数"
                ),
            ));
        }
        Ok(Money(amount))
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

// ---------------------------------------------------------------------------------------------
// Percent and basis points

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

    pub fn parse_value(value: &Value) -> UnitResult<Percent> {
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
        if let Some(err) = full_width_hint(s) {
            return Err(err);
        }
        if let Some(bp) = strip_bp(s) {
            let bp = BasisPoints::parse_number(bp.trim_end(), s)?;
            if bp.0 < 0 {
                return Err(negative_percent(shown));
            }
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

fn negative_percent(shown: impl std::fmt::Display) -> UnitError {
    UnitError::new(
        codes::INVALID_PERCENT,
        text!("the percentage {shown} is negative", "百分比 {shown} 为负数"),
        text!(
            "write it without a sign; a spread below the benchmark is written in the rate, like `LPR5Y - 20bp`",
            "请不要带负号；低于基准的加点写在利率里，例如 `LPR5Y - 20bp`"
        ),
    )
}

fn strip_bp(s: &str) -> Option<&str> {
    let lower = s.to_ascii_lowercase();
    ["bps", "bp"]
        .iter()
        .find_map(|suffix| lower.ends_with(suffix).then(|| &s[..s.len() - suffix.len()]))
}

/// Basis points, whole (`50bp`; 100bp = 1%). May be negative (a spread below the benchmark).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BasisPoints(pub i64);

impl BasisPoints {
    pub fn display(self) -> String {
        format!("{}bp", self.0)
    }

    pub fn parse_value(value: &Value) -> UnitResult<BasisPoints> {
        match scalar_text(value) {
            Some((s, true)) => {
                let shown = quote(s);
                Err(UnitError::new(
                    codes::INVALID_BP,
                    text!(
                        "{shown} is a bare number where basis points are needed",
                        "{shown} 是裸数字，此处需要基点"
                    ),
                    text!(
                        "write `{s}bp` (100bp = 1%), or a percentage like `0.5%`",
                        "请写 `{s}bp`（100bp = 1%），或写百分比，例如 `0.5%`"
                    ),
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
        if let Some(err) = full_width_hint(s) {
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
            Ok(_) => Err(UnitError::new(
                codes::INVALID_BP,
                text!("{shown} is not a whole number of basis points", "{shown} 不是整数基点"),
                text!(
                    "basis points are whole (1bp = 0.01%); round it",
                    "基点必须是整数（1bp = 0.01%），请取整"
                ),
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

fn signed(s: &str) -> (bool, &str) {
    if let Some(rest) = s.strip_prefix('-') {
        (true, rest.trim_start())
    } else {
        (false, s.strip_prefix('+').map_or(s, str::trim_start))
    }
}

/// An LPR fixing older than this many days at the as-of date is probably not the latest: warn
/// (LS127), and say so on a disclosure form.
pub const STALE_AFTER_DAYS: i64 = 45;

// ---------------------------------------------------------------------------------------------
// Terms and durations

/// A loan term or a period: whole months, or days when shorter than a month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Term {
    Days(u32),
    Months(u32),
}

impl Term {
    /// A key that orders terms by length: days count as a fraction of a 30-day month.
    pub fn cmp_key(self) -> u64 {
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

    pub fn parse_value(value: &Value) -> UnitResult<Term> {
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
        let months_per = match unit {
            "M" | "个月" | "月" => Some(Decimal::ONE),
            "Y" | "y" | "年" => Some(Decimal::from(12)),
            "D" | "d" | "天" | "日" => None,
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

// ---------------------------------------------------------------------------------------------
// Dates

/// A calendar date, written `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Date {
    pub fn canonical(self) -> String {
        self.0.format("%Y-%m-%d").to_string()
    }

    pub fn parse_value(value: &Value) -> UnitResult<Date> {
        let (s, _) = scalar_text(value)
            .ok_or_else(|| shape_error(codes::INVALID_DATE, value, &text!("a date", "日期"), "2025-09-01"))?;
        Date::parse_str(s)
    }

    pub fn parse_str(raw: &str) -> UnitResult<Date> {
        let s = raw.trim();
        let shown = Quoted(s);
        let well_formed = s.len() == 10
            && s.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        if well_formed {
            let num = |r: std::ops::Range<usize>| s.get(r).and_then(|t| t.parse::<u32>().ok()).unwrap_or(0);
            let year = i32::try_from(num(0..4)).unwrap_or(0);
            return NaiveDate::from_ymd_opt(year, num(5..7), num(8..10))
                .map(Date)
                .ok_or_else(|| {
                    UnitError::new(
                        codes::INVALID_DATE,
                        text!("{shown} is not a day of the calendar", "{shown} 不是日历上存在的日期"),
                        text!("check the month and the day", "请检查月份和日期"),
                    )
                });
        }
        // Forms designers often type: 2025/9/1, 2025.09.01, 2025年9月1日, 20250901.
        let guess = guess_date(s).map(|d| d.format("%Y-%m-%d").to_string());
        let help = match guess {
            Some(g) => text!("write dates as year-month-day: `{g}`", "日期请写成年-月-日：`{g}`"),
            None => text!(
                "write dates as year-month-day, like `2025-09-01`",
                "日期请写成年-月-日，例如 `2025-09-01`"
            ),
        };
        Err(UnitError::new(
            codes::INVALID_DATE,
            text!(
                "{shown} is not a date in the form YYYY-MM-DD",
                "{shown} 不是 YYYY-MM-DD 格式的日期"
            ),
            help,
        ))
    }
}

fn guess_date(s: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    let (y, m, d) = match parts.as_slice() {
        [y, m, d] => (*y, *m, *d),
        [all] if all.len() == 8 => (&all[..4], &all[4..6], &all[6..]),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical())
    }
}

// ---------------------------------------------------------------------------------------------
// Rates

/// A loan-market benchmark.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
pub enum Benchmark {
    /// The 1-year Loan Prime Rate (1年期 LPR).
    #[serde(rename = "LPR1Y")]
    Lpr1y,
    /// The over-5-year Loan Prime Rate (5年期以上 LPR), the usual mortgage benchmark.
    #[serde(rename = "LPR5Y")]
    Lpr5y,
}

impl Benchmark {
    pub fn as_str(self) -> &'static str {
        match self {
            Benchmark::Lpr1y => "LPR1Y",
            Benchmark::Lpr5y => "LPR5Y",
        }
    }
}

/// A rate in the short form: `4.35%` (fixed) or `LPR1Y + 50bp` (benchmark plus a spread).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RateExpr {
    Fixed(Percent),
    Floating { benchmark: Benchmark, spread: BasisPoints },
}

impl RateExpr {
    pub fn parse_value(value: &Value) -> UnitResult<RateExpr> {
        match scalar_text(value) {
            Some((s, true)) => {
                let shown = quote(s);
                Err(UnitError::new(
                    codes::INVALID_RATE,
                    text!(
                        "{shown} is a bare number where a rate is needed",
                        "{shown} 是裸数字，此处需要利率"
                    ),
                    text!(
                        "write a fixed rate as `{s}%`, or a floating one as `LPR1Y + 50bp`",
                        "固定利率请写 `{s}%`，浮动利率请写 `LPR1Y + 50bp`"
                    ),
                ))
            }
            Some((s, false)) => RateExpr::parse_str(s),
            None => Err(shape_error(
                codes::INVALID_RATE,
                value,
                &text!("a rate", "利率"),
                "LPR1Y + 50bp",
            )),
        }
    }

    /// Parses `BENCHMARK (+|-) SPREAD` or `PERCENT`; an error's range points at the first
    /// character that does not fit.
    pub fn parse_str(s: &str) -> UnitResult<RateExpr> {
        let shown = Quoted(s.trim());
        let mut cursor = Cursor { s, pos: 0 };
        cursor.skip_ws();
        if cursor.rest().is_empty() {
            return Err(UnitError::new(
                codes::INVALID_RATE,
                text!("the rate is empty", "利率为空"),
                text!(
                    "write `LPR1Y + 50bp` or a fixed rate like `4.35%`",
                    "请写 `LPR1Y + 50bp` 或固定利率，例如 `4.35%`"
                ),
            ));
        }
        if let Some(err) = full_width_hint(s) {
            return Err(err);
        }
        let word_start = cursor.pos;
        let word = cursor.take_while(|c| c.is_ascii_alphanumeric());
        if word.is_empty() || word.starts_with(|c: char| c.is_ascii_digit()) {
            // A fixed rate: the whole (trimmed) text must be a percentage.
            let body = s.trim();
            if body.starts_with(['+', '-']) && !body.contains('%') {
                return Err(bad_rate_start(shown, word_start));
            }
            return Percent::parse_str(body).map(RateExpr::Fixed).map_err(|mut e| {
                e.code = codes::INVALID_RATE;
                if !body.ends_with('%') && strip_bp(body).is_none() {
                    e.help = text!(
                        "a fixed rate ends with `%` (`4.35%`); a floating rate names its benchmark (`LPR1Y + 50bp`)",
                        "固定利率以 `%` 结尾（`4.35%`）；浮动利率需写明基准（`LPR1Y + 50bp`）"
                    );
                }
                e.shift(word_start)
            });
        }
        let benchmark = match word.to_ascii_uppercase().as_str() {
            "LPR1Y" => Benchmark::Lpr1y,
            "LPR5Y" => Benchmark::Lpr5y,
            upper => {
                let shown_word = quote(word);
                let help = if upper == "LPR" {
                    text!(
                        "LPR has two tenors: write `LPR1Y` (1-year, most loans) or `LPR5Y` (over 5 years, mortgages)",
                        "LPR 有两个期限品种：`LPR1Y`（1年期，多数贷款）或 `LPR5Y`（5年期以上，房贷）"
                    )
                } else if upper.starts_with("LPR") {
                    text!(
                        "the LPR is published for 1 year and over 5 years only: write `LPR1Y` or `LPR5Y`",
                        "LPR 只有 1 年期和 5 年期以上两个品种：请写 `LPR1Y` 或 `LPR5Y`"
                    )
                } else {
                    text!(
                        "a floating rate starts with `LPR1Y` or `LPR5Y`; a fixed rate is a percentage like `4.35%`",
                        "浮动利率以 `LPR1Y` 或 `LPR5Y` 开头；固定利率写百分比，例如 `4.35%`"
                    )
                };
                return Err(UnitError::new(
                    codes::INVALID_RATE,
                    text!("{shown_word} is not a benchmark", "{shown_word} 不是利率基准"),
                    help,
                )
                .at(word_start..word_start + word.len()));
            }
        };
        cursor.skip_ws();
        if cursor.rest().is_empty() {
            return Ok(RateExpr::Floating {
                benchmark,
                spread: BasisPoints(0),
            });
        }
        let sign_at = cursor.pos;
        let negative = match cursor.peek() {
            Some('+') => false,
            Some('-') => true,
            _ => {
                let found = cursor.rest().chars().next().map(String::from).unwrap_or_default();
                let found = quote(&found);
                return Err(UnitError::new(
                    codes::INVALID_RATE,
                    text!(
                        "expected `+` or `-` after the benchmark in {shown}, found {found}",
                        "{shown} 中基准后应为 `+` 或 `-`，实际是 {found}"
                    ),
                    text!(
                        "write the spread with its sign, like `LPR1Y + 50bp`",
                        "加点请带符号，例如 `LPR1Y + 50bp`"
                    ),
                )
                .at(sign_at..sign_at + cursor.peek().map_or(0, char::len_utf8)));
            }
        };
        cursor.pos += 1;
        cursor.skip_ws();
        let spread_at = cursor.pos;
        let spread_text = cursor.rest().trim_end();
        if spread_text.is_empty() {
            return Err(UnitError::new(
                codes::INVALID_RATE,
                text!(
                    "the spread is missing after the sign in {shown}",
                    "{shown} 中符号后缺少加点"
                ),
                text!("write it like `LPR1Y + 50bp`", "请写成 `LPR1Y + 50bp`"),
            )
            .at(spread_at..spread_at));
        }
        if spread_text.starts_with(['+', '-']) {
            return Err(UnitError::new(
                codes::INVALID_RATE,
                text!("the spread in {shown} has two signs", "{shown} 中的加点有两个符号"),
                text!(
                    "write one sign, like `LPR5Y - 20bp`",
                    "只写一个符号，例如 `LPR5Y - 20bp`"
                ),
            )
            .at(spread_at..spread_at + 1));
        }
        let is_unitless = spread_text.bytes().all(|b| b.is_ascii_digit() || b == b'.');
        if is_unitless {
            return Err(UnitError::new(
                codes::INVALID_RATE,
                text!(
                    "the spread {spread_text} in {shown} has no unit",
                    "{shown} 中的加点 {spread_text} 没有单位"
                ),
                text!(
                    "write basis points, like `{spread_text}bp`, or a percentage, like `0.5%`",
                    "请写基点，例如 `{spread_text}bp`，或百分比，例如 `0.5%`"
                ),
            )
            .at(spread_at + spread_text.len()..spread_at + spread_text.len()));
        }
        let magnitude = BasisPoints::parse_str(spread_text).map_err(|e| {
            let mut e = e.shift(spread_at);
            e.code = codes::INVALID_RATE;
            if e.at.is_none() {
                e.at = Some(spread_at..spread_at + spread_text.len());
            }
            e
        })?;
        let spread = BasisPoints(if negative { -magnitude.0 } else { magnitude.0 });
        Ok(RateExpr::Floating { benchmark, spread })
    }
}

fn bad_rate_start(shown: impl std::fmt::Display, at: usize) -> UnitError {
    UnitError::new(
        codes::INVALID_RATE,
        text!(
            "{shown} does not start with a benchmark or a percentage",
            "{shown} 既不是以基准开头，也不是百分比"
        ),
        text!(
            "write `LPR1Y + 50bp` or a fixed rate like `4.35%`",
            "请写 `LPR1Y + 50bp` 或固定利率，例如 `4.35%`"
        ),
    )
    .at(at..at + 1)
}

struct Cursor<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        self.s.get(self.pos..).unwrap_or("")
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn skip_ws(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
    }

    fn take_while(&mut self, f: impl Fn(char) -> bool) -> &'a str {
        let rest = self.rest();
        let n = rest.find(|c: char| !f(c)).unwrap_or(rest.len());
        self.pos += n;
        &rest[..n]
    }
}

// ---------------------------------------------------------------------------------------------
// Fee amounts and thresholds

/// A fee: a percentage of principal (`0.5%`) or a fixed amount of money (`500`, `1万`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FeeAmount {
    Percent(Percent),
    Money(Money),
}

impl FeeAmount {
    pub fn parse_value(value: &Value) -> UnitResult<FeeAmount> {
        match scalar_text(value) {
            Some((s, false)) if s.trim_end().ends_with('%') || strip_bp(s.trim()).is_some() => {
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
    pub fn display(self) -> String {
        match self {
            Threshold::Percent(p) => p.display(),
            Threshold::Number(n) => n.normalize().to_string(),
            Threshold::Money(m) => m.display(),
        }
    }

    pub fn parse_value(value: &Value) -> UnitResult<Threshold> {
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
            Some((s, false)) if s.trim_end().ends_with('%') || strip_bp(s.trim()).is_some() => {
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

// ---------------------------------------------------------------------------------------------

/// The unit kinds a schema node can declare with `x-loanspec-unit`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitKind {
    Money,
    Percent,
    BasisPoints,
    Term,
    Duration,
    Date,
    Rate,
    FeeAmount,
    Threshold,
}

impl UnitKind {
    pub fn from_name(name: &str) -> Option<UnitKind> {
        Some(match name {
            "money" => UnitKind::Money,
            "percent" => UnitKind::Percent,
            "basis_points" => UnitKind::BasisPoints,
            "term" => UnitKind::Term,
            "duration" => UnitKind::Duration,
            "date" => UnitKind::Date,
            "rate" => UnitKind::Rate,
            "fee_amount" => UnitKind::FeeAmount,
            "threshold" => UnitKind::Threshold,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            UnitKind::Money => "money",
            UnitKind::Percent => "percent",
            UnitKind::BasisPoints => "basis_points",
            UnitKind::Term => "term",
            UnitKind::Duration => "duration",
            UnitKind::Date => "date",
            UnitKind::Rate => "rate",
            UnitKind::FeeAmount => "fee_amount",
            UnitKind::Threshold => "threshold",
        }
    }

    /// Checks a value against this unit.
    pub fn check(self, value: &Value) -> Result<(), UnitError> {
        match self {
            UnitKind::Money => Money::parse_value(value).map(drop),
            UnitKind::Percent => Percent::parse_value(value).map(drop),
            UnitKind::BasisPoints => BasisPoints::parse_value(value).map(drop),
            UnitKind::Term => Term::parse_value(value).map(drop),
            UnitKind::Duration => Duration::parse_value(value).map(drop),
            UnitKind::Date => Date::parse_value(value).map(drop),
            UnitKind::Rate => RateExpr::parse_value(value).map(drop),
            UnitKind::FeeAmount => FeeAmount::parse_value(value).map(drop),
            UnitKind::Threshold => Threshold::parse_value(value).map(drop),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Value {
        Value::String(v.into())
    }

    fn n(v: &str) -> Value {
        Value::Number(serde_json::Number::from_string_unchecked(v.into()))
    }

    fn dec(v: &str) -> Decimal {
        Decimal::from_str_exact(v).unwrap_or_default()
    }

    #[test]
    fn money_forms() {
        assert_eq!(Money::parse_value(&n("5000000")), Ok(Money(dec("5000000"))));
        assert_eq!(Money::parse_value(&s("5,000,000")), Ok(Money(dec("5000000"))));
        assert_eq!(Money::parse_value(&s("500万")), Ok(Money(dec("5000000"))));
        assert_eq!(Money::parse_value(&s("1.5亿")), Ok(Money(dec("150000000"))));
        assert_eq!(Money::parse_value(&s("20万元")), Ok(Money(dec("200000"))));
        assert_eq!(
            Money::parse_value(&n("5000000.00")).map(Money::canonical),
            Ok("5000000.00".into())
        );
        assert_eq!(
            Money::parse_value(&s("1.23456万")).map(Money::canonical),
            Ok("12345.60".into())
        );
    }

    #[test]
    fn money_errors() {
        let code = |v: &Value| Money::parse_value(v).err().map(|e| e.code.code);
        assert_eq!(code(&s("-5")), Some("LS106"));
        assert_eq!(code(&s("1.234")), Some("LS106"));
        assert_eq!(code(&s("50,00")), Some("LS106"));
        assert_eq!(code(&n("1e400")), Some("LS112"));
        assert_eq!(code(&s(&"9".repeat(40))), Some("LS112"));
        assert_eq!(code(&s("５００万")), Some("LS105"));
        assert_eq!(code(&Value::Bool(true)), Some("LS106"));
        let err = Money::parse_value(&s("50O万")).err();
        assert_eq!(err.and_then(|e| e.at), Some(2..3));
    }

    #[test]
    fn percent_and_bp() {
        assert_eq!(
            Percent::parse_value(&s("1.5%")).map(Percent::canonical),
            Ok("1.5000".into())
        );
        assert_eq!(
            Percent::parse_value(&s("150bp")).map(Percent::canonical),
            Ok("1.5000".into())
        );
        assert!(Percent::parse_value(&n("1.5")).is_err());
        assert!(Percent::parse_value(&s("1.23456%")).is_err());
        assert_eq!(BasisPoints::parse_value(&s("-20bp")), Ok(BasisPoints(-20)));
        assert_eq!(BasisPoints::parse_value(&s("0.5%")), Ok(BasisPoints(50)));
        assert!(BasisPoints::parse_value(&s("12.5bp")).is_err());
        assert!(BasisPoints::parse_value(&n("50")).is_err());
    }

    #[test]
    fn terms() {
        assert_eq!(Term::parse_value(&s("6M")), Ok(Term::Months(6)));
        assert_eq!(Term::parse_value(&s("1Y")), Ok(Term::Months(12)));
        assert_eq!(Term::parse_value(&s("1.5Y")), Ok(Term::Months(18)));
        assert_eq!(Term::parse_value(&s("15D")), Ok(Term::Days(15)));
        // Days are days, however many: a 90-day loan is not three months.
        assert_eq!(Term::parse_value(&s("90D")), Ok(Term::Days(90)));
        assert_eq!(Term::parse_value(&s("60天")), Ok(Term::Days(60)));
        assert_eq!(Term::parse_value(&s("3个月")), Ok(Term::Months(3)));
        assert_eq!(Term::parse_value(&s("45D")), Ok(Term::Days(45)));
        assert!(Term::parse_value(&s("1.5D")).is_err());
        assert!(Term::parse_value(&s("6m")).is_err());
        assert!(Term::parse_value(&n("12")).is_err());
        assert_eq!(Duration::parse_value(&s("2h")), Ok(Duration { minutes: 120 }));
        assert_eq!(Duration::parse_value(&s("1D")), Ok(Duration { minutes: 1440 }));
    }

    #[test]
    fn dates() {
        assert!(Date::parse_value(&s("2025-09-01")).is_ok());
        assert!(Date::parse_value(&s("2025-02-30")).is_err());
        let e = Date::parse_value(&s("2025/9/1")).err().map(|e| e.help.en);
        assert_eq!(e.as_deref(), Some("write dates as year-month-day: `2025-09-01`"));
    }

    #[test]
    fn rate_grammar() {
        let fl = |b, sp| {
            Ok(RateExpr::Floating {
                benchmark: b,
                spread: BasisPoints(sp),
            })
        };
        assert_eq!(RateExpr::parse_str("LPR1Y + 50bp"), fl(Benchmark::Lpr1y, 50));
        assert_eq!(RateExpr::parse_str("LPR5Y - 20bp"), fl(Benchmark::Lpr5y, -20));
        assert_eq!(RateExpr::parse_str("LPR1Y+0.5%"), fl(Benchmark::Lpr1y, 50));
        assert_eq!(RateExpr::parse_str("LPR1Y"), fl(Benchmark::Lpr1y, 0));
        assert_eq!(RateExpr::parse_str("4.35%"), Ok(RateExpr::Fixed(Percent(dec("4.35")))));
        let at = |s: &str| RateExpr::parse_str(s).err().and_then(|e| e.at);
        assert_eq!(at("LPR3Y + 50bp"), Some(0..5));
        assert_eq!(at("LPR1Y + 50"), Some(10..10));
        assert_eq!(at("LPR1Y 50bp"), Some(6..7));
        assert_eq!(at("LPR1Y + 5x0bp"), Some(8..13));
        assert!(RateExpr::parse_str("4.35").is_err());
    }
}
