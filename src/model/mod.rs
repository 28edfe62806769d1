//! The typed spec: what a product designer writes ([`spec`]), the catalogue config
//! ([`config`]), the resolved product that is compiled ([`product`]), and the units every value
//! is read in ([`units`]). No I/O happens here.

pub(crate) mod config;
pub mod pack;
pub mod product;
pub mod spec;
mod unit_schema;
pub mod units;

pub(crate) use unit_schema::{DESCRIPTION_ZH_KEYWORD, UNIT_KEYWORD};

/// The spec language's word for an enum value, as a designer writes it (`equal_installment`,
/// `CNY`, `risk_management`); empty for a value that is not a word.
pub fn word<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// A value's name for people, `(Chinese, English)`: the bank's words, not the spec's keyword
/// ([`word`] gives that). One label per value, used by messages, the report, the disclosure
/// form, `simulate` and `monitor`.
pub trait Label: Copy {
    fn label(self) -> (&'static str, &'static str);

    /// The label in one language.
    fn label_in(self, lang: crate::diagnostics::Lang) -> &'static str {
        let (zh, en) = self.label();
        match lang {
            crate::diagnostics::Lang::Zh => zh,
            crate::diagnostics::Lang::En => en,
        }
    }
}

impl Label for spec::RepaymentMethod {
    fn label(self) -> (&'static str, &'static str) {
        use spec::RepaymentMethod as M;
        match self {
            M::EqualInstallment => ("等额本息", "Equal instalments"),
            M::EqualPrincipal => ("等额本金", "Equal principal"),
            M::InterestOnly => ("先息后本", "Interest only, principal at maturity"),
            M::Bullet => ("到期一次还本付息", "Principal and interest at maturity"),
            M::Revolving => ("随借随还", "Revolving, repay any time"),
        }
    }
}

impl Label for spec::Stage {
    fn label(self) -> (&'static str, &'static str) {
        use spec::Stage as S;
        match self {
            S::Proposal => ("需求立项", "Proposal"),
            S::Research => ("市场调研", "Research"),
            S::Design => ("方案设计", "Design"),
            S::RiskReview => ("风险评估", "Risk review"),
            S::Pilot => ("试点验证", "Pilot"),
            S::Launched => ("全面推广", "Launched"),
            S::PostReview => ("后评价", "Post-launch review"),
            S::Retiring => ("退出中", "Retiring"),
            S::Retired => ("已退出", "Retired"),
        }
    }
}

impl Label for spec::FeeKind {
    fn label(self) -> (&'static str, &'static str) {
        use spec::FeeKind as F;
        match self {
            F::Arrangement => ("手续费", "Arrangement fee"),
            F::Guarantee => ("担保费", "Guarantee fee"),
            F::Insurance => ("保险费", "Insurance premium"),
            F::Service => ("服务费", "Service fee"),
            F::Management => ("账户管理费", "Account management fee"),
            F::Commitment => ("承诺费", "Commitment fee"),
            F::Appraisal => ("评估费", "Appraisal fee"),
            F::Notary => ("公证费", "Notary fee"),
        }
    }
}

impl Label for spec::Payee {
    fn label(self) -> (&'static str, &'static str) {
        use spec::Payee as P;
        match self {
            P::Lender => ("贷款人", "The lender"),
            P::GuaranteeCompany => ("融资担保公司", "Guarantee company"),
            P::Insurer => ("保险公司", "Insurer"),
            P::Partner => ("合作机构", "Partner institution"),
            P::ThirdParty => ("其他第三方", "Third party"),
        }
    }
}

impl Label for spec::FeePer {
    fn label(self) -> (&'static str, &'static str) {
        use spec::FeePer as P;
        match self {
            P::Once => ("放款时一次性收取", "once, at disbursement"),
            P::Year => ("按年收取（每年年初）", "each year, at its start"),
            P::Period => ("按期收取（随每期还款）", "each period, with the payment"),
            P::Drawdown => ("每次支用时收取", "at each drawdown"),
        }
    }
}

impl Label for spec::Metric {
    fn label(self) -> (&'static str, &'static str) {
        use spec::Metric as M;
        match self {
            M::NewCustomers => ("新增客户数", "new customers"),
            M::NewCustomersVsTarget => ("新增客户达成率", "new customers against target"),
            M::NplRatio => ("不良率", "NPL ratio"),
            M::OverdueRatio => ("逾期率", "overdue ratio"),
            M::Balance => ("余额", "balance"),
            M::ApprovalHoursP50 => ("审批时长中位数（小时）", "median approval hours"),
        }
    }
}
