//! The all-in financing-cost disclosure (综合融资成本明示表) for a reference loan, in Chinese and
//! English: what NFRA and PBOC's 《个人贷款业务明示综合融资成本规定》 (in force 2026-08-01) asks a
//! lender to show before signing: the principal, every interest and fee item with who collects
//! it, how and at what rate, each annualized, the annualized all-in cost under normal
//! performance, the costs of default, and that no other fees will be charged.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::{FeeBasis, FeeItem, Loan, LoanTerm, MoneyError, Schedule, percent4, schedule};
use crate::model::Label;
use crate::model::product::Product;
use crate::model::spec::{DayCount, FeePer, Frequency, RepaymentMethod};

/// Everything the form shows, computed.
#[derive(Clone, Debug)]
pub struct Disclosure {
    pub lender: Option<String>,
    /// A joint loan's partner and the share of each loan it funds (in percent): it lends and
    /// collects that share of the interest.
    pub partner: Option<(String, Decimal)>,
    pub product_zh: String,
    pub product_en: String,
    pub loan: Loan,
    pub rate: RateFacts,
    pub lines: Vec<CostLine>,
    pub payments: Payments,
    pub total_interest: Decimal,
    pub total_fees: Decimal,
    pub total_repaid: Decimal,
    pub apr: Decimal,
    pub apr_effective: Decimal,
    pub overdue_rate: Option<(Decimal, Decimal)>,
    pub misuse_rate: Option<(Decimal, Decimal)>,
    /// Whether unpaid interest compounds at the overdue rate, when the product says.
    pub compound_interest: Option<bool>,
    pub prepayment: (bool, Decimal),
    pub as_of: String,
}

/// How the contract rate is set.
#[derive(Clone, Debug)]
pub struct RateFacts {
    /// Floating: it moves with the benchmark.
    pub floating: bool,
    /// The benchmark, its fixing used and the spread in basis points, when the rate is set from
    /// one: (`LPR1Y`, 3.00, 50, the fixing's date).
    pub benchmark: Option<(String, Decimal, i64, Option<String>)>,
    /// The fixing is more than 45 days older than the form's date: the table may be out of date.
    pub stale: bool,
    /// How often a floating rate re-fixes (`None`: as the contract says).
    pub repricing: Option<crate::model::product::TermOut>,
    pub floor: Option<Decimal>,
    pub cap: Option<Decimal>,
}

/// The payments a borrower makes: how many, the first and the last.
#[derive(Clone, Debug)]
pub struct Payments {
    pub count: usize,
    pub first: Decimal,
    pub last: Decimal,
    /// Every payment but the last is the same.
    pub level: bool,
}

