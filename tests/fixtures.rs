//! The fixtures harness. A fixture is either
//! - one spec file, `tests/fixtures/<area>/<case>.yaml` or `tests/fixtures/rules/<rule>/<case>.yaml`,
//!   checked as a catalogue of its own; or
//! - a catalogue folder, `tests/fixtures/<area>/<case>/` with a `loanspec.yaml`, checked whole.
//!
//! Each line a diagnostic points at carries a mark, `# error: CODE` (or `# warning: CODE`,
//! several codes separated by commas), and the harness checks that the marks and the findings
//! agree exactly, then compares the human output (no colour, width 80) with an insta snapshot.
//! The marks are written by hand, so a blindly accepted snapshot cannot hide a wrong diagnostic.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use loanspec::compile::{self, Options, Run};
use loanspec::diagnostics::{self, HumanOptions, Lang, Severity, codes};
use loanspec::rules;
use loanspec::syntax::Limits;

/// A date the embedded LPR table covers, so no stale-table warning enters the snapshots; a
/// fixture may set its own with a first line `# as-of: YYYY-MM-DD`.
fn options(base: &Path, fixture: &Path) -> Options {
    let first = fs::read_to_string(fixture)
        .unwrap_or_default()
        .lines()
        .next()
        .unwrap_or("")
        .to_owned();
    let as_of = first
        .strip_prefix("# as-of: ")
        .and_then(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok())
        .or_else(|| NaiveDate::from_ymd_opt(2026, 3, 31));
    Options {
        as_of: as_of.unwrap_or_default(),
        limits: Limits::default(),
        display_base: Some(base.to_path_buf()),
        fineract: false,
        only_catalogues: false,
        files: std::sync::Arc::new(loanspec::files::Native),
        overlay: loanspec::compile::Overlay::default(),
        cache: false,
        products: loanspec::compile::Products::Keep,
    }
}

/// (file as displayed, line, severity, code)
type Mark = (String, usize, &'static str, String);

fn marks_in(file: &Path, shown: &str) -> Vec<Mark> {
    let text = fs::read_to_string(file).unwrap_or_default();
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        for (severity, tag) in [("error", "# error:"), ("warning", "# warning:"), ("info", "# info:")] {
            if let Some(at) = line.find(tag) {
                let rest = &line[at + tag.len()..];
                let rest = rest.split('#').next().unwrap_or("");
                for code in rest.split(',').map(str::trim).filter(|c| !c.is_empty()) {
                    out.push((shown.to_owned(), i + 1, severity, code.to_owned()));
                }
            }
        }
    }
    out
}

fn findings(run: &Run) -> Vec<Mark> {
    run.diagnostics
        .iter()
        .filter_map(|d| {
            let label = d.primary.as_ref()?;
            let file = run.sources.get(label.file)?;
            let line = file.line_col(label.span.start).line;
            let severity = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "info",
            };
            Some((file.display.clone(), line, severity, d.code.code.to_string()))
        })
        .collect()
}

/// A mark names a code (`LS150`) or a rule name (`amount-min-above-max`).
fn matches(mark: &Mark, found: &Mark, run: &Run) -> bool {
    mark.0 == found.0
        && mark.1 == found.1
        && mark.2 == found.2
        && (mark.3 == found.3
            || run
                .diagnostics
                .iter()
                .any(|d| d.code.code == found.3 && d.code.name == mark.3))
}

