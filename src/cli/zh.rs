//! The command line in Chinese: `--help` and clap's own errors under `--lang zh` (or a `zh_*`
//! locale). clap writes English only, so the command is re-labelled before it parses (about,
//! argument help, headings, defaults, allowed values) and its errors are rendered from their
//! parts (the argument, the value, the allowed and suggested ones), never from clap's text.

use std::fmt::Write as _;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

/// Chinese for each command's about and each argument's help, by path: `check` (the command),
/// `check.paths` (its argument), `.format` (an option of the top command, global),
/// `.format=human` (an allowed value), `*.amount` (an argument of that name in any command).
const HELP: &[(&str, &str)] = &[
    ("", "检查并编译用 YAML 写成的银行贷款产品规格"),
    (
        ".format",
        "发现的输出格式［默认：human］。可重复，同时输出多种格式，每种输出到终端或其 `--output` 文件：`--format human --format sarif --output sarif=out.sarif`",
    ),
    (".format=human", "供人阅读（`rules` 用 `text`，两者相同）"),
    (".format=json", "json"),
    (".format=sarif", "SARIF 2.1.0，供 GitHub 代码扫描等评审工具使用"),
    (".format=github", "GitHub Actions 工作流命令：在拉取请求上加注释"),
    (".format=junit", "JUnit XML，供 Jenkins 和 GitLab 的测试报告使用"),
    (
        ".format=markdown",
        "用于 `rules`：以 Markdown 输出规则目录，即 `docs/rules.md`",
    ),
    (".format=csv", "用于 `simulate`：以 CSV 输出还款计划"),
    (
        ".output",
        "把某种格式写入文件而不是终端：`格式=文件`，只有一种格式时直接写 `文件`。可重复",
    ),
    (".as_of", "按这一天解析基准利率（LPR），格式 YYYY-MM-DD［默认：今天］"),
    (
        ".color",
        "人读输出是否着色。`auto`：输出到终端且未设置 `NO_COLOR` 时着色",
    ),
    (".lang", "消息的语言［默认：按 LANG；zh_* 为中文］"),
    (
        ".max_file_size",
        "可读取的最大文件，单位为字节，或带 K、M、G（按 MiB 计）［默认：8M］",
    ),
    (
        ".no_cache",
        "读取产品目录中的每一个规格，不使用也不写入 `.loanspec_cache/` 中的索引（有了该索引，只检查一个文件时不必读取整个产品目录）",
    ),
    (".help", "显示帮助"),
    (".version", "显示版本"),
    (
        "check",
        "检查规格：文件，或文件夹（目录）。退出码 0 表示没有问题，1 表示有发现，2 表示无法运行",
    ),
    (
        "check.paths",
        "文件或文件夹。文件会在向上找到的最近一个 `loanspec.yaml` 所在的目录中检查",
    ),
    (
        "check.stdin",
        "从标准输入读取规格（编辑器中未保存的内容），完全按它保存在 `--stdin-filename` 时那样、在该路径的目录中判断",
    ),
    ("check.stdin_filename", "标准输入中的文本将保存到的位置（可以还不存在）"),
    (
        "check.fix",
        "把安全的修正写回文件（拼错的键或值，改成与它明确相近的那一个），说明改了什么，然后再检查一次：退出码按剩下的问题计。需要猜测数字含义的修正（`4.35` → `4.35%`）只在编辑器中提供",
    ),
    (
        "*.deny_warnings",
        "有警告也算失败（退出码 1）；对 `compile`，不写出任何文件",
    ),
    ("*.exit_zero", "只报告：即使有错误也以 0 退出（2 仍表示运行未能进行）"),
    (
        "*.baseline",
        "只报告这个基线（由 `loanspec baseline write` 写出）没有记录的发现",
    ),
    (
        "*.min_severity",
        "只报告至少这么严重的发现：`warning` 略去提示（`info`），CI 上传或注释通常需要这样；`error` 连警告也略去。退出码不变",
    ),
    (
        "*.only_catalogues",
        "略过不在任何目录中的指定文件（所在文件夹及其上级都没有 `loanspec.yaml`），git 钩子传入所有改动的 YAML 文件时需要这样；文件夹总会检查",
    ),
    (
        "compile",
        "把产品编译为规范文件，每个产品一个（`DIR/<CODE>.json`）。只要有错误，就不写出任何文件",
    ),
    ("compile.paths", "文件或文件夹，与 `check` 相同；产品线不编译"),
    ("compile.out", "输出文件夹"),
    ("compile.emit", "编译文件的格式"),
    ("compile.emit=json", "JSON"),
    ("compile.emit=yaml", "YAML"),
    (
        "compile.target",
        "编译目标：`canonical`（`DIR/<CODE>.json`，默认）或 `fineract`（`DIR/fineract/<CODE>/`，Apache Fineract 接口请求）。可重复",
    ),
    (
        "compile.target=canonical",
        "loanspec 的规范 JSON（加 `--emit yaml` 则为 YAML）",
    ),
    (
        "compile.target=fineract",
        "Apache Fineract：贷款产品、浮动利率和费用的请求，附清单",
    ),
    (
        "diff",
        "比较两个版本的产品改了什么，逐项分类，并列出每项改动需要的签批：`diff 旧 新`（文件或文件夹）或 `diff --against GIT引用 [路径...]`。有改动缺少 `approvals` 中的签批或版本号不符时，退出码为 1",
    ),
    ("diff.against", "与工作区比较的 git 引用（`main`、`HEAD~1`、某个提交）"),
    (
        "diff.paths",
        "`旧 新`；用 `--against` 时，是要比较的文件或文件夹［默认：.］",
    ),
    (
        "monitor",
        "按月度指标（CSV，见 docs/metrics.md）判断产品的退出触发条件、逾期预警、试点标准和评审周期。有退出触发条件触发时，退出码为 1",
    ),
    ("monitor.paths", "文件或文件夹，与 `check` 相同"),
    (
        "monitor.metrics",
        "指标 CSV：`month,product,new_customers,target_new_customers,npl_ratio,overdue_ratio,balance,approval_hours_p50`",
    ),
    ("monitor.fail_on", "什么情况以 1 退出［默认：retirement］；可重复"),
    ("monitor.fail_on=retirement", "有退出触发条件触发（默认）"),
    ("monitor.fail_on=alert", "逾期率高于预警线"),
    ("monitor.fail_on=pilot", "试点结束而未达到标准"),
    ("monitor.fail_on=review", "评审逾期"),
    ("monitor.fail_on=any", "以上任何一种"),
    ("monitor.fail_on=none", "从不（只报告）；有错误的行仍以 1 退出"),
    (
        "report",
        "供产品委员会使用的单个 HTML 页面：生命周期看板、每个产品一节（条款、当前利率、参考贷款、产品线、签批、发现），加 `--metrics` 时还有趋势图",
    ),
    ("report.paths", "文件或文件夹，与 `check` 相同"),
    ("report.out", "要写出的 HTML 文件"),
    ("report.metrics", "月度指标（见 docs/metrics.md），用于监测说明和图表"),
    (
        "baseline",
        "把当前的发现记入基线文件，之后 `check --baseline 文件` 只对新发现失败",
    ),
    (
        "baseline.write",
        "检查 路径... 并把每个错误和警告写入 文件（JSON），替换原有内容",
    ),
    (
        "baseline.write.file",
        "基线文件，例如放在 `loanspec.yaml` 旁边的 `loanspec-baseline.json`",
    ),
    ("baseline.write.paths", "文件或文件夹，与 `check` 相同；请给出整个目录"),
    ("rules", "列出规则目录（`--format text`、`json` 或 `markdown`）"),
    (
        "lsp",
        "供编辑器使用的语言服务器，经标准输入输出通信（LSP）：边写边在目录上下文中给出发现；悬停说明、补全、跳转到定义、大纲。见 README",
    ),
    ("explain", "显示一条规则（或内置代码）的全文：为什么、示例、参数和依据"),
    ("explain.rule", "代码（`LS210`）或名称（`internet-unsecured-limit`）"),
    (
        "simulate",
        "按产品为一笔贷款生成还款计划，并给出年化利率（`--format human`、`json` 或 `csv`）",
    ),
    ("simulate.spec", "产品规格（与 `check` 一样在其目录中检查）"),
    ("*.amount", "贷款金额，例如 `100000` 或 `10万`"),
    ("*.term", "期限，例如 `12M`、`3Y` 或 `15D`"),
    (
        "*.method",
        "还款方式，按规格的写法（`equal_installment`、`equal_principal`、`interest_only`、`bullet`、`revolving`），或写中文名称（`等额本息`……）［默认：产品的第一种］",
    ),
    (
        "simulate.draws",
        "用于循环额度：`month,amount` 的 CSV（提款；为负数时是还款）",
    ),
    ("disclose", "一笔贷款的综合融资成本明示表，中英文对照"),
    ("disclose.spec", "产品规格（与 `check` 一样在其目录中检查）"),
    (
        "disclose.out",
        "把明示表写到这里：`.html` 可按 A4 打印；`.md`（或不加 `-o` 时输出到标准输出）为 Markdown",
    ),
    ("schema", "输出 JSON Schema：产品规格（默认）、目录配置，或编译输出"),
    ("schema.catalogue", "`loanspec.yaml` 的 schema"),
    ("schema.canonical", "`compile` 输出的 schema"),
    ("help.subcommand", "要查看说明的命令"),
    ("help", "显示本说明，或指定命令的说明"),
];