/// One interest or fee item.
#[derive(Clone, Debug)]
pub struct CostLine {
    /// `None` for the interest.
    pub fee: Option<FeeItem>,
    pub total: Decimal,
    /// What the item adds to the annualized cost, in percent: the interest is the APR without
    /// fees; each fee, in the order listed, what adding it raises the APR by. The figures add
    /// up to the APR.
    pub annualized: Decimal,
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
    // Fees added one at a time: each line is the step it adds, so the lines add up to the APR.
    let mut before = without_fees.apr;
    for (i, line) in full.fee_lines.iter().enumerate() {
        let so_far = Loan {
            fees: loan.fees[..=i].to_vec(),
            ..loan.clone()
        };
        let apr = if i + 1 == full.fee_lines.len() {
            full.apr
        } else {
            schedule(&so_far)?.apr
        };
        lines.push(CostLine {
            fee: Some(line.item.clone()),
            total: line.total,
            annualized: percent4(apr - before),
        });
        before = apr;
    }
    let contract = loan.annual_rate;
    let penalty = |markup: &Option<crate::model::product::PercentOut>| {
        markup.as_ref().map(|m| {
            let m = m.value();
            (m, percent4(contract * (Decimal::ONE + m / Decimal::ONE_HUNDRED)))
        })
    };
    let fixing_date = product.rate.benchmark_fixing_date;
    let fixing = fixing_date.map(crate::model::product::DateOut::text);
    let stale =
        fixing_date.is_some_and(|f| (loan.start - f.naive()).num_days() > crate::model::units::STALE_AFTER_DAYS);
    let rate = RateFacts {
        floating: product.rate.kind == crate::model::product::RateKind::Floating,
        benchmark: product.rate.benchmark.map(|b| {
            (
                b.as_str().to_owned(),
                product
                    .rate
                    .benchmark_rate
                    .as_ref()
                    .map_or(Decimal::ZERO, |r| r.value()),
                product.rate.spread_bp.unwrap_or(0),
                fixing.clone(),
            )
        }),
        stale,
        repricing: product.rate.repricing,
        floor: product.rate.floor.as_ref().map(|f| f.value()),
        cap: product.rate.cap.as_ref().map(|c| c.value()),
    };
    // The payments: rows after the disbursement that repay principal or interest (a yearly
    // fee's own row on an anniversary is not a payment of the loan).
    let paid: Vec<Decimal> = full
        .rows
        .iter()
        .skip(1)
        .filter(|r| !(r.principal + r.interest).is_zero())
        .map(|r| r.payment)
        .collect();
    let payments = Payments {
        count: paid.len(),
        first: paid.first().copied().unwrap_or_default(),
        last: paid.last().copied().unwrap_or_default(),
        level: paid.len() > 1 && paid[..paid.len() - 1].iter().all(|p| *p == paid[0]),
    };
    let partner = product
        .joint_lending
        .as_ref()
        .map(|j| (j.partner.clone(), j.partner_share.value()));
    Ok(Disclosure {
        lender,
        partner,
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
        rate,
        lines,
        payments,
        total_interest: full.totals.interest,
        total_fees: full.totals.fees,
        total_repaid: full.totals.payment,
        apr: full.apr,
        apr_effective: full.effective_rate()?,
        overdue_rate: penalty(&product.penalty.overdue_markup),
        misuse_rate: penalty(&product.penalty.misuse_markup),
        compound_interest: product.penalty.compound_interest,
        prepayment: (
            product.repayment.prepayment.allowed,
            product.repayment.prepayment.fee.value(),
        ),
        as_of: loan.start.to_string(),
    })
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

/// The rows of the cost table, each cell a Chinese line and an English line.
struct Row {
    item: (String, String),
    payee: (String, String),
    how: (String, String),
    rate: (String, String),
    total: String,
    annualized: String,
}

/// The benchmark in words: `LPR1Y` → 1 年期 LPR / the 1-year LPR.
fn benchmark_name(code: &str) -> (&'static str, &'static str) {
    match code {
        "LPR5Y" => ("5 年期以上 LPR", "the over-5-year LPR"),
        _ => ("1 年期 LPR", "the 1-year LPR"),
    }
}

impl Disclosure {
    fn term(&self) -> (String, String) {
        match self.loan.term {
            LoanTerm::Months(m) => (format!("{m} 个月"), format!("{m} months")),
            LoanTerm::Days(d) => (format!("{d} 天"), format!("{d} days")),
        }
    }

