//! What an editor asks about a spec while it is being written: what the field under the cursor
//! means and how loanspec reads its value, which keys and values fit where the cursor is, where
//! `extends:` and `successor:` lead, and the spec's outline. Functions of one document's text
//! (and, for codes and product lines, the specs of its catalogue from the last run); the
//! language server (`loanspec lsp`) serves them, and any other front end may.

mod complete;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use serde_json::Value;

use crate::diagnostics::{Lang, Text};
use crate::model::UNIT_KEYWORD;
use crate::model::units::{BasisPoints, Date, Money, Percent, RateExpr, Term};
use crate::resolve::Benchmarks;
use crate::schema::Compiled;
use crate::source::{FileId, SourceFile, Span};
use crate::syntax::{Document, Limits, NodeSpan};
use crate::text;

pub use complete::{Completion, complete};

/// A spec of the catalogue, as completion and go-to-definition need it.
#[derive(Clone, Debug)]
pub struct Spec {
    pub path: PathBuf,
    pub code: Option<String>,
    pub is_line: bool,
}

/// What hovering shows: Markdown, over the span it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hover {
    pub markdown: String,
    pub span: Span,
}

/// One entry of a spec's outline: a top-level key, its whole extent and the key itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Symbol {
    pub name: String,
    pub span: Span,
    pub key: Span,
    /// The keys under it (one level).
    pub children: Vec<Symbol>,
}

/// Where go-to-definition leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// The file `extends:` names (resolved against the spec's folder).
    File(PathBuf),
    /// The spec whose `code:` is the one `successor:` names.
    Code(String),
}

/// The schema a file is written against: `loanspec.yaml` is the catalogue config.
fn schema_for(path: &Path) -> &'static Value {
    if path
        .file_name()
        .is_some_and(|n| n == crate::compile::discover::CONFIG_FILE)
    {
        &Compiled::catalogue().schema
    } else {
        &Compiled::product().schema
    }
}

/// The text parsed with spans; `None` when it does not parse (the findings say why).
fn parse(path: &Path, text: &str) -> Option<Document> {
    let name = path.display().to_string();
    let file = Arc::new(SourceFile::new(
        path.to_path_buf(),
        name.clone(),
        name,
        text.into(),
        false,
    ));
    crate::syntax::parse(FileId(0), &file, &Limits::default()).document
}

/// The innermost written node at `offset`: its pointer, its place, and whether the cursor is on
/// its key.
fn spot(doc: &Document, offset: usize) -> Option<(String, NodeSpan, bool)> {
    let inside = |s: Span| s.start <= offset && offset <= s.end && s.start < s.end;
    doc.index()
        .iter()
        .filter_map(|(pointer, node)| {
            if node.key.is_some_and(inside) {
                Some((pointer, node, true, node.key.map_or(0, |k| k.end - k.start)))
            } else if !node.container && inside(node.value) {
                Some((pointer, node, false, node.value.end - node.value.start))
            } else {
                None
            }
        })
        // The smallest place under the cursor is the innermost node.
        .min_by_key(|(pointer, _, _, size)| (*size, std::cmp::Reverse(pointer.len())))
        .map(|(pointer, node, on_key, _)| (pointer.clone(), *node, on_key))
}

