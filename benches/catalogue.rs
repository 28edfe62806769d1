//! Whole-catalogue timings of the release binary, as CI runs it: generates catalogues of 1,000
//! and 10,000 specs (copies of the example products with unique codes, under the example
//! product lines and config), runs `loanspec check` on each several times, and prints wall time
//! and peak resident memory. Also times a single file checked inside the 10,000-spec catalogue,
//! the case of a git hook in a very large catalogue.
//!
//! Then the hostile inputs of issue 10, each once quadratic or unbounded, with the time, peak
//! memory and output size of one run of each: 30,000 findings on one line, 30,000 keys in one
//! flow mapping, a 98 KB line of Chinese text, 3,000 products sharing one name, 3,000 products
//! extending a product line that was renamed, a custom rule with nested comprehensions over
//! every product, and 100,000 bad rows of metrics.
//!
//! And the language server's latency: the time from an edit sent to `loanspec lsp` to the
//! findings published for it, for a spec of the examples and one inside the 10,000-spec catalogue.
//!
//! `-- table` prints the rows of the speed issue's table against their targets (what
//! `scripts/bench.sh` runs, with `jsonschema-cli` beside loanspec).
//!
//! `cargo bench --bench catalogue` (Linux: peak memory is read from /proc); `-- hostile` runs
//! only the hostile inputs; `-- lsp` only the language server; `LOANSPEC_BIN=/path/to/loanspec` times another build of loanspec
//! (an older one, for a before and after) and prints its exit code instead of requiring 0 or 1.

#![expect(clippy::print_stdout, reason = "a benchmark reports on stdout")]

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "../tests/cli/lsp_client.rs"]
mod lsp_client;

const RUNS: usize = 5;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Writes `n` product specs (and the example lines and config) under `dir`.
fn generate(dir: &Path, n: usize) -> std::io::Result<PathBuf> {
    let examples = root().join("examples");
    let catalogue = dir.join(format!("catalogue-{n}"));
    fs::create_dir_all(catalogue.join("lines"))?;
    fs::copy(examples.join("loanspec.yaml"), catalogue.join("loanspec.yaml"))?;
    for entry in fs::read_dir(examples.join("lines"))? {
        let entry = entry?;
        fs::copy(entry.path(), catalogue.join("lines").join(entry.file_name()))?;
    }
    let mut products: Vec<(String, String)> = Vec::new();
    let mut names: Vec<PathBuf> = fs::read_dir(examples.join("products"))?
        .flatten()
        .map(|e| e.path())
        .collect();
    names.sort();
    for path in names {
        let text = fs::read_to_string(&path)?;
        let code = text
            .lines()
            .find_map(|l| l.strip_prefix("code: "))
            .unwrap_or("X")
            .trim()
            .to_owned();
        products.push((code, text));
    }
    // The successor of the retired example must exist once under its own code.
    for (code, text) in &products {
        if code == "RURAL-REVIVAL" {
            fs::write(
                catalogue.join("rural-revival.yaml"),
                text.replace("../lines/", "lines/")
                    .replacen("name: { zh: ", "name: { zh: 原版", 1)
                    .replacen(", en: ", ", en: Original ", 1),
            )?;
        }
    }
    for i in 0..n {
        let (code, text) = &products[i % products.len()];
        let group = catalogue.join(format!("products/g{:03}", i / 500));
        fs::create_dir_all(&group)?;
        // Unique codes and names (two active products may not share a name: LS502).
        let text: String = text
            .replacen(&format!("code: {code}"), &format!("code: {code}-{i:05}"), 1)
            .replace("../lines/", "../../lines/")
            .lines()
            .map(|l| {
                let l = if l.starts_with("name: ") {
                    l.replacen("{ zh: ", &format!("{{ zh: {i}号"), 1)
                        .replacen(", en: ", &format!(", en: No. {i} "), 1)
                } else {
                    l.to_owned()
                };
                l + "\n"
            })
            .collect();
        fs::write(group.join(format!("p{i:05}.yaml")), text)?;
    }
    Ok(catalogue)
}

