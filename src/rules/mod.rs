//! The rule catalogue: one rule per file under `rules/<group>/`, one sorted registry.
//!
//! A rule is declared with [`declare_rule!`]: its doc comment is the `explain` text (summary
//! line, `## Why`, `## Example`, `## Parameters`, `## References`), then the function that words
//! and checks. Numbers come from the rule pack ([`pack`]), never literals; a rule whose law took
//! effect after the as-of date does not fire. Rules never print: they return diagnostics located
//! through the product's origins, so a finding on an inherited value points into the parent file.

pub(crate) mod catalogue;
pub(crate) mod custom;
pub mod docs;
pub(crate) mod lifecycle;
pub(crate) mod regulatory;
pub(crate) mod risk;
pub(crate) mod structure;
pub(crate) mod suppress;

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::diagnostics::{Diagnostic, Label, Severity, Text};
use crate::model::config::Bank;
use crate::model::product::Product;
use crate::model::spec::{Spec, Stage};
use crate::resolve::ResolvedRate;
use crate::schema::Locate;
use crate::source::FileId;
use crate::syntax::Part;

pub use crate::model::pack::{self as pack, Confidence, Pack};

/// What a rule protects; sets where it is listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    /// Internal consistency of a spec: ranges, sums, dates.
    Structure,
    /// What the law of the rule pack's jurisdiction requires.
    Regulatory,
    /// What prudent credit risk management requires.
    Risk,
    /// What each lifecycle stage requires before a product may be in it.
    Lifecycle,
    /// What the catalogue as a whole requires.
    Catalogue,
}

impl Group {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Group::Structure => "structure",
            Group::Regulatory => "regulatory",
            Group::Risk => "risk",
            Group::Lifecycle => "lifecycle",
            Group::Catalogue => "catalogue",
        }
    }

    /// The group in Chinese.
    pub(crate) fn zh(self) -> &'static str {
        match self {
            Group::Structure => "结构",
            Group::Regulatory => "监管",
            Group::Risk => "风险",
            Group::Lifecycle => "生命周期",
            Group::Catalogue => "目录",
        }
    }

    pub(crate) const ALL: [Group; 5] = [
        Group::Structure,
        Group::Regulatory,
        Group::Risk,
        Group::Lifecycle,
        Group::Catalogue,
    ];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// New; its wording or scope may still change.
    Preview,
    Stable,
    /// Kept so an old config naming it gets a precise error; never fires.
    Removed,
}

impl Status {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Status::Preview => "preview",
            Status::Stable => "stable",
            Status::Removed => "removed",
        }
    }

    /// The status in Chinese.
    pub(crate) fn zh(self) -> &'static str {
        match self {
            Status::Preview => "预览",
            Status::Stable => "稳定",
            Status::Removed => "已停用",
        }
    }
}

/// The stages of a product a rule judges.
#[derive(Clone, Copy, Debug)]
pub struct Stages {
    /// The first stage it judges.
    pub from: Stage,
    /// The stage from which it no longer does (`None`: to the end).
    pub before: Option<Stage>,
    /// What it asks a spec to state (a form's content, a ratio, a plan) is a warning before
    /// `pilot`: a product in proposal, research, design or risk review is a draft, and only
    /// from the pilot on does it serve customers.
    pub draft_warns: bool,
}

impl Stages {
    /// Every stage.
    pub(crate) const ALL: Stages = Stages {
        from: Stage::Proposal,
        before: None,
        draft_warns: false,
    };

    /// From `stage` on.
    pub(crate) const fn from(stage: Stage) -> Stages {
        Stages {
            from: stage,
            before: None,
            draft_warns: false,
        }
    }

    /// Up to, not including, `stage`.
    #[must_use]
    pub(crate) const fn before(self, stage: Stage) -> Stages {
        Stages {
            before: Some(stage),
            ..self
        }
    }

    /// What it asks to be stated warns before the pilot.
    #[must_use]
    pub(crate) const fn draft_warns(self) -> Stages {
        Stages {
            draft_warns: true,
            ..self
        }
    }

