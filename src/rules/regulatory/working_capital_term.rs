use super::term_ceiling;
use crate::diagnostics::Diagnostic;
use crate::model::spec::Purpose;
use crate::rules::RuleContext;
use crate::text;

crate::declare_rule! {
    /// A working-capital loan runs longer than three years without a recorded reason, or longer
    /// than five years.
    ///
    /// ## Why
    /// The 2024 working-capital measures hold working-capital loans to three years in principle,
    /// and to five at most where the borrower's operating cycle is long. The reason must be on
    /// file: write it in `term.justification`.
    ///
    /// ## Example
    /// ```yaml,invalid
    /// borrower: { type: sme }
    /// purpose: working_capital
    /// term: { min: 12M, max: 48M }
    /// ```
    /// ```yaml,valid
    /// borrower: { type: sme }
    /// purpose: working_capital
    /// term: { min: 12M, max: 48M, justification: 造船订单生产周期 30–40 个月 }
    /// ```
    ///
    /// ## Parameters
    /// `working_capital_term_max` (36M), `working_capital_term_max_justified` (60M).
    ///
    /// ## References
    /// 《流动资金贷款管理办法》 (NFRA Order 2024 No. 2), effective 2024-07-01. Confidence: high.
    ///
    /// ## 中文
    /// 流动资金贷款期限超过三年而没有记录理由，或者超过五年。
    ///
    /// 2024年《流动资金贷款管理办法》规定，流动资金贷款期限原则上不超过三年；借款人经营周期较长的，最长不超过五年。理由须留档：写在 `term.justification` 中。
    pub(crate) static RULE = {
        code: "LS203",
        name: "working-capital-term-ceiling",
        group: Regulatory,
        severity: Error,
        since: "0.2.0",
        params: &["working_capital_term_max", "working_capital_term_max_justified"],
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let loan = text!("working-capital loan", "流动资金贷款");
    term_ceiling(
        ctx,
        &RULE,
        ctx.spec.purpose == Some(Purpose::WorkingCapital),
        &loan,
        "working_capital_term_max",
        Some("working_capital_term_max_justified"),
        out,
    );
}
