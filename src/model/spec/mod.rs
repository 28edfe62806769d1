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
///
/// 中文：贷款产品（`kind: product`），或供产品继承的产品线（`kind: line`）。
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
#[schemars(title = "loanspec product spec")]
pub struct Spec {
    /// Version of the spec language: always `1`.
    ///
    /// 中文：规格语言的版本，固定写 `1`。
    pub loanspec: LanguageVersion,
    /// `product` (default) or `line`: an abstract base other products extend; may be partial and
    /// is never compiled.
    ///
    /// 中文：`product`（默认，产品）或 `line`（产品线）：产品线是供其他产品继承的抽象基础，
    /// 可以只写一部分，不会被编译。
    pub kind: Option<Kind>,
    /// Product code, unique in the catalogue: capital letters, digits and dashes, 3–32 long,
    /// starting with a letter (`SCI-TECH-CREDIT`).
    ///
    /// 中文：产品代码，在产品目录中唯一：由大写字母、数字和连字符组成，长 3 至 32 位，
    /// 以字母开头（如 `SCI-TECH-CREDIT`）。
    pub code: ProductCode,
    /// Version of this product definition, semantic (`1.2.0`).
    ///
    /// 中文：本产品定义的版本号，按语义化版本书写（如 `1.2.0`）。
    pub version: SemVer,
    /// Product name, in Chinese and/or English (at most 100 characters each, as core banking
    /// systems keep them).
    ///
    /// 中文：产品名称，中文和/或英文（每种语言最多 100 个字符，与核心系统的长度限制一致）。
    pub name: Name,
    /// What the product is for, in a sentence or two.
    ///
    /// 中文：产品说明：这个产品做什么，用一两句话写明。
    pub description: Option<LocalizedText>,
    /// A product line (or product) this spec builds on: a path relative to this file, inside the
    /// catalogue (`../lines/sme-credit.yaml`). Mappings merge key by key and this file wins;
    /// lists are replaced whole.
    ///
    /// 中文：本规格继承的产品线（或产品）：写相对于本文件的路径，须在产品目录之内（如 `../lines/sme-credit.yaml`）。
    /// 映射逐键合并，以本文件为准；列表整体替换。
    pub extends: Option<String>,
    /// Lifecycle stage (生命周期阶段).
    ///
    /// 中文：产品所处的生命周期阶段。
    pub stage: Option<Stage>,
    /// Who may borrow.
    ///
    /// 中文：可以借款的客户。
    pub borrower: Option<Borrower>,
    /// What the loan pays for (贷款用途); sets which term ceilings apply.
    ///
    /// 中文：贷款用途，决定适用哪一档期限上限。
    pub purpose: Option<Purpose>,
    /// How the loan is originated: `online` means the whole process is online, so the
    /// internet-loan rules apply.
    ///
    /// 中文：贷款的办理方式：`online` 表示全流程线上办理，适用互联网贷款的规定。
    pub origination: Option<Origination>,
    /// Where customers apply.
    ///
    /// 中文：客户申请的渠道。
    pub channels: Option<Vec<Channel>>,
    /// Loan amount limits (额度).
    ///
    /// 中文：贷款额度：最低与最高金额。
    pub amount: Option<Amount>,
    /// Loan term limits (期限).
    ///
    /// 中文：贷款期限：最短与最长期限。
    pub term: Option<TermRange>,
    /// Interest rate (利率): `LPR1Y + 50bp`, `4.35%`, or the long form with a floor, cap or
    /// repricing.
    ///
    /// 中文：贷款利率：`LPR1Y + 50bp`、`4.35%`，或带利率下限、上限、重定价周期的完整写法。
    pub rate: Option<RateSpec>,
    /// Repayment (还款方式).
    ///
    /// 中文：还款方式及相关约定。
    pub repayment: Option<Repayment>,
    /// Fees charged to the borrower (费用).
    ///
    /// 中文：向借款人收取的费用。
    pub fees: Option<Vec<Fee>>,
    /// Penalty interest (罚息).
    ///
    /// 中文：罚息：逾期和挪用的罚息上浮比例。
    pub penalty: Option<Penalty>,
    /// Interest discounts (利率优惠).
    ///
    /// 中文：利率优惠。
    pub discounts: Option<Vec<Discount>>,
    /// Collateral and guarantees (担保方式): a list of shares summing to 100%, or `none` for a
    /// credit (unsecured) product.
    ///
    /// 中文：担保方式：按敞口份额列出、合计为 100% 的各项担保；信用贷款写 `none`。
    pub collateral: Option<Collateral>,
    /// Credit decision (审批).
    ///
    /// 中文：审批：审批时效、方式与所用数据。
    pub approval: Option<Approval>,
    /// Disbursement and payment control (放款与受托支付).
    ///
    /// 中文：放款与支付管控，包括受托支付的起点金额。
    pub disbursement: Option<Disbursement>,
    /// Joint lending with a partner institution (联合贷款).
    ///
    /// 中文：与合作机构的联合贷款。
    pub joint_lending: Option<JointLending>,
    /// Credit-line management (额度管理).
    ///
    /// 中文：额度管理：额度重检与自动提额。
    pub limit: Option<Limit>,
    /// Risk appetite and stress plans (风险).
    ///
    /// 中文：风险偏好与压力测试预案。
    pub risk: Option<Risk>,
    /// Sign-offs recorded for stage gates (审批记录).
    ///
    /// 中文：各阶段门槛的审批签字记录。
    pub approvals: Option<Vec<SignOff>>,
    /// Pilot, launch, review and retirement plans (产品全生命周期).
    ///
    /// 中文：试点、推广、定期评估与退出计划（产品全生命周期管理）。
    pub lifecycle: Option<Lifecycle>,
    /// What changed in each version (变更记录).
    ///
    /// 中文：每个版本的变更记录。
    pub changelog: Option<Vec<ChangelogEntry>>,
    /// Green-credit classification (绿色信贷), for `purpose: green`.
    ///
    /// 中文：绿色信贷分类，用于 `purpose: green` 的产品。
    pub green: Option<Green>,
}

