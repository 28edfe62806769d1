use crate::diagnostics::{Diagnostic, quote};
use crate::model::spec::Stage;
use crate::rules::RuleContext;
use crate::rules::lifecycle::PRODUCT_POLICY;
use crate::text;

crate::declare_rule! {
    /// A product's successor is itself retiring or retired.
    ///
    /// ## Why
    /// Borrowers of a retiring product move to its successor. A successor that is itself being
    /// retired sends them into a second migration, or nowhere. Name the product that takes over
    /// now.
    ///
    /// ## Example
    /// ```yaml,context=successor.yaml
    /// loanspec: 1
    /// code: DOC-NEXT
    /// version: 1.0.0
    /// name: { zh: 后续产品 }
    /// stage: retired
    /// borrower: { type: individual }
    /// purpose: consumption
    /// origination: branch
    /// amount: { currency: CNY, min: 1万, max: 10万 }
    /// term: { min: 6M, max: 12M }
    /// rate: 4.35%
    /// repayment: { methods: [equal_installment] }
    /// collateral: none
    /// lifecycle:
    ///   retirement: { successor: DOC-EXAMPLE, migration: natural_runoff }
    /// ```
    /// ```yaml,invalid
    /// stage: retiring
    /// lifecycle:
    ///   retirement: { successor: DOC-NEXT, migration: fee_free_refinance }
    /// ```
    /// ```yaml,valid
    /// stage: design
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## References
    /// The bank's product management policy.
    ///
    /// ## 中文
    /// 产品的接续产品本身也在退出或已经退出。
    ///
    /// 退出产品的借款人要迁移到接续产品。接续产品自己也在退出，借款人就要再迁移一次，或者无处可去。请写现在接手的那个产品。
    pub(crate) static RULE = {
        code: "LS501",
        name: "successor-retired",
        group: Catalogue,
        severity: Error,
        since: "0.2.0",
        references: &[PRODUCT_POLICY],
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(successor) = ctx.product.successor() else {
        return;
    };
    let Some(Some(stage)) = ctx.stages.get(successor) else {
        return;
    };
    if *stage >= Stage::Retiring {
        let (code, stage) = (quote(successor), stage.as_str());
        out.push(ctx.finding(
            &RULE,
            "/lifecycle/retirement/successor",
            text!(
                "the successor {code} is itself `{stage}`",
                "后续产品 {code} 本身已处于 `{stage}` 阶段"
            ),
            text!(
                "name a product that still takes new customers",
                "请指定仍在接受新客户的产品"
            ),
        ));
    }
}
