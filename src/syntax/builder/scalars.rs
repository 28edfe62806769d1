//! Scalars and keys: their value, their span without quotes, tags, and the look-alikes a
//! designer's input method types (full-width colons, Chinese quotes).

use super::{
    Builder, Container, Diagnostic, Label, Lookalike, NodeSpan, PendingKey, ScalarStyle, Span, Tag, Value, codes,
    lookalike, quote, resolve_plain,
};
use crate::text;

impl Builder<'_> {
    pub(super) fn scalar(&mut self, text: &str, style: ScalarStyle, anchor: usize, tag: Option<&Tag>, span: Span) {
        let span = self.trim_quoted(style, span);
        let forced_string = self.check_tag(tag, span);
        let Some(slot) = self.slot() else {
            self.key(text, style, span);
            return;
        };
        let value = if style == ScalarStyle::Plain && !forced_string {
            if let Some(kind) = lookalike(text) {
                let pointer = self.current_pointer();
                self.lookalike(text, &kind, span, &pointer);
            }
            resolve_plain(text)
        } else {
            Value::String(text.to_owned())
        };
        let content = self.content_offset(text, style, span);
        self.finish_node(
            value,
            slot,
            NodeSpan {
                key: None,
                value: span,
                label: span,
                content,
                container: false,
            },
            anchor,
        );
    }

    /// Quirk 2: a quoted scalar's span may run past its closing quote.
    pub(super) fn trim_quoted(&self, style: ScalarStyle, span: Span) -> Span {
        let quote = match style {
            ScalarStyle::SingleQuoted => '\'',
            ScalarStyle::DoubleQuoted => '"',
            _ => return span,
        };
        let slice = self.file.slice(span);
        match slice.rfind(quote) {
            Some(i) if i > 0 => Span::new(span.start, span.start + i + 1),
            _ => span,
        }
    }

    pub(super) fn content_offset(&self, text: &str, style: ScalarStyle, span: Span) -> Option<usize> {
        let slice = self.file.slice(span);
        match style {
            ScalarStyle::Plain => (slice == text).then_some(span.start),
            ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => {
                let inner = slice.get(1..slice.len().saturating_sub(1))?;
                (inner == text).then_some(span.start + 1)
            }
            ScalarStyle::Literal | ScalarStyle::Folded => None,
        }
    }

    /// Returns true for `!!str`, the one tag that changes a value (it keeps `1.10` as text).
    pub(super) fn check_tag(&mut self, tag: Option<&Tag>, span: Span) -> bool {
        let Some(tag) = tag else { return false };
        if tag.is_yaml_core_schema() && tag.suffix == "str" {
            return true;
        }
        let shown = if tag.is_yaml_core_schema() {
            format!("!!{}", tag.suffix)
        } else {
            tag.to_string()
        };
        let shown = quote(&shown);
        self.diagnostics.push(
            Diagnostic::new(codes::UNKNOWN_TAG, text!("the YAML tag {shown} is not supported", "不支持 YAML 标签 {shown}"))
                .at(self.file_id, span)
                .help(text!(
                    "remove the tag: loanspec reads plain values, and a spec cannot include another file (use `extends` to build on a product line); to keep a value as text, quote it",
                    "请删除该标签：loanspec 只读取普通值，规格不能包含其他文件（如需继承产品线请用 `extends`）；如需把值当作文本，请加引号"
                )),
        );
        false
    }

    pub(super) fn lookalike(&mut self, text: &str, kind: &Lookalike, span: Span, pointer: &str) {
        let shown = quote(text);
        let (message, help) = match kind {
            Lookalike::Boolean { yaml11 } => (
                text!(
                    "{shown} is read as text here, but as `{yaml11}` by YAML 1.1 tools",
                    "{shown} 在这里按文本读取，但 YAML 1.1 工具会读成 `{yaml11}`"
                ),
                text!(
                    "write `true` or `false` for yes/no, or quote it (\"{text}\") if you mean the text",
                    "表示是/否请写 `true` 或 `false`；如确指文本请加引号（\"{text}\"）"
                ),
            ),
            Lookalike::LeadingZeros { yaml12 } => (
                text!(
                    "{shown} is read as the number {yaml12} (leading zeros dropped; YAML 1.1 tools read it as octal)",
                    "{shown} 被读成数字 {yaml12}（前导零被去掉；YAML 1.1 工具会按八进制读取）"
                ),
                text!(
                    "quote it (\"{text}\") if it is a code such as a branch id; write {yaml12} if it is a number",
                    "如果是网点编号之类的代码请加引号（\"{text}\"）；如果是数字请写成 {yaml12}"
                ),
            ),
            Lookalike::Underscores => (
                text!(
                    "{shown} is read as text here, but as a number by YAML 1.1 tools",
                    "{shown} 在这里按文本读取，但 YAML 1.1 工具会读成数字"
                ),
                text!(
                    "write the number without underscores, or quote it",
                    "数字请不要带下划线，或加引号表示文本"
                ),
            ),
            Lookalike::Sexagesimal => (
                text!(
                    "{shown} is read as text here, but as a base-60 number by YAML 1.1 tools",
                    "{shown} 在这里按文本读取，但 YAML 1.1 工具会按六十进制读成数字"
                ),
                text!("quote it (\"{text}\")", "请加引号（\"{text}\"）"),
            ),
        };
        let d = Diagnostic::new(codes::YAML11_LOOKALIKE, message)
            .at(self.file_id, span)
            .help(help)
            .pointer(pointer);
        self.lookalikes.push((pointer.to_owned(), text.to_owned(), d));
    }

    pub(super) fn key(&mut self, text: &str, style: ScalarStyle, span: Span) {
        let file_id = self.file_id;
        let Some(frame) = self.stack.last_mut() else {
            return;
        };
        frame.first.get_or_insert(span.start);
        frame.first_label.get_or_insert(span);
        frame.last_end = frame.last_end.max(span.end);
        let Container::Map {
            pending,
            map,
            key_spans,
            ..
        } = &mut frame.container
        else {
            return;
        };
        let merge = style == ScalarStyle::Plain && text == "<<";
        let mut duplicate = false;
        if !merge {
            // Every earlier key's value is complete and in `map`, in the order of `key_spans`.
            let earlier = if map.contains_key(text) {
                map.keys().position(|k| k == text).and_then(|i| key_spans.get(i))
            } else {
                None
            };
            if let Some(first) = earlier {
                duplicate = true;
                let shown = quote(text);
                self.diagnostics.push(
                    Diagnostic::new(codes::DUPLICATE_KEY, text!("the key {shown} appears twice", "键 {shown} 出现了两次"))
                        .at(file_id, span)
                        .label(text!("written again here", "此处重复"))
                        .with_secondary(Label::new(file_id, *first).with_message(text!("first written here", "第一次出现在这里")))
                        .help(text!(
                            "keep one of them: YAML does not say which one wins, so tools disagree (this check keeps the first)",
                            "请只保留一个：YAML 没有规定哪个生效，不同工具结果不同（本检查保留第一个）"
                        )),
                );
            } else {
                key_spans.push(span);
            }
        }
        *pending = Some(PendingKey {
            key: text.to_owned(),
            span,
            merge,
            duplicate,
        });
    }
}
