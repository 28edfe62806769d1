//! The catalogue index in `.loanspec_cache/`: checking one file of a catalogue reads that file
//! and what it needs, takes the rest from the index, and finds exactly what a run without the
//! index finds, however the files were changed in between.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::{PRODUCT, catalogue, loanspec, stdout};

const LINE: &str = "loanspec: 1
kind: line
code: BASE-LINE
name: { zh: 基础产品线 }
borrower: { type: individual }
purpose: consumption
origination: branch
repayment: { methods: [equal_installment] }
collateral: none
";

/// A product of the test catalogue, `P-00n`, named 测试产品n; `extends` the line when asked.
fn product(n: usize, extends: bool) -> String {
    let text = PRODUCT
        .replace("TEST-PRODUCT", &format!("P-{n:03}"))
        .replace("测试产品", &format!("测试产品{n}"));
    if extends {
        text.replace("stage: design\n", "stage: design\nextends: ../lines/base.yaml\n")
    } else {
        text
    }
}

/// A catalogue of a line and five products; `p001.yaml` (the one the tests check) extends the
/// line, `p002.yaml` shares its code and `p003.yaml` its name.
fn sample() -> tempfile::TempDir {
    let mut files: Vec<(String, String)> = vec![("lines/base.yaml".into(), LINE.into())];
    for n in 1..=5 {
        files.push((format!("products/p{n:03}.yaml"), product(n, n == 1)));
    }
    if let Some((_, text)) = files.get_mut(2) {
        *text = text.replace("code: P-002", "code: P-001");
    }
    if let Some((_, text)) = files.get_mut(3) {
        *text = text.replace("测试产品3", "测试产品1");
    }
    let borrowed: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    catalogue(&borrowed)
}

fn index_file(dir: &Path) -> PathBuf {
    dir.join(".loanspec_cache/index-v1")
}

/// Dates the index an hour ahead, as if written long after the files: its entries are then
/// trusted (an index written in the same seconds as a file does not vouch for it).
fn settle(dir: &Path) {
    let file = fs::File::options()
        .write(true)
        .open(index_file(dir))
        .unwrap_or_else(|e| panic!("no index was written: {e}"));
    file.set_modified(SystemTime::now() + Duration::from_secs(3600))
        .unwrap_or_else(|e| panic!("{e}"));
}

/// `check products/p001.yaml`'s output in JSON, with the index or without.
fn check(dir: &Path, index: bool) -> (i32, String) {
    let mut cmd = loanspec();
    cmd.current_dir(dir).args([
        "check",
        "products/p001.yaml",
        "--format",
        "json",
        "--as-of",
        "2026-03-31",
    ]);
    if !index {
        cmd.arg("--no-cache");
    }
    let (code, out, err) = stdout(&mut cmd);
    assert!(code == 0 || code == 1, "{out}\n{err}");
    (code, out)
}

/// The check with the index, which must say exactly what the check without it says.
fn check_both(dir: &Path) -> String {
    let without = check(dir, false);
    let with = check(dir, true);
    assert_eq!(with, without, "the index changed what the check found");
    with.1
}

/// The library's options for a run in `dir` as of 2026-03-31, with the index or without.
fn library_options(dir: &Path, cache: bool, products: loanspec::compile::Products) -> loanspec::compile::Options {
    loanspec::compile::Options {
        as_of: chrono::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap_or_default(),
        limits: loanspec::syntax::Limits::default(),
        display_base: Some(dir.to_path_buf()),
        fineract: false,
        only_catalogues: false,
        files: std::sync::Arc::new(loanspec::files::Native),
        overlay: loanspec::compile::Overlay::default(),
        cache,
        products,
    }
}

/// How many spec texts the library run read, and the specs whose text it kept (the named one
/// and those it needed whole), by relative path.
fn read_specs(dir: &Path) -> (usize, Vec<String>) {
    let options = library_options(dir, true, loanspec::compile::Products::Keep);
    let run = loanspec::compile::run(&[dir.join("products/p001.yaml")], &options)
        .unwrap_or_else(|e| panic!("{:?}", e.reason));
    let mut read: Vec<String> = run
        .specs
        .iter()
        .filter_map(|s| run.sources.get(s.file))
        .filter(|f| !f.text.is_empty())
        .map(|f| f.rel.clone())
        .collect();
    read.sort();
    (run.texts_read, read)
}

fn codes(out: &str) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_str(out).unwrap_or_else(|e| panic!("{e}: {out}"));
    let mut codes: Vec<String> = value["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["code"].as_str().map(str::to_owned))
        .collect();
    codes.sort();
    codes
}

