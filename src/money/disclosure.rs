//! The all-in financing-cost disclosure (综合融资成本明示表) for a reference loan, in Chinese and
//! English: what NFRA and PBOC's 《个人贷款业务明示综合融资成本规定》 (in force 2026-08-01) asks a
//! lender to show before signing: the principal, every interest and fee item with who collects
//! it, how and at what rate, each annualized, the annualized all-in cost under normal
//! performance, the costs of default, and that no other fees will be charged.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::{FeeBasis, FeeItem, Loan, LoanTerm, MoneyError, Schedule, fen, percent4, schedule};
use crate::model::product::Product;
use crate::model::spec::{DayCount, FeeKind, FeePer, Frequency, Payee, RepaymentMethod};

/// Everything the form shows, computed.
#[derive(Clone, Debug)]
pub struct Disclosure {
    pub lender: Option<String>,
    pub product_code: String,
    pub product_zh: String,
    pub product_en: String,
    pub loan: Loan,
    /// How the contract rate is set: `LPR1Y 3.00% + 50bp`, or `fixed`.
    pub rate_basis: Option<(String, Decimal, i64)>,
    pub lines: Vec<CostLine>,
    pub total_interest: Decimal,
    pub total_fees: Decimal,
    pub total_repaid: Decimal,
    pub apr: Decimal,
    pub apr_effective: Decimal,
    pub overdue_rate: Option<(Decimal, Decimal)>,
    pub misuse_rate: Option<(Decimal, Decimal)>,
    pub prepayment: (bool, Decimal),
    pub as_of: String,
}

/// One interest or fee item.
#[derive(Clone, Debug)]
pub struct CostLine {
    /// `None` for the interest.
    pub fee: Option<FeeItem>,
    pub total: Decimal,
    /// What the item adds to the annualized cost, in percent (the interest: the APR without fees).
    pub annualized: Decimal,
}

fn dec(text: &str) -> Decimal {
    Decimal::from_str_exact(text).unwrap_or_default()
}

/// The disclosure of `loan`, a loan of `product` whose schedule is `full`.
pub fn build(
    product: &Product,
    lender: Option<String>,
    loan: &Loan,
    full: &Schedule,
) -> Result<Disclosure, MoneyError> {
    let bare = Loan {
        fees: Vec::new(),
        ..loan.clone()
    };
    let without_fees = schedule(&bare)?;
    let mut lines = vec![CostLine {
        fee: None,
        total: full.totals.interest,
        annualized: without_fees.apr,
    }];
    for line in &full.fee_lines {
        let alone = Loan {
            fees: vec![line.item.clone()],
            ..loan.clone()
        };
        let with_fee = schedule(&alone)?;
        lines.push(CostLine {
            fee: Some(line.item.clone()),
            total: line.total,
            annualized: percent4(with_fee.apr - without_fees.apr),
        });
    }
    let contract = loan.annual_rate;
    let penalty = |markup: &Option<crate::model::product::PercentOut>| {
        markup.as_ref().map(|m| {
            let m = dec(&m.0);
            (m, percent4(contract * (Decimal::ONE + m / Decimal::ONE_HUNDRED)))
        })
    };
    let rate_basis = product.rate.benchmark.map(|b| {
        (
            b.as_str().to_owned(),
            product
                .rate
                .benchmark_rate
                .as_ref()
                .map_or(Decimal::ZERO, |r| dec(&r.0)),
            product.rate.spread_bp.unwrap_or(0),
        )
    });
    Ok(Disclosure {
        lender,
        product_code: product.code.clone(),
        product_zh: product
            .name
            .zh
            .clone()
            .or_else(|| product.name.en.clone())
            .unwrap_or_default(),
        product_en: product
            .name
            .en
            .clone()
            .or_else(|| product.name.zh.clone())
            .unwrap_or_default(),
        loan: loan.clone(),
        rate_basis,
        lines,
        total_interest: full.totals.interest,
        total_fees: full.totals.fees,
        total_repaid: full.totals.payment,
        apr: full.apr,
        apr_effective: full.effective_rate()?,
        overdue_rate: penalty(&product.penalty.overdue_markup),
        misuse_rate: penalty(&product.penalty.misuse_markup),
        prepayment: (
            product.repayment.prepayment.allowed,
            dec(&product.repayment.prepayment.fee.0),
        ),
        as_of: loan.start.to_string(),
    })
}

