//! loanspec in hooks and CI: SARIF (validated against the official 2.1.0 schema), GitHub
//! workflow commands (checked against the syntax GitHub documents), JUnit (read back by a
//! strict XML parser), several outputs at once, exit-code flags and baselines.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde_json::Value;

use super::{PRODUCT, catalogue, loanspec, root, stdout};

/// A catalogue with: an error (an amount in percent), a rule finding suppressed inline, a file
/// whose name is Chinese and has a comma in it, a clean product line and a product.
fn ci_catalogue() -> tempfile::TempDir {
    let bad = PRODUCT
        .replace("TEST-PRODUCT", "BAD-ONE")
        .replace("min: 1万", "min: 5%");
    let suppressed = PRODUCT.replace("TEST-PRODUCT", "QUIET-ONE").replace(
        "stage: design",
        "stage: pilot # loanspec: allow LS401, LS402 -- pilot approved on paper, recorded in the next release",
    );
    let odd = PRODUCT
        .replace("TEST-PRODUCT", "ODD-NAME")
        .replace("max: 10万", "max: 1万");
    catalogue(&[
        ("loanspec.yaml", "loanspec: 1\n"),
        ("products/bad.yaml", &bad),
        ("products/quiet.yaml", &suppressed),
        ("products/消费,贷.yaml", &odd),
        ("products/good.yaml", PRODUCT),
    ])
}

fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    stdout(loanspec().current_dir(dir).args(args))
}

fn json_of(dir: &Path, args: &[&str]) -> Value {
    let (_, out, err) = run_in(dir, &[args, &["--format", "json"]].concat());
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}\n{err}"))
}

