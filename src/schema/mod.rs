//! The JSON Schemas (generated from `model` with schemars, committed under `schemas/`) and the
//! check of a document against them, every error mapped to the place it was written.
//!
//! A check runs in two passes over the same tree:
//! 1. a schema-directed walk ([`walk`]) that keeps a number written where text is expected as
//!    text (`version: 1.10` stays `"1.10"`) and hands every unit value (money, percent, term,
//!    rate…) to its parser, whose diagnostics point inside the value;
//! 2. the `jsonschema` validator, whose errors (all of them; `anyOf` resolved to the failing
//!    branch) become diagnostics in bank words, an unknown key labelled at the key with a
//!    "did you mean", a missing key at its parent's key. Errors at a value the unit parser
//!    already explained are dropped, so each problem is reported once. It is compiled without
//!    the units' patterns (those are for editors): the parser of pass 1 judges a unit, and a
//!    test holds every parser to accept nothing its pattern refuses.

mod errors;
mod generate;
mod walk;

use std::collections::BTreeSet;
use std::sync::LazyLock;

use serde_json::Value;

pub(crate) use errors::internal;
pub use generate::{SchemaKind, generate};
pub(crate) use walk::{Description, choices, field, is_cjk, keys, schema_for_instance, term_of};

/// A value of the spec's words as a reader sees it: in Chinese, the term the schema gives it
/// (`consumption` → 个人消费, `risk_management` → 风险管理), else the word itself.
pub fn said<T: serde::Serialize + schemars::JsonSchema>(value: &T, lang: crate::diagnostics::Lang) -> String {
    let w = crate::model::word(value);
    if lang == crate::diagnostics::Lang::Zh {
        if let Some(term) = term_of(&T::schema_name(), &w) {
            return term.to_owned();
        }
    }
    w
}

use crate::diagnostics::Diagnostic;
use crate::syntax::Document;

pub(crate) use crate::syntax::{FileLocator, Locate};

/// Leaves out a unit's `pattern` (there for editors, which have no unit parser) from the schema
/// the validator is compiled from: the walk hands every unit value to its parser, which judges
/// it and says where it went wrong, and the validator's errors at a unit the parser explained
/// are dropped anyway. Compiling those patterns (one regex per place a unit is used) was most
/// of the validator's start-up.
fn strip_unit_patterns(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            if map.contains_key(crate::model::UNIT_KEYWORD) {
                map.shift_remove("pattern");
            }
            map.values_mut().for_each(strip_unit_patterns);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_unit_patterns),
        _ => {}
    }
}

/// A compiled schema, built once per process.
pub struct Compiled {
    pub kind: SchemaKind,
    /// The committed schema without its units' patterns (see `strip_unit_patterns`).
    pub schema: Value,
    validator: Option<jsonschema::Validator>,
    /// Every property name in the schema with where it belongs, for "`x` belongs under `y`".
    key_homes: std::sync::OnceLock<Vec<(String, String)>>,
    plan: walk::Plan,
}

static PRODUCT: LazyLock<Compiled> = LazyLock::new(|| Compiled::new(SchemaKind::Product));
static CATALOGUE: LazyLock<Compiled> = LazyLock::new(|| Compiled::new(SchemaKind::Catalogue));

impl Compiled {
    fn new(kind: SchemaKind) -> Compiled {
        // The committed schema is what `generate` returns (a test fails when they drift); reading
        // it is cheaper than generating it at every start.
        let mut schema = serde_json::from_str(committed(kind)).unwrap_or_else(|_| generate(kind));
        strip_unit_patterns(&mut schema);
        // The schema is generated from our own types and checked by tests; a failure to compile it
        // is a bug, reported per document as an internal error rather than a panic.
        let validator = jsonschema::options().should_validate_formats(false).build(&schema).ok();
        let plan = walk::Plan::new(&schema);
        let key_homes = std::sync::OnceLock::new();
        Compiled {
            kind,
            schema,
            validator,
            key_homes,
            plan,
        }
    }

