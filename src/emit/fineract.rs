//! The Apache Fineract target: a resolved product as the requests Fineract's API takes.
//!
//! Per product: `loanproduct.json` (`POST /v1/loanproducts`), `floatingrate.json`
//! (`POST /v1/floatingrates`) when the rate follows a benchmark, `charges.json` (one
//! `POST /v1/charges` body per fee) and `manifest.json`, which says in which order to post them
//! and which response ids replace the symbolic references (`"{{floatingrate}}"`,
//! `"{{charge:0}}"`) in `loanproduct.json`. The mapping, field by field, is
//! `docs/targets/fineract.md`.
//!
//! What Fineract cannot express is never dropped silently: each is a [`Note`] (a `target`
//! diagnostic with the pointer of what was left out); a product it cannot represent at all
//! (only revolving, or a currency it is not given) gets an error and no bundle.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::{Value, json};

use crate::diagnostics::{Severity, Text};
use crate::model::product::{FeeOut, MoneyOut, Product, RateKind, TermOut};
use crate::model::spec::{DayCount, FeePer, Frequency, Payee, RepaymentMethod};
use crate::model::units::Benchmark;
use crate::model::word;
use crate::resolve::benchmarks::Fixing;
use crate::text;

/// Something a target left out or approximated, at a pointer into the product.
#[derive(Clone, Debug)]
pub struct Note {
    pub severity: Severity,
    pub pointer: String,
    pub message: Text,
    pub help: Text,
}

/// A product's requests, before the catalogue-wide `shortName` is known.
#[derive(Clone, Debug)]
pub struct Bundle {
    pub loan_product: Value,
    pub floating_rate: Option<Value>,
    /// The charges, each with the fee's index in the product (`{{charge:INDEX}}`).
    pub charges: Vec<(usize, Value)>,
}

/// The Apache Fineract target (`compile --target fineract`).
pub struct Fineract;

impl super::Target for Fineract {
    type Payload = Bundle;
    const NAME: &'static str = "fineract";

    fn map(&self, input: &super::TargetInput<'_>) -> super::Mapped<Bundle> {
        // Days past due at which a loan is non-performing: the pack's, or the regulatory 90.
        let npl_days = input
            .pack
            .number("npl_overdue_days")
            .and_then(|d| u32::try_from(d.trunc().mantissa()).ok())
            .unwrap_or(90);
        let (payload, notes) = map(input.product, input.fixings, input.as_of, npl_days);
        super::Mapped { payload, notes }
    }

    fn files<'a>(
        &self,
        products: impl Iterator<Item = (&'a str, &'a Bundle)>,
        codes: &BTreeSet<String>,
    ) -> Vec<(String, String)> {
        let short = short_names(codes);
        products
            .flat_map(|(code, bundle)| files(code, bundle, short.get(code).map_or("", String::as_str)))
            .collect()
    }
}

/// Fineract's `amortizationType` codes.
const EQUAL_PRINCIPAL: u32 = 0;
const EQUAL_INSTALLMENTS: u32 = 1;

/// Days in a year and in a month, and how interest is computed, for a day count.
fn day_count(dc: DayCount) -> (u32, u32, u32) {
    match dc {
        // 30/360: the periodic rate is annual ÷ 12, as the schedule engine computes it.
        DayCount::Thirty360 => (360, 30, 1),
        DayCount::Actual360 => (360, 1, 0),
        DayCount::Actual365 => (365, 1, 0),
    }
}

/// A decimal as a JSON number with its exact text (no float on the way).
fn num(d: Decimal) -> Value {
    let text = d.normalize().to_string();
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

fn note(severity: Severity, pointer: &str, message: Text, help: Text) -> Note {
    Note {
        severity,
        pointer: pointer.to_owned(),
        message,
        help,
    }
}

/// The name Fineract shows: the Chinese name, else the English one, else the code.
fn display_name(p: &Product) -> String {
    let name = p
        .name
        .zh
        .clone()
        .or_else(|| p.name.en.clone())
        .unwrap_or_else(|| p.code.clone());
    name.chars().take(100).collect()
}

/// The floating rate a benchmark is posted as; its name is shared by every product that uses it.
pub(crate) fn floating_rate_name(b: Benchmark) -> &'static str {
    match b {
        Benchmark::Lpr1y => "LPR 1Y (loanspec)",
        Benchmark::Lpr5y => "LPR 5Y (loanspec)",
    }
}

