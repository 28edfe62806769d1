//! Completion: the keys that fit under the mapping the cursor is in (inserted as `key: `), the
//! values an enumerated field takes (with their Chinese glosses), product codes for
//! `successor:`, product lines for `extends:`, and rule-pack parameters and rules in
//! `loanspec.yaml`.

use std::path::Path;

use serde_json::Value;

use super::{Spec, parse, schema_for};
use crate::diagnostics::Lang;
use crate::syntax::push_pointer;

/// One completion: what the list shows, what accepting it writes, and a line about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    pub label: String,
    pub insert: String,
    pub detail: Option<String>,
}

/// What the cursor's line says before the cursor.
enum Context {
    /// Writing a key at this indentation (a list item's key after `- `).
    Key { indent: usize, partial: String },
    /// Writing the value of `key` at this indentation.
    Value { indent: usize, key: String },
}

fn context(line: &str) -> Option<Context> {
    let indent = line.len() - line.trim_start().len();
    let rest = &line[indent..];
    let (indent, rest) = match rest.strip_prefix("- ") {
        Some(item) => (indent + 2, item),
        None => (indent, rest),
    };
    let is_word = |s: &str| s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if is_word(rest) {
        return Some(Context::Key {
            indent,
            partial: rest.to_owned(),
        });
    }
    let (key, value) = rest.split_once(':')?;
    (is_word(key) && !key.is_empty() && !value.trim().contains(' ')).then(|| Context::Value {
        indent,
        key: key.to_owned(),
    })
}

/// The pointer of the mapping a key at column `indent` of line `at` belongs to, from the lines
/// above it: `amount:` then `  max` gives `/amount`; inside the second `- ` item of `fees:`, a
/// key gives `/fees/1`.
fn parent(lines: &[&str], at: usize, indent: usize) -> String {
    let meaningful = |l: &str| {
        let t = l.trim_start();
        !t.is_empty() && !t.starts_with('#')
    };
    let indentation = |l: &str| l.len() - l.trim_start().len();
    let mut tokens: Vec<String> = Vec::new();
    // Keys of the mapping we are in sit at this column; a container's key is left of it.
    let mut want = indent;
    let mut i = at.min(lines.len());
    while i > 0 && want > 0 {
        i -= 1;
        let line = lines[i];
        if !meaningful(line) {
            continue;
        }
        let own = indentation(line);
        let trimmed = line.trim_start();
        if let Some(item) = trimmed.strip_prefix("- ") {
            let item_key = own + 2;
            if item_key > want {
                continue;
            }
            if item_key < want {
                // `- key:` holding a mapping we are inside.
                match item.split_once(':') {
                    Some((key, rest)) if rest.trim().is_empty() => tokens.push(key.trim().to_owned()),
                    _ => continue,
                }
            }
            // The list item we are in: its index among the items of its list.
            let index = lines[..i]
                .iter()
                .rev()
                .filter(|l| meaningful(l))
                .take_while(|l| indentation(l) > own || (indentation(l) == own && l.trim_start().starts_with("- ")))
                .filter(|l| indentation(l) == own)
                .count();
            tokens.push(index.to_string());
            // The list's key is at this column or left of it.
            want = own + 1;
            continue;
        }
        if own < want {
            if let Some((key, _)) = trimmed.split_once(':') {
                tokens.push(key.trim().to_owned());
            }
            want = own;
        }
    }
    tokens.iter().rev().fold(String::new(), |p, t| push_pointer(&p, t))
}

