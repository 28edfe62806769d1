//! The resolved product: inheritance flattened, defaults explicit, every unit normalized, the
//! benchmark looked up. Serialized as is, it is the canonical output that core banking systems
//! load (`compile`), and its schema is `schemas/canonical.schema.json`.
//!
//! The product holds typed values (money as [`MoneyOut`] over an exact [`units::Money`], a
//! percentage as [`PercentOut`], a date as [`DateOut`], a term as [`TermOut`]); rules, the
//! schedule, the report and the Fineract mapping read those values, never text. The canonical
//! output is the product's serialization, a view of it: money is written as a string with 2
//! decimals (`"5000000.00"`); a percentage as a string of percent with 4 decimals (`"1.5000"` is
//! 1.5%); basis points as integers; terms as `{"months": n}` or, under a month, `{"days": n}`;
//! durations `{"minutes": n}`; dates `YYYY-MM-DD`. A value the spec did not set and that has no
//! default is `null`, never absent. The reference example is derived once per compiled product
//! (`emit::CompiledProduct::reference_example`) and written into the view.

use schemars::JsonSchema;
use serde::Serialize;

use super::spec::{
    ApprovalMode, BorrowerType, BranchKind, Channel, CollateralKind, Currency, DataSource, DayCount, DiscountKind,
    FeeKind, FeePer, Frequency, GreenTaxonomy, LocalizedText, Metric, Migration, Mitigation, Name, Origination, Payee,
    Purpose, RepaymentMethod, Role, Stage, StressScenario,
};
use super::units::{self, Benchmark};

/// Each typed value is written as a string in the canonical output; its schema says how.
macro_rules! text_schema {
    ($ty:ident, $schema:tt) => {
        impl JsonSchema for $ty {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($ty).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!($schema)
            }
        }
    };
}

/// Money, 2 decimals, in the product currency: a typed [`units::Money`] held at the fen, written
/// as its canonical text (`"5000000.00"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct MoneyOut(units::Money);

text_schema!(MoneyOut, {
    "type": "string",
    "description": "Money, 2 decimals, in the product currency.",
    "pattern": "^[0-9]+\\.[0-9]{2}$",
    "examples": ["5000000.00"]
});

impl MoneyOut {
    /// The amount in yuan, exact to the fen.
    pub(crate) fn value(self) -> rust_decimal::Decimal {
        self.0.0
    }

    pub(crate) fn money(self) -> units::Money {
        self.0
    }

    /// The canonical text, `5000000.00`.
    pub(crate) fn text(self) -> String {
        self.0.canonical()
    }
}

impl From<units::Money> for MoneyOut {
    fn from(m: units::Money) -> Self {
        let mut d = m.0;
        d.rescale(2);
        MoneyOut(units::Money(d))
    }
}

impl Serialize for MoneyOut {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.canonical())
    }
}

/// A percentage, in percent, 4 decimals (`"1.5000"` is 1.5%): a typed [`units::Percent`] held
/// at 4 decimals, written as its canonical text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct PercentOut(units::Percent);

text_schema!(PercentOut, {
    "type": "string",
    "description": "A percentage, in percent, 4 decimals (`\"1.5000\"` is 1.5%).",
    "pattern": "^[0-9]+\\.[0-9]{4}$",
    "examples": ["1.5000"]
});

impl PercentOut {
    /// The percentage in percent (`1.5` is 1.5%).
    pub(crate) fn value(self) -> rust_decimal::Decimal {
        self.0.0
    }

    pub(crate) fn percent(self) -> units::Percent {
        self.0
    }
}

impl From<units::Percent> for PercentOut {
    fn from(p: units::Percent) -> Self {
        let mut d = p.0;
        d.rescale(4);
        PercentOut(units::Percent(d))
    }
}

impl Serialize for PercentOut {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.canonical())
    }
}

/// A date, `YYYY-MM-DD`: a typed [`units::Date`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct DateOut(pub units::Date);

text_schema!(DateOut, {
    "type": "string",
    "description": "A date, `YYYY-MM-DD`.",
    "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    "format": "date"
});

impl DateOut {
    pub(crate) fn naive(self) -> chrono::NaiveDate {
        self.0.0
    }

    /// `YYYY-MM-DD`.
    pub(crate) fn text(self) -> String {
        self.0.canonical()
    }
}

impl From<units::Date> for DateOut {
    fn from(d: units::Date) -> Self {
        DateOut(d)
    }
}

impl Serialize for DateOut {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.canonical())
    }
}

impl Product {
    /// The successor named in `lifecycle.retirement`, if any.
    pub(crate) fn successor(&self) -> Option<&str> {
        self.lifecycle.retirement.as_ref()?.successor.as_deref()
    }
}

/// A plain number (hours, customers, a multiple): an exact decimal written as its shortest text
/// (`"2"`, `"1.5"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct NumberOut(pub rust_decimal::Decimal);

impl Serialize for NumberOut {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.normalize().to_string())
    }
}