/// The binary timed: this build, or `LOANSPEC_BIN`.
fn bin() -> String {
    std::env::var("LOANSPEC_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_loanspec").to_owned())
}

/// Runs the binary, polling /proc for its peak resident set; returns (wall time, peak KiB,
/// exit code).
fn run(args: &[&str]) -> (Duration, Option<u64>, Option<i32>) {
    let start = Instant::now();
    let mut child = match Command::new(bin())
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
    {
        Ok(c) => c,
        Err(e) => panic!("cannot start loanspec: {e}"),
    };
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak = None;
    loop {
        if let Ok(status) = fs::read_to_string(&status_path) {
            if let Some(kb) = status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            {
                peak = Some(peak.map_or(kb, |p: u64| p.max(kb)));
            }
        }
        match child.try_wait() {
            Ok(Some(status)) => return (start.elapsed(), peak, status.code()),
            Ok(None) => std::thread::sleep(Duration::from_millis(2)),
            Err(e) => panic!("{e}"),
        }
    }
}

fn report(label: &str, args: &[&str]) {
    let mut times = Vec::new();
    let mut peaks = Vec::new();
    for _ in 0..RUNS {
        let (time, peak, code) = run(args);
        if code != Some(0) {
            // Run again with output, to say why.
            let out = Command::new(bin())
                .args(args)
                .args(["--color", "never"])
                .output()
                .map(|o| {
                    String::from_utf8_lossy(&o.stdout)
                        .chars()
                        .take(3000)
                        .collect::<String>()
                })
                .unwrap_or_default();
            panic!("{label}: loanspec did not exit 0\n{out}");
        }
        times.push(time);
        peaks.extend(peak);
    }
    times.sort();
    let median = times[times.len() / 2];
    let best = times[0];
    let peak = peaks
        .iter()
        .max()
        .map_or_else(|| "n/a".to_owned(), |p| format!("{} MiB", p / 1024));
    println!(
        "{label:<48} median {:>6} ms   best {:>6} ms   peak RSS {peak}",
        median.as_millis(),
        best.as_millis()
    );
}

/// One run of a hostile input: it must end with its findings (0 or 1), not a crash, a hang or a
/// refusal to run; prints the time, peak memory and the bytes written to stdout.
fn hostile(label: &str, args: &[&str]) {
    let (time, peak, code) = run(args);
    let other = std::env::var_os("LOANSPEC_BIN").is_some();
    assert!(
        other || matches!(code, Some(0 | 1)),
        "{label}: loanspec exited {code:?}"
    );
    let bytes = Command::new(bin()).args(args).output().map_or(0, |o| o.stdout.len());
    let peak = peak.map_or_else(|| "n/a".to_owned(), |p| format!("{} MiB", p / 1024));
    let code = code.map_or_else(|| "signal".to_owned(), |c| c.to_string());
    println!(
        "{label:<58} {:>6} ms   peak RSS {peak:>8}   output {:>6} KiB   exit {code}",
        time.as_millis(),
        bytes / 1024
    );
}

/// A product spec of the example catalogue's shape, with `code` and `name` as given.
fn product(code: &str, name_en: &str, extra: &str) -> String {
    format!(
        "loanspec: 1\ncode: {code}\nversion: 1.0.0\nname: {{ zh: 产品{code}, en: {name_en} }}\nstage: design\nborrower: {{ type: individual }}\npurpose: consumption\norigination: branch\namount: {{ currency: CNY, min: 1万, max: 10万 }}\nterm: {{ min: 6M, max: 12M{extra} }}\nrate: LPR1Y + 50bp\nrepayment: {{ methods: [equal_installment] }}\ncollateral: none\n"
    )
}

