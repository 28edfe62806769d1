use crate::diagnostics::Diagnostic;
use crate::model::units::Term;
use crate::rules::RuleContext;
use crate::text;

crate::declare_rule! {
    /// A product in pilot has no pilot plan, or a pilot longer than policy allows.
    ///
    /// ## Why
    /// A pilot runs in named branches between two dates, and ends: then the product launches or
    /// stops. The plan (`lifecycle.pilot`: branches, start, end) is what the pilot gate approves,
    /// and a pilot that runs on indefinitely is a launch without its gate.
    ///
    /// ## Example
    /// ```yaml,invalid
    /// stage: pilot
    /// risk: { npl_ceiling: 2% }
    /// approvals:
    ///   - { role: risk_management, by: 王敏, date: 2025-08-01 }
    ///   - { role: compliance, by: 李强, date: 2025-08-03 }
    /// ```
    /// ```yaml,valid
    /// stage: pilot
    /// risk: { npl_ceiling: 2% }
    /// approvals:
    ///   - { role: risk_management, by: 王敏, date: 2025-08-01 }
    ///   - { role: compliance, by: 李强, date: 2025-08-03 }
    /// lifecycle:
    ///   pilot:
    ///     branches: [{ id: BR-0101, kind: community }]
    ///     start: 2025-09-01
    ///     end: 2025-12-31
    /// ```
    ///
    /// ## Parameters
    /// `pilot_duration_max` (12M, a policy default to review).
    ///
    /// ## References
    /// The bank's product management policy. Policy, not law: a warning by default;
    /// `rules: { LS402: error }` in loanspec.yaml makes it an error.
    ///
    /// ## 中文
    /// 试点中的产品没有试点方案，或者试点期超过政策允许的长度。
    ///
    /// 试点在指定的网点、在两个日期之间进行，而且要结束：结束后产品上线或停止。试点方案（`lifecycle.pilot`：网点、开始日期、结束日期）是试点关口审批的内容；无限期进行的试点，等于不过关口就上线。
    pub(crate) static RULE = {
        code: "LS402",
        name: "pilot-plan",
        group: Lifecycle,
        severity: Warning,
        since: "0.2.0",
        stages: Stages::from(Stage::Pilot).before(Stage::Launched),
        params: &["pilot_duration_max"],
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    // The stages it judges are its `stages`: `rules::run` calls it for those alone.
    let Some(pilot) = ctx.spec.lifecycle.as_ref().and_then(|l| l.pilot.as_ref()) else {
        out.push(ctx.finding(
            &RULE,
            "/stage",
            text!(
                "a product in `pilot` needs a pilot plan, and this one has none",
                "处于 `pilot` 阶段的产品须有试点方案，本产品没有"
            ),
            text!(
                "add `lifecycle: {{ pilot: {{ branches: [...], start: …, end: … }} }}`",
                "请添加 `lifecycle: {{ pilot: {{ branches: [...], start: …, end: … }} }}`"
            ),
        ));
        return;
    };
    let Some(Term::Months(months)) = ctx.pack.term("pilot_duration_max") else {
        return;
    };
    let limit = pilot.start.0.checked_add_months(chrono::Months::new(months));
    if limit.is_some_and(|limit| pilot.end.0 > limit) {
        let (start, end) = (pilot.start.canonical(), pilot.end.canonical());
        out.push(ctx.finding(
            &RULE,
            "/lifecycle/pilot/end",
            text!(
                "the pilot runs from {start} to {end}, longer than {months} months",
                "试点从 {start} 到 {end}，超过 {months} 个月"
            ),
            text!(
                "end the pilot within {months} months, then launch or stop the product",
                "请在 {months} 个月内结束试点，然后推广或停止该产品"
            ),
        ));
    }
}
