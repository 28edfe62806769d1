//! `JsonSchema` and `Deserialize` for the unit types.
//!
//! In the schema a unit is text with a pattern (so an editor flags `rate: 4.35` as the designer
//! types), marked `x-loanspec-unit` so the checker hands the value to the unit's own parser,
//! whose diagnostics say where inside the text it went wrong. Deserialization goes through the
//! same parser, so the schema, the checker and the typed model cannot disagree.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{Deserialize, Deserializer, Error as _};
use serde_json::Value;

use super::units::{BasisPoints, Date, Duration, FeeAmount, Money, Percent, RateExpr, Term, Threshold};

/// The schema keyword naming a node's unit.
pub(crate) const UNIT_KEYWORD: &str = "x-loanspec-unit";

/// The schema keyword holding a description's Chinese (`description` holds the English): the
/// language server shows it to a Chinese user, and editors show both, Chinese first, from
/// `markdownDescription`.
pub(crate) const DESCRIPTION_ZH_KEYWORD: &str = "x-loanspec-description-zh";

macro_rules! unit {
    ($ty:ident, $name:literal, $schema:tt) => {
        impl JsonSchema for $ty {
            fn schema_name() -> Cow<'static, str> {
                Cow::Borrowed(stringify!($ty))
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                let mut schema = json_schema!($schema);
                schema.insert(UNIT_KEYWORD.into(), Value::from($name));
                schema
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = Value::deserialize(deserializer)?;
                $ty::parse_value(&value).map_err(|e| D::Error::custom(e.message.en))
            }
        }
    };
}

unit!(Money, "money", {
    "description": "An amount of money in the product's currency: digits (`5000000`, `\"5,000,000\"`) or with 万/亿 (`500万`, `1.5亿`); at most 2 decimals.",
    "x-loanspec-description-zh": "本产品币种的金额：写数字（`5000000`、`\"5,000,000\"`），或带万、亿（`500万`、`1.5亿`）；最多两位小数。",
    "type": ["string", "number"],
    "pattern": "^\\s*[0-9][0-9,]*(\\.[0-9]+)?\\s*(千万|百万|万|亿)?元?\\s*$",
    "minimum": 0,
    "examples": ["500万", "5000000", "1.5亿"]
});

unit!(Percent, "percent", {
    "description": "A percentage (`1.5%`), or basis points (`150bp`); at most 4 decimals.",
    "x-loanspec-description-zh": "百分比（`1.5%`），或基点（`150bp`）；最多四位小数。",
    "type": "string",
    "pattern": "^\\s*\\+?[0-9]+(\\.[0-9]+)?\\s*(%|[bB][pP][sS]?|个?基点)\\s*$",
    "examples": ["1.5%", "30%"]
});

unit!(BasisPoints, "basis_points", {
    "description": "Whole basis points (`50bp`, `-20bp`; 100bp = 1%), or a percentage (`0.5%`).",
    "x-loanspec-description-zh": "整数基点（`50bp`、`-20bp`；100bp = 1%），或百分比（`0.5%`）。",
    "type": "string",
    "pattern": "^\\s*[+-]?\\s*[0-9]+(\\.[0-9]+)?\\s*(%|[bB][pP][sS]?|个?基点)\\s*$",
    "examples": ["50bp", "-20bp"]
});

unit!(Term, "term", {
    "description": "A term: months (`6M`), years (`1Y`) or days under a month (`15D`). Normalized to whole months.",
    "x-loanspec-description-zh": "期限：月（`6M`）、年（`1Y`），或不足一个月的天数（`15D`）。统一折算为整月。",
    "type": "string",
    "pattern": "^\\s*[0-9]+(\\.[0-9]+)?\\s*(M|Y|y|D|d|个月|月|年半|年|天|日)\\s*$",
    "examples": ["12M", "1Y", "15D"]
});

unit!(Duration, "duration", {
    "description": "A service time: minutes (`30min`), hours (`2h`) or days (`1D`).",
    "x-loanspec-description-zh": "服务时效：分钟（`30min`）、小时（`2h`）或天（`1D`）。",
    "type": "string",
    "pattern": "^\\s*[0-9]+(\\.[0-9]+)?\\s*(min|h|H|D|d|分钟|小时|天|日)\\s*$",
    "examples": ["2h", "1D"]
});

unit!(Date, "date", {
    "description": "A date, year-month-day (`2025-09-01`).",
    "x-loanspec-description-zh": "日期，按年-月-日书写（`2025-09-01`）。",
    "type": "string",
    "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    "examples": ["2025-09-01"]
});