    pub(crate) fn applies(self, stage: Stage) -> bool {
        stage >= self.from && self.before.is_none_or(|b| stage < b)
    }

    /// The stages judged, in order.
    pub(crate) fn list(self) -> Vec<Stage> {
        Stage::ALL.into_iter().filter(|s| self.applies(*s)).collect()
    }

    /// In words, for `explain`: "every stage", "from `pilot`", "from `pilot` to before
    /// `retiring`", and what a draft is spared.
    pub(crate) fn describe(self, lang: crate::diagnostics::Lang) -> String {
        use crate::model::Label as _;
        let zh = |s: Stage| format!("`{}`（{}）", s.as_str(), s.label_in(crate::diagnostics::Lang::Zh));
        let mut out = match (self.from, self.before, lang) {
            (Stage::Proposal, None, crate::diagnostics::Lang::En) => "every stage".to_owned(),
            (Stage::Proposal, None, crate::diagnostics::Lang::Zh) => "所有阶段".to_owned(),
            (from, None, crate::diagnostics::Lang::En) => format!("from `{}` on", from.as_str()),
            (from, None, crate::diagnostics::Lang::Zh) => format!("从 {} 起", zh(from)),
            (Stage::Proposal, Some(b), crate::diagnostics::Lang::En) => format!("every stage before `{}`", b.as_str()),
            (Stage::Proposal, Some(b), crate::diagnostics::Lang::Zh) => format!("{} 之前的所有阶段", zh(b)),
            (from, Some(b), crate::diagnostics::Lang::En) => {
                format!("from `{}` to before `{}`", from.as_str(), b.as_str())
            }
            (from, Some(b), crate::diagnostics::Lang::Zh) => format!("从 {} 起，到 {} 之前", zh(from), zh(b)),
        };
        if self.draft_warns {
            out.push_str(match lang {
                crate::diagnostics::Lang::En => {
                    "; what it asks a spec to state is a warning before `pilot` (a draft need not be complete), an error from `pilot` on"
                }
                crate::diagnostics::Lang::Zh => {
                    "；它要求规格写明的内容，在 `pilot`（试点验证）之前缺少时为警告（草稿不必完整），从 `pilot` 起为错误"
                }
            });
        }
        out
    }
}

/// The heading of a rule doc's Chinese text (its summary, then why), after the English.
const ZH_HEADING: &str = "## 中文";

/// Where a rule's requirement comes from.
#[derive(Clone, Copy, Debug)]
pub struct Reference {
    pub regulation: &'static str,
    /// The regulation in Chinese, for the rules' Chinese page.
    pub regulation_zh: &'static str,
    pub article: &'static str,
    /// The article in Chinese ("" when `article` is).
    pub article_zh: &'static str,
    /// The date it took effect (`YYYY-MM-DD`), or "" when the source does not say.
    pub effective: &'static str,
    pub source: &'static str,
    pub confidence: Confidence,
}

