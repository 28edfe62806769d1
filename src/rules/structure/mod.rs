//! Structural consistency: ranges that run the right way, shares that add up, dates in order.
//! These hold for any product in any jurisdiction.

pub mod amount_range;
pub mod collateral_shares;
pub mod income_tiers;
pub mod metric_threshold;
pub mod pilot_dates;
pub mod rate_floor_cap;
pub mod schedule_fit;
pub mod term_options;
pub mod term_range;
