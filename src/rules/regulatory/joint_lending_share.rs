use crate::diagnostics::Diagnostic;
use crate::model::spec::Origination;
use crate::rules::RuleContext;
use crate::text;

crate::declare_rule! {
    /// A joint-lending partner funds less than 30% of each loan.
    ///
    /// ## Why
    /// In joint lending (联合贷款) the partner must fund at least 30% of each loan, so the bank
    /// funds at most 70%: a bank may not lend in another platform's name with the platform
    /// carrying no risk. The notice governs internet lending: the rule applies to
    /// `origination: online` products, from the notice's date (2021-02-19; the month is in the
    /// facts file, the day from recollection: facts addendum A2, medium confidence).
    ///
    /// ## Example
    /// ```yaml,invalid
    /// origination: online
    /// joint_lending: { partner: PARTNER-BANK, partner_share: 20% }
    /// ```
    /// ```yaml,valid
    /// origination: online
    /// joint_lending: { partner: PARTNER-BANK, partner_share: 30% }
    /// ```
    ///
    /// ## Parameters
    /// `joint_lending_partner_share_min` (30%).
    ///
    /// ## References
    /// CBIRC General Office notice (2021), as reported by 中国财富网. The share is high
    /// confidence; the notice's number and date are from recollection.
    ///
    /// ## 中文
    /// 联合贷款合作方对每笔贷款的出资比例低于30%。
    ///
    /// 联合贷款中，合作方对每笔贷款的出资比例不得低于30%，即银行最多出资70%：银行不得以其他平台的名义放款，而平台不承担任何风险。该通知规范的是互联网贷款：本规则适用于 `origination: online` 的产品，自通知之日起施行（2021-02-19；月份来自事实文件，日期出自记忆：见事实补遗 A2，可信度中）。
    pub(crate) static RULE = {
        code: "LS213",
        name: "joint-lending-partner-share",
        group: Regulatory,
        severity: Error,
        since: "0.2.0",
        params: &["joint_lending_partner_share_min"],
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    if ctx.spec.origination != Some(Origination::Online) {
        return;
    }
    let (Some(joint), Some(min)) = (
        &ctx.spec.joint_lending,
        ctx.pack.percent("joint_lending_partner_share_min"),
    ) else {
        return;
    };
    if joint.partner_share < min {
        let (share, min) = (joint.partner_share.display(), min.display());
        out.push(ctx.finding(
            &RULE,
            "/joint_lending/partner_share",
            text!(
                "the partner funds `{share}` of each loan, below the {min} minimum",
                "合作方出资比例 `{share}` 低于 {min} 的下限"
            ),
            text!(
                "raise `partner_share` to at least {min}",
                "请把 `partner_share` 提高到至少 {min}"
            ),
        ));
    }
}
