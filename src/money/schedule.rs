//! The schedule engine: rows of principal, interest and fees, in exact decimals.

use chrono::{Months, NaiveDate};

use crate::model::units::months_between;
use rust_decimal::{Decimal, MathematicalOps};

use super::{Draw, FeeBasis, FeeItem, FeeLine, Loan, LoanTerm, MoneyError, Row, Schedule, Totals, fen, irr, percent4};
use crate::diagnostics::codes;
use crate::model::spec::{DayCount, FeePer, Frequency, RepaymentMethod};
use crate::text;

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

/// The schedule of a loan, with its APR.
pub fn schedule(loan: &Loan) -> Result<Schedule, MoneyError> {
    let built = build(loan)?;
    finish(loan, built)
}

/// A loan's rows, once its figures are within what can be scheduled.
fn build(loan: &Loan) -> Result<Built, MoneyError> {
    if loan.amount <= Decimal::ZERO {
        return Err(error(
            text!("the amount must be more than zero", "金额必须大于零"),
            text!(
                "give an amount like `100000` or `10万`",
                "请写金额，例如 `100000` 或 `10万`"
            ),
        ));
    }
    // Bounds that keep every product of the arithmetic far inside a decimal's range.
    let too_large = loan.amount > Decimal::from(1_000_000_000_000_000_i64)
        || loan.annual_rate > Decimal::from(1000)
        || matches!(loan.term, LoanTerm::Months(m) if m > 1200)
        || matches!(loan.term, LoanTerm::Days(d) if d > 36_500)
        || loan.fees.iter().any(|f| match f.basis {
            FeeBasis::Percent(p) => p > Decimal::from(1000),
            FeeBasis::Money(m) => m > Decimal::from(1_000_000_000_000_000_i64),
        });
    if too_large {
        return Err(error(
            text!(
                "the loan is beyond what can be scheduled: over 1000万亿, over 1000% a year, or over 100 years",
                "贷款超出可计算范围：金额超过 1000 万亿、年利率超过 1000% 或期限超过 100 年"
            ),
            text!("check the amount, the rate and the term", "请检查金额、利率和期限"),
        ));
    }
    if loan.annual_rate < Decimal::ZERO {
        let rate = loan.annual_rate;
        return Err(error(
            text!("the rate {rate}% is negative", "利率 {rate}% 为负数"),
            text!("check the rate and its floor", "请检查利率及其下限"),
        ));
    }
    let revolving = loan.method == RepaymentMethod::Revolving;
    Ok(match loan.term {
        LoanTerm::Days(days) => one_payment_in_days(loan, days)?,
        LoanTerm::Months(months) if revolving => credit_line(loan, months)?,
        LoanTerm::Months(months) => term_loan(loan, months)?,
    })
}

/// A loan's cash flows on its APR's grid, from the first that is not zero (a credit line first
/// drawn after its start: the rate is the same counted from there), and the grid's periods a
/// year; its rows are built and checked as for [`schedule`].
pub(super) fn apr_grid(loan: &Loan) -> Result<(Vec<Decimal>, Decimal), MoneyError> {
    let built = build(loan)?;
    let mut flows = grid_flows(&built.rows, built.step, built.flows);
    let first = flows.iter().position(|f| !f.is_zero()).unwrap_or(0);
    flows.drain(..first);
    Ok((flows, built.periods_per_year))
}

/// Cash flows on the schedule's grid: a term loan's rows are its periods; a credit line's
/// rows are months, taken every `step` (unless the builder gave the flows itself).
fn grid_flows(rows: &[Row], step: u32, flows: Option<Vec<Decimal>>) -> Vec<Decimal> {
    flows.unwrap_or_else(|| {
        rows.iter()
            .filter(|r| r.period % step == 0)
            .map(|r| r.drawn - r.payment)
            .collect()
    })
}

/// The APR of a rate per period: nominal, in percent, to 4 decimals.
pub(super) fn apr_of(rate: Decimal, periods_per_year: Decimal) -> Decimal {
    percent4(rate * periods_per_year * HUNDRED)
}

