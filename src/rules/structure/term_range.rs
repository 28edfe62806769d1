use crate::diagnostics::Diagnostic;
use crate::rules::RuleContext;
use crate::text;

crate::declare_rule! {
    /// The shortest term is longer than the longest.
    ///
    /// ## Why
    /// `term.min` and `term.max` bound every loan's term; a reversed range means no loan can be
    /// booked, and core banking rejects the product.
    ///
    /// ## Example
    /// ```yaml,invalid
    /// term: { min: 36M, max: 12M }
    /// ```
    /// ```yaml,valid
    /// term: { min: 12M, max: 36M }
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## References
    /// Internal consistency; no regulation.
    ///
    /// ## 中文
    /// 最短期限长于最长期限。
    ///
    /// `term.min` 和 `term.max` 限定了每笔贷款的期限；区间颠倒，就发放不了任何贷款，核心系统也会拒绝这个产品。
    pub(crate) static RULE = {
        code: "LS151",
        name: "term-min-above-max",
        group: Structure,
        severity: Error,
        since: "0.1.0",
        references: crate::rules::NO_REFERENCES,
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(term) = &ctx.spec.term else { return };
    if term.min.cmp_key() > term.max.cmp_key() {
        let (min, max) = (term.min.display(), term.max.display());
        let mut d = ctx.finding(
            &RULE,
            "/term/min",
            text!(
                "the shortest term `{min}` is longer than the longest `{max}`",
                "最短期限 `{min}` 长于最长期限 `{max}`"
            ),
            text!(
                "swap them, or shorten `min` to at most `{max}`",
                "请对调两者，或把 `min` 缩短到不超过 `{max}`"
            ),
        );
        if let Some(l) = ctx.label("/term/max", text!("the longest term", "最长期限")) {
            d = d.with_secondary(l);
        }
        out.push(d);
    }
}
