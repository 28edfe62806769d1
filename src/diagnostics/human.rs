//! The human renderer: miette's graphical report, one per diagnostic.
//!
//! A miette report shows one source file, so labels in other files (the parent line a value was
//! inherited from, the first of two duplicate codes), or far from the finding in its own file,
//! become related reports of their own. Each report shows an excerpt of its file
//! ([`Snippet`]): its cost does not grow with the file, and no control character of a spec
//! reaches the terminal. A file with very many findings shows the first
//! [`MAX_SHOWN_PER_FILE`] and counts the rest; `--format json` keeps them all.

use std::fmt::{self, Write as _};

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan};
use rayon::prelude::*;

use super::snippet::{Mark, Snippet, visible};
use super::{Diagnostic, Label, Lang, MAX_RELATED, Severity};
use crate::source::{FileId, SourceMap};

/// Findings drawn per file; the rest are counted in one line.
pub(super) const MAX_SHOWN_PER_FILE: usize = 50;
/// A label of the finding's own file more lines away than this gets a report of its own.
const NEAR_LINES: usize = 12;

#[derive(Clone, Copy, Debug)]
pub struct HumanOptions {
    pub color: bool,
    pub width: usize,
    pub lang: Lang,
}

impl Default for HumanOptions {
    fn default() -> Self {
        Self {
            color: false,
            width: 80,
            lang: Lang::En,
        }
    }
}

/// Renders every diagnostic, in the order given, followed by nothing else (the caller prints the
/// summary line).
pub fn render_human(diagnostics: &[Diagnostic], files: &SourceMap, options: HumanOptions) -> String {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(options.width)
        .with_links(false)
        .with_context_lines(1);
    let mut out = String::new();
    // Information (which products count as inclusive lending, large exposures) reads as one
    // line each, after the problems, so it does not bury them.
    let (infos, problems): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
        diagnostics.iter().partition(|d| d.severity == Severity::Info);
    let mut shown = Shown::default();
    let problems: Vec<&Diagnostic> = problems.into_iter().filter(|d| shown.take(d)).collect();
    // Each finding is drawn on its own (in parallel: a catalogue can have thousands), then the
    // drawings are joined in the findings' order.
    let drawings: Vec<String> = problems
        .par_iter()
        .map(|diagnostic| {
            let report = Report::build(diagnostic, files, options.lang);
            let mut drawn = String::new();
            if handler.render_report(&mut drawn, &report).is_err() {
                // Rendering into a String cannot fail on I/O; a formatting error would come from
                // a span outside its file, so fall back to the plain line rather than lose the
                // finding.
                drawn = plain_line(diagnostic, files, options.lang);
            }
            if options.lang == Lang::Zh {
                drawn = help_label_in_chinese(&drawn);
            }
            drawn
        })
        .collect();
    for drawn in drawings {
        out.push_str(&drawn);
        out.push('\n');
    }
    for diagnostic in infos {
        if shown.take(diagnostic) {
            out.push_str(&plain_line(diagnostic, files, options.lang));
        }
    }
    out.push_str(&shown.left_out(files, options.lang));
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push('\n');
    }
    out
}

/// miette labels the help line `help:` in every language; in Chinese it is `建议：`, which takes
/// the same six columns, so the wrapped lines under it stay aligned. The heading it gives each
/// related place (`Advice:`) is `相关位置：`.
fn help_label_in_chinese(drawn: &str) -> String {
    let mut out = String::with_capacity(drawn.len());
    for line in drawn.split_inclusive('\n') {
        // The label may sit inside a colour escape: `\x1b[…m  help: \x1b[0m`.
        let plain_start = if line.starts_with('\u{1b}') {
            line.find('m').map_or(0, |i| i + 1)
        } else {
            0
        };
        if line[plain_start..].starts_with("  help: ") {
            out.push_str(&line[..plain_start]);
            out.push_str("  建议：");
            out.push_str(&line[plain_start + "  help: ".len()..]);
        } else if line.trim_end() == "Advice:" {
            // The heading miette gives each related place.
            out.push_str("相关位置：\n");
        } else {
            out.push_str(line);
        }
    }
    out
}

/// How many findings of each file were drawn, and how many left out past the cap.
#[derive(Default)]
struct Shown {
    per_file: std::collections::BTreeMap<Option<FileId>, (usize, usize)>,
}

impl Shown {
    /// Whether to draw this finding (its file has not reached the cap yet).
    fn take(&mut self, diagnostic: &Diagnostic) -> bool {
        let entry = self.per_file.entry(diagnostic.file()).or_default();
        if entry.0 < MAX_SHOWN_PER_FILE {
            entry.0 += 1;
            true
        } else {
            entry.1 += 1;
            false
        }
    }

    fn left_out(&self, files: &SourceMap, lang: Lang) -> String {
        let mut out = String::new();
        for (file, (_, more)) in self.per_file.iter().filter(|(_, (_, more))| *more > 0) {
            let name = file
                .and_then(|f| files.get(f))
                .map_or_else(String::new, |f| visible(&f.display).into_owned());
            let _ = match lang {
                Lang::En => writeln!(
                    out,
                    "… and {more} more findings in {name} not shown (the summary counts them; `--format json` lists them all)"
                ),
                Lang::Zh => writeln!(
                    out,
                    "…… {name} 中另有 {more} 个问题未显示（汇总已计入；`--format json` 可列出全部）"
                ),
            };
        }
        out
    }
}

