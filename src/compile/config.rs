//! The catalogue config stage: `loanspec.yaml` read and checked, then its rates, parameters and rule levels applied to the catalogue.

use super::{Catalogue, Options, deserialize, discover, register};
use crate::diagnostics::{Diagnostic, Label, codes, quote};
use crate::files::Files;
use crate::model::config::{CatalogueConfig, RatesSource};
use crate::resolve::benchmarks::Fixing;
use crate::resolve::{benchmarks, extends};
use crate::rules;
use crate::rules::custom;
use crate::schema::{Compiled, FileLocator, Locate, RequiredMode};
use crate::source::{FileId, SourceFile, SourceMap, Span};
use crate::syntax;
use crate::syntax::{Document, Part, push_pointer};
use crate::text;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

impl Catalogue {
    pub(super) fn load_config(&mut self, cwd: &Path, options: &Options, sources: &mut SourceMap) {
        let path = self.root.join(discover::CONFIG_FILE);
        let (id, pre) = register(&path, &self.root, cwd, options, sources);
        self.config_file = Some(id);
        if let Some(d) = pre {
            self.findings.push((None, d));
            return;
        }
        let Some(file) = sources.get(id).cloned() else {
            return;
        };
        let parsed = syntax::parse(id, &file, &options.limits);
        let failed = parsed.diagnostics.iter().any(Diagnostic::is_error);
        self.findings.extend(parsed.diagnostics.into_iter().map(|d| (None, d)));
        let Some(mut doc) = parsed.document else {
            return;
        };
        let mut diags = Compiled::catalogue().check_document(&mut doc, RequiredMode::All);
        diags.extend(Compiled::catalogue().lookalike_warnings(&doc.value, parsed.lookalikes));
        // An entry with an error is left out, already reported; the rest of the config still
        // applies, so one mistyped parameter does not switch off the bank's other settings.
        let bad: Vec<String> = diags
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.pointer.clone().unwrap_or_default())
            .collect();
        self.findings.extend(diags.into_iter().map(|d| (None, d)));
        if failed {
            return;
        }
        let Some(mut value) = without_entries(&doc.value, &bad) else {
            return;
        };
        // Custom rules are read one by one, keeping their places in the file.
        let raw_rules = value
            .as_object_mut()
            .and_then(|m| m.remove("custom_rules"))
            .and_then(|v| match v {
                Value::Array(items) => Some(items),
                _ => None,
            })
            .unwrap_or_default();
        let config: CatalogueConfig = match deserialize(&value) {
            Ok(c) => c,
            Err((message, pointer)) => {
                let locator = FileLocator { file: id, doc: &doc };
                self.findings
                    .push((None, crate::schema::internal(&message, &locator).pointer(pointer)));
                return;
            }
        };
        self.rates_label = doc.index().get("/rates").map(|n| Label::new(id, n.key_or_label()));
        self.apply_rates(&config, &doc, id, cwd, options, sources);
        self.apply_parameters(&config, &doc, id);
        let rules: Vec<(usize, custom::CustomRule)> = raw_rules
            .iter()
            .enumerate()
            .filter(|(_, raw)| !raw.is_null())
            .filter_map(|(i, raw)| deserialize(raw).ok().map(|r| (i, r)))
            .collect();
        let mut problems = Vec::new();
        self.custom = custom::compile(&rules, &doc, id, &mut problems);
        self.findings.extend(problems.into_iter().map(|d| (None, d)));
        self.read_rule_levels(&config, &doc, id);
        self.config = Some(config);
    }

    pub(super) fn apply_rates(
        &mut self,
        config: &CatalogueConfig,
        doc: &Document,
        id: FileId,
        cwd: &Path,
        options: &Options,
        sources: &mut SourceMap,
    ) {
        match &config.rates {
            None => {}
            Some(RatesSource::Inline(list)) => {
                for f in list {
                    self.benchmarks.insert(Fixing {
                        date: f.date.0,
                        lpr1y: f.lpr1y.0,
                        lpr5y: f.lpr5y.0,
                        embedded: false,
                    });
                }
            }
            Some(RatesSource::Path(written)) => {
                let span = doc.index().get("/rates").map_or(Span::empty(0), |n| n.value);
                let shown = quote(written);
                // A path that names no file on disk (nor in memory) is missing.
                let view = options.view();
                let target = extends::target_path(&self.root.join(discover::CONFIG_FILE), written, &self.root, &view)
                    .ok()
                    .filter(|t| view.exists(t));
                let Some(target) = target else {
                    {
                        self.findings.push((
                            None,
                            Diagnostic::new(
                                codes::CONFIG_NOT_FOUND,
                                text!(
                                    "`rates` names {shown}, which is not a file inside the catalogue",
                                    "`rates` 指向的 {shown} 不是产品目录中的文件"
                                ),
                            )
                            .at(id, span)
                            .pointer("/rates")
                            .help(text!(
                                "write a path relative to loanspec.yaml, like `data/extra-fixings.csv`",
                                "请写相对于 loanspec.yaml 的路径，例如 `data/extra-fixings.csv`"
                            )),
                        ));
                        return;
                    }
                };
                let (csv_id, pre) = register(&target, &self.root, cwd, options, sources);
                if let Some(d) = pre {
                    self.findings.push((None, d));
                    return;
                }
                let Some(csv_file) = sources.get(csv_id).cloned() else {
                    return;
                };
                let (fixings, problems) = benchmarks::parse_csv(&csv_file.text, false);
                for problem in problems {
                    self.findings.push((None, csv_problem(&csv_file, csv_id, &problem)));
                }
                for f in fixings {
                    self.benchmarks.insert(f);
                }
            }
        }
    }

    /// The bank's own values for pack parameters (`parameters:`); the schema has checked names
    /// and units already.
    pub(super) fn apply_parameters(&mut self, config: &CatalogueConfig, doc: &Document, id: FileId) {
        let Some(values) = &config.parameters else { return };
        for (name, value) in values {
            let Some(kind) = self.pack.param(name).map(|p| p.kind) else {
                continue;
            };
            match kind.read(value) {
                Ok(v) => self.pack.set(name, v),
                Err(e) => {
                    let pointer = push_pointer("/parameters", name);
                    let here = FileLocator { file: id, doc };
                    let d = Diagnostic::new(e.code, e.message).help(e.help);
                    self.findings.push((None, here.place(d, &pointer, Part::Value)));
                }
            }
        }
    }

    /// Whether `code_or_name` names a rule a finding can be suppressed or configured under, and
    /// which code.
    pub(super) fn rule_code(&self, code_or_name: &str) -> Option<String> {
        rules::find(code_or_name)
            .filter(|r| !r.locked)
            .map(|r| r.code.to_owned())
            .or_else(|| {
                self.custom
                    .iter()
                    .find(|c| c.id == code_or_name || c.name == code_or_name)
                    .map(|c| c.id.clone())
            })
    }

    pub(super) fn read_rule_levels(&mut self, config: &CatalogueConfig, doc: &Document, id: FileId) {
        let Some(levels) = &config.rules else { return };
        for (key, level) in levels {
            let pointer = push_pointer("/rules", key);
            let span = doc
                .index()
                .get(&pointer)
                .map_or(Span::empty(0), crate::syntax::NodeSpan::key_or_label);
            // A retired rule never runs (a level for it would be dropped unseen); a locked one
            // guards what `compile` writes: neither takes a level.
            let refusal = rules::find(key).and_then(|rule| {
                let code = rule.code;
                if rule.status == rules::Status::Removed {
                    Some((
                        text!(
                            "`{code}` is a retired rule and no longer runs, so this level has no effect",
                            "`{code}` 是已停用的规则，不再运行，此处设置的级别不起作用"
                        ),
                        text!(
                            "remove it from `rules:`; `loanspec explain {code}` says why it was retired",
                            "请从 `rules:` 中删除；`loanspec explain {code}` 说明了停用的原因"
                        ),
                    ))
                } else if rule.locked {
                    Some((
                        text!(
                            "`{code}` is locked: it guards what `compile` writes, so it cannot be turned off or down",
                            "`{code}` 是锁定的规则：它保证 `compile` 输出的正确性，不能关闭或降级"
                        ),
                        text!(
                            "remove it from `rules:` and fix the specs it reports",
                            "请从 `rules:` 中删除，并修正它报告的规格"
                        ),
                    ))
                } else {
                    None
                }
            });
            if let Some((message, help)) = refusal {
                self.findings.push((
                    None,
                    Diagnostic::new(codes::CONFIG_UNKNOWN_RULE, message)
                        .at(id, span)
                        .pointer(pointer)
                        .help(help),
                ));
                continue;
            }
            if let Some(rule) = rules::find(key) {
                self.rule_levels.insert(rule.code.to_owned(), *level);
                continue;
            }
            if let Some(custom) = self.custom.iter().find(|c| c.id == *key || c.name == *key) {
                self.rule_levels.insert(custom.id.clone(), *level);
                continue;
            }
            let shown = quote(key);
            let help = if let Some(info) = codes::find(key) {
                let code = info.code;
                text!(
                    "`{code}` reports a spec that cannot be read or resolved, so it cannot be turned off or down; only catalogue rules can (the README lists them)",
                    "`{code}` 报告的是无法读取或解析的规格，不能关闭或降级；只有目录规则可以（README 中列出了全部规则）"
                )
            } else {
                let best = crate::diagnostics::closest(key, rules::RULES.iter().flat_map(|r| [r.code, r.name]));
                match best {
                    Some(b) => text!("did you mean `{b}`?", "是不是想写 `{b}`？"),
                    None => text!(
                        "the README lists every rule's code and name",
                        "README 中列出了所有规则的代码和名称"
                    ),
                }
            };
            self.findings.push((
                None,
                Diagnostic::new(
                    codes::CONFIG_UNKNOWN_RULE,
                    text!("{shown} is not a rule", "{shown} 不是一条规则"),
                )
                .at(id, span)
                .pointer(pointer)
                .help(help),
            ));
        }
    }
}