/// How a rule checks.
#[derive(Clone, Copy)]
pub(crate) enum Check {
    /// One resolved product at a time.
    Product(fn(&RuleContext<'_>, &mut Vec<Diagnostic>)),
    /// The catalogue as a whole.
    Catalogue(fn(&catalogue::CatalogueContext<'_>, &mut Vec<Diagnostic>)),
    /// A tombstone.
    Removed,
}

/// One rule of the catalogue.
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub group: Group,
    pub severity: Severity,
    /// The loanspec version that introduced it.
    pub since: &'static str,
    pub status: Status,
    /// The day the requirement took effect; before it the rule does not fire.
    pub effective: Option<&'static str>,
    /// The stages of a product it judges.
    pub stages: Stages,
    /// A guarantee the outputs rest on (one code per product, a successor that exists): no
    /// `rules:` level and no `# loanspec: allow` comment turns it off or down.
    pub locked: bool,
    pub references: &'static [Reference],
    /// The rule-pack parameters it reads.
    pub params: &'static [&'static str],
    /// The explain text (the rule's doc comment).
    pub doc: &'static str,
    pub(crate) check: Check,
}

impl Rule {
    /// The first paragraph of the doc, on one line.
    pub fn summary(&self) -> String {
        self.doc
            .lines()
            .map(str::trim)
            .skip_while(|l| l.is_empty())
            .take_while(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The doc in English: everything before its `## 中文` section.
    pub(crate) fn doc_en(&self) -> &'static str {
        self.doc.find(ZH_HEADING).map_or(self.doc, |at| &self.doc[..at])
    }

    /// The doc's `## 中文` section: its first paragraph (the summary) and the rest (why), each
    /// paragraph on one line. Every rule has one (a test in `tests/meta.rs` asks for it).
    pub(crate) fn doc_zh(&self) -> (String, Vec<String>) {
        let Some(at) = self.doc.find(ZH_HEADING) else {
            return (String::new(), Vec::new());
        };
        let mut paragraphs: Vec<String> = Vec::new();
        let mut current = String::new();
        for line in self.doc[at + ZH_HEADING.len()..].lines().map(str::trim) {
            if line.is_empty() {
                if !current.is_empty() {
                    paragraphs.push(std::mem::take(&mut current));
                }
            } else {
                current.push_str(line);
            }
        }
        if !current.is_empty() {
            paragraphs.push(current);
        }
        let mut paragraphs = paragraphs.into_iter();
        let summary = paragraphs.next().unwrap_or_default();
        (summary, paragraphs.collect())
    }

    /// The summary in `lang`.
    pub fn summary_in(&self, lang: crate::diagnostics::Lang) -> String {
        match lang {
            crate::diagnostics::Lang::En => self.summary(),
            crate::diagnostics::Lang::Zh => {
                let (zh, _) = self.doc_zh();
                if zh.is_empty() { self.summary() } else { zh }
            }
        }
    }

    /// Where the requirement comes from. A rule that reads pack parameters takes them from the
    /// pack, one per distinct source of its parameters, so the pack is the one place they are
    /// written; a rule without parameters declares its own (`references:`).
    pub fn sources<'a>(&'a self, pack: &'a Pack) -> Vec<Source<'a>> {
        let mut out: Vec<Source<'a>> = Vec::new();
        if self.params.is_empty() {
            out.extend(self.references.iter().map(Source::from));
        }
        for p in self.params.iter().filter_map(|name| pack.param(name)) {
            let source = Source {
                regulation: &p.regulation,
                article: &p.article,
                effective: p.effective,
                source: &p.source,
                confidence: p.confidence,
            };
            if !out.contains(&source) {
                out.push(source);
            }
        }
        out
    }

    /// The day the requirement took effect. For a rule that reads pack parameters, the earliest
    /// day one of them took effect (a parameter not yet in force has no value, and the rule is
    /// silent on what it needs); `None` when one of them, or the rule, is in force whatever the date.
    pub fn effective(&self, pack: &Pack) -> Option<NaiveDate> {
        if self.params.is_empty() {
            return self
                .effective
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        }
        // Asked per rule and product: no allocation.
        let mut earliest: Option<NaiveDate> = None;
        for p in self.params.iter().filter_map(|name| pack.param(name)) {
            let from = p.effective?;
            earliest = Some(earliest.map_or(from, |e| e.min(from)));
        }
        earliest
    }

    /// Whether the requirement is in force on `as_of`.
    pub(crate) fn in_force(&self, as_of: NaiveDate, pack: &Pack) -> bool {
        self.effective(pack).is_none_or(|from| from <= as_of)
    }

    /// The lowest confidence among its sources (internal-consistency rules have none).
    pub fn confidence(&self, pack: &Pack) -> Option<Confidence> {
        self.sources(pack).iter().map(|r| r.confidence).max()
    }
}

/// One source of a rule's requirement, as [`Rule::sources`] gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Source<'a> {
    pub regulation: &'a str,
    pub article: &'a str,
    pub effective: Option<NaiveDate>,
    pub source: &'a str,
    pub confidence: Confidence,
}

impl<'a> From<&'a Reference> for Source<'a> {
    fn from(r: &'a Reference) -> Self {
        Source {
            regulation: r.regulation,
            article: r.article,
            effective: NaiveDate::parse_from_str(r.effective, "%Y-%m-%d").ok(),
            source: r.source,
            confidence: r.confidence,
        }
    }
}

impl Rule {
    /// A finding of this rule, at its default severity.
    pub(crate) fn diagnostic(&'static self, message: Text) -> Diagnostic {
        Diagnostic::of_rule(self.code, self.name, self.severity, message)
    }
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.code, self.name)
    }
}

