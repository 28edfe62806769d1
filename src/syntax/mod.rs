//! YAML text → one `serde_json::Value` plus a JSON-pointer → span index.
//!
//! This module is the only one that knows YAML. It reads with `saphyr-parser` (YAML 1.2, an
//! event per node, a span per event) and builds the tree itself with an explicit stack, so no
//! input can overflow the call stack. Numbers keep the exact text written (`5000000.00` stays
//! `5000000.00`; `serde_json`'s `arbitrary_precision`). Everything a hostile or careless file can
//! do is bounded: size, nesting depth, alias expansion; and each problem is a diagnostic with a
//! place, never a panic.

mod builder;
mod decode;
mod emit;
mod fullwidth;
mod scalar;

use std::collections::BTreeMap;
use std::ops::Bound;
use std::sync::{Arc, OnceLock};

use serde_json::Value;

pub use decode::decode;
pub(crate) use emit::to_yaml;

use crate::diagnostics::Diagnostic;
use crate::source::{FileId, SourceFile, Span};

/// Caps that keep a run bounded in time and memory whatever the input.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Files larger than this are not read (default 8 MiB).
    pub max_file_size: u64,
    /// Deepest nesting of mappings and lists (a real spec needs about 6).
    pub max_depth: usize,
    /// Most nodes that aliases may copy in one file (a billion-laughs file hits this at once).
    pub max_alias_nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_file_size: 8 * 1024 * 1024,
            max_depth: 128,
            max_alias_nodes: 100_000,
        }
    }
}

/// Where one node was written: its key (for mapping values) and its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NodeSpan {
    pub key: Option<Span>,
    /// The node's whole extent (a block mapping runs from its first key to its last value).
    pub value: Span,
    /// What to underline when the node as a whole is wrong: a scalar itself; a mapping or list
    /// at its key, or its first line when it has no key.
    pub label: Span,
    /// For a scalar whose text in the file is exactly its value (plain, or quoted without
    /// escapes), the byte offset where that text starts; lets a unit parser point at a column
    /// inside the value.
    pub content: Option<usize>,
    pub container: bool,
}

impl NodeSpan {
    /// The span to label for "this key": the key when there is one, else the node's label.
    pub(crate) fn key_or_label(&self) -> Span {
        self.key.unwrap_or(self.label)
    }
}

/// JSON pointer → where that node was written, for every node of a document.
#[derive(Clone, Debug, Default)]
pub(crate) struct PointerIndex {
    map: BTreeMap<String, NodeSpan>,
}

impl PointerIndex {
    pub(crate) fn get(&self, pointer: &str) -> Option<&NodeSpan> {
        self.map.get(pointer)
    }

    pub(crate) fn insert(&mut self, pointer: String, span: NodeSpan) {
        self.map.insert(pointer, span);
    }

    /// Every entry, in pointer order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&String, &NodeSpan)> {
        self.map.iter()
    }

    /// Every entry at `pointer` or below it, in pointer order.
    pub(crate) fn subtree<'a>(&'a self, pointer: &'a str) -> impl Iterator<Item = (&'a String, &'a NodeSpan)> + 'a {
        self.map
            .range::<str, _>((Bound::Included(pointer), Bound::Unbounded))
            .take_while(move |(k, _)| is_at_or_below(k, pointer))
    }

    pub(crate) fn remove_subtree(&mut self, pointer: &str) {
        let doomed: Vec<String> = self.subtree(pointer).map(|(k, _)| k.clone()).collect();
        for k in doomed {
            self.map.remove(&k);
        }
    }

    /// Copies the entries under `from` to the same relative places under `to`.
    pub(crate) fn copy_subtree(&mut self, from: &str, to: &str, skip_root: bool) {
        let copied: Vec<(String, NodeSpan)> = self
            .subtree(from)
            .filter(|(k, _)| !(skip_root && k.len() == from.len()))
            .map(|(k, v)| (format!("{to}{}", &k[from.len()..]), *v))
            .collect();
        self.map.extend(copied);
    }
}

/// True when `pointer` is `ancestor` or lies below it (`/a/b` is below `/a`, `/ab` is not).
pub(crate) fn is_at_or_below(pointer: &str, ancestor: &str) -> bool {
    pointer
        .strip_prefix(ancestor)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// Appends one reference token to a JSON pointer, escaping `~` and `/` (RFC 6901).
pub(crate) fn push_pointer(pointer: &str, token: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + token.len() + 1);
    out.push_str(pointer);
    out.push('/');
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
    out
}

/// The last reference token of a pointer, unescaped (`/amount/max` → `max`).
pub(crate) fn last_token(pointer: &str) -> String {
    let token = pointer.rfind('/').map_or(pointer, |i| &pointer[i + 1..]);
    token.replace("~1", "/").replace("~0", "~")
}

/// The parent of a pointer (`/amount/max` → `/amount`; `/amount` → the root, an empty string).
pub(crate) fn parent_pointer(pointer: &str) -> &str {
    pointer.rfind('/').map_or("", |i| &pointer[..i])
}

/// A parsed file: its tree, and where every node was written.
///
/// The pointer index is built on first use, by reading the file a second time: most files have
/// no finding, so most runs never need it, and building it costs as much as the parse itself.
#[derive(Debug)]
pub struct Document {
    pub value: Value,
    index: OnceLock<PointerIndex>,
    /// Explicit top-level keys and the entries of `name`, by pointer, with their places,
    /// recorded by the first read.
    top: Vec<(String, NodeSpan)>,
    file: Arc<SourceFile>,
    file_id: FileId,
    limits: Limits,
}

