//! The codes of every diagnostic that is not a catalogue rule: reading files, YAML, the schema,
//! units, `extends` and benchmarks. Rules (`src/rules/`) declare their own codes; the registry
//! test checks that no code is used twice.
//!
//! Ranges: `LS0xx` reading and YAML, `LS1xx` schema, units, resolution and the catalogue config,
//! `LS15x` structural consistency rules, `LS2xx`–`LS5xx` the rule catalogue, `LS6xx` compile
//! targets. `LS9xx` is the tool
//! itself. Codes are never reused.

use super::Severity;

/// A diagnostic code with its kebab-case name and a one-line summary.
#[derive(Debug, PartialEq, Eq)]
pub struct CodeInfo {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    /// The summary in Chinese.
    pub summary_zh: &'static str,
}

macro_rules! codes {
    ($($ident:ident = $code:literal $name:literal $sev:ident $summary:literal $zh:literal;)*) => {
        $(
            #[doc = $summary]
            pub const $ident: &CodeInfo = &CodeInfo {
                code: $code,
                name: $name,
                severity: Severity::$sev,
                summary: $summary,
                summary_zh: $zh,
            };
        )*
        /// Every code in this table, in code order.
        pub const ALL: &[&CodeInfo] = &[$($ident),*];
    };
}

