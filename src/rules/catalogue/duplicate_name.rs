use crate::diagnostics::{Diagnostic, quote};
use crate::rules::catalogue::CatalogueContext;
use crate::rules::lifecycle::PRODUCT_POLICY;
use crate::syntax::Part;
use crate::text;

crate::declare_rule! {
    /// Two products that take new customers have the same name.
    ///
    /// ## Why
    /// Customers, branches and the complaints desk know a product by its name. Two active
    /// products called the same cannot be told apart in marketing, in the contract or in the
    /// cost disclosure. Retired products may share a name with their successor.
    ///
    /// ## Example
    /// ```yaml,context=other.yaml
    /// loanspec: 1
    /// code: DOC-OTHER
    /// version: 1.0.0
    /// name: { zh: 示例产品 }
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
    /// name: { zh: 示例产品 }
    /// ```
    /// ```yaml,valid
    /// name: { zh: 示例产品（二期） }
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## References
    /// The bank's product management policy. Policy, not law: a warning by default;
    /// `rules: { LS502: error }` in loanspec.yaml makes it an error.
    ///
    /// ## 中文
    /// 两个仍在接收新客户的产品名称相同。
    ///
    /// 客户、网点和投诉受理都按名称认产品。两个同名的在售产品，在营销、合同和综合融资成本明示中都无法区分。已退出的产品可以与其接续产品同名。
    pub(crate) static RULE = {
        code: "LS502",
        name: "duplicate-product-name",
        group: Catalogue,
        severity: Warning,
        since: "0.2.0",
        stages: Stages::ALL.before(Stage::Retiring),
        references: &[PRODUCT_POLICY],
        check: Catalogue(check),
    }
}

fn check(ctx: &CatalogueContext<'_>, out: &mut Vec<Diagnostic>) {
    let specs = ctx.entries.iter().map(|e| (e.file, e.summary));
    let by_name = super::sharing(specs, ctx.named, super::names);
    for ((lang, name), holders) in by_name.into_iter().filter(|(_, h)| h.len() > 1) {
        let shown = quote(name);
        for &i in &holders {
            let Some(entry) = ctx.entries.get(i) else { continue };
            if !(ctx.named)(entry.file) {
                continue;
            }
            let pointer = format!("/name/{lang}");
            let d = entry.finding(
                &RULE,
                &pointer,
                Part::Value,
                text!(
                    "another product that takes new customers is also called {shown}",
                    "另一个在售产品也叫 {shown}"
                ),
                text!(
                    "give each active product a name of its own",
                    "请为每个在售产品取不同的名称"
                ),
            );
            let others = holders
                .iter()
                .filter(|j| **j != i)
                .filter_map(|j| ctx.entries.get(*j))
                .map(|other| {
                    let code = quote(other.summary.code_or_empty());
                    other.label(&pointer, text!("the name of {code}", "{code} 的名称"))
                });
            out.push(d.with_related(others, holders.len() - 1));
        }
    }
}
