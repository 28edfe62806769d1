//! Rules about the catalogue as a whole: successors, names, unused product lines.

pub(crate) mod duplicate_code;
pub(crate) mod duplicate_name;
pub(crate) mod successor_retired;
pub(crate) mod unknown_successor;
pub(crate) mod unused_line;

use chrono::NaiveDate;

use crate::diagnostics::{Diagnostic, Label, MAX_RELATED, Text};
use crate::model::spec::Stage;
use crate::rules::Rule;
use crate::source::{FileId, Span};
use crate::syntax::{Document, FileLocator, Locate, Part};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What the catalogue rules read of one spec that could be parsed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Summary {
    /// Its `code`, when that is text.
    pub code: Option<String>,
    pub is_line: bool,
    pub stage: Option<Stage>,
    pub name_zh: Option<String>,
    pub name_en: Option<String>,
    /// Its `extends`, as written.
    pub extends: Option<String>,
}

impl Summary {
    pub(crate) fn of(doc: &Document) -> Summary {
        let text = |p: &str| doc.value.pointer(p).and_then(Value::as_str).map(str::to_owned);
        Summary {
            code: text("/code"),
            is_line: doc.value.get("kind").and_then(Value::as_str) == Some("line"),
            stage: stage_of(&doc.value),
            name_zh: text("/name/zh"),
            name_en: text("/name/en"),
            extends: crate::resolve::extends::extends_of(doc).map(str::to_owned),
        }
    }

    /// Whether the product still takes new customers.
    pub(crate) fn is_active(&self) -> bool {
        !self.is_line && self.stage.is_some_and(|s| s < Stage::Retiring)
    }

    /// Its `code`, or nothing.
    pub(crate) fn code_or_empty(&self) -> &str {
        self.code.as_deref().unwrap_or_default()
    }
}

/// One spec of the catalogue, as catalogue rules see it.
pub(crate) struct Entry<'a> {
    pub file: FileId,
    /// The file as findings name it.
    pub display: &'a str,
    /// The spec as parsed; `None` for a spec known only from the catalogue index (never a
    /// named one, nor one that [`related_specs`] names).
    pub doc: Option<&'a Document>,
    pub summary: &'a Summary,
    /// The spec it extends, when that resolves to a spec of the catalogue (worked out only
    /// when a product line is named).
    pub extends: Option<FileId>,
}

impl Entry<'_> {
    /// Where a value of this spec was written.
    pub(crate) fn span(&self, pointer: &str) -> Span {
        // A top-level key (`/code`) or an entry of `name` is placed from what the first read
        // recorded, without the second read that builds the whole pointer index.
        self.doc
            .and_then(|d| d.node(pointer))
            .map_or(Span::empty(0), |n| n.label)
    }
}

/// The key a spec shares with others when two products take the same name: its language and
/// its name, trimmed, for a product still taking customers.
pub(crate) fn names(summary: &Summary) -> impl Iterator<Item = (&'static str, &str)> {
    let active = summary.is_active();
    [("zh", &summary.name_zh), ("en", &summary.name_en)]
        .into_iter()
        .filter(move |_| active)
        .filter_map(|(lang, name)| Some((lang, name.as_deref()?.trim())))
        .filter(|(_, name)| !name.is_empty())
}

/// Its code, as the key two specs may share.
pub(crate) fn code_key(summary: &Summary) -> impl Iterator<Item = &str> {
    summary.code.as_deref().into_iter()
}

/// For each key that a named spec has, the positions of every spec that has it too, in
/// catalogue order. Two passes: checking one file of a large catalogue builds no map of the
/// whole of it.
pub(crate) fn sharing<'a, K: Ord + 'a, I: Iterator<Item = K>>(
    specs: impl Iterator<Item = (FileId, &'a Summary)> + Clone,
    named: &dyn Fn(FileId) -> bool,
    keys: impl Fn(&'a Summary) -> I,
) -> std::collections::BTreeMap<K, Vec<usize>> {
    let mut holders: std::collections::BTreeMap<K, Vec<usize>> = specs
        .clone()
        .filter(|(file, _)| named(*file))
        .flat_map(|(_, summary)| keys(summary))
        .map(|key| (key, Vec::new()))
        .collect();
    for (i, (_, summary)) in specs.enumerate() {
        for key in keys(summary) {
            if let Some(held) = holders.get_mut(&key) {
                held.push(i);
            }
        }
    }
    holders
}

/// The specs that findings on the named ones may point at (a spec with the same code, an
/// active product with the same name), at most as many per code or name as a finding shows,
/// and the named ones such a finding is on: these must be parsed whole even where the
/// catalogue index holds their summary.
pub(crate) fn related_specs<'a>(
    specs: impl Iterator<Item = (FileId, &'a Summary)> + Clone,
    named: &dyn Fn(FileId) -> bool,
) -> std::collections::BTreeSet<FileId> {
    let files: Vec<FileId> = specs.clone().map(|(file, _)| file).collect();
    let by_code = sharing(specs.clone(), named, code_key);
    let by_name = sharing(specs, named, names);
    by_code
        .into_values()
        .chain(by_name.into_values())
        .filter(|holders| holders.len() > 1)
        .flat_map(|holders| {
            holders
                .into_iter()
                .enumerate()
                .filter(|(k, i)| *k <= MAX_RELATED || files.get(*i).is_some_and(|f| named(*f)))
                .map(|(_, i)| i)
        })
        .filter_map(|i| files.get(i).copied())
        .collect()
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
        let d = rule.diagnostic(message).help(help);
        match self.doc {
            Some(doc) => FileLocator { file: self.file, doc }.place(d, pointer, part),
            None => d.at(self.file, Span::empty(0)),
        }
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
