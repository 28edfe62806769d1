//! `loanspec lsp` driven as an editor drives it: the real binary over stdio, framed JSON-RPC
//! messages, a document opened, edited, hovered, completed, jumped from, closed. The findings it
//! publishes are compared with `loanspec check --stdin` on the same text (same codes, same lines).

use std::path::Path;

use serde_json::{Value, json};

use super::{loanspec, root, stdout};

#[path = "lsp_client.rs"]
mod lsp_client;
use lsp_client::Client;

/// The server as the tests start it, on the day the README checks the examples on (their
/// sign-offs are dated up to then).
fn start(locale: &str) -> Client {
    Client::start(&assert_cmd::cargo::cargo_bin("loanspec"), &["--as-of", "2026-11-29", "lsp"], locale)
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// (code, 0-based line) of each finding `check --stdin` reports for `text` saved at `path`.
fn check_stdin(path: &Path, text: &str) -> Vec<(String, u64)> {
    let (_, out, err) = stdout(
        loanspec()
            .args([
                "--lang",
                "zh",
                "--as-of",
                "2026-11-29",
                "check",
                "--format",
                "json",
                "--stdin",
                "--stdin-filename",
            ])
            .arg(path)
            .write_stdin(text),
    );
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}{err}"));
    let mut found: Vec<(String, u64)> = v["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["file"].as_str().is_some_and(|f| path.ends_with(f)))
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_owned(),
                d["line"].as_u64().unwrap_or(0) - 1,
            )
        })
        .collect();
    found.sort();
    found
}

/// The errors (a valid example may carry a note, or a warning such as LS127 when the day is
/// far past the last LPR fixing loanspec knows).
fn problems(diagnostics: &[Value]) -> Vec<Value> {
    diagnostics.iter().filter(|d| d["severity"] == 1).cloned().collect()
}

