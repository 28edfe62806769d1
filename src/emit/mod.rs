//! Output: the canonical product as JSON (or YAML), with the bank's `x-` keys passed through,
//! in deterministic bytes, written all or nothing ([`output`]).

pub mod fineract;
pub mod output;

pub use output::{MANIFEST, OutputError, publish_folder, write_file};

use std::fmt::Write as _;

use serde_json::Value;

use crate::compile::CompiledProduct;
use crate::syntax::{self, parent_pointer};

/// Output format of `compile`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Emit {
    Json,
    Yaml,
}

impl Emit {
    pub fn extension(self) -> &'static str {
        match self {
            Emit::Json => "json",
            Emit::Yaml => "yaml",
        }
    }
}

/// The canonical document of a product: the resolved product with each `x-` key put back in
/// the mapping it was written in (or, when that mapping has no counterpart in the output, in
/// the nearest one that does).
pub fn canonical_value(compiled: &CompiledProduct) -> Value {
    let mut product = compiled.product.clone();
    product.reference_example = crate::money::reference_example(&product);
    let mut value = serde_json::to_value(&product).unwrap_or(Value::Null);
    for (pointer, ext) in &compiled.extensions {
        let key = syntax::last_token(pointer);
        let mut parent = parent_pointer(pointer).to_owned();
        loop {
            if let Some(Value::Object(map)) = value.pointer_mut(&parent) {
                map.insert(key.clone(), ext.clone());
                break;
            }
            if parent.is_empty() {
                break;
            }
            parent = parent_pointer(&parent).to_owned();
        }
    }
    value
}

/// The bytes written for a product: pretty JSON (2 spaces) or YAML, ending in a newline.
pub fn render(compiled: &CompiledProduct, emit: Emit) -> String {
    let value = canonical_value(compiled);
    match emit {
        Emit::Json => {
            let mut out = serde_json::to_string_pretty(&value).unwrap_or_default();
            out.push('\n');
            out
        }
        Emit::Yaml => syntax::to_yaml(&value),
    }
}

/// Text for Markdown, a paragraph or a table cell: what a spec says reads as written and can
/// neither inject HTML nor break the table. Spans in backticks become `<code>` (so their content
/// is escaped the same way); `&`, `<`, `>`, `|`, `\`, `*`, `_`, `[`, `]`, `#`, `~` and `!` are
/// character references; control characters are made visible; line breaks become spaces.
pub fn markdown_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut in_code = false;
    for c in crate::diagnostics::visible(text).chars() {
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
            c => out.push(crate::diagnostics::visible_char(c)),
        }
    }
    out
}
