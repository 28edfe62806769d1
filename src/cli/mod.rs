//! The command line: arguments, exit codes, choosing the renderer.
//!
//! Exit codes: `0` no error-level finding (warnings allowed), `1` at least one error, `2` the
//! tool could not run (bad arguments, a path that does not exist or cannot be read).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use loanspec::compile::{self, Options, Run};
use loanspec::diagnostics::{self, HumanOptions, Lang, Text};
use loanspec::emit::fineract::Fineract;
use loanspec::emit::{self, Emit, Target as _};
use loanspec::schema::SchemaKind;
use loanspec::syntax::Limits;
use loanspec::text;

mod args;
mod diff;
mod lsp;
mod monitor;
mod report;
mod simulate;
mod zh;

use args::{
    BaselineAction, BaselineArgs, CheckArgs, Color, Command, CompileArgs, DiffArgs, DiscloseArgs, EmitArg, ExplainArgs,
    Format, Gate, LangArg, MinSeverity, MonitorArgs, ReportArgs, SchemaArgs, SimulateArgs, TargetArg,
};

fn lang_from_env() -> Lang {
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Ok(v) = std::env::var(var) {
            if !v.is_empty() {
                return Lang::from_locale(&v);
            }
        }
    }
    Lang::En
}

fn use_color(choice: Color) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal(),
    }
}

/// Writes to stdout; a closed pipe (`loanspec check | head`) is not an error worth a panic.
fn out(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
}

fn err(text: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(text.as_bytes());
}

