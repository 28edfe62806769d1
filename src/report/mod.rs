//! `loanspec report`: one self-contained HTML page for a product committee: a lifecycle board
//! (a column per stage, a card per product), then a section per product with its terms, rate as
//! of the report date, reference repayment example, product line, sign-offs and open findings,
//! and, with metrics, SVG trend charts. No scripts, fonts or links outside the file.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rust_decimal::Decimal;

use crate::compile::{CompiledProduct, Run};
use crate::diagnostics::html_escape as esc;
use crate::diagnostics::{Diagnostic, Lang, Severity};
use crate::model::product::{DateOut, MoneyOut, PercentOut, Product, TermOut};
use crate::model::spec::Stage;
use crate::model::word;
use crate::monitor::{Metrics, Row, Status};

const STAGES: [Stage; 9] = Stage::ALL;

/// A stage's name in the report's language.
fn label_of(s: Stage, lang: Lang) -> &'static str {
    crate::model::Label::label_in(s, lang)
}

/// A value of the spec's words as a committee reads it (`schema::said`).
fn said<T: serde::Serialize + schemars::JsonSchema>(value: &T, lang: Lang) -> String {
    crate::schema::said(value, lang)
}

/// A value that has a bilingual label (`model::Label`): its Chinese label in Chinese, the spec's
/// word in English.
fn said_label<T: crate::model::Label + serde::Serialize>(value: T, lang: Lang) -> String {
    if lang == Lang::Zh {
        value.label_in(lang).to_owned()
    } else {
        word(&value)
    }
}

/// A label in the report's language.
fn l(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    if lang == Lang::Zh { zh } else { en }
}

fn money(m: &MoneyOut) -> String {
    m.money().display()
}

fn percent(p: &PercentOut) -> String {
    p.percent().display()
}

fn term(t: TermOut, lang: Lang) -> String {
    t.display_in(lang)
}

/// `12–36 个月`, `6M–3Y` style: one unit when both ends have it.
fn term_range(min: TermOut, max: TermOut, lang: Lang) -> String {
    match (min, max, lang) {
        (TermOut::Months(a), TermOut::Months(b), Lang::Zh) => format!("{a}–{b} 个月"),
        (TermOut::Months(a), TermOut::Months(b), Lang::En) => format!("{a}–{b}M"),
        (TermOut::Days(a), TermOut::Days(b), Lang::Zh) => format!("{a}–{b} 天"),
        (TermOut::Days(a), TermOut::Days(b), Lang::En) => format!("{a}–{b}D"),
        _ => format!("{}–{}", term(min, lang), term(max, lang)),
    }
}

fn name(p: &Product, lang: Lang) -> String {
    let (zh, en) = (p.name.zh.clone(), p.name.en.clone());
    match lang {
        Lang::Zh => zh.or(en),
        Lang::En => en.or(zh),
    }
    .unwrap_or_else(|| p.code.clone())
}

fn rate_text(p: &Product, lang: Lang) -> String {
    let effective = percent(&p.rate.effective_rate);
    match (&p.rate.benchmark, p.rate.spread_bp) {
        (Some(b), Some(bp)) => {
            let fixing = p.rate.benchmark_rate.as_ref().map(percent).unwrap_or_default();
            let sign = if bp < 0 { "−" } else { "+" };
            let date = p.rate.benchmark_fixing_date.map(DateOut::text).unwrap_or_default();
            format!(
                "{} {sign} {}bp = {effective} ({} {fixing}, {} {date})",
                word(b),
                bp.abs(),
                l(lang, "benchmark", "基准"),
                l(lang, "fixing of", "报价日")
            )
        }
        _ => format!("{effective} {}", l(lang, "fixed", "固定")),
    }
}

/// Everything the report shows.
pub struct Input<'a> {
    pub run: &'a Run,
    pub metrics: Option<&'a Metrics>,
    pub status: &'a [Status],
    pub as_of: String,
    pub lang: Lang,
}

