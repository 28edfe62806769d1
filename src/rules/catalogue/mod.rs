//! Rules about the catalogue as a whole: successors, names, unused product lines.

pub(crate) mod duplicate_code;
pub(crate) mod duplicate_name;
pub(crate) mod successor_retired;
pub(crate) mod unknown_successor;
pub(crate) mod unused_line;

use chrono::NaiveDate;

use crate::diagnostics::{Diagnostic, Label, Text};
use crate::model::spec::Stage;
use crate::rules::Rule;
use crate::source::{FileId, Span};
use crate::syntax::{Document, FileLocator, Locate, Part};

/// One spec of the catalogue, as catalogue rules see it.
pub(crate) struct Entry<'a> {
    pub file: FileId,
    /// The file as findings name it.
    pub display: String,
    pub doc: &'a Document,
    pub code: String,
    pub is_line: bool,
    pub stage: Option<Stage>,
    pub name_zh: Option<String>,
    pub name_en: Option<String>,
    /// The spec it extends, when that resolves to a spec of the catalogue.
    pub extends: Option<FileId>,
}

impl Entry<'_> {
    /// Whether the product still takes new customers.
    pub(crate) fn is_active(&self) -> bool {
        !self.is_line && self.stage.is_some_and(|s| s < Stage::Retiring)
    }

    /// Where a value of this spec was written.
    pub(crate) fn span(&self, pointer: &str) -> Span {
        self.doc.index().get(pointer).map_or(Span::empty(0), |n| n.label)
    }
}

pub(crate) struct CatalogueContext<'a> {
    pub entries: &'a [Entry<'a>],
    pub as_of: NaiveDate,
    /// The files whose findings are reported.
    pub named: &'a dyn Fn(FileId) -> bool,
}

impl Entry<'_> {
    /// A finding of `rule` on this spec, at `pointer`.
    pub(crate) fn finding(
        &self,
        rule: &'static Rule,
        pointer: &str,
        part: Part,
        message: Text,
        help: Text,
    ) -> Diagnostic {
        let here = FileLocator {
            file: self.file,
            doc: self.doc,
        };
        here.place(rule.diagnostic(message).help(help), pointer, part)
    }

    /// A related place on this spec, at `pointer`.
    pub(crate) fn label(&self, pointer: &str, message: Text) -> Label {
        Label::new(self.file, self.span(pointer)).with_message(message)
    }
}

/// The codes of the catalogue's products (lines excluded: a successor must lend), and the
/// closest code to a mistyped one, found once per distinct mistake however many products make
/// it (a search of every code per product would be quadratic in the catalogue).
pub(crate) struct ProductCodes<'a> {
    pub codes: &'a std::collections::BTreeSet<String>,
    guesses: std::sync::Mutex<std::collections::BTreeMap<String, Option<String>>>,
}

impl<'a> ProductCodes<'a> {
    pub(crate) fn new(codes: &'a std::collections::BTreeSet<String>) -> Self {
        ProductCodes {
            codes,
            guesses: std::sync::Mutex::default(),
        }
    }

    pub(crate) fn contains(&self, code: &str) -> bool {
        self.codes.contains(code)
    }

    /// The product code closest to `code`, if one is close enough to suggest.
    pub(crate) fn closest(&self, code: &str) -> Option<String> {
        if let Some(known) = self.guesses.lock().ok().and_then(|g| g.get(code).cloned()) {
            return known;
        }
        let best = crate::diagnostics::closest(code, self.codes.iter().map(String::as_str)).map(str::to_owned);
        if let Ok(mut guesses) = self.guesses.lock() {
            guesses.insert(code.to_owned(), best.clone());
        }
        best
    }
}

/// A stage from a raw document value.
pub(crate) fn stage_of(value: &serde_json::Value) -> Option<Stage> {
    serde_json::from_value(value.get("stage")?.clone()).ok()
}