/// What a builder makes: the rows, the periods per year of its grid, and what each fee item
/// was charged in all.
struct Built {
    rows: Vec<Row>,
    periods_per_year: Decimal,
    charged: Vec<Decimal>,
    /// The rows whose period is a multiple of this carry the cash flows of the APR's grid.
    step: u32,
    /// The cash flows on the APR's grid when they are not the rows' (a one-payment loan whose
    /// yearly fee falls on anniversaries between its rows' dates: zeros between them).
    flows: Option<Vec<Decimal>>,
}

fn error(message: crate::diagnostics::Text, help: crate::diagnostics::Text) -> MoneyError {
    MoneyError {
        code: codes::SCHEDULE_NOT_POSSIBLE,
        message,
        help,
        line: None,
    }
}

fn add_months(start: NaiveDate, months: u32) -> NaiveDate {
    start.checked_add_months(Months::new(months)).unwrap_or(start)
}

/// Interest on `balance` from `from` to `to` (`months` of them under 30/360), unrounded.
fn accrue(
    balance: Decimal,
    rate: Decimal,
    day_count: DayCount,
    from: NaiveDate,
    to: NaiveDate,
    months: u32,
) -> Decimal {
    // One division at the end: the product before it is exact.
    let (units, year) = match day_count {
        DayCount::Thirty360 => (i64::from(months), 1200),
        DayCount::Actual360 => ((to - from).num_days(), 36_000),
        DayCount::Actual365 => ((to - from).num_days(), 36_500),
    };
    balance * rate * Decimal::from(units) / Decimal::from(year)
}

/// A fee's amount on `base` (the loan amount, or a draw).
fn fee_amount(fee: &FeeItem, base: Decimal) -> Decimal {
    match fee.basis {
        FeeBasis::Percent(p) => fen(base * p / HUNDRED),
        FeeBasis::Money(m) => m,
    }
}

/// What the borrower pays at disbursement: at least the amount means no APR exists.
pub(crate) fn fees_at_disbursement(loan: &Loan) -> Decimal {
    let mut charged = vec![Decimal::ZERO; loan.fees.len()];
    fees_at_start(loan, &mut charged)
}

/// The fees due at disbursement (`once`, `drawdown`, the first `year`), per fee item.
fn fees_at_start(loan: &Loan, charged: &mut [Decimal]) -> Decimal {
    let mut total = Decimal::ZERO;
    for (i, fee) in loan.fees.iter().enumerate() {
        let due = match fee.per {
            FeePer::Once | FeePer::Year => fee_amount(fee, loan.amount),
            // A term loan is drawn once; a credit line's draws are charged as they happen.
            FeePer::Drawdown if loan.method != RepaymentMethod::Revolving => fee_amount(fee, loan.amount),
            FeePer::Drawdown | FeePer::Period => Decimal::ZERO,
        };
        charged[i] += due;
        total += due;
    }
    total
}

/// The fees due with the payment that ends at month `to` (after the one at month `from`):
/// every `period` fee, and a `year` fee for each year that begins in (from, to] before the end.
fn fees_with_payment(loan: &Loan, from: u32, to: u32, end: u32, charged: &mut [Decimal]) -> Decimal {
    let mut total = Decimal::ZERO;
    for (i, fee) in loan.fees.iter().enumerate() {
        let due = match fee.per {
            FeePer::Period => fee_amount(fee, loan.amount),
            FeePer::Year => {
                let years = (from + 1..=to).filter(|m| m % 12 == 0 && *m < end).count();
                fee_amount(fee, loan.amount) * Decimal::from(years)
            }
            FeePer::Once | FeePer::Drawdown => Decimal::ZERO,
        };
        charged[i] += due;
        total += due;
    }
    total
}

