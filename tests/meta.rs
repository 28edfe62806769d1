//! The registry and meta suite: committed artefacts match the code, the examples are clean and
//! compile to output that validates against the canonical schema, the rule registry is sound.

use std::collections::BTreeSet;
use std::fs;
use std::path::PathBuf;

use chrono::NaiveDate;
use loanspec::compile::{self, Options};
use loanspec::diagnostics::codes;
use loanspec::emit::{self, Emit};
use loanspec::rules::RULES;
use loanspec::schema::{self, SchemaKind};
use loanspec::syntax::Limits;
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn options(as_of: &str) -> Options {
    Options {
        as_of: NaiveDate::parse_from_str(as_of, "%Y-%m-%d").unwrap_or_default(),
        limits: Limits::default(),
        display_base: Some(root()),
    }
}

/// The committed schemas are what the code generates; `UPDATE_SCHEMAS=1` rewrites them.
#[test]
fn committed_schemas_match_the_model() {
    let update = std::env::var_os("UPDATE_SCHEMAS").is_some();
    for kind in [SchemaKind::Product, SchemaKind::Catalogue, SchemaKind::Canonical] {
        let path = root().join("schemas").join(kind.file_name());
        let generated = schema::render(kind);
        if update {
            fs::write(&path, &generated).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            continue;
        }
        let committed = fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "{} drifted from the model; run `UPDATE_SCHEMAS=1 cargo test --test meta` and commit the result",
            path.display()
        );
    }
}

/// Each committed schema is itself a valid draft-07 schema.
#[test]
fn schemas_are_valid_json_schemas() {
    for kind in [SchemaKind::Product, SchemaKind::Catalogue, SchemaKind::Canonical] {
        let schema = schema::generate(kind);
        assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
        assert!(jsonschema::draft7::meta::is_valid(&schema), "{kind:?}");
    }
}

fn canonical_validator() -> jsonschema::Validator {
    let schema: Value =
        serde_json::from_str(&fs::read_to_string(root().join("schemas/canonical.schema.json")).unwrap_or_default())
            .unwrap_or(Value::Null);
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("canonical schema: {e}"))
}

/// The findings other than the stale-LPR-table warning (LS127) and infos: the examples are dated
/// up to November 2026 and the embedded table ends on 2026-03-20.
fn problems(run: &compile::Run) -> Vec<String> {
    run.diagnostics
        .iter()
        .filter(|d| d.code.code != "LS127" && d.severity != loanspec::diagnostics::Severity::Info)
        .map(|d| format!("{} {}", d.code, d.message.en))
        .collect()
}

/// `check examples/` is clean as of the day they were last reviewed, and every product compiles
/// to output that validates against `schemas/canonical.schema.json`.
#[test]
fn examples_are_clean_and_compile_to_valid_canonical_output() {
    let run = compile::run(&[root().join("examples")], &options("2026-11-29")).unwrap_or_else(|e| panic!("{e:?}"));
    let shown = problems(&run);
    assert!(shown.is_empty(), "examples are not clean: {shown:#?}");
    assert_eq!(run.product_files, 11);
    assert_eq!(run.products.len(), 11, "every example product compiles");
    let validator = canonical_validator();
    for product in &run.products {
        let value = emit::canonical_value(product);
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", product.product.code);
        // The YAML form reads back to the same values.
        let yaml = emit::render(product, Emit::Yaml);
        let file = std::sync::Arc::new(loanspec::source::SourceFile::new(
            PathBuf::from("/x.yaml"),
            "x.yaml".into(),
            "x.yaml".into(),
            yaml.into(),
            false,
        ));
        let parsed = loanspec::syntax::parse(loanspec::source::FileId(0), &file, &Limits::default());
        let back = parsed.document.map(|d| d.value);
        assert_eq!(
            back.as_ref(),
            Some(&value),
            "{}: YAML output does not read back",
            product.product.code
        );
    }
    // Lines are not emitted.
    assert!(run.products.iter().all(|p| !p.product.code.starts_with("LINE-")));
}

