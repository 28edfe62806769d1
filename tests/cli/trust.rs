//! A green run means what it says: every input read or refused with a located finding, nothing
//! dropped or half-written, no crash and bounded output on hostile input.

use std::fs;

use serde_json::Value;

use super::{PRODUCT, catalogue, check_json, codes_of, loanspec, stdout};

/// A product with `n` term options outside its range: `n` findings on one line.
fn many_findings_on_one_line(n: usize) -> String {
    let options = vec!["99M"; n].join(", ");
    PRODUCT.replace(
        "term: { min: 6M, max: 12M }",
        &format!("term: {{ min: 6M, max: 12M, options: [{options}] }}"),
    )
}

/// The human report draws the first 50 findings of a file and counts the rest; JSON and the
/// summary keep every one.
#[test]
fn a_file_with_thousands_of_findings_shows_fifty_and_counts_the_rest() {
    let dir = catalogue(&[("p.yaml", &many_findings_on_one_line(3000))]);
    let (code, out, _) = stdout(
        loanspec()
            .current_dir(dir.path())
            .args(["check", "p.yaml", "--as-of", "2026-03-31"]),
    );
    assert_eq!(code, 1);
    assert_eq!(out.matches("LS152 term-option-outside-range").count(), 50, "{out}");
    assert!(
        out.contains("… and 2950 more findings in p.yaml not shown"),
        "{}",
        &out[out.len().saturating_sub(600)..]
    );
    assert!(
        out.contains("✗ 3000 errors"),
        "{}",
        &out[out.len().saturating_sub(300)..]
    );
    let (_, value) = check_json(dir.path(), &["p.yaml"]);
    assert_eq!(codes_of(&value).len(), 3000);
    // Every finding is placed on its own option, counted in characters along the line.
    let line = PRODUCT.lines().position(|l| l.starts_with("term:")).unwrap_or(0) + 1;
    let first_column = "term: { min: 6M, max: 12M, options: [".chars().count() + 1;
    let columns: Vec<u64> = value["diagnostics"]
        .as_array()
        .map(|a| a.iter().filter_map(|d| d["column"].as_u64()).collect())
        .unwrap_or_default();
    assert_eq!(columns.len(), 3000);
    for (i, column) in columns.iter().enumerate() {
        assert_eq!(*column, (first_column + i * 5) as u64, "option {i}");
    }
    assert!(
        value["diagnostics"]
            .as_array()
            .is_some_and(|a| a.iter().all(|d| d["line"] == line))
    );
}

/// Products sharing one name: each finding names a few of the others and counts the rest,
/// instead of listing every other product (which grew as the square of the catalogue).
#[test]
fn a_name_shared_by_many_products_lists_five_others_and_counts_the_rest() {
    let files: Vec<(String, String)> = (0..30)
        .map(|i| {
            (
                format!("p{i:02}.yaml"),
                PRODUCT.replace("TEST-PRODUCT", &format!("P-{i:02}")),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let dir = catalogue(&refs);
    let (code, value) = check_json(dir.path(), &["."]);
    assert_eq!(code, 1);
    let same_name: Vec<&Value> = value["diagnostics"]
        .as_array()
        .map(|a| a.iter().filter(|d| d["code"] == "LS502").collect())
        .unwrap_or_default();
    assert_eq!(same_name.len(), 30);
    for d in same_name {
        assert_eq!(d["related"].as_array().map(Vec::len), Some(5), "{d}");
    }
    let (_, out, _) = stdout(
        loanspec()
            .current_dir(dir.path())
            .args(["check", ".", "--as-of", "2026-03-31"]),
    );
    assert!(out.contains("note: and 24 more places"), "{out}");
}

/// A value 66,000 columns wide used to panic inside miette (the default format).
#[test]
fn a_very_wide_value_does_not_crash_the_human_report() {
    let wide = PRODUCT.replace(
        "name: { zh: 测试产品 }",
        &format!("name: {{ zh: {}, bad: 1 }}", "测".repeat(33_000)),
    );
    let dir = catalogue(&[("p.yaml", &wide)]);
    let (code, out, err) =
        stdout(
            loanspec()
                .current_dir(dir.path())
                .args(["check", "p.yaml", "--as-of", "2026-03-31"]),
        );
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("unknown key `bad` in `name`"), "{out}");
    assert!(out.lines().all(|l| l.chars().count() < 400), "{out}");
    fs::remove_dir_all(dir.path()).ok();
}
