//! In-process timings of the work a git hook does for one file: read the YAML of one spec, and
//! check one spec inside the example catalogue (13 files read for context).
//!
//! `cargo bench --bench check`

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use loanspec::compile::{self, Options};
use loanspec::source::{FileId, SourceFile};
use loanspec::syntax::{self, Limits};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn benches(c: &mut Criterion) {
    let path = root().join("examples/products/sci-tech-credit.yaml");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let file = Arc::new(SourceFile::new(
        path.clone(),
        "sci-tech-credit.yaml".into(),
        "sci-tech-credit.yaml".into(),
        text.into(),
        false,
    ));
    c.bench_function("parse one spec (YAML to tree)", |b| {
        b.iter(|| black_box(syntax::parse(FileId(0), black_box(&file), &Limits::default())));
    });
    let options = Options {
        as_of: NaiveDate::from_ymd_opt(2026, 11, 29).unwrap_or_default(),
        limits: Limits::default(),
        display_base: Some(root()),
    };
    c.bench_function("check one spec in the example catalogue", |b| {
        b.iter(|| black_box(compile::run(std::slice::from_ref(&path), &options)));
    });
    let catalogue = root().join("examples");
    c.bench_function("check the example catalogue (13 files)", |b| {
        b.iter(|| black_box(compile::run(std::slice::from_ref(&catalogue), &options)));
    });
}

criterion_group!(check, benches);
criterion_main!(check);