#[test]
fn one_file_reads_only_what_it_needs_and_finds_the_same() {
    let dir = sample();
    let first = check_both(dir.path());
    assert!(
        fs::read_to_string(dir.path().join(".loanspec_cache/.gitignore")).is_ok_and(|t| t.ends_with("*\n")),
        "the index folder keeps itself out of git"
    );
    // What is kept whole either way: the named spec, its line, and the two specs its findings
    // point at; of the others only their summaries.
    let needed = [
        "lines/base.yaml",
        "products/p001.yaml",
        "products/p002.yaml",
        "products/p003.yaml",
    ];
    // Just written, the index vouches for nothing yet: every spec is read (and the four
    // needed ones again, whole, once the run knows it needs them).
    assert_eq!(read_specs(dir.path()), (6 + 3, needed.map(String::from).to_vec()));
    settle(dir.path());
    // Settled: only the four are read.
    assert_eq!(read_specs(dir.path()), (4, needed.map(String::from).to_vec()));
    let again = check_both(dir.path());
    assert_eq!(again, first);
    assert_eq!(codes(&again), ["LS124", "LS502"], "{again}");
    assert!(
        again.contains("p002.yaml") && again.contains("p003.yaml"),
        "the related places are in the files the index knew: {again}"
    );
}

/// The whole catalogue's check, in JSON and in words, with the index or without, and how many
/// products the library run parsed only as it judged them.
fn check_all(dir: &Path, index: bool) -> (String, String, usize) {
    let out = |format: &str| {
        let mut cmd = loanspec();
        cmd.current_dir(dir)
            .args(["check", ".", "--format", format, "--as-of", "2026-03-31"]);
        if !index {
            cmd.arg("--no-cache");
        }
        stdout(&mut cmd).1
    };
    let options = library_options(dir, index, loanspec::compile::Products::Discard);
    let run = loanspec::compile::run(&[dir.to_path_buf()], &options).unwrap_or_else(|e| panic!("{:?}", e.reason));
    (out("json"), out("human"), run.deferred)
}

