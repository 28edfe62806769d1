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
    Client::start(
        &assert_cmd::cargo::cargo_bin("loanspec"),
        &["--as-of", "2026-11-29", "lsp"],
        locale,
    )
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
    // The quick fixes on it: allow LS201 on the line, with the reason left to write.
    let actions = client.request(
        "textDocument/codeAction",
        &json!({ "textDocument": { "uri": uri }, "range": ls201["range"], "context": { "diagnostics": [] } }),
    );
    let allow = actions
        .as_array()
        .into_iter()
        .flatten()
        .find(|a| a["title"].as_str().is_some_and(|t| t.contains("豁免 LS201")))
        .unwrap_or_else(|| panic!("{actions}"));
    let new_text = allow["edit"]["changes"][&uri][0]["newText"].as_str().unwrap_or("");
    assert_eq!(new_text, "# loanspec: allow LS201 -- \n");
    // Applied with a reason, the finding is set aside; `check` agrees.
    let mut lines: Vec<&str> = long.lines().collect();
    let comment = "# loanspec: allow LS201 -- 经风险委员会批准的试点";
    lines.insert(term_line, comment);
    let allowed = lines.join("\n") + "\n";
    assert_eq!(problems(&client.change(&uri, 10, &allowed)), Vec::<Value>::new());
    assert_eq!(check_stdin(&path, &allowed), Vec::<(String, u64)>::new());
    // A misspelt value: the fix writes the value it is close to, and the finding clears.
    let misspelt = text.replace("purpose: consumption", "purpose: consumptoin");
    assert_ne!(misspelt, text);
    let found = client.change(&uri, 11, &misspelt);
    let wrong = found
        .iter()
        .find(|d| d["severity"] == 1)
        .unwrap_or_else(|| panic!("{found:?}"));
    let actions = client.request(
        "textDocument/codeAction",
        &json!({ "textDocument": { "uri": uri }, "range": wrong["range"], "context": { "diagnostics": [] } }),
    );
    let fix = actions
        .as_array()
        .into_iter()
        .flatten()
        .find(|a| a["isPreferred"] == true)
        .unwrap_or_else(|| panic!("{actions}"));
    let change = &fix["edit"]["changes"][&uri][0];
    assert_eq!(change["newText"], "consumption", "{fix}");
    let purpose_line = misspelt.lines().position(|l| l.starts_with("purpose:")).unwrap_or(0);
    assert_eq!(
        change["range"]["start"],
        json!({ "line": purpose_line, "character": 9 })
    );
    assert_eq!(change["range"]["end"], json!({ "line": purpose_line, "character": 20 }));
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

/// `check --fix` writes the same safe fixes the editor offers (a misspelt key, a misspelt
/// value), says what changed, leaves a guess about a number (`rate: 4.35`) to a person, and exits
/// on what remains; a file without fixes is not rewritten.
#[test]
fn check_fix_writes_the_safe_fixes_and_reports_what_remains() {
    let broken = super::PRODUCT
        .replace("purpose: consumption", "purpose: consumptoin")
        .replace("origination: branch", "origniation: branch")
        .replace("rate: LPR1Y + 50bp", "rate: 4.35");
    let other = super::PRODUCT.replace("TEST-PRODUCT", "TEST-OTHER");
    let dir = super::catalogue(&[("p.yaml", &broken), ("q.yaml", &other)]);
    let before_other = std::fs::metadata(dir.path().join("q.yaml"))
        .and_then(|m| m.modified())
        .ok();
    let (code, _, err) = stdout(loanspec().current_dir(dir.path()).args([
        "--as-of",
        "2026-03-31",
        "check",
        ".",
        "--fix",
        "--format",
        "json",
    ]));
    let fixed = std::fs::read_to_string(dir.path().join("p.yaml")).unwrap_or_default();
    assert_eq!(
        fixed,
        super::PRODUCT.replace("rate: LPR1Y + 50bp", "rate: 4.35"),
        "the key and the value fixed, the rate left: {err}"
    );
    assert!(err.contains("p.yaml:7: `consumptoin` → `consumption`"), "{err}");
    assert!(err.contains("p.yaml:8: `origniation` → `origination`"), "{err}");
    assert_eq!(code, 1, "the bare rate remains an error: {err}");
    let after_other = std::fs::metadata(dir.path().join("q.yaml"))
        .and_then(|m| m.modified())
        .ok();
    assert_eq!(before_other, after_other, "a file without fixes is not rewritten");
    // Fixed once, nothing is left to fix: a second run changes nothing.
    let (_, _, again) =
        stdout(
            loanspec()
                .current_dir(dir.path())
                .args(["--as-of", "2026-03-31", "check", ".", "--fix"]),
        );
    assert!(!again.contains("fixed"), "{again}");
}

