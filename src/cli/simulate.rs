//! `loanspec simulate`: a product's repayment schedule for one loan, with its APR.

use rust_decimal::Decimal;
use serde_json::{Value, json};

use loanspec::compile::CompiledProduct;
use loanspec::diagnostics::Lang;
use loanspec::model::product::TermOut;
use loanspec::model::spec::RepaymentMethod;
use loanspec::model::word;
use loanspec::money::{self, Loan, LoanTerm, Schedule};
use loanspec::text;

pub(super) use loanspec::simulate::{Request, loan_for, money_problem};

pub(super) fn schedule_json(product: &CompiledProduct, loan: &Loan, s: &Schedule) -> Value {
    let (months, days) = match loan.term {
        LoanTerm::Months(m) => (m, None),
        LoanTerm::Days(d) => (0, Some(d)),
    };
    let revolving = loan.method == RepaymentMethod::Revolving;
    let rows: Vec<Value> = s
        .rows
        .iter()
        .map(|r| {
            let mut row = json!({
                "period": r.period,
                "date": r.date.to_string(),
                "payment": fen(r.payment),
                "principal": fen(r.principal),
                "interest": fen(r.interest),
                "fees": fen(r.fees),
                "balance": fen(r.balance),
            });
            if revolving {
                if let Some(map) = row.as_object_mut() {
                    map.insert("drawn".into(), Value::from(fen(r.drawn)));
                }
            }
            row
        })
        .collect();
    let fees: Vec<Value> = s
        .fee_lines
        .iter()
        .map(|f| {
            let (percent, money) = match f.item.basis {
                money::FeeBasis::Percent(p) => (Some(p.to_string()), None),
                money::FeeBasis::Money(m) => (None, Some(fen(m))),
            };
            json!({
                "kind": word(&f.item.kind),
                "payee": word(&f.item.payee),
                "per": word(&f.item.per),
                "percent": percent,
                "money": money,
                "total": fen(f.total),
            })
        })
        .collect();
    let mut out = json!({
        "product": product.product.code,
        "amount": fen(loan.amount),
        "term_months": months,
        "method": word(&loan.method),
        "frequency": word(&loan.frequency),
        "day_count": word(&loan.day_count),
        "annual_rate": percent(loan.annual_rate),
        "as_of": loan.start.to_string(),
        "schedule": rows,
        "fees": fees,
        "totals": {
            "payment": fen(s.totals.payment),
            "principal": fen(s.totals.principal),
            "interest": fen(s.totals.interest),
            "fees": fen(s.totals.fees),
        },
        "apr": percent(s.apr),
        "apr_effective": percent(s.apr_effective.unwrap_or_default()),
    });
    if let (Some(d), Some(map)) = (days, out.as_object_mut()) {
        map.insert("term_days".into(), Value::from(d));
    }
    out
}

pub(super) fn fen(d: Decimal) -> String {
    money::fen(d).to_string()
}

pub(super) fn percent(d: Decimal) -> String {
    money::percent4(d).to_string()
}

/// `1234567.8` → `1,234,567.80`.
pub(super) use loanspec::money::grouped;

