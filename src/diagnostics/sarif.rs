//! `--format sarif`: SARIF 2.1.0, as GitHub code scanning and other review tools read it.
//!
//! One run; the driver lists every rule and built-in code (id = code, name, descriptions, the
//! explain text as help, a link to its section in `docs/rules.md`), plus any custom rule that
//! reported something. Each finding with a place is a result with a physical location (columns
//! count Unicode code points: `columnKind` says so) and the JSON pointer as a logical location.
//! Findings silenced inline or by the baseline are results too, with their `suppressions`, so a
//! reviewer sees what was accepted and why. A finding about the whole run (no place) is a tool
//! notification: code scanning needs a location on every result.

use serde_json::{Value, json};

use super::{Diagnostic, Label, Lang, Report, Severity, Silenced, SilencedBy};
use crate::source::SourceMap;

/// A rule as SARIF's `reportingDescriptor` describes it.
#[derive(Clone, Debug)]
pub struct RuleDescriptor {
    pub id: String,
    pub name: String,
    pub short: String,
    pub full: String,
    /// The explain text, Markdown.
    pub help_markdown: String,
    pub level: Severity,
    pub help_uri: Option<String>,
    pub tags: Vec<String>,
}

/// SARIF levels: `note` is SARIF's word for information.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

pub fn render_sarif(report: &Report<'_>, rules: &[RuleDescriptor]) -> String {
    let mut rules: Vec<RuleDescriptor> = rules.to_vec();
    // Custom rules report under their own ids: describe each from its first finding.
    let all = report
        .diagnostics
        .iter()
        .chain(report.silenced.iter().map(|s| &s.diagnostic));
    for d in all {
        if !rules.iter().any(|r| r.id == d.code.code) {
            rules.push(RuleDescriptor {
                id: d.code.code.to_string(),
                name: d.code.name.to_string(),
                short: d.message.get(report.lang).to_owned(),
                full: d.message.get(report.lang).to_owned(),
                help_markdown: String::new(),
                level: d.severity,
                help_uri: None,
                tags: vec!["custom".into()],
            });
        }
    }
    let index = |code: &str| rules.iter().position(|r| r.id == code);

    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for d in report.diagnostics {
        let state = report.baseline.then_some("new");
        match result(d, report, index(&d.code.code), None, state) {
            Some(r) => results.push(r),
            None => notifications.push(notification(d, report.lang, index(&d.code.code))),
        }
    }
    for s in report.silenced {
        let state = match s.by {
            SilencedBy::Baseline => Some("unchanged"),
            SilencedBy::InSource => report.baseline.then_some("new"),
        };
        if let Some(r) = result(&s.diagnostic, report, index(&s.diagnostic.code.code), Some(s), state) {
            results.push(r);
        }
    }

    let driver_rules: Vec<Value> = rules.iter().map(descriptor).collect();
    let version = env!("CARGO_PKG_VERSION");
    let mut driver = json!({
        "name": "loanspec",
        "fullName": "loanspec: a compiler and linter for bank loan-product specs",
        "version": version,
        "semanticVersion": version,
        "rules": driver_rules,
    });
    if let Some(uri) = super::project_uri() {
        driver["informationUri"] = Value::from(uri);
    }
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver },
            "columnKind": "unicodeCodePoints",
            "results": results,
            "invocations": [{
                "executionSuccessful": true,
                "toolExecutionNotifications": notifications,
            }],
        }],
    });
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| String::from("{}"));
    out.push('\n');
    out
}

fn descriptor(r: &RuleDescriptor) -> Value {
    let mut v = json!({
        "id": r.id,
        "name": r.name,
        "shortDescription": { "text": r.short },
        "fullDescription": { "text": r.full },
        "defaultConfiguration": { "level": level(r.level) },
        "properties": { "tags": r.tags },
    });
    if !r.help_markdown.is_empty() {
        v["help"] = json!({ "text": r.full, "markdown": r.help_markdown });
    }
    if let Some(uri) = &r.help_uri {
        v["helpUri"] = Value::from(uri.as_str());
    }
    v
}