/// The Chinese for `path`: the command's own entry, else one shared by every command
/// (`deny_warnings`, `amount`…).
fn zh(path: &str) -> Option<&'static str> {
    let shared = path
        .rsplit_once('.')
        .map(|(_, last)| format!("*.{last}"))
        .unwrap_or_default();
    HELP.iter()
        .find(|(p, _)| *p == path)
        .or_else(|| HELP.iter().find(|(p, _)| *p == shared))
        .map(|(_, text)| *text)
}

/// Chinese for the placeholders of values (`<FILE>` → `<文件>`), in the usage and the help.
const VALUE_NAMES: &[(&str, &str)] = &[
    ("FORMAT", "格式"),
    ("[FORMAT=]FILE", "[格式=]文件"),
    ("FILE", "文件"),
    ("AS_OF", "日期"),
    ("COLOR", "颜色"),
    ("LANG", "语言"),
    ("MAX_FILE_SIZE", "大小"),
    ("STDIN_FILENAME", "路径"),
    ("MIN_SEVERITY", "级别"),
    ("PATHS", "路径"),
    ("OUT", "输出"),
    ("EMIT", "格式"),
    ("TARGET", "目标"),
    ("AGAINST", "git引用"),
    ("METRICS", "指标文件"),
    ("FAIL_ON", "情况"),
    ("RULE", "规则"),
    ("SPEC", "规格"),
    ("AMOUNT", "金额"),
    ("TERM", "期限"),
    ("METHOD", "还款方式"),
    ("DRAWS", "提款计划"),
];

