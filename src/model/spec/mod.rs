//! The spec language as written (`*.yaml` in a catalogue): the types the product schema is
//! generated from and that a spec deserializes into after it has passed the schema.
//!
//! Top-level sections are optional here because a product line (`kind: line`) may be partial;
//! the schema requires them for products (`if kind is not line then required …`), and they are
//! checked once a product's `extends` chain is merged. Doc comments become the descriptions an
//! editor shows while completing keys.

use schemars::JsonSchema;
use serde::Deserialize;

mod collateral;
mod lifecycle;

pub(crate) use collateral::*;
pub(crate) use lifecycle::*;

use super::units::{BasisPoints, Benchmark, FeeAmount, Money, Percent, RateExpr, Term};

/// A loan product (`kind: product`) or a product line that products extend (`kind: line`).
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
#[schemars(title = "loanspec product spec")]
pub struct Spec {
    /// Version of the spec language: always `1`.
    pub loanspec: LanguageVersion,
    /// `product` (default) or `line`: an abstract base other products extend; may be partial and
    /// is never compiled.
    pub kind: Option<Kind>,
    /// Product code, unique in the catalogue: capital letters, digits and dashes, 3–32 long,
    /// starting with a letter (`SCI-TECH-CREDIT`).
    pub code: ProductCode,
    /// Version of this product definition, semantic (`1.2.0`).
    pub version: SemVer,
    /// Product name, in Chinese and/or English (at most 100 characters each, as core banking
    /// systems keep them).
    pub name: Name,
    /// What the product is for, in a sentence or two.
    pub description: Option<LocalizedText>,
    /// A product line (or product) this spec builds on: a path relative to this file, inside the
    /// catalogue (`../lines/sme-credit.yaml`). Mappings merge key by key and this file wins;
    /// lists are replaced whole.
    pub extends: Option<String>,
    /// Lifecycle stage (生命周期阶段).
    pub stage: Option<Stage>,
    /// Who may borrow.
    pub borrower: Option<Borrower>,
    /// What the loan pays for (贷款用途); sets which term ceilings apply.
    pub purpose: Option<Purpose>,
    /// How the loan is originated: `online` means the whole process is online, so the
    /// internet-loan rules apply.
    pub origination: Option<Origination>,
    /// Where customers apply.
    pub channels: Option<Vec<Channel>>,
    /// Loan amount limits (额度).
    pub amount: Option<Amount>,
    /// Loan term limits (期限).
    pub term: Option<TermRange>,
    /// Interest rate (利率): `LPR1Y + 50bp`, `4.35%`, or the long form with a floor, cap or
    /// repricing.
    pub rate: Option<RateSpec>,
    /// Repayment (还款方式).
    pub repayment: Option<Repayment>,
    /// Fees charged to the borrower (费用).
    pub fees: Option<Vec<Fee>>,
    /// Penalty interest (罚息).
    pub penalty: Option<Penalty>,
    /// Interest discounts (利率优惠).
    pub discounts: Option<Vec<Discount>>,
    /// Collateral and guarantees (担保方式): a list of shares summing to 100%, or `none` for a
    /// credit (unsecured) product.
    pub collateral: Option<Collateral>,
    /// Credit decision (审批).
    pub approval: Option<Approval>,
    /// Disbursement and payment control (放款与受托支付).
    pub disbursement: Option<Disbursement>,
    /// Joint lending with a partner institution (联合贷款).
    pub joint_lending: Option<JointLending>,
    /// Credit-line management (额度管理).
    pub limit: Option<Limit>,
    /// Risk appetite and stress plans (风险).
    pub risk: Option<Risk>,
    /// Sign-offs recorded for stage gates (审批记录).
    pub approvals: Option<Vec<SignOff>>,
    /// Pilot, launch, review and retirement plans (产品全生命周期).
    pub lifecycle: Option<Lifecycle>,
    /// What changed in each version (变更记录).
    pub changelog: Option<Vec<ChangelogEntry>>,
    /// Green-credit classification (绿色信贷), for `purpose: green`.
    pub green: Option<Green>,
}

