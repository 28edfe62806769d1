use crate::diagnostics::Diagnostic;
use crate::model::spec::{BorrowerType, Role};
use crate::rules::RuleContext;
use crate::text;

crate::declare_rule! {
    /// A product for consumers reaches pilot without a consumer-protection review (消保审查).
    ///
    /// ## Why
    /// Since 2023-03-01 banks must review products for consumers (design, pricing, agreements,
    /// marketing) for consumer protection before they are offered; banks run it as a pre-launch
    /// workflow. Record it as a `consumer_protection` sign-off. The stages it covers are partly
    /// from recollection, so this is a warning.
    ///
    /// ## Example
    /// ```yaml,invalid
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
    /// ```yaml,valid
    /// stage: pilot
    /// risk: { npl_ceiling: 2% }
    /// approvals:
    ///   - { role: risk_management, by: 王敏, date: 2025-08-01 }
    ///   - { role: compliance, by: 李强, date: 2025-08-03 }
    ///   - { role: consumer_protection, by: 赵丽, date: 2025-08-05 }
    /// lifecycle:
    ///   pilot:
    ///     branches: [{ id: BR-0101, kind: community }]
    ///     start: 2025-09-01
    ///     end: 2025-12-31
    /// ```
    ///
    /// ## Parameters
    /// `consumer_protection_review_from` (in force from 2023-03-01).
    ///
    /// ## References
    /// CBIRC Order 2022 No. 9, effective 2023-03-01. Confidence: medium.
    ///
    /// ## 中文
    /// 面向消费者的产品进入试点时没有消费者权益保护审查（消保审查）。
    ///
    /// 自2023-03-01起，银行面向消费者的产品（设计、定价、协议、营销）在推出前须经消费者权益保护审查，银行通常把它作为上线前的一道流程。请把它记为 `consumer_protection` 签批。它覆盖哪些阶段，部分出自记忆，所以本规则给出警告。
    pub(crate) static RULE = {
        code: "LS407",
        name: "consumer-protection-review",
        group: Lifecycle,
        severity: Warning,
        since: "0.2.0",
        stages: Stages::from(Stage::Pilot).before(Stage::Retiring),
        params: &["consumer_protection_review_from"],
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    // The stages it judges are its `stages`: `rules::run` calls it for those alone.
    let stage = ctx.product.stage;
    if ctx.product.borrower.kind != BorrowerType::Individual {
        return;
    }
    if !ctx.pack.in_force("consumer_protection_review_from") || ctx.signed_by(Role::ConsumerProtection) {
        return;
    }
    let stage = stage.as_str();
    out.push(ctx.finding(
        &RULE,
        "/stage",
        text!(
            "a consumer product in `{stage}` needs a consumer-protection review, and none is recorded",
            "处于 `{stage}` 阶段的个人消费者产品须经消保审查，但没有记录"
        ),
        text!(
            "add `{{ role: consumer_protection, by: …, date: … }}` to `approvals`",
            "请在 `approvals` 中添加 `{{ role: consumer_protection, by: …, date: … }}`"
        ),
    ));
}
