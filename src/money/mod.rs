//! Money: repayment schedules in exact decimals, the APR by IRR, and the loan a product's
//! figures describe.
//!
//! Conventions (the README repeats them for designers):
//! - A period's interest is the balance × the annual rate × the period's share of a year, rounded
//!   to the fen, half up. The share is months ÷ 12 under `30/360` (so a month's rate is the annual
//!   rate ÷ 12, a quarter's ÷ 4), or actual days ÷ 360 or ÷ 365.
//! - `equal_installment`: the instalment is the annuity of the amount over the amortizing
//!   periods at the nominal periodic rate, rounded to the fen; each period's principal is the
//!   instalment less that period's interest; the last period repays what is left, so the
//!   principal repaid is the amount exactly.
//! - `equal_principal`: the amount ÷ the amortizing periods, rounded to the fen; the last period
//!   repays what is left.
//! - `interest_only`: interest each period, the principal with the last.
//! - `bullet` (or `frequency: at_maturity`): one period, interest on the amount for the whole term.
//! - A grace period pays interest only; the amortizing periods follow it.
//! - Fees: a percentage is of the loan amount (of a credit line's limit; of the draw for
//!   `per: drawdown`). `once` and `drawdown` fall at disbursement; `year` at disbursement and with
//!   the payment at the start of each later year (a full fee for each year begun); `period` with
//!   every payment.
//! - APR: the IRR of the borrower's cash flows (received at disbursement net of fees, every
//!   payment after), per period of the schedule, × periods per year; the effective annual rate
//!   is (1 + IRR)^(periods per year) − 1.

mod apr;
pub mod disclosure;
mod irr;
mod schedule;

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::diagnostics::Text;
use crate::diagnostics::codes::{self, CodeInfo};
use crate::model::product::{FeeOut, Product, TermOut};
use crate::model::spec::{DayCount, FeeKind, FeePer, Frequency, Payee, RepaymentMethod};

pub(crate) use apr::apr_flows;
pub use irr::irr;
pub(crate) use schedule::fees_at_disbursement;
pub use schedule::schedule;

/// A loan to schedule.
#[derive(Clone, Debug)]
pub struct Loan {
    /// The amount lent, or a credit line's limit, in yuan.
    pub amount: Decimal,
    pub term: LoanTerm,
    /// The annual contract rate, in percent.
    pub annual_rate: Decimal,
    pub method: RepaymentMethod,
    pub frequency: Frequency,
    pub grace_months: u32,
    pub day_count: DayCount,
    /// The day the money is paid out; payments fall on the same day of later months.
    pub start: NaiveDate,
    pub fees: Vec<FeeItem>,
    /// For a credit line: what is drawn (positive) and repaid early (negative), by month from
    /// the start. `None`: the whole limit drawn at the start and kept to the end.
    pub draws: Option<Vec<Draw>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoanTerm {
    Months(u32),
    /// Under a month: one payment at the end.
    Days(u32),
}

impl From<TermOut> for LoanTerm {
    fn from(t: TermOut) -> Self {
        match t {
            TermOut::Months(m) => LoanTerm::Months(m),
            TermOut::Days(d) => LoanTerm::Days(d),
        }
    }
}

/// One fee of the product.
#[derive(Clone, Debug)]
pub struct FeeItem {
    pub kind: FeeKind,
    pub basis: FeeBasis,
    pub per: FeePer,
    pub payee: Payee,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FeeBasis {
    /// Percent of the amount (or of the draw).
    Percent(Decimal),
    /// Yuan.
    Money(Decimal),
}

/// A movement on a credit line at the start of a month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Draw {
    /// Months after the start (0: at the start).
    pub month: u32,
    /// Drawn (positive) or repaid (negative), in yuan.
    pub amount: Decimal,
    /// Where it was written (a line of the draws file), for errors.
    pub line: usize,
}

/// One row of a schedule: period 0 is the disbursement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub period: u32,
    pub date: NaiveDate,
    /// Paid out to the borrower (a credit line's draws).
    pub drawn: Decimal,
    /// What the borrower pays: principal + interest + fees.
    pub payment: Decimal,
    pub principal: Decimal,
    pub interest: Decimal,
    pub fees: Decimal,
    /// Principal outstanding after the row.
    pub balance: Decimal,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub drawn: Decimal,
    pub payment: Decimal,
    pub principal: Decimal,
    pub interest: Decimal,
    pub fees: Decimal,
}

/// A schedule with its annual rates.
#[derive(Clone, Debug)]
pub struct Schedule {
    pub rows: Vec<Row>,
    pub totals: Totals,
    /// Schedule periods per year (12 monthly, 4 quarterly, 12 ÷ months for one payment).
    pub periods_per_year: Decimal,
    /// The APR in percent, 4 decimals: periodic IRR × periods per year.
    pub apr: Decimal,
    /// The effective annual rate in percent, 4 decimals: (1 + IRR)^periods per year − 1;
    /// `None` when it is beyond what a decimal holds (read it through `effective_rate`).
    pub apr_effective: Option<Decimal>,
    /// The fees, one line per item, with what each costs over the loan.
    pub fee_lines: Vec<FeeLine>,
}

