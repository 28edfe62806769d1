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
}

macro_rules! codes {
    ($($ident:ident = $code:literal $name:literal $sev:ident $summary:literal;)*) => {
        $(
            #[doc = $summary]
            pub const $ident: &CodeInfo = &CodeInfo {
                code: $code,
                name: $name,
                severity: Severity::$sev,
                summary: $summary,
            };
        )*
        /// Every code in this table, in code order.
        pub const ALL: &[&CodeInfo] = &[$($ident),*];
    };
}

codes! {
    READ_ERROR = "LS001" "unreadable-file" Error "a file or folder of the catalogue could not be read";
    FILE_TOO_LARGE = "LS002" "file-too-large" Error "a file is larger than the size cap";
    INVALID_UTF8 = "LS003" "invalid-utf8" Error "a file is not valid UTF-8 text";
    NUL_BYTE = "LS004" "nul-byte" Error "a file contains a NUL byte";
    YAML_SYNTAX = "LS005" "yaml-syntax" Error "the YAML cannot be read";
    TAB_INDENT = "LS006" "tab-indentation" Error "a tab is used for indentation";
    DUPLICATE_KEY = "LS007" "duplicate-key" Error "a key appears twice in one mapping";
    TOO_DEEP = "LS008" "nesting-too-deep" Error "nesting is deeper than the cap";
    ALIAS_BUDGET = "LS009" "alias-expansion-too-large" Error "aliases expand to too many nodes";
    UNKNOWN_TAG = "LS010" "unsupported-tag" Error "a YAML tag such as `!include` is not supported";
    MULTIPLE_DOCUMENTS = "LS011" "multiple-documents" Error "a file holds more than one YAML document";
    EMPTY_FILE = "LS012" "empty-file" Error "a file holds no spec";
    ROOT_NOT_MAPPING = "LS013" "root-not-mapping" Error "the top of a file is not a mapping of keys";
    YAML11_LOOKALIKE = "LS014" "yaml11-lookalike" Warning "a value reads differently in YAML 1.1 tools";
    COMPLEX_KEY = "LS015" "complex-key" Error "a key is a list or a mapping";
    BAD_MERGE = "LS016" "invalid-merge-key" Error "a `<<` merge key does not name a mapping";
    NOT_A_FILE = "LS017" "not-a-regular-file" Error "a spec's name is on a FIFO, socket or device, which is not read";
    LINK_OUTSIDE = "LS018" "link-outside-catalogue" Error "a link in the catalogue leads outside it, or to nothing, and is not followed";
    MISNAMED_CONFIG = "LS019" "misnamed-config" Error "a catalogue config named other than `loanspec.yaml`";
    FULLWIDTH_PUNCTUATION = "LS020" "fullwidth-punctuation" Error "full-width punctuation (`：` `【】` `，` `　` `——`) stands where YAML needs its own";
    UNKNOWN_KEY = "LS101" "unknown-key" Error "a key is not part of the spec language";
    MISSING_KEY = "LS102" "missing-key" Error "a required key is missing";
    WRONG_TYPE = "LS103" "wrong-type" Error "a value has the wrong shape (text, number, list, mapping)";
    UNKNOWN_VALUE = "LS104" "unknown-value" Error "a value is not one of the allowed words";
    INVALID_VALUE = "LS105" "invalid-value" Error "a value does not have the required form";
    INVALID_MONEY = "LS106" "invalid-money" Error "an amount of money cannot be read";
    INVALID_PERCENT = "LS107" "invalid-percent" Error "a percentage cannot be read";
    INVALID_BP = "LS108" "invalid-basis-points" Error "a basis-point value cannot be read";
    INVALID_TERM = "LS109" "invalid-term" Error "a term or duration cannot be read";
    INVALID_DATE = "LS110" "invalid-date" Error "a date cannot be read";
    INVALID_RATE = "LS111" "invalid-rate" Error "a rate expression cannot be read";
    NUMBER_TOO_LARGE = "LS112" "number-out-of-range" Error "a number is too large or too precise to hold exactly";
    INVALID_AMOUNT_OR_PERCENT = "LS113" "invalid-fee-amount" Error "a fee amount is neither a percentage nor money";
    INVALID_THRESHOLD = "LS114" "invalid-threshold" Error "a metric threshold does not fit its metric";
    EXTENDS_NOT_FOUND = "LS120" "extends-not-found" Error "`extends` names a file that does not exist";
    EXTENDS_CYCLE = "LS121" "extends-cycle" Error "`extends` chains back to itself";
    EXTENDS_OUTSIDE = "LS122" "extends-outside-catalogue" Error "`extends` leaves the catalogue folder";
    EXTENDS_INVALID = "LS123" "extends-invalid-target" Error "`extends` names a file that has errors or is not a spec";
    NO_FIXING = "LS126" "no-benchmark-fixing" Error "no LPR fixing was in force on the as-of date";
    STALE_RATES = "LS127" "lpr-table-stale" Warning "the LPR table ends long before the as-of date";
    INVALID_FIXINGS = "LS128" "invalid-fixings" Error "extra LPR fixings in `rates:` cannot be read";
    CONFIG_UNKNOWN_RULE = "LS130" "unknown-rule" Error "the config names a rule that does not exist";
    CONFIG_NOT_FOUND = "LS131" "config-path-not-found" Error "the config names a file that does not exist";
    NO_CONFIG = "LS132" "no-catalogue-config" Warning "there is no loanspec.yaml, so the bank's settings are not applied";
    BAD_SUPPRESSION = "LS140" "malformed-suppression" Error "a `# loanspec:` comment cannot be read";
    UNKNOWN_SUPPRESSION = "LS141" "suppression-of-unknown-rule" Error "a suppression names something that is not a rule";
    SUPPRESSION_WITHOUT_REASON = "LS142" "suppression-without-reason" Error "a suppression gives no reason";
    UNUSED_SUPPRESSION = "LS143" "unused-suppression" Warning "a suppression silences nothing";
    CUSTOM_RULE_INVALID = "LS145" "invalid-custom-rule" Error "a custom rule in loanspec.yaml cannot be compiled";
    CUSTOM_RULE_FAILED = "LS146" "custom-rule-failed" Warning "a custom rule could not be evaluated for a product";
    AMOUNT_OUTSIDE_PRODUCT = "LS180" "amount-outside-product" Error "a simulated amount is outside what the product lends";
    TERM_OUTSIDE_PRODUCT = "LS181" "term-outside-product" Error "a simulated term is not one the product offers";
    METHOD_NOT_OFFERED = "LS182" "method-not-offered" Error "a simulated repayment method is not one the product offers";
    SCHEDULE_NOT_POSSIBLE = "LS183" "schedule-not-possible" Error "the repayment schedule cannot be made (term, frequency and grace do not fit)";
    NO_ANNUAL_RATE = "LS184" "no-annual-rate" Error "no annualized rate (APR) exists for the cash flows";
    INVALID_DRAWS = "LS185" "invalid-draws" Error "a drawdown plan cannot be read or does not fit the credit line";
    METRICS_INVALID = "LS170" "invalid-metrics-row" Error "a row of the `monitor` metrics file cannot be read (a month, a number, a column)";
    METRICS_UNKNOWN_PRODUCT = "LS171" "metrics-unknown-product" Error "a metrics row names a product that is not in the catalogue";
    METRICS_MONTH_ORDER = "LS172" "metrics-month-order" Error "a product's metrics rows are out of month order, or a month is there twice";
    INVALID_BASELINE = "LS190" "invalid-baseline" Error "a baseline file (`--baseline`) is not one `loanspec baseline write` wrote";
    BASELINE_STALE = "LS191" "baseline-entry-stale" Warning "a baseline entry matches no finding any more";
    TARGET_LEFT_OUT = "LS601" "target-left-out" Warning "a compile target cannot express part of the product, which it leaves out or approximates";
    TARGET_CANNOT_REPRESENT = "LS602" "target-cannot-represent" Error "a compile target cannot represent the product at all";
    INTERNAL = "LS901" "internal-error" Error "loanspec hit a case it does not handle; please report it";
}

/// Looks a code up by its code (`LS101`) or its name (`unknown-key`).
pub fn find(code_or_name: &str) -> Option<&'static CodeInfo> {
    ALL.iter()
        .copied()
        .find(|c| c.code.eq_ignore_ascii_case(code_or_name) || c.name == code_or_name)
}