/// The completions at byte `offset` of `text` (saved, or to be saved, at `path`); `specs`: the
/// catalogue's specs from the last run, for `successor:` and `extends:`.
pub fn complete(path: &Path, text: &str, offset: usize, lang: Lang, specs: &[Spec]) -> Vec<Completion> {
    let offset = offset.min(text.len());
    let Some(before) = text.get(..offset) else {
        return Vec::new();
    };
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line_no = before.matches('\n').count();
    let Some(context) = context(&before[line_start..]) else {
        return Vec::new();
    };
    // The document without the line being written (which does not parse yet).
    let blanked = format!("{}{}", &text[..line_start], &text[line_end..]);
    let value = parse(path, &blanked).map_or(Value::Null, |d| d.value);
    let lines: Vec<&str> = text.lines().collect();
    let root = schema_for(path);
    let is_config = path
        .file_name()
        .is_some_and(|n| n == crate::compile::discover::CONFIG_FILE);
    match context {
        Context::Key { indent, partial } => {
            let parent = parent(&lines, line_no, indent);
            let present = value.pointer(&parent).and_then(Value::as_object);
            if is_config && parent == "/parameters" {
                return crate::rules::Pack::cn()
                    .params()
                    .filter(|p| p.name.starts_with(&partial))
                    .map(|p| Completion {
                        label: p.name.clone(),
                        insert: format!("{}: ", p.name),
                        detail: Some(p.summary_in(lang).to_owned()),
                    })
                    .collect();
            }
            if is_config && parent == "/rules" {
                return crate::rules::RULES
                    .iter()
                    .filter(|r| r.code.starts_with(&partial) || r.name.starts_with(&partial))
                    .map(|r| Completion {
                        label: r.code.to_owned(),
                        insert: format!("{}: ", r.code),
                        detail: Some(format!("{} — {}", r.name, r.summary_in(lang))),
                    })
                    .collect();
            }
            crate::schema::keys(root, &value, &parent)
                .into_iter()
                .filter(|(name, _)| name.starts_with(partial.as_str()))
                .filter(|(name, _)| !present.is_some_and(|m| m.contains_key(*name)))
                .map(|(name, description)| Completion {
                    label: name.to_owned(),
                    insert: format!("{name}: "),
                    detail: description.map(|d| detail(d, lang)),
                })
                .collect()
        }
        Context::Value { indent, key } => {
            let pointer = push_pointer(&parent(&lines, line_no, indent), &key);
            if pointer == "/lifecycle/retirement/successor" {
                return specs
                    .iter()
                    .filter(|s| !s.is_line)
                    .filter_map(|s| s.code.clone())
                    .map(|code| Completion {
                        label: code.clone(),
                        insert: code,
                        detail: None,
                    })
                    .collect();
            }
            if pointer == "/extends" {
                let dir = path.parent().unwrap_or(Path::new(""));
                return specs
                    .iter()
                    .filter(|s| s.is_line)
                    .filter_map(|s| {
                        let relative = pathdiff::diff_paths(&s.path, dir)?;
                        let shown = relative.to_string_lossy().replace('\\', "/");
                        Some(Completion {
                            label: shown.clone(),
                            insert: shown,
                            detail: s.code.clone(),
                        })
                    })
                    .collect();
            }
            // The field's schema: looked up with a placeholder where the value will go.
            let mut with_value = value;
            if let Some(parent) = with_value.pointer_mut(crate::syntax::parent_pointer(&pointer)) {
                if let Some(map) = parent.as_object_mut() {
                    map.insert(key.clone(), Value::String(String::new()));
                }
            }
            let Some(field) = crate::schema::field(root, &with_value, &pointer) else {
                return Vec::new();
            };
            crate::schema::choices(root, field.declared)
                .into_iter()
                .map(|(v, description)| Completion {
                    label: v.to_owned(),
                    insert: v.to_owned(),
                    detail: description.map(|d| detail(d, lang)),
                })
                .collect()
        }
    }
}

/// A description's first sentence, for a completion's one line: in Chinese, the Chinese
/// description's; where a value has none, the Chinese term its English carries in parentheses
/// comes first (`消费 — Personal consumption (消费)`).
fn detail(description: crate::schema::Description<'_>, lang: Lang) -> String {
    if let (Lang::Zh, Some(zh)) = (lang, description.zh) {
        let end = zh.find('。').map_or(zh.len(), |i| i + '。'.len_utf8());
        return zh[..end].to_owned();
    }
    let description = description.en;
    let end = description.find(". ").map_or(description.len(), |i| i + 1);
    let sentence = description[..end].replace('\n', " ");
    if lang == Lang::Zh {
        let chinese = sentence
            .split(['(', ')', '（', '）'])
            .skip(1)
            .step_by(2)
            .find(|part| part.chars().any(crate::schema::is_cjk));
        if let Some(chinese) = chinese {
            return format!("{chinese} — {sentence}");
        }
    }
    sentence
}
