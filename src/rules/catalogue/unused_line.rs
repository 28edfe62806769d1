use crate::diagnostics::{Diagnostic, quote};
use crate::rules::catalogue::CatalogueContext;
use crate::rules::lifecycle::PRODUCT_POLICY;
use crate::syntax::Part;
use crate::text;

crate::declare_rule! {
    /// A product line is extended by nothing.
    ///
    /// ## Why
    /// A product line exists to hold the terms several products share. One that no spec extends
    /// is reviewed and maintained for nothing, and its terms drift from the products they were
    /// meant for. Extend it, or remove it.
    ///
    /// ## Example
    /// ```yaml,context=lines/base.yaml
    /// loanspec: 1
    /// kind: line
    /// code: LINE-BASE
    /// version: 1.0.0
    /// name: { zh: 基础产品线 }
    /// ```
    /// ```yaml,invalid
    /// stage: design
    /// ```
    /// ```yaml,valid
    /// extends: lines/base.yaml
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## References
    /// The bank's product management policy.
    ///
    /// ## 中文
    /// 没有任何规格继承这条产品线。
    ///
    /// 产品线用来存放几个产品共用的条款。没有规格继承（`extends`）的产品线，评审和维护都是白费，它的条款也会和原本要服务的产品逐渐脱节。请让产品继承它，或者删除它。
    pub(crate) static RULE = {
        code: "LS503",
        name: "unused-product-line",
        group: Catalogue,
        severity: Warning,
        since: "0.2.0",
        references: &[PRODUCT_POLICY],
        check: Catalogue(check),
    }
}

fn check(ctx: &CatalogueContext<'_>, out: &mut Vec<Diagnostic>) {
    let extended: std::collections::BTreeSet<_> = ctx.entries.iter().filter_map(|e| e.extends).collect();
    for line in ctx.entries.iter().filter(|e| e.summary.is_line && (ctx.named)(e.file)) {
        if !extended.contains(&line.file) {
            let code = quote(line.summary.code_or_empty());
            out.push(line.finding(
                &RULE,
                "/kind",
                Part::Value,
                text!(
                    "the product line {code} is extended by no spec",
                    "产品线 {code} 没有被任何规格继承"
                ),
                text!(
                    "extend it from the products it was meant for (`extends:`), or remove it",
                    "请在相应产品中用 `extends:` 继承它，或删除该产品线"
                ),
            ));
        }
    }
}
