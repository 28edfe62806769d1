//! Full-width punctuation where YAML needs its own, found before parsing. A Chinese input method
//! types `：` for `:`, `【】` for `[]`, `，` for `,` and `　` for a space. YAML reads none of them as
//! structure, so the parser's own message ("could not find expected ':'") lands on the next line
//! and names nothing the designer typed. Each one is reported at its own line and column, naming
//! the character and the one to write, with a fix. (A suppression comment reads `——` as `--`
//! itself: there it can mean nothing else.)
//!
//! Only places where the half-width reading is the only one are fixed: after a key written in
//! the spec language's words (`stage：` is `stage:`), brackets around a whole list of such words,
//! a comma between two of them. A full-width space in the indentation is reported, but its fix is
//! only offered (how many spaces it stood for is a guess). Text inside values, comments and block
//! scalars is never touched: `，` in a product's Chinese name is a Chinese comma.

use crate::diagnostics::{Diagnostic, Fix, codes};
use crate::source::{FileId, Span};
use crate::text;

/// A key of the spec language (or a bank's `x-` key): ASCII letters, digits, `_` and `-`.
fn is_key(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// A value made of the spec language's words inside brackets: `equal_installment`, `6M`.
fn is_word(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'.')
}

fn finding(file: FileId, span: Span, message: crate::diagnostics::Text, replacement: String, safe: bool) -> Diagnostic {
    let title = {
        let shown = replacement.clone();
        text!("write `{shown}`", "改为 `{shown}`")
    };
    Diagnostic::new(codes::FULLWIDTH_PUNCTUATION, message)
        .help(text!(
            "switch the input method to half-width (半角) for YAML's punctuation; Chinese text inside values is fine",
            "书写 YAML 的标点时请切换到半角输入；值里的中文文字不受影响"
        ))
        .at(file, span)
        .fix(Fix {
            title,
            replacement,
            safe,
        })
}

