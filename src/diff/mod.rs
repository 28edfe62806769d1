//! `loanspec diff`: what changed between two versions of a catalogue's products, in bank terms.
//!
//! Both versions are resolved first (so a change to a product line shows on every product that
//! inherits it), turned into canonical values, and compared field by field. Each change is
//! classified (customer-impacting, risk-expanding, tightening, favourable, editorial) by the
//! table in [`classify`]; each class names the sign-offs it needs; the version bump must fit
//! (see [`version_problem`]).

pub mod runs;

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;
use serde_json::Value;

use crate::diagnostics::Text;
use crate::model::config::SignOffPolicy;
use crate::model::product::{DateOut, Product};
use crate::model::spec::{Role, Stage};
use crate::text;

/// What kind of change a field's change is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    CustomerImpacting,
    RiskExpanding,
    Tightening,
    Favourable,
    Editorial,
}

impl Class {
    pub fn as_str(self) -> &'static str {
        match self {
            Class::CustomerImpacting => "customer-impacting",
            Class::RiskExpanding => "risk-expanding",
            Class::Tightening => "tightening",
            Class::Favourable => "favourable",
            Class::Editorial => "editorial",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Class::CustomerImpacting => "影响客户",
            Class::RiskExpanding => "风险扩张",
            Class::Tightening => "收紧",
            Class::Favourable => "有利于客户",
            Class::Editorial => "文字性",
        }
    }

    /// The roles loanspec.yaml's `signoffs:` names for this class, if it does.
    pub(crate) fn configured(self, policy: Option<&SignOffPolicy>) -> Option<Vec<Role>> {
        policy.and_then(|p| match self {
            Class::CustomerImpacting => p.customer_impacting.clone(),
            Class::RiskExpanding => p.risk_expanding.clone(),
            Class::Tightening => p.tightening.clone(),
            Class::Favourable => p.favourable.clone(),
            Class::Editorial => p.editorial.clone(),
        })
    }

    /// The roles that must sign a change of this class, whatever the product
    /// ([`signoffs_needed`] weighs the product's stage and borrowers).
    pub(crate) fn signoffs(self, policy: Option<&SignOffPolicy>) -> Vec<Role> {
        self.configured(policy).unwrap_or_else(|| match self {
            Class::CustomerImpacting => vec![Role::Compliance, Role::ConsumerProtection],
            Class::RiskExpanding => vec![Role::RiskManagement],
            _ => Vec::new(),
        })
    }
}

/// The sign-offs a product's changes need. A class's roles come from `signoffs:` in
/// loanspec.yaml when it names them (the bank's policy is applied as written); the defaults
/// follow the product: a draft (a new stage before `pilot`) serves no customer, so its changes
/// need no sign-off until the pilot gate collects them (LS401, LS407), and consumer protection
/// (消保审查) reviews products for individual consumers only (as LS407 does).
pub(crate) fn signoffs_needed(changes: &[Change], policy: Option<&SignOffPolicy>, product: &Product) -> BTreeSet<Role> {
    let draft = product.stage < Stage::Pilot;
    let consumer = product.borrower.kind == crate::model::spec::BorrowerType::Individual;
    let mut needed = BTreeSet::new();
    for c in changes {
        let configured = c.class.configured(policy);
        let roles = configured.clone().unwrap_or_else(|| c.class.signoffs(None));
        for role in roles {
            let by_default = configured.is_none();
            if by_default && (draft || role == Role::ConsumerProtection && !consumer) {
                continue;
            }
            needed.insert(role);
        }
    }
    needed
}

/// One field that changed: its canonical path, the old and new values (absent: `None`).
#[derive(Clone, Debug)]
pub struct Change {
    pub pointer: String,
    pub old: Option<Value>,
    pub new: Option<Value>,
    pub class: Class,
    pub why: Text,
}

/// Fields that are derived, or about the file rather than the product, and never compared.
const SKIPPED: [&str; 9] = [
    "/canonical",
    "/loanspec",
    "/as_of",
    "/source",
    "/reference_example",
    "/rate/benchmark_rate",
    "/rate/benchmark_fixing_date",
    "/rate/effective_rate",
    "/version",
];

fn skipped(pointer: &str) -> bool {
    SKIPPED
        .iter()
        .any(|s| pointer == *s || pointer.starts_with(&format!("{s}/")))
        || pointer.starts_with("/approvals")
}

/// Lists whose order means nothing: compared as sets of values.
const SETS: [&str; 6] = [
    "/term/options",
    "/repayment/methods",
    "/channels",
    "/borrower/segments",
    "/approval/data_sources",
    "/lifecycle/launch/regions",
];

fn leaves(v: &Value, pointer: &str, out: &mut BTreeMap<String, Value>) {
    if skipped(pointer) && !pointer.is_empty() {
        return;
    }
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                let key = k.replace('~', "~0").replace('/', "~1");
                leaves(child, &format!("{pointer}/{key}"), out);
            }
        }
        Value::Array(items) if SETS.contains(&pointer) => {
            // One leaf per member, keyed by its value: order is not a change.
            for item in items {
                let key = item.to_string().replace('~', "~0").replace('/', "~1");
                out.insert(format!("{pointer}/{key}"), item.clone());
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                leaves(child, &format!("{pointer}/{i}"), out);
            }
        }
        Value::Null => {}
        _ => {
            out.insert(pointer.to_owned(), v.clone());
        }
    }
}

