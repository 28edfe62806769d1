use crate::diagnostics::Diagnostic;
use crate::model::spec::{BorrowerType, Purpose};
use crate::rules::{Confidence, Reference, RuleContext};
use crate::text;

const INCLUSIVE_SCOPE: Reference = Reference {
    regulation: "NFRA statistical scope of inclusive small and micro enterprise loans (普惠型小微企业贷款)",
    article: "",
    effective: "",
    source: "bank regulatory-reporting SQL; China Daily 2019-03-13; gov.cn 2019-01-12 (facts §7)",
    confidence: Confidence::High,
};

crate::declare_rule! {
    /// Notes that a product counts as inclusive small-business or farmer lending (普惠).
    ///
    /// ## Why
    /// Loans to small and micro enterprises, individual businesses and small-business owners with
    /// credit per borrower up to RMB 10 million (inclusive) count as 普惠型小微企业贷款; farmers'
    /// business loans up to RMB 5 million as 普惠型农户经营性贷款. They carry their own targets
    /// (两增) and a higher NPL tolerance, and are reported separately. This is information for the
    /// product file, not a problem. (PBOC's statistics use "below 10 million", NFRA's "up to and
    /// including": the rule follows NFRA.)
    ///
    /// ## Example
    /// ```yaml,invalid
    /// borrower: { type: micro_enterprise }
    /// purpose: working_capital
    /// ```
    /// ```yaml,valid
    /// borrower: { type: enterprise }
    /// purpose: working_capital
    /// ```
    ///
    /// ## Parameters
    /// `inclusive_sme_credit_max` (1000万), `inclusive_farmer_credit_max` (500万, medium confidence).
    ///
    /// ## References
    /// NFRA inclusive small-business loan scope; NFRA 1104/EAST farmer scope. Confidence: high
    /// (small business), medium (farmers).
    pub static RULE = {
        code: "LS220",
        name: "inclusive-finance-classification",
        group: Regulatory,
        severity: Info,
        since: "0.2.0",
        status: Stable,
        effective: None,
        references: &[INCLUSIVE_SCOPE],
        params: &["inclusive_sme_credit_max", "inclusive_farmer_credit_max"],
        check: Product(check),
    }
}

/// Which inclusive category a product falls in, if any.
pub fn category(ctx: &RuleContext<'_>) -> Option<(crate::diagnostics::Text, crate::model::units::Money)> {
    let amount = ctx.spec.amount.as_ref()?;
    let business = matches!(
        ctx.spec.purpose,
        Some(Purpose::Business | Purpose::WorkingCapital | Purpose::FixedAsset | Purpose::Agriculture | Purpose::Green)
    );
    match ctx.product.borrower.kind {
        BorrowerType::MicroEnterprise | BorrowerType::Sme | BorrowerType::IndividualBusiness if business => {
            let max = ctx.pack.money("inclusive_sme_credit_max")?;
            (amount.max <= max).then(|| {
                (
                    text!(
                        "inclusive small and micro business lending (普惠型小微企业贷款)",
                        "普惠型小微企业贷款"
                    ),
                    max,
                )
            })
        }
        BorrowerType::Farmer if business => {
            let max = ctx.pack.money("inclusive_farmer_credit_max")?;
            (amount.max <= max).then(|| {
                (
                    text!(
                        "inclusive farmer business lending (普惠型农户经营性贷款)",
                        "普惠型农户经营性贷款"
                    ),
                    max,
                )
            })
        }
        _ => None,
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some((what, max)) = category(ctx) else { return };
    let (what_en, what_zh, max) = (what.en, what.zh, max.display());
    // At the product's own code: the classification is the product's, wherever its borrower and
    // purpose are written (often in the product line).
    let code = crate::diagnostics::quote(&ctx.product.code);
    out.push(ctx.finding(
        &RULE,
        "/code",
        text!("{code} counts as {what_en}", "{code} 属于{what_zh}"),
        text!(
            "it is reported in the inclusive-finance statistics while credit per borrower stays within {max}",
            "单户授信不超过 {max} 时计入普惠金融统计"
        ),
    ));
}