fn fee_name(kind: FeeKind) -> (&'static str, &'static str) {
    match kind {
        FeeKind::Arrangement => ("手续费", "Arrangement fee"),
        FeeKind::Guarantee => ("担保费", "Guarantee fee"),
        FeeKind::Insurance => ("保险费", "Insurance premium"),
        FeeKind::Service => ("服务费", "Service fee"),
        FeeKind::Management => ("账户管理费", "Account management fee"),
        FeeKind::Commitment => ("承诺费", "Commitment fee"),
        FeeKind::Appraisal => ("评估费", "Appraisal fee"),
        FeeKind::Notary => ("公证费", "Notary fee"),
    }
}

fn payee_name(payee: Payee) -> (&'static str, &'static str) {
    match payee {
        Payee::Lender => ("贷款人", "The lender"),
        Payee::GuaranteeCompany => ("融资担保公司", "Guarantee company"),
        Payee::Insurer => ("保险公司", "Insurer"),
        Payee::Partner => ("合作机构", "Partner institution"),
        Payee::ThirdParty => ("其他第三方", "Third party"),
    }
}

fn per_name(per: FeePer) -> (&'static str, &'static str) {
    match per {
        FeePer::Once => ("放款时一次性收取", "once, at disbursement"),
        FeePer::Year => ("按年收取（每年年初）", "each year, at its start"),
        FeePer::Period => ("按期收取（随每期还款）", "each period, with the payment"),
        FeePer::Drawdown => ("每次支用时收取", "at each drawdown"),
    }
}

fn method_name(method: RepaymentMethod) -> (&'static str, &'static str) {
    match method {
        RepaymentMethod::EqualInstallment => ("等额本息", "Equal instalments"),
        RepaymentMethod::EqualPrincipal => ("等额本金", "Equal principal"),
        RepaymentMethod::InterestOnly => ("先息后本", "Interest only, principal at maturity"),
        RepaymentMethod::Bullet => ("到期一次还本付息", "Principal and interest at maturity"),
        RepaymentMethod::Revolving => ("随借随还", "Revolving, repay any time"),
    }
}

fn frequency_name(f: Frequency) -> (&'static str, &'static str) {
    match f {
        Frequency::Monthly => ("按月", "monthly"),
        Frequency::Quarterly => ("按季", "quarterly"),
        Frequency::AtMaturity => ("到期", "at maturity"),
    }
}

fn day_count_name(d: DayCount) -> (&'static str, &'static str) {
    match d {
        DayCount::Thirty360 => ("按月计息（年利率 ÷ 12）", "monthly (annual rate ÷ 12)"),
        DayCount::Actual360 => ("按实际天数计息，一年按 360 天", "actual days ÷ 360"),
        DayCount::Actual365 => ("按实际天数计息，一年按 365 天", "actual days ÷ 365"),
    }
}

/// `1234567.8` → `1,234,567.80`.
fn yuan(d: Decimal) -> String {
    let text = fen(d).to_string();
    let (whole, frac) = text.split_once('.').unwrap_or((&text, "00"));
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && c != '-' && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{out}.{frac}")
}

/// A rate as people write it: 2 to 4 decimals (`4.20%`, `5.1356%`).
fn pct(d: Decimal) -> String {
    let mut r = percent4(d).normalize();
    if r.scale() < 2 {
        r.rescale(2);
    }
    format!("{r}%")
}

/// A markup or a fee's percentage, trimmed (`50%`, `0.5%`).
fn share(d: Decimal) -> String {
    format!("{}%", percent4(d).normalize())
}

/// The rows of the cost table: (item zh, item en, payee zh/en, how zh/en, rate or amount, total,
/// annualized).
struct Row {
    item: (String, String),
    payee: (String, String),
    how: (String, String),
    rate: String,
    total: String,
    annualized: String,
}

impl Disclosure {
    fn term(&self) -> (String, String) {
        match self.loan.term {
            LoanTerm::Months(m) => (format!("{m} 个月"), format!("{m} months")),
            LoanTerm::Days(d) => (format!("{d} 天"), format!("{d} days")),
        }
    }