/// Hover at byte `offset` of `text` (saved, or to be saved, at `path`): the field's meaning
/// and, for a value, how loanspec reads it (`500万` → 5,000,000.00; `LPR1Y + 50bp` → the rate on
/// `as_of` with the fixing it uses).
pub fn hover(path: &Path, text: &str, offset: usize, lang: Lang, as_of: NaiveDate) -> Option<Hover> {
    let doc = parse(path, text)?;
    let (pointer, node, on_key) = spot(&doc, offset)?;
    let root = schema_for(path);
    let field = crate::schema::field(root, &doc.value, &pointer);
    let mut out = format!("**`{}`**", pointer.trim_start_matches('/').replace('/', "."));
    if let Some(description) = field.as_ref().and_then(|f| f.description) {
        // In Chinese, the bank's term the description gives the field comes first, on the
        // heading line (`amount.max` · 单户额度上限).
        if let Some(term) = chinese_term(description.en).filter(|_| lang == Lang::Zh) {
            out.push_str(" · ");
            out.push_str(term);
        }
        out.push_str("\n\n");
        out.push_str(description.get(lang));
    }
    let value = doc.value.pointer(&pointer);
    let unit = field
        .as_ref()
        .and_then(|f| f.schema.get(UNIT_KEYWORD))
        .and_then(Value::as_str);
    if let (Some(value), Some(unit)) = (value.filter(|_| !on_key), unit) {
        if let Some(reading) = reading(unit, value, as_of) {
            let reads = reading.get(lang);
            out.push_str(text!("\n\nloanspec reads: {reads}", "\n\nloanspec 的理解：{reads}").get(lang));
        }
    }
    let span = if on_key {
        node.key.unwrap_or(node.label)
    } else {
        node.value
    };
    Some(Hover { markdown: out, span })
}

/// The Chinese term a field's description gives in parentheses: `单户额度上限` in "Largest loan:
/// the single-borrower limit (单户额度上限).", half-width or full-width parentheses.
fn chinese_term(description: &str) -> Option<&str> {
    description.match_indices(['(', '（']).find_map(|(open, bracket)| {
        let inner = &description[open + bracket.len()..];
        let close = inner.find([')', '）'])?;
        let term = inner[..close].trim();
        term.chars().next().is_some_and(crate::schema::is_cjk).then_some(term)
    })
}

/// A value of a unit in words, as loanspec reads it.
fn reading(unit: &str, value: &Value, as_of: NaiveDate) -> Option<Text> {
    Some(match unit {
        "money" => {
            let m = Money::parse_value(value).ok()?;
            let (grouped, written) = (crate::money::grouped(m.0), m.display());
            text!("{grouped} ({written})", "{grouped}（{written}）")
        }
        "percent" => {
            let p = Percent::parse_value(value).ok()?.display();
            text!("{p}", "{p}")
        }
        "basis_points" => {
            let bp = BasisPoints::parse_value(value).ok()?;
            let percent = Percent(rust_decimal::Decimal::from(bp.0) / rust_decimal::Decimal::ONE_HUNDRED).display();
            let bp = bp.display();
            text!("{bp} = {percent}", "{bp} = {percent}")
        }
        "term" => match Term::parse_value(value).ok()? {
            Term::Months(m) => text!("{m} months", "{m}个月"),
            Term::Days(d) => text!("{d} days", "{d}天"),
        },
        "date" => {
            let d = Date::parse_value(value).ok()?.canonical();
            text!("{d}", "{d}")
        }
        "rate" => rate_reading(&RateExpr::parse_value(value).ok()?, as_of),
        _ => return None,
    })
}

/// A rate in words: fixed, or the benchmark's fixing in force on `as_of` plus the spread.
fn rate_reading(rate: &RateExpr, as_of: NaiveDate) -> Text {
    match rate {
        RateExpr::Fixed(p) => {
            let p = p.display();
            text!("{p} a year, fixed", "年利率 {p}，固定")
        }
        RateExpr::Floating { benchmark, spread } => {
            let name = benchmark.as_str();
            let benchmarks = Benchmarks::embedded();
            let Some(fixing) = benchmarks.in_force(as_of) else {
                let spread = spread.display();
                return text!(
                    "{name} + {spread}; no fixing of {name} is known on {as_of}",
                    "{name} + {spread}；{as_of} 没有已知的 {name} 报价"
                );
            };
            let base = match benchmark {
                crate::model::units::Benchmark::Lpr1y => fixing.lpr1y,
                crate::model::units::Benchmark::Lpr5y => fixing.lpr5y,
            };
            let total =
                Percent(base + rust_decimal::Decimal::from(spread.0) / rust_decimal::Decimal::ONE_HUNDRED).display();
            let (base, spread, date) = (Percent(base).display(), spread.display(), fixing.date);
            text!(
                "{name} {base} (the fixing of {date}) + {spread} = {total} a year on {as_of}",
                "{name} {base}（{date} 的报价）+ {spread} = {as_of} 的年利率 {total}"
            )
        }
    }
}

