use rust_decimal::Decimal;

use crate::diagnostics::Diagnostic;
use crate::model::spec::{Collateral, CollateralKind, Purpose};
use crate::rules::RuleContext;
use crate::syntax::push_pointer;
use crate::text;

crate::declare_rule! {
    /// A home loan lends more than 85% of the property's value, or does not say how much.
    ///
    /// ## Why
    /// Since 2024-09-24 the minimum down payment on a home loan is 15%, for first and second
    /// homes alike (provinces may set city floors). A housing product must take the home as
    /// collateral and state its `max_ltv`, at most 100% minus the down payment. A local floor
    /// goes in `parameters: { mortgage_down_payment_min: 20% }`.
    ///
    /// ## Example
    /// ```yaml,invalid
    /// purpose: housing
    /// collateral:
    ///   - { kind: real_estate, share: 100%, max_ltv: 90% }
    /// ```
    /// ```yaml,valid
    /// purpose: housing
    /// collateral:
    ///   - { kind: real_estate, share: 100%, max_ltv: 80% }
    /// ```
    ///
    /// ## Parameters
    /// `mortgage_down_payment_min` (15%).
    ///
    /// ## References
    /// PBOC/NFRA notice of 2024-09-24. Confidence: high.
    ///
    /// ## 中文
    /// 住房贷款的贷款价值比超过房产价值的85%，或者没有写明比例。
    ///
    /// 自2024-09-24起，住房贷款最低首付比例为15%，首套和二套相同（各省可以分城市设定下限）。住房类产品必须以住房作抵押，并写明 `max_ltv`，不超过100%减去首付比例。当地的下限写在 `parameters: { mortgage_down_payment_min: 20% }` 中。
    pub(crate) static RULE = {
        code: "LS221",
        name: "mortgage-down-payment",
        group: Regulatory,
        severity: Error,
        since: "0.2.0",
        stages: Stages::ALL.draft_warns(),
        params: &["mortgage_down_payment_min"],
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    if ctx.spec.purpose != Some(Purpose::Housing) {
        return;
    }
    let Some(down) = ctx.pack.percent("mortgage_down_payment_min") else {
        return;
    };
    let max_ltv = Decimal::ONE_HUNDRED - down.0;
    let (down_shown, ltv_shown) = (down.display(), format!("{}%", max_ltv.normalize()));
    let items = match &ctx.spec.collateral {
        Some(Collateral::Items(items)) => items.as_slice(),
        _ => &[],
    };
    let Some((i, home)) = items
        .iter()
        .enumerate()
        .find(|(_, c)| c.kind == CollateralKind::RealEstate)
    else {
        out.push(ctx.finding_at_key(
            &RULE,
            "/collateral",
            text!("a home loan without the home as collateral", "住房贷款没有以房产作抵押"),
            text!(
                "add `{{ kind: real_estate, share: 100%, max_ltv: {ltv_shown} }}` (at least {down_shown} down)",
                "请添加 `{{ kind: real_estate, share: 100%, max_ltv: {ltv_shown} }}`（首付至少 {down_shown}）"
            ),
        ));
        return;
    };
    let at = push_pointer("/collateral", &i.to_string());
    match home.max_ltv {
        Some(ltv) if ltv.0 > max_ltv => {
            let shown = ltv.display();
            out.push(ctx.finding(
                &RULE,
                &push_pointer(&at, "max_ltv"),
                text!(
                    "a loan-to-value of `{shown}` leaves less than the {down_shown} minimum down payment",
                    "抵押率 `{shown}` 使首付低于 {down_shown} 的下限"
                ),
                text!(
                    "lower `max_ltv` to at most {ltv_shown}",
                    "请把 `max_ltv` 降到不超过 {ltv_shown}"
                ),
            ));
        }
        Some(_) => {}
        None => out.push(ctx.unstated(ctx.finding(
            &RULE,
            &at,
            text!(
                "the home's `max_ltv` is not stated, so the down payment is not bounded",
                "房产抵押未写 `max_ltv`，首付比例没有约束"
            ),
            text!(
                "add `max_ltv: {ltv_shown}` or lower (at least {down_shown} down)",
                "请添加 `max_ltv: {ltv_shown}` 或更低（首付至少 {down_shown}）"
            ),
        ))),
    }
}
