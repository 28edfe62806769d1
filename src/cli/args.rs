//! The command line's arguments, as clap reads them.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use loanspec::resolve::benchmarks::reform_date;

use super::zh::Bilingual;
use super::{monitor, simulate};

#[derive(Parser, Debug)]
#[command(name = "loanspec", version, about = "Check and compile bank loan-product specs written in YAML", long_about = None)]
pub(super) struct Cli {
    #[command(subcommand)]
    pub(super) command: Command,

    /// Output format for findings [default: human]. Repeat it for several at once, each to the
    /// terminal or to its `--output` file: `--format human --format sarif --output sarif=out.sarif`.
    #[arg(long, global = true, value_enum, action = clap::ArgAction::Append)]
    pub(super) format: Vec<Format>,

    /// Write a format to a file instead of the terminal: `FORMAT=FILE`, or `FILE` when one format
    /// is given. Repeatable.
    #[arg(long, global = true, value_name = "[FORMAT=]FILE", action = clap::ArgAction::Append)]
    pub(super) output: Vec<String>,

    /// Resolve benchmark rates (LPR) as of this date, YYYY-MM-DD [default: today].
    #[arg(long, global = true, value_parser = parse_as_of)]
    pub(super) as_of: Option<NaiveDate>,

    /// Colour in human output. `auto` colours a terminal unless `NO_COLOR` is set.
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto)]
    pub(super) color: Color,

    /// Language of messages [default: from LANG; zh_* gives Chinese].
    #[arg(long, global = true, value_enum)]
    pub(super) lang: Option<LangArg>,

    /// Largest file read, in bytes, or with K, M or G (MiB units) [default: 8M].
    #[arg(long, global = true, value_parser = parse_size)]
    pub(super) max_file_size: Option<u64>,

    /// Read every spec of the catalogue, neither using nor writing its index in
    /// `.loanspec_cache/` (the index spares a one-file check reading the whole catalogue).
    #[arg(long, global = true)]
    pub(super) no_cache: bool,
}

#[derive(Subcommand, Debug)]
pub(super) enum Command {
    /// Check specs: files, or folders (catalogues). Exit 0 clean, 1 findings, 2 could not run.
    Check(CheckArgs),
    /// Compile products to canonical files, one per product (`DIR/<CODE>.json`). Nothing is
    /// written if any error is found.
    Compile(CompileArgs),
    /// What changed between two versions of the products, classified, with the sign-offs each
    /// change needs: `diff OLD NEW` (files or folders) or `diff --against GIT_REF [PATH...]`.
    /// Exit 1 when a change lacks a sign-off in `approvals` or its version does not fit.
    Diff(DiffArgs),
    /// Judge the products' retirement triggers, overdue alerts, pilot criteria and review cadence
    /// on monthly metrics (a CSV; see docs/metrics.md). Exit 1 when a retirement trigger fired.
    Monitor(MonitorArgs),
    /// One self-contained HTML page for a product committee: a lifecycle board, a section per
    /// product (terms, rate today, reference loan, line, sign-offs, findings) and, with
    /// `--metrics`, trend charts.
    Report(ReportArgs),
    /// Record today's findings in a baseline file, so `check --baseline FILE` fails only on new ones.
    Baseline(BaselineArgs),
    /// List the rule catalogue (`--format text`, `json` or `markdown`).
    Rules,
    /// A language server for editors, over stdin and stdout (LSP): findings as you type, in the
    /// catalogue's context; hover, completion, go-to-definition, outline. See the README.
    Lsp,
    /// Print the full text of a rule (or a built-in code): why, an example, its parameters and sources.
    Explain(ExplainArgs),
    /// A product's repayment schedule for one loan, with its APR (`--format human`, `json` or `csv`).
    Simulate(SimulateArgs),
    /// The all-in financing-cost disclosure (综合融资成本明示表) of a loan, in Chinese and English.
    Disclose(DiscloseArgs),
    /// Print a JSON Schema: the product spec (default), the catalogue config, or the compiled output.
    Schema(SchemaArgs),
}

