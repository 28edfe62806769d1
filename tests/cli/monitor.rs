//! `loanspec monitor`: expectations worked out by hand from the metrics written here (or in
//! `examples/metrics/2026-11.csv`) and the triggers the specs declare.

use std::fmt::Write as _;
use std::fs;

use serde_json::Value;

use super::{PRODUCT, catalogue, loanspec, stdout};

fn monitor_json(dir: &std::path::Path, args: &[&str]) -> (i32, Value, String) {
    let (code, out, err) = stdout(
        loanspec()
            .current_dir(dir)
            .arg("monitor")
            .args(args)
            .args(["--format", "json"]),
    );
    let v = serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}\n{err}"));
    (code, v, err)
}

fn product<'a>(v: &'a Value, code: &str) -> &'a Value {
    v["products"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["code"] == code))
        .unwrap_or_else(|| panic!("{code} missing: {v}"))
}

fn kinds(p: &Value) -> Vec<String> {
    p["events"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["kind"].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn the_example_metrics_retire_one_product_and_alert_on_another() {
    let root = super::root();
    let (code, v, err) = monitor_json(
        &root,
        &[
            "examples/",
            "--metrics",
            "examples/metrics/2026-11.csv",
            "--as-of",
            "2026-11-29",
        ],
    );
    assert_eq!(code, 1, "a retirement trigger fired: {err}");
    // SME-E-LOAN launched 2026-06 with a target of 1,200 new customers a month; it made 310,
    // 295, 280, 262, 251, 240: 25.83%, 24.58%, 23.33%, 21.83%, 20.92%, 20% of target, six
    // months below 30%, which is what its trigger (`below: 30%, for: 6M`) needs.
    let e_loan = product(&v, "SME-E-LOAN");
    let fired = &e_loan["events"][0];
    assert_eq!(fired["kind"], "retirement");
    assert_eq!(fired["pointer"], "/lifecycle/retirement/triggers/0");
    assert_eq!(fired["since"], "2026-06");
    let months: Vec<(String, String)> = fired["months"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|m| {
            (
                m["month"].as_str().unwrap_or_default().to_owned(),
                m["value"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let expected = [
        ("2026-06", "25.83"),
        ("2026-07", "24.58"),
        ("2026-08", "23.33"),
        ("2026-09", "21.83"),
        ("2026-10", "20.92"),
        ("2026-11", "20"),
    ];
    assert_eq!(months, expected.map(|(m, v)| (m.to_owned(), v.to_owned())).to_vec());
    assert_eq!(e_loan["move_to"], "retiring");
    // CONSUMER-INSTALLMENT's alert is 0.8%; its overdue ratio was 0.86% in October, 0.94% in November.
    let consumer = product(&v, "CONSUMER-INSTALLMENT");
    assert_eq!(kinds(consumer), vec!["overdue_alert"]);
    assert_eq!(consumer["events"][0]["since"], "2026-10");
    assert_eq!(consumer["move_to"], Value::Null);
    // SME-QUICK's overdue ratio was above its 1.5% alert in July–October 2025, not now.
    assert!(kinds(product(&v, "SME-QUICK")).is_empty());
    // Retired products are not retired again.
    assert!(!kinds(product(&v, "FARMER-MICRO-2019")).contains(&"retirement".to_owned()));
    assert_eq!(v["diagnostics"].as_array().map(Vec::len), Some(0));
    // Report only: exit 0; an alert can be made to fail.
    let (code, _, _) = monitor_json(
        &root,
        &[
            "examples/",
            "--metrics",
            "examples/metrics/2026-11.csv",
            "--as-of",
            "2026-11-29",
            "--fail-on",
            "none",
        ],
    );
    assert_eq!(code, 0);
    // As of September the trigger has only four months (June–September): not fired.
    let (code, v, _) = monitor_json(
        &root,
        &[
            "examples/",
            "--metrics",
            "examples/metrics/2026-11.csv",
            "--as-of",
            "2026-09-30",
            "--fail-on",
            "alert",
        ],
    );
    assert_eq!(code, 0, "{v}");
    assert!(kinds(product(&v, "SME-E-LOAN")).is_empty(), "{v}");
    // Markdown for the committee paper.
    let (_, md, _) = stdout(loanspec().current_dir(&root).args([
        "monitor",
        "examples/",
        "--metrics",
        "examples/metrics/2026-11.csv",
        "--as-of",
        "2026-11-29",
        "--format",
        "markdown",
    ]));
    assert!(
        md.contains("| SME-E-LOAN 小微e贷 | <code>launched</code> | ✗ retirement trigger fired"),
        "{md}"
    );
}

const HEADER: &str =
    "month,product,new_customers,target_new_customers,npl_ratio,overdue_ratio,balance,approval_hours_p50\n";

fn with_triggers() -> String {
    PRODUCT
        .replace("stage: design", "stage: launched")
        .replace(
            "collateral: none",
            "collateral: none\nrisk: { npl_ceiling: 1.5%, overdue_alert: 1% }\nlifecycle:\n  retirement:\n    triggers:\n      - { metric: new_customers_vs_target, below: 30%, for: 3M }\n      - { metric: npl_ratio, above_ceiling_times: 2 }\n    successor: NEXT\n",
        )
}

#[test]
fn bad_rows_are_placed_and_good_rows_still_count() {
    let csv = format!(
        "{HEADER}2026-01,TEST-PRODUCT,10,100,1.0,0.5,1000,2\n2026-02,TEST-PRODCT,10,100,1.0,0.5,1000,2\n2026-02,TEST-PRODUCT,ten,100,1.0,0.5,1000,2\n2026-03,TEST-PRODUCT,10,100,1.0,0.5,1000,2\n2026-03,TEST-PRODUCT,10,100,1.0,0.5,1000,2\n2026-02,TEST-PRODUCT,10,100,1.0,0.5,1000,2\n"
    );
    let dir = catalogue(&[("p.yaml", &with_triggers()), ("m.csv", &csv)]);
    let (code, v, _) = monitor_json(dir.path(), &["p.yaml", "--metrics", "m.csv", "--as-of", "2026-11-29"]);
    assert_eq!(code, 1);
    let found: Vec<(String, u64, u64)> = v["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_owned(),
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    // Line 3: the product is misspelt (column 9); line 4: `ten` (column 22); line 6: March
    // twice; line 7: back to February.
    assert_eq!(
        found,
        vec![
            ("LS171".into(), 3, 9),
            ("LS170".into(), 4, 22),
            ("LS172".into(), 6, 1),
            ("LS172".into(), 7, 1)
        ],
        "{v}"
    );
    assert!(
        v["diagnostics"][0]["help"]
            .as_str()
            .is_some_and(|h| h.contains("TEST-PRODUCT"))
    );
    // January and March count: two months, both 10% of target, not yet the three months needed.
    let p = product(&v, "TEST-PRODUCT");
    assert_eq!(p["months"], 2);
    assert!(kinds(p).is_empty(), "{p}");
    // A missing column is one finding on the header line.
    fs::write(
        dir.path().join("m.csv"),
        "month,product,new_customers\n2026-01,TEST-PRODUCT,1\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let (code, v, _) = monitor_json(dir.path(), &["p.yaml", "--metrics", "m.csv", "--as-of", "2026-11-29"]);
    assert_eq!(code, 1);
    assert_eq!(v["diagnostics"][0]["code"], "LS170");
    assert_eq!(v["diagnostics"][0]["line"], 1);
    // A metrics file that is not there: could not run.
    let (code, _, _) = stdout(
        loanspec()
            .current_dir(dir.path())
            .args(["monitor", "p.yaml", "--metrics", "nope.csv"]),
    );
    assert_eq!(code, 2);
}

#[test]
fn triggers_need_consecutive_months_and_strictly_more_than_the_ceiling() {
    // Ceiling 1.5% × 2 = 3%: 3.0 is not above it, 3.01 is.
    let rows = |npl: &str, months: &[&str]| {
        let mut s = String::from(HEADER);
        for m in months {
            let _ = writeln!(s, "{m},TEST-PRODUCT,90,100,{npl},0.5,1000,2");
        }
        s
    };
    let cases = [
        (rows("3.0", &["2026-09", "2026-10", "2026-11"]), vec![]),
        (rows("3.01", &["2026-11"]), vec!["retirement"]),
    ];
    for (csv, expected) in cases {
        let dir = catalogue(&[("p.yaml", &with_triggers()), ("m.csv", &csv)]);
        let (_, v, _) = monitor_json(dir.path(), &["p.yaml", "--metrics", "m.csv", "--as-of", "2026-11-29"]);
        assert_eq!(kinds(product(&v, "TEST-PRODUCT")), expected, "{csv}");
    }
    // 20% of target in September, October and November: three consecutive months, fired. With
    // October missing, the run is only November: not fired.
    let low = |months: &[&str]| {
        let mut s = String::from(HEADER);
        for m in months {
            let _ = writeln!(s, "{m},TEST-PRODUCT,20,100,1.0,0.5,1000,2");
        }
        s
    };
    for (months, fired) in [
        (&["2026-09", "2026-10", "2026-11"][..], true),
        (&["2026-08", "2026-09", "2026-11"][..], false),
    ] {
        let dir = catalogue(&[("p.yaml", &with_triggers()), ("m.csv", &low(months))]);
        let (code, v, _) = monitor_json(dir.path(), &["p.yaml", "--metrics", "m.csv", "--as-of", "2026-11-29"]);
        let p = product(&v, "TEST-PRODUCT");
        assert_eq!(kinds(p).contains(&"retirement".to_owned()), fired, "{months:?}: {p}");
        assert_eq!(code, i32::from(fired));
    }
}

#[test]
fn pilots_are_judged_at_their_end_and_reviews_when_due() {
    let pilot = PRODUCT.replace("stage: design", "stage: pilot").replace(
        "collateral: none",
        "collateral: none\nlifecycle:\n  pilot:\n    branches: [{ id: BR-1, kind: county }]\n    start: 2026-05-01\n    end: 2026-08-31\n    success:\n      - { metric: approval_hours_p50, at_most: 2 }\n      - { metric: overdue_ratio, at_most: 1% }\n  review: { every: 1M, last: 2026-09-15 }\n",
    );
    // The last pilot month is August: 1.5 hours and 0.8% meet both criteria.
    let met = format!(
        "{HEADER}2026-07,TEST-PRODUCT,5,10,0,0.9,100,3\n2026-08,TEST-PRODUCT,5,10,0,0.8,100,1.5\n2026-09,TEST-PRODUCT,5,10,0,2.0,100,9\n"
    );
    let dir = catalogue(&[("p.yaml", &pilot), ("m.csv", &met)]);
    let (_, v, _) = monitor_json(dir.path(), &["p.yaml", "--metrics", "m.csv", "--as-of", "2026-11-29"]);
    let p = product(&v, "TEST-PRODUCT");
    // Reviewed 2026-09-15, every month: due 2026-10-15, overdue on 2026-11-29.
    assert_eq!(kinds(p), vec!["pilot_met", "review_overdue"], "{p}");
    assert_eq!(p["move_to"], "launched");
    assert_eq!(p["events"][1]["since"], "2026-10-15");
    // 2.5 hours in August misses the first criterion.
    let missed = met.replace(",0.8,100,1.5", ",0.8,100,2.5");
    fs::write(dir.path().join("m.csv"), missed).unwrap_or_else(|e| panic!("{e}"));
    let (code, v, _) = monitor_json(
        dir.path(),
        &[
            "p.yaml",
            "--metrics",
            "m.csv",
            "--as-of",
            "2026-10-01",
            "--fail-on",
            "pilot",
        ],
    );
    let p = product(&v, "TEST-PRODUCT");
    assert_eq!(kinds(p), vec!["pilot_missed"], "{p}");
    assert_eq!(p["events"][0]["pointer"], "/lifecycle/pilot/success/0");
    assert_eq!(code, 1);
    // Before the pilot ends nothing is judged.
    let (_, v, _) = monitor_json(dir.path(), &["p.yaml", "--metrics", "m.csv", "--as-of", "2026-08-15"]);
    assert!(kinds(product(&v, "TEST-PRODUCT")).is_empty());
}

#[test]
fn hostile_metrics_files_are_reported_not_crashed_on() {
    let huge = "9".repeat(40);
    let cases: Vec<Vec<u8>> = vec![
        Vec::new(),
        HEADER.as_bytes().to_vec(),
        format!("{HEADER}2026-01,TEST-PRODUCT,\"unclosed,100,1,1,1,1\n").into_bytes(),
        format!("{HEADER}2026-01,TEST-PRODUCT,{huge},1,{huge},{huge},{huge},{huge}\n").into_bytes(),
        format!("{HEADER}2026-01,TEST-PRODUCT,1e999,100,1,1,1,1\n2026-02,TEST-PRODUCT\n").into_bytes(),
        [HEADER.as_bytes(), b"2026-01,TEST-PRODUCT,\xff\xfe,100,1,1,1,1\n"].concat(),
        format!("{HEADER}9999-99,TEST-PRODUCT,1,1,1,1,1,1\n0000-01,TEST-PRODUCT,1,1,1,1,1,1\n").into_bytes(),
    ];
    // A trigger multiple so large that multiplying by the ceiling would overflow a decimal.
    let spec = with_triggers().replace(
        "above_ceiling_times: 2",
        "above_ceiling_times: 79228162514264337593543950335",
    );
    for (i, bytes) in cases.iter().enumerate() {
        let dir = catalogue(&[("p.yaml", &spec)]);
        fs::write(dir.path().join("m.csv"), bytes).unwrap_or_else(|e| panic!("{e}"));
        let (code, out, err) = stdout(loanspec().current_dir(dir.path()).args([
            "monitor",
            "p.yaml",
            "--metrics",
            "m.csv",
            "--as-of",
            "2026-11-29",
            "--format",
            "json",
        ]));
        assert!(matches!(code, 0 | 1), "case {i}: exit {code}\n{out}\n{err}");
        let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("case {i}: {e}: {out}"));
        for d in v["diagnostics"].as_array().into_iter().flatten() {
            assert!(d["line"].as_u64().is_some() && d["help"].is_string(), "case {i}: {d}");
        }
    }
}

/// Under `--lang zh` the human report is Chinese, each product's heading included.
#[test]
fn the_human_report_reads_in_chinese_under_lang_zh() {
    let (_, out, err) = stdout(loanspec().args([
        "--lang",
        "zh",
        "monitor",
        "examples/",
        "--metrics",
        "examples/metrics/2026-11.csv",
        "--as-of",
        "2026-11-29",
    ]));
    // SME-E-LOAN has six months of metrics in the example file (2026-06 to 2026-11).
    assert!(out.contains("个月的指标）"), "{out}{err}");
    assert!(out.contains("共监测"), "{out}");
    for english in ["months of metrics", "products monitored", "nothing fired", "move to"] {
        assert!(!out.contains(english), "`{english}` in {out}");
    }
}
