//! Baselines: adopt loanspec on an old catalogue and fail only on new findings.
//!
//! `loanspec baseline write FILE PATH...` records today's errors and warnings, each by file
//! (relative to the baseline's folder, so the baseline works from any directory), code, JSON
//! pointer and a hash of the value's text; no line numbers, so editing other parts of a file
//! keeps its entries matching. `--baseline FILE` then sets aside every finding that matches an
//! unused entry (an entry matches once); what is set aside is counted and kept for SARIF. An
//! entry for a checked file that matches nothing is stale (`LS191`): the problem was fixed, or
//! its value changed; the baseline should be written again.
//!
//! A baseline accepts the findings of rules (and built-in warnings), never a built-in error: those
//! mean a spec, the config or a file could not be read, typed or resolved, so the product they are
//! about is missing from the run. Setting one aside would let `compile` write a catalogue with a
//! product dropped and say "0 errors".

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::{Options, Run};
use crate::diagnostics::{Diagnostic, Severity, Silenced, SilencedBy, codes};
use crate::source::{SourceFile, SourceMap};
use crate::syntax;
use crate::text;

/// One recorded finding.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Entry {
    file: String,
    code: String,
    pointer: String,
    hash: String,
}

/// The folder relative paths in a baseline start from.
fn base_dir(baseline: &Path) -> PathBuf {
    let parent = baseline
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    parent.canonicalize().unwrap_or_else(|_| parent.to_path_buf())
}

/// Whether a finding can never be set aside by a baseline: a built-in error (a spec that
/// cannot be read, typed or resolved) or a locked rule's, as opposed to a rule's finding.
pub fn never_baselined(d: &Diagnostic) -> bool {
    d.is_error() && (codes::find(&d.code.code).is_some() || crate::rules::is_locked(&d.code.code))
}

/// A finding as a baseline entry: errors and warnings with a place (notes are not problems),
/// except built-in errors ([`never_baselined`]).
fn entry(d: &Diagnostic, sources: &SourceMap, base: &Path) -> Option<Entry> {
    if d.severity == Severity::Info || never_baselined(d) {
        return None;
    }
    let label = d.primary.as_ref()?;
    let file = sources.get(label.file)?;
    Some(Entry {
        file: relative(&file.path, base),
        code: d.code.code.to_string(),
        pointer: d.pointer.clone().unwrap_or_default(),
        hash: value_hash(file, label.span),
    })
}

fn relative(path: &Path, base: &Path) -> String {
    pathdiff::diff_paths(path, base)
        .unwrap_or_else(|| path.to_path_buf())
        .to_string_lossy()
        .replace('\\', "/")
}

/// The first 16 hex digits of the SHA-256 of the value's text as written, trimmed.
fn value_hash(file: &SourceFile, span: crate::source::Span) -> String {
    let digest = crate::source::sha256_hex(file.slice(span).trim().as_bytes());
    format!("sha256:{}", &digest[..16.min(digest.len())])
}

/// The baseline file for `run`'s findings, to be written at `baseline`, and how many it records.
/// Built-in errors are not recorded ([`never_baselined`]): the caller reports them.
pub fn write(run: &Run, baseline: &Path) -> (String, usize) {
    let base = base_dir(baseline);
    let mut entries: Vec<(Entry, String)> = run
        .diagnostics
        .iter()
        .filter_map(|d| entry(d, &run.sources, &base).map(|e| (e, d.message.en.clone())))
        .collect();
    entries.sort();
    let recorded = entries.len();
    let findings: Vec<Value> = entries
        .into_iter()
        .map(|(e, message)| {
            json!({
                "file": e.file,
                "code": e.code,
                "pointer": e.pointer,
                "hash": e.hash,
                "message": message,
            })
        })
        .collect();
    let doc = json!({
        "version": 1,
        "tool": "loanspec",
        "about": "findings accepted when loanspec was adopted; `loanspec check --baseline FILE` reports only new ones",
        "findings": findings,
    });
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    (out, recorded)
}

