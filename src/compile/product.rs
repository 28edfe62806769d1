//! One named product resolved and judged: its `extends` chain merged, typed, its rate and product resolved, the rules run.

use super::{CompiledProduct, Finding};
use crate::diagnostics::{Diagnostic, Severity, codes, quote};
use crate::emit::fineract::Fineract;
use crate::emit::{Target as _, TargetInput};
use crate::model::config::{Bank, RuleLevel};
use crate::model::product::{SourceInfo, SourceRef};
use crate::model::spec::{Spec, Stage};
use crate::resolve::benchmarks::Benchmarks;
use crate::resolve::extends::Nodes;
use crate::resolve::{extends, resolve_rate, to_product};
use crate::rules;
use crate::rules::{Pack, RuleContext, custom};
use crate::schema::{Compiled, Locate};
use crate::source::{FileId, SourceMap};
use crate::syntax::{Document, Part, push_pointer};
use crate::text;
use chrono::NaiveDate;
use serde_json::Value;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

/// A value the schema accepted but the model cannot hold (a number past what a decimal holds,
/// written as text): an invalid value at its place. Told apart by what stands at the pointer,
/// not by the error's wording: a scalar the model could not take is the designer's value; a
/// mapping, a list or nothing there means the schema and the model disagree, an internal error.
pub(super) fn typed_error(
    message: &str,
    pointer: &str,
    value: &Value,
    locate: &dyn crate::schema::Locate,
) -> Diagnostic {
    let scalar = value.pointer(pointer).is_some_and(|v| !v.is_object() && !v.is_array());
    if !scalar {
        return crate::schema::internal(message, locate).pointer(pointer);
    }
    let key = pointer.rsplit('/').next().unwrap_or_default().to_owned();
    let d = Diagnostic::new(
        codes::INVALID_VALUE,
        text!(
            "`{key}` cannot be read: the value is too large or not in the form loanspec expects",
            "无法读取 `{key}`：数值过大或格式不符合要求"
        ),
    )
    .help(text!(
        "write a plain number in the usual range for this key, like `2`",
        "请填写该字段常用范围内的普通数字，例如 `2`"
    ));
    locate.place(d, pointer, Part::Value)
}

/// Everything resolving one product needs, shared across threads.
pub(super) struct ProductContext<'a> {
    pub(super) nodes: Nodes<'a, 'a>,
    pub(super) suggestions: &'a extends::Suggestions,
    /// "Did you mean" for unknown successors, by successor.
    pub(super) lookup: &'a (dyn Fn(&Path) -> Option<FileId> + Sync),
    pub(super) sources: &'a SourceMap,
    pub(super) root: &'a Path,
    pub(super) files: &'a dyn crate::files::Files,
    pub(super) benchmarks: &'a Benchmarks,
    pub(super) as_of: NaiveDate,
    pub(super) product_codes: &'a rules::catalogue::ProductCodes<'a>,
    pub(super) stages: &'a BTreeMap<String, Option<Stage>>,
    pub(super) pack: &'a Pack,
    pub(super) bank: Option<&'a Bank>,
    pub(super) custom: &'a [custom::CompiledRule],
    /// `rules:` from loanspec.yaml: a rule set `off` is not run at all.
    pub(super) rule_levels: &'a BTreeMap<String, RuleLevel>,
    pub(super) failures: &'a custom::Failures,
    pub(super) fineract: bool,
    pub(super) has_config: bool,
}

