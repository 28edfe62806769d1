use rust_decimal::Decimal;

use crate::diagnostics::Diagnostic;
use crate::model::spec::Collateral;
use crate::rules::RuleContext;
use crate::text;

crate::declare_rule! {
    /// The collateral shares do not add up to 100%.
    ///
    /// ## Why
    /// Each collateral item covers a share of the exposure. Shares under 100% leave part of the
    /// loan unsecured without saying so; over 100% counts protection twice. Risk review prices the
    /// loss given default from these shares.
    ///
    /// ## Example
    /// ```yaml,invalid
    /// collateral:
    ///   - { kind: ip_pledge, share: 40% }
    ///   - { kind: government_risk_fund, share: 30% }
    /// ```
    /// ```yaml,valid
    /// collateral:
    ///   - { kind: ip_pledge, share: 40% }
    ///   - { kind: government_risk_fund, share: 30% }
    ///   - { kind: personal_guarantee, share: 30% }
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## References
    /// Internal consistency; no regulation.
    ///
    /// ## 中文
    /// 各项押品的覆盖比例加起来不是100%。
    ///
    /// 每项押品覆盖风险敞口的一部分。合计低于100%，就有一部分贷款在没有说明的情况下没有担保；高于100%，就把保障重复计算了。风险审查根据这些比例测算违约损失率。
    pub(crate) static RULE = {
        code: "LS153",
        name: "collateral-shares-not-100",
        group: Structure,
        severity: Error,
        since: "0.1.0",
        references: crate::rules::NO_REFERENCES,
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(Collateral::Items(items)) = &ctx.spec.collateral else {
        return;
    };
    let total: Decimal = items.iter().map(|c| c.share.0).sum();
    if total != Decimal::ONE_HUNDRED {
        let total = total.normalize();
        let parts = items.iter().map(|c| c.share.display()).collect::<Vec<_>>().join(" + ");
        let gap = (Decimal::ONE_HUNDRED - total).normalize();
        let help = if gap > Decimal::ZERO {
            text!(
                "add the missing {gap}% (a guarantee, or `personal_guarantee`), or raise a share; write `collateral: none` for a credit product",
                "请补足缺少的 {gap}%（如增加保证），或调高某项占比；纯信用产品请写 `collateral: none`"
            )
        } else {
            text!("lower the shares so they add up to 100%", "请调低占比，使合计为 100%")
        };
        out.push(ctx.finding(
            &RULE,
            "/collateral",
            text!(
                "the collateral shares add up to {total}% ({parts}), not 100%",
                "担保占比合计为 {total}%（{parts}），不是 100%"
            ),
            help,
        ));
    }
}