codes! {
    READ_ERROR = "LS001" "unreadable-file" Error "a file or folder of the catalogue could not be read" "目录中的文件或文件夹无法读取";
    FILE_TOO_LARGE = "LS002" "file-too-large" Error "a file is larger than the size cap" "文件超过大小上限";
    INVALID_UTF8 = "LS003" "invalid-utf8" Error "a file is not valid UTF-8 text" "文件不是有效的 UTF-8 文本";
    NUL_BYTE = "LS004" "nul-byte" Error "a file contains a NUL byte" "文件中含有 NUL 字节";
    YAML_SYNTAX = "LS005" "yaml-syntax" Error "the YAML cannot be read" "YAML 无法读取";
    TAB_INDENT = "LS006" "tab-indentation" Error "a tab is used for indentation" "用制表符（Tab）缩进";
    DUPLICATE_KEY = "LS007" "duplicate-key" Error "a key appears twice in one mapping" "同一个映射中某个键出现了两次";
    TOO_DEEP = "LS008" "nesting-too-deep" Error "nesting is deeper than the cap" "嵌套层数超过上限";
    ALIAS_BUDGET = "LS009" "alias-expansion-too-large" Error "aliases expand to too many nodes" "别名展开后的节点太多";
    UNKNOWN_TAG = "LS010" "unsupported-tag" Error "a YAML tag such as `!include` is not supported" "不支持 `!include` 之类的 YAML 标签";
    MULTIPLE_DOCUMENTS = "LS011" "multiple-documents" Error "a file holds more than one YAML document" "一个文件中有不止一个 YAML 文档";
    EMPTY_FILE = "LS012" "empty-file" Error "a file holds no spec" "文件中没有规格";
    ROOT_NOT_MAPPING = "LS013" "root-not-mapping" Error "the top of a file is not a mapping of keys" "文件顶层不是由键组成的映射";
    YAML11_LOOKALIKE = "LS014" "yaml11-lookalike" Warning "a value reads differently in YAML 1.1 tools" "某个值在 YAML 1.1 工具中会被读成别的意思";
    COMPLEX_KEY = "LS015" "complex-key" Error "a key is a list or a mapping" "键是列表或映射";
    BAD_MERGE = "LS016" "invalid-merge-key" Error "a `<<` merge key does not name a mapping" "`<<` 合并键指向的不是映射";
    NOT_A_FILE = "LS017" "not-a-regular-file" Error "a spec's name is on a FIFO, socket or device, which is not read" "规格名称指向 FIFO、套接字或设备，不会读取";
    LINK_OUTSIDE = "LS018" "link-outside-catalogue" Error "a link in the catalogue leads outside it, or to nothing, and is not followed" "目录中的链接指向目录之外或不存在的位置，不会跟随";
    MISNAMED_CONFIG = "LS019" "misnamed-config" Error "a catalogue config named other than `loanspec.yaml`" "目录配置文件的名称不是 `loanspec.yaml`";
    FULLWIDTH_PUNCTUATION = "LS020" "fullwidth-punctuation" Error "full-width punctuation (`：` `【】` `，` `　` `——`) stands where YAML needs its own" "在 YAML 需要半角符号的位置用了全角标点（`：` `【】` `，` `　` `——`）";
    UNKNOWN_KEY = "LS101" "unknown-key" Error "a key is not part of the spec language" "键不属于规格语言";
    MISSING_KEY = "LS102" "missing-key" Error "a required key is missing" "缺少必填的键";
    WRONG_TYPE = "LS103" "wrong-type" Error "a value has the wrong shape (text, number, list, mapping)" "值的形式不对（文本、数字、列表、映射）";
    UNKNOWN_VALUE = "LS104" "unknown-value" Error "a value is not one of the allowed words" "值不是允许的词之一";
    INVALID_VALUE = "LS105" "invalid-value" Error "a value does not have the required form" "值不符合要求的格式";
    INVALID_MONEY = "LS106" "invalid-money" Error "an amount of money cannot be read" "金额无法读取";
    INVALID_PERCENT = "LS107" "invalid-percent" Error "a percentage cannot be read" "百分比无法读取";
    INVALID_BP = "LS108" "invalid-basis-points" Error "a basis-point value cannot be read" "基点值无法读取";
    INVALID_TERM = "LS109" "invalid-term" Error "a term or duration cannot be read" "期限或时长无法读取";
    INVALID_DATE = "LS110" "invalid-date" Error "a date cannot be read" "日期无法读取";
    INVALID_RATE = "LS111" "invalid-rate" Error "a rate expression cannot be read" "利率表达式无法读取";
    NUMBER_TOO_LARGE = "LS112" "number-out-of-range" Error "a number is too large or too precise to hold exactly" "数字太大或精度太高，无法精确保存";
    INVALID_AMOUNT_OR_PERCENT = "LS113" "invalid-fee-amount" Error "a fee amount is neither a percentage nor money" "费用金额既不是百分比也不是金额";
    INVALID_THRESHOLD = "LS114" "invalid-threshold" Error "a metric threshold does not fit its metric" "指标阈值与指标不相符";
    EXTENDS_NOT_FOUND = "LS120" "extends-not-found" Error "`extends` names a file that does not exist" "`extends` 指向的文件不存在";
    EXTENDS_CYCLE = "LS121" "extends-cycle" Error "`extends` chains back to itself" "`extends` 绕回了自身";
    EXTENDS_OUTSIDE = "LS122" "extends-outside-catalogue" Error "`extends` leaves the catalogue folder" "`extends` 指向目录文件夹之外";
    EXTENDS_INVALID = "LS123" "extends-invalid-target" Error "`extends` names a file that has errors or is not a spec" "`extends` 指向的文件有错误或不是规格";
    NO_FIXING = "LS126" "no-benchmark-fixing" Error "no LPR fixing was in force on the as-of date" "评估日期当天没有有效的 LPR 报价";
    STALE_RATES = "LS127" "lpr-table-stale" Warning "the LPR table ends long before the as-of date" "LPR 表的最后一期远早于评估日期";
    INVALID_FIXINGS = "LS128" "invalid-fixings" Error "extra LPR fixings in `rates:` cannot be read" "`rates:` 中补充的 LPR 报价无法读取";
    CONFIG_UNKNOWN_RULE = "LS130" "unknown-rule" Error "the config names a rule that does not exist" "配置中写了不存在的规则";
    CONFIG_NOT_FOUND = "LS131" "config-path-not-found" Error "the config names a file that does not exist" "配置中写的文件不存在";
    NO_CONFIG = "LS132" "no-catalogue-config" Warning "there is no loanspec.yaml, so the bank's settings are not applied" "没有 loanspec.yaml，本行的设置未被应用";
    BAD_SUPPRESSION = "LS140" "malformed-suppression" Error "a `# loanspec:` comment cannot be read" "`# loanspec:` 注释无法读取";
    UNKNOWN_SUPPRESSION = "LS141" "suppression-of-unknown-rule" Error "a suppression names something that is not a rule" "豁免注释写的不是规则";
    SUPPRESSION_WITHOUT_REASON = "LS142" "suppression-without-reason" Error "a suppression gives no reason" "豁免注释没有写理由";
    UNUSED_SUPPRESSION = "LS143" "unused-suppression" Warning "a suppression silences nothing" "豁免注释没有豁免任何发现";
    CUSTOM_RULE_INVALID = "LS145" "invalid-custom-rule" Error "a custom rule in loanspec.yaml cannot be compiled" "loanspec.yaml 中的自定义规则无法编译";
    CUSTOM_RULE_FAILED = "LS146" "custom-rule-failed" Warning "a custom rule could not be evaluated for a product" "自定义规则无法对某个产品求值";
    AMOUNT_OUTSIDE_PRODUCT = "LS180" "amount-outside-product" Error "a simulated amount is outside what the product lends" "模拟的金额超出产品的贷款金额范围";
    TERM_OUTSIDE_PRODUCT = "LS181" "term-outside-product" Error "a simulated term is not one the product offers" "模拟的期限不是产品提供的期限";
    METHOD_NOT_OFFERED = "LS182" "method-not-offered" Error "a simulated repayment method is not one the product offers" "模拟的还款方式不是产品提供的方式";
    SCHEDULE_NOT_POSSIBLE = "LS183" "schedule-not-possible" Error "the repayment schedule cannot be made (term, frequency and grace do not fit)" "无法排出还款计划（期限、还款频率和宽限期不匹配）";
    NO_ANNUAL_RATE = "LS184" "no-annual-rate" Error "no annualized rate (APR) exists for the cash flows" "现金流不存在年化利率（APR）";
    INVALID_DRAWS = "LS185" "invalid-draws" Error "a drawdown plan cannot be read or does not fit the credit line" "提款计划无法读取，或与循环额度不符";
    METRICS_INVALID = "LS170" "invalid-metrics-row" Error "a row of the `monitor` metrics file cannot be read (a month, a number, a column)" "`monitor` 指标文件中的某一行无法读取（月份、数字或列）";
    METRICS_UNKNOWN_PRODUCT = "LS171" "metrics-unknown-product" Error "a metrics row names a product that is not in the catalogue" "指标行写的产品不在目录中";
    METRICS_MONTH_ORDER = "LS172" "metrics-month-order" Error "a product's metrics rows are out of month order, or a month is there twice" "某产品的指标行月份顺序不对，或某个月出现了两次";
    INVALID_BASELINE = "LS190" "invalid-baseline" Error "a baseline file (`--baseline`) is not one `loanspec baseline write` wrote" "基线文件（`--baseline`）不是 `loanspec baseline write` 写出的";
    BASELINE_STALE = "LS191" "baseline-entry-stale" Warning "a baseline entry matches no finding any more" "基线条目已不再对应任何发现";
    TARGET_LEFT_OUT = "LS601" "target-left-out" Warning "a compile target cannot express part of the product, which it leaves out or approximates" "编译目标无法表达产品的一部分，只能略去或近似";
    TARGET_CANNOT_REPRESENT = "LS602" "target-cannot-represent" Error "a compile target cannot represent the product at all" "编译目标完全无法表示该产品";
    INTERNAL = "LS901" "internal-error" Error "loanspec hit a case it does not handle; please report it" "loanspec 遇到了未处理的情况；请报告";
}

/// Looks a code up by its code (`LS101`) or its name (`unknown-key`).
pub fn find(code_or_name: &str) -> Option<&'static CodeInfo> {
    ALL.iter()
        .copied()
        .find(|c| c.code.eq_ignore_ascii_case(code_or_name) || c.name == code_or_name)
}