/// The spec language version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(try_from = "u8")]
#[schemars(with = "LanguageVersionSchema")]
pub struct LanguageVersion;

impl TryFrom<u8> for LanguageVersion {
    type Error = &'static str;

    fn try_from(v: u8) -> Result<Self, Self::Error> {
        if v == 1 {
            Ok(LanguageVersion)
        } else {
            Err("the spec language version is 1")
        }
    }
}

/// `1`: the version of the spec language this file is written in.
#[derive(JsonSchema)]
#[schemars(extend("const" = 1))]
#[expect(dead_code, reason = "only its schema is used")]
struct LanguageVersionSchema(u8);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A product that is compiled for core banking.
    Product,
    /// An abstract product line that products extend; never compiled.
    Line,
}

/// A product code: `[A-Z][A-Z0-9-]{2,31}`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema, serde::Serialize)]
#[serde(transparent)]
#[schemars(extend("pattern" = "^[A-Z][A-Z0-9-]{2,31}$"), extend("examples" = ["SCI-TECH-CREDIT"]))]
pub struct ProductCode(pub String);

/// A semantic version: `MAJOR.MINOR.PATCH`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
#[serde(transparent)]
#[schemars(extend("pattern" = "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$"), extend("examples" = ["1.0.0"]))]
pub struct SemVer(pub String);

/// Text in Chinese and/or English.
/// A free text in Chinese and/or English (a description: at most 2,000 characters each).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
#[schemars(deny_unknown_fields)]
#[schemars(extend("minProperties" = 1))]
pub struct LocalizedText {
    /// 中文
    #[schemars(length(max = 2000))]
    pub zh: Option<String>,
    /// English
    #[schemars(length(max = 2000))]
    pub en: Option<String>,
}

/// A product's name in Chinese and/or English: at most 100 characters each (Apache Fineract
/// keeps 100; core banking systems cap names).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
#[schemars(deny_unknown_fields)]
#[schemars(extend("minProperties" = 1))]
pub struct Name {
    /// 中文
    #[schemars(length(max = 100))]
    pub zh: Option<String>,
    /// English
    #[schemars(length(max = 100))]
    pub en: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// 需求立项: the need is recorded.
    Proposal,
    /// 市场调研: market research.
    Research,
    /// 方案设计: the product is being designed.
    Design,
    /// 风险评估: risk and compliance review.
    RiskReview,
    /// 试点验证: piloted in selected branches.
    Pilot,
    /// 全面推广: launched and rolling out.
    Launched,
    /// 后评价: post-launch review.
    PostReview,
    /// 停止新增准入: no new customers; existing loans run off or migrate.
    Retiring,
    /// 归档: retired.
    Retired,
}

impl Stage {
    /// Every stage, in lifecycle order.
    pub(crate) const ALL: [Stage; 9] = [
        Stage::Proposal,
        Stage::Research,
        Stage::Design,
        Stage::RiskReview,
        Stage::Pilot,
        Stage::Launched,
        Stage::PostReview,
        Stage::Retiring,
        Stage::Retired,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Proposal => "proposal",
            Stage::Research => "research",
            Stage::Design => "design",
            Stage::RiskReview => "risk_review",
            Stage::Pilot => "pilot",
            Stage::Launched => "launched",
            Stage::PostReview => "post_review",
            Stage::Retiring => "retiring",
            Stage::Retired => "retired",
        }
    }
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Borrower {
    /// Borrower type (借款人类型).
    #[serde(rename = "type")]
    pub kind: BorrowerType,
    /// Free tags for target segments (`sci_tech`, `new_citizens`…).
    pub segments: Option<Vec<String>>,
    /// For enterprise borrowers: the largest enterprise size lent to (企业规模上限, by the
    /// industry classes of 《中小企业划型标准规定》): `small` lends to small and micro enterprises.
    /// It decides whether an `sme` or `enterprise` product counts as 普惠型小微企业贷款.
    pub size: Option<EnterpriseSize>,
}

