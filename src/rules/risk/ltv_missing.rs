use super::{COLLATERAL_GUIDELINE, kind_name, ltv_param};
use crate::diagnostics::Diagnostic;
use crate::model::spec::{Collateral, CollateralKind, Purpose};
use crate::rules::RuleContext;
use crate::syntax::push_pointer;
use crate::text;

crate::declare_rule! {
    /// A pledge or mortgage does not state the loan-to-value it accepts.
    ///
    /// ## Why
    /// Risk review prices loss given default from how much of a pledge's value is lent
    /// (`max_ltv`). Without it, a valuer's figure can be lent against in full. Guarantees,
    /// risk funds and insurance have no loan-to-value and are not checked.
    ///
    /// ## Example
    /// ```yaml,invalid
    /// collateral:
    ///   - { kind: equipment, share: 100% }
    /// ```
    /// ```yaml,valid
    /// collateral:
    ///   - { kind: equipment, share: 100%, max_ltv: 40% }
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## References
    /// 《商业银行押品管理指引》 (银监发〔2017〕16号). Confidence: medium.
    ///
    /// ## 中文
    /// 抵押或质押没有写明可以接受的贷款价值比。
    ///
    /// 风险审查根据押品价值中有多少被贷出（`max_ltv`）来测算违约损失率。不写的话，评估价值可能被全额贷出。保证、风险补偿基金和保险没有贷款价值比，不作检查。
    pub(crate) static RULE = {
        code: "LS302",
        name: "collateral-ltv-not-stated",
        group: Risk,
        severity: Warning,
        since: "0.2.0",
        stages: Stages::ALL.draft_warns(),
        references: &[COLLATERAL_GUIDELINE],
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(Collateral::Items(items)) = &ctx.spec.collateral else {
        return;
    };
    for (i, item) in items.iter().enumerate() {
        let regulated = (ctx.spec.purpose == Some(Purpose::Housing) && item.kind == CollateralKind::RealEstate)
            || (ctx.spec.purpose == Some(Purpose::Auto) && item.kind == CollateralKind::Vehicle);
        if regulated || ltv_param(item.kind).is_none() || item.max_ltv.is_some() {
            continue;
        }
        let kind = kind_name(item.kind);
        let (kind_en, kind_zh) = (kind.en, kind.zh);
        out.push(ctx.unstated(ctx.finding(
            &RULE,
            &push_pointer("/collateral", &i.to_string()),
            text!(
                "{kind_en} is taken without a stated `max_ltv`",
                "{kind_zh}未写明抵质押率 `max_ltv`"
            ),
            text!(
                "add the largest share of its value the bank lends, like `max_ltv: 50%`",
                "请写明按价值的最高发放比例，例如 `max_ltv: 50%`"
            ),
        )));
    }
}