fn plain_line(diagnostic: &Diagnostic, files: &SourceMap, lang: Lang) -> String {
    let place = diagnostic
        .primary
        .as_ref()
        .and_then(|l| files.get(l.file).map(|f| (f, l.span)))
        .map(|(f, span)| {
            let at = f.line_col(span.start);
            format!("{}:{}:{}: ", visible(&f.display), at.line, at.column)
        })
        .unwrap_or_default();
    let severity = match (diagnostic.severity, lang) {
        (Severity::Info, Lang::Zh) => "提示",
        (s, _) => s.as_str(),
    };
    format!(
        "{place}{severity}[{}]: {}\n",
        visible(&diagnostic.code.to_string()),
        visible(diagnostic.message.get(lang))
    )
}

struct Report {
    code: String,
    message: String,
    severity: miette::Severity,
    help: Option<String>,
    source: Option<Snippet>,
    labels: Vec<LabeledSpan>,
    related: Vec<Report>,
}

impl Report {
    fn build(diagnostic: &Diagnostic, files: &SourceMap, lang: Lang) -> Report {
        let mut help = diagnostic.help.as_ref().map(|h| h.get(lang).to_owned());
        let mut notes: Vec<String> = diagnostic.notes.iter().map(|n| n.get(lang).to_owned()).collect();
        let primary_file = diagnostic.primary.as_ref().and_then(|l| Some((l, files.get(l.file)?)));
        // The labels drawn with the finding: the primary, and those of its file close to it.
        let mut here: Vec<&Label> = Vec::new();
        let mut related = Vec::new();
        let mut more = 0;
        for label in &diagnostic.secondary {
            let near = primary_file.is_some_and(|(p, file)| {
                label.file == p.file && {
                    let (a, b) = (file.line_col(p.span.start), file.line_col(label.span.start));
                    a.line.abs_diff(b.line) <= NEAR_LINES
                        && (file.line_text(b.line).len() < 160 || a.column.abs_diff(b.column) < 100)
                }
            });
            if here.len() + related.len() >= MAX_RELATED {
                more += 1;
            } else if near {
                here.push(label);
            } else {
                related.push(Report::secondary(label, files, lang));
            }
        }
        if more > 0 {
            notes.push(match lang {
                Lang::En => format!("and {more} more places"),
                Lang::Zh => format!("另有 {more} 处"),
            });
        }
        for note in notes {
            let line = match lang {
                Lang::En => format!("note: {note}"),
                Lang::Zh => format!("说明：{note}"),
            };
            help = Some(match help {
                Some(h) => format!("{h}\n{line}"),
                None => line,
            });
        }
        let (source, labels) = match (&diagnostic.primary, primary_file) {
            (Some(primary), Some((_, file))) => {
                let drawn: Vec<&Label> = std::iter::once(primary).chain(here).collect();
                let marks: Vec<Mark> = drawn.iter().map(|l| Mark { span: l.span }).collect();
                let snippet = Snippet::new(file, &marks);
                let labels = drawn
                    .iter()
                    .zip(&snippet.spans)
                    .enumerate()
                    .map(|(i, (label, span))| labeled(label, *span, lang, i == 0))
                    .collect();
                (Some(snippet), labels)
            }
            _ => (None, Vec::new()),
        };
        Report {
            code: visible(&diagnostic.code.to_string()).into_owned(),
            message: visible(diagnostic.message.get(lang)).into_owned(),
            severity: severity(diagnostic.severity),
            help: help.map(|h| visible(&h).into_owned()),
            source,
            labels,
            related,
        }
    }

    fn secondary(label: &Label, files: &SourceMap, lang: Lang) -> Report {
        let message = label
            .message
            .as_ref()
            .map_or_else(String::new, |m| visible(m.get(lang)).into_owned());
        let (source, labels) = match files.get(label.file) {
            Some(file) => {
                let snippet = Snippet::new(file, &[Mark { span: label.span }]);
                let span = snippet.spans[0];
                (Some(snippet), vec![LabeledSpan::new_primary_with_span(None, span)])
            }
            None => (None, Vec::new()),
        };
        Report {
            code: String::new(),
            message,
            severity: miette::Severity::Advice,
            help: None,
            source,
            labels,
            related: Vec::new(),
        }
    }
}

fn labeled(label: &Label, span: miette::SourceSpan, lang: Lang, primary: bool) -> LabeledSpan {
    let text = label.message.as_ref().map(|m| visible(m.get(lang)).into_owned());
    if primary {
        LabeledSpan::new_primary_with_span(text, span)
    } else {
        LabeledSpan::new_with_span(text, span)
    }
}

fn severity(severity: Severity) -> miette::Severity {
    match severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

impl fmt::Debug for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report {}

impl miette::Diagnostic for Report {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        if self.code.is_empty() {
            None
        } else {
            Some(Box::new(&self.code))
        }
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() || self.source.is_none() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(self.related.iter().map(|r| r as &dyn miette::Diagnostic)))
        }
    }
}
