use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{Spec, Target, complete, definition, hover, symbols};
use crate::diagnostics::Lang;

const SPEC: &str = "loanspec: 1
code: TEST-P
version: 1.0.0
name: { zh: 测试, en: Test }
extends: ../lines/personal-business.yaml
amount:
  currency: CNY
  max: 500万
rate: LPR1Y + 50bp
purpose: consumption
lifecycle:
  retirement:
    successor: OTHER-P
fees:
  - kind: arrangement
    amount: 1%
";

fn at(text: &str, needle: &str) -> usize {
    text.find(needle).unwrap_or_else(|| panic!("{needle} not in the text"))
}

fn path() -> PathBuf {
    PathBuf::from("/bank/products/p.yaml")
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 31).unwrap_or_default()
}

#[test]
fn hover_says_what_the_field_means_and_how_the_value_reads() {
    let h = hover(&path(), SPEC, at(SPEC, "500万") + 1, Lang::En, day()).unwrap_or_else(|| panic!("no hover"));
    assert!(h.markdown.starts_with("**`amount.max`**"), "{}", h.markdown);
    // 500万 is 500 × 10,000 = 5,000,000 yuan.
    assert!(h.markdown.contains("5,000,000.00 (500万)"), "{}", h.markdown);
    assert_eq!(&SPEC[h.span.start..h.span.end], "500万");
    // The field's own description (amount.max), not the money type's.
    let zh = hover(&path(), SPEC, at(SPEC, "500万"), Lang::Zh, day()).unwrap_or_else(|| panic!("no hover"));
    assert!(
        zh.markdown.contains("loanspec 的理解：5,000,000.00（500万）"),
        "{}",
        zh.markdown
    );
    // In Chinese the field's bank term heads the hover; in English the heading is the key alone.
    assert!(
        zh.markdown.starts_with("**`amount.max`** · 单户额度上限\n\n"),
        "{}",
        zh.markdown
    );
    assert!(h.markdown.starts_with("**`amount.max`**\n\n"), "{}", h.markdown);
    // The meaning in the reader's language: Chinese for a Chinese reader, English otherwise.
    assert!(
        zh.markdown.contains("单个借款人可获得的最高贷款金额"),
        "{}",
        zh.markdown
    );
    assert!(!zh.markdown.contains("Largest loan"), "{}", zh.markdown);
    assert!(h.markdown.contains("Largest loan"), "{}", h.markdown);
    assert!(!h.markdown.contains("单个借款人"), "{}", h.markdown);
}

#[test]
fn the_chinese_term_is_the_first_parenthesised_chinese() {
    assert_eq!(
        super::chinese_term("Largest loan: the single-borrower limit (单户额度上限)."),
        Some("单户额度上限")
    );
    assert_eq!(
        super::chinese_term("A rate (`4.35%`) or a spread（加点）."),
        Some("加点")
    );
    assert_eq!(super::chinese_term("Longest term."), None);
    assert_eq!(super::chinese_term("An amount (in CNY"), None);
}

#[test]
fn hover_on_a_floating_rate_gives_the_rate_of_the_day() {
    let h = hover(&path(), SPEC, at(SPEC, "LPR1Y"), Lang::En, day()).unwrap_or_else(|| panic!("no hover"));
    // data/lpr-history.csv: the 1-year LPR fixed on 2026-03-20 is 3.00%; 3.00% + 0.50% = 3.50%.
    assert!(
        h.markdown
            .contains("LPR1Y 3% (the fixing of 2026-03-20) + 50bp = 3.5% a year on 2026-03-31"),
        "{}",
        h.markdown
    );
}

#[test]
fn hover_on_a_key_gives_its_meaning_only() {
    let h = hover(&path(), SPEC, at(SPEC, "purpose") + 2, Lang::En, day()).unwrap_or_else(|| panic!("no hover"));
    assert!(h.markdown.starts_with("**`purpose`**\n\n"), "{}", h.markdown);
    assert!(!h.markdown.contains("loanspec reads"), "{}", h.markdown);
}

fn labels(text: &str, offset: usize) -> Vec<(String, String)> {
    complete(&path(), text, offset, Lang::En, &[])
        .into_iter()
        .map(|c| (c.label, c.insert))
        .collect()
}

#[test]
fn keys_complete_as_key_colon_space_and_skip_those_written() {
    let text = format!("{SPEC}te");
    let got = labels(&text, text.len());
    assert!(got.contains(&("term".into(), "term: ".into())), "{got:?}");
    // Each key says what it is in the reader's language.
    let detail = |lang| {
        complete(&path(), &text, text.len(), lang, &[])
            .into_iter()
            .find(|c| c.label == "term")
            .and_then(|c| c.detail)
    };
    assert_eq!(detail(Lang::Zh).as_deref(), Some("贷款期限：最短与最长期限。"));
    assert_eq!(detail(Lang::En).as_deref(), Some("Loan term limits (期限)."));
    // Only the keys starting with what is typed.
    assert!(got.iter().all(|(l, _)| l.starts_with("te")), "{got:?}");
    let text = format!("{SPEC}\n");
    let got = labels(&text, text.len());
    assert!(got.iter().any(|(l, _)| l == "repayment"), "{got:?}");
    assert!(!got.iter().any(|(l, _)| l == "amount"), "amount is written: {got:?}");
}

