use super::{is_personal_business, term_ceiling};
use crate::diagnostics::Diagnostic;
use crate::rules::RuleContext;
use crate::text;

crate::declare_rule! {
    /// A personal business loan runs longer than five years without a recorded reason, or
    /// longer than ten years.
    ///
    /// ## Why
    /// The 2024 personal-loan measures hold personal business loans to five years in general, and
    /// to ten at most where the funded business's cash-flow cycle is long. The reason must be on
    /// file: write it in `term.justification`. A personal business loan is `purpose: business`,
    /// or `purpose: agriculture` lent to a person (`individual`, `individual_business`,
    /// `farmer`): a farmer's production loan is a business loan too.
    ///
    /// ## Example
    /// ```yaml,invalid
    /// purpose: business
    /// term: { min: 12M, max: 96M }
    /// ```
    /// ```yaml,valid
    /// purpose: business
    /// term: { min: 12M, max: 96M, justification: 果园投资回收期约 7 年，按经营现金流回款 }
    /// ```
    ///
    /// ## Parameters
    /// `business_term_max` (60M), `business_term_max_justified` (120M).
    ///
    /// ## References
    /// 《个人贷款管理办法》 (NFRA Order 2024 No. 3), effective 2024-07-01; NFRA Q&A quoted by
    /// People's Daily 2024-02-02. Confidence: high.
    ///
    /// ## 中文
    /// 个人经营贷款期限超过五年而没有记录理由，或者超过十年。
    ///
    /// 2024年《个人贷款管理办法》规定，个人经营贷款期限一般不超过五年；所经营业务现金流周期较长的，最长不超过十年。理由须留档：写在 `term.justification` 中。个人经营贷款是指 `purpose: business`，或者借款人是个人（`individual`、`individual_business`、`farmer`）的 `purpose: agriculture`：农户的生产经营贷款也是经营贷款。
    pub(crate) static RULE = {
        code: "LS202",
        name: "business-term-ceiling",
        group: Regulatory,
        severity: Error,
        since: "0.2.0",
        params: &["business_term_max", "business_term_max_justified"],
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let loan = text!("personal business loan", "个人经营贷款");
    term_ceiling(
        ctx,
        &RULE,
        is_personal_business(ctx),
        &loan,
        "business_term_max",
        Some("business_term_max_justified"),
        out,
    );
}
