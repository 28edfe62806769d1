use crate::diagnostics::Diagnostic;
use crate::rules::RuleContext;
use crate::text;

crate::declare_rule! {
    /// The penalty markup for funds used against the agreed purpose is outside 50%–100%.
    ///
    /// ## Why
    /// The PBOC's 2003 rate notice sets the penalty for misused funds (挪用罚息) at the contract
    /// rate raised by 50% to 100%. The source is a secondary copy, so this is a warning. The
    /// notice binds financial institutions: a private lender (`bank.lender_type:
    /// private_lender`) is judged by LS217 instead.
    ///
    /// ## Example
    /// ```yaml,invalid
    /// penalty: { overdue_markup: 50%, misuse_markup: 150% }
    /// ```
    /// ```yaml,valid
    /// penalty: { overdue_markup: 50%, misuse_markup: 100% }
    /// ```
    ///
    /// ## Parameters
    /// `misuse_markup_min` (50%), `misuse_markup_max` (100%).
    ///
    /// ## References
    /// 银发〔2003〕251号. Confidence: medium.
    ///
    /// ## 中文
    /// 挤占挪用贷款的罚息上浮不在50%–100%之间。
    ///
    /// 人民银行2003年的利率通知规定，挤占挪用贷款的罚息（挪用罚息）在合同利率基础上加收50%至100%。来源是二手转载，所以本规则给出警告。该通知约束的是金融机构：民间借贷出借人（`bank.lender_type: private_lender`）改由 LS217 判断。
    pub(crate) static RULE = {
        code: "LS219",
        name: "misuse-markup-range",
        group: Regulatory,
        severity: Warning,
        since: "0.2.0",
        params: &["misuse_markup_min", "misuse_markup_max"],
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let markup = ctx.spec.penalty.as_ref().and_then(|p| p.misuse_markup);
    super::markup_range(ctx, &RULE, markup, "misuse_markup", &text!("misuse", "挪用"), out);
}
