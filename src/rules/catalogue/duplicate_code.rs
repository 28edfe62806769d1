use super::CatalogueContext;
use crate::diagnostics::{Diagnostic, quote};
use crate::rules::NO_REFERENCES;
use crate::syntax::Part;
use crate::text;

crate::declare_rule! {
    /// Two specs of the catalogue (products or product lines) use the same code.
    ///
    /// ## Why
    /// Core banking keys a product by its code, and `compile` writes one file per code: two
    /// specs with one code would overwrite each other there and in the output folder. Each
    /// product and product line needs a code of its own. The check is locked: no `rules:` level
    /// and no `# loanspec: allow` comment turns it off.
    ///
    /// ## Example
    /// ```yaml,context=other.yaml
    /// loanspec: 1
    /// code: DOC-OTHER
    /// version: 1.0.0
    /// name: { zh: 另一个产品 }
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
    /// code: DOC-OTHER
    /// ```
    /// ```yaml,valid
    /// code: DOC-EXAMPLE
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## References
    /// Internal consistency: the code is the product's key in core banking and in the output.
    ///
    /// ## 中文
    /// 目录中有两个规格（产品或产品线）使用了同一个代码。
    ///
    /// 核心系统按代码识别产品，`compile` 也按代码每个写一个文件：两个规格用同一个代码，会在核心系统里和输出目录中相互覆盖。每个产品和每条产品线都要有自己的代码。本检查已锁定：`rules:` 中的级别和 `# loanspec: allow` 注释都不能关闭它。
    pub(crate) static RULE = {
        code: "LS124",
        name: "duplicate-product-code",
        group: Catalogue,
        severity: Error,
        since: "0.1.0",
        locked: true,
        references: NO_REFERENCES,
        check: Catalogue(check),
    }
}

fn check(ctx: &CatalogueContext<'_>, out: &mut Vec<Diagnostic>) {
    let specs = ctx.entries.iter().map(|e| (e.file, e.summary));
    let by_code = super::sharing(specs, ctx.named, super::code_key);
    for (code, holders) in by_code.into_iter().filter(|(_, h)| h.len() > 1) {
        let shown = quote(code);
        for &i in &holders {
            let Some(entry) = ctx.entries.get(i) else { continue };
            if !(ctx.named)(entry.file) {
                continue;
            }
            let d = entry.finding(
                &RULE,
                "/code",
                Part::Value,
                text!(
                    "the code {shown} is used by more than one spec",
                    "代码 {shown} 被多个规格使用"
                ),
                text!(
                    "give each product and product line a code of its own; core banking keys products by code",
                    "每个产品和产品线都要有自己的代码；核心系统按代码识别产品"
                ),
            );
            let others = holders
                .iter()
                .filter(|j| **j != i)
                .filter_map(|j| ctx.entries.get(*j))
                .map(|other| {
                    let where_ = other.display.to_owned();
                    other.label("/code", text!("also used in {where_}", "{where_} 也使用了它"))
                });
            out.push(d.with_related(others, holders.len() - 1));
        }
    }
}
