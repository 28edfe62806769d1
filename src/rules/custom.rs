//! The bank's own rules, declared in `loanspec.yaml` (`custom_rules:`) as CEL expressions over
//! the resolved product.
//!
//! Variables (a product's sections, named as in the spec; amounts in yuan and rates in percent
//! are CEL doubles, terms in whole months and basis points are ints; a value the spec leaves out
//! is `null`):
//!
//! | variable | fields |
//! |---|---|
//! | `code`, `version`, `stage`, `purpose`, `origination`, `as_of` | strings |
//! | `name` | `zh`, `en` |
//! | `borrower` | `type`, `segments` (list) |
//! | `channels` | list of strings |
//! | `amount` | `currency`, `min`, `max`, `default` |
//! | `term` | `min`, `max` (months; a term under a month is 0), `options` (list) |
//! | `rate` | `type` (`fixed`/`floating`), `benchmark`, `spread_bp`, `fixed`, `floor`, `cap`, `benchmark_rate`, `effective` |
//! | `repayment` | `methods` (list), `frequency`, `revolving`, `grace_period` (months), `prepayment_allowed`, `prepayment_fee` |
//! | `fees` | list of `{kind, percent, money, per, payee}` |
//! | `penalty` | `overdue_markup`, `misuse_markup` |
//! | `discounts` | list of `{kind, max_bp}` |
//! | `collateral` | list of `{kind, share, max_ltv}`; `secured` is `size(collateral) > 0` |
//! | `approval` | `decision_within_minutes`, `mode`, `scorecard`, `data_sources` |
//! | `disbursement` | `entrusted_payment_above` |
//! | `joint_lending` | `partner`, `partner_share` (or `null`) |
//! | `limit` | `review_every` (months), `auto_increase_step`, `auto_increase_ceiling` |
//! | `risk` | `npl_ceiling`, `overdue_alert`, `stress` (list of `{scenario, mitigation}`) |
//! | `approvals` | list of `{role, by, date}` |

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

use cel::{Context, Program, Value};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::diagnostics::{Code, Diagnostic, Severity, codes, quote};
pub use crate::model::config::CustomRule;
use crate::model::config::CustomSeverity;
use crate::model::product::{MoneyOut, PercentOut, Product, TermOut};
use crate::schema::Locate;
use crate::source::{FileId, Span};
use crate::syntax::{Document, push_pointer};
use crate::text;

/// The top-level variables a custom rule may use.
pub const VARIABLES: &[&str] = &[
    "code",
    "version",
    "stage",
    "purpose",
    "origination",
    "as_of",
    "name",
    "borrower",
    "channels",
    "amount",
    "term",
    "rate",
    "repayment",
    "fees",
    "penalty",
    "discounts",
    "collateral",
    "approval",
    "disbursement",
    "joint_lending",
    "limit",
    "risk",
    "approvals",
];

/// A custom rule, compiled.
pub struct CompiledRule {
    pub id: String,
    pub name: String,
    when: Option<Program>,
    check: Program,
    message: crate::diagnostics::Text,
    severity: Severity,
    at: Option<String>,
    /// Where the rule's `check` is written, for evaluation failures.
    config: FileId,
    check_span: Span,
}

impl std::fmt::Debug for CompiledRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.id, self.name)
    }
}

