use crate::diagnostics::Diagnostic;
use crate::rules::RuleContext;
use crate::text;

crate::declare_rule! {
    /// A credit (unsecured) product lends more than the bank's appetite for unsecured lending.
    ///
    /// ## Why
    /// A bank's risk appetite statement caps what it lends without collateral to one borrower.
    /// Set it in loanspec.yaml (`parameters: { unsecured_amount_max: 300万 }`); there is no
    /// national figure, so the pack has no default.
    ///
    /// ## Example
    /// ```yaml,config
    /// loanspec: 1
    /// parameters: { unsecured_amount_max: 50万 }
    /// ```
    /// ```yaml,invalid
    /// amount: { currency: CNY, min: 1万, max: 80万 }
    /// ```
    /// ```yaml,valid
    /// amount: { currency: CNY, min: 1万, max: 50万 }
    /// ```
    ///
    /// ## Parameters
    /// `unsecured_amount_max` (no default, set by the bank).
    ///
    /// ## References
    /// The bank's risk appetite statement.
    ///
    /// ## 中文
    /// 信用（无抵押）产品的贷款金额超过本行对信用贷款的风险偏好。
    ///
    /// 银行的风险偏好陈述规定了不要押品时对单一借款人放款的上限。请把它写在 loanspec.yaml 中（`parameters: { unsecured_amount_max: 300万 }`）；没有全国性的数字，所以规则包不设默认值。
    pub(crate) static RULE = {
        code: "LS303",
        name: "unsecured-amount-appetite",
        group: Risk,
        severity: Error,
        since: "0.2.0",
        params: &["unsecured_amount_max"],
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    if !ctx.is_unsecured() {
        return;
    }
    let (Some(amount), Some(cap)) = (&ctx.spec.amount, ctx.pack.money("unsecured_amount_max")) else {
        return;
    };
    if amount.max > cap {
        let (max, cap) = (amount.max.display(), cap.display());
        out.push(ctx.finding(
            &RULE,
            "/amount/max",
            text!(
                "an unsecured product lending up to `{max}` is beyond the bank's {cap} appetite",
                "信用类产品最高额度 `{max}` 超出本行 {cap} 的风险偏好"
            ),
            text!(
                "lower `amount.max` to {cap}, or take collateral",
                "请把 `amount.max` 降到 {cap}，或增加担保"
            ),
        ));
    }
}
