use std::path::PathBuf;

use std::sync::Arc;

use super::super::{Limits, parse};
use crate::diagnostics::Diagnostic;
use crate::source::{FileId, SourceFile};

fn run(text: &str) -> (Option<crate::syntax::Document>, Vec<Diagnostic>, Arc<SourceFile>) {
    let file = Arc::new(SourceFile::new(
        PathBuf::from("/t.yaml"),
        "t.yaml".into(),
        "t.yaml".into(),
        text.into(),
        false,
    ));
    let parsed = parse(FileId(0), &file, &Limits::default());
    (parsed.document, parsed.diagnostics, file)
}

/// The places recorded by the first read for top-level keys are the ones the full index
/// gives, whatever the style; a key that comes from a top-level merge is left to the index.
#[test]
fn top_level_places_match_the_index() {
    let text = "base: &b { x: 1 }\n\"code\": 'A-1'   # quoted key\nname: { zh: 名称 }\nlist:\n  - 1\n  - [2, 3]\nblock: |\n  line\nalias: *b\nnested: { <<: *b, y: 2 }\n<<: { merged: 1 }\n";
    let doc = clean_document(text);
    let keys = [
        "/base", "/code", "/name", "/name/zh", "/list", "/block", "/alias", "/nested", "/merged",
    ];
    let fast: Vec<_> = keys.iter().map(|k| doc.node(k)).collect();
    assert!(fast.iter().all(Option::is_some));
    assert!(
        !doc.top.iter().any(|(k, _)| k == "/merged"),
        "a merged key is not recorded"
    );
    // Built only now: every answer above came from the first read except `/merged`.
    assert!(
        doc.top.iter().any(|(k, _)| k == "/name/zh"),
        "the entries of `name` are recorded"
    );
    let full: Vec<_> = keys.iter().map(|k| doc.index().get(k).copied()).collect();
    assert_eq!(fast, full);
}

/// The document of a text that reads with no finding.
fn clean_document(text: &str) -> crate::syntax::Document {
    let (doc, diagnostics, _) = run(text);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    doc.unwrap_or_else(|| panic!("no document"))
}

fn span_text(text: &str, pointer: &str) -> String {
    let (doc, _, file) = run(text);
    let doc = doc.unwrap_or_else(|| panic!("no document for {text}"));
    let node = doc.index().get(pointer).unwrap_or_else(|| panic!("no {pointer}"));
    file.slice(node.value).to_owned()
}

fn codes(text: &str) -> Vec<String> {
    let file = Arc::new(SourceFile::new(
        PathBuf::from("/t.yaml"),
        "t.yaml".into(),
        "t.yaml".into(),
        text.into(),
        false,
    ));
    let parsed = parse(FileId(0), &file, &Limits::default());
    parsed
        .diagnostics
        .iter()
        .chain(parsed.lookalikes.iter().map(|l| &l.2))
        .map(|d| d.code.code.to_string())
        .collect()
}

#[test]
fn quirk_quoted_span_stops_at_the_quote() {
    assert_eq!(span_text("a: \"x y\"   # note\nb: 1\n", "/a"), "\"x y\"");
    assert_eq!(span_text("a: 'x'  # c\n", "/a"), "'x'");
}

#[test]
fn quirk_character_index_is_not_byte_offset() {
    assert_eq!(span_text("名称: 科创贷\nrate: LPR1Y + 50bp\n", "/rate"), "LPR1Y + 50bp");
}

#[test]
fn quirk_block_mapping_is_labelled_at_its_key() {
    let (doc, _, file) = run("amount:\n  min: 1\n  max: 2\n");
    let node = *doc
        .and_then(|d| d.index().get("/amount").copied())
        .iter()
        .next()
        .unwrap_or_else(|| panic!());
    assert_eq!(file.slice(node.label), "amount");
    assert_eq!(file.slice(node.value), "min: 1\n  max: 2");
}

#[test]
fn numbers_keep_exact_text() {
    let (doc, _, _) = run("a: 5000000.00\n");
    let v = doc.map(|d| d.value["a"].to_string());
    assert_eq!(v.as_deref(), Some("5000000.00"));
}

