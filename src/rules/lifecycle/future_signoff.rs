use super::PRODUCT_POLICY;
use crate::diagnostics::Diagnostic;
use crate::rules::RuleContext;
use crate::syntax::push_pointer;
use crate::text;

crate::declare_rule! {
    /// A sign-off is dated after today (the as-of date).
    ///
    /// ## Why
    /// A sign-off records a decision that was made. One dated in the future is a typo, or a
    /// sign-off recorded before it happened; either way the gate it opens is not yet open.
    ///
    /// ## Example
    /// ```yaml,invalid
    /// approvals:
    ///   - { role: risk_management, by: 王敏, date: 2099-08-01 }
    /// ```
    /// ```yaml,valid
    /// approvals:
    ///   - { role: risk_management, by: 王敏, date: 2025-08-01 }
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## References
    /// The bank's product management policy.
    ///
    /// ## 中文
    /// 签批日期晚于今天（评估日期）。
    ///
    /// 签批记录的是已经作出的决定。日期在未来的签批，要么是笔误，要么是在决定之前就记上了；无论哪种，它所打开的关口其实还没有打开。
    pub(crate) static RULE = {
        code: "LS405",
        name: "signoff-in-future",
        group: Lifecycle,
        severity: Error,
        since: "0.2.0",
        references: &[PRODUCT_POLICY],
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    for (i, approval) in ctx.spec.approvals.iter().flatten().enumerate() {
        if approval.date.0 > ctx.as_of {
            let (date, today) = (approval.date.canonical(), ctx.as_of.format("%Y-%m-%d").to_string());
            out.push(ctx.finding(
                &RULE,
                &push_pointer(&push_pointer("/approvals", &i.to_string()), "date"),
                text!(
                    "the sign-off is dated {date}, after {today}",
                    "审批日期 {date} 晚于 {today}"
                ),
                text!(
                    "record a sign-off once it is given, with the day it was given",
                    "请在审批完成后按实际日期记录"
                ),
            ));
        }
    }
}