/// A whole catalogue checked with a settled index parses each named product only as it judges
/// it, and finds exactly what a check without the index finds: a schema error, a rule finding,
/// a product built on a line and one built on another product, a shared code and a shared name.
#[test]
fn named_products_parsed_as_they_are_judged_find_the_same() {
    let dir = sample();
    let products = dir.path().join("products");
    fs::write(
        products.join("p006.yaml"),
        product(6, false).replace("rate: LPR1Y + 50bp", "rate: 4.35"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    fs::write(
        products.join("p007.yaml"),
        "loanspec: 1\ncode: P-007\nversion: 1.0.0\nname: { zh: 测试产品7 }\nstage: design\nextends: p005.yaml\nterm: { min: 6M, max: 72M }\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let (json, human, deferred) = check_all(dir.path(), false);
    assert_eq!(deferred, 0);
    for code in ["LS111", "LS124", "LS201", "LS502"] {
        assert!(json.contains(code), "{code}: {json}");
    }
    // The first run writes the index; once it is settled, the products are deferred.
    assert_eq!(check_all(dir.path(), true).0, json);
    settle(dir.path());
    let (with_json, with_human, deferred) = check_all(dir.path(), true);
    // p004, p006 and p007: p005 is parsed first as p007's parent, and p001 to p003 with the
    // specs whose findings they share (a code, a name).
    assert_eq!(deferred, 3);
    assert_eq!(with_json, json);
    assert_eq!(with_human, human);
}

#[test]
fn files_changed_outside_loanspec_are_read_again() {
    let dir = sample();
    check(dir.path(), true);
    settle(dir.path());
    // An edit that keeps the size: p004 takes p001's code (`P-004` → `P-001`).
    let p004 = dir.path().join("products/p004.yaml");
    let text = fs::read_to_string(&p004).unwrap_or_default();
    fs::write(&p004, text.replace("code: P-004", "code: P-001")).unwrap_or_else(|e| panic!("{e}"));
    let out = check_both(dir.path());
    assert!(out.contains("p004.yaml"), "the edit is seen: {out}");
    // A new spec with the same name, a removed one, a renamed one.
    settle(dir.path());
    fs::write(
        dir.path().join("products/p009.yaml"),
        product(9, false).replace("测试产品9", "测试产品1"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    fs::remove_file(dir.path().join("products/p002.yaml")).unwrap_or_else(|e| panic!("{e}"));
    fs::rename(&p004, dir.path().join("products/renamed.yaml")).unwrap_or_else(|e| panic!("{e}"));
    let out = check_both(dir.path());
    assert!(out.contains("p009.yaml") && out.contains("renamed.yaml"), "{out}");
    assert!(!out.contains("p002.yaml") && !out.contains("p004.yaml"), "{out}");
    // The line takes the product's code: the line is read again, and the clash is found.
    settle(dir.path());
    assert!(!out.contains("base.yaml"), "{out}");
    let line = dir.path().join("lines/base.yaml");
    fs::write(&line, LINE.replace("code: BASE-LINE", "code: P-001")).unwrap_or_else(|e| panic!("{e}"));
    let out = check_both(dir.path());
    assert!(out.contains("base.yaml"), "{out}");
}

#[test]
fn an_index_that_does_not_read_is_ignored_and_rewritten() {
    let dir = sample();
    check(dir.path(), true);
    let path = index_file(dir.path());
    let good = fs::read(&path).unwrap_or_default();
    // Cut short, then garbage: the run is as without an index, and leaves a whole one.
    for bad in [
        good.get(..good.len() / 2).unwrap_or_default().to_vec(),
        b"\xff\xfe not an index".to_vec(),
    ] {
        fs::write(&path, bad).unwrap_or_else(|e| panic!("{e}"));
        settle(dir.path());
        check_both(dir.path());
        assert_eq!(fs::read(&path).unwrap_or_default(), good);
    }
}

#[test]
fn no_cache_neither_reads_nor_writes_the_index() {
    let dir = sample();
    check(dir.path(), false);
    assert!(!dir.path().join(".loanspec_cache").exists());
}

#[cfg(unix)]
#[test]
fn an_index_folder_that_is_a_link_is_neither_read_nor_written() {
    let dir = sample();
    let elsewhere = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink(elsewhere.path(), dir.path().join(".loanspec_cache")).unwrap_or_else(|e| panic!("{e}"));
    check_both(dir.path());
    let written: Vec<_> = fs::read_dir(elsewhere.path()).into_iter().flatten().flatten().collect();
    assert!(written.is_empty(), "loanspec wrote where the link points: {written:?}");
}

/// When the index was last written.
fn written(dir: &Path) -> SystemTime {
    fs::metadata(index_file(dir))
        .and_then(|m| m.modified())
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_whole_catalogue_run_rewrites_an_index_too_recent_to_vouch_for_its_files() {
    let dir = sample();
    let whole = || {
        let mut cmd = loanspec();
        cmd.current_dir(dir.path())
            .args(["check", ".", "--as-of", "2026-03-31"]);
        let (code, out, err) = stdout(&mut cmd);
        assert!(code == 0 || code == 1, "{out}\n{err}");
    };
    whole();
    // As if written in the same second as the files: it cannot vouch for them, so the next run
    // (which reads every file, and asks the index nothing) writes it again.
    let before = SystemTime::now() - Duration::from_secs(1);
    fs::File::options()
        .write(true)
        .open(index_file(dir.path()))
        .and_then(|f| f.set_modified(before))
        .unwrap_or_else(|e| panic!("{e}"));
    whole();
    assert!(written(dir.path()) > before, "the index was not written again");
    // Written again, long after the files: one more run leaves it alone.
    settle(dir.path());
    let settled = written(dir.path());
    whole();
    assert_eq!(written(dir.path()), settled);
}

#[test]
fn what_a_stopped_write_left_is_removed_when_the_index_is_next_written() {
    let dir = sample();
    check(dir.path(), true);
    let folder = dir.path().join(".loanspec_cache");
    let stale = folder.join("index-v1.99999.tmp");
    let fresh = folder.join("index-v1.99998.tmp");
    let other = folder.join("notes.tmp");
    for path in [&stale, &fresh, &other] {
        fs::write(path, b"half an index").unwrap_or_else(|e| panic!("{e}"));
    }
    fs::File::options()
        .write(true)
        .open(&stale)
        .and_then(|f| f.set_modified(SystemTime::now() - Duration::from_secs(3600)))
        .unwrap_or_else(|e| panic!("{e}"));
    // An edit makes the next check write the index.
    let p005 = dir.path().join("products/p005.yaml");
    fs::write(&p005, product(5, false).replace("测试产品5", "测试产品五")).unwrap_or_else(|e| panic!("{e}"));
    check(dir.path(), true);
    assert!(!stale.exists(), "an hour-old file written aside is debris");
    assert!(fresh.exists(), "a recent one may be another run's, writing now");
    assert!(other.exists(), "only loanspec's own files are removed");
}