fn disbursement(loan: &Loan, fees: Decimal) -> Row {
    Row {
        period: 0,
        date: loan.start,
        drawn: loan.amount,
        payment: fees,
        principal: Decimal::ZERO,
        interest: Decimal::ZERO,
        fees,
        balance: loan.amount,
    }
}

/// A term of a few days: one payment of principal and interest at the end.
fn one_payment_in_days(loan: &Loan, days: u32) -> Result<Built, MoneyError> {
    if days == 0 {
        return Err(error(
            text!("the term is zero days", "期限为 0 天"),
            text!("give a term like `15D` or `12M`", "请写期限，例如 `15D` 或 `12M`"),
        ));
    }
    let mut charged = vec![Decimal::ZERO; loan.fees.len()];
    let start_fees = fees_at_start(loan, &mut charged);
    let end = loan.start + chrono::Duration::days(i64::from(days));
    // Under 30/360 a day is 1/360 of a year.
    let basis = if loan.day_count == DayCount::Actual365 {
        365
    } else {
        360
    };
    let interest = fen(loan.amount * loan.annual_rate / HUNDRED * Decimal::from(days) / Decimal::from(basis));
    let mut rows = vec![disbursement(loan, start_fees)];
    // A yearly fee falls again on each anniversary before the end; the APR's grid is then a day.
    let anniversaries = anniversary_rows(loan, end, &mut charged);
    let daily = !anniversaries.is_empty();
    rows.extend(anniversaries);
    let fees = fees_with_payment(loan, 0, 1, 1, &mut charged);
    rows.push(maturity(rows.len(), end, loan.amount, interest, fees));
    let (periods_per_year, flows) = if daily {
        (
            Decimal::from(basis),
            Some(flows_on_grid(loan.start, &rows, |from, to| (to - from).num_days())),
        )
    } else {
        (Decimal::from(basis) / Decimal::from(days), None)
    };
    Ok(Built {
        rows,
        periods_per_year,
        charged,
        step: 1,
        flows,
    })
}

/// The one payment of a loan repaid in one sum: the amount, the interest and `fees`, as row
/// number `period` (after the disbursement and any anniversaries).
fn maturity(period: usize, end: NaiveDate, amount: Decimal, interest: Decimal, fees: Decimal) -> Row {
    Row {
        period: u32::try_from(period).unwrap_or(u32::MAX),
        date: end,
        drawn: Decimal::ZERO,
        payment: amount + interest + fees,
        principal: amount,
        interest,
        fees,
        balance: Decimal::ZERO,
    }
}

/// The rows of a one-payment loan's yearly fees on each anniversary of the start before `end`
/// (the first year's is charged at disbursement), numbered from 1.
fn anniversary_rows(loan: &Loan, end: NaiveDate, charged: &mut [Decimal]) -> Vec<Row> {
    let mut rows = Vec::new();
    if !loan.fees.iter().any(|f| f.per == FeePer::Year) {
        return rows;
    }
    for year in 1_u32.. {
        let Some(date) = year
            .checked_mul(12)
            .and_then(|m| loan.start.checked_add_months(Months::new(m)))
        else {
            break;
        };
        if date >= end {
            break;
        }
        let mut fees = Decimal::ZERO;
        for (i, fee) in loan.fees.iter().enumerate().filter(|(_, f)| f.per == FeePer::Year) {
            let due = fee_amount(fee, loan.amount);
            charged[i] += due;
            fees += due;
        }
        rows.push(Row {
            period: year,
            date,
            drawn: Decimal::ZERO,
            payment: fees,
            principal: Decimal::ZERO,
            interest: Decimal::ZERO,
            fees,
            balance: loan.amount,
        });
    }
    rows
}

/// The rows' cash flows on a grid of equal steps from `start` (`units(from, to)`: the steps
/// between two dates; every row's date is a whole number of steps), zero between rows.
fn flows_on_grid(start: NaiveDate, rows: &[Row], units: impl Fn(NaiveDate, NaiveDate) -> i64) -> Vec<Decimal> {
    let last = rows
        .last()
        .map_or(0, |r| usize::try_from(units(start, r.date)).unwrap_or(0));
    let mut flows = vec![Decimal::ZERO; last + 1];
    for r in rows {
        let at = usize::try_from(units(start, r.date)).unwrap_or(0).min(last);
        flows[at] += r.drawn - r.payment;
    }
    flows
}

