//! Reporting a run of `check` or `compile`: which formats go where (`--format`, `--output`),
//! the exit code (`--deny-warnings`, `--exit-zero`), and baselines.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;

use super::{Format, Gate, err, out, summary_line};
use loanspec::compile::{Options, Run, baseline};
use loanspec::diagnostics::{self, HumanOptions, JsonSummary, Lang, Report, SilencedBy, Text};
use loanspec::text;

/// One format of a run's report and where it goes (`None`: the terminal).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Output {
    pub format: Format,
    pub file: Option<PathBuf>,
}

/// Pairs the `--format`s with the `--output`s. `--output FORMAT=FILE` adds the format when it
/// was not asked for; a bare `--output FILE` goes to the one format without a file. At most one
/// format prints to the terminal.
pub(super) fn plan(formats: &[Format], outputs: &[String]) -> Result<Vec<Output>, Text> {
    let mut plan: Vec<Output> = Vec::new();
    for f in formats {
        if matches!(f, Format::Markdown | Format::Csv) {
            let name = if *f == Format::Markdown { "markdown" } else { "csv" };
            return Err(text!(
                "`--format {name}` is not a format for findings; use human, json, sarif, github or junit",
                "`--format {name}` 不是检查结果的格式；请用 human、json、sarif、github 或 junit"
            ));
        }
        if !plan.iter().any(|o| o.format == *f) {
            plan.push(Output { format: *f, file: None });
        }
    }
    let mut bare = Vec::new();
    for o in outputs {
        let named = o
            .split_once('=')
            .and_then(|(name, file)| Format::from_str(name, true).ok().map(|f| (f, file)));
        match named {
            Some((Format::Markdown | Format::Csv, _)) => {
                return Err(text!(
                    "`--output {o}`: findings are written as human, json, sarif, github or junit",
                    "`--output {o}`：检查结果只能写成 human、json、sarif、github 或 junit"
                ));
            }
            Some((format, file)) if !file.is_empty() => {
                if plan.is_empty() {
                    plan.push(Output {
                        format: Format::Human,
                        file: None,
                    });
                }
                match plan.iter_mut().find(|p| p.format == format) {
                    Some(p) if p.file.is_some() => {
                        return Err(text!(
                            "`--output` names two files for `{format}`",
                            "`--output` 为 `{format}` 指定了两个文件",
                            format = name(format)
                        ));
                    }
                    Some(p) => p.file = Some(PathBuf::from(file)),
                    None => plan.push(Output {
                        format,
                        file: Some(PathBuf::from(file)),
                    }),
                }
            }
            _ => bare.push(PathBuf::from(o)),
        }
    }
    if plan.is_empty() {
        plan.push(Output {
            format: Format::Human,
            file: None,
        });
    }
    match bare.as_slice() {
        [] => {}
        [file] => {
            let open: Vec<&mut Output> = plan.iter_mut().filter(|p| p.file.is_none()).collect();
            match open.len() {
                1 => {
                    for p in open {
                        p.file = Some(file.clone());
                    }
                }
                _ => {
                    return Err(text!(
                        "`--output {file}`: say which format goes there, like `--output sarif={file}`",
                        "`--output {file}`：请说明写入哪种格式，例如 `--output sarif={file}`",
                        file = file.display()
                    ));
                }
            }
        }
        _ => {
            return Err(text!(
                "several `--output FILE`s: write each as `FORMAT=FILE`",
                "有多个 `--output FILE`：请逐个写成 `FORMAT=FILE`"
            ));
        }
    }
    let to_terminal: Vec<&str> = plan
        .iter()
        .filter(|p| p.file.is_none())
        .map(|p| name(p.format))
        .collect();
    if to_terminal.len() > 1 {
        return Err(text!(
            "`{formats}` would all print to the terminal; send all but one to a file with `--output FORMAT=FILE`",
            "`{formats}` 都会输出到终端；除一种外，请用 `--output FORMAT=FILE` 写入文件",
            formats = to_terminal.join("`, `")
        ));
    }
    Ok(plan)
}

fn name(format: Format) -> &'static str {
    match format {
        Format::Human => "human",
        Format::Json => "json",
        Format::Sarif => "sarif",
        Format::Github => "github",
        Format::Junit => "junit",
        Format::Markdown => "markdown",
        Format::Csv => "csv",
    }
}

/// Writes every output of the plan. `Some(exit code)` when a file cannot be written (2).
pub(super) fn emit(
    plan: &[Output],
    run: &Run,
    human: HumanOptions,
    lang: Lang,
    written: Option<&[PathBuf]>,
) -> Option<ExitCode> {
    for o in plan {
        let human = HumanOptions {
            color: human.color && o.file.is_none(),
            ..human
        };
        let text = render(o.format, run, human, lang, written);
        match &o.file {
            None => out(&text),
            Some(path) => {
                if let Err(e) = loanspec::emit::write_file(path, &text) {
                    return Some(super::cannot_write(&e, lang));
                }
            }
        }
    }
    None
}

