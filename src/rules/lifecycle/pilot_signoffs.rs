use super::PRODUCT_POLICY;
use crate::diagnostics::Diagnostic;
use crate::model::spec::Role;
use crate::rules::RuleContext;
use crate::text;

crate::declare_rule! {
    /// A product in pilot or later lacks the risk-management or compliance sign-off.
    ///
    /// ## Why
    /// No product reaches customers before risk management and compliance have signed it off:
    /// that is the gate from `risk_review` to `pilot`. Record each sign-off in `approvals`.
    ///
    /// ## Example
    /// ```yaml,invalid
    /// stage: pilot
    /// risk: { npl_ceiling: 2% }
    /// approvals:
    ///   - { role: risk_management, by: 王敏, date: 2025-08-01 }
    /// lifecycle:
    ///   pilot:
    ///     branches: [{ id: BR-0101, kind: community }]
    ///     start: 2025-09-01
    ///     end: 2025-12-31
    /// ```
    /// ```yaml,valid
    /// stage: pilot
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
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## References
    /// The bank's product management policy.
    ///
    /// ## 中文
    /// 试点及以后阶段的产品缺少风险管理或合规签批。
    ///
    /// 风险管理和合规签批之前，产品不得面向客户：这是从 `risk_review` 进入 `pilot` 的关口。请在 `approvals` 中记录每一项签批。
    pub(crate) static RULE = {
        code: "LS401",
        name: "pilot-signoffs",
        group: Lifecycle,
        severity: Error,
        since: "0.2.0",
        stages: Stages::from(Stage::Pilot).before(Stage::Retiring),
        references: &[PRODUCT_POLICY],
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    // The stages it judges are its `stages`: `rules::run` calls it for those alone.
    let stage = ctx.product.stage;
    for (role, role_en, role_zh, key) in [
        (Role::RiskManagement, "risk management", "风险管理", "risk_management"),
        (Role::Compliance, "compliance", "合规", "compliance"),
    ] {
        if !ctx.signed_by(role) {
            let stage = stage.as_str();
            out.push(ctx.finding(
                &RULE,
                "/stage",
                text!(
                    "a product in `{stage}` needs the {role_en} sign-off, and none is recorded",
                    "处于 `{stage}` 阶段的产品须有{role_zh}审批，但没有记录"
                ),
                text!(
                    "add `{{ role: {key}, by: …, date: … }}` to `approvals`",
                    "请在 `approvals` 中添加 `{{ role: {key}, by: …, date: … }}`"
                ),
            ));
        }
    }
}