/// The spec language version.
///
/// 中文：规格语言的版本。
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
    ///
    /// 中文：产品：会被编译并导入核心系统。
    Product,
    /// An abstract product line that products extend; never compiled.
    ///
    /// 中文：产品线：供其他产品继承的抽象基础，不会被编译。
    Line,
}

/// A product code: `[A-Z][A-Z0-9-]{2,31}`.
///
/// 中文：产品代码：`[A-Z][A-Z0-9-]{2,31}`。
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema, serde::Serialize)]
#[serde(transparent)]
#[schemars(extend("pattern" = "^[A-Z][A-Z0-9-]{2,31}$"), extend("examples" = ["SCI-TECH-CREDIT"]))]
pub struct ProductCode(pub String);

/// A semantic version: `MAJOR.MINOR.PATCH`.
///
/// 中文：语义化版本号：`主版本.次版本.修订号`（`MAJOR.MINOR.PATCH`）。
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
#[serde(transparent)]
#[schemars(extend("pattern" = "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$"), extend("examples" = ["1.0.0"]))]
pub struct SemVer(pub String);

/// Text in Chinese and/or English.
/// A free text in Chinese and/or English (a description: at most 2,000 characters each).
///
/// 中文：中文和/或英文的自由文本（用于产品说明时，每种语言最多 2,000 个字符）。
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
#[schemars(deny_unknown_fields)]
#[schemars(extend("minProperties" = 1))]
pub struct LocalizedText {
    /// 中文
    #[schemars(length(max = 2000))]
    pub zh: Option<String>,
    /// English
    ///
    /// 中文：英文
    #[schemars(length(max = 2000))]
    pub en: Option<String>,
}