/// What one fee item costs over the loan.
#[derive(Clone, Debug)]
pub struct FeeLine {
    pub item: FeeItem,
    pub total: Decimal,
}

impl Schedule {
    /// The effective annual rate, or the error that it is too large to compute.
    pub fn effective_rate(&self) -> Result<Decimal, MoneyError> {
        self.apr_effective.ok_or_else(|| MoneyError {
            code: codes::SCHEDULE_NOT_POSSIBLE,
            message: Text::new(
                format!(
                    "the effective annual rate of this loan (APR {}%) is too large to compute",
                    self.apr
                ),
                format!("此贷款的实际年利率过高，无法计算（APR 为 {}%）", self.apr),
            ),
            help: crate::text!(
                "check the fees and the term: a short loan with a large fee compounds past any figure",
                "请检查费用和期限：期限很短而费用很高时，复利后的年利率超出可计算范围"
            ),
            line: None,
        })
    }
}

/// Why a schedule cannot be made.
#[derive(Clone, Debug)]
pub struct MoneyError {
    pub code: &'static CodeInfo,
    pub message: Text,
    pub help: Text,
    /// The line of the draws file, when the problem is there.
    pub line: Option<usize>,
}

/// Rounds to the fen, half up (amounts here are never negative; away from zero is half up).
pub fn fen(x: Decimal) -> Decimal {
    let mut r = x.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(2);
    r
}

/// An amount rounded to the fen with thousands separators: `1234567.8` → `1,234,567.80`.
pub fn grouped(x: Decimal) -> String {
    let text = fen(x).to_string();
    let (sign, digits) = text.strip_prefix('-').map_or(("", text.as_str()), |r| ("-", r));
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, "00"));
    let mut out = String::with_capacity(whole.len() + whole.len() / 3 + 4);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}.{frac:0<2}")
}

/// A percentage with 4 decimals, half up.
pub fn percent4(x: Decimal) -> Decimal {
    let mut r = x.round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(4);
    r
}

impl FeeItem {
    pub(crate) fn from_out(fee: &FeeOut) -> FeeItem {
        let basis = match (&fee.amount.percent, &fee.amount.money) {
            (Some(p), _) => FeeBasis::Percent(p.value()),
            (None, Some(m)) => FeeBasis::Money(m.value()),
            (None, None) => FeeBasis::Money(Decimal::ZERO),
        };
        FeeItem {
            kind: fee.kind,
            basis,
            per: fee.per,
            payee: fee.payee,
        }
    }
}

impl Loan {
    /// The loan a product makes of `amount` over `term` by `method`, paid out on `start`.
    pub(crate) fn for_product(
        product: &Product,
        amount: Decimal,
        term: LoanTerm,
        method: RepaymentMethod,
        start: NaiveDate,
    ) -> Loan {
        let grace_months = match product.repayment.grace_period {
            TermOut::Months(m) => m,
            TermOut::Days(_) => 0,
        };
        Loan {
            amount,
            term,
            annual_rate: product.rate.effective_rate.value(),
            method,
            frequency: product.repayment.frequency,
            grace_months,
            day_count: product.repayment.day_count,
            start,
            fees: product.fees.iter().map(FeeItem::from_out).collect(),
            draws: None,
        }
    }
}

/// The reference amount: 100,000 yuan, or the nearest amount the product lends.
pub(crate) fn reference_amount(product: &Product) -> Decimal {
    Decimal::from(100_000)
        .min(product.amount.max.value())
        .max(product.amount.min.value())
}

/// The reference loan of a product, as `compile` reports it: 100,000 yuan (or the nearest amount
/// the product lends), over its longest term, by its first method.
pub(crate) fn reference_loan(product: &Product, start: NaiveDate) -> Option<Loan> {
    let amount = reference_amount(product);
    let method = *product.repayment.methods.first()?;
    Some(Loan::for_product(
        product,
        amount,
        product.term.max.into(),
        method,
        start,
    ))
}

/// The reference example of a product, for the canonical output.
pub(crate) fn reference_example(product: &Product) -> Option<crate::model::product::ReferenceExampleOut> {
    use crate::model::product::{MoneyOut, PercentOut, ReferenceExampleOut};
    let start = product.as_of.naive();
    let loan = reference_loan(product, start)?;
    let s = schedule(&loan).ok()?;
    let money = |d: Decimal| MoneyOut::from(crate::model::units::Money(fen(d)));
    Some(ReferenceExampleOut {
        amount: money(loan.amount),
        term: match loan.term {
            LoanTerm::Months(m) => TermOut::Months(m),
            LoanTerm::Days(d) => TermOut::Days(d),
        },
        method: loan.method,
        payment: money(s.rows.get(1).map_or(Decimal::ZERO, |r| r.payment)),
        total_interest: money(s.totals.interest),
        total_fees: money(s.totals.fees),
        total_payment: money(s.totals.payment),
        apr: PercentOut::from(crate::model::units::Percent(percent4(s.apr))),
        apr_effective: PercentOut::from(crate::model::units::Percent(percent4(s.effective_rate().ok()?))),
    })
}

#[cfg(test)]
mod tests;
