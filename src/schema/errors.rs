//! Schema errors in bank words, each at the place it was written.

use std::collections::BTreeSet;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{JsonType, ValidationError};
use serde_json::Value;

use super::walk::{Description, chinese_run, is_cjk};
use super::walk::{description, example, property_names, schema_for_instance};
use super::{Locate, RequiredMode};
use crate::diagnostics::{Diagnostic, Fix, Text, codes, describe, quote};
use crate::model::units::UnitError;
use crate::source::Span;
use crate::syntax::{Part, is_at_or_below, last_token, parent_pointer, push_pointer};
use crate::text;

pub(super) struct Context<'a> {
    pub schema: &'a Value,
    pub key_homes: &'a [(String, String)],
    pub value: &'a Value,
    pub locate: &'a dyn Locate,
    pub explained: &'a BTreeSet<String>,
    pub mode: RequiredMode,
}

/// `/fees/0/amount` → `fees[0].amount`, the way a designer reads a place in a spec.
pub(crate) fn display_path(pointer: &str) -> String {
    let mut out = String::new();
    for raw in pointer.split('/').skip(1) {
        let token = raw.replace("~1", "/").replace("~0", "~");
        if token.bytes().all(|b| b.is_ascii_digit()) && !token.is_empty() {
            out.push('[');
            out.push_str(&token);
            out.push(']');
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&token);
        }
    }
    out
}

/// The name a designer knows a field by: its key, or for a list item, the list's key.
fn field_name(pointer: &str) -> String {
    let last = last_token(pointer);
    if last.bytes().all(|b| b.is_ascii_digit()) && !last.is_empty() {
        let parent = last_token(parent_pointer(pointer));
        format!("{parent}[{last}]")
    } else if pointer.is_empty() {
        String::from("the spec")
    } else {
        last
    }
}

fn at(diagnostic: Diagnostic, locate: &dyn Locate, pointer: &str, key: bool) -> Diagnostic {
    locate.place(diagnostic, pointer, if key { Part::Key } else { Part::Value })
}

pub(super) fn unit_diagnostic(pointer: &str, error: &UnitError, locate: &dyn Locate) -> Diagnostic {
    let mut diagnostic = Diagnostic::new(error.code, error.message.clone())
        .help(error.help.clone())
        .pointer(pointer);
    match locate.locate(pointer) {
        Some((file, node)) => {
            if let (Some(meant), None) = (&error.suggestion, &error.at) {
                diagnostic = diagnostic.fix(Fix {
                    title: text!("write `{meant}`", "改为 `{meant}`"),
                    replacement: meant.clone(),
                    safe: false,
                });
            }
            let span = match (&error.at, node.content) {
                (Some(range), Some(start)) => Span::new(start + range.start, start + range.end),
                _ => node.label,
            };
            diagnostic.at(file, span)
        }
        None => at(diagnostic, locate, pointer, false),
    }
}

pub(crate) fn internal(what: &str, locate: &dyn Locate) -> Diagnostic {
    let what = what.to_owned();
    at(
        Diagnostic::new(
            codes::INTERNAL,
            text!(
                "loanspec hit a case it does not handle: {what}",
                "loanspec 遇到了未处理的情况：{what}"
            ),
        )
        .help(text!(
            "please report this with the file that caused it",
            "请连同引发问题的文件一起反馈"
        )),
        locate,
        "",
        false,
    )
}

fn inside_list(value: &Value, pointer: &str) -> bool {
    let mut current = value;
    for raw in pointer.split('/').skip(1) {
        match current {
            Value::Array(items) => {
                return raw.parse::<usize>().ok().and_then(|i| items.get(i)).is_some();
            }
            Value::Object(map) => match map.get(&raw.replace("~1", "/").replace("~0", "~")) {
                Some(next) => current = next,
                None => return false,
            },
            _ => return false,
        }
    }
    false
}