fn hostile_inputs(dir: &Path) -> std::io::Result<()> {
    let write = |name: &str, text: &str| -> std::io::Result<String> {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
            fs::write(parent.join("loanspec.yaml"), "loanspec: 1\n")?;
        }
        fs::write(&path, text)?;
        Ok(path.display().to_string())
    };
    let as_of = ["--as-of", "2026-03-31"];
    let options = vec!["99M"; 30_000].join(", ");
    let one_line = write(
        "line/p.yaml",
        &product("ONE-LINE", "One line", &format!(", options: [{options}]")),
    )?;
    for format in ["human", "json"] {
        hostile(
            &format!("30,000 findings on one line ({format})"),
            &[&["check", &one_line, "--format", format][..], &as_of].concat(),
        );
    }
    let keys: Vec<String> = (0..30_000).map(|i| format!("k{i}: 1")).collect();
    let flow = write(
        "flow/p.yaml",
        &format!(
            "loanspec: 1\ncode: FLOW\nversion: 1.0.0\nname: {{ zh: x }}\namount: {{ {} }}\n",
            keys.join(", ")
        ),
    )?;
    for format in ["human", "json"] {
        hostile(
            &format!("30,000 keys in one flow mapping ({format})"),
            &[&["check", &flow, "--format", format][..], &as_of].concat(),
        );
    }
    let wide = write(
        "wide/p.yaml",
        &format!(
            "loanspec: 1\ncode: WIDE\nversion: 1.0.0\nname: {{ zh: {}, bad: 1 }}\n",
            "测".repeat(33_000)
        ),
    )?;
    hostile(
        "a 98 KB line of Chinese text (human)",
        &[&["check", &wide][..], &as_of].concat(),
    );
    for i in 0..3_000 {
        write(
            &format!("names/p{i:04}.yaml"),
            &product(&format!("SAME-{i:04}"), "Same name", ""),
        )?;
    }
    let names = dir.join("names").display().to_string();
    for format in ["human", "json"] {
        hostile(
            &format!("3,000 products sharing one name ({format})"),
            &[&["check", &names, "--format", format][..], &as_of].concat(),
        );
    }
    for i in 0..3_000 {
        write(
            &format!("renamed/p{i:04}.yaml"),
            &format!(
                "loanspec: 1\ncode: R-{i:04}\nversion: 1.0.0\nname: {{ zh: 产品{i} }}\nextends: lines/renamed.yaml\nstage: design\n"
            ),
        )?;
    }
    let renamed = dir.join("renamed").display().to_string();
    hostile(
        "3,000 products extending a renamed product line (json)",
        &[&["check", &renamed, "--format", "json"][..], &as_of].concat(),
    );
    let rule = "loanspec: 1\ncustom_rules:\n  - id: BANK001\n    name: nested\n    message: never decided\n    check: term.options.all(a, term.options.all(b, term.options.all(c, a + b + c > 0)))\n";
    let many: Vec<String> = (1..=60).map(|m| format!("{m}M")).collect();
    for i in 0..200 {
        write(
            &format!("cel/p{i:03}.yaml"),
            &product(
                &format!("CEL-{i:03}"),
                &format!("Product {i}"),
                &format!(", options: [{}]", many.join(", ")),
            )
            .replace("max: 12M", "max: 60M")
            .replace("min: 6M", "min: 1M"),
        )?;
    }
    fs::write(dir.join("cel/loanspec.yaml"), rule)?;
    let cel = dir.join("cel").display().to_string();
    hostile(
        "200 products, a rule of 60^3 steps each (human)",
        &[&["check", &cel][..], &as_of].concat(),
    );
    let mut rows = String::from(
        "month,product,new_customers,target_new_customers,npl_ratio,overdue_ratio,balance,approval_hours_p50\n",
    );
    for i in 0..100_000 {
        let _ = writeln!(rows, "2026-01,NOPE-{},x,1,1,1,1,1", i % 50);
    }
    let metrics = write("names/metrics.csv", &rows)?;
    let product_one = dir.join("names/p0000.yaml").display().to_string();
    hostile(
        "monitor, 100,000 bad metrics rows (human)",
        &[&["monitor", &product_one, "--metrics", &metrics][..], &as_of].concat(),
    );
    Ok(())
}

/// Edits per latency measurement.
const EDITS: usize = 20;