fn render(format: Format, run: &Run, human: HumanOptions, lang: Lang, written: Option<&[PathBuf]>) -> String {
    let report = Report {
        diagnostics: &run.diagnostics,
        silenced: &run.silenced,
        sources: &run.sources,
        checked: &run.checked,
        lang,
        baseline: run.baseline_given,
    };
    match format {
        Format::Json => json(run, lang, written),
        Format::Sarif => diagnostics::render_sarif(
            &report,
            &loanspec::rules::docs::descriptors(loanspec::rules::Pack::cn()),
        ),
        Format::Github => diagnostics::render_github(&report),
        Format::Junit => diagnostics::render_junit(&report),
        // `markdown` and `csv` are refused by `plan`; they read as human here.
        Format::Human | Format::Markdown | Format::Csv => {
            let mut text = diagnostics::render_human(&run.diagnostics, &run.sources, human);
            text.push_str(&summary_line(run, lang));
            text
        }
    }
}

fn json(run: &Run, lang: Lang, written: Option<&[PathBuf]>) -> String {
    let summary = JsonSummary {
        files: run.files(),
        products: run.product_files(),
        suppressed: run.silenced_by(SilencedBy::InSource),
        baselined: run.silenced_by(SilencedBy::Baseline),
        outside: run.outside,
        skipped: run.skipped,
    };
    let written: Vec<(&str, serde_json::Value)> = written
        .map(|w| {
            let list: Vec<String> = w.iter().map(|p| p.display().to_string()).collect();
            vec![("written", serde_json::Value::from(list))]
        })
        .unwrap_or_default();
    diagnostics::render_json(&run.diagnostics, &run.sources, summary, lang, &written)
}

/// Whether the findings fail the run: an error, or with `--deny-warnings` a warning, or a named
/// spec that did not become a product.
pub(super) fn blocks(run: &Run, gate: &Gate) -> bool {
    let (errors, warnings, _) = diagnostics::count(&run.diagnostics);
    errors > 0 || (gate.deny_warnings && warnings > 0) || !run.unresolved.is_empty()
}

/// 0 clean (or `--exit-zero`), 1 when the findings fail the run.
pub(super) fn exit_for(run: &Run, gate: &Gate) -> ExitCode {
    if blocks(run, gate) && !gate.exit_zero {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `--min-severity`, then `--baseline FILE`: sets aside what the baseline records. A baseline that does not exist cannot be
/// used: the run stops (2) rather than report every old finding as new.
pub(super) fn apply_baseline(run: &mut Run, gate: &Gate, options: &Options, lang: Lang) -> Result<(), ExitCode> {
    let keep = match gate.min_severity {
        super::MinSeverity::Error => diagnostics::Severity::Error,
        super::MinSeverity::Warning => diagnostics::Severity::Warning,
        super::MinSeverity::Info => diagnostics::Severity::Info,
    };
    // After the baseline has matched (it records warnings too); severity orders
    // error < warning < info.
    let result = baseline_only(run, gate, options, lang);
    run.keep_at_least(keep);
    result
}

fn baseline_only(run: &mut Run, gate: &Gate, options: &Options, lang: Lang) -> Result<(), ExitCode> {
    let Some(path) = &gate.baseline else { return Ok(()) };
    if let Some(reason) = loanspec::compile::named_file_problem(path).map(|r| r.get(lang).to_owned()) {
        err(text!(
            "loanspec: cannot read the baseline `{path}`: {reason}; write one with `loanspec baseline write {path} PATH...`\n",
            "loanspec：无法读取基线 `{path}`：{reason}；请先用 `loanspec baseline write {path} 路径...` 生成\n",
            path = path.display()
        )
        .get(lang));
        return Err(ExitCode::from(2));
    }
    baseline::apply(run, path, options);
    Ok(())
}

/// `loanspec baseline write FILE PATH...`.
pub(super) fn write_baseline(run: &Run, file: &Path, human: HumanOptions, lang: Lang) -> ExitCode {
    let (text, recorded) = baseline::write(run, file);
    // Built-in errors are not recorded: a baseline never hides a spec that cannot be read.
    let refused: Vec<diagnostics::Diagnostic> = run
        .diagnostics
        .iter()
        .filter(|d| baseline::never_baselined(d))
        .cloned()
        .collect();
    match loanspec::emit::write_file(file, &text) {
        Ok(()) if !refused.is_empty() => {
            err(&diagnostics::render_human(&refused, &run.sources, human));
            let n = refused.len();
            err(text!(
                "recorded {recorded} finding{s} in {file}; {n} error{ns} above {are} not recorded: a baseline never accepts a spec, config or file that cannot be read or typed; fix {them} first\n",
                "已将 {recorded} 个问题记入 {file}；以上 {n} 个错误未记入：基线不接受无法读取或解析的规格、配置或文件，请先修正\n",
                s = if recorded == 1 { "" } else { "s" },
                file = file.display(),
                ns = if n == 1 { "" } else { "s" },
                are = if n == 1 { "is" } else { "are" },
                them = if n == 1 { "it" } else { "them" },
            )
            .get(lang));
            ExitCode::from(1)
        }
        Ok(()) => {
            out(text!(
                "recorded {recorded} finding{s} in {file}; `loanspec check --baseline {file}` now reports only new ones\n",
                "已将 {recorded} 个问题记入 {file}；此后 `loanspec check --baseline {file}` 只报告新问题\n",
                s = if recorded == 1 { "" } else { "s" },
                file = file.display()
            )
            .get(lang));
            ExitCode::SUCCESS
        }
        Err(e) => super::cannot_write(&e, lang),
    }
}

/// The run's memory, given back with the process that ends after it: freeing every tree and
/// text of a large catalogue piece by piece would take a few percent of its run.
pub(super) fn release(run: Run) {
    std::mem::forget(run);
}