/// Declares a rule. The doc comment is the explain text. `status`, `effective`, `stages`,
/// `locked`, `references` and `params` may be left out when they are the default (stable,
/// always in force, every stage, configurable, no reference, no parameter). A rule with `params`
/// takes its references and effective date from them in the pack and declares neither (a test
/// in `tests/meta.rs` checks).
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
            $(status: $status:ident,)?
            $(effective: $effective:expr,)?
            $(stages: $stages:expr,)?
            $(locked: $locked:literal,)?
            $(references: $references:expr,)?
            $(params: $params:expr,)?
            check: $kind:ident $(($check:path))? $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        $vis static $rule: $crate::rules::Rule = $crate::rules::Rule {
            code: $code,
            name: $name,
            group: $crate::rules::Group::$group,
            severity: $crate::diagnostics::Severity::$severity,
            since: $since,
            status: $crate::__rule_field!($($crate::rules::Status::$status)?; $crate::rules::Status::Stable),
            effective: $crate::__rule_field!($($effective)?; None),
            stages: {
                #[allow(unused_imports)]
                use $crate::model::spec::Stage;
                #[allow(unused_imports)]
                use $crate::rules::Stages;
                $crate::__rule_field!($($stages)?; Stages::ALL)
            },
            locked: $crate::__rule_field!($($locked)?; false),
            references: $crate::__rule_field!($($references)?; &[]),
            params: $crate::__rule_field!($($params)?; &[]),
            doc: concat!($($doc, "\n"),*),
            check: $crate::rules::Check::$kind $(($check))?,
        };
    };
}

/// A field of [`declare_rule!`] that most rules leave at its default: the value written, or the
/// default (status `Stable`, in force whatever the date, every stage, no parameters).
#[doc(hidden)]
#[macro_export]
macro_rules! __rule_field {
    (; $default:expr) => {
        $default
    };
    ($given:expr; $default:expr) => {
        $given
    };
}

/// Every rule, in code order.
pub static RULES: &[&Rule] = &[
    &catalogue::duplicate_code::RULE,
    &catalogue::unknown_successor::RULE,
    &structure::amount_range::RULE,
    &structure::term_range::RULE,
    &structure::term_options::RULE,
    &structure::collateral_shares::RULE,
    &structure::rate_floor_cap::RULE,
    &structure::income_tiers::RULE,
    &structure::pilot_dates::RULE,
    &structure::metric_threshold::RULE,
    &structure::schedule_fit::RULE,
    &regulatory::consumption_term::RULE,
    &regulatory::business_term::RULE,
    &regulatory::working_capital_term::RULE,
    &regulatory::fixed_asset_term::RULE,
    &regulatory::internet_unsecured_limit::RULE,
    &regulatory::internet_bullet_term::RULE,
    &regulatory::internet_purpose::RULE,
    &regulatory::joint_lending_share::RULE,
    &regulatory::credit_line_review::RULE,
    &regulatory::entrusted_payment::RULE,
    &regulatory::all_in_cost_24::RULE,
    &regulatory::private_lending_cap::RULE,
    &regulatory::overdue_markup::RULE,
    &regulatory::misuse_markup::RULE,
    &regulatory::inclusive_finance::RULE,
    &regulatory::mortgage_down_payment::RULE,
    &regulatory::auto_ltv::RULE,
    &regulatory::cost_disclosure::RULE,
    &risk::collateral_ltv::RULE,
    &risk::ltv_missing::RULE,
    &risk::unsecured_appetite::RULE,
    &risk::funding_cost::RULE,
    &risk::single_borrower::RULE,
    &risk::large_exposure::RULE,
    &risk::large_exposure_threshold::RULE,
    &risk::npl_ceiling_required::RULE,
    &risk::inclusive_npl_tolerance::RULE,
    &risk::fx_stress::RULE,
    &risk::overdue_alert::RULE,
    &risk::auto_increase_ceiling::RULE,
    &lifecycle::pilot_signoffs::RULE,
    &lifecycle::pilot_plan::RULE,
    &lifecycle::launch_gate::RULE,
    &lifecycle::retirement_gate::RULE,
    &lifecycle::future_signoff::RULE,
    &lifecycle::retired_line::RULE,
    &lifecycle::consumer_protection::RULE,
    &catalogue::successor_retired::RULE,
    &catalogue::duplicate_name::RULE,
    &catalogue::unused_line::RULE,
];

