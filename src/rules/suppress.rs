//! Inline suppression: `# loanspec: allow CODE -- reason` on the offending line, or on the line
//! above, silences that rule there. A suppression without a reason, naming something that is not
//! a rule, or suppressing nothing, is itself reported.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::{Diagnostic, Silenced, SilencedBy, codes, quote};
use crate::source::{FileId, SourceFile, Span};
use crate::text;

const MARKER: &str = "# loanspec:";

/// One `# loanspec: allow …` comment.
#[derive(Clone, Debug)]
pub(crate) struct Directive {
    pub file: FileId,
    /// 1-based line of the comment.
    pub line: usize,
    /// The comment, from `#` to the end of the line.
    pub span: Span,
    /// The codes or names it allows, each with where it is written.
    pub codes: Vec<(String, Span)>,
    pub reason: Option<String>,
}

/// Finds the directives of a file; malformed ones are reported.
pub(crate) fn directives(file_id: FileId, file: &SourceFile, out: &mut Vec<Diagnostic>) -> Vec<Directive> {
    let mut found = Vec::new();
    let mut line_start = 0;
    for (index, line) in file.text.split('\n').enumerate() {
        let here = line_start;
        line_start += line.len() + 1;
        let Some(at) = line.find(MARKER) else { continue };
        // A YAML comment starts a line or follows a blank.
        if at > 0 && !line[..at].ends_with([' ', '\t']) {
            continue;
        }
        let comment = line[at..].trim_end_matches('\r');
        let span = Span::new(here + at, here + at + comment.len());
        let body = &comment[MARKER.len()..];
        let body_start = here + at + MARKER.len();
        let trimmed = body.trim_start();
        let Some(rest) = trimmed.strip_prefix("allow") else {
            out.push(
                Diagnostic::new(
                    codes::BAD_SUPPRESSION,
                    text!(
                        "a `# loanspec:` comment must say `allow`",
                        "`# loanspec:` 注释须写 `allow`"
                    ),
                )
                .at(file_id, span)
                .help(text!(
                    "write `# loanspec: allow LS210 -- why the bank accepts it`",
                    "请写 `# loanspec: allow LS210 -- 本行接受的理由`"
                )),
            );
            continue;
        };
        let rest_start = body_start + (body.len() - trimmed.len()) + "allow".len();
        // The reason follows `--`; a Chinese input method's `——` (or full-width `－－`) means the
        // same there and nothing else, so it is read as `--`.
        let separator = ["--", "——", "－－"]
            .iter()
            .filter_map(|sep| rest.find(sep).map(|i| (i, sep.len())))
            .min();
        let (list, reason) = match separator {
            Some((i, len)) => (&rest[..i], Some(rest[i + len..].trim().to_owned())),
            None => (rest, None),
        };
        let mut codes_found = Vec::new();
        let mut offset = 0;
        for token in list.split(|c: char| c == ',' || c == '，' || c.is_whitespace()) {
            let start = offset;
            offset += token.len() + 1;
            if token.is_empty() {
                continue;
            }
            let token_start = rest_start + start;
            codes_found.push((token.to_owned(), Span::new(token_start, token_start + token.len())));
        }
        found.push(Directive {
            file: file_id,
            line: index + 1,
            span,
            codes: codes_found,
            reason: reason.filter(|r| !r.is_empty()),
        });
    }
    found
}

/// Checks directives against the known rules (`known(code_or_name)` gives the code).
pub(crate) fn validate(directives: &[Directive], known: &dyn Fn(&str) -> Option<String>, out: &mut Vec<Diagnostic>) {
    for d in directives {
        if d.codes.is_empty() {
            out.push(
                Diagnostic::new(
                    codes::BAD_SUPPRESSION,
                    text!("the suppression names no rule", "该豁免没有指明规则"),
                )
                .at(d.file, d.span)
                .help(text!(
                    "write `# loanspec: allow LS210 -- why the bank accepts it`",
                    "请写 `# loanspec: allow LS210 -- 本行接受的理由`"
                )),
            );
        }
        for (code, span) in &d.codes {
            if known(code).is_none() {
                let shown = quote(code);
                let help = if crate::rules::is_locked(code) {
                    text!(
                        "{shown} is locked: it guards what `compile` writes; fix the spec rather than suppress it",
                        "{shown} 是锁定的规则，保证 `compile` 输出的正确性；请修正规格而不是豁免"
                    )
                } else if codes::find(code).is_some() {
                    text!(
                        "{shown} reports a spec that cannot be read; fix it rather than suppress it",
                        "{shown} 报告的是无法读取的规格，请修正而不是豁免"
                    )
                } else {
                    text!(
                        "name a rule by its code or name (the README and `loanspec rules` list them)",
                        "请用规则代码或名称（README 和 `loanspec rules` 中有列表）"
                    )
                };
                out.push(
                    Diagnostic::new(
                        codes::UNKNOWN_SUPPRESSION,
                        text!(
                            "{shown} is not a rule that can be suppressed",
                            "{shown} 不是可以豁免的规则"
                        ),
                    )
                    .at(d.file, *span)
                    .help(help),
                );
            }
        }
        if d.reason.is_none() {
            out.push(
                Diagnostic::new(
                    codes::SUPPRESSION_WITHOUT_REASON,
                    text!("the suppression gives no reason", "该豁免没有写明理由"),
                )
                .at(d.file, d.span)
                .help(text!(
                    "add the reason after `--`, like `-- board approval 2025-07, minute 14`: a reviewer must see why",
                    "请在 `--` 后写明理由，例如 `-- 2025-07 董事会批准，第 14 号纪要`：审阅者需要知道原因"
                )),
            );
        }
    }
}