pub(super) fn map_error(ctx: &Context<'_>, error: &ValidationError<'_>, out: &mut Vec<Diagnostic>) {
    let pointer = error.instance_path().as_str().to_owned();
    if ctx.explained.iter().any(|e| is_at_or_below(&pointer, e)) {
        return;
    }
    match error.kind() {
        ValidationErrorKind::Required { property } => {
            let skip = match ctx.mode {
                RequiredMode::All | RequiredMode::OnlyRequired => false,
                RequiredMode::OnlyInLists => !inside_list(ctx.value, &pointer),
            };
            if !skip {
                out.push(missing_key(ctx, &pointer, property.as_str().unwrap_or_default()));
            }
        }
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            resolve_branches(ctx, error, &pointer, context, out);
        }
        _ if ctx.mode == RequiredMode::OnlyRequired => {}
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            for key in unexpected {
                out.push(unknown_key(ctx, &pointer, key));
            }
        }
        ValidationErrorKind::Type { kind } => {
            out.push(wrong_type(ctx, &pointer, error.instance(), &expected_types(kind)));
        }
        ValidationErrorKind::Enum { options } => {
            let options: Vec<String> = options
                .as_array()
                .map(|a| a.iter().map(value_text).collect())
                .unwrap_or_default();
            out.push(unknown_value(ctx, &pointer, error.instance(), &options));
        }
        ValidationErrorKind::Constant { expected_value } => {
            out.push(unknown_value(
                ctx,
                &pointer,
                error.instance(),
                &[value_text(expected_value)],
            ));
        }
        ValidationErrorKind::Pattern { pattern } => {
            out.push(bad_pattern(ctx, &pointer, error.instance(), pattern));
        }
        ValidationErrorKind::MaxLength { limit } => {
            let name = quote(&display_path(&pointer));
            let length = error.instance().as_str().map_or(0, |t| t.chars().count());
            let help = if pointer.starts_with("/name/") {
                text!(
                    "shorten it to {limit} characters or fewer: core banking systems keep product names short (Apache Fineract at most 100); put the rest in `description`",
                    "请缩短到 {limit} 个字符以内：核心系统对产品名称有长度限制（Apache Fineract 最多 100 个字符）；其余内容可写入 `description`"
                )
            } else {
                text!(
                    "shorten it to {limit} characters or fewer",
                    "请缩短到 {limit} 个字符以内"
                )
            };
            out.push(at(
                Diagnostic::new(
                    codes::INVALID_VALUE,
                    text!(
                        "{name} is {length} characters long; it may have at most {limit}",
                        "{name} 长 {length} 个字符，最多 {limit} 个字符"
                    ),
                )
                .help(help),
                ctx.locate,
                &pointer,
                false,
            ));
        }
        ValidationErrorKind::MinItems { limit } => {
            let name = quote(&field_name(&pointer));
            out.push(at(
                Diagnostic::new(
                    codes::INVALID_VALUE,
                    text!("{name} needs at least {limit} entry", "{name} 至少需要 {limit} 项"),
                )
                .help(text!("list at least one entry", "请至少列出一项")),
                ctx.locate,
                &pointer,
                true,
            ));
        }
        ValidationErrorKind::MinProperties { .. } => {
            let name = quote(&field_name(&pointer));
            let keys = property_names(
                ctx.schema,
                schema_for_instance(ctx.schema, ctx.value, &pointer).unwrap_or(&Value::Null),
            )
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ");
            out.push(at(
                Diagnostic::new(codes::MISSING_KEY, text!("{name} is empty", "{name} 为空"))
                    .help(text!("write at least one of {keys}", "请至少填写 {keys} 中的一项")),
                ctx.locate,
                &pointer,
                true,
            ));
        }
        _ => {
            let detail = error.to_string();
            let name = quote(&field_name(&pointer));
            out.push(at(
                Diagnostic::new(
                    codes::INVALID_VALUE,
                    text!("{name} is not valid: {detail}", "{name} 无效：{detail}"),
                )
                .help(text!(
                    "see the description of this key in the product schema",
                    "请参阅产品 schema 中该键的说明"
                )),
                ctx.locate,
                &pointer,
                false,
            ));
        }
    }
}