/// Compiles the custom rules of a config; syntax errors and unknown variables are reported at
/// the line and column inside `loanspec.yaml`. Rules that do not compile are left out.
/// `rules` are the rules that passed the schema check, each with its index in `custom_rules`.
pub fn compile(
    rules: &[(usize, CustomRule)],
    doc: &Document,
    file: FileId,
    out: &mut Vec<Diagnostic>,
) -> Vec<CompiledRule> {
    let mut compiled = Vec::new();
    for (i, rule) in rules {
        let base = push_pointer("/custom_rules", &i.to_string());
        if crate::rules::find(&rule.id).is_some() || codes::find(&rule.id).is_some() {
            let shown = quote(&rule.id);
            let pointer = push_pointer(&base, "id");
            out.push(
                Diagnostic::new(
                    codes::CUSTOM_RULE_INVALID,
                    text!(
                        "the custom rule id {shown} is a built-in code",
                        "自定义规则编号 {shown} 与内置代码重复"
                    ),
                )
                .at(file, value_span(doc, &pointer))
                .pointer(pointer)
                .help(text!(
                    "give the bank's rules their own prefix, like `BANK001`",
                    "请为本行规则使用自己的前缀，例如 `BANK001`"
                )),
            );
            continue;
        }
        let when = match &rule.when {
            Some(source) => match compile_one(source, doc, file, &push_pointer(&base, "when"), out) {
                Some(p) => Some(p),
                None => continue,
            },
            None => None,
        };
        let check_pointer = push_pointer(&base, "check");
        let Some(check) = compile_one(&rule.check, doc, file, &check_pointer, out) else {
            continue;
        };
        compiled.push(CompiledRule {
            id: rule.id.clone(),
            name: rule.name.clone(),
            when,
            check,
            message: rule.message.text(),
            severity: match rule.severity {
                Some(CustomSeverity::Warn) => Severity::Warning,
                _ => Severity::Error,
            },
            at: rule.at.clone(),
            config: file,
            check_span: value_span(doc, &check_pointer),
        });
    }
    compiled
}

fn value_span(doc: &Document, pointer: &str) -> Span {
    doc.index().get(pointer).map_or(Span::empty(0), |n| n.label)
}

fn compile_one(
    source: &str,
    doc: &Document,
    file: FileId,
    pointer: &str,
    out: &mut Vec<Diagnostic>,
) -> Option<Program> {
    let whole = value_span(doc, pointer);
    // The file span of `len` bytes at byte `offset` of the expression, when it can be placed.
    let at = |offset: usize, len: usize| -> Span {
        doc.scalar_position(pointer, offset)
            .map_or(whole, |start| Span::new(start, start + len.max(1)))
    };
    // CEL reports 1-based lines and 1-based columns counted in characters.
    let place = |line: isize, column: isize| -> Span {
        let line = usize::try_from(line).unwrap_or(1).max(1);
        let column = usize::try_from(column).unwrap_or(1).max(1);
        let Some(line_text) = source.split('\n').nth(line - 1) else {
            return whole;
        };
        let line_start: usize = source.split('\n').take(line - 1).map(|l| l.len() + 1).sum();
        let offset = line_text
            .char_indices()
            .nth(column - 1)
            .map_or(line_text.len(), |(i, _)| i);
        at(
            line_start + offset,
            line_text[offset..].chars().next().map_or(1, char::len_utf8),
        )
    };
    match Program::compile(source) {
        Ok(program) => {
            let refs = program.references();
            let unknown: Vec<&str> = refs
                .variables()
                .into_iter()
                .filter(|v| !VARIABLES.contains(v))
                .collect();
            for variable in unknown {
                let shown = quote(variable);
                let best = crate::schema::closest(variable, VARIABLES.iter().copied());
                let help = if let Some(b) = best {
                    text!("did you mean `{b}`?", "是不是想写 `{b}`？")
                } else {
                    let list = VARIABLES.join(", ");
                    text!("the variables are: {list}", "可用的变量：{list}")
                };
                let span = identifier_at(source, variable).map_or(whole, |i| at(i, variable.len()));
                out.push(
                    Diagnostic::new(
                        codes::CUSTOM_RULE_INVALID,
                        text!(
                            "the custom rule uses {shown}, which is not a variable",
                            "自定义规则使用的 {shown} 不是可用变量"
                        ),
                    )
                    .at(file, span)
                    .pointer(pointer)
                    .help(help),
                );
            }
            refs.variables()
                .iter()
                .all(|v| VARIABLES.contains(v))
                .then_some(program)
        }
        Err(errors) => {
            for e in errors.errors {
                let message = e.msg.clone();
                out.push(
                    Diagnostic::new(
                        codes::CUSTOM_RULE_INVALID,
                        text!(
                            "the custom rule's expression cannot be read: {message}",
                            "自定义规则的表达式无法解析：{message}"
                        ),
                    )
                    .at(file, place(e.pos.0, e.pos.1))
                    .pointer(pointer)
                    .help(text!(
                        "custom rules are CEL expressions, like `rate.spread_bp <= 300 && amount.max <= 5000000.0`",
                        "自定义规则使用 CEL 表达式，例如 `rate.spread_bp <= 300 && amount.max <= 5000000.0`"
                    )),
                );
            }
            None
        }
    }
}

