use super::PRODUCT_POLICY;
use crate::diagnostics::Diagnostic;
use crate::model::spec::Stage;
use crate::rules::RuleContext;
use crate::text;

crate::declare_rule! {
    /// A product builds on a product line (or product) that is retiring or retired.
    ///
    /// ## Why
    /// A retired line's terms are no longer maintained: a product that extends it inherits terms
    /// nobody reviews. Extend the line's successor instead, or copy what is needed.
    ///
    /// ## Example
    /// ```yaml,context=lines/old.yaml
    /// loanspec: 1
    /// kind: line
    /// code: LINE-OLD
    /// version: 2.0.0
    /// name: { zh: 旧产品线 }
    /// stage: retired
    /// ```
    /// ```yaml,context=lines/current.yaml
    /// loanspec: 1
    /// kind: line
    /// code: LINE-CURRENT
    /// version: 1.0.0
    /// name: { zh: 现行产品线 }
    /// ```
    /// ```yaml,invalid
    /// extends: lines/old.yaml
    /// ```
    /// ```yaml,valid
    /// extends: lines/current.yaml
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## References
    /// The bank's product management policy.
    ///
    /// ## 中文
    /// 产品继承的产品线（或产品）正在退出或已经退出。
    ///
    /// 已退出产品线的条款不再有人维护：继承它的产品沿用的是无人评审的条款。请改为继承它的接续产品线，或者把需要的条款直接写进产品。
    pub(crate) static RULE = {
        code: "LS406",
        name: "extends-retired-line",
        group: Lifecycle,
        severity: Error,
        since: "0.2.0",
        references: &[PRODUCT_POLICY],
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let retired = ctx
        .parents
        .iter()
        .find(|p| p.stage.is_some_and(|s| s >= Stage::Retiring));
    if let Some(parent) = retired {
        let (code, stage) = (
            crate::diagnostics::quote(&parent.code),
            parent.stage.map_or("", Stage::as_str),
        );
        out.push(ctx.finding(
            &RULE,
            "/extends",
            text!(
                "the product builds on {code}, which is `{stage}`",
                "本产品继承的 {code} 已处于 `{stage}` 阶段"
            ),
            text!(
                "extend the line's successor, or copy the terms you need into this product",
                "请改为继承其后续产品线，或把所需条款写入本产品"
            ),
        ));
    }
}