/// A product's name in Chinese and/or English: at most 100 characters each (Apache Fineract
/// keeps 100; core banking systems cap names).
///
/// 中文：产品名称，中文和/或英文：每种语言最多 100 个字符（Apache Fineract 最多保存 100 个字符，
/// 核心系统对名称长度都有限制）。
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
#[schemars(deny_unknown_fields)]
#[schemars(extend("minProperties" = 1))]
pub struct Name {
    /// 中文
    #[schemars(length(max = 100))]
    pub zh: Option<String>,
    /// English
    ///
    /// 中文：英文
    #[schemars(length(max = 100))]
    pub en: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// 需求立项: the need is recorded.
    ///
    /// 中文：需求立项：已记录业务需求。
    Proposal,
    /// 市场调研: market research.
    ///
    /// 中文：市场调研：正在开展市场调研。
    Research,
    /// 方案设计: the product is being designed.
    ///
    /// 中文：方案设计：正在设计产品方案。
    Design,
    /// 风险评估: risk and compliance review.
    ///
    /// 中文：风险评估：正在进行风险与合规审查。
    RiskReview,
    /// 试点验证: piloted in selected branches.
    ///
    /// 中文：试点验证：在选定的分支机构试点。
    Pilot,
    /// 全面推广: launched and rolling out.
    ///
    /// 中文：全面推广：已上线并全面推广。
    Launched,
    /// 后评价: post-launch review.
    ///
    /// 中文：后评价：上线后的评价。
    PostReview,
    /// 停止新增准入: no new customers; existing loans run off or migrate.
    ///
    /// 中文：停止新增准入：不再准入新客户，存量贷款自然结清或迁移。
    Retiring,
    /// 归档: retired.
    ///
    /// 中文：归档：产品已退出。
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
    ///
    /// 中文：借款人类型。
    #[serde(rename = "type")]
    pub kind: BorrowerType,
    /// Free tags for target segments (`sci_tech`, `new_citizens`…).
    ///
    /// 中文：目标客群的自定义标签（如 `sci_tech`、`new_citizens`）。
    pub segments: Option<Vec<String>>,
    /// For enterprise borrowers: the largest enterprise size lent to (企业规模上限, by the
    /// industry classes of 《中小企业划型标准规定》): `small` lends to small and micro enterprises.
    /// It decides whether an `sme` or `enterprise` product counts as 普惠型小微企业贷款.
    ///
    /// 中文：企业借款人适用：可贷企业规模的上限（按《中小企业划型标准规定》的行业划型）。
    /// `small` 表示只贷给小型和微型企业。它决定 `sme` 或 `enterprise` 产品是否计入普惠型小微企业贷款。
    pub size: Option<EnterpriseSize>,
}

