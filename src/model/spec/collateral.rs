//! Collateral, the approval process, disbursement, joint lending, limits and risk appetite.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::model::units::{Duration, Money, Percent, Term};

/// `none` for a credit (unsecured) product, or the collateral mix.
///
/// 中文：信用（无担保）贷款写 `none`，否则列出各项担保的组合。
#[derive(Clone, Debug, JsonSchema)]
#[schemars(untagged)]
pub enum Collateral {
    None(NoCollateral),
    Items(#[schemars(length(min = 1))] Vec<CollateralItem>),
}

impl<'de> Deserialize<'de> for Collateral {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        let value = serde_json::Value::deserialize(deserializer)?;
        match value {
            serde_json::Value::String(s) if s == "none" => Ok(Collateral::None(NoCollateral)),
            other => serde_json::from_value(other)
                .map(Collateral::Items)
                .map_err(D::Error::custom),
        }
    }
}

/// `none`: a credit (unsecured, 信用) product.
///
/// 中文：`none`：信用（无担保）贷款。
#[derive(Clone, Copy, Debug, JsonSchema)]
#[schemars(extend("const" = "none"), extend("type" = "string"))]
pub struct NoCollateral;

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct CollateralItem {
    /// What secures this share of the exposure.
    ///
    /// 中文：为这部分敞口提供担保的方式。
    pub kind: CollateralKind,
    /// Share of the exposure it covers; the shares sum to 100%.
    ///
    /// 中文：该项担保覆盖的敞口份额；各项份额合计为 100%。
    pub share: Percent,
    /// Largest loan-to-value ratio accepted (抵质押率上限).
    ///
    /// 中文：可接受的抵质押率上限。
    pub max_ltv: Option<Percent>,
    /// For vehicles: which class, for the auto-loan LTV caps.
    ///
    /// 中文：车辆适用：车辆的类别，用于汽车贷款的抵押率上限。
    pub vehicle_class: Option<VehicleClass>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VehicleClass {
    /// 自用车
    Private,
    /// 商用传统动力车
    CommercialIce,
    /// 商用新能源车
    CommercialNev,
    /// 二手车
    Used,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CollateralKind {
    /// 房产抵押
    RealEstate,
    /// 存单质押
    DepositPledge,
    /// 知识产权质押
    IpPledge,
    /// 应收账款质押
    ReceivablesPledge,
    /// 设备抵押
    Equipment,
    /// 车辆抵押
    Vehicle,
    /// 融资担保公司保证
    GuaranteeCompany,
    /// 政府风险补偿基金
    GovernmentRiskFund,
    /// 个人连带责任保证
    PersonalGuarantee,
    /// 保证保险
    Insurance,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Approval {
    /// Time from a complete application to a decision (`2h`).
    ///
    /// 中文：审批时效：从申请资料齐全到作出审批决定的时间（如 `2h`）。
    pub decision_within: Option<Duration>,
    /// How decisions are made.
    ///
    /// 中文：审批方式。
    pub mode: Option<ApprovalMode>,
    /// The scorecard or model used (free text, `cashflow_and_credit_history`).
    ///
    /// 中文：所用的评分卡或模型（自由文本，如 `cashflow_and_credit_history`）。
    #[schemars(length(max = 100))]
    pub scorecard: Option<String>,
    /// Data the decision draws on.
    ///
    /// 中文：审批所依据的数据。
    pub data_sources: Option<Vec<DataSource>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ApprovalMode {
    /// 自动审批
    Automated,
    /// 人工审批
    Manual,
    /// 自动审批加人工复核
    AutomatedWithReview,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DataSource {
    /// 人行征信
    CreditReport,
    /// 税务
    Tax,
    /// 发票
    Invoices,
    /// 社保
    SocialInsurance,
    /// 公积金
    HousingFund,
    /// 水电燃气缴费
    UtilityPayments,
    /// 代发工资
    Payroll,
    /// 银行流水
    BankStatements,
    /// 土地承包经营权
    LandRights,
    /// 农业补贴
    AgriculturalSubsidy,
    /// 供应链交易
    SupplyChain,
    /// 海关
    Customs,
    /// 知识产权评估
    IpValuation,
    /// 政务数据
    GovernmentData,
    /// 社区信用档案
    CommunityRecords,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Disbursement {
    /// Above this amount per drawdown the bank pays the counterparty directly (受托支付);
    /// up to it the borrower may pay (自主支付).
    ///
    /// 中文：受托支付起点：单笔支用超过此金额时，由银行直接支付给交易对象（受托支付）；
    /// 不超过此金额的，借款人可自主支付。
    pub entrusted_payment_above: Option<Money>,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct JointLending {
    /// The co-funding institution.
    ///
    /// 中文：联合出资的合作机构。
    #[schemars(length(max = 100))]
    pub partner: String,
    /// The partner's share of each loan (合作方出资比例).
    ///
    /// 中文：合作方出资比例：每笔贷款中由合作方出资的份额。
    pub partner_share: Percent,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Limit {
    /// Raise the limit automatically after a run of on-time payments.
    ///
    /// 中文：按时还款满一定期限后自动提高额度。
    pub auto_increase: Option<AutoIncrease>,
    /// Re-assess the limit this often (额度重检).
    ///
    /// 中文：额度重检：每隔这么长时间重新评估一次额度。
    pub review_every: Option<Term>,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct AutoIncrease {
    /// On-time payments needed, as a period (`3M`).
    ///
    /// 中文：需要连续按时还款的时间，以期限表示（如 `3M`）。
    pub after_on_time: Term,
    /// Raise by this share of the current limit.
    ///
    /// 中文：每次按当前额度的这一比例提额。
    pub step: Percent,
    /// Never above this limit.
    ///
    /// 中文：提额后的额度不超过此值。
    pub ceiling: Money,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Risk {
    /// Preset non-performing-loan ceiling (不良率上限).
    ///
    /// 中文：预设的不良率上限。
    pub npl_ceiling: Option<Percent>,
    /// Overdue ratio that raises an alert (逾期预警线).
    ///
    /// 中文：逾期预警线：逾期率达到此值即预警。
    pub overdue_alert: Option<Percent>,
    /// Stress scenarios and their mitigation.
    ///
    /// 中文：压力情景及应对措施。
    pub stress: Option<Vec<Stress>>,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Stress {
    pub scenario: StressScenario,
    pub mitigation: Mitigation,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StressScenario {
    /// 汇率冲击
    FxShock,
    /// 利率上升
    RateRise,
    /// 房价下跌
    PropertyPriceDrop,
    /// 大宗商品价格下跌
    CommodityPriceDrop,
    /// 行业下行
    SectorDownturn,
    /// 自然灾害
    NaturalDisaster,
    /// 逾期集中上升
    OverdueSpike,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mitigation {
    /// 套期保值
    Hedging,
    /// 宽限期
    GracePeriod,
    /// 压降额度
    LimitCut,
    /// 追加担保
    CollateralTopUp,
    /// 展期
    Extension,
    /// 保险
    Insurance,
}
