//! `loanspec monitor`: a product's declared triggers and criteria, judged on the monthly metrics
//! a data team exports (`docs/metrics.md`).
//!
//! Read: one CSV, a row per product and month. A bad row (unknown product, a number that is not
//! one, a month out of order or twice) is a diagnostic at its line and column; the good rows
//! still count. Judged, per product, as of a date: the retirement triggers (a metric below or
//! above a threshold, or the NPL ratio above a multiple of the ceiling, for N consecutive
//! months up to the latest), the overdue alert, the pilot's success criteria once the pilot has
//! ended, and whether a review is overdue. Each finding names the months that prove it and the
//! stage the product should move to.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::diagnostics::{Diagnostic, Severity, Text, codes};
use crate::model::product::{DateOut, MoneyOut, PercentOut, Product, TermOut, ThresholdOut};
use crate::model::spec::{Metric, Stage};
use crate::model::units::months_between;
use crate::source::{FileId, SourceFile, Span};
use crate::text;

/// The columns every metrics file has; others are allowed and ignored.
pub(crate) const COLUMNS: [&str; 8] = [
    "month",
    "product",
    "new_customers",
    "target_new_customers",
    "npl_ratio",
    "overdue_ratio",
    "balance",
    "approval_hours_p50",
];

/// One month of one product. Ratios in percent; an empty cell is `None`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    pub month: NaiveDate,
    pub new_customers: Option<Decimal>,
    pub target_new_customers: Option<Decimal>,
    pub npl_ratio: Option<Decimal>,
    pub overdue_ratio: Option<Decimal>,
    pub balance: Option<Decimal>,
    pub approval_hours_p50: Option<Decimal>,
}

impl Row {
    /// The value of a metric this month; `new_customers_vs_target` in percent of target.
    pub(crate) fn value(&self, metric: Metric) -> Option<Decimal> {
        match metric {
            Metric::NewCustomers => self.new_customers,
            Metric::NewCustomersVsTarget => {
                let target = self.target_new_customers.filter(|t| !t.is_zero())?;
                let share = self
                    .new_customers?
                    .checked_mul(Decimal::ONE_HUNDRED)?
                    .checked_div(target)?;
                Some(share.round_dp(2))
            }
            Metric::NplRatio => self.npl_ratio,
            Metric::OverdueRatio => self.overdue_ratio,
            Metric::Balance => self.balance,
            Metric::ApprovalHoursP50 => self.approval_hours_p50,
        }
    }
}

/// The good rows by product code, months ascending.
pub type Metrics = BTreeMap<String, Vec<Row>>;

/// `2026-03` (or `2026-03-01`) as the first of the month.
fn parse_month(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    let t = t.get(..7).filter(|_| t.len() == 7 || t.len() == 10)?;
    NaiveDate::parse_from_str(&format!("{t}-01"), "%Y-%m-%d").ok()
}

pub(crate) fn month_text(d: NaiveDate) -> String {
    d.format("%Y-%m").to_string()
}

/// A cell as a decimal: `1.2`, `1.2%`, `1,234` are all read; empty is `None`.
fn parse_number(text: &str) -> Result<Option<Decimal>, ()> {
    let t = text.trim().trim_end_matches('%').replace(',', "");
    if t.is_empty() {
        return Ok(None);
    }
    Decimal::from_str_exact(t.trim()).map(Some).map_err(|_| ())
}

