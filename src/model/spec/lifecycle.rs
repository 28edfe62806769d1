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
    ///
    /// 中文：签字人。
    pub role: Role,
    /// Name of the person.
    ///
    /// 中文：签字人姓名。
    #[schemars(length(max = 100))]
    pub by: String,
    /// Date signed.
    ///
    /// 中文：签字日期。
    pub date: Date,
    /// Reference or remark (meeting minute, document number).
    ///
    /// 中文：依据或备注（会议纪要、文件编号）。
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
    ///
    /// 中文：试点方案。
    pub pilot: Option<Pilot>,
    /// The launch (推广).
    ///
    /// 中文：全面推广。
    pub launch: Option<Launch>,
    /// Post-launch review cadence (定期评估).
    ///
    /// 中文：定期评估：上线后评价的频率。
    pub review: Option<Review>,
    /// When and how the product retires (退出机制).
    ///
    /// 中文：退出机制：产品何时以及如何退出。
    pub retirement: Option<Retirement>,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Pilot {
    /// Pilot branches.
    ///
    /// 中文：试点分支机构。
    #[schemars(length(min = 1))]
    pub branches: Vec<PilotBranch>,
    pub start: Date,
    pub end: Date,
    /// What the pilot must show to go to launch.
    ///
    /// 中文：试点转入全面推广须达到的指标。
    pub success: Option<Vec<Criterion>>,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct PilotBranch {
    /// Branch id (`BR-0101`); quote ids with leading zeros.
    ///
    /// 中文：分支机构编号（如 `BR-0101`）；以 0 开头的编号请加引号。
    pub id: String,
    pub kind: BranchKind,
    /// Branch name.
    ///
    /// 中文：分支机构名称。
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
    ///
    /// 中文：指标名称，与月度指标文件中的一致。
    pub metric: Metric,
    /// The metric must end at or below this.
    ///
    /// 中文：指标期末须不高于此值。
    pub at_most: Option<Threshold>,
    /// The metric must end at or above this.
    ///
    /// 中文：指标期末须不低于此值。
    pub at_least: Option<Threshold>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// New customers in the month (count).
    ///
    /// 中文：当月新增客户数（个数）。
    NewCustomers,
    /// New customers as a share of target (percent).
    ///
    /// 中文：新增客户数占目标的比例（百分比）。
    NewCustomersVsTarget,
    /// Non-performing-loan ratio (percent).
    ///
    /// 中文：不良贷款率（百分比）。
    NplRatio,
    /// Overdue ratio (percent).
    ///
    /// 中文：逾期率（百分比）。
    OverdueRatio,
    /// Outstanding balance (money).
    ///
    /// 中文：贷款余额（金额）。
    Balance,
    /// Median hours from application to decision (number).
    ///
    /// 中文：从申请到审批决定的时长中位数（小时数）。
    ApprovalHoursP50,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Launch {
    /// Launch date.
    ///
    /// 中文：上线日期。
    pub date: Date,
    /// Where it is offered (regions or branch groups); empty: everywhere.
    ///
    /// 中文：推广范围（地区或分支机构群组）；不写表示全部范围。
    pub regions: Option<Vec<String>>,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Review {
    /// Review the product this often.
    ///
    /// 中文：定期评估的频率。
    pub every: Term,
    /// Date of the last review.
    ///
    /// 中文：上次评估的日期。
    pub last: Option<Date>,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Retirement {
    /// Conditions that start retirement.
    ///
    /// 中文：启动退出的条件。
    pub triggers: Option<Vec<Trigger>>,
    /// The product that takes over its customers.
    ///
    /// 中文：承接本产品客户的后续产品。
    pub successor: Option<ProductCode>,
    /// How existing borrowers move.
    ///
    /// 中文：存量借款人的迁移方式。
    pub migration: Option<Migration>,
    /// Date new business stopped.
    ///
    /// 中文：停止新增业务的日期。
    pub date: Option<Date>,
}

/// A retirement trigger: `{metric: new_customers_vs_target, below: 30%, for: 6M}` or
/// `{metric: npl_ratio, above_ceiling_times: 2}`.
///
/// 中文：退出触发条件：如 `{metric: new_customers_vs_target, below: 30%, for: 6M}` 或 `{metric: npl_ratio, above_ceiling_times: 2}`。
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Trigger {
    pub metric: Metric,
    /// Fires when the metric is below this.
    ///
    /// 中文：指标低于此值时触发。
    pub below: Option<Threshold>,
    /// Fires when the metric is above this.
    ///
    /// 中文：指标高于此值时触发。
    pub above: Option<Threshold>,
    /// Fires when the metric is above this multiple of the preset ceiling (`risk.npl_ceiling`),
    /// from 0 to 100.
    ///
    /// 中文：指标高于预设上限（`risk.npl_ceiling`）的这一倍数时触发，取值 0 至 100。
    #[schemars(range(min = 0, max = 100))]
    pub above_ceiling_times: Option<Decimal>,
    /// ...for this many consecutive months.
    ///
    /// 中文：……且连续这么多个月。
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
    ///
    /// 中文：变更内容及原因。
    #[schemars(length(max = 2000))]
    pub change: String,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Green {
    /// The green taxonomy the loans are classified under.
    ///
    /// 中文：贷款分类所依据的绿色目录。
    pub taxonomy: GreenTaxonomy,
    /// Category in that taxonomy (目录条目).
    ///
    /// 中文：在该目录中的条目。
    pub category: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GreenTaxonomy {
    /// 《绿色金融支持项目目录（2025年版）》, in force from 2025-10-01.
    ///
    /// 中文：《绿色金融支持项目目录（2025年版）》，自 2025-10-01 起施行。
    #[serde(rename = "pboc_2025")]
    Pboc2025,
    /// 《绿色产业指导目录（2019年版）》, for loans approved before 2025-10-01.
    ///
    /// 中文：《绿色产业指导目录（2019年版）》，适用于 2025-10-01 之前审批的贷款。
    #[serde(rename = "ndrc_2019")]
    Ndrc2019,
}