    pub fn product() -> &'static Compiled {
        &PRODUCT
    }

    pub(crate) fn catalogue() -> &'static Compiled {
        &CATALOGUE
    }

    /// Checks a merged product whose files were each checked already: only what merging can
    /// break (required keys, combinations) is left, so the value is validated without the walk.
    pub(crate) fn check_merged(&self, value: &Value, locate: &dyn Locate) -> Vec<Diagnostic> {
        // The schema asks a spec that `extends` a line for nothing (the line may supply it);
        // merged, the product must be complete, so it is judged without its `extends`.
        if let Some(map) = value.as_object().filter(|m| m.contains_key("extends")) {
            let mut complete = map.clone();
            complete.remove("extends");
            return self.validate(
                &Value::Object(complete),
                walk::Walked::default(),
                locate,
                RequiredMode::OnlyRequired,
            );
        }
        self.validate(value, walk::Walked::default(), locate, RequiredMode::OnlyRequired)
    }

    /// Checks one file's document.
    pub fn check_document(&self, doc: &mut Document, mode: RequiredMode) -> Vec<Diagnostic> {
        let walked = self.prepare(&mut doc.value);
        let locator = FileLocator {
            file: doc.file_id(),
            doc,
        };
        self.validate(&doc.value, walked, &locator, mode)
    }

    fn prepare(&self, value: &mut Value) -> walk::Walked {
        let mut walked = walk::Walked::default();
        self.plan.walk(value, &mut walked);
        walked
    }

    fn validate(
        &self,
        value: &Value,
        walked: walk::Walked,
        locate: &dyn Locate,
        mode: RequiredMode,
    ) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        let mut explained = BTreeSet::new();
        for (pointer, error) in walked.unit_errors {
            explained.insert(pointer.clone());
            diagnostics.push(errors::unit_diagnostic(&pointer, &error, locate));
        }
        let Some(validator) = &self.validator else {
            diagnostics.push(errors::internal("the built-in schema did not compile", locate));
            return diagnostics;
        };
        // Most documents are valid: the quick yes/no check skips collecting error details.
        if diagnostics.is_empty() && validator.is_valid(value) {
            return diagnostics;
        }
        let context = errors::Context {
            schema: &self.schema,
            key_homes: self.key_homes.get_or_init(|| walk::key_homes(&self.schema)),
            value,
            locate,
            explained: &explained,
            mode,
        };
        for error in validator.iter_errors(value) {
            errors::map_error(&context, &error, &mut diagnostics);
        }
        diagnostics
    }
}

impl Compiled {
    /// Keeps the YAML 1.1 look-alike warnings worth giving: not where the schema lists the very
    /// word as an allowed value (`rules: {LS204: off}` means the word `off`).
    pub(crate) fn lookalike_warnings(
        &self,
        value: &Value,
        lookalikes: Vec<(String, String, Diagnostic)>,
    ) -> Vec<Diagnostic> {
        lookalikes
            .into_iter()
            .filter(|(pointer, text, _)| {
                let allowed = schema_for_instance(&self.schema, value, pointer)
                    .is_some_and(|s| walk::allows_word(&self.schema, s, text));
                !allowed
            })
            .map(|(_, _, d)| d)
            .collect()
    }
}

/// Which `required` errors a check reports. A product line, or a product that extends one, may
/// leave mapping keys to be filled by the chain; its required keys are checked after merging.
/// Keys required inside list items are always checked, because lists are replaced whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequiredMode {
    All,
    OnlyInLists,
    /// Only `required` errors (a merged product whose parts were each checked already).
    OnlyRequired,
}

/// The committed schema file of a kind, embedded.
pub(crate) fn committed(kind: SchemaKind) -> &'static str {
    match kind {
        SchemaKind::Product => include_str!("../../schemas/product.schema.json"),
        SchemaKind::Catalogue => include_str!("../../schemas/catalogue.schema.json"),
        SchemaKind::Canonical => include_str!("../../schemas/canonical.schema.json"),
    }
}

/// A schema as the committed file holds it: pretty JSON, two-space indent, final newline.
pub fn render(kind: SchemaKind) -> String {
    let mut out = serde_json::to_string_pretty(&generate(kind)).unwrap_or_default();
    out.push('\n');
    out
}
