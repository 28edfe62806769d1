//! A loan of a product, as `simulate` and `disclose` are asked for it: the amount, term, method
//! and draws checked against what the product offers (LS180–LS185), each problem a located
//! finding.

use std::path::Path;

use chrono::NaiveDate;

use crate::diagnostics::{Diagnostic, Text, codes};
use crate::emit::CompiledProduct;
use crate::model::product::TermOut;
use crate::model::spec::RepaymentMethod;
use crate::model::units::{Money, Term};
use crate::model::word;
use crate::money::{Draw, Loan, LoanTerm, MoneyError};
use crate::text;

/// What `simulate` and `disclose` were asked for.
pub struct Request<'a> {
    pub amount: &'a str,
    pub term: &'a str,
    pub method: Option<RepaymentMethod>,
    pub draws: Option<&'a Path>,
    pub as_of: NaiveDate,
}

/// A loan of the product, checked against what it offers; or the problems, as diagnostics.
pub fn loan_for(product: &CompiledProduct, request: &Request<'_>) -> Result<Loan, Vec<Diagnostic>> {
    let p = &product.product;
    let mut problems = Vec::new();
    let amount = match Money::parse_str(request.amount) {
        Ok(m) => Some(m.0),
        Err(e) => {
            problems.push(argument(e.code, e.message, e.help));
            None
        }
    };
    let term = match Term::parse_str(request.term) {
        Ok(t) => Some(t),
        Err(e) => {
            problems.push(argument(e.code, e.message, e.help));
            None
        }
    };
    let (min, max) = (p.amount.min.value(), p.amount.max.value());
    if let Some(a) = amount {
        if a < min || a > max {
            let (shown, min, max) = (Money(a).display(), Money(min).display(), Money(max).display());
            problems.push(argument(
                codes::AMOUNT_OUTSIDE_PRODUCT,
                text!(
                    "`--amount {shown}` is outside what the product lends, {min} to {max}",
                    "`--amount {shown}` 超出产品的贷款金额范围 {min}–{max}"
                ),
                text!(
                    "simulate an amount from {min} to {max}",
                    "请模拟 {min} 至 {max} 之间的金额"
                ),
            ));
        }
    }
    if let Some(t) = term {
        let (lo, hi) = (months_or_days(p.term.min), months_or_days(p.term.max));
        let asked = months_or_days(t.into());
        let options: Vec<TermOut> = p.term.options.clone();
        let offered = if options.is_empty() {
            asked >= lo && asked <= hi
        } else {
            options.contains(&TermOut::from(t))
        };
        if !offered {
            let shown = t.display();
            let list = if options.is_empty() {
                format!("{}–{}", p.term.min.display(), p.term.max.display())
            } else {
                options.iter().map(|o| o.display()).collect::<Vec<_>>().join(", ")
            };
            problems.push(argument(
                codes::TERM_OUTSIDE_PRODUCT,
                text!(
                    "`--term {shown}` is not a term the product offers ({list})",
                    "`--term {shown}` 不是产品提供的期限（{list}）"
                ),
                text!(
                    "simulate one of the product's terms: {list}",
                    "请模拟产品提供的期限：{list}"
                ),
            ));
        }
    }
    let methods = &p.repayment.methods;
    let method = match request.method {
        Some(m) if !methods.contains(&m) => {
            let (asked, list) = (word(&m), methods.iter().map(word).collect::<Vec<_>>().join(", "));
            problems.push(argument(
                codes::METHOD_NOT_OFFERED,
                text!(
                    "`--method {asked}` is not a repayment method of the product ({list})",
                    "`--method {asked}` 不是产品的还款方式（{list}）"
                ),
                text!("choose one of: {list}", "请从以下方式中选择：{list}"),
            ));
            None
        }
        Some(m) => Some(m),
        None => methods.first().copied(),
    };
    let draws = match (request.draws, method) {
        (Some(path), Some(RepaymentMethod::Revolving)) => match read_draws(path) {
            Ok(d) => Some(d),
            Err(d) => {
                problems.push(d);
                None
            }
        },
        (Some(_), _) => {
            problems.push(argument(
                codes::INVALID_DRAWS,
                text!(
                    "`--draws` is for a credit line (`--method revolving`)",
                    "`--draws` 仅用于循环额度（`--method revolving`）"
                ),
                text!(
                    "leave out `--draws`, or simulate `--method revolving`",
                    "请去掉 `--draws`，或模拟 `--method revolving`"
                ),
            ));
            None
        }
        (None, _) => None,
    };
    match (amount, term, method) {
        (Some(amount), Some(term), Some(method)) if problems.is_empty() => {
            let mut loan = Loan::for_product(p, amount, LoanTerm::from(TermOut::from(term)), method, request.as_of);
            loan.draws = draws;
            Ok(loan)
        }
        _ => Err(problems),
    }
}

/// A term in days, to compare terms of months and days (a month as 30 days).
fn months_or_days(t: TermOut) -> u32 {
    match t {
        TermOut::Months(m) => m.saturating_mul(30),
        TermOut::Days(d) => d,
    }
}

fn argument(code: &'static codes::CodeInfo, message: Text, help: Text) -> Diagnostic {
    Diagnostic::new(code, message).help(help)
}

/// A problem with the request or the schedule, as a diagnostic.
pub fn money_problem(e: MoneyError, draws: Option<&Path>) -> Diagnostic {
    let mut message = e.message;
    if let (Some(line), Some(path)) = (e.line, draws) {
        let shown = path.display();
        message.en = format!("{shown}, line {line}: {}", message.en);
        message.zh = format!("{shown} 第 {line} 行：{}", message.zh);
    }
    Diagnostic::new(e.code, message).help(e.help)
}

/// Reads a drawdown plan: CSV with a header `month,amount`; a positive amount is drawn at the
/// start of that month (0 = the start), a negative one repaid.
fn read_draws(path: &Path) -> Result<Vec<Draw>, Diagnostic> {
    let shown = path.display().to_string();
    let bad = |line: usize, what: String| {
        argument(
            codes::INVALID_DRAWS,
            text!("{shown}, line {line}: {what}", "{shown} 第 {line} 行：{what}"),
            text!(
                "write a header `month,amount`, then one row per draw (`0,50000`) or repayment (`4,-20000`)",
                "请先写表头 `month,amount`，每行一次支用（`0,50000`）或还款（`4,-20000`）"
            ),
        )
    };
    let text = crate::compile::read_named_text(path, &crate::syntax::Limits::default()).map_err(|e| bad(0, e))?;
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| bad(1, e.to_string()))?.clone();
    if headers.iter().collect::<Vec<_>>() != ["month", "amount"] {
        return Err(bad(1, "the header must be `month,amount`".into()));
    }
    let mut draws = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        let record = record.map_err(|e| bad(line, e.to_string()))?;
        let month = record
            .get(0)
            .and_then(|m| m.parse::<u32>().ok())
            .ok_or_else(|| bad(line, format!("`{}` is not a month number", record.get(0).unwrap_or(""))))?;
        let raw = record.get(1).unwrap_or("");
        let (negative, digits) = raw.strip_prefix('-').map_or((false, raw), |r| (true, r));
        let amount = Money::parse_str(digits).map_err(|e| bad(line, e.message.en))?.0;
        draws.push(Draw {
            month,
            amount: if negative { -amount } else { amount },
            line,
        });
    }
    Ok(draws)
}
