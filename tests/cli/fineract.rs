//! `compile --target fineract`: every request validated as Apache Fineract's server would take
//! it, from the data in `tests/data/fineract/` (the published request schema, and the allow-list,
//! integer codes and cross-field rules of its `LoanProductDataValidator`), independently of the
//! emitter: the test reads those files, not our mapping.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use serde_json::Value;

use super::{PRODUCT, catalogue, loanspec, root, stdout};

fn data(name: &str) -> Value {
    let path = root().join("tests/data/fineract").join(name);
    serde_json::from_str(&fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn read(path: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Follows a manifest as a client would: posts in order, the server answering ids 101, 102, …;
/// returns the loan-product body with every placeholder replaced.
fn apply_manifest(dir: &Path) -> Value {
    let manifest = read(&dir.join("manifest.json"));
    let mut ids: BTreeMap<String, u64> = BTreeMap::new();
    let mut loan_product = Value::Null;
    let steps = manifest["steps"].as_array().cloned().unwrap_or_default();
    assert_eq!(
        steps.last().map(|s| s["post"].clone()),
        Some(Value::from("/v1/loanproducts"))
    );
    for (k, step) in steps.iter().enumerate() {
        assert_eq!(step["step"].as_u64(), Some(k as u64 + 1));
        let body_ref = step["body"].as_str().unwrap_or_default();
        let (file, pointer) = body_ref.split_once('#').unwrap_or((body_ref, ""));
        let mut body = read(&dir.join(file)).pointer(pointer).cloned().unwrap_or(Value::Null);
        assert!(!body.is_null(), "{body_ref} names nothing");
        for sub in step["substitute"].as_array().into_iter().flatten() {
            let id = sub["id"].as_str().unwrap_or_default();
            let value = ids
                .get(id)
                .copied()
                .unwrap_or_else(|| panic!("`{id}` is used before it is posted"));
            let slot = body
                .pointer_mut(sub["pointer"].as_str().unwrap_or_default())
                .unwrap_or_else(|| panic!("no {sub}"));
            assert!(
                slot.as_str().is_some_and(|s| s.starts_with("{{")),
                "not a placeholder: {slot}"
            );
            *slot = Value::from(value);
        }
        ids.insert(step["id"].as_str().unwrap_or_default().to_owned(), 101 + k as u64);
        if step["post"] == "/v1/loanproducts" {
            loan_product = body;
        }
    }
    let text = loan_product.to_string();
    assert!(!text.contains("{{"), "a placeholder is left: {text}");
    loan_product
}

fn number(v: &Value, key: &str) -> f64 {
    v[key]
        .as_f64()
        .unwrap_or_else(|| panic!("`{key}` is not a number in {v}"))
}

/// The server's checks on one loan-product request.
fn check_loan_product(lp: &Value, rules: &Value, validator: &jsonschema::Validator) {
    let errors: Vec<String> = validator
        .iter_errors(lp)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let allowed: BTreeSet<&str> = rules["supportedParameters_2024_10"]
        .as_array()
        .into_iter()
        .flatten()
        .chain(rules["added_in_later_validator"].as_array().into_iter().flatten())
        .filter_map(Value::as_str)
        .collect();
    for key in lp
        .as_object()
        .map(|m| m.keys().cloned().collect::<Vec<_>>())
        .unwrap_or_default()
    {
        assert!(
            allowed.contains(key.as_str()),
            "`{key}` is not a parameter the server supports"
        );
    }
    let floating = lp["isLinkedToFloatingInterestRates"] == true;
    for key in [
        "name",
        "shortName",
        "currencyCode",
        "digitsAfterDecimal",
        "inMultiplesOf",
        "principal",
        "numberOfRepayments",
        "repaymentEvery",
        "repaymentFrequencyType",
        "amortizationType",
        "interestType",
        "interestCalculationPeriodType",
        "transactionProcessingStrategyCode",
        "accountingRule",
        "isInterestRecalculationEnabled",
        "daysInYearType",
        "daysInMonthType",
    ] {
        assert!(lp.get(key).is_some(), "mandatory `{key}` missing");
    }
    if !floating {
        // The README of the data: both mandatory "unless floating" (the sample has neither).
        for key in ["interestRatePerPeriod", "interestRateFrequencyType"] {
            assert!(lp.get(key).is_some(), "a fixed rate needs `{key}`");
        }
    }
    let enums = &rules["enums"];
    for key in [
        "amortizationType",
        "interestType",
        "interestCalculationPeriodType",
        "repaymentFrequencyType",
        "interestRateFrequencyType",
        "daysInYearType",
        "daysInMonthType",
        "accountingRule",
        "interestRecalculationCompoundingMethod",
        "rescheduleStrategyMethod",
        "preClosureInterestCalculationStrategy",
    ] {
        if let Some(v) = lp.get(key) {
            let code = v
                .as_u64()
                .unwrap_or_else(|| panic!("`{key}` is not an integer code: {v}"))
                .to_string();
            assert!(
                enums[key].get(&code).is_some(),
                "`{key}` = {code} is not a code the server accepts"
            );
        }
    }
    if let Some(v) = lp.get("recalculationRestFrequencyType") {
        let code = v.as_u64().unwrap_or(0).to_string();
        assert!(
            enums["recalculationRestFrequencyType / recalculationCompoundingFrequencyType"]
                .get(&code)
                .is_some()
        );
    }
    let strategies = enums["transactionProcessingStrategyCode"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(strategies.contains(&lp["transactionProcessingStrategyCode"]));
    let short = lp["shortName"].as_str().unwrap_or_default();
    assert!(!short.is_empty() && short.chars().count() <= 4, "shortName `{short}`");
    // Cross-field rules.
    assert!(
        number(lp, "minPrincipal") <= number(lp, "principal") && number(lp, "principal") <= number(lp, "maxPrincipal")
    );
    assert!(
        number(lp, "minNumberOfRepayments") <= number(lp, "numberOfRepayments")
            && number(lp, "numberOfRepayments") <= number(lp, "maxNumberOfRepayments")
    );
    if floating {
        assert_eq!(lp["interestType"], 0, "floating needs declining balance");
        assert_eq!(
            lp["isInterestRecalculationEnabled"], true,
            "floating needs interest recalculation"
        );
        assert!(lp["floatingRatesId"].is_u64());
        assert!(lp.get("interestRatePerPeriod").is_none());
        assert!(
            number(lp, "minDifferentialLendingRate") <= number(lp, "defaultDifferentialLendingRate")
                && number(lp, "defaultDifferentialLendingRate") <= number(lp, "maxDifferentialLendingRate")
        );
    } else {
        assert!(
            number(lp, "minInterestRatePerPeriod") <= number(lp, "interestRatePerPeriod")
                && number(lp, "interestRatePerPeriod") <= number(lp, "maxInterestRatePerPeriod")
        );
    }
    if lp["isInterestRecalculationEnabled"] == true {
        for key in [
            "interestRecalculationCompoundingMethod",
            "rescheduleStrategyMethod",
            "recalculationRestFrequencyType",
            "preClosureInterestCalculationStrategy",
        ] {
            assert!(lp.get(key).is_some(), "recalculation needs `{key}`");
        }
    }
    if let Some(rule) = lp["accountingRule"].as_u64() {
        if rule >= 2 {
            assert!(
                lp.get("fundSourceAccountId").is_some(),
                "accounting needs the account ids"
            );
        }
    }
}

fn check_charge(c: &Value, enums: &Value) {
    for (key, table) in [
        ("chargeAppliesTo", "charge.chargeAppliesTo"),
        ("chargeTimeType", "charge.chargeTimeType(loan-relevant)"),
        ("chargeCalculationType", "charge.chargeCalculationType"),
        ("chargePaymentMode", "charge.chargePaymentMode"),
    ] {
        let code = c[key]
            .as_u64()
            .unwrap_or_else(|| panic!("`{key}` missing in {c}"))
            .to_string();
        assert!(enums[table].get(&code).is_some(), "`{key}` = {code} is not accepted");
    }
    assert_eq!(c["chargeAppliesTo"], 1, "a loan charge");
    for key in ["name", "currencyCode", "amount", "active", "penalty", "locale"] {
        assert!(c.get(key).is_some(), "charge without `{key}`");
    }
    assert!(number(c, "amount") >= 0.0);
}

#[test]
fn every_example_compiles_to_requests_fineract_accepts() {
    let out = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (code, text, err) = stdout(
        loanspec()
            .args([
                "compile",
                "examples/",
                "--target",
                "fineract",
                "--as-of",
                "2026-11-29",
                "-o",
            ])
            .arg(out.path()),
    );
    assert_eq!(code, 0, "{text}{err}");
    let schema = data("PostLoanProductsRequest.schema.json");
    let validator = jsonschema::options().build(&schema).unwrap_or_else(|e| panic!("{e}"));
    let rules = data("fineract_loanproduct_rules.json");
    let folders: Vec<_> = fs::read_dir(out.path().join("fineract"))
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
        .map(|e| e.path())
        .collect();
    // Every example is a term loan Fineract can represent.
    assert_eq!(folders.len(), 11, "{folders:?}");
    assert!(
        !out.path().join("SME-QUICK.json").exists(),
        "canonical files without --target canonical"
    );
    let mut short_names = BTreeSet::new();
    let mut floating = 0;
    for dir in &folders {
        let lp = apply_manifest(dir);
        check_loan_product(&lp, &rules, &validator);
        assert!(
            short_names.insert(lp["shortName"].as_str().unwrap_or_default().to_owned()),
            "shortName repeats"
        );
        let code = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        assert_eq!(lp["externalId"].as_str(), Some(code.as_str()));
        if dir.join("floatingrate.json").exists() {
            floating += 1;
            let rate = read(&dir.join("floatingrate.json"));
            assert_eq!(lp["isLinkedToFloatingInterestRates"], true);
            let period = &rate["ratePeriods"][0];
            assert_eq!(period["fromDate"], "2026-11-29");
            assert_eq!(period["dateFormat"], "yyyy-MM-dd");
            // The fixing in force on 2026-11-29 per data/lpr-history.csv, the last row (2026-03-20).
            let csv = fs::read_to_string(root().join("data/lpr-history.csv")).unwrap_or_default();
            let last = csv
                .lines()
                .rfind(|l| l.starts_with("20"))
                .unwrap_or_default()
                .to_owned();
            let fields: Vec<&str> = last.split(',').collect();
            let expected: Vec<f64> = fields[1..3].iter().filter_map(|f| f.trim().parse().ok()).collect();
            assert!(expected.contains(&number(period, "interestRate")), "{period} vs {last}");
        }
        if dir.join("charges.json").exists() {
            for c in read(&dir.join("charges.json")).as_array().into_iter().flatten() {
                check_charge(c, &rules["enums"]);
            }
        }
    }
    assert!(floating >= 5, "the examples are mostly LPR-based");
    // The same catalogue gives the same bytes.
    let again = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (code, _, _) = stdout(
        loanspec()
            .args([
                "compile",
                "examples/",
                "--target",
                "fineract",
                "--target",
                "canonical",
                "--as-of",
                "2026-11-29",
                "-o",
            ])
            .arg(again.path()),
    );
    assert_eq!(code, 0);
    for dir in &folders {
        for file in fs::read_dir(dir).into_iter().flatten().flatten() {
            let rel = file
                .path()
                .strip_prefix(out.path())
                .map(Path::to_path_buf)
                .unwrap_or_default();
            assert_eq!(
                fs::read(file.path()).ok(),
                fs::read(again.path().join(&rel)).ok(),
                "{}",
                rel.display()
            );
        }
    }
    assert!(again.path().join("SME-QUICK.json").exists());
}

#[test]
fn the_samples_pass_the_same_checks() {
    // The checks themselves are not vacuous: the hand-written sample passes, and breaking a
    // cross-field rule of it fails.
    let schema = data("PostLoanProductsRequest.schema.json");
    let validator = jsonschema::options().build(&schema).unwrap_or_else(|e| panic!("{e}"));
    let rules = data("fineract_loanproduct_rules.json");
    let sample = data("sample-loanproduct-floating.json");
    check_loan_product(&sample, &rules, &validator);
    check_charge(&data("sample-charge.json"), &rules["enums"]);
    let mut broken = sample.clone();
    broken["interestType"] = Value::from(1);
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        check_loan_product(&broken, &rules, &validator);
    }));
    assert!(caught.is_err(), "flat interest on a floating product was accepted");
    let mut unknown = sample;
    unknown["interestRatePerYear"] = Value::from(4);
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        check_loan_product(&unknown, &rules, &validator);
    }));
    assert!(caught.is_err(), "an unsupported parameter was accepted");
}