/// Sets aside the findings of `run` that the baseline at `path` records, and reports its stale
/// entries. A baseline that cannot be read is a finding (`LS190`), and nothing is set aside.
pub fn apply(run: &mut Run, path: &Path, options: &Options) {
    run.baseline_given = true;
    let base = base_dir(path);
    let (id, problem) = run.add_file(path, options);
    if let Some(d) = problem {
        run.diagnostics.push(d);
        return;
    }
    let Some(file) = run.sources.get(id).cloned() else {
        return;
    };
    let parsed = syntax::parse(id, &file, &options.limits);
    let Some(doc) = parsed.document else {
        run.diagnostics.extend(parsed.diagnostics);
        return;
    };
    let invalid = |pointer: &str, what: crate::diagnostics::Text| {
        let span = doc
            .node(pointer)
            .map_or_else(|| crate::source::Span::new(0, 0), |n| n.label);
        Diagnostic::new(codes::INVALID_BASELINE, what)
            .at(id, span)
            .pointer(pointer)
            .help(text!(
                "write it again with `loanspec baseline write FILE PATH...` rather than by hand",
                "请用 `loanspec baseline write 文件 路径...` 重新生成，不要手工编辑"
            ))
    };
    let Some(list) = doc.value.get("findings").and_then(Value::as_array) else {
        run.diagnostics.push(invalid(
            "",
            text!(
                "this is not a loanspec baseline: it has no `findings` list",
                "这不是 loanspec 基线文件：缺少 `findings` 列表"
            ),
        ));
        return;
    };
    let mut entries: Vec<(usize, Entry)> = Vec::new();
    for (i, item) in list.iter().enumerate() {
        let field = |k: &str| item.get(k).and_then(Value::as_str).map(str::to_owned);
        match (field("file"), field("code"), field("pointer"), field("hash")) {
            (Some(_), Some(code), Some(_), Some(_))
                if codes::find(&code).is_some_and(|c| c.severity == Severity::Error) =>
            {
                let shown = code.clone();
                run.diagnostics.push(invalid(
                    &format!("/findings/{i}/code"),
                    text!(
                        "a baseline cannot accept `{shown}`: it means a spec or file could not be read or typed, so a product would be missing from the run",
                        "基线不能接受 `{shown}`：它表示规格或文件无法读取或解析，产品会因此缺失"
                    ),
                ));
            }
            (Some(_), Some(code), Some(_), Some(_)) if crate::rules::is_locked(&code) => {
                let shown = code.clone();
                run.diagnostics.push(invalid(
                    &format!("/findings/{i}/code"),
                    text!(
                        "a baseline cannot accept `{shown}`: it is a locked rule that guards what `compile` writes",
                        "基线不能接受 `{shown}`：这是锁定的规则，保证 `compile` 输出的正确性"
                    ),
                ));
            }
            (Some(file), Some(code), Some(pointer), Some(hash)) => entries.push((
                i,
                Entry {
                    file,
                    code,
                    pointer,
                    hash,
                },
            )),
            _ => run.diagnostics.push(invalid(
                &format!("/findings/{i}"),
                text!(
                    "this entry needs `file`, `code`, `pointer` and `hash`, each a text",
                    "该条目须有 `file`、`code`、`pointer` 和 `hash`，且均为文本"
                ),
            )),
        }
    }
    let mut used = vec![false; entries.len()];
    let mut kept = Vec::new();
    let reason = format!("in the baseline {}", file.display);
    for d in std::mem::take(&mut run.diagnostics) {
        let matched =
            entry(&d, &run.sources, &base).and_then(|e| (0..entries.len()).find(|&k| !used[k] && entries[k].1 == e));
        match matched {
            Some(k) => {
                used[k] = true;
                run.silenced.push(Silenced {
                    diagnostic: d,
                    by: SilencedBy::Baseline,
                    reason: reason.clone(),
                });
            }
            None => kept.push(d),
        }
    }
    run.diagnostics = kept;
    // Stale: an unused entry for a file this run checked, or for a file that is gone.
    let checked: BTreeSet<String> = run
        .checked
        .iter()
        .filter_map(|c| run.sources.get(c.file))
        .map(|f| relative(&f.path, &base))
        .collect();
    for (k, (i, e)) in entries.iter().enumerate() {
        let gone = !base.join(&e.file).exists();
        if used[k] || !(checked.contains(&e.file) || gone) {
            continue;
        }
        let (code, shown_file, pointer) = (&e.code, &e.file, &e.pointer);
        let span = doc
            .node(&format!("/findings/{i}"))
            .map_or_else(|| crate::source::Span::new(0, 0), |n| n.label);
        run.diagnostics.push(
            Diagnostic::new(
                codes::BASELINE_STALE,
                text!(
                    "the baseline accepts `{code}` at `{pointer}` in `{shown_file}`, which is no longer reported",
                    "基线接受了 `{shown_file}` 中 `{pointer}` 处的 `{code}`，但该问题已不再出现"
                ),
            )
            .at(id, span)
            .pointer(format!("/findings/{i}"))
            .help(text!(
                "it was fixed, or the value changed; write the baseline again with `loanspec baseline write` so it accepts only what is still there",
                "问题已修正或取值已改变；请用 `loanspec baseline write` 重新生成基线，只保留仍存在的问题"
            )),
        );
    }
    crate::diagnostics::sort(&mut run.diagnostics, &run.sources);
}
