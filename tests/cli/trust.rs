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
    // LS502 is bank policy, a warning: the run exits 0.
    let (code, value) = check_json(dir.path(), &["."]);
    assert_eq!(code, 0);
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

// ---- inputs are never silently skipped ----

/// A broken product saved as `.yml`, or with an upper-case name, is a spec like any other.
#[test]
fn yml_and_upper_case_names_are_specs() {
    let broken = |code: &str| {
        PRODUCT
            .replace("TEST-PRODUCT", code)
            .replace("测试产品", code)
            .replace("purpose: consumption", "purpose: busines")
    };
    let dir = catalogue(&[
        ("p.yaml", PRODUCT),
        ("q.yml", &broken("YML-ONE")),
        ("EQUIP.YAML", &broken("UPPER-ONE")),
        ("sub/r.Yml", &broken("MIXED-ONE")),
    ]);
    let (code, value) = check_json(dir.path(), &["."]);
    assert_eq!(code, 1, "{value}");
    assert_eq!(value["summary"]["files"], 4, "{value}");
    let files: std::collections::BTreeSet<&str> = value["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|d| d["code"] == "LS104")
                .filter_map(|d| d["file"].as_str())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(files, ["EQUIP.YAML", "q.yml", "sub/r.Yml"].into_iter().collect());
    // compile leaves none of them out: it refuses to write while they are broken.
    let (code, _, err) =
        stdout(
            loanspec()
                .current_dir(dir.path())
                .args(["compile", ".", "-o", "out", "--as-of", "2026-03-31"]),
        );
    assert_eq!(code, 1, "{err}");
    assert!(!dir.path().join("out").exists());
}

/// A folder with nothing to check is not "no problems": it is a run that could not happen.
#[test]
fn a_folder_with_no_specs_exits_two_and_says_so() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    fs::create_dir_all(dir.path().join("empty")).unwrap_or_else(|e| panic!("{e}"));
    fs::create_dir_all(dir.path().join("docs")).unwrap_or_else(|e| panic!("{e}"));
    fs::write(dir.path().join("docs/README.md"), "# not a spec\n").unwrap_or_else(|e| panic!("{e}"));
    fs::write(dir.path().join("docs/.hidden.yaml"), "a: 1\n").unwrap_or_else(|e| panic!("{e}"));
    for folder in ["empty", "docs"] {
        for command in ["check", "compile"] {
            let mut cmd = loanspec();
            cmd.current_dir(dir.path()).args([command, folder]);
            if command == "compile" {
                cmd.args(["-o", "out"]);
            }
            let (code, out, err) = stdout(&mut cmd);
            assert_eq!(code, 2, "{command} {folder}: {out}{err}");
            assert!(err.contains("no specs here"), "{err}");
            assert!(!out.contains("no problems"), "{out}");
        }
    }
    assert!(!dir.path().join("out").exists());
}

/// `check .` from a repository whose catalogue lives in `catalogue/` is that catalogue, with
/// its own `loanspec.yaml`: the bank's settings apply, and the repository's other YAML files
/// (CI workflows, compose files) are not specs.
#[test]
fn a_repository_is_checked_as_the_catalogues_below_it() {
    let repo = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let examples = super::root().join("examples");
    copy_tree(&examples, &repo.path().join("catalogue"));
    fs::write(repo.path().join("docker-compose.yaml"), "services: {}\n").unwrap_or_else(|e| panic!("{e}"));
    fs::create_dir_all(repo.path().join("deploy")).unwrap_or_else(|e| panic!("{e}"));
    fs::write(repo.path().join("deploy/values.yml"), "replicas: 2\n").unwrap_or_else(|e| panic!("{e}"));
    let (code, out, err) = stdout(
        loanspec()
            .current_dir(repo.path())
            .args(["check", ".", "--as-of", "2026-11-29"]),
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("0 errors, 1 warning in 13 files (11 products)"), "{out}");
    assert!(out.contains("2 YAML files outside every catalogue"), "{out}");
    // A second catalogue beside it is checked with its own (absent) settings.
    let other = repo.path().join("other");
    fs::create_dir_all(&other).unwrap_or_else(|e| panic!("{e}"));
    fs::write(other.join("loanspec.yaml"), "loanspec: 1\nrules: { LS223: off }\n").unwrap_or_else(|e| panic!("{e}"));
    fs::write(other.join("p.yaml"), PRODUCT.replace("TEST-PRODUCT", "OTHER-ONE")).unwrap_or_else(|e| panic!("{e}"));
    let (code, value) = check_json(repo.path(), &[".", "--as-of", "2026-11-29"]);
    assert_eq!(code, 0, "{value}");
    assert_eq!(value["summary"]["files"], 14);
    assert!(!codes_of(&value).contains(&"LS223".to_owned()), "{value}");
}