    fn contract_rate(&self) -> (String, String) {
        let rate = pct(self.loan.annual_rate);
        match &self.rate_basis {
            Some((benchmark, value, spread)) => {
                let (sign, bp) = if *spread < 0 { ("−", -spread) } else { ("+", *spread) };
                let value = pct(*value);
                (
                    format!("{rate}（{benchmark} {value} {sign} {bp} 个基点，{} 报价）", self.as_of),
                    format!("{rate} ({benchmark} {value} {sign} {bp}bp, as fixed on {})", self.as_of),
                )
            }
            None => (format!("{rate}（固定利率）"), format!("{rate} (fixed)")),
        }
    }

    fn rows(&self) -> Vec<Row> {
        self.lines
            .iter()
            .map(|line| match &line.fee {
                None => {
                    let (zh, en) = self.contract_rate();
                    let (fz, fe) = frequency_name(self.loan.frequency);
                    Row {
                        item: ("利息".into(), "Interest".into()),
                        payee: ("贷款人".into(), "The lender".into()),
                        how: (format!("{fz}随还款支付"), format!("{fe}, with the payments")),
                        rate: format!("{zh}<br>{en}"),
                        total: yuan(line.total),
                        annualized: pct(line.annualized),
                    }
                }
                Some(fee) => {
                    let (kz, ke) = fee_name(fee.kind);
                    let (pz, pe) = payee_name(fee.payee);
                    let (hz, he) = per_name(fee.per);
                    let rate = match fee.basis {
                        FeeBasis::Percent(p) => {
                            let p = share(p);
                            if fee.per == FeePer::Drawdown {
                                format!("支用金额的 {p}<br>{p} of each draw")
                            } else {
                                format!("贷款金额的 {p}<br>{p} of the amount")
                            }
                        }
                        FeeBasis::Money(m) => format!("{} 元<br>{} yuan", yuan(m), yuan(m)),
                    };
                    Row {
                        item: (kz.into(), ke.into()),
                        payee: (pz.into(), pe.into()),
                        how: (hz.into(), he.into()),
                        rate,
                        total: yuan(line.total),
                        annualized: pct(line.annualized),
                    }
                }
            })
            .collect()
    }

    /// The form as Markdown (for a terminal or a wiki).
    pub fn markdown(&self) -> String {
        use crate::emit::markdown_escape as md;
        let (tz, te) = self.term();
        let (mz, me) = method_name(self.loan.method);
        let (dz, de) = day_count_name(self.loan.day_count);
        let lender = self
            .lender
            .as_deref()
            .map_or_else(|| "（未填写 / not given）".into(), md);
        let mut out = format!(
            "# 综合融资成本明示表 / All-in financing cost disclosure\n\n\
             | | |\n|---|---|\n\
             | 贷款人 / Lender | {lender} |\n\
             | 产品 / Product | {} / {} ({}) |\n\
             | 贷款本金 / Principal | {} 元 / yuan |\n\
             | 贷款期限 / Term | {tz} / {te} |\n\
             | 还款方式 / Repayment | {mz} / {me} |\n\
             | 计息方式 / Interest counted | {dz} / {de} |\n\n",
            md(&self.product_zh),
            md(&self.product_en),
            md(&format!("`{}`", self.product_code)),
            yuan(self.loan.amount)
        );
        out.push_str(
            "## 利息和费用 / Interest and fees\n\n\
             | 项目 / Item | 收取方 / Collected by | 收取方式 / How | 利率或金额 / Rate or amount | 合计（元）/ Total (yuan) | 折合年化 / Annualized |\n\
             |---|---|---|---|---|---|\n",
        );
        for r in self.rows() {
            let _ = writeln!(
                out,
                "| {} / {} | {} / {} | {} / {} | {} | {} | {} |",
                r.item.0,
                r.item.1,
                r.payee.0,
                r.payee.1,
                r.how.0,
                r.how.1,
                r.rate.replace("<br>", " "),
                r.total,
                r.annualized
            );
        }
        let _ = write!(
            out,
            "\n**综合年化融资成本 / Annualized all-in cost (APR): {}** (实际年利率 / effective annual rate {})\n\n\
             利息合计 / Total interest {} 元; 费用合计 / Total fees {} 元; 还款总额 / Total repaid {} 元.\n\n",
            pct(self.apr),
            pct(self.apr_effective),
            yuan(self.total_interest),
            yuan(self.total_fees),
            yuan(self.total_repaid)
        );
        out.push_str("## 违约情形下的成本 / Costs in case of default\n\n");
        for (zh, en) in self.default_costs() {
            let _ = writeln!(out, "- {zh} / {en}");
        }
        let (nz, ne) = no_other_fees();
        let (bz, be) = self.basis_note();
        let _ = write!(out, "\n**{nz}**\n**{ne}**\n\n{bz}\n{be}\n");
        out
    }

