//! The command-line contract, as CI scripts, git hooks and designers use it: exit codes, output
//! formats, paths, compile's all-or-nothing writes, and bounded handling of hostile input.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

#[path = "cli/ci.rs"]
mod ci;
#[path = "cli/diff.rs"]
mod diff;
#[path = "cli/fineract.rs"]
mod fineract;
#[path = "cli/index.rs"]
mod index;
#[path = "cli/lsp.rs"]
mod lsp;
#[path = "cli/monitor.rs"]
mod monitor;
#[path = "cli/report.rs"]
mod report;
#[path = "cli/trust.rs"]
mod trust;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The binary, run from the crate root with a fixed, predictable environment.
fn loanspec() -> Command {
    let mut cmd = Command::cargo_bin("loanspec").unwrap_or_else(|e| panic!("{e}"));
    cmd.current_dir(root())
        .env_remove("NO_COLOR")
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    cmd
}

fn stdout(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().unwrap_or_else(|e| panic!("{e}"));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json(cmd: &mut Command) -> (i32, Value) {
    let (code, out, err) = stdout(cmd);
    let value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}\n{err}"));
    (code, value)
}

const PRODUCT: &str = "loanspec: 1
code: TEST-PRODUCT
version: 1.0.0
name: { zh: 测试产品 }
stage: design
borrower: { type: individual }
purpose: consumption
origination: branch
amount: { currency: CNY, min: 1万, max: 10万 }
term: { min: 6M, max: 12M }
rate: LPR1Y + 50bp
repayment: { methods: [equal_installment] }
collateral: none
";

/// `loanspec check ARGS --format json` run in `dir`, as of a date the LPR table covers unless
/// ARGS give another.
fn check_json(dir: &Path, args: &[&str]) -> (i32, Value) {
    let mut cmd = loanspec();
    cmd.current_dir(dir).arg("check").args(args).args(["--format", "json"]);
    if !args.contains(&"--as-of") {
        cmd.args(["--as-of", "2026-03-31"]);
    }
    json(&mut cmd)
}

/// A scratch catalogue: `loanspec.yaml` plus the given files.
fn catalogue(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    fs::write(dir.path().join("loanspec.yaml"), "loanspec: 1\n").unwrap_or_else(|e| panic!("{e}"));
    for (name, text) in files {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
        }
        fs::write(path, text).unwrap_or_else(|e| panic!("{e}"));
    }
    dir
}

/// The examples are dated as of the day they were last reviewed (sign-offs, pilots and reviews
/// up to November 2026), so they are checked as of that day; the embedded LPR table ends on
/// 2026-03-20, which is the one warning.
#[test]
fn examples_check_clean_and_exit_zero() {
    let (code, out, _) = stdout(loanspec().args(["check", "examples/", "--as-of", "2026-11-29"]));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 errors, 1 warning in 13 files (11 products)"), "{out}");
}

#[test]
fn a_stale_lpr_table_warns_once_and_still_exits_zero() {
    let (code, value) = check_json(&root(), &["examples/", "--as-of", "2026-11-29"]);
    assert_eq!(code, 0, "{value}");
    assert_eq!(codes_of(&value), ["LS127"]);
    let stale = value["diagnostics"]
        .as_array()
        .and_then(|d| d.iter().find(|d| d["code"] == "LS127"));
    let message = stale.and_then(|d| d["message"].as_str()).unwrap_or_default();
    // 2026-03-20 to 2026-11-29: 11 + 30 + 31 + 30 + 31 + 31 + 30 + 31 + 29 = 254 days.
    assert!(
        message.contains("2026-03-20, 254 days before the as-of date 2026-11-29"),
        "{message}"
    );
    assert_eq!(value["summary"]["warnings"], 1);
}

#[test]
fn findings_exit_one_and_json_has_the_contract_shape() {
    let bad = PRODUCT
        .replace("min: 1万, max: 10万", "min: 50万, max: 10万")
        .replace("purpose: consumption", "purpose: busines");
    let dir = catalogue(&[("products/bad.yaml", &bad)]);
    let (code, value) = check_json(dir.path(), &["products"]);
    assert_eq!(code, 1);
    assert_eq!(value["version"], 1);
    let diagnostics = value["diagnostics"].as_array().cloned().unwrap_or_default();
    assert_eq!(
        diagnostics.len(),
        1,
        "the product does not resolve with a schema error, so the amount rule does not run: {value}"
    );
    let d = &diagnostics[0];
    for key in [
        "code",
        "severity",
        "message",
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "pointer",
        "help",
        "related",
    ] {
        assert!(d.get(key).is_some(), "missing {key}: {d}");
    }
    assert_eq!(d["code"], "LS104");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["file"], "products/bad.yaml");
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(7), Some(10)));
    assert_eq!((d["end_line"].as_u64(), d["end_column"].as_u64()), (Some(7), Some(17)));
    assert_eq!(d["pointer"], "/purpose");
    assert_eq!(d["help"], "did you mean `business`?");
    assert_eq!(value["summary"]["files"], 1);
    assert_eq!(value["summary"]["products"], 1);
    assert_eq!(value["summary"]["errors"], 1);
    assert_eq!(value["summary"]["warnings"], 0);
}

#[test]
fn related_places_appear_in_json() {
    let a = PRODUCT.to_owned();
    let dir = catalogue(&[("a.yaml", &a), ("b.yaml", &a)]);
    let (code, value) = check_json(dir.path(), &["."]);
    assert_eq!(code, 1);
    let first = &value["diagnostics"][0];
    assert_eq!(first["code"], "LS124");
    assert_eq!(first["related"][0]["file"], "b.yaml");
    assert_eq!(first["related"][0]["line"], 2);
}

#[test]
fn could_not_run_exits_two() {
    let (code, _, err) = stdout(loanspec().args(["check", "no/such/folder"]));
    assert_eq!(code, 2);
    assert!(err.contains("no such file or folder"), "{err}");
    let (code, _, err) = stdout(loanspec().args(["check", "examples/", "--as-of", "2019-08-19"]));
    assert_eq!(code, 2);
    assert!(err.contains("2019-08-20"), "{err}");
    let (code, _, _) = stdout(loanspec().args(["check", "examples/", "--as-of", "31/03/2026"]));
    assert_eq!(code, 2);
    let (code, _, _) = stdout(loanspec().args(["check"]));
    assert_eq!(code, 2);
    let (code, _, _) = stdout(loanspec().args(["frobnicate"]));
    assert_eq!(code, 2);
    let (code, _, _) = stdout(loanspec().args(["check", "examples/", "--format", "xml"]));
    assert_eq!(code, 2);
}

#[test]
fn help_and_version_exit_zero() {
    let (code, out, _) = stdout(loanspec().arg("--help"));
    assert_eq!(code, 0);
    assert!(
        out.contains("check") && out.contains("compile") && out.contains("schema"),
        "{out}"
    );
    let (code, _, _) = stdout(loanspec().arg("--version"));
    assert_eq!(code, 0);
}

/// A git hook passes one changed file: the catalogue is found by walking up to `loanspec.yaml`,
/// `extends` resolves, and only that file's findings are reported.
#[test]
fn one_file_is_checked_inside_its_catalogue() {
    let line = "loanspec: 1\nkind: line\ncode: LINE-BASE\nversion: 1.0.0\nname: { zh: 产品线 }\nborrower: { type: individual }\n";
    let product = PRODUCT.replace("borrower: { type: individual }\n", "extends: ../lines/base.yaml\n");
    let broken = PRODUCT
        .replace("TEST-PRODUCT", "OTHER-PRODUCT")
        .replace("测试产品", "另一产品")
        .replace("purpose: consumption", "purpose: busines");
    let dir = catalogue(&[
        ("lines/base.yaml", line),
        ("products/p.yaml", &product),
        ("products/broken.yaml", &broken),
    ]);
    let (code, out, _) =
        stdout(
            loanspec()
                .current_dir(dir.path().join("products"))
                .args(["check", "p.yaml", "--as-of", "2026-03-31"]),
        );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("1 file (1 product)"), "{out}");
    // The same file named from elsewhere is shown as the user would type it.
    let (code, value) = check_json(dir.path(), &["products/broken.yaml"]);
    assert_eq!(code, 1);
    assert_eq!(value["diagnostics"][0]["file"], "products/broken.yaml");
    // Naming `loanspec.yaml` re-checks the whole catalogue.
    let (code, value) = check_json(dir.path(), &["loanspec.yaml"]);
    assert_eq!(code, 1);
    assert_eq!(value["summary"]["files"], 3);
}

