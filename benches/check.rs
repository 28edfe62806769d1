//! In-process timings of the work a git hook does for one file: read the YAML of one spec, and
//! check one spec inside the example catalogue (13 files read for context); and of the money
//! engine: one schedule with its APR, and the IRR alone.
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
        fineract: false,
        only_catalogues: false,
        files: std::sync::Arc::new(loanspec::files::Native),
        overlay: loanspec::compile::Overlay::default(),
        cache: false,
        products: loanspec::compile::Products::Keep,
    };
    c.bench_function("check one spec in the example catalogue", |b| {
        b.iter(|| black_box(compile::run(std::slice::from_ref(&path), &options)));
    });
    let catalogue = root().join("examples");
    c.bench_function("check the example catalogue (13 files)", |b| {
        b.iter(|| black_box(compile::run(std::slice::from_ref(&catalogue), &options)));
    });
}

fn money(c: &mut Criterion) {
    use loanspec::model::spec::{DayCount, FeeKind, FeePer, Frequency, Payee, RepaymentMethod};
    use loanspec::money::{FeeBasis, FeeItem, Loan, LoanTerm, irr, schedule};
    use rust_decimal::Decimal;
    let loan = Loan {
        amount: Decimal::from(100_000),
        term: LoanTerm::Months(36),
        annual_rate: Decimal::new(435, 2),
        method: RepaymentMethod::EqualInstallment,
        frequency: Frequency::Monthly,
        grace_months: 0,
        day_count: DayCount::Thirty360,
        start: NaiveDate::from_ymd_opt(2026, 11, 29).unwrap_or_default(),
        fees: vec![FeeItem {
            kind: FeeKind::Arrangement,
            basis: FeeBasis::Percent(Decimal::ONE),
            per: FeePer::Once,
            payee: Payee::Lender,
        }],
        draws: None,
    };
    c.bench_function("schedule and APR: 100,000 over 36 months with a fee", |b| {
        b.iter(|| black_box(schedule(black_box(&loan))));
    });
    let flows: Vec<Decimal> = schedule(&loan)
        .map(|s| s.rows.iter().map(|r| r.drawn - r.payment).collect())
        .unwrap_or_default();
    c.bench_function("IRR of 37 cash flows", |b| b.iter(|| black_box(irr(black_box(&flows)))));
}

criterion_group!(check, benches, money);
criterion_main!(check);