/// A row for a product not in the catalogue: often a typo or a lower-case code, so the
/// suggestion ignores letter case. Suggestions are worked out once per distinct value.
fn unknown_product(
    product: &str,
    known: &BTreeSet<String>,
    guesses: &mut BTreeMap<String, Option<String>>,
) -> Diagnostic {
    let shown = crate::diagnostics::quote(product);
    let guess = guesses
        .entry(product.to_owned())
        .or_insert_with(|| crate::diagnostics::closest(product, known.iter().map(String::as_str)).map(str::to_owned))
        .clone();
    let d = Diagnostic::new(
        codes::METRICS_UNKNOWN_PRODUCT,
        text!(
            "{shown} is not a product of this catalogue; the row is skipped, so its data is lost to the triggers",
            "{shown} 不是本目录中的产品；该行已跳过，其数据不会用于触发条件判断"
        ),
    );
    match guess {
        Some(g) => d.help(text!(
            "did you mean `{g}`? product codes are written as in each spec's `code`, in capitals",
            "是否应为 `{g}`？产品代码须与各规格文件中的 `code` 一致（大写）"
        )),
        None => d.help(text!(
            "the `product` column holds product codes, as in each spec's `code`",
            "`product` 列应填写产品代码，即各规格文件中的 `code`"
        )),
    }
}

/// Reads a metrics file. Rows naming a product not in `known` are reported and skipped.
pub fn read(id: FileId, file: &Arc<SourceFile>, known: &BTreeSet<String>) -> (Metrics, Vec<Diagnostic>) {
    let mut guesses: BTreeMap<String, Option<String>> = BTreeMap::new();
    let mut out: Metrics = BTreeMap::new();
    let mut problems = Vec::new();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(file.text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(str::to_owned).collect(),
        Err(e) => {
            problems.push(
                Diagnostic::new(
                    codes::METRICS_INVALID,
                    text!(
                        "the metrics file cannot be read as CSV: {e}",
                        "指标文件无法按 CSV 读取：{e}"
                    ),
                )
                .at(id, Span::new(0, 0))
                .help(header_help()),
            );
            return (out, problems);
        }
    };
    let col = |name: &str| headers.iter().position(|h| h == name);
    let missing: Vec<&str> = COLUMNS.iter().copied().filter(|c| col(c).is_none()).collect();
    if !missing.is_empty() {
        let list = missing.join("`, `");
        problems.push(
            Diagnostic::new(
                codes::METRICS_INVALID,
                text!("the metrics file has no column `{list}`", "指标文件缺少列 `{list}`"),
            )
            .at(id, Span::new(0, file.line_text(1).len()))
            .help(header_help()),
        );
        return (out, problems);
    }
    let index = |name: &str| col(name).unwrap_or(0);
    let mut last_month: BTreeMap<String, (NaiveDate, usize)> = BTreeMap::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(1, |p| usize::try_from(p.line()).unwrap_or(1));
                problems.push(
                    Diagnostic::new(
                        codes::METRICS_INVALID,
                        text!("this row cannot be read as CSV: {e}", "该行无法按 CSV 读取：{e}"),
                    )
                    .at(id, file.csv_cell(line, usize::MAX))
                    .help(header_help()),
                );
                continue;
            }
        };
        let line = record.position().map_or(1, |p| usize::try_from(p.line()).unwrap_or(1));
        let cell = |name: &str| record.get(index(name)).unwrap_or("");
        let at = |name: &str| file.csv_cell(line, index(name));
        // Every problem of the row is reported, then the row is skipped if it has any.
        let before = problems.len();
        let product = cell("product").to_owned();
        if !known.contains(&product) {
            problems.push(unknown_product(&product, known, &mut guesses).at(id, at("product")));
        }
        let month = parse_month(cell("month"));
        if month.is_none() {
            let shown = crate::diagnostics::quote(cell("month"));
            problems.push(
                Diagnostic::new(
                    codes::METRICS_INVALID,
                    text!(
                        "{shown} is not a month; the row is skipped",
                        "{shown} 不是月份；该行已跳过"
                    ),
                )
                .at(id, at("month"))
                .help(text!(
                    "write the month as `YYYY-MM`, like `2026-03`",
                    "月份请写作 `YYYY-MM`，例如 `2026-03`"
                )),
            );
        }
        let mut row = Row {
            month: month.unwrap_or_default(),
            ..Row::default()
        };
        for (name, slot) in [
            ("new_customers", &mut row.new_customers),
            ("target_new_customers", &mut row.target_new_customers),
            ("npl_ratio", &mut row.npl_ratio),
            ("overdue_ratio", &mut row.overdue_ratio),
            ("balance", &mut row.balance),
            ("approval_hours_p50", &mut row.approval_hours_p50),
        ] {
            if let Ok(v) = parse_number(cell(name)) {
                *slot = v;
            } else {
                let shown = crate::diagnostics::quote(cell(name));
                problems.push(
                    Diagnostic::new(
                        codes::METRICS_INVALID,
                        text!("{shown} in `{name}` is not a number; the row is skipped", "`{name}` 列的 {shown} 不是数字；该行已跳过"),
                    )
                    .at(id, at(name))
                    .help(text!(
                        "write a plain number (ratios in percent, `1.2` or `1.2%`; balances in yuan), or leave the cell empty",
                        "请填写数字（比率按百分比，如 `1.2` 或 `1.2%`；余额以元计），或留空"
                    )),
                );
            }
        }
        let Some(month) = month.filter(|_| problems.len() == before) else {
            continue;
        };
        if let Some((previous, previous_line)) = last_month.get(&product).copied() {
            if month <= previous {
                let (m, p) = (month_text(month), month_text(previous));
                let (message, help) = if month == previous {
                    (
                        text!(
                            "`{product}` has {m} twice (first on line {previous_line}); this row is skipped",
                            "`{product}` 的 {m} 出现两次（首次在第 {previous_line} 行）；该行已跳过"
                        ),
                        text!("keep one row per product and month", "每个产品每月只保留一行"),
                    )
                } else {
                    (
                        text!(
                            "`{product}` goes back from {p} (line {previous_line}) to {m}; this row is skipped",
                            "`{product}` 的月份从 {p}（第 {previous_line} 行）倒退到 {m}；该行已跳过"
                        ),
                        text!(
                            "sort each product's rows by month, oldest first",
                            "请将每个产品的行按月份从早到晚排列"
                        ),
                    )
                };
                problems.push(
                    Diagnostic::new(codes::METRICS_MONTH_ORDER, message)
                        .at(id, at("month"))
                        .help(help),
                );
                continue;
            }
        }
        last_month.insert(product.clone(), (month, line));
        out.entry(product).or_default().push(row);
    }
    // In reading order: a row's problems by column (all are in this one file).
    problems.sort_by_key(|d| d.primary.as_ref().map(|l| l.span.start));
    (out, problems)
}

