//! Rule packs: the numbers the rules use, per jurisdiction, each with its citation, effective
//! date and confidence. The `cn` pack is `data/packs/cn.yaml`, embedded. A bank overrides any
//! value in `loanspec.yaml` (`parameters:`).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, LazyLock};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::Value;

use crate::model::units::{Money, Percent, Term, UnitError};
use crate::source::{FileId, SourceFile};
use crate::syntax::{self, Limits};

/// The embedded `cn` pack.
pub(crate) const CN_YAML: &str = include_str!("../../data/packs/cn.yaml");

/// How sure the source of a fact is (`docs/design/regulatory-facts-cn.md`). Ordered from
/// most to least certain.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Confidence {
    High,
    Medium,
    /// Not a regulation: a common internal-policy default for the bank to review.
    Policy,
    Low,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::High => "high",
            Confidence::Medium => "medium",
            Confidence::Policy => "policy",
            Confidence::Low => "low",
        }
    }

    /// The confidence in Chinese.
    pub(crate) fn zh(self) -> &'static str {
        match self {
            Confidence::High => "高",
            Confidence::Medium => "中",
            Confidence::Policy => "内部政策",
            Confidence::Low => "低",
        }
    }

    fn parse(s: &str) -> Option<Confidence> {
        Some(match s {
            "high" => Confidence::High,
            "medium" => Confidence::Medium,
            "policy" => Confidence::Policy,
            "low" => Confidence::Low,
            _ => return None,
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamKind {
    Term,
    Money,
    Percent,
    Number,
}

impl ParamKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            ParamKind::Term => "term",
            ParamKind::Money => "money",
            ParamKind::Percent => "percent",
            ParamKind::Number => "number",
        }
    }

    fn parse(s: &str) -> Option<ParamKind> {
        Some(match s {
            "term" => ParamKind::Term,
            "money" => ParamKind::Money,
            "percent" => ParamKind::Percent,
            "number" => ParamKind::Number,
            _ => return None,
        })
    }

    /// Reads a value of this kind as a designer writes it.
    pub(crate) fn read(self, value: &Value) -> Result<ParamValue, UnitError> {
        Ok(match self {
            ParamKind::Term => ParamValue::Term(Term::parse_value(value)?),
            ParamKind::Money => ParamValue::Money(Money::parse_value(value)?),
            ParamKind::Percent => ParamValue::Percent(Percent::parse_value(value)?),
            ParamKind::Number => ParamValue::Number(number(value).ok_or_else(|| UnitError {
                code: crate::diagnostics::codes::INVALID_VALUE,
                message: crate::text!("expected a plain number", "此处应为数字"),
                help: crate::text!("write a number, like `4`", "请写数字，例如 `4`"),
                at: None,
                suggestion: None,
            })?),
        })
    }
}