/// Maps one product. `fixings`: the benchmark history the catalogue knows; `as_of`: the
/// compile date (rate periods after it are not posted); `npl_days`: days past due at which a
/// loan is non-performing (the pack's `npl_overdue_days`).
#[expect(
    clippy::too_many_lines,
    reason = "one product field after another onto Fineract's loan-product request: a field mapping, long by nature; each decision it makes is a helper above"
)]
fn map(p: &Product, fixings: &[Fixing], as_of: NaiveDate, npl_days: u32) -> (Option<Bundle>, Vec<Note>) {
    let mut notes = Vec::new();
    let methods: Vec<RepaymentMethod> = p
        .repayment
        .methods
        .iter()
        .copied()
        .filter(|m| *m != RepaymentMethod::Revolving)
        .collect();
    if methods.is_empty() {
        notes.push(note(
            Severity::Error,
            "/repayment/methods",
            text!(
                "Fineract cannot represent this product: a revolving credit line is not a Fineract loan product",
                "Fineract 无法表示该产品：循环额度不是 Fineract 的贷款产品"
            ),
            text!(
                "compile it without `--target fineract`, or offer a term-loan method (`equal_installment`, `equal_principal`, `interest_only`, `bullet`) as well",
                "请不带 `--target fineract` 编译，或同时提供定期贷款的还款方式（`equal_installment`、`equal_principal`、`interest_only`、`bullet`）"
            ),
        ));
        return (None, notes);
    }
    if p.repayment.methods.contains(&RepaymentMethod::Revolving) || p.repayment.revolving {
        notes.push(note(
            Severity::Warning,
            "/repayment/methods",
            text!(
                "left out for Fineract: revolving draws (a Fineract loan product is drawn once)",
                "Fineract 目标未包含：循环支用（Fineract 贷款产品只放款一次）"
            ),
            text!(
                "the term-loan methods are emitted; the revolving line must be set up in the core system by hand",
                "已输出定期贷款的还款方式；循环额度须在核心系统中另行配置"
            ),
        ));
    }
    let method = methods[0];
    if methods.len() > 1 {
        let rest: Vec<String> = methods[1..].iter().map(|m| format!("`{}`", word(m))).collect();
        let (first, rest) = (word(&method), rest.join(", "));
        notes.push(note(
            Severity::Info,
            "/repayment/methods",
            text!(
                "Fineract: `{first}` is the product's method; {rest} can be chosen per loan (attribute override)",
                "Fineract：产品的还款方式为 `{first}`；{rest} 可在单笔贷款上改选（属性覆盖）"
            ),
            text!(
                "Fineract has one amortization per product; `allowAttributeOverrides` lets a loan choose another",
                "Fineract 每个产品只有一种摊还方式；`allowAttributeOverrides` 允许单笔贷款改选"
            ),
        ));
    }

    // Terms: repayments of `every` units.
    let quarterly = p.repayment.frequency == Frequency::Quarterly;
    let (every, frequency_type, count): (u32, u32, Box<dyn Fn(TermOut) -> u32>) = match (method, p.term.max) {
        (_, TermOut::Days(d)) => (d.max(1), 0, Box::new(|_| 1)),
        (RepaymentMethod::Bullet, TermOut::Months(m)) => (m.max(1), 2, Box::new(|_| 1)),
        (_, TermOut::Months(_)) if quarterly => (
            3,
            2,
            Box::new(|t| match t {
                TermOut::Months(m) => (m / 3).max(1),
                TermOut::Days(_) => 1,
            }),
        ),
        (_, TermOut::Months(_)) => (
            1,
            2,
            Box::new(|t| match t {
                TermOut::Months(m) => m.max(1),
                TermOut::Days(_) => 1,
            }),
        ),
    };
    let (min_n, max_n) = (count(p.term.min), count(p.term.max));
    let single = matches!(p.term.max, TermOut::Days(_)) || method == RepaymentMethod::Bullet;
    if single && p.term.min != p.term.max {
        notes.push(note(
            Severity::Warning,
            "/term",
            text!(
                "approximated for Fineract: one repayment at maturity, so the product's term is its longest; shorter terms are set per loan",
                "Fineract 近似处理：到期一次还款，产品期限取最长期限；较短期限须在单笔贷款上设置"
            ),
            text!(
                "`allowAttributeOverrides.repaymentEvery` lets a loan officer shorten the term of one loan",
                "`allowAttributeOverrides.repaymentEvery` 允许信贷员缩短单笔贷款的期限"
            ),
        ));
    }
    if !p.term.options.is_empty() && !single {
        notes.push(note(
            Severity::Info,
            "/term/options",
            text!(
                "Fineract: the term options become the range {min_n}–{max_n} repayments; Fineract cannot limit a loan to the listed terms",
                "Fineract：期限选项变为 {min_n}–{max_n} 期的范围；Fineract 无法限定只用所列期限"
            ),
            text!(
                "the core system accepts any number of repayments in the range; check the listed terms at origination",
                "核心系统接受范围内任意期数；请在放款环节校验所列期限"
            ),
        ));
    }

    // Amounts.
    let (min, max) = (p.amount.min.value(), p.amount.max.value());
    let default = p
        .amount
        .default
        .map_or_else(|| crate::money::reference_amount(p), MoneyOut::value);
    if !p.amount.tiers.is_empty() {
        notes.push(note(
            Severity::Info,
            "/amount/tiers",
            text!(
                "left out for Fineract: the income tiers of the amount (Fineract checks only the product's minimum and maximum)",
                "Fineract 目标未包含：按收入分档的额度（Fineract 只校验产品的最低和最高额度）"
            ),
            text!(
                "apply the tiers in the credit decision before the loan is booked",
                "请在授信审批环节执行分档额度"
            ),
        ));
    }

    let (days_in_year, days_in_month, calc_period) = day_count(p.repayment.day_count);
    let mut lp = json!({
        "name": display_name(p),
        "shortName": "{{shortName}}",
        "externalId": p.code,
        "currencyCode": word(&p.amount.currency),
        "digitsAfterDecimal": 2,
        "inMultiplesOf": 0,
        "principal": num(default),
        "minPrincipal": num(min),
        "maxPrincipal": num(max),
        "numberOfRepayments": max_n,
        "minNumberOfRepayments": min_n,
        "maxNumberOfRepayments": max_n,
        "repaymentEvery": every,
        "repaymentFrequencyType": frequency_type,
        "amortizationType": if method == RepaymentMethod::EqualPrincipal { EQUAL_PRINCIPAL } else { EQUAL_INSTALLMENTS },
        "interestType": 0,
        "interestCalculationPeriodType": calc_period,
        "transactionProcessingStrategyCode": "mifos-standard-strategy",
        "daysInYearType": days_in_year,
        "daysInMonthType": days_in_month,
        "inArrearsTolerance": 0,
        "graceOnArrearsAgeing": 0,
        "overdueDaysForNPA": npl_days,
        "accountMovesOutOfNPAOnlyOnArrearsCompletion": false,
        "holdGuaranteeFunds": false,
        "accountingRule": 1,
        "isInterestRecalculationEnabled": false,
        "allowAttributeOverrides": {
            "amortizationType": methods.len() > 1,
            "interestType": false,
            "transactionProcessingStrategyCode": false,
            "interestCalculationPeriodType": false,
            "inArrearsTolerance": false,
            "repaymentEvery": single && p.term.min != p.term.max,
            "graceOnPrincipalAndInterestPayment": false,
            "graceOnArrearsAgeing": false,
        },
        "locale": "en",
        "dateFormat": "yyyy-MM-dd",
    });
    if let Some(d) = p
        .description
        .as_ref()
        .and_then(|d| d.zh.clone().or_else(|| d.en.clone()))
    {
        lp["description"] = Value::from(d.chars().take(500).collect::<String>());
    }

    // Grace and interest-only: principal is held back for the first repayments.
    let grace_periods = match p.repayment.grace_period {
        TermOut::Months(m) if !single => m / if quarterly { 3 } else { 1 },
        _ => 0,
    };
    if method == RepaymentMethod::InterestOnly && !single {
        let held = max_n.saturating_sub(1);
        lp["graceOnPrincipalPayment"] = Value::from(held);
        notes.push(note(
            Severity::Info,
            "/repayment/methods",
            text!(
                "Fineract: interest only is equal installments with principal held back for all but the last repayment ({held} of {max_n})",
                "Fineract：先息后本表示为等额本息并对除最后一期外的各期宽限本金（{max_n} 期中 {held} 期）"
            ),
            text!(
                "for a loan shorter than the longest term, set the principal grace on the loan to its repayments minus one",
                "期限短于最长期限的贷款，请在贷款上把本金宽限期设为期数减一"
            ),
        ));
    } else if grace_periods > 0 {
        lp["graceOnPrincipalPayment"] = Value::from(grace_periods);
    }

    // The rate.
    let mut floating = None;
    if let (RateKind::Floating, Some(benchmark)) = (p.rate.kind, p.rate.benchmark) {
        {
            let spread = Decimal::new(p.rate.spread_bp.unwrap_or(0), 2);
            lp["isLinkedToFloatingInterestRates"] = Value::Bool(true);
            lp["floatingRatesId"] = Value::from("{{floatingrate}}");
            lp["interestRateDifferential"] = num(Decimal::ZERO);
            lp["minDifferentialLendingRate"] = num(spread);
            lp["defaultDifferentialLendingRate"] = num(spread);
            lp["maxDifferentialLendingRate"] = num(spread);
            lp["isFloatingInterestRateCalculationAllowed"] = Value::Bool(false);
            // Fineract: a floating rate needs declining balance and interest recalculation.
            lp["isInterestRecalculationEnabled"] = Value::Bool(true);
            lp["interestRecalculationCompoundingMethod"] = Value::from(0);
            lp["rescheduleStrategyMethod"] = Value::from(3);
            lp["recalculationRestFrequencyType"] = Value::from(1);
            lp["preClosureInterestCalculationStrategy"] = Value::from(1);
            // Fineract takes rate periods from its business date on, not history: the fixing
            // in force on the compile date, from that date. Later fixings are posted to the
            // floating rate as they are published.
            let periods: Vec<Value> = fixings
                .iter()
                .rfind(|f| f.date <= as_of)
                .map(|f| {
                    let rate = match benchmark {
                        Benchmark::Lpr1y => f.lpr1y,
                        Benchmark::Lpr5y => f.lpr5y,
                    };
                    json!({
                        "fromDate": as_of.format("%Y-%m-%d").to_string(),
                        "interestRate": num(rate),
                        "isDifferentialToBaseLendingRate": false,
                        "locale": "en",
                        "dateFormat": "yyyy-MM-dd",
                    })
                })
                .into_iter()
                .collect();
            floating = Some(json!({
                "name": floating_rate_name(benchmark),
                "isBaseLendingRate": false,
                "isActive": true,
                "ratePeriods": periods,
            }));
            for (what, pointer) in [("floor", "/rate/floor"), ("cap", "/rate/cap")] {
                let set = if what == "floor" { &p.rate.floor } else { &p.rate.cap };
                if let Some(value) = set {
                    let shown = format!("{}%", value.value().normalize());
                    let what_zh = if what == "floor" { "下限" } else { "上限" };
                    notes.push(note(
                        Severity::Warning,
                        pointer,
                        text!(
                            "left out for Fineract: the rate {what} {shown} (a Fineract floating rate has no floor or cap)",
                            "Fineract 目标未包含：利率{what_zh}{shown}（Fineract 浮动利率没有下限或上限）"
                        ),
                        text!(
                            "the core system must hold the rate within it, or the bank reviews loans when the benchmark moves",
                            "须由核心系统另行控制，或在基准利率变动时人工复核贷款"
                        ),
                    ));
                }
            }
            if p.rate.repricing.is_some() {
                notes.push(note(
                    Severity::Info,
                    "/rate/repricing",
                    text!(
                        "Fineract reprices on each rate period of the floating rate, not on the product's repricing cycle",
                        "Fineract 在浮动利率的每个利率期重定价，而不是按产品的重定价周期"
                    ),
                    text!(
                        "post new benchmark fixings to the floating rate as they are published",
                        "请在基准利率公布后将新报价加入浮动利率"
                    ),
                ));
            }
        }
    } else {
        {
            let rate = p.rate.effective_rate.value();
            lp["interestRatePerPeriod"] = num(rate);
            lp["interestRateFrequencyType"] = Value::from(3);
            lp["minInterestRatePerPeriod"] = num(p.rate.floor.as_ref().map_or(rate, |f| f.value().min(rate)));
            lp["maxInterestRatePerPeriod"] = num(p.rate.cap.as_ref().map_or(rate, |c| c.value().max(rate)));
        }
    }
    if lp.get("interestRateFrequencyType").is_none() {
        lp["interestRateFrequencyType"] = Value::from(3);
    }
    if !p.discounts.is_empty() {
        notes.push(note(
            Severity::Info,
            "/discounts",
            text!(
                "left out for Fineract: rate discounts (set the discounted rate on each loan)",
                "Fineract 目标未包含：利率优惠（请在单笔贷款上设置优惠后利率）"
            ),
            text!(
                "Fineract has no conditional discounts; the loan's rate is entered at booking",
                "Fineract 没有条件优惠；贷款利率在入账时录入"
            ),
        ));
    }

    // Fees → charges.
    let mut charges = Vec::new();
    for (i, fee) in p.fees.iter().enumerate() {
        match charge(p, i, fee) {
            Ok(c) => charges.push((i, c)),
            Err(n) => notes.push(n),
        }
    }
    if !charges.is_empty() {
        let refs: Vec<Value> = charges
            .iter()
            .map(|(i, _)| json!({ "id": format!("{{{{charge:{i}}}}}") }))
            .collect();
        lp["charges"] = Value::from(refs);
    }
    if p.repayment.prepayment.allowed && !p.repayment.prepayment.fee.value().is_zero() {
        notes.push(note(
            Severity::Warning,
            "/repayment/prepayment/fee",
            text!(
                "left out for Fineract: the prepayment fee (Fineract has no prepayment charge for loans)",
                "Fineract 目标未包含：提前还款违约金（Fineract 贷款没有提前还款收费类型）"
            ),
            text!(
                "collect it as a charge on a specified due date when a borrower prepays",
                "借款人提前还款时，请以指定到期日收费方式收取"
            ),
        ));
    }
    if p.penalty.overdue_markup.is_some() || p.penalty.misuse_markup.is_some() {
        notes.push(note(
            Severity::Warning,
            "/penalty",
            text!(
                "left out for Fineract: penalty interest as a markup on the rate (Fineract penalties are charges, not rates)",
                "Fineract 目标未包含：按利率加收的罚息（Fineract 的罚金是收费项，不是利率）"
            ),
            text!(
                "configure an overdue-installment penalty charge in Fineract that matches the markup, or compute penalty interest outside it",
                "请在 Fineract 中配置与加收比例相当的逾期分期罚金，或在系统外计算罚息"
            ),
        ));
    }

    // Dates of the product's life.
    if let Some(launch) = &p.lifecycle.launch {
        lp["startDate"] = Value::from(launch.date.text());
    }
    if let Some(date) = p.lifecycle.retirement.as_ref().and_then(|r| r.date.as_ref()) {
        lp["closeDate"] = Value::from(date.text());
    }
    notes.extend(left_out(p));
    (
        Some(Bundle {
            loan_product: lp,
            floating_rate: floating,
            charges,
        }),
        notes,
    )
}

