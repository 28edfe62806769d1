//! The catalogue as text, JSON and Markdown (`loanspec rules`), and one rule's full text
//! (`loanspec explain`). `docs/rules.md` is the Markdown, committed; a test fails when it drifts.

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::pack::Pack;
use super::{Group, RULES, Rule};
use crate::diagnostics::codes;

/// The anchor of a rule's section in `docs/rules.md` (`ls210-internet-unsecured-limit`).
pub(crate) fn anchor(rule: &Rule) -> String {
    format!("{}-{}", rule.code.to_ascii_lowercase(), rule.name)
}

/// The explain text without the summary line and the doc-test markers on code fences.
fn body(rule: &Rule) -> String {
    let mut out = String::new();
    let paragraph = rule
        .doc
        .lines()
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| !l.trim().is_empty())
        .count();
    for line in rule.doc.lines().skip_while(|l| l.trim().is_empty()).skip(paragraph) {
        let line = line.strip_prefix(' ').unwrap_or(line);
        if let Some(heading) = line.strip_prefix("## ") {
            out.push_str("#### ");
            out.push_str(heading);
            out.push('\n');
            continue;
        }
        if let Some(info) = line.strip_prefix("```") {
            if !info.is_empty() {
                let block_kind = info.split(',').nth(1).unwrap_or("");
                let label = match block_kind {
                    r if r.starts_with("invalid") => "Reported:",
                    r if r.starts_with("valid") => "Accepted:",
                    "config" => "With this in loanspec.yaml:",
                    r if r.starts_with("context") => "With this spec in the catalogue:",
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
                continue;
            }
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
                "regulation": p.regulation,
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
pub fn text() -> String {
    let mut out = String::new();
    for group in Group::ALL {
        out.push_str(group.as_str());
        out.push('\n');
        for r in RULES.iter().filter(|r| r.group == group) {
            let _ = writeln!(
                out,
                "  {} {:<34} {:<7} {}",
                r.code,
                r.name,
                r.severity.as_str(),
                r.summary()
            );
        }
    }
    out
}

fn group_title(group: Group) -> &'static str {
    match group {
        Group::Structure => "Structure: internal consistency",
        Group::Regulatory => "Regulatory: the `cn` rule pack",
        Group::Risk => "Risk",
        Group::Lifecycle => "Lifecycle gates",
        Group::Catalogue => "Catalogue",
    }
}

/// `docs/rules.md`.
pub fn markdown(pack: &Pack) -> String {
    let mut out = String::from(
        "# loanspec rules\n\n\
         Generated by `loanspec rules --format markdown` from the rule registry (`src/rules/`) and the\n\
         `cn` rule pack (`data/packs/cn.yaml`); do not edit. A test fails when this file drifts.\n\n\
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
    );
    for group in Group::ALL {
        let _ = writeln!(out, "- [{}](#{})", group_title(group), slug(group_title(group)));
    }
    out.push('\n');
    for group in Group::ALL {
        let _ = writeln!(out, "## {}\n", group_title(group));
        out.push_str("| code | name | severity | summary |\n|---|---|---|---|\n");
        for r in RULES.iter().filter(|r| r.group == group) {
            let _ = writeln!(
                out,
                "| [{}](#{}) | {} | {} | {} |",
                r.code,
                anchor(r),
                r.name,
                r.severity.as_str(),
                r.summary()
            );
        }
        out.push('\n');
        for r in RULES.iter().filter(|r| r.group == group) {
            out.push_str(&explain_markdown(r, pack));
            out.push('\n');
        }
    }
    out.push_str(
        "## Built-in codes\n\nThese report a spec that cannot be read or resolved; they cannot be turned off.\n\n",
    );
    out.push_str("| code | name | severity | summary |\n|---|---|---|---|\n");
    for c in codes::ALL {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            c.code,
            c.name,
            c.severity.as_str(),
            c.summary
        );
    }
    out
}

fn slug(title: &str) -> String {
    title
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            'a'..='z' | '0'..='9' | '-' | '_' => Some(c),
            ' ' => Some('-'),
            _ => None,
        })
        .collect()
}

/// One rule's section: heading, metadata, the explain text, the parameters' values.
pub(crate) fn explain_markdown(rule: &Rule, pack: &Pack) -> String {
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
    let _ = write!(out, "\n\nStages: {}.", rule.stages.describe());
    out.push_str("\n\n");
    out.push_str(&body(rule));
    out.push('\n');
    let values: Vec<_> = rule.params.iter().filter_map(|n| pack.param(n)).collect();
    if !values.is_empty() {
        out.push_str(
            "\nPack values (`cn`):\n\n| parameter | value | source | effective | confidence |\n|---|---|---|---|---|\n",
        );
        for p in values {
            let value = p
                .value
                .map_or_else(|| "(no default)".to_owned(), super::pack::ParamValue::display);
            let effective = p
                .effective
                .map_or_else(String::new, |d| d.format("%Y-%m-%d").to_string());
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} | {} |",
                p.name,
                value,
                p.regulation,
                effective,
                p.confidence.as_str()
            );
        }
    }
    out
}

/// `loanspec explain CODE|NAME`: a rule's full text, or a built-in code's summary.
pub fn explain(code_or_name: &str, pack: &Pack) -> Option<String> {
    if let Some(rule) = super::find(code_or_name) {
        return Some(explain_markdown(rule, pack));
    }
    codes::find(code_or_name).map(|c| {
        format!(
            "### {} {}\n\n{}\n\nSeverity `{}`; a built-in check, it cannot be turned off.\n",
            c.code,
            c.name,
            c.summary,
            c.severity.as_str()
        )
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
                help_markdown: explain_markdown(r, pack),
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