#[test]
fn crlf_and_spans() {
    assert_eq!(span_text("a: 1\r\nb: two\r\n", "/b"), "two");
}

#[test]
fn duplicate_key_points_at_second_with_label_on_first() {
    let (_, diags, file) = run("a: 1\nb: 2\na: 3\n");
    let d = diags
        .iter()
        .find(|d| d.code.code == "LS007")
        .unwrap_or_else(|| panic!("{diags:?}"));
    assert_eq!(file.line_col(d.primary.as_ref().map_or(0, |l| l.span.start)).line, 3);
    assert_eq!(file.line_col(d.secondary[0].span.start).line, 1);
}

#[test]
fn merge_keys_and_aliases() {
    let (doc, diags, file) = run("base: &b\n  x: 1\n  y: 2\nitem:\n  <<: *b\n  y: 3\n");
    assert!(diags.is_empty(), "{diags:?}");
    let doc = doc.unwrap_or_else(|| panic!());
    assert_eq!(doc.value["item"]["x"].to_string(), "1");
    assert_eq!(doc.value["item"]["y"].to_string(), "3");
    assert!(doc.value["item"].get("<<").is_none());
    // A merged value points where the anchor wrote it.
    let x = doc.index().get("/item/x").map(|n| file.line_col(n.value.start).line);
    assert_eq!(x, Some(2));
}

#[test]
fn explicit_key_before_merge_still_wins() {
    let (doc, _, _) = run("b: &b {x: 1}\nitem:\n  x: 2\n  <<: *b\n");
    assert_eq!(doc.map(|d| d.value["item"]["x"].to_string()).as_deref(), Some("2"));
}

#[test]
fn hostile_inputs_are_bounded() {
    let deep_flow = "[".repeat(200_000);
    assert_eq!(codes(&deep_flow), ["LS008"]);
    let mut deep_block = String::new();
    for i in 0..3000 {
        deep_block.push_str(&" ".repeat(i * 2));
        deep_block.push_str("-\n");
    }
    assert_eq!(codes(&deep_block), ["LS008"]);
    let mut laughs = String::from("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (i, c) in "bcdefghij".chars().enumerate() {
        let p = (b'a' + u8::try_from(i).unwrap_or(0)) as char;
        let refs = vec![format!("*{p}"); 9].join(",");
        laughs += &[c.to_string(), format!(": &{c} [{refs}]\n")].concat();
    }
    assert_eq!(codes(&laughs), ["LS009"]);
}

#[test]
fn document_shape_errors() {
    assert_eq!(codes(""), ["LS012"]);
    assert_eq!(codes("# only a comment\n"), ["LS012"]);
    assert_eq!(codes("- a\n- b\n"), ["LS013"]);
    assert_eq!(codes("a: 1\n---\nb: 2\n"), ["LS011"]);
    assert_eq!(codes("a: !include other.yaml\n"), ["LS010"]);
    assert_eq!(codes("a:\n\tb: 1\n"), ["LS006"]);
    assert_eq!(codes("a: [1, 2\n"), ["LS005"]);
    assert!(codes("a: !!str 1.10\n").is_empty());
    assert_eq!(codes("a: NO\nb: 0012\n"), ["LS014", "LS014"]);
}

#[test]
fn the_entries_of_name_are_placed_without_a_second_read() {
    // The catalogue rules place their findings on `/code` and `/name/*`: on a catalogue where
    // every product shares a name, a second read of every file doubled the run.
    let text = "code: A-1\nname: { zh: 名称, en: Name }\nterm: { min: 6M }\nrepeat:\n  name: { zh: not top }\n";
    let doc = clean_document(text);
    let fast: Vec<_> = ["/code", "/name/zh", "/name/en"].iter().map(|k| doc.node(k)).collect();
    assert!(doc.index.get().is_none(), "the index was built");
    assert!(
        !doc.top
            .iter()
            .any(|(k, _)| k.starts_with("/repeat/") || k == "/term/min"),
        "{:?}",
        doc.top
    );
    let full: Vec<_> = ["/code", "/name/zh", "/name/en"]
        .iter()
        .map(|k| doc.index().get(k).copied())
        .collect();
    assert_eq!(fast, full);
}