/// What the language says that a Fineract loan product has no field for.
fn left_out(p: &Product) -> Vec<Note> {
    let mut notes = Vec::new();
    if !p.collateral.is_empty() {
        notes.push(note(
            Severity::Info,
            "/collateral",
            text!(
                "left out for Fineract: the collateral mix (Fineract records collateral on each loan)",
                "Fineract 目标未包含：担保组合（Fineract 在单笔贷款上登记押品）"
            ),
            text!(
                "register collateral with each loan (the loan collateral API)",
                "请在每笔贷款上登记押品（贷款押品接口）"
            ),
        ));
    }
    if p.limit.auto_increase.is_some() {
        notes.push(note(
            Severity::Warning,
            "/limit/auto_increase",
            text!(
                "left out for Fineract: the automatic limit increase (Fineract has no limit rules on a loan product)",
                "Fineract 目标未包含：自动提额（Fineract 贷款产品没有额度规则）"
            ),
            text!(
                "run the increase in the credit-limit system, which then books larger loans",
                "请在额度管理系统中执行提额，再据此发放贷款"
            ),
        ));
    }
    if p.joint_lending.is_some() {
        notes.push(note(
            Severity::Info,
            "/joint_lending",
            text!(
                "left out for Fineract: joint lending with a partner (the bank's share is what Fineract books)",
                "Fineract 目标未包含：联合贷款（Fineract 只记本行出资部分）"
            ),
            text!(
                "book the bank's share of each loan; the partner's share stays with the partner",
                "请按本行出资部分记账；合作方部分由合作方记账"
            ),
        ));
    }
    let stage = p.stage.as_str();
    notes.push(note(
        Severity::Info,
        "/stage",
        text!(
            "left out for Fineract: the lifecycle stage `{stage}` (Fineract knows only the start and close dates)",
            "Fineract 目标未包含：生命周期阶段 `{stage}`（Fineract 只有启用和关闭日期）"
        ),
        text!(
            "post the product when it may take loans; `startDate` and `closeDate` come from the launch and retirement dates",
            "请在产品可放款时再提交；`startDate` 与 `closeDate` 取自上线与退出日期"
        ),
    ));
    notes
}