/// Without `loanspec.yaml` anywhere, the folder is checked with the defaults and a warning
/// says so; a rule needing the bank's name says the file is missing, not that it lacks a key.
#[test]
fn a_folder_without_a_config_says_so_plainly() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    fs::write(dir.path().join("p.yaml"), PRODUCT).unwrap_or_else(|e| panic!("{e}"));
    // The product is a draft (stage: design): what the disclosure form lacks is a warning.
    let (code, value) = check_json(dir.path(), &[".", "--as-of", "2026-11-29"]);
    assert_eq!(code, 0, "{value}");
    let messages: Vec<String> = value["diagnostics"]
        .as_array()
        .map(|a| a.iter().map(|d| format!("{} {}", d["code"], d["message"])).collect())
        .unwrap_or_default();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("LS132") && m.contains("there is no loanspec.yaml")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("LS223") && m.contains("has no loanspec.yaml")),
        "{messages:?}"
    );
    assert!(!messages.iter().any(|m| m.contains("gives none")), "{messages:?}");
}

fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    fs::create_dir_all(to).unwrap_or_else(|e| panic!("{e}"));
    for entry in fs::read_dir(from).unwrap_or_else(|e| panic!("{e}")).flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap_or_else(|e| panic!("{e}"));
        }
    }
}

/// The binary run as an unprivileged user when the tests run as root (permissions do not stop
/// root), so an unreadable folder really is unreadable; `None` when that is not possible here.
#[cfg(unix)]
fn unprivileged(dir: &std::path::Path, args: &[&str]) -> Option<(i32, String, String)> {
    use std::os::unix::fs::PermissionsExt;
    let bin = assert_cmd::cargo::cargo_bin("loanspec");
    let mut cmd = if rustix_is_root() {
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"]).arg(&bin);
        c
    } else {
        std::process::Command::new(&bin)
    };
    // The scratch folder must be reachable by that user.
    let mut up = Some(dir);
    while let Some(d) = up {
        if d.starts_with(std::env::temp_dir()) && d != std::env::temp_dir() {
            let _ = fs::set_permissions(d, fs::Permissions::from_mode(0o755));
        }
        up = d.parent();
    }
    let out = cmd
        .current_dir(dir)
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .args(args)
        .output()
        .ok()?;
    if out.status.code().is_none() || String::from_utf8_lossy(&out.stderr).contains("setpriv:") {
        return None;
    }
    Some((
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    ))
}

#[cfg(unix)]
fn rustix_is_root() -> bool {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Uid:"))
                .map(|u| u.split_whitespace().next() == Some("0"))
        })
        .unwrap_or(false)
}

/// An unreadable folder inside a catalogue is an error at that folder, never a quiet 0; a named
/// file that cannot be read stops the run (2).
#[cfg(unix)]
#[test]
fn an_unreadable_folder_is_an_error_and_an_unreadable_named_file_exits_two() {
    use std::os::unix::fs::PermissionsExt;
    let dir = catalogue(&[
        ("p.yaml", PRODUCT),
        ("locked/q.yaml", &PRODUCT.replace("TEST-PRODUCT", "LOCKED")),
    ]);
    fs::set_permissions(dir.path().join("locked"), fs::Permissions::from_mode(0o000)).unwrap_or_else(|e| panic!("{e}"));
    let Some((code, out, err)) = unprivileged(dir.path(), &["check", ".", "--format", "json", "--as-of", "2026-03-31"])
    else {
        eprintln!("skipped: cannot run as an unprivileged user here");
        return;
    };
    assert_eq!(code, 1, "{out}{err}");
    let value: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    let unreadable: Vec<&Value> = value["diagnostics"]
        .as_array()
        .map(|a| a.iter().filter(|d| d["code"] == "LS001").collect())
        .unwrap_or_default();
    assert_eq!(unreadable.len(), 1, "{value}");
    assert_eq!(unreadable[0]["file"], "locked");
    fs::set_permissions(dir.path().join("locked"), fs::Permissions::from_mode(0o755)).unwrap_or_else(|e| panic!("{e}"));
    fs::set_permissions(dir.path().join("p.yaml"), fs::Permissions::from_mode(0o000)).unwrap_or_else(|e| panic!("{e}"));
    let Some((code, out, err)) = unprivileged(dir.path(), &["check", "p.yaml", "--as-of", "2026-03-31"]) else {
        return;
    };
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("cannot check `p.yaml`") && err.contains("ermission denied"),
        "{err}"
    );
}