/// The message a person reads: the finding, then what to do about it.
fn message(d: &Diagnostic, lang: Lang) -> String {
    let mut text = d.message.get(lang).to_owned();
    for help in d.help.iter().chain(&d.notes) {
        text.push('\n');
        text.push_str(help.get(lang));
    }
    text
}

fn result(
    d: &Diagnostic,
    report: &Report<'_>,
    rule_index: Option<usize>,
    silenced: Option<&Silenced>,
    baseline_state: Option<&str>,
) -> Option<Value> {
    let primary = d.primary.as_ref()?;
    let mut location = physical(primary, report.sources)?;
    if let Some(pointer) = &d.pointer {
        location["logicalLocations"] = json!([{
            "fullyQualifiedName": pointer,
            "name": pointer.rsplit('/').next().unwrap_or_default(),
            "kind": "value",
        }]);
    }
    let mut r = json!({
        "ruleId": d.code.code,
        "level": level(d.severity),
        "message": { "text": message(d, report.lang) },
        "locations": [location],
    });
    if let Some(i) = rule_index {
        r["ruleIndex"] = Value::from(i);
    }
    let related: Vec<Value> = d
        .secondary
        .iter()
        .filter_map(|l| {
            let mut loc = physical(l, report.sources)?;
            if let Some(m) = &l.message {
                loc["message"] = json!({ "text": m.get(report.lang) });
            }
            Some(loc)
        })
        .enumerate()
        .map(|(i, mut loc)| {
            loc["id"] = Value::from(i + 1);
            loc
        })
        .collect();
    if !related.is_empty() {
        r["relatedLocations"] = Value::from(related);
    }
    // Code scanning matches a finding across runs by this: the file, the rule and the pointer,
    // which do not move when lines above are edited.
    let file = report
        .sources
        .get(primary.file)
        .map(|f| f.rel.as_str())
        .unwrap_or_default();
    let key = format!("{file}\n{}\n{}", d.code.code, d.pointer.as_deref().unwrap_or_default());
    let hex = crate::source::sha256_hex(key.as_bytes());
    let hex = &hex[..32.min(hex.len())];
    r["partialFingerprints"] = json!({ "loanspecFindingHash/v1": hex });
    if let Some(s) = silenced {
        r["suppressions"] = json!([{
            "kind": match s.by { SilencedBy::InSource => "inSource", SilencedBy::Baseline => "external" },
            "status": "accepted",
            "justification": s.reason,
        }]);
    }
    if let Some(state) = baseline_state {
        r["baselineState"] = Value::from(state);
    }
    Some(r)
}

fn notification(d: &Diagnostic, lang: Lang, rule_index: Option<usize>) -> Value {
    let mut rule = json!({ "id": d.code.code });
    if let Some(i) = rule_index {
        rule["index"] = Value::from(i);
    }
    json!({
        "level": level(d.severity),
        "message": { "text": message(d, lang) },
        "associatedRule": rule,
    })
}

fn physical(label: &Label, sources: &SourceMap) -> Option<Value> {
    let file = sources.get(label.file)?;
    let start = file.line_col(label.span.start);
    let end = file.line_col(label.span.end);
    Some(json!({
        "physicalLocation": {
            "artifactLocation": artifact(&file.display),
            "region": {
                "startLine": start.line,
                "startColumn": start.column,
                "endLine": end.line,
                "endColumn": end.column,
            },
        },
    }))
}

/// A file as a URI: relative paths against the checkout (`%SRCROOT%`, what code scanning
/// expects), absolute ones as `file://` URIs; either percent-encoded.
fn artifact(display: &str) -> Value {
    let path = display.replace('\\', "/");
    let encoded = super::uri_encode(&path);
    if path.starts_with('/') {
        json!({ "uri": format!("file://{encoded}") })
    } else if let Some((drive, rest)) = path.split_once(':').filter(|(d, _)| d.len() == 1) {
        // A Windows drive path, `C:/catalogue/x.yaml`.
        json!({ "uri": format!("file:///{drive}:{}", super::uri_encode(rest)) })
    } else {
        json!({ "uri": encoded, "uriBaseId": "%SRCROOT%" })
    }
}