fn check_fixture(path: &Path) -> datatest_stable::Result<()> {
    let is_catalogue = path.file_name().is_some_and(|n| n == "loanspec.yaml");
    let (run, mut marks, name) = if is_catalogue {
        let dir = path.parent().ok_or("no folder")?.to_path_buf();
        let run = compile::run(std::slice::from_ref(&dir), &options(&dir, path)).map_err(|e| format!("{e:?}"))?;
        let mut marks = Vec::new();
        for f in yaml_files(&dir) {
            let shown = f
                .strip_prefix(&dir)
                .map(|p| p.to_string_lossy().to_string())
                .unwrap_or_default();
            marks.extend(marks_in(&f, &shown));
        }
        (run, marks, snapshot_name(&dir))
    } else {
        // One file, as a catalogue of its own, held only in memory (`files::Memory`): the
        // fixture, the rule folder's `loanspec.yaml` (else one that says only `loanspec: 1`)
        // and its `context/` specs when it has them. Nothing is on disk.
        let dir = PathBuf::from("/fixture");
        let file_name = path.file_name().ok_or("no file name")?.to_string_lossy().to_string();
        let mut files = loanspec::files::Memory::default();
        let copy = files.insert(&dir.join(&file_name), fs::read(path)?)?;
        let folder = path.parent().ok_or("no folder")?;
        let config = if folder.join("loanspec.yaml").is_file() {
            fs::read(folder.join("loanspec.yaml"))?
        } else {
            b"loanspec: 1\n".to_vec()
        };
        files.insert(&dir.join("loanspec.yaml"), config)?;
        let context = folder.join("context");
        for file in yaml_files(&context) {
            files.insert(&dir.join(file.strip_prefix(&context)?), fs::read(&file)?)?;
        }
        let mut opts = options(&dir, path);
        opts.files = std::sync::Arc::new(files);
        let run = compile::run(std::slice::from_ref(&copy), &opts).map_err(|e| format!("{e:?}"))?;
        let marks = marks_in(path, &file_name);
        (run, marks, snapshot_name(path))
    };
    let mut found = findings(&run);
    marks.sort();
    found.sort();
    let unmatched_marks: Vec<&Mark> = marks
        .iter()
        .filter(|m| !found.iter().any(|f| matches(m, f, &run)))
        .collect();
    let unmarked: Vec<&Mark> = found
        .iter()
        .filter(|f| !marks.iter().any(|m| matches(m, f, &run)))
        .collect();
    let unplaced: Vec<String> = run
        .diagnostics
        .iter()
        .filter(|d| d.primary.is_none())
        .map(|d| d.code.to_string())
        .collect();
    style(&run)?;
    let rendered = render(&run);
    if !unmatched_marks.is_empty() || !unmarked.is_empty() || !unplaced.is_empty() {
        return Err(format!(
            "{}: marks and findings disagree\n  marked but not found: {unmatched_marks:?}\n  found but not marked: {unmarked:?}\n  without a place: {unplaced:?}\n--- output ---\n{rendered}",
            path.display()
        )
        .into());
    }
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_input_file(path);
    settings.bind(|| insta::assert_snapshot!(name, rendered));
    Ok(())
}

/// Every finding reads as designers expect: a message in both languages that starts lower-case,
/// with a quoted value or a figure, has no final period, and comes with a help line; the Chinese
/// message and help are in Chinese.
/// A bank's custom rules carry their own words.
fn style(run: &Run) -> Result<(), String> {
    let built_in = |code: &str| codes::find(code).is_some() || rules::find(code).is_some();
    for d in run.diagnostics.iter().filter(|d| built_in(&d.code.code)) {
        let code = &d.code.code;
        for text in [&d.message.en, &d.message.zh] {
            if text.is_empty() || text.ends_with('.') || text.ends_with('。') {
                return Err(format!("{code}: message empty or ends with a period: `{text}`"));
            }
        }
        let first = d.message.en.chars().next().unwrap_or(' ');
        if !(first.is_lowercase() || first == '`' || first.is_ascii_digit()) {
            return Err(format!("{code}: message starts with `{first}`: `{}`", d.message.en));
        }
        if d.help.as_ref().is_none_or(|h| h.en.is_empty() || h.zh.is_empty()) {
            return Err(format!("{code}: a finding needs a help line in both languages"));
        }
        // The Chinese text is a translation, not the English copied over.
        let chinese = |t: &str| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        let help_zh = d.help.as_ref().map_or("", |h| h.zh.as_str());
        if !chinese(&d.message.zh) || !chinese(help_zh) {
            return Err(format!("{code}: untranslated: `{}` / `{help_zh}`", d.message.zh));
        }
    }
    Ok(())
}

fn render(run: &Run) -> String {
    let mut out = diagnostics::render_human(
        &run.diagnostics,
        &run.sources,
        HumanOptions {
            color: false,
            width: 80,
            lang: Lang::En,
        },
    );
    let (e, w, _) = diagnostics::count(&run.diagnostics);
    out += &[e.to_string(), " errors, ".into(), w.to_string(), " warnings\n".into()].concat();
    out
}

fn snapshot_name(path: &Path) -> String {
    let absolute = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let rel = path
        .strip_prefix(&absolute)
        .or_else(|_| path.strip_prefix("tests/fixtures"))
        .unwrap_or(path);
    rel.with_extension("").to_string_lossy().replace(['/', '\\'], "__")
}

fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    let mut seen = BTreeSet::new();
    while let Some(d) = todo.pop() {
        let Ok(entries) = fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                if seen.insert(p.clone()) {
                    todo.push(p);
                }
            } else if p.extension().is_some_and(|x| x == "yaml") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

datatest_stable::harness! {
    {
        test = check_fixture,
        root = "tests/fixtures",
        pattern = r"^(rules/[^/]+/(?!loanspec\.yaml$)[^/]+|[a-z]+/[^/]+|(?!rules/)[a-z]+/[^/]+/loanspec)\.yaml$",
    },
}
