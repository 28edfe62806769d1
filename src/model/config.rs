//! The catalogue config, `loanspec.yaml` at the root of a catalogue.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;

use super::spec::LanguageVersion;
use super::units::{Date, Money, Percent};

/// The catalogue config: which rule pack applies, extra benchmark fixings, the bank's figures,
/// rule severities and the bank's own rules.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
#[schemars(title = "loanspec catalogue config (loanspec.yaml)")]
pub(crate) struct CatalogueConfig {
    /// Version of the spec language: always `1`.
    #[expect(
        dead_code,
        reason = "the type refuses any other version; the value itself is not needed"
    )]
    pub loanspec: LanguageVersion,
    /// Which regulatory rule pack applies; default `cn`.
    #[expect(dead_code, reason = "`cn` is the only pack; the type refuses any other")]
    pub jurisdiction: Option<Jurisdiction>,
    /// LPR fixings beyond the embedded history: a CSV file (path relative to this file, columns
    /// `effective_date,lpr_1y_pct,lpr_5y_pct`) or a list of fixings.
    pub rates: Option<RatesSource>,
    /// The bank's own figures, for concentration and pricing rules.
    pub bank: Option<Bank>,
    /// Severity per rule, by code or name: `error`, `warn` or `off`.
    pub rules: Option<BTreeMap<String, RuleLevel>>,
    /// The bank's own values for rule-pack parameters (a stricter internal limit, a local
    /// mortgage floor), by name; `loanspec rules` lists them.
    pub parameters: Option<BTreeMap<String, serde_json::Value>>,
    /// The bank's own rules, as CEL expressions over the resolved product.
    #[expect(
        dead_code,
        reason = "read one rule at a time by `rules::custom`, so one bad rule does not hide the others; here for the schema"
    )]
    pub custom_rules: Option<Vec<CustomRule>>,
    /// Who must sign a change of each kind before it merges (`loanspec diff`); a kind left out
    /// keeps its default.
    pub signoffs: Option<SignOffPolicy>,
}

/// The sign-offs (`approvals` roles) a change of each kind needs. Defaults: customer-impacting
/// → compliance and consumer protection (消保审查); risk-expanding → risk management; the others
/// none.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct SignOffPolicy {
    /// Rate or fees up, terms or methods removed, prepayment made costlier.
    pub customer_impacting: Option<Vec<super::spec::Role>>,
    /// Larger amounts or LTV, less collateral, longer terms, wider eligibility, a stage forward.
    pub risk_expanding: Option<Vec<super::spec::Role>>,
    /// Stricter limits, more collateral, a stage back.
    pub tightening: Option<Vec<super::spec::Role>>,
    /// Cheaper for the borrower: rate or fees down.
    pub favourable: Option<Vec<super::spec::Role>>,
    /// Names, descriptions, `x-` keys, the changelog.
    pub editorial: Option<Vec<super::spec::Role>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Jurisdiction {
    /// People's Republic of China (NFRA, PBOC, SPC rules).
    Cn,
}

/// A CSV path, or fixings listed inline.
#[derive(Clone, Debug, JsonSchema)]
#[schemars(untagged)]
pub(crate) enum RatesSource {
    Path(String),
    Inline(Vec<Fixing>),
}

impl<'de> Deserialize<'de> for RatesSource {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::String(path) => Ok(RatesSource::Path(path)),
            other => serde_json::from_value(other)
                .map(RatesSource::Inline)
                .map_err(D::Error::custom),
        }
    }
}

/// One LPR fixing: the rates in force from `date`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct Fixing {
    /// Effective date of the fixing (the 20th, or the next working day).
    pub date: Date,
    /// 1-year LPR.
    #[serde(rename = "LPR1Y")]
    pub lpr1y: Percent,
    /// Over-5-year LPR.
    #[serde(rename = "LPR5Y")]
    pub lpr5y: Percent,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Bank {
    /// The lender's name, as the cost disclosure form shows it.
    #[schemars(length(max = 100))]
    pub name: Option<String>,
    /// What kind of lender the bank is; sets which interest caps apply. Default `bank`.
    pub lender_type: Option<LenderType>,
    /// Regulatory capital.
    pub capital: Option<Capital>,
    /// Funding cost: a rate below this loses money (资金成本).
    pub funding_cost: Option<Percent>,
    /// The bank's overall non-performing-loan ratio (全行不良率), for the inclusive-finance tolerance.
    pub npl_ratio: Option<Percent>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LenderType {
    /// 商业银行
    Bank,
    /// 消费金融公司
    ConsumerFinance,
    /// 汽车金融公司
    AutoFinance,
    /// 小额贷款公司
    SmallLoan,
    /// A lender outside the licensed financial institutions (民间借贷)
    PrivateLender,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Capital {
    /// Net capital (资本净额).
    pub net: Money,
    /// Tier-1 capital (一级资本净额).
    pub tier1: Money,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum RuleLevel {
    Error,
    Warn,
    Off,
}

/// A rule of the bank's own.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct CustomRule {
    /// The code findings carry (`BANK001`).
    #[schemars(regex(pattern = "^[A-Z][A-Z0-9_-]{1,15}$"))]
    pub id: String,
    /// Kebab-case name (`sme-spread-ceiling`).
    #[schemars(regex(pattern = "^[a-z][a-z0-9-]*$"))]
    pub name: String,
    /// CEL condition selecting the products the rule applies to; default: all.
    #[schemars(length(max = 4000))]
    pub when: Option<String>,
    /// CEL condition every selected product must meet.
    #[schemars(length(max = 4000))]
    pub check: String,
    /// The message of a finding: one text, or `{ en, zh }` for `--lang`.
    pub message: CustomMessage,
    /// `error` (default) or `warn`.
    pub severity: Option<CustomSeverity>,
    /// Where a finding points: a JSON pointer into the product (`/rate`); default: the first
    /// section the `check` names, else the product's `code`.
    pub at: Option<String>,
}

/// A custom rule's message, in one language or both.
#[derive(Clone, Debug, JsonSchema)]
#[schemars(untagged)]
pub(crate) enum CustomMessage {
    One(#[schemars(length(max = 500))] String),
    Both(Bilingual),
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct Bilingual {
    #[schemars(length(max = 500))]
    pub en: String,
    #[schemars(length(max = 500))]
    pub zh: String,
}

impl<'de> Deserialize<'de> for CustomMessage {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::String(text) => Ok(CustomMessage::One(text)),
            other => serde_json::from_value(other)
                .map(CustomMessage::Both)
                .map_err(D::Error::custom),
        }
    }
}

impl CustomMessage {
    /// The message for `--lang en` and `--lang zh`.
    pub(crate) fn text(&self) -> crate::diagnostics::Text {
        match self {
            CustomMessage::One(text) => crate::diagnostics::Text {
                en: text.clone(),
                zh: text.clone(),
            },
            CustomMessage::Both(b) => crate::diagnostics::Text {
                en: b.en.clone(),
                zh: b.zh.clone(),
            },
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum CustomSeverity {
    Error,
    Warn,
}