const TEMPLATE: &str = "{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

/// `cmd` labelled in Chinese, whole: its about, headings, help and version flags, every
/// argument's help with its default and allowed values, and its subcommands'.
pub(super) fn localize(cmd: Command) -> Command {
    let cmd = cmd
        .disable_help_flag(true)
        .disable_version_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .global(true)
                .help(zh(".help").unwrap_or_default()),
        )
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(zh(".version").unwrap_or_default()),
        );
    let mut cmd = label(cmd, "");
    // The `help` command is made when the command is built: label it after.
    cmd.build();
    if cmd.find_subcommand("help").is_none() {
        return cmd;
    }
    cmd.mut_subcommand("help", |help| {
        let mut help = help.about(zh("help").unwrap_or_default()).help_template(TEMPLATE);
        let ids: Vec<String> = help.get_arguments().map(|a| a.get_id().to_string()).collect();
        for id in ids {
            help = help.mut_arg(id, |a| {
                a.help(zh("help.subcommand").unwrap_or_default()).help_heading("参数")
            });
        }
        help
    })
}

fn label(cmd: Command, path: &str) -> Command {
    let mut cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令");
    if let Some(about) = zh(path) {
        cmd = cmd.about(about).long_about(None);
    }
    let ids: Vec<String> = cmd.get_arguments().map(|a| a.get_id().to_string()).collect();
    for id in ids {
        let key = format!("{path}.{id}");
        cmd = cmd.mut_arg(id, |a| label_arg(a, &key));
    }
    let subs: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_owned()).collect();
    for sub in subs {
        let key = if path.is_empty() {
            sub.clone()
        } else {
            format!("{path}.{sub}")
        };
        cmd = cmd.mut_subcommand(sub, |s| label(s, &key));
    }
    cmd
}

fn label_arg(arg: Arg, key: &str) -> Arg {
    let mut help = zh(key).map(str::to_owned).unwrap_or_default();
    let heading = if arg.is_positional() { "参数" } else { "选项" };
    let takes_value = arg.get_action().takes_values();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if takes_value && !defaults.is_empty() {
        let _ = write!(help, "［默认：{}］", defaults.join("，"));
    }
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| {
            let name = v.get_name();
            match zh(&format!("{key}={name}")) {
                Some(text) if text != name => format!("`{name}`（{text}）"),
                _ => format!("`{name}`"),
            }
        })
        .collect();
    if takes_value && !values.is_empty() {
        let _ = write!(help, "\n可选值：{}", values.join("、"));
    }
    let names: Vec<&'static str> = arg
        .get_value_names()
        .unwrap_or_default()
        .iter()
        .filter_map(|n| VALUE_NAMES.iter().find(|(en, _)| n.as_str() == *en).map(|(_, zh)| *zh))
        .collect();
    let arg = if names.is_empty() { arg } else { arg.value_names(names) };
    let arg = arg.help(help).long_help(None).help_heading(heading);
    if takes_value {
        arg.hide_default_value(true).hide_possible_values(true)
    } else {
        arg
    }
}