impl ProductContext<'_> {
    /// Judges a named product whose parse was deferred: it is parsed and schema-checked here,
    /// then resolved as any product, and its tree is dropped when this returns.
    pub(super) fn resolve_deferred(
        &self,
        id: FileId,
        limits: &crate::syntax::Limits,
    ) -> (Vec<Finding>, Option<CompiledProduct>, bool) {
        let (mut file, mut findings) = super::load::parse_file(id, self.sources, limits, None);
        findings.extend(file.check());
        let Some(doc) = file.doc.as_ref().filter(|_| file.ok) else {
            return (findings, None, false);
        };
        let with_own = ProductContext {
            nodes: self.nodes.with(id, extends::Node { doc, ok: true }),
            ..*self
        };
        let (judged, product, benchmark) = with_own.resolve(id);
        findings.extend(judged);
        (findings, product, benchmark)
    }

    /// Resolves one product: chain, merge, required keys, typed spec, rate, product, rules.
    pub(super) fn resolve(&self, id: FileId) -> (Vec<Finding>, Option<CompiledProduct>, bool) {
        let subject = Some(id);
        let mut findings = Vec::new();
        let chain = match extends::chain(
            id,
            self.nodes,
            self.lookup,
            self.sources,
            self.root,
            self.files,
            self.suggestions,
        ) {
            Ok(c) => c,
            Err(d) => return (vec![(subject, d)], None, false),
        };
        let Some(merged) = extends::merge(&chain, self.nodes) else {
            return (findings, None, false);
        };
        let Some(own) = self.nodes.get(id) else {
            return (findings, None, false);
        };
        let code = own
            .doc
            .value
            .get("code")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let value: &Value = &merged.value;
        let mut errors = false;
        if chain.len() > 1 {
            let diags = Compiled::product().check_merged(value, &merged.origins);
            for d in diags {
                errors |= d.is_error();
                findings.push((subject, self.inherited(d, id, own.doc, &code)));
            }
        }
        if errors {
            return (findings, None, false);
        }
        let spec: Spec = match deserialize(value) {
            Ok(s) => s,
            Err((message, pointer)) => {
                findings.push((subject, typed_error(&message, &pointer, value, &merged.origins)));
                return (findings, None, false);
            }
        };
        let Some(rate_spec) = &spec.rate else {
            return (findings, None, false);
        };
        let rate = match resolve_rate(rate_spec, self.benchmarks, self.as_of, &merged.origins) {
            Ok(r) => r,
            Err(d) => {
                findings.push((subject, self.inherited(d, id, own.doc, &code)));
                return (findings, None, false);
            }
        };
        let source = self.source_info(&chain);
        let product = match to_product(&spec, &rate, source, self.as_of, &merged.origins) {
            Ok(p) => p,
            Err(d) => {
                findings.push((subject, d));
                return (findings, None, false);
            }
        };
        let parents: Vec<rules::Parent> = chain
            .iter()
            .rev()
            .skip(1)
            .filter_map(|f| {
                let doc = self.nodes.get(*f)?.doc;
                let code = doc
                    .value
                    .get("code")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned();
                Some(rules::Parent {
                    file: *f,
                    code,
                    stage: rules::catalogue::stage_of(&doc.value),
                })
            })
            .collect();
        let ctx = RuleContext {
            spec: &spec,
            product: &product,
            rate: &rate,
            locate: &merged.origins,
            as_of: self.as_of,
            pack: self.pack,
            bank: self.bank,
            parents: &parents,
            stages: self.stages,
            product_codes: self.product_codes,
            benchmarks: self.benchmarks,
            has_config: self.has_config,
            apr_memo: std::cell::OnceCell::new(),
        };
        let off = |code: &str| self.rule_levels.get(code) == Some(&RuleLevel::Off);
        for d in rules::run(&ctx, &off) {
            findings.push((subject, self.inherited(d, id, own.doc, &code)));
        }
        for d in custom::evaluate(self.custom, &product, &merged.origins, self.failures, &off) {
            findings.push((subject, self.inherited(d, id, own.doc, &code)));
        }
        let extensions = collect_extensions(value);
        let used_benchmark = rate.benchmark.is_some();
        let mut fineract = None;
        if self.fineract {
            let input = TargetInput {
                product: &product,
                fixings: self.benchmarks.fixings(),
                as_of: self.as_of,
                pack: self.pack,
            };
            let mapped = Fineract.map(&input);
            for n in mapped.notes {
                let info = if n.severity == Severity::Error {
                    codes::TARGET_CANNOT_REPRESENT
                } else {
                    codes::TARGET_LEFT_OUT
                };
                let d = Diagnostic::new(info, n.message).severity(n.severity).help(n.help);
                let d = merged.origins.place(d, &n.pointer, Part::Value);
                findings.push((subject, self.inherited(d, id, own.doc, &code)));
            }
            fineract = mapped.payload;
        }
        (
            findings,
            Some(CompiledProduct::new(
                id,
                product,
                extensions,
                self.bank.cloned(),
                fineract,
            )),
            used_benchmark,
        )
    }

    /// A finding located in a parent file also shows the product that inherits the value.
    fn inherited(&self, d: Diagnostic, product: FileId, doc: &Document, code: &str) -> Diagnostic {
        match d.file() {
            Some(file) if file != product => {
                let parent = self.sources.get(file).map(|f| f.display.clone()).unwrap_or_default();
                let code_shown = quote(code);
                d.with_secondary(extends::inherited_label(product, doc, code))
                    .note(text!(
                        "{code_shown} inherits this value from {parent}",
                        "{code_shown} 从 {parent} 继承了该值"
                    ))
            }
            _ => d,
        }
    }

    fn source_info(&self, chain: &[FileId]) -> SourceInfo {
        let rel = |id: &FileId| {
            self.sources
                .get(*id)
                .map(|f| (f.rel.clone(), f.sha256().to_owned()))
                .unwrap_or_default()
        };
        let (path, sha256) = chain.last().map(rel).unwrap_or_default();
        let extends = chain
            .iter()
            .rev()
            .skip(1)
            .map(|id| {
                let (path, sha256) = rel(id);
                SourceRef { path, sha256 }
            })
            .collect();
        SourceInfo { path, sha256, extends }
    }
}

