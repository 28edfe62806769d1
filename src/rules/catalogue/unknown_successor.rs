use crate::diagnostics::{Diagnostic, quote};
use crate::rules::{NO_REFERENCES, RuleContext};
use crate::text;

crate::declare_rule! {
    /// A retiring product names a successor that is not a product of the catalogue.
    ///
    /// ## Why
    /// Borrowers of a retired product move to its successor. A successor code that is misspelt,
    /// removed, or names a product line (which lends to no one) leaves them nowhere to go, and
    /// core banking cannot migrate them. The check is locked: no `rules:` level and no
    /// `# loanspec: allow` comment turns it off.
    ///
    /// ## Example
    /// ```yaml,context=successor.yaml
    /// loanspec: 1
    /// code: DOC-NEXT
    /// version: 1.0.0
    /// name: { zh: 后续产品 }
    /// stage: design
    /// borrower: { type: individual }
    /// purpose: consumption
    /// origination: branch
    /// amount: { currency: CNY, min: 1万, max: 10万 }
    /// term: { min: 6M, max: 12M }
    /// rate: 4.35%
    /// repayment: { methods: [equal_installment] }
    /// collateral: none
    /// ```
    /// ```yaml,invalid
    /// stage: retiring
    /// lifecycle:
    ///   retirement: { successor: DOC-NXET, migration: fee_free_refinance }
    /// ```
    /// ```yaml,valid
    /// stage: retiring
    /// lifecycle:
    ///   retirement: { successor: DOC-NEXT, migration: fee_free_refinance }
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## References
    /// Internal consistency: a successor is the product that takes the borrowers over.
    ///
    /// ## 中文
    /// 退出中的产品写的接续产品不是本目录中的产品。
    ///
    /// 退出产品的借款人要迁移到接续产品。接续产品的代码拼错了、已被删除，或者指向一条产品线（产品线不直接放款），借款人就无处可去，核心系统也无法迁移。本检查已锁定：`rules:` 中的级别和 `# loanspec: allow` 注释都不能关闭它。
    pub(crate) static RULE = {
        code: "LS125",
        name: "unknown-successor",
        group: Catalogue,
        severity: Error,
        since: "0.1.0",
        locked: true,
        references: NO_REFERENCES,
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(successor) = ctx.product.successor() else {
        return;
    };
    if ctx.product_codes.contains(successor) {
        return;
    }
    let shown = quote(successor);
    if ctx.stages.contains_key(successor) {
        out.push(ctx.finding(
            &RULE,
            "/lifecycle/retirement/successor",
            text!(
                "the successor {shown} is a product line, which lends to no one",
                "后续产品 {shown} 是产品线，产品线本身不放贷"
            ),
            text!(
                "name a product that extends the line and takes new customers",
                "请写继承该产品线、仍在接纳新客户的产品"
            ),
        ));
        return;
    }
    let help = match ctx.product_codes.closest(successor) {
        Some(b) => text!("did you mean `{b}`?", "是不是想写 `{b}`？"),
        None => text!(
            "the successor must be a product of this catalogue, so its borrowers have somewhere to go",
            "后续产品必须是本产品目录中的产品，借款人才有去处"
        ),
    };
    out.push(ctx.finding(
        &RULE,
        "/lifecycle/retirement/successor",
        text!(
            "the successor {shown} is not a product of this catalogue",
            "后续产品 {shown} 不在本产品目录中"
        ),
        help,
    ));
}