#[test]
fn keys_complete_inside_a_nested_mapping_and_a_list_item() {
    let text = SPEC.replace("  max: 500万\n", "  max: 500万\n  mi\n");
    let got = labels(&text, at(&text, "  mi\n") + 4);
    assert_eq!(got, vec![("min".to_owned(), "min: ".to_owned())]);
    let text = format!("{SPEC}    pe");
    let got = labels(&text, text.len());
    assert!(got.contains(&("per".into(), "per: ".into())), "a fee's keys: {got:?}");
}

#[test]
fn values_complete_from_the_schema_and_the_catalogue() {
    let text = SPEC.replace("purpose: consumption", "purpose: ");
    let got = labels(&text, at(&text, "purpose: ") + "purpose: ".len());
    for v in ["consumption", "business", "working_capital"] {
        assert!(got.iter().any(|(l, _)| l == v), "{v}: {got:?}");
    }
    // In Chinese the gloss comes first.
    let zh = complete(
        &path(),
        &text,
        at(&text, "purpose: ") + "purpose: ".len(),
        Lang::Zh,
        &[],
    );
    let consumption = zh
        .iter()
        .find(|c| c.label == "consumption")
        .and_then(|c| c.detail.clone());
    assert!(
        consumption.as_deref().is_some_and(|d| d.starts_with("个人消费")),
        "{consumption:?}"
    );
    let specs = [
        Spec {
            path: PathBuf::from("/bank/products/other.yaml"),
            code: Some("OTHER-P".into()),
            is_line: false,
        },
        Spec {
            path: PathBuf::from("/bank/lines/base.yaml"),
            code: Some("BASE".into()),
            is_line: true,
        },
    ];
    let text = SPEC.replace("successor: OTHER-P", "successor: ");
    let offset = at(&text, "successor: ") + "successor: ".len();
    let got: Vec<String> = complete(&path(), &text, offset, Lang::En, &specs)
        .into_iter()
        .map(|c| c.insert)
        .collect();
    assert_eq!(got, vec!["OTHER-P".to_owned()], "products only, no line");
    let text = SPEC.replace("extends: ../lines/personal-business.yaml", "extends: ");
    let offset = at(&text, "extends: ") + "extends: ".len();
    let got: Vec<String> = complete(&path(), &text, offset, Lang::En, &specs)
        .into_iter()
        .map(|c| c.insert)
        .collect();
    assert_eq!(
        got,
        vec!["../lines/base.yaml".to_owned()],
        "lines only, relative to the spec"
    );
}

#[test]
fn the_config_completes_parameters_and_rules() {
    let config = Path::new("/bank/loanspec.yaml");
    let text = "loanspec: 1\nparameters:\n  consumption_t";
    let got = complete(config, text, text.len(), Lang::En, &[]);
    assert_eq!(
        got.iter().map(|c| c.insert.as_str()).collect::<Vec<_>>(),
        vec!["consumption_term_max: "]
    );
    // data/packs/cn.yaml's summary of the parameter, in the reader's language.
    let zh = complete(config, text, text.len(), Lang::Zh, &[]);
    assert_eq!(
        zh.first().and_then(|c| c.detail.as_deref()),
        Some("个人消费贷款的最长期限（个人消费贷款期限不得超过五年）")
    );
    let text = "loanspec: 1\nrules:\n  LS20";
    let got = complete(config, text, text.len(), Lang::En, &[]);
    assert!(got.iter().any(|c| c.insert == "LS201: "), "{got:?}");
}

#[test]
fn definition_follows_extends_and_successor() {
    let to_line = definition(&path(), SPEC, at(SPEC, "personal-business")).unwrap_or_else(|| panic!("none"));
    assert_eq!(
        to_line,
        Target::File(PathBuf::from("/bank/lines/personal-business.yaml"))
    );
    let to_code = definition(&path(), SPEC, at(SPEC, "OTHER-P")).unwrap_or_else(|| panic!("none"));
    assert_eq!(to_code, Target::Code("OTHER-P".into()));
    assert_eq!(definition(&path(), SPEC, at(SPEC, "CNY")), None);
}

#[test]
fn the_outline_lists_top_level_keys_in_order_with_their_children() {
    let outline = symbols(&path(), SPEC);
    let names: Vec<&str> = outline.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "loanspec",
            "code",
            "version",
            "name",
            "extends",
            "amount",
            "rate",
            "purpose",
            "lifecycle",
            "fees"
        ]
    );
    let amount = outline
        .iter()
        .find(|s| s.name == "amount")
        .unwrap_or_else(|| panic!("amount"));
    let children: Vec<&str> = amount.children.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(children, ["currency", "max"]);
}
