use super::BANK_POLICY;
use crate::diagnostics::Diagnostic;
use crate::rules::RuleContext;
use crate::text;

crate::declare_rule! {
    /// Automatic limit increases can raise a limit above the product's largest loan.
    ///
    /// ## Why
    /// `limit.auto_increase` raises a good payer's limit step by step up to its `ceiling`. A
    /// ceiling above `amount.max` grants limits the product does not allow, bypassing the
    /// approval of the maximum.
    ///
    /// ## Example
    /// ```yaml,invalid
    /// limit: { auto_increase: { after_on_time: 3M, step: 10%, ceiling: 20万 } }
    /// ```
    /// ```yaml,valid
    /// limit: { auto_increase: { after_on_time: 3M, step: 10%, ceiling: 10万 } }
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## References
    /// The bank's credit policy.
    ///
    /// ## 中文
    /// 自动提额可能把额度提到产品最高贷款金额以上。
    ///
    /// `limit.auto_increase` 会把按时还款客户的额度逐步提高，最高到 `ceiling`。上限高于 `amount.max`，就会授出产品不允许的额度，绕过了对最高金额的审批。
    pub(crate) static RULE = {
        code: "LS312",
        name: "auto-increase-above-max",
        group: Risk,
        severity: Error,
        since: "0.2.0",
        references: &[BANK_POLICY],
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(auto) = ctx.spec.limit.as_ref().and_then(|l| l.auto_increase.as_ref()) else {
        return;
    };
    let Some(amount) = &ctx.spec.amount else { return };
    if auto.ceiling > amount.max {
        let (ceiling, max) = (auto.ceiling.display(), amount.max.display());
        let mut d = ctx.finding(
            &RULE,
            "/limit/auto_increase/ceiling",
            text!(
                "automatic increases go up to `{ceiling}`, above the largest loan {max}",
                "自动提额上限 `{ceiling}` 高于产品最高额度 {max}"
            ),
            text!("lower the ceiling to at most {max}", "请把提额上限降到不超过 {max}"),
        );
        if let Some(l) = ctx.label("/amount/max", text!("the largest loan", "最高额度")) {
            d = d.with_secondary(l);
        }
        out.push(d);
    }
}
