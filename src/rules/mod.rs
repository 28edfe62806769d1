//! The rule catalogue: one rule per file under `rules/<group>/`, one sorted registry.
//!
//! A rule is declared with [`declare_rule!`]: its doc comment is the `explain` text (summary
//! line, `## Why`, `## Example`, `## Parameters`, `## References`), followed by the function that
//! checks a resolved product. Rules never print; they return diagnostics located through the
//! product's origins, so a finding on an inherited value points into the parent file.

pub mod structure;

use chrono::NaiveDate;

use crate::diagnostics::{Diagnostic, Label, Severity, Text};
use crate::model::product::Product;
use crate::model::spec::Spec;
use crate::resolve::ResolvedRate;
use crate::schema::Locate;

/// What a rule protects; sets where it is listed and its usual severity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    /// Internal consistency of a spec: ranges, sums, dates.
    Structure,
}

impl Group {
    pub fn as_str(self) -> &'static str {
        match self {
            Group::Structure => "structure",
        }
    }
}

/// One rule of the catalogue.
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub group: Group,
    pub severity: Severity,
    /// The loanspec version that introduced it.
    pub since: &'static str,
    /// The explain text (the rule's doc comment).
    pub doc: &'static str,
    pub check: fn(&RuleContext<'_>, &mut Vec<Diagnostic>),
}

impl Rule {
    /// The first line of the doc.
    pub fn summary(&self) -> &'static str {
        self.doc
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("")
    }
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.code, self.name)
    }
}

/// Declares a rule: `declare_rule! { /// doc… pub static RULE = { code: "LS150", name: "…",
/// group: Structure, severity: Error, since: "0.1.0", check: check } }`.
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:expr])*
        $vis:vis static $rule:ident = {
            code: $code:literal,
            name: $name:literal,
            group: $group:ident,
            severity: $severity:ident,
            since: $since:literal,
            check: $check:path $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        $vis static $rule: $crate::rules::Rule = $crate::rules::Rule {
            code: $code,
            name: $name,
            group: $crate::rules::Group::$group,
            severity: $crate::diagnostics::Severity::$severity,
            since: $since,
            doc: concat!($($doc, "\n"),*),
            check: $check,
        };
    };
}

/// Every rule, in code order.
pub static RULES: &[&Rule] = &[
    &structure::amount_range::RULE,
    &structure::term_range::RULE,
    &structure::term_options::RULE,
    &structure::collateral_shares::RULE,
    &structure::rate_floor_cap::RULE,
    &structure::income_tiers::RULE,
    &structure::pilot_dates::RULE,
    &structure::metric_threshold::RULE,
];

/// Looks a rule up by code (`LS150`) or name (`amount-min-above-max`).
pub fn find(code_or_name: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
}

/// What a rule sees: the merged spec as written (exact units), the resolved product, and where
/// each value was written.
pub struct RuleContext<'a> {
    pub spec: &'a Spec,
    pub product: &'a Product,
    pub rate: &'a ResolvedRate,
    pub locate: &'a dyn Locate,
    pub as_of: NaiveDate,
}

impl RuleContext<'_> {
    /// A finding of `rule` on the value at `pointer`.
    pub fn finding(
        &self,
        rule: &'static Rule,
        pointer: &str,
        message: Text,
        help: Text,
    ) -> Diagnostic {
        let mut d = Diagnostic::new_rule(rule, message).help(help);
        if let Some((_, file, node)) = self.locate.locate_nearest(pointer) {
            d = d.at(file, node.label);
        }
        d.pointer(pointer)
    }

    /// A label on another value of the product.
    pub fn label(&self, pointer: &str, message: Text) -> Option<Label> {
        self.locate
            .locate(pointer)
            .map(|(file, node)| Label::new(file, node.label).with_message(message))
    }
}

/// Runs every rule on one resolved product.
pub fn run(ctx: &RuleContext<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in RULES {
        (rule.check)(ctx, &mut out);
    }
    out
}