pub(super) fn serde_pointer<E>(e: &serde_path_to_error::Error<E>) -> String {
    let mut pointer = String::new();
    for segment in e.path() {
        let token = match segment {
            serde_path_to_error::Segment::Seq { index } => index.to_string(),
            serde_path_to_error::Segment::Map { key } | serde_path_to_error::Segment::Enum { variant: key } => {
                key.clone()
            }
            serde_path_to_error::Segment::Unknown => continue,
        };
        pointer = push_pointer(&pointer, &token);
    }
    pointer
}

/// Typed deserialization of a checked document (the bank's `x-` keys are ignored: the schema
/// has already rejected every other unknown key). It cannot fail after the schema check; if it
/// ever does, the slower path-tracking pass names the place (message, pointer).
pub(super) fn deserialize<T: serde::de::DeserializeOwned>(value: &Value) -> Result<T, (String, String)> {
    match T::deserialize(value) {
        Ok(t) => Ok(t),
        Err(_) => match serde_path_to_error::deserialize::<_, T>(value) {
            Ok(t) => Ok(t),
            Err(e) => Err((e.inner().to_string(), serde_pointer(&e))),
        },
    }
}

/// The bank's `x-` keys of a document with their pointers, in pointer order (not descending
/// into `x-` values). Pointers are built only for the keys found.
pub(super) fn collect_extensions(value: &Value) -> Vec<(String, Value)> {
    fn visit<'v>(value: &'v Value, path: &mut Vec<Cow<'v, str>>, out: &mut Vec<(String, Value)>) {
        match value {
            Value::Object(map) => {
                for (k, child) in map {
                    if k.starts_with("x-") {
                        let pointer = path.iter().fold(String::new(), |p, t| push_pointer(&p, t));
                        out.push((push_pointer(&pointer, k), child.clone()));
                    } else if child.is_object() || child.is_array() {
                        path.push(Cow::Borrowed(k));
                        visit(child, path, out);
                        path.pop();
                    }
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    if child.is_object() || child.is_array() {
                        path.push(Cow::Owned(i.to_string()));
                        visit(child, path, out);
                        path.pop();
                    }
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    visit(value, &mut Vec::new(), &mut out);
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Nowhere;

    impl crate::schema::Locate for Nowhere {
        fn locate(&self, _: &str) -> Option<(FileId, crate::syntax::NodeSpan)> {
            None
        }
    }

    /// A typed read that fails is the designer's value when a scalar stands at the pointer,
    /// whatever the error says; an internal error when the schema let a shape through that the
    /// model cannot take. (The wording of serde's messages decided this before.)
    #[test]
    fn a_typed_read_error_is_classified_by_what_stands_at_its_pointer() {
        let value = serde_json::json!({ "a": "9e400", "b": { "c": 1 } });
        let scalar = typed_error("number out of range", "/a", &value, &Nowhere);
        assert_eq!(scalar.code.code, codes::INVALID_VALUE.code);
        let shape = typed_error("invalid type: map", "/b", &value, &Nowhere);
        assert_eq!(shape.code.code, codes::INTERNAL.code);
        let missing = typed_error("missing field `d`", "/d", &value, &Nowhere);
        assert_eq!(missing.code.code, codes::INTERNAL.code);
    }
}