/// A fee as a `POST /v1/charges` body, or why it cannot be one.
fn charge(p: &Product, index: usize, fee: &FeeOut) -> Result<Value, Note> {
    let pointer = format!("/fees/{index}");
    let kind = word(&fee.kind);
    if fee.payee != Payee::Lender {
        let payee = word(&fee.payee);
        return Err(note(
            Severity::Info,
            &pointer,
            text!(
                "left out for Fineract: the `{kind}` fee is collected by `{payee}`, not by the loan account",
                "Fineract 目标未包含：`{kind}` 费用由 `{payee}` 收取，不经贷款账户"
            ),
            text!(
                "it stays in the cost disclosure; Fineract charges only what the bank collects",
                "该费用仍列入综合融资成本明示表；Fineract 只记本行收取的费用"
            ),
        ));
    }
    let time = match fee.per {
        FeePer::Once => 1,
        FeePer::Period => 8,
        FeePer::Year | FeePer::Drawdown => {
            let (per, per_zh) = if fee.per == FeePer::Year {
                ("year", "年")
            } else {
                ("drawdown", "支用")
            };
            return Err(note(
                Severity::Warning,
                &pointer,
                text!(
                    "left out for Fineract: the `{kind}` fee charged per {per} (Fineract has no such charge time for loans)",
                    "Fineract 目标未包含：按{per_zh}收取的 `{kind}` 费用（Fineract 贷款没有这种收费时点）"
                ),
                text!(
                    "charge it on specified due dates on each loan",
                    "请在单笔贷款上按指定到期日收取"
                ),
            ));
        }
    };
    let (calculation, amount) = match (&fee.amount.percent, &fee.amount.money) {
        (Some(percent), _) => {
            if fee.per == FeePer::Period {
                return Err(note(
                    Severity::Warning,
                    &pointer,
                    text!(
                        "left out for Fineract: a `{kind}` fee in percent each period (Fineract takes a percent of each installment, not of the loan)",
                        "Fineract 目标未包含：每期按百分比收取的 `{kind}` 费用（Fineract 按每期还款额而非贷款额计算百分比）"
                    ),
                    text!(
                        "state the fee in yuan per period, which Fineract charges exactly",
                        "请改为每期固定金额，Fineract 可准确收取"
                    ),
                ));
            }
            (2, percent.value())
        }
        (None, Some(money)) => (1, money.value()),
        (None, None) => (1, Decimal::ZERO),
    };
    let name = format!("{} {kind} fee", p.code);
    Ok(json!({
        "name": name.chars().take(100).collect::<String>(),
        "currencyCode": word(&p.amount.currency),
        "chargeAppliesTo": 1,
        "chargeTimeType": time,
        "chargeCalculationType": calculation,
        "chargePaymentMode": 0,
        "amount": num(amount),
        "penalty": false,
        "active": true,
        "locale": "en",
    }))
}