fn header_help() -> Text {
    let list = COLUMNS.join(",");
    text!(
        "the first line names the columns: `{list}` (more are allowed); see docs/metrics.md",
        "第一行为列名：`{list}`（可以有其他列）；见 docs/metrics.md"
    )
}

/// What a declared trigger or criterion came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A retirement trigger fired.
    Retirement,
    /// The overdue ratio is above its alert.
    OverdueAlert,
    /// The pilot ended and met every success criterion.
    PilotMet,
    /// The pilot ended and missed a criterion.
    PilotMissed,
    /// No review within the cadence.
    ReviewOverdue,
    /// A trigger or criterion with too little data to judge.
    NoData,
}

/// One finding about a product.
#[derive(Clone, Debug)]
pub struct Event {
    pub kind: Kind,
    pub severity: Severity,
    /// Where in the product the trigger or criterion is declared.
    pub pointer: String,
    pub message: Text,
    /// The first month of the run that proves it (or the date a review fell due).
    pub since: Option<String>,
    /// The months that prove it, with the metric's value.
    pub months: Vec<(String, Decimal)>,
    /// The values' unit: `%` or nothing.
    pub unit: &'static str,
}

/// A product's events and the stage they point to.
#[derive(Clone, Debug)]
pub struct Status {
    pub code: String,
    pub name: String,
    pub stage: Stage,
    pub months: usize,
    pub events: Vec<Event>,
    pub move_to: Option<Stage>,
}