/// The byte offset of `name` used as an identifier in `source` (not part of a longer name, not
/// after a `.`).
fn identifier_at(source: &str, name: &str) -> Option<usize> {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    source.match_indices(name).map(|(i, _)| i).find(|&i| {
        let before = source[..i].chars().next_back();
        let after = source[i + name.len()..].chars().next();
        !before.is_some_and(|c| word(c) || c == '.') && !after.is_some_and(word)
    })
}

/// Evaluation failures, reported once per rule and message.
#[derive(Default)]
pub struct Failures {
    seen: Mutex<BTreeMap<(String, String), Diagnostic>>,
}

impl Failures {
    fn record(&self, rule: &CompiledRule, product: &str, detail: &str) {
        let Ok(mut seen) = self.seen.lock() else { return };
        let key = (rule.id.clone(), detail.to_owned());
        seen.entry(key).or_insert_with(|| {
            let (id, code, detail) = (rule.id.clone(), quote(product), detail.to_owned());
            Diagnostic::new(
                codes::CUSTOM_RULE_FAILED,
                text!(
                    "the custom rule {id} could not be evaluated for {code}: {detail}",
                    "自定义规则 {id} 无法对 {code} 求值：{detail}"
                ),
            )
            .at(rule.config, rule.check_span)
            .help(text!(
                "amounts and rates are numbers, terms whole months, names and words text; a value the product leaves out is `null`, so guard it: `x.y != null && x.y > 0`",
                "金额和利率是数字，期限是整月数，名称和取值是文本；产品未填写的值为 `null`，请先判断：`x.y != null && x.y > 0`"
            ))
        });
    }

    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.seen
            .into_inner()
            .map(|m| m.into_values().collect())
            .unwrap_or_default()
    }
}

/// Runs the custom rules on one product.
pub fn evaluate(
    rules: &[CompiledRule],
    product: &Product,
    locate: &dyn Locate,
    failures: &Failures,
    off: &dyn Fn(&str) -> bool,
) -> Vec<Diagnostic> {
    if rules.iter().all(|r| off(&r.id)) {
        return Vec::new();
    }
    let mut context = Context::default();
    for (name, value) in variables(product) {
        context.add_variable_from_value(name, value);
    }
    let mut out = Vec::new();
    for rule in rules.iter().filter(|r| !off(&r.id)) {
        let applies = match &rule.when {
            None => true,
            Some(when) => match when.execute(&context) {
                Ok(Value::Bool(b)) => b,
                Ok(other) => {
                    failures.record(
                        rule,
                        &product.code,
                        &format!("`when` gave {other:?}, not true or false"),
                    );
                    continue;
                }
                Err(e) => {
                    failures.record(rule, &product.code, &e.to_string());
                    continue;
                }
            },
        };
        if !applies {
            continue;
        }
        match rule.check.execute(&context) {
            Ok(Value::Bool(true)) => {}
            Ok(Value::Bool(false)) => {
                let pointer = rule.at.clone().unwrap_or_else(|| pointer_for(&rule.check));
                let mut d = Diagnostic::new(codes::INTERNAL, rule.message.clone());
                d.code = Code {
                    code: rule.id.clone().into(),
                    name: rule.name.clone().into(),
                };
                d.severity = rule.severity;
                let (id, name) = (rule.id.clone(), rule.name.clone());
                d = d.help(text!(
                    "the bank's rule {id} ({name}) in loanspec.yaml",
                    "loanspec.yaml 中的本行规则 {id}（{name}）"
                ));
                if let Some((p, file, node)) = locate.locate_nearest(&pointer) {
                    d = d
                        .at(
                            file,
                            if node.container {
                                node.key_or_label()
                            } else {
                                node.label
                            },
                        )
                        .pointer(p);
                }
                out.push(d);
            }
            Ok(other) => failures.record(
                rule,
                &product.code,
                &format!("`check` gave {other:?}, not true or false"),
            ),
            Err(e) => failures.record(rule, &product.code, &e.to_string()),
        }
    }
    out
}

