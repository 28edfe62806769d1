use crate::diagnostics::Diagnostic;
use crate::rules::RuleContext;
use crate::syntax::push_pointer;
use crate::text;

crate::declare_rule! {
    /// Income tiers are out of order or go beyond the product's amount range.
    ///
    /// ## Why
    /// `amount.tiers` sets the limit by verified monthly income (按收入分层授信). Tiers must rise
    /// with income, and no tier may grant more than `amount.max` or less than `amount.min`, or the
    /// decision engine grants limits the product does not allow.
    ///
    /// ## Example
    /// ```yaml,invalid
    /// amount:
    ///   currency: CNY
    ///   min: 1万
    ///   max: 20万
    ///   tiers:
    ///     - { min_monthly_income: 0, max: 5万 }
    ///     - { min_monthly_income: 8000, max: 30万 }
    /// ```
    /// ```yaml,valid
    /// amount:
    ///   currency: CNY
    ///   min: 1万
    ///   max: 20万
    ///   tiers:
    ///     - { min_monthly_income: 0, max: 5万 }
    ///     - { min_monthly_income: 8000, max: 20万 }
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## References
    /// Internal consistency; no regulation.
    ///
    /// ## 中文
    /// 收入分层顺序不对，或者超出产品的金额区间。
    ///
    /// `amount.tiers` 按核实的月收入确定额度（按收入分层授信）。各层必须随收入递增，任何一层授出的额度都不得高于 `amount.max` 或低于 `amount.min`，否则决策引擎会授出产品不允许的额度。
    pub(crate) static RULE = {
        code: "LS155",
        name: "income-tiers-inconsistent",
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
    let Some(tiers) = &amount.tiers else { return };
    let (min, max) = (amount.min.display(), amount.max.display());
    for (i, tier) in tiers.iter().enumerate() {
        let at = push_pointer("/amount/tiers", &i.to_string());
        let tier_max = tier.max.display();
        if tier.max > amount.max || tier.max < amount.min {
            out.push(ctx.finding(
                &RULE,
                &push_pointer(&at, "max"),
                text!(
                    "the tier limit `{tier_max}` is outside the product's `{min}`–`{max}`",
                    "分层额度 `{tier_max}` 超出产品额度范围 `{min}`–`{max}`"
                ),
                text!(
                    "keep every tier's `max` between `{min}` and `{max}`",
                    "每层的 `max` 须在 `{min}` 和 `{max}` 之间"
                ),
            ));
        }
        if let Some(previous) = i.checked_sub(1).and_then(|p| tiers.get(p)) {
            if tier.min_monthly_income <= previous.min_monthly_income {
                let (this, prev) = (tier.min_monthly_income.display(), previous.min_monthly_income.display());
                out.push(ctx.finding(
                    &RULE,
                    &push_pointer(&at, "min_monthly_income"),
                    text!(
                        "the tier from income `{this}` does not come after the tier from `{prev}`",
                        "收入 `{this}` 起的分层没有排在收入 `{prev}` 起的分层之后"
                    ),
                    text!(
                        "list tiers from the lowest income to the highest, each starting higher",
                        "请按收入从低到高排列分层，每层起点都要更高"
                    ),
                ));
            } else if tier.max < previous.max {
                let prev = previous.max.display();
                out.push(ctx.finding(
                    &RULE,
                    &push_pointer(&at, "max"),
                    text!(
                        "a higher income tier gets a lower limit (`{tier_max}` after `{prev}`)",
                        "收入更高的分层额度反而更低（`{prev}` 之后是 `{tier_max}`）"
                    ),
                    text!("limits should not fall as income rises", "额度不应随收入提高而下降"),
                ));
            }
        }
    }
}