/// A `shortName` (at most 4 characters) for every code, unique among them and the same for the
/// same catalogue: the initials of the code's parts, filled up with the letters of its last
/// part; on a clash, the last characters become a number (2, 3, … then 10, 11, …).
fn short_names(codes: &BTreeSet<String>) -> BTreeMap<String, String> {
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let mut counters: BTreeMap<String, u32> = BTreeMap::new();
    let mut out = BTreeMap::new();
    for code in codes {
        let parts: Vec<String> = code
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|s| !s.is_empty())
            .map(str::to_ascii_uppercase)
            .collect();
        let mut base: String = parts.iter().filter_map(|p| p.chars().next()).take(4).collect();
        if let Some(last) = parts.last() {
            for c in last.chars().skip(1) {
                if base.len() >= 4 {
                    break;
                }
                base.push(c);
            }
        }
        if base.is_empty() {
            base.push('P');
        }
        let mut name = base.clone();
        // Where the numbering of this base goes on, so a large catalogue is not searched again.
        let next = counters.entry(base.clone()).or_insert(2u32);
        while taken.contains(&name) {
            let suffix = next.to_string();
            name = if suffix.len() < 4 {
                let keep = (4 - suffix.len()).min(base.len());
                format!("{}{suffix}", &base[..keep])
            } else {
                // Past 999 clashes: four base-36 digits (1.6 million names).
                base36(*next)
            };
            *next += 1;
        }
        taken.insert(name.clone());
        out.insert(code.clone(), name);
    }
    out
}

