//! What the law requires of a product, from the `cn` rule pack (`data/packs/cn.yaml`, sources in
//! `docs/design/regulatory-facts-cn.md`). High-confidence facts are errors; medium ones
//! warnings, their doubt said in the explain text.

pub(crate) mod all_in_cost_24;
pub(crate) mod auto_ltv;
pub(crate) mod business_term;
pub(crate) mod consumption_term;
pub(crate) mod cost_disclosure;
pub(crate) mod credit_line_review;
pub(crate) mod entrusted_payment;
pub(crate) mod fixed_asset_term;
pub(crate) mod inclusive_finance;
pub(crate) mod internet_bullet_term;
pub(crate) mod internet_purpose;
pub(crate) mod internet_unsecured_limit;
pub(crate) mod joint_lending_share;
pub(crate) mod misuse_markup;
pub(crate) mod mortgage_down_payment;
pub(crate) mod overdue_markup;
pub(crate) mod private_lending_cap;
pub(crate) mod working_capital_term;

use crate::diagnostics::{Diagnostic, Text};
use crate::model::spec::Purpose;
use crate::model::units::Percent;
use crate::rules::{Confidence, Reference, Rule, RuleContext};
use crate::text;

pub(crate) const INTERNET_LOANS_2020: Reference = Reference {
    regulation: "《商业银行互联网贷款管理暂行办法》 (CBIRC Order 2020 No. 9)",
    regulation_zh: "《商业银行互联网贷款管理暂行办法》（中国银保监会令2020年第9号）",
    article: "Art. 6",
    article_zh: "第六条",
    effective: "2020-07-17",
    source: "Xinhua on gov.cn 2020-07-17 (facts §5)",
    confidence: Confidence::High,
};

/// The penalty-markup band shared by the overdue and misuse rules: `penalty.<name>` must lie
/// within the pack's `<name>_min` and `<name>_max`; `what` names the penalty in messages.
pub(crate) fn markup_range(
    ctx: &RuleContext<'_>,
    rule: &'static Rule,
    markup: Option<Percent>,
    name: &str,
    what: &Text,
    out: &mut Vec<Diagnostic>,
) {
    // The 2003 notice binds financial institutions; a private lender's penalties are judged by
    // the SPC's 4 × LPR line (LS217).
    let Some(markup) = markup.filter(|_| !is_private_lender(ctx)) else {
        return;
    };
    let (Some(min), Some(max)) = (
        ctx.pack.percent(&format!("{name}_min")),
        ctx.pack.percent(&format!("{name}_max")),
    ) else {
        return;
    };
    if markup < min || markup > max {
        let (shown, min, max) = (markup.display(), min.display(), max.display());
        let (what_en, what_zh) = (&what.en, &what.zh);
        out.push(ctx.finding(
            rule,
            &format!("/penalty/{name}"),
            text!(
                "the {what_en} markup `{shown}` is outside {min}–{max}",
                "{what_zh}罚息上浮 `{shown}` 不在 {min}–{max} 之内"
            ),
            text!(
                "set it between {min} and {max} of the contract rate",
                "请设在合同利率上浮 {min} 到 {max} 之间"
            ),
        ));
    }
}

/// Whether a product is a personal business loan (个人经营贷款): `purpose: business`, or an
/// agricultural purpose lent to a person (a farmer's or an individual business's production
/// loan is a business loan under the personal-loan measures).
pub(crate) fn is_personal_business(ctx: &RuleContext<'_>) -> bool {
    match ctx.spec.purpose {
        Some(Purpose::Business) => true,
        Some(Purpose::Agriculture) => ctx.is_personal(),
        _ => false,
    }
}

/// Whether the lender is a private lender (`bank.lender_type: private_lender`): the banks'
/// rules of the PBOC and NFRA do not bind it; the SPC's private-lending rules do.
pub(crate) fn is_private_lender(ctx: &RuleContext<'_>) -> bool {
    ctx.bank.and_then(|b| b.lender_type) == Some(crate::model::config::LenderType::PrivateLender)
}

/// The term ceiling shared by the purpose rules: the product's longest term must not pass
/// `max`, or `justified` when `term.justification` records why (when the law allows that).
pub(crate) fn term_ceiling(
    ctx: &RuleContext<'_>,
    rule: &'static Rule,
    applies: bool,
    loan: &Text,
    max_param: &str,
    justified_param: Option<&str>,
    out: &mut Vec<Diagnostic>,
) {
    if !applies {
        return;
    }
    let (Some(term), Some(max)) = (&ctx.spec.term, ctx.pack.term(max_param)) else {
        return;
    };
    let longest = term.max;
    if longest.cmp_key() <= max.cmp_key() {
        return;
    }
    let (written, ceiling) = (longest.display(), max.display());
    let (loan_en, loan_zh) = (&loan.en, &loan.zh);
    let justified = justified_param.and_then(|p| ctx.pack.term(p));
    let has_reason = term.justification.as_deref().is_some_and(|j| !j.trim().is_empty());
    match justified {
        Some(hard) if longest.cmp_key() <= hard.cmp_key() && has_reason => {}
        Some(hard) if longest.cmp_key() <= hard.cmp_key() => {
            let hard = hard.display();
            out.push(ctx.finding(
                rule,
                "/term/max",
                text!(
                    "a {loan_en} longer than {ceiling} needs a recorded justification, and `{written}` has none",
                    "{loan_zh}期限超过 {ceiling} 须记录理由，`{written}` 没有记录"
                ),
                text!(
                    "add `term.justification` saying why the cash-flow cycle needs it (up to {hard}), or shorten the term to {ceiling}",
                    "请在 `term.justification` 中说明现金流周期为何需要（最长 {hard}），或把期限缩短到 {ceiling}"
                ),
            ));
        }
        Some(hard) => {
            let hard = hard.display();
            out.push(ctx.finding(
                rule,
                "/term/max",
                text!(
                    "the longest term `{written}` is beyond {hard}, the most a {loan_en} may run",
                    "最长期限 `{written}` 超过{loan_zh}的上限 {hard}"
                ),
                text!("shorten the term to at most {hard}", "请把期限缩短到不超过 {hard}"),
            ));
        }
        None => {
            out.push(ctx.finding(
                rule,
                "/term/max",
                text!(
                    "the longest term `{written}` is beyond {ceiling}, the most a {loan_en} may run",
                    "最长期限 `{written}` 超过{loan_zh}的上限 {ceiling}"
                ),
                text!(
                    "shorten the term to at most {ceiling}",
                    "请把期限缩短到不超过 {ceiling}"
                ),
            ));
        }
    }
}