/// The months of one period, checked against the term and the grace period.
fn period_months(loan: &Loan, months: u32) -> Result<u32, MoneyError> {
    if months == 0 {
        return Err(error(
            text!("the term is zero months", "期限为 0 个月"),
            text!("give a term like `12M`", "请写期限，例如 `12M`"),
        ));
    }
    let one_payment = loan.method == RepaymentMethod::Bullet || loan.frequency == Frequency::AtMaturity;
    let length = match loan.frequency {
        _ if one_payment => months,
        Frequency::Quarterly => 3,
        Frequency::Monthly | Frequency::AtMaturity => 1,
    };
    if months % length != 0 {
        return Err(error(
            text!(
                "a term of {months} months is not a whole number of quarters",
                "{months} 个月的期限不是整季度"
            ),
            text!(
                "pay quarterly over a term of 3, 6, 9, 12… months, or pay monthly",
                "按季还款的期限须为 3、6、9、12……个月，或改为按月还款"
            ),
        ));
    }
    let grace = loan.grace_months;
    if grace > 0 && (one_payment || grace % length != 0 || grace >= months) {
        return Err(error(
            text!(
                "a grace period of {grace} months does not fit a term of {months} months paid every {length}",
                "{grace} 个月的宽限期与 {months} 个月、每 {length} 个月还款一次的期限不相符"
            ),
            text!(
                "the grace period is whole periods, shorter than the term",
                "宽限期须为整数个还款期，且短于贷款期限"
            ),
        ));
    }
    Ok(length)
}

/// The instalment of `equal_installment`: the annuity of `amount` over `periods` at `rate`
/// (periodic, as a fraction), rounded to the fen.
fn annuity(amount: Decimal, rate: Decimal, periods: u32) -> Option<Decimal> {
    if rate.is_zero() {
        return Some(fen(amount / Decimal::from(periods)));
    }
    // A / ((1 + i)^n − 1) × (1 + i)^n × i, in an order that stays in range; for a growth past a
    // decimal's range the instalment is the interest alone to the fen.
    let Some(growth) = (Decimal::ONE + rate).checked_powu(u64::from(periods)) else {
        return amount.checked_mul(rate).map(fen);
    };
    let factor = growth.checked_div(growth - Decimal::ONE)?;
    amount.checked_mul(rate)?.checked_mul(factor).map(fen)
}

fn term_loan(loan: &Loan, months: u32) -> Result<Built, MoneyError> {
    let length = period_months(loan, months)?;
    let periods = months / length;
    if periods == 1 && months > 12 && loan.fees.iter().any(|f| f.per == FeePer::Year) {
        return Ok(one_payment_with_anniversaries(loan, months));
    }
    let grace = loan.grace_months / length;
    let amortizing = periods - grace;
    let periodic = loan.annual_rate / HUNDRED * Decimal::from(length) / Decimal::from(12);
    let level = if loan.day_count == DayCount::Thirty360 || loan.method != RepaymentMethod::EqualInstallment {
        annuity(loan.amount, periodic, amortizing)
    } else {
        level_installment(loan, periods, length, grace)
    };
    let Some(installment) = level else {
        return Err(error(
            text!(
                "the instalment cannot be computed at this rate",
                "按此利率无法计算每期还款额"
            ),
            text!("check the rate", "请检查利率"),
        ));
    };
    let equal_principal = fen(loan.amount / Decimal::from(amortizing));
    let mut charged = vec![Decimal::ZERO; loan.fees.len()];
    let start_fees = fees_at_start(loan, &mut charged);
    let mut rows = vec![disbursement(loan, start_fees)];
    let mut balance = loan.amount;
    for k in 1..=periods {
        let (from, to) = ((k - 1) * length, k * length);
        let (from_date, to_date) = (add_months(loan.start, from), add_months(loan.start, to));
        let interest = fen(accrue(
            balance,
            loan.annual_rate,
            loan.day_count,
            from_date,
            to_date,
            length,
        ));
        let principal = principal_of(
            loan.method,
            (k, periods, grace),
            installment,
            equal_principal,
            interest,
            balance,
        );
        let fees = fees_with_payment(loan, from, to, months, &mut charged);
        balance -= principal;
        rows.push(Row {
            period: k,
            date: to_date,
            drawn: Decimal::ZERO,
            payment: principal + interest + fees,
            principal,
            interest,
            fees,
            balance,
        });
    }
    Ok(Built {
        rows,
        periods_per_year: Decimal::from(12) / Decimal::from(length),
        charged,
        step: 1,
        flows: None,
    })
}