fn number(value: &Value) -> Option<Decimal> {
    match value {
        Value::Number(n) => Decimal::from_str_exact(n.as_str()).ok(),
        _ => None,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamValue {
    Term(Term),
    Money(Money),
    Percent(Percent),
    Number(Decimal),
}

impl ParamValue {
    pub(crate) fn display(self) -> String {
        match self {
            ParamValue::Term(t) => t.display(),
            ParamValue::Money(m) => m.display(),
            ParamValue::Percent(p) => p.display(),
            ParamValue::Number(n) => n.normalize().to_string(),
        }
    }
}

/// One parameter of a pack.
#[derive(Clone, Debug)]
pub struct Param {
    pub name: String,
    pub kind: ParamKind,
    /// `None`: no default (a low-confidence fact); the rule stays silent until a bank sets it.
    pub value: Option<ParamValue>,
    pub summary: String,
    /// The summary in Chinese (`summary_zh:`).
    pub summary_zh: String,
    pub regulation: String,
    /// The regulation in Chinese (`regulation_zh:`).
    pub regulation_zh: String,
    pub article: String,
    pub effective: Option<NaiveDate>,
    pub source: String,
    pub confidence: Confidence,
    /// Set by the bank in `loanspec.yaml`.
    pub overridden: bool,
}

impl Param {
    /// The summary in the reader's language.
    pub(crate) fn summary_in(&self, lang: crate::diagnostics::Lang) -> &str {
        match lang {
            crate::diagnostics::Lang::En => &self.summary,
            crate::diagnostics::Lang::Zh => &self.summary_zh,
        }
    }

    /// The regulation in the reader's language.
    pub(crate) fn regulation_in(&self, lang: crate::diagnostics::Lang) -> &str {
        match lang {
            crate::diagnostics::Lang::En => &self.regulation,
            crate::diagnostics::Lang::Zh => &self.regulation_zh,
        }
    }

    /// The value in force on `as_of`: a bank's own value always, the pack's from its effective date.
    pub(crate) fn value_on(&self, as_of: NaiveDate) -> Option<ParamValue> {
        if self.overridden || self.effective.is_none_or(|from| from <= as_of) {
            self.value
        } else {
            None
        }
    }
}

/// A rule pack with the bank's overrides applied.
#[derive(Clone, Debug, Default)]
pub struct Pack {
    pub name: String,
    params: BTreeMap<String, Param>,
    as_of: Option<NaiveDate>,
}

/// The embedded pack and the problems reading it (a test keeps them empty), read once: every
/// run asks for both.
static CN: LazyLock<(Pack, Vec<String>)> = LazyLock::new(load_cn);

/// Problems reading the embedded pack.
pub(crate) fn cn_problems() -> &'static [String] {
    &CN.1
}

fn load_cn() -> (Pack, Vec<String>) {
    let file = Arc::new(SourceFile::new(
        PathBuf::from("data/packs/cn.yaml"),
        "cn.yaml".into(),
        "cn.yaml".into(),
        CN_YAML.into(),
        false,
    ));
    let parsed = syntax::parse(FileId(0), &file, &Limits::default());
    let mut problems: Vec<String> = parsed.diagnostics.iter().map(|d| d.message.en.clone()).collect();
    let mut pack = Pack {
        name: "cn".into(),
        ..Pack::default()
    };
    let Some(doc) = parsed.document else {
        return (pack, problems);
    };
    let Some(params) = doc.value.get("parameters").and_then(Value::as_object) else {
        problems.push("no `parameters`".into());
        return (pack, problems);
    };
    for (name, entry) in params {
        let text = |k: &str| entry.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
        let Some(kind) = ParamKind::parse(&text("kind")) else {
            problems.push(format!("{name}: unknown kind"));
            continue;
        };
        let Some(confidence) = Confidence::parse(&text("confidence")) else {
            problems.push(format!("{name}: unknown confidence"));
            continue;
        };
        let value = match entry.get("value") {
            None | Some(Value::Null) => None,
            Some(v) => match kind.read(v) {
                Ok(v) => Some(v),
                Err(e) => {
                    problems.push(format!("{name}: {}", e.message.en));
                    None
                }
            },
        };
        let effective = entry
            .get("effective")
            .and_then(Value::as_str)
            .map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d"));
        let effective = match effective {
            Some(Ok(d)) => Some(d),
            Some(Err(_)) => {
                problems.push(format!("{name}: effective is not a date"));
                None
            }
            None => None,
        };
        for key in ["summary", "summary_zh", "regulation", "regulation_zh"] {
            if text(key).trim().is_empty() {
                problems.push(format!("{name}: no `{key}`"));
            }
        }
        if confidence == Confidence::Low && value.is_some() {
            problems.push(format!("{name}: a low-confidence fact must not have a default value"));
        }
        pack.params.insert(
            name.clone(),
            Param {
                name: name.clone(),
                kind,
                value,
                summary: text("summary"),
                summary_zh: text("summary_zh"),
                regulation: text("regulation"),
                regulation_zh: text("regulation_zh"),
                article: text("article"),
                effective,
                source: text("source"),
                confidence,
                overridden: false,
            },
        );
    }
    (pack, problems)
}

impl Pack {
    /// The embedded `cn` pack.
    pub fn cn() -> &'static Pack {
        &CN.0
    }

    /// This pack as of a date (the date decides which parameters are in force).
    #[must_use]
    pub(crate) fn on(&self, as_of: NaiveDate) -> Pack {
        let mut pack = self.clone();
        pack.as_of = Some(as_of);
        pack
    }

    pub fn params(&self) -> impl Iterator<Item = &Param> {
        self.params.values()
    }

    pub fn param(&self, name: &str) -> Option<&Param> {
        self.params.get(name)
    }

    /// Sets a bank's value.
    pub(crate) fn set(&mut self, name: &str, value: ParamValue) {
        if let Some(p) = self.params.get_mut(name) {
            p.value = Some(value);
            p.overridden = true;
        }
    }

    fn value(&self, name: &str) -> Option<ParamValue> {
        let param = self.params.get(name)?;
        match self.as_of {
            Some(as_of) => param.value_on(as_of),
            None => param.value,
        }
    }

    pub(crate) fn term(&self, name: &str) -> Option<Term> {
        match self.value(name)? {
            ParamValue::Term(t) => Some(t),
            _ => None,
        }
    }

    pub(crate) fn money(&self, name: &str) -> Option<Money> {
        match self.value(name)? {
            ParamValue::Money(m) => Some(m),
            _ => None,
        }
    }

    pub(crate) fn percent(&self, name: &str) -> Option<Percent> {
        match self.value(name)? {
            ParamValue::Percent(p) => Some(p),
            _ => None,
        }
    }

    pub(crate) fn number(&self, name: &str) -> Option<Decimal> {
        match self.value(name)? {
            ParamValue::Number(n) => Some(n),
            _ => None,
        }
    }

    /// Whether a switch-like parameter (a number that is 1 when the requirement is in force) is on.
    pub(crate) fn in_force(&self, name: &str) -> bool {
        self.number(name).is_some_and(|n| n == Decimal::ONE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cn_pack_reads_completely() {
        assert!(cn_problems().is_empty(), "{:?}", cn_problems());
        let pack = Pack::cn();
        assert_eq!(pack.term("consumption_term_max"), Some(Term::Months(60)));
        assert_eq!(pack.money("internet_unsecured_limit").map(Money::display), None);
        assert_eq!(
            pack.money("internet_unsecured_consumer_limit")
                .map(Money::display)
                .as_deref(),
            Some("20万")
        );
        assert!(pack.param("ltv_real_estate_max").is_some_and(|p| p.value.is_none()));
    }

    #[test]
    fn a_parameter_is_silent_before_its_law_took_effect() {
        let before = Pack::cn().on(NaiveDate::from_ymd_opt(2024, 6, 30).unwrap_or_default());
        let after = Pack::cn().on(NaiveDate::from_ymd_opt(2024, 7, 1).unwrap_or_default());
        assert_eq!(before.term("consumption_term_max"), None);
        assert_eq!(after.term("consumption_term_max"), Some(Term::Months(60)));
        let mut bank = Pack::cn().on(NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default());
        bank.set("consumption_term_max", ParamValue::Term(Term::Months(36)));
        assert_eq!(
            bank.term("consumption_term_max"),
            Some(Term::Months(36)),
            "a bank's own value is always in force"
        );
    }
}
