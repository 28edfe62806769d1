use super::term_ceiling;
use crate::diagnostics::Diagnostic;
use crate::model::spec::Purpose;
use crate::rules::RuleContext;
use crate::text;

crate::declare_rule! {
    /// A personal consumption loan runs longer than five years.
    ///
    /// ## Why
    /// Since 2024-07-01 the personal-loan measures cap personal consumption loans at five years
    /// (个人消费贷款期限不得超过五年). A longer term cannot be booked, whatever the pricing.
    ///
    /// ## Example
    /// ```yaml,invalid
    /// term: { min: 12M, max: 72M }
    /// ```
    /// ```yaml,valid
    /// term: { min: 12M, max: 60M }
    /// ```
    ///
    /// ## Parameters
    /// `consumption_term_max` (60M).
    ///
    /// ## References
    /// 《个人贷款管理办法》 (NFRA Order 2024 No. 3), effective 2024-07-01; NFRA Q&A quoted by
    /// People's Daily 2024-02-02. Confidence: high.
    ///
    /// ## 中文
    /// 个人消费贷款期限超过五年。
    ///
    /// 自2024-07-01起，《个人贷款管理办法》规定个人消费贷款期限不得超过五年。期限更长的贷款，无论怎样定价都不能发放。
    pub(crate) static RULE = {
        code: "LS201",
        name: "consumption-term-ceiling",
        group: Regulatory,
        severity: Error,
        since: "0.2.0",
        params: &["consumption_term_max"],
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let loan = text!("personal consumption loan", "个人消费贷款");
    term_ceiling(
        ctx,
        &RULE,
        ctx.spec.purpose == Some(Purpose::Consumption),
        &loan,
        "consumption_term_max",
        None,
        out,
    );
}