/// The principal repaid in period `k` of `periods` (the first `grace` interest only): the last
/// repays what is left.
fn principal_of(
    method: RepaymentMethod,
    (k, periods, grace): (u32, u32, u32),
    installment: Decimal,
    equal_principal: Decimal,
    interest: Decimal,
    balance: Decimal,
) -> Decimal {
    if k == periods {
        balance
    } else if k <= grace {
        Decimal::ZERO
    } else {
        match method {
            RepaymentMethod::EqualInstallment => (installment - interest).max(Decimal::ZERO).min(balance),
            RepaymentMethod::EqualPrincipal => equal_principal.min(balance),
            _ => Decimal::ZERO,
        }
    }
}

/// The level instalment of `equal_installment` under an actual day count, where each period's
/// rate follows its days: first the closed form for varying rates, A ÷ Σₖ Πⱼ≤ₖ 1/(1 + iⱼ) over
/// the amortizing periods, to the fen; then, since every period's interest is rounded to the
/// fen, the fen up or down that brings the last payment nearest the others (as banks' systems
/// do). The last payment then differs from the others by less than one fen of the instalment
/// carried to the end of the term.
fn level_installment(loan: &Loan, periods: u32, length: u32, grace: u32) -> Option<Decimal> {
    let date = |k: u32| add_months(loan.start, k * length);
    let rate_of = |k: u32| {
        accrue(
            Decimal::ONE,
            loan.annual_rate,
            loan.day_count,
            date(k - 1),
            date(k),
            length,
        )
    };
    let (mut discount, mut sum) = (Decimal::ONE, Decimal::ZERO);
    for k in grace + 1..=periods {
        discount = discount.checked_div(Decimal::ONE + rate_of(k))?;
        sum = sum.checked_add(discount)?;
    }
    let mut best = fen(loan.amount.checked_div(sum)?);
    // How far the last payment lands from the instalment `p` with every interest rounded.
    let gap = |p: Decimal| -> Option<Decimal> {
        let mut balance = loan.amount;
        for k in 1..=periods {
            let interest = fen(accrue(
                balance,
                loan.annual_rate,
                loan.day_count,
                date(k - 1),
                date(k),
                length,
            ));
            let principal = principal_of(loan.method, (k, periods, grace), p, Decimal::ZERO, interest, balance);
            if k == periods {
                return (principal + interest).checked_sub(p);
            }
            balance -= principal;
        }
        None
    };
    let mut best_gap = gap(best)?;
    let step = if best_gap > Decimal::ZERO {
        Decimal::new(1, 2)
    } else {
        Decimal::new(-1, 2)
    };
    // The closed form is within a fen or two of the best; the bound keeps the work O(periods).
    for _ in 0..100 {
        let next = best + step;
        match gap(next) {
            Some(g) if g.abs() < best_gap.abs() => (best, best_gap) = (next, g),
            _ => break,
        }
    }
    Some(best)
}

