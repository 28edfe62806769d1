use crate::diagnostics::Diagnostic;
use crate::model::spec::{Origination, Purpose};
use crate::rules::RuleContext;
use crate::text;

crate::declare_rule! {
    /// An online, unsecured consumer loan lends more than 20万 to one borrower.
    ///
    /// ## Why
    /// Internet loans (the whole process online) must be small, short and risk-controlled. For
    /// unsecured personal consumer credit the interim measures cap the credit line at RMB 200,000
    /// per borrower.
    ///
    /// ## Example
    /// ```yaml,invalid
    /// origination: online
    /// amount: { currency: CNY, min: 1万, max: 30万 }
    /// ```
    /// ```yaml,valid
    /// origination: online
    /// amount: { currency: CNY, min: 1万, max: 20万 }
    /// ```
    ///
    /// ## Parameters
    /// `internet_unsecured_consumer_limit` (20万).
    ///
    /// ## References
    /// 《商业银行互联网贷款管理暂行办法》 (CBIRC Order 2020 No. 9) Art. 6, effective 2020-07-17;
    /// Xinhua on gov.cn. Confidence: high.
    ///
    /// ## 中文
    /// 线上无抵押消费贷款对单户授信超过20万。
    ///
    /// 互联网贷款（全流程线上）应当小额、短期、风险可控。对个人信用消费贷款，暂行办法规定单户授信额度不超过人民币20万元。
    pub(crate) static RULE = {
        code: "LS210",
        name: "internet-unsecured-limit",
        group: Regulatory,
        severity: Error,
        since: "0.2.0",
        params: &["internet_unsecured_consumer_limit"],
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let applies = ctx.spec.origination == Some(Origination::Online)
        && ctx.spec.purpose == Some(Purpose::Consumption)
        && ctx.is_personal()
        && ctx.is_unsecured();
    if !applies {
        return;
    }
    let (Some(amount), Some(limit)) = (&ctx.spec.amount, ctx.pack.money("internet_unsecured_consumer_limit")) else {
        return;
    };
    if amount.max > limit {
        let (max, limit) = (amount.max.display(), limit.display());
        out.push(ctx.finding(
            &RULE,
            "/amount/max",
            text!(
                "an online unsecured consumer loan may lend at most {limit} per borrower, and this one lends up to `{max}`",
                "互联网个人信用消费贷款单户额度不得超过 {limit}，本产品最高 `{max}`"
            ),
            text!(
                "lower `amount.max` to {limit}, take collateral, or let part of the process run at a branch",
                "请把 `amount.max` 降到 {limit}，或增加担保，或让部分流程在网点办理"
            ),
        ));
    }
}