/// A term: whole months, or days when under a month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TermOut {
    #[serde(rename = "months")]
    Months(u32),
    #[serde(rename = "days")]
    Days(u32),
}

impl TermOut {
    /// As written in a spec: `12M`, `15D`.
    pub fn display(self) -> String {
        match self {
            TermOut::Months(m) => format!("{m}M"),
            TermOut::Days(d) => format!("{d}D"),
        }
    }

    /// For a reader: as written in English (`12M`), in Chinese `12 个月`, `15 天`.
    pub fn display_in(self, lang: crate::diagnostics::Lang) -> String {
        match (self, lang) {
            (TermOut::Months(m), crate::diagnostics::Lang::Zh) => format!("{m} 个月"),
            (TermOut::Days(d), crate::diagnostics::Lang::Zh) => format!("{d} 天"),
            (t, crate::diagnostics::Lang::En) => t.display(),
        }
    }
}

impl From<units::Term> for TermOut {
    fn from(t: units::Term) -> Self {
        match t {
            units::Term::Months(m) => TermOut::Months(m),
            units::Term::Days(d) => TermOut::Days(d),
        }
    }
}

/// A service time in minutes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DurationOut {
    pub minutes: u32,
}

/// One compiled product. Field order is the output order.
#[derive(Clone, Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "loanspec canonical product")]
pub struct Product {
    /// Version of this output format: `1`.
    pub canonical: u32,
    /// Version of the spec language it was compiled from: `1`.
    pub loanspec: u32,
    pub code: String,
    pub version: String,
    pub name: Name,
    pub description: Option<LocalizedText>,
    pub stage: Stage,
    /// The date benchmarks were resolved for (`--as-of`).
    pub as_of: DateOut,
    pub source: SourceInfo,
    pub borrower: BorrowerOut,
    pub purpose: Purpose,
    pub origination: Origination,
    pub channels: Vec<Channel>,
    pub amount: AmountOut,
    pub term: TermRangeOut,
    pub rate: RateOut,
    pub repayment: RepaymentOut,
    pub fees: Vec<FeeOut>,
    pub penalty: PenaltyOut,
    pub discounts: Vec<DiscountOut>,
    /// Collateral mix; empty for a credit (unsecured) product.
    pub collateral: Vec<CollateralOut>,
    pub approval: ApprovalOut,
    pub disbursement: DisbursementOut,
    pub joint_lending: Option<JointLendingOut>,
    pub limit: LimitOut,
    pub risk: RiskOut,
    pub approvals: Vec<SignOffOut>,
    pub lifecycle: LifecycleOut,
    pub changelog: Vec<ChangelogOut>,
    pub green: Option<GreenOut>,
    /// What a reference loan costs: 100,000 (or the nearest amount the product lends) over the
    /// longest term by the first method, paid out on `as_of`. `null` when no schedule can be
    /// made for it. Filled in by `compile`.
    pub reference_example: Option<ReferenceExampleOut>,
}

/// A reference loan's figures (see the README for the conventions).
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct ReferenceExampleOut {
    pub amount: MoneyOut,
    pub term: TermOut,
    pub method: RepaymentMethod,
    /// The first payment after disbursement (the instalment, for equal instalments).
    pub payment: MoneyOut,
    pub total_interest: MoneyOut,
    pub total_fees: MoneyOut,
    /// Everything the borrower pays: principal, interest and fees.
    pub total_payment: MoneyOut,
    /// The APR in percent: periodic IRR × periods per year.
    pub apr: PercentOut,
    /// The effective annual rate in percent: (1 + periodic IRR)^(periods per year) − 1.
    pub apr_effective: PercentOut,
}

