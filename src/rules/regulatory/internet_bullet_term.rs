use crate::diagnostics::Diagnostic;
use crate::model::spec::{Origination, Purpose, RepaymentMethod};
use crate::rules::RuleContext;
use crate::syntax::push_pointer;
use crate::text;

crate::declare_rule! {
    /// An online, unsecured consumer loan that repays its principal in one sum at maturity runs longer than a year.
    ///
    /// ## Why
    /// The internet-loan measures allow repaying the principal in one sum at maturity
    /// (到期一次性还本) on unsecured personal consumer credit for a term of one year at most;
    /// longer loans must amortise. The rule judges the repayment's shape, not one word: `bullet`,
    /// `interest_only` (先息后本), a `revolving` line and `frequency: at_maturity` all leave the
    /// principal to the end.
    ///
    /// ## Example
    /// ```yaml,invalid
    /// origination: online
    /// term: { min: 6M, max: 24M }
    /// repayment: { methods: [bullet], frequency: at_maturity }
    /// ```
    /// ```yaml,valid
    /// origination: online
    /// term: { min: 6M, max: 24M }
    /// repayment: { methods: [equal_installment] }
    /// ```
    ///
    /// ## Parameters
    /// `internet_bullet_term_max` (12M).
    ///
    /// ## References
    /// 《商业银行互联网贷款管理暂行办法》 (CBIRC Order 2020 No. 9) Art. 6, effective 2020-07-17.
    /// Confidence: high.
    ///
    /// ## 中文
    /// 线上无抵押消费贷款到期一次还本，期限超过一年。
    ///
    /// 互联网贷款管理办法允许个人信用消费贷款到期一次性还本，但期限最长一年；更长的贷款必须分期还本。本规则看的是还款的实际形态，不是某一个词：`bullet`、`interest_only`（先息后本）、`revolving` 循环额度和 `frequency: at_maturity` 都把本金留到最后偿还。
    pub(crate) static RULE = {
        code: "LS211",
        name: "internet-bullet-term",
        group: Regulatory,
        severity: Error,
        since: "0.2.0",
        params: &["internet_bullet_term_max"],
        check: Product(check),
    }
}

/// Where a product repays the principal in one sum at maturity, and in what words: `(pointer,
/// what)`. `bullet` (到期一次还本付息), `interest_only` (先息后本), a `revolving` line (what is drawn
/// is due at the end) and `frequency: at_maturity` (one payment, whatever the method) all do.
pub(crate) fn principal_at_maturity(repayment: &crate::model::spec::Repayment) -> Option<(String, String)> {
    use crate::model::spec::Frequency;
    if repayment.frequency == Some(Frequency::AtMaturity) {
        return Some(("/repayment/frequency".to_owned(), "`frequency: at_maturity`".to_owned()));
    }
    repayment
        .methods
        .iter()
        .position(|m| {
            matches!(
                m,
                RepaymentMethod::Bullet | RepaymentMethod::InterestOnly | RepaymentMethod::Revolving
            )
        })
        .map(|i| {
            let word = crate::model::word(&repayment.methods[i]);
            (push_pointer("/repayment/methods", &i.to_string()), format!("`{word}`"))
        })
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let applies = ctx.spec.origination == Some(Origination::Online)
        && ctx.spec.purpose == Some(Purpose::Consumption)
        && ctx.is_personal()
        && ctx.is_unsecured();
    let (Some(term), Some(repayment), Some(max)) = (
        &ctx.spec.term,
        &ctx.spec.repayment,
        ctx.pack.term("internet_bullet_term_max"),
    ) else {
        return;
    };
    let Some((at, what)) = principal_at_maturity(repayment) else {
        return;
    };
    if applies && term.max.cmp_key() > max.cmp_key() {
        let (longest, max) = (term.max.display(), max.display());
        let mut d = ctx.finding(
            &RULE,
            &at,
            text!(
                "{what} repays the principal in one sum at maturity, which an online unsecured consumer loan may do for at most {max}, and terms here go up to `{longest}`",
                "{what} 为到期一次性还本；互联网个人信用消费贷款采用到期一次性还本的，期限不得超过 {max}，而本产品期限最长为 `{longest}`"
            ),
            text!(
                "repay the principal in instalments (`equal_installment` or `equal_principal`, monthly or quarterly), or keep the term within {max}",
                "请改为分期还本（`equal_installment` 或 `equal_principal`，按月或按季），或把期限控制在 {max} 以内"
            ),
        );
        if let Some(l) = ctx.label("/term/max", text!("the longest term", "最长期限")) {
            d = d.with_secondary(l);
        }
        out.push(d);
    }
}