/// Where a finding of a rule points when it does not say: the first product section its check
/// names, or the product's code.
fn pointer_for(check: &Program) -> String {
    let refs = check.references();
    let mut names = refs.variables();
    names.sort_unstable();
    names
        .into_iter()
        .find(|v| VARIABLES.contains(v))
        .map_or_else(|| "/code".to_owned(), |v| format!("/{v}"))
}

fn dec(d: Decimal) -> Value {
    Value::Float(d.to_f64().unwrap_or(0.0))
}

fn money(m: &MoneyOut) -> Value {
    Decimal::from_str_exact(&m.0).map_or(Value::Null, dec)
}

fn percent(p: &PercentOut) -> Value {
    Decimal::from_str_exact(&p.0).map_or(Value::Null, dec)
}

fn months(t: TermOut) -> Value {
    match t {
        TermOut::Months(m) => Value::Int(i64::from(m)),
        TermOut::Days(_) => Value::Int(0),
    }
}

fn opt<T>(v: Option<T>, f: impl FnOnce(T) -> Value) -> Value {
    v.map_or(Value::Null, f)
}

fn s(text: impl AsRef<str>) -> Value {
    Value::from(text.as_ref())
}

/// The snake-case word of an enum value, as written in the spec.
fn word<T: serde::Serialize>(v: &T) -> Value {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(w)) => Value::from(w),
        _ => Value::Null,
    }
}

fn map(entries: Vec<(&str, Value)>) -> Value {
    let m: HashMap<String, Value> = entries.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
    Value::from(m)
}

fn list<T>(items: &[T], f: impl Fn(&T) -> Value) -> Value {
    Value::from(items.iter().map(f).collect::<Vec<Value>>())
}

