use crate::diagnostics::Diagnostic;
use crate::model::spec::{Origination, Purpose};
use crate::rules::RuleContext;
use crate::text;

crate::declare_rule! {
    /// An online business or working-capital loan of more than a year has no yearly limit review.
    ///
    /// ## Why
    /// Under the internet-loan measures, the credit line of a personal business or
    /// working-capital internet loan with a term over one year must be re-assessed at least once a
    /// year. Record the cadence in `limit.review_every`. An agricultural loan
    /// (`purpose: agriculture`) is a business or working-capital loan here.
    ///
    /// ## Example
    /// ```yaml,invalid
    /// borrower: { type: micro_enterprise }
    /// purpose: working_capital
    /// origination: online
    /// term: { min: 6M, max: 24M }
    /// ```
    /// ```yaml,valid
    /// borrower: { type: micro_enterprise }
    /// purpose: working_capital
    /// origination: online
    /// term: { min: 6M, max: 24M }
    /// limit: { review_every: 12M }
    /// ```
    ///
    /// ## Parameters
    /// `credit_line_review_max` (12M).
    ///
    /// ## References
    /// 《商业银行互联网贷款管理暂行办法》 (CBIRC Order 2020 No. 9), effective 2020-07-17; text
    /// quoted by Leju 2020-07-17. Confidence: high.
    ///
    /// ## 中文
    /// 期限超过一年的线上经营贷款或流动资金贷款没有每年一次的额度重评。
    ///
    /// 按互联网贷款管理办法，期限超过一年的个人经营类或流动资金类互联网贷款，至少每年要对授信额度重新评估一次。请把周期写在 `limit.review_every` 中。农业贷款（`purpose: agriculture`）在这里按经营或流动资金贷款对待。
    pub(crate) static RULE = {
        code: "LS214",
        name: "credit-line-review",
        group: Regulatory,
        severity: Error,
        since: "0.2.0",
        stages: Stages::ALL.draft_warns(),
        params: &["credit_line_review_max"],
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let applies = ctx.spec.origination == Some(Origination::Online)
        && matches!(
            ctx.spec.purpose,
            Some(Purpose::Business | Purpose::WorkingCapital | Purpose::Agriculture)
        );
    let (Some(term), Some(max)) = (&ctx.spec.term, ctx.pack.term("credit_line_review_max")) else {
        return;
    };
    if !applies || term.max.cmp_key() <= max.cmp_key() {
        return;
    }
    let every = ctx.spec.limit.as_ref().and_then(|l| l.review_every);
    let ceiling = max.display();
    match every {
        Some(every) if every.cmp_key() <= max.cmp_key() => {}
        Some(every) => {
            let shown = every.display();
            out.push(ctx.finding(
                &RULE,
                "/limit/review_every",
                text!(
                    "the limit is reviewed every `{shown}`, less often than every {ceiling}",
                    "额度每 `{shown}` 重检一次，间隔超过 {ceiling}"
                ),
                text!(
                    "review the limit at least every {ceiling}",
                    "请至少每 {ceiling} 重检一次额度"
                ),
            ));
        }
        None => {
            let longest = term.max.display();
            out.push(ctx.unstated(ctx.finding(
                &RULE,
                "/term/max",
                text!(
                    "an online credit line of up to `{longest}` needs its limit reviewed at least every {ceiling}",
                    "期限最长 `{longest}` 的互联网贷款须至少每 {ceiling} 重检一次额度"
                ),
                text!(
                    "add `limit: {{ review_every: {ceiling} }}`",
                    "请添加 `limit: {{ review_every: {ceiling} }}`"
                ),
            )));
        }
    }
}
