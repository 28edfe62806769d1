//! Output: the canonical product as JSON (or YAML), with the bank's `x-` keys passed through,
//! in deterministic bytes, written all or nothing ([`output`]).

pub mod fineract;
pub(crate) mod output;

pub use output::{OutputError, publish_folder, write_file};

use std::sync::OnceLock;

use serde_json::Value;

use crate::model::product::ReferenceExampleOut;

use crate::syntax::{self, parent_pointer};

/// One product ready to emit.
#[derive(Clone, Debug)]
pub struct CompiledProduct {
    pub file: crate::source::FileId,
    pub product: crate::model::product::Product,
    /// The bank's own `x-` keys, with where they go in the output.
    pub extensions: Vec<(String, Value)>,
    /// The lender, from the catalogue's `loanspec.yaml` (for the cost disclosure).
    pub bank: Option<crate::model::config::Bank>,
    /// The Fineract requests, when `Options::fineract` asked for them and the product fits.
    pub fineract: Option<fineract::Bundle>,
    /// The reference loan's figures, computed on first use (by the canonical output or the
    /// report), once: [`CompiledProduct::reference_example`].
    pub(crate) reference: OnceLock<Option<ReferenceExampleOut>>,
}

impl CompiledProduct {
    pub(crate) fn new(
        file: crate::source::FileId,
        product: crate::model::product::Product,
        extensions: Vec<(String, Value)>,
        bank: Option<crate::model::config::Bank>,
        fineract: Option<fineract::Bundle>,
    ) -> CompiledProduct {
        CompiledProduct {
            file,
            product,
            extensions,
            bank,
            fineract,
            reference: OnceLock::new(),
        }
    }

    /// The product's reference loan (the largest amount over the longest term, by its first
    /// method), the one figure `compile` writes and the report shows: computed here alone.
    pub(crate) fn reference_example(&self) -> Option<&ReferenceExampleOut> {
        self.reference
            .get_or_init(|| crate::money::reference_example(&self.product))
            .as_ref()
    }
}

/// What a target is given for one product: the resolved product and the catalogue's facts.
pub struct TargetInput<'a> {
    pub product: &'a crate::model::product::Product,
    /// The benchmark history the catalogue knows.
    pub fixings: &'a [crate::resolve::benchmarks::Fixing],
    /// The compile date.
    pub as_of: chrono::NaiveDate,
    /// The rule pack with the bank's values (a target may read a figure such as the days past
    /// due at which a loan is non-performing).
    pub pack: &'a crate::model::pack::Pack,
}

/// What a target made of one product: its payload (none when the target cannot represent the
/// product) and a note for everything it left out or approximated, which the run reports as a
/// finding at the note's pointer.
pub struct Mapped<P> {
    pub payload: Option<P>,
    pub notes: Vec<fineract::Note>,
}

/// A core-banking system a product is compiled for (`compile --target NAME`). The run maps each
/// product as it goes (a target's notes are findings of the run, so `compile` refuses to write
/// what a target cannot represent); the files are made once the catalogue is complete, since a
/// target may need names unique across it.
pub trait Target {
    /// What one product becomes, kept on [`CompiledProduct`] until the files are written.
    type Payload;
    /// The `compile --target` name, and the folder under the output directory.
    const NAME: &'static str;
    fn map(&self, input: &TargetInput<'_>) -> Mapped<Self::Payload>;
    /// The files of the catalogue's products that have a payload, each `(path under the output
    /// directory, text)`; `codes`: every product code of the catalogue.
    fn files<'a>(
        &self,
        products: impl Iterator<Item = (&'a str, &'a Self::Payload)>,
        codes: &std::collections::BTreeSet<String>,
    ) -> Vec<(String, String)>
    where
        Self::Payload: 'a;
}

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
    product.reference_example = compiled.reference_example().cloned();
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
