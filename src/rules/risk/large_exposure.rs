use rust_decimal::Decimal;

use crate::diagnostics::Diagnostic;
use crate::model::units::Money;
use crate::rules::RuleContext;
use crate::text;

crate::declare_rule! {
    /// The largest loan is more than 15% of the bank's tier-1 capital.
    ///
    /// ## Why
    /// The large-exposure measures cap exposure to one non-interbank customer at 15% of tier-1
    /// capital (20% for a connected group). A product whose maximum passes it would breach the
    /// limit with a single loan. Give the bank's capital in loanspec.yaml (`bank.capital.tier1`).
    ///
    /// ## Example
    /// ```yaml,config
    /// loanspec: 1
    /// bank: { capital: { net: 100亿, tier1: 10亿 } }
    /// ```
    /// ```yaml,invalid
    /// amount: { currency: CNY, min: 1万, max: 2亿 }
    /// ```
    /// ```yaml,valid
    /// amount: { currency: CNY, min: 1万, max: 1亿 }
    /// ```
    ///
    /// ## Parameters
    /// `large_exposure_single_max` (15%); `bank.capital.tier1` in loanspec.yaml.
    ///
    /// ## References
    /// 《商业银行大额风险暴露管理办法》 (CBIRC Order 2018 No. 1). Confidence: high.
    ///
    /// ## 中文
    /// 最高贷款金额超过本行一级资本净额的15%。
    ///
    /// 大额风险暴露管理办法规定，对单一非同业客户的风险暴露不得超过一级资本净额的15%（对关联客户集团为20%）。最高金额超过这条线的产品，一笔贷款就会突破限额。请在 loanspec.yaml 中写明本行资本（`bank.capital.tier1`）。
    pub(crate) static RULE = {
        code: "LS306",
        name: "large-exposure-limit",
        group: Risk,
        severity: Error,
        since: "0.2.0",
        params: &["large_exposure_single_max"],
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(tier1) = ctx.bank.and_then(|b| b.capital.as_ref()).map(|c| c.tier1) else {
        return;
    };
    let (Some(share), Some(amount)) = (ctx.pack.percent("large_exposure_single_max"), &ctx.spec.amount) else {
        return;
    };
    let cap = Money((tier1.0 * share.0 / Decimal::ONE_HUNDRED).round_dp(2));
    if amount.max > cap {
        let (max, cap, share, tier1) = (amount.max.display(), cap.display(), share.display(), tier1.display());
        out.push(ctx.finding(
            &RULE,
            "/amount/max",
            text!(
                "a loan of `{max}` is more than {share} of the bank's tier-1 capital ({tier1}), {cap}",
                "单笔 `{max}` 超过本行一级资本净额（{tier1}）的 {share}，即 {cap}"
            ),
            text!(
                "lower `amount.max` to at most {cap}",
                "请把 `amount.max` 降到不超过 {cap}"
            ),
        ));
    }
}
