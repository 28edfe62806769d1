use crate::diagnostics::Diagnostic;
use crate::model::units::Percent;
use crate::rules::RuleContext;
use crate::rules::regulatory::inclusive_finance;
use crate::text;

crate::declare_rule! {
    /// An inclusive small-business product's NPL ceiling is beyond what supervision tolerates.
    ///
    /// ## Why
    /// For inclusive small and micro business loans, supervisors tolerate an NPL ratio up to 3
    /// percentage points above the bank's overall ratio. A ceiling set higher plans for a ratio
    /// the bank would have to explain. Give the bank's ratio in loanspec.yaml (`bank.npl_ratio`).
    ///
    /// ## Example
    /// ```yaml,config
    /// loanspec: 1
    /// bank: { npl_ratio: 1.2% }
    /// ```
    /// ```yaml,invalid
    /// borrower: { type: micro_enterprise }
    /// purpose: working_capital
    /// risk: { npl_ceiling: 5% }
    /// ```
    /// ```yaml,valid
    /// borrower: { type: micro_enterprise }
    /// purpose: working_capital
    /// risk: { npl_ceiling: 3% }
    /// ```
    ///
    /// ## Parameters
    /// `inclusive_npl_tolerance` (3 percentage points); `bank.npl_ratio` in loanspec.yaml.
    ///
    /// ## References
    /// CBIRC (2019) inclusive-finance NPL tolerance. Confidence: high.
    ///
    /// ## 中文
    /// 普惠型小微企业产品的不良率上限超出了监管的容忍度。
    ///
    /// 对普惠型小微企业贷款，监管容忍其不良率最多比银行各项贷款不良率高3个百分点。上限定得更高，就是计划了一个需要向监管解释的不良率。请在 loanspec.yaml 中写明本行的不良率（`bank.npl_ratio`）。
    pub(crate) static RULE = {
        code: "LS309",
        name: "inclusive-npl-tolerance",
        group: Risk,
        severity: Error,
        since: "0.2.0",
        params: &["inclusive_npl_tolerance"],
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(overall) = ctx.bank.and_then(|b| b.npl_ratio) else {
        return;
    };
    let Some(ceiling) = ctx.spec.risk.as_ref().and_then(|r| r.npl_ceiling) else {
        return;
    };
    let Some(tolerance) = ctx.pack.percent("inclusive_npl_tolerance") else {
        return;
    };
    if inclusive_finance::category(ctx).is_none() {
        return;
    }
    let most = Percent(overall.0 + tolerance.0);
    if ceiling > most {
        let (shown, most, overall, tolerance) = (
            ceiling.display(),
            most.display(),
            overall.display(),
            tolerance.display(),
        );
        out.push(ctx.finding(
            &RULE,
            "/risk/npl_ceiling",
            text!(
                "the NPL ceiling `{shown}` is above {most} (the bank's {overall} plus the {tolerance} inclusive tolerance)",
                "不良率上限 `{shown}` 高于 {most}（全行 {overall} 加普惠容忍度 {tolerance}）"
            ),
            text!("lower the ceiling to at most {most}", "请把上限降到不超过 {most}"),
        ));
    }
}