/// `anyOf`/`oneOf`: pick the branch the value was meant for and report its errors; when no
/// branch even has the right shape, say which shapes would do.
fn resolve_branches(
    ctx: &Context<'_>,
    error: &ValidationError<'_>,
    pointer: &str,
    branches: &[Vec<ValidationError<'static>>],
    out: &mut Vec<Diagnostic>,
) {
    let constants: Option<Vec<String>> = branches
        .iter()
        .map(|errs| match errs.as_slice() {
            [e] if e.instance_path().as_str() == pointer => match e.kind() {
                ValidationErrorKind::Constant { expected_value } => Some(value_text(expected_value)),
                _ => None,
            },
            _ => None,
        })
        .collect();
    if let Some(options) = constants {
        if ctx.mode != RequiredMode::OnlyRequired {
            out.push(unknown_value(ctx, pointer, error.instance(), &options));
        }
        return;
    }
    let shape_mismatch = |errs: &Vec<ValidationError<'static>>| {
        errs.iter()
            .any(|e| e.instance_path().as_str() == pointer && matches!(e.kind(), ValidationErrorKind::Type { .. }))
    };
    let best = branches.iter().filter(|b| !shape_mismatch(b)).min_by_key(|b| b.len());
    match best {
        Some(errors) => {
            for e in errors {
                map_error(ctx, e, out);
            }
        }
        None if ctx.mode != RequiredMode::OnlyRequired => {
            let mut expected = Vec::new();
            for errs in branches {
                for e in errs {
                    match e.kind() {
                        ValidationErrorKind::Type { kind } if e.instance_path().as_str() == pointer => {
                            expected.extend(expected_types(kind));
                        }
                        ValidationErrorKind::Constant { expected_value } if e.instance_path().as_str() == pointer => {
                            expected.push(Text::new(
                                format!("`{}`", value_text(expected_value)),
                                format!("`{}`", value_text(expected_value)),
                            ));
                        }
                        _ => {}
                    }
                }
            }
            expected.dedup();
            out.push(wrong_type(ctx, pointer, error.instance(), &expected));
        }
        None => {}
    }
}

fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn expected_types(kind: &TypeKind) -> Vec<Text> {
    let types: Vec<JsonType> = match kind {
        TypeKind::Single(t) => vec![*t],
        TypeKind::Multiple(set) => set.iter().collect(),
    };
    types
        .into_iter()
        .map(|t| match t {
            JsonType::Object => Text::new(
                "a mapping (keys on the lines below, indented)",
                "一组键值（在下面几行缩进书写）",
            ),
            JsonType::Array => Text::new("a list", "列表"),
            JsonType::String => Text::new("text", "文本"),
            JsonType::Integer => Text::new("a whole number", "整数"),
            JsonType::Number => Text::new("a number", "数字"),
            JsonType::Boolean => Text::new("`true` or `false`", "`true` 或 `false`"),
            JsonType::Null => Text::new("nothing", "空值"),
        })
        .collect()
}

fn join(texts: &[Text]) -> Text {
    let en = texts.iter().map(|t| t.en.as_str()).collect::<Vec<_>>().join(" or ");
    let zh = texts.iter().map(|t| t.zh.as_str()).collect::<Vec<_>>().join("或");
    Text::new(en, zh)
}

fn wrong_type(ctx: &Context<'_>, pointer: &str, instance: &Value, expected: &[Text]) -> Diagnostic {
    let name = quote(&field_name(pointer));
    let expected = join(expected);
    let (exp_en, exp_zh) = (expected.en, expected.zh);
    let found = describe(instance);
    let (found_en, found_zh) = (found.en, found.zh);
    let schema = schema_for_instance(ctx.schema, ctx.value, parent_pointer(pointer))
        .and_then(|parent| super::walk::properties(ctx.schema, parent))
        .and_then(|props| props.get(&last_token(pointer)));
    let quoted_literal = match instance {
        Value::String(s) if matches!(s.as_str(), "true" | "false") && exp_en.contains("`true`") => Some(s.clone()),
        Value::String(s)
            if !s.is_empty()
                && s.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
                && exp_en.contains("number") =>
        {
            Some(s.clone())
        }
        _ => None,
    };
    // A name or description written as plain text, where a mapping by language is needed.
    let localized = schema
        .and_then(|s| super::walk::properties(ctx.schema, s))
        .is_some_and(|p| p.contains_key("zh") && p.contains_key("en"));
    let key = last_token(pointer);
    let help = if let Some(literal) = quoted_literal {
        text!("write `{literal}` without quotes", "请去掉引号，写成 `{literal}`")
    } else if let (true, Value::String(written)) = (localized, instance) {
        let lang = if written.chars().any(is_cjk) { "zh" } else { "en" };
        text!(
            "write it by language: `{key}: {{ {lang}: {written} }}`",
            "请按语言书写：`{key}: {{ {lang}: {written} }}`"
        )
    } else if let (true, Value::String(written)) = (exp_en.contains("`true`"), instance) {
        match written.trim() {
            "是" | "对" | "有" | "允许" => text!("write `true` (是)", "请写 `true`（是）"),
            "否" | "不" | "无" | "不允许" => text!("write `false` (否)", "请写 `false`（否）"),
            _ => text!("write `true` (是) or `false` (否)", "请写 `true`（是）或 `false`（否）"),
        }
    } else if let Some(ex) = schema.and_then(|s| example(ctx.schema, s)) {
        text!("write it like `{ex}`", "请按 `{ex}` 的格式书写")
    } else {
        match schema.and_then(|s| description(ctx.schema, s)) {
            // In Chinese, what to write first, then what the field means; a description
            // without its Chinese (a value's gloss may be Chinese itself) gives the first alone.
            Some((en, Some(zh))) => crate::diagnostics::Text {
                en: format!("{name}: {en}"),
                zh: format!("此处请写{exp_zh}。{name}：{zh}"),
            },
            Some((d, None)) if d.chars().any(is_cjk) => text!("{name}: {d}", "{name}：{d}"),
            Some((d, None)) => crate::diagnostics::Text {
                en: format!("{name}: {d}"),
                zh: format!("此处请写{exp_zh}"),
            },
            None => text!("write {exp_en} here", "此处请写{exp_zh}"),
        }
    };
    at(
        Diagnostic::new(
            codes::WRONG_TYPE,
            text!(
                "{name} should be {exp_en}, found {found_en}",
                "{name} 应为{exp_zh}，实际是{found_zh}"
            ),
        )
        .help(help),
        ctx.locate,
        pointer,
        false,
    )
}