/// The language server's time from an edit of `spec` to its findings: the median and the worst
/// of [`EDITS`] edits (each adds a comment line, so each text is new), after the open.
fn lsp_latency(label: &str, spec: &Path) {
    let text = fs::read_to_string(spec).unwrap_or_else(|e| panic!("{e}"));
    let uri = format!("file://{}", spec.display());
    let bin = PathBuf::from(self::bin());
    let mut client = lsp_client::Client::start(&bin, &["--as-of", "2026-11-29", "lsp"], "en-US");
    let opened = Instant::now();
    client.open(&uri, &text);
    let open = opened.elapsed();
    let mut times: Vec<Duration> = (0..EDITS)
        .map(|i| {
            let edited = format!("{text}# edit {i}\n");
            let sent = Instant::now();
            client.change(&uri, i64::try_from(i).unwrap_or(0) + 2, &edited);
            sent.elapsed()
        })
        .collect();
    times.sort();
    // Milliseconds with one decimal, from whole microseconds (no float arithmetic).
    let ms = |d: Duration| {
        let tenths = d.as_micros() / 100;
        format!("{}.{}", tenths / 10, tenths % 10)
    };
    println!(
        "{label:<48} open {:>7} ms   edit median {:>7} ms   worst {:>7} ms",
        ms(open),
        ms(times[EDITS / 2]),
        ms(times[EDITS - 1])
    );
    let _ = client.stop();
}

fn main() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    if std::env::args().any(|a| a == "lsp") {
        println!("loanspec lsp, {EDITS} edits each, {cores} cores");
        lsp_latency(
            "a spec of the examples",
            &root().join("examples/products/sci-tech-credit.yaml"),
        );
        let catalogue = generate(dir.path(), 10_000).unwrap_or_else(|e| panic!("{e}"));
        // A designer's catalogue was written before the editor opened it. Files changed in the
        // 2 s before the catalogue index is written are not trusted from it (the index's rule
        // for a change it could have missed), so a catalogue written this instant would be read
        // whole at the first edit too: the measurement starts once the files are that old.
        std::thread::sleep(Duration::from_millis(2_100));
        lsp_latency(
            "a spec inside the 10,000-spec catalogue",
            &catalogue.join("products/g010/p05000.yaml"),
        );
        return;
    }
    if std::env::args().any(|a| a == "table") {
        table(dir.path());
        return;
    }
    if std::env::args().any(|a| a == "hostile") {
        println!("hostile inputs, one run each, {cores} cores");
        hostile_inputs(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        return;
    }
    println!("loanspec check, {RUNS} runs each, {cores} cores");
    for n in [1_000, 10_000] {
        let catalogue = generate(dir.path(), n).unwrap_or_else(|e| panic!("{e}"));
        let path = catalogue.display().to_string();
        report(&format!("{n} specs"), &["check", &path, "--as-of", "2026-11-29"]);
        if n == 10_000 {
            let one = catalogue.join("products/g010/p05000.yaml").display().to_string();
            report(
                "1 spec inside the 10,000-spec catalogue",
                &["check", &one, "--as-of", "2026-11-29"],
            );
        }
    }
    let example = root()
        .join("examples/products/sci-tech-credit.yaml")
        .display()
        .to_string();
    report(
        "1 spec inside the example catalogue",
        &["check", &example, "--as-of", "2026-11-29"],
    );
    println!("hostile inputs, one run each");
    hostile_inputs(dir.path()).unwrap_or_else(|e| panic!("{e}"));
}

/// The wall time of one run of `program` with `args` (output discarded), and its exit code.
fn timed(program: &str, args: &[String]) -> (Duration, Option<i32>) {
    let start = Instant::now();
    let status = Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap_or_else(|e| panic!("cannot start {program}: {e}"));
    (start.elapsed(), status.code())
}

