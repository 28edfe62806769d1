use rust_decimal::Decimal;

use crate::diagnostics::Diagnostic;
use crate::model::units::Percent;
use crate::rules::RuleContext;
use crate::text;

crate::declare_rule! {
    /// A licensed lender's contract rate, its all-in cost with fees (APR), or its overdue rate, is above 24% a year.
    ///
    /// ## Why
    /// Courts may cut a financial institution's interest, penalty interest and fees where
    /// together they pass 24% a year and the borrower shows they deviate from the actual loss;
    /// consumer-finance companies are held to the same line by window guidance. It is not a
    /// published cap on bank loans, so this is a warning. The all-in cost is the APR by IRR
    /// (PBOC 2021 No. 3) of the loan the fees weigh on most: every term the product allows
    /// (each option, or each month of its range: with a yearly fee 13 months can cost more than
    /// 12 or 24), by every method, at the smallest amount when a fee is in yuan (else the
    /// largest); the message names the term, the method and the APR. The overdue rate is the
    /// contract rate raised by `penalty.overdue_markup`.
    ///
    /// ## Example
    /// ```yaml,invalid
    /// rate: 18%
    /// penalty: { overdue_markup: 50%, misuse_markup: 100% }
    /// ```
    /// ```yaml,valid
    /// rate: 15%
    /// penalty: { overdue_markup: 50%, misuse_markup: 100% }
    /// ```
    ///
    /// With fees: 15% a year plus a 5% arrangement fee on a six-month loan is about 33% APR.
    ///
    /// ```yaml,invalid
    /// rate: 15%
    /// fees: [{ kind: arrangement, amount: 5% }]
    /// ```
    ///
    /// ## Parameters
    /// `all_in_cost_max` (24%). Not for `bank.lender_type: private_lender` (LS217 applies).
    ///
    /// ## References
    /// SPC 法发〔2017〕22号 Art. 2; consumer-finance window guidance. Confidence: medium.
    ///
    /// ## 中文
    /// 持牌机构的合同利率、含费用的综合融资成本（年化利率）或逾期利率超过年24%。
    ///
    /// 金融机构的利息、罚息和费用合计超过年24%、且借款人证明其明显偏离实际损失的，法院可以调减；消费金融公司也通过窗口指导受同一条线约束。这不是公布的银行贷款利率上限，所以本规则给出警告。综合融资成本是费用负担最重的那笔贷款按内部收益率（IRR）法算出的年化利率（人民银行公告〔2021〕第3号）：产品允许的每个期限（每个选项，或区间内的每个月：有年费时，13个月可能比12个月或24个月更贵）、每种还款方式，费用按元收取时取最小金额（否则取最大金额）；消息会写明是哪个期限、哪种还款方式、多少年化利率。逾期利率是合同利率按 `penalty.overdue_markup` 上浮后的利率。
    ///
    /// 例如含费用时：年利率15%、另收5%手续费的六个月贷款，年化利率约33%。
    pub(crate) static RULE = {
        code: "LS216",
        name: "rate-above-24-percent",
        group: Regulatory,
        severity: Warning,
        since: "0.2.0",
        params: &["all_in_cost_max"],
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    if super::is_private_lender(ctx) {
        return;
    }
    let Some(max) = ctx.pack.percent("all_in_cost_max") else {
        return;
    };
    let rate = ctx.rate.effective;
    let ceiling = max.display();
    if rate > max.0 {
        let shown = Percent(rate).display();
        out.push(ctx.finding(
            &RULE,
            "/rate",
            text!(
                "the contract rate `{shown}` is above {ceiling} a year",
                "合同利率 `{shown}` 超过年化 {ceiling}"
            ),
            text!(
                "courts may cut charges above {ceiling}; lower the rate",
                "超过 {ceiling} 的部分可能不受法院支持；请降低利率"
            ),
        ));
        return;
    }
    if let Some(case) = ctx.highest_apr_above(max.0) {
        let (apr, (loan_en, loan_zh)) = (Percent(case.apr).display(), case.describe());
        out.push(ctx.finding_at_key(
            &RULE,
            "/fees",
            text!(
                "with its fees, {loan_en} costs `{apr}` a year (APR), above {ceiling}",
                "计入费用后，{loan_zh}年化综合成本（APR）为 `{apr}`，超过 {ceiling}"
            ),
            text!(
                "lower the fees or the rate so the all-in cost stays within {ceiling}; `loanspec simulate` shows the figures",
                "请降低费用或利率，使综合成本不超过 {ceiling}；可用 `loanspec simulate` 查看明细"
            ),
        ));
        return;
    }
    let Some(markup) = ctx.spec.penalty.as_ref().and_then(|p| p.overdue_markup) else {
        return;
    };
    // Past what a decimal holds, the overdue rate is above any ceiling.
    let overdue = (Decimal::ONE + markup.0 / Decimal::ONE_HUNDRED)
        .checked_mul(rate)
        .unwrap_or(Decimal::MAX);
    if overdue > max.0 {
        let (shown, rate) = (Percent(overdue.round_dp(4)).display(), Percent(rate).display());
        let markup = markup.display();
        out.push(ctx.finding(
            &RULE,
            "/penalty/overdue_markup",
            text!(
                "the overdue rate `{shown}` ({rate} raised by {markup}) is above {ceiling} a year",
                "逾期利率 `{shown}`（{rate} 上浮 {markup}）超过年化 {ceiling}"
            ),
            text!(
                "lower the markup so the overdue rate stays within {ceiling}",
                "请降低罚息上浮比例，使逾期利率不超过 {ceiling}"
            ),
        ));
    }
}
