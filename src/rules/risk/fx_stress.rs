use super::BANK_POLICY;
use crate::diagnostics::Diagnostic;
use crate::model::spec::{Currency, StressScenario};
use crate::rules::RuleContext;
use crate::text;

crate::declare_rule! {
    /// An export product, or one lending in a foreign currency, has no plan for an FX shock.
    ///
    /// ## Why
    /// Exporters' repayment capacity moves with the exchange rate. Credit policy asks every such
    /// product to say how an FX shock is absorbed: the borrower hedges, or a grace period carries
    /// them through, or limits are cut. A product is an export product when its borrower segments
    /// include `exporters` (or `export`), or when it lends in a currency other than CNY.
    ///
    /// ## Example
    /// ```yaml,invalid
    /// borrower: { type: sme, segments: [exporters] }
    /// purpose: working_capital
    /// ```
    /// ```yaml,valid
    /// borrower: { type: sme, segments: [exporters] }
    /// purpose: working_capital
    /// risk:
    ///   stress:
    ///     - { scenario: fx_shock, mitigation: hedging }
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## References
    /// The bank's credit policy. Policy, not law: a warning by default;
    /// `rules: { LS310: error }` in loanspec.yaml makes it an error.
    ///
    /// ## 中文
    /// 出口类产品或外币贷款产品没有应对汇率冲击的方案。
    ///
    /// 出口企业的还款能力随汇率变动。信贷政策要求这类产品说明如何消化汇率冲击：借款人套期保值、用宽限期过渡，或者压降额度。借款人客群包含 `exporters`（或 `export`）的产品，或者贷款币种不是人民币的产品，就是出口类产品。
    pub(crate) static RULE = {
        code: "LS310",
        name: "fx-stress-plan",
        group: Risk,
        severity: Warning,
        since: "0.2.0",
        stages: Stages::ALL.draft_warns(),
        references: &[BANK_POLICY],
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let exporter = ctx
        .product
        .borrower
        .segments
        .iter()
        .any(|s| s == "exporters" || s == "export");
    let foreign = ctx.spec.amount.as_ref().is_some_and(|a| a.currency != Currency::Cny);
    if !exporter && !foreign {
        return;
    }
    let planned = ctx
        .product
        .risk
        .stress
        .iter()
        .any(|s| s.scenario == StressScenario::FxShock);
    if !planned {
        let pointer = if exporter {
            "/borrower/segments"
        } else {
            "/amount/currency"
        };
        out.push(ctx.unstated(ctx.finding(
            &RULE,
            pointer,
            text!("an export product needs a plan for an FX shock, and this one has none", "出口类产品须有汇率冲击应对方案，本产品没有"),
            text!(
                "add `risk: {{ stress: [{{ scenario: fx_shock, mitigation: hedging }}] }}` (or `grace_period`, `limit_cut`)",
                "请添加 `risk: {{ stress: [{{ scenario: fx_shock, mitigation: hedging }}] }}`（或 `grace_period`、`limit_cut`）"
            ),
        )));
    }
}