/// `n` as four base-36 digits (`0000`–`ZZZZ`), wrapping past the last.
fn base36(n: u32) -> String {
    const DIGITS: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut n = n % (36 * 36 * 36 * 36);
    let mut out = [b'0'; 4];
    for slot in out.iter_mut().rev() {
        *slot = DIGITS[(n % 36) as usize];
        n /= 36;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The files of one product's bundle, under `fineract/<CODE>/`, with the manifest.
fn files(code: &str, bundle: &Bundle, short_name: &str) -> Vec<(String, String)> {
    let dir = format!("fineract/{code}");
    let mut lp = bundle.loan_product.clone();
    lp["shortName"] = Value::from(short_name);
    let mut steps = Vec::new();
    let mut substitutions = Vec::new();
    if let Some(rate) = &bundle.floating_rate {
        let name = rate["name"].as_str().unwrap_or_default();
        steps.push(json!({
            "step": steps.len() + 1,
            "post": "/v1/floatingrates",
            "body": "floatingrate.json",
            "id": "floatingrate",
            "reuse": format!("if GET /v1/floatingrates lists a floating rate named `{name}`, use its id and post nothing (products share it)"),
            "note": "the rate period starts on the compile date; Fineract refuses periods before its business date, so compile with `--as-of` the day you post",
        }));
        substitutions.push(json!({ "pointer": "/floatingRatesId", "id": "floatingrate" }));
    }
    for (k, (i, _)) in bundle.charges.iter().enumerate() {
        steps.push(json!({
            "step": steps.len() + 1,
            "post": "/v1/charges",
            "body": format!("charges.json#/{k}"),
            "id": format!("charge:{i}"),
        }));
        substitutions.push(json!({ "pointer": format!("/charges/{k}/id"), "id": format!("charge:{i}") }));
    }
    steps.push(json!({
        "step": steps.len() + 1,
        "post": "/v1/loanproducts",
        "body": "loanproduct.json",
        "id": "loanproduct",
        "substitute": substitutions,
    }));
    let manifest = json!({
        "version": 1,
        "target": "fineract",
        "product": code,
        "about": "Post the steps in order. Each response's `resourceId` is the id named by the step; before posting a body, replace the value at each `substitute` pointer (a placeholder such as \"{{floatingrate}}\") with that id, as a number.",
        "steps": steps,
    });
    let pretty = |v: &Value| {
        let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
        s.push('\n');
        s
    };
    let mut out = vec![
        (format!("{dir}/loanproduct.json"), pretty(&lp)),
        (format!("{dir}/manifest.json"), pretty(&manifest)),
    ];
    if let Some(rate) = &bundle.floating_rate {
        out.push((format!("{dir}/floatingrate.json"), pretty(rate)));
    }
    if !bundle.charges.is_empty() {
        let list: Vec<Value> = bundle.charges.iter().map(|(_, c)| c.clone()).collect();
        out.push((format!("{dir}/charges.json"), pretty(&Value::from(list))));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::short_names;

    #[test]
    fn short_names_are_short_unique_and_stable() {
        let codes: std::collections::BTreeSet<String> = [
            "SME-QUICK",
            "SME-QUIET",
            "SME-QUIZ",
            "SCI-TECH-CREDIT",
            "A",
            "FARMER-MICRO-2019",
            "消费-X",
        ]
        .into_iter()
        .map(String::from)
        .collect();
        let names = short_names(&codes);
        // By hand from the rule: initials, then the last part's letters; clashes numbered in
        // code order.
        assert_eq!(names["SCI-TECH-CREDIT"], "STCR");
        assert_eq!(names["SME-QUICK"], "SQUI");
        assert_eq!(names["SME-QUIET"], "SQU2");
        assert_eq!(names["SME-QUIZ"], "SQU3");
        assert_eq!(names["A"], "A");
        assert_eq!(names["FARMER-MICRO-2019"], "FM20");
        assert_eq!(names["消费-X"], "X");
        let unique: std::collections::BTreeSet<&String> = names.values().collect();
        assert_eq!(unique.len(), names.len());
        assert!(names.values().all(|n| !n.is_empty() && n.chars().count() <= 4));
        assert_eq!(short_names(&codes), names);
        // Twenty thousand codes with one base: still four characters and unique.
        let many: std::collections::BTreeSet<String> = (0..20_000).map(|i| format!("SME-Q-X{i:05}")).collect();
        let names = short_names(&many);
        let unique: std::collections::BTreeSet<&String> = names.values().collect();
        assert_eq!(unique.len(), many.len());
        assert!(names.values().all(|n| n.chars().count() <= 4));
    }
}
