//! LPR fixings: the embedded history since the August 2019 reform (`data/lpr-history.csv`, from
//! the regulatory facts file), plus any fixings a catalogue adds in `loanspec.yaml` `rates:`.
//! A benchmark resolves to the fixing in force on the as-of date: the latest fixing whose
//! effective date is on or before it.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::model::units::Benchmark;

/// The embedded history, as published by NIFC (see `data/lpr-history.csv` for sources).
pub(crate) const EMBEDDED_CSV: &str = include_str!("../../data/lpr-history.csv");

pub(crate) use crate::model::units::STALE_AFTER_DAYS;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fixing {
    pub date: NaiveDate,
    pub lpr1y: Decimal,
    pub lpr5y: Decimal,
    /// `true` for the embedded history, `false` for fixings the catalogue added.
    pub embedded: bool,
}

#[derive(Clone, Debug, Default)]
pub struct Benchmarks {
    /// Sorted by date, one fixing per date.
    fixings: Vec<Fixing>,
}

/// A row of a fixings CSV that could not be read: 1-based line, the column name, and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvProblem {
    pub line: u64,
    pub column: Option<&'static str>,
    pub message: String,
}

impl Benchmarks {
    /// The embedded history. It is part of the program and checked by tests, so a problem here
    /// is a build defect: the rows that do parse are kept.
    /// Read once per process: every catalogue starts from a copy.
    pub(crate) fn embedded() -> Benchmarks {
        static EMBEDDED: std::sync::OnceLock<Benchmarks> = std::sync::OnceLock::new();
        EMBEDDED
            .get_or_init(|| {
                let (fixings, _) = parse_csv(EMBEDDED_CSV, true);
                let mut b = Benchmarks::default();
                for f in fixings {
                    b.insert(f);
                }
                b
            })
            .clone()
    }

    /// Adds a fixing; a fixing for a date already known replaces it and the old one is returned.
    pub(crate) fn insert(&mut self, fixing: Fixing) -> Option<Fixing> {
        match self.fixings.binary_search_by_key(&fixing.date, |f| f.date) {
            Ok(i) => self.fixings.get_mut(i).map(|slot| std::mem::replace(slot, fixing)),
            Err(i) => {
                self.fixings.insert(i, fixing);
                None
            }
        }
    }

    /// The fixing in force on `on`: the latest one effective on or before that day.
    pub(crate) fn in_force(&self, on: NaiveDate) -> Option<&Fixing> {
        let i = self.fixings.partition_point(|f| f.date <= on);
        i.checked_sub(1).and_then(|i| self.fixings.get(i))
    }

    pub(crate) fn rate(&self, benchmark: Benchmark, on: NaiveDate) -> Option<(Decimal, NaiveDate)> {
        self.in_force(on).map(|f| {
            let rate = match benchmark {
                Benchmark::Lpr1y => f.lpr1y,
                Benchmark::Lpr5y => f.lpr5y,
            };
            (rate, f.date)
        })
    }

    /// Every fixing, oldest first.
    pub(crate) fn fixings(&self) -> &[Fixing] {
        &self.fixings
    }

    pub(crate) fn last(&self) -> Option<&Fixing> {
        self.fixings.last()
    }

    /// Whether `as_of` is so far past the last fixing that the table is probably out of date.
    pub(crate) fn is_stale(&self, as_of: NaiveDate) -> bool {
        self.last()
            .is_some_and(|f| (as_of - f.date).num_days() > STALE_AFTER_DAYS)
    }
}

