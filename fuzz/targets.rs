//! What every fuzz target does with its bytes, shared by the cargo-fuzz targets
//! (`fuzz/fuzz_targets/*.rs`) and by the replay of the committed corpus in `cargo test`
//! (`tests/meta.rs`). Each function panics only when an invariant breaks: loanspec itself must
//! not panic, every finding's places must lie inside their files, and no text format may carry
//! a raw control character.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use loanspec::compile::{self, Options, Run};
use loanspec::diagnostics::{self, HumanOptions, JsonSummary, Lang, Report};
use loanspec::files::Memory;
use loanspec::source::{FileId, SourceFile, SourceMap, Span};
use loanspec::syntax::Limits;

/// Where the fuzzed catalogue lives: only in memory, so nothing touches the disk.
const DIR: &str = "/fuzz/catalogue";

/// A run over a catalogue held in memory: `files` at their paths under [`DIR`].
fn options(files: &[(&str, &[u8])]) -> (PathBuf, Options) {
    let dir = PathBuf::from(DIR);
    let mut memory = Memory::default();
    for (name, bytes) in files {
        memory
            .insert(&dir.join(name), bytes.to_vec())
            .expect("a path in memory");
    }
    let options = Options {
        as_of: NaiveDate::from_ymd_opt(2026, 3, 31).unwrap_or_default(),
        limits: Limits::default(),
        display_base: Some(dir.clone()),
        fineract: true,
        only_catalogues: false,
        files: std::sync::Arc::new(memory),
        overlay: loanspec::compile::Overlay::default(),
        cache: false,
        products: loanspec::compile::Products::Keep,
    };
    (dir, options)
}

/// A plain product the config target checks its configs against.
pub(crate) const PRODUCT: &str = "loanspec: 1
code: FUZZ-PRODUCT
version: 1.0.0
name: { zh: 测试产品, en: Fuzz product }
stage: launched
borrower: { type: individual }
purpose: consumption
origination: online
channels: [mobile_app]
amount: { currency: CNY, min: 1万, max: 10万 }
term: { min: 6M, max: 12M, options: [6M, 12M] }
rate: LPR1Y + 50bp
repayment: { methods: [equal_installment, bullet] }
fees: [{ kind: arrangement, amount: 1%, per: year }]
collateral: none
";

/// Every place of every finding lies inside its file, on character boundaries.
fn places_are_inside(run: &Run) {
    for d in run.diagnostics.iter().chain(run.silenced.iter().map(|s| &s.diagnostic)) {
        for label in d.primary.iter().chain(&d.secondary) {
            let file = run.sources.get(label.file).expect("a finding's file is registered");
            let text: &str = &file.text;
            assert!(
                label.span.start <= label.span.end && label.span.end <= text.len(),
                "{}: span {:?} outside a file of {} bytes",
                d.code,
                label.span,
                text.len()
            );
            assert!(
                text.is_char_boundary(label.span.start) && text.is_char_boundary(label.span.end),
                "{}: span {:?} inside a character",
                d.code,
                label.span
            );
        }
    }
}