    /// How the contract rate is set: fixed, or floating with its benchmark, the fixing used,
    /// how it reprices, its floor and cap.
    fn contract_rate(&self) -> (String, String) {
        let rate = pct(self.loan.annual_rate);
        let r = &self.rate;
        let Some((code, value, spread, fixing)) = &r.benchmark else {
            return (
                format!("年利率 {rate}，固定利率，合同期内不变"),
                format!("{rate} a year, fixed for the whole term"),
            );
        };
        let (bz, be) = benchmark_name(code);
        let value = pct(*value);
        let (sign_zh, sign_en, bp) = if *spread < 0 {
            ("减", "−", -spread)
        } else {
            ("加", "+", *spread)
        };
        let (fz, fe) = fixing.as_deref().map_or_else(
            || (format!("报价 {value}"), value.clone()),
            |f| (format!("{f} 报价 {value}"), format!("{value}, fixing of {f}")),
        );
        if !r.floating {
            return (
                format!("年利率 {rate}，固定利率：按{bz}（{fz}）{sign_zh} {bp} 个基点确定，合同期内不变"),
                format!("{rate} a year, fixed for the whole term: {be} ({fe}) {sign_en} {bp}bp"),
            );
        }
        let (rz, re) = match r.repricing {
            Some(t) => {
                let (tz, te) = match t {
                    crate::model::product::TermOut::Months(m) => (format!("{m} 个月"), format!("{m} months")),
                    crate::model::product::TermOut::Days(d) => (format!("{d} 天"), format!("{d} days")),
                };
                (
                    format!("每 {tz}按届时的{bz}重新定价"),
                    format!("re-fixed every {te} at {be} then in force"),
                )
            }
            None => (
                format!("按合同约定的周期、以届时的{bz}重新定价"),
                format!("re-fixed at {be} then in force, as often as the contract sets"),
            ),
        };
        let mut zh = format!("年利率 {rate}，浮动利率：{bz}（{fz}）{sign_zh} {bp} 个基点，{rz}");
        let mut en = format!("{rate} a year now, floating: {be} ({fe}) {sign_en} {bp}bp, {re}");
        if let Some(floor) = r.floor {
            let _ = write!(zh, "，不低于 {}", pct(floor));
            let _ = write!(en, ", never below {}", pct(floor));
        }
        if let Some(cap) = r.cap {
            let _ = write!(zh, "，不高于 {}", pct(cap));
            let _ = write!(en, ", never above {}", pct(cap));
        }
        (zh, en)
    }

    /// How interest is counted and paid, by the loan's day count and its actual frequency.
    fn interest_method(&self) -> (String, String) {
        let loan = &self.loan;
        let basis = if loan.day_count == DayCount::Actual365 {
            365
        } else {
            360
        };
        let one_payment = loan.method == RepaymentMethod::Bullet || loan.frequency == Frequency::AtMaturity;
        let (paid_zh, paid_en) = if one_payment {
            ("到期一次支付", "paid at maturity")
        } else if loan.frequency == Frequency::Quarterly {
            ("按季支付", "paid quarterly")
        } else {
            ("按月支付", "paid monthly")
        };
        let (zh, en) = match (loan.term, loan.day_count) {
            (LoanTerm::Days(_), _) => (
                format!("按日计息，日利率 = 年利率 ÷ {basis}，到期一次支付"),
                format!("by the day: the annual rate ÷ {basis} a day, paid at maturity"),
            ),
            (_, DayCount::Thirty360) if one_payment => (
                "按月计息，月利率 = 年利率 ÷ 12，到期一次支付".to_owned(),
                "by the month: the annual rate ÷ 12 a month, paid at maturity".to_owned(),
            ),
            (_, DayCount::Thirty360) if loan.frequency == Frequency::Quarterly => (
                "按季计息，季利率 = 年利率 ÷ 4，按季支付".to_owned(),
                "by the quarter: the annual rate ÷ 4 a quarter, paid quarterly".to_owned(),
            ),
            (_, DayCount::Thirty360) => (
                "按月计息，月利率 = 年利率 ÷ 12，按月支付".to_owned(),
                "by the month: the annual rate ÷ 12 a month, paid monthly".to_owned(),
            ),
            _ => (
                format!("按实际天数计息，日利率 = 年利率 ÷ {basis}，{paid_zh}"),
                format!("by the actual days: the annual rate ÷ {basis} a day, {paid_en}"),
            ),
        };
        if loan.method == RepaymentMethod::Revolving {
            (format!("按实际支用金额{zh}"), format!("on the amount drawn, {en}"))
        } else {
            (zh, en)
        }
    }

    /// How many payments and how large.
    fn payments_text(&self) -> (String, String) {
        let p = &self.payments;
        let (first, last) = (super::grouped(p.first), super::grouped(p.last));
        if p.count <= 1 {
            return (
                format!("到期一次还款 {last} 元"),
                format!("one payment of {last} yuan at maturity"),
            );
        }
        let n = p.count;
        if p.level && p.first == p.last {
            (
                format!("共 {n} 期，每期 {first} 元"),
                format!("{n} payments of {first} yuan"),
            )
        } else if p.level {
            (
                format!("共 {n} 期，每期 {first} 元，末期 {last} 元"),
                format!("{n} payments of {first} yuan, the last {last} yuan"),
            )
        } else {
            (
                format!("共 {n} 期，首期 {first} 元，末期 {last} 元"),
                format!("{n} payments, the first {first} yuan, the last {last} yuan"),
            )
        }
    }