/// The arguments of `loanspec check`.
#[derive(clap::Args, Debug)]
pub(super) struct CheckArgs {
    /// Files or folders. A file is checked within the catalogue found by walking up to the
    /// nearest `loanspec.yaml`.
    #[arg(required_unless_present = "stdin", conflicts_with = "stdin")]
    pub(super) paths: Vec<PathBuf>,
    /// Read the spec from standard input (an editor's unsaved buffer) and judge it exactly
    /// as if it were saved at `--stdin-filename`, within that path's catalogue.
    #[arg(long, requires = "stdin_filename")]
    pub(super) stdin: bool,
    /// Where the text on standard input would be saved (it need not exist yet).
    #[arg(long, requires = "stdin")]
    pub(super) stdin_filename: Option<PathBuf>,
    /// Write the safe fixes into the files (a misspelt key or value replaced by the one it is
    /// unmistakably close to), say what changed, then check again: the exit code is for what
    /// remains. Fixes that guess a number's meaning (`4.35` → `4.35%`) are only offered in the editor.
    #[arg(long, conflicts_with = "stdin")]
    pub(super) fix: bool,
    #[command(flatten)]
    pub(super) gate: Gate,
}

/// The arguments of `loanspec compile`.
#[derive(clap::Args, Debug)]
pub(super) struct CompileArgs {
    /// Files or folders, as for `check`; product lines are not compiled.
    #[arg(required = true)]
    pub(super) paths: Vec<PathBuf>,
    /// Output folder.
    #[arg(short = 'o', long = "out")]
    pub(super) out: PathBuf,
    /// Output format of the compiled files.
    #[arg(long, value_enum, default_value_t = EmitArg::Json)]
    pub(super) emit: EmitArg,
    /// What to compile for: `canonical` (`DIR/<CODE>.json`, the default) or `fineract`
    /// (`DIR/fineract/<CODE>/`, Apache Fineract API requests). Repeatable.
    #[arg(long, value_enum, action = clap::ArgAction::Append)]
    pub(super) target: Vec<TargetArg>,
    #[command(flatten)]
    pub(super) gate: Gate,
}

/// The arguments of `loanspec diff`.
#[derive(clap::Args, Debug)]
pub(super) struct DiffArgs {
    /// A git reference (`main`, `HEAD~1`, a commit) to compare the working tree with.
    #[arg(long, value_name = "GIT_REF")]
    pub(super) against: Option<String>,
    /// `OLD NEW`; with `--against`, the files or folders to compare [default: .].
    pub(super) paths: Vec<PathBuf>,
}

/// The arguments of `loanspec monitor`.
#[derive(clap::Args, Debug)]
pub(super) struct MonitorArgs {
    /// Files or folders, as for `check`.
    #[arg(required = true)]
    pub(super) paths: Vec<PathBuf>,
    /// The metrics CSV: `month,product,new_customers,target_new_customers,npl_ratio,overdue_ratio,balance,approval_hours_p50`.
    #[arg(long)]
    pub(super) metrics: PathBuf,
    /// What exits 1 [default: retirement]; repeatable.
    #[arg(long, value_enum, action = clap::ArgAction::Append)]
    pub(super) fail_on: Vec<monitor::FailOn>,
}

/// The arguments of `loanspec report`.
#[derive(clap::Args, Debug)]
pub(super) struct ReportArgs {
    /// Files or folders, as for `check`.
    #[arg(required = true)]
    pub(super) paths: Vec<PathBuf>,
    /// The HTML file to write.
    #[arg(short = 'o', long = "out")]
    pub(super) out: PathBuf,
    /// Monthly metrics (see docs/metrics.md), for the monitoring notes and the charts.
    #[arg(long)]
    pub(super) metrics: Option<PathBuf>,
}

/// The arguments of `loanspec baseline`.
#[derive(clap::Args, Debug)]
pub(super) struct BaselineArgs {
    #[command(subcommand)]
    pub(super) action: BaselineAction,
}

/// The arguments of `loanspec explain`.
#[derive(clap::Args, Debug)]
pub(super) struct ExplainArgs {
    /// A code (`LS210`) or a name (`internet-unsecured-limit`).
    pub(super) rule: String,
}

/// The arguments of `loanspec simulate`.
#[derive(clap::Args, Debug)]
pub(super) struct SimulateArgs {
    #[command(flatten)]
    pub(super) loan: LoanArgs,
    /// For a credit line: a CSV of `month,amount` (drawn, or repaid when negative).
    #[arg(long)]
    pub(super) draws: Option<PathBuf>,
}

