use crate::diagnostics::Diagnostic;
use crate::model::spec::{Frequency, RepaymentMethod};
use crate::model::units::Term;
use crate::rules::RuleContext;
use crate::text;

crate::declare_rule! {
    /// A term or the grace period does not fit the repayment frequency, so no schedule can be made.
    ///
    /// ## Why
    /// Quarterly payments need terms of whole quarters (3, 6, 9… months); a grace period is whole
    /// periods (in months, never days) and shorter than the shortest term, and a loan repaid in
    /// one sum at maturity has no period to be graced. Core banking cannot book a schedule that breaks these, and loanspec
    /// cannot compute its repayments or its APR.
    ///
    /// ## Example
    /// ```yaml,invalid
    /// term: { min: 6M, max: 10M }
    /// repayment: { methods: [equal_principal], frequency: quarterly }
    /// ```
    /// ```yaml,valid
    /// term: { min: 6M, max: 12M, options: [6M, 9M, 12M] }
    /// repayment: { methods: [equal_principal], frequency: quarterly }
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## References
    /// Internal consistency; no regulation.
    ///
    /// ## 中文
    /// 期限或宽限期与还款频率不匹配，无法排出还款计划。
    ///
    /// 按季还款需要整季的期限（3、6、9……个月）；宽限期是整数个还款期（按月计，不能按天），且短于最短期限；到期一次还本的贷款没有可以宽限的还款期。违反这些的还款计划，核心系统无法入账，loanspec 也算不出还款额和年化利率。
    pub(crate) static RULE = {
        code: "LS158",
        name: "repayment-does-not-fit-term",
        group: Structure,
        severity: Error,
        since: "0.3.0",
        references: crate::rules::NO_REFERENCES,
        check: Product(check),
    }
}

fn months(t: Term) -> Option<u32> {
    match t {
        Term::Months(m) => Some(m),
        Term::Days(_) => None,
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let (Some(term), Some(repayment)) = (&ctx.spec.term, &ctx.spec.repayment) else {
        return;
    };
    let frequency = repayment.frequency.unwrap_or(Frequency::Monthly);
    let one_sum = frequency == Frequency::AtMaturity || repayment.methods.iter().all(|m| *m == RepaymentMethod::Bullet);
    let mut terms = vec![("/term/min".to_owned(), term.min), ("/term/max".to_owned(), term.max)];
    for (i, t) in term.options.iter().flatten().enumerate() {
        terms.push((format!("/term/options/{i}"), *t));
    }
    if frequency == Frequency::Quarterly && !one_sum {
        for (pointer, t) in &terms {
            if months(*t).is_some_and(|m| m % 3 == 0) {
                continue;
            }
            let shown = t.display();
            out.push(ctx.finding(
                &RULE,
                pointer,
                text!(
                    "the term `{shown}` is not a whole number of quarters, and the product pays quarterly",
                    "期限 `{shown}` 不是整季度，而产品按季还款"
                ),
                text!(
                    "use terms of 3, 6, 9, 12… months, or `frequency: monthly`",
                    "请使用 3、6、9、12……个月的期限，或改为 `frequency: monthly`"
                ),
            ));
        }
    }
    // A grace period counts whole payment periods: one in days would be dropped from every
    // schedule without a word.
    if let Some(Term::Days(d)) = repayment.grace_period.filter(|g| matches!(g, Term::Days(d) if *d > 0)) {
        let shown = Term::Days(d).display();
        out.push(ctx.finding(
            &RULE,
            "/repayment/grace_period",
            text!(
                "the grace period `{shown}` is in days, but a grace period is whole payment periods",
                "宽限期 `{shown}` 以天计，但宽限期须为整数个还款期"
            ),
            text!(
                "write it in months, like `1M` or `3M`, or `0M` for none",
                "请用月表示，例如 `1M` 或 `3M`；不设宽限期请写 `0M`"
            ),
        ));
        return;
    }
    let Some(grace) = repayment.grace_period.and_then(months).filter(|g| *g > 0) else {
        return;
    };
    let shown = Term::Months(grace).display();
    let period = if frequency == Frequency::Quarterly { 3 } else { 1 };
    let shortest = terms.iter().filter_map(|(_, t)| months(*t)).min().unwrap_or(0);
    let problem = if one_sum {
        Some(text!(
            "a grace period of `{shown}` on a loan repaid in one sum at maturity",
            "到期一次还本付息的贷款设置了 `{shown}` 的宽限期"
        ))
    } else if grace % period != 0 {
        Some(text!(
            "the grace period `{shown}` is not a whole number of quarters",
            "宽限期 `{shown}` 不是整季度"
        ))
    } else if grace >= shortest {
        let short = Term::Months(shortest).display();
        Some(text!(
            "the grace period `{shown}` is not shorter than the shortest term `{short}`",
            "宽限期 `{shown}` 不短于最短期限 `{short}`"
        ))
    } else {
        None
    };
    if let Some(message) = problem {
        out.push(ctx.finding(
            &RULE,
            "/repayment/grace_period",
            message,
            text!(
                "make the grace period whole periods and shorter than every term, or `0M`",
                "宽限期须为整数个还款期且短于所有期限，或写 `0M`"
            ),
        ));
    }
}
