//! Structural consistency: ranges that run the right way, shares that add up, dates in order.
//! These hold for any product in any jurisdiction.

pub(crate) mod amount_range;
pub(crate) mod collateral_shares;
pub(crate) mod income_tiers;
pub(crate) mod metric_threshold;
pub(crate) mod pilot_dates;
pub(crate) mod rate_floor_cap;
pub(crate) mod schedule_fit;
pub(crate) mod term_options;
pub(crate) mod term_range;