fn threshold(t: &ThresholdOut) -> Option<Decimal> {
    match (t.percent, t.number, t.money) {
        (Some(p), _, _) => Some(p.value()),
        (None, Some(n), _) => Some(n.0),
        (None, None, m) => m.map(MoneyOut::value),
    }
}

/// A metric's name, `(English, Chinese)` as the messages here write it.
fn metric_word(m: Metric) -> (&'static str, &'static str) {
    let (zh, en) = crate::model::Label::label(m);
    (en, zh)
}

fn unit(m: Metric) -> &'static str {
    match m {
        Metric::NewCustomersVsTarget | Metric::NplRatio | Metric::OverdueRatio => "%",
        _ => "",
    }
}

fn shown(m: Metric, v: Decimal) -> String {
    format!("{}{}", v.normalize(), unit(m))
}

/// The run of consecutive months, ending at the latest, in which `holds` is true: (months
/// with values). Empty when the latest month does not hold.
fn latest_run(rows: &[Row], metric: Metric, holds: &dyn Fn(Decimal) -> bool) -> Vec<(NaiveDate, Decimal)> {
    let mut run: Vec<(NaiveDate, Decimal)> = Vec::new();
    for row in rows.iter().rev() {
        let Some(v) = row.value(metric) else { break };
        if !holds(v) {
            break;
        }
        if let Some((next, _)) = run.last() {
            if months_between(row.month, *next) != 1 {
                break;
            }
        }
        run.push((row.month, v));
    }
    run.reverse();
    run
}

fn term_months(t: Option<TermOut>) -> usize {
    match t {
        Some(TermOut::Months(m)) => usize::try_from(m).unwrap_or(1).max(1),
        _ => 1,
    }
}

fn add_term(d: NaiveDate, t: TermOut) -> NaiveDate {
    match t {
        TermOut::Months(m) => d.checked_add_months(chrono::Months::new(m)).unwrap_or(d),
        TermOut::Days(n) => d.checked_add_days(chrono::Days::new(u64::from(n))).unwrap_or(d),
    }
}

/// Judges every product on its own rows (none when the metrics have no row for it).
pub fn evaluate_all<'a>(
    products: impl IntoIterator<Item = &'a Product>,
    metrics: &Metrics,
    as_of: NaiveDate,
) -> Vec<Status> {
    products
        .into_iter()
        .map(|p| evaluate(p, metrics.get(&p.code).map_or(&[][..], Vec::as_slice), as_of))
        .collect()
}

/// The months of a run, as shown.
fn months_of(run: &[(NaiveDate, Decimal)]) -> Vec<(String, Decimal)> {
    run.iter().map(|(m, v)| (month_text(*m), *v)).collect()
}

/// Judges one product on its rows up to `as_of`.
pub(crate) fn evaluate(p: &Product, rows: &[Row], as_of: NaiveDate) -> Status {
    let rows: Vec<Row> = rows.iter().filter(|r| r.month <= as_of).cloned().collect();
    let mut events = Vec::new();
    retirement_events(p, &rows, &mut events);
    overdue_alert_event(p, &rows, &mut events);
    pilot_events(p, &rows, as_of, &mut events);
    review_event(p, as_of, &mut events);

    let retire = events.iter().any(|e| e.kind == Kind::Retirement);
    let move_to = if retire && !matches!(p.stage, Stage::Retiring | Stage::Retired) {
        Some(Stage::Retiring)
    } else if events.iter().any(|e| e.kind == Kind::PilotMet) {
        Some(Stage::Launched)
    } else {
        None
    };
    Status {
        code: p.code.clone(),
        name: p.name.zh.clone().or_else(|| p.name.en.clone()).unwrap_or_default(),
        stage: p.stage,
        months: rows.len(),
        events,
        move_to,
    }
}