/// Looks a rule up by code (`LS150`) or name (`amount-min-above-max`).
pub fn find(code_or_name: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
}

/// Whether `code_or_name` is a locked rule ([`Rule::locked`]): no level, allow comment or
/// baseline sets its findings aside.
pub(crate) fn is_locked(code_or_name: &str) -> bool {
    find(code_or_name).is_some_and(|r| r.locked)
}

/// A parent spec of the product being checked.
#[derive(Clone, Debug)]
pub struct Parent {
    pub file: FileId,
    pub code: String,
    pub stage: Option<Stage>,
}

/// What a rule sees: the merged spec as written (exact units), the resolved product, where each
/// value was written, the rule pack, the bank's figures, and the catalogue around the product.
pub(crate) struct RuleContext<'a> {
    pub spec: &'a Spec,
    pub product: &'a Product,
    pub rate: &'a ResolvedRate,
    pub locate: &'a dyn Locate,
    pub as_of: NaiveDate,
    pub pack: &'a Pack,
    pub bank: Option<&'a Bank>,
    /// The files the product extends, nearest first.
    pub parents: &'a [Parent],
    /// Every product and line of the catalogue by code, with its stage.
    pub stages: &'a BTreeMap<String, Option<Stage>>,
    /// The codes of the catalogue's products (lines excluded: a successor must lend).
    pub product_codes: &'a catalogue::ProductCodes<'a>,
    pub benchmarks: &'a crate::resolve::Benchmarks,
    /// The catalogue has a `loanspec.yaml` (without one, a rule that needs the bank's figures
    /// says so rather than blame the config).
    pub has_config: bool,
    /// The loans [`RuleContext::highest_apr_above`] weighs, built once for the rules that share
    /// them.
    pub apr_memo: std::cell::OnceCell<Vec<AprCandidate>>,
}

/// One loan a product makes, and its APR once it has been needed. Its cash flows are built
/// when it is weighed and not kept: a product of a hundred years in months makes 1,200 loans
/// of up to 1,200 flows each.
pub(crate) struct AprCandidate {
    amount: rust_decimal::Decimal,
    term: crate::model::product::TermOut,
    method: crate::model::spec::RepaymentMethod,
    apr: std::cell::OnceCell<Option<rust_decimal::Decimal>>,
}