/// The findings of each product's own file (errors and warnings: notes are not open items).
fn findings_by_code(run: &Run) -> BTreeMap<String, Vec<&Diagnostic>> {
    // One pass over the findings, grouped by file, then named by each file's code.
    let mut by_file: BTreeMap<crate::source::FileId, Vec<&Diagnostic>> = BTreeMap::new();
    for d in run.diagnostics.iter().filter(|d| d.severity != Severity::Info) {
        if let Some(file) = d.file() {
            by_file.entry(file).or_default().push(d);
        }
    }
    run.checked
        .iter()
        .filter_map(|c| Some((c.code.clone()?, by_file.remove(&c.file).unwrap_or_default())))
        .collect()
}

pub fn html(input: &Input<'_>) -> String {
    let lang = input.lang;
    let findings = findings_by_code(input.run);
    let mut products: Vec<&CompiledProduct> = input.run.products.iter().collect();
    products.sort_by(|a, b| a.product.code.cmp(&b.product.code));
    let mut body = String::new();
    let title = l(lang, "Loan product catalogue", "贷款产品目录");
    let _ = write!(
        body,
        "<header><h1>{title}</h1><p>{} {} · {} {}</p></header>",
        l(lang, "As of", "数据日期"),
        esc(&input.as_of),
        products.len(),
        l(lang, "products", "个产品")
    );

    // What could not be read is said first, never left out in silence; so is what the whole
    // run was warned of (a stale LPR table makes every floating rate on the page doubtful).
    body.push_str(&unresolved(input));
    body.push_str(&run_wide(input));

    // The board.
    body.push_str("<section class=board>");
    for stage in STAGES {
        let here: Vec<&&CompiledProduct> = products.iter().filter(|p| p.product.stage == stage).collect();
        let _ = write!(
            body,
            "<div class=column><h2>{}<span class=count>{}</span></h2>",
            label_of(stage, lang),
            here.len()
        );
        for p in here {
            body.push_str(&card(p, &findings, input));
        }
        body.push_str("</div>");
    }
    body.push_str("</section>");

    for p in &products {
        body.push_str(&section(p, &findings, input));
    }
    let lang_attr = if lang == Lang::Zh { "zh-CN" } else { "en" };
    format!(
        "<!DOCTYPE html>\n<html lang={lang_attr}>\n<head>\n<meta charset=utf-8>\n<title>{title}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )
}

/// The findings about the run as a whole, not one file (the LPR table is out of date).
fn run_wide(input: &Input<'_>) -> String {
    let lang = input.lang;
    let notes: Vec<&Diagnostic> = input
        .run
        .diagnostics
        .iter()
        .filter(|d| d.file().is_none() && d.severity != Severity::Info)
        .collect();
    if notes.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "<section class=missing><h2>{}</h2><ul>",
        l(lang, "Read this first", "请先阅读")
    );
    for d in notes {
        let help = d.help.as_ref().map(|h| h.get(lang)).unwrap_or_default();
        let _ = write!(
            out,
            "<li><code>{}</code> {} <span class=help>{}</span></li>",
            esc(&d.code.code),
            esc(d.message.get(lang)),
            esc(help)
        );
    }
    out.push_str("</ul></section>");
    out
}

/// The named specs that did not become products: each with its file and first error, so the
/// committee knows the page is not the whole catalogue.
fn unresolved(input: &Input<'_>) -> String {
    let run = input.run;
    if run.unresolved.is_empty() {
        return String::new();
    }
    let lang = input.lang;
    let mut out = format!(
        "<section class=missing><h2>{} ({})</h2><p>{}</p><ul>",
        l(
            lang,
            "Not in this report: specs that could not be read",
            "未纳入本报告：无法读取的规格"
        ),
        run.unresolved.len(),
        l(
            lang,
            "These specs have errors that keep them from being read as products; `loanspec check` shows each. The board and the sections below leave them out.",
            "以下规格存在错误，无法作为产品读取；`loanspec check` 会逐一列出。下方的看板和各产品部分均未包含它们。"
        )
    );
    for missing in &run.unresolved {
        let file = run.sources.get(missing.file).map_or("", |f| f.display.as_str());
        let first = run
            .diagnostics
            .iter()
            .find(|d| d.is_error() && d.file() == Some(missing.file))
            .or_else(|| run.diagnostics.iter().find(|d| d.is_error()));
        let _ = write!(
            out,
            "<li><b>{}</b> <span class=code>{}</span>{}</li>",
            esc(missing.code.as_deref().unwrap_or("—")),
            esc(file),
            first.map_or_else(String::new, |d| format!(
                ": {} {}",
                esc(&d.code.code),
                esc(d.message.get(lang))
            ))
        );
    }
    out.push_str("</ul></section>");
    out
}

