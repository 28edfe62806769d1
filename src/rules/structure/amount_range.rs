use crate::diagnostics::Diagnostic;
use crate::rules::RuleContext;
use crate::text;

crate::declare_rule! {
    /// The smallest loan is larger than the largest, or the default amount is outside the range.
    ///
    /// ## Why
    /// `amount.min` and `amount.max` bound every loan the product makes; core banking rejects a
    /// product whose minimum principal exceeds its maximum, and a default amount outside the range
    /// is offered to customers who then cannot take it.
    ///
    /// ## Example
    /// ```yaml,invalid
    /// amount: { currency: CNY, min: 50万, max: 10万 }
    /// ```
    /// ```yaml,valid
    /// amount: { currency: CNY, min: 10万, max: 50万, default: 20万 }
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## References
    /// Internal consistency; no regulation.
    ///
    /// ## 中文
    /// 最低贷款金额大于最高金额，或者默认金额不在金额区间内。
    ///
    /// `amount.min` 和 `amount.max` 限定了产品发放的每一笔贷款；最低本金高于最高本金的产品会被核心系统拒绝，而区间外的默认金额会展示给客户，客户却申请不了。
    pub(crate) static RULE = {
        code: "LS150",
        name: "amount-min-above-max",
        group: Structure,
        severity: Error,
        since: "0.1.0",
        references: crate::rules::NO_REFERENCES,
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(amount) = &ctx.spec.amount else {
        return;
    };
    let (min, max) = (amount.min.display(), amount.max.display());
    if amount.min > amount.max {
        let mut d = ctx.finding(
            &RULE,
            "/amount/min",
            text!(
                "the smallest loan `{min}` is larger than the largest `{max}`",
                "最小贷款金额 `{min}` 大于最大金额 `{max}`"
            ),
            text!(
                "swap them, or lower `min` to at most `{max}`",
                "请对调两者，或把 `min` 调低到不超过 `{max}`"
            ),
        );
        if let Some(l) = ctx.label("/amount/max", text!("the largest loan", "最大贷款金额")) {
            d = d.with_secondary(l);
        }
        out.push(d);
    }
    if let Some(default) = amount.default.filter(|d| *d < amount.min || *d > amount.max) {
        let shown = default.display();
        out.push(ctx.finding(
            &RULE,
            "/amount/default",
            text!(
                "the default amount `{shown}` is outside `{min}`–`{max}`",
                "默认金额 `{shown}` 不在 `{min}`–`{max}` 之内"
            ),
            text!(
                "choose a default between `{min}` and `{max}`",
                "请在 `{min}` 和 `{max}` 之间选择默认金额"
            ),
        ));
    }
}
