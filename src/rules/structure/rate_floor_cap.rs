use crate::diagnostics::Diagnostic;
use crate::model::spec::RateSpec;
use crate::rules::RuleContext;
use crate::text;

crate::declare_rule! {
    /// The rate floor is above the rate cap.
    ///
    /// ## Why
    /// A floating rate is held between its floor and its cap. A floor above the cap leaves no
    /// rate the contract can charge, and core banking applies one of them arbitrarily.
    ///
    /// ## Example
    /// ```yaml,invalid
    /// rate: { benchmark: LPR1Y, spread: 50bp, floor: 4.00%, cap: 3.50% }
    /// ```
    /// ```yaml,valid
    /// rate: { benchmark: LPR1Y, spread: 50bp, floor: 3.00%, cap: 6.00% }
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## References
    /// Internal consistency; no regulation.
    ///
    /// ## 中文
    /// 利率下限高于利率上限。
    ///
    /// 浮动利率保持在下限和上限之间。下限高于上限，合同就没有可以执行的利率，核心系统只能随意取其中一个。
    pub(crate) static RULE = {
        code: "LS154",
        name: "rate-floor-above-cap",
        group: Structure,
        severity: Error,
        since: "0.1.0",
        references: crate::rules::NO_REFERENCES,
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(RateSpec::Long(long)) = &ctx.spec.rate else {
        return;
    };
    let (Some(floor), Some(cap)) = (long.floor, long.cap) else {
        return;
    };
    if floor > cap {
        let (f, c) = (floor.display(), cap.display());
        let mut d = ctx.finding(
            &RULE,
            "/rate/floor",
            text!(
                "the rate floor `{f}` is above the cap `{c}`",
                "利率下限 `{f}` 高于上限 `{c}`"
            ),
            text!(
                "swap them, or lower the floor to at most `{c}`",
                "请对调两者，或把下限调低到不超过 `{c}`"
            ),
        );
        if let Some(l) = ctx.label("/rate/cap", text!("the cap", "利率上限")) {
            d = d.with_secondary(l);
        }
        out.push(d);
    }
}
