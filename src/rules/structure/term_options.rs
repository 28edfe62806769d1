use crate::diagnostics::Diagnostic;
use crate::rules::RuleContext;
use crate::syntax::push_pointer;
use crate::text;

crate::declare_rule! {
    /// A term offered in `term.options` is outside `term.min`–`term.max`.
    ///
    /// ## Why
    /// The options are what customers choose from; an option outside the product's own range
    /// cannot be booked, or worse, is booked past the approved maximum.
    ///
    /// ## Example
    /// ```yaml,invalid
    /// term: { min: 6M, max: 24M, options: [6M, 12M, 36M] }
    /// ```
    /// ```yaml,valid
    /// term: { min: 6M, max: 36M, options: [6M, 12M, 36M] }
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## References
    /// Internal consistency; no regulation.
    ///
    /// ## 中文
    /// `term.options` 中提供的期限超出了 `term.min`–`term.max`。
    ///
    /// 期限选项是供客户选择的；超出产品自身区间的选项无法入账，更糟的是按超过审批的最长期限入了账。
    pub(crate) static RULE = {
        code: "LS152",
        name: "term-option-outside-range",
        group: Structure,
        severity: Error,
        since: "0.1.0",
        references: crate::rules::NO_REFERENCES,
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(term) = &ctx.spec.term else { return };
    let (min, max) = (term.min.display(), term.max.display());
    for (i, option) in term.options.iter().flatten().enumerate() {
        if option.cmp_key() < term.min.cmp_key() || option.cmp_key() > term.max.cmp_key() {
            let shown = option.display();
            out.push(ctx.finding(
                &RULE,
                &push_pointer("/term/options", &i.to_string()),
                text!(
                    "the term option `{shown}` is outside `{min}`–`{max}`",
                    "期限选项 `{shown}` 不在 `{min}`–`{max}` 之内"
                ),
                text!(
                    "remove it, or widen `term.min`/`term.max` to include it",
                    "请删除该选项，或调整 `term.min`/`term.max` 使其包含该选项"
                ),
            ));
        }
    }
}
