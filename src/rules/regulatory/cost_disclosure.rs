use crate::diagnostics::Diagnostic;
use crate::rules::RuleContext;
use crate::text;

crate::declare_rule! {
    /// A personal-loan product lacks what the all-in financing-cost disclosure form must show.
    ///
    /// ## Why
    /// From 2026-08-01 every personal loan comes with a 综合融资成本明示表, shown before signing:
    /// the lender, principal, every interest and fee item with who collects it and how, the
    /// annualised all-in cost under normal performance, the default costs, and a statement that
    /// no other fees apply. loanspec builds the form from the spec (`loanspec disclose`); it needs
    /// the penalty markups (the default costs) and whether unpaid interest compounds
    /// (`penalty.compound_interest`) in the product, the lender's name (`bank.name`) in
    /// loanspec.yaml, and an annualised cost that can be computed: a repayment schedule the term
    /// and frequency allow, and fees at disbursement below the amount lent.
    ///
    /// ## Example
    /// ```yaml,config
    /// loanspec: 1
    /// bank: { name: 示例农村商业银行 }
    /// ```
    /// ```yaml,invalid,as-of=2026-09-01
    /// penalty: { misuse_markup: 100% }
    /// ```
    /// ```yaml,valid,as-of=2026-09-01
    /// penalty: { overdue_markup: 50%, misuse_markup: 100%, compound_interest: true }
    /// ```
    ///
    /// ## Parameters
    /// `cost_disclosure_from` (in force from 2026-08-01).
    ///
    /// ## References
    /// 《个人贷款业务明示综合融资成本规定》, effective 2026-08-01. Confidence: high.
    ///
    /// ## 中文
    /// 个人贷款产品缺少综合融资成本明示表必须列明的内容。
    ///
    /// 自2026-08-01起，每笔个人贷款在签约前都要出示综合融资成本明示表：贷款机构、本金、每一项利息和费用及其收取方和收取方式、正常履约情况下的年化综合融资成本、违约成本，以及没有其他费用的声明。loanspec 根据规格生成这张表（`loanspec disclose`）；为此，产品中要写明罚息上浮（违约成本）和未付利息是否计复利（`penalty.compound_interest`），loanspec.yaml 中要写明贷款机构名称（`bank.name`），而且年化成本要能算出来：期限和还款频率能排出还款计划，放款时收取的费用低于贷款金额。
    pub(crate) static RULE = {
        code: "LS223",
        name: "cost-disclosure-incomplete",
        group: Regulatory,
        severity: Error,
        since: "0.2.0",
        stages: Stages::ALL.before(Stage::Retiring).draft_warns(),
        params: &["cost_disclosure_from"],
        check: Product(check),
    }
}

fn check(ctx: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    // A retiring product signs no new contracts: its `stages` end before `retiring`.
    if !ctx.is_personal() || !ctx.pack.in_force("cost_disclosure_from") {
        return;
    }
    if ctx.spec.penalty.as_ref().and_then(|p| p.overdue_markup).is_none() {
        out.push(ctx.unstated(ctx.finding_at_key(
            &RULE,
            "/penalty",
            text!(
                "the cost disclosure form needs the overdue penalty, and the product states none",
                "综合融资成本明示表须列明逾期罚息，本产品没有写明"
            ),
            text!(
                "add `penalty: {{ overdue_markup: 50% }}` (the markup you charge)",
                "请添加 `penalty: {{ overdue_markup: 50% }}`（按实际上浮比例）"
            ),
        )));
    }
    let penalty = ctx.spec.penalty.as_ref();
    if penalty.is_some_and(|p| p.overdue_markup.is_some() && p.compound_interest.is_none()) {
        out.push(ctx.unstated(ctx.finding_at_key(
            &RULE,
            "/penalty",
            text!(
                "the cost disclosure form must say whether interest not paid when due compounds (复利), and the product does not say",
                "综合融资成本明示表须说明逾期未付的利息是否计收复利，本产品没有写明"
            ),
            text!(
                "add `compound_interest: true` under `penalty` if unpaid interest earns interest at the overdue rate, `false` if it does not",
                "如对逾期未付利息按罚息利率计收复利，请在 `penalty` 下写 `compound_interest: true`，不计复利则写 `false`"
            ),
        )));
    }
    if ctx
        .bank
        .and_then(|b| b.name.as_deref())
        .is_none_or(|n| n.trim().is_empty())
    {
        let (message, help) = if ctx.has_config {
            (
                text!(
                    "the cost disclosure form needs the lender's name, and loanspec.yaml gives none",
                    "综合融资成本明示表须写明贷款人名称，loanspec.yaml 中没有"
                ),
                text!(
                    "add `bank: {{ name: … }}` to loanspec.yaml",
                    "请在 loanspec.yaml 中添加 `bank: {{ name: … }}`"
                ),
            )
        } else {
            (
                text!(
                    "the cost disclosure form needs the lender's name, which loanspec.yaml gives, and this catalogue has no loanspec.yaml",
                    "综合融资成本明示表须写明贷款人名称（在 loanspec.yaml 中填写），而本产品目录没有 loanspec.yaml"
                ),
                text!(
                    "create loanspec.yaml at the catalogue's root with `loanspec: 1` and `bank: {{ name: … }}`",
                    "请在产品目录根文件夹中创建 loanspec.yaml，写明 `loanspec: 1` 和 `bank: {{ name: … }}`"
                ),
            )
        };
        out.push(ctx.unstated(ctx.finding_at_key(&RULE, "/code", message, help)));
    }
    // Whether the schedule fits the terms is LS158's; what is left is fees that leave the
    // borrower nothing, for which no annualized rate exists. Checked without a schedule: this
    // runs for every personal product.
    let Some(loan) = crate::money::reference_loan(ctx.product, ctx.as_of) else {
        return;
    };
    let upfront = crate::money::fees_at_disbursement(&loan);
    if upfront >= loan.amount {
        let (fees, amount) = (
            crate::model::units::Money(upfront).display(),
            crate::model::units::Money(loan.amount).display(),
        );
        out.push(ctx.finding_at_key(
            &RULE,
            "/fees",
            text!(
                "the form's annualized all-in cost cannot be computed: a loan of {amount} pays {fees} of fees at disbursement",
                "无法计算明示表所需的年化综合融资成本：{amount} 的贷款在放款时需支付 {fees} 的费用"
            ),
            text!(
                "fees at disbursement must be less than the amount lent",
                "放款时收取的费用须少于贷款金额"
            ),
        ));
    }
}