/// Go-to-definition at `offset`: the file an `extends:` names, or the code a `successor:` names.
pub fn definition(path: &Path, text: &str, offset: usize) -> Option<Target> {
    let doc = parse(path, text)?;
    let (pointer, _, _) = spot(&doc, offset)?;
    let written = doc.value.pointer(&pointer)?.as_str()?;
    if pointer == "/extends" || crate::syntax::parent_pointer(&pointer) == "/extends" {
        let dir = path.parent()?;
        return Some(Target::File(crate::source::lexical(&dir.join(written))));
    }
    (pointer == "/lifecycle/retirement/successor").then(|| Target::Code(written.to_owned()))
}

/// The spec's outline: its top-level keys, each with the keys under it.
pub fn symbols(path: &Path, text: &str) -> Vec<Symbol> {
    let Some(doc) = parse(path, text) else {
        return Vec::new();
    };
    let depth = |p: &str| p.matches('/').count();
    let index = doc.index();
    let symbol = |pointer: &str, node: &NodeSpan| Symbol {
        name: crate::syntax::last_token(pointer),
        span: Span::new(node.key.map_or(node.value.start, |k| k.start), node.value.end),
        key: node.key.unwrap_or(node.label),
        children: Vec::new(),
    };
    let mut out: Vec<Symbol> = Vec::new();
    for (pointer, node) in index.iter().filter(|(p, n)| depth(p) == 1 && n.key.is_some()) {
        let mut top = symbol(pointer, node);
        top.children = index
            .subtree(pointer)
            .filter(|(p, n)| depth(p) == 2 && n.key.is_some())
            .map(|(p, n)| symbol(p, n))
            .collect();
        out.push(top);
    }
    // In the order written, not the pointers' order.
    out.sort_by_key(|s| s.span.start);
    for s in &mut out {
        s.children.sort_by_key(|c| c.span.start);
    }
    out
}

/// One file with the safe fixes of its findings written in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fixed {
    pub path: PathBuf,
    /// The path as findings show it.
    pub display: String,
    pub text: String,
    /// What changed: `(line, was, now)`.
    pub changed: Vec<(usize, String, String)>,
}

/// The safe fixes of `run`'s findings, by file. Fixes that overlap an earlier one in the same
/// file are left for the next run, so every replacement lands on the text it was made for.
pub fn safe_fixes(run: &crate::compile::Run) -> Vec<Fixed> {
    let mut by_file: std::collections::BTreeMap<FileId, Vec<(Span, &str)>> = std::collections::BTreeMap::new();
    for d in &run.diagnostics {
        if let (Some(fix), Some(label)) = (d.fix.as_ref().filter(|f| f.safe), &d.primary) {
            by_file
                .entry(label.file)
                .or_default()
                .push((label.span, &fix.replacement));
        }
    }
    let mut out = Vec::new();
    for (file, mut fixes) in by_file {
        let Some(source) = run.sources.get(file) else { continue };
        fixes.sort_by_key(|(span, _)| (span.start, span.end));
        let mut text = String::with_capacity(source.text.len());
        let mut changed = Vec::new();
        let mut at = 0;
        for (span, replacement) in fixes {
            let Some(was) = source.text.get(span.start..span.end) else {
                continue;
            };
            if span.start < at {
                continue;
            }
            text.push_str(&source.text[at..span.start]);
            text.push_str(replacement);
            changed.push((source.line_col(span.start).line, was.to_owned(), replacement.to_owned()));
            at = span.end;
        }
        text.push_str(&source.text[at..]);
        if source.bom {
            text.insert(0, '\u{feff}');
        }
        if !changed.is_empty() {
            out.push(Fixed {
                path: source.path.clone(),
                display: source.display.clone(),
                text,
                changed,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests;