/// Without a `loanspec.yaml` above it, a file's folder is the catalogue.
#[test]
fn without_a_config_the_folder_is_the_catalogue() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    fs::write(dir.path().join("p.yaml"), PRODUCT).unwrap_or_else(|e| panic!("{e}"));
    let (code, out, _) = stdout(
        loanspec()
            .current_dir(dir.path())
            .args(["check", "p.yaml", "--as-of", "2026-03-31"]),
    );
    assert_eq!(code, 0, "{out}");
}

#[test]
fn compile_writes_one_canonical_file_per_product_deterministically() {
    let out1 = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out2 = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for out in [&out1, &out2] {
        let (code, text, err) = stdout(
            loanspec()
                .args(["compile", "examples/", "-o"])
                .arg(out.path())
                .args(["--as-of", "2026-11-29"]),
        );
        assert_eq!(code, 0, "{text}{err}");
    }
    let names = |d: &Path| {
        let mut v: Vec<String> = fs::read_dir(d)
            .map(|r| {
                r.flatten()
                    .map(|e| e.file_name().to_string_lossy().to_string())
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    };
    let files = names(out1.path());
    // Eleven products and the manifest of what was written.
    assert_eq!(files.len(), 12, "{files:?}");
    assert_eq!(files[0], ".loanspec-output.json");
    assert!(files.contains(&"SCI-TECH-CREDIT.json".to_owned()));
    assert!(
        !files.iter().any(|f| f.starts_with("LINE-") || f.contains(".tmp")),
        "lines are not emitted, no temp files remain: {files:?}"
    );
    assert_eq!(files, names(out2.path()));
    for f in &files {
        let a = fs::read(out1.path().join(f)).unwrap_or_default();
        let b = fs::read(out2.path().join(f)).unwrap_or_default();
        assert!(a == b, "{f} differs between two runs");
        assert!(a.ends_with(b"\n"));
    }
}

#[test]
fn compile_writes_nothing_when_any_error_is_found() {
    let bad = PRODUCT
        .replace("TEST-PRODUCT", "BAD-PRODUCT")
        .replace("max: 10万", "max: 10万元元");
    let dir = catalogue(&[("good.yaml", PRODUCT), ("bad.yaml", &bad)]);
    let out = dir.path().join("out");
    let (code, text, err) =
        stdout(
            loanspec()
                .current_dir(dir.path())
                .args(["compile", ".", "-o", "out", "--as-of", "2026-03-31"]),
        );
    assert_eq!(code, 1, "{text}");
    assert!(err.contains("nothing written"), "{err}");
    assert!(!out.exists(), "the output folder must not be created");
    // An existing output folder keeps what it had.
    fs::create_dir_all(&out).unwrap_or_else(|e| panic!("{e}"));
    fs::write(out.join("TEST-PRODUCT.json"), "old").unwrap_or_else(|e| panic!("{e}"));
    let (code, _, _) =
        stdout(
            loanspec()
                .current_dir(dir.path())
                .args(["compile", ".", "-o", "out", "--as-of", "2026-03-31"]),
        );
    assert_eq!(code, 1);
    assert_eq!(
        fs::read_to_string(out.join("TEST-PRODUCT.json")).unwrap_or_default(),
        "old"
    );
}

#[test]
fn compile_emits_yaml_on_request() {
    let dir = catalogue(&[("p.yaml", PRODUCT)]);
    let (code, text, _) = stdout(loanspec().current_dir(dir.path()).args([
        "compile",
        "p.yaml",
        "-o",
        "out",
        "--emit",
        "yaml",
        "--as-of",
        "2026-03-31",
    ]));
    assert_eq!(code, 0, "{text}");
    let yaml = fs::read_to_string(dir.path().join("out/TEST-PRODUCT.yaml")).unwrap_or_default();
    assert!(yaml.contains("effective_rate: \"3.5000\""), "{yaml}");
    assert!(
        yaml.contains("as_of: \"2026-03-31\""),
        "dates are quoted so YAML 1.1 readers keep them as text: {yaml}"
    );
}

/// The schema command prints exactly the committed files.
#[test]
fn schema_command_prints_the_committed_schemas() {
    for (args, file) in [
        (vec!["schema"], "product.schema.json"),
        (vec!["schema", "--catalogue"], "catalogue.schema.json"),
        (vec!["schema", "--canonical"], "canonical.schema.json"),
    ] {
        let (code, out, _) = stdout(loanspec().args(&args));
        assert_eq!(code, 0);
        assert_eq!(
            out,
            fs::read_to_string(root().join("schemas").join(file)).unwrap_or_default(),
            "{file}"
        );
    }
}

/// `rates:` in loanspec.yaml adds fixings: a CSV file, with bad rows reported at their line.
/// The figures are fictional test data dated after the embedded table.
#[test]
fn extra_fixings_from_a_csv_are_used_and_bad_rows_reported() {
    let dir = catalogue(&[("p.yaml", PRODUCT)]);
    fs::write(
        dir.path().join("loanspec.yaml"),
        "loanspec: 1\nrates: data/fixings.csv\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    fs::create_dir_all(dir.path().join("data")).unwrap_or_else(|e| panic!("{e}"));
    fs::write(
        dir.path().join("data/fixings.csv"),
        "effective_date,lpr_1y_pct,lpr_5y_pct\n2026-04-20,2.90,3.40\n2026-05-20,2.x,3.40\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let (code, value) = check_json(dir.path(), &[".", "--as-of", "2026-04-30"]);
    assert_eq!(code, 1);
    let d = &value["diagnostics"][0];
    assert_eq!(d["code"], "LS128");
    assert_eq!(d["file"], "data/fixings.csv");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64(), d["end_column"].as_u64()),
        (Some(3), Some(12), Some(15))
    );
    // Fixed, the added fixing is in force on 2026-04-30: 2.90% + 50bp.
    fs::write(
        dir.path().join("data/fixings.csv"),
        "effective_date,lpr_1y_pct,lpr_5y_pct\n2026-04-20,2.90,3.40\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let (code, text, _) =
        stdout(
            loanspec()
                .current_dir(dir.path())
                .args(["compile", ".", "-o", "out", "--as-of", "2026-04-30"]),
        );
    assert_eq!(code, 0, "{text}");
    let out: Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("out/TEST-PRODUCT.json")).unwrap_or_default())
            .unwrap_or(Value::Null);
    assert_eq!(out["rate"]["effective_rate"], "3.4000");
    assert_eq!(out["rate"]["benchmark_fixing_date"], "2026-04-20");
}

#[test]
fn color_follows_no_color_and_the_flag() {
    let bad = PRODUCT.replace("purpose: consumption", "purpose: busines");
    let dir = catalogue(&[("p.yaml", &bad)]);
    let run = |args: &[&str], no_color: bool| {
        let mut cmd = loanspec();
        cmd.current_dir(dir.path())
            .args(["check", "p.yaml", "--as-of", "2026-03-31"])
            .args(args);
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        stdout(&mut cmd).1
    };
    assert!(run(&["--color", "always"], false).contains('\u{1b}'));
    assert!(
        run(&["--color", "always"], true).contains('\u{1b}'),
        "the flag beats NO_COLOR"
    );
    assert!(!run(&["--color", "never"], false).contains('\u{1b}'));
    assert!(!run(&[], true).contains('\u{1b}'));
    assert!(!run(&[], false).contains('\u{1b}'), "not a terminal: no colour");
}

#[test]
fn messages_in_chinese() {
    let bad = PRODUCT.replace("purpose: consumption", "purpose: busines");
    let dir = catalogue(&[("p.yaml", &bad)]);
    let (_, out, _) =
        stdout(
            loanspec()
                .current_dir(dir.path())
                .args(["check", "p.yaml", "--lang", "zh", "--as-of", "2026-03-31"]),
        );
    assert!(
        out.contains("不是有效的") && out.contains("是不是想写 `business`（个人经营）"),
        "{out}"
    );
    // The help line is labelled in Chinese too (miette writes `help:` itself), aligned as before.
    assert!(out.contains("\n  建议：是不是想写"), "{out}");
    assert!(!out.contains("help:"), "{out}");
    let (_, out, _) = stdout(loanspec().current_dir(dir.path()).env("LANG", "zh_CN.UTF-8").args([
        "check",
        "p.yaml",
        "--as-of",
        "2026-03-31",
    ]));
    assert!(out.contains("个错误"), "{out}");
}

/// A missing key's help names what goes there without inventing it (it once said `max: 500万`
/// for every product), and in Chinese reads as Chinese (it embedded the English description).
#[test]
fn missing_key_help_invents_no_value_and_reads_as_chinese() {
    let bad = PRODUCT.replace("max: 10万 }", "currency: CNY }").replace(
        "amount: { currency: CNY, min: 1万, currency: CNY }",
        "amount: { currency: CNY, min: 1万 }",
    );
    assert!(bad.contains("amount: { currency: CNY, min: 1万 }"), "{bad}");
    let dir = catalogue(&[("p.yaml", &bad)]);
    let (_, zh, _) =
        stdout(
            loanspec()
                .current_dir(dir.path())
                .args(["--lang", "zh", "check", "p.yaml", "--as-of", "2026-03-31"]),
        );
    assert!(zh.contains("请添加 `max: <金额，如 50万>`（单户额度上限）"), "{zh}");
    assert!(!zh.contains("Largest") && !zh.contains("500万"), "{zh}");
    let (_, en, _) = stdout(
        loanspec()
            .current_dir(dir.path())
            .args(["check", "p.yaml", "--as-of", "2026-03-31"]),
    );
    assert!(en.contains("add `max: <amount, like 50万>`"), "{en}");
}

// ---- the rule catalogue: suppressions, the bank's own rules, listing and explaining ----

/// (code, line, column) of each finding, errors, warnings and infos alike.
fn places(value: &Value) -> Vec<(String, u64, u64)> {
    value["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|d| {
                    (
                        d["code"].as_str().unwrap_or_default().to_owned(),
                        d["line"].as_u64().unwrap_or(0),
                        d["column"].as_u64().unwrap_or(0),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// 1-based line and column of the first `needle` in `text`, found by search rather than
/// counted by hand (the lines here before a needle are ASCII, so bytes are columns).
fn where_is(text: &str, needle: &str, nth: usize) -> (u64, u64) {
    let (i, line) = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(needle))
        .nth(nth)
        .unwrap_or_else(|| panic!("no {needle}"));
    let column = line.find(needle).unwrap_or(0) + 1;
    (i as u64 + 1, column as u64)
}

#[test]
fn suppressions_silence_findings_and_are_checked_themselves() {
    let spec = "loanspec: 1
code: TEST-PRODUCT
version: 1.0.0
name: { zh: 测试产品 }
stage: design
borrower: { type: individual }
purpose: consumption
origination: branch
amount: { currency: CNY, min: 20万, max: 10万 }   # loanspec: allow LS150 -- 按单笔审批
# loanspec: allow term-min-above-max -- pilot terms agreed with head office
term: { min: 36M, max: 12M }
rate: 4.35%   # loanspec: allow LS154
repayment: { methods: [equal_installment] }   # loanspec: allow LS999 -- no such rule
penalty: { overdue_markup: 50%, misuse_markup: 100% }   # loanspec: allow LS151 -- nothing here
# loanspec: permit LS150 -- wrong verb
collateral: none
";
    let dir = catalogue(&[("p.yaml", spec)]);
    let (code, value) = check_json(dir.path(), &["p.yaml"]);
    let at = |code: &str, needle: &str| {
        let (line, column) = where_is(spec, needle, 0);
        (code.to_owned(), line, column)
    };
    let mut expected = vec![
        at("LS142", "# loanspec: allow LS154"),
        at("LS141", "LS999"),
        at("LS143", "# loanspec: allow LS151"),
        at("LS140", "# loanspec: permit"),
    ];
    let mut found = places(&value);
    expected.sort();
    found.sort();
    assert_eq!(found, expected, "{value:#}");
    assert_eq!(code, 1);
    assert_eq!(value["summary"]["suppressed"], 2, "LS150 and LS151 (by name) silenced");
    assert_eq!(value["summary"]["errors"], 3);
    assert_eq!(value["summary"]["warnings"], 1);
    let (_, out, _) = stdout(
        loanspec()
            .current_dir(dir.path())
            .args(["check", "p.yaml", "--as-of", "2026-03-31"]),
    );
    assert!(out.contains("(2 suppressed)"), "{out}");
}

#[test]
fn custom_rules_are_placed_inside_loanspec_yaml_and_speak_both_languages() {
    let config = "loanspec: 1
custom_rules:
  - id: BANK001
    name: block-literal
    check: |
      term.max <= 36 &&
        amount.max >> 5
    message: never compiled
  - id: BANK002
    name: block-folded
    check: >
      term.max <= 36 &&
      amonut.min > 0
    message: never compiled
  - id: BANK003
    name: entrusted-payment-cap
    check: \"disbursement.entrusted_payment_above <= 100000\"
    at: /disbursement
    message: { en: pay out above 10万 through the bank, zh: 超过 10 万元须受托支付 }
  - id: BANK004
    name: consumer-cap
    when: purpose == 'consumption'
    check: amount.max <= 50000
    message: { en: a consumer loan lends at most 5万, zh: 消费贷款单户不超过 5 万元 }
";
    let product = format!(
        "{PRODUCT}disbursement: {{ entrusted_payment_above: 30万 }}   # loanspec: allow BANK003 -- 总行 2026-05 批准\n"
    );
    let dir = catalogue(&[("p.yaml", &product)]);
    fs::write(dir.path().join("loanspec.yaml"), config).unwrap_or_else(|e| panic!("{e}"));
    let (code, value) = check_json(dir.path(), &["."]);
    assert_eq!(code, 1);
    // CEL reports the second `>` of `>>` as the one it cannot read.
    let (line, column) = where_is(config, ">>", 0);
    let mut expected = vec![
        ("LS145".to_owned(), line, column + 1),
        (
            "LS145".to_owned(),
            where_is(config, "amonut", 0).0,
            where_is(config, "amonut", 0).1,
        ),
        ("BANK004".to_owned(), where_is(&product, "amount:", 0).0, 1),
    ];
    let mut found = places(&value);
    expected.sort();
    found.sort();
    assert_eq!(found, expected, "{value:#}");
    assert_eq!(value["summary"]["suppressed"], 1, "BANK003 silenced by its id");
    let (_, out, _) =
        stdout(
            loanspec()
                .current_dir(dir.path())
                .args(["check", ".", "--lang", "zh", "--as-of", "2026-03-31"]),
        );
    assert!(
        out.contains("消费贷款单户不超过 5 万元") && out.contains("是不是想写 `amount`"),
        "{out}"
    );
}

#[test]
fn rule_findings_in_chinese() {
    let spec = PRODUCT
        .replace("origination: branch", "origination: online")
        .replace("max: 10万", "max: 30万");
    let dir = catalogue(&[("p.yaml", &spec)]);
    let (_, out, _) =
        stdout(
            loanspec()
                .current_dir(dir.path())
                .args(["check", "p.yaml", "--lang", "zh", "--as-of", "2026-03-31"]),
        );
    assert!(
        out.contains("LS210 internet-unsecured-limit") && out.contains("单户额度不得超过 20万"),
        "{out}"
    );
}

#[test]
fn rules_lists_the_catalogue_as_json() {
    let (code, value) = json(loanspec().args(["rules", "--format", "json"]));
    assert_eq!(code, 0);
    let rules = value.as_array().cloned().unwrap_or_default();
    assert_eq!(rules.len(), loanspec::rules::RULES.len());
    assert!(rules.len() >= 30);
    for rule in &rules {
        for key in ["code", "name", "group", "severity", "summary"] {
            assert!(rule[key].as_str().is_some_and(|s| !s.is_empty()), "{key}: {rule}");
        }
        assert!(rule["references"].is_array(), "{rule}");
        if rule["group"] == "regulatory" {
            assert!(rule["references"].as_array().is_some_and(|r| !r.is_empty()), "{rule}");
        }
    }
    let ls210 = rules.iter().find(|r| r["code"] == "LS210").cloned().unwrap_or_default();
    assert_eq!(ls210["name"], "internet-unsecured-limit");
    assert_eq!(ls210["references"][0]["effective"], "2020-07-17");
}

#[test]
fn explain_by_code_or_name() {
    let (code, by_code, _) = stdout(loanspec().args(["explain", "LS210"]));
    assert_eq!(code, 0);
    let (_, by_name, _) = stdout(loanspec().args(["explain", "internet-unsecured-limit"]));
    assert_eq!(by_code, by_name);
    assert!(
        by_code.contains("CBIRC Order 2020 No. 9") && by_code.contains("20万"),
        "{by_code}"
    );
    let (code, out, err) = stdout(loanspec().args(["explain", "LS999"]));
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("`LS999` is not a rule"), "{err}");
    // Read in a terminal: no Markdown marks, the examples indented; Markdown when asked.
    for mark in ["###", "**", "```", "|---"] {
        assert!(!by_code.contains(mark), "`{mark}` in {by_code}");
    }
    assert!(by_code.contains("\nWhy\n───\n"), "{by_code}");
    let (_, markdown, _) = stdout(loanspec().args(["explain", "LS210", "--format", "markdown"]));
    assert!(
        markdown.starts_with("### LS210") && markdown.contains("```yaml"),
        "{markdown}"
    );
}

#[test]
fn explain_and_rules_in_chinese() {
    // The rule's own Chinese text: summary, why, examples labelled in Chinese, the pack's value.
    let (code, zh, _) = stdout(loanspec().args(["explain", "LS210", "--lang", "zh"]));
    assert_eq!(code, 0);
    for part in [
        "线上无抵押消费贷款对单户授信超过20万。",
        "\n为什么\n",
        "单户授信额度不超过人民币20万元",
        "会报告：",
        "可以通过：",
        "适用阶段：",
        "可信度：",
    ] {
        assert!(zh.contains(part), "`{part}` not in {zh}");
    }
    for english in ["Why", "Reported:", "Group `", "Stages:", "Internet loans"] {
        assert!(!zh.contains(english), "`{english}` in {zh}");
    }
    let (_, builtin, _) = stdout(loanspec().args(["explain", "LS005", "--lang", "zh"]));
    assert!(
        builtin.contains("YAML 无法读取") && builtin.contains("不能关闭"),
        "{builtin}"
    );
    let (_, list, _) = stdout(loanspec().args(["rules", "--lang", "zh"]));
    assert!(
        list.contains("regulatory（监管）")
            && list.contains("LS201 consumption-term-ceiling")
            && list.contains("个人消费贷款期限超过五年。"),
        "{list}"
    );
}

#[test]
fn help_and_command_line_errors_in_chinese() {
    let cjk = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let commands: [&[&str]; 14] = [
        &[],
        &["check"],
        &["compile"],
        &["diff"],
        &["monitor"],
        &["report"],
        &["baseline"],
        &["baseline", "write"],
        &["rules"],
        &["lsp"],
        &["explain"],
        &["simulate"],
        &["disclose"],
        &["schema"],
    ];
    for command in commands {
        let mut args: Vec<&str> = command.to_vec();
        args.extend(["--help", "--lang", "zh"]);
        let (code, help, err) = stdout(loanspec().args(&args));
        assert_eq!((code, err.as_str()), (0, ""), "{args:?}");
        for english in [
            "Usage",
            "Options:",
            "Arguments:",
            "Commands:",
            "[default",
            "possible values",
            "Print help",
        ] {
            assert!(
                !help.contains(english),
                "`{english}` in `{}` --help:\n{help}",
                command.join(" ")
            );
        }
        // Every option or argument, and every command listed, is described in Chinese.
        let lines: Vec<&str> = help.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let t = line.trim_start();
            let listed = t.starts_with('-') || t.starts_with('[') || t.starts_with('<');
            if listed && line.starts_with("  ") {
                let described = cjk(line) || lines.get(i + 1).is_some_and(|next| cjk(next));
                assert!(
                    described,
                    "no Chinese for `{t}` in `{}` --help:\n{help}",
                    command.join(" ")
                );
            }
        }
        assert!(cjk(lines.first().copied().unwrap_or("")), "{help}");
    }
    // The same help from a Chinese locale, without --lang, and through `loanspec help`.
    for args in [&["check", "--help"][..], &["help", "check"]] {
        let (code, from_locale, _) = stdout(
            loanspec()
                .env("LANG", "zh_CN.UTF-8")
                .env_remove("LC_ALL")
                .env_remove("LC_MESSAGES")
                .args(args),
        );
        assert_eq!(code, 0);
        assert!(from_locale.contains("用法：loanspec check"), "{from_locale}");
    }
    // clap's errors, rebuilt in Chinese from their parts; the exit code is 2, as in English.
    for (args, expected) in [
        (&["chek"][..], &["没有 `chek` 这个命令", "是不是想写", "`check`"][..]),
        (
            &["check", "--formt", "json"],
            &["没有 `--formt` 这个选项", "`--format`"],
        ),
        (&["check", "--format", "jsn"], &["`jsn` 不是", "可以写：", "`json`"]),
        (&["check", "--as-of", "2026-13-01"], &["不是 YYYY-MM-DD 格式的日期"]),
        (&["check", "--as-of", "2019-01-01"], &["早于2019-08-20"]),
        (&["simulate", "x.yaml"], &["缺少必须写的参数", "--amount"]),
        (
            &[
                "simulate", "x.yaml", "--amount", "1", "--term", "12M", "--method", "等额",
            ],
            &["不是还款方式", "`equal_installment`（等额本息）"],
        ),
    ] {
        let mut all = args.to_vec();
        all.extend(["--lang", "zh"]);
        let (code, out, err) = stdout(loanspec().args(&all));
        assert_eq!((code, out.as_str()), (2, ""), "{all:?}");
        assert!(err.starts_with("错误："), "{all:?}: {err}");
        for part in expected {
            assert!(err.contains(part), "`{part}` not in {all:?}: {err}");
        }
        assert!(!err.contains("error:") && !err.contains("Usage"), "{err}");
    }
    // English is untouched.
    let (code, _, err) = stdout(loanspec().args(["chek", "--lang", "en"]));
    assert_eq!(code, 2);
    assert!(err.contains("error: unrecognized subcommand 'chek'"), "{err}");
}

// ---- hostile input: each is a diagnostic with a code and a place, never a crash or a hang ----

fn check_one(name: &str, bytes: &[u8], extra: &[&str]) -> (i32, Value) {
    let dir = catalogue(&[]);
    fs::write(dir.path().join(name), bytes).unwrap_or_else(|e| panic!("{e}"));
    let args: Vec<&str> = std::iter::once(name).chain(extra.iter().copied()).collect();
    check_json(dir.path(), &args)
}

/// The codes of the errors and warnings (infos such as LS220's inclusive-finance note left out).
fn codes_of(value: &Value) -> Vec<String> {
    value["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|d| d["severity"] != "info")
                .filter_map(|d| d["code"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn billion_laughs_is_cut_off() {
    let mut text = String::from("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (prev, name) in "abcdefgh".chars().zip("bcdefghi".chars()) {
        let refs = vec![format!("*{prev}"); 9].join(",");
        text += &[name.to_string(), format!(": &{name} [{refs}]\n")].concat();
    }
    assert!(text.len() < 1024, "a 1 KB file");
    let (code, value) = check_one("laughs.yaml", text.as_bytes(), &[]);
    assert_eq!(code, 1);
    assert_eq!(codes_of(&value), ["LS009"]);
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let (code, value) = check_one("flow.yaml", "[".repeat(200_000).as_bytes(), &[]);
    assert_eq!((code, codes_of(&value)), (1, vec!["LS008".to_owned()]));
    let mut block = String::new();
    for i in 0..3000 {
        block.push_str(&" ".repeat(i));
        block.push_str("- \n");
    }
    let (code, value) = check_one("block.yaml", block.as_bytes(), &[]);
    assert_eq!((code, codes_of(&value)), (1, vec!["LS008".to_owned()]));
    let mut maps = String::new();
    for i in 0..3000 {
        maps.push_str(&" ".repeat(i));
        maps.push_str("k:\n");
    }
    let (code, value) = check_one("maps.yaml", maps.as_bytes(), &[]);
    assert_eq!((code, codes_of(&value)), (1, vec!["LS008".to_owned()]));
}

#[test]
fn a_file_over_the_size_cap_is_not_read_unless_the_cap_is_raised() {
    let mut text = PRODUCT.to_owned();
    text.push_str("x-padding: |\n");
    while text.len() <= 8 * 1024 * 1024 {
        text.push_str("  ");
        text.push_str(&"填".repeat(300));
        text.push('\n');
    }
    let (code, value) = check_one("big.yaml", text.as_bytes(), &[]);
    assert_eq!((code, codes_of(&value)), (1, vec!["LS002".to_owned()]));
    assert_eq!(value["diagnostics"][0]["line"], 1);
    let (code, value) = check_one("big.yaml", text.as_bytes(), &["--max-file-size", "16M"]);
    assert_eq!(code, 0, "{value}");
}

#[test]
fn byte_level_problems_have_a_place() {
    // "名" in GBK, on line 4.
    let mut bytes = PRODUCT.replace("测试产品", "X").into_bytes();
    let at = bytes.iter().position(|b| *b == b'X').unwrap_or(0);
    bytes.splice(at..=at, [0xC3, 0xFB]);
    let (code, value) = check_one("gbk.yaml", &bytes, &[]);
    assert_eq!((code, codes_of(&value)), (1, vec!["LS003".to_owned()]));
    assert_eq!(
        (
            value["diagnostics"][0]["line"].as_u64(),
            value["diagnostics"][0]["column"].as_u64()
        ),
        (Some(4), Some(13))
    );
    let (code, value) = check_one("nul.yaml", b"loanspec: 1\ncode: A\0B\n", &[]);
    assert_eq!((code, codes_of(&value)), (1, vec!["LS004".to_owned()]));
    assert_eq!(
        (
            value["diagnostics"][0]["line"].as_u64(),
            value["diagnostics"][0]["column"].as_u64()
        ),
        (Some(2), Some(8))
    );
    let (code, value) = check_one("empty.yaml", b"", &[]);
    assert_eq!((code, codes_of(&value)), (1, vec!["LS012".to_owned()]));
    let (code, value) = check_one("scalar.yaml", b"just text\n", &[]);
    assert_eq!((code, codes_of(&value)), (1, vec!["LS013".to_owned()]));
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(PRODUCT.replace('\n', "\r\n").as_bytes());
    let (code, value) = check_one("bom.yaml", &bom, &[]);
    assert_eq!(code, 0, "a BOM and CRLF line ends are accepted: {value}");
}

/// A file in the catalogue that cannot be read is reported and the run goes on.
#[cfg(unix)]
#[test]
fn an_unreadable_file_is_reported_and_the_rest_still_checked() {
    use std::os::unix::fs::PermissionsExt;
    let bad = PRODUCT
        .replace("TEST-PRODUCT", "OTHER-PRODUCT")
        .replace("purpose: consumption", "purpose: busines");
    let dir = catalogue(&[("locked.yaml", PRODUCT), ("other.yaml", &bad)]);
    let locked = dir.path().join("locked.yaml");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap_or_else(|e| panic!("{e}"));
    if fs::read(&locked).is_ok() {
        // Running as root: permissions do not stop reads, so there is nothing to test.
        return;
    }
    let (code, value) = check_json(dir.path(), &["."]);
    assert_eq!(code, 1);
    let codes = codes_of(&value);
    assert!(
        codes.contains(&"LS001".to_owned()) && codes.contains(&"LS104".to_owned()),
        "{codes:?}"
    );
}

/// A symlink that leads out of the catalogue is refused like a `../..` path.
#[cfg(unix)]
#[test]
fn extends_through_a_symlink_that_leaves_the_catalogue_is_refused() {
    let outside = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let line = "loanspec: 1\nkind: line\ncode: LINE-OUT\nversion: 1.0.0\nname: { zh: 外部产品线 }\n";
    fs::write(outside.path().join("line.yaml"), line).unwrap_or_else(|e| panic!("{e}"));
    let product = PRODUCT.replace("stage: design\n", "stage: design\nextends: linked/line.yaml\n");
    let dir = catalogue(&[("p.yaml", &product)]);
    std::os::unix::fs::symlink(outside.path(), dir.path().join("linked")).unwrap_or_else(|e| panic!("{e}"));
    let (code, value) = check_json(dir.path(), &["p.yaml"]);
    assert_eq!(code, 1);
    assert_eq!(codes_of(&value), ["LS122"]);
    assert_eq!(value["diagnostics"][0]["pointer"], "/extends");
}

// ---- money: simulate, disclose, the reference example ----

/// A fixed-rate consumer loan of 1万–10万 over 6–12 months, the figure every calculator
/// publishes: 100,000 at 4.35% over 12 months by equal instalments is 8,530.99 a month.
const FIXED: &str = "loanspec: 1
code: FIXED-435
version: 1.0.0
name: { zh: 固定利率消费贷, en: Fixed-rate consumer loan }
stage: design
borrower: { type: individual }
purpose: consumption
origination: branch
amount: { currency: CNY, min: 1万, max: 10万 }
term: { min: 6M, max: 12M, options: [6M, 12M] }
rate: 4.35%
repayment: { methods: [equal_installment, revolving] }
penalty: { overdue_markup: 50%, misuse_markup: 100% }
collateral: none
";

fn simulate(dir: &Path, args: &[&str]) -> (i32, String, String) {
    stdout(
        loanspec()
            .current_dir(dir)
            .args(["simulate", "p.yaml", "--as-of", "2026-03-31"])
            .args(args),
    )
}

#[test]
fn simulate_prints_the_schedule_as_json_csv_and_a_table() {
    let dir = catalogue(&[("p.yaml", FIXED)]);
    let (code, out, err) = simulate(dir.path(), &["--amount", "100000", "--term", "12M", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    assert_eq!(v["product"], "FIXED-435");
    assert_eq!(v["amount"], "100000.00");
    assert_eq!(v["term_months"], 12);
    assert_eq!(v["method"], "equal_installment");
    assert_eq!(v["annual_rate"], "4.3500");
    let rows = v["schedule"].as_array().cloned().unwrap_or_default();
    assert_eq!(rows.len(), 13, "the disbursement and 12 payments");
    for row in &rows[1..12] {
        assert_eq!(row["payment"], "8530.99");
    }
    assert_eq!(
        rows[1]["date"], "2026-04-30",
        "a month after 2026-03-31, clamped to the month's end"
    );
    assert_eq!(rows[12]["balance"], "0.00");
    assert_eq!(v["totals"]["principal"], "100000.00");
    // Without fees the APR is the contract rate (the 0.01 fen of the last payment does not show).
    assert_eq!(v["apr"], "4.3500");
    // (1 + 4.35% / 12)^12 − 1 = 4.43778…% (computed in floating point, to compare).
    let effective = ((1.0_f64 + 0.0435 / 12.0).powi(12) - 1.0) * 100.0;
    assert_eq!(v["apr_effective"], format!("{effective:.4}"));
    let (_, csv, _) = simulate(dir.path(), &["--amount", "10万", "--term", "12M", "--format", "csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "period,date,payment,principal,interest,fees,balance");
    assert_eq!(lines.len(), 14);
    assert!(lines[1].starts_with("0,2026-03-31,0.00,"), "{csv}");
    assert!(lines[2].starts_with("1,2026-04-30,8530.99,"), "{csv}");
    let (_, table, _) = simulate(dir.path(), &["--amount", "10万", "--term", "12M", "--lang", "zh"]);
    assert!(
        table.contains("8,530.99") && table.contains("等额本息") && table.contains("年化利率"),
        "{table}"
    );
}

/// `--term 60D` is a 60-day loan, one payment 60 days after the start, interest for 60 days
/// (100,000 × 4.35% × 60 ÷ 360 = 725.00 under 30/360): it used to become two months (59 to 62
/// days).
#[test]
fn a_term_in_days_is_days() {
    let product = FIXED.replace("options: [6M, 12M] ", "").replace("min: 6M", "min: 1M");
    let dir = catalogue(&[("p.yaml", &product)]);
    let (code, out, err) = simulate(dir.path(), &["--amount", "100000", "--term", "60D", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    assert_eq!(v["term_days"], 60, "{v}");
    let rows = v["schedule"].as_array().cloned().unwrap_or_default();
    assert_eq!(rows.len(), 2, "{v}");
    let (start, end) = (
        rows[0]["date"].as_str().unwrap_or(""),
        rows[1]["date"].as_str().unwrap_or(""),
    );
    let days = chrono::NaiveDate::parse_from_str(end, "%Y-%m-%d")
        .ok()
        .zip(chrono::NaiveDate::parse_from_str(start, "%Y-%m-%d").ok())
        .map(|(e, s)| (e - s).num_days());
    assert_eq!(days, Some(60), "{v}");
    assert_eq!(rows[1]["interest"], "725.00", "{v}");
}

#[test]
fn simulate_refuses_a_loan_the_product_does_not_make() {
    let dir = catalogue(&[("p.yaml", FIXED)]);
    let (code, _, err) = simulate(dir.path(), &["--amount", "50万", "--term", "9M", "--method", "bullet"]);
    assert_eq!(code, 1);
    for expected in [
        "LS180",
        "10万",
        "LS181",
        "6M, 12M",
        "LS182",
        "equal_installment, revolving",
    ] {
        assert!(err.contains(expected), "{expected}: {err}");
    }
    let (code, _, err) = simulate(dir.path(), &["--amount", "abc", "--term", "12M"]);
    assert_eq!(code, 1);
    assert!(err.contains("LS106"), "{err}");
    let (code, _, err) = stdout(
        loanspec()
            .current_dir(dir.path())
            .args(["check", "p.yaml", "--format", "csv"]),
    );
    assert_eq!(code, 2, "{err}");
}

#[test]
fn simulate_follows_a_credit_line_draws() {
    let dir = catalogue(&[("p.yaml", FIXED)]);
    fs::write(dir.path().join("draws.csv"), "month,amount\n0,60000\n3,-60000\n").unwrap_or_else(|e| panic!("{e}"));
    let (code, out, err) = simulate(
        dir.path(),
        &[
            "--amount",
            "10万",
            "--term",
            "6M",
            "--method",
            "revolving",
            "--draws",
            "draws.csv",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    let interest: Vec<&str> = v["schedule"]
        .as_array()
        .map(|rows| rows.iter().filter_map(|r| r["interest"].as_str()).collect())
        .unwrap_or_default();
    // 60,000 × 4.35% / 12 = 217.50 for each of the three months it is drawn.
    assert_eq!(interest, ["0.00", "217.50", "217.50", "217.50", "0.00", "0.00", "0.00"]);
    assert_eq!(v["schedule"][0]["drawn"], "60000.00");
    fs::write(dir.path().join("draws.csv"), "month,amount\n0,60000\n2,60000\n").unwrap_or_else(|e| panic!("{e}"));
    let (code, _, err) = simulate(
        dir.path(),
        &[
            "--amount",
            "10万",
            "--term",
            "6M",
            "--method",
            "revolving",
            "--draws",
            "draws.csv",
        ],
    );
    assert_eq!(code, 1);
    assert!(err.contains("LS185") && err.contains("line 3"), "{err}");
}

/// `--method` takes the spec's own word, its Chinese name, or the dashed form it took before, and
/// refuses anything else by listing the spec's words (LS182's help names `equal_principal`, so
/// that is what the command must take).
#[test]
fn simulate_takes_the_method_as_the_spec_writes_it() {
    let dir = catalogue(&[("p.yaml", FIXED)]);
    let schedule = |method: &str| {
        let (code, out, err) = simulate(
            dir.path(),
            &[
                "--amount", "10万", "--term", "12M", "--method", method, "--format", "json",
            ],
        );
        assert_eq!(code, 0, "{method}: {err}");
        let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
        v["schedule"].clone()
    };
    let by_word = schedule("equal_installment");
    assert_eq!(schedule("等额本息"), by_word);
    assert_eq!(schedule("equal-installment"), by_word);
    assert_ne!(schedule("revolving"), by_word);
    let (code, _, err) = simulate(
        dir.path(),
        &["--amount", "10万", "--term", "12M", "--method", "annuity"],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("equal_installment (等额本息)") && err.contains("equal_principal (等额本金)"),
        "{err}"
    );
}

/// `loanspec disclose p.yaml` for 10万 over 12 months in `dir`, as of `as_of`.
fn disclose(dir: &Path, as_of: &str, more: &[&str]) -> (i32, String, String) {
    stdout(
        loanspec()
            .current_dir(dir)
            .args([
                "disclose", "p.yaml", "--amount", "10万", "--term", "12M", "--as-of", as_of,
            ])
            .args(more),
    )
}

#[test]
fn disclose_writes_the_form_in_both_languages() {
    let product = FIXED.replace(
        "collateral: none\n",
        "collateral: none\nfees:\n  - { kind: guarantee, amount: 1%, per: year, payee: guarantee_company }\n",
    );
    let dir = catalogue(&[("p.yaml", &product)]);
    fs::write(
        dir.path().join("loanspec.yaml"),
        "loanspec: 1\nbank: { name: 示范农村商业银行 }\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let (code, _, err) = disclose(dir.path(), "2026-03-31", &["-o", "form.html"]);
    assert_eq!(code, 0, "{err}");
    let html = fs::read_to_string(dir.path().join("form.html")).unwrap_or_default();
    for expected in [
        "综合融资成本明示表",
        "All-in financing cost disclosure",
        "示范农村商业银行",
        "担保费",
        "融资担保公司",
        "1,000.00",
        "逾期罚息",
        "6.525%",
        "不以任何名义向借款人收取其他费用",
        "融资担保公司、保险公司",
        "@page",
    ] {
        assert!(html.contains(expected), "{expected} missing");
    }
    // The APR in the form is the one `simulate` computes.
    let (_, out, _) = simulate(dir.path(), &["--amount", "10万", "--term", "12M", "--format", "json"]);
    let v: Value = serde_json::from_str(&out).unwrap_or_default();
    let apr = v["apr"].as_str().unwrap_or("?").trim_end_matches('0').to_owned();
    assert!(html.contains(&format!("{apr}%")), "APR {apr} not in the form");
    let (code, md, _) = disclose(dir.path(), "2026-03-31", &[]);
    assert_eq!(code, 0);
    assert!(md.starts_with("# 综合融资成本明示表"), "{md}");
}

/// What the form must say beyond the figures: the LPR fixing actually used (not the form's
/// date), that the table is stale, that the rate floats and how it reprices, a joint lender
/// as lender and collector of its share of interest, the payments, the interest method of
/// the actual frequency, compound interest; per-item annualized figures that add up to the
/// APR; no internal product code.
#[test]
fn the_disclosure_form_says_what_a_borrower_needs() {
    let product = "loanspec: 1
code: JOINT-FLOAT-01
version: 1.0.0
name: { zh: 联合浮动消费贷, en: Joint floating consumer loan }
stage: design
borrower: { type: individual }
purpose: consumption
origination: online
amount: { currency: CNY, min: 1万, max: 10万 }
term: { min: 6M, max: 12M, options: [6M, 12M] }
rate: { benchmark: LPR1Y, spread: 150bp, floor: 3.5%, repricing: 12M }
repayment: { methods: [equal_principal], frequency: quarterly }
penalty: { overdue_markup: 50%, misuse_markup: 100%, compound_interest: true }
collateral: none
joint_lending: { partner: 示范消费金融公司, partner_share: 30% }
fees:
  - { kind: service, amount: 1%, payee: partner }
  - { kind: insurance, amount: 200, payee: insurer }
";
    let dir = catalogue(&[("p.yaml", product)]);
    fs::write(
        dir.path().join("loanspec.yaml"),
        "loanspec: 1\nbank: { name: 示范农村商业银行 }\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    // The embedded table's last fixing is 2026-03-20: on 2026-12-01 it is stale.
    let (code, md, err) = disclose(dir.path(), "2026-12-01", &[]);
    assert_eq!(code, 0, "{err}");
    for expected in [
        "2026-03-20 报价 3.00%",
        "超过 45 天",
        "浮动利率",
        "每 12 个月按届时的1 年期 LPR重新定价",
        "不低于 3.50%",
        "联合贷款出资方：示范消费金融公司（出资 30%）",
        "贷款人收取 70%，示范消费金融公司 收取 30%",
        "共 4 期",
        "按季计息，季利率 = 年利率 ÷ 4",
        "复利：逾期未付的利息按逾期罚息利率计收复利",
        "保险公司",
    ] {
        assert!(md.contains(expected), "{expected} missing:\n{md}");
    }
    for absent in ["JOINT-FLOAT-01", "2026-12-01 报价", "按月计息"] {
        assert!(!md.contains(absent), "{absent} should not be on the form:\n{md}");
    }
    // The per-item figures (last column of the cost table) add up to the APR.
    let items: Vec<rust_decimal::Decimal> = md
        .lines()
        .skip_while(|l| !l.starts_with("| 项目"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .filter_map(|l| {
            l.trim_end_matches(" |")
                .rsplit("| ")
                .next()?
                .strip_suffix('%')?
                .parse()
                .ok()
        })
        .collect();
    assert_eq!(items.len(), 3, "{md}");
    let apr: rust_decimal::Decimal = md
        .split("综合年化融资成本：")
        .nth(1)
        .and_then(|r| r.split('%').next())
        .and_then(|x| x.parse().ok())
        .unwrap_or_default();
    assert_eq!(items.iter().sum::<rust_decimal::Decimal>(), apr, "{md}");
}

#[test]
fn compile_reports_a_reference_example() {
    let dir = catalogue(&[("p.yaml", FIXED)]);
    let (code, _, err) =
        stdout(
            loanspec()
                .current_dir(dir.path())
                .args(["compile", ".", "-o", "out", "--as-of", "2026-03-31"]),
        );
    assert_eq!(code, 0, "{err}");
    let text = fs::read_to_string(dir.path().join("out/FIXED-435.json")).unwrap_or_default();
    let v: Value = serde_json::from_str(&text).unwrap_or_default();
    let example = &v["reference_example"];
    assert_eq!(example["amount"], "100000.00");
    assert_eq!(example["term"]["months"], 12);
    assert_eq!(example["payment"], "8530.99");
    assert_eq!(example["apr"], "4.3500");
}

/// `check --stdin --stdin-filename PATH` judges the text on stdin exactly as if it were saved at
/// PATH: the same bytes of output for a saved file, an unsaved edit placed on its own lines and
/// judged with the catalogue around it, a new file that is not on disk yet.
#[test]
fn check_stdin_judges_the_text_as_if_saved_at_the_path() {
    let examples = root().join("examples");
    let file = "products/sci-tech-credit.yaml";
    let text = fs::read_to_string(examples.join(file)).unwrap_or_default();
    let args = ["--format", "json", "--as-of", "2026-11-29"];
    let saved = stdout(loanspec().current_dir(&examples).args(["check", file]).args(args));
    let piped = stdout(
        loanspec()
            .current_dir(&examples)
            .args(["check", "--stdin", "--stdin-filename", file])
            .args(args)
            .write_stdin(text.clone()),
    );
    assert_eq!(saved, piped);
    // An unsaved edit: LS151 at the line of the edit, in the file as named.
    let edited = text.replace("term: { min: 12M, max: 36M", "term: { min: 48M, max: 36M");
    assert_ne!(edited, text);
    let (code, v) = json(
        loanspec()
            .current_dir(&examples)
            .args(["check", "--stdin", "--stdin-filename", file])
            .args(args)
            .write_stdin(edited.clone()),
    );
    assert_eq!(code, 1, "{v}");
    let line = edited.lines().position(|l| l.starts_with("term:")).map(|i| i + 1);
    let found: Vec<(String, String, u64)> = v["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_owned(),
                d["file"].as_str().unwrap_or("").to_owned(),
                d["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert!(
        found.contains(&("LS151".to_owned(), file.to_owned(), line.map_or(0, |l| l as u64))),
        "{found:?}"
    );
    // A new file, not saved yet: judged in its catalogue (its code is taken: LS124).
    let (code, v) = json(
        loanspec()
            .current_dir(&examples)
            .args(["check", "--stdin", "--stdin-filename", "products/new.yaml"])
            .args(args)
            .write_stdin(text),
    );
    assert_eq!(code, 1, "{v}");
    assert!(
        v["diagnostics"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|d| d["code"] == "LS124"),
        "{v}"
    );
    assert!(!examples.join("products/new.yaml").exists());
    // Without a path, or into a folder that does not exist: the run cannot start.
    let (code, _, _) = stdout(loanspec().args(["check", "--stdin"]).write_stdin("x"));
    assert_eq!(code, 2);
    let (code, _, err) = stdout(
        loanspec()
            .args(["check", "--stdin", "--stdin-filename", "no/such/folder/p.yaml"])
            .write_stdin("x"),
    );
    assert_eq!(code, 2, "{err}");
}

/// docs/getting-started.zh.md, followed step by step: each `yaml file=PATH` block is written into
/// a scratch folder (a later one replaces the file), each `console` block's `$ loanspec …` is
/// run there, and what it prints (standard output, then standard error) is the block's text, to
/// the character. `UPDATE_DOCS=1` writes the outputs into the guide.
#[test]
fn the_chinese_getting_started_guide_is_true() {
    let path = root().join("docs/getting-started.zh.md");
    let guide = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut rewritten = String::new();
    let mut failures = Vec::new();
    let mut commands = 0;
    let mut lines = guide.split_inclusive('\n');
    while let Some(line) = lines.next() {
        rewritten.push_str(line);
        let Some(info) = line.trim_end().strip_prefix("```").filter(|i| !i.is_empty()) else {
            continue;
        };
        let mut body = String::new();
        let mut closing = String::new();
        for inner in lines.by_ref() {
            if inner.trim_end() == "```" {
                closing = inner.to_owned();
                break;
            }
            body.push_str(inner);
        }
        if let Some(file) = info.strip_prefix("yaml file=") {
            let at = dir.path().join(file);
            fs::create_dir_all(at.parent().unwrap_or(dir.path())).unwrap_or_else(|e| panic!("{e}"));
            fs::write(&at, &body).unwrap_or_else(|e| panic!("{e}"));
            rewritten.push_str(&body);
        } else if info == "console" {
            let (command, expected) = body.split_once('\n').unwrap_or((&body, ""));
            let args: Vec<&str> = command
                .strip_prefix("$ loanspec ")
                .unwrap_or_else(|| panic!("a console block starts with `$ loanspec`: {command}"))
                .split_whitespace()
                .collect();
            let (_, out, err) = stdout(loanspec().current_dir(dir.path()).args(&args));
            let actual = format!("{out}{err}");
            commands += 1;
            if actual != expected {
                failures.push(format!("`{command}` printed:\n{actual}\nthe guide says:\n{expected}"));
            }
            rewritten.push_str(command);
            rewritten.push('\n');
            rewritten.push_str(&actual);
        } else {
            rewritten.push_str(&body);
        }
        rewritten.push_str(&closing);
    }
    if std::env::var_os("UPDATE_DOCS").is_some() {
        fs::write(&path, &rewritten).unwrap_or_else(|e| panic!("{e}"));
    }
    assert!(commands >= 4, "{commands} commands");
    assert!(
        failures.is_empty(),
        "docs/getting-started.zh.md is not what the commands print (UPDATE_DOCS=1 rewrites it):\n{}",
        failures.join("\n\n")
    );
}

/// Columns count characters in every format, the human one included: a finding after Chinese
/// text on its line is at the column a designer counts, not the byte offset (which is 2 more per
/// Chinese character).
#[test]
fn columns_count_characters_after_chinese_text() {
    let line = "description: { zh: 面向代发工资客户的消费贷款, en: x, fr: y }";
    let spec = format!(
        "loanspec: 1\ncode: P-ONE\nversion: 1.0.0\nname: {{ zh: 测试产品 }}\nstage: design\n\
         borrower: {{ type: individual }}\npurpose: consumption\norigination: branch\n\
         amount: {{ currency: CNY, min: 1万, max: 10万 }}\nterm: {{ min: 6M, max: 12M }}\nrate: 4.35%\n\
         repayment: {{ methods: [equal_installment] }}\npenalty: {{ overdue_markup: 50%, misuse_markup: 100% }}\n\
         collateral: none\n{line}\n"
    );
    let dir = catalogue(&[("p.yaml", &spec)]);
    let byte = line.find("fr:").unwrap_or(0);
    let column = line[..byte].chars().count() + 1;
    assert_ne!(column, byte + 1, "the test needs Chinese before the key");
    let at = format!("p.yaml:15:{column}");
    let (_, human, _) = stdout(loanspec().current_dir(dir.path()).args([
        "check",
        "p.yaml",
        "--as-of",
        "2026-03-31",
        "--color",
        "never",
    ]));
    assert!(human.contains(&format!("╭─[{at}]")), "{at} not in {human}");
    let (_, github, _) = stdout(loanspec().current_dir(dir.path()).args([
        "check",
        "p.yaml",
        "--as-of",
        "2026-03-31",
        "--format",
        "github",
    ]));
    assert!(github.contains(&format!("line=15,col={column},")), "{github}");
    let (_, value) =
        json(
            loanspec()
                .current_dir(dir.path())
                .args(["check", "p.yaml", "--as-of", "2026-03-31", "--format", "json"]),
        );
    let unknown = value["diagnostics"]
        .as_array()
        .and_then(|a| a.iter().find(|d| d["code"] == "LS101"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(unknown["column"], column, "{unknown}");
}

/// A finding with related places reads as Chinese all through under `--lang zh`: the heading
/// miette gives each related place (`Advice:`) and the note line are Chinese, with Chinese colons.
#[test]
fn related_places_are_headed_in_chinese() {
    let spec = |code: &str| {
        format!(
            "loanspec: 1\ncode: {code}\nversion: 1.0.0\nname: {{ zh: 同名产品 }}\nstage: design\n\
             borrower: {{ type: individual }}\npurpose: consumption\norigination: branch\n\
             amount: {{ currency: CNY, min: 1万, max: 10万 }}\nterm: {{ min: 6M, max: 12M }}\nrate: 4.35%\n\
             repayment: {{ methods: [equal_installment] }}\npenalty: {{ overdue_markup: 50%, misuse_markup: 100% }}\n\
             collateral: none\n"
        )
    };
    let files: Vec<(String, String)> = (0..8)
        .map(|i| (format!("p{i}.yaml"), spec(&format!("P-{i}"))))
        .collect();
    let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let dir = catalogue(&refs);
    for color in ["never", "always"] {
        let (_, zh, _) = stdout(loanspec().current_dir(dir.path()).args([
            "check",
            ".",
            "--as-of",
            "2026-03-31",
            "--lang",
            "zh",
            "--color",
            color,
        ]));
        assert!(zh.contains("LS502"), "{zh}");
        assert!(
            !zh.contains("Advice") && !zh.contains("note:") && !zh.contains("说明:"),
            "{zh}"
        );
        assert!(zh.contains("相关位置：") && zh.contains("说明：另有"), "{zh}");
    }
    let (_, en, _) =
        stdout(
            loanspec()
                .current_dir(dir.path())
                .args(["check", ".", "--as-of", "2026-03-31", "--color", "never"]),
        );
    assert!(en.contains("note: and ") && en.contains("Advice:"), "{en}");
}

/// `monitor` and `diff` in Chinese name stages and sign-off roles by their Chinese terms (the
/// role with its spec word, which is what `approvals` takes), where they showed the codes.
#[test]
fn monitor_and_diff_name_stages_and_roles_in_chinese() {
    let (_, monitor, _) = stdout(loanspec().args([
        "monitor",
        "examples",
        "--metrics",
        "examples/metrics/2026-11.csv",
        "--as-of",
        "2026-11-29",
        "--lang",
        "zh",
    ]));
    assert!(monitor.contains("（全面推广，18 个月的指标）"), "{monitor}");
    assert!(!monitor.contains("（launched，"), "{monitor}");
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let new = dir.path().join("examples");
    copy_tree(&root().join("examples"), &new);
    let path = new.join("products/community-credit.yaml");
    let text = fs::read_to_string(&path).unwrap_or_default();
    fs::write(&path, text.replacen("max: 20万", "max: 25万", 1)).unwrap_or_else(|e| panic!("{e}"));
    let new = new.display().to_string();
    for format in ["human", "markdown"] {
        let (_, diff, _) = stdout(loanspec().args([
            "diff",
            "examples",
            &new,
            "--as-of",
            "2026-11-29",
            "--lang",
            "zh",
            "--format",
            format,
        ]));
        assert!(diff.contains("risk_management（风险管理）"), "{format}: {diff}");
    }
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap_or_else(|e| panic!("{e}"));
    for entry in fs::read_dir(from).unwrap_or_else(|e| panic!("{e}")).flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap_or_else(|e| panic!("{e}"));
        }
    }
}