    /// The lender, and a joint loan's partner as a lender too.
    fn lenders(&self) -> (String, String) {
        let lender = self.lender.clone().unwrap_or_else(|| "（未填写）".into());
        let lender_en = self.lender.clone().unwrap_or_else(|| "(not given)".into());
        match &self.partner {
            Some((partner, part)) => (
                format!("{lender}；联合贷款出资方：{partner}（出资 {}）", share(*part)),
                format!("{lender_en}; joint lender: {partner} (funds {})", share(*part)),
            ),
            None => (lender, lender_en),
        }
    }

    fn rows(&self) -> Vec<Row> {
        self.lines
            .iter()
            .map(|line| match &line.fee {
                None => {
                    let (mz, me) = self.interest_method();
                    let payee = match &self.partner {
                        Some((partner, part)) => {
                            let ours = share(Decimal::ONE_HUNDRED - part);
                            let theirs = share(*part);
                            (
                                format!("贷款人收取 {ours}，{partner} 收取 {theirs}（按出资比例）"),
                                format!("the lender {ours}, {partner} {theirs} (by their shares of the loan)"),
                            )
                        }
                        None => ("贷款人".into(), "The lender".into()),
                    };
                    Row {
                        item: ("利息".into(), "Interest".into()),
                        payee,
                        how: (mz, me),
                        rate: self.contract_rate(),
                        total: super::grouped(line.total),
                        annualized: pct(line.annualized),
                    }
                }
                Some(fee) => {
                    let (kz, ke) = fee.kind.label();
                    let (pz, pe) = fee.payee.label();
                    let (hz, he) = fee.per.label();
                    let rate = match fee.basis {
                        FeeBasis::Percent(p) => {
                            let p = share(p);
                            if fee.per == FeePer::Drawdown {
                                (format!("每次支用金额的 {p}"), format!("{p} of each draw"))
                            } else {
                                (format!("贷款金额的 {p}"), format!("{p} of the amount"))
                            }
                        }
                        FeeBasis::Money(m) => (
                            format!("{} 元", super::grouped(m)),
                            format!("{} yuan", super::grouped(m)),
                        ),
                    };
                    Row {
                        item: (kz.into(), ke.into()),
                        payee: (pz.into(), pe.into()),
                        how: (hz.into(), he.into()),
                        rate,
                        total: super::grouped(line.total),
                        annualized: pct(line.annualized),
                    }
                }
            })
            .collect()
    }

    /// The facts at the top: (Chinese label, English label, Chinese value, English value).
    fn facts(&self) -> Vec<(&'static str, &'static str, String, String)> {
        let (lz, le) = self.lenders();
        let (tz, te) = self.term();
        let (mz, me) = self.loan.method.label();
        let (pz, pe) = self.payments_text();
        vec![
            ("贷款人", "Lender", lz, le),
            ("产品", "Product", self.product_zh.clone(), self.product_en.clone()),
            (
                "贷款本金",
                "Principal",
                format!("{} 元", super::grouped(self.loan.amount)),
                format!("{} yuan", super::grouped(self.loan.amount)),
            ),
            ("贷款期限", "Term", tz, te),
            ("还款方式", "Repayment", mz.into(), me.into()),
            ("每期还款", "Payments", pz, pe),
        ]
    }