fn unknown_key(ctx: &Context<'_>, pointer: &str, key: &str) -> Diagnostic {
    let key_pointer = push_pointer(pointer, key);
    let shown = quote(key);
    let schema = schema_for_instance(ctx.schema, ctx.value, pointer);
    let names = schema.map(|s| property_names(ctx.schema, s)).unwrap_or_default();
    let place = if pointer.is_empty() {
        None
    } else {
        Some(quote(&display_path(pointer)))
    };
    let message = match &place {
        Some(p) => text!("unknown key {shown} in {p}", "{p} 中有未知的键 {shown}"),
        None => text!("unknown key {shown}", "未知的键 {shown}"),
    };
    let best = crate::diagnostics::closest(key, names.iter().map(String::as_str));
    let help = if let Some(best) = best {
        text!("did you mean `{best}`?", "是不是想写 `{best}`？")
    } else if let Some((_, home)) = ctx.key_homes.iter().find(|(k, home)| k == key && !home.is_empty()) {
        text!("`{key}` belongs under `{home}`", "`{key}` 应该写在 `{home}` 下面")
    } else {
        let list = names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
        text!(
            "keys allowed here: {list}; the bank's own keys start with `x-`",
            "此处可用的键：{list}；银行自定义的键请以 `x-` 开头"
        )
    };
    let mut d = Diagnostic::new(codes::UNKNOWN_KEY, message).help(help);
    if let Some((file, node)) = ctx.locate.locate(&key_pointer) {
        d = d.at(file, node.key_or_label());
        // The key as written is replaced (only when it is placed on the key itself).
        if let (Some(best), Some(_)) = (best, node.key) {
            d = d.fix(Fix {
                title: text!("rename the key to `{best}`", "把键改为 `{best}`"),
                replacement: best.to_owned(),
                safe: true,
            });
        }
    } else {
        d = at(d, ctx.locate, pointer, true);
    }
    d.pointer(key_pointer)
}