/// A burst of edits sent faster than they are checked ends with the findings of the last text:
/// edits that queue up during a check are judged together (one check, not one per keystroke),
/// and a request is answered on the documents as they are after the burst.
#[test]
fn a_burst_of_edits_ends_with_the_findings_of_the_last_text() {
    let path = root().join("examples/products/consumer-installment.yaml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    let uri = uri(&path);
    let long = text.replace("term: { min: 6M, max: 36M,", "term: { min: 6M, max: 72M,");
    let mut client = start("en-US");
    client.open(&uri, &text);
    for version in 2..12 {
        let body = if version % 2 == 0 { &text } else { &long };
        client.notify(
            "textDocument/didChange",
            &json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "text": body }] }),
        );
    }
    // The last text (version 11) is the long term: a hover on it sees LS201.
    let term_line = long.lines().position(|l| l.starts_with("term:")).unwrap_or(0);
    let column = long.lines().nth(term_line).and_then(|l| l.find("72M")).unwrap_or(0);
    let hover = client.request(
        "textDocument/hover",
        &json!({ "textDocument": { "uri": uri }, "position": { "line": term_line, "character": column } }),
    );
    let shown = hover["contents"]["value"].as_str().unwrap_or("");
    assert!(shown.contains("**LS201**"), "{hover}");
    assert_eq!(client.stop(), 0);
}

/// Each finding links to its rule's section of the rules page: in the clone's own `docs/` by
/// default (the page in the client's language), or under the `ruleDocs` the editor gives (a
/// bank's published copy); a code that is not a rule links to the table of built-in codes.
#[test]
fn findings_link_to_their_rule_s_text() {
    let path = root().join("examples/products/consumer-installment.yaml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    let long = text.replace("term: { min: 6M, max: 36M,", "term: { min: 6M, max: 72M,");
    let signed = text.replace("rate: 4.20%", "rate: \"+4.20%\"");
    assert!(long != text && signed != text);
    let doc = uri(&path);
    let href = |found: &[Value], code: &str| -> String {
        let d = found
            .iter()
            .find(|d| d["code"] == code)
            .unwrap_or_else(|| panic!("{code}: {found:?}"));
        d["codeDescription"]["href"].as_str().unwrap_or_default().to_owned()
    };
    // Chinese, the clone's own pages: the link opens a file whose heading is the rule's.
    let mut client = start("zh-CN");
    let found = client.open(&doc, &long);
    let link = href(&found, "LS201");
    let (file, anchor) = link.split_once('#').unwrap_or_else(|| panic!("{link}"));
    assert_eq!(file, format!("{}/rules.zh.md", uri(&root().join("docs"))));
    let page = std::fs::read_to_string(root().join("docs/rules.zh.md")).unwrap_or_else(|e| panic!("{e}"));
    let heading = page
        .lines()
        .find(|l| l.starts_with("### LS201 "))
        .unwrap_or_else(|| panic!("no LS201 heading"));
    assert_eq!(
        anchor,
        heading
            .trim_start_matches("### ")
            .to_ascii_lowercase()
            .replace(' ', "-")
    );
    // A sign before a fixed rate is a built-in code (LS111): the table of them, 内置代码.
    let builtin = href(&client.change(&doc, 2, &signed), "LS111");
    assert!(
        builtin.ends_with("rules.zh.md#%E5%86%85%E7%BD%AE%E4%BB%A3%E7%A0%81"),
        "{builtin}"
    );
    assert!(page.lines().any(|l| l == "## 内置代码"));
    // English, under the folder the editor names.
    let mut client = lsp_client::Client::start_with(
        &assert_cmd::cargo::cargo_bin("loanspec"),
        &["--as-of", "2026-11-29", "lsp"],
        "en",
        &json!({ "ruleDocs": "https://git.bank.example/loanspec/docs" }),
    );
    assert_eq!(
        href(&client.open(&doc, &long), "LS201"),
        format!("https://git.bank.example/loanspec/docs/rules.md#{anchor}")
    );
    assert_eq!(
        href(&client.change(&doc, 2, &signed), "LS111"),
        "https://git.bank.example/loanspec/docs/rules.md#built-in-codes"
    );
    let english = std::fs::read_to_string(root().join("docs/rules.md")).unwrap_or_else(|e| panic!("{e}"));
    assert!(english.lines().any(|l| l == "## Built-in codes"));
}