fn codes_and_lines(diagnostics: &[Value]) -> Vec<(String, u64)> {
    let mut found: Vec<(String, u64)> = diagnostics
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_owned(),
                d["range"]["start"]["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    found.sort();
    found
}

#[test]
fn an_editing_session_shows_the_linter_s_findings_as_check_does() {
    let path = root().join("examples/products/consumer-installment.yaml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    let uri = uri(&path);
    let mut client = start("zh-CN");
    // A valid example opens clean.
    assert_eq!(problems(&client.open(&uri, &text)), Vec::<Value>::new());
    // A six-year term for a consumption loan: LS201, in Chinese, at the line of `term`, as
    // `check --stdin` finds it for the same unsaved text.
    let long = text.replace("term: { min: 6M, max: 36M,", "term: { min: 6M, max: 72M,");
    assert_ne!(long, text);
    let found = client.change(&uri, 2, &long);
    assert_eq!(codes_and_lines(&found), check_stdin(&path, &long));
    let ls201 = found
        .iter()
        .find(|d| d["code"] == "LS201")
        .unwrap_or_else(|| panic!("{found:?}"));
    let term_line = long.lines().position(|l| l.starts_with("term:")).unwrap_or(0);
    assert_eq!(ls201["range"]["start"]["line"], term_line);
    assert_eq!(ls201["severity"], 1);
    assert!(
        ls201["message"].as_str().is_some_and(|m| m.contains("个人消费贷款")),
        "{ls201}"
    );
    // Hover on the finding: the field and the rule.
    let column = long.lines().nth(term_line).and_then(|l| l.find("72M")).unwrap_or(0);
    let hover = client.request(
        "textDocument/hover",
        &json!({ "textDocument": { "uri": uri }, "position": { "line": term_line, "character": column } }),
    );
    let shown = hover["contents"]["value"].as_str().unwrap_or("");
    assert!(shown.contains("**`term.max`**"), "{hover}");
    assert!(shown.contains("loanspec 的理解：72个月"), "{hover}");
    assert!(shown.contains("**LS201**"), "{hover}");
    // Fixed again: the finding clears.
    assert_eq!(problems(&client.change(&uri, 3, &text)), Vec::<Value>::new());
    // Completion of a new top-level key inserts `key: `.
    let with_line = format!("{text}gr");
    client.change(&uri, 4, &with_line);
    let last = with_line.lines().count() - 1;
    let items = client.request(
        "textDocument/completion",
        &json!({ "textDocument": { "uri": uri }, "position": { "line": last, "character": 2 } }),
    );
    let inserts: Vec<&str> = items["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|i| i["insertText"].as_str())
        .collect();
    // `green` is the one top-level key starting with `gr`, and the example does not write it.
    assert_eq!(inserts, ["green: "], "{items}");
    // The outline, of the text as it parses again.
    client.change(&uri, 5, &text);
    let outline = client.request(
        "textDocument/documentSymbol",
        &json!({ "textDocument": { "uri": uri } }),
    );
    let names: Vec<&str> = outline
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert!(names.starts_with(&["loanspec", "code", "version", "name"]), "{names:?}");
    client.notify("textDocument/didClose", &json!({ "textDocument": { "uri": uri } }));
    assert_eq!(client.diagnostics(&uri), Vec::<Value>::new(), "closing clears");
    assert_eq!(client.stop(), 0);
}

#[test]
fn a_change_to_a_product_line_re_judges_the_open_product_that_extends_it() {
    let product = root().join("examples/products/business-revolving.yaml");
    let line = root().join("examples/lines/personal-business.yaml");
    let (product_text, line_text) = (
        std::fs::read_to_string(&product).unwrap_or_else(|e| panic!("{e}")),
        std::fs::read_to_string(&line).unwrap_or_else(|e| panic!("{e}")),
    );
    let mut client = start("en-US");
    assert_eq!(
        problems(&client.open(&uri(&product), &product_text)),
        Vec::<Value>::new()
    );
    // Go to the line the product extends.
    let extends = product_text
        .lines()
        .position(|l| l.starts_with("extends:"))
        .unwrap_or(0);
    let target = client.request(
        "textDocument/definition",
        &json!({ "textDocument": { "uri": uri(&product) }, "position": { "line": extends, "character": 12 } }),
    );
    assert_eq!(target["uri"], uri(&line), "{target}");
    // The line, opened and changed without saving, writes a repayment method loanspec does not
    // know: the product, which inherits it, is judged again with the line as the editor has it.
    client.notify(
        "textDocument/didOpen",
        &json!({ "textDocument": { "uri": uri(&line), "languageId": "yaml", "version": 1, "text": line_text } }),
    );
    let opened = client.publishes(2);
    assert_eq!(
        opened.get(&uri(&line)).map(|d| problems(d).len()),
        Some(0),
        "{opened:?}"
    );
    let broken = line_text.replace("methods: [revolving,", "methods: [revolvin,");
    assert_ne!(broken, line_text);
    client.notify(
        "textDocument/didChange",
        &json!({ "textDocument": { "uri": uri(&line), "version": 2 }, "contentChanges": [{ "text": broken }] }),
    );
    let changed = client.publishes(2);
    let codes = |u: &str| -> Vec<String> {
        changed
            .get(u)
            .into_iter()
            .flatten()
            .filter(|d| d["severity"] == 1)
            .filter_map(|d| d["code"].as_str().map(str::to_owned))
            .collect()
    };
    assert!(!codes(&uri(&line)).is_empty(), "{changed:?}");
    assert!(
        !codes(&uri(&product)).is_empty(),
        "the product is judged with the edited line: {changed:?}"
    );
    // The edit undone: both are clean again.
    client.notify(
        "textDocument/didChange",
        &json!({ "textDocument": { "uri": uri(&line), "version": 3 }, "contentChanges": [{ "text": line_text }] }),
    );
    let undone = client.publishes(2);
    assert!(undone.values().all(|d| problems(d).is_empty()), "{undone:?}");
    assert_eq!(client.stop(), 0);
}
