//! The catalogue config, `loanspec.yaml` at the root of a catalogue.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;

use super::spec::LanguageVersion;
use super::units::{Date, Money, Percent};

/// The catalogue config: which rule pack applies, extra benchmark fixings, the bank's figures,
/// rule severities and the bank's own rules.
///
/// 中文：产品目录的配置：适用的规则包、补充的 LPR 报价、本行数据、规则级别和本行自定义规则。
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
#[schemars(title = "loanspec catalogue config (loanspec.yaml)")]
pub(crate) struct CatalogueConfig {
    /// Version of the spec language: always `1`.
    ///
    /// 中文：规格语言的版本，固定写 `1`。
    #[expect(
        dead_code,
        reason = "the type refuses any other version; the value itself is not needed"
    )]
    pub loanspec: LanguageVersion,
    /// Which regulatory rule pack applies; default `cn`.
    ///
    /// 中文：适用的监管规则包；默认 `cn`。
    #[expect(dead_code, reason = "`cn` is the only pack; the type refuses any other")]
    pub jurisdiction: Option<Jurisdiction>,
    /// LPR fixings beyond the embedded history: a CSV file (path relative to this file, columns
    /// `effective_date,lpr_1y_pct,lpr_5y_pct`) or a list of fixings.
    ///
    /// 中文：内置报价历史之外的 LPR 报价：CSV 文件（路径相对于本文件，列为 `effective_date,lpr_1y_pct,lpr_5y_pct`），
    /// 或逐条列出的报价。
    pub rates: Option<RatesSource>,
    /// The bank's own figures, for concentration and pricing rules.
    ///
    /// 中文：本行的数据，用于集中度和定价类规则。
    pub bank: Option<Bank>,
    /// Severity per rule, by code or name: `error`, `warn` or `off`.
    ///
    /// 中文：各条规则的级别，按代码或名称设置：`error`、`warn` 或 `off`。
    pub rules: Option<BTreeMap<String, RuleLevel>>,
    /// The bank's own values for rule-pack parameters (a stricter internal limit, a local
    /// mortgage floor), by name; `loanspec rules` lists them.
    pub parameters: Option<BTreeMap<String, serde_json::Value>>,
    /// The bank's own rules, as CEL expressions over the resolved product.
    ///
    /// 中文：本行自定义的规则，以 CEL 表达式作用于解析后的产品。
    #[expect(
        dead_code,
        reason = "read one rule at a time by `rules::custom`, so one bad rule does not hide the others; here for the schema"
    )]
    pub custom_rules: Option<Vec<CustomRule>>,
    /// Who must sign a change of each kind before it merges (`loanspec diff`); a kind left out
    /// keeps its default.
    ///
    /// 中文：每类变更在合并前须由哪些人签字（`loanspec diff`）；未列出的类别沿用默认值。
    pub signoffs: Option<SignOffPolicy>,
}

