use rust_decimal::Decimal;

use super::BANK_POLICY;
use crate::diagnostics::Diagnostic;
use crate::model::units::Percent;
use crate::rules::RuleContext;
use crate::text;

crate::declare_rule! {
    /// The rate, after every discount the product offers, is below the bank's funding cost.
    ///
    /// ## Why
    /// A loan priced under what the money costs the bank (`bank.funding_cost` in loanspec.yaml)
    /// loses money on every yuan lent, before any credit loss. The check takes the effective
    /// rate on the as-of date less the largest discounts the product can give together.
    ///
    /// ## Example
    /// ```yaml,config
    /// loanspec: 1
    /// bank: { funding_cost: 2.20% }
    /// ```
    /// ```yaml,invalid
    /// rate: 2.50%
    /// discounts:
    ///   - { kind: payroll_customer, max: 40bp }
    /// ```
    /// ```yaml,valid
    /// rate: 2.50%
    /// discounts:
    ///   - { kind: payroll_customer, max: 20bp }
    /// ```
    ///
    /// ## Parameters
    /// `bank.funding_cost` in loanspec.yaml.
    ///
    /// ## References
    /// The bank's pricing policy.
    ///
    /// ## 中文
    /// 扣除产品提供的全部优惠后，利率低于本行的资金成本。
    ///
    /// 定价低于资金成本（loanspec.yaml 中的 `bank.funding_cost`）的贷款，还没算信用损失，每贷出一元就已经亏损。检查用的是评估日期的执行利率，减去产品可以同时给出的最大优惠。
    pub(crate) static RULE = {
        code: "LS304",
        name: "rate-below-funding-cost",
        group: Risk,
        severity: Error,
        since: "0.2.0",
        references: &[BANK_POLICY],
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(cost) = ctx.bank.and_then(|b| b.funding_cost) else {
        return;
    };
    let discounts: i64 = ctx.product.discounts.iter().map(|d| d.max_bp).sum();
    let lowest = ctx.rate.effective - Decimal::from(discounts) / Decimal::ONE_HUNDRED;
    if lowest < cost.0 {
        let (rate, lowest, cost) = (
            Percent(ctx.rate.effective).display(),
            Percent(lowest).display(),
            cost.display(),
        );
        let message = if discounts == 0 {
            text!(
                "the rate `{rate}` is below the bank's funding cost of {cost}",
                "利率 `{rate}` 低于本行资金成本 {cost}"
            )
        } else {
            text!(
                "the rate `{rate}` less its discounts ({discounts}bp) is `{lowest}`, below the bank's funding cost of {cost}",
                "利率 `{rate}` 扣除优惠（{discounts}bp）后为 `{lowest}`，低于本行资金成本 {cost}"
            )
        };
        out.push(ctx.finding(
            &RULE,
            "/rate",
            message,
            text!(
                "raise the rate or the spread, or cap the discounts",
                "请提高利率或加点，或限制优惠幅度"
            ),
        ));
    }
}
