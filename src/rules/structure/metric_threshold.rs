use crate::diagnostics::{Diagnostic, Text};
use crate::model::spec::Metric;
use crate::model::units::Threshold;
use crate::rules::RuleContext;
use crate::syntax::push_pointer;
use crate::text;

crate::declare_rule! {
    /// A pilot criterion or retirement trigger has a threshold that does not fit its metric.
    ///
    /// ## Why
    /// Metrics arrive monthly in their own units: ratios in percent (`npl_ratio`,
    /// `overdue_ratio`, `new_customers_vs_target`), hours (`approval_hours_p50`), customers
    /// (`new_customers`), money (`balance`). A threshold in another unit (`npl_ratio` below `3`)
    /// is compared against the wrong scale, and the trigger never fires or always fires. A
    /// trigger needs exactly one condition, and `above_ceiling_times` needs `risk.npl_ceiling`.
    ///
    /// ## Example
    /// ```yaml,invalid
    /// lifecycle:
    ///   retirement:
    ///     triggers:
    ///       - { metric: npl_ratio, above: 3 }
    /// ```
    /// ```yaml,valid
    /// lifecycle:
    ///   retirement:
    ///     triggers:
    ///       - { metric: npl_ratio, above: 3% }
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## References
    /// Internal consistency; no regulation.
    ///
    /// ## 中文
    /// 试点成功标准或退出触发条件的阈值与它的指标不相符。
    ///
    /// 指标按月报送，各有单位：比率用百分比（`npl_ratio`、`overdue_ratio`、`new_customers_vs_target`），时长用小时（`approval_hours_p50`），客户数用人数（`new_customers`），余额用金额（`balance`）。阈值用了别的单位（`npl_ratio` 低于 `3`），就会按错误的量级比较，触发条件要么永远不触发，要么总是触发。每个触发条件只能有一个条件，而 `above_ceiling_times` 需要 `risk.npl_ceiling`。
    pub(crate) static RULE = {
        code: "LS157",
        name: "threshold-does-not-fit-metric",
        group: Structure,
        severity: Error,
        since: "0.1.0",
        references: crate::rules::NO_REFERENCES,
        check: Product(check),
    }
}

fn metric_name(metric: Metric) -> &'static str {
    match metric {
        Metric::NewCustomers => "new_customers",
        Metric::NewCustomersVsTarget => "new_customers_vs_target",
        Metric::NplRatio => "npl_ratio",
        Metric::OverdueRatio => "overdue_ratio",
        Metric::Balance => "balance",
        Metric::ApprovalHoursP50 => "approval_hours_p50",
    }
}

/// The unit a metric is measured in, and an example threshold, when `threshold` does not fit.
fn mismatch(metric: Metric, threshold: Threshold) -> Option<Text> {
    let fits = match metric {
        Metric::NplRatio | Metric::OverdueRatio | Metric::NewCustomersVsTarget => {
            matches!(threshold, Threshold::Percent(_))
        }
        Metric::ApprovalHoursP50 => matches!(threshold, Threshold::Number(_)),
        Metric::NewCustomers => matches!(threshold, Threshold::Number(n) if n.is_integer()),
        Metric::Balance => matches!(threshold, Threshold::Money(_) | Threshold::Number(_)),
    };
    if fits {
        return None;
    }
    Some(match metric {
        Metric::NplRatio | Metric::OverdueRatio | Metric::NewCustomersVsTarget => {
            text!("a ratio: write a percentage, like `3%`", "比率：请写百分比，例如 `3%`")
        }
        Metric::ApprovalHoursP50 => text!("hours: write a plain number, like `2`", "小时数：请写数字，例如 `2`"),
        Metric::NewCustomers => text!(
            "customers: write a whole number, like `300`",
            "客户数：请写整数，例如 `300`"
        ),
        Metric::Balance => text!(
            "a balance: write an amount, like `5000万`",
            "余额：请写金额，例如 `5000万`"
        ),
    })
}

fn check_threshold(
    ctx: &RuleContext<'_>,
    out: &mut Vec<Diagnostic>,
    metric: Metric,
    threshold: Option<Threshold>,
    pointer: &str,
) {
    let Some(threshold) = threshold else { return };
    if let Some(unit) = mismatch(metric, threshold) {
        let name = metric_name(metric);
        let shown = threshold.display();
        let (unit_en, unit_zh) = (unit.en, unit.zh);
        out.push(ctx.finding(
            &RULE,
            pointer,
            text!(
                "the threshold `{shown}` does not fit `{name}`",
                "阈值 `{shown}` 与指标 `{name}` 的单位不符"
            ),
            text!("`{name}` is {unit_en}", "`{name}` 是{unit_zh}"),
        ));
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(lifecycle) = &ctx.spec.lifecycle else {
        return;
    };
    if let Some(pilot) = &lifecycle.pilot {
        for (i, c) in pilot.success.iter().flatten().enumerate() {
            let at = push_pointer("/lifecycle/pilot/success", &i.to_string());
            if c.at_most.is_none() && c.at_least.is_none() {
                out.push(ctx.finding(
                    &RULE,
                    &at,
                    text!("this success criterion has no threshold", "该成功标准没有阈值"),
                    text!("add `at_most:` or `at_least:`", "请添加 `at_most:` 或 `at_least:`"),
                ));
            }
            check_threshold(ctx, out, c.metric, c.at_most, &push_pointer(&at, "at_most"));
            check_threshold(ctx, out, c.metric, c.at_least, &push_pointer(&at, "at_least"));
        }
    }
    let Some(retirement) = &lifecycle.retirement else {
        return;
    };
    for (i, t) in retirement.triggers.iter().flatten().enumerate() {
        let at = push_pointer("/lifecycle/retirement/triggers", &i.to_string());
        let conditions = [t.below.is_some(), t.above.is_some(), t.above_ceiling_times.is_some()]
            .iter()
            .filter(|c| **c)
            .count();
        if conditions != 1 {
            out.push(ctx.finding(
                &RULE,
                &at,
                text!(
                    "a trigger needs exactly one condition, this one has {conditions}",
                    "触发条件须恰好有一个判断条件，这里有 {conditions} 个"
                ),
                text!(
                    "keep one of `below`, `above` or `above_ceiling_times`",
                    "请只保留 `below`、`above` 或 `above_ceiling_times` 之一"
                ),
            ));
        }
        check_threshold(ctx, out, t.metric, t.below, &push_pointer(&at, "below"));
        check_threshold(ctx, out, t.metric, t.above, &push_pointer(&at, "above"));
        if t.above_ceiling_times.is_some() {
            let has_ceiling = ctx.spec.risk.as_ref().and_then(|r| r.npl_ceiling).is_some();
            if t.metric != Metric::NplRatio || !has_ceiling {
                out.push(ctx.finding(
                    &RULE,
                    &push_pointer(&at, "above_ceiling_times"),
                    text!(
                        "`above_ceiling_times` compares `npl_ratio` with `risk.npl_ceiling`",
                        "`above_ceiling_times` 用于比较 `npl_ratio` 与 `risk.npl_ceiling`"
                    ),
                    text!(
                        "use it with `metric: npl_ratio` and set `risk.npl_ceiling`",
                        "请配合 `metric: npl_ratio` 使用，并设置 `risk.npl_ceiling`"
                    ),
                ));
            }
        }
    }
}
