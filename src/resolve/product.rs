//! A merged spec → the resolved product: defaults filled in, units normalized, the benchmark
//! looked up as of the compile date and the effective rate computed.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::benchmarks::Benchmarks;
use crate::diagnostics::{Diagnostic, codes};
use crate::model::product::{
    AmountOut, AmountTierOut, ApprovalOut, AutoIncreaseOut, BorrowerOut, ChangelogOut, CollateralOut, CriterionOut,
    DateOut, DisbursementOut, DiscountOut, DurationOut, FeeAmountOut, FeeOut, GreenOut, JointLendingOut, LaunchOut,
    LifecycleOut, LimitOut, NumberOut, PenaltyOut, PercentOut, PilotBranchOut, PilotOut, PrepaymentOut, Product,
    RateKind, RateOut, RepaymentOut, RetirementOut, ReviewOut, RiskOut, SignOffOut, SourceInfo, StressOut, TermOut,
    TermRangeOut, ThresholdOut, TriggerOut,
};
use crate::model::spec::{Collateral, DayCount, FeePer, Frequency, Payee, RateSpec, Spec};
use crate::model::units::{Benchmark, Date, FeeAmount, Percent, RateExpr, Term, Threshold};
use crate::schema::Locate;
use crate::syntax::Part;
use crate::text;

/// The rate a product charges, resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ResolvedRate {
    pub benchmark: Option<(Benchmark, Decimal, NaiveDate)>,
    pub spread_bp: Option<i64>,
    pub fixed: Option<Percent>,
    pub floor: Option<Percent>,
    pub cap: Option<Percent>,
    pub repricing: Option<Term>,
    /// In percent.
    pub effective: Decimal,
}

fn located(diagnostic: Diagnostic, locate: &dyn Locate, pointer: &str) -> Diagnostic {
    locate.place(diagnostic, pointer, Part::Value)
}

/// Resolves the rate of a merged spec as of a date.
pub(crate) fn resolve_rate(
    rate: &RateSpec,
    benchmarks: &Benchmarks,
    as_of: NaiveDate,
    locate: &dyn Locate,
) -> Result<ResolvedRate, Diagnostic> {
    let (benchmark, spread, fixed, floor, cap, repricing) = match rate {
        RateSpec::Short(RateExpr::Fixed(p)) => (None, None, Some(*p), None, None, None),
        RateSpec::Short(RateExpr::Floating { benchmark, spread }) => {
            (Some(*benchmark), Some(spread.0), None, None, None, None)
        }
        RateSpec::Long(long) => match (long.benchmark, long.fixed) {
            (Some(b), None) => (
                Some(b),
                Some(long.spread.map_or(0, |s| s.0)),
                None,
                long.floor,
                long.cap,
                long.repricing,
            ),
            (None, Some(f)) => {
                if long.spread.is_some() {
                    return Err(located(
                        Diagnostic::new(
                            codes::INVALID_VALUE,
                            text!("a fixed rate has no spread", "固定利率没有加点"),
                        )
                        .help(text!(
                            "remove `spread`, or replace `fixed` with `benchmark: LPR1Y` to float over the LPR",
                            "请删除 `spread`，或把 `fixed` 换成 `benchmark: LPR1Y` 以按 LPR 浮动"
                        )),
                        locate,
                        "/rate/spread",
                    ));
                }
                (None, None, Some(f), long.floor, long.cap, long.repricing)
            }
            (Some(_), Some(_)) => {
                return Err(located(
                    Diagnostic::new(
                        codes::INVALID_VALUE,
                        text!(
                            "the rate has both a `benchmark` and a `fixed` rate",
                            "利率同时写了 `benchmark` 和 `fixed`"
                        ),
                    )
                    .help(text!(
                        "keep one: `benchmark` (with `spread`) for a floating rate, `fixed` for a fixed one",
                        "只保留一个：浮动利率写 `benchmark`（加 `spread`），固定利率写 `fixed`"
                    )),
                    locate,
                    "/rate/fixed",
                ));
            }
            (None, None) => {
                return Err(located(
                    Diagnostic::new(
                        codes::MISSING_KEY,
                        text!(
                            "the rate has neither a `benchmark` nor a `fixed` rate",
                            "利率既没有 `benchmark` 也没有 `fixed`"
                        ),
                    )
                    .help(text!(
                        "add `benchmark: LPR1Y` and `spread: 50bp`, or `fixed: 4.35%`",
                        "请添加 `benchmark: LPR1Y` 和 `spread: 50bp`，或 `fixed: 4.35%`"
                    ))
                    .label(text!("in this rate", "在此利率中")),
                    locate,
                    "/rate",
                ));
            }
        },
    };
    let benchmark_resolved = match benchmark {
        Some(b) => {
            let Some((rate, date)) = benchmarks.rate(b, as_of) else {
                let name = b.as_str();
                let day = as_of.format("%Y-%m-%d").to_string();
                return Err(located(
                    Diagnostic::new(
                        codes::NO_FIXING,
                        text!("no {name} fixing was in force on {day}", "{day} 没有生效的 {name} 报价"),
                    )
                    .help(text!(
                        "the LPR in its current form starts on 2019-08-20; use a later `--as-of` date",
                        "现行 LPR 自 2019-08-20 起报价；请使用更晚的 `--as-of` 日期"
                    )),
                    locate,
                    "/rate",
                ));
            };
            Some((b, rate, date))
        }
        None => None,
    };
    let raw = match (benchmark_resolved, fixed) {
        (Some((_, rate, _)), _) => rate + Decimal::from(spread.unwrap_or(0)) / Decimal::ONE_HUNDRED,
        (None, Some(f)) => f.0,
        (None, None) => Decimal::ZERO,
    };
    let mut effective = raw;
    if let Some(f) = floor {
        effective = effective.max(f.0);
    }
    if let Some(c) = cap {
        effective = effective.min(c.0);
    }
    Ok(ResolvedRate {
        benchmark: benchmark_resolved,
        spread_bp: spread,
        fixed,
        floor,
        cap,
        repricing,
        effective,
    })
}