    fn default_costs(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        match self.overdue_rate {
            Some((markup, rate)) => out.push((
                format!(
                    "逾期罚息：按合同利率上浮 {}，即年利率 {}，对逾期本金计收",
                    share(markup),
                    pct(rate)
                ),
                format!(
                    "Overdue interest: the contract rate raised by {}, {} a year, on the overdue principal",
                    share(markup),
                    pct(rate)
                ),
            )),
            None => out.push((
                "逾期罚息：产品未规定".into(),
                "Overdue interest: not set by the product".into(),
            )),
        }
        if let Some((markup, rate)) = self.misuse_rate {
            out.push((
                format!("挪用罚息：按合同利率上浮 {}，即年利率 {}，对挪用部分计收", share(markup), pct(rate)),
                format!(
                    "Misuse interest: the contract rate raised by {}, {} a year, on funds used against the agreed purpose",
                    share(markup),
                    pct(rate)
                ),
            ));
        }
        let (allowed, fee) = self.prepayment;
        out.push(if !allowed {
            ("提前还款：不允许".into(), "Early repayment: not allowed".into())
        } else if fee.is_zero() {
            (
                "提前还款：允许，不收取费用".into(),
                "Early repayment: allowed, free of charge".into(),
            )
        } else {
            (
                format!("提前还款：允许，按提前还款金额的 {} 收取违约金", share(fee)),
                format!(
                    "Early repayment: allowed, with a fee of {} of the amount repaid early",
                    share(fee)
                ),
            )
        });
        out
    }

    fn basis_note(&self) -> (String, String) {
        let date = &self.as_of;
        (
            format!(
                "年化利率按中国人民银行公告〔2021〕第3号，以每期剩余本金为基础、按内部收益率法计算，为正常履约情况下的参考值；利率按 {date} 计算。"
            ),
            format!(
                "The annualized rates follow PBOC Announcement [2021] No. 3: computed on the principal outstanding in each period (the internal rate of return), for a loan repaid as agreed; rates as of {date}."
            ),
        )
    }

