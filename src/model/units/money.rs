//! Money: amounts in yuan as written (`500万`, `1.5亿`, `5,000,000`).

use std::fmt;

use rust_decimal::Decimal;
use serde_json::Value;

use super::{
    DecimalError, UnitError, UnitResult, full_width_hint, parse_plain_decimal, scalar_text, shape_error, too_large,
    trimmed,
};
use crate::diagnostics::{Quoted, codes, quote};
use crate::text;

/// An amount of money in the product's currency, exact to the fen (2 decimals).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(pub Decimal);

/// Digits (and a decimal part) with a comma every three digits of the whole part.
fn regroup(digits: &str) -> String {
    let (whole, frac) = digits.split_once('.').map_or((digits, None), |(w, f)| (w, Some(f)));
    let mut out = String::with_capacity(whole.len() + whole.len() / 3 + frac.map_or(0, |f| f.len() + 1));
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

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

    pub(crate) fn parse_value(value: &Value) -> UnitResult<Money> {
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
                // The digits as written, without the commas: what the amount reads as, in the
                // forms loanspec takes (never a figure of loanspec's own).
                let digits: String = number.chars().filter(|c| *c != ',').collect();
                let help = match parse_plain_decimal(&digits, false) {
                    Ok(v) => {
                        let (plain, wan, grouped) = (v.normalize(), Money(v).display(), regroup(&digits));
                        text!(
                            "without the commas it reads `{plain}` (= `{wan}`): write that, or quote it with a comma every three digits (`\"{grouped}\"`); YAML splits a list or mapping at a bare comma",
                            "去掉逗号后是 `{plain}`（即 `{wan}`）：请照此书写，或每三位加一个逗号并加引号（`\"{grouped}\"`）；YAML 会在裸逗号处拆分列表或映射"
                        )
                    }
                    Err(_) => text!(
                        "leave the commas out, or put one every three digits and quote the amount",
                        "请去掉逗号，或每三位加一个逗号并给金额加引号"
                    ),
                };
                return Err(UnitError::new(
                    codes::INVALID_MONEY,
                    text!(
                        "the amount {shown} has commas in the wrong places",
                        "金额 {shown} 的逗号位置不对"
                    ),
                    help,
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
