//! The event loop that turns saphyr-parser events into a `Value` and a pointer index.
//!
//! saphyr quirks handled here (each has a regression test in `tests`):
//! 1. `Marker::index()` counts characters: offsets come from line + column instead.
//! 2. A quoted scalar's span runs over trailing blanks and a trailing comment: trimmed to the
//!    closing quote.
//! 3. Block collections start with an empty span: a container's extent is taken from its
//!    children, and it is labelled at its key.
//! 4. Only flow nesting is capped by the parser (at 255): depth is capped here for both kinds.
//! 5. Aliases are counted against a node budget; each copy is charged its full size.

mod scalars;

use std::collections::HashMap;
use std::sync::Arc;

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Tag};
use serde_json::{Map, Value};

use super::scalar::{Lookalike, lookalike, resolve_plain};
use super::{Document, Limits, NodeSpan, Parsed, PointerIndex, push_pointer};
use crate::diagnostics::{Diagnostic, Label, codes, describe, quote};
use crate::source::{FileId, SourceFile, Span};
use crate::text;

/// Stops the event loop: the file cannot be read further (the diagnostic is already recorded).
struct Fatal;

struct PendingKey {
    key: String,
    span: Span,
    merge: bool,
    duplicate: bool,
}

struct MergeSource {
    value: Value,
    pointer: String,
    span: Span,
}

enum Container {
    Seq(Vec<Value>),
    Map {
        map: Map<String, Value>,
        pending: Option<PendingKey>,
        /// Where each key of `map` was written, in `map`'s order (for "first written here").
        key_spans: Vec<Span>,
        merges: Vec<MergeSource>,
    },
}

/// A node's place in its parent, for building its pointer only when one is needed.
#[derive(Clone)]
enum Token {
    Root,
    Item(usize),
    Key(String),
    Scratch,
}

impl Token {
    fn push_onto(&self, pointer: &mut String) {
        match self {
            Token::Root => {}
            Token::Item(i) => *pointer = push_pointer(pointer, &i.to_string()),
            Token::Key(k) => *pointer = push_pointer(pointer, k),
            Token::Scratch => *pointer = push_pointer(pointer, "\u{1}scratch"),
        }
    }
}

struct Frame {
    container: Container,
    slot: Slot,
    token: Token,
    anchor: usize,
    /// The opening bracket's position for flow collections; block collections have none.
    open: Option<Span>,
    first: Option<usize>,
    /// What to underline for this container when it has no key: its first key, or its first
    /// item's own label.
    first_label: Option<Span>,
    last_end: usize,
}

/// Where a node goes: its pointer and the key it is the value of.
#[derive(Clone)]
struct Slot {
    pointer: String,
    key: Option<Span>,
    /// A value of a duplicate key or a `<<` entry: built, then dropped or merged, never indexed
    /// under a real pointer.
    scratch: bool,
}

pub(super) struct Builder<'a> {
    file_id: FileId,
    file: &'a Arc<SourceFile>,
    /// Build the pointer index (a second pass, only when a finding needs a place).
    with_index: bool,
    root_node: Option<NodeSpan>,
    limits: &'a Limits,
    diagnostics: Vec<Diagnostic>,
    stack: Vec<Frame>,
    anchors: HashMap<usize, (Value, String, usize)>,
    index: PointerIndex,
    /// Without the index, where each explicit top-level key and its value were written, and the
    /// entries of `name` (the catalogue rules' places): enough to place most findings (`/code`,
    /// `/borrower`, `/name/en`) without reading the file again. By pointer.
    top: Vec<(String, NodeSpan)>,
    alias_nodes: usize,
    scratch_count: usize,
    root: Option<Value>,
    documents: usize,
    lookalikes: Vec<(String, String, Diagnostic)>,
    /// (character index, byte offset) of the last marker converted: markers mostly move forward,
    /// so converting is a walk over the characters since the last one.
    cursor: std::cell::Cell<(usize, usize)>,
}

impl<'a> Builder<'a> {
    pub(super) fn new(file_id: FileId, file: &'a Arc<SourceFile>, limits: &'a Limits, with_index: bool) -> Self {
        Self {
            file_id,
            file,
            with_index,
            root_node: None,
            limits,
            diagnostics: Vec::new(),
            stack: Vec::new(),
            anchors: HashMap::new(),
            index: PointerIndex::default(),
            top: Vec::new(),
            alias_nodes: 0,
            scratch_count: 0,
            root: None,
            documents: 0,
            lookalikes: Vec::new(),
            cursor: std::cell::Cell::new((0, 0)),
        }
    }