impl RuleContext<'_> {
    /// A finding of `rule` on the value at `pointer` (or the nearest value above it).
    pub(crate) fn finding(&self, rule: &'static Rule, pointer: &str, message: Text, help: Text) -> Diagnostic {
        self.locate
            .place(rule.diagnostic(message).help(help), pointer, Part::Value)
    }

    /// A finding that something is not stated: before `pilot`, when the product is a draft
    /// that serves no customer yet, an error is a warning that says when it becomes one. The
    /// rule's `stages` says `draft_warns`.
    pub(crate) fn unstated(&self, d: Diagnostic) -> Diagnostic {
        if self.product.stage >= Stage::Pilot || d.severity != Severity::Error {
            return d;
        }
        let stage = self.product.stage.as_str();
        d.severity(Severity::Warning).note(Text::new(
            format!("a warning while the product is a draft (stage `{stage}`); an error from `pilot` on"),
            format!("产品仍为草案（阶段 `{stage}`），暂为警告；进入 `pilot` 后为错误"),
        ))
    }

    /// A finding labelled at a key rather than its value.
    pub(crate) fn finding_at_key(&self, rule: &'static Rule, pointer: &str, message: Text, help: Text) -> Diagnostic {
        self.locate
            .place(rule.diagnostic(message).help(help), pointer, Part::Key)
    }

    /// A label on another value of the product.
    pub(crate) fn label(&self, pointer: &str, message: Text) -> Option<Label> {
        self.locate
            .locate(pointer)
            .map(|(file, node)| Label::new(file, node.label).with_message(message))
    }

    /// Whether the product is lent to people (the personal-loan rules apply).
    pub(crate) fn is_personal(&self) -> bool {
        use crate::model::spec::BorrowerType as B;
        matches!(
            self.product.borrower.kind,
            B::Individual | B::IndividualBusiness | B::Farmer
        )
    }

    /// Whether the product has no collateral (a credit product).
    pub(crate) fn is_unsecured(&self) -> bool {
        self.product.collateral.is_empty()
    }

    /// A benchmark's fixing in force on the as-of date: (rate in percent, fixing date).
    pub(crate) fn lpr(&self, benchmark: crate::model::units::Benchmark) -> Option<(rust_decimal::Decimal, NaiveDate)> {
        self.benchmarks.rate(benchmark, self.as_of)
    }

    /// A recorded sign-off by `role`.
    pub(crate) fn signed_by(&self, role: crate::model::spec::Role) -> bool {
        self.product.approvals.iter().any(|a| a.role == role)
    }

    /// For a product with fees: the loan it makes whose APR is highest, when that APR is above
    /// `ceiling` (a percent a year), among its smallest and largest amounts, its terms (the
    /// options, or every one of its range) and its methods. Fees weigh most on small, short
    /// loans, so these corners bound what a borrower pays. A loan whose APR surely stays within
    /// the ceiling is not solved for (one sum tells: `AprFlows::at_most` in `src/money/apr.rs`);
    /// the result is what the highest APR of them all would give, compared with `ceiling`.
    pub(crate) fn highest_apr_above(&self, ceiling: rust_decimal::Decimal) -> Option<AprCase> {
        let candidates = self.apr_memo.get_or_init(|| self.apr_candidates());
        let mut best: Option<AprCase> = None;
        // Each APR is searched from the last one found for the same method: neighbouring
        // terms' rates are close, so the search takes a few steps, not a dozen.
        let mut guess: Option<(crate::model::spec::RepaymentMethod, rust_decimal::Decimal)> = None;
        for c in candidates {
            let apr = if let Some(apr) = c.apr.get() {
                *apr
            } else {
                let loan = crate::money::Loan::for_product(self.product, c.amount, c.term.into(), c.method, self.as_of);
                let Ok(flows) = crate::money::apr_flows(&loan) else {
                    continue;
                };
                if flows.at_most(ceiling) {
                    continue;
                }
                let near = guess.filter(|(method, _)| *method == c.method).map(|(_, apr)| apr);
                *c.apr.get_or_init(|| flows.apr(near))
            };
            let Some(apr) = apr else { continue };
            guess = Some((c.method, apr));
            if apr > ceiling && best.as_ref().is_none_or(|b| apr > b.apr) {
                best = Some(AprCase {
                    apr,
                    amount: c.amount,
                    term: c.term,
                    method: c.method,
                });
            }
        }
        best
    }

    fn apr_candidates(&self) -> Vec<AprCandidate> {
        let p = self.product;
        if p.fees.is_empty() {
            return Vec::new();
        }
        // A fee in yuan weighs most on the smallest loan; fees in percent scale with the amount.
        let fixed_fee = p.fees.iter().any(|f| f.amount.money.is_some());
        let amount = if fixed_fee {
            p.amount.min.value()
        } else {
            p.amount.max.value()
        };
        // Every term the product allows: the APR is not monotonic in the term (a yearly fee for
        // each year begun makes 13 months dearer than 12 or 24), nor, under actual day counts,
        // from one month to the next.
        let terms = allowed_terms(p);
        let mut out = Vec::new();
        for method in &p.repayment.methods {
            for term in &terms {
                out.push(AprCandidate {
                    amount,
                    term: *term,
                    method: *method,
                    apr: std::cell::OnceCell::new(),
                });
            }
        }
        out
    }
}

