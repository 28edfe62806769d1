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
//! | `borrower` | `type`, `segments` (list), `size` (`micro`…`large`, or null) |
//! | `channels` | list of strings |
//! | `amount` | `currency`, `min`, `max`, `default` |
//! | `term` | `min`, `max` (months; a term under a month is 0), `options` (list) |
//! | `rate` | `type` (`fixed`/`floating`), `benchmark`, `spread_bp`, `fixed`, `floor`, `cap`, `benchmark_rate`, `effective` |
//! | `repayment` | `methods` (list), `frequency`, `revolving`, `grace_period` (months), `prepayment_allowed`, `prepayment_fee` |
//! | `fees` | list of `{kind, percent, money, per, payee}` |
//! | `penalty` | `overdue_markup`, `misuse_markup`, `compound_interest` (bool or null) |
//! | `discounts` | list of `{kind, max_bp}` |
//! | `collateral` | list of `{kind, share, max_ltv}`; `secured` is `size(collateral) > 0` |
//! | `approval` | `decision_within_minutes`, `mode`, `scorecard`, `data_sources` |
//! | `disbursement` | `entrusted_payment_above` |
//! | `joint_lending` | `partner`, `partner_share` (or `null`) |
//! | `limit` | `review_every` (months), `auto_increase_step`, `auto_increase_ceiling` |
//! | `risk` | `npl_ceiling`, `overdue_alert`, `stress` (list of `{scenario, mitigation}`) |
//! | `approvals` | list of `{role, by, date}` |

mod budget;
mod vars;

use budget::{OVER_BUDGET, count_steps, depth, free_variables, instrument, pointer_for};
use vars::variables;

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

use cel::common::ast::{CallExpr, EntryExpr, Expr, operators};
use cel::{Context, IdedExpr, Program, Value};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::diagnostics::{Code, Diagnostic, Severity, codes, quote};
pub(crate) use crate::model::config::CustomRule;
use crate::model::config::CustomSeverity;
use crate::model::product::{MoneyOut, PercentOut, Product, TermOut};
use crate::schema::Locate;
use crate::source::{FileId, Span};
use crate::syntax::{Document, FileLocator, Part, push_pointer};
use crate::text;

/// The top-level variables a custom rule may use.
pub(crate) const VARIABLES: &[&str] = &[
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

/// The deepest expression tree a custom rule may have (`a + b + c` is 3 deep): evaluation
/// recurses once per level.
pub(crate) const MAX_EXPRESSION_DEPTH: usize = 100;
/// Iterations of `all`, `exists`, `exists_one`, `map` and `filter` one evaluation of a rule may
/// take (nested ones multiply); past it, the rule is not evaluated for that product (LS146).
pub(crate) const MAX_STEPS: u64 = 10_000;
/// Stack for compiling the rules: CEL's parser recurses once per operator of a chain.
const COMPILE_STACK: usize = 64 << 20;
/// The function loanspec adds to every comprehension's step to count it.
const STEP: &str = "__loanspec_step";

/// A custom rule, compiled.
pub(crate) struct CompiledRule {
    pub id: String,
    pub name: String,
    /// The expressions, with a step counter in every comprehension ([`MAX_STEPS`]).
    when: Option<IdedExpr>,
    check: IdedExpr,
    /// Where a finding points when the rule does not say (`at:`).
    default_pointer: String,
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
/// Runs on a thread of its own with a large stack: CEL's parser recurses once per operator of a
/// chain, and an expression is only measured once parsed (the schema caps its length at 4,000
/// characters, `maxLength` on `when` and `check`).
pub(crate) fn compile(
    rules: &[(usize, CustomRule)],
    doc: &Document,
    file: FileId,
    out: &mut Vec<Diagnostic>,
) -> Vec<CompiledRule> {
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .stack_size(COMPILE_STACK)
            .spawn_scoped(scope, || {
                let mut found = Vec::new();
                let compiled = compile_all(rules, doc, file, &mut found);
                (compiled, found)
            });
        if let Ok(Ok((compiled, found))) = worker.map(std::thread::ScopedJoinHandle::join) {
            out.extend(found);
            return compiled;
        }
        // No thread to be had: the rules are not run, and the config says so.
        out.push(
            Diagnostic::new(
                codes::CUSTOM_RULE_INVALID,
                text!(
                    "the custom rules could not be compiled: the system gave loanspec no thread to compile them on",
                    "无法编译自定义规则：系统没有为 loanspec 提供编译所需的线程"
                ),
            )
            .at(
                file,
                doc.index()
                    .get("/custom_rules")
                    .map_or(Span::empty(0), crate::syntax::NodeSpan::key_or_label),
            )
            .help(text!(
                "run loanspec again; if it persists, raise the process's thread limit",
                "请重新运行；如仍出现，请提高进程的线程数上限"
            )),
        );
        Vec::new()
    })
}