    pub(super) fn run(mut self) -> Parsed {
        let text: &str = &self.file.text;
        let mut parser = Parser::new_from_str(text);
        let mut failed = false;
        while let Some(next) = parser.next_event() {
            let step = match next {
                Ok((event, span)) => self.event(event, self.span(span)),
                Err(err) => {
                    self.scan_error(&err);
                    Err(Fatal)
                }
            };
            if step.is_err() {
                failed = true;
                break;
            }
        }
        let document = if failed { None } else { self.finish() };
        Parsed {
            document,
            diagnostics: self.diagnostics,
            lookalikes: self.lookalikes,
        }
    }

    fn finish(&mut self) -> Option<Document> {
        match self.root.take() {
            None | Some(Value::Null) => {
                self.diagnostics.push(
                    Diagnostic::new(codes::EMPTY_FILE, text!("the file holds no spec", "文件中没有任何规格内容"))
                        .at(self.file_id, Span::empty(0))
                        .help(text!(
                            "a spec starts with `loanspec: 1`, then `code`, `version`, `name` and the product's terms; delete the file if it is not needed",
                            "规格以 `loanspec: 1` 开头，随后是 `code`、`version`、`name` 和产品要素；如不需要该文件请删除"
                        )),
                );
                None
            }
            Some(value @ Value::Object(_)) => {
                let index = std::sync::OnceLock::new();
                if self.with_index {
                    let _ = index.set(std::mem::take(&mut self.index));
                }
                Some(Document {
                    value,
                    index,
                    top: std::mem::take(&mut self.top),
                    file: Arc::clone(self.file),
                    file_id: self.file_id,
                    limits: *self.limits,
                })
            }
            Some(other) => {
                let found = describe(&other);
                let (found_en, found_zh) = (found.en, found.zh);
                let span = self.root_node.map_or(Span::empty(0), |n| n.label);
                self.diagnostics.push(
                    Diagnostic::new(
                        codes::ROOT_NOT_MAPPING,
                        text!(
                            "the file holds {found_en} where a spec needs a mapping of keys",
                            "文件内容是{found_zh}，而规格需要键值映射"
                        ),
                    )
                    .at(self.file_id, span)
                    .pointer("")
                    .help(text!(
                        "write one `key: value` per line, starting with `loanspec: 1`",
                        "每行写一个 `键: 值`，以 `loanspec: 1` 开头"
                    )),
                );
                None
            }
        }
    }

    /// Byte span of a saphyr span (quirk 1: its index counts characters).
    fn span(&self, span: saphyr_parser::Span) -> Span {
        Span::new(self.offset(span.start), self.offset(span.end))
    }

    fn offset(&self, marker: saphyr_parser::Marker) -> usize {
        let target = marker.index();
        let (mut chars, mut bytes) = self.cursor.get();
        if target < chars {
            // Behind the cursor: from the character index too, not from the marker's line and
            // column, which count a lone CR as a line break where the file's lines do not.
            return self.file.offset_of_char(target);
        }
        let mut rest = self.file.text.get(bytes..).unwrap_or("").chars();
        while chars < target {
            let Some(c) = rest.next() else { break };
            bytes += c.len_utf8();
            chars += 1;
        }
        self.cursor.set((chars, bytes));
        bytes
    }

    fn scan_error(&mut self, err: &ScanError) {
        let at = self.offset(*err.marker());
        let line = err.marker().line();
        let line_text = self.file.line_text(line);
        let indent: &str = &line_text[..line_text.len() - line_text.trim_start_matches([' ', '\t']).len()];
        if let Some(tab) = indent.find('\t') {
            let start = self.file.offset_of(line, 0) + tab;
            self.diagnostics.push(
                Diagnostic::new(codes::TAB_INDENT, text!("a tab is used for indentation", "缩进中使用了制表符（Tab）"))
                    .at(self.file_id, Span::new(start, start + 1))
                    .label(text!("tab here", "此处为制表符"))
                    .help(text!(
                        "YAML indents with spaces only: replace the tab with spaces (most editors can convert tabs to spaces)",
                        "YAML 只能用空格缩进：请把制表符换成空格（多数编辑器可一键转换）"
                    )),
            );
            return;
        }
        if err.info().contains("recursion limit") {
            // The scanner looks ahead over `[[[[…` before the builder sees a single level, and
            // stops at 255 open brackets itself.
            self.too_deep(self.file.char_at(at));
            return;
        }
        let info = err.info().to_owned();
        self.diagnostics.push(
            Diagnostic::new(
                codes::YAML_SYNTAX,
                text!("the YAML cannot be read here: {info}", "此处 YAML 无法解析：{info}"),
            )
            .at(self.file_id, self.file.char_at(at))
            .help(text!(
                "check the indentation, the colon after each key, and that quotes and brackets are closed, on this line and the one above",
                "请检查本行及上一行的缩进、每个键后的冒号，以及引号和括号是否成对闭合"
            )),
        );
    }