    /// The form as a self-contained HTML page that prints on A4.
    pub fn html(&self) -> String {
        let (tz, te) = self.term();
        let (mz, me) = method_name(self.loan.method);
        let (dz, de) = day_count_name(self.loan.day_count);
        let lender = self.lender.clone().unwrap_or_else(|| "（未填写 / not given）".into());
        let mut rows = String::new();
        for r in self.rows() {
            let _ = writeln!(
                rows,
                "<tr><td>{}<br><span class=en>{}</span></td><td>{}<br><span class=en>{}</span></td><td>{}<br><span class=en>{}</span></td><td>{}</td><td class=num>{}</td><td class=num>{}</td></tr>",
                esc(&r.item.0),
                esc(&r.item.1),
                esc(&r.payee.0),
                esc(&r.payee.1),
                esc(&r.how.0),
                esc(&r.how.1),
                esc(&r.rate).replace("&lt;br&gt;", "<br>"),
                esc(&r.total),
                esc(&r.annualized)
            );
        }
        let mut defaults = String::new();
        for (zh, en) in self.default_costs() {
            let _ = writeln!(defaults, "<li>{}<br><span class=en>{}</span></li>", esc(&zh), esc(&en));
        }
        let (nz, ne) = no_other_fees();
        let (bz, be) = self.basis_note();
        format!(
            r#"<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>综合融资成本明示表 · {code}</title>
<style>
@page {{ size: A4; margin: 12mm 14mm; }}
* {{ box-sizing: border-box; }}
body {{ font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; font-size: 10pt; line-height: 1.35; color: #111; max-width: 180mm; margin: 0 auto; }}
h1 {{ font-size: 16pt; text-align: center; margin: 0 0 2mm; }}
h1 .en {{ display: block; font-size: 11pt; font-weight: normal; color: #444; }}
h2 {{ font-size: 11pt; margin: 4mm 0 1.5mm; border-bottom: 1px solid #999; padding-bottom: 1mm; }}
table {{ width: 100%; border-collapse: collapse; page-break-inside: avoid; }}
th, td {{ border: 1px solid #777; padding: 1.2mm 1.8mm; vertical-align: top; text-align: left; }}
th {{ background: #eee; font-weight: 600; }}
td.num {{ text-align: right; white-space: nowrap; }}
.en {{ color: #444; font-size: 9pt; }}
.facts th {{ width: 17%; }}
.facts td {{ width: 33%; }}
.apr {{ border: 2px solid #111; padding: 3mm; margin: 4mm 0; font-size: 12pt; page-break-inside: avoid; }}
.apr strong {{ font-size: 15pt; }}
.statement {{ font-weight: 700; margin: 4mm 0; }}
.note {{ font-size: 8.5pt; color: #333; }}
.sign {{ margin-top: 10mm; display: flex; justify-content: space-between; }}
.sign div {{ width: 45%; border-top: 1px solid #111; padding-top: 1mm; }}
ul {{ margin: 0; padding-left: 5mm; }}
</style>
</head>
<body>
<h1>综合融资成本明示表<span class=en>All-in financing cost disclosure</span></h1>
<table class=facts>
<tr><th>贷款人<br><span class=en>Lender</span></th><td>{lender}</td><th>产品<br><span class=en>Product</span></th><td>{pz}<br><span class=en>{pe} ({code})</span></td></tr>
<tr><th>贷款本金<br><span class=en>Principal</span></th><td>{amount} 元 <span class=en>yuan</span></td><th>贷款期限<br><span class=en>Term</span></th><td>{tz}<br><span class=en>{te}</span></td></tr>
<tr><th>还款方式<br><span class=en>Repayment</span></th><td>{mz}<br><span class=en>{me}</span></td><th>计息方式<br><span class=en>Interest counted</span></th><td>{dz}<br><span class=en>{de}</span></td></tr>
</table>
<h2>利息和费用 <span class=en>Interest and fees</span></h2>
<table>
<tr><th>项目<br><span class=en>Item</span></th><th>收取方<br><span class=en>Collected by</span></th><th>收取方式<br><span class=en>How</span></th><th>利率或金额<br><span class=en>Rate or amount</span></th><th>合计（元）<br><span class=en>Total (yuan)</span></th><th>折合年化<br><span class=en>Annualized</span></th></tr>
{rows}</table>
<div class=apr>综合年化融资成本 <span class=en>Annualized all-in cost (APR)</span>：<strong>{apr}</strong><br>
<span class=en>实际年利率 Effective annual rate {eff} · 利息合计 Total interest {ti} 元 · 费用合计 Total fees {tf} 元 · 还款总额 Total repaid {tr} 元</span></div>
<h2>违约情形下的成本 <span class=en>Costs in case of default</span></h2>
<ul>
{defaults}</ul>
<p class=statement>{nz}<br><span class=en>{ne}</span></p>
<p class=note>{bz}<br>{be}</p>
<div class=sign><div>借款人签字 <span class=en>Borrower's signature</span></div><div>日期 <span class=en>Date</span></div></div>
</body>
</html>
"#,
            code = esc(&self.product_code),
            lender = esc(&lender),
            pz = esc(&self.product_zh),
            pe = esc(&self.product_en),
            amount = yuan(self.loan.amount),
            tz = esc(&tz),
            te = esc(&te),
            mz = mz,
            me = me,
            dz = dz,
            de = de,
            rows = rows,
            apr = pct(self.apr),
            eff = pct(self.apr_effective),
            ti = yuan(self.total_interest),
            tf = yuan(self.total_fees),
            tr = yuan(self.total_repaid),
            defaults = defaults,
            nz = esc(nz),
            ne = esc(ne),
            bz = esc(&bz),
            be = esc(&be),
        )
    }
}

fn no_other_fees() -> (&'static str, &'static str) {
    (
        "除本表所列利息和费用外，贷款人及合作机构不向借款人收取其他任何费用。",
        "Apart from the interest and fees in this form, neither the lender nor any partner charges the borrower any other fee.",
    )
}

fn esc(s: &str) -> String {
    crate::emit::html_escape(s)
}
