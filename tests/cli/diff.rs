//! `loanspec diff`: classifications and sign-offs worked out by hand from the table in
//! `src/diff/mod.rs` (and the README), on small catalogues and on a copy of the examples.

use std::fs;
use std::path::Path;
use std::process::Command as Process;

use serde_json::Value;

use super::{PRODUCT, catalogue, loanspec, root, stdout};

fn diff_json(dir: &Path, args: &[&str]) -> (i32, Value) {
    let (code, out, err) =
        stdout(
            loanspec()
                .current_dir(dir)
                .arg("diff")
                .args(args)
                .args(["--as-of", "2026-03-20", "--format", "json"]),
        );
    (
        code,
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}\n{err}")),
    )
}

/// Two catalogues side by side, `old/` and `new/`, with these products.
fn pair(old: &[(&str, &str)], new: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for (side, files) in [("old", old), ("new", new)] {
        fs::create_dir_all(dir.path().join(side)).unwrap_or_else(|e| panic!("{e}"));
        fs::write(dir.path().join(side).join("loanspec.yaml"), "loanspec: 1\n").unwrap_or_else(|e| panic!("{e}"));
        for (name, text) in files {
            fs::write(dir.path().join(side).join(name), text).unwrap_or_else(|e| panic!("{e}"));
        }
    }
    dir
}