    fn event(&mut self, event: Event<'_>, span: Span) -> Result<(), Fatal> {
        match event {
            Event::Nothing | Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => Ok(()),
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    self.diagnostics.push(
                        Diagnostic::new(
                            codes::MULTIPLE_DOCUMENTS,
                            text!("the file holds more than one YAML document", "文件中包含多个 YAML 文档"),
                        )
                        .at(self.file_id, Span::new(span.start, span.start + 3.min(self.file.text.len() - span.start)))
                        .label(text!("a second document starts here", "第二个文档从这里开始"))
                        .help(text!(
                            "put each product in a file of its own; remove this `---` line if it was meant as a separator",
                            "每个产品单独一个文件；如果这行 `---` 只是分隔线，请删除"
                        )),
                    );
                    return Err(Fatal);
                }
                Ok(())
            }
            Event::Scalar(value, style, anchor, tag) => {
                self.scalar(&value, style, anchor, tag.as_deref(), span);
                Ok(())
            }
            Event::Alias(id) => self.alias(id, span),
            Event::SequenceStart(anchor, tag) => self.open(Container::Seq(Vec::new()), anchor, tag.as_deref(), span),
            Event::MappingStart(anchor, tag) => self.open(
                Container::Map {
                    map: Map::new(),
                    pending: None,
                    key_spans: Vec::new(),
                    merges: Vec::new(),
                },
                anchor,
                tag.as_deref(),
                span,
            ),
            Event::SequenceEnd | Event::MappingEnd => {
                self.close(span);
                Ok(())
            }
        }
    }

    /// Where the next node goes; `None` when it is a mapping key.
    /// Where the next node goes; `None` when it is a mapping key. Its pointer is built only when
    /// the index is being built.
    fn slot(&mut self) -> Option<Slot> {
        let scratch_count = &mut self.scratch_count;
        let with_index = self.with_index;
        let pointer = |parent: &str, token: &str| {
            if with_index {
                push_pointer(parent, token)
            } else {
                String::new()
            }
        };
        match self.stack.last() {
            None => Some(Slot {
                pointer: String::new(),
                key: None,
                scratch: false,
            }),
            Some(frame) => match &frame.container {
                Container::Seq(items) => Some(Slot {
                    pointer: pointer(&frame.slot.pointer, &items.len().to_string()),
                    key: None,
                    scratch: frame.slot.scratch,
                }),
                Container::Map { pending: None, .. } => None,
                Container::Map {
                    pending: Some(pending), ..
                } => {
                    if pending.merge || pending.duplicate {
                        *scratch_count += 1;
                        let token = format!("\u{1}scratch{scratch_count}");
                        Some(Slot {
                            pointer: pointer(&frame.slot.pointer, &token),
                            key: Some(pending.span),
                            scratch: true,
                        })
                    } else {
                        Some(Slot {
                            pointer: pointer(&frame.slot.pointer, &pending.key),
                            key: Some(pending.span),
                            scratch: frame.slot.scratch,
                        })
                    }
                }
            },
        }
    }

    /// The place of the next node in its parent.
    fn next_token(&self) -> Token {
        match self.stack.last() {
            None => Token::Root,
            Some(frame) => match &frame.container {
                Container::Seq(items) => Token::Item(items.len()),
                Container::Map { pending: Some(p), .. } if !(p.merge || p.duplicate) => Token::Key(p.key.clone()),
                Container::Map { .. } => Token::Scratch,
            },
        }
    }

    /// The JSON pointer of the next node, built from the open containers.
    fn current_pointer(&self) -> String {
        let mut pointer = String::new();
        for frame in &self.stack {
            frame.token.push_onto(&mut pointer);
        }
        self.next_token().push_onto(&mut pointer);
        pointer
    }

    fn complex_key(&mut self, span: Span) -> Result<(), Fatal> {
        self.diagnostics.push(
            Diagnostic::new(
                codes::COMPLEX_KEY,
                text!("a key is a list, a mapping or an alias", "键是列表、映射或别名"),
            )
            .at(
                self.file_id,
                if span.is_empty() {
                    self.file.char_at(span.start)
                } else {
                    span
                },
            )
            .help(text!(
                "keys are plain words such as `amount`; check for a stray `?` or brackets before the colon",
                "键应是 `amount` 这样的普通词；请检查冒号前是否多了 `?` 或括号"
            )),
        );
        Err(Fatal)
    }

    fn alias(&mut self, id: usize, span: Span) -> Result<(), Fatal> {
        let Some(slot) = self.slot() else {
            return self.complex_key(span);
        };
        let Some((value, anchor_pointer, nodes)) = self.anchors.get(&id) else {
            // saphyr rejects an unknown anchor itself; keep a diagnostic in case it ever does not.
            self.diagnostics.push(
                Diagnostic::new(
                    codes::YAML_SYNTAX,
                    text!("this alias names no anchor", "该别名没有对应的锚点"),
                )
                .at(self.file_id, span)
                .help(text!(
                    "define `&name` before using `*name`",
                    "请先用 `&name` 定义锚点，再用 `*name` 引用"
                )),
            );
            return Err(Fatal);
        };
        self.alias_nodes = self.alias_nodes.saturating_add(*nodes);
        if self.alias_nodes > self.limits.max_alias_nodes {
            let limit = self.limits.max_alias_nodes;
            self.diagnostics.push(
                Diagnostic::new(
                    codes::ALIAS_BUDGET,
                    text!("aliases in this file expand to more than {limit} values", "本文件中的别名展开后超过 {limit} 个值"),
                )
                .at(self.file_id, span)
                .label(text!("expansion passes the cap here", "展开到这里超过上限"))
                .help(text!(
                    "a spec never needs this many; this looks like a repeated-alias (\"billion laughs\") file. Use `extends` to share terms between products",
                    "规格不会需要这么多值；这像是重复别名（\"billion laughs\"）攻击文件。产品之间共享条款请用 `extends`"
                )),
            );
            return Err(Fatal);
        }
        let value = value.clone();
        let anchor_pointer = anchor_pointer.clone();
        let nodes = *nodes;
        if self.with_index {
            self.index.copy_subtree(&anchor_pointer, &slot.pointer, true);
        }
        let is_container = matches!(value, Value::Array(_) | Value::Object(_));
        // An alias is a node of its own: labelled where it is used, its insides where the anchor
        // wrote them.
        self.finish_node_counted(
            value,
            slot,
            NodeSpan {
                key: None,
                value: span,
                label: span,
                content: None,
                container: is_container,
            },
            0,
            nodes,
        );
        Ok(())
    }

    fn open(&mut self, container: Container, anchor: usize, tag: Option<&Tag>, span: Span) -> Result<(), Fatal> {
        self.check_tag(tag, span);
        let Some(slot) = self.slot() else {
            return self.complex_key(span);
        };
        if self.stack.len() >= self.limits.max_depth {
            self.too_deep(self.file.char_at(span.start));
            return Err(Fatal);
        }
        let open = (!span.is_empty()).then_some(span);
        let token = self.next_token();
        self.stack.push(Frame {
            container,
            slot,
            token,
            anchor,
            open,
            first: None,
            first_label: None,
            last_end: span.end,
        });
        Ok(())
    }

    fn too_deep(&mut self, span: Span) {
        let limit = self.limits.max_depth;
        self.diagnostics.push(
            Diagnostic::new(
                codes::TOO_DEEP,
                text!("nesting is deeper than {limit} levels", "嵌套层级超过 {limit} 层"),
            )
            .at(self.file_id, span)
            .label(text!("the cap is passed here", "在这里超过上限"))
            .help(text!(
                "a spec nests about 6 levels; check for unclosed `[` or `{{` brackets or runaway indentation",
                "规格一般只有约 6 层嵌套；请检查是否有未闭合的 `[`、`{{` 或缩进失控"
            )),
        );
    }

    fn close(&mut self, span: Span) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        let (value, nodes) = match frame.container {
            Container::Seq(items) => (Value::Array(items), 0),
            Container::Map { mut map, merges, .. } => {
                self.apply_merges(&mut map, merges, &frame.slot);
                (Value::Object(map), 0)
            }
        };
        // The size is only needed to charge aliases of this node against the budget.
        let nodes = if frame.anchor == 0 { nodes } else { count_nodes(&value) };
        let extent = match frame.open {
            Some(open) => Span::new(open.start, span.end.max(open.end)),
            None => Span::new(
                frame.first.unwrap_or(span.start),
                frame.last_end.max(frame.first.unwrap_or(span.start)),
            ),
        };
        let label = frame.first_label.unwrap_or(extent);
        let node = NodeSpan {
            key: None,
            value: extent,
            label,
            content: None,
            container: true,
        };
        self.finish_node_counted(value, frame.slot, node, frame.anchor, nodes);
    }

    fn apply_merges(&mut self, map: &mut Map<String, Value>, merges: Vec<MergeSource>, slot: &Slot) {
        for source in merges {
            let sources: Vec<(Map<String, Value>, String)> = match source.value {
                Value::Object(m) => vec![(m, source.pointer.clone())],
                Value::Array(items) => {
                    let mut out = Vec::new();
                    for (i, item) in items.into_iter().enumerate() {
                        if let Value::Object(m) = item {
                            out.push((m, push_pointer(&source.pointer, &i.to_string())));
                        } else {
                            self.bad_merge(source.span);
                        }
                    }
                    out
                }
                _ => {
                    self.bad_merge(source.span);
                    Vec::new()
                }
            };
            for (merged, from) in sources {
                for (key, value) in merged {
                    if map.contains_key(&key) {
                        continue;
                    }
                    if self.with_index {
                        let to = push_pointer(&slot.pointer, &key);
                        self.index.copy_subtree(&push_pointer(&from, &key), &to, false);
                    }
                    map.insert(key, value);
                }
            }
            if self.with_index {
                self.index.remove_subtree(&source.pointer);
            }
        }
    }

    fn bad_merge(&mut self, span: Span) {
        self.diagnostics.push(
            Diagnostic::new(
                codes::BAD_MERGE,
                text!("`<<` must name a mapping to merge", "`<<` 必须引用一个映射才能合并"),
            )
            .at(self.file_id, span)
            .help(text!(
                "write `<<: *name` where `&name` marks a mapping, or `<<: [*a, *b]`",
                "请写 `<<: *name`（`&name` 标记的是映射），或 `<<: [*a, *b]`"
            )),
        );
    }

    fn finish_node(&mut self, value: Value, slot: Slot, node: NodeSpan, anchor: usize) {
        self.finish_node_counted(value, slot, node, anchor, 1);
    }

    fn finish_node_counted(&mut self, value: Value, slot: Slot, mut node: NodeSpan, anchor: usize, nodes: usize) {
        node.key = slot.key;
        if let (true, Some(key)) = (node.container, slot.key) {
            node.label = key;
        }
        // Scratch nodes are indexed too (a merge copies their entries), then removed.
        if self.with_index {
            self.index.insert(slot.pointer.clone(), node);
        }
        if anchor != 0 {
            self.anchors
                .insert(anchor, (value.clone(), slot.pointer.clone(), nodes));
        }
        // The pointer of the map a recorded key is in (the pointers of a first read are empty).
        let record_in = match self.stack.as_slice() {
            _ if self.with_index || slot.scratch => None,
            [_] => Some(""),
            // An entry of the top-level `name` (not a copy or a duplicate).
            [_, name] if matches!(&name.token, Token::Key(k) if k == "name") && !name.slot.scratch => Some("/name"),
            _ => None,
        };
        let Some(parent) = self.stack.last_mut() else {
            self.root = Some(value);
            self.root_node = Some(node);
            return;
        };
        parent.first.get_or_insert(node.value.start);
        parent.first_label.get_or_insert(node.label);
        parent.last_end = parent.last_end.max(node.value.end);
        match &mut parent.container {
            Container::Seq(items) => items.push(value),
            Container::Map {
                map, pending, merges, ..
            } => {
                let Some(key) = pending.take() else { return };
                if key.merge {
                    merges.push(MergeSource {
                        value,
                        pointer: slot.pointer,
                        span: node.value,
                    });
                } else if key.duplicate {
                    if self.with_index {
                        self.index.remove_subtree(&slot.pointer);
                    }
                } else {
                    if let Some(map) = record_in {
                        self.top.push((push_pointer(map, &key.key), node));
                    }
                    map.insert(key.key, value);
                }
            }
        }
    }
}

fn count_nodes(value: &Value) -> usize {
    // Iterative: the tree is at most `max_depth` deep, but the count must not recurse either way.
    let mut count = 0;
    let mut todo = vec![value];
    while let Some(v) = todo.pop() {
        count += 1;
        match v {
            Value::Array(items) => todo.extend(items.iter()),
            Value::Object(map) => todo.extend(map.values()),
            _ => {}
        }
    }
    count
}

#[cfg(test)]
mod tests;
