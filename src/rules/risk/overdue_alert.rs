use crate::rules::{Confidence, Reference};

const CLASSIFICATION_2023: Reference = Reference {
    regulation: "《商业银行金融资产风险分类办法》 (CBIRC & PBOC Order 2023 No. 1)",
    regulation_zh: "《商业银行金融资产风险分类办法》（中国银保监会、中国人民银行令2023年第1号）",
    article: "overdue thresholds of the five classes",
    article_zh: "关于五级分类逾期天数的规定",
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
    ///
    /// ## 中文
    /// 已于0.3.0停用：它比较逾期预警线和不良率上限，而两者衡量的是不同的贷款。
    ///
    /// 本规则曾要求 `risk.overdue_alert` 低于 `risk.npl_ceiling`，理由是贷款先逾期、后成为不良。这并不成立：逾期贷款不是不良贷款的子集。任何逾期贷款至少是关注类，逾期超过90天的才至少是次级类（不良）；而不良贷款也可以没有逾期（按借款人的状况分类）。零售贷款中，任意天数的逾期率通常高于不良率，所以合理的预警线往往高于不良率上限，而本规则迫使设计人员把预警线定得对每个资产组合都会触发。只有针对逾期90天以上贷款的预警线才以不良率为界，而规格中不写这个值。因此本规则不再运行；`risk.overdue_alert` 在 `monitor` 中的含义不变（逾期率高于它时报 `overdue_alert`）。`rules:` 条目或 `ignore` 注释中写了 LS311 的，会报错并说明原因，银行的意图不会被悄悄丢掉。
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