/// Enterprise size, smallest first (企业规模).
///
/// 中文：企业规模，从小到大排列。
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
    ///
    /// 中文：全流程线上办理（互联网贷款）：适用互联网贷款的规定。
    Online,
    /// At a branch.
    ///
    /// 中文：在网点办理。
    Branch,
    /// Partly online, partly at a branch.
    ///
    /// 中文：部分线上、部分在网点办理。
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
    ///
    /// 中文：币种，按 ISO 4217 代码书写。
    pub currency: Currency,
    /// Smallest loan.
    ///
    /// 中文：单笔贷款的最低金额。
    pub min: Money,
    /// Largest loan: the single-borrower limit (单户额度上限).
    ///
    /// 中文：单户额度上限：单个借款人可获得的最高贷款金额。
    pub max: Money,
    /// The amount offered by default, if any.
    ///
    /// 中文：默认给出的额度（如有）。
    pub default: Option<Money>,
    /// Limits tiered by the borrower's verified monthly income (按收入分层授信), lowest tier first.
    ///
    /// 中文：按借款人经核实的月收入分层授信，从最低一档开始列出。
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
///
/// 中文：一档收入分层：月收入不低于 `min_monthly_income` 的借款人，最高可借 `max`。
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct AmountTier {
    /// Verified monthly income from which this tier applies (月收入下限).
    ///
    /// 中文：本档适用的经核实月收入下限。
    pub min_monthly_income: Money,
    /// Largest loan in this tier.
    ///
    /// 中文：本档的最高贷款金额。
    pub max: Money,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct TermRange {
    /// Shortest term.
    ///
    /// 中文：最短期限。
    pub min: Term,
    /// Longest term.
    ///
    /// 中文：最长期限。
    pub max: Term,
    /// The terms offered; each inside [min, max]. Empty: any whole month in the range.
    ///
    /// 中文：可选的期限，每一项都须在最短与最长期限之间。不写：区间内的任意整月均可。
    pub options: Option<Vec<Term>>,
    /// Why a term beyond the usual ceiling for the purpose is needed (a long cash-flow or
    /// operating cycle), as the credit file records it.
    ///
    /// 中文：期限超过该用途通常上限的理由（如经营周期或现金流周期较长），与信贷档案的记录一致。
    pub justification: Option<String>,
}

/// A rate: the short form `LPR1Y + 50bp` / `4.35%`, or the long form.
///
/// 中文：利率：简写 `LPR1Y + 50bp` / `4.35%`，或完整写法。
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
///
/// 中文：利率的完整写法，用于设置利率下限、上限和重定价。写 `benchmark`（配 `spread`）或 `fixed` 二者之一。
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RateLong {
    /// The benchmark a floating rate follows.
    ///
    /// 中文：浮动利率所跟随的基准利率。
    pub benchmark: Option<Benchmark>,
    /// The spread over the benchmark (加点), in basis points.
    ///
    /// 中文：在基准利率之上的加点，以基点表示。
    pub spread: Option<BasisPoints>,
    /// A fixed rate, instead of a benchmark.
    ///
    /// 中文：固定利率，代替基准利率。
    pub fixed: Option<Percent>,
    /// The rate never goes below this (利率下限).
    ///
    /// 中文：利率下限：执行利率不低于此值。
    pub floor: Option<Percent>,
    /// The rate never goes above this (利率上限).
    ///
    /// 中文：利率上限：执行利率不高于此值。
    pub cap: Option<Percent>,
    /// A floating rate re-fixes every this many months (重定价周期).
    ///
    /// 中文：重定价周期：浮动利率每隔这么多个月重新定价一次。
    pub repricing: Option<Term>,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Repayment {
    /// Repayment methods offered.
    ///
    /// 中文：提供的还款方式。
    #[schemars(length(min = 1))]
    pub methods: Vec<RepaymentMethod>,
    /// How often payments fall due; default `monthly`.
    ///
    /// 中文：还款的频率；默认 `monthly`（按月）。
    pub frequency: Option<Frequency>,
    /// `true` for a credit line drawn and repaid at any time (随借随还); default `false`.
    ///
    /// 中文：`true` 表示随借随还的授信额度，可随时支用和归还；默认 `false`。
    pub revolving: Option<bool>,
    /// Interest-only or payment-free period at the start; default `0M`.
    ///
    /// 中文：期初的只还息期或免还款期；默认 `0M`。
    pub grace_period: Option<Term>,
    /// Early repayment; default allowed without a fee.
    ///
    /// 中文：提前还款；默认允许且不收费。
    pub prepayment: Option<Prepayment>,
    /// How a period's interest is counted (计息方式): `30/360` (default: a month is 1/12 of the
    /// annual rate), `actual/360` or `actual/365` (the days in the period over 360 or 365).
    ///
    /// 中文：每期利息的计息方式：`30/360`（默认，每月按年利率的 1/12 计息）、`actual/360` 或 `actual/365`（按本期实际天数除以 360 或 365 计息）。
    pub day_count: Option<DayCount>,
}

/// The day-count convention of interest.
///
/// 中文：利息的计息基准。
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
pub enum DayCount {
    /// 按月计息: each month is 1/12 of a year, each period's rate is the annual rate ÷ 12.
    ///
    /// 中文：按月计息：每月按一年的 1/12 计算，每期利率为年利率 ÷ 12。
    #[serde(rename = "30/360")]
    Thirty360,
    /// 按日计息，年基准 360 天: actual days ÷ 360.
    ///
    /// 中文：按日计息，年基准 360 天：实际天数 ÷ 360。
    #[serde(rename = "actual/360")]
    Actual360,
    /// 按日计息，年基准 365 天: actual days ÷ 365.
    ///
    /// 中文：按日计息，年基准 365 天：实际天数 ÷ 365。
    #[serde(rename = "actual/365")]
    Actual365,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RepaymentMethod {
    /// 等额本息: equal instalments of principal and interest.
    ///
    /// 中文：等额本息：每期还款额相同，含本金和利息。
    EqualInstallment,
    /// 等额本金: equal principal, falling interest.
    ///
    /// 中文：等额本金：每期归还相同的本金，利息逐期递减。
    EqualPrincipal,
    /// 先息后本: interest each period, principal at maturity.
    ///
    /// 中文：先息后本：每期只还利息，到期归还本金。
    InterestOnly,
    /// 到期一次还本付息: everything at maturity.
    ///
    /// 中文：到期一次还本付息：本金和利息在到期时一次还清。
    Bullet,
    /// 随借随还: a credit line, interest on the amount drawn.
    ///
    /// 中文：随借随还：授信额度内随时支用，按已支用金额计息。
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
    ///
    /// 中文：是否允许借款人提前还款。
    pub allowed: bool,
    /// Fee on the amount repaid early; default `0%`.
    ///
    /// 中文：按提前还款金额收取的费用；默认 `0%`。
    pub fee: Option<Percent>,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Fee {
    /// What the fee is for.
    ///
    /// 中文：费用的名目。
    pub kind: FeeKind,
    /// A percentage of the principal (`0.5%`) or a fixed amount (`500`).
    ///
    /// 中文：按本金的百分比（`0.5%`）或固定金额（`500`）收取。
    pub amount: FeeAmount,
    /// How often it is charged: `once` (default, at disbursement), per `year`, per repayment
    /// `period`, or per `drawdown`.
    ///
    /// 中文：收取频率：`once`（默认，放款时一次收取）、每年（`year`）、每个还款期（`period`）或每次支用（`drawdown`）。
    pub per: Option<FeePer>,
    /// Who collects it; default `lender`.
    ///
    /// 中文：收取方；默认 `lender`（贷款人）。
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
    ///
    /// 中文：放款时一次收取。
    Once,
    /// Every year of the term.
    ///
    /// 中文：贷款期限内每年收取。
    Year,
    /// Every repayment period.
    ///
    /// 中文：每个还款期收取。
    Period,
    /// Every drawdown of a credit line.
    ///
    /// 中文：授信额度每次支用时收取。
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
    ///
    /// 中文：逾期罚息上浮：逾期利率 = 合同利率 ×（1 + 上浮比例）。
    pub overdue_markup: Option<Percent>,
    /// Rate for funds used against the agreed purpose = contract rate × (1 + markup) (挪用罚息上浮).
    ///
    /// 中文：挪用罚息上浮：未按约定用途使用资金的利率 = 合同利率 ×（1 + 上浮比例）。
    pub misuse_markup: Option<Percent>,
    /// Whether interest not paid when due earns interest itself at the overdue rate
    /// (对逾期未付利息计收复利). The cost disclosure form states it.
    ///
    /// 中文：对逾期未付利息是否按逾期利率计收复利。综合融资成本明示表会写明这一点。
    pub compound_interest: Option<bool>,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Discount {
    /// What earns the discount.
    ///
    /// 中文：享受优惠的条件。
    pub kind: DiscountKind,
    /// The most it takes off the rate.
    ///
    /// 中文：利率最多下调多少。
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