/// Reads fixings in the format of `data/lpr-history.csv`:
/// `effective_date,lpr_1y_pct,lpr_5y_pct[,source_confirmed]`, rates in percent.
pub fn parse_csv(text: &str, embedded: bool) -> (Vec<Fixing>, Vec<CsvProblem>) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut fixings = Vec::new();
    let mut problems = Vec::new();
    let headers = reader.headers().cloned().unwrap_or_default();
    let expected = ["effective_date", "lpr_1y_pct", "lpr_5y_pct"];
    for (i, name) in expected.iter().enumerate() {
        if headers.get(i) != Some(name) {
            problems.push(CsvProblem {
                line: 1,
                column: Some(name),
                message: format!("the header must start with `{}`", expected.join(",")),
            });
            return (fixings, problems);
        }
    }
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, csv::Position::line);
                problems.push(CsvProblem {
                    line,
                    column: None,
                    message: e.to_string(),
                });
                continue;
            }
        };
        let line = record.position().map_or(0, csv::Position::line);
        let Some(Ok(date)) = record.get(0).map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d")) else {
            {
                problems.push(CsvProblem {
                    line,
                    column: Some("effective_date"),
                    message: "not a date in the form YYYY-MM-DD".into(),
                });
                continue;
            }
        };
        let rate = |i: usize, name: &'static str, problems: &mut Vec<CsvProblem>| -> Option<Decimal> {
            match record.get(i).map(Decimal::from_str_exact) {
                Some(Ok(d)) if d > Decimal::ZERO && d < Decimal::from(100) => Some(d),
                _ => {
                    problems.push(CsvProblem {
                        line,
                        column: Some(name),
                        message: "not a rate in percent, like 3.45".into(),
                    });
                    None
                }
            }
        };
        let (Some(lpr1y), Some(lpr5y)) = (
            rate(1, "lpr_1y_pct", &mut problems),
            rate(2, "lpr_5y_pct", &mut problems),
        ) else {
            continue;
        };
        fixings.push(Fixing {
            date,
            lpr1y,
            lpr5y,
            embedded,
        });
    }
    (fixings, problems)
}

/// The first day the embedded table can resolve a benchmark for.
pub fn reform_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2019, 8, 20).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap_or_default()
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn embedded_table_reads_completely() {
        let (fixings, problems) = parse_csv(EMBEDDED_CSV, true);
        assert!(problems.is_empty(), "{problems:?}");
        // One row per month from 2019-08 to 2026-03: 80 fixings.
        assert_eq!(fixings.len(), 80);
        assert_eq!(
            Benchmarks::embedded().fixings().first().map(|f| f.date),
            Some(reform_date())
        );
    }

    #[test]
    fn in_force_is_the_latest_on_or_before() {
        let b = Benchmarks::embedded();
        // Published figures (regulatory facts §1.2): 2024-10-21 cut 1Y to 3.10, 5Y to 3.60; the
        // 2025-05-20 cut took them to 3.00 / 3.50.
        assert_eq!(
            b.rate(Benchmark::Lpr1y, d("2024-10-21")),
            Some((dec("3.10"), d("2024-10-21")))
        );
        assert_eq!(
            b.rate(Benchmark::Lpr1y, d("2025-05-19")),
            Some((dec("3.10"), d("2025-04-21")))
        );
        assert_eq!(
            b.rate(Benchmark::Lpr5y, d("2025-05-20")),
            Some((dec("3.50"), d("2025-05-20")))
        );
        assert_eq!(b.rate(Benchmark::Lpr1y, d("2019-08-19")), None);
        // The first reformed fixing: 4.25 / 4.85.
        assert_eq!(
            b.rate(Benchmark::Lpr5y, d("2019-08-20")),
            Some((dec("4.85"), d("2019-08-20")))
        );
    }

    #[test]
    fn staleness() {
        let b = Benchmarks::embedded();
        assert!(!b.is_stale(d("2026-05-04")));
        assert!(b.is_stale(d("2026-05-05")));
    }

    #[test]
    fn bad_rows_are_reported_with_their_line() {
        let (fixings, problems) = parse_csv(
            "effective_date,lpr_1y_pct,lpr_5y_pct\n2026-04-20,3.00,3.50\n2026-05-20,x,3.50\n",
            false,
        );
        assert_eq!(fixings.len(), 1);
        assert_eq!(
            problems,
            vec![CsvProblem {
                line: 3,
                column: Some("lpr_1y_pct"),
                message: "not a rate in percent, like 3.45".into()
            }]
        );
    }
}
