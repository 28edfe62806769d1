//! Output: the canonical product as JSON (or YAML), with the bank's `x-` keys passed through,
//! in deterministic bytes, written atomically.

pub mod fineract;

use std::fmt::Write as _;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

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

/// Writes every file under `dir`, each to a temporary name first and then renamed, so a reader
/// never sees half a file. `files` are (file name, contents).
/// Writes one file through a temporary name in its folder, then renames it.
pub fn write_file_atomically(path: &Path, contents: &str) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a file name"))?;
    write_atomically(dir, &[(name, contents.to_owned())]).map(|_| ())
}

pub fn write_atomically(dir: &Path, files: &[(String, String)]) -> std::io::Result<Vec<PathBuf>> {
    fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    let mut temps = Vec::new();
    for (name, contents) in files {
        // A name may hold folders (`fineract/CODE/loanproduct.json`); the temporary file sits
        // beside its target, so the rename stays within one folder.
        let target = dir.join(name);
        let folder = target.parent().unwrap_or(dir).to_path_buf();
        let base = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temp = folder.join(format!(".{base}.tmp-{}", std::process::id()));
        let result = (|| {
            fs::create_dir_all(&folder)?;
            let mut f = fs::File::create(&temp)?;
            f.write_all(contents.as_bytes())?;
            f.sync_all()
        })();
        if let Err(e) = result {
            let _ = fs::remove_file(&temp);
            for (t, _) in &temps {
                let _ = fs::remove_file(t);
            }
            return Err(e);
        }
        temps.push((temp, target));
    }
    for (temp, target) in temps {
        fs::rename(&temp, &target)?;
        written.push(target);
    }
    Ok(written)
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