fn changes(v: &Value, code: &str) -> Vec<(String, String)> {
    v["products"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|p| p["code"] == code)
        .flat_map(|p| p["changes"].as_array().cloned().unwrap_or_default())
        .map(|c| {
            (
                c["pointer"].as_str().unwrap_or_default().to_owned(),
                c["class"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

fn product<'a>(v: &'a Value, code: &str) -> &'a Value {
    v["products"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["code"] == code))
        .unwrap_or_else(|| panic!("{code}: {v}"))
}

/// (what, the new spec, the changes expected, the sign-offs expected)
type Case<'a> = (&'a str, String, Vec<(&'a str, &'a str)>, Vec<&'a str>);

#[test]
fn each_kind_of_change_is_classified_and_names_its_sign_offs() {
    // A launched product for individuals: every default sign-off applies.
    let launched = PRODUCT.replace("stage: design", "stage: launched");
    let with_fee = launched.replace(
        "collateral: none",
        "collateral: none\nfees: [{ kind: arrangement, amount: 1% }]",
    );
    let sme = launched
        .replace("borrower: { type: individual }", "borrower: { type: sme, size: small }")
        .replace("purpose: consumption", "purpose: working_capital");
    let cases: [Case<'_>; 9] = [
        // Larger maximum: risk-expanding, risk management signs.
        (
            "larger max",
            launched.replace("max: 10万", "max: 20万"),
            vec![("/amount/max", "risk-expanding")],
            vec!["risk_management"],
        ),
        // A fee up: customer-impacting, compliance and consumer protection sign.
        (
            "fee up",
            with_fee.replace("amount: 1%", "amount: 1.5%"),
            vec![("/fees/0/amount/percent", "customer-impacting")],
            vec!["compliance", "consumer_protection"],
        ),
        // A fee down: favourable, nobody signs.
        (
            "fee down",
            with_fee.replace("amount: 1%", "amount: 0.5%"),
            vec![("/fees/0/amount/percent", "favourable")],
            vec![],
        ),
        // A spread up 30bp: customer-impacting.
        (
            "spread up",
            launched.replace("LPR1Y + 50bp", "LPR1Y + 80bp"),
            vec![("/rate/spread_bp", "customer-impacting")],
            vec!["compliance", "consumer_protection"],
        ),
        // The longest term cut: customer-impacting; a name: editorial.
        (
            "term and name",
            launched
                .replace("max: 12M", "max: 9M")
                .replace("测试产品", "测试产品二"),
            vec![("/name/zh", "editorial"), ("/term/max/months", "customer-impacting")],
            vec!["compliance", "consumer_protection"],
        ),
        // Design → pilot: the stage moved forward, into serving customers.
        (
            "stage",
            PRODUCT.replace("stage: design", "stage: pilot"),
            vec![("/stage", "risk-expanding")],
            vec!["risk_management"],
        ),
        // Design → risk review: forward, but still a draft: the pilot gate collects sign-offs.
        (
            "stage within the drafts",
            PRODUCT.replace("stage: design", "stage: risk_review"),
            vec![("/stage", "risk-expanding")],
            vec![],
        ),
        // A product still in design: a spread up needs no sign-off yet.
        (
            "draft spread up",
            PRODUCT.replace("LPR1Y + 50bp", "LPR1Y + 80bp"),
            vec![("/rate/spread_bp", "customer-impacting")],
            vec![],
        ),
        // An SME product: compliance signs, consumer protection does not review it.
        (
            "sme spread up",
            sme.replace("LPR1Y + 50bp", "LPR1Y + 80bp"),
            vec![("/rate/spread_bp", "customer-impacting")],
            vec!["compliance"],
        ),
    ];
    for (what, new, expected, signoffs) in cases {
        let old = if what.starts_with("fee") {
            with_fee.clone()
        } else if what.starts_with("sme") {
            sme.clone()
        } else if what.starts_with("stage") || what.starts_with("draft") {
            PRODUCT.to_owned()
        } else {
            launched.clone()
        };
        let new = new.replace("version: 1.0.0", "version: 1.1.0");
        let dir = pair(&[("p.yaml", &old)], &[("p.yaml", &new)]);
        let (code, v) = diff_json(dir.path(), &["old", "new"]);
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(p, c)| ((*p).to_owned(), (*c).to_owned()))
            .collect();
        assert_eq!(changes(&v, "TEST-PRODUCT"), expected, "{what}: {v}");
        let p = product(&v, "TEST-PRODUCT");
        let needed: Vec<&str> = p["signoffs_needed"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(needed, signoffs, "{what}");
        // Nobody signed in the new version: exit 1 exactly when someone had to.
        assert_eq!(code, i32::from(!signoffs.is_empty()), "{what}: {v}");
    }
}

#[test]
fn the_version_must_move_and_fit_the_change() {
    let bigger = PRODUCT.replace("max: 10万", "max: 20万");
    let signed = "approvals:\n  - { role: risk_management, by: 王敏, date: 2026-03-01 }\n";
    let new = format!("{bigger}{signed}");
    for (version, problem) in [
        ("1.0.0", Some("did not")),
        ("1.0.1", Some("minor")),
        ("0.9.0", Some("went back")),
        ("1.1.0", None),
        ("2.0.0", None),
    ] {
        let dir = pair(
            &[("p.yaml", PRODUCT)],
            &[("p.yaml", &new.replace("version: 1.0.0", &format!("version: {version}")))],
        );
        let (code, v) = diff_json(dir.path(), &["old", "new"]);
        let p = product(&v, "TEST-PRODUCT");
        if let Some(words) = problem {
            assert!(
                p["version_problem"].as_str().is_some_and(|t| t.contains(words)),
                "{version}: {p}"
            );
            assert_eq!(code, 1);
        } else {
            assert!(p["version_problem"].is_null(), "{version}: {p}");
            assert_eq!(p["signoffs_missing"], Value::Array(vec![]), "{p}");
            assert_eq!(code, 0, "{version}: {v}");
        }
    }
    // An editorial change needs only a new patch version.
    let dir = pair(
        &[("p.yaml", PRODUCT)],
        &[(
            "p.yaml",
            &PRODUCT.replace("测试产品", "测试产品（新）").replace("1.0.0", "1.0.1"),
        )],
    );
    let (code, _) = diff_json(dir.path(), &["old", "new"]);
    assert_eq!(code, 0);
    // Nothing changed: nothing listed.
    let dir = pair(&[("p.yaml", PRODUCT)], &[("p.yaml", PRODUCT)]);
    let (code, v) = diff_json(dir.path(), &["old", "new"]);
    assert_eq!((code, v["products"].as_array().map(Vec::len)), (0, Some(0)));
}

#[test]
fn a_change_to_a_product_line_shows_on_every_product_that_inherits_it() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    for side in [&old, &new] {
        let status = Process::new("cp")
            .arg("-r")
            .arg(root().join("examples"))
            .arg(side)
            .status();
        assert!(status.is_ok_and(|s| s.success()));
    }
    // The SME credit line's overdue markup from 50% to 60%.
    let line = fs::read_to_string(new.join("lines/sme-credit.yaml")).unwrap_or_default();
    assert!(line.contains("overdue_markup: 50%"), "{line}");
    fs::write(
        new.join("lines/sme-credit.yaml"),
        line.replace("overdue_markup: 50%", "overdue_markup: 60%"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let (code, v) = diff_json(dir.path(), &["old", "new"]);
    assert_eq!(code, 1, "unsigned and unversioned: {v}");
    let inheriting: Vec<String> = v["products"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|p| {
            changes(&v, p["code"].as_str().unwrap_or_default())
                .contains(&("/penalty/overdue_markup".into(), "customer-impacting".into()))
        })
        .map(|p| p["code"].as_str().unwrap_or_default().to_owned())
        .collect();
    // Which examples extend lines/sme-credit.yaml, read from the files themselves.
    let mut expected: Vec<String> = fs::read_dir(old.join("products"))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| fs::read_to_string(e.path()).ok())
        .filter(|t| t.contains("sme-credit.yaml") && !t.contains("overdue_markup"))
        .filter_map(|t| {
            t.lines()
                .find_map(|l| l.strip_prefix("code: ").map(|c| c.trim().to_owned()))
        })
        .collect();
    expected.sort();
    assert!(!expected.is_empty());
    assert_eq!(inheriting, expected, "{v}");
    // Each change is placed in the line's file, where the value is written.
    let first = &product(&v, &expected[0])["changes"][0];
    assert_eq!(
        first["file"].as_str().map(|f| f.ends_with("new/lines/sme-credit.yaml")),
        Some(true),
        "{first}"
    );
    let line_no = line
        .lines()
        .position(|l| l.contains("overdue_markup"))
        .map(|i| i as u64 + 1);
    assert_eq!(first["line"].as_u64(), line_no);
}

#[test]
fn against_a_git_ref_and_the_bank_s_own_sign_off_policy() {
    let config = "loanspec: 1\nsignoffs:\n  risk_expanding: [risk_management, head_office]\n";
    let dir = catalogue(&[
        ("loanspec.yaml", config),
        ("p.yaml", PRODUCT),
        (
            "gone.yaml",
            &PRODUCT.replace("TEST-PRODUCT", "GONE").replace("测试产品", "旧"),
        ),
    ]);
    let git = |args: &[&str]| {
        let ok = Process::new("git")
            .current_dir(dir.path())
            .args(["-c", "user.email=t@example.com", "-c", "user.name=t"])
            .args(args)
            .output()
            .is_ok_and(|o| o.status.success());
        assert!(ok, "git {args:?}");
    };
    fs::write(dir.path().join("loanspec.yaml"), config).unwrap_or_else(|e| panic!("{e}"));
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-qm", "catalogue"]);
    fs::write(
        dir.path().join("p.yaml"),
        PRODUCT.replace("max: 10万", "max: 20万").replace("1.0.0", "1.1.0"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    fs::remove_file(dir.path().join("gone.yaml")).unwrap_or_else(|e| panic!("{e}"));
    let (code, v) = diff_json(dir.path(), &["--against", "HEAD"]);
    assert_eq!(code, 1, "{v}");
    let p = product(&v, "TEST-PRODUCT");
    assert_eq!(
        p["signoffs_needed"],
        serde_json::json!(["risk_management", "head_office"])
    );
    assert_eq!(p["changes"][0]["file"], "p.yaml");
    assert_eq!(product(&v, "GONE")["status"], "removed");
    // Markdown for the pull request.
    let (_, md, _) = stdout(loanspec().current_dir(dir.path()).args([
        "diff",
        "--against",
        "HEAD",
        "--as-of",
        "2026-03-20",
        "--format",
        "markdown",
    ]));
    // Values are escaped for Markdown: a code span is `<code>`, so nothing in it is markup.
    assert!(
        md.contains("### ✗ <code>TEST-PRODUCT</code> 1.0.0 → 1.1.0 (changed)"),
        "{md}"
    );
    let line = PRODUCT
        .lines()
        .position(|l| l.starts_with("amount:"))
        .map_or(0, |i| i + 1);
    assert!(
        md.contains(&format!(
            "| risk-expanding | <code>/amount/max</code> | 100000.00 | 200000.00 | <code>p.yaml:{line}</code> |"
        )),
        "{md}"
    );
    // A bad reference cannot run.
    let (code, _, err) = stdout(
        loanspec()
            .current_dir(dir.path())
            .args(["diff", "--against", "no-such-ref"]),
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no-such-ref"));
}

/// Under `--lang zh` every line of `diff` is Chinese, the version problem included (it used
/// to be kept in English only, and the Markdown's `Sign-offs:` and `Version:` were English).
#[test]
fn diff_reads_in_chinese_under_lang_zh() {
    let new = PRODUCT.replace("max: 10万", "max: 20万");
    let dir = pair(&[("p.yaml", PRODUCT)], &[("p.yaml", &new)]);
    for format in ["human", "markdown", "json"] {
        let (code, out, err) = stdout(
            loanspec()
                .current_dir(dir.path())
                .args(["--lang", "zh", "diff", "old", "new", "--format", format]),
        );
        assert_eq!(code, 1, "{format}: {out}{err}");
        let shown = if format == "markdown" {
            "<code>1.0.0</code>"
        } else {
            "`1.0.0`"
        };
        assert!(
            out.contains(&format!("产品有改动，但版本号 {shown} 未变")),
            "{format}: {out}"
        );
        // JSON keeps its keys and codes (`status: changed`); its texts are Chinese.
        let english: &[&str] = if format == "json" {
            &["did not"]
        } else {
            &[
                "did not",
                "Sign-offs",
                "Version:",
                "products changed",
                "missing",
                "(changed",
            ]
        };
        for english in english {
            assert!(!out.contains(english), "{format}: `{english}` in {out}");
        }
    }
}
