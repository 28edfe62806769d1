//! `--format github`: one GitHub Actions workflow command per finding, which the runner turns
//! into an annotation on the pull request's diff:
//! `::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=CODE name::message`.
//!
//! Escaped as the runner reads them: in the message `%`, CR and LF; in properties also `:` and
//! `,`. The help follows the message on its own line.

use std::fmt::Write as _;

use super::{Diagnostic, Report, Severity};

pub fn render_github(report: &Report<'_>) -> String {
    let mut out = String::new();
    for d in report.diagnostics {
        out.push_str(&command(d, report));
        out.push('\n');
    }
    out
}

fn command(d: &Diagnostic, report: &Report<'_>) -> String {
    let kind = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let mut properties = Vec::new();
    if let Some(label) = &d.primary {
        if let Some(file) = report.sources.get(label.file) {
            let start = file.line_col(label.span.start);
            let end = file.line_col(label.span.end);
            properties.push(format!("file={}", property(&file.display.replace('\\', "/"))));
            properties.push(format!("line={}", start.line));
            properties.push(format!("col={}", start.column));
            properties.push(format!("endLine={}", end.line));
            properties.push(format!("endColumn={}", end.column));
        }
    }
    properties.push(format!(
        "title={}",
        property(&format!("{} {}", d.code.code, d.code.name))
    ));
    let mut message = d.message.get(report.lang).to_owned();
    for help in d.help.iter().chain(&d.notes) {
        let _ = write!(message, "\n{}", help.get(report.lang));
    }
    format!("::{kind} {}::{}", properties.join(","), data(&message))
}

/// Escapes a command's message: `%`, CR and LF as GitHub documents, and every other control
/// character made visible, so a value from a spec cannot colour or rewrite the job's log.
fn data(text: &str) -> String {
    super::visible(&text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")).into_owned()
}

/// Escapes a property value.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}
