//! A loan's APR on its own, without the rest of its schedule: what the rules that weigh every
//! loan a product makes against a ceiling need.

use rust_decimal::Decimal;

use super::schedule::{apr_grid, apr_of};
use super::{Loan, MoneyError, irr};

/// A loan's cash flows on its APR's grid and that grid's periods a year: its APR without the
/// rest of its schedule, and whether that APR can pass a ceiling without solving for it.
pub(crate) struct AprFlows {
    flows: Vec<Decimal>,
    periods_per_year: Decimal,
}

/// The [`AprFlows`] of a loan: the schedule's rows are built (and checked) as for
/// [`super::schedule`].
pub(crate) fn apr_flows(loan: &Loan) -> Result<AprFlows, MoneyError> {
    let (flows, periods_per_year) = apr_grid(loan)?;
    Ok(AprFlows {
        flows,
        periods_per_year,
    })
}

impl AprFlows {
    /// The APR, in percent to 4 decimals, exactly as [`schedule`] gives it, its IRR searched
    /// from `near` (the APR of a loan close to this one) when one is known; `None` where the
    /// schedule has no annual rate.
    pub(crate) fn apr(&self, near: Option<Decimal>) -> Option<Decimal> {
        let guess = near.and_then(|apr| self.per_period(apr));
        irr::irr_near(&self.flows, guess).map(|rate| apr_of(rate, self.periods_per_year))
    }

    /// A rate a year in percent, as a fraction per period of the APR's grid.
    fn per_period(&self, apr: Decimal) -> Option<Decimal> {
        self.periods_per_year
            .checked_mul(Decimal::ONE_HUNDRED)
            .and_then(|d| apr.checked_div(d))
    }

    /// The APR is surely not above `ceiling` (a percent a year), known from one sum instead of
    /// a search. A loan whose borrower receives first and then only pays has a present value
    /// that falls as the discount factor rises, so its APR is at most a rate exactly when the
    /// flows are worth zero or more at that rate; the rate tried is `ceiling` cut to the APR's
    /// 4 decimals, so an APR at most that rounds to at most `ceiling`. `false` (unknown) for any
    /// other shape of flows, or where the sum does not fit in a decimal.
    pub(crate) fn at_most(&self, ceiling: Decimal) -> bool {
        let [first, rest @ ..] = self.flows.as_slice() else {
            return false;
        };
        let one_change = *first > Decimal::ZERO
            && rest.iter().all(|f| *f <= Decimal::ZERO)
            && rest.iter().any(|f| *f < Decimal::ZERO);
        if !one_change || ceiling <= Decimal::ZERO {
            return false;
        }
        let floor = ceiling.round_dp_with_strategy(4, rust_decimal::RoundingStrategy::ToZero);
        self.per_period(floor)
            .and_then(|r| Decimal::ONE.checked_div(Decimal::ONE + r))
            .and_then(|v| irr::present_value(&self.flows, v))
            .is_some_and(|worth| worth >= Decimal::ZERO)
    }
}
