//! The stage gates: what a spec must hold to be in each lifecycle stage.

pub(crate) mod consumer_protection;
pub(crate) mod future_signoff;
pub(crate) mod launch_gate;
pub(crate) mod pilot_plan;
pub(crate) mod pilot_signoffs;
pub(crate) mod retired_line;
pub(crate) mod retirement_gate;

use crate::rules::{Confidence, Reference};

pub(crate) const PRODUCT_POLICY: Reference = Reference {
    regulation: "the bank's product management policy (the stage gates of the product process)",
    regulation_zh: "本行产品管理制度（产品流程的阶段门槛）",
    article: "",
    article_zh: "",
    effective: "",
    source: "the spec language's stage gates; bank practice",
    confidence: Confidence::Policy,
};