/// Enterprise size, smallest first (企业规模).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EnterpriseSize {
    /// 微型企业
    Micro,
    /// 小型企业
    Small,
    /// 中型企业
    Medium,
    /// 大型企业
    Large,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BorrowerType {
    /// 个人
    Individual,
    /// 个体工商户
    IndividualBusiness,
    /// 小微企业
    MicroEnterprise,
    /// 中小企业
    Sme,
    /// 企业
    Enterprise,
    /// 农户
    Farmer,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// 个人消费
    Consumption,
    /// 个人经营
    Business,
    /// 流动资金
    WorkingCapital,
    /// 固定资产
    FixedAsset,
    /// 住房
    Housing,
    /// 汽车
    Auto,
    /// 农业生产
    Agriculture,
    /// 助学
    Education,
    /// 绿色项目
    Green,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origination {
    /// The whole process is online (互联网贷款): internet-loan rules apply.
    Online,
    /// At a branch.
    Branch,
    /// Partly online, partly at a branch.
    Hybrid,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// 网点
    Branch,
    /// 手机银行
    MobileApp,
    /// 网上银行
    OnlineBanking,
    /// 微信银行
    Wechat,
    /// 小程序
    MiniProgram,
    /// 合作平台
    PartnerPlatform,
    /// 电话银行
    CallCenter,
    /// 客户经理上门
    CustomerManager,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Amount {
    /// Currency, ISO 4217.
    pub currency: Currency,
    /// Smallest loan.
    pub min: Money,
    /// Largest loan: the single-borrower limit (单户额度上限).
    pub max: Money,
    /// The amount offered by default, if any.
    pub default: Option<Money>,
    /// Limits tiered by the borrower's verified monthly income (按收入分层授信), lowest tier first.
    pub tiers: Option<Vec<AmountTier>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
pub enum Currency {
    /// 人民币
    #[serde(rename = "CNY")]
    Cny,
    /// 美元
    #[serde(rename = "USD")]
    Usd,
    /// 欧元
    #[serde(rename = "EUR")]
    Eur,
    /// 港币
    #[serde(rename = "HKD")]
    Hkd,
}

/// One income tier: borrowers with at least `min_monthly_income` may borrow up to `max`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct AmountTier {
    /// Verified monthly income from which this tier applies (月收入下限).
    pub min_monthly_income: Money,
    /// Largest loan in this tier.
    pub max: Money,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct TermRange {
    /// Shortest term.
    pub min: Term,
    /// Longest term.
    pub max: Term,
    /// The terms offered; each inside [min, max]. Empty: any whole month in the range.
    pub options: Option<Vec<Term>>,
    /// Why a term beyond the usual ceiling for the purpose is needed (a long cash-flow or
    /// operating cycle), as the credit file records it.
    pub justification: Option<String>,
}

/// A rate: the short form `LPR1Y + 50bp` / `4.35%`, or the long form.
#[derive(Clone, Debug, JsonSchema)]
#[schemars(untagged)]
pub enum RateSpec {
    Short(RateExpr),
    Long(RateLong),
}

impl<'de> Deserialize<'de> for RateSpec {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        let value = serde_json::Value::deserialize(deserializer)?;
        if value.is_object() {
            serde_json::from_value(value)
                .map(RateSpec::Long)
                .map_err(D::Error::custom)
        } else {
            RateExpr::parse_value(&value)
                .map(RateSpec::Short)
                .map_err(|e| D::Error::custom(e.message.en))
        }
    }
}

/// The long form of a rate, for floors, caps and repricing. Give `benchmark` (with `spread`) or
/// `fixed`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RateLong {
    /// The benchmark a floating rate follows.
    pub benchmark: Option<Benchmark>,
    /// The spread over the benchmark (加点), in basis points.
    pub spread: Option<BasisPoints>,
    /// A fixed rate, instead of a benchmark.
    pub fixed: Option<Percent>,
    /// The rate never goes below this (利率下限).
    pub floor: Option<Percent>,
    /// The rate never goes above this (利率上限).
    pub cap: Option<Percent>,
    /// A floating rate re-fixes every this many months (重定价周期).
    pub repricing: Option<Term>,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Repayment {
    /// Repayment methods offered.
    #[schemars(length(min = 1))]
    pub methods: Vec<RepaymentMethod>,
    /// How often payments fall due; default `monthly`.
    pub frequency: Option<Frequency>,
    /// `true` for a credit line drawn and repaid at any time (随借随还); default `false`.
    pub revolving: Option<bool>,
    /// Interest-only or payment-free period at the start; default `0M`.
    pub grace_period: Option<Term>,
    /// Early repayment; default allowed without a fee.
    pub prepayment: Option<Prepayment>,
    /// How a period's interest is counted (计息方式): `30/360` (default: a month is 1/12 of the
    /// annual rate), `actual/360` or `actual/365` (the days in the period over 360 or 365).
    pub day_count: Option<DayCount>,
}

/// The day-count convention of interest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
pub enum DayCount {
    /// 按月计息: each month is 1/12 of a year, each period's rate is the annual rate ÷ 12.
    #[serde(rename = "30/360")]
    Thirty360,
    /// 按日计息，年基准 360 天: actual days ÷ 360.
    #[serde(rename = "actual/360")]
    Actual360,
    /// 按日计息，年基准 365 天: actual days ÷ 365.
    #[serde(rename = "actual/365")]
    Actual365,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RepaymentMethod {
    /// 等额本息: equal instalments of principal and interest.
    EqualInstallment,
    /// 等额本金: equal principal, falling interest.
    EqualPrincipal,
    /// 先息后本: interest each period, principal at maturity.
    InterestOnly,
    /// 到期一次还本付息: everything at maturity.
    Bullet,
    /// 随借随还: a credit line, interest on the amount drawn.
    Revolving,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// 按月
    Monthly,
    /// 按季
    Quarterly,
    /// 到期
    AtMaturity,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Prepayment {
    /// Whether the borrower may repay early.
    pub allowed: bool,
    /// Fee on the amount repaid early; default `0%`.
    pub fee: Option<Percent>,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Fee {
    /// What the fee is for.
    pub kind: FeeKind,
    /// A percentage of the principal (`0.5%`) or a fixed amount (`500`).
    pub amount: FeeAmount,
    /// How often it is charged: `once` (default, at disbursement), per `year`, per repayment
    /// `period`, or per `drawdown`.
    pub per: Option<FeePer>,
    /// Who collects it; default `lender`.
    pub payee: Option<Payee>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FeeKind {
    /// 手续费 / 安排费
    Arrangement,
    /// 担保费
    Guarantee,
    /// 保险费
    Insurance,
    /// 服务费
    Service,
    /// 账户管理费
    Management,
    /// 承诺费
    Commitment,
    /// 评估费
    Appraisal,
    /// 公证费
    Notary,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FeePer {
    /// Once, at disbursement.
    Once,
    /// Every year of the term.
    Year,
    /// Every repayment period.
    Period,
    /// Every drawdown of a credit line.
    Drawdown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Payee {
    /// 贷款行
    Lender,
    /// 融资担保公司
    GuaranteeCompany,
    /// 保险公司
    Insurer,
    /// 合作机构
    Partner,
    /// 其他第三方
    ThirdParty,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Penalty {
    /// Overdue rate = contract rate × (1 + markup) (逾期罚息上浮).
    pub overdue_markup: Option<Percent>,
    /// Rate for funds used against the agreed purpose = contract rate × (1 + markup) (挪用罚息上浮).
    pub misuse_markup: Option<Percent>,
    /// Whether interest not paid when due earns interest itself at the overdue rate
    /// (对逾期未付利息计收复利). The cost disclosure form states it.
    pub compound_interest: Option<bool>,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Discount {
    /// What earns the discount.
    pub kind: DiscountKind,
    /// The most it takes off the rate.
    pub max: BasisPoints,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DiscountKind {
    /// 社区积分抵扣利息
    CommunityPoints,
    /// 按时还款优惠
    OnTimeRepayment,
    /// 代发工资客户
    PayrollCustomer,
    /// 首贷户
    FirstLoan,
    /// 绿色项目优惠
    GreenBonus,
    /// 财政贴息
    GovernmentSubsidy,
}