/// The arguments of `loanspec disclose`.
#[derive(clap::Args, Debug)]
pub(super) struct DiscloseArgs {
    #[command(flatten)]
    pub(super) loan: LoanArgs,
    /// Write the form here: `.html` prints on A4; `.md` (or stdout, without `-o`) is Markdown.
    #[arg(short = 'o', long = "out")]
    pub(super) out: Option<PathBuf>,
}

/// The arguments of `loanspec schema`.
#[derive(clap::Args, Debug)]
pub(super) struct SchemaArgs {
    /// The schema of `loanspec.yaml`.
    #[arg(long, conflicts_with = "canonical")]
    pub(super) catalogue: bool,
    /// The schema of `compile` output.
    #[arg(long)]
    pub(super) canonical: bool,
}

/// One loan of a product, for `simulate` and `disclose`.
#[derive(clap::Args, Debug)]
pub(super) struct LoanArgs {
    /// The product spec (checked within its catalogue, like `check`).
    pub(super) spec: PathBuf,
    /// The amount lent, like `100000` or `10万`.
    #[arg(long)]
    pub(super) amount: String,
    /// The term, like `12M`, `3Y` or `15D`.
    #[arg(long)]
    pub(super) term: String,
    /// The repayment method as the spec writes it (`equal_installment`, `equal_principal`,
    /// `interest_only`, `bullet`, `revolving`), or its Chinese name (`等额本息`…) [default: the
    /// product's first].
    #[arg(long, value_parser = parse_method)]
    pub(super) method: Option<loanspec::model::spec::RepaymentMethod>,
}

impl LoanArgs {
    pub(super) fn request<'a>(&'a self, draws: Option<&'a std::path::Path>, as_of: NaiveDate) -> simulate::Request<'a> {
        simulate::Request {
            amount: &self.amount,
            term: &self.term,
            method: self.method,
            draws,
            as_of,
        }
    }
}

/// How findings decide the exit code, and which are reported (`check` and `compile`).
#[derive(clap::Args, Debug, Clone, Default)]
pub(super) struct Gate {
    /// Warnings fail the run too (exit 1); for `compile`, nothing is written.
    #[arg(long, conflicts_with = "exit_zero")]
    pub(super) deny_warnings: bool,
    /// Report only: exit 0 even when there are errors (2 still means the run could not happen).
    #[arg(long)]
    pub(super) exit_zero: bool,
    /// Report only findings this baseline (from `loanspec baseline write`) does not record.
    #[arg(long, value_name = "FILE")]
    pub(super) baseline: Option<PathBuf>,
    /// Report only findings at least this severe: `warning` leaves out the notes (`info`), as
    /// a CI upload or annotations usually want; `error` leaves out warnings too. The exit code
    /// is unchanged.
    #[arg(long, value_enum, default_value_t = MinSeverity::Info)]
    pub(super) min_severity: MinSeverity,
    /// Skip named files that are in no catalogue (no `loanspec.yaml` in their folder or above),
    /// as a git hook given every changed YAML file wants; folders are always checked.
    #[arg(long)]
    pub(super) only_catalogues: bool,
}

#[derive(Clone, Copy, Debug, Default, ValueEnum, PartialEq, Eq)]
pub(super) enum MinSeverity {
    Error,
    Warning,
    #[default]
    Info,
}