/// The retirement triggers that hold in the latest months.
fn retirement_events(p: &Product, rows: &[Row], events: &mut Vec<Event>) {
    // Retirement triggers.
    // A retired product has nothing left to retire.
    if let Some(retirement) = p.lifecycle.retirement.as_ref().filter(|_| p.stage != Stage::Retired) {
        for (i, t) in retirement.triggers.iter().enumerate() {
            let pointer = format!("/lifecycle/retirement/triggers/{i}");
            let need = term_months(t.for_);
            let (word_en, word_zh) = metric_word(t.metric);
            let ceiling = p.risk.npl_ceiling.as_ref().map(|c| c.value());
            let times = t.above_ceiling_times.map(|x| x.0);
            let product_limit = times.zip(ceiling).and_then(|(t, c)| Some((t, c.checked_mul(t)?)));
            let (limit, above, what_en, what_zh) = if let Some((times, limit)) = product_limit {
                let l = shown(t.metric, limit);
                let tt = times.normalize();
                (
                    Some(limit),
                    true,
                    format!("above {tt} × the ceiling ({l})"),
                    format!("超过上限的 {tt} 倍（{l}）"),
                )
            } else if let Some(b) = t.below.as_ref().and_then(threshold) {
                let l = shown(t.metric, b);
                (Some(b), false, format!("below {l}"), format!("低于 {l}"))
            } else if let Some(a) = t.above.as_ref().and_then(threshold) {
                let l = shown(t.metric, a);
                (Some(a), true, format!("above {l}"), format!("高于 {l}"))
            } else {
                (None, true, String::new(), String::new())
            };
            let Some(limit) = limit else { continue };
            let holds = move |v: Decimal| if above { v > limit } else { v < limit };
            let run = latest_run(rows, t.metric, &holds);
            if rows.iter().all(|r| r.value(t.metric).is_none()) {
                events.push(Event {
                    kind: Kind::NoData,
                    severity: Severity::Info,
                    pointer,
                    message: text!(
                        "no {word_en} in the metrics: the retirement trigger cannot be judged",
                        "指标中没有{word_zh}：无法判断该退出触发条件"
                    ),
                    since: None,
                    months: Vec::new(),
                    unit: unit(t.metric),
                });
                continue;
            }
            if run.len() >= need {
                let n = run.len();
                let since = run.first().map(|(m, _)| month_text(*m));
                let from = since.clone().unwrap_or_default();
                events.push(Event {
                    kind: Kind::Retirement,
                    severity: Severity::Error,
                    pointer,
                    message: text!(
                        "retirement trigger fired: {word_en} {what_en} for {n} consecutive months since {from} (the trigger needs {need})",
                        "退出触发条件已满足：{word_zh}{what_zh}，自 {from} 起已连续 {n} 个月（条件为 {need} 个月）"
                    ),
                    since,
                    months: months_of(&run),
                    unit: unit(t.metric),
                });
            }
        }
    }
}

/// The overdue ratio above the alert in the latest month.
fn overdue_alert_event(p: &Product, rows: &[Row], events: &mut Vec<Event>) {
    // The overdue alert: the latest month above it.
    if let Some(alert) = p.risk.overdue_alert.map(PercentOut::value) {
        let run = latest_run(rows, Metric::OverdueRatio, &|v| v > alert);
        if let Some((first, _)) = run.first() {
            let (from, latest) = (
                month_text(*first),
                run.last()
                    .map(|(_, v)| shown(Metric::OverdueRatio, *v))
                    .unwrap_or_default(),
            );
            let limit = shown(Metric::OverdueRatio, alert);
            events.push(Event {
                kind: Kind::OverdueAlert,
                severity: Severity::Warning,
                pointer: "/risk/overdue_alert".into(),
                message: text!(
                    "overdue ratio {latest} is above the alert {limit}, since {from}",
                    "逾期率 {latest} 高于预警值 {limit}，自 {from} 起"
                ),
                since: Some(from),
                months: months_of(&run),
                unit: "%",
            });
        }
    }
}