fn number(v: Option<&Value>) -> Option<Decimal> {
    match v? {
        Value::String(s) => Decimal::from_str_exact(s).ok(),
        Value::Number(n) => Decimal::from_str_exact(&n.to_string()).ok(),
        _ => None,
    }
}

fn stage_rank(v: Option<&Value>) -> Option<usize> {
    let s: Stage = serde_json::from_value(v?.clone()).ok()?;
    Some(s as usize)
}

/// Up, down, added, removed, or changed in another way.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Move {
    Up,
    Down,
    Added,
    Removed,
    Other,
}

fn movement(old: Option<&Value>, new: Option<&Value>) -> Move {
    match (old, new) {
        (None, Some(_)) => Move::Added,
        (Some(_), None) => Move::Removed,
        _ => match (number(old), number(new)) {
            (Some(a), Some(b)) if b > a => Move::Up,
            (Some(a), Some(b)) if b < a => Move::Down,
            _ => Move::Other,
        },
    }
}

/// Classifies one changed field. The table, by where the field is:
///
/// | field | up / added | down / removed | otherwise |
/// |---|---|---|---|
/// | rate spread, fixed rate, floor, cap; fees; penalty markups; prepayment fee | customer-impacting | favourable | customer-impacting |
/// | rate type, benchmark, repayment frequency, day count | | | customer-impacting |
/// | term options, repayment methods, channels, segments (sets) | risk-expanding (more offered) | customer-impacting (options, methods) / tightening | |
/// | amount max, term max, LTV, NPL ceiling, overdue alert, auto increase, entrusted-payment threshold, partner share, grace period, amount tiers | risk-expanding | tightening (term max: customer-impacting) | risk-expanding |
/// | amount min, term min | tightening | risk-expanding | |
/// | collateral (kinds, shares) | tightening | risk-expanding | risk-expanding |
/// | data sources | tightening | risk-expanding | |
/// | borrower type, purpose, origination | | | risk-expanding |
/// | stage | risk-expanding (forward) | tightening (back) | |
/// | name, description, `x-` keys, changelog, green label, review dates, approval time | | | editorial |
/// | anything else | | | risk-expanding (someone should look) |
pub(crate) fn classify(pointer: &str, old: Option<&Value>, new: Option<&Value>) -> (Class, Text) {
    use Class::{CustomerImpacting as Ci, Editorial as Ed, Favourable as Fa, RiskExpanding as Re, Tightening as Ti};
    let m = movement(old, new);
    let starts = |p: &str| pointer == p || pointer.starts_with(&format!("{p}/"));
    let cost = [
        "/rate/spread_bp",
        "/rate/fixed",
        "/rate/floor",
        "/rate/cap",
        "/penalty",
        "/repayment/prepayment/fee",
    ];
    if cost.iter().any(|p| starts(p)) || starts("/fees") {
        return match m {
            Move::Down => (Fa, text!("cheaper for the borrower", "借款人成本降低")),
            Move::Removed if starts("/fees") => (Fa, text!("a fee removed", "取消一项费用")),
            _ => (
                Ci,
                text!("the borrower pays more, or differently", "借款人成本上升或计费方式改变"),
            ),
        };
    }
    if starts("/repayment/prepayment/allowed") {
        return if new == Some(&Value::Bool(false)) {
            (Ci, text!("prepayment no longer allowed", "不再允许提前还款"))
        } else {
            (Fa, text!("prepayment allowed", "允许提前还款"))
        };
    }
    if [
        "/rate/type",
        "/rate/benchmark",
        "/rate/repricing",
        "/repayment/frequency",
        "/repayment/day_count",
        "/repayment/revolving",
    ]
    .iter()
    .any(|p| starts(p))
    {
        return (Ci, text!("how interest is charged changed", "计息方式改变"));
    }
    if starts("/term/options") || starts("/repayment/methods") {
        return match m {
            Move::Removed => (Ci, text!("an option customers had is removed", "取消了客户可选的选项")),
            _ => (Re, text!("more terms or methods offered", "增加了可选期限或还款方式")),
        };
    }
    if starts("/channels") || starts("/borrower/segments") {
        return match m {
            Move::Removed => (Ti, text!("fewer channels or segments", "渠道或客群收窄")),
            _ => (Re, text!("eligibility or reach widened", "准入或覆盖范围扩大")),
        };
    }
    if starts("/approval/data_sources") {
        return match m {
            Move::Removed => (Re, text!("the decision uses less data", "审批使用的数据减少")),
            _ => (Ti, text!("the decision uses more data", "审批使用的数据增加")),
        };
    }
    if starts("/amount/min") || starts("/term/min") {
        return match m {
            Move::Down | Move::Removed => (Re, text!("smaller or shorter loans allowed", "允许更小金额或更短期限")),
            _ => (Ti, text!("the minimum raised", "下限提高")),
        };
    }
    if starts("/term/max") {
        return match m {
            Move::Down => (Ci, text!("the longest term shortened", "最长期限缩短")),
            _ => (Re, text!("the term lengthened", "期限延长")),
        };
    }
    let limits = [
        "/amount/max",
        "/amount/tiers",
        "/risk/npl_ceiling",
        "/risk/overdue_alert",
        "/limit/auto_increase",
        "/disbursement/entrusted_payment_above",
        "/joint_lending/partner_share",
        "/repayment/grace_period",
    ];
    if limits.iter().any(|p| starts(p)) || (starts("/collateral") && pointer.ends_with("/max_ltv")) {
        return match m {
            Move::Down | Move::Removed => (Ti, text!("a limit lowered", "限额或阈值降低")),
            _ => (Re, text!("a limit raised", "限额或阈值提高")),
        };
    }
    if starts("/collateral") {
        return match m {
            Move::Added => (Ti, text!("collateral added", "增加担保")),
            _ => (Re, text!("collateral reduced or changed", "担保减少或改变")),
        };
    }
    if [
        "/borrower/type",
        "/borrower/size",
        "/purpose",
        "/origination",
        "/joint_lending",
    ]
    .iter()
    .any(|p| starts(p))
    {
        return (
            Re,
            text!("who or what the product lends to changed", "贷款对象或用途改变"),
        );
    }
    if starts("/stage") {
        return match (stage_rank(old), stage_rank(new)) {
            (Some(a), Some(b)) if b < a => (Ti, text!("the stage moved back", "阶段回退")),
            _ => (Re, text!("the stage moved forward", "阶段前移")),
        };
    }
    let editorial = [
        "/name",
        "/description",
        "/changelog",
        "/green",
        "/lifecycle/review/last",
        "/approval/decision_within",
        "/approval/scorecard",
    ];
    if editorial.iter().any(|p| starts(p)) || pointer.starts_with("/x-") {
        return (Ed, text!("wording or records", "文字或记录"));
    }
    (
        Re,
        text!(
            "a change loanspec has no rule for: someone should look",
            "loanspec 未能归类的改动：需要人工审阅"
        ),
    )
}