/// The sign-offs (`approvals` roles) a change of each kind needs. Defaults: customer-impacting
/// → compliance and consumer protection (消保审查); risk-expanding → risk management; the others
/// none.
///
/// 中文：每类变更所需的签字（`approvals` 中的角色）。默认：影响客户权益的变更须合规和消费者权益保护审查（消保审查）签字；
/// 扩大风险的变更须风险管理签字；其余无须签字。
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct SignOffPolicy {
    /// Rate or fees up, terms or methods removed, prepayment made costlier.
    ///
    /// 中文：利率或费用上调、期限或还款方式减少、提前还款成本提高。
    pub customer_impacting: Option<Vec<super::spec::Role>>,
    /// Larger amounts or LTV, less collateral, longer terms, wider eligibility, a stage forward.
    ///
    /// 中文：金额或抵质押率提高、担保减少、期限延长、准入放宽、阶段前移。
    pub risk_expanding: Option<Vec<super::spec::Role>>,
    /// Stricter limits, more collateral, a stage back.
    ///
    /// 中文：限额收紧、担保增加、阶段后退。
    pub tightening: Option<Vec<super::spec::Role>>,
    /// Cheaper for the borrower: rate or fees down.
    ///
    /// 中文：对借款人更优惠：利率或费用下调。
    pub favourable: Option<Vec<super::spec::Role>>,
    /// Names, descriptions, `x-` keys, the changelog.
    ///
    /// 中文：名称、说明、`x-` 扩展键、变更记录。
    pub editorial: Option<Vec<super::spec::Role>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Jurisdiction {
    /// People's Republic of China (NFRA, PBOC, SPC rules).
    ///
    /// 中文：中华人民共和国（国家金融监督管理总局、中国人民银行、最高人民法院的规定）。
    Cn,
}

/// A CSV path, or fixings listed inline.
///
/// 中文：CSV 文件路径，或逐条列出的报价。
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
///
/// 中文：一条 LPR 报价：自 `date` 起执行的利率。
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct Fixing {
    /// Effective date of the fixing (the 20th, or the next working day).
    ///
    /// 中文：报价的生效日期（每月 20 日，遇节假日顺延）。
    pub date: Date,
    /// 1-year LPR.
    ///
    /// 中文：1年期 LPR。
    #[serde(rename = "LPR1Y")]
    pub lpr1y: Percent,
    /// Over-5-year LPR.
    ///
    /// 中文：5年期以上 LPR。
    #[serde(rename = "LPR5Y")]
    pub lpr5y: Percent,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Bank {
    /// The lender's name, as the cost disclosure form shows it.
    ///
    /// 中文：贷款人名称，显示在综合融资成本明示表上。
    #[schemars(length(max = 100))]
    pub name: Option<String>,
    /// What kind of lender the bank is; sets which interest caps apply. Default `bank`.
    ///
    /// 中文：本行的机构类型，决定适用哪些利率上限。默认 `bank`。
    pub lender_type: Option<LenderType>,
    /// Regulatory capital.
    ///
    /// 中文：监管资本。
    pub capital: Option<Capital>,
    /// Funding cost: a rate below this loses money (资金成本).
    ///
    /// 中文：资金成本：低于此值的利率会亏损。
    pub funding_cost: Option<Percent>,
    /// The bank's overall non-performing-loan ratio (全行不良率), for the inclusive-finance tolerance.
    ///
    /// 中文：全行不良贷款率，用于普惠金融的不良容忍度。
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
    ///
    /// 中文：持牌金融机构以外的贷款人（民间借贷）。
    PrivateLender,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Capital {
    /// Net capital (资本净额).
    ///
    /// 中文：资本净额。
    pub net: Money,
    /// Tier-1 capital (一级资本净额).
    ///
    /// 中文：一级资本净额。
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
///
/// 中文：一条本行自定义的规则。
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct CustomRule {
    /// The code findings carry (`BANK001`).
    ///
    /// 中文：发现所带的代码（如 `BANK001`）。
    #[schemars(regex(pattern = "^[A-Z][A-Z0-9_-]{1,15}$"))]
    pub id: String,
    /// Kebab-case name (`sme-spread-ceiling`).
    ///
    /// 中文：短横线连接的小写名称（如 `sme-spread-ceiling`）。
    #[schemars(regex(pattern = "^[a-z][a-z0-9-]*$"))]
    pub name: String,
    /// CEL condition selecting the products the rule applies to; default: all.
    ///
    /// 中文：选择适用产品的 CEL 条件；不写表示全部产品。
    #[schemars(length(max = 4000))]
    pub when: Option<String>,
    /// CEL condition every selected product must meet.
    ///
    /// 中文：每个被选中的产品都须满足的 CEL 条件。
    #[schemars(length(max = 4000))]
    pub check: String,
    /// The message of a finding: one text, or `{ en, zh }` for `--lang`.
    ///
    /// 中文：发现的提示文字：一段文字，或按 `--lang` 分语言写 `{ en, zh }`。
    pub message: CustomMessage,
    /// `error` (default) or `warn`.
    ///
    /// 中文：`error`（默认）或 `warn`。
    pub severity: Option<CustomSeverity>,
    /// Where a finding points: a JSON pointer into the product (`/rate`); default: the first
    /// section the `check` names, else the product's `code`.
    ///
    /// 中文：发现指向的位置：产品中的 JSON 指针（如 `/rate`）；默认指向 `check` 中出现的第一个部分，
    /// 否则指向产品的 `code`。
    pub at: Option<String>,
}

/// A custom rule's message, in one language or both.
///
/// 中文：自定义规则的提示文字，一种语言或两种语言。
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