/// Whether the command line asks for Chinese: `--lang zh` (or `--lang=zh`), else none of
/// `--lang en` and a `zh_*` locale (`from_env`).
pub(super) fn wanted(args: &[std::ffi::OsString], from_env: bool) -> bool {
    let mut lang = None;
    let mut it = args.iter().map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        if a == "--lang" {
            lang = it.next().map(std::borrow::Cow::into_owned);
        } else if let Some(v) = a.strip_prefix("--lang=") {
            lang = Some(v.to_owned());
        }
    }
    lang.map_or(from_env, |l| l == "zh")
}

/// A value parser's error in both languages: clap shows the English, the Chinese rendering
/// finds the Chinese here.
#[derive(Debug)]
pub(super) struct Bilingual {
    pub(super) en: String,
    pub(super) zh: String,
}

impl std::fmt::Display for Bilingual {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

impl std::error::Error for Bilingual {}

/// clap's error in Chinese, from its parts: what was wrong, what is allowed or meant, the
/// usage, and where to read more. `None` for help and version output, which is no error.
pub(super) fn error(e: &clap::Error) -> Option<String> {
    let one = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => v.first().cloned(),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        _ => None,
    };
    let many = |kind| match e.get(kind) {
        Some(ContextValue::Strings(v)) => v.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>(),
        Some(ContextValue::String(s)) => vec![format!("`{s}`")],
        _ => Vec::new(),
    };
    let arg = one(ContextKind::InvalidArg).unwrap_or_default();
    let value = one(ContextKind::InvalidValue).unwrap_or_default();
    let mut out = match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            return None;
        }
        ErrorKind::InvalidValue => {
            let mut s = if value.is_empty() {
                format!("`{arg}` 后面要写一个值")
            } else {
                format!("`{value}` 不是 `{arg}` 可以取的值")
            };
            let valid = many(ContextKind::ValidValue);
            if !valid.is_empty() {
                let _ = write!(s, "；可以写：{}", valid.join("、"));
            }
            s
        }
        ErrorKind::UnknownArgument => format!("没有 `{arg}` 这个选项"),
        ErrorKind::InvalidSubcommand => {
            format!(
                "没有 `{}` 这个命令",
                one(ContextKind::InvalidSubcommand).unwrap_or_default()
            )
        }
        ErrorKind::MissingRequiredArgument => {
            format!("缺少必须写的参数：{}", many(ContextKind::InvalidArg).join("、"))
        }
        ErrorKind::MissingSubcommand => "缺少命令".to_owned(),
        ErrorKind::ArgumentConflict => format!("`{arg}` 不能与 {} 同时使用", many(ContextKind::PriorArg).join("、")),
        ErrorKind::ValueValidation => {
            let reason = std::error::Error::source(e)
                .and_then(|s| s.downcast_ref::<Bilingual>())
                .map_or_else(|| value.clone(), |b| b.zh.clone());
            format!("`{arg}` 的值无法使用：{reason}")
        }
        ErrorKind::NoEquals => format!("`{arg}` 的值要用 `=` 连接"),
        ErrorKind::TooManyValues => format!("`{value}` 多余：`{arg}` 只取一个值"),
        ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => format!("`{arg}` 的值的个数不对"),
        _ => "命令行无法读取".to_owned(),
    };
    let suggested: Vec<String> = many(ContextKind::SuggestedArg)
        .into_iter()
        .chain(many(ContextKind::SuggestedSubcommand))
        .chain(many(ContextKind::SuggestedValue))
        .collect();
    if !suggested.is_empty() {
        let _ = write!(out, "\n\n  提示：是不是想写 {}？", suggested.join(" 或 "));
    }
    let usage = one(ContextKind::Usage)
        .map(|u| u.trim().trim_start_matches("Usage:").trim().to_owned())
        .unwrap_or_default();
    let mut text = format!("错误：{out}\n");
    if !usage.is_empty() {
        let _ = write!(text, "\n用法：{usage}\n");
    }
    text.push_str("\n要看更多说明，请运行 `loanspec --help`（或 `loanspec 命令 --help`）。\n");
    Some(text)
}
