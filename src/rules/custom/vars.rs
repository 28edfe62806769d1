//! What a custom rule reads: the product's fields as CEL values.

use super::{Decimal, HashMap, MoneyOut, PercentOut, Product, TermOut, ToPrimitive, Value};

pub(super) fn dec(d: Decimal) -> Value {
    Value::Float(d.to_f64().unwrap_or(0.0))
}

pub(super) fn money(m: &MoneyOut) -> Value {
    dec(m.value())
}

pub(super) fn percent(p: &PercentOut) -> Value {
    dec(p.value())
}

pub(super) fn months(t: TermOut) -> Value {
    match t {
        TermOut::Months(m) => Value::Int(i64::from(m)),
        TermOut::Days(_) => Value::Int(0),
    }
}

pub(super) fn opt<T>(v: Option<T>, f: impl FnOnce(T) -> Value) -> Value {
    v.map_or(Value::Null, f)
}

pub(super) fn s(text: impl AsRef<str>) -> Value {
    Value::from(text.as_ref())
}

/// The snake-case word of an enum value, as written in the spec.
pub(super) fn word<T: serde::Serialize>(v: &T) -> Value {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(w)) => Value::from(w),
        _ => Value::Null,
    }
}

pub(super) fn map(entries: Vec<(&str, Value)>) -> Value {
    let m: HashMap<String, Value> = entries.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
    Value::from(m)
}

pub(super) fn list<T>(items: &[T], f: impl Fn(&T) -> Value) -> Value {
    Value::from(items.iter().map(f).collect::<Vec<Value>>())
}

/// The variables of a product, as the table in this module's docs lists them.
#[expect(
    clippy::too_many_lines,
    reason = "every product field a CEL rule may read, one after another: a mapping, long by nature"
)]
pub(super) fn variables(p: &Product) -> Vec<(&'static str, Value)> {
    vec![
        ("code", s(&p.code)),
        ("version", s(&p.version)),
        ("stage", word(&p.stage)),
        ("purpose", word(&p.purpose)),
        ("origination", word(&p.origination)),
        ("as_of", s(p.as_of.text())),
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
                ("size", opt(p.borrower.size.as_ref(), word)),
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
                ("compound_interest", opt(p.penalty.compound_interest, Value::Bool)),
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
                map(vec![
                    ("role", word(&a.role)),
                    ("by", s(&a.by)),
                    ("date", s(a.date.text())),
                ])
            }),
        ),
    ]
}
