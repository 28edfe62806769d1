//! `loanspec monitor PATH... --metrics FILE.csv`: the products' triggers and criteria on the
//! monthly metrics, for people (`human`), programs (`json`) or a committee paper (`markdown`).

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use serde_json::{Value, json};

use super::{Format, could_not_run, err, out};
use loanspec::compile::{self, Options};
use loanspec::diagnostics::{self, HumanOptions, Lang, Severity, visible};
use loanspec::monitor::{self, Kind, Status};
use loanspec::text;

/// What makes `monitor` exit 1.
#[derive(Clone, Copy, Debug, clap::ValueEnum, PartialEq, Eq)]
pub(super) enum FailOn {
    /// A retirement trigger fired (the default).
    Retirement,
    /// An overdue ratio is above its alert.
    Alert,
    /// A pilot ended without meeting its criteria.
    Pilot,
    /// A review is overdue.
    Review,
    /// Any of those.
    Any,
    /// Never (report only); bad rows still exit 1.
    None,
}

fn fails(status: &[Status], fail_on: &[FailOn]) -> bool {
    let kinds: Vec<Kind> = status.iter().flat_map(|s| s.events.iter().map(|e| e.kind)).collect();
    fail_on.iter().any(|f| match f {
        FailOn::Retirement => kinds.contains(&Kind::Retirement),
        FailOn::Alert => kinds.contains(&Kind::OverdueAlert),
        FailOn::Pilot => kinds.contains(&Kind::PilotMissed),
        FailOn::Review => kinds.contains(&Kind::ReviewOverdue),
        FailOn::Any => kinds.iter().any(|k| {
            matches!(
                k,
                Kind::Retirement | Kind::OverdueAlert | Kind::PilotMissed | Kind::ReviewOverdue
            )
        }),
        FailOn::None => false,
    })
}

pub(super) fn run(
    paths: &[std::path::PathBuf],
    metrics: &Path,
    fail_on: &[FailOn],
    options: &Options,
    format: Format,
    human: HumanOptions,
    lang: Lang,
) -> ExitCode {
    let mut run = match compile::run(paths, options) {
        Ok(run) => run,
        Err(bad) => return could_not_run(&bad, lang),
    };
    let (data, problems) = match load(&mut run, metrics, options, lang) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    // The spec's own errors are `check`'s business; a spec that does not become a product is
    // not monitored, and is named in the output (its rows' data would be judged by nothing).
    let status = monitor::evaluate_all(run.products.iter().map(|p| &p.product), &data, options.as_of);
    let missing = super::unresolved_line(&run, lang);
    let text = match format {
        Format::Json => json_report(&status, &problems, &run, options, lang),
        Format::Markdown => {
            let mut t = markdown(&status, lang);
            if !missing.is_empty() {
                t.push('\n');
                t.push_str(&loanspec::diagnostics::markdown_escape(&missing));
                t.push('\n');
            }
            t
        }
        _ => {
            let mut t = diagnostics::render_human(&problems, &run.sources, human);
            t.push_str(&human_report(&status, lang));
            t.push_str(&missing);
            t
        }
    };
    out(&text);
    let bad_rows = problems.iter().any(diagnostics::Diagnostic::is_error);
    if bad_rows || !missing.is_empty() || fails(&status, fail_on) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Reads the metrics file into `run`'s sources: the rows, and the problems of bad rows. A file
/// that is not there cannot be monitored (exit 2).
pub(super) fn load(
    run: &mut compile::Run,
    metrics: &Path,
    options: &Options,
    lang: Lang,
) -> Result<(monitor::Metrics, Vec<diagnostics::Diagnostic>), ExitCode> {
    if let Some(reason) = compile::named_file_problem(metrics).map(|r| r.get(lang).to_owned()) {
        err(text!(
            "loanspec: cannot read the metrics `{path}`: {reason}\n",
            "loanspec：无法读取指标文件 `{path}`：{reason}\n",
            path = metrics.display()
        )
        .get(lang));
        return Err(ExitCode::from(2));
    }
    let (id, problem) = run.add_file(metrics, options);
    let known = run.codes.clone();
    let mut problems: Vec<diagnostics::Diagnostic> = problem.into_iter().collect();
    let mut data = monitor::Metrics::new();
    if problems.is_empty() {
        if let Some(file) = run.sources.get(id).cloned() {
            let (rows, found) = monitor::read(id, &file, &known);
            data = rows;
            problems.extend(found);
        }
    }
    Ok((data, problems))
}

fn mark(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "✗",
        Severity::Warning => "!",
        Severity::Info => "·",
    }
}

