//! Sign-offs and the lifecycle: pilot, launch, review, retirement.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Deserialize;

use super::{ProductCode, SemVer};
use crate::model::units::{Date, Term, Threshold};

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct SignOff {
    /// Who signed.
    pub role: Role,
    /// Name of the person.
    #[schemars(length(max = 100))]
    pub by: String,
    /// Date signed.
    pub date: Date,
    /// Reference or remark (meeting minute, document number).
    #[schemars(length(max = 500))]
    pub note: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 产品经理
    ProductOwner,
    /// 风险管理
    RiskManagement,
    /// 合规
    Compliance,
    /// 消费者权益保护
    ConsumerProtection,
    /// 法律
    Legal,
    /// 财务
    Finance,
    /// 信息科技
    It,
    /// 产品委员会
    ProductCommittee,
    /// 总行
    HeadOffice,
    /// 董事会
    Board,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Lifecycle {
    /// The pilot plan (试点方案).
    pub pilot: Option<Pilot>,
    /// The launch (推广).
    pub launch: Option<Launch>,
    /// Post-launch review cadence (定期评估).
    pub review: Option<Review>,
    /// When and how the product retires (退出机制).
    pub retirement: Option<Retirement>,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Pilot {
    /// Pilot branches.
    #[schemars(length(min = 1))]
    pub branches: Vec<PilotBranch>,
    pub start: Date,
    pub end: Date,
    /// What the pilot must show to go to launch.
    pub success: Option<Vec<Criterion>>,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct PilotBranch {
    /// Branch id (`BR-0101`); quote ids with leading zeros.
    pub id: String,
    pub kind: BranchKind,
    /// Branch name.
    #[schemars(length(max = 100))]
    pub name: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BranchKind {
    /// 商圈网点
    CommercialDistrict,
    /// 社区网点
    Community,
    /// 产业集群网点
    IndustrialCluster,
    /// 县域网点
    County,
    /// 乡镇网点
    Township,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Criterion {
    /// The metric, as in the monthly metrics file.
    pub metric: Metric,
    /// The metric must end at or below this.
    pub at_most: Option<Threshold>,
    /// The metric must end at or above this.
    pub at_least: Option<Threshold>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// New customers in the month (count).
    NewCustomers,
    /// New customers as a share of target (percent).
    NewCustomersVsTarget,
    /// Non-performing-loan ratio (percent).
    NplRatio,
    /// Overdue ratio (percent).
    OverdueRatio,
    /// Outstanding balance (money).
    Balance,
    /// Median hours from application to decision (number).
    ApprovalHoursP50,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Launch {
    /// Launch date.
    pub date: Date,
    /// Where it is offered (regions or branch groups); empty: everywhere.
    pub regions: Option<Vec<String>>,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Review {
    /// Review the product this often.
    pub every: Term,
    /// Date of the last review.
    pub last: Option<Date>,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Retirement {
    /// Conditions that start retirement.
    pub triggers: Option<Vec<Trigger>>,
    /// The product that takes over its customers.
    pub successor: Option<ProductCode>,
    /// How existing borrowers move.
    pub migration: Option<Migration>,
    /// Date new business stopped.
    pub date: Option<Date>,
}

/// A retirement trigger: `{metric: new_customers_vs_target, below: 30%, for: 6M}` or
/// `{metric: npl_ratio, above_ceiling_times: 2}`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Trigger {
    pub metric: Metric,
    /// Fires when the metric is below this.
    pub below: Option<Threshold>,
    /// Fires when the metric is above this.
    pub above: Option<Threshold>,
    /// Fires when the metric is above this multiple of the preset ceiling (`risk.npl_ceiling`),
    /// from 0 to 100.
    #[schemars(range(min = 0, max = 100))]
    pub above_ceiling_times: Option<Decimal>,
    /// ...for this many consecutive months.
    #[serde(rename = "for")]
    pub for_: Option<Term>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Migration {
    /// 免费转贷至后续产品
    FeeFreeRefinance,
    /// 自然到期结清
    NaturalRunoff,
    /// 整体迁移至后续产品
    TransferToSuccessor,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ChangelogEntry {
    pub version: SemVer,
    pub date: Date,
    /// What changed and why.
    #[schemars(length(max = 2000))]
    pub change: String,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Green {
    /// The green taxonomy the loans are classified under.
    pub taxonomy: GreenTaxonomy,
    /// Category in that taxonomy (目录条目).
    pub category: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GreenTaxonomy {
    /// 《绿色金融支持项目目录（2025年版）》, in force from 2025-10-01.
    #[serde(rename = "pboc_2025")]
    Pboc2025,
    /// 《绿色产业指导目录（2019年版）》, for loans approved before 2025-10-01.
    #[serde(rename = "ndrc_2019")]
    Ndrc2019,
}