/// Runs `a` and `b` alternately [`RUNS`] times: their median wall times in milliseconds and
/// the median of the pairs' ratios `a / b`, per mille (whole numbers: no float arithmetic).
fn alternate(a: (&str, &[String]), b: (&str, &[String])) -> (u128, u128, u128) {
    let (mut ratios, mut a_ms, mut b_ms) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let (ta, code_a) = timed(a.0, a.1);
        let (tb, code_b) = timed(b.0, b.1);
        assert!(code_a.is_some() && code_b.is_some(), "{} or {} did not run", a.0, b.0);
        ratios.push(ta.as_micros() * 1000 / tb.as_micros().max(1));
        a_ms.push(ta.as_millis());
        b_ms.push(tb.as_millis());
    }
    (median(a_ms), median(b_ms), median(ratios))
}

fn median(mut xs: Vec<u128>) -> u128 {
    xs.sort_unstable();
    xs.get(xs.len() / 2).copied().unwrap_or_default()
}

/// One row of the speed issue's table: median wall time and peak memory of `RUNS` runs, against
/// a target in milliseconds (and MiB, when it has one).
fn row(label: &str, args: &[&str], target_ms: Option<u128>, target_mib: Option<u64>) -> u128 {
    let mut times = Vec::new();
    let mut peak = 0;
    for _ in 0..RUNS {
        let (time, p, code) = run(args);
        assert!(matches!(code, Some(0 | 1)), "{label}: loanspec exited {code:?}");
        times.push(time.as_millis());
        peak = peak.max(p.unwrap_or(0) / 1024);
    }
    let ms = median(times);
    let (target, met) = match (target_ms, target_mib) {
        (None, _) => ("(the reference)".to_owned(), String::new()),
        (Some(t), None) => (format!("≤ {t} ms"), verdict(ms <= t)),
        (Some(t), Some(m)) => (format!("≤ {t} ms, ≤ {m} MiB"), verdict(ms <= t && peak <= m)),
    };
    println!("| {label} | {ms} ms, {peak} MiB | {target} | {met} |");
    ms
}

fn verdict(met: bool) -> String {
    if met { "met" } else { "NOT met" }.to_owned()
}

