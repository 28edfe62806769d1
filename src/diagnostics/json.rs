//! `--format json`: one object with every diagnostic and a summary, for scripts and CI.
//!
//! Lines and columns are 1-based, columns count characters; `end_*` is the position just past
//! the labelled value. Keys are always present (`null` when not applicable) so consumers need
//! no existence checks.

use serde_json::{Value, json};

use super::{Diagnostic, Label, Lang, count};
use crate::source::SourceMap;

/// The counts a run reports besides the diagnostics.
#[derive(Clone, Copy, Debug, Default)]
pub struct JsonSummary {
    pub files: usize,
    pub products: usize,
    pub suppressed: usize,
    /// Findings a `--baseline` set aside.
    pub baselined: usize,
    /// YAML files under a named folder in no catalogue (not specs, not read).
    pub outside: usize,
    /// Named files in no catalogue left out by `--only-catalogues`.
    pub skipped: usize,
}

/// The findings as the `diagnostics` list of the JSON formats, for a command that puts them in a
/// document of its own (`monitor`).
pub fn diagnostics_json(diagnostics: &[Diagnostic], files: &SourceMap, lang: Lang) -> Value {
    Value::Array(diagnostics.iter().map(|d| diagnostic(d, files, lang)).collect())
}

/// The `--format json` document; `extra` keys are added to it (`compile` adds `written`).
pub fn render_json(
    diagnostics: &[Diagnostic],
    files: &SourceMap,
    summary: JsonSummary,
    lang: Lang,
    extra: &[(&str, Value)],
) -> String {
    let (errors, warnings, infos) = count(diagnostics);
    let items = diagnostics_json(diagnostics, files, lang);
    let mut doc = json!({
        "version": 1,
        "diagnostics": items,
        "summary": {
            "files": summary.files,
            "products": summary.products,
            "errors": errors,
            "warnings": warnings,
            "infos": infos,
            "suppressed": summary.suppressed,
            "baselined": summary.baselined,
            "outside_catalogues": summary.outside,
            "skipped": summary.skipped,
        },
    });
    if let Some(map) = doc.as_object_mut() {
        for (key, value) in extra {
            map.insert((*key).to_owned(), value.clone());
        }
    }
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| String::from("{}"));
    out.push('\n');
    out
}

fn diagnostic(d: &Diagnostic, files: &SourceMap, lang: Lang) -> Value {
    let primary = d.primary.as_ref().and_then(|l| place(l, files));
    let related: Vec<Value> = d
        .secondary
        .iter()
        .filter_map(|l| {
            let (file, line, column, _, _) = place(l, files)?;
            Some(json!({
                "file": file,
                "line": line,
                "column": column,
                "message": l.message.as_ref().map(|m| m.get(lang)),
            }))
        })
        .collect();
    let help = join_help(d, lang);
    let (file, line, column, end_line, end_column) = match primary {
        Some((f, l, c, el, ec)) => (Some(f), Some(l), Some(c), Some(el), Some(ec)),
        None => (None, None, None, None, None),
    };
    json!({
        "code": d.code.code,
        "name": d.code.name,
        "severity": d.severity.as_str(),
        "message": d.message.get(lang),
        "file": file,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "pointer": d.pointer,
        "help": help,
        "related": related,
    })
}

fn join_help(d: &Diagnostic, lang: Lang) -> Option<String> {
    let mut parts: Vec<&str> = d.help.iter().map(|h| h.get(lang)).collect();
    parts.extend(d.notes.iter().map(|n| n.get(lang)));
    if parts.is_empty() { None } else { Some(parts.join("\n")) }
}

/// (display path, line, column, end line, end column) of a label.
pub(super) fn place(label: &Label, files: &SourceMap) -> Option<(String, usize, usize, usize, usize)> {
    let file = files.get(label.file)?;
    let start = file.line_col(label.span.start);
    let end = file.line_col(label.span.end);
    Some((file.display.clone(), start.line, start.column, end.line, end.column))
}