    /// The form as Markdown (for a terminal or a wiki): each cell a Chinese line and an
    /// English line.
    pub fn markdown(&self) -> String {
        use crate::diagnostics::markdown_escape as md;
        // The same text in both languages (a name) is written once.
        let two = |zh: &str, en: &str| {
            if zh == en {
                md(zh)
            } else {
                format!("{}<br>{}", md(zh), md(en))
            }
        };
        let mut out = String::from("# 综合融资成本明示表<br>All-in financing cost disclosure\n\n| | |\n|---|---|\n");
        for (lz, le, vz, ve) in self.facts() {
            let _ = writeln!(out, "| {} | {} |", two(lz, le), two(&vz, &ve));
        }
        if let Some((zh, en)) = self.stale_notice() {
            let _ = write!(out, "\n> **{}**<br>{}\n", md(&zh), md(&en));
        }
        out.push_str(
            "\n## 利息和费用<br>Interest and fees\n\n\
             | 项目<br>Item | 收取方<br>Collected by | 计收方式<br>How | 利率或金额<br>Rate or amount | 合计（元）<br>Total (yuan) | 折合年化<br>Annualized |\n\
             |---|---|---|---|---|---|\n",
        );
        for r in self.rows() {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                two(&r.item.0, &r.item.1),
                two(&r.payee.0, &r.payee.1),
                two(&r.how.0, &r.how.1),
                two(&r.rate.0, &r.rate.1),
                r.total,
                r.annualized
            );
        }
        let _ = write!(
            out,
            "\n**综合年化融资成本：{apr}**<br>**Annualized all-in cost (APR): {apr}**<br>\
             实际年利率 {eff}；利息合计 {ti} 元；费用合计 {tf} 元；还款总额 {tr} 元<br>\
             Effective annual rate {eff}; total interest {ti} yuan; total fees {tf} yuan; total repaid {tr} yuan\n\n",
            apr = pct(self.apr),
            eff = pct(self.apr_effective),
            ti = super::grouped(self.total_interest),
            tf = super::grouped(self.total_fees),
            tr = super::grouped(self.total_repaid)
        );
        out.push_str("## 违约情形下的成本<br>Costs in case of default\n\n");
        for (zh, en) in self.default_costs() {
            let _ = writeln!(out, "- {}<br>{}", md(&zh), md(&en));
        }
        let (nz, ne) = no_other_fees();
        let (bz, be) = self.basis_note();
        let _ = write!(out, "\n**{nz}**<br>**{ne}**\n\n{}<br>{}\n", md(&bz), md(&be));
        out
    }