/// A FIFO with a spec's name is refused at once (it used to hang the run forever), named or
/// found in a catalogue; so is a link that leads out of the catalogue, whose contents are never
/// printed; a misspelt config is refused rather than ignored.
#[cfg(unix)]
#[test]
fn fifos_links_out_and_misnamed_configs_are_refused_without_reading() {
    let outside = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    fs::write(outside.path().join("secret.yaml"), "password: hunter2-secret\n").unwrap_or_else(|e| panic!("{e}"));
    let dir = catalogue(&[("p.yaml", PRODUCT), ("loanspec.yml", "loanspec: 1\n")]);
    let fifo = dir.path().join("pipe.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    std::os::unix::fs::symlink(outside.path().join("secret.yaml"), dir.path().join("linked.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink(outside.path(), dir.path().join("shared")).unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink(dir.path().join("gone.yaml"), dir.path().join("dangling.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    let run = |args: &[&str]| {
        stdout(
            loanspec()
                .current_dir(dir.path())
                .timeout(std::time::Duration::from_secs(60))
                .args(args),
        )
    };
    let (code, out, err) = run(&["check", ".", "--format", "json", "--as-of", "2026-03-31"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(!out.contains("hunter2"), "{out}");
    let value: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    let mut found: Vec<(String, String)> = value["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|d| d["severity"] == "error")
                .map(|d| {
                    (
                        d["file"].as_str().unwrap_or("").to_owned(),
                        d["code"].as_str().unwrap_or("").to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    let expected: Vec<(String, String)> = [
        ("dangling.yaml", "LS018"),
        ("linked.yaml", "LS018"),
        ("loanspec.yml", "LS019"),
        ("pipe.yaml", "LS017"),
        ("shared", "LS018"),
    ]
    .iter()
    .map(|(f, c)| ((*f).to_owned(), (*c).to_owned()))
    .collect();
    assert_eq!(found, expected, "{value}");
    for named in ["pipe.yaml", "linked.yaml"] {
        let (code, out, err) = run(&["check", named, "--as-of", "2026-03-31"]);
        assert_eq!(code, 2, "{named}: {out}{err}");
        assert!(!out.contains("hunter2") && !err.contains("hunter2"), "{out}{err}");
        assert!(err.contains(&format!("cannot check `{named}`")), "{err}");
    }
    // A FIFO given as metrics or as a baseline is refused, never waited on.
    for args in [
        &["monitor", "p.yaml", "--metrics", "pipe.yaml"][..],
        &["check", "p.yaml", "--baseline", "pipe.yaml"][..],
    ] {
        let (code, out, err) = run(args);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(err.contains("not a regular file"), "{err}");
    }
}

// ---- nothing is dropped ----

/// A baseline never sets aside a spec that cannot be read or typed, so `compile --baseline`
/// cannot write the catalogue with that product missing and say "0 errors".
#[test]
fn a_baseline_cannot_cover_a_spec_that_cannot_be_read() {
    let broken = PRODUCT
        .replace("TEST-PRODUCT", "BROKEN")
        .replace("测试产品", "坏产品")
        .replace("max: 10万", "max: 10万元元");
    let rule_only = PRODUCT
        .replace("TEST-PRODUCT", "RULE-ONLY")
        .replace("测试产品", "规则产品")
        .replace("min: 1万", "min: 20万");
    let dir = catalogue(&[
        ("good.yaml", PRODUCT),
        ("broken.yaml", &broken),
        ("rule.yaml", &rule_only),
    ]);
    let as_of = ["--as-of", "2026-03-31"];
    let run = |args: &[&str]| stdout(loanspec().current_dir(dir.path()).args(args).args(as_of));
    let (code, out, err) = run(&["baseline", "write", "baseline.json", "."]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("not recorded") && err.contains("LS106"), "{err}");
    let written = fs::read_to_string(dir.path().join("baseline.json")).unwrap_or_default();
    assert!(written.contains("LS150") && !written.contains("LS106"), "{written}");
    let (code, out, err) = run(&["compile", ".", "-o", "out", "--baseline", "baseline.json"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("LS106") && err.contains("nothing written"), "{out}{err}");
    assert!(!dir.path().join("out").exists());
    // A hand-made entry for a built-in error is refused at its place in the baseline.
    let forged = written.replace("\"findings\": [", "\"findings\": [\n    { \"file\": \"broken.yaml\", \"code\": \"LS106\", \"pointer\": \"/amount/max\", \"hash\": \"sha256:0\" },");
    fs::write(dir.path().join("baseline.json"), forged).unwrap_or_else(|e| panic!("{e}"));
    let (code, value) = check_json(dir.path(), &[".", "--baseline", "baseline.json"]);
    assert_eq!(code, 1);
    let codes = codes_of(&value);
    assert!(
        codes.contains(&"LS190".to_owned()) && codes.contains(&"LS106".to_owned()),
        "{codes:?}"
    );
}

/// Two specs with one code would overwrite each other in the output and in core banking: the
/// locked rules (LS124, LS125) are turned off by no `rules:` level, no allow comment and no
/// baseline entry, and each attempt is itself a finding.
#[test]
fn a_locked_rule_cannot_be_turned_off_suppressed_or_baselined() {
    let twin = PRODUCT.replace("测试产品", "孪生产品");
    let allowed = PRODUCT.replace(
        "code: TEST-PRODUCT",
        "code: TEST-PRODUCT   # loanspec: allow LS124 -- the old system had two",
    );
    let dir = catalogue(&[("a.yaml", &allowed), ("b.yaml", &twin)]);
    fs::write(
        dir.path().join("loanspec.yaml"),
        "loanspec: 1\nrules:\n  LS124: off\n  unknown-successor: warn\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let forged = r#"{ "version": 1, "tool": "loanspec", "findings": [
        { "file": "b.yaml", "code": "LS124", "pointer": "/code", "hash": "sha256:0" } ] }"#;
    fs::write(dir.path().join("baseline.json"), forged).unwrap_or_else(|e| panic!("{e}"));
    let (code, value) = check_json(dir.path(), &[".", "--baseline", "baseline.json"]);
    assert_eq!(code, 1, "{value}");
    let findings = value["diagnostics"].as_array().cloned().unwrap_or_default();
    let of = |c: &str| findings.iter().filter(|d| d["code"] == c).cloned().collect::<Vec<_>>();
    // Both places of the duplicate are still errors.
    assert_eq!(of("LS124").len(), 2, "{value}");
    assert!(of("LS124").iter().all(|d| d["severity"] == "error"), "{value}");
    // The two levels, the allow comment and the baseline entry are each refused where written.
    let config: Vec<_> = of("LS130")
        .iter()
        .map(|d| d["message"].as_str().unwrap_or("").to_owned())
        .collect();
    assert_eq!(config.len(), 2, "{config:?}");
    assert!(config.iter().all(|m| m.contains("locked")), "{config:?}");
    let allow = of("LS141");
    assert!(
        allow
            .iter()
            .any(|d| d["help"].as_str().unwrap_or("").contains("locked")),
        "{value}"
    );
    assert!(
        of("LS190")
            .iter()
            .any(|d| d["message"].as_str().unwrap_or("").contains("locked")),
        "{value}"
    );
}

/// `compile --exit-zero` that writes nothing is not a success.
#[test]
fn compile_that_writes_nothing_never_exits_zero() {
    let bad = PRODUCT.replace("TEST-PRODUCT", "BAD").replace("min: 1万", "min: 5%");
    let dir = catalogue(&[("p.yaml", PRODUCT), ("bad.yaml", &bad)]);
    let (code, out, err) = stdout(loanspec().current_dir(dir.path()).args([
        "compile",
        ".",
        "-o",
        "out",
        "--exit-zero",
        "--as-of",
        "2026-03-31",
    ]));
    assert_eq!(code, 1, "{out}{err}");
    assert!(!dir.path().join("out").exists());
}

/// One bad fixing in a `rates:` list is reported and the good ones still count (they used to be
/// dropped with it, and the product priced from the embedded table).
#[test]
fn a_bad_fixing_in_a_rates_list_keeps_the_good_ones() {
    let config = "loanspec: 1\nrates:\n  - { date: 2026-03-25, LPR1Y: 2.90%, LPR5Y: 3.40% }\n  - { date: 2026-03-26, LPR1Y: 2.9, LPR5Y: 3.40% }\n";
    let dir = catalogue(&[("loanspec.yaml", config), ("p.yaml", PRODUCT)]);
    let (code, value) = check_json(dir.path(), &["."]);
    assert_eq!(code, 1);
    assert_eq!(codes_of(&value), ["LS107"]);
    // The good fixing of 2026-03-25 (2.90%) is the one in force on 2026-03-31, not the
    // embedded 2026-03-20 one (3.00%): the product's rate is 2.90% + 50bp.
    let simulate = stdout(loanspec().current_dir(dir.path()).args([
        "simulate",
        "p.yaml",
        "--amount",
        "10万",
        "--term",
        "12M",
        "--format",
        "json",
        "--as-of",
        "2026-03-31",
    ]));
    let schedule: Value =
        serde_json::from_str(&simulate.1).unwrap_or_else(|e| panic!("{e}: {}{}", simulate.1, simulate.2));
    assert_eq!(schedule["annual_rate"], "3.4000", "{schedule}");
}

// ---- report, diff and monitor name what they could not read ----

#[test]
fn report_names_every_spec_it_could_not_read_and_exits_one() {
    let broken = PRODUCT
        .replace("TEST-PRODUCT", "BROKEN")
        .replace("测试产品", "坏")
        .replace("min: 1万", "min: 5%");
    let dir = catalogue(&[("p.yaml", PRODUCT), ("broken.yaml", &broken)]);
    let (code, _, err) = stdout(loanspec().current_dir(dir.path()).args([
        "report",
        ".",
        "-o",
        "r.html",
        "--as-of",
        "2026-03-31",
        "--lang",
        "en",
    ]));
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("1 spec could not be read and is left out: BROKEN (broken.yaml)"),
        "{err}"
    );
    let page = fs::read_to_string(dir.path().join("r.html")).unwrap_or_default();
    assert!(
        page.contains("Not in this report: specs that could not be read (1)"),
        "{page}"
    );
    assert!(
        page.contains("<b>BROKEN</b> <span class=code>broken.yaml</span>: LS106"),
        "{page}"
    );
}

#[test]
fn diff_does_not_take_a_broken_product_for_a_removed_one() {
    let old = catalogue(&[("p.yaml", PRODUCT)]);
    let new = catalogue(&[("p.yaml", &PRODUCT.replace("min: 1万", "min: 5%"))]);
    let (code, out, err) = stdout(loanspec().arg("diff").arg(old.path()).arg(new.path()).args([
        "--format",
        "json",
        "--as-of",
        "2026-03-31",
    ]));
    assert_eq!(code, 1, "{out}{err}");
    let value: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    assert_eq!(value["products"][0]["code"], "TEST-PRODUCT");
    assert_eq!(value["products"][0]["status"], "unreadable", "{value}");
    assert_eq!(value["summary"]["removed"], 0);
    assert!(err.contains("could not be read"), "{err}");
}

#[test]
fn monitor_reports_every_problem_of_a_row_suggests_codes_ignoring_case_and_exits_one() {
    let header =
        "month,product,new_customers,target_new_customers,npl_ratio,overdue_ratio,balance,approval_hours_p50\n";
    let csv = format!("{header}2026-13,test-product,ten,100,1.0,0.5,1000,2\n");
    let dir = catalogue(&[("p.yaml", PRODUCT), ("m.csv", &csv)]);
    let (code, out, err) = stdout(loanspec().current_dir(dir.path()).args([
        "monitor",
        ".",
        "--metrics",
        "m.csv",
        "--fail-on",
        "none",
        "--format",
        "json",
        "--as-of",
        "2026-03-31",
    ]));
    assert_eq!(code, 1, "{out}{err}");
    let value: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    let found: Vec<(String, u64)> = value["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|d| {
                    (
                        d["code"].as_str().unwrap_or("").to_owned(),
                        d["column"].as_u64().unwrap_or(0),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        found,
        [
            ("LS170".to_owned(), 1),
            ("LS171".to_owned(), 9),
            ("LS170".to_owned(), 22)
        ],
        "{value}"
    );
    let unknown = &value["diagnostics"][1];
    assert!(
        unknown["help"]
            .as_str()
            .is_some_and(|h| h.contains("did you mean `TEST-PRODUCT`?")),
        "{unknown}"
    );
    assert_eq!(unknown["severity"], "error");
}

// ---- nothing leaks into a terminal or a rendered page ----

/// A product name with table pipes and HTML: the disclosure's Markdown keeps it in its cell and
/// inert; the human output shows control characters as pictures.
#[test]
fn markdown_outputs_escape_tables_and_html() {
    let hostile = PRODUCT.replace(
        "name: { zh: 测试产品 }",
        "name: { zh: \"消费|贷<script>alert(1)</script>\", en: \"A | B\" }",
    );
    let dir = catalogue(&[("p.yaml", &hostile)]);
    let (code, md, err) = stdout(loanspec().current_dir(dir.path()).args([
        "disclose",
        "p.yaml",
        "--amount",
        "5万",
        "--term",
        "12M",
        "--as-of",
        "2026-03-31",
    ]));
    assert_eq!(code, 0, "{err}");
    let row = md.lines().find(|l| l.contains("产品<br>Product")).unwrap_or_default();
    assert!(!md.contains("<script>"), "{md}");
    assert!(
        row.contains("消费&#124;贷&lt;script&gt;alert(1)&lt;/script&gt;<br>A &#124; B"),
        "{row}"
    );
    // The row still has its two cells: its three pipes are the table's own.
    assert_eq!(row.matches('|').count(), 3, "{row}");
}

/// Control characters from a spec (ESC, BEL, BS, NUL in a value) reach no output raw: the
/// terminal formats show their pictures, JSON and SARIF escape them, XML replaces them.
#[test]
fn control_characters_reach_no_output_raw() {
    let hostile = PRODUCT
        .replace("purpose: consumption", "purpose: \"consump\\e[2J\\a\\btion\"")
        .replace("name: { zh: 测试产品 }", "name: { zh: \"测试\\e]0;pwned\\a产品\" }");
    let dir = catalogue(&[("p.yaml", &hostile)]);
    for format in ["human", "github", "junit", "json", "sarif"] {
        let (code, out, err) = stdout(loanspec().current_dir(dir.path()).args([
            "check",
            "p.yaml",
            "--format",
            format,
            "--color",
            "never",
            "--as-of",
            "2026-03-31",
        ]));
        assert_eq!(code, 1, "{format}: {err}");
        assert!(out.contains("consump"), "{format}: {out}");
        let raw: Vec<char> = out
            .chars()
            .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
            .collect();
        assert!(raw.is_empty(), "{format}: raw control characters {raw:?} in\n{out}");
    }
    // Commands that print a product's own words: the schedule's title, monitor.
    let named = PRODUCT.replace("name: { zh: 测试产品 }", "name: { zh: \"测试\\e]0;pwned\\a产品\" }");
    let dir = catalogue(&[("p.yaml", &named)]);
    let (code, out, err) = stdout(loanspec().current_dir(dir.path()).args([
        "simulate",
        "p.yaml",
        "--amount",
        "5万",
        "--term",
        "12M",
        "--as-of",
        "2026-03-31",
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("测试") && out.contains("pwned"), "{out}");
    assert!(!out.chars().any(|c| c == '\u{1b}' || c == '\u{7}'), "{out:?}");
    let header =
        "month,product,new_customers,target_new_customers,npl_ratio,overdue_ratio,balance,approval_hours_p50\n";
    fs::write(
        dir.path().join("m.csv"),
        format!("{header}2026-01,TEST-PRODUCT,1,2,0.1,0.1,1,1\n"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    for format in ["human", "markdown"] {
        let (_, out, err) = stdout(loanspec().current_dir(dir.path()).args([
            "monitor",
            "p.yaml",
            "--metrics",
            "m.csv",
            "--format",
            format,
            "--as-of",
            "2026-03-31",
        ]));
        assert!(out.contains("pwned"), "{format}: {out}{err}");
        assert!(!out.chars().any(|c| c == '\u{1b}' || c == '\u{7}'), "{format}: {out:?}");
    }
}

// ---- output is all or nothing, and never written through a link ----

/// A catalogue of `n` products; `version` changes every product's largest loan, so two versions
/// compile to different bytes.
fn products(n: usize, version: u32) -> Vec<(String, String)> {
    let mut files = vec![("loanspec.yaml".to_owned(), "loanspec: 1\n".to_owned())];
    for i in 0..n {
        files.push((
            format!("p{i:03}.yaml"),
            PRODUCT
                .replace("TEST-PRODUCT", &format!("P-{i:03}"))
                .replace("测试产品", &format!("测试产品{i}"))
                .replace("max: 10万", &format!("max: {}万", 10 + version)),
        ));
    }
    files
}

fn write_all(dir: &std::path::Path, files: &[(String, String)]) {
    for (name, text) in files {
        fs::write(dir.join(name), text).unwrap_or_else(|e| panic!("{e}"));
    }
}

/// Every file below `dir` with the length and a checksum of its bytes, by relative path.
fn tree(dir: &std::path::Path) -> std::collections::BTreeMap<String, (usize, u64)> {
    let mut out = std::collections::BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in fs::read_dir(&d).into_iter().flatten().flatten() {
            if e.path().is_dir() {
                todo.push(e.path());
            } else {
                let rel = e
                    .path()
                    .strip_prefix(dir)
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                let bytes = fs::read(e.path()).unwrap_or_default();
                // FNV-1a: enough to tell two versions of a file apart in a failure message.
                let sum = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                    (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
                });
                out.insert(rel, (bytes.len(), sum));
            }
        }
    }
    out
}

fn compile_cmd(dir: &std::path::Path, out: &str) -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("loanspec"));
    cmd.current_dir(dir)
        .args([
            "compile",
            ".",
            "-o",
            out,
            "--target",
            "canonical",
            "--target",
            "fineract",
            "--as-of",
            "2026-03-31",
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    cmd
}

/// `kill -9` at any instant of a compile leaves the output folder as the previous output or the
/// new one, complete, never a mix; the next run cleans what the killed one left beside it.
#[cfg(unix)]
#[test]
fn a_compile_killed_at_any_instant_leaves_the_old_output_or_the_new_one() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // Both versions compiled whole, for reference.
    write_all(dir.path(), &products(40, 1));
    assert!(compile_cmd(dir.path(), "ref-old").status().is_ok_and(|s| s.success()));
    write_all(dir.path(), &products(40, 2));
    assert!(compile_cmd(dir.path(), "ref-new").status().is_ok_and(|s| s.success()));
    let (old, new) = (tree(&dir.path().join("ref-old")), tree(&dir.path().join("ref-new")));
    assert_ne!(old, new);
    assert!(old.len() > 100, "{}", old.len());
    // The kills land in the writing phase: from the first entry the run makes for the output
    // (a temporary or staging file or folder, named with its process id, in the output folder
    // or beside it) to the end of the run.
    let writing = |out: &std::path::Path, pid: u32| {
        let (staging, temp) = (format!(".loanspec-staging-{pid}-"), format!(".tmp-{pid}"));
        [dir.path(), out].iter().any(|d| {
            fs::read_dir(d).into_iter().flatten().flatten().any(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.contains(&staging) || name.ends_with(&temp)
            })
        })
    };
    let out = dir.path().join("out");
    let run_until_writing = |version: u32| {
        write_all(dir.path(), &products(40, version));
        let mut child = compile_cmd(dir.path(), "out").spawn().unwrap_or_else(|e| panic!("{e}"));
        while !writing(&out, child.id()) && child.try_wait().ok().flatten().is_none() {
            std::thread::sleep(std::time::Duration::from_micros(50));
        }
        child
    };
    write_all(dir.path(), &products(40, 1));
    assert!(compile_cmd(dir.path(), "out").status().is_ok_and(|s| s.success()));
    // How long the writing phase lasts here.
    let mut child = run_until_writing(2);
    let start = std::time::Instant::now();
    let _ = child.wait();
    let window = start.elapsed();
    let mut seen = (0, 0);
    for step in 0..16u32 {
        // Each run replaces the output with the other version.
        let before = tree(&out);
        let version = if before == old { 2 } else { 1 };
        // Past the measured window too: the phase's length varies from run to run.
        let mut child = run_until_writing(version);
        std::thread::sleep(window * step / 6);
        let _ = child.kill();
        let _ = child.wait();
        let after = tree(&out);
        let expected = if version == 1 { &old } else { &new };
        if after == *expected && after != before {
            seen.1 += 1;
        } else {
            assert_eq!(
                after, before,
                "step {step}: the output is neither the previous one nor the new one"
            );
            seen.0 += 1;
        }
    }
    // A run to the end: complete, and nothing of the killed runs is left beside it.
    write_all(dir.path(), &products(40, 2));
    assert!(compile_cmd(dir.path(), "out").status().is_ok_and(|s| s.success()));
    assert_eq!(tree(&dir.path().join("out")), new);
    let debris: Vec<String> = fs::read_dir(dir.path())
        .map(|r| {
            r.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.contains(".loanspec-"))
                .collect()
        })
        .unwrap_or_default();
    assert!(debris.is_empty(), "{debris:?}");
    eprintln!(
        "kills over a {window:?} writing phase: {} left the previous output, {} the new one",
        seen.0, seen.1
    );
}

/// The output folder holds exactly the current catalogue's files; a folder loanspec did not
/// write is refused and kept; links are never written through.
#[cfg(unix)]
#[test]
fn the_output_folder_holds_exactly_the_catalogue_and_foreign_folders_are_refused() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    write_all(dir.path(), &products(3, 1));
    let compile = |out: &str| {
        stdout(
            loanspec()
                .current_dir(dir.path())
                .args(["compile", ".", "-o", out, "--as-of", "2026-03-31"]),
        )
    };
    assert_eq!(compile("out").0, 0);
    fs::remove_file(dir.path().join("p002.yaml")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(compile("out").0, 0);
    let names: Vec<String> = tree(&dir.path().join("out")).into_keys().collect();
    assert_eq!(names, [".loanspec-output.json", "P-000.json", "P-001.json"]);
    // A folder of someone else's files.
    fs::create_dir_all(dir.path().join("theirs")).unwrap_or_else(|e| panic!("{e}"));
    fs::write(dir.path().join("theirs/notes.txt"), "keep me").unwrap_or_else(|e| panic!("{e}"));
    let (code, _, err) = compile("theirs");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("holds files loanspec did not write"), "{err}");
    assert_eq!(
        fs::read_to_string(dir.path().join("theirs/notes.txt")).unwrap_or_default(),
        "keep me"
    );
    // A file added to a previous output by hand.
    fs::write(dir.path().join("out/extra.txt"), "mine").unwrap_or_else(|e| panic!("{e}"));
    let (code, _, err) = compile("out");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("`extra.txt`"), "{err}");
    fs::remove_file(dir.path().join("out/extra.txt")).unwrap_or_else(|e| panic!("{e}"));
    // Links: an output folder, a report, a SARIF file.
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "precious").unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink(dir.path().join("theirs"), dir.path().join("linked-out"))
        .unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink(&victim, dir.path().join("r.sarif")).unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink(&victim, dir.path().join("r.html")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(compile("linked-out").0, 2);
    let (code, _, err) = stdout(loanspec().current_dir(dir.path()).args([
        "check",
        ".",
        "--output",
        "sarif=r.sarif",
        "--as-of",
        "2026-03-31",
    ]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is a link"), "{err}");
    let (code, _, err) =
        stdout(
            loanspec()
                .current_dir(dir.path())
                .args(["report", ".", "-o", "r.html", "--as-of", "2026-03-31"]),
        );
    assert_eq!(code, 2, "{err}");
    assert_eq!(fs::read_to_string(&victim).unwrap_or_default(), "precious");
    assert_eq!(
        fs::read_to_string(dir.path().join("theirs/notes.txt")).unwrap_or_default(),
        "keep me"
    );
    // A folder loanspec may not write in: the run stops (2), the previous output as it was.
    let before = tree(&dir.path().join("out"));
    if let Some((code, out, err)) = unprivileged(dir.path(), &["compile", ".", "-o", "out", "--as-of", "2026-03-31"]) {
        assert_eq!(code, 2, "{out}{err}");
        assert!(err.contains("cannot write"), "{err}");
        assert_eq!(tree(&dir.path().join("out")), before);
    }
}

// ---- no crash, bounded work ----

/// A CEL expression of 20,000 terms used to overflow a worker thread's stack and abort with no
/// output; it is now refused where it is written (the schema caps an expression at 4,000
/// characters) and the rest of the catalogue is checked.
#[test]
fn a_huge_custom_rule_is_refused_not_a_crash() {
    let expression = format!("amount.max{} > 0.0", " + 1.0".repeat(20_000));
    let config = format!(
        "loanspec: 1\ncustom_rules:\n  - {{ id: BANK001, name: huge, message: never, check: \"{expression}\" }}\n  - {{ id: BANK002, name: small, message: 'at most 5万', check: amount.max <= 50000.0 }}\n"
    );
    let dir = catalogue(&[("loanspec.yaml", &config), ("p.yaml", PRODUCT)]);
    let (code, value) = check_json(dir.path(), &["."]);
    assert_eq!(code, 1, "{value}");
    let messages: Vec<String> = value["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|d| {
                    format!(
                        "{} {}",
                        d["code"].as_str().unwrap_or(""),
                        d["message"].as_str().unwrap_or("")
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        messages,
        [
            "LS105 `custom_rules[0].check` is 120016 characters long; it may have at most 4000",
            // The other rule still ran.
            "BANK002 at most 5万",
        ],
    );
}

/// Free text has a sane length: a product name at most 100 characters (Apache Fineract keeps
/// 100), counted in characters, so 100 Chinese characters pass and 101 do not.
#[test]
fn free_text_is_capped_with_a_clear_error() {
    let named = |n: usize| PRODUCT.replace("name: { zh: 测试产品 }", &format!("name: {{ zh: {} }}", "贷".repeat(n)));
    let dir = catalogue(&[("p.yaml", &named(100))]);
    let (code, value) = check_json(dir.path(), &["p.yaml"]);
    assert_eq!(code, 0, "{value}");
    fs::write(dir.path().join("p.yaml"), named(101)).unwrap_or_else(|e| panic!("{e}"));
    let (code, value) = check_json(dir.path(), &["p.yaml"]);
    assert_eq!(code, 1);
    assert_eq!(
        value["diagnostics"][0]["message"],
        "`name.zh` is 101 characters long; it may have at most 100"
    );
    assert_eq!(value["diagnostics"][0]["pointer"], "/name/zh");
}

/// `extends` does not reveal what exists outside the catalogue: a path that leaves it is
/// "outside" whether the file is there or not, written with `..` or through a link.
#[cfg(unix)]
#[test]
fn extends_does_not_tell_what_exists_outside_the_catalogue() {
    let outside = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    fs::write(outside.path().join("there.yaml"), "loanspec: 1\n").unwrap_or_else(|e| panic!("{e}"));
    let dir = catalogue(&[("p.yaml", PRODUCT)]);
    std::os::unix::fs::symlink(outside.path(), dir.path().join("out")).unwrap_or_else(|e| panic!("{e}"));
    let up = "../".repeat(dir.path().components().count());
    let outside_rel = outside
        .path()
        .strip_prefix("/")
        .unwrap_or(outside.path())
        .display()
        .to_string();
    let mut answers = Vec::new();
    for target in [
        format!("{up}{outside_rel}/there.yaml"),
        format!("{up}{outside_rel}/not-there.yaml"),
        "out/there.yaml".to_owned(),
        "out/not-there.yaml".to_owned(),
    ] {
        let spec = PRODUCT.replace("stage: design\n", &format!("stage: design\nextends: {target}\n"));
        fs::write(dir.path().join("p.yaml"), spec).unwrap_or_else(|e| panic!("{e}"));
        let (_, value) = check_json(dir.path(), &["p.yaml"]);
        answers.push(codes_of(&value));
    }
    assert!(answers.iter().all(|a| a == &["LS122"]), "{answers:?}");
}