fn missing_key(ctx: &Context<'_>, pointer: &str, property: &str) -> Diagnostic {
    let parent = schema_for_instance(ctx.schema, ctx.value, pointer);
    let prop_schema = parent
        .and_then(|p| super::walk::properties(ctx.schema, p))
        .and_then(|p| p.get(property));
    let message = if pointer.is_empty() {
        text!("the spec has no `{property}`", "规格缺少 `{property}`")
    } else {
        let owner = quote(&display_path(pointer));
        text!("{owner} has no `{property}`", "{owner} 缺少 `{property}`")
    };
    let what = prop_schema.and_then(|s| description(ctx.schema, s)).map(|(en, _)| en);
    // What goes after the key, without inventing the value: a placeholder naming the unit (the
    // product's own amount is not 500万), or the allowed words.
    let typed = prop_schema.map(|s| super::walk::deref(ctx.schema, s));
    let unit = typed
        .and_then(|t| {
            t.get(crate::model::UNIT_KEYWORD)
                .or_else(|| super::walk::unit_branch(ctx.schema, t))
        })
        .and_then(Value::as_str);
    let words: Vec<(&str, Option<Description>)> =
        typed.map(|t| super::walk::choices(ctx.schema, t)).unwrap_or_default();
    let placeholder = unit.and_then(placeholder);
    let (words_en, words_zh) = (
        words
            .iter()
            .map(|(w, _)| format!("`{w}`"))
            .collect::<Vec<_>>()
            .join(", "),
        words
            .iter()
            .map(|(w, d)| match d.and_then(gloss) {
                Some(term) => format!("`{w}`（{term}）"),
                None => format!("`{w}`"),
            })
            .collect::<Vec<_>>()
            .join("、"),
    );
    let what_en = what.as_ref().map_or_else(String::new, |w| format!(" ({w})"));
    // In Chinese, the field's Chinese term only (the descriptions are English sentences).
    let what_zh = what
        .as_deref()
        .and_then(chinese_run)
        .map_or_else(String::new, |t| format!("（{t}）"));
    let help = if let Some(v) = placeholder {
        text!(
            "add `{property}: {en}`{what_en}",
            "请添加 `{property}: {zh}`{what_zh}",
            en = v.en,
            zh = v.zh
        )
    } else if !words.is_empty() && words.len() <= 12 {
        text!(
            "add `{property}:` with one of {words_en}{what_en}",
            "请添加 `{property}:`，取值为 {words_zh} 之一{what_zh}"
        )
    } else if let Some(w) = &what {
        text!("add `{property}`: {w}", "请添加 `{property}`{what_zh}")
    } else {
        text!("add `{property}`", "请添加 `{property}`")
    };
    let label = if pointer.is_empty() {
        text!("this spec needs `{property}`", "本规格需要 `{property}`")
    } else {
        text!("`{property}` is needed here", "此处需要 `{property}`")
    };
    at(
        Diagnostic::new(codes::MISSING_KEY, message).help(help),
        ctx.locate,
        pointer,
        true,
    )
    .label(label)
    .pointer(pointer)
}

/// A value to fill in, by unit: what it is and how it is written, in angle brackets so nobody
/// takes it for a recommended figure.
fn placeholder(unit: &str) -> Option<Text> {
    Some(match unit {
        "money" => text!("<amount, like 50万>", "<金额，如 50万>"),
        "percent" => text!("<percentage, like 1.5%>", "<百分比，如 1.5%>"),
        "basis_points" => text!("<basis points, like 50bp>", "<基点，如 50bp>"),
        "term" => text!("<term, like 12M>", "<期限，如 12M>"),
        "duration" => text!("<time, like 2h>", "<时长，如 2h>"),
        "date" => text!("<date, like 2026-09-01>", "<日期，如 2026-09-01>"),
        "rate" => text!("<rate, like LPR1Y + 50bp>", "<利率，如 LPR1Y + 50bp>"),
        "fee_amount" => text!("<fee, like 0.5%>", "<费用，如 0.5%>"),
        "threshold" => text!("<threshold, like 3%>", "<阈值，如 3%>"),
        _ => return None,
    })
}