impl Document {
    /// Where every node was written.
    pub(crate) fn index(&self) -> &PointerIndex {
        self.index.get_or_init(|| {
            let parsed = builder::Builder::new(self.file_id, &self.file, &self.limits, true).run();
            parsed.document.and_then(|d| d.index.into_inner()).unwrap_or_default()
        })
    }

    pub(crate) fn file_id(&self) -> FileId {
        self.file_id
    }

    /// Where the node at `pointer` was written. A top-level key (`/code`) or an entry of `name`
    /// (`/name/en`) is answered from what the first read recorded; anything else builds the
    /// index (once per file).
    pub(crate) fn node(&self, pointer: &str) -> Option<NodeSpan> {
        if let Some(index) = self.index.get() {
            return index.get(pointer).copied();
        }
        if let Some((_, node)) = self.top.iter().find(|(p, _)| p == pointer) {
            return Some(*node);
        }
        self.index().get(pointer).copied()
    }

    /// Where byte `offset` of the string at `pointer` is written in the file, in any scalar
    /// style: the value's characters are matched in order against the file text, stepping over
    /// what YAML adds around them (quotes, a `|` or `>` header, indentation, folded line breaks,
    /// a backslash or doubled quote). `None` when the two cannot be matched (an escape such as
    /// `\n`), so the caller falls back to the whole value.
    pub(crate) fn scalar_position(&self, pointer: &str, offset: usize) -> Option<usize> {
        let node = self.index().get(pointer)?;
        if let Some(start) = node.content {
            return Some(start + offset);
        }
        let Value::String(value) = self.value.pointer(pointer)? else {
            return None;
        };
        let base = node.value.start;
        let region = self.file.text.get(base..node.value.end)?;
        let mut f = if region.starts_with(['|', '>']) {
            region.find('\n')? + 1
        } else {
            usize::from(region.starts_with(['"', '\'']))
        };
        let skippable = |c: char| c.is_whitespace() || c == '\\' || c == '\'';
        for c in value.get(..offset)?.chars() {
            loop {
                let fc = region.get(f..)?.chars().next()?;
                f += fc.len_utf8();
                if fc == c || (c.is_whitespace() && fc.is_whitespace()) {
                    break;
                }
                if !skippable(fc) {
                    return None;
                }
            }
        }
        // Land on the character itself, past indentation.
        let target = value.get(offset..)?.chars().next();
        while let Some(fc) = region.get(f..)?.chars().next() {
            if Some(fc) == target || !fc.is_whitespace() {
                break;
            }
            f += fc.len_utf8();
        }
        Some(base + f)
    }
}

/// The outcome of reading one file: the document when one could be built, and every problem.
#[derive(Debug)]
pub struct Parsed {
    pub document: Option<Document>,
    pub diagnostics: Vec<Diagnostic>,
    /// Plain scalars a YAML 1.1 tool would read differently: (pointer, text, warning). Whether
    /// each is worth a warning depends on what the schema expects there (`off` is a valid rule
    /// level), so the schema check decides.
    pub lookalikes: Vec<(String, String, Diagnostic)>,
}

/// Reads one YAML file that must hold exactly one mapping.
pub fn parse(file_id: FileId, file: &Arc<SourceFile>, limits: &Limits) -> Parsed {
    // Full-width punctuation in the structure: said where it was typed, before the parser would
    // misplace it (its message would land on the next line and name nothing the designer typed).
    let fullwidth = fullwidth::scan(file_id, &file.text);
    if !fullwidth.is_empty() {
        return Parsed {
            document: None,
            diagnostics: fullwidth,
            lookalikes: Vec::new(),
        };
    }
    builder::Builder::new(file_id, file, limits, false).run()
}

/// Where a node of the checked document was written. A single file's index implements it; so
/// does a merged product, whose values come from several files.
pub trait Locate {
    fn locate(&self, pointer: &str) -> Option<(crate::source::FileId, NodeSpan)>;

    /// Places `finding` on what is written for `pointer` (its value, or its key for
    /// [`Part::Key`]), or on the nearest written value above it, and records the pointer: the
    /// one way a finding about a spec's or a config's value gets its place, whichever stage
    /// (schema, rules, catalogue rules, custom rules, config, targets) made it.
    fn place(&self, finding: Diagnostic, pointer: &str, part: Part) -> Diagnostic {
        let finding = match self.locate_nearest(pointer) {
            Some((_, file, node)) => finding.at(
                file,
                match part {
                    Part::Value => node.label,
                    Part::Key => node.key_or_label(),
                },
            ),
            None => finding,
        };
        finding.pointer(pointer)
    }

    /// The nearest located node at or above `pointer`.
    fn locate_nearest(&self, pointer: &str) -> Option<(String, crate::source::FileId, NodeSpan)> {
        let mut p = pointer.to_owned();
        loop {
            if let Some((file, node)) = self.locate(&p) {
                return Some((p, file, node));
            }
            if p.is_empty() {
                return None;
            }
            let cut = p.rfind('/').unwrap_or(0);
            p.truncate(cut);
        }
    }
}

/// What of a located node a finding points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The value written (`max: 72M` → `72M`).
    Value,
    /// The key (`max`), for a finding about the entry as a whole.
    Key,
}

/// One file's document.
pub(crate) struct FileLocator<'a> {
    pub file: crate::source::FileId,
    pub doc: &'a Document,
}

impl Locate for FileLocator<'_> {
    fn locate(&self, pointer: &str) -> Option<(crate::source::FileId, NodeSpan)> {
        self.doc.node(pointer).map(|n| (self.file, n))
    }
}
