use crate::diagnostics::Diagnostic;
use crate::rules::RuleContext;
use crate::text;

crate::declare_rule! {
    /// The overdue penalty markup is outside 30%–50% of the contract rate.
    ///
    /// ## Why
    /// The PBOC's 2003 rate notice sets overdue penalty interest at the contract rate raised by
    /// 30% to 50% (and purpose-misuse penalties at 50% to 100%, not stacked: the higher applies).
    /// Banks still price penalties inside those bands. The source is a secondary copy, so this
    /// is a warning. The notice binds financial institutions: a private lender
    /// (`bank.lender_type: private_lender`) is judged by LS217 instead.
    ///
    /// ## Example
    /// ```yaml,invalid
    /// penalty: { overdue_markup: 80%, misuse_markup: 100% }
    /// ```
    /// ```yaml,valid
    /// penalty: { overdue_markup: 50%, misuse_markup: 100% }
    /// ```
    ///
    /// ## Parameters
    /// `overdue_markup_min` (30%), `overdue_markup_max` (50%).
    ///
    /// ## References
    /// 银发〔2003〕251号. Confidence: medium.
    ///
    /// ## 中文
    /// 逾期罚息上浮不在合同利率的30%–50%之间。
    ///
    /// 人民银行2003年的利率通知规定，逾期罚息在合同利率基础上加收30%至50%（挤占挪用罚息为50%至100%，两者不叠加：取高者）。银行至今仍在这个区间内确定罚息。来源是二手转载，所以本规则给出警告。该通知约束的是金融机构：民间借贷出借人（`bank.lender_type: private_lender`）改由 LS217 判断。
    pub(crate) static RULE = {
        code: "LS218",
        name: "overdue-markup-range",
        group: Regulatory,
        severity: Warning,
        since: "0.2.0",
        params: &["overdue_markup_min", "overdue_markup_max"],
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let markup = ctx.spec.penalty.as_ref().and_then(|p| p.overdue_markup);
    super::markup_range(ctx, &RULE, markup, "overdue_markup", &text!("overdue", "逾期"), out);
}
