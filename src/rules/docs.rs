//! The catalogue as text, JSON and Markdown (`loanspec rules`), and one rule's full text
//! (`loanspec explain`). `docs/rules.md` is the Markdown, committed; a test fails when it drifts.

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::pack::Pack;
use super::{Group, RULES, Rule};
use crate::diagnostics::{Lang, codes};

/// The anchor of a rule's section in `docs/rules.md` (`ls210-internet-unsecured-limit`).
pub(crate) fn anchor(rule: &Rule) -> String {
    format!("{}-{}", rule.code.to_ascii_lowercase(), rule.name)
}

/// Where `code` is explained in the rules page (`docs/rules.md`, or `docs/rules.zh.md` in
/// Chinese): a rule's own section, else the table of built-in codes. An editor links each
/// finding there.
pub fn doc_anchor(code: &str, lang: Lang) -> String {
    match super::find(code) {
        Some(rule) => anchor(rule),
        None if lang == Lang::Zh => "内置代码".to_owned(),
        None => "built-in-codes".to_owned(),
    }
}

/// The explain text in English without the summary line and the doc-test markers on code
/// fences; in Chinese, the why of the doc's `## 中文` section and the same examples.
fn body(rule: &Rule, lang: Lang) -> String {
    let mut out = String::new();
    let doc = rule.doc_en();
    let paragraph = doc
        .lines()
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| !l.trim().is_empty())
        .count();
    if lang == Lang::Zh {
        let (_, why) = rule.doc_zh();
        out.push_str("#### 为什么\n");
        for p in why {
            out.push_str(&p);
            out.push_str("\n\n");
        }
    }
    // In Chinese only the examples are taken from the English text (their prose is in the
    // Chinese why); parameters and references come from the pack, with Chinese headings.
    let mut section = "";
    let mut fenced = false;
    for line in doc.lines().skip_while(|l| l.trim().is_empty()).skip(paragraph) {
        let line = line.strip_prefix(' ').unwrap_or(line);
        if let Some(heading) = line.strip_prefix("## ") {
            section = heading;
            if lang == Lang::Zh {
                if heading == "Example" {
                    out.push_str("#### 示例\n");
                }
                continue;
            }
            out.push_str("#### ");
            out.push_str(heading);
            out.push('\n');
            continue;
        }
        if lang == Lang::Zh && section != "Example" {
            continue;
        }
        if let Some(info) = line.strip_prefix("```") {
            if !info.is_empty() {
                let block_kind = info.split(',').nth(1).unwrap_or("");
                let label = match (block_kind, lang) {
                    (r, Lang::En) if r.starts_with("invalid") => "Reported:",
                    (r, Lang::En) if r.starts_with("valid") => "Accepted:",
                    ("config", Lang::En) => "With this in loanspec.yaml:",
                    (r, Lang::En) if r.starts_with("context") => "With this spec in the catalogue:",
                    (r, Lang::Zh) if r.starts_with("invalid") => "会报告：",
                    (r, Lang::Zh) if r.starts_with("valid") => "可以通过：",
                    ("config", Lang::Zh) => "loanspec.yaml 中写有：",
                    (r, Lang::Zh) if r.starts_with("context") => "目录中另有这个规格：",
                    _ => "",
                };
                if !label.is_empty() {
                    if !out.ends_with("\n\n") {
                        out.push('\n');
                    }
                    out.push_str(label);
                    out.push_str("\n\n");
                }
                out.push_str("```yaml\n");
                fenced = true;
                continue;
            }
        }
        if line.starts_with("```") {
            fenced = !fenced;
        } else if lang == Lang::Zh && !fenced {
            // English prose between the examples: its Chinese is in the why.
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.trim().to_owned()
}

fn params(rule: &Rule, pack: &Pack) -> Vec<Value> {
    rule.params
        .iter()
        .filter_map(|name| pack.param(name))
        .map(|p| {
            json!({
                "name": p.name,
                "kind": p.kind.as_str(),
                "value": p.value.map(super::pack::ParamValue::display),
                "summary": p.summary,
                "summary_zh": p.summary_zh,
                "regulation": p.regulation,
                "regulation_zh": p.regulation_zh,
                "effective": p.effective.map(|d| d.format("%Y-%m-%d").to_string()),
                "confidence": p.confidence.as_str(),
            })
        })
        .collect()
}

/// `loanspec rules --format json`: an array of rules.
pub fn json(pack: &Pack) -> String {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "code": r.code,
                "name": r.name,
                "group": r.group.as_str(),
                "severity": r.severity.as_str(),
                "since": r.since,
                "status": r.status.as_str(),
                "effective": r.effective(pack).map(|d| d.format("%Y-%m-%d").to_string()),
                "stages": {
                    "applies": r.stages.list().iter().map(|s| s.as_str()).collect::<Vec<_>>(),
                    "draft_warns": r.stages.draft_warns,
                },
                "confidence": r.confidence(pack).map(super::Confidence::as_str),
                "summary": r.summary(),
                "references": r.sources(pack).iter().map(|x| json!({
                    "regulation": x.regulation,
                    "article": x.article,
                    "effective": x.effective.map(|d| d.format("%Y-%m-%d").to_string()),
                    "source": x.source,
                    "confidence": x.confidence.as_str(),
                })).collect::<Vec<_>>(),
                "parameters": params(r, pack),
                "doc": anchor(r),
            })
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&rules).unwrap_or_default();
    out.push('\n');
    out
}