#[test]
fn sarif_validates_against_the_official_schema_and_matches_the_json_findings() {
    let dir = ci_catalogue();
    let args = ["check", ".", "--as-of", "2026-11-29"];
    let (code, out, err) = run_in(dir.path(), &[&args[..], &["--format", "sarif"]].concat());
    assert_eq!(code, 1, "{err}");
    let sarif: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));

    let schema: Value = serde_json::from_str(
        &fs::read_to_string(root().join("tests/data/sarif-schema-2.1.0.json")).unwrap_or_else(|e| panic!("{e}")),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("{e}"));
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    let run = &sarif["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "loanspec");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().cloned().unwrap_or_default();
    // Every rule's help link points at a heading that exists in docs/rules.md.
    let docs = fs::read_to_string(root().join("docs/rules.md")).unwrap_or_default();
    for rule in &rules {
        let uri = rule["helpUri"].as_str().unwrap_or_else(|| panic!("no helpUri: {rule}"));
        let anchor = uri.rsplit('#').next().unwrap_or_default();
        let heading_exists = docs.lines().any(|l| {
            let l = l.trim_start_matches('#').trim();
            l.to_ascii_lowercase().replace(' ', "-") == anchor
        });
        assert!(heading_exists, "{uri} names no heading of docs/rules.md");
    }
    let ls210 = rules
        .iter()
        .find(|r| r["id"] == "LS210")
        .unwrap_or_else(|| panic!("LS210 missing"));
    assert_eq!(ls210["name"], "internet-unsecured-limit");
    assert!(
        ls210["help"]["markdown"]
            .as_str()
            .is_some_and(|m| m.contains("### LS210"))
    );

    // Each active result is one JSON finding with a place, at the same place.
    let plain = json_of(dir.path(), &args);
    let expected: Vec<(String, String, u64, u64, u64, u64, String)> = plain["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| !d["file"].is_null())
        .map(|d| {
            let n = |k: &str| d[k].as_u64().unwrap_or(0);
            (
                d["code"].as_str().unwrap_or_default().to_owned(),
                d["file"].as_str().unwrap_or_default().to_owned(),
                n("line"),
                n("column"),
                n("end_line"),
                n("end_column"),
                d["pointer"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let results = run["results"].as_array().cloned().unwrap_or_default();
    let active: Vec<(String, String, u64, u64, u64, u64, String)> = results
        .iter()
        .filter(|r| r.get("suppressions").is_none())
        .map(|r| {
            let loc = &r["locations"][0];
            let region = &loc["physicalLocation"]["region"];
            let n = |k: &str| region[k].as_u64().unwrap_or(0);
            let uri = loc["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap_or_default();
            (
                r["ruleId"].as_str().unwrap_or_default().to_owned(),
                percent_decode(uri),
                n("startLine"),
                n("startColumn"),
                n("endLine"),
                n("endColumn"),
                loc["logicalLocations"][0]["fullyQualifiedName"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            )
        })
        .collect();
    assert_eq!(active, expected);
    assert!(
        active
            .iter()
            .any(|a| a.0 == "LS111" || a.0 == "LS113" || a.0.starts_with("LS1"))
    );
    // The Chinese file name is percent-encoded as UTF-8, the comma too.
    assert!(out.contains("products/%E6%B6%88%E8%B4%B9%2C%E8%B4%B7.yaml"), "{out}");

    // Suppressed findings are listed with the reason, not dropped.
    let suppressed: Vec<&Value> = results.iter().filter(|r| r.get("suppressions").is_some()).collect();
    assert!(!suppressed.is_empty());
    for r in &suppressed {
        assert_eq!(r["suppressions"][0]["kind"], "inSource");
        assert_eq!(
            r["suppressions"][0]["justification"],
            "pilot approved on paper, recorded in the next release"
        );
    }
    assert_eq!(
        suppressed.len() as u64,
        plain["summary"]["suppressed"].as_u64().unwrap_or(0)
    );
    // The finding about the whole run (the LPR table is stale) is a tool notification.
    let notes = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(notes.iter().any(|n| n["associatedRule"]["id"] == "LS127"), "{notes:?}");
}

fn percent_decode(uri: &str) -> String {
    let bytes = uri.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() + 1 {
            if let Ok(b) = u8::from_str_radix(&uri[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// GitHub's workflow-command syntax: `::KIND PROPS::MESSAGE`, properties `name=value` joined by
/// commas, values with `%`, CR, LF, `:` and `,` escaped, the message with `%`, CR and LF.
const GITHUB_LINE: &str = r"^::(error|warning|notice) ((file=(?P<file>[^,:\r\n]*),line=(?P<line>\d+),col=(?P<col>\d+),endLine=(?P<el>\d+),endColumn=(?P<ec>\d+),)?title=(?P<title>[^,:\r\n]*))::(?P<message>[^\r\n]*)$";

fn github_unescape(s: &str) -> String {
    s.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

#[test]
fn github_annotations_follow_the_workflow_command_syntax() {
    let dir = ci_catalogue();
    let args = ["check", ".", "--as-of", "2026-11-29"];
    let (code, out, _) = run_in(dir.path(), &[&args[..], &["--format", "github"]].concat());
    assert_eq!(code, 1);
    let re = regex::Regex::new(GITHUB_LINE).unwrap_or_else(|e| panic!("{e}"));
    let plain = json_of(dir.path(), &args);
    let diagnostics = plain["diagnostics"].as_array().cloned().unwrap_or_default();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), diagnostics.len(), "{out}");
    for (line, d) in lines.iter().zip(&diagnostics) {
        let caps = re
            .captures(line)
            .unwrap_or_else(|| panic!("not a workflow command: {line}"));
        let kind = match d["severity"].as_str() {
            Some("error") => "error",
            Some("warning") => "warning",
            _ => "notice",
        };
        assert!(line.starts_with(&format!("::{kind} ")), "{line}");
        let title = github_unescape(&caps["title"]);
        assert_eq!(
            title,
            format!(
                "{} {}",
                d["code"].as_str().unwrap_or_default(),
                d["name"].as_str().unwrap_or_default()
            )
        );
        let mut message = d["message"].as_str().unwrap_or_default().to_owned();
        if let Some(help) = d["help"].as_str() {
            message = format!("{message}\n{help}");
        }
        assert_eq!(github_unescape(&caps["message"]), message);
        if let Some(file) = caps.name("file") {
            assert_eq!(github_unescape(file.as_str()), d["file"].as_str().unwrap_or_default());
            assert_eq!(caps["line"].parse::<u64>().ok(), d["line"].as_u64());
            assert_eq!(caps["col"].parse::<u64>().ok(), d["column"].as_u64());
            assert_eq!(caps["el"].parse::<u64>().ok(), d["end_line"].as_u64());
            assert_eq!(caps["ec"].parse::<u64>().ok(), d["end_column"].as_u64());
        } else {
            assert!(d["file"].is_null(), "{line}");
        }
    }
    // The comma in the file name and the `%` in a quoted value are escaped.
    assert!(out.contains("file=products/消费%2C贷.yaml"), "{out}");
    assert!(out.contains("5%25"), "{out}");
}

#[test]
fn junit_has_a_suite_per_file_a_case_per_product_and_a_failure_per_error() {
    let dir = ci_catalogue();
    let args = ["check", ".", "--as-of", "2026-11-29"];
    let (code, out, _) = run_in(dir.path(), &[&args[..], &["--format", "junit"]].concat());
    assert_eq!(code, 1);
    let doc = roxmltree::Document::parse(&out).unwrap_or_else(|e| panic!("not XML ({e}): {out}"));
    let top = doc.root_element();
    assert_eq!(top.tag_name().name(), "testsuites");
    let plain = json_of(dir.path(), &args);
    let mut errors: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for d in plain["diagnostics"].as_array().into_iter().flatten() {
        if d["severity"] == "error" {
            let file = d["file"].as_str().unwrap_or("loanspec").to_owned();
            errors
                .entry(file)
                .or_default()
                .push(d["code"].as_str().unwrap_or_default().to_owned());
        }
    }
    let suites: Vec<roxmltree::Node<'_, '_>> = top.children().filter(|n| n.has_tag_name("testsuite")).collect();
    let names: Vec<&str> = suites.iter().filter_map(|s| s.attribute("name")).collect();
    for file in [
        "products/bad.yaml",
        "products/good.yaml",
        "products/quiet.yaml",
        "products/消费,贷.yaml",
    ] {
        assert!(names.contains(&file), "{file} has no suite: {names:?}");
    }
    let mut failing = 0;
    for suite in &suites {
        let name = suite.attribute("name").unwrap_or_default();
        let cases: Vec<_> = suite.children().filter(|n| n.has_tag_name("testcase")).collect();
        assert_eq!(cases.len(), 1, "{name}");
        let failures: Vec<String> = cases[0]
            .children()
            .filter(|n| n.has_tag_name("failure"))
            .map(|n| n.attribute("type").unwrap_or_default().to_owned())
            .collect();
        assert_eq!(failures, errors.get(name).cloned().unwrap_or_default(), "{name}");
        let failed = !failures.is_empty();
        failing += usize::from(failed);
        assert_eq!(suite.attribute("failures"), Some(if failed { "1" } else { "0" }));
    }
    assert_eq!(top.attribute("failures"), Some(failing.to_string().as_str()));
    assert!(failing >= 1);
    let good = suites
        .iter()
        .find(|s| s.attribute("name") == Some("products/good.yaml"))
        .and_then(|s| s.children().find(|n| n.has_tag_name("testcase")));
    assert_eq!(good.and_then(|c| c.attribute("name")), Some("TEST-PRODUCT"));
}

#[test]
fn several_formats_in_one_run_and_output_files() {
    let dir = ci_catalogue();
    let sarif = dir.path().join("out.sarif");
    let junit = dir.path().join("reports/junit.xml");
    fs::create_dir_all(dir.path().join("reports")).unwrap_or_else(|e| panic!("{e}"));
    let (code, out, err) = run_in(
        dir.path(),
        &[
            "check",
            ".",
            "--as-of",
            "2026-11-29",
            "--format",
            "human",
            "--format",
            "sarif",
            "--output",
            "sarif=out.sarif",
            "--output",
            "junit=reports/junit.xml",
        ],
    );
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("errors") && !out.trim_start().starts_with('{'), "{out}");
    let written: Value =
        serde_json::from_str(&fs::read_to_string(&sarif).unwrap_or_default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(written["version"], "2.1.0");
    assert!(fs::read_to_string(&junit).unwrap_or_default().contains("<testsuites"));

    // A bare `--output FILE` with one format.
    let (code, out, _) = run_in(dir.path(), &["check", ".", "--format", "json", "--output", "one.json"]);
    assert_eq!(code, 1);
    assert!(out.is_empty(), "{out}");
    assert!(
        fs::read_to_string(dir.path().join("one.json"))
            .unwrap_or_default()
            .contains("\"diagnostics\"")
    );

    // Ambiguities are bad arguments (2), said plainly.
    for args in [
        &["check", ".", "--format", "human", "--format", "json"][..],
        &[
            "check", ".", "--format", "human", "--format", "sarif", "--output", "x.sarif",
        ][..],
        &["check", ".", "--output", "a=b", "--output", "c=d"][..],
        &["check", ".", "--format", "csv"][..],
        &["rules", "--format", "sarif"][..],
    ] {
        let (code, _, err) = run_in(dir.path(), args);
        assert_eq!(code, 2, "{args:?}");
        assert!(err.starts_with("loanspec: "), "{args:?}: {err}");
    }
}

#[test]
fn deny_warnings_and_exit_zero() {
    // Only a warning: an unused suppression.
    let warn_only = PRODUCT.replace(
        "collateral: none",
        "collateral: none # loanspec: allow LS210 -- nothing to allow here",
    );
    let dir = catalogue(&[("loanspec.yaml", "loanspec: 1\n"), ("p.yaml", &warn_only)]);
    let base = ["check", ".", "--as-of", "2026-03-20"];
    assert_eq!(run_in(dir.path(), &base).0, 0);
    assert_eq!(run_in(dir.path(), &[&base[..], &["--deny-warnings"]].concat()).0, 1);
    let out = dir.path().join("out");
    let (code, _, _) = run_in(
        dir.path(),
        &["compile", ".", "--as-of", "2026-03-20", "--deny-warnings", "-o", "out"],
    );
    assert_eq!(code, 1);
    assert!(!out.exists(), "compile with --deny-warnings wrote files");

    let errors = catalogue(&[("p.yaml", &PRODUCT.replace("min: 1万", "min: 5%"))]);
    assert_eq!(run_in(errors.path(), &["check", "."]).0, 1);
    assert_eq!(run_in(errors.path(), &["check", ".", "--exit-zero"]).0, 0);
    assert_eq!(run_in(errors.path(), &["check", "missing/", "--exit-zero"]).0, 2);
    assert_eq!(
        run_in(errors.path(), &["check", ".", "--exit-zero", "--deny-warnings"]).0,
        2
    );
}

#[test]
fn a_baseline_accepts_old_findings_fails_new_ones_and_reports_stale_entries() {
    // Two rule findings (a baseline accepts rules' findings, never a spec that cannot be read).
    let two_errors = PRODUCT
        .replace("测试产品", "旧产品")
        .replace("min: 1万", "min: 20万")
        .replace("term: { min: 6M, max: 12M }", "term: { min: 12M, max: 6M }");
    let dir = catalogue(&[
        ("loanspec.yaml", "loanspec: 1\n"),
        ("old.yaml", &two_errors.replace("TEST-PRODUCT", "OLD")),
        ("clean.yaml", PRODUCT),
    ]);
    let as_of = ["--as-of", "2026-03-20"];
    let before = json_of(dir.path(), &[&["check", "."][..], &as_of].concat());
    let old_errors = before["summary"]["errors"].as_u64().unwrap_or(0);
    assert!(old_errors >= 2, "{before}");

    let (code, out, err) = run_in(
        dir.path(),
        &[&["baseline", "write", "baseline.json", "."][..], &as_of].concat(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(&format!("recorded {old_errors} findings")), "{out}");
    let written: Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("baseline.json")).unwrap_or_default())
            .unwrap_or_else(|e| panic!("{e}"));
    let entries = written["findings"].as_array().cloned().unwrap_or_default();
    assert!(
        entries
            .iter()
            .all(|e| e["file"] == "old.yaml" && e["hash"].as_str().is_some_and(|h| h.starts_with("sha256:")))
    );

    // The same catalogue against its baseline: clean, and the JSON says how many were set aside.
    let check = [&["check", ".", "--baseline", "baseline.json"][..], &as_of].concat();
    let after = json_of(dir.path(), &check);
    assert_eq!(after["summary"]["errors"], 0, "{after}");
    assert_eq!(after["summary"]["baselined"].as_u64(), Some(old_errors));
    assert_eq!(run_in(dir.path(), &check).0, 0);
    // From another directory too (paths in the baseline are relative to it).
    let (code, _, err) = stdout(
        loanspec()
            .current_dir(dir.path().parent().unwrap_or(dir.path()))
            .args(["check"])
            .arg(dir.path())
            .arg("--baseline")
            .arg(dir.path().join("baseline.json"))
            .args(as_of),
    );
    assert_eq!(code, 0, "{err}");

    // Lines moved above a finding: still accepted. A new error elsewhere: reported alone.
    let moved = format!(
        "# a comment that moves every line down\n{}",
        two_errors.replace("TEST-PRODUCT", "OLD")
    );
    fs::write(dir.path().join("old.yaml"), &moved).unwrap_or_else(|e| panic!("{e}"));
    fs::write(dir.path().join("clean.yaml"), PRODUCT.replace("max: 10万", "max: 7%")).unwrap_or_else(|e| panic!("{e}"));
    let new = json_of(dir.path(), &check);
    let files: Vec<&str> = new["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["file"].as_str())
        .collect();
    assert_eq!(files, vec!["clean.yaml"], "{new}");
    assert_eq!(run_in(dir.path(), &check).0, 1);

    // One old problem fixed: its entry is stale, a warning placed in the baseline file.
    fs::write(dir.path().join("clean.yaml"), PRODUCT).unwrap_or_else(|e| panic!("{e}"));
    fs::write(dir.path().join("old.yaml"), moved.replace("min: 20万", "min: 1万")).unwrap_or_else(|e| panic!("{e}"));
    let stale = json_of(dir.path(), &check);
    let diags = stale["diagnostics"].as_array().cloned().unwrap_or_default();
    assert_eq!(diags.len(), 1, "{stale}");
    assert_eq!(diags[0]["code"], "LS191");
    assert_eq!(diags[0]["file"], "baseline.json");
    assert!(diags[0]["line"].as_u64().is_some_and(|l| l > 1));
    assert_eq!(run_in(dir.path(), &check).0, 0);
    assert_eq!(run_in(dir.path(), &[&check[..], &["--deny-warnings"]].concat()).0, 1);

    // SARIF marks what the baseline accepted.
    let (_, out, _) = run_in(dir.path(), &[&check[..], &["--format", "sarif"]].concat());
    let sarif: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}"));
    let results = sarif["runs"][0]["results"].as_array().cloned().unwrap_or_default();
    assert!(
        results
            .iter()
            .any(|r| r["baselineState"] == "unchanged" && r["suppressions"][0]["kind"] == "external")
    );
    assert!(
        results
            .iter()
            .any(|r| r["ruleId"] == "LS191" && r["baselineState"] == "new")
    );

    // A missing baseline cannot be used (2); one that is not a baseline is a finding with a place.
    assert_eq!(
        run_in(
            dir.path(),
            &[&["check", ".", "--baseline", "nope.json"][..], &as_of].concat()
        )
        .0,
        2
    );
    fs::write(dir.path().join("bad.json"), "{\"findings\": [{\"file\": 1}]}\n").unwrap_or_else(|e| panic!("{e}"));
    let bad = json_of(
        dir.path(),
        &[&["check", ".", "--baseline", "bad.json"][..], &as_of].concat(),
    );
    assert!(
        bad["diagnostics"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|d| d["code"] == "LS190" && d["line"] == 1),
        "{bad}"
    );
}

#[test]
fn only_catalogues_skips_yaml_outside_any_catalogue() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    fs::create_dir_all(dir.path().join("deploy")).unwrap_or_else(|e| panic!("{e}"));
    fs::create_dir_all(dir.path().join("catalogue")).unwrap_or_else(|e| panic!("{e}"));
    fs::write(dir.path().join("deploy/service.yaml"), "replicas: 3\n").unwrap_or_else(|e| panic!("{e}"));
    fs::write(dir.path().join("catalogue/loanspec.yaml"), "loanspec: 1\n").unwrap_or_else(|e| panic!("{e}"));
    fs::write(
        dir.path().join("catalogue/p.yaml"),
        PRODUCT.replace("min: 1万", "min: 5%"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let hook = ["check", "--only-catalogues", "deploy/service.yaml", "catalogue/p.yaml"];
    let (code, out, _) = run_in(dir.path(), &[&hook[..], &["--format", "json"]].concat());
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}"));
    let files: Vec<&str> = v["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["file"].as_str())
        .collect();
    assert!(
        !files.is_empty() && files.iter().all(|f| *f == "catalogue/p.yaml"),
        "{v}"
    );
    // Without the flag the stray file is a spec like any other, and fails.
    let (code, out, _) = run_in(dir.path(), &["check", "deploy/service.yaml", "--format", "json"]);
    assert_eq!(code, 1, "{out}");
    let (code, _, _) = run_in(dir.path(), &["check", "--only-catalogues", "deploy/service.yaml"]);
    assert_eq!(code, 0);
}

#[test]
fn min_severity_leaves_out_notes_and_warnings_but_not_the_exit_code() {
    let dir = ci_catalogue();
    let counts = |extra: &[&str]| {
        let v = json_of(
            dir.path(),
            &[&["check", ".", "--as-of", "2026-11-29"][..], extra].concat(),
        );
        let severities: Vec<String> = v["diagnostics"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|d| d["severity"].as_str().map(str::to_owned))
            .collect();
        severities
    };
    let all = counts(&[]);
    assert!(
        all.iter().any(|s| s == "warning") && all.iter().any(|s| s == "error"),
        "{all:?}"
    );
    let warnings = counts(&["--min-severity", "warning"]);
    assert!(!warnings.iter().any(|s| s == "info"));
    assert_eq!(warnings.len(), all.iter().filter(|s| *s != "info").count());
    let errors = counts(&["--min-severity", "error"]);
    assert!(errors.iter().all(|s| s == "error") && !errors.is_empty());
    let (code, _, _) = run_in(
        dir.path(),
        &["check", ".", "--as-of", "2026-11-29", "--min-severity", "error"],
    );
    assert_eq!(code, 1);
}
