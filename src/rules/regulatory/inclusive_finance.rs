use crate::diagnostics::Diagnostic;
use crate::model::spec::{BorrowerType, EnterpriseSize, Purpose};
use crate::rules::RuleContext;
use crate::text;

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
    /// Medium enterprises are outside 普惠 whatever the amount, and 中小企业 (`sme`) includes
    /// them, so an `sme` or `enterprise` product counts only when `borrower.size` (the largest
    /// enterprise size it lends to) is `small` or `micro`; without a size the rule notes that it
    /// is not counted and asks for one. A `micro_enterprise` counts unless its size says
    /// `medium` or `large`, which is a warning: the two fields disagree.
    ///
    /// ## Example
    /// ```yaml,invalid
    /// borrower: { type: micro_enterprise }
    /// purpose: working_capital
    /// ```
    /// ```yaml,valid
    /// borrower: { type: sme, size: medium }
    /// purpose: working_capital
    /// ```
    ///
    /// ## Parameters
    /// `inclusive_sme_credit_max` (1000万), `inclusive_farmer_credit_max` (500万, medium confidence).
    ///
    /// ## References
    /// NFRA inclusive small-business loan scope; NFRA 1104/EAST farmer scope. Confidence: high
    /// (small business), medium (farmers).
    ///
    /// ## 中文
    /// 提示产品属于普惠型小微企业贷款或普惠型农户经营性贷款。
    ///
    /// 对小微企业、个体工商户和小微企业主单户授信1000万元（含）以下的贷款，属于普惠型小微企业贷款；单户授信500万元（含）以下的农户经营性贷款，属于普惠型农户经营性贷款。它们有单独的考核目标（两增）和更高的不良容忍度，也要单独报送。这是写进产品档案的信息，不是问题。（人民银行统计口径是“1000万元以下”，金融监管总局是“1000万元（含）以下”：本规则采用金融监管总局口径。）中型企业无论金额多少都不属于普惠，而中小企业（`sme`）包括中型企业，所以 `sme` 或 `enterprise` 产品只有在 `borrower.size`（所贷企业的最大规模）为 `small` 或 `micro` 时才计入；没有写规模时，规则会提示未计入，并请写明规模。`micro_enterprise` 产品计入，除非规模写的是 `medium` 或 `large`：这时给出警告，因为两个字段互相矛盾。
    pub(crate) static RULE = {
        code: "LS220",
        name: "inclusive-finance-classification",
        group: Regulatory,
        severity: Info,
        since: "0.2.0",
        params: &["inclusive_sme_credit_max", "inclusive_farmer_credit_max"],
        check: Product(check),
    }
}

/// Whether the borrowers are small or micro enterprises (or not enterprises at all): a
/// `micro_enterprise` is, unless its `size` says otherwise; an `sme` or an `enterprise` only
/// when `borrower.size` is `small` or `micro` (中小企业 includes medium enterprises, which are
/// outside 普惠); an individual business is not sized.
fn small_or_micro(ctx: &RuleContext<'_>) -> bool {
    let size = ctx.product.borrower.size;
    match ctx.product.borrower.kind {
        BorrowerType::IndividualBusiness => true,
        BorrowerType::MicroEnterprise => size.is_none_or(|s| s <= EnterpriseSize::Small),
        _ => size.is_some_and(|s| s <= EnterpriseSize::Small),
    }
}

/// Whether the product funds a business (普惠 counts business lending only).
fn business_purpose(ctx: &RuleContext<'_>) -> bool {
    matches!(
        ctx.spec.purpose,
        Some(Purpose::Business | Purpose::WorkingCapital | Purpose::FixedAsset | Purpose::Agriculture | Purpose::Green)
    )
}

/// Which inclusive category a product falls in, if any.
pub(crate) fn category(ctx: &RuleContext<'_>) -> Option<(crate::diagnostics::Text, crate::model::units::Money)> {
    let amount = ctx.spec.amount.as_ref()?;
    let business = business_purpose(ctx);
    match ctx.product.borrower.kind {
        BorrowerType::MicroEnterprise
        | BorrowerType::Sme
        | BorrowerType::Enterprise
        | BorrowerType::IndividualBusiness
            if business && small_or_micro(ctx) =>
        {
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
    let business = business_purpose(ctx);
    let (kind, size) = (ctx.product.borrower.kind, ctx.product.borrower.size);
    let code = crate::diagnostics::quote(&ctx.product.code);
    if business && kind == BorrowerType::MicroEnterprise && size.is_some_and(|s| s > EnterpriseSize::Small) {
        let shown = crate::model::word(&size);
        out.push(
            ctx.finding(
                &RULE,
                "/borrower/size",
                text!(
                    "the borrower type is `micro_enterprise` but the size is `{shown}`: {code} is not classified as inclusive lending",
                    "借款人类型为 `micro_enterprise`，企业规模却是 `{shown}`：{code} 未计入普惠"
                ),
                text!(
                    "write `size: small` or `size: micro`, or `type: sme` for a product that lends to medium enterprises too",
                    "请写 `size: small` 或 `size: micro`；如也向中型企业放款，请把类型改为 `type: sme`"
                ),
            )
            .severity(crate::diagnostics::Severity::Warning),
        );
        return;
    }
    // Only where the amount alone would let it count: a larger line is out whatever the size.
    let within = ctx
        .spec
        .amount
        .as_ref()
        .zip(ctx.pack.money("inclusive_sme_credit_max"))
        .is_some_and(|(a, max)| a.max <= max);
    if business && within && matches!(kind, BorrowerType::Sme | BorrowerType::Enterprise) && size.is_none() {
        let kind = crate::model::word(&kind);
        out.push(ctx.finding(
            &RULE,
            "/borrower/type",
            text!(
                "{code} lends to `{kind}` borrowers of no stated size, so it is not counted as inclusive small and micro business lending (普惠型小微企业贷款), which leaves out medium and large enterprises",
                "{code} 的借款人为 `{kind}`，未写企业规模，因此不计入普惠型小微企业贷款（中型、大型企业不属于普惠）"
            ),
            text!(
                "add `borrower.size`: `small` if it lends only to small and micro enterprises (then it counts), `medium` or `large` otherwise",
                "请添加 `borrower.size`：只向小型、微型企业放款写 `small`（计入普惠），否则写 `medium` 或 `large`"
            ),
        ));
        return;
    }
    let Some((what, max)) = category(ctx) else { return };
    let (what_en, what_zh, max) = (what.en, what.zh, max.display());
    // At the product's own code: the classification is the product's, wherever its borrower and
    // purpose are written (often in the product line).
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
