//! The findings about a run as a whole: a broken rule pack, a catalogue without a config, an
//! LPR table out of date.

use std::path::Path;

use chrono::NaiveDate;

use super::discover;
use crate::diagnostics::{Diagnostic, Label, codes};
use crate::text;

/// A catalogue without `loanspec.yaml` is checked with loanspec's defaults: said once, plainly,
/// so a rule that needs the bank's settings is not read as a fault of the spec.
/// Each problem of the embedded rule pack, as an internal error of the run.
pub(super) fn pack_problems(problems: &[String]) -> Vec<Diagnostic> {
    problems
        .iter()
        .map(|p| {
            Diagnostic::new(
                codes::INTERNAL,
                text!(
                    "the embedded rule pack (data/packs/cn.yaml) does not read in full: {p}; rules that need it would stay silent",
                    "内置规则包（data/packs/cn.yaml）未能完整读取：{p}；依赖它的规则将无法运行"
                ),
            )
            .help(text!(
                "this build of loanspec is broken: report it, and do not rely on its green runs",
                "此版本的 loanspec 已损坏：请报告此问题，不要依赖其检查通过的结果"
            ))
        })
        .collect()
}

pub(super) fn no_config_warning(root: &Path, cwd: &Path) -> Diagnostic {
    let folder = discover::display_path(root, cwd);
    Diagnostic::new(
        codes::NO_CONFIG,
        text!(
            "there is no loanspec.yaml in `{folder}` or above it: it is checked as a catalogue with loanspec's defaults (no bank name, capital or funding cost, no rule levels, parameters or custom rules)",
            "`{folder}` 及其上级文件夹中没有 loanspec.yaml：按 loanspec 的默认设置作为产品目录检查（没有银行名称、资本、资金成本，也没有规则级别、参数或自定义规则）"
        ),
    )
    .help(text!(
        "create loanspec.yaml at the catalogue's root with at least `loanspec: 1` and the bank's `bank:` figures; or name the folder that holds it",
        "请在产品目录根文件夹中创建 loanspec.yaml，至少写 `loanspec: 1` 和本行的 `bank:` 信息；或指定包含它的文件夹"
    ))
}

pub(super) fn stale_warning(last: Option<NaiveDate>, label: Option<Label>, as_of: NaiveDate) -> Diagnostic {
    let days = last.map_or(0, |l| (as_of - l).num_days());
    let last = last.map_or_else(String::new, |d| d.format("%Y-%m-%d").to_string());
    let as_of = as_of.format("%Y-%m-%d").to_string();
    let mut d = Diagnostic::new(
        codes::STALE_RATES,
        text!(
            "the last LPR fixing loanspec knows is {last}, {days} days before the as-of date {as_of}; LPR-based rates may be out of date",
            "loanspec 已知的最近一次 LPR 报价是 {last}，比检查日期 {as_of} 早 {days} 天；按 LPR 计算的利率可能已过时"
        ),
    )
    .help(text!(
        "add the fixings published since then to `rates:` in loanspec.yaml (a CSV file or a list), or check with `--as-of {last}`",
        "请在 loanspec.yaml 的 `rates:` 中补充此后公布的报价（CSV 文件或列表），或用 `--as-of {last}` 检查"
    ));
    if let Some(label) = label {
        d = d.at_label(label);
    }
    d
}

#[cfg(test)]
mod tests {
    /// A pack that does not read in full is an error of the run (LS901), one per problem.
    #[test]
    fn a_broken_rule_pack_is_an_error_of_the_run() {
        let found = super::pack_problems(&["consumption_term_max: unknown kind".to_owned()]);
        assert_eq!(found.len(), 1);
        assert!(found[0].is_error());
        assert_eq!(found[0].code.code, crate::diagnostics::codes::INTERNAL.code);
        assert!(super::pack_problems(&[]).is_empty());
    }
}