/// The canonical figures of one example, checked by hand: SCI-TECH-CREDIT is `LPR1Y + 50bp`;
/// the 1-year LPR in force on 2026-11-29 is, as far as the embedded table knows, the 2026-03-20
/// fixing of 3.00% (regulatory facts §1.2: unchanged since the 2025-05-20 cut), so the contract
/// rate is 3.50%.
#[test]
fn sci_tech_credit_resolves_to_the_published_lpr_plus_spread() {
    let run = compile::run(
        &[root().join("examples/products/sci-tech-credit.yaml")],
        &options("2026-11-29"),
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    assert!(problems(&run).is_empty(), "{:?}", problems(&run));
    let product = run.products.first().map_or(Value::Null, emit::canonical_value);
    assert_eq!(product["rate"]["benchmark_rate"], "3.0000");
    assert_eq!(product["rate"]["benchmark_fixing_date"], "2026-03-20");
    assert_eq!(product["rate"]["effective_rate"], "3.5000");
    assert_eq!(product["amount"]["max"], "5000000.00");
    // Inherited from lines/sme-credit.yaml, and the line's x- key passed through.
    assert_eq!(product["penalty"]["overdue_markup"], "50.0000");
    assert_eq!(product["x-owner"], "普惠金融事业部");
    assert_eq!(product["source"]["extends"][0]["path"], "lines/sme-credit.yaml");
    // On 2024-10-21 the 1-year LPR was cut to 3.10% (§1.2): 3.60% as of that day.
    let run = compile::run(
        &[root().join("examples/products/sci-tech-credit.yaml")],
        &options("2024-10-21"),
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    let product = run.products.first().map_or(Value::Null, emit::canonical_value);
    assert_eq!(product["rate"]["effective_rate"], "3.6000");
}

/// Rule codes are unique, never clash with the built-in codes, and are listed in order.
#[test]
fn rule_registry_is_sound() {
    let mut seen = BTreeSet::new();
    for info in codes::ALL {
        assert!(seen.insert(info.code), "duplicate code {}", info.code);
        assert!(seen.insert(info.name), "duplicate name {}", info.name);
    }
    let mut previous = "";
    for rule in RULES {
        assert!(seen.insert(rule.code), "rule code {} used twice", rule.code);
        assert!(seen.insert(rule.name), "rule name {} used twice", rule.name);
        assert!(
            rule.code > previous,
            "RULES must be sorted by code: {} after {previous}",
            rule.code
        );
        previous = rule.code;
        assert!(
            rule.name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{}: names are kebab-case",
            rule.code
        );
        for heading in [
            "## Why",
            "## Example",
            "```yaml,invalid",
            "```yaml,valid",
            "## Parameters",
            "## References",
        ] {
            assert!(rule.doc.contains(heading), "{} doc lacks `{heading}`", rule.code);
        }
        assert!(!rule.summary().is_empty());
    }
}

/// Every rule has a fixtures folder with a valid and an invalid case, and every rule fixture
/// folder belongs to a rule.
#[test]
fn every_rule_has_fixtures_and_every_fixture_a_rule() {
    let dir = root().join("tests/fixtures/rules");
    let folders: BTreeSet<String> = fs::read_dir(&dir)
        .map(|rd| {
            rd.flatten()
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().to_string())
                .collect()
        })
        .unwrap_or_default();
    for rule in RULES {
        assert!(
            folders.contains(rule.name),
            "no fixtures for {} {}",
            rule.code,
            rule.name
        );
        let folder = dir.join(rule.name);
        assert!(folder.join("valid.yaml").is_file(), "{}: missing valid.yaml", rule.name);
        let has_invalid = fs::read_dir(&folder)
            .is_ok_and(|mut rd| rd.any(|e| e.is_ok_and(|e| e.file_name().to_string_lossy().starts_with("invalid"))));
        assert!(has_invalid, "{}: missing invalid*.yaml", rule.name);
    }
    for folder in &folders {
        assert!(
            RULES.iter().any(|r| r.name == folder),
            "fixtures/rules/{folder} belongs to no rule"
        );
    }
}

/// Every built-in diagnostic code is documented in the README's code table.
#[test]
fn readme_lists_every_code() {
    let readme = fs::read_to_string(root().join("README.md")).unwrap_or_default();
    for info in codes::ALL {
        assert!(
            readme.contains(&format!("`{}`", info.code)),
            "README does not list {}",
            info.code
        );
    }
    for rule in RULES {
        assert!(
            readme.contains(&format!("`{}`", rule.code)),
            "README does not list {}",
            rule.code
        );
    }
}

/// No input makes loanspec panic: a fixed set of random mutations of every example and
/// fixture (brackets, anchors, tabs, quotes, bad bytes, cut and repeated runs) is read,
/// checked against the schema, and located. A longer run of the same loop (1.4 million cases)
/// found nothing either; this keeps a few thousand as a guard.
#[test]
fn mutated_specs_never_panic() {
    use loanspec::schema::{Compiled, RequiredMode};
    let mut seeds: Vec<Vec<u8>> = Vec::new();
    let mut todo = vec![root().join("examples"), root().join("tests/fixtures")];
    while let Some(dir) = todo.pop() {
        for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|x| x == "yaml") {
                seeds.push(fs::read(&path).unwrap_or_default());
            }
        }
    }
    seeds.sort();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut rnd = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        usize::try_from(state % 1_000_003).unwrap_or(0)
    };
    let tokens: &[&[u8]] = &[
        b"[",
        b"]",
        b"{",
        b"}",
        b":",
        b"- ",
        b"&a ",
        b"*a",
        b"<<: ",
        b"\n",
        b"\t",
        b"'",
        b"\"",
        b"#",
        b"!!str ",
        b"!x ",
        b"---\n",
        b"? ",
        b"|\n",
        b"%",
        b"bp",
        "万".as_bytes(),
        b"\xff",
        b"1e400",
        b"~",
    ];
    for _ in 0..3000 {
        let mut s = seeds[rnd() % seeds.len()].clone();
        for _ in 0..=rnd() % 6 {
            let pos = if s.is_empty() { 0 } else { rnd() % s.len() };
            match rnd() % 4 {
                0 => {
                    let t = tokens[rnd() % tokens.len()];
                    s.splice(pos..pos, t.iter().copied());
                }
                1 => {
                    let end = (pos + rnd() % 20).min(s.len());
                    s.drain(pos..end);
                }
                2 if !s.is_empty() => s[pos] = u8::try_from(rnd() % 256).unwrap_or(0),
                _ => {
                    let a = rnd() % s.len().max(1);
                    let b = (a + rnd() % 40).min(s.len());
                    let chunk = s[a..b].to_vec();
                    s.splice(pos..pos, chunk);
                }
            }
        }
        let decoded = loanspec::syntax::decode(&s);
        let file = std::sync::Arc::new(loanspec::source::SourceFile::new(
            PathBuf::from("/f.yaml"),
            "f.yaml".into(),
            "f.yaml".into(),
            decoded.text.into(),
            false,
        ));
        let parsed = loanspec::syntax::parse(loanspec::source::FileId(0), &file, &Limits::default());
        if let Some(mut doc) = parsed.document {
            let found = Compiled::product().check_document(&mut doc, RequiredMode::All);
            for d in found {
                // Every finding has a place inside the file.
                let span = d.primary.map(|l| l.span).unwrap_or_default();
                assert!(span.end <= file.text.len(), "{} outside the file", d.code);
            }
        }
    }
}
