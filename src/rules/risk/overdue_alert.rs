use super::BANK_POLICY;
use crate::diagnostics::Diagnostic;
use crate::rules::RuleContext;
use crate::text;

crate::declare_rule! {
    /// The overdue alert is not below the NPL ceiling, so it cannot warn before the ceiling is hit.
    ///
    /// ## Why
    /// Loans turn non-performing after being overdue, so the overdue ratio moves first. An alert
    /// line at or above the NPL ceiling fires only when the NPL ratio may already be past its
    /// ceiling; set it below.
    ///
    /// ## Example
    /// ```yaml,invalid
    /// risk: { npl_ceiling: 2%, overdue_alert: 3% }
    /// ```
    /// ```yaml,valid
    /// risk: { npl_ceiling: 2%, overdue_alert: 1.5% }
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## References
    /// The bank's credit policy.
    pub static RULE = {
        code: "LS311",
        name: "overdue-alert-above-npl-ceiling",
        group: Risk,
        severity: Warning,
        since: "0.2.0",
        status: Stable,
        effective: None,
        references: &[BANK_POLICY],
        params: &[],
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(risk) = &ctx.spec.risk else { return };
    let (Some(alert), Some(ceiling)) = (risk.overdue_alert, risk.npl_ceiling) else {
        return;
    };
    if alert >= ceiling {
        let (alert, ceiling) = (alert.display(), ceiling.display());
        let mut d = ctx.finding(
            &RULE,
            "/risk/overdue_alert",
            text!(
                "the overdue alert `{alert}` is not below the NPL ceiling {ceiling}",
                "逾期预警线 `{alert}` 不低于不良率上限 {ceiling}"
            ),
            text!(
                "set the alert below {ceiling} so it fires before the ceiling is reached",
                "请把预警线设在 {ceiling} 以下，以便在触及上限前预警"
            ),
        );
        if let Some(l) = ctx.label("/risk/npl_ceiling", text!("the NPL ceiling", "不良率上限")) {
            d = d.with_secondary(l);
        }
        out.push(d);
    }
}