/// `loanspec rules`: one line per rule.
pub fn text(lang: Lang) -> String {
    let mut out = String::new();
    for group in Group::ALL {
        out.push_str(group.as_str());
        if lang == Lang::Zh {
            let _ = write!(out, "（{}）", group.zh());
        }
        out.push('\n');
        for r in RULES.iter().filter(|r| r.group == group) {
            let _ = writeln!(
                out,
                "  {} {:<34} {:<7} {}",
                r.code,
                r.name,
                r.severity.as_str(),
                r.summary_in(lang)
            );
        }
    }
    out
}

fn group_title(group: Group, lang: Lang) -> &'static str {
    match (group, lang) {
        (Group::Structure, Lang::En) => "Structure: internal consistency",
        (Group::Regulatory, Lang::En) => "Regulatory: the `cn` rule pack",
        (Group::Risk, Lang::En) => "Risk",
        (Group::Lifecycle, Lang::En) => "Lifecycle gates",
        (Group::Catalogue, Lang::En) => "Catalogue",
        (Group::Structure, Lang::Zh) => "结构：内部一致性",
        (Group::Regulatory, Lang::Zh) => "监管：`cn` 规则包",
        (Group::Risk, Lang::Zh) => "风险",
        (Group::Lifecycle, Lang::Zh) => "生命周期关口",
        (Group::Catalogue, Lang::Zh) => "目录",
    }
}

/// `docs/rules.md` (English) and `docs/rules.zh.md` (Chinese).
pub fn markdown(pack: &Pack, lang: Lang) -> String {
    let mut out = match lang {
        Lang::En => String::from(
            "# loanspec rules\n\n\
             Generated by `loanspec rules --format markdown` from the rule registry (`src/rules/`) and the\n\
             `cn` rule pack (`data/packs/cn.yaml`); do not edit. A test fails when this file drifts.\n\
             In Chinese: [rules.zh.md](rules.zh.md).\n\n\
             Severity is the default; `rules:` in `loanspec.yaml` sets any rule but a locked one to\n\
             `error`, `warn` or `off` by code or name, and `parameters:` overrides any pack value. A rule whose law took\n\
             effect after the `--as-of` date does not fire. Confidence is that of the source behind the\n\
             rule, as the pack records it next to each value: regulatory rules resting on a\n\
             medium-confidence source warn rather than fail; `policy` marks credit-management practice\n\
             rather than regulation; low-confidence figures are parameters without a value, so their\n\
             rules do nothing until `loanspec.yaml` sets one. Silence one finding with a comment on its\n\
             line or the line above: `# loanspec: allow LS210 -- the reason`.\n\n\
             Each example shows only the keys it changes in a small branch consumer loan (`stage: design`,\n\
             an individual borrower, 1万–10万, 6–12 months, `rate: 4.35%`, penalty markups 50% and\n\
             100%, `collateral: none`); a test runs every example and checks that the rule reports the\n\
             first and not the second.\n\n",
        ),
        Lang::Zh => String::from(
            "# loanspec 规则\n\n\
             由 `loanspec rules --format markdown --lang zh` 根据规则登记表（`src/rules/`）和 `cn` 规则包\
             （`data/packs/cn.yaml`）生成，请勿手工修改；文件与代码不一致时测试会失败。英文版：[rules.md](rules.md)。\n\n\
             表中的级别是默认级别；在 `loanspec.yaml` 的 `rules:` 中可以按代码或名称把除已锁定规则外的任何规则\
             设为 `error`、`warn` 或 `off`，`parameters:` 可以改写规则包中的任何值。所依据的法规在 `--as-of` \
             日期之后才施行的规则不会触发。可信度是规则背后来源的可信度，规则包在每个值旁边都有记录：依据\
             中等可信度来源的监管规则给出警告而不是错误；`policy`（内部政策）表示信贷管理惯例而不是监管规定；\
             低可信度的数字是没有默认值的参数，在 `loanspec.yaml` 写明之前，相应的规则不起作用。要豁免某一条\
             发现，在它所在的行或上一行写注释：`# loanspec: allow LS210 -- 理由`。\n\n\
             每个示例只写出它在一个小额网点消费贷款（`stage: design`、个人借款人、1万–10万、6–12个月、\
             `rate: 4.35%`、罚息上浮50%和100%、`collateral: none`）上改动的键；测试会运行每个示例，检查规则\
             报告第一个、不报告第二个。\n\n",
        ),
    };
    for group in Group::ALL {
        let _ = writeln!(
            out,
            "- [{}](#{})",
            group_title(group, lang),
            slug(group_title(group, lang))
        );
    }
    out.push('\n');
    let (header, builtin) = match lang {
        Lang::En => (
            "| code | name | severity | summary |\n|---|---|---|---|\n",
            "## Built-in codes\n\nThese report a spec that cannot be read or resolved; they cannot be turned off.\n\n",
        ),
        Lang::Zh => (
            "| 代码 | 名称 | 级别 | 说明 |\n|---|---|---|---|\n",
            "## 内置代码\n\n它们报告无法读取或无法解析的规格，不能关闭。\n\n",
        ),
    };
    for group in Group::ALL {
        let _ = writeln!(out, "## {}\n", group_title(group, lang));
        out.push_str(header);
        for r in RULES.iter().filter(|r| r.group == group) {
            let _ = writeln!(
                out,
                "| [{}](#{}) | {} | {} | {} |",
                r.code,
                anchor(r),
                r.name,
                r.severity.as_str(),
                r.summary_in(lang)
            );
        }
        out.push('\n');
        for r in RULES.iter().filter(|r| r.group == group) {
            out.push_str(&explain_markdown(r, pack, lang));
            out.push('\n');
        }
    }
    out.push_str(builtin);
    out.push_str(header);
    for c in codes::ALL {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            c.code,
            c.name,
            c.severity.as_str(),
            match lang {
                Lang::En => c.summary,
                Lang::Zh => c.summary_zh,
            }
        );
    }
    out
}