/// Every term a product allows: its options, or every month of its range (and every day of a
/// range in days, up to a month or the end of the range). A range of more than 400 days
/// is tried at its ends and on the first day of each year begun, where a yearly fee steps up.
pub(crate) fn allowed_terms(p: &Product) -> Vec<crate::model::product::TermOut> {
    use crate::model::product::TermOut;
    if !p.term.options.is_empty() {
        return p.term.options.clone();
    }
    let days = |a: u32, b: u32| -> Vec<TermOut> {
        if b.saturating_sub(a) <= 400 {
            (a..=b).map(TermOut::Days).collect()
        } else {
            let mut out = vec![TermOut::Days(a), TermOut::Days(b)];
            out.extend(
                (1..=b / 365)
                    .flat_map(|y| [365 * y + 1, 366 * y + 1])
                    .filter(|d| (a..=b).contains(d))
                    .map(TermOut::Days),
            );
            out
        }
    };
    match (p.term.min, p.term.max) {
        (TermOut::Months(a), TermOut::Months(b)) if a <= b => (a.max(1)..=b).map(TermOut::Months).collect(),
        (TermOut::Days(a), TermOut::Days(b)) if a <= b => days(a.max(1), b),
        (TermOut::Days(a), TermOut::Months(b)) => {
            let mut out = days(a.max(1), 30.max(a));
            out.extend((1..=b).map(TermOut::Months));
            out
        }
        (min, max) => vec![min, max],
    }
}

/// A loan of a product and its APR.
#[derive(Clone, Copy, Debug)]
pub struct AprCase {
    pub apr: rust_decimal::Decimal,
    pub amount: rust_decimal::Decimal,
    pub term: crate::model::product::TermOut,
    pub method: crate::model::spec::RepaymentMethod,
}

impl AprCase {
    /// `a loan of 1万 over 6M by equal_installment`; in Chinese `1万、6 个月、等额本息的贷款`.
    pub(crate) fn describe(&self) -> (String, String) {
        use crate::model::Label as _;
        let amount = crate::model::units::Money(self.amount).display();
        let term = self.term.display();
        let term_zh = self.term.display_in(crate::diagnostics::Lang::Zh);
        let method = crate::model::word(&self.method);
        let method_zh = self.method.label_in(crate::diagnostics::Lang::Zh);
        (
            format!("a loan of {amount} over {term} by {method}"),
            format!("{amount}、{term_zh}、{method_zh}的贷款"),
        )
    }
}

/// Runs every product rule in force on one resolved product.
/// `off(code)` says the bank turned a rule off: it is not run at all (its findings would be
/// dropped, and placing them costs a second read of the file).
pub(crate) fn run(ctx: &RuleContext<'_>, off: &dyn Fn(&str) -> bool) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in RULES {
        if let Check::Product(check) = rule.check {
            let stage = ctx.product.stage;
            if rule.status != Status::Removed
                && rule.in_force(ctx.as_of, ctx.pack)
                && rule.stages.applies(stage)
                && !off(rule.code)
            {
                check(ctx, &mut out);
            }
        }
    }
    out
}

/// Runs every catalogue rule in force.
pub(crate) fn run_catalogue(ctx: &catalogue::CatalogueContext<'_>, off: &dyn Fn(&str) -> bool) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in RULES {
        if let Check::Catalogue(check) = rule.check {
            if rule.status != Status::Removed && rule.in_force(ctx.as_of, Pack::cn()) && !off(rule.code) {
                check(ctx, &mut out);
            }
        }
    }
    out
}

/// A short reference list for rules whose only source is internal consistency.
pub(crate) const NO_REFERENCES: &[Reference] = &[];