    fn stale_notice(&self) -> Option<(String, String)> {
        let fixing = self.rate.benchmark.as_ref()?.3.as_deref()?;
        let date = &self.as_of;
        self.rate.stale.then(|| {
            (
                format!("注意：本表所用 LPR 为 {fixing} 的报价，距本表日期 {date} 已超过 45 天，其后可能已有新的报价；签约前请按最新报价重新计算。"),
                format!("Note: the LPR used is the fixing of {fixing}, more than 45 days before this form's date, {date}; a newer fixing may exist: recompute with it before signing."),
            )
        })
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
        match self.compound_interest {
            Some(true) => out.push((
                "复利：逾期未付的利息按逾期罚息利率计收复利".into(),
                "Compound interest: interest not paid when due itself earns interest at the overdue rate".into(),
            )),
            Some(false) => out.push((
                "复利：逾期未付的利息不计收复利".into(),
                "Compound interest: none; interest not paid when due earns no further interest".into(),
            )),
            None => {}
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
        let fixing = self.rate.benchmark.as_ref().and_then(|b| b.3.clone());
        let (fz, fe) = fixing.map_or_else(
            || (String::new(), String::new()),
            |f| (format!("LPR 取 {f} 的报价，"), format!(" with the LPR fixing of {f}")),
        );
        (
            format!(
                "年化利率按中国人民银行公告〔2021〕第3号，以每期剩余本金为基础、按内部收益率法计算，为正常履约情况下的参考值；{fz}按 {date} 计算。各项折合年化数：利息为不计费用时的年化利率，各项费用为按表中顺序依次计入后年化利率的增加额，合计等于综合年化融资成本。"
            ),
            format!(
                "The annualized rates follow PBOC Announcement [2021] No. 3: computed on the principal outstanding in each period (the internal rate of return), for a loan repaid as agreed, as of {date}{fe}. Per item, the interest is the annualized rate without fees and each fee what adding it, in the order listed, raises the rate by: together they make the all-in cost."
            ),
        )
    }

    /// The form as a self-contained HTML page that prints on A4.
    pub fn html(&self) -> String {
        let two = |zh: &str, en: &str| {
            if zh == en {
                esc(zh)
            } else {
                format!("{}<br><span class=en>{}</span>", esc(zh), esc(en))
            }
        };
        let mut facts = String::new();
        for (lz, le, vz, ve) in self.facts() {
            let _ = writeln!(facts, "<tr><th>{}</th><td>{}</td></tr>", two(lz, le), two(&vz, &ve));
        }
        let mut rows = String::new();
        for r in self.rows() {
            let _ = writeln!(
                rows,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=num>{}</td><td class=num>{}</td></tr>",
                two(&r.item.0, &r.item.1),
                two(&r.payee.0, &r.payee.1),
                two(&r.how.0, &r.how.1),
                two(&r.rate.0, &r.rate.1),
                esc(&r.total),
                esc(&r.annualized)
            );
        }
        let mut defaults = String::new();
        for (zh, en) in self.default_costs() {
            let _ = writeln!(defaults, "<li>{}</li>", two(&zh, &en));
        }
        let stale = self
            .stale_notice()
            .map(|(zh, en)| format!("<p class=stale>{}</p>\n", two(&zh, &en)))
            .unwrap_or_default();
        let (nz, ne) = no_other_fees();
        let (bz, be) = self.basis_note();
        format!(
            r#"<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>综合融资成本明示表 · {title}</title>
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
.facts th {{ width: 22%; }}
.apr {{ border: 2px solid #111; padding: 3mm; margin: 4mm 0; font-size: 12pt; page-break-inside: avoid; }}
.apr strong {{ font-size: 15pt; }}
.stale {{ border: 2px solid #a00; padding: 2mm; color: #700; font-weight: 600; }}
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
{facts}</table>
{stale}<h2>利息和费用<br><span class=en>Interest and fees</span></h2>
<table>
<tr><th>{item}</th><th>{payee}</th><th>{how}</th><th>{rate}</th><th>{total}</th><th>{annual}</th></tr>
{rows}</table>
<div class=apr>综合年化融资成本：<strong>{apr}</strong><br><span class=en>Annualized all-in cost (APR): {apr}</span><br>
实际年利率 {eff}；利息合计 {ti} 元；费用合计 {tf} 元；还款总额 {tr} 元<br>
<span class=en>Effective annual rate {eff}; total interest {ti} yuan; total fees {tf} yuan; total repaid {tr} yuan</span></div>
<h2>违约情形下的成本<br><span class=en>Costs in case of default</span></h2>
<ul>
{defaults}</ul>
<p class=statement>{statement}</p>
<p class=note>{note}</p>
<div class=sign><div>{signature}</div><div>{date}</div></div>
</body>
</html>
"#,
            title = esc(&self.product_zh),
            item = two("项目", "Item"),
            payee = two("收取方", "Collected by"),
            how = two("计收方式", "How"),
            rate = two("利率或金额", "Rate or amount"),
            total = two("合计（元）", "Total (yuan)"),
            annual = two("折合年化", "Annualized"),
            apr = pct(self.apr),
            eff = pct(self.apr_effective),
            ti = super::grouped(self.total_interest),
            tf = super::grouped(self.total_fees),
            tr = super::grouped(self.total_repaid),
            statement = two(nz, ne),
            note = two(&bz, &be),
            signature = two("借款人签字", "Borrower's signature"),
            date = two("日期", "Date"),
        )
    }
}

fn no_other_fees() -> (&'static str, &'static str) {
    (
        "除本表所列利息和费用外，贷款人及其合作机构（包括联合贷款出资方、融资担保公司、保险公司及其他第三方）不以任何名义向借款人收取其他费用。",
        "Apart from the interest and fees in this form, neither the lender nor anyone working with it (a joint lender, a guarantee company, an insurer or any other third party) charges the borrower anything else, under any name.",
    )
}

fn esc(s: &str) -> String {
    crate::diagnostics::html_escape(s)
}