fn threshold(t: Option<Threshold>) -> Option<ThresholdOut> {
    t.map(|t| match t {
        Threshold::Percent(p) => ThresholdOut {
            percent: Some(p.into()),
            number: None,
            money: None,
        },
        Threshold::Number(n) => ThresholdOut {
            percent: None,
            number: Some(NumberOut(n)),
            money: None,
        },
        Threshold::Money(m) => ThresholdOut {
            percent: None,
            number: None,
            money: Some(m.into()),
        },
    })
}

/// Builds the canonical product. Every section the schema requires of a product is present by
/// the time this runs; a missing one is reported as an internal error rather than a panic.
#[expect(
    clippy::too_many_lines,
    reason = "the canonical product, built field by field from the typed spec: a mapping, long by nature"
)]
pub(crate) fn to_product(
    spec: &Spec,
    rate: &ResolvedRate,
    source: SourceInfo,
    as_of: NaiveDate,
    locate: &dyn Locate,
) -> Result<Product, Diagnostic> {
    let missing = |what: &str| crate::schema::internal(&format!("`{what}` missing after the schema check"), locate);
    let stage = spec.stage.ok_or_else(|| missing("stage"))?;
    let borrower = spec.borrower.as_ref().ok_or_else(|| missing("borrower"))?;
    let purpose = spec.purpose.ok_or_else(|| missing("purpose"))?;
    let origination = spec.origination.ok_or_else(|| missing("origination"))?;
    let amount = spec.amount.as_ref().ok_or_else(|| missing("amount"))?;
    let term = spec.term.as_ref().ok_or_else(|| missing("term"))?;
    let repayment = spec.repayment.as_ref().ok_or_else(|| missing("repayment"))?;
    let collateral = spec.collateral.as_ref().ok_or_else(|| missing("collateral"))?;
    let rate_out = RateOut {
        kind: if rate.benchmark.is_some() {
            RateKind::Floating
        } else {
            RateKind::Fixed
        },
        benchmark: rate.benchmark.map(|(b, _, _)| b),
        spread_bp: rate.spread_bp,
        fixed: rate.fixed.map(Into::into),
        floor: rate.floor.map(Into::into),
        cap: rate.cap.map(Into::into),
        repricing: rate.repricing.map(Into::into),
        benchmark_rate: rate.benchmark.map(|(_, r, _)| Percent(r).into()),
        benchmark_fixing_date: rate.benchmark.map(|(_, _, d)| DateOut(Date(d))),
        effective_rate: Percent(rate.effective).into(),
    };
    let approval = spec.approval.as_ref();
    let lifecycle = spec.lifecycle.as_ref();
    let risk = spec.risk.as_ref();
    let limit = spec.limit.as_ref();
    Ok(Product {
        canonical: 1,
        loanspec: 1,
        code: spec.code.0.clone(),
        version: spec.version.0.clone(),
        name: spec.name.clone(),
        description: spec.description.clone(),
        stage,
        as_of: DateOut(Date(as_of)),
        source,
        borrower: BorrowerOut {
            kind: borrower.kind,
            segments: borrower.segments.clone().unwrap_or_default(),
            size: borrower.size,
        },
        purpose,
        origination,
        channels: spec.channels.clone().unwrap_or_default(),
        amount: AmountOut {
            currency: amount.currency,
            min: amount.min.into(),
            max: amount.max.into(),
            default: amount.default.map(Into::into),
            tiers: amount
                .tiers
                .iter()
                .flatten()
                .map(|t| AmountTierOut {
                    min_monthly_income: t.min_monthly_income.into(),
                    max: t.max.into(),
                })
                .collect(),
        },
        term: TermRangeOut {
            min: term.min.into(),
            max: term.max.into(),
            options: term.options.iter().flatten().map(|t| TermOut::from(*t)).collect(),
        },
        rate: rate_out,
        repayment: RepaymentOut {
            methods: repayment.methods.clone(),
            frequency: repayment.frequency.unwrap_or(Frequency::Monthly),
            revolving: repayment.revolving.unwrap_or(false),
            grace_period: repayment.grace_period.unwrap_or(Term::Months(0)).into(),
            prepayment: PrepaymentOut {
                allowed: repayment.prepayment.as_ref().is_none_or(|p| p.allowed),
                fee: repayment
                    .prepayment
                    .as_ref()
                    .and_then(|p| p.fee)
                    .unwrap_or(Percent(Decimal::ZERO))
                    .into(),
            },
            day_count: repayment.day_count.unwrap_or(DayCount::Thirty360),
        },
        fees: spec
            .fees
            .iter()
            .flatten()
            .map(|f| FeeOut {
                kind: f.kind,
                amount: match f.amount {
                    FeeAmount::Percent(p) => FeeAmountOut {
                        percent: Some(p.into()),
                        money: None,
                    },
                    FeeAmount::Money(m) => FeeAmountOut {
                        percent: None,
                        money: Some(m.into()),
                    },
                },
                per: f.per.unwrap_or(FeePer::Once),
                payee: f.payee.unwrap_or(Payee::Lender),
            })
            .collect(),
        penalty: PenaltyOut {
            overdue_markup: spec.penalty.as_ref().and_then(|p| p.overdue_markup).map(Into::into),
            misuse_markup: spec.penalty.as_ref().and_then(|p| p.misuse_markup).map(Into::into),
            compound_interest: spec.penalty.as_ref().and_then(|p| p.compound_interest),
        },
        discounts: spec
            .discounts
            .iter()
            .flatten()
            .map(|d| DiscountOut {
                kind: d.kind,
                max_bp: d.max.0,
            })
            .collect(),
        collateral: match collateral {
            Collateral::None(_) => Vec::new(),
            Collateral::Items(items) => items
                .iter()
                .map(|c| CollateralOut {
                    kind: c.kind,
                    share: c.share.into(),
                    max_ltv: c.max_ltv.map(Into::into),
                })
                .collect(),
        },
        approval: ApprovalOut {
            decision_within: approval
                .and_then(|a| a.decision_within)
                .map(|d| DurationOut { minutes: d.minutes }),
            mode: approval.and_then(|a| a.mode),
            scorecard: approval.and_then(|a| a.scorecard.clone()),
            data_sources: approval.and_then(|a| a.data_sources.clone()).unwrap_or_default(),
        },
        disbursement: DisbursementOut {
            entrusted_payment_above: spec
                .disbursement
                .as_ref()
                .and_then(|d| d.entrusted_payment_above)
                .map(Into::into),
        },
        joint_lending: spec.joint_lending.as_ref().map(|j| JointLendingOut {
            partner: j.partner.clone(),
            partner_share: PercentOut::from(j.partner_share),
        }),
        limit: LimitOut {
            auto_increase: limit.and_then(|l| l.auto_increase.as_ref()).map(|a| AutoIncreaseOut {
                after_on_time: a.after_on_time.into(),
                step: a.step.into(),
                ceiling: a.ceiling.into(),
            }),
            review_every: limit.and_then(|l| l.review_every).map(Into::into),
        },
        risk: RiskOut {
            npl_ceiling: risk.and_then(|r| r.npl_ceiling).map(Into::into),
            overdue_alert: risk.and_then(|r| r.overdue_alert).map(Into::into),
            stress: risk
                .and_then(|r| r.stress.as_ref())
                .iter()
                .copied()
                .flatten()
                .map(|s| StressOut {
                    scenario: s.scenario,
                    mitigation: s.mitigation,
                })
                .collect(),
        },
        approvals: spec
            .approvals
            .iter()
            .flatten()
            .map(|a| SignOffOut {
                role: a.role,
                by: a.by.clone(),
                date: a.date.into(),
                note: a.note.clone(),
            })
            .collect(),
        lifecycle: LifecycleOut {
            pilot: lifecycle.and_then(|l| l.pilot.as_ref()).map(|p| PilotOut {
                branches: p
                    .branches
                    .iter()
                    .map(|b| PilotBranchOut {
                        id: b.id.clone(),
                        kind: b.kind,
                        name: b.name.clone(),
                    })
                    .collect(),
                start: p.start.into(),
                end: p.end.into(),
                success: p
                    .success
                    .iter()
                    .flatten()
                    .map(|c| CriterionOut {
                        metric: c.metric,
                        at_most: threshold(c.at_most),
                        at_least: threshold(c.at_least),
                    })
                    .collect(),
            }),
            launch: lifecycle.and_then(|l| l.launch.as_ref()).map(|l| LaunchOut {
                date: l.date.into(),
                regions: l.regions.clone().unwrap_or_default(),
            }),
            review: lifecycle.and_then(|l| l.review.as_ref()).map(|r| ReviewOut {
                every: r.every.into(),
                last: r.last.map(Into::into),
            }),
            retirement: lifecycle.and_then(|l| l.retirement.as_ref()).map(|r| RetirementOut {
                triggers: r
                    .triggers
                    .iter()
                    .flatten()
                    .map(|t| TriggerOut {
                        metric: t.metric,
                        below: threshold(t.below),
                        above: threshold(t.above),
                        above_ceiling_times: t.above_ceiling_times.map(NumberOut),
                        for_: t.for_.map(Into::into),
                    })
                    .collect(),
                successor: r.successor.as_ref().map(|c| c.0.clone()),
                migration: r.migration,
                date: r.date.map(Into::into),
            }),
        },
        changelog: spec
            .changelog
            .iter()
            .flatten()
            .map(|c| ChangelogOut {
                version: c.version.0.clone(),
                date: c.date.into(),
                change: c.change.clone(),
            })
            .collect(),
        green: spec.green.as_ref().map(|g| GreenOut {
            taxonomy: g.taxonomy,
            category: g.category.clone(),
        }),
        reference_example: None,
    })
}
