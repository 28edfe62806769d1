use super::INTERNET_LOANS_2020;
use crate::diagnostics::Diagnostic;
use crate::model::spec::{Origination, Purpose};
use crate::rules::RuleContext;
use crate::text;

crate::declare_rule! {
    /// An online loan funds housing or fixed assets.
    ///
    /// ## Why
    /// Internet-loan proceeds may not go into housing, stocks, bonds, futures, derivatives,
    /// asset-management products, fixed assets or equity investment. A product whose purpose is
    /// `housing` or `fixed_asset` must not be originated wholly online.
    ///
    /// ## Example
    /// ```yaml,invalid
    /// origination: online
    /// purpose: housing
    /// collateral: [{ kind: real_estate, share: 100%, max_ltv: 80% }]
    /// ```
    /// ```yaml,valid
    /// origination: hybrid
    /// purpose: housing
    /// collateral: [{ kind: real_estate, share: 100%, max_ltv: 80% }]
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## References
    /// 《商业银行互联网贷款管理暂行办法》 (CBIRC Order 2020 No. 9), effective 2020-07-17; 站长之家
    /// mirror of the text. Confidence: high.
    ///
    /// ## 中文
    /// 线上贷款用于购房或固定资产。
    ///
    /// 互联网贷款资金不得用于购房，不得用于股票、债券、期货、金融衍生品和资产管理产品等投资，不得用于固定资产和股本权益性投资。用途为 `housing` 或 `fixed_asset` 的产品，不能全流程线上发放。
    pub(crate) static RULE = {
        code: "LS212",
        name: "internet-loan-purpose",
        group: Regulatory,
        severity: Error,
        since: "0.2.0",
        effective: Some("2020-07-17"),
        references: &[INTERNET_LOANS_2020],
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    if ctx.spec.origination != Some(Origination::Online) {
        return;
    }
    let what = match ctx.spec.purpose {
        Some(Purpose::Housing) => text!("housing", "购房"),
        Some(Purpose::FixedAsset) => text!("fixed assets", "固定资产"),
        _ => return,
    };
    let (what_en, what_zh) = (what.en, what.zh);
    let mut d = ctx.finding(
        &RULE,
        "/purpose",
        text!("internet loans may not fund {what_en}", "互联网贷款不得用于{what_zh}"),
        text!(
            "originate this product at a branch or in a hybrid process (`origination: hybrid`)",
            "请改为网点办理或线上线下结合（`origination: hybrid`）"
        ),
    );
    if let Some(l) = ctx.label("/origination", text!("the whole process is online", "全流程线上办理")) {
        d = d.with_secondary(l);
    }
    out.push(d);
}
