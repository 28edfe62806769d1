//! Rates: the rate grammar (`LPR1Y + 50bp`, `4.35%`).

use serde_json::Value;

use super::{BasisPoints, Percent, UnitError, UnitResult, full_width_hint, scalar_text, shape_error, strip_bp};
use crate::diagnostics::{Quoted, codes, quote};
use crate::text;

/// A loan-market benchmark.
///
/// 中文：贷款市场的基准利率。
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
pub enum Benchmark {
    /// The 1-year Loan Prime Rate (1年期 LPR).
    ///
    /// 中文：1年期贷款市场报价利率（1年期 LPR）。
    #[serde(rename = "LPR1Y")]
    Lpr1y,
    /// The over-5-year Loan Prime Rate (5年期以上 LPR), the usual mortgage benchmark.
    ///
    /// 中文：5年期以上贷款市场报价利率（5年期以上 LPR），通常作为房贷的基准。
    #[serde(rename = "LPR5Y")]
    Lpr5y,
}

impl Benchmark {
    pub(crate) fn as_str(self) -> &'static str {
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
    pub(crate) fn parse_value(value: &Value) -> UnitResult<RateExpr> {
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
                )
                .suggest(format!("{s}%")))
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
    /// character that does not fit. The LPR may be named as it is said in Chinese (`一年期LPR`,
    /// `五年期以上LPR`): each names one benchmark only.
    pub fn parse_str(s: &str) -> UnitResult<RateExpr> {
        const CHINESE: [(&str, &str); 6] = [
            ("一年期LPR", "LPR1Y"),
            ("1年期LPR", "LPR1Y"),
            ("五年期以上LPR", "LPR5Y"),
            ("5年期以上LPR", "LPR5Y"),
            ("五年期LPR", "LPR5Y"),
            ("5年期LPR", "LPR5Y"),
        ];
        let lead = s.len() - s.trim_start().len();
        if let Some((name, code)) = CHINESE.iter().find(|(name, _)| s[lead..].starts_with(name)) {
            let rewritten = format!("{}{code}{}", &s[..lead], &s[lead + name.len()..]);
            // A place after the benchmark moves back to where it is in the text as written.
            let by = name.len() - code.len();
            return Self::parse_ascii(&rewritten).map_err(|mut e| {
                // Messages quote the rate as it was written.
                let (ours, theirs) = (rewritten.trim(), s.trim());
                for text in [&mut e.message, &mut e.help] {
                    text.en = text.en.replace(ours, theirs);
                    text.zh = text.zh.replace(ours, theirs);
                }
                e.shift(by)
            });
        }
        Self::parse_ascii(s)
    }

    fn parse_ascii(s: &str) -> UnitResult<RateExpr> {
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
            return fixed(s.trim(), shown, word_start);
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
                super::percent::unitless_spread_help(spread_text),
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

/// A fixed rate: `body`, the whole (trimmed) text, must be a percentage; `word_start` is where
/// it starts in the text as written.
fn fixed(body: &str, shown: Quoted<'_>, word_start: usize) -> UnitResult<RateExpr> {
    if body.starts_with(['+', '-']) && !body.contains('%') {
        return Err(bad_rate_start(shown, word_start));
    }
    if let Some(bare) = body.strip_prefix('+') {
        let bare = bare.trim_start();
        // The rate without its sign is suggested only when it reads as one.
        let help = if Percent::parse_str(bare).is_ok() {
            text!("write `{bare}`", "请写 `{bare}`")
        } else {
            text!("write a fixed rate like `4.35%`", "请写固定利率，例如 `4.35%`")
        };
        return Err(UnitError::new(
            codes::INVALID_RATE,
            text!(
                "{shown} has a sign; a fixed rate is written without one",
                "{shown} 带有正号；固定利率不写正负号"
            ),
            help,
        )
        .at(word_start..word_start + 1));
    }
    let fixed_or_floating = || {
        text!(
            "a fixed rate ends with `%` (`4.35%`); a floating rate names its benchmark (`LPR1Y + 50bp`)",
            "固定利率以 `%` 结尾（`4.35%`）；浮动利率需写明基准（`LPR1Y + 50bp`）"
        )
    };
    if body.ends_with('%') {
        return Percent::parse_str(body).map(RateExpr::Fixed).map_err(|mut e| {
            e.code = codes::INVALID_RATE;
            e.shift(word_start)
        });
    }
    if strip_bp(body).is_some() {
        // `100bp` alone: a spread with its benchmark left out, or a fixed rate in the
        // wrong unit; either way not a rate as written.
        return Err(UnitError::new(
            codes::INVALID_RATE,
            text!(
                "{shown} is in basis points, which is how a spread over a benchmark is written",
                "{shown} 以基点表示，而基点只用于写基准利率之上的加点"
            ),
            fixed_or_floating(),
        )
        .at(word_start..word_start + body.len()));
    }
    // No `%` and no `bp`: never a rate; the percentage parser says what is wrong with it.
    Percent::parse_str(body).map(RateExpr::Fixed).map_err(|mut e| {
        e.code = codes::INVALID_RATE;
        if e.suggestion.is_none() {
            e.help = fixed_or_floating();
        }
        e.shift(word_start)
    })
}

pub(super) fn bad_rate_start(shown: impl std::fmt::Display, at: usize) -> UnitError {
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

pub(super) struct Cursor<'a> {
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