/// The variables of a product, as the table in this module's docs lists them.
fn variables(p: &Product) -> Vec<(&'static str, Value)> {
    vec![
        ("code", s(&p.code)),
        ("version", s(&p.version)),
        ("stage", word(&p.stage)),
        ("purpose", word(&p.purpose)),
        ("origination", word(&p.origination)),
        ("as_of", s(&p.as_of.0)),
        (
            "name",
            map(vec![
                ("zh", opt(p.name.zh.as_ref(), s)),
                ("en", opt(p.name.en.as_ref(), s)),
            ]),
        ),
        (
            "borrower",
            map(vec![
                ("type", word(&p.borrower.kind)),
                ("segments", list(&p.borrower.segments, |x| s(x))),
            ]),
        ),
        ("channels", list(&p.channels, word)),
        (
            "amount",
            map(vec![
                ("currency", word(&p.amount.currency)),
                ("min", money(&p.amount.min)),
                ("max", money(&p.amount.max)),
                ("default", opt(p.amount.default.as_ref(), money)),
            ]),
        ),
        (
            "term",
            map(vec![
                ("min", months(p.term.min)),
                ("max", months(p.term.max)),
                ("options", list(&p.term.options, |t| months(*t))),
            ]),
        ),
        (
            "rate",
            map(vec![
                ("type", word(&p.rate.kind)),
                ("benchmark", opt(p.rate.benchmark.as_ref(), word)),
                ("spread_bp", opt(p.rate.spread_bp, Value::Int)),
                ("fixed", opt(p.rate.fixed.as_ref(), percent)),
                ("floor", opt(p.rate.floor.as_ref(), percent)),
                ("cap", opt(p.rate.cap.as_ref(), percent)),
                ("benchmark_rate", opt(p.rate.benchmark_rate.as_ref(), percent)),
                ("effective", percent(&p.rate.effective_rate)),
            ]),
        ),
        (
            "repayment",
            map(vec![
                ("methods", list(&p.repayment.methods, word)),
                ("frequency", word(&p.repayment.frequency)),
                ("revolving", Value::Bool(p.repayment.revolving)),
                ("grace_period", months(p.repayment.grace_period)),
                ("prepayment_allowed", Value::Bool(p.repayment.prepayment.allowed)),
                ("prepayment_fee", percent(&p.repayment.prepayment.fee)),
            ]),
        ),
        (
            "fees",
            list(&p.fees, |f| {
                map(vec![
                    ("kind", word(&f.kind)),
                    ("percent", opt(f.amount.percent.as_ref(), percent)),
                    ("money", opt(f.amount.money.as_ref(), money)),
                    ("per", word(&f.per)),
                    ("payee", word(&f.payee)),
                ])
            }),
        ),
        (
            "penalty",
            map(vec![
                ("overdue_markup", opt(p.penalty.overdue_markup.as_ref(), percent)),
                ("misuse_markup", opt(p.penalty.misuse_markup.as_ref(), percent)),
            ]),
        ),
        (
            "discounts",
            list(&p.discounts, |d| {
                map(vec![("kind", word(&d.kind)), ("max_bp", Value::Int(d.max_bp))])
            }),
        ),
        (
            "collateral",
            list(&p.collateral, |c| {
                map(vec![
                    ("kind", word(&c.kind)),
                    ("share", percent(&c.share)),
                    ("max_ltv", opt(c.max_ltv.as_ref(), percent)),
                ])
            }),
        ),
        (
            "approval",
            map(vec![
                (
                    "decision_within_minutes",
                    opt(p.approval.decision_within, |d| Value::Int(i64::from(d.minutes))),
                ),
                ("mode", opt(p.approval.mode.as_ref(), word)),
                ("scorecard", opt(p.approval.scorecard.as_ref(), s)),
                ("data_sources", list(&p.approval.data_sources, word)),
            ]),
        ),
        (
            "disbursement",
            map(vec![(
                "entrusted_payment_above",
                opt(p.disbursement.entrusted_payment_above.as_ref(), money),
            )]),
        ),
        (
            "joint_lending",
            opt(p.joint_lending.as_ref(), |j| {
                map(vec![
                    ("partner", s(&j.partner)),
                    ("partner_share", percent(&j.partner_share)),
                ])
            }),
        ),
        (
            "limit",
            map(vec![
                ("review_every", opt(p.limit.review_every, months)),
                (
                    "auto_increase_step",
                    opt(p.limit.auto_increase.as_ref(), |a| percent(&a.step)),
                ),
                (
                    "auto_increase_ceiling",
                    opt(p.limit.auto_increase.as_ref(), |a| money(&a.ceiling)),
                ),
            ]),
        ),
        (
            "risk",
            map(vec![
                ("npl_ceiling", opt(p.risk.npl_ceiling.as_ref(), percent)),
                ("overdue_alert", opt(p.risk.overdue_alert.as_ref(), percent)),
                (
                    "stress",
                    list(&p.risk.stress, |st| {
                        map(vec![
                            ("scenario", word(&st.scenario)),
                            ("mitigation", word(&st.mitigation)),
                        ])
                    }),
                ),
            ]),
        ),
        (
            "approvals",
            list(&p.approvals, |a| {
                map(vec![("role", word(&a.role)), ("by", s(&a.by)), ("date", s(&a.date.0))])
            }),
        ),
    ]
}
