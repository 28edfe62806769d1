use super::BANK_POLICY;
use crate::diagnostics::Diagnostic;
use crate::rules::RuleContext;
use crate::text;

crate::declare_rule! {
    /// A product in risk review or later has no NPL ceiling.
    ///
    /// ## Why
    /// The preset non-performing-loan ceiling (不良率上限) is what risk review approves, what the
    /// monthly monitoring compares against, and what a retirement trigger is measured by. From
    /// `risk_review` on, the product must state it.
    ///
    /// ## Example
    /// ```yaml,invalid
    /// stage: risk_review
    /// ```
    /// ```yaml,valid
    /// stage: risk_review
    /// risk: { npl_ceiling: 1.5% }
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## References
    /// The bank's credit policy. Policy, not law: a warning by default;
    /// `rules: { LS308: error }` in loanspec.yaml makes it an error.
    ///
    /// ## 中文
    /// 风险审查及以后阶段的产品没有不良率上限。
    ///
    /// 预设的不良率上限是风险审查审批的内容，是月度监测对比的基准，也是退出触发条件的衡量标准。从 `risk_review` 起，产品必须写明它。
    pub(crate) static RULE = {
        code: "LS308",
        name: "npl-ceiling-required",
        group: Risk,
        severity: Warning,
        since: "0.2.0",
        stages: Stages::from(Stage::RiskReview).before(Stage::Retiring).draft_warns(),
        references: &[BANK_POLICY],
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    // The stages it judges are its `stages`: `rules::run` calls it for those alone.
    let stage = ctx.product.stage;
    if ctx.spec.risk.as_ref().and_then(|r| r.npl_ceiling).is_none() {
        let stage = stage.as_str();
        out.push(ctx.unstated(ctx.finding(
            &RULE,
            "/stage",
            text!(
                "a product in `{stage}` needs an NPL ceiling, and this one has none",
                "处于 `{stage}` 阶段的产品须设定不良率上限，本产品没有"
            ),
            text!(
                "add `risk: {{ npl_ceiling: 1.5% }}` (the ceiling risk review approves)",
                "请添加 `risk: {{ npl_ceiling: 1.5% }}`（风险评估批准的上限）"
            ),
        )));
    }
}
