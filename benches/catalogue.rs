//! Whole-catalogue timings of the release binary, as CI runs it: generates catalogues of 1,000
//! and 10,000 specs (copies of the example products with unique codes, under the example
//! product lines and config), runs `loanspec check` on each several times, and prints wall time
//! and peak resident memory. Also times a single file checked inside the 10,000-spec catalogue,
//! the case of a git hook in a very large catalogue.
//!
//! `cargo bench --bench catalogue` (Linux: peak memory is read from /proc).

#![expect(clippy::print_stdout, reason = "a benchmark reports on stdout")]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

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

/// Runs the binary, polling /proc for its peak resident set; returns (wall time, peak KiB).
fn run(args: &[&str]) -> (Duration, Option<u64>, bool) {
    let start = Instant::now();
    let mut child = match Command::new(env!("CARGO_BIN_EXE_loanspec"))
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
            Ok(Some(status)) => return (start.elapsed(), peak, status.code() == Some(0)),
            Ok(None) => std::thread::sleep(Duration::from_millis(2)),
            Err(e) => panic!("{e}"),
        }
    }
}

fn report(label: &str, args: &[&str]) {
    let mut times = Vec::new();
    let mut peaks = Vec::new();
    for _ in 0..RUNS {
        let (time, peak, ok) = run(args);
        if !ok {
            // Run again with output, to say why.
            let out = Command::new(env!("CARGO_BIN_EXE_loanspec"))
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

fn main() {
    // `cargo bench` passes `--bench`; any other argument filters nothing here.
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
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
}
