//! What prudent credit-risk management requires: collateral values, the bank's appetite and
//! capital, the NPL ceiling and its alerts, stress plans.

pub(crate) mod auto_increase_ceiling;
pub(crate) mod collateral_ltv;
pub(crate) mod funding_cost;
pub(crate) mod fx_stress;
pub(crate) mod inclusive_npl_tolerance;
pub(crate) mod large_exposure;
pub(crate) mod large_exposure_threshold;
pub(crate) mod ltv_missing;
pub(crate) mod npl_ceiling_required;
pub(crate) mod overdue_alert;
pub(crate) mod single_borrower;
pub(crate) mod unsecured_appetite;

use crate::model::spec::CollateralKind;
use crate::rules::{Confidence, Reference};

pub(crate) const COLLATERAL_GUIDELINE: Reference = Reference {
    regulation: "《商业银行押品管理指引》 (银监发〔2017〕16号)",
    regulation_zh: "《商业银行押品管理指引》（银监发〔2017〕16号）",
    article: "",
    article_zh: "",
    effective: "",
    source: "bank collateral-system DDL on GitHub; the guideline's wording from recollection (facts §9)",
    confidence: Confidence::Medium,
};

pub(crate) const BANK_POLICY: Reference = Reference {
    regulation: "the bank's credit policy",
    regulation_zh: "本行信贷政策",
    article: "",
    article_zh: "",
    effective: "",
    source: "credit-management practice; no national rule",
    confidence: Confidence::Policy,
};

/// Collateral kinds valued as a share of their worth (pledges and mortgages), with the pack
/// parameter holding the bank's ceiling for each.
pub(crate) fn ltv_param(kind: CollateralKind) -> Option<&'static str> {
    Some(match kind {
        CollateralKind::RealEstate => "ltv_real_estate_max",
        CollateralKind::DepositPledge => "ltv_deposit_pledge_max",
        CollateralKind::IpPledge => "ltv_ip_pledge_max",
        CollateralKind::ReceivablesPledge => "ltv_receivables_pledge_max",
        CollateralKind::Equipment => "ltv_equipment_max",
        CollateralKind::Vehicle => "ltv_vehicle_max",
        CollateralKind::GuaranteeCompany
        | CollateralKind::GovernmentRiskFund
        | CollateralKind::PersonalGuarantee
        | CollateralKind::Insurance => return None,
    })
}

/// How a collateral kind reads in a message.
pub(crate) fn kind_name(kind: CollateralKind) -> crate::diagnostics::Text {
    use crate::text;
    match kind {
        CollateralKind::RealEstate => text!("real estate", "房产"),
        CollateralKind::DepositPledge => text!("a deposit pledge", "存单质押"),
        CollateralKind::IpPledge => text!("an IP pledge", "知识产权质押"),
        CollateralKind::ReceivablesPledge => text!("a receivables pledge", "应收账款质押"),
        CollateralKind::Equipment => text!("equipment", "设备"),
        CollateralKind::Vehicle => text!("a vehicle", "车辆"),
        CollateralKind::GuaranteeCompany => text!("a guarantee company", "融资担保公司"),
        CollateralKind::GovernmentRiskFund => text!("a government risk fund", "政府风险补偿基金"),
        CollateralKind::PersonalGuarantee => text!("a personal guarantee", "个人保证"),
        CollateralKind::Insurance => text!("insurance", "保证保险"),
    }
}
