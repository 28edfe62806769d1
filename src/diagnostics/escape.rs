//! Escaping what a spec says for the formats it is shown in: HTML and Markdown.

use std::fmt::Write as _;

use super::visible;

/// Text for Markdown, a paragraph or a table cell: what a spec says reads as written and can
/// neither inject HTML nor break the table. Spans in backticks become `<code>` (so their content
/// is escaped the same way); `&`, `<`, `>`, `|`, `\`, `*`, `_`, `[`, `]`, `#`, `~` and `!` are
/// character references; control characters are made visible; line breaks become spaces.
pub fn markdown_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut in_code = false;
    for c in visible(text).chars() {
        match c {
            '`' => {
                out.push_str(if in_code { "</code>" } else { "<code>" });
                in_code = !in_code;
            }
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '|' | '\\' | '*' | '_' | '[' | ']' | '#' | '~' | '!' => {
                let _ = write!(out, "&#{};", u32::from(c));
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    if in_code {
        out.push_str("</code>");
    }
    out
}

/// Text for HTML (element content and quoted attribute values).
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(super::visible_char(c)),
        }
    }
    out
}
