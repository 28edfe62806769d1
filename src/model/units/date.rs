//! Dates.

use std::fmt;

use chrono::NaiveDate;
use serde_json::Value;

use super::{UnitError, UnitResult, scalar_text, shape_error};
use crate::diagnostics::{Quoted, codes};
use crate::text;

/// A calendar date, written `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Date {
    pub fn canonical(self) -> String {
        self.0.format("%Y-%m-%d").to_string()
    }

    pub(crate) fn parse_value(value: &Value) -> UnitResult<Date> {
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

pub(super) fn guess_date(s: &str) -> Option<NaiveDate> {
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

/// Calendar months from `a` to `b` (the day of the month aside): 2026-01-31 to 2026-03-01 is 2.
pub(crate) fn months_between(a: NaiveDate, b: NaiveDate) -> i32 {
    use chrono::Datelike;
    (b.year() - a.year()) * 12 + (i32::try_from(b.month()).unwrap_or(0) - i32::try_from(a.month()).unwrap_or(0))
}
