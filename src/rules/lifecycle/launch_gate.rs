use super::PRODUCT_POLICY;
use crate::diagnostics::Diagnostic;
use crate::rules::RuleContext;
use crate::text;

crate::declare_rule! {
    /// A launched product has no finished pilot, or no review cadence.
    ///
    /// ## Why
    /// A product launches after its pilot has ended and shown its results, and once launched it
    /// is reviewed on a cadence (`lifecycle.review.every`) so monitoring knows when a review is
    /// overdue. Both are part of the launch gate.
    ///
    /// ## Example
    /// ```yaml,invalid
    /// stage: launched
    /// risk: { npl_ceiling: 2% }
    /// approvals:
    ///   - { role: risk_management, by: 王敏, date: 2025-08-01 }
    ///   - { role: compliance, by: 李强, date: 2025-08-03 }
    /// lifecycle:
    ///   pilot:
    ///     branches: [{ id: BR-0101, kind: community }]
    ///     start: 2025-09-01
    ///     end: 2025-12-31
    /// ```
    /// ```yaml,valid
    /// stage: launched
    /// risk: { npl_ceiling: 2% }
    /// approvals:
    ///   - { role: risk_management, by: 王敏, date: 2025-08-01 }
    ///   - { role: compliance, by: 李强, date: 2025-08-03 }
    /// lifecycle:
    ///   pilot:
    ///     branches: [{ id: BR-0101, kind: community }]
    ///     start: 2025-09-01
    ///     end: 2025-12-31
    ///   review: { every: 3M }
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## References
    /// The bank's product management policy.
    ///
    /// ## 中文
    /// 已上线的产品没有已结束的试点，或者没有评审周期。
    ///
    /// 产品要在试点结束、得出结果之后才上线；上线后按固定周期评审（`lifecycle.review.every`），监测才知道评审何时逾期。这两项都是上线关口的一部分。
    pub(crate) static RULE = {
        code: "LS403",
        name: "launch-gate",
        group: Lifecycle,
        severity: Error,
        since: "0.2.0",
        stages: Stages::from(Stage::Launched).before(Stage::Retiring),
        references: &[PRODUCT_POLICY],
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    // The stages it judges are its `stages`: `rules::run` calls it for those alone.
    let stage = ctx.product.stage;
    let stage_name = stage.as_str();
    let lifecycle = ctx.spec.lifecycle.as_ref();
    match lifecycle.and_then(|l| l.pilot.as_ref()) {
        None => out.push(ctx.finding(
            &RULE,
            "/stage",
            text!(
                "a `{stage_name}` product needs a finished pilot, and none is recorded",
                "`{stage_name}` 阶段的产品须完成试点，但没有试点记录"
            ),
            text!(
                "record the pilot it launched from in `lifecycle.pilot` (branches, start, end)",
                "请在 `lifecycle.pilot` 中记录推广前的试点（网点、开始和结束日期）"
            ),
        )),
        Some(pilot) if pilot.end.0 > ctx.as_of => {
            let end = pilot.end.canonical();
            out.push(ctx.finding(
                &RULE,
                "/lifecycle/pilot/end",
                text!(
                    "the product is `{stage_name}` but its pilot runs until {end}",
                    "产品已处于 `{stage_name}` 阶段，但试点要到 {end} 才结束"
                ),
                text!(
                    "finish the pilot before launch, or keep the stage at `pilot`",
                    "请先完成试点再推广，或把阶段保持为 `pilot`"
                ),
            ));
        }
        Some(_) => {}
    }
    if lifecycle.and_then(|l| l.review.as_ref()).is_none() {
        out.push(ctx.finding(
            &RULE,
            "/stage",
            text!(
                "a `{stage_name}` product needs a review cadence, and none is set",
                "`{stage_name}` 阶段的产品须设定定期评估频率，本产品没有"
            ),
            text!(
                "add `lifecycle: {{ review: {{ every: 3M }} }}`",
                "请添加 `lifecycle: {{ review: {{ every: 3M }} }}`"
            ),
        ));
    }
}