fn slug(title: &str) -> String {
    title
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            ' ' => Some('-'),
            _ => None,
        })
        .collect()
}

/// One rule's section: heading, metadata, the explain text, the parameters' values.
pub(crate) fn explain_markdown(rule: &Rule, pack: &Pack, lang: Lang) -> String {
    if lang == Lang::Zh {
        return explain_markdown_zh(rule, pack);
    }
    let mut out = format!("### {} {}\n\n", rule.code, rule.name);
    let _ = writeln!(out, "**{}**\n", rule.summary());
    let _ = write!(
        out,
        "Group `{}` · severity `{}` · since {} · {}",
        rule.group.as_str(),
        rule.severity.as_str(),
        rule.since,
        rule.status.as_str()
    );
    if let Some(effective) = rule.effective(pack) {
        let _ = write!(out, " · in force from {}", effective.format("%Y-%m-%d"));
    }
    if let Some(c) = rule.confidence(pack) {
        let _ = write!(out, " · confidence {}", c.as_str());
    }
    if rule.locked {
        out.push_str(" · locked (no level, allow comment or baseline sets it aside)");
    }
    let _ = write!(out, "\n\nStages: {}.", rule.stages.describe(Lang::En));
    out.push_str("\n\n");
    out.push_str(&body(rule, Lang::En));
    out.push('\n');
    out.push_str(&pack_values(rule, pack, Lang::En));
    out
}

/// The table of the pack's values for a rule's parameters (empty for a rule without any).
fn pack_values(rule: &Rule, pack: &Pack, lang: Lang) -> String {
    let values: Vec<_> = rule.params.iter().filter_map(|n| pack.param(n)).collect();
    if values.is_empty() {
        return String::new();
    }
    let (head, none) = match lang {
        Lang::En => (
            "\nPack values (`cn`):\n\n| parameter | value | source | effective | confidence |\n|---|---|---|---|---|\n",
            "(no default)",
        ),
        Lang::Zh => (
            "\n#### 参数\n\n规则包 `cn` 中的值（可在 loanspec.yaml 的 `parameters:` 中改写）：\n\n| 参数 | 值 | 依据 | 施行日期 | 可信度 |\n|---|---|---|---|---|\n",
            "（无默认值）",
        ),
    };
    let mut out = head.to_owned();
    for p in values {
        let value = p
            .value
            .map_or_else(|| none.to_owned(), super::pack::ParamValue::display);
        let effective = p
            .effective
            .map_or_else(String::new, |d| d.format("%Y-%m-%d").to_string());
        let confidence = match lang {
            Lang::En => p.confidence.as_str(),
            Lang::Zh => p.confidence.zh(),
        };
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} |",
            p.name,
            value,
            p.regulation_in(lang),
            effective,
            confidence
        );
    }
    out
}