/// The schedule as a table for people.
pub(super) fn schedule_human(product: &CompiledProduct, loan: &Loan, s: &Schedule, lang: Lang) -> String {
    let p = &product.product;
    let name = loanspec::diagnostics::visible(&product_name(&p.name, lang)).into_owned();
    let term = match loan.term {
        LoanTerm::Months(m) => TermOut::Months(m).display_in(lang),
        LoanTerm::Days(d) => TermOut::Days(d).display_in(lang),
    };
    let (method, rate, amount) = (
        method_label(loan.method, lang),
        percent(loan.annual_rate),
        grouped(loan.amount),
    );
    let revolving = loan.method == RepaymentMethod::Revolving;
    let (code, start) = (&p.code, loan.start);
    let mut out = text!(
        "{code} {name}: {amount} over {term}, {method}, {rate}% a year (as of {start})\n\n",
        "{code} {name}：{amount}，期限 {term}，{method}，年利率 {rate}%（{start}）\n\n"
    )
    .get(lang)
    .to_owned();
    let heads = [
        text!("period", "期次"),
        text!("date", "日期"),
        text!("drawn", "支用"),
        text!("payment", "还款额"),
        text!("principal", "本金"),
        text!("interest", "利息"),
        text!("fees", "费用"),
        text!("balance", "剩余本金"),
    ];
    let mut table: Vec<Vec<String>> = vec![heads.iter().map(|h| h.get(lang).to_owned()).collect()];
    for r in &s.rows {
        table.push(vec![
            r.period.to_string(),
            r.date.to_string(),
            grouped(r.drawn),
            grouped(r.payment),
            grouped(r.principal),
            grouped(r.interest),
            grouped(r.fees),
            grouped(r.balance),
        ]);
    }
    table.push(vec![
        text!("total", "合计").get(lang).to_owned(),
        String::new(),
        grouped(s.totals.drawn),
        grouped(s.totals.payment),
        grouped(s.totals.principal),
        grouped(s.totals.interest),
        grouped(s.totals.fees),
        String::new(),
    ]);
    // The `drawn` column only for a credit line.
    let columns: Vec<usize> = (0..8).filter(|c| revolving || *c != 2).collect();
    let width = |c: usize| table.iter().map(|row| display_width(&row[c])).max().unwrap_or(0);
    let widths: Vec<usize> = (0..8).map(width).collect();
    for row in &table {
        let cells: Vec<String> = columns
            .iter()
            .map(|&c| {
                let pad = widths[c].saturating_sub(display_width(&row[c]));
                if c == 1 {
                    format!("{}{}", row[c], " ".repeat(pad))
                } else {
                    format!("{}{}", " ".repeat(pad), row[c])
                }
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    let (apr, effective) = (percent(s.apr), percent(s.apr_effective.unwrap_or_default()));
    out.push('\n');
    let per_year = s.periods_per_year.normalize();
    out.push_str(
        text!(
            "APR {apr}% a year (IRR of the cash flows × {per_year} periods a year); effective annual rate {effective}%\n",
            "年化利率（APR，按内部收益率计算）{apr}%；实际年利率 {effective}%\n"
        )
        .get(lang),
    );
    out
}

/// A repayment method in words: `等额本息 (equal_installment)`.
pub(super) fn method_label(method: RepaymentMethod, lang: Lang) -> String {
    let (zh, _) = loanspec::model::Label::label(method);
    match lang {
        Lang::Zh => zh.to_owned(),
        Lang::En => format!("{} ({zh})", word(&method)),
    }
}

/// A product's name in the language asked for, or the other one.
pub(super) fn product_name(name: &loanspec::model::spec::Name, lang: Lang) -> String {
    let (first, second) = match lang {
        Lang::Zh => (&name.zh, &name.en),
        Lang::En => (&name.en, &name.zh),
    };
    first.clone().or_else(|| second.clone()).unwrap_or_default()
}

/// Width on a terminal: a CJK character takes two columns.
fn display_width(s: &str) -> usize {
    s.chars().map(|c| if c as u32 >= 0x1100 { 2 } else { 1 }).sum()
}

pub(super) fn schedule_csv(loan: &Loan, s: &Schedule) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let revolving = loan.method == RepaymentMethod::Revolving;
    let mut head = vec!["period", "date", "payment", "principal", "interest", "fees", "balance"];
    if revolving {
        head.insert(2, "drawn");
    }
    let _ = w.write_record(&head);
    for r in &s.rows {
        let mut row = vec![
            r.period.to_string(),
            r.date.to_string(),
            fen(r.payment),
            fen(r.principal),
            fen(r.interest),
            fen(r.fees),
            fen(r.balance),
        ];
        if revolving {
            row.insert(2, fen(r.drawn));
        }
        let _ = w.write_record(&row);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