fn unknown_value(ctx: &Context<'_>, pointer: &str, instance: &Value, options: &[String]) -> Diagnostic {
    let written = value_text(instance);
    let shown = quote(&written);
    if pointer == "/loanspec" {
        return at(
            Diagnostic::new(
                codes::UNKNOWN_VALUE,
                text!(
                    "this spec is written for language version {shown}; loanspec reads version `1`",
                    "该规格按语言版本 {shown} 编写；loanspec 只能读取版本 `1`"
                ),
            )
            .help(text!("write `loanspec: 1`", "请写 `loanspec: 1`")),
            ctx.locate,
            pointer,
            false,
        );
    }
    // Each allowed word's Chinese term, from the schema (`consumption` is 个人消费).
    let glosses: Vec<(&str, &str)> = super::walk::field(ctx.schema, ctx.value, pointer)
        .map(|f| super::walk::choices(ctx.schema, f.declared))
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(v, d)| Some((v, gloss(d?)?)))
        .collect();
    let label = |o: &str| glosses.iter().find(|(v, _)| *v == o).map(|(_, g)| *g);
    let zh_word = |o: &str| label(o).map_or_else(|| format!("`{o}`"), |g| format!("`{o}`（{g}）"));
    // Chinese written for a word: the one whose term it is, or holds, or is part of.
    let by_term: Vec<&str> = if written.chars().any(is_cjk) {
        options
            .iter()
            .map(String::as_str)
            .filter(|o| label(o).is_some_and(|g| g == written || g.contains(&*written) || written.contains(g)))
            .collect()
    } else {
        Vec::new()
    };
    let best = match by_term.as_slice() {
        [one] => Some(*one),
        _ => crate::diagnostics::closest(&written, options.iter().map(String::as_str)),
    };
    let help = if let [only] = options {
        text!("write `{only}`", "请写 `{only}`")
    } else if let (Some(best), Some(term)) = (best, best.and_then(label).filter(|_| by_term.len() == 1)) {
        text!("a spec writes {term} as `{best}`", "规格中“{term}”写作 `{best}`")
    } else if by_term.len() > 1 {
        let (en, zh) = (
            by_term.iter().map(|o| format!("`{o}`")).collect::<Vec<_>>().join(", "),
            by_term.iter().map(|o| zh_word(o)).collect::<Vec<_>>().join("、"),
        );
        text!(
            "{shown} may be any of {en}: write the one meant",
            "{shown} 可能是 {zh}，请写明是哪一个"
        )
    } else if let Some(best) = best {
        let zh = zh_word(best);
        text!("did you mean `{best}`?", "是不是想写 {zh}？")
    } else {
        let (en, zh) = (
            options.iter().map(|o| format!("`{o}`")).collect::<Vec<_>>().join(", "),
            options.iter().map(|o| zh_word(o)).collect::<Vec<_>>().join("、"),
        );
        text!("write one of {en}", "请从以下值中选择：{zh}")
    };
    let token = last_token(pointer);
    let message = if !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit()) {
        let owner = quote(&last_token(parent_pointer(pointer)));
        text!(
            "{shown} is not a valid entry of {owner}",
            "{shown} 不是 {owner} 的有效取值"
        )
    } else {
        let name = quote(&field_name(pointer));
        text!("{shown} is not a valid {name}", "{shown} 不是有效的 {name}")
    };
    let mut d = Diagnostic::new(codes::UNKNOWN_VALUE, message).help(help);
    // A misspelt word replaced by the one value it is close to; placed on the value itself.
    if let (Some(best), Some(_)) = (best, ctx.locate.locate(pointer)) {
        d = d.fix(Fix {
            title: text!("write `{best}`", "改为 `{best}`"),
            replacement: best.to_owned(),
            safe: true,
        });
    }
    at(d, ctx.locate, pointer, false)
}

fn bad_pattern(ctx: &Context<'_>, pointer: &str, instance: &Value, pattern: &str) -> Diagnostic {
    let shown = quote(&value_text(instance));
    let name = quote(&field_name(pointer));
    let help = if pattern.starts_with("^[A-Z][A-Z0-9-]") {
        text!(
            "codes are capital letters, digits and dashes, 3 to 32 long, starting with a letter, like `SCI-TECH-CREDIT`",
            "代码由大写字母、数字和短横线组成，长 3 到 32 位，以字母开头，例如 `SCI-TECH-CREDIT`"
        )
    } else if pattern.starts_with("^(0|[1-9]") {
        text!(
            "versions are MAJOR.MINOR.PATCH, like `1.2.0`",
            "版本号格式为 主版本.次版本.修订号，例如 `1.2.0`"
        )
    } else {
        text!("it must match the pattern `{pattern}`", "须符合格式 `{pattern}`")
    };
    at(
        Diagnostic::new(
            codes::INVALID_VALUE,
            text!("{shown} is not a valid {name}", "{shown} 不是有效的 {name}"),
        )
        .help(help),
        ctx.locate,
        pointer,
        false,
    )
}

/// A value's Chinese term: the Chinese its description names (`个人消费`, `互联网贷款` in "The whole
/// process is online (互联网贷款)…"), else the first words of its Chinese description.
fn gloss(d: Description<'_>) -> Option<&str> {
    chinese_run(d.en).or_else(|| d.zh.and_then(chinese_run))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_like_a_spec() {
        assert_eq!(display_path("/fees/0/amount"), "fees[0].amount");
        assert_eq!(display_path(""), "");
        assert_eq!(field_name("/channels/1"), "channels[1]");
    }
}