/// A loan repaid in one sum after more than a year whose yearly fee falls on each anniversary:
/// a row per anniversary, and the APR on a grid of gcd(12, term) months, on which the
/// anniversaries and the maturity all fall.
fn one_payment_with_anniversaries(loan: &Loan, months: u32) -> Built {
    let mut charged = vec![Decimal::ZERO; loan.fees.len()];
    let start_fees = fees_at_start(loan, &mut charged);
    let end = add_months(loan.start, months);
    let mut rows = vec![disbursement(loan, start_fees)];
    rows.extend(anniversary_rows(loan, end, &mut charged));
    let interest = fen(accrue(
        loan.amount,
        loan.annual_rate,
        loan.day_count,
        loan.start,
        end,
        months,
    ));
    // The period fees, once; the yearly ones were charged on the anniversaries.
    let fees = fees_with_payment(loan, months - 1, months, months, &mut charged);
    rows.push(maturity(rows.len(), end, loan.amount, interest, fees));
    let grid = gcd(12, months);
    let step_of = |from: NaiveDate, to: NaiveDate| i64::from(months_between(from, to)) / i64::from(grid);
    let flows = flows_on_grid(loan.start, &rows, step_of);
    Built {
        rows,
        periods_per_year: Decimal::from(12) / Decimal::from(grid),
        charged,
        step: 1,
        flows: Some(flows),
    }
}

fn gcd(a: u32, b: u32) -> u32 {
    if b == 0 { a.max(1) } else { gcd(b, a % b) }
}

/// A credit line (随借随还): a row per month; interest accrues monthly on what is drawn and is
/// paid every period; what is still drawn at the end is repaid with the last row.
fn credit_line(loan: &Loan, months: u32) -> Result<Built, MoneyError> {
    let length = period_months(loan, months)?;
    let default_draws = [Draw {
        month: 0,
        amount: loan.amount,
        line: 0,
    }];
    let draws: &[Draw] = loan.draws.as_deref().unwrap_or(&default_draws);
    for d in draws {
        if d.month >= months {
            let (month, line) = (d.month, d.line);
            return Err(MoneyError {
                line: Some(line),
                ..draws_error(
                    text!(
                        "month {month} is not before the end of the {months}-month term",
                        "第 {month} 个月不在 {months} 个月的期限之内"
                    ),
                    text!(
                        "months count from 0 (the start) to {months} − 1",
                        "月份从 0（起始）数到 {months} − 1"
                    ),
                )
            });
        }
    }
    let mut charged = vec![Decimal::ZERO; loan.fees.len()];
    let mut rows = Vec::with_capacity(months as usize + 1);
    let mut balance = Decimal::ZERO;
    let mut accrued = Decimal::ZERO;
    let mut last_payment = 0;
    for t in 0..=months {
        let date = add_months(loan.start, t);
        if t > 0 {
            let from = add_months(loan.start, t - 1);
            accrued += accrue(balance, loan.annual_rate, loan.day_count, from, date, 1);
        }
        let (mut paid_out, mut principal, mut fees) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
        if t == 0 {
            for (i, fee) in loan.fees.iter().enumerate() {
                if matches!(fee.per, FeePer::Once | FeePer::Year) {
                    let due = fee_amount(fee, loan.amount);
                    charged[i] += due;
                    fees += due;
                }
            }
        }
        for d in draws.iter().filter(|d| d.month == t) {
            if d.amount > Decimal::ZERO {
                if balance + d.amount > loan.amount {
                    let (line, limit, after) = (d.line, loan.amount, balance + d.amount);
                    return Err(MoneyError {
                        line: Some(line),
                        ..draws_error(
                            text!(
                                "drawing this takes the line to {after}, above its limit of {limit}",
                                "此次支用后余额为 {after}，超过额度 {limit}"
                            ),
                            text!(
                                "draw less, or repay first (a negative amount)",
                                "请减少支用金额，或先还款（写负数）"
                            ),
                        )
                    });
                }
                paid_out += d.amount;
                balance += d.amount;
                for (i, fee) in loan.fees.iter().enumerate() {
                    if fee.per == FeePer::Drawdown {
                        let due = fee_amount(fee, d.amount);
                        charged[i] += due;
                        fees += due;
                    }
                }
            } else {
                let repay = -d.amount;
                if repay > balance {
                    let (line, owed) = (d.line, balance);
                    return Err(MoneyError {
                        line: Some(line),
                        ..draws_error(
                            text!(
                                "this repays {repay}, more than the {owed} drawn",
                                "此次还款 {repay}，超过已支用的 {owed}"
                            ),
                            text!("repay at most what is drawn", "还款不能超过已支用金额"),
                        )
                    });
                }
                principal += repay;
                balance -= repay;
            }
        }
        let mut interest = Decimal::ZERO;
        if t > 0 && (t % length == 0 || t == months) {
            interest = fen(accrued);
            accrued = Decimal::ZERO;
            fees += fees_with_payment(loan, last_payment, t, months, &mut charged);
            last_payment = t;
        }
        if t == months {
            principal += balance;
            balance = Decimal::ZERO;
        }
        rows.push(Row {
            period: t,
            date,
            drawn: paid_out,
            payment: principal + interest + fees,
            principal,
            interest,
            fees,
            balance,
        });
    }
    // The APR's period is the payment period when every draw falls on a payment date, else a
    // month.
    let step = if draws.iter().all(|d| d.month % length == 0) {
        length
    } else {
        1
    };
    Ok(Built {
        rows,
        periods_per_year: Decimal::from(12) / Decimal::from(step),
        charged,
        step,
        flows: None,
    })
}