const CSS: &str = r#"@page { size: A4 landscape; margin: 10mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; font-size: 13px; color: #1a1a1a; margin: 16px; }
header h1 { font-size: 22px; margin: 0; }
header p { margin: 2px 0 12px; color: #555; }
.missing { border: 2px solid #dc2626; background: #fef2f2; border-radius: 6px; padding: 6px 10px; margin-bottom: 12px; }
.missing h2 { font-size: 15px; margin: 0 0 4px; color: #991b1b; }
.missing p { margin: 0 0 4px; }
.board { display: grid; grid-template-columns: repeat(9, minmax(0, 1fr)); gap: 6px; align-items: start; }
.column { background: #f3f4f6; border-radius: 6px; padding: 6px; min-height: 120px; }
.column h2 { font-size: 13px; margin: 0 0 6px; display: flex; justify-content: space-between; }
.count { color: #666; font-weight: normal; }
.card { background: #fff; border: 1px solid #d1d5db; border-left: 4px solid #2563eb; border-radius: 4px; padding: 5px 6px; margin-bottom: 6px; font-size: 11.5px; line-height: 1.35; page-break-inside: avoid; }
.card.bad { border-left-color: #dc2626; }
.card.warn { border-left-color: #d97706; }
.card b { display: block; font-size: 12px; }
.card .code { color: #555; font-size: 10.5px; }
.flag { display: inline-block; border-radius: 3px; padding: 0 4px; margin-top: 3px; font-size: 10.5px; }
.flag.e { background: #fee2e2; color: #991b1b; }
.flag.w { background: #fef3c7; color: #92400e; }
.product { page-break-before: always; margin-top: 24px; }
.product h2 { font-size: 18px; margin: 0 0 6px; border-bottom: 2px solid #1a1a1a; }
.cols { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
table { border-collapse: collapse; width: 100%; margin-bottom: 10px; page-break-inside: avoid; }
th, td { border: 1px solid #d1d5db; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #f3f4f6; width: 32%; font-weight: 600; }
td.num { text-align: right; }
h3 { font-size: 14px; margin: 10px 0 4px; }
ul.findings { margin: 0; padding-left: 18px; }
.error { color: #991b1b; } .warning { color: #92400e; }
svg { background: #fff; border: 1px solid #d1d5db; }
svg text { font-size: 10px; fill: #444; }
@media print { body { margin: 0; font-size: 11px; } header h1 { font-size: 16px; } .board { gap: 3px; } .column { padding: 3px; } .card { font-size: 8.5px; line-height: 1.25; padding: 2px 4px; margin-bottom: 3px; } .card b { font-size: 9.5px; } .board { page-break-after: always; } }
"#;

fn card(p: &CompiledProduct, findings: &BTreeMap<String, Vec<&Diagnostic>>, input: &Input<'_>) -> String {
    let lang = input.lang;
    let pr = &p.product;
    let list = findings.get(&pr.code).cloned().unwrap_or_default();
    let errors = list.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = list.len() - errors;
    let status = input.status.iter().find(|s| s.code == pr.code);
    let fired = status.is_some_and(|s| s.events.iter().any(|e| e.kind == crate::monitor::Kind::Retirement));
    let alert = status.is_some_and(|s| {
        s.events.iter().any(|e| {
            matches!(
                e.kind,
                crate::monitor::Kind::OverdueAlert
                    | crate::monitor::Kind::ReviewOverdue
                    | crate::monitor::Kind::PilotMissed
            )
        })
    });
    let class = if errors > 0 || fired {
        "card bad"
    } else if warnings > 0 || alert {
        "card warn"
    } else {
        "card"
    };
    let mut out = format!(
        "<div class=\"{class}\"><b>{}</b><span class=code>{}</span><br>{}–{} · {}<br>{}",
        esc(&name(pr, lang)),
        esc(&pr.code),
        money(&pr.amount.min),
        money(&pr.amount.max),
        term_range(pr.term.min, pr.term.max, lang),
        esc(&percent(&pr.rate.effective_rate)),
    );
    if errors > 0 {
        let _ = write!(
            out,
            "<br><span class=\"flag e\">{errors} {}</span>",
            l(lang, "errors", "个错误")
        );
    }
    if warnings > 0 {
        let _ = write!(
            out,
            "<br><span class=\"flag w\">{warnings} {}</span>",
            l(lang, "warnings", "个警告")
        );
    }
    if fired {
        let _ = write!(
            out,
            "<br><span class=\"flag e\">{}</span>",
            l(lang, "retirement trigger fired", "已触发退出条件")
        );
    } else if status.is_some_and(|s| s.events.iter().any(|e| e.kind == crate::monitor::Kind::OverdueAlert)) {
        let _ = write!(
            out,
            "<br><span class=\"flag w\">{}</span>",
            l(lang, "overdue alert", "逾期预警")
        );
    }
    out.push_str("</div>");
    out
}

fn row(out: &mut String, label: &str, value: &str) {
    let _ = write!(out, "<tr><th>{label}</th><td>{value}</td></tr>");
}

#[expect(
    clippy::too_many_lines,
    reason = "one table row after another of a product's page section: a mapping of fields to rows"
)]
fn section(p: &CompiledProduct, findings: &BTreeMap<String, Vec<&Diagnostic>>, input: &Input<'_>) -> String {
    let lang = input.lang;
    let pr = &p.product;
    let mut terms = String::from("<table>");
    row(&mut terms, l(lang, "Stage", "阶段"), label_of(pr.stage, lang));
    row(&mut terms, l(lang, "Version", "版本"), &esc(&pr.version));
    row(
        &mut terms,
        l(lang, "Borrower", "借款人"),
        &esc(&said(&pr.borrower.kind, lang)),
    );
    row(&mut terms, l(lang, "Purpose", "用途"), &esc(&said(&pr.purpose, lang)));
    row(
        &mut terms,
        l(lang, "Amount", "金额"),
        &format!(
            "{} – {} {}",
            money(&pr.amount.min),
            money(&pr.amount.max),
            said(&pr.amount.currency, lang)
        ),
    );
    let options: Vec<String> = pr.term.options.iter().map(|t| term(*t, lang)).collect();
    let term_text = if options.is_empty() {
        format!("{} – {}", term(pr.term.min, lang), term(pr.term.max, lang))
    } else {
        options.join(", ")
    };
    row(&mut terms, l(lang, "Term", "期限"), &term_text);
    let rate_label = format!("{} ({})", l(lang, "Rate", "利率"), esc(&pr.as_of.text()));
    row(&mut terms, &rate_label, &esc(&rate_text(pr, lang)));
    let methods: Vec<String> = pr.repayment.methods.iter().map(|m| said_label(*m, lang)).collect();
    row(
        &mut terms,
        l(lang, "Repayment", "还款方式"),
        &esc(&methods.join(l(lang, ", ", "、"))),
    );
    let fees: Vec<String> = pr
        .fees
        .iter()
        .map(|f| {
            let amount = f
                .amount
                .percent
                .as_ref()
                .map(percent)
                .or_else(|| f.amount.money.as_ref().map(money))
                .unwrap_or_default();
            format!("{} {amount} / {}", said_label(f.kind, lang), said_label(f.per, lang))
        })
        .collect();
    row(
        &mut terms,
        l(lang, "Fees", "费用"),
        &if fees.is_empty() {
            l(lang, "none", "无").to_owned()
        } else {
            esc(&fees.join("; "))
        },
    );
    let collateral: Vec<String> = pr
        .collateral
        .iter()
        .map(|c| format!("{} {}", said(&c.kind, lang), percent(&c.share)))
        .collect();
    row(
        &mut terms,
        l(lang, "Collateral", "担保"),
        &if collateral.is_empty() {
            l(lang, "credit (none)", "信用（无担保）").to_owned()
        } else {
            esc(&collateral.join(", "))
        },
    );
    let line: Vec<String> = pr.source.extends.iter().map(|e| e.path.clone()).collect();
    row(
        &mut terms,
        l(lang, "Product line", "产品线"),
        &if line.is_empty() {
            "—".to_owned()
        } else {
            esc(&line.join(" ← "))
        },
    );
    terms.push_str("</table>");

    let mut right = String::new();
    // The reference loan, as `compile` reports it in the canonical output.
    if let Some(r) = p.reference_example() {
        let _ = write!(right, "<h3>{}</h3><table>", l(lang, "Reference loan", "参考贷款"));
        row(
            &mut right,
            l(lang, "Loan", "贷款"),
            &format!(
                "{} · {} · {}",
                money(&r.amount),
                term(r.term, lang),
                esc(&said_label(r.method, lang))
            ),
        );
        row(
            &mut right,
            l(lang, "First payment", "首期还款"),
            &esc(&r.payment.text()),
        );
        row(
            &mut right,
            l(lang, "Total interest", "利息合计"),
            &esc(&r.total_interest.text()),
        );
        row(
            &mut right,
            l(lang, "Total fees", "费用合计"),
            &esc(&r.total_fees.text()),
        );
        row(&mut right, l(lang, "APR", "年化综合成本"), &percent(&r.apr));
        right.push_str("</table>");
    }
    let _ = write!(right, "<h3>{}</h3>", l(lang, "Sign-offs", "签批"));
    if pr.approvals.is_empty() {
        right.push_str("<p>—</p>");
    } else {
        right.push_str("<table>");
        for a in &pr.approvals {
            row(
                &mut right,
                &esc(&said(&a.role, lang)),
                &format!("{} · {}", esc(&a.by), esc(&a.date.text())),
            );
        }
        right.push_str("</table>");
    }
    let list = findings.get(&pr.code).cloned().unwrap_or_default();
    let _ = write!(
        right,
        "<h3>{} ({})</h3>",
        l(lang, "Open findings", "待处理问题"),
        list.len()
    );
    if !list.is_empty() {
        right.push_str("<ul class=findings>");
        for d in list {
            let _ = write!(
                right,
                "<li class={}>{} {} — {}</li>",
                d.severity.as_str(),
                esc(&d.code.code),
                esc(&d.code.name),
                esc(d.message.get(lang))
            );
        }
        right.push_str("</ul>");
    }
    if let Some(status) = input.status.iter().find(|s| s.code == pr.code) {
        if !status.events.is_empty() {
            let _ = write!(right, "<h3>{}</h3><ul class=findings>", l(lang, "Monitoring", "监测"));
            for e in &status.events {
                let _ = write!(
                    right,
                    "<li class={}>{}</li>",
                    e.severity.as_str(),
                    esc(e.message.get(lang))
                );
            }
            right.push_str("</ul>");
        }
    }

    let mut charts = String::new();
    if let Some(rows) = input.metrics.and_then(|m| m.get(&pr.code)).filter(|r| !r.is_empty()) {
        let _ = write!(charts, "<h3>{}</h3><div class=cols>", l(lang, "Trends", "趋势"));
        charts.push_str(&chart(
            rows,
            &[
                (l(lang, "new customers", "新增客户"), "#2563eb", &|r: &Row| {
                    r.new_customers
                }),
                (l(lang, "target", "目标"), "#9ca3af", &|r: &Row| {
                    r.target_new_customers
                }),
            ],
            &[],
            l(lang, "New customers against target", "新增客户与目标"),
        ));
        let ceiling = pr.risk.npl_ceiling.as_ref().map(|c| c.value());
        let trigger = pr
            .lifecycle
            .retirement
            .as_ref()
            .and_then(|r| r.triggers.iter().find_map(|t| t.above_ceiling_times))
            .map(|t| t.0)
            .zip(ceiling)
            .and_then(|(t, c)| t.checked_mul(c));
        let mut lines: Vec<(&str, Decimal)> = Vec::new();
        if let Some(c) = ceiling {
            lines.push((l(lang, "ceiling", "上限"), c));
        }
        if let Some(t) = trigger {
            lines.push((l(lang, "retirement trigger", "退出触发"), t));
        }
        charts.push_str(&chart(
            rows,
            &[(l(lang, "NPL ratio %", "不良率 %"), "#dc2626", &|r: &Row| r.npl_ratio)],
            &lines,
            l(lang, "NPL ratio against its ceiling", "不良率与上限"),
        ));
        charts.push_str("</div>");
    }

    format!(
        "<section class=product id=\"{}\"><h2>{} <small>{}</small></h2><div class=cols><div>{terms}</div><div>{right}</div></div>{charts}</section>",
        esc(&pr.code),
        esc(&name(pr, lang)),
        esc(&pr.code)
    )
}

/// A series: its label, colour and how to read it from a month.
type Series<'a> = (&'a str, &'a str, &'a dyn Fn(&Row) -> Option<Decimal>);

/// A line chart of monthly values, with horizontal reference lines; SVG, no script.
fn chart(rows: &[Row], series: &[Series<'_>], lines: &[(&str, Decimal)], title: &str) -> String {
    let (width, height, left, right, top, bottom) = (460i64, 190i64, 44i64, 10i64, 22i64, 26i64);
    let values: Vec<Decimal> = rows
        .iter()
        .flat_map(|r| series.iter().filter_map(|s| (s.2)(r)))
        .chain(lines.iter().map(|l| l.1))
        .collect();
    let max = values
        .iter()
        .copied()
        .max()
        .unwrap_or(Decimal::ONE)
        .max(Decimal::new(1, 2));
    let max = max.checked_mul(Decimal::new(11, 1)).unwrap_or(max);
    let count = i64::try_from(rows.len()).unwrap_or(1).max(2);
    let (plot_w, plot_h) = (width - left - right, height - top - bottom);
    let x_of = |i: usize| left + i64::try_from(i).unwrap_or(0) * plot_w / (count - 1);
    let y_of = |v: Decimal| {
        // v ≤ max, so the share is at most 1 and the product cannot overflow.
        let share = v.checked_div(max).unwrap_or(Decimal::ZERO).max(Decimal::ZERO);
        let scaled = share
            .checked_mul(Decimal::from(plot_h))
            .unwrap_or(Decimal::ZERO)
            .round();
        top + plot_h - i64::try_from(scaled).unwrap_or(0)
    };
    let mut out = format!(
        "<svg viewBox=\"0 0 {width} {height}\" width=\"100%\" role=img aria-label=\"{}\"><text x=\"{left}\" y=\"14\" style=\"font-size:12px;font-weight:600\">{}</text>",
        esc(title),
        esc(title)
    );
    let _ = write!(
        out,
        "<line x1=\"{left}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#9ca3af\"/><text x=\"2\" y=\"{}\">{}</text><text x=\"2\" y=\"{}\">0</text>",
        top + plot_h,
        width - right,
        top + plot_h,
        top + 8,
        max.round_dp(2).normalize(),
        top + plot_h
    );
    if let (Some(first), Some(last)) = (rows.first(), rows.last()) {
        let _ = write!(
            out,
            "<text x=\"{left}\" y=\"{}\">{}</text><text x=\"{}\" y=\"{}\" text-anchor=end>{}</text>",
            height - 8,
            crate::monitor::month_text(first.month),
            width - right,
            height - 8,
            crate::monitor::month_text(last.month)
        );
    }
    for (label, value) in lines {
        let yy = y_of(*value);
        let _ = write!(
            out,
            "<line x1=\"{left}\" y1=\"{yy}\" x2=\"{}\" y2=\"{yy}\" stroke=\"#6b7280\" stroke-dasharray=\"4 3\"/><text x=\"{}\" y=\"{}\" text-anchor=end>{} {}</text>",
            width - right,
            width - right,
            yy - 3,
            esc(label),
            value.normalize()
        );
    }
    for (k, (label, colour, read)) in series.iter().enumerate() {
        let points: Vec<String> = rows
            .iter()
            .enumerate()
            .filter_map(|(i, r)| read(r).map(|v| format!("{},{}", x_of(i), y_of(v))))
            .collect();
        let _ = write!(
            out,
            "<polyline fill=none stroke=\"{colour}\" stroke-width=2 points=\"{}\"/><text x=\"{}\" y=\"14\" fill=\"{colour}\" style=\"fill:{colour}\">■ {}</text>",
            points.join(" "),
            width - right - 150 + i64::try_from(k).unwrap_or(0) * 80,
            esc(label)
        );
    }
    out.push_str("</svg>");
    out
}