/// Every change from `old` to `new` (both canonical values of one product).
pub(crate) fn compare(old: &Value, new: &Value) -> Vec<Change> {
    let (mut a, mut b) = (BTreeMap::new(), BTreeMap::new());
    leaves(old, "", &mut a);
    leaves(new, "", &mut b);
    let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    keys.into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .map(|k| {
            let (o, n) = (a.get(k), b.get(k));
            let (class, why) = classify(k, o, n);
            Change {
                pointer: k.clone(),
                old: o.cloned(),
                new: n.cloned(),
                class,
                why,
            }
        })
        .collect()
}

fn semver(v: &str) -> Option<(u64, u64, u64)> {
    let mut parts = v
        .trim()
        .split('.')
        .map(|p| p.split(['-', '+']).next().unwrap_or(p).parse::<u64>().ok());
    Some((parts.next()??, parts.next()??, parts.next()??))
}

/// The semver policy: any change needs a new version; a customer-impacting or risk-expanding
/// change at least a minor one (1.2.3 → 1.3.0); the version never goes back. `None`: fine.
pub(crate) fn version_problem(old: &str, new: &str, changes: &[Change]) -> Option<Text> {
    if changes.is_empty() {
        return None;
    }
    let (Some(o), Some(n)) = (semver(old), semver(new)) else {
        return (old == new).then(|| {
            text!(
                "the product changed but its version `{new}` did not",
                "产品有改动，但版本号 `{new}` 未变"
            )
        });
    };
    if n == o {
        return Some(text!(
            "the product changed but its version `{new}` did not",
            "产品有改动，但版本号 `{new}` 未变"
        ));
    }
    if n < o {
        return Some(text!(
            "the version went back from `{old}` to `{new}`",
            "版本号从 `{old}` 倒退为 `{new}`"
        ));
    }
    let weighty = changes
        .iter()
        .any(|c| matches!(c.class, Class::CustomerImpacting | Class::RiskExpanding));
    if weighty && n.0 == o.0 && n.1 == o.1 {
        let next = format!("{}.{}.0", o.0, o.1 + 1);
        return Some(text!(
            "a customer-impacting or risk-expanding change needs at least a minor version (`{next}`), not `{new}`",
            "影响客户或扩张风险的改动至少需要升级次版本号（`{next}`），而不是 `{new}`"
        ));
    }
    None
}

/// Sign-offs recorded by this change: in the new `approvals` and not in the old.
pub(crate) fn recorded(old: Option<&Product>, new: &Product) -> BTreeSet<Role> {
    let before: BTreeSet<(Role, String, DateOut)> = old
        .map(|p| p.approvals.iter().map(|a| (a.role, a.by.clone(), a.date)).collect())
        .unwrap_or_default();
    new.approvals
        .iter()
        .filter(|a| !before.contains(&(a.role, a.by.clone(), a.date)))
        .map(|a| a.role)
        .collect()
}
