//! The one diagnostic type and its renderers. Only this module knows about miette.
//!
//! Stages collect diagnostics and keep going; a diagnostic is data (code, severity, message,
//! labels with a [`FileId`] each, help), rendered at the end for a person (`human`) or a program
//! (`json`). Every message exists in English and Chinese ([`Text`]); the renderer picks one.

pub mod codes;
mod escape;
mod github;
mod human;
mod json;
mod junit;
mod sarif;
mod snippet;
mod suggest;

use std::borrow::Cow;
use std::fmt;

pub(crate) use codes::CodeInfo;
pub use escape::{html_escape, markdown_escape};
pub use github::render_github;
pub use human::{HumanOptions, render_human};
pub use json::{JsonSummary, diagnostics_json, render_json};
pub use junit::render_junit;
pub use sarif::{RuleDescriptor, render_sarif};
pub use snippet::{visible, visible_char};
pub(crate) use suggest::closest;

use crate::source::{FileId, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A finding that is not reported as a problem, and why: kept for the formats that list such
/// findings (SARIF) rather than drop them.
#[derive(Clone, Debug)]
pub struct Silenced {
    pub diagnostic: Diagnostic,
    pub by: SilencedBy,
    /// The reason written with `# loanspec: allow`, or the baseline file.
    pub reason: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SilencedBy {
    /// An inline `# loanspec: allow CODE -- reason`.
    InSource,
    /// An entry of the `--baseline` file.
    Baseline,
}

/// A named spec file and what it declares.
#[derive(Clone, Debug)]
pub struct CheckedFile {
    pub file: FileId,
    /// Its `code`, when it has one that is text.
    pub code: Option<String>,
    /// A product line (`kind: line`) rather than a product.
    pub is_line: bool,
}

/// Everything a machine-readable format reports about one run.
#[derive(Clone, Copy)]
pub struct Report<'a> {
    pub diagnostics: &'a [Diagnostic],
    pub silenced: &'a [Silenced],
    pub sources: &'a crate::source::SourceMap,
    pub checked: &'a [CheckedFile],
    pub lang: Lang,
    /// A baseline was given: SARIF then marks each result new or unchanged.
    pub baseline: bool,
}

/// The project's home page, where `docs/rules.md` lives (from `Cargo.toml`).
pub(crate) fn project_uri() -> Option<&'static str> {
    Some(env!("CARGO_PKG_REPOSITORY")).filter(|u| !u.is_empty())
}

/// A path as the path part of a URI (RFC 3986): `/` kept, letters, digits and `-._~` kept,
/// everything else (spaces, Chinese file names) percent-encoded as UTF-8.
pub fn uri_encode(path: &str) -> String {
    use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
    const PATH: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'/')
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    utf8_percent_encode(path, PATH).to_string()
}

/// The language messages are printed in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// The language a `LANG`/`LC_ALL` value asks for: Chinese for `zh*`, English otherwise.
    pub fn from_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }
}

/// A message in English and in Chinese.
#[derive(Clone, Debug, PartialEq, Eq, Default, serde::Serialize)]
pub struct Text {
    pub en: String,
    pub zh: String,
}

impl Text {
    pub(crate) fn new(en: impl Into<String>, zh: impl Into<String>) -> Self {
        Self {
            en: en.into(),
            zh: zh.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Zh if self.zh.is_empty() => &self.en,
            Lang::Zh => &self.zh,
        }
    }
}

/// Builds a [`Text`] from an English and a Chinese format string; both may capture variables
/// in scope (`text!("unknown key `{key}`", "未知字段 `{key}`")`), and values named after the two
/// strings, each computed once (`text!("wrote {path}", "已写入 {path}", path = p.display())`).
#[macro_export]
macro_rules! text {
    ($en:literal, $zh:literal $(,)?) => {
        $crate::diagnostics::Text {
            en: format!($en),
            zh: format!($zh),
        }
    };
    ($en:literal, $zh:literal, $($name:ident = $value:expr),+ $(,)?) => {{
        $(let $name = $value;)+
        $crate::diagnostics::Text {
            en: format!($en),
            zh: format!($zh),
        }
    }};
}

/// A diagnostic's code: a built-in one, or a bank's own (custom rules carry their own id).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Code {
    pub code: Cow<'static, str>,
    pub name: Cow<'static, str>,
}

impl From<&'static CodeInfo> for Code {
    fn from(info: &'static CodeInfo) -> Self {
        Code {
            code: Cow::Borrowed(info.code),
            name: Cow::Borrowed(info.name),
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.code, self.name)
    }
}

/// A place in a file, with an optional note shown beside it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Label {
    pub file: FileId,
    pub span: Span,
    pub message: Option<Text>,
}

impl Label {
    pub fn new(file: FileId, span: Span) -> Self {
        Self {
            file,
            span,
            message: None,
        }
    }

    #[must_use]
    pub(crate) fn with_message(mut self, message: Text) -> Self {
        self.message = Some(message);
        self
    }
}

/// One finding. `Serialize` gives the data as it is (file ids, byte spans, both languages);
/// `render_json` gives the documented contract with paths, lines and columns.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: Text,
    /// Where the problem is. `None` only for run-wide findings (a stale rate table).
    pub primary: Option<Label>,
    /// A JSON Pointer to the value in the primary file's document.
    pub pointer: Option<String>,
    /// Related places, in the same file or in others ("first defined here", "inherited from").
    pub secondary: Vec<Label>,
    pub help: Option<Text>,
    pub notes: Vec<Text>,
    /// A replacement for the text at the primary label, when the finding knows what was meant.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
}

