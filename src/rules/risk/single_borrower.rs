use rust_decimal::Decimal;

use crate::diagnostics::Diagnostic;
use crate::model::units::Money;
use crate::rules::RuleContext;
use crate::text;

crate::declare_rule! {
    /// The largest loan is more than 10% of the bank's net capital.
    ///
    /// ## Why
    /// The Commercial Bank Law (Art. 39) and the core supervisory indicators hold loans to one
    /// borrower to 10% of net capital. A product whose maximum passes it cannot be lent in full
    /// to anyone. Give the bank's capital in loanspec.yaml (`bank.capital.net`).
    ///
    /// ## Example
    /// ```yaml,config
    /// loanspec: 1
    /// bank: { capital: { net: 10亿, tier1: 8亿 } }
    /// ```
    /// ```yaml,invalid
    /// amount: { currency: CNY, min: 1万, max: 1.1亿 }
    /// ```
    /// ```yaml,valid
    /// amount: { currency: CNY, min: 1万, max: 1000万 }
    /// ```
    ///
    /// ## Parameters
    /// `single_borrower_net_capital_max` (10%); `bank.capital.net` in loanspec.yaml.
    ///
    /// ## References
    /// Commercial Bank Law Art. 39. Confidence: high.
    ///
    /// ## 中文
    /// 最高贷款金额超过本行资本净额的10%。
    ///
    /// 《商业银行法》（第三十九条）和监管核心指标规定，对同一借款人的贷款余额与资本净额之比不得超过10%。最高金额超过这条线的产品，不能对任何人足额发放。请在 loanspec.yaml 中写明本行资本（`bank.capital.net`）。
    pub(crate) static RULE = {
        code: "LS305",
        name: "single-borrower-concentration",
        group: Risk,
        severity: Error,
        since: "0.2.0",
        params: &["single_borrower_net_capital_max"],
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(net) = ctx.bank.and_then(|b| b.capital.as_ref()).map(|c| c.net) else {
        return;
    };
    let (Some(share), Some(amount)) = (ctx.pack.percent("single_borrower_net_capital_max"), &ctx.spec.amount) else {
        return;
    };
    let cap = Money((net.0 * share.0 / Decimal::ONE_HUNDRED).round_dp(2));
    if amount.max > cap {
        let (max, cap, share, net) = (amount.max.display(), cap.display(), share.display(), net.display());
        out.push(ctx.finding(
            &RULE,
            "/amount/max",
            text!(
                "a loan of `{max}` is more than {share} of the bank's net capital ({net}), {cap}",
                "单笔 `{max}` 超过本行资本净额（{net}）的 {share}，即 {cap}"
            ),
            text!(
                "lower `amount.max` to at most {cap}",
                "请把 `amount.max` 降到不超过 {cap}"
            ),
        ));
    }
}
