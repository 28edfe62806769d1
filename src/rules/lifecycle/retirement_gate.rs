use super::PRODUCT_POLICY;
use crate::diagnostics::Diagnostic;
use crate::rules::RuleContext;
use crate::text;

crate::declare_rule! {
    /// A retiring or retired product names no successor or no migration for its borrowers.
    ///
    /// ## Why
    /// A product stops taking new customers only with somewhere for its borrowers to go: a
    /// successor product, and a migration (a fee-free refinance, a transfer, or natural runoff).
    /// Both are part of the retirement gate.
    ///
    /// ## Example
    /// ```yaml,invalid
    /// stage: retired
    /// lifecycle:
    ///   retirement: { migration: natural_runoff }
    /// ```
    /// ```yaml,valid
    /// stage: retired
    /// lifecycle:
    ///   retirement: { successor: NEW-CONSUMER, migration: natural_runoff }
    /// ```
    /// ```yaml,context=new-consumer.yaml
    /// loanspec: 1
    /// code: NEW-CONSUMER
    /// version: 1.0.0
    /// name: { zh: 新消费贷 }
    /// stage: design
    /// borrower: { type: individual }
    /// purpose: consumption
    /// origination: branch
    /// amount: { currency: CNY, min: 1万, max: 10万 }
    /// term: { min: 6M, max: 12M }
    /// rate: 4.35%
    /// repayment: { methods: [equal_installment] }
    /// penalty: { overdue_markup: 50%, misuse_markup: 100% }
    /// collateral: none
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## References
    /// The bank's product management policy.
    ///
    /// ## 中文
    /// 退出中或已退出的产品没有写接续产品，或者没有借款人迁移方案。
    ///
    /// 产品只有在借款人有去处时才能停止接收新客户：要有一个接续产品，还要有迁移方案（免费转贷、转移，或自然到期）。这两项都是退出关口的一部分。
    pub(crate) static RULE = {
        code: "LS404",
        name: "retirement-gate",
        group: Lifecycle,
        severity: Error,
        since: "0.2.0",
        stages: Stages::from(Stage::Retiring),
        references: &[PRODUCT_POLICY],
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    // The stages it judges are its `stages`: `rules::run` calls it for those alone.
    let stage = ctx.product.stage;
    let stage_name = stage.as_str();
    let retirement = ctx.product.lifecycle.retirement.as_ref();
    if retirement.and_then(|r| r.successor.as_ref()).is_none() {
        out.push(ctx.finding(
            &RULE,
            "/stage",
            text!(
                "a `{stage_name}` product needs a successor, and none is named",
                "`{stage_name}` 阶段的产品须指定后续产品，本产品没有"
            ),
            text!(
                "add `lifecycle: {{ retirement: {{ successor: CODE }} }}`",
                "请添加 `lifecycle: {{ retirement: {{ successor: 产品代码 }} }}`"
            ),
        ));
    }
    if retirement.and_then(|r| r.migration).is_none() {
        out.push(ctx.finding(
            &RULE,
            "/stage",
            text!("a `{stage_name}` product needs a migration for its borrowers, and none is set", "`{stage_name}` 阶段的产品须有存量客户迁移方式，本产品没有"),
            text!(
                "add `migration: fee_free_refinance`, `transfer_to_successor` or `natural_runoff` under `lifecycle.retirement`",
                "请在 `lifecycle.retirement` 下添加 `migration: fee_free_refinance`、`transfer_to_successor` 或 `natural_runoff`"
            ),
        ));
    }
}
