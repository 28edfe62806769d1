use crate::diagnostics::Diagnostic;
use crate::model::spec::{Purpose, Role};
use crate::rules::RuleContext;
use crate::text;

crate::declare_rule! {
    /// A fixed-asset loan runs longer than ten years without head-office approval on file.
    ///
    /// ## Why
    /// The 2024 fixed-asset measures hold fixed-asset loans to ten years in general; a longer
    /// term needs the head office's approval (or a level it authorises). Record that approval as
    /// a `head_office` sign-off.
    ///
    /// ## Example
    /// ```yaml,invalid
    /// borrower: { type: enterprise }
    /// purpose: fixed_asset
    /// term: { min: 36M, max: 180M }
    /// ```
    /// ```yaml,valid
    /// borrower: { type: enterprise }
    /// purpose: fixed_asset
    /// term: { min: 36M, max: 180M }
    /// approvals:
    ///   - { role: head_office, by: 孙伟, date: 2025-06-01, note: 总行授信审批委员会 2025-11 }
    /// ```
    ///
    /// ## Parameters
    /// `fixed_asset_term_max` (120M).
    ///
    /// ## References
    /// 《固定资产贷款管理办法》 (NFRA Order 2024 No. 1), effective 2024-07-01. Confidence: high.
    ///
    /// ## 中文
    /// 固定资产贷款期限超过十年，而没有总行审批留档。
    ///
    /// 2024年《固定资产贷款管理办法》规定固定资产贷款期限一般不超过十年；更长的期限须经总行（或其授权的层级）审批。请把该审批记为 `head_office` 签批。
    pub(crate) static RULE = {
        code: "LS204",
        name: "fixed-asset-term-ceiling",
        group: Regulatory,
        severity: Error,
        since: "0.2.0",
        params: &["fixed_asset_term_max"],
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    if ctx.spec.purpose != Some(Purpose::FixedAsset) || ctx.signed_by(Role::HeadOffice) {
        return;
    }
    let (Some(term), Some(max)) = (&ctx.spec.term, ctx.pack.term("fixed_asset_term_max")) else {
        return;
    };
    if term.max.cmp_key() > max.cmp_key() {
        let (written, ceiling) = (term.max.display(), max.display());
        out.push(ctx.finding(
            &RULE,
            "/term/max",
            text!(
                "the longest term `{written}` is beyond {ceiling} and no head-office approval is recorded",
                "最长期限 `{written}` 超过 {ceiling}，且没有总行审批记录"
            ),
            text!(
                "record the head office's approval in `approvals` (`role: head_office`), or shorten the term to {ceiling}",
                "请在 `approvals` 中记录总行审批（`role: head_office`），或把期限缩短到 {ceiling}"
            ),
        ));
    }
}
