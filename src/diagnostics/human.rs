//! The human renderer: miette's graphical report, one per diagnostic.
//!
//! A miette report shows one source file, so labels in other files (the parent line a value was
//! inherited from, the first of two duplicate codes) become related reports of their own.

use std::fmt;
use std::sync::Arc;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};

use super::{Diagnostic, Label, Lang, Severity};
use crate::source::{FileId, SourceMap};

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
    for diagnostic in problems {
        let report = Report::build(diagnostic, files, options.lang);
        if handler.render_report(&mut out, &report).is_err() {
            // Rendering into a String cannot fail on I/O; a formatting error would come from a
            // span outside its file, so fall back to the plain line rather than lose the finding.
            out.push_str(&plain_line(diagnostic, files, options.lang));
        }
        out.push('\n');
    }
    for diagnostic in infos {
        out.push_str(&plain_line(diagnostic, files, options.lang));
    }
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push('\n');
    }
    out
}

fn plain_line(diagnostic: &Diagnostic, files: &SourceMap, lang: Lang) -> String {
    let place = diagnostic
        .primary
        .as_ref()
        .and_then(|l| files.get(l.file).map(|f| (f, l.span)))
        .map(|(f, span)| {
            let at = f.line_col(span.start);
            format!("{}:{}:{}: ", f.display, at.line, at.column)
        })
        .unwrap_or_default();
    let severity = match (diagnostic.severity, lang) {
        (Severity::Info, Lang::Zh) => "提示",
        (s, _) => s.as_str(),
    };
    format!(
        "{place}{severity}[{}]: {}\n",
        diagnostic.code,
        diagnostic.message.get(lang)
    )
}

struct Report {
    code: String,
    message: String,
    severity: miette::Severity,
    help: Option<String>,
    source: Option<NamedSource<Arc<str>>>,
    labels: Vec<LabeledSpan>,
    related: Vec<Report>,
}

impl Report {
    fn build(diagnostic: &Diagnostic, files: &SourceMap, lang: Lang) -> Report {
        let mut help = diagnostic.help.as_ref().map(|h| h.get(lang).to_owned());
        for note in &diagnostic.notes {
            let line = format!("{}: {}", if lang == Lang::Zh { "说明" } else { "note" }, note.get(lang));
            help = Some(match help {
                Some(h) => format!("{h}\n{line}"),
                None => line,
            });
        }
        let primary_file = diagnostic.primary.as_ref().map(|l| l.file);
        let mut labels = Vec::new();
        if let Some(primary) = &diagnostic.primary {
            labels.push(labeled(primary, lang, true));
        }
        let mut related = Vec::new();
        for label in &diagnostic.secondary {
            if Some(label.file) == primary_file {
                labels.push(labeled(label, lang, false));
            } else {
                related.push(Report::secondary(label, files, lang));
            }
        }
        Report {
            code: diagnostic.code.to_string(),
            message: diagnostic.message.get(lang).to_owned(),
            severity: severity(diagnostic.severity),
            help,
            source: primary_file.and_then(|f| named_source(files, f)),
            labels,
            related,
        }
    }

    fn secondary(label: &Label, files: &SourceMap, lang: Lang) -> Report {
        let message = label
            .message
            .as_ref()
            .map_or_else(String::new, |m| m.get(lang).to_owned());
        Report {
            code: String::new(),
            message,
            severity: miette::Severity::Advice,
            help: None,
            source: named_source(files, label.file),
            labels: vec![LabeledSpan::new_primary_with_span(None, span(label))],
            related: Vec::new(),
        }
    }
}

fn named_source(files: &SourceMap, file: FileId) -> Option<NamedSource<Arc<str>>> {
    files
        .get(file)
        .map(|f| NamedSource::new(&f.display, Arc::clone(&f.text)))
}

fn span(label: &Label) -> SourceSpan {
    SourceSpan::new(label.span.start.into(), label.span.len())
}

fn labeled(label: &Label, lang: Lang, primary: bool) -> LabeledSpan {
    let text = label.message.as_ref().map(|m| m.get(lang).to_owned());
    if primary {
        LabeledSpan::new_primary_with_span(text, span(label))
    } else {
        LabeledSpan::new_with_span(text, span(label))
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