/// The findings for `text`, in order. O(length of the text).
pub(crate) fn scan(file: FileId, text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // The indentation of a `key: |` or `key: >` whose more-indented lines are text.
    let mut block_scalar: Option<usize> = None;
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let at = start;
        start += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let indent_len = body.len() - body.trim_start_matches([' ', '\u{3000}']).len();
        let (indent, rest) = body.split_at(indent_len);
        let columns = indent.chars().count();
        if let Some(level) = block_scalar {
            if rest.is_empty() || columns > level {
                continue;
            }
            block_scalar = None;
        }
        if rest.is_empty() || (rest.starts_with('#') && !rest.contains("loanspec:")) {
            continue;
        }
        // A full-width space in the indentation.
        if let Some(i) = indent.find('\u{3000}') {
            let wide = indent[i..].chars().take_while(|c| *c == '\u{3000}').count();
            let span = Span::new(at + i, at + i + wide * '\u{3000}'.len_utf8());
            out.push(finding(
                file,
                span,
                text!(
                    "a full-width space `　` in the indentation: YAML indents with half-width spaces only",
                    "缩进中有全角空格 `　`：YAML 只能用半角空格缩进"
                ),
                "  ".repeat(wide),
                false,
            ));
        }
        let item = rest.strip_prefix("- ").unwrap_or(rest);
        let item_at = at + indent_len + (rest.len() - item.len());
        // A comment says nothing about structure (a suppression reads `——` as `--` itself).
        if item.starts_with('#') {
            continue;
        }
        // The key: the first `:` or `：` outside quotes.
        let Some(colon) = item.find([':', '：']) else { continue };
        let key = &item[..colon];
        if key.starts_with(['"', '\'', '{', '[']) || !is_key(key.trim_end()) {
            continue;
        }
        let mut value_at = colon + 1;
        if item[colon..].starts_with('：') {
            value_at = colon + '：'.len_utf8();
            // `stage：design`, `stage： design` and `stage：　design` all mean `stage: design`.
            let after = &item[value_at..];
            let eaten = if after.starts_with('\u{3000}') {
                '\u{3000}'.len_utf8()
            } else {
                0
            };
            let span = Span::new(item_at + colon, item_at + value_at + eaten);
            let replacement = if after.starts_with(' ') || after.is_empty() {
                ":"
            } else {
                ": "
            };
            let key = key.trim_end().to_owned();
            out.push(finding(
                file,
                span,
                text!(
                    "the key `{key}` is followed by a full-width colon `：`; YAML needs a half-width `:` and a space",
                    "键 `{key}` 后面是全角冒号 `：`；YAML 需要半角冒号 `:` 加空格"
                ),
                replacement.to_owned(),
                true,
            ));
        }
        let after_colon = &item[value_at..];
        let value = after_colon.trim_start_matches([' ', '\u{3000}']);
        let value_start = item_at + value_at + (after_colon.len() - value.len());
        let value = value.split(" #").next().unwrap_or(value).trim_end();
        if matches!(value.chars().next(), Some('|' | '>')) && value.len() <= 3 {
            block_scalar = Some(columns);
            continue;
        }
        // A list in full-width brackets, `【a，b】`, or a comma between words in `[a，b]`.
        let (open, close) = match value.chars().next() {
            Some('【') if value.ends_with('】') => ('【', '】'),
            Some('[') if value.ends_with(']') && value.contains('，') => ('[', ']'),
            _ => continue,
        };
        let inner = &value[open.len_utf8()..value.len() - close.len_utf8()];
        let items: Vec<&str> = inner.split([',', '，']).map(str::trim).collect();
        if !items.iter().all(|i| is_word(i)) {
            continue;
        }
        let span = Span::new(value_start, value_start + value.len());
        let replacement = format!("[{}]", items.join(", "));
        let shown = value.to_owned();
        out.push(finding(
            file,
            span,
            text!(
                "the list {shown} is written with full-width brackets or commas; YAML reads `[`, `]` and `,` only",
                "列表 {shown} 用了全角括号或逗号；YAML 只认半角的 `[`、`]` 和 `,`"
            ),
            replacement,
            true,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::scan;
    use crate::source::FileId;

    /// The text with every fix of the scan written in, and the places found (line, column).
    fn fixed(text: &str) -> (String, Vec<(usize, usize, bool)>) {
        let found = scan(FileId(0), text);
        let mut out = text.to_owned();
        let mut places = Vec::new();
        for d in found.iter().rev() {
            let (Some(label), Some(fix)) = (&d.primary, &d.fix) else {
                continue;
            };
            out.replace_range(label.span.start..label.span.end, &fix.replacement);
        }
        for d in &found {
            let Some(label) = &d.primary else { continue };
            let before = &text[..label.span.start];
            let line = before.matches('\n').count() + 1;
            let column = before[before.rfind('\n').map_or(0, |i| i + 1)..].chars().count() + 1;
            places.push((line, column, d.fix.as_ref().is_some_and(|f| f.safe)));
        }
        (out, places)
    }

    #[test]
    fn each_full_width_mark_is_found_where_it_was_typed_and_fixed_to_the_half_width_one() {
        let text = "loanspec: 1\nstage： design\npurpose：consumption\nrepayment:\n  methods: 【equal_installment，bullet】\n  frequency: monthly  # loanspec: allow LS999 —— 试点\nterm: [6M，12M]\n";
        // (The suppression's `——` is read as `--` by the suppression reader; nothing to fix.)
        let (out, places) = fixed(text);
        assert_eq!(
            out,
            "loanspec: 1\nstage: design\npurpose: consumption\nrepayment:\n  methods: [equal_installment, bullet]\n  frequency: monthly  # loanspec: allow LS999 —— 试点\nterm: [6M, 12M]\n"
        );
        // Line and column (in characters) of each, and all of these fixes are safe.
        assert_eq!(places, [(2, 6, true), (3, 8, true), (5, 12, true), (7, 7, true)]);
    }

    #[test]
    fn a_full_width_space_in_the_indentation_is_found_and_its_fix_only_offered() {
        let (out, places) = fixed("amount:\n\u{3000}max: 10万\n");
        assert_eq!(out, "amount:\n  max: 10万\n");
        assert_eq!(places, [(2, 1, false)]);
    }

    #[test]
    fn chinese_text_in_values_comments_and_block_scalars_is_left_alone() {
        let text = "name: { zh: 个人消费，经营：试点 }\ndescription:\n  zh: 用途：个人消费，经营\n# 说明：这是注释，不是结构\nnotes: |\n  第一行：说明\n  【重点】，注意\nchannels: [mobile_app, branch]\n  - 用途：消费\n";
        assert!(scan(FileId(0), text).is_empty(), "{:?}", scan(FileId(0), text));
    }
}