/// Every spec of a catalogue (its YAML files but `loanspec.yaml`), in path order.
fn specs_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() {
                todo.push(p);
            } else if p.extension().is_some_and(|e| e == "yaml") && p.file_name().is_some_and(|n| n != "loanspec.yaml")
            {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// `cargo bench --bench catalogue -- table` (what `scripts/bench.sh` runs): every row of the
/// speed issue's table, as a Markdown table. The 1,000-spec row runs loanspec and
/// `jsonschema-cli` (the binary named by `JSONSCHEMA_CLI`, which reads YAML, validating the
/// same spec files with `schemas/product.schema.json`) alternately and takes the median of the
/// ratios of each pair.
fn table(dir: &Path) {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    println!(
        "loanspec {}, {RUNS} runs a row, {cores} cores\n",
        env!("CARGO_PKG_VERSION")
    );
    println!("| case | measured (median, peak RSS) | target | |\n|---|---|---|---|");
    let example = root()
        .join("examples/products/sci-tech-credit.yaml")
        .display()
        .to_string();
    row(
        "one spec of `examples/`",
        &["check", &example, "--as-of", "2026-11-29"],
        Some(10),
        None,
    );
    let thousand = generate(dir, 1_000).unwrap_or_else(|e| panic!("{e}"));
    if let Ok(cli) = std::env::var("JSONSCHEMA_CLI") {
        {
            let schema = root().join("schemas/product.schema.json").display().to_string();
            let mut theirs: Vec<String> = vec!["validate".into(), schema, "--offline".into(), "-i".into()];
            theirs.extend(specs_under(&thousand).iter().map(|f| f.display().to_string()));
            let ours: Vec<String> = ["check", &thousand.display().to_string(), "--as-of", "2026-11-29"]
                .iter()
                .map(|s| (*s).to_owned())
                .collect();
            let (ours_ms, theirs_ms, ratio) = alternate((&bin(), &ours), (&cli, &theirs));
            println!(
                "| 1,000 specs, all rules, against `jsonschema-cli` 0.60 (schema only) | {} ms against {} ms: {}.{:02}× its time | ≤ 1.00× | {} |",
                ours_ms,
                theirs_ms,
                ratio / 1000,
                ratio % 1000 / 10,
                verdict(ratio <= 1000)
            );
        }
    } else {
        let path = thousand.display().to_string();
        row(
            "1,000 specs, all rules (no jsonschema-cli given)",
            &["check", &path, "--as-of", "2026-11-29"],
            None,
            None,
        );
    }
    let ten = generate(dir, 10_000).unwrap_or_else(|e| panic!("{e}"));
    let path = ten.display().to_string();
    row(
        "10,000 specs, no index (`--no-cache`: a fresh clone, CI)",
        &["check", &path, "--as-of", "2026-11-29", "--no-cache"],
        Some(1000),
        Some(50),
    );
    // A first run writes the index; it vouches only for files older than it by 2 seconds, so
    // after a wait a second run writes one that vouches for them all, as on a designer's
    // catalogue checked again.
    let whole = ["check", path.as_str(), "--as-of", "2026-11-29"];
    run(&whole);
    std::thread::sleep(std::time::Duration::from_millis(2100));
    run(&whole);
    row(
        "10,000 specs, checked again (the catalogue index settled)",
        &whole,
        Some(1000),
        Some(50),
    );
    let one = ten.join("products/g010/p05000.yaml").display().to_string();
    row(
        "one spec inside the 10,000-spec catalogue, every spec read (`--no-cache`)",
        &["check", &one, "--as-of", "2026-11-29", "--no-cache"],
        None,
        None,
    );
    // The whole-catalogue runs above wrote the catalogue index; the first run here confirms
    // the entries of files written in the seconds before it, and the median is of warm runs.
    row(
        "one spec inside the 10,000-spec catalogue, with the catalogue index",
        &["check", &one, "--as-of", "2026-11-29"],
        Some(50),
        None,
    );
    // 800 products sharing one English name, against 800 with names of their own.
    let same = dir.join("same-name");
    let distinct = dir.join("distinct-names");
    for (folder, shared) in [(&same, true), (&distinct, false)] {
        fs::create_dir_all(folder).unwrap_or_else(|e| panic!("{e}"));
        fs::write(folder.join("loanspec.yaml"), "loanspec: 1\n").unwrap_or_else(|e| panic!("{e}"));
        for i in 0..800 {
            let name = if shared {
                "Shared name".to_owned()
            } else {
                format!("Name {i}")
            };
            fs::write(
                folder.join(format!("p{i:03}.yaml")),
                product(&format!("P-{i:04}"), &name, ""),
            )
            .unwrap_or_else(|e| panic!("{e}"));
        }
    }
    // Run alternately, as a ratio within each pair: the machine's speed drifts between rows.
    let args = |folder: &Path| -> Vec<String> {
        ["check", &folder.display().to_string(), "--as-of", "2026-03-31"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect()
    };
    let (same_ms, distinct_ms, ratio) = alternate((&bin(), &args(&same)), (&bin(), &args(&distinct)));
    println!(
        "| 800 products sharing one English name, against 800 names of their own | {same_ms} ms against {distinct_ms} ms: {}.{:02}× | within 2× | {} |",
        ratio / 1000,
        ratio % 1000 / 10,
        verdict(ratio <= 2000)
    );
    let options: Vec<String> = (0..30_000).map(|i| format!("{}M", 40 + i % 30)).collect();
    let many = dir.join("many-options");
    fs::create_dir_all(&many).unwrap_or_else(|e| panic!("{e}"));
    fs::write(many.join("loanspec.yaml"), "loanspec: 1\n").unwrap_or_else(|e| panic!("{e}"));
    fs::write(
        many.join("p.yaml"),
        product(
            "TERM-MANY",
            "Many terms",
            &format!(", options: [{}]", options.join(", ")),
        ),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    row(
        "30,000 term options on one line (each outside the range)",
        &[
            "check",
            &many.join("p.yaml").display().to_string(),
            "--as-of",
            "2026-03-31",
        ],
        Some(500),
        None,
    );
}
