use crate::diagnostics::Diagnostic;
use crate::rules::RuleContext;
use crate::text;

crate::declare_rule! {
    /// The pilot ends before it starts.
    ///
    /// ## Why
    /// The pilot window decides when success criteria are measured and when the product may
    /// move to launch; a reversed window makes both meaningless.
    ///
    /// ## Example
    /// ```yaml,invalid
    /// lifecycle:
    ///   pilot:
    ///     branches: [{ id: BR-0101, kind: community }]
    ///     start: 2025-10-01
    ///     end: 2025-09-01
    /// ```
    /// ```yaml,valid
    /// lifecycle:
    ///   pilot:
    ///     branches: [{ id: BR-0101, kind: community }]
    ///     start: 2025-09-01
    ///     end: 2025-10-01
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## References
    /// Internal consistency; no regulation.
    ///
    /// ## 中文
    /// 试点的结束日期早于开始日期。
    ///
    /// 试点期决定了何时衡量成功标准、产品何时可以上线；起止颠倒的试点期让两者都失去意义。
    pub(crate) static RULE = {
        code: "LS156",
        name: "pilot-ends-before-start",
        group: Structure,
        severity: Error,
        since: "0.1.0",
        references: crate::rules::NO_REFERENCES,
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(pilot) = ctx.spec.lifecycle.as_ref().and_then(|l| l.pilot.as_ref()) else {
        return;
    };
    if pilot.end < pilot.start {
        let (start, end) = (pilot.start.canonical(), pilot.end.canonical());
        let mut d = ctx.finding(
            &RULE,
            "/lifecycle/pilot/end",
            text!(
                "the pilot ends on {end}, before it starts on {start}",
                "试点结束日期 {end} 早于开始日期 {start}"
            ),
            text!(
                "check the two dates; `end` comes after `start`",
                "请检查两个日期；`end` 应晚于 `start`"
            ),
        );
        if let Some(l) = ctx.label("/lifecycle/pilot/start", text!("the pilot starts here", "试点开始日期")) {
            d = d.with_secondary(l);
        }
        out.push(d);
    }
}