fn compile_all(
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
            let here = FileLocator { file, doc };
            let d = Diagnostic::new(
                codes::CUSTOM_RULE_INVALID,
                text!(
                    "the custom rule id {shown} is a built-in code",
                    "自定义规则编号 {shown} 与内置代码重复"
                ),
            );
            out.push(here.place(d, &pointer, Part::Value).help(text!(
                "give the bank's rules their own prefix, like `BANK001`",
                "请为本行规则使用自己的前缀，例如 `BANK001`"
            )));
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
            default_pointer: pointer_for(&check),
            when: when.map(|w| instrument(w.expression())),
            check: instrument(check.expression()),
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
        Ok(program) if depth(program.expression()) > MAX_EXPRESSION_DEPTH => {
            let found = depth(program.expression());
            out.push(
                Diagnostic::new(
                    codes::CUSTOM_RULE_INVALID,
                    text!(
                        "the custom rule's expression is nested {found} levels deep; a rule may be at most {MAX_EXPRESSION_DEPTH}",
                        "自定义规则的表达式嵌套 {found} 层；每条规则最多 {MAX_EXPRESSION_DEPTH} 层"
                    ),
                )
                .at(file, whole)
                .pointer(pointer)
                .help(text!(
                    "a long sum or chain (`a + b + c + …`) nests one level per term: split it into several rules",
                    "长的加法或连续运算（`a + b + c + …`）每多一项就多嵌套一层：请拆分为多条规则"
                )),
            );
            None
        }
        Ok(program) => {
            let used = free_variables(program.expression());
            let unknown: Vec<&str> = used
                .iter()
                .map(String::as_str)
                .filter(|v| !VARIABLES.contains(v))
                .collect();
            for variable in &unknown {
                let variable = *variable;
                let shown = quote(variable);
                let best = crate::diagnostics::closest(variable, VARIABLES.iter().copied());
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
            unknown.is_empty().then_some(program)
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

/// Evaluation failures, reported once per rule and message, naming the first product (by code)
/// it failed on, so the report is the same whichever thread evaluated which product first. A
/// rule stopped by the step budget on any product is stopped for the whole catalogue: it is not
/// evaluated again, its findings are dropped, and one finding says so (whether some product
/// exceeds the budget does not depend on the order products are evaluated in).
#[derive(Default)]
pub(crate) struct Failures {
    seen: Mutex<BTreeMap<(String, String), (String, Diagnostic)>>,
    stopped: Mutex<BTreeMap<String, Diagnostic>>,
}

impl Failures {
    fn record(&self, rule: &CompiledRule, product: &str, detail: &str) {
        let Ok(mut seen) = self.seen.lock() else { return };
        let key = (rule.id.clone(), detail.to_owned());
        if seen.get(&key).is_some_and(|(first, _)| first.as_str() <= product) {
            return;
        }
        let (id, code, detail) = (rule.id.clone(), quote(product), detail.to_owned());
        let d = Diagnostic::new(
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
        ));
        seen.insert(key, (product.to_owned(), d));
    }

    /// Stops a rule for the catalogue: it went over the step budget.
    fn stop(&self, rule: &CompiledRule) {
        let Ok(mut stopped) = self.stopped.lock() else { return };
        stopped.entry(rule.id.clone()).or_insert_with(|| {
            let id = rule.id.clone();
            Diagnostic::new(
                codes::CUSTOM_RULE_FAILED,
                text!(
                    "the custom rule {id} took more than {MAX_STEPS} steps on a product (`all`, `exists`, `map`, `filter` over lists, nested ones multiplied) and was stopped; it is not applied to this catalogue",
                    "自定义规则 {id} 对某个产品求值超过 {MAX_STEPS} 步（列表上的 `all`、`exists`、`map`、`filter`，嵌套时相乘），已停止；本产品目录未应用该规则"
                ),
            )
            .at(rule.config, rule.check_span)
            .help(text!(
                "iterate over one list at a time, or filter before nesting: `fees.filter(f, f.per == \"year\").all(f, …)`",
                "每次只遍历一个列表，或先筛选再嵌套：`fees.filter(f, f.per == \"year\").all(f, …)`"
            ))
        });
    }

    /// Whether a rule was stopped for the catalogue.
    pub(crate) fn is_stopped(&self, id: &str) -> bool {
        self.stopped.lock().is_ok_and(|s| s.contains_key(id))
    }

    pub(crate) fn into_diagnostics(self) -> Vec<Diagnostic> {
        let stopped = self.stopped.into_inner().unwrap_or_default();
        let mut out: Vec<Diagnostic> = self
            .seen
            .into_inner()
            .map(|m| {
                m.into_iter()
                    .filter(|((id, _), _)| !stopped.contains_key(id))
                    .map(|(_, (_, d))| d)
                    .collect()
            })
            .unwrap_or_default();
        out.extend(stopped.into_values());
        out
    }
}

/// Runs the custom rules on one product. Each evaluation may take [`MAX_STEPS`] iterations of
/// comprehensions; past that it stops, and the rule is reported as not evaluated (LS146).
pub(crate) fn evaluate(
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
    let Some(steps) = count_steps(&mut context) else {
        return Vec::new();
    };
    let run = |expr: &IdedExpr| {
        steps.store(0, std::sync::atomic::Ordering::Relaxed);
        Value::resolve(expr, &context)
    };
    let failed = |rule: &CompiledRule, e: &cel::ExecutionError| {
        let text = e.to_string();
        if text.contains(OVER_BUDGET) {
            failures.stop(rule);
        } else {
            failures.record(rule, &product.code, &text);
        }
    };
    let mut out = Vec::new();
    for rule in rules.iter().filter(|r| !off(&r.id) && !failures.is_stopped(&r.id)) {
        let applies = match &rule.when {
            None => true,
            Some(when) => match run(when) {
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
                    failed(rule, &e);
                    continue;
                }
            },
        };
        if !applies {
            continue;
        }
        match run(&rule.check) {
            Ok(Value::Bool(true)) => {}
            Ok(Value::Bool(false)) => {
                let pointer = rule.at.clone().unwrap_or_else(|| rule.default_pointer.clone());
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
            Err(e) => failed(rule, &e),
        }
    }
    out
}

/// A function of a CEL context, as the cel crate registers one.
type StepFunction = Box<
    dyn for<'c, 'a> Fn(
            &mut cel::FunctionContext<'c, 'a>,
        ) -> Result<cel::common::value::CowVal<'c, 'a>, cel::ExecutionError>
        + Send
        + Sync,
>;

#[cfg(test)]
mod tests {
    use super::*;

    fn context() -> (Context<'static, 'static>, std::sync::Arc<std::sync::atomic::AtomicU64>) {
        let mut context = Context::default();
        let numbers: Vec<Value> = (1..=40).map(Value::Int).collect();
        context.add_variable_from_value("xs", Value::from(numbers));
        let words: Vec<Value> = ["a", "bb", "ccc"].into_iter().map(Value::from).collect();
        context.add_variable_from_value("ws", Value::from(words));
        let steps = count_steps(&mut context).unwrap_or_default();
        (context, steps)
    }

    /// The counter changes no result: every macro, nested, filtered, over numbers and text,
    /// gives the same value counted and uncounted.
    #[test]
    fn counting_steps_changes_no_result() {
        let (context, _) = context();
        for source in [
            "xs.all(x, x > 0)",
            "xs.exists(x, x == 17)",
            "xs.exists_one(x, x == 17)",
            "xs.map(x, x * 2)",
            "xs.filter(x, x % 3 == 0)",
            "xs.map(x, x % 2 == 0, x + 1)",
            "xs.filter(x, x > 20).map(y, y * y).exists(z, z > 1000)",
            "xs.all(a, xs.exists(b, a + b == 41))",
            "ws.map(w, size(w)).filter(n, n > 1) == [2, 3]",
            "{'k': xs.filter(x, x < 3)}.k.size() == 2",
            "[1, 2, 3].all(x, x in xs)",
        ] {
            let program = Program::compile(source).unwrap_or_else(|e| panic!("{source}: {e}"));
            let plain = Value::resolve(program.expression(), &context);
            let counted = Value::resolve(&instrument(program.expression()), &context);
            assert_eq!(plain, counted, "{source}");
            assert!(plain.is_ok(), "{source}: {plain:?}");
        }
    }

    /// Nested comprehensions stop at the budget: 40^3 = 64,000 steps would be needed.
    #[test]
    fn nested_comprehensions_stop_at_the_budget() {
        let (context, steps) = context();
        let source = "xs.all(a, xs.all(b, xs.all(c, a + b + c > 0)))";
        let program = Program::compile(source).unwrap_or_else(|e| panic!("{e}"));
        let result = Value::resolve(&instrument(program.expression()), &context);
        assert!(result.is_err_and(|e| e.to_string().contains(OVER_BUDGET)));
        assert_eq!(steps.load(std::sync::atomic::Ordering::Relaxed), MAX_STEPS + 1);
        // Two levels (1,600 steps) are well within it.
        steps.store(0, std::sync::atomic::Ordering::Relaxed);
        let program = Program::compile("xs.all(a, xs.all(b, a + b > 0))").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            Value::resolve(&instrument(program.expression()), &context),
            Ok(Value::Bool(true))
        );
        assert_eq!(steps.load(std::sync::atomic::Ordering::Relaxed), 40 + 40 * 40);
    }

    #[test]
    fn comprehension_variables_are_not_free() {
        let program = Program::compile("term.options.all(t, t <= 60) && fees.exists(f, f.per == 'year')")
            .unwrap_or_else(|e| panic!("{e}"));
        let free: Vec<String> = free_variables(program.expression()).into_iter().collect();
        assert_eq!(free, ["fees", "term"]);
    }
}
