use crate::diagnostics::Diagnostic;
use crate::model::spec::{Collateral, CollateralKind, Purpose, VehicleClass};
use crate::rules::RuleContext;
use crate::syntax::push_pointer;
use crate::text;

/// The day the 2024 notice made the caps a high-confidence fact; before it, findings warn.
const FROM_2024: &str = "2024-04-03";

crate::declare_rule! {
    /// An auto loan lends more of a vehicle's value than its class allows, or does not say which
    /// class the vehicle is.
    ///
    /// ## Why
    /// The maximum loan-to-value is 70% for commercial fuel vehicles, 75% for commercial
    /// new-energy vehicles and 70% for used vehicles; for private cars the lender sets it (set
    /// `auto_ltv_private_max` to your own). Each vehicle item of an auto loan states its
    /// `vehicle_class` and `max_ltv`. The commercial and used caps have stood since 2018-01-01
    /// (银发〔2017〕234号), which the 2024-04-03 notice kept while freeing private cars (then 80%
    /// fuel, 85% new-energy: not checked, since `private` does not say which). The 2017
    /// notice's text was not at hand, so for an as-of date before 2024-04-03 the findings are
    /// warnings.
    ///
    /// ## Example
    /// ```yaml,invalid
    /// purpose: auto
    /// collateral:
    ///   - { kind: vehicle, share: 100%, max_ltv: 80%, vehicle_class: used }
    /// ```
    /// ```yaml,valid
    /// purpose: auto
    /// collateral:
    ///   - { kind: vehicle, share: 100%, max_ltv: 70%, vehicle_class: used }
    /// ```
    ///
    /// ## Parameters
    /// `auto_ltv_commercial_ice_max` (70%), `auto_ltv_commercial_nev_max` (75%),
    /// `auto_ltv_used_max` (70%), `auto_ltv_private_max` (no default: set by the lender).
    ///
    /// ## References
    /// PBOC/NFRA auto-loan notice of 2024-04-03. Confidence: high. 银发〔2017〕234号, in force
    /// 2018-01-01. Confidence: medium.
    ///
    /// ## 中文
    /// 汽车贷款的贷款价值比高于该类车辆允许的比例，或者没有写明车辆类别。
    ///
    /// 商用燃油车的最高贷款价值比为70%，商用新能源车为75%，二手车为70%；自用车由贷款机构自行确定（把 `auto_ltv_private_max` 设为本行的比例）。汽车贷款的每个车辆押品都要写明 `vehicle_class` 和 `max_ltv`。商用车和二手车的上限自2018-01-01起施行（银发〔2017〕234号），2024-04-03的通知保留了这两项，同时放开了自用车（此前燃油车80%、新能源车85%：不作检查，因为 `private` 不区分这两种）。2017年通知的原文没能取得，所以评估日期早于2024-04-03时，发现只作为警告。
    pub(crate) static RULE = {
        code: "LS222",
        name: "auto-loan-ltv",
        group: Regulatory,
        severity: Error,
        since: "0.2.0",
        stages: Stages::ALL.draft_warns(),
        params: &["auto_ltv_commercial_ice_max", "auto_ltv_commercial_nev_max", "auto_ltv_used_max", "auto_ltv_private_max"],
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let start = out.len();
    check_items(ctx, out);
    let from_2024 = chrono::NaiveDate::parse_from_str(FROM_2024, "%Y-%m-%d").ok();
    if from_2024.is_some_and(|d| ctx.as_of < d) {
        for d in &mut out[start..] {
            d.severity = crate::diagnostics::Severity::Warning;
        }
    }
}

fn check_items(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    if ctx.spec.purpose != Some(Purpose::Auto) {
        return;
    }
    let Some(Collateral::Items(items)) = &ctx.spec.collateral else {
        return;
    };
    for (i, item) in items
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind == CollateralKind::Vehicle)
    {
        let at = push_pointer("/collateral", &i.to_string());
        let Some(class) = item.vehicle_class else {
            out.push(ctx.unstated(ctx.finding(
                &RULE,
                &at,
                text!(
                    "the vehicle's class is not stated, so its loan-to-value cap is unknown",
                    "未写明车辆类别，无法确定抵押率上限"
                ),
                text!(
                    "add `vehicle_class: private`, `commercial_ice`, `commercial_nev` or `used`",
                    "请添加 `vehicle_class: private`、`commercial_ice`、`commercial_nev` 或 `used`"
                ),
            )));
            continue;
        };
        let (param, class_en, class_zh) = match class {
            VehicleClass::CommercialIce => (
                "auto_ltv_commercial_ice_max",
                "commercial fuel vehicle",
                "商用传统动力车",
            ),
            VehicleClass::CommercialNev => (
                "auto_ltv_commercial_nev_max",
                "commercial new-energy vehicle",
                "商用新能源车",
            ),
            VehicleClass::Used => ("auto_ltv_used_max", "used vehicle", "二手车"),
            VehicleClass::Private => ("auto_ltv_private_max", "private vehicle", "自用车"),
        };
        let Some(cap) = ctx.pack.percent(param) else { continue };
        let cap_shown = cap.display();
        match item.max_ltv {
            Some(ltv) if ltv > cap => {
                let shown = ltv.display();
                out.push(ctx.finding(
                    &RULE,
                    &push_pointer(&at, "max_ltv"),
                    text!(
                        "a {class_en} may be financed up to {cap_shown} of its value, not `{shown}`",
                        "{class_zh}贷款最高发放比例为 {cap_shown}，不是 `{shown}`"
                    ),
                    text!("lower `max_ltv` to {cap_shown}", "请把 `max_ltv` 降到 {cap_shown}"),
                ));
            }
            Some(_) => {}
            None => out.push(ctx.unstated(ctx.finding(
                &RULE,
                &at,
                text!("the {class_en}'s `max_ltv` is not stated", "{class_zh}未写 `max_ltv`"),
                text!(
                    "add `max_ltv: {cap_shown}` or lower",
                    "请添加 `max_ltv: {cap_shown}` 或更低"
                ),
            ))),
        }
    }
}