#[expect(
    clippy::too_many_lines,
    reason = "one match arm per command, each a call; the commands' logic lives in the functions they call"
)]
pub(crate) fn main() -> ExitCode {
    let cli = match args::parse(lang_from_env() == Lang::Zh) {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let lang = cli.lang.map_or_else(lang_from_env, |l| match l {
        LangArg::En => Lang::En,
        LangArg::Zh => Lang::Zh,
    });
    let limits = Limits {
        max_file_size: cli.max_file_size.unwrap_or(Limits::default().max_file_size),
        ..Limits::default()
    };
    let options = Options {
        as_of: cli.as_of.unwrap_or_else(|| chrono::Local::now().date_naive()),
        limits,
        display_base: None,
        fineract: matches!(&cli.command, Command::Compile(CompileArgs { target, .. }) if target.contains(&TargetArg::Fineract)),
        only_catalogues: matches!(&cli.command, Command::Check(CheckArgs { gate, .. }) | Command::Compile(CompileArgs { gate, .. }) if gate.only_catalogues),
        files: std::sync::Arc::new(loanspec::files::Native),
        overlay: compile::Overlay::default(),
        cache: !cli.no_cache,
        products: if matches!(&cli.command, Command::Check(_)) {
            compile::Products::Discard
        } else {
            compile::Products::Keep
        },
    };
    let human = HumanOptions {
        color: use_color(cli.color),
        width: terminal_width(),
        lang,
    };
    let findings_command = matches!(
        cli.command,
        Command::Check(CheckArgs { .. }) | Command::Compile(CompileArgs { .. })
    );
    let plan = if findings_command {
        match report::plan(&cli.format, &cli.output) {
            Ok(plan) => plan,
            Err(problem) => return usage_error(&problem, lang),
        }
    } else {
        if cli.format.len() > 1 || !cli.output.is_empty() {
            return usage_error(
                &text!(
                    "several `--format`s and `--output` are for `check` and `compile`",
                    "多个 `--format` 和 `--output` 只用于 `check` 和 `compile`"
                ),
                lang,
            );
        }
        Vec::new()
    };
    let format = cli.format.first().copied().unwrap_or(Format::Human);
    match cli.command {
        Command::Schema(SchemaArgs { catalogue, canonical }) => {
            let kind = if catalogue {
                SchemaKind::Catalogue
            } else if canonical {
                SchemaKind::Canonical
            } else {
                SchemaKind::Product
            };
            out(&loanspec::schema::render(kind));
            ExitCode::SUCCESS
        }
        Command::Lsp => lsp::serve(lang, options.as_of, options.limits),
        Command::Rules => {
            let pack = loanspec::rules::Pack::cn();
            out(&match format {
                Format::Human => loanspec::rules::docs::text(lang),
                Format::Json => loanspec::rules::docs::json(pack),
                Format::Markdown => loanspec::rules::docs::markdown(pack, lang),
                _ => {
                    return usage_error(
                        &text!(
                            "`loanspec rules` prints as `text`, `json` or `markdown`",
                            "`loanspec rules` 只能输出为 `text`、`json` 或 `markdown`"
                        ),
                        lang,
                    );
                }
            });
            ExitCode::SUCCESS
        }
        Command::Explain(ExplainArgs { rule }) => {
            if let Some(text) = loanspec::rules::docs::explain(&rule, loanspec::rules::Pack::cn(), lang) {
                // Markdown when asked for it (`--format markdown`); read in a terminal otherwise.
                out(&if format == Format::Markdown {
                    text
                } else {
                    for_terminal(&text)
                });
                ExitCode::SUCCESS
            } else {
                err(text!(
                    "loanspec: `{rule}` is not a rule or a code; `loanspec rules` lists them\n",
                    "loanspec：`{rule}` 不是规则或代码；`loanspec rules` 可列出全部\n"
                )
                .get(lang));
                ExitCode::from(2)
            }
        }
        Command::Simulate(SimulateArgs { loan, draws }) => {
            if !matches!(format, Format::Human | Format::Json | Format::Csv) {
                return usage_error(
                    &text!(
                        "`loanspec simulate` prints as `human`, `json` or `csv`",
                        "`loanspec simulate` 只能输出为 `human`、`json` 或 `csv`"
                    ),
                    lang,
                );
            }
            let request = loan.request(draws.as_deref(), options.as_of);
            run_simulate(&loan.spec, &request, &options, format, human, lang)
        }
        Command::Disclose(DiscloseArgs { loan, out: target }) => {
            let request = loan.request(None, options.as_of);
            run_disclose(&loan.spec, &request, target.as_deref(), &options, human, lang)
        }
        Command::Diff(DiffArgs { against, paths }) => {
            if !matches!(format, Format::Human | Format::Json | Format::Markdown) {
                return usage_error(
                    &text!(
                        "`loanspec diff` prints as `human`, `json` or `markdown`",
                        "`loanspec diff` 只能输出为 `human`、`json` 或 `markdown`"
                    ),
                    lang,
                );
            }
            diff::run(against.as_deref(), &paths, &options, format, lang)
        }
        Command::Report(ReportArgs {
            paths,
            out: target,
            metrics,
        }) => run_report(&paths, &target, metrics.as_deref(), &options, human, lang),
        Command::Monitor(MonitorArgs {
            paths,
            metrics,
            fail_on,
        }) => {
            if !matches!(format, Format::Human | Format::Json | Format::Markdown) {
                return usage_error(
                    &text!(
                        "`loanspec monitor` prints as `human`, `json` or `markdown`",
                        "`loanspec monitor` 只能输出为 `human`、`json` 或 `markdown`"
                    ),
                    lang,
                );
            }
            let fail_on = if fail_on.is_empty() {
                vec![monitor::FailOn::Retirement]
            } else {
                fail_on
            };
            monitor::run(&paths, &metrics, &fail_on, &options, format, human, lang)
        }
        Command::Baseline(BaselineArgs {
            action: BaselineAction::Write { file, paths },
        }) => match compile::run(&paths, &options) {
            Ok(run) => report::write_baseline(&run, &file, human, lang),
            Err(bad) => could_not_run(&bad, lang),
        },
        Command::Check(CheckArgs {
            paths,
            stdin,
            stdin_filename,
            gate,
            fix,
        }) => {
            if fix {
                if let Err(code) = apply_fixes(&paths, &options, lang) {
                    return code;
                }
            }
            let (paths, options) = match stdin_filename.filter(|_| stdin) {
                Some(at) => match read_stdin_as(&at, options, lang) {
                    Ok(options) => (vec![at], options),
                    Err(code) => return code,
                },
                None => (paths, options),
            };
            check(&paths, &options, &plan, &gate, human, lang)
        }
        Command::Compile(CompileArgs {
            paths,
            out: dir,
            emit,
            target,
            gate,
        }) => match compile::run(&paths, &options) {
            Ok(mut run) => {
                if let Err(code) = report::apply_baseline(&mut run, &gate, &options, lang) {
                    return code;
                }
                let canonical = target.is_empty() || target.contains(&TargetArg::Canonical);
                let fineract = target.contains(&TargetArg::Fineract);
                compile_and_write(&run, &dir, (emit, canonical, fineract), &plan, &gate, human, lang)
            }
            Err(bad) => could_not_run(&bad, lang),
        },
    }
}

/// `loanspec report`: the committee page, written atomically. Specs that could not be read are
/// named on the page and on stderr; bad metric rows are shown on stderr and left out of the
/// charts. The page is written all the same, and either makes the exit code 1.
fn run_report(
    paths: &[PathBuf],
    target: &std::path::Path,
    metrics: Option<&std::path::Path>,
    options: &Options,
    human: HumanOptions,
    lang: Lang,
) -> ExitCode {
    let mut run = match compile::run(paths, options) {
        Ok(run) => run,
        Err(bad) => return could_not_run(&bad, lang),
    };
    let mut data = None;
    let mut bad_rows = false;
    if let Some(path) = metrics {
        match monitor::load(&mut run, path, options, lang) {
            Ok((rows, problems)) => {
                if !problems.is_empty() {
                    err(&diagnostics::render_human(&problems, &run.sources, human));
                }
                bad_rows = problems.iter().any(diagnostics::Diagnostic::is_error);
                data = Some(rows);
            }
            Err(code) => return code,
        }
    }
    let status: Vec<loanspec::monitor::Status> = match &data {
        Some(rows) => loanspec::monitor::evaluate_all(run.products.iter().map(|p| &p.product), rows, options.as_of),
        None => Vec::new(),
    };
    let page = loanspec::report::html(&loanspec::report::Input {
        run: &run,
        metrics: data.as_ref(),
        status: &status,
        as_of: options.as_of.format("%Y-%m-%d").to_string(),
        lang,
    });
    match loanspec::emit::write_file(target, &page) {
        Ok(()) => {
            wrote(target, lang);
            let missing = unresolved_line(&run, lang);
            err(&missing);
            if missing.is_empty() && !bad_rows {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(e) => cannot_write(&e, lang),
    }
}

/// Items of a list as a sentence of the language writes them: `a, b` or `a，b`.
fn joined<S: AsRef<str>>(items: &[S], lang: Lang) -> String {
    let items: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    items.join(match lang {
        Lang::En => ", ",
        Lang::Zh => "，",
    })
}

/// Markdown as a terminal shows it: headings underlined, no `**` or code fences (the code
/// indented instead), no table rule lines. Backticks stay: they mark what to type.
fn for_terminal(markdown: &str) -> String {
    use unicode_width::UnicodeWidthStr as _;
    let mut out = String::with_capacity(markdown.len());
    let mut in_code = false;
    for line in markdown.lines() {
        if line.starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            out.push_str("    ");
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let heading = line.trim_start_matches('#');
        let level = line.len() - heading.len();
        if level > 0 && heading.starts_with(' ') {
            let title = heading.trim().replace("**", "");
            let rule = if level <= 3 { "═" } else { "─" };
            out.push_str(&title);
            out.push('\n');
            out.push_str(&rule.repeat(title.width()));
            out.push('\n');
            continue;
        }
        if line.starts_with('|') && line.trim_matches(['|', '-', ' ', ':']).is_empty() {
            continue;
        }
        out.push_str(&line.replace("**", ""));
        out.push('\n');
    }
    out
}

/// A file written: its path, on stderr.
fn wrote(path: &std::path::Path, lang: Lang) {
    err(text!("wrote {path}\n", "已写入 {path}\n", path = path.display()).get(lang));
}

/// An output that cannot be written: why, on stderr, exit 2.
fn cannot_write(e: &loanspec::emit::OutputError, lang: Lang) -> ExitCode {
    let reason = e.message.get(lang);
    err(text!("loanspec: cannot write: {reason}\n", "loanspec：无法写入：{reason}\n").get(lang));
    ExitCode::from(2)
}

/// The specs that did not become products, for JSON outputs: `[{code, file}]`.
fn unresolved_json(run: &Run) -> serde_json::Value {
    run.unresolved
        .iter()
        .map(|u| {
            serde_json::json!({
                "code": u.code,
                "file": run.sources.get(u.file).map(|f| f.display.clone()),
            })
        })
        .collect()
}

/// One line naming the specs that did not become products (empty when there are none), for
/// the commands that work on products: `report`, `monitor`, `diff`.
fn unresolved_line(run: &Run, lang: Lang) -> String {
    if run.unresolved.is_empty() {
        return String::new();
    }
    let names: Vec<String> = run
        .unresolved
        .iter()
        .map(|u| {
            let file = run.sources.get(u.file).map_or("", |f| f.display.as_str());
            match &u.code {
                Some(code) => match lang {
                    Lang::En => format!("{} ({file})", diagnostics::visible(code)),
                    Lang::Zh => format!("{}（{file}）", diagnostics::visible(code)),
                },
                None => diagnostics::visible(file).into_owned(),
            }
        })
        .collect();
    let n = names.len();
    let list = joined(&names, lang);
    text!(
        "{n} spec{s} could not be read and {are} left out: {list}; `loanspec check` shows why\n",
        "{n} 个规格无法读取，未纳入：{list}；`loanspec check` 可查看原因\n",
        s = if n == 1 { "" } else { "s" },
        are = if n == 1 { "is" } else { "are" }
    )
    .get(lang)
    .to_owned()
}

/// Bad arguments: a line on stderr, exit 2.
fn usage_error(problem: &Text, lang: Lang) -> ExitCode {
    let problem = problem.get(lang);
    err(text!("loanspec: {problem}\n", "loanspec：{problem}\n").get(lang));
    ExitCode::from(2)
}

/// A spec resolved into one loan and its schedule, for `simulate` and `disclose`.
struct Simulated {
    product: compile::CompiledProduct,
    loan: loanspec::money::Loan,
    schedule: loanspec::money::Schedule,
}

/// Resolves the spec and schedules the loan asked for. The spec's problems are shown on stderr
/// and do not block (infos are left out: they are no problem); a loan the product does not make,
/// or a schedule that cannot be made, ends the run.
fn simulated(
    spec: &std::path::Path,
    request: &simulate::Request<'_>,
    options: &Options,
    human: HumanOptions,
    lang: Lang,
) -> Result<Simulated, ExitCode> {
    let mut run = compile::run(&[spec.to_path_buf()], options).map_err(|bad| could_not_run(&bad, lang))?;
    let problems: Vec<diagnostics::Diagnostic> = run
        .diagnostics
        .iter()
        .filter(|d| d.severity != diagnostics::Severity::Info)
        .cloned()
        .collect();
    if !problems.is_empty() {
        err(&diagnostics::render_human(&problems, &run.sources, human));
    }
    if run.products.is_empty() {
        err(text!(
            "loanspec: nothing to simulate: the spec is a product line, or does not resolve (see above)\n",
            "loanspec：无法模拟：该规格是产品线，或无法解析（见上）\n"
        )
        .get(lang));
        return Err(ExitCode::from(1));
    }
    let product = run.products.swap_remove(0);
    let loan = simulate::loan_for(&product, request).map_err(|problems| {
        err(&diagnostics::render_human(&problems, &run.sources, human));
        ExitCode::from(1)
    })?;
    // A schedule whose effective annual rate cannot be computed is refused, not printed as 0%.
    let schedule = loanspec::money::schedule(&loan)
        .and_then(|s| s.effective_rate().map(|_| s))
        .map_err(|e| {
            let problem = simulate::money_problem(e, request.draws);
            err(&diagnostics::render_human(&[problem], &run.sources, human));
            ExitCode::from(1)
        })?;
    Ok(Simulated {
        product,
        loan,
        schedule,
    })
}

fn run_simulate(
    spec: &std::path::Path,
    request: &simulate::Request<'_>,
    options: &Options,
    format: Format,
    human: HumanOptions,
    lang: Lang,
) -> ExitCode {
    let s = match simulated(spec, request, options, human, lang) {
        Ok(s) => s,
        Err(code) => return code,
    };
    out(&match format {
        Format::Json => {
            let mut text = serde_json::to_string_pretty(&simulate::schedule_json(&s.product, &s.loan, &s.schedule))
                .unwrap_or_default();
            text.push('\n');
            text
        }
        Format::Csv => simulate::schedule_csv(&s.loan, &s.schedule),
        _ => simulate::schedule_human(&s.product, &s.loan, &s.schedule, lang),
    });
    ExitCode::SUCCESS
}

/// The cost disclosure of a reference loan: HTML for `-o *.html`, Markdown otherwise.
fn run_disclose(
    spec: &std::path::Path,
    request: &simulate::Request<'_>,
    target: Option<&std::path::Path>,
    options: &Options,
    human: HumanOptions,
    lang: Lang,
) -> ExitCode {
    let s = match simulated(spec, request, options, human, lang) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let lender = s.product.bank.as_ref().and_then(|b| b.name.clone());
    let form = match loanspec::money::disclosure::build(&s.product.product, lender, &s.loan, &s.schedule) {
        Ok(f) => f,
        Err(e) => {
            err(&diagnostics::render_human(
                &[simulate::money_problem(e, None)],
                &loanspec::source::SourceMap::default(),
                human,
            ));
            return ExitCode::from(1);
        }
    };
    let html = target.is_some_and(|t| t.extension().is_some_and(|e| e == "html" || e == "htm"));
    let text = if html { form.html() } else { form.markdown() };
    match target {
        None => {
            out(&text);
            ExitCode::SUCCESS
        }
        Some(path) => match loanspec::emit::write_file(path, &text) {
            Ok(()) => {
                wrote(path, lang);
                ExitCode::SUCCESS
            }
            Err(e) => cannot_write(&e, lang),
        },
    }
}

/// `check` over `paths`: findings in the formats asked, the exit code of the gate.
fn check(
    paths: &[PathBuf],
    options: &Options,
    plan: &[report::Output],
    gate: &Gate,
    human: HumanOptions,
    lang: Lang,
) -> ExitCode {
    match compile::run(paths, options) {
        Ok(mut run) => {
            if let Err(code) = report::apply_baseline(&mut run, gate, options, lang) {
                return code;
            }
            let outcome = report::emit(plan, &run, human, lang, None);
            let code = outcome.unwrap_or_else(|| report::exit_for(&run, gate));
            report::release(run);
            code
        }
        Err(bad) => could_not_run(&bad, lang),
    }
}

/// `check --fix`: writes the safe fixes of a first run into the files (each file whole, or not
/// at all) and says what changed on stderr; the check that follows reports what remains.
fn apply_fixes(paths: &[PathBuf], options: &Options, lang: Lang) -> Result<(), ExitCode> {
    let run = compile::run(paths, options).map_err(|bad| could_not_run(&bad, lang))?;
    for fixed in loanspec::editor::safe_fixes(&run) {
        if let Err(e) = loanspec::emit::write_file(&fixed.path, &fixed.text) {
            return Err(cannot_write(&e, lang));
        }
        let shown = &fixed.display;
        for (line, was, now) in fixed.changed {
            err(text!(
                "fixed {shown}:{line}: `{was}` → `{now}`\n",
                "已修正 {shown}:{line}：`{was}` → `{now}`\n"
            )
            .get(lang));
        }
    }
    Ok(())
}

/// Reads standard input (at most the file-size cap) as the text of the file at `at`.
fn read_stdin_as(at: &std::path::Path, mut options: Options, lang: Lang) -> Result<Options, ExitCode> {
    use std::io::Read as _;
    let cap = options.limits.max_file_size;
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin().take(cap.saturating_add(1)).read_to_end(&mut bytes) {
        err(text!(
            "loanspec: cannot read standard input: {e}\n",
            "loanspec：无法读取标准输入：{e}\n"
        )
        .get(lang));
        return Err(ExitCode::from(2));
    }
    // Over the cap, the text read is the cap plus one byte: the run reports LS002 at the file
    // like a file on disk that is too large. The file need not exist; its folder must.
    let folder = at
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let inserted = if folder.is_dir() {
        options.overlay.insert(at, bytes)
    } else {
        Err(std::io::Error::from(std::io::ErrorKind::NotFound))
    };
    if let Err(e) = inserted {
        let path = at.display();
        let reason = compile::discover::io_reason(&e);
        let reason = reason.get(lang);
        err(text!(
            "loanspec: cannot check `{path}`: its folder: {reason}\n",
            "loanspec：无法检查 `{path}`：其所在文件夹：{reason}\n"
        )
        .get(lang));
        return Err(ExitCode::from(2));
    }
    Ok(options)
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|w| *w >= 40)
        .unwrap_or(80)
}

fn could_not_run(bad: &compile::BadPath, lang: Lang) -> ExitCode {
    let path = bad.path.display();
    let reason = bad.reason.get(lang);
    err(text!(
        "loanspec: cannot check `{path}`: {reason}\n",
        "loanspec：无法检查 `{path}`：{reason}\n"
    )
    .get(lang));
    ExitCode::from(2)
}

fn summary_line(run: &Run, lang: Lang) -> String {
    let line = summary_counts(run, lang);
    let (suppressed, baselined) = (
        run.silenced_by(diagnostics::SilencedBy::InSource),
        run.silenced_by(diagnostics::SilencedBy::Baseline),
    );
    let (outside, skipped) = (run.outside, run.skipped);
    let mut notes = Vec::new();
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    if suppressed > 0 {
        notes.push(text!("{suppressed} suppressed", "{suppressed} 项已豁免"));
    }
    if baselined > 0 {
        notes.push(text!("{baselined} in the baseline", "{baselined} 项在基线中"));
    }
    if outside > 0 {
        notes.push(text!(
            "{outside} YAML file{s} outside every catalogue not read",
            "{outside} 个不属于任何产品目录的 YAML 文件未读取",
            s = plural(outside)
        ));
    }
    if skipped > 0 {
        notes.push(text!(
            "{skipped} named file{s} in no catalogue skipped",
            "{skipped} 个不属于任何产品目录的指定文件已跳过",
            s = plural(skipped)
        ));
    }
    if notes.is_empty() {
        return line;
    }
    let (line, notes) = (line.trim_end(), notes.iter().map(|n| n.get(lang)).collect::<Vec<_>>());
    text!(
        "{line} ({notes})\n",
        "{line}（{notes}）\n",
        notes = joined(&notes, lang)
    )
    .get(lang)
    .to_owned()
}

fn summary_counts(run: &Run, lang: Lang) -> String {
    let (errors, warnings, _) = diagnostics::count(&run.diagnostics);
    let (files, products) = (run.files(), run.product_files());
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("{n} {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let mark = if errors > 0 { "✗" } else { "!" };
    let (file_count, product_count) = (plural(files, "file", "files"), plural(products, "product", "products"));
    let (error_count, warning_count) = (
        plural(errors, "error", "errors"),
        plural(warnings, "warning", "warnings"),
    );
    let line = if errors == 0 && warnings == 0 {
        text!(
            "✓ {file_count} ({product_count}) checked: no problems\n",
            "✓ 已检查 {files} 个文件（{products} 个产品）：没有问题\n"
        )
    } else {
        text!(
            "{mark} {error_count}, {warning_count} in {file_count} ({product_count})\n",
            "{mark} {errors} 个错误，{warnings} 个警告，共检查 {files} 个文件（{products} 个产品）\n"
        )
    };
    line.get(lang).to_owned()
}

fn compile_and_write(
    run: &Run,
    dir: &std::path::Path,
    (emit, canonical, fineract): (EmitArg, bool, bool),
    plan: &[report::Output],
    gate: &Gate,
    human: HumanOptions,
    lang: Lang,
) -> ExitCode {
    let to_terminal_human = plan.iter().any(|o| o.format == Format::Human && o.file.is_none());
    if report::blocks(run, gate) {
        if let Some(code) = report::emit(plan, run, human, lang, Some(&[])) {
            return code;
        }
        if to_terminal_human {
            err(text!(
                "nothing written: fix the errors above first\n",
                "未写入任何文件：请先修正以上错误\n"
            )
            .get(lang));
        }
        // An output that was not written is never a success, `--exit-zero` or not.
        return ExitCode::from(1);
    }
    let emit = match emit {
        EmitArg::Json => Emit::Json,
        EmitArg::Yaml => Emit::Yaml,
    };
    let mut files: Vec<(String, String)> = Vec::new();
    if canonical {
        files.extend(run.products.iter().map(|p| {
            (
                format!("{}.{}", p.product.code, emit.extension()),
                emit::render(p, emit),
            )
        }));
    }
    if fineract {
        let bundles = run
            .products
            .iter()
            .filter_map(|p| Some((p.product.code.as_str(), p.fineract.as_ref()?)));
        files.extend(Fineract.files(bundles, &run.codes));
    }
    match emit::publish_folder(dir, &files) {
        Ok(written) => {
            if let Some(code) = report::emit(plan, run, human, lang, Some(&written)) {
                return code;
            }
            if to_terminal_human {
                let n = run.products.len();
                let files = written.len();
                let shown = dir.display();
                let s = if n == 1 { "" } else { "s" };
                let line = if files == n {
                    text!("wrote {n} product{s} to {shown}\n", "已将 {n} 个产品写入 {shown}\n")
                } else {
                    text!(
                        "wrote {n} product{s} to {shown} ({files} files)\n",
                        "已将 {n} 个产品写入 {shown}（{files} 个文件）\n"
                    )
                };
                out(line.get(lang));
            }
            report::exit_for(run, gate)
        }
        Err(e) => cannot_write(&e, lang),
    }
}
