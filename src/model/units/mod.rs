//! Units read from the text as written: money, percent, basis points, terms, durations, dates
//! and the rate grammar. Every amount is a `Decimal` built from the digits; no value goes
//! through `f64`.
//!
//! Each parser takes the YAML value (text, number, or anything else a designer may have typed)
//! and either returns the unit or a [`UnitError`] that says what is wrong, where inside the text
//! (byte range), and how to write it instead.

use std::ops::Range;

use rust_decimal::Decimal;
use serde_json::Value;

use crate::diagnostics::{CodeInfo, Text, codes, describe};
use crate::text;

/// Why a value could not be read as a unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitError {
    pub code: &'static CodeInfo,
    pub message: Text,
    pub help: Text,
    /// Byte range inside the value's text that is wrong, when narrower than the whole value.
    pub at: Option<Range<usize>>,
    /// What the designer most likely meant, for the whole value (`4.35` → `4.35%`): an editor
    /// offers it; it is a guess about a number, so nothing applies it unasked.
    pub suggestion: Option<String>,
}

impl UnitError {
    fn new(code: &'static CodeInfo, message: Text, help: Text) -> Self {
        Self {
            code,
            message,
            help,
            at: None,
            suggestion: None,
        }
    }

    #[must_use]
    fn suggest(mut self, value: String) -> Self {
        self.suggestion = Some(value);
        self
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

mod date;
mod fee;
mod money;
mod percent;
mod rate;
mod term;

pub use date::*;
pub use fee::*;
pub use money::*;
pub use percent::*;
pub use rate::*;
pub use term::*;

// ---------------------------------------------------------------------------------------------

/// The unit kinds a schema node can declare with `x-loanspec-unit`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UnitKind {
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
    pub(crate) fn from_name(name: &str) -> Option<UnitKind> {
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

    /// Checks a value against this unit.
    pub(crate) fn check(self, value: &Value) -> Result<(), UnitError> {
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
        // A percentage takes no minus (`-0bp` either) and no space after its plus, as its
        // schema pattern says; `+150bp` it takes.
        assert!(Percent::parse_value(&s("-0bp")).is_err());
        assert!(Percent::parse_value(&s("+ 150bp")).is_err());
        assert_eq!(
            Percent::parse_value(&s("+150bp")).map(Percent::canonical),
            Ok("1.5000".into())
        );
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
        // What the schema's pattern refuses, the parser refuses too, in words: a sign before a
        // fixed rate, a fixed rate in basis points.
        let help = |s: &str| RateExpr::parse_str(s).err().map(|e| e.help.en);
        assert_eq!(help("+4.35%").as_deref(), Some("write `4.35%`"));
        assert_eq!(at("+4.35%"), Some(0..1));
        assert!(help("100bp").is_some_and(|h| h.contains("names its benchmark")));
        assert_eq!(at(" 100bp"), Some(1..6));
    }

    /// A percentage in words is never read, but told the figure it says, offered as the fix.
    #[test]
    fn a_percentage_in_words_is_told_its_figure() {
        let said = |s: &str| Percent::parse_str(s).err().and_then(|e| e.suggestion);
        assert_eq!(said("百分之二").as_deref(), Some("2%"));
        assert_eq!(said("百分之十五").as_deref(), Some("15%"));
        assert_eq!(said("百分之二十").as_deref(), Some("20%"));
        assert_eq!(said("百分之三十五").as_deref(), Some("35%"));
        assert_eq!(said("百分之一百").as_deref(), Some("100%"));
        assert_eq!(said("百分之四点三五").as_deref(), Some("4.35%"));
        assert_eq!(said("百分之零点五").as_deref(), Some("0.5%"));
        assert_eq!(said("百分之2.5").as_deref(), Some("2.5%"));
        for vague in ["百分之几", "百分之二百", "百分之点五", "百分之二点", "百分之"] {
            let e = Percent::parse_str(vague)
                .err()
                .unwrap_or_else(|| panic!("{vague} accepted"));
            assert_eq!(e.suggestion, None, "{vague}");
            assert!(e.help.zh.contains("阿拉伯数字"), "{vague}: {:?}", e.help);
        }
        let rate = RateExpr::parse_str("百分之四点三五")
            .err()
            .unwrap_or_else(|| panic!("accepted"));
        assert_eq!(rate.suggestion.as_deref(), Some("4.35%"));
        assert!(rate.help.zh.contains("请写 `4.35%`"), "{:?}", rate.help);
    }

    /// Chinese spellings that mean one thing only, read as their codes: `1年半` is 1.5 years, 18
    /// months; 一年期LPR is the 1-year LPR and 五年期以上LPR the over-5-year one; 基点 is a basis point.
    #[test]
    fn chinese_spellings_with_one_meaning() {
        assert_eq!(Term::parse_str("1年半"), Ok(Term::Months(18)));
        assert_eq!(Term::parse_str("2年半"), Ok(Term::Months(30)));
        assert!(
            Term::parse_str("1.5年半").is_err(),
            "a year and a half of 1.5 years is no term"
        );
        assert_eq!(
            RateExpr::parse_str("一年期LPR + 80个基点"),
            Ok(RateExpr::Floating {
                benchmark: Benchmark::Lpr1y,
                spread: BasisPoints(80)
            })
        );
        assert_eq!(
            RateExpr::parse_str("五年期以上LPR - 20基点"),
            Ok(RateExpr::Floating {
                benchmark: Benchmark::Lpr5y,
                spread: BasisPoints(-20)
            })
        );
        // An error after a Chinese benchmark points into the text as written.
        let e = RateExpr::parse_str("一年期LPR + 0.8")
            .err()
            .unwrap_or_else(|| panic!("accepted"));
        let written = "一年期LPR + 0.8";
        assert_eq!(e.at, Some(written.len()..written.len()), "{e:?}");
        assert!(e.message.zh.contains("一年期LPR + 0.8"), "{:?}", e.message);
    }
}