/// The directives of a catalogue by the line they are on, so each finding looks up the two
/// lines that can silence it rather than scanning every directive.
pub(crate) struct ByLine<'a> {
    directives: &'a [Directive],
    at: BTreeMap<(FileId, usize), Vec<usize>>,
}

impl<'a> ByLine<'a> {
    pub(crate) fn new(directives: &'a [Directive]) -> Self {
        let mut at: BTreeMap<(FileId, usize), Vec<usize>> = BTreeMap::new();
        for (i, dir) in directives.iter().enumerate() {
            at.entry((dir.file, dir.line)).or_default().push(i);
        }
        ByLine { directives, at }
    }

    /// The directives on `line` of `file` or the line above, in the order they were found.
    fn near(&self, file: FileId, line: usize) -> Vec<(usize, &'a Directive)> {
        let mut found: Vec<usize> = [Some(line), line.checked_sub(1)]
            .into_iter()
            .flatten()
            .filter_map(|l| self.at.get(&(file, l)))
            .flatten()
            .copied()
            .collect();
        found.sort_unstable();
        found
            .into_iter()
            .filter_map(|i| Some((i, self.directives.get(i)?)))
            .collect()
    }
}

/// Silences each finding whose line, or the line above, holds a directive with a reason that
/// allows its rule; returns the findings kept, those silenced, and the directives used.
pub(crate) fn apply(
    findings: Vec<Diagnostic>,
    directives: &ByLine<'_>,
    files: &crate::source::SourceMap,
    known: &dyn Fn(&str) -> Option<String>,
) -> (Vec<Diagnostic>, Vec<Silenced>, BTreeSet<usize>) {
    let mut kept = Vec::new();
    let mut suppressed = Vec::new();
    let mut used = BTreeSet::new();
    for d in findings {
        let place = d
            .primary
            .as_ref()
            .and_then(|l| files.get(l.file).map(|f| (l.file, f.line_col(l.span.start).line)));
        let matched = place.and_then(|(file, line)| {
            directives.near(file, line).into_iter().find(|(_, dir)| {
                dir.reason.is_some()
                    && dir
                        .codes
                        .iter()
                        .any(|(c, _)| known(c).as_deref() == Some(d.code.code.as_ref()))
            })
        });
        match matched {
            Some((i, dir)) => {
                used.insert(i);
                suppressed.push(Silenced {
                    diagnostic: d,
                    by: SilencedBy::InSource,
                    reason: dir.reason.clone().unwrap_or_default(),
                });
            }
            None => kept.push(d),
        }
    }
    (kept, suppressed, used)
}

/// Warns about directives that silenced nothing (those already reported as malformed, without a
/// reason or naming no known rule are left to that error).
pub(crate) fn unused(
    directives: &[Directive],
    used: &BTreeSet<usize>,
    known: &dyn Fn(&str) -> Option<String>,
    reportable: &dyn Fn(FileId) -> bool,
    out: &mut Vec<Diagnostic>,
) {
    for (i, d) in directives.iter().enumerate() {
        let names_a_rule = d.codes.iter().any(|(c, _)| known(c).is_some());
        if used.contains(&i) || d.reason.is_none() || !names_a_rule || !reportable(d.file) {
            continue;
        }
        let list = d.codes.iter().map(|(c, _)| c.as_str()).collect::<Vec<_>>().join(", ");
        out.push(
            Diagnostic::new(
                codes::UNUSED_SUPPRESSION,
                text!(
                    "this suppression of {list} silences nothing",
                    "对 {list} 的豁免没有起作用"
                ),
            )
            .at(d.file, d.span)
            .help(text!(
                "remove it, or put it on the line the finding points at (or the line above)",
                "请删除它，或把它放在问题所在行（或上一行）"
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn directives_are_read_with_their_places() {
        let text = "max: 800万   # loanspec: allow LS210, LS215 -- board approval 2025-07, minute 14\n# loanspec: allow LS150\n";
        let file = SourceFile::new(
            PathBuf::from("/x.yaml"),
            "x.yaml".into(),
            "x.yaml".into(),
            text.into(),
            false,
        );
        let mut out = Vec::new();
        let found = directives(FileId(0), &file, &mut out);
        assert!(out.is_empty());
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[0].codes.iter().map(|(c, _)| c.as_str()).collect::<Vec<_>>(),
            ["LS210", "LS215"]
        );
        assert_eq!(file.slice(found[0].codes[1].1), "LS215");
        assert_eq!(found[0].reason.as_deref(), Some("board approval 2025-07, minute 14"));
        assert_eq!(found[1].line, 2);
        assert_eq!(found[1].reason, None);
    }
}
