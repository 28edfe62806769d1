use crate::rules::{Confidence, Reference};

const CLASSIFICATION_2023: Reference = Reference {
    regulation: "《商业银行金融资产风险分类办法》 (CBIRC & PBOC Order 2023 No. 1)",
    article: "overdue thresholds of the five classes",
    effective: "2023-07-01",
    source: "Jianbiaoku full text; CBIRC explanation (facts §11; data/packs/cn-facts-added.md A5)",
    confidence: Confidence::Medium,
};

crate::declare_rule! {
    /// Retired in 0.3.0: it compared the overdue alert with the NPL ceiling, which measure different loans.
    ///
    /// ## Why
    /// The rule asked that `risk.overdue_alert` be below `risk.npl_ceiling`, on the idea that
    /// loans turn non-performing after being overdue. That is not sound: overdue loans are not a
    /// subset of NPLs. Any overdue loan is at least 关注 (special mention) and only one more than
    /// 90 days overdue is at least 次级 (an NPL), while an NPL can be current (classified on the
    /// borrower's condition). In retail books the ratio of loans overdue by any number of days
    /// normally exceeds the NPL ratio, so a sound alert line is often above the ceiling, and the
    /// rule pushed designers to set alerts that fire on every book. Only an alert on loans more
    /// than 90 days overdue is bounded by the NPL ratio, and specs do not state one. The rule
    /// therefore no longer runs; `risk.overdue_alert` keeps its meaning for `monitor` (the
    /// overdue ratio above it raises `overdue_alert`). A `rules:` entry or an `ignore` comment
    /// that names LS311 is an error that says so, so a bank's intent is never dropped unseen.
    ///
    /// ## Example
    /// ```yaml,valid
    /// risk: { npl_ceiling: 2%, overdue_alert: 3% }
    /// ```
    ///
    /// ## Parameters
    /// None.
    ///
    /// ## References
    /// 《商业银行金融资产风险分类办法》 (2023 No. 1): overdue days and the five classes.
    /// Confidence: medium-high.
    pub(crate) static RULE = {
        code: "LS311",
        name: "overdue-alert-above-npl-ceiling",
        group: Risk,
        severity: Warning,
        since: "0.2.0",
        status: Removed,
        references: &[CLASSIFICATION_2023],
        check: Removed,
    }
}