/// A severity in Chinese.
fn severity_zh(s: crate::diagnostics::Severity) -> &'static str {
    match s {
        crate::diagnostics::Severity::Error => "错误",
        crate::diagnostics::Severity::Warning => "警告",
        crate::diagnostics::Severity::Info => "提示",
    }
}

/// [`explain_markdown`] in Chinese: the doc's `## 中文` text, the same examples, and the
/// parameters and sources from the pack.
fn explain_markdown_zh(rule: &Rule, pack: &Pack) -> String {
    let mut out = format!("### {} {}\n\n", rule.code, rule.name);
    let _ = writeln!(out, "**{}**\n", rule.summary_in(Lang::Zh));
    let _ = write!(
        out,
        "分组 `{}`（{}） · 默认级别 `{}`（{}） · 自 {} 版起 · {}",
        rule.group.as_str(),
        rule.group.zh(),
        rule.severity.as_str(),
        severity_zh(rule.severity),
        rule.since,
        rule.status.zh()
    );
    if let Some(effective) = rule.effective(pack) {
        let _ = write!(out, " · 自 {} 起施行", effective.format("%Y-%m-%d"));
    }
    if let Some(c) = rule.confidence(pack) {
        let _ = write!(out, " · 可信度：{}", c.zh());
    }
    if rule.locked {
        out.push_str(" · 已锁定（级别、allow 注释和基线都不能把它搁置）");
    }
    let _ = write!(out, "\n\n适用阶段：{}。", rule.stages.describe(Lang::Zh));
    out.push_str("\n\n");
    out.push_str(&body(rule, Lang::Zh));
    out.push('\n');
    let values = pack_values(rule, pack, Lang::Zh);
    if !values.is_empty() {
        out.push_str(&values);
    } else if !rule.references.is_empty() {
        out.push_str("\n#### 依据\n\n");
        for r in rule.references {
            let _ = write!(out, "- {}{}", r.regulation_zh, r.article_zh);
            if !r.effective.is_empty() {
                let _ = write!(out, "，自 {} 起施行", r.effective);
            }
            let _ = writeln!(out, "；可信度：{}", r.confidence.zh());
        }
    }
    out
}

/// `loanspec explain CODE|NAME`: a rule's full text, or a built-in code's summary.
pub fn explain(code_or_name: &str, pack: &Pack, lang: Lang) -> Option<String> {
    if let Some(rule) = super::find(code_or_name) {
        return Some(explain_markdown(rule, pack, lang));
    }
    codes::find(code_or_name).map(|c| match lang {
        Lang::En => format!(
            "### {} {}\n\n{}\n\nSeverity `{}`; a built-in check, it cannot be turned off.\n",
            c.code,
            c.name,
            c.summary,
            c.severity.as_str()
        ),
        Lang::Zh => format!(
            "### {} {}\n\n{}\n\n级别 `{}`（{}）；这是内置检查，不能关闭。\n",
            c.code,
            c.name,
            c.summary_zh,
            c.severity.as_str(),
            severity_zh(c.severity)
        ),
    })
}

/// Every rule and built-in code as SARIF describes a rule: the catalogue's rules with their
/// explain text and a link to their section of `docs/rules.md`, then the built-in codes.
pub fn descriptors(pack: &Pack) -> Vec<crate::diagnostics::RuleDescriptor> {
    use crate::diagnostics::{RuleDescriptor, project_uri};
    let link = |anchor: &str| project_uri().map(|base| format!("{base}/blob/main/docs/rules.md#{anchor}"));
    let mut out: Vec<RuleDescriptor> = RULES
        .iter()
        .map(|r| {
            let sources: Vec<String> = r
                .sources(pack)
                .iter()
                .map(|x| format!("{} {}", x.regulation, x.article).trim().to_owned())
                .collect();
            let full = if sources.is_empty() {
                r.summary()
            } else {
                format!("{} ({})", r.summary(), sources.join("; "))
            };
            RuleDescriptor {
                id: r.code.to_owned(),
                name: r.name.to_owned(),
                short: r.summary(),
                full,
                help_markdown: explain_markdown(r, pack, Lang::En),
                level: r.severity,
                help_uri: link(&anchor(r)),
                tags: vec![r.group.as_str().to_owned()],
            }
        })
        .collect();
    out.extend(codes::ALL.iter().map(|c| RuleDescriptor {
        id: c.code.to_owned(),
        name: c.name.to_owned(),
        short: c.summary.to_owned(),
        full: c.summary.to_owned(),
        help_markdown: String::new(),
        level: c.severity,
        help_uri: link("built-in-codes"),
        tags: vec!["built-in".to_owned()],
    }));
    out
}
