use super::INTERNET_LOANS_2020;
use crate::diagnostics::Diagnostic;
use crate::model::spec::{Origination, Purpose, RepaymentMethod};
use crate::rules::RuleContext;
use crate::syntax::push_pointer;
use crate::text;

crate::declare_rule! {
    /// An online, unsecured consumer loan repaid in one sum at maturity runs longer than a year.
    ///
    /// ## Why
    /// The internet-loan measures allow a bullet repayment (到期一次性还本) on unsecured personal
    /// consumer credit for a term of one year at most; longer loans must amortise.
    ///
    /// ## Example
    /// ```yaml,invalid
    /// origination: online
    /// term: { min: 6M, max: 24M }
    /// repayment: { methods: [bullet], frequency: at_maturity }
    /// ```
    /// ```yaml,valid
    /// origination: online
    /// term: { min: 6M, max: 24M }
    /// repayment: { methods: [equal_installment] }
    /// ```
    ///
    /// ## Parameters
    /// `internet_bullet_term_max` (12M).
    ///
    /// ## References
    /// 《商业银行互联网贷款管理暂行办法》 (CBIRC Order 2020 No. 9) Art. 6, effective 2020-07-17.
    /// Confidence: high.
    pub static RULE = {
        code: "LS211",
        name: "internet-bullet-term",
        group: Regulatory,
        severity: Error,
        since: "0.2.0",
        status: Stable,
        effective: Some("2020-07-17"),
        references: &[INTERNET_LOANS_2020],
        params: &["internet_bullet_term_max"],
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let applies = ctx.spec.origination == Some(Origination::Online)
        && ctx.spec.purpose == Some(Purpose::Consumption)
        && ctx.is_personal()
        && ctx.is_unsecured();
    let (Some(term), Some(repayment), Some(max)) = (
        &ctx.spec.term,
        &ctx.spec.repayment,
        ctx.pack.term("internet_bullet_term_max"),
    ) else {
        return;
    };
    let Some(i) = repayment.methods.iter().position(|m| *m == RepaymentMethod::Bullet) else {
        return;
    };
    if applies && term.max.cmp_key() > max.cmp_key() {
        let (longest, max) = (term.max.display(), max.display());
        let mut d = ctx.finding(
            &RULE,
            &push_pointer("/repayment/methods", &i.to_string()),
            text!(
                "a bullet repayment on an online unsecured consumer loan may run at most {max}, and terms here go up to `{longest}`",
                "互联网个人信用消费贷款到期一次性还本的期限不得超过 {max}，本产品期限最长 `{longest}`"
            ),
            text!(
                "offer bullet repayment only on a product of at most {max}, or repay in instalments",
                "到期一次还本只能用于期限不超过 {max} 的产品，否则请改为分期还款"
            ),
        );
        if let Some(l) = ctx.label("/term/max", text!("the longest term", "最长期限")) {
            d = d.with_secondary(l);
        }
        out.push(d);
    }
}