fn draws_error(message: crate::diagnostics::Text, help: crate::diagnostics::Text) -> MoneyError {
    MoneyError {
        code: codes::INVALID_DRAWS,
        message,
        help,
        line: None,
    }
}

/// Totals, fee lines and the APR.
fn finish(loan: &Loan, built: Built) -> Result<Schedule, MoneyError> {
    let Built {
        rows,
        periods_per_year,
        charged,
        step,
        flows,
    } = built;
    let mut totals = Totals::default();
    for r in &rows {
        totals.drawn += r.drawn;
        totals.payment += r.payment;
        totals.principal += r.principal;
        totals.interest += r.interest;
        totals.fees += r.fees;
    }
    let fee_lines = loan
        .fees
        .iter()
        .zip(charged)
        .map(|(item, total)| FeeLine {
            item: item.clone(),
            total,
        })
        .collect();
    let flows = grid_flows(&rows, step, flows);
    // A credit line first drawn after its start has nothing in its first periods: the rate of
    // the flows is the same counted from the first one (a shift in time).
    let first = flows.iter().position(|f| !f.is_zero()).unwrap_or(0);
    let Some(rate) = irr::irr(&flows[first..]) else {
        return Err(MoneyError {
            code: codes::NO_ANNUAL_RATE,
            message: text!(
                "no annual rate makes what the borrower receives equal to what they pay",
                "找不到使借款人所得与所付相等的年化利率"
            ),
            help: text!(
                "the fees at disbursement must be less than the amount, and something must be repaid",
                "放款时收取的费用须少于贷款金额，且须有还款"
            ),
            line: None,
        });
    };
    let apr = apr_of(rate, periods_per_year);
    let growth = if periods_per_year.fract().is_zero() {
        periods_per_year
            .to_string()
            .parse::<u64>()
            .ok()
            .and_then(|n| (Decimal::ONE + rate).checked_powu(n))
    } else {
        (Decimal::ONE + rate).checked_powd(periods_per_year)
    };
    // Past what a decimal holds there is no figure to print: `None`, which every printer of it
    // turns into an error (`Schedule::effective_rate`).
    let apr_effective = growth
        .and_then(|g| (g - Decimal::ONE).checked_mul(HUNDRED))
        .map(percent4);
    Ok(Schedule {
        rows,
        totals,
        periods_per_year,
        apr,
        apr_effective,
        fee_lines,
    })
}