/// What to write instead of the text a finding is placed on: an editor's quick fix, and, when
/// `safe`, what `check --fix` writes (a misspelt key or value replaced by the one name it is
/// unmistakably close to). A fix that guesses what a number meant (`4.35` → `4.35%`) is not safe:
/// only a person applies it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Fix {
    pub title: Text,
    pub replacement: String,
    pub safe: bool,
}

impl Diagnostic {
    pub fn new(info: &'static CodeInfo, message: Text) -> Self {
        Self::with_code(info.into(), info.severity, message)
    }

    fn with_code(code: Code, severity: Severity, message: Text) -> Self {
        Self {
            code,
            severity,
            message,
            primary: None,
            pointer: None,
            secondary: Vec::new(),
            help: None,
            notes: Vec::new(),
            fix: None,
        }
    }

    #[must_use]
    pub fn at(mut self, file: FileId, span: Span) -> Self {
        self.primary = Some(Label::new(file, span));
        self
    }

    #[must_use]
    pub(crate) fn at_label(mut self, label: Label) -> Self {
        self.primary = Some(label);
        self
    }

    /// Sets the note shown under the primary location.
    #[must_use]
    pub(crate) fn label(mut self, message: Text) -> Self {
        if let Some(primary) = &mut self.primary {
            primary.message = Some(message);
        }
        self
    }

    #[must_use]
    pub(crate) fn pointer(mut self, pointer: impl Into<String>) -> Self {
        self.pointer = Some(pointer.into());
        self
    }

    #[must_use]
    pub fn with_secondary(mut self, label: Label) -> Self {
        self.secondary.push(label);
        self
    }

    /// Adds the first [`MAX_RELATED`] of `total` related places and a note counting the rest,
    /// so a finding about one of thousands of products that share a value stays a few lines
    /// (and the work to build it stays constant).
    #[must_use]
    pub(crate) fn with_related(mut self, labels: impl IntoIterator<Item = Label>, total: usize) -> Self {
        self.secondary.extend(labels.into_iter().take(MAX_RELATED));
        let more = total.saturating_sub(MAX_RELATED);
        if more > 0 {
            self.notes.push(text!("and {more} more places", "另有 {more} 处"));
        }
        self
    }

    #[must_use]
    pub fn help(mut self, help: Text) -> Self {
        self.help = Some(help);
        self
    }

    #[must_use]
    pub(crate) fn fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    #[must_use]
    pub(crate) fn note(mut self, note: Text) -> Self {
        self.notes.push(note);
        self
    }

    #[must_use]
    pub(crate) fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    pub(crate) fn file(&self) -> Option<FileId> {
        self.primary.as_ref().map(|l| l.file)
    }
}

/// Related places listed per finding at most ([`Diagnostic::with_related`]); the human
/// renderer draws no more either.
pub(crate) const MAX_RELATED: usize = 5;

/// Sorts diagnostics into reading order: by file, then position, then code, so every run prints
/// the same bytes whatever order the threads finished in.
pub(crate) fn sort(diagnostics: &mut [Diagnostic], files: &crate::source::SourceMap) {
    diagnostics.sort_by(|a, b| {
        let key = |d: &Diagnostic| {
            let file = d.file().and_then(|f| files.get(f)).map(|f| f.display.clone());
            let span = d.primary.as_ref().map(|l| (l.span.start, l.span.end));
            (file, span, d.code.code.clone(), d.message.en.clone())
        };
        key(a).cmp(&key(b))
    });
}

/// Removes exact repeats (same code, place and message), keeping the first.
pub(crate) fn dedup(diagnostics: &mut Vec<Diagnostic>) {
    let mut seen = std::collections::HashSet::new();
    diagnostics.retain(|d| {
        seen.insert((
            d.code.code.clone(),
            d.primary.as_ref().map(|l| (l.file, l.span)),
            d.message.en.clone(),
        ))
    });
}

/// Counts by severity: (errors, warnings, infos).
pub fn count(diagnostics: &[Diagnostic]) -> (usize, usize, usize) {
    diagnostics.iter().fold((0, 0, 0), |(e, w, i), d| match d.severity {
        Severity::Error => (e + 1, w, i),
        Severity::Warning => (e, w + 1, i),
        Severity::Info => (e, w, i + 1),
    })
}

/// A value in backticks, formatted only when a message is built (parsers create one before
/// they know whether there is anything to report).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Quoted<'a>(pub &'a str);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&quote(self.0))
    }
}

/// Writes a value in backticks for messages, shortening very long text so one bad value cannot
/// flood a terminal.
pub fn quote(value: &str) -> String {
    const MAX: usize = 60;
    let mut out = String::from("`");
    if value.chars().count() > MAX {
        out.extend(value.chars().take(MAX));
        out.push('…');
    } else {
        out.push_str(value);
    }
    out.push('`');
    out
}

/// How a value reads to a product designer: "a list", "the number `5`".
pub(crate) fn describe(value: &serde_json::Value) -> Text {
    use serde_json::Value;
    match value {
        Value::Null => Text::new("nothing (an empty value)", "空值"),
        Value::Bool(b) => Text::new(format!("`{b}`"), format!("`{b}`")),
        Value::Number(n) => Text::new(format!("the number `{n}`"), format!("数字 `{n}`")),
        Value::String(s) => {
            let q = quote(s);
            Text::new(format!("the text {q}"), format!("文本 {q}"))
        }
        Value::Array(_) => Text::new("a list", "列表"),
        Value::Object(_) => Text::new("a mapping", "映射"),
    }
}

impl Diagnostic {
    /// A finding under a code and name that are not built in (a catalogue rule's), at `severity`.
    pub(crate) fn of_rule(code: &'static str, name: &'static str, severity: Severity, message: Text) -> Self {
        let code = Code {
            code: Cow::Borrowed(code),
            name: Cow::Borrowed(name),
        };
        Self::with_code(code, severity, message)
    }
}