/// No control character but line breaks and tabs in a text output.
fn no_raw_controls(format: &str, text: &str) {
    if let Some(c) = text
        .chars()
        .find(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
    {
        panic!("{format} output carries the raw control character {c:?}");
    }
}

/// Every format a run of `check` writes, from the same findings.
fn render_all(run: &Run) {
    for lang in [Lang::En, Lang::Zh] {
        let human = diagnostics::render_human(
            &run.diagnostics,
            &run.sources,
            HumanOptions {
                color: false,
                width: 80,
                lang,
            },
        );
        no_raw_controls("human", &human);
        let report = Report {
            diagnostics: &run.diagnostics,
            silenced: &run.silenced,
            sources: &run.sources,
            checked: &run.checked,
            lang,
            baseline: false,
        };
        let json = diagnostics::render_json(&run.diagnostics, &run.sources, JsonSummary::default(), lang, &[]);
        serde_json::from_str::<serde_json::Value>(&json).expect("JSON output parses");
        let sarif = diagnostics::render_sarif(&report, &[]);
        serde_json::from_str::<serde_json::Value>(&sarif).expect("SARIF output parses");
        no_raw_controls("github", &diagnostics::render_github(&report));
        let junit = diagnostics::render_junit(&report);
        no_raw_controls("junit", &junit);
        roxmltree::Document::parse(&junit).expect("JUnit output is XML");
    }
}

/// The whole check of one spec from bytes, inside a catalogue of its own, with every format.
pub(crate) fn check_spec(data: &[u8]) {
    let config = "loanspec: 1\nbank: { name: 示范银行 }\n".as_bytes();
    let (dir, opts) = options(&[("loanspec.yaml", config), ("p.yaml", data)]);
    let spec = dir.join("p.yaml");
    let run = compile::run(std::slice::from_ref(&spec), &opts).expect("a spec in a catalogue always runs");
    places_are_inside(&run);
    render_all(&run);
    for product in &run.products {
        for emit in [loanspec::emit::Emit::Json, loanspec::emit::Emit::Yaml] {
            let text = loanspec::emit::render(product, emit);
            assert!(text.ends_with('\n'));
        }
    }
}

/// The bytes as a catalogue's `loanspec.yaml` (rates, parameters, rule levels, CEL custom rules),
/// checked with a plain product.
pub(crate) fn catalogue_config(data: &[u8]) {
    let (dir, opts) = options(&[("loanspec.yaml", data), ("p.yaml", PRODUCT.as_bytes())]);
    let run = compile::run(std::slice::from_ref(&dir), &opts).expect("a catalogue always runs");
    places_are_inside(&run);
    render_all(&run);
}

/// The bytes as each kind of value a spec holds: money, percent, basis points, term, duration,
/// date, rate expression. A value read once reads the same from its canonical text; an error's
/// place lies inside the text.
pub(crate) fn units(data: &[u8]) {
    use loanspec::model::units::{BasisPoints, Date, Duration, Money, Percent, RateExpr, Term};
    let Ok(text) = std::str::from_utf8(data) else { return };
    let inside = |at: &Option<std::ops::Range<usize>>| {
        if let Some(r) = at {
            assert!(
                r.start <= r.end && r.end <= text.len(),
                "error at {r:?} outside {} bytes",
                text.len()
            );
        }
    };
    match Money::parse_str(text) {
        Ok(m) => assert_eq!(Money::parse_str(&m.canonical()).ok(), Some(m), "money {text:?}"),
        Err(e) => inside(&e.at),
    }
    match Percent::parse_str(text) {
        Ok(p) => assert_eq!(
            Percent::parse_str(&format!("{}%", p.canonical())).ok(),
            Some(p),
            "percent {text:?}"
        ),
        Err(e) => inside(&e.at),
    }
    if let Err(e) = BasisPoints::parse_str(text) {
        inside(&e.at);
    }
    if let Err(e) = Term::parse_str(text) {
        inside(&e.at);
    }
    if let Err(e) = Duration::parse_value(&serde_json::Value::String(text.to_owned())) {
        inside(&e.at);
    }
    match Date::parse_str(text) {
        Ok(d) => assert_eq!(Date::parse_str(&d.canonical()).ok(), Some(d), "date {text:?}"),
        Err(e) => inside(&e.at),
    }
    if let Err(e) = RateExpr::parse_str(text) {
        inside(&e.at);
    }
}

/// Arbitrary text as a file, with findings at places the bytes choose, through every renderer;
/// and the text through the Markdown and HTML escapes.
pub(crate) fn renderers(data: &[u8]) {
    let split = data.first().map_or(0, |b| usize::from(*b) * 4).min(data.len());
    let (marks, text) = data.split_at(split);
    let text = String::from_utf8_lossy(text).into_owned();
    let mut sources = SourceMap::default();
    let file = sources.add(SourceFile::new(
        PathBuf::from("/f.yaml"),
        text.lines().next().unwrap_or("f.yaml").chars().take(40).collect(),
        "f.yaml".into(),
        Arc::from(text.as_str()),
        false,
    ));
    let len = text.len();
    let boundary = |i: usize| {
        let mut i = i.min(len);
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let mut found = Vec::new();
    for pair in marks.chunks(4) {
        let at = |k: usize| {
            usize::from(pair.get(k).copied().unwrap_or(0)) << 8 | usize::from(pair.get(k + 1).copied().unwrap_or(0))
        };
        let (a, b) = (boundary(at(0) % (len + 1)), boundary(at(2) % (len + 1)));
        let span = Span::new(a.min(b), a.max(b));
        let slice = text.get(span.start..span.end).unwrap_or("").to_owned();
        let quoted = diagnostics::quote(&slice);
        let d = diagnostics::Diagnostic::new(
            diagnostics::codes::INVALID_VALUE,
            loanspec::text!("{quoted} is not valid", "{quoted} 无效"),
        )
        .at(file, span)
        .help(loanspec::text!("the help {quoted}", "帮助 {quoted}"))
        .with_secondary(diagnostics::Label::new(file, Span::empty(boundary(len / 2))));
        found.push(d);
    }
    let run = Run {
        sources,
        diagnostics: found,
        ..Run::default()
    };
    places_are_inside(&run);
    render_all(&run);
    // Only the `<code>` tags the escape itself writes for spans in backticks are markup.
    let md = loanspec::diagnostics::markdown_escape(&text)
        .replace("<code>", "")
        .replace("</code>", "");
    assert!(
        !md.contains(['<', '>', '|', '`', '\n']),
        "Markdown escape let syntax through: {md:?}"
    );
    let html = loanspec::diagnostics::html_escape(&text);
    assert!(!html.contains(['<', '>', '"']), "HTML escape let syntax through");
    no_raw_controls("html", &html);
}

/// The bytes as a metrics CSV (`monitor`) and as extra LPR fixings (`rates:`): every problem
/// placed inside the file.
pub(crate) fn csv_readers(data: &[u8]) {
    let text = String::from_utf8_lossy(data).into_owned();
    let file = Arc::new(SourceFile::new(
        PathBuf::from("/m.csv"),
        "m.csv".into(),
        "m.csv".into(),
        Arc::from(text.as_str()),
        false,
    ));
    let known: BTreeSet<String> = ["FUZZ-PRODUCT", "CONSUMER-INSTALLMENT"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    let (_, problems) = loanspec::monitor::read(FileId(0), &file, &known);
    for d in &problems {
        if let Some(label) = &d.primary {
            assert!(label.span.start <= label.span.end && label.span.end <= text.len());
            assert!(text.is_char_boundary(label.span.start) && text.is_char_boundary(label.span.end));
        }
    }
    let (_, csv_problems) = loanspec::resolve::benchmarks::parse_csv(&text, false);
    let lines = text.split('\n').count();
    for p in &csv_problems {
        assert!(
            usize::try_from(p.line).unwrap_or(usize::MAX) <= lines,
            "a problem past the last line"
        );
    }
}

/// A fuzz target: what it does with one input.
pub(crate) type Target = fn(&[u8]);

/// Every target, by the name of its corpus folder.
pub(crate) const ALL: [(&str, Target); 5] = [
    ("check_spec", check_spec),
    ("catalogue_config", catalogue_config),
    ("units", units),
    ("renderers", renderers),
    ("csv_readers", csv_readers),
];

/// Every file of a corpus folder, in name order.
pub(crate) fn corpus(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap_or_default();
            (p, bytes)
        })
        .collect()
}