fn compile_one(spec: &str, dir_files: &[(&str, &str)]) -> (i32, String, tempfile::TempDir, tempfile::TempDir) {
    let mut files = vec![("p.yaml", spec)];
    files.extend_from_slice(dir_files);
    let cat = catalogue(&files);
    let out = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (code, text, err) = stdout(
        loanspec()
            .current_dir(cat.path())
            .args([
                "compile",
                ".",
                "--target",
                "fineract",
                "--as-of",
                "2026-03-20",
                "--format",
                "json",
                "-o",
            ])
            .arg(out.path()),
    );
    (code, format!("{text}{err}"), cat, out)
}

#[test]
fn what_fineract_cannot_express_is_reported_at_its_line() {
    let spec = PRODUCT
        .replace("repayment: { methods: [equal_installment] }", "repayment: { methods: [equal_installment, revolving] }")
        .replace("collateral: none", "collateral: none\npenalty: { overdue_markup: 50% }\nfees:\n  - { kind: service, amount: 1%, per: year }\n  - { kind: arrangement, amount: 200 }");
    let (code, text, _cat, out) = compile_one(&spec, &[]);
    assert_eq!(code, 0, "{text}");
    let v: Value =
        serde_json::from_str(&text[..text.rfind('}').map_or(0, |i| i + 1)]).unwrap_or_else(|e| panic!("{e}: {text}"));
    let notes: Vec<(String, String, u64)> = v["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["code"] == "LS601")
        .map(|d| {
            (
                d["pointer"].as_str().unwrap_or_default().to_owned(),
                d["severity"].as_str().unwrap_or_default().to_owned(),
                d["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let line_of = |needle: &str| {
        spec.lines()
            .position(|l| l.contains(needle))
            .map_or(0, |i| i as u64 + 1)
    };
    assert!(
        notes.contains(&("/repayment/methods".into(), "warning".into(), line_of("revolving"))),
        "{notes:?}"
    );
    assert!(
        notes.contains(&("/penalty".into(), "warning".into(), line_of("penalty:"))),
        "{notes:?}"
    );
    assert!(
        notes.contains(&("/fees/0".into(), "warning".into(), line_of("per: year"))),
        "{notes:?}"
    );
    assert!(notes.iter().any(|n| n.0 == "/stage" && n.1 == "info"), "{notes:?}");
    // The flat fee is a charge of 200 at disbursement; the yearly one is not a charge.
    let dir = out.path().join("fineract/TEST-PRODUCT");
    let charges = read(&dir.join("charges.json"));
    assert_eq!(charges.as_array().map(Vec::len), Some(1));
    assert_eq!(charges[0]["chargeTimeType"], 1);
    assert_eq!(charges[0]["chargeCalculationType"], 1);
    assert_eq!(charges[0]["amount"].to_string(), "200");
    let lp = apply_manifest(&dir);
    assert!(lp["charges"][0]["id"].as_u64().is_some());
}

#[test]
fn a_revolving_only_product_cannot_be_represented_and_nothing_is_written() {
    let spec = PRODUCT.replace("methods: [equal_installment]", "methods: [revolving]");
    let (code, text, _cat, out) = compile_one(&spec, &[]);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("\"LS602\""), "{text}");
    assert!(
        fs::read_dir(out.path()).map_or(0, Iterator::count) == 0,
        "files were written"
    );
}

#[test]
fn terms_methods_and_day_counts_map_to_fineract_codes() {
    let cases = [
        // (spec change, expected (repaymentEvery, repaymentFrequencyType, numberOfRepayments, min), amortization)
        ("term: { min: 6M, max: 12M }", (1, 2, 12, 6), 1),
        ("term: { min: 3M, max: 24M, options: [3M, 12M, 24M] }", (1, 2, 24, 3), 1),
    ];
    for (change, (every, freq, n, min_n), amort) in cases {
        let spec = PRODUCT.replace("term: { min: 6M, max: 12M }", change);
        let (code, text, _cat, out) = compile_one(&spec, &[]);
        assert_eq!(code, 0, "{text}");
        let lp = apply_manifest(&out.path().join("fineract/TEST-PRODUCT"));
        assert_eq!(
            (
                lp["repaymentEvery"].as_u64(),
                lp["repaymentFrequencyType"].as_u64(),
                lp["numberOfRepayments"].as_u64(),
                lp["minNumberOfRepayments"].as_u64()
            ),
            (Some(every), Some(freq), Some(n), Some(min_n)),
            "{change}"
        );
        assert_eq!(lp["amortizationType"], amort);
    }
    // Quarterly equal principal on actual/365, 12–36 months: every 3 months, 4–12 repayments.
    let spec = PRODUCT
        .replace("term: { min: 6M, max: 12M }", "term: { min: 12M, max: 36M }")
        .replace(
            "repayment: { methods: [equal_installment] }",
            "repayment: { methods: [equal_principal], frequency: quarterly, day_count: actual/365 }",
        );
    let (code, text, _cat, out) = compile_one(&spec, &[]);
    assert_eq!(code, 0, "{text}");
    let lp = apply_manifest(&out.path().join("fineract/TEST-PRODUCT"));
    assert_eq!(
        (
            lp["repaymentEvery"].as_u64(),
            lp["numberOfRepayments"].as_u64(),
            lp["minNumberOfRepayments"].as_u64()
        ),
        (Some(3), Some(12), Some(4))
    );
    assert_eq!(
        (
            lp["amortizationType"].as_u64(),
            lp["daysInYearType"].as_u64(),
            lp["daysInMonthType"].as_u64(),
            lp["interestCalculationPeriodType"].as_u64()
        ),
        (Some(0), Some(365), Some(1), Some(0))
    );
    // A bullet loan: one repayment at maturity of the longest term.
    let spec = PRODUCT.replace(
        "repayment: { methods: [equal_installment] }",
        "repayment: { methods: [bullet], frequency: at_maturity }",
    );
    let (code, text, _cat, out) = compile_one(&spec, &[]);
    assert_eq!(code, 0, "{text}");
    let lp = apply_manifest(&out.path().join("fineract/TEST-PRODUCT"));
    assert_eq!(
        (
            lp["repaymentEvery"].as_u64(),
            lp["numberOfRepayments"].as_u64(),
            lp["repaymentFrequencyType"].as_u64()
        ),
        (Some(12), Some(1), Some(2))
    );
    assert!(text.contains("/term"), "the collapsed term range is reported: {text}");
}
