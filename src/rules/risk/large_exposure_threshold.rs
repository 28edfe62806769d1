use rust_decimal::Decimal;

use crate::diagnostics::Diagnostic;
use crate::model::units::Money;
use crate::rules::RuleContext;
use crate::text;

crate::declare_rule! {
    /// Notes that a loan at the product's maximum is a large exposure (over 2.5% of tier-1
    /// capital).
    ///
    /// ## Why
    /// An exposure to one customer above 2.5% of tier-1 capital is a large exposure: it is
    /// reported, and counts against the 15% and 20% limits together with the customer's other
    /// exposures. This is information for the credit process, not a problem.
    ///
    /// ## Example
    /// ```yaml,config
    /// loanspec: 1
    /// bank: { capital: { net: 100亿, tier1: 10亿 } }
    /// ```
    /// ```yaml,invalid
    /// amount: { currency: CNY, min: 1万, max: 5000万 }
    /// ```
    /// ```yaml,valid
    /// amount: { currency: CNY, min: 1万, max: 2000万 }
    /// ```
    ///
    /// ## Parameters
    /// `large_exposure_threshold` (2.5%); `bank.capital.tier1` in loanspec.yaml.
    ///
    /// ## References
    /// 《商业银行大额风险暴露管理办法》 (CBIRC Order 2018 No. 1). Confidence: high.
    ///
    /// ## 中文
    /// 提示按产品最高金额发放的贷款属于大额风险暴露（超过一级资本净额的2.5%）。
    ///
    /// 对单一客户的风险暴露超过一级资本净额2.5%的，属于大额风险暴露：需要报送，并与该客户的其他风险暴露合并计入15%和20%的限额。这是供授信流程参考的信息，不是问题。
    pub(crate) static RULE = {
        code: "LS307",
        name: "large-exposure-threshold",
        group: Risk,
        severity: Info,
        since: "0.2.0",
        params: &["large_exposure_threshold"],
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(tier1) = ctx.bank.and_then(|b| b.capital.as_ref()).map(|c| c.tier1) else {
        return;
    };
    let (Some(share), Some(amount)) = (ctx.pack.percent("large_exposure_threshold"), &ctx.spec.amount) else {
        return;
    };
    let line = Money((tier1.0 * share.0 / Decimal::ONE_HUNDRED).round_dp(2));
    if amount.max > line {
        let (max, line, share) = (amount.max.display(), line.display(), share.display());
        out.push(ctx.finding(
            &RULE,
            "/amount/max",
            text!(
                "a loan of `{max}` is a large exposure (over {share} of tier-1 capital, {line})",
                "单笔 `{max}` 属于大额风险暴露（超过一级资本净额的 {share}，即 {line}）"
            ),
            text!(
                "such loans are reported and count against the customer's exposure limits",
                "此类贷款须报送，并计入该客户的风险暴露限额"
            ),
        ));
    }
}