fn csv_problem(file: &SourceFile, id: FileId, problem: &benchmarks::CsvProblem) -> Diagnostic {
    let line = usize::try_from(problem.line).unwrap_or(1).max(1);
    let header = file.line_text(1);
    // Without a known column, `usize::MAX` is past the last cell: the whole row.
    let column = problem
        .column
        .and_then(|c| header.split(',').position(|h| h.trim() == c))
        .unwrap_or(usize::MAX);
    let span = file.csv_cell(line, column);
    let message = problem.message.clone();
    Diagnostic::new(
        codes::INVALID_FIXINGS,
        text!("this fixing cannot be read: {message}", "该报价无法读取：{message}"),
    )
    .at(id, span)
    .help(text!(
        "each row is `effective_date,lpr_1y_pct,lpr_5y_pct`, like `2026-04-20,3.00,3.50`",
        "每行格式为 `effective_date,lpr_1y_pct,lpr_5y_pct`，例如 `2026-04-20,3.00,3.50`"
    ))
}

/// The config without the entries that have errors: a parameter, a rule level, a custom rule,
/// a bank figure, a fixing of a `rates:` list, or a top-level key. A custom rule is blanked to
/// `null` rather than removed so the others keep their places. `None` when the error is at the
/// root.
fn without_entries(value: &Value, bad: &[String]) -> Option<Value> {
    let mut value = value.clone();
    // Bad fixings of a `rates:` list are removed after the loop, highest index first, so the
    // indices of the others still hold; the good fixings still count.
    let mut bad_fixings: BTreeSet<usize> = BTreeSet::new();
    for pointer in bad {
        let tokens: Vec<String> = pointer.split('/').skip(1).map(crate::syntax::last_token).collect();
        let map = value.as_object_mut()?;
        match tokens.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
            [] | ["loanspec", ..] => return None,
            ["custom_rules", index, ..] => {
                let slot = index
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| map.get_mut("custom_rules")?.as_array_mut()?.get_mut(i));
                if let Some(slot) = slot {
                    *slot = Value::Null;
                }
            }
            ["rates", index, ..] if map.get("rates").is_some_and(Value::is_array) => match index.parse::<usize>() {
                Ok(i) => {
                    bad_fixings.insert(i);
                }
                Err(_) => {
                    map.remove("rates");
                }
            },
            [top @ ("parameters" | "rules" | "bank"), key, ..] => {
                if let Some(Value::Object(inner)) = map.get_mut(*top) {
                    inner.remove(*key);
                }
            }
            [top, ..] => {
                map.remove(*top);
            }
        }
    }
    if let Some(Value::Array(list)) = value.get_mut("rates") {
        for i in bad_fixings.into_iter().rev() {
            if i < list.len() {
                list.remove(i);
            }
        }
    }
    Some(value)
}
