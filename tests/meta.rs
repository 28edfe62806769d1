//! The registry and meta suite: committed artefacts match the code, the examples are clean and
//! compile to output that validates against the canonical schema, the rule registry is sound.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;

use chrono::NaiveDate;
use loanspec::compile::{self, Options};
use loanspec::diagnostics::codes;
use loanspec::emit::{self, Emit};
use loanspec::rules::{self, RULES};
use loanspec::schema::{self, SchemaKind};
use loanspec::syntax::Limits;
use serde_json::Value;

#[path = "../fuzz/targets.rs"]
mod targets;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn options(as_of: &str) -> Options {
    Options {
        as_of: NaiveDate::parse_from_str(as_of, "%Y-%m-%d").unwrap_or_default(),
        limits: Limits::default(),
        display_base: Some(root()),
        fineract: false,
        only_catalogues: false,
        files: std::sync::Arc::new(loanspec::files::Native),
        overlay: loanspec::compile::Overlay::default(),
        cache: false,
        products: loanspec::compile::Products::Keep,
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
    assert_eq!(run.product_files(), 11);
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
        // A retired rule never fires: it shows what is no longer a finding, not what is.
        let retired = rule.status == rules::Status::Removed;
        for heading in [
            "## Why",
            "## Example",
            "```yaml,invalid",
            "```yaml,valid",
            "## Parameters",
            "## References",
        ] {
            if retired && heading == "```yaml,invalid" {
                assert!(
                    !rule.doc.contains(heading),
                    "{}: a retired rule has no invalid example",
                    rule.code
                );
                continue;
            }
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
        let retired = rule.status == rules::Status::Removed;
        assert!(
            has_invalid != retired,
            "{}: missing invalid*.yaml, or one for a retired rule",
            rule.name
        );
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

/// The base product a rule's doc examples are written against: a small branch consumer loan
/// that no rule reports. An example's top-level keys replace the base's; others are added.
const DOC_BASE: &[(&str, &str)] = &[
    ("loanspec", "loanspec: 1"),
    ("code", "code: DOC-EXAMPLE"),
    ("version", "version: 1.0.0"),
    ("name", "name: { zh: 文档示例 }"),
    ("stage", "stage: design"),
    ("borrower", "borrower: { type: individual }"),
    ("purpose", "purpose: consumption"),
    ("origination", "origination: branch"),
    ("amount", "amount: { currency: CNY, min: 1万, max: 10万 }"),
    ("term", "term: { min: 6M, max: 12M }"),
    ("rate", "rate: 4.35%"),
    ("repayment", "repayment: { methods: [equal_installment] }"),
    ("penalty", "penalty: { overdue_markup: 50%, misuse_markup: 100% }"),
    ("collateral", "collateral: none"),
];

/// One fenced block of a rule's doc: its info string after `yaml,` and its text.
fn doc_blocks(doc: &str) -> Vec<(String, String)> {
    let text: Vec<&str> = doc.lines().map(|l| l.strip_prefix(' ').unwrap_or(l)).collect();
    markdown_blocks(&text.join("\n"))
        .into_iter()
        .map(|(info, body)| (info.strip_prefix("yaml,").unwrap_or(&info).to_owned(), body))
        .collect()
}

/// The top-level key of a snippet line (`amount: …` → `amount`), if it starts one.
fn top_key(line: &str) -> Option<&str> {
    let first = line.chars().next()?;
    if first.is_whitespace() || first == '#' || first == '-' {
        return None;
    }
    line.split_once(':').map(|(k, _)| k.trim())
}

/// The base product with a snippet laid over it, key by key.
fn overlay(snippet: &str) -> String {
    let mut sections: Vec<(String, String)> = Vec::new();
    for line in snippet.lines() {
        match (top_key(line), sections.last_mut()) {
            (Some(key), _) => sections.push((key.to_owned(), format!("{line}\n"))),
            (None, Some((_, text))) => {
                text.push_str(line);
                text.push('\n');
            }
            (None, None) => {}
        }
    }
    let mut out = String::new();
    for (key, text) in DOC_BASE {
        if let Some((_, replacement)) = sections.iter().find(|(k, _)| k == key) {
            out.push_str(replacement);
        } else {
            out.push_str(text);
            out.push('\n');
        }
    }
    for (key, text) in &sections {
        if !DOC_BASE.iter().any(|(k, _)| k == key) {
            out.push_str(text);
        }
    }
    out
}

/// Every rule's doc examples run: the `invalid` one is reported by that rule, the `valid` one
/// is not, and neither draws an error from another rule (so the example shows what it claims
/// and nothing else). `config` blocks are the catalogue's `loanspec.yaml`; `context=PATH`
/// blocks are other specs of the catalogue; `as-of=DATE` sets the date of the check.
#[test]
fn rule_doc_examples_run() {
    let mut failures = Vec::new();
    for rule in RULES {
        let blocks = doc_blocks(rule.doc);
        let examples: Vec<&(String, String)> = blocks
            .iter()
            .filter(|(info, _)| info.starts_with("invalid") || info.starts_with("valid"))
            .collect();
        let retired = rule.status == rules::Status::Removed;
        if !examples.iter().any(|(i, _)| i.starts_with("invalid")) && !retired
            || !examples.iter().any(|(i, _)| i.starts_with("valid"))
        {
            failures.push(format!(
                "{} {}: needs a `yaml,invalid` and a `yaml,valid` example",
                rule.code, rule.name
            ));
            continue;
        }
        for (info, snippet) in examples {
            // In memory, over an empty folder: the config, the context specs, the example.
            // The example's catalogue exists only in memory.
            let dir = PathBuf::from("/doc-example");
            let as_of = info
                .split(',')
                .find_map(|p| p.strip_prefix("as-of="))
                .unwrap_or("2026-03-31");
            let mut opts = options(as_of);
            opts.display_base = Some(dir.clone());
            let config = blocks
                .iter()
                .find(|(i, _)| i == "config")
                .map_or("loanspec: 1\n", |(_, t)| t);
            let mut files = vec![(dir.join("loanspec.yaml"), config.to_owned())];
            for (i, text) in &blocks {
                if let Some(path) = i.strip_prefix("context=") {
                    files.push((dir.join(path), text.clone()));
                }
            }
            files.push((dir.join("doc-example.yaml"), overlay(snippet)));
            let mut memory = loanspec::files::Memory::default();
            for (path, text) in files {
                memory
                    .insert(&path, text.into_bytes())
                    .unwrap_or_else(|e| panic!("{e}"));
            }
            opts.files = std::sync::Arc::new(memory);
            let run = compile::run(std::slice::from_ref(&dir), &opts).unwrap_or_else(|e| panic!("{e:?}"));
            let ours = run.diagnostics.iter().filter(|d| d.code.code == rule.code).count();
            let others: Vec<String> = run
                .diagnostics
                .iter()
                .filter(|d| d.code.code != rule.code && d.is_error())
                .map(|d| format!("{} {}", d.code, d.message.en))
                .collect();
            let invalid = info.starts_with("invalid");
            if invalid && ours == 0 || !invalid && ours > 0 || !others.is_empty() {
                failures.push(format!(
                    "{} {} `{info}` example: {ours} finding(s) of the rule, other errors {others:?}\n{}",
                    rule.code,
                    rule.name,
                    overlay(snippet)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `docs/rules.md` and `docs/rules.zh.md` are what `loanspec rules --format markdown` prints in
/// each language; `UPDATE_DOCS=1` rewrites them.
#[test]
fn committed_rule_docs_match_the_registry() {
    use loanspec::diagnostics::Lang;
    for (lang, file) in [(Lang::En, "docs/rules.md"), (Lang::Zh, "docs/rules.zh.md")] {
        let generated = loanspec::rules::docs::markdown(loanspec::rules::Pack::cn(), lang);
        let path = root().join(file);
        if std::env::var_os("UPDATE_DOCS").is_some() {
            fs::write(&path, &generated).unwrap_or_else(|e| panic!("{e}"));
        }
        let committed = fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "{file} is out of date: run `UPDATE_DOCS=1 cargo test --test meta` and commit it"
        );
    }
}

/// Every rule has its Chinese text (`## 中文` in its doc: the summary, then why), and every
/// built-in code a Chinese summary, so `explain`, `rules` and the editor's hover under
/// `--lang zh` read as Chinese; and the English text carries none of it.
#[test]
fn every_rule_and_code_has_its_chinese_text() {
    use loanspec::diagnostics::Lang;
    let cjk = |s: &str| s.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).count();
    let mut missing = Vec::new();
    for rule in RULES {
        let zh = loanspec::rules::docs::explain(rule.code, loanspec::rules::Pack::cn(), Lang::Zh).unwrap_or_default();
        let summary = rule.summary_in(Lang::Zh);
        let why = zh
            .split("#### 为什么")
            .nth(1)
            .unwrap_or("")
            .split("####")
            .next()
            .unwrap_or("");
        if summary == rule.summary() || cjk(&summary) < 4 || cjk(why) < 20 {
            missing.push(format!("{} (summary {summary:?})", rule.code));
        }
        let en = loanspec::rules::docs::explain(rule.code, loanspec::rules::Pack::cn(), Lang::En).unwrap_or_default();
        assert!(
            !en.contains("## 中文") && !en.contains("为什么"),
            "{}: the English explain text shows the Chinese",
            rule.code
        );
    }
    for code in loanspec::diagnostics::codes::ALL {
        if cjk(code.summary_zh) == 0 {
            missing.push(code.code.to_owned());
        }
    }
    assert!(missing.is_empty(), "no Chinese text: {missing:?}");
}

/// The README's table of rules is the registry's: code, name, default level, confidence and
/// summary of each (`retired` for a tombstone); `UPDATE_DOCS=1` rewrites it.
#[test]
fn readme_rule_table_matches_the_registry() {
    let mut table = String::from("| code | name | default | confidence | reports |\n|---|---|---|---|---|\n");
    for rule in RULES {
        let level = if rule.status == rules::Status::Removed {
            "retired".to_owned()
        } else {
            rule.severity.as_str().to_owned()
        };
        let confidence = rule.confidence(loanspec::rules::Pack::cn()).map_or("—", |c| c.as_str());
        let summary = rule.summary();
        let summary = summary.strip_suffix('.').unwrap_or(&summary);
        let _ = writeln!(
            table,
            "| `{}` | {} | {level} | {confidence} | {summary} |",
            rule.code, rule.name
        );
    }
    let path = root().join("README.md");
    let readme = fs::read_to_string(&path).unwrap_or_default();
    let start = readme
        .find("| code | name | default | confidence | reports |")
        .unwrap_or(0);
    let end = readme[start..].find("\n\n").map_or(readme.len(), |e| start + e + 1);
    let updated = format!("{}{table}{}", &readme[..start], &readme[end..]);
    if std::env::var_os("UPDATE_DOCS").is_some() {
        fs::write(&path, &updated).unwrap_or_else(|e| panic!("{e}"));
    }
    assert!(
        readme[start..end] == table,
        "README.md's rule table is out of date: run `UPDATE_DOCS=1 cargo test --test meta` and commit it"
    );
}

/// Every field path of a JSON Schema (`amount.tiers[].max`), following `$ref`s and `anyOf`.
fn schema_paths(schema: &Value) -> BTreeSet<String> {
    fn walk(node: &Value, defs: &Value, path: &str, depth: usize, out: &mut BTreeSet<String>) {
        if depth > 16 {
            return;
        }
        if let Some(r) = node.get("$ref").and_then(Value::as_str) {
            let name = r.rsplit('/').next().unwrap_or_default();
            if let Some(target) = defs.get(name) {
                walk(target, defs, path, depth + 1, out);
            }
            return;
        }
        for key in ["anyOf", "oneOf", "allOf"] {
            for x in node.get(key).and_then(Value::as_array).into_iter().flatten() {
                walk(x, defs, path, depth + 1, out);
            }
        }
        if let Some(items) = node.get("items").filter(|i| i.is_object()) {
            walk(items, defs, &format!("{path}[]"), depth + 1, out);
        }
        for (k, v) in node.get("properties").and_then(Value::as_object).into_iter().flatten() {
            let p = if path.is_empty() {
                k.clone()
            } else {
                format!("{path}.{k}")
            };
            out.insert(p.clone());
            walk(v, defs, &p, depth + 1, out);
        }
    }
    let defs = schema
        .get("$defs")
        .or_else(|| schema.get("definitions"))
        .cloned()
        .unwrap_or(Value::Null);
    let mut out = BTreeSet::new();
    walk(schema, &defs, "", 0, &mut out);
    out
}

#[test]
fn the_canonical_format_page_documents_every_field() {
    let schema: Value = serde_json::from_str(&schema::render(SchemaKind::Canonical)).unwrap_or_else(|e| panic!("{e}"));
    let page = fs::read_to_string(root().join("docs/targets/canonical.md")).unwrap_or_else(|e| panic!("{e}"));
    let paths = schema_paths(&schema);
    assert!(paths.len() > 100, "{paths:?}");
    // Every leaf (a field with no fields under it) is named in backticks.
    let leaf = |p: &String| {
        !paths
            .iter()
            .any(|q| q.len() > p.len() && q.starts_with(p.as_str()) && q[p.len()..].starts_with(['.', '[']))
    };
    let missing: Vec<&String> = paths
        .iter()
        .filter(|p| leaf(p) && !page.contains(&format!("`{p}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/targets/canonical.md does not document: {missing:#?}"
    );
}

/// The pre-commit hook passes every spec loanspec reads: `*.yaml` and `*.yml` in any letter
/// case (a hook that matched only `.yaml` let a broken `.yml` product through the commit).
#[test]
fn the_pre_commit_hook_passes_every_spec_name() {
    let hooks = fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap_or_default();
    let pattern = hooks
        .lines()
        .find_map(|l| l.trim().strip_prefix("files: "))
        .unwrap_or_else(|| panic!("no `files:` in .pre-commit-hooks.yaml"));
    // pre-commit matches with Python's `re.search`; this pattern means the same in Rust.
    let files = regex::Regex::new(pattern).unwrap_or_else(|e| panic!("{e}"));
    for name in ["p.yaml", "lines/q.yml", "EQUIP.YAML", "x.Yml"] {
        assert!(files.is_match(name), "{name}");
        assert!(loanspec::compile::discover::is_spec_name(
            name.rsplit('/').next().unwrap_or(name)
        ));
    }
    for name in ["README.md", "a.yaml.bak", "data.json"] {
        assert!(!files.is_match(name), "{name}");
    }
}

/// The inputs the fuzzers found interesting or crashing (`fuzz/regressions/<target>/`, see
/// `fuzz/README.md`) replayed through the same targets: no panic, every place inside its file,
/// no raw control character in any format.
#[test]
fn fuzz_regressions_replay() {
    let mut replayed = 0;
    for (name, target) in targets::ALL {
        for (path, bytes) in targets::corpus(&root().join("fuzz/regressions").join(name)) {
            eprintln!("{}", path.display());
            target(&bytes);
            replayed += 1;
        }
    }
    assert!(replayed > 0, "no regression inputs under fuzz/regressions");
}

/// Round trips: a value loanspec writes back (its canonical text, or the way a designer writes
/// it: `500万`, `1.5%`, `50bp`, `12M`) reads back as the same value.
mod round_trip {
    use loanspec::model::units::{BasisPoints, Benchmark, Date, Duration, Money, Percent, RateExpr, Term};
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

        #[test]
        fn money(fen in 0i64..=9_999_999_999_999) {
            let m = Money(Decimal::new(fen, 2));
            prop_assert_eq!(Money::parse_str(&m.canonical()).ok(), Some(m));
            prop_assert_eq!(Money::parse_str(&m.display()).ok(), Some(m), "{}", m.display());
        }

        #[test]
        fn percent(basis in 0i64..=1_000_000) {
            let p = Percent(Decimal::new(basis, 4));
            prop_assert_eq!(Percent::parse_str(&p.display()).ok(), Some(p), "{}", p.display());
            prop_assert_eq!(Percent::parse_str(&format!("{}%", p.canonical())).ok(), Some(p));
        }

        #[test]
        fn basis_points(bp in -10_000i64..=10_000) {
            let b = BasisPoints(bp);
            prop_assert_eq!(BasisPoints::parse_str(&b.display()).ok(), Some(b));
        }

        #[test]
        fn terms(months in 1u32..=600, days in 1u32..=29) {
            for t in [Term::Months(months), Term::Days(days)] {
                prop_assert_eq!(Term::parse_str(&t.display()).ok(), Some(t), "{}", t.display());
            }
        }

        #[test]
        fn durations(minutes in 1u32..=100_000) {
            let d = Duration { minutes };
            let text = serde_json::Value::String(d.display());
            prop_assert_eq!(Duration::parse_value(&text).ok(), Some(d), "{}", d.display());
        }

        #[test]
        fn dates(day in 0i64..=20_000) {
            let base = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
            let d = Date(base + chrono::Duration::days(day));
            prop_assert_eq!(Date::parse_str(&d.canonical()).ok(), Some(d));
        }

        #[test]
        fn rates(five in any::<bool>(), bp in -500i64..=500, fixed in 1i64..=240_000) {
            let benchmark = if five { Benchmark::Lpr5y } else { Benchmark::Lpr1y };
            let name = if five { "LPR5Y" } else { "LPR1Y" };
            let floating = RateExpr::Floating { benchmark, spread: BasisPoints(bp) };
            let written = match bp {
                0 => name.to_owned(),
                b if b < 0 => format!("{name} - {}bp", -b),
                b => format!("{name} + {b}bp"),
            };
            prop_assert_eq!(RateExpr::parse_str(&written).ok(), Some(floating), "{}", written);
            let f = Percent(Decimal::new(fixed, 4));
            prop_assert_eq!(RateExpr::parse_str(&f.display()).ok(), Some(RateExpr::Fixed(f)));
        }
    }
}

/// The canonical output of every example, written as YAML (`--emit yaml`) and read back by
/// loanspec's own YAML reader, is the same document: parse → canonical → parse.
#[test]
fn compiled_yaml_reads_back_as_the_canonical_document() {
    let run = compile::run(&[root().join("examples")], &options("2026-11-29")).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(run.products.len(), 11);
    for product in &run.products {
        let json: Value = serde_json::from_str(&emit::render(product, Emit::Json)).unwrap_or_else(|e| panic!("{e}"));
        let yaml = emit::render(product, Emit::Yaml);
        let file = std::sync::Arc::new(loanspec::source::SourceFile::new(
            PathBuf::from("/c.yaml"),
            "c.yaml".into(),
            "c.yaml".into(),
            yaml.into(),
            false,
        ));
        let parsed = loanspec::syntax::parse(loanspec::source::FileId(0), &file, &Limits::default());
        assert!(
            parsed.diagnostics.iter().all(|d| !d.is_error()),
            "{}: {:?}",
            product.product.code,
            parsed.diagnostics
        );
        let doc = parsed
            .document
            .unwrap_or_else(|| panic!("{}: no document", product.product.code));
        assert_eq!(doc.value, json, "{}", product.product.code);
    }
}

/// Every finding of a spec made of random YAML pieces has its places inside its file, on
/// character boundaries (the whole pipeline, from the file on disk).
mod places {
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "loanspec: 1\n",
        "code: P-1\n",
        "version: 1.0.0\n",
        "name: { zh: 名称 }\n",
        "stage: design\n",
        "amount: { currency: CNY, min: 1万, max: ",
        "10万 }\n",
        "term: [6M, ",
        "12M]\n",
        "rate: LPR1Y + ",
        "50bp\n",
        "  - ",
        ": ",
        "{",
        "}",
        "[",
        "]",
        "\n",
        "\t",
        "'",
        "\"",
        "&a ",
        "*a",
        "<<: *a\n",
        "# loanspec: allow LS201\n",
        "名",
        "\u{FEFF}",
        "\u{1b}",
        "😀",
        "1e400",
        "!!str ",
        "? ",
        "---\n",
        "extends: ../x.yaml\n",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 120, ..ProptestConfig::default() })]

        #[test]
        fn findings_lie_inside_their_files(pieces in proptest::collection::vec(0..PIECES.len(), 0..40)) {
            let text: String = pieces.iter().map(|i| PIECES[*i]).collect();
            super::targets::check_spec(text.as_bytes());
        }
    }
}

/// Every `.rs` file below `dir`.
fn rust_files(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(dir) = todo.pop() {
        for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The layers of the crate, lowest first: a module may use only the modules before it (and
/// the crate's macros). `docs/architecture.md` explains each layer; this test is its guard.
const LAYERS: &[&str] = &[
    "source",
    "files",
    "diagnostics",
    "syntax",
    "model",
    "schema",
    "money",
    "resolve",
    "rules",
    "emit",
    "compile",
    "simulate",
    "monitor",
    "diff",
    "report",
    "editor",
    "cli",
];

#[test]
fn modules_depend_only_on_the_layers_below() {
    let src = root().join("src");
    let all = rust_files(&src);
    let mut bad = Vec::new();
    for path in all {
        let rel = path
            .strip_prefix(&src)
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        let module = rel.split('/').next().unwrap_or("").trim_end_matches(".rs").to_owned();
        let Some(level) = LAYERS.iter().position(|l| *l == module) else {
            assert!(
                matches!(module.as_str(), "lib" | "main"),
                "{rel}: module `{module}` is not in LAYERS"
            );
            continue;
        };
        let text = fs::read_to_string(&path).unwrap_or_default();
        for (i, line) in text.lines().enumerate() {
            // The command is a separate crate (the binary) over the library's public API: it
            // reaches the library as `loanspec::`, never through `crate::`, and the library
            // never names itself `loanspec::`.
            let front_end = module == "cli";
            if front_end && line.contains("crate::") && !line.contains("crate::cli") {
                bad.push(format!("{rel}:{}: the command uses the library as `loanspec::`", i + 1));
            }
            if !front_end && line.contains("loanspec::") && !line.trim_start().starts_with("//") {
                bad.push(format!("{rel}:{}: the library names itself `crate::`", i + 1));
            }
            let mut rest = line;
            while let Some(at) = rest.find("crate::") {
                rest = &rest[at + "crate::".len()..];
                if rest.starts_with('{') {
                    bad.push(format!(
                        "{rel}:{}: write `crate::` paths one module at a time, not grouped",
                        i + 1
                    ));
                }
                let used: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if let Some(other) = LAYERS.iter().position(|l| *l == used) {
                    if other > level {
                        bad.push(format!("{rel}:{}: `{module}` uses `{used}`, a layer above it", i + 1));
                    }
                }
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// The example of `src/lib.rs`: a text checked from memory, never written to disk, with its
/// findings placed in it.
#[test]
fn the_library_checks_a_text_in_memory() {
    // The lib.rs example: a catalogue that exists only in memory.
    let dir = std::path::PathBuf::from("/bank/catalogue");
    let mut files = loanspec::files::Memory::default();
    files
        .insert(&dir.join("loanspec.yaml"), b"loanspec: 1\n".as_slice())
        .unwrap_or_else(|e| panic!("{e}"));
    let workspace = loanspec::compile::Workspace::new(
        std::sync::Arc::new(files),
        NaiveDate::from_ymd_opt(2026, 3, 31).unwrap_or_default(),
        Some(dir.clone()),
    );
    let text = "loanspec: 1\ncode: P-1\nversion: 1.0.0\nname: { zh: 示例 }\n";
    let run = workspace
        .check_text(&dir.join("p.yaml"), text)
        .unwrap_or_else(|bad| panic!("{:?}", bad.path));
    // The product lacks its required keys: LS100-style findings at the text's own lines.
    let placed: Vec<(String, usize)> = run
        .diagnostics
        .iter()
        .filter_map(|d| {
            let label = d.primary.as_ref()?;
            let file = run.sources.get(label.file)?;
            Some((file.display.clone(), file.line_col(label.span.start).line))
        })
        .collect();
    assert!(
        placed.iter().any(|(f, l)| f == "p.yaml" && *l >= 1 && *l <= 4),
        "{placed:?}"
    );
    assert!(!dir.exists(), "nothing is on disk");
    let read: Vec<String> = (0..run.sources.len())
        .filter_map(|i| run.sources.get(loanspec::source::FileId(u32::try_from(i).ok()?)))
        .map(|f| f.rel.clone())
        .collect();
    assert!(
        read.contains(&"loanspec.yaml".to_owned()),
        "the config was read from memory: {read:?}"
    );
    // A finding serializes as data.
    let value = serde_json::to_value(&run.diagnostics[0]).unwrap_or_default();
    assert!(value["code"]["code"].is_string(), "{value}");
}

/// A workspace judges a product in its catalogue as the buffers stand: an unsaved edit of the
/// line it extends (laid over the files with `open`) reaches the product, and nothing of it
/// is written anywhere.
#[test]
fn a_workspace_judges_unsaved_buffers_in_their_catalogue() {
    let dir = std::path::PathBuf::from("/bank/catalogue");
    let mut files = loanspec::files::Memory::default();
    let line = "loanspec: 1\nkind: line\ncode: CONSUMER-LINE\nversion: 1.0.0\nname: { zh: 消费线 }\n\
                borrower: { type: individual }\npurpose: consumption\norigination: branch\n\
                repayment: { methods: [equal_installment] }\npenalty: { overdue_markup: 50%, misuse_markup: 100% }\n\
                collateral: none\nterm: { min: 6M, max: 36M }\n";
    let product = "loanspec: 1\ncode: P-1\nversion: 1.0.0\nname: { zh: 示例 }\nextends: line.yaml\nstage: design\n\
                   amount: { currency: CNY, min: 1万, max: 10万 }\nrate: 4.35%\n";
    for (name, text) in [
        ("loanspec.yaml", "loanspec: 1\n"),
        ("line.yaml", line),
        ("p.yaml", product),
    ] {
        files
            .insert(&dir.join(name), text.as_bytes().to_vec())
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let mut workspace = loanspec::compile::Workspace::new(
        std::sync::Arc::new(files),
        NaiveDate::from_ymd_opt(2026, 3, 31).unwrap_or_default(),
        Some(dir.clone()),
    );
    let codes = |run: &loanspec::compile::Run| -> Vec<String> {
        run.diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.code.code.to_string())
            .collect()
    };
    let before = workspace
        .check(std::slice::from_ref(&dir))
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(codes(&before), Vec::<String>::new());
    // The line's term is edited to 72 months, unsaved: the consumer product now breaks LS201.
    workspace
        .open(&dir.join("line.yaml"), &line.replace("max: 36M", "max: 72M"))
        .unwrap_or_else(|e| panic!("{e}"));
    let after = workspace
        .check(&[dir.join("p.yaml")])
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(codes(&after), vec!["LS201".to_owned()]);
    assert!(!dir.exists(), "nothing is on disk");
}

/// Small files with one job: no source file over 800 lines (split it by what it does).
#[test]
fn no_source_file_is_over_800_lines() {
    let all = rust_files(&root().join("src"));
    let long: Vec<String> = all
        .iter()
        .filter_map(|p| {
            let n = fs::read_to_string(p).unwrap_or_default().lines().count();
            (n > 800).then(|| format!("{} has {n} lines", p.display()))
        })
        .collect();
    assert!(long.is_empty(), "{}", long.join("\n"));
}

/// A rule's declared `params` are exactly the pack parameters its file reads (each named as a
/// string literal there; the penalty-band helper reads `<name>_min` and `<name>_max`), so the
/// parameters `explain` and `rules --format json` show are the ones that decide.
#[test]
fn each_rule_declares_the_parameters_it_reads() {
    let pack = loanspec::rules::Pack::cn();
    let names: Vec<String> = pack.params().map(|p| p.name.clone()).collect();
    let mut problems = Vec::new();
    for path in rust_files(&root().join("src/rules")) {
        let text = fs::read_to_string(&path).unwrap_or_default();
        let Some(code) = text
            .split("code: \"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .filter(|_| text.contains("declare_rule!"))
        else {
            continue;
        };
        let Some(rule) = rules::find(code) else { continue };
        // What the code reads: the file without its `params: &[…]` declaration.
        let text = match text.split_once("params: &[") {
            Some((before, after)) => format!("{before}{}", after.split_once(']').map_or("", |(_, rest)| rest)),
            None => text.clone(),
        };
        let mut read: BTreeSet<String> = names
            .iter()
            .filter(|n| text.contains(&format!("\"{n}\"")))
            .cloned()
            .collect();
        // Parameters a helper of the group's mod.rs names, for a rule that calls it.
        let group = path.parent().map(|d| d.join("mod.rs")).unwrap_or_default();
        let helpers = fs::read_to_string(&group).unwrap_or_default();
        for piece in helpers
            .split("\nfn ")
            .chain(helpers.split("\npub fn "))
            .chain(helpers.split("\npub(crate) fn "))
            .skip(1)
        {
            let Some(name) = piece.split('(').next() else { continue };
            let body = piece.split("\n}\n").next().unwrap_or("");
            if text.contains(&format!("{name}(")) {
                read.extend(names.iter().filter(|n| body.contains(&format!("\"{n}\""))).cloned());
            }
        }
        if text.contains("markup_range(") {
            for n in &names {
                if let Some(base) = n.strip_suffix("_min").or_else(|| n.strip_suffix("_max")) {
                    if text.contains(&format!("\"{base}\"")) {
                        read.insert(n.clone());
                    }
                }
            }
        }
        let declared: BTreeSet<String> = rule.params.iter().map(|p| (*p).to_owned()).collect();
        // LS302 asks `ltv_param` only which collateral kinds have a ceiling, never its value.
        if code == "LS302" {
            read.clear();
        }
        if read != declared {
            problems.push(format!("{code}: declares {declared:?}, reads {read:?}"));
        }
        // Provenance is written once: a rule that reads parameters takes its sources and its
        // effective date from them (`Rule::sources`, `Rule::effective`).
        if !rule.params.is_empty() && (!rule.references.is_empty() || rule.effective.is_some()) {
            problems.push(format!(
                "{code}: reads pack parameters, so its references and effective date come from the pack; declare neither"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A rule's sources, effective date and confidence are its parameters' in the pack: LS222 is
/// in force from the earlier of its two notices (2018-01-01, data/packs/cn.yaml), and LS301,
/// whose collateral ceilings are practice figures the pack marks low, says low (it declared
/// medium while the pack said low).
#[test]
fn a_rule_s_provenance_is_its_parameters_in_the_pack() {
    let pack = loanspec::rules::Pack::cn();
    let rule = |code: &str| rules::find(code).unwrap_or_else(|| panic!("{code}"));
    let auto = rule("LS222");
    assert_eq!(
        auto.effective(pack).map(|d| d.to_string()).as_deref(),
        Some("2018-01-01")
    );
    let regulations: Vec<&str> = auto.sources(pack).iter().map(|s| s.regulation).collect();
    for name in auto.params {
        let param = pack.param(name).unwrap_or_else(|| panic!("{name}"));
        assert!(regulations.contains(&param.regulation.as_str()), "{regulations:?}");
    }
    assert_eq!(
        rule("LS301").confidence(pack).map(loanspec::rules::Confidence::as_str),
        Some("low")
    );
    // A rule without parameters keeps what it declares.
    let overdue = rule("LS311");
    assert!(overdue.params.is_empty());
    assert_eq!(
        overdue.effective(pack).map(|d| d.to_string()).as_deref(),
        overdue.effective
    );
}

/// Every file below `dir` (canonical paths), for a copy in memory at the same places.
fn files_below(dir: &std::path::Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_below(&path, out);
        } else if let Ok(bytes) = fs::read(&path) {
            out.push((path.canonicalize().unwrap_or(path), bytes));
        }
    }
}

/// A catalogue judged from memory is judged exactly as on disk: for the examples and every
/// catalogue fixture (most with findings: cycles, missing parents, duplicate codes, configs),
/// the same files copied into a `files::Memory` at the same paths give byte-identical JSON
/// findings and the same compiled products.
#[test]
fn a_catalogue_in_memory_is_judged_as_on_disk() {
    let mut catalogues = vec![root().join("examples")];
    for area in ["config", "extends", "schema", "units", "yaml"] {
        let Ok(entries) = fs::read_dir(root().join("tests/fixtures").join(area)) else {
            continue;
        };
        catalogues.extend(
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.join("loanspec.yaml").is_file()),
        );
    }
    catalogues.sort();
    assert!(catalogues.len() > 10, "{catalogues:?}");
    let mut with_findings = 0;
    for dir in &catalogues {
        let dir = dir.canonicalize().unwrap_or_else(|e| panic!("{e}"));
        let mut files = loanspec::files::Memory::default();
        let mut found = Vec::new();
        files_below(&dir, &mut found);
        for (path, bytes) in found {
            files.insert(&path, bytes).unwrap_or_else(|e| panic!("{e}"));
        }
        let disk = options("2026-03-31");
        let mut memory = options("2026-03-31");
        memory.files = std::sync::Arc::new(files);
        let render = |o: &Options| {
            let run = compile::run(std::slice::from_ref(&dir), o).unwrap_or_else(|bad| panic!("{:?}", bad.path));
            let findings = loanspec::diagnostics::diagnostics_json(
                &run.diagnostics,
                &run.sources,
                loanspec::diagnostics::Lang::En,
            );
            let products: Vec<String> = run.products.iter().map(|p| emit::render(p, Emit::Json)).collect();
            (findings, products, run.diagnostics.len())
        };
        let (on_disk, in_memory) = (render(&disk), render(&memory));
        assert_eq!(on_disk.0, in_memory.0, "{}", dir.display());
        assert_eq!(on_disk.1, in_memory.1, "{}", dir.display());
        with_findings += usize::from(on_disk.2 > 0);
    }
    assert!(with_findings > 5, "too few catalogues with findings: {with_findings}");
}

/// Every file of `examples/` and every valid rule fixture, validated alone against the committed
/// schema file, the way a YAML editor reads it (no merging with the line it extends, numbers as
/// written), gives no error: a product that extends a line and a partial line are not told they
/// miss what the line or the products supply. (Before: 5 of the 11 example products opened with
/// 12 "missing property" errors in yaml-language-server.)
#[test]
fn the_committed_schemas_raise_nothing_in_an_editor_on_valid_specs() {
    let validator = |name: &str| {
        let text = fs::read_to_string(root().join("schemas").join(name)).unwrap_or_default();
        let schema: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    let (product, catalogue) = (validator("product.schema.json"), validator("catalogue.schema.json"));
    let mut files: Vec<PathBuf> = Vec::new();
    let mut todo = vec![root().join("examples"), root().join("tests/fixtures/rules")];
    while let Some(dir) = todo.pop() {
        for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml")
                && (path.starts_with(root().join("examples")) || name.starts_with("valid"))
            {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut problems = Vec::new();
    for path in &files {
        let text = fs::read_to_string(path).unwrap_or_default();
        // A fixture's first line may set its date; the rest is the spec.
        let file = std::sync::Arc::new(loanspec::source::SourceFile::new(
            path.clone(),
            path.display().to_string(),
            path.display().to_string(),
            text.into(),
            false,
        ));
        let parsed = loanspec::syntax::parse(loanspec::source::FileId(0), &file, &Limits::default());
        let Some(doc) = parsed.document else {
            problems.push(format!("{}: does not parse", path.display()));
            continue;
        };
        let validator = if path.file_name().is_some_and(|n| n == "loanspec.yaml") {
            &catalogue
        } else {
            &product
        };
        for e in validator.iter_errors(&doc.value) {
            problems.push(format!("{}: {} at {}", path.display(), e, e.instance_path()));
        }
    }
    assert!(files.len() > 20, "{files:?}");
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    // A partial line, and a product that extends one with a partial mapping, pass; a standalone
    // product still must be complete, down to its mappings' keys.
    let head = serde_json::json!({ "loanspec": 1, "code": "P-1", "version": "1.0.0", "name": { "zh": "试" } });
    let with = |extra: Value| {
        let mut v = head.clone();
        if let (Some(m), Value::Object(e)) = (v.as_object_mut(), extra) {
            m.extend(e);
        }
        v
    };
    let partial = serde_json::json!({ "amount": { "currency": "CNY" }, "repayment": { "frequency": "monthly" } });
    let mut line = with(partial.clone());
    line["kind"] = Value::from("line");
    assert!(product.is_valid(&line), "{line}");
    let mut extending = with(partial);
    extending["extends"] = Value::from("../lines/base.yaml");
    assert!(product.is_valid(&extending), "{extending}");
    let standalone = with(serde_json::json!({
        "stage": "design", "borrower": { "type": "individual" }, "purpose": "consumption",
        "origination": "branch", "amount": { "currency": "CNY", "min": "1万" },
        "term": { "min": "6M", "max": "12M" }, "rate": "LPR1Y + 50bp",
        "repayment": { "methods": ["equal_installment"] }, "collateral": "none",
    }));
    let errors: Vec<String> = product.iter_errors(&standalone).map(|e| e.to_string()).collect();
    assert_eq!(errors, ["\"max\" is a required property"], "{standalone}");
}

/// Every bilingual text written in the source (`text!("…", "…")`, `Text::new("…", "…")`) whose
/// English has words has Chinese in its Chinese half: nothing a designer reads under `--lang zh`
/// is left in English by a copy-paste. (Placeholders, `code` in backticks and the name
/// `loanspec` are not words to translate.)
#[test]
fn every_bilingual_text_has_its_chinese() {
    let pair = regex::Regex::new(r#"(?:text!|Text::new)\(\s*"((?:[^"\\]|\\.)*)"\s*,\s*"((?:[^"\\]|\\.)*)""#)
        .unwrap_or_else(|e| panic!("{e}"));
    let not_words = regex::Regex::new(r"\{[^}]*\}|`[^`]*`|loanspec").unwrap_or_else(|e| panic!("{e}"));
    let words = regex::Regex::new(r"[A-Za-z]{3,}").unwrap_or_else(|e| panic!("{e}"));
    let (mut seen, mut missing) = (0, Vec::new());
    for path in rust_files(&root().join("src")) {
        let text = fs::read_to_string(&path).unwrap_or_default();
        for c in pair.captures_iter(&text) {
            seen += 1;
            let (en, zh) = (&c[1], &c[2]);
            let has_words = words.is_match(&not_words.replace_all(en, ""));
            let has_chinese = zh.chars().any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch));
            if has_words && !has_chinese {
                let line = text[..c.get(0).map_or(0, |m| m.start())].matches('\n').count() + 1;
                missing.push(format!("{}:{line}: {en:?} / {zh:?}", path.display()));
            }
        }
    }
    assert!(
        seen > 500,
        "only {seen} texts found: the pattern no longer matches the source"
    );
    assert!(missing.is_empty(), "texts without Chinese:\n{}", missing.join("\n"));
}

/// The fenced blocks of a Markdown file: the info string (`yaml`, `yaml file=lines/x.yaml`,
/// `console`) and the text.
fn markdown_blocks(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut open: Option<(String, String)> = None;
    for line in text.lines() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(info)) => open = Some((info.trim().to_owned(), String::new())),
            (Some(_), Some(_)) => out.extend(open.take()),
            (Some((_, body)), None) => {
                body.push_str(line);
                body.push('\n');
            }
            (None, None) => {}
        }
    }
    out
}

/// Whether a YAML example is a whole spec (it states its language version, its code, and a
/// rate or the line it extends), not a part laid over the documentation's base product.
fn is_whole_spec(text: &str) -> bool {
    let keys: Vec<&str> = text.lines().filter_map(top_key).collect();
    keys.contains(&"loanspec") && keys.contains(&"code") && (keys.contains(&"rate") || keys.contains(&"extends"))
}

/// Checks a documentation file's YAML examples, each in a catalogue held in memory with the
/// file's `yaml file=PATH` blocks and its `yaml loanspec.yaml` block (else `loanspec: 1`): a
/// whole spec as written, a part over [`DOC_BASE`]. Returns what each drew beyond notes.
fn doc_example_findings(doc: &str) -> Vec<String> {
    let blocks = markdown_blocks(doc);
    let dir = PathBuf::from("/doc-example");
    let config = blocks
        .iter()
        .find(|(info, _)| info == "yaml loanspec.yaml")
        .map_or("loanspec: 1\n".to_owned(), |(_, text)| text.clone());
    let mut failures = Vec::new();
    let mut checked = 0;
    for (info, text) in &blocks {
        if info != "yaml" && info != "yaml loanspec.yaml" {
            continue;
        }
        checked += 1;
        let mut memory = loanspec::files::Memory::default();
        let mut add = |path: PathBuf, text: &str| {
            memory
                .insert(&path, text.as_bytes().to_vec())
                .unwrap_or_else(|e| panic!("{e}"));
        };
        add(dir.join("loanspec.yaml"), &config);
        // The catalogue's other files, for an example that extends one of them.
        for (other, body) in &blocks {
            match other.strip_prefix("yaml file=") {
                Some(path) if text.contains(&format!("extends: {path}")) => add(dir.join(path), body),
                _ => {}
            }
        }
        let example = if info == "yaml loanspec.yaml" || !is_whole_spec(text) {
            overlay(if info == "yaml" { text } else { "" })
        } else {
            text.clone()
        };
        add(dir.join("doc-example.yaml"), &example);
        let mut opts = options("2026-03-31");
        opts.display_base = Some(dir.clone());
        opts.files = std::sync::Arc::new(memory);
        let run = compile::run(std::slice::from_ref(&dir), &opts).unwrap_or_else(|e| panic!("{e:?}"));
        let problems: Vec<String> = run
            .diagnostics
            .iter()
            .filter(|d| d.severity != loanspec::diagnostics::Severity::Info)
            .map(|d| format!("{} {}", d.code, d.message.en))
            .collect();
        if !problems.is_empty() {
            failures.push(format!("{problems:?} in\n{example}"));
        }
    }
    assert!(checked > 0, "no YAML example found");
    failures
}

/// docs/spec-language.md says what the code reads: each of its examples checks clean.
#[test]
fn the_spec_language_reference_examples_check_clean() {
    let doc = fs::read_to_string(root().join("docs/spec-language.md")).unwrap_or_default();
    let failures = doc_example_findings(&doc);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The words a schema node allows, with their Chinese terms: `` `consumption` 个人消费 ``.
fn allowed_words(root: &Value, node: &Value) -> Vec<String> {
    let node = resolve_ref(root, node);
    let node = node.get("items").map_or(node, |items| resolve_ref(root, items));
    node.get("oneOf")
        .or_else(|| node.get("anyOf"))
        .and_then(Value::as_array)
        .map(|options| {
            options
                .iter()
                .filter_map(|o| {
                    let word = o.get("const")?.as_str()?;
                    let term: String = o
                        .get("description")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .chars()
                        .take_while(|c| !matches!(c, ':' | '.' | '(' | ' ') || !c.is_ascii())
                        .filter(|c| !c.is_ascii())
                        .collect();
                    Some(if term.is_empty() {
                        format!("`{word}`")
                    } else {
                        format!("`{word}` {term}")
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A schema node with its `$ref`, or the `$ref` of its `allOf` wrapper, followed.
fn resolve_ref<'a>(root: &'a Value, node: &'a Value) -> &'a Value {
    let reference = node.get("$ref").or_else(|| {
        node.get("allOf")
            .and_then(Value::as_array)
            .and_then(|a| a.first())
            .and_then(|f| f.get("$ref"))
    });
    reference
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/definitions/"))
        .and_then(|name| root.get("definitions")?.get(name))
        .unwrap_or(node)
}

/// The rows of the key table under `node` at `path` (`amount.max`, `fees[].kind`).
fn key_rows(root: &Value, node: &Value, path: &str, depth: usize, out: &mut Vec<String>) {
    if depth > 6 {
        return;
    }
    let node = resolve_ref(root, node);
    let mut branches: Vec<&Value> = vec![node];
    if let Some(options) = node
        .get("oneOf")
        .or_else(|| node.get("anyOf"))
        .and_then(Value::as_array)
    {
        branches.extend(options.iter().map(|o| resolve_ref(root, o)));
    }
    for branch in branches {
        if let Some(items) = branch.get("items") {
            key_rows(root, items, &format!("{path}[]"), depth + 1, out);
        }
        let Some(properties) = branch.get("properties").and_then(Value::as_object) else {
            continue;
        };
        for (key, field) in properties {
            let at = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            let meaning = field
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or("")
                .replace('|', "\\|")
                .replace('\n', " ");
            let chinese = field
                .get("x-loanspec-description-zh")
                .and_then(Value::as_str)
                .unwrap_or("")
                .replace('|', "\\|");
            let words = allowed_words(root, field).join(", ");
            let row = format!("| `{at}` | {meaning} | {chinese} | {words} |");
            if !out.contains(&row) {
                out.push(row);
            }
            key_rows(root, field, &at, depth + 1, out);
        }
    }
}

/// docs/spec-language.md's table of every key is the committed product schema's;
/// `UPDATE_DOCS=1` rewrites it.
#[test]
fn the_spec_language_key_table_matches_the_schema() {
    let schema: Value =
        serde_json::from_str(&fs::read_to_string(root().join("schemas/product.schema.json")).unwrap_or_default())
            .unwrap_or(Value::Null);
    let mut rows = Vec::new();
    key_rows(&schema, &schema, "", 0, &mut rows);
    let table = format!(
        "| key | meaning | 含义 | allowed words |\n|---|---|---|---|\n{}\n",
        rows.join("\n")
    );
    let path = root().join("docs/spec-language.md");
    let doc = fs::read_to_string(&path).unwrap_or_default();
    let (begin, end) = ("<!-- keys:begin -->\n", "<!-- keys:end -->");
    let (Some(a), Some(b)) = (doc.find(begin), doc.find(end)) else {
        panic!("docs/spec-language.md lacks its key-table markers");
    };
    let generated = format!("{}{begin}{table}{}", &doc[..a], &doc[b..]);
    if std::env::var_os("UPDATE_DOCS").is_some() {
        fs::write(&path, &generated).unwrap_or_else(|e| panic!("{e}"));
    }
    assert!(
        doc == generated,
        "docs/spec-language.md's key table is out of date: run `UPDATE_DOCS=1 cargo test --test meta` and commit it"
    );
    assert!(rows.len() > 100, "{} keys", rows.len());
}

/// Every link in the README and in docs/ leads to a file of the project (with its `#anchor` a
/// heading of that file), never outside the clone (`../shared`). Web addresses are not
/// followed here (no network in CI).
#[test]
fn documentation_links_stay_inside_the_project() {
    let mut files = vec![root().join("README.md")];
    for entry in fs::read_dir(root().join("docs"))
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
    {
        if entry.path().extension().is_some_and(|e| e == "md") {
            files.push(entry.path());
        }
    }
    let anchors = |text: &str| -> Vec<String> {
        text.lines()
            .filter_map(|l| l.strip_prefix('#'))
            .map(|h| {
                h.trim_start_matches('#')
                    .trim()
                    .to_lowercase()
                    .chars()
                    .filter_map(|c| match c {
                        ' ' => Some('-'),
                        '-' | '_' => Some(c),
                        c if c.is_alphanumeric() => Some(c),
                        _ => None,
                    })
                    .collect()
            })
            .collect()
    };
    let mut broken = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).unwrap_or_default();
        let mut in_code = false;
        for line in text.lines() {
            if line.starts_with("```") {
                in_code = !in_code;
            }
            if in_code {
                continue;
            }
            for (i, _) in line.match_indices("](") {
                let rest = &line[i + 2..];
                let Some(end) = rest.find(')') else { continue };
                let target = &rest[..end];
                if target.starts_with("http://") || target.starts_with("https://") || target.starts_with("mailto:") {
                    continue;
                }
                let (path, anchor) = target.split_once('#').unwrap_or((target, ""));
                let resolved = if path.is_empty() {
                    file.clone()
                } else {
                    file.parent().unwrap_or(&root()).join(path)
                };
                let inside = resolved
                    .canonicalize()
                    .is_ok_and(|p| p.starts_with(root().canonicalize().unwrap_or_default()));
                let anchored = anchor.is_empty()
                    || resolved.extension().is_none_or(|e| e != "md")
                    || anchors(&fs::read_to_string(&resolved).unwrap_or_default())
                        .iter()
                        .any(|a| a == anchor);
                if !inside || !anchored {
                    broken.push(format!("{}: {target}", file.display()));
                }
            }
        }
    }
    assert!(broken.is_empty(), "links that lead nowhere in the project: {broken:#?}");
}

/// A run that does not keep its products (`check`, an editor) judges exactly as one that does:
/// the same findings and the same counts, only without the compiled products held.
#[test]
fn a_run_without_its_products_finds_the_same() {
    let paths = [root().join("examples")];
    let kept = loanspec::compile::run(&paths, &options("2026-11-29")).unwrap_or_else(|e| panic!("{e:?}"));
    let mut lean = options("2026-11-29");
    lean.products = loanspec::compile::Products::Discard;
    let lean = loanspec::compile::run(&paths, &lean).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(kept.products.len(), 11);
    assert!(lean.products.is_empty());
    assert_eq!(format!("{:?}", lean.diagnostics), format!("{:?}", kept.diagnostics));
    assert_eq!(lean.product_files(), kept.product_files());
    assert_eq!(lean.unresolved.len(), kept.unresolved.len());
}

/// The rules' Chinese page names each rule's sources in Chinese: the regulations a rule
/// declares and those of the pack's parameters (not `(NFRA Order 2024 No. 3)`, not "the bank's
/// credit policy"). A Latin word of four letters or more, not all capitals, is English (names
/// like `LPR` and `EAST` are capitals; dates are digits).
#[test]
fn the_chinese_rules_page_gives_its_sources_in_chinese() {
    let page = fs::read_to_string(root().join("docs/rules.zh.md")).unwrap_or_default();
    let english = |text: &str| {
        text.split(|c: char| !c.is_ascii_alphabetic())
            .any(|word| word.len() >= 4 && word.chars().any(|c| c.is_ascii_lowercase()))
    };
    let mut checked = 0;
    let mut in_sources = false;
    for line in page.lines() {
        if line.starts_with("#### ") {
            in_sources = line == "#### 依据";
            continue;
        }
        // `| `name` | value | source | effective | confidence |` of a parameters table.
        let cells: Vec<&str> = line.split(" | ").collect();
        let source = if in_sources && line.starts_with("- ") {
            Some(line)
        } else if line.starts_with("| `") && cells.len() == 5 {
            cells.get(2).copied()
        } else {
            None
        };
        if let Some(source) = source {
            assert!(!english(source), "{line}");
            checked += 1;
        }
    }
    assert!(checked > 40, "{checked} sources");
}

/// A value of the wrong shape gets help in the reader's language: in Chinese, what to write
/// there, then what the field means (the English gives the field and its meaning).
#[test]
fn wrong_shape_help_says_what_to_write_and_what_the_field_means() {
    let dir = std::path::PathBuf::from("/bank/catalogue");
    let mut files = loanspec::files::Memory::default();
    files
        .insert(&dir.join("loanspec.yaml"), b"loanspec: 1\n".as_slice())
        .unwrap_or_else(|e| panic!("{e}"));
    let workspace = loanspec::compile::Workspace::new(
        std::sync::Arc::new(files),
        NaiveDate::from_ymd_opt(2026, 3, 31).unwrap_or_default(),
        Some(dir.clone()),
    );
    let text = "loanspec: 1\ncode: P-1\nversion: 1.0.0\nname: { zh: 示例 }\nborrower: 个人\n";
    let run = workspace
        .check_text(&dir.join("p.yaml"), text)
        .unwrap_or_else(|bad| panic!("{:?}", bad.path));
    let help = run
        .diagnostics
        .iter()
        .find(|d| d.code.code == "LS103")
        .and_then(|d| d.help.clone())
        .unwrap_or_else(|| panic!("no LS103 with help: {:?}", run.diagnostics));
    assert_eq!(help.en, "`borrower`: Who may borrow.");
    assert_eq!(
        help.zh,
        "此处请写一组键值（在下面几行缩进书写）。`borrower`：可以借款的客户。"
    );
}
