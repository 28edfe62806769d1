//! The stage gates: what a spec must hold to be in each lifecycle stage.

pub mod consumer_protection;
pub mod future_signoff;
pub mod launch_gate;
pub mod pilot_plan;
pub mod pilot_signoffs;
pub mod retired_line;
pub mod retirement_gate;

use crate::rules::{Confidence, Reference};

pub const PRODUCT_POLICY: Reference = Reference {
    regulation: "the bank's product management policy (the stage gates of the product process)",
    article: "",
    effective: "",
    source: "the spec language's stage gates; bank practice",
    confidence: Confidence::Policy,
};