unit!(RateExpr, "rate", {
    "description": "A rate: fixed (`4.35%`) or a benchmark plus a spread (`LPR1Y + 50bp`, `LPR5Y - 20bp`).",
    "x-loanspec-description-zh": "利率：固定利率（`4.35%`），或基准利率加减点（`LPR1Y + 50bp`、`LPR5Y - 20bp`）。",
    "type": "string",
    "pattern": "^\\s*(([0-9]+(\\.[0-9]+)?\\s*%)|(([Ll][Pp][Rr][15][Yy]|[一1]年期LPR|[五5]年期(以上)?LPR)(\\s*[+-]\\s*[0-9]+(\\.[0-9]+)?\\s*(%|[bB][pP][sS]?|个?基点))?))\\s*$",
    "examples": ["LPR1Y + 50bp", "LPR5Y - 20bp", "4.35%"]
});

unit!(FeeAmount, "fee_amount", {
    "description": "A fee: a percentage of the principal (`0.5%`) or a fixed amount (`500`, `1万`).",
    "x-loanspec-description-zh": "费用：本金的百分比（`0.5%`）或固定金额（`500`、`1万`）。",
    "type": ["string", "number"],
    "examples": ["0.5%", "500"]
});

unit!(Threshold, "threshold", {
    "description": "A metric threshold: a percentage for ratios (`3%`), a number for hours or customers (`2`), an amount for balances (`5000万`).",
    "x-loanspec-description-zh": "指标阈值：比率写百分比（`3%`），小时数或客户数写数字（`2`），余额写金额（`5000万`）。",
    "type": ["string", "number"],
    "examples": ["3%", "2"]
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::units::UnitKind;

    /// Texts a designer might write in a unit field: numbers with and without signs, grouping
    /// and decimals, every unit word any unit takes, benchmarks and spreads, spaced and not.
    fn corpus() -> Vec<String> {
        let numbers = ["0", "4", "4.35", "12", ".5", "4.", "1,000", "1.5", "0.25", "100"];
        let signs = ["", "+", "-", "+ ", "- "];
        let units = [
            "",
            "%",
            "bp",
            "bps",
            "BP",
            "Bps",
            "基点",
            "个基点",
            "M",
            "Y",
            "y",
            "D",
            "d",
            "m",
            "个月",
            "月",
            "年",
            "年半",
            "天",
            "日",
            "min",
            "h",
            "H",
            "分钟",
            "小时",
            "万",
            "亿",
            "元",
            "万元",
            "千万",
            "百万",
            "CNY",
        ];
        let mut out = Vec::new();
        for number in numbers {
            for sign in signs {
                for unit in units {
                    for space in ["", " "] {
                        out.push(format!("{sign}{number}{space}{unit}"));
                    }
                }
            }
        }
        let benchmarks = [
            "LPR1Y",
            "lpr5y",
            "LPR5Y",
            "LPR",
            "LPR2Y",
            "1年期LPR",
            "一年期LPR",
            "五年期以上LPR",
            "5年期LPR",
        ];
        let spreads = [
            "",
            " + 50bp",
            "+50bp",
            " - 20bp",
            " + 0.5%",
            " + 50",
            " 50bp",
            " + 50个基点",
            " + +50bp",
            " + 1.5bp",
        ];
        for benchmark in benchmarks {
            for spread in spreads {
                out.push(format!("{benchmark}{spread}"));
                out.push(format!(" {benchmark}{spread} "));
            }
        }
        out.extend(["2026-09-01", "2026-9-1", "20260901", ""].map(String::from));
        out
    }

    /// Whatever a unit's parser takes, its schema pattern admits: an editor never marks red a
    /// value loanspec accepts, and the validator, which is compiled without the units'
    /// patterns (the parser judges those values), loses nothing by it.
    #[test]
    fn every_value_a_parser_accepts_matches_its_pattern() {
        let units: [(&str, Schema); 6] = [
            ("money", Money::json_schema(&mut SchemaGenerator::default())),
            ("percent", Percent::json_schema(&mut SchemaGenerator::default())),
            (
                "basis_points",
                BasisPoints::json_schema(&mut SchemaGenerator::default()),
            ),
            ("term", Term::json_schema(&mut SchemaGenerator::default())),
            ("duration", Duration::json_schema(&mut SchemaGenerator::default())),
            ("rate", RateExpr::json_schema(&mut SchemaGenerator::default())),
        ];
        let corpus = corpus();
        let mut wrong = Vec::new();
        for (name, schema) in &units {
            let pattern = schema.get("pattern").and_then(Value::as_str).unwrap_or_default();
            let regex = regex::Regex::new(pattern).unwrap_or_else(|e| panic!("{name}: {e}"));
            let kind = UnitKind::from_name(name).unwrap_or_else(|| panic!("{name}"));
            for text in &corpus {
                if kind.check(&Value::String(text.clone())).is_ok() && !regex.is_match(text) {
                    wrong.push(format!("{name}: {text:?}"));
                }
            }
        }
        assert!(
            wrong.is_empty(),
            "accepted, but refused by the pattern:\n{}",
            wrong.join("\n")
        );
    }
}