/// Where the product was compiled from.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct SourceInfo {
    /// The spec file, relative to the catalogue root, `/`-separated.
    pub path: String,
    /// SHA-256 of the spec file's bytes.
    pub sha256: String,
    /// The files it inherits from, nearest first.
    pub extends: Vec<SourceRef>,
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct SourceRef {
    pub path: String,
    pub sha256: String,
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct BorrowerOut {
    #[serde(rename = "type")]
    pub kind: BorrowerType,
    pub segments: Vec<String>,
    /// The largest enterprise size lent to, when the spec states it.
    pub size: Option<crate::model::spec::EnterpriseSize>,
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct AmountOut {
    pub currency: Currency,
    pub min: MoneyOut,
    pub max: MoneyOut,
    pub default: Option<MoneyOut>,
    pub tiers: Vec<AmountTierOut>,
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct AmountTierOut {
    pub min_monthly_income: MoneyOut,
    pub max: MoneyOut,
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct TermRangeOut {
    pub min: TermOut,
    pub max: TermOut,
    /// The terms offered; empty means any whole month in [min, max].
    pub options: Vec<TermOut>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RateKind {
    Fixed,
    Floating,
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct RateOut {
    #[serde(rename = "type")]
    pub kind: RateKind,
    /// The benchmark of a floating rate.
    pub benchmark: Option<Benchmark>,
    /// Spread over the benchmark, in basis points.
    pub spread_bp: Option<i64>,
    /// A fixed rate.
    pub fixed: Option<PercentOut>,
    pub floor: Option<PercentOut>,
    pub cap: Option<PercentOut>,
    /// A floating rate re-fixes this often; `null`: as the contract says.
    pub repricing: Option<TermOut>,
    /// The benchmark in force on `as_of`.
    pub benchmark_rate: Option<PercentOut>,
    /// The date of that fixing.
    pub benchmark_fixing_date: Option<DateOut>,
    /// The contract rate on `as_of`: fixed, or benchmark + spread, within floor and cap.
    pub effective_rate: PercentOut,
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct RepaymentOut {
    pub methods: Vec<RepaymentMethod>,
    pub frequency: Frequency,
    pub revolving: bool,
    pub grace_period: TermOut,
    pub prepayment: PrepaymentOut,
    pub day_count: DayCount,
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct PrepaymentOut {
    pub allowed: bool,
    pub fee: PercentOut,
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct FeeOut {
    pub kind: FeeKind,
    pub amount: FeeAmountOut,
    pub per: FeePer,
    pub payee: Payee,
}

/// Exactly one of `percent` (of principal) and `money` is set.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct FeeAmountOut {
    pub percent: Option<PercentOut>,
    pub money: Option<MoneyOut>,
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct PenaltyOut {
    pub overdue_markup: Option<PercentOut>,
    pub misuse_markup: Option<PercentOut>,
    /// Overdue interest compounds at the overdue rate; `null` when the spec does not say.
    pub compound_interest: Option<bool>,
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct DiscountOut {
    pub kind: DiscountKind,
    pub max_bp: i64,
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct CollateralOut {
    pub kind: CollateralKind,
    pub share: PercentOut,
    pub max_ltv: Option<PercentOut>,
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct ApprovalOut {
    pub decision_within: Option<DurationOut>,
    pub mode: Option<ApprovalMode>,
    pub scorecard: Option<String>,
    pub data_sources: Vec<DataSource>,
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct DisbursementOut {
    pub entrusted_payment_above: Option<MoneyOut>,
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct JointLendingOut {
    pub partner: String,
    pub partner_share: PercentOut,
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct LimitOut {
    pub auto_increase: Option<AutoIncreaseOut>,
    pub review_every: Option<TermOut>,
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct AutoIncreaseOut {
    pub after_on_time: TermOut,
    pub step: PercentOut,
    pub ceiling: MoneyOut,
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct RiskOut {
    pub npl_ceiling: Option<PercentOut>,
    pub overdue_alert: Option<PercentOut>,
    pub stress: Vec<StressOut>,
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct StressOut {
    pub scenario: StressScenario,
    pub mitigation: Mitigation,
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct SignOffOut {
    pub role: Role,
    pub by: String,
    pub date: DateOut,
    pub note: Option<String>,
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct LifecycleOut {
    pub pilot: Option<PilotOut>,
    pub launch: Option<LaunchOut>,
    pub review: Option<ReviewOut>,
    pub retirement: Option<RetirementOut>,
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct PilotOut {
    pub branches: Vec<PilotBranchOut>,
    pub start: DateOut,
    pub end: DateOut,
    pub success: Vec<CriterionOut>,
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct PilotBranchOut {
    pub id: String,
    pub kind: BranchKind,
    pub name: Option<String>,
}

/// A threshold in the metric's unit: exactly one field is set.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct ThresholdOut {
    pub percent: Option<PercentOut>,
    /// A plain number, as a decimal string (hours, customers).
    #[schemars(with = "Option<String>")]
    pub number: Option<NumberOut>,
    pub money: Option<MoneyOut>,
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct CriterionOut {
    pub metric: Metric,
    pub at_most: Option<ThresholdOut>,
    pub at_least: Option<ThresholdOut>,
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct LaunchOut {
    pub date: DateOut,
    pub regions: Vec<String>,
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct ReviewOut {
    pub every: TermOut,
    pub last: Option<DateOut>,
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct RetirementOut {
    pub triggers: Vec<TriggerOut>,
    pub successor: Option<String>,
    pub migration: Option<Migration>,
    pub date: Option<DateOut>,
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct TriggerOut {
    pub metric: Metric,
    pub below: Option<ThresholdOut>,
    pub above: Option<ThresholdOut>,
    /// A multiple of the preset ceiling, as a decimal string.
    #[schemars(with = "Option<String>")]
    pub above_ceiling_times: Option<NumberOut>,
    /// Consecutive months the condition must hold.
    #[serde(rename = "for")]
    pub for_: Option<TermOut>,
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct ChangelogOut {
    pub version: String,
    pub date: DateOut,
    pub change: String,
}

#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct GreenOut {
    pub taxonomy: GreenTaxonomy,
    pub category: String,
}