#[derive(Subcommand, Debug)]
pub(super) enum BaselineAction {
    /// Check PATH... and write every error and warning to FILE (JSON), replacing it.
    Write {
        /// The baseline file, e.g. `loanspec-baseline.json` beside `loanspec.yaml`.
        file: PathBuf,
        /// Files or folders, as for `check`; give the whole catalogue.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Format {
    /// For people (`text` is the same, for `rules`).
    #[value(alias = "text")]
    Human,
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other review tools.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// JUnit XML, for Jenkins and GitLab test reports.
    Junit,
    /// For `rules`: the catalogue as Markdown (`docs/rules.md`).
    Markdown,
    /// For `simulate`: the schedule as CSV.
    Csv,
}

/// The command line, read in the user's language (`in_chinese` from the locale, `--lang` over
/// it): `--help` and clap's errors in Chinese when that is it. Help and version are printed and
/// the command ends with 0; an error is printed and it ends with 2.
pub(super) fn parse(locale_is_chinese: bool) -> Result<Cli, std::process::ExitCode> {
    use clap::{CommandFactory as _, FromArgMatches as _};
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let in_chinese = super::zh::wanted(&argv, locale_is_chinese);
    let command = if in_chinese {
        super::zh::localize(Cli::command())
    } else {
        Cli::command()
    };
    let parsed = command
        .try_get_matches_from(&argv)
        .and_then(|m| Cli::from_arg_matches(&m));
    parsed.map_err(|e| {
        match super::zh::error(&e).filter(|_| in_chinese) {
            Some(text) => super::err(&text),
            None => {
                let _ = e.print();
            }
        }
        if e.use_stderr() {
            std::process::ExitCode::from(2)
        } else {
            std::process::ExitCode::SUCCESS
        }
    })
}

/// A repayment method as the spec writes it, as clap's dashed form (`equal-installment`, which
/// the command took before) or by its Chinese name: the same words everywhere.
pub(super) fn parse_method(s: &str) -> Result<loanspec::model::spec::RepaymentMethod, Bilingual> {
    use loanspec::model::Label as _;
    use loanspec::model::spec::RepaymentMethod as M;
    const ALL: [M; 5] = [
        M::EqualInstallment,
        M::EqualPrincipal,
        M::InterestOnly,
        M::Bullet,
        M::Revolving,
    ];
    let wanted = s.trim();
    ALL.into_iter()
        .find(|m| {
            let word = loanspec::model::word(m);
            wanted == word || wanted == word.replace('_', "-") || wanted == m.label().0
        })
        .ok_or_else(|| {
            let en: Vec<String> = ALL
                .iter()
                .map(|m| format!("{} ({})", loanspec::model::word(m), m.label().0))
                .collect();
            let zh: Vec<String> = ALL
                .iter()
                .map(|m| format!("`{}`（{}）", loanspec::model::word(m), m.label().0))
                .collect();
            Bilingual {
                en: format!("write one of {}", en.join(", ")),
                zh: format!("`{s}` 不是还款方式；请写以下之一：{}", zh.join("、")),
            }
        })
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub(super) enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub(super) enum LangArg {
    En,
    Zh,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub(super) enum TargetArg {
    /// loanspec's canonical JSON (or YAML with `--emit yaml`).
    Canonical,
    /// Apache Fineract: loan product, floating rate and charge requests, with a manifest.
    Fineract,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub(super) enum EmitArg {
    Json,
    Yaml,
}

pub(super) fn parse_as_of(s: &str) -> Result<NaiveDate, Bilingual> {
    let date = NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| Bilingual {
        en: format!("`{s}` is not a date in the form YYYY-MM-DD"),
        zh: format!("`{s}` 不是 YYYY-MM-DD 格式的日期（例如 2026-03-31）"),
    })?;
    if date < reform_date() {
        return Err(Bilingual {
            en: format!(
                "`{s}` is before 2019-08-20, the first fixing of the reformed LPR; benchmark rates cannot be resolved for it"
            ),
            zh: format!("`{s}` 早于2019-08-20（改革后LPR的首次报价），无法为它解析基准利率"),
        });
    }
    Ok(date)
}

pub(super) fn parse_size(s: &str) -> Result<u64, Bilingual> {
    let t = s.trim();
    let (digits, unit) = t
        .find(|c: char| !c.is_ascii_digit())
        .map_or((t, ""), |i| (&t[..i], &t[i..]));
    let n: u64 = digits.parse().map_err(|_| Bilingual {
        en: format!("`{s}` is not a size; write bytes, or a number with K, M or G"),
        zh: format!("`{s}` 不是大小；请写字节数，或带 K、M、G 的数字"),
    })?;
    let mult: u64 = match unit.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 1,
        "K" | "KB" | "KIB" => 1024,
        "M" | "MB" | "MIB" => 1024 * 1024,
        "G" | "GB" | "GIB" => 1024 * 1024 * 1024,
        _ => {
            return Err(Bilingual {
                en: format!("`{s}`: the unit must be K, M or G"),
                zh: format!("`{s}`：单位只能是 K、M 或 G"),
            });
        }
    };
    n.checked_mul(mult).filter(|v| *v > 0).ok_or_else(|| Bilingual {
        en: format!("`{s}` is not a usable size"),
        zh: format!("`{s}` 不是可用的大小"),
    })
}
