use crate::diagnostics::Diagnostic;
use crate::model::spec::Purpose;
use crate::rules::RuleContext;
use crate::text;

crate::declare_rule! {
    /// A personal loan lets the borrower pay out more per drawdown than the entrusted-payment
    /// threshold allows (30万 consumption, 50万 business).
    ///
    /// ## Why
    /// The bank pays the borrower's counterparty directly (受托支付) by default. The borrower may
    /// pay out himself (自主支付) only up to RMB 300,000 per drawdown for consumption and RMB
    /// 500,000 for business use, and banks must stop borrowers splitting draws to stay under it.
    /// `disbursement.entrusted_payment_above` is that line; a product lending more than the
    /// threshold needs it set. The figures are certain for the 2010 measures; that the 2024 text
    /// keeps them per drawdown rests on one secondary source, so this is a warning.
    ///
    /// ## Example
    /// ```yaml,invalid
    /// amount: { currency: CNY, min: 1万, max: 50万 }
    /// disbursement: { entrusted_payment_above: 50万 }
    /// ```
    /// ```yaml,valid
    /// amount: { currency: CNY, min: 1万, max: 50万 }
    /// disbursement: { entrusted_payment_above: 30万 }
    /// ```
    ///
    /// ## Parameters
    /// `entrusted_payment_consumption_max` (30万), `entrusted_payment_business_max` (50万).
    ///
    /// ## References
    /// 《个人贷款管理办法》 (NFRA Order 2024 No. 3). Confidence: medium.
    ///
    /// ## 中文
    /// 个人贷款每笔提款允许借款人自主支付的金额超过受托支付起点（消费30万，经营50万）。
    ///
    /// 银行默认把贷款资金直接支付给借款人的交易对象（受托支付）。借款人自主支付的，每笔提款消费用途不超过30万元、经营用途不超过50万元，银行还须防止借款人拆分提款来规避起点。`disbursement.entrusted_payment_above` 就是这条线；可能贷出超过起点金额的产品必须写明它。2010年办法中的数额是确定的；2024年文本是否仍按每笔提款计算，只有一个二手来源，所以本规则给出警告。
    pub(crate) static RULE = {
        code: "LS215",
        name: "entrusted-payment-threshold",
        group: Regulatory,
        severity: Warning,
        since: "0.2.0",
        params: &["entrusted_payment_consumption_max", "entrusted_payment_business_max"],
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    if !ctx.is_personal() {
        return;
    }
    let (param, use_en, use_zh) = match ctx.spec.purpose {
        Some(Purpose::Consumption) => ("entrusted_payment_consumption_max", "consumption", "消费"),
        Some(Purpose::Business | Purpose::Agriculture) => ("entrusted_payment_business_max", "business", "经营"),
        _ => return,
    };
    let (Some(limit), Some(amount)) = (ctx.pack.money(param), &ctx.spec.amount) else {
        return;
    };
    let above = ctx.spec.disbursement.as_ref().and_then(|d| d.entrusted_payment_above);
    let shown_limit = limit.display();
    match above {
        Some(above) if above > limit => {
            let shown = above.display();
            out.push(ctx.finding(
                &RULE,
                "/disbursement/entrusted_payment_above",
                text!(
                    "borrowers may pay out up to `{shown}` themselves, above the {shown_limit} a {use_en} loan allows per drawdown",
                    "借款人可自主支付至 `{shown}`，超过{use_zh}贷款每笔 {shown_limit} 的上限"
                ),
                text!("lower it to {shown_limit}; larger drawdowns go by entrusted payment", "请降到 {shown_limit}；更大的提款须受托支付"),
            ));
        }
        None if amount.max > limit => {
            let max = amount.max.display();
            out.push(ctx.finding(
                &RULE,
                "/amount/max",
                text!(
                    "the product lends up to `{max}` but sets no entrusted-payment threshold",
                    "产品最高可贷 `{max}`，但没有设置受托支付起点"
                ),
                text!(
                    "add `disbursement: {{ entrusted_payment_above: {shown_limit} }}`",
                    "请添加 `disbursement: {{ entrusted_payment_above: {shown_limit} }}`"
                ),
            ));
        }
        _ => {}
    }
}
