use super::{kind_name, ltv_param};
use crate::diagnostics::Diagnostic;
use crate::model::spec::{Collateral, Purpose};
use crate::rules::RuleContext;
use crate::syntax::push_pointer;
use crate::text;

crate::declare_rule! {
    /// A collateral item accepts a higher loan-to-value than the bank's ceiling for its kind.
    ///
    /// ## Why
    /// No national rule caps loan-to-value outside mortgages and auto loans: the collateral
    /// guideline makes each bank set a maximum per collateral type (法人行最高抵质押率). Put your
    /// ceilings in loanspec.yaml (`parameters: { ltv_real_estate_max: 70% }`); products then
    /// cannot accept more. The pack has no defaults: market-practice figures are not law.
    ///
    /// ## Example
    /// ```yaml,config
    /// loanspec: 1
    /// parameters: { ltv_ip_pledge_max: 30% }
    /// ```
    /// ```yaml,invalid
    /// collateral:
    ///   - { kind: ip_pledge, share: 100%, max_ltv: 50% }
    /// ```
    /// ```yaml,valid
    /// collateral:
    ///   - { kind: ip_pledge, share: 100%, max_ltv: 30% }
    /// ```
    ///
    /// ## Parameters
    /// `ltv_real_estate_max`, `ltv_deposit_pledge_max`, `ltv_ip_pledge_max`,
    /// `ltv_receivables_pledge_max`, `ltv_equipment_max`, `ltv_vehicle_max`: no defaults, set by
    /// the bank.
    ///
    /// ## References
    /// 《商业银行押品管理指引》 (银监发〔2017〕16号). Confidence: medium (that there is no national
    /// cap: high).
    ///
    /// ## 中文
    /// 某项押品接受的贷款价值比（抵质押率）高于本行对该类押品设定的上限。
    ///
    /// 除住房贷款和汽车贷款外，没有全国性的抵质押率上限：押品管理指引要求每家银行按押品类型设定最高抵质押率（法人行最高抵质押率）。请把本行的上限写在 loanspec.yaml 中（`parameters: { ltv_real_estate_max: 70% }`），产品就不能接受更高的比例。规则包不设默认值：市场惯例的数字不是法律。
    pub(crate) static RULE = {
        code: "LS301",
        name: "collateral-ltv-ceiling",
        group: Risk,
        severity: Error,
        since: "0.2.0",
        params: &["ltv_real_estate_max", "ltv_deposit_pledge_max", "ltv_ip_pledge_max", "ltv_receivables_pledge_max", "ltv_equipment_max", "ltv_vehicle_max"],
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(Collateral::Items(items)) = &ctx.spec.collateral else {
        return;
    };
    for (i, item) in items.iter().enumerate() {
        // Auto loans and mortgages have their own regulatory caps (LS221, LS222).
        if ctx.spec.purpose == Some(Purpose::Auto) && item.kind == crate::model::spec::CollateralKind::Vehicle {
            continue;
        }
        let (Some(param), Some(ltv)) = (ltv_param(item.kind), item.max_ltv) else {
            continue;
        };
        let Some(cap) = ctx.pack.percent(param) else { continue };
        if ltv > cap {
            let kind = kind_name(item.kind);
            let (kind_en, kind_zh, shown, cap) = (kind.en, kind.zh, ltv.display(), cap.display());
            out.push(ctx.finding(
                &RULE,
                &push_pointer(&push_pointer("/collateral", &i.to_string()), "max_ltv"),
                text!(
                    "`{shown}` of {kind_en}'s value is above the bank's {cap} ceiling",
                    "{kind_zh}抵质押率 `{shown}` 超过本行上限 {cap}"
                ),
                text!(
                    "lower `max_ltv` to {cap}, or ask risk management to change `{param}`",
                    "请把 `max_ltv` 降到 {cap}，或请风险管理部门调整 `{param}`"
                ),
            ));
        }
    }
}