/// The pilot's success criteria, once it has ended: met or missed.
fn pilot_events(p: &Product, rows: &[Row], as_of: NaiveDate, events: &mut Vec<Event>) {
    // The pilot's success criteria, once it has ended.
    if let Some(pilot) = &p.lifecycle.pilot {
        if let Some(end) = Some(pilot.end.naive()).filter(|e| *e <= as_of && p.stage == Stage::Pilot) {
            let start = pilot.start.naive();
            let window: Vec<&Row> = rows
                .iter()
                .filter(|r| r.month <= end && months_between(r.month, start) <= 0)
                .collect();
            let mut missed = Vec::new();
            let mut proof = Vec::new();
            for (i, c) in pilot.success.iter().enumerate() {
                let value = window
                    .iter()
                    .rev()
                    .find_map(|r| r.value(c.metric).map(|v| (r.month, v)));
                let (word_en, word_zh) = metric_word(c.metric);
                let Some((month, v)) = value else {
                    missed.push((
                        i,
                        format!("no {word_en} for the pilot's months"),
                        format!("试点期间没有{word_zh}数据"),
                    ));
                    continue;
                };
                proof.push((month_text(month), v));
                let ok_max = c.at_most.as_ref().and_then(threshold).is_none_or(|m| v <= m);
                let ok_min = c.at_least.as_ref().and_then(threshold).is_none_or(|m| v >= m);
                if !(ok_max && ok_min) {
                    let s = shown(c.metric, v);
                    missed.push((i, format!("{word_en} was {s}"), format!("{word_zh}为 {s}")));
                }
            }
            let end_text = pilot.end.text();
            if missed.is_empty() {
                events.push(Event {
                    kind: Kind::PilotMet,
                    severity: Severity::Info,
                    pointer: "/lifecycle/pilot/success".into(),
                    message: text!(
                        "the pilot ended on {end_text} and met every success criterion",
                        "试点已于 {end_text} 结束，所有成功标准均已达到"
                    ),
                    since: Some(end_text),
                    months: proof,
                    unit: "",
                });
            } else {
                let en: Vec<String> = missed.iter().map(|m| m.1.clone()).collect();
                let zh: Vec<String> = missed.iter().map(|m| m.2.clone()).collect();
                let (en, zh) = (en.join("; "), zh.join("；"));
                events.push(Event {
                    kind: Kind::PilotMissed,
                    severity: Severity::Warning,
                    pointer: format!("/lifecycle/pilot/success/{}", missed[0].0),
                    message: text!(
                        "the pilot ended on {end_text} and missed its success criteria: {en}",
                        "试点已于 {end_text} 结束，未达到成功标准：{zh}"
                    ),
                    since: Some(end_text),
                    months: proof,
                    unit: "",
                });
            }
        }
    }
}

/// A review that fell due and is not recorded.
fn review_event(p: &Product, as_of: NaiveDate, events: &mut Vec<Event>) {
    // Review cadence.
    if let Some(review) = &p.lifecycle.review {
        let active = matches!(
            p.stage,
            Stage::Pilot | Stage::Launched | Stage::PostReview | Stage::Retiring
        );
        let from = review
            .last
            .map(DateOut::naive)
            .or_else(|| p.lifecycle.launch.as_ref().map(|l| l.date.naive()))
            .or_else(|| p.lifecycle.pilot.as_ref().map(|pl| pl.start.naive()));
        if let (true, Some(from)) = (active, from) {
            let due = add_term(from, review.every);
            if due < as_of {
                let (due_text, last) = (due.format("%Y-%m-%d").to_string(), from.format("%Y-%m-%d").to_string());
                events.push(Event {
                    kind: Kind::ReviewOverdue,
                    severity: Severity::Warning,
                    pointer: "/lifecycle/review".into(),
                    message: text!(
                        "a review was due on {due_text} (the last was {last}) and none is recorded",
                        "复盘应于 {due_text} 进行（上次为 {last}），但未有记录"
                    ),
                    since: Some(due_text),
                    months: Vec::new(),
                    unit: "",
                });
            }
        }
    }
}
