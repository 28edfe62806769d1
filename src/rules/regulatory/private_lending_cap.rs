use rust_decimal::Decimal;

use crate::diagnostics::Diagnostic;
use crate::model::units::{Benchmark, Percent};
use crate::rules::RuleContext;
use crate::text;

crate::declare_rule! {
    /// A private lender's rate, its all-in cost with fees (APR), or its overdue rate, is above four times the 1-year LPR.
    ///
    /// ## Why
    /// Courts do not support a private lender's rate above four times the 1-year LPR at contract
    /// formation (Art. 25), nor overdue interest, penalties and fees above it together (Art. 28,
    /// 29). Licensed financial institutions are outside this interpretation (Art. 1), so the rule
    /// applies only when `bank.lender_type` is `private_lender`; small-loan companies and the
    /// like count as financial institutions (SPC Reply 法释〔2020〕27号, medium confidence).
    /// The LPR is the fixing in force on the as-of date. Fees count with interest: the all-in
    /// cost is the APR by IRR of the loan the fees weigh on most (every term the product
    /// allows, every method, the smallest amount when a fee is in yuan), named in the message.
    /// The four-times-LPR line replaced the 24%/36% lines of 2015 on 2020-08-20, when the
    /// revised interpretation took effect; before that date the rule does not fire.
    ///
    /// ## Example
    /// ```yaml,config
    /// loanspec: 1
    /// bank: { lender_type: private_lender }
    /// ```
    /// ```yaml,invalid
    /// rate: 13%
    /// penalty: { overdue_markup: 0%, misuse_markup: 0% }
    /// ```
    /// ```yaml,valid
    /// rate: 10%
    /// penalty: { overdue_markup: 0%, misuse_markup: 0% }
    /// ```
    ///
    /// With fees: 10% and a 3% fee on a six-month loan is about 20% APR, over 4 × 3.00%.
    ///
    /// ```yaml,invalid
    /// rate: 10%
    /// penalty: { overdue_markup: 0%, misuse_markup: 0% }
    /// fees: [{ kind: service, amount: 3% }]
    /// ```
    ///
    /// ## Parameters
    /// `private_lending_lpr_multiple` (4).
    ///
    /// ## References
    /// SPC private-lending interpretation (2020 rev.) Art. 25, 28, 29. Confidence: high.
    ///
    /// ## 中文
    /// 民间借贷出借人的利率、含费用的综合融资成本（年化利率）或逾期利率超过一年期LPR的四倍。
    ///
    /// 民间借贷出借人的利率超过合同成立时一年期LPR四倍的，法院不予支持（第二十五条）；逾期利息、违约金和其他费用合计超过这条线的，也不予支持（第二十八、二十九条）。持牌金融机构不适用该司法解释（第一条），所以本规则只在 `bank.lender_type` 为 `private_lender` 时适用；小额贷款公司等属于金融机构（最高人民法院批复 法释〔2020〕27号，可信度中）。LPR 取评估日期当天有效的报价。费用与利息合并计算：综合融资成本是费用负担最重的那笔贷款按内部收益率法算出的年化利率（产品允许的每个期限、每种还款方式，费用按元收取时取最小金额），消息会写明是哪一笔。四倍LPR这条线在2020-08-20修订后的司法解释施行时，取代了2015年的24%和36%两条线；在这一天之前，本规则不触发。
    ///
    /// 例如含费用时：年利率10%、另收3%手续费的六个月贷款，年化利率约20%，超过 4 × 3.00%。
    pub(crate) static RULE = {
        code: "LS217",
        name: "private-lending-rate-cap",
        group: Regulatory,
        severity: Error,
        since: "0.2.0",
        params: &["private_lending_lpr_multiple"],
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    if !super::is_private_lender(ctx) {
        return;
    }
    let Some(multiple) = ctx.pack.number("private_lending_lpr_multiple") else {
        return;
    };
    let Some((lpr, fixing)) = ctx.lpr(Benchmark::Lpr1y) else {
        return;
    };
    let cap = lpr.checked_mul(multiple).unwrap_or(Decimal::MAX);
    let (cap_shown, lpr_shown, fixing) = (
        Percent(cap).display(),
        Percent(lpr).display(),
        fixing.format("%Y-%m-%d").to_string(),
    );
    let multiple = multiple.normalize();
    let rate = ctx.rate.effective;
    if rate > cap {
        let shown = Percent(rate).display();
        out.push(ctx.finding(
            &RULE,
            "/rate",
            text!(
                "the rate `{shown}` is above {multiple} × the 1-year LPR ({lpr_shown} on {fixing}), {cap_shown}",
                "利率 `{shown}` 超过 1 年期 LPR 的 {multiple} 倍（{fixing} 为 {lpr_shown}），即 {cap_shown}"
            ),
            text!(
                "courts will not support interest above {cap_shown}; lower the rate",
                "超过 {cap_shown} 的利息不受法院支持；请降低利率"
            ),
        ));
        return;
    }
    if let Some(case) = ctx.highest_apr_above(cap) {
        let (apr, (loan_en, loan_zh)) = (Percent(case.apr).display(), case.describe());
        out.push(ctx.finding_at_key(
            &RULE,
            "/fees",
            text!(
                "with its fees, {loan_en} costs `{apr}` a year (APR), above {multiple} × the 1-year LPR, {cap_shown}",
                "计入费用后，{loan_zh}年化综合成本（APR）为 `{apr}`，超过 1 年期 LPR 的 {multiple} 倍，即 {cap_shown}"
            ),
            text!(
                "courts count fees with interest; lower the fees or the rate so the total stays within {cap_shown}",
                "法院将费用与利息合并计算；请降低费用或利率，使合计不超过 {cap_shown}"
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
    if overdue > cap {
        let shown = Percent(overdue.round_dp(4)).display();
        out.push(ctx.finding(
            &RULE,
            "/penalty/overdue_markup",
            text!(
                "the overdue rate `{shown}` is above {multiple} × the 1-year LPR, {cap_shown}",
                "逾期利率 `{shown}` 超过 1 年期 LPR 的 {multiple} 倍，即 {cap_shown}"
            ),
            text!(
                "lower the markup so overdue interest stays within {cap_shown}",
                "请降低罚息上浮比例，使逾期利率不超过 {cap_shown}"
            ),
        ));
    }
}