fn months_line(months: &[(String, rust_decimal::Decimal)], unit: &str) -> String {
    months
        .iter()
        .map(|(m, v)| format!("{m} {}{unit}", v.normalize()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn human_report(status: &[Status], lang: Lang) -> String {
    let mut out = String::new();
    for s in status {
        let stage = match lang {
            Lang::En => s.stage.as_str().to_owned(),
            Lang::Zh => loanspec::model::Label::label_in(s.stage, lang).to_owned(),
        };
        let (code, name, months) = (visible(&s.code), visible(&s.name), s.months);
        out.push_str(
            text!(
                "{code} {name} ({stage}, {months} months of metrics)\n",
                "{code} {name}（{stage}，{months} 个月的指标）\n"
            )
            .get(lang),
        );
        if s.events.is_empty() {
            out.push_str(text!("  ✓ nothing fired\n", "  ✓ 无触发\n").get(lang));
        }
        for e in &s.events {
            let _ = writeln!(out, "  {} {}", mark(e.severity), visible(e.message.get(lang)));
            if !e.months.is_empty() {
                let _ = writeln!(out, "      {}", months_line(&e.months, e.unit));
            }
        }
        if let Some(stage) = s.move_to {
            let stage = stage.as_str();
            out.push_str(text!("  → move to `{stage}`\n", "  → 应转入 `{stage}` 阶段\n").get(lang));
        }
    }
    let fired = status
        .iter()
        .filter(|s| s.events.iter().any(|e| e.kind == Kind::Retirement))
        .count();
    let monitored = status.len();
    out.push_str(
        text!(
            "{monitored} products monitored; {fired} met a retirement trigger\n",
            "共监测 {monitored} 个产品；{fired} 个满足退出触发条件\n"
        )
        .get(lang),
    );
    out
}

fn json_report(
    status: &[Status],
    problems: &[diagnostics::Diagnostic],
    run: &compile::Run,
    options: &Options,
    lang: Lang,
) -> String {
    let sources = &run.sources;
    let products: Vec<Value> = status
        .iter()
        .map(|s| {
            json!({
                "code": s.code,
                "name": s.name,
                "stage": s.stage.as_str(),
                "months": s.months,
                "move_to": s.move_to.map(loanspec::model::spec::Stage::as_str),
                "events": s.events.iter().map(|e| json!({
                    "kind": e.kind,
                    "severity": e.severity.as_str(),
                    "pointer": e.pointer,
                    "message": e.message.get(lang),
                    "since": e.since,
                    "unit": e.unit,
                    "months": e.months.iter().map(|(m, v)| json!({ "month": m, "value": v.normalize().to_string() })).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let diags = diagnostics::diagnostics_json(problems, sources, lang);
    let doc = json!({
        "version": 1,
        "as_of": options.as_of.format("%Y-%m-%d").to_string(),
        "products": products,
        "unresolved": super::unresolved_json(run),
        "diagnostics": diags,
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

fn markdown(status: &[Status], lang: Lang) -> String {
    use loanspec::diagnostics::markdown_escape as md;
    let mut out = String::from(
        text!(
            "## Product monitoring\n\n| product | stage | finding | since | months | move to |\n|---|---|---|---|---|---|\n",
            "## 产品监测\n\n| 产品 | 阶段 | 发现 | 起始 | 月份 | 应转入 |\n|---|---|---|---|---|---|\n"
        )
        .get(lang),
    );
    for s in status {
        let move_to = s.move_to.map_or(String::new(), |m| md(&format!("`{}`", m.as_str())));
        let product = md(&format!("{} {}", s.code, s.name));
        let stage = md(&format!("`{}`", s.stage.as_str()));
        if s.events.is_empty() {
            let _ = writeln!(
                out,
                "| {product} | {stage} | {} | | | |",
                if lang == Lang::En { "nothing fired" } else { "无触发" }
            );
        }
        for e in &s.events {
            let _ = writeln!(
                out,
                "| {product} | {stage} | {} {} | {} | {} | {move_to} |",
                mark(e.severity),
                md(e.message.get(lang)),
                md(&e.since.clone().unwrap_or_default()),
                md(&months_line(&e.months, e.unit))
            );
        }
    }
    out
}
