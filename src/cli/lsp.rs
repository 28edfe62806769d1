//! `loanspec lsp`: the language server an editor starts over stdio. It keeps the open documents
//! in memory and judges them with the real linter in their catalogue's context (the saved files
//! around them on disk, every open buffer over them) on open and on every change, and answers
//! hover, completion, go-to-definition and the outline from `loanspec::editor`.
//!
//! Positions are UTF-16 code units unless the client offers UTF-8 (LSP 3.17); messages are in
//! the client's language (`initialize.locale`, `zh-*` is Chinese), else the command's.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Notification as _, PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, GotoDefinition, HoverRequest, Request as _,
};
use lsp_types::{
    CodeActionParams, CompletionParams, DidChangeTextDocumentParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DocumentSymbolParams, GotoDefinitionParams, HoverParams, InitializeParams, Position,
    PositionEncodingKind,
};
use percent_encoding::percent_decode_str;
use serde_json::{Value, json};

use loanspec::compile::{self, Options, Run};
use loanspec::diagnostics::{Diagnostic, Lang, Severity};
use loanspec::editor::{self, Spec, Target};
use loanspec::source::{SourceFile, Span};
use loanspec::syntax::Limits;
use loanspec::text;

/// At most this many findings per document go to the editor; the last says how many more.
const MAX_PER_DOCUMENT: usize = 500;

struct Document {
    uri: String,
    /// The text as the client last sent it, with its line index (built once per change).
    file: SourceFile,
}

struct Server {
    connection: Connection,
    lang: Lang,
    utf8: bool,
    /// Where findings link to their rule's text (see `rule_docs`).
    rule_docs: Option<String>,
    as_of: chrono::NaiveDate,
    limits: Limits,
    /// The open documents by path, as the client last sent them.
    docs: BTreeMap<PathBuf, Document>,
    /// The documents diagnostics were last published for (cleared when they close).
    published: BTreeMap<PathBuf, String>,
    /// The catalogue's specs at the last check, for completion and go-to-definition.
    specs: Vec<Spec>,
    /// The last findings per open document, for hover.
    findings: BTreeMap<PathBuf, Vec<(Span, Diagnostic)>>,
    /// A document changed since the last check.
    dirty: bool,
}

/// Serves one client on stdin and stdout until it exits.
pub(super) fn serve(lang: Lang, as_of: chrono::NaiveDate, limits: Limits) -> ExitCode {
    let (connection, threads) = Connection::stdio();
    let code = match run(connection, lang, as_of, limits) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            super::err(&format!("loanspec lsp: {e}\n"));
            ExitCode::from(2)
        }
    };
    let _ = threads.join();
    code
}

fn run(connection: Connection, lang: Lang, as_of: chrono::NaiveDate, limits: Limits) -> Result<(), String> {
    let (id, params) = connection.initialize_start().map_err(|e| e.to_string())?;
    let params: InitializeParams = serde_json::from_value(params).map_err(|e| e.to_string())?;
    let lang = match params.locale.as_deref() {
        Some(l) if l.to_ascii_lowercase().starts_with("zh") => Lang::Zh,
        Some(_) => Lang::En,
        None => lang,
    };
    let utf8 = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref())
        .is_some_and(|e| e.contains(&PositionEncodingKind::UTF8));
    let capabilities = json!({
        "positionEncoding": if utf8 { "utf-8" } else { "utf-16" },
        "textDocumentSync": { "openClose": true, "change": 1, "save": { "includeText": false } },
        "hoverProvider": true,
        "completionProvider": { "triggerCharacters": [":", " "] },
        "definitionProvider": true,
        "documentSymbolProvider": true,
        "codeActionProvider": { "codeActionKinds": ["quickfix"] },
    });
    let result = json!({
        "capabilities": capabilities,
        "serverInfo": { "name": "loanspec", "version": env!("CARGO_PKG_VERSION") },
    });
    connection.initialize_finish(id, result).map_err(|e| e.to_string())?;
    let rule_docs = rule_docs(params.initialization_options.as_ref());
    let mut server = Server {
        connection,
        lang,
        utf8,
        rule_docs,
        as_of,
        limits,
        docs: BTreeMap::new(),
        published: BTreeMap::new(),
        specs: Vec::new(),
        findings: BTreeMap::new(),
        dirty: false,
    };
    // LSP: after `shutdown` only `exit` is expected; a client that closes the pipe instead has
    // still shut down cleanly. `exit` without `shutdown` is an error exit.
    let mut shut_down = false;
    while let Ok(message) = server.connection.receiver.recv() {
        match message {
            Message::Request(request) if request.method == "shutdown" => {
                shut_down = true;
                server.respond(request.id, Value::Null);
            }
            Message::Request(request) => {
                // A request is answered on the documents as they are now.
                if server.dirty {
                    server.check();
                }
                server.request(request);
            }
            Message::Notification(n) if n.method == "exit" => {
                return if shut_down {
                    Ok(())
                } else {
                    Err("exit before shutdown".to_owned())
                };
            }
            Message::Notification(n) => server.notification(&n),
            Message::Response(_) => {}
        }
        // Edits that arrive while a check runs are judged together: a burst of keystrokes
        // costs one check, not one each, so a large catalogue does not fall behind the typing.
        if server.dirty && server.connection.receiver.is_empty() {
            server.check();
        }
    }
    Ok(())
}

/// The path a `file:` URI names.
fn path_of(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    let decoded = percent_decode_str(rest).decode_utf8().ok()?;
    Some(PathBuf::from(decoded.as_ref()))
}

/// The folder holding the rules pages (`rules.md`, `rules.zh.md`), as a URI ending in `/`, for
/// each finding's `codeDescription` link: `initializationOptions.ruleDocs` where the editor
/// sets it (the bank's own published copy of `docs/`), else the `docs/` of the clone this
/// binary was built from, while it is still there; else none, and findings carry no link (their
/// hover still gives the rule's text).
fn rule_docs(options: Option<&Value>) -> Option<String> {
    if let Some(given) = options.and_then(|o| o.get("ruleDocs")).and_then(Value::as_str) {
        let given = given.trim();
        if !given.is_empty() {
            return Some(if given.ends_with('/') {
                given.to_owned()
            } else {
                format!("{given}/")
            });
        }
    }
    let own = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
    own.join("rules.md").is_file().then(|| format!("{}/", uri_of(&own)))
}

/// The `file:` URI of a path.
fn uri_of(path: &Path) -> String {
    format!("file://{}", loanspec::diagnostics::uri_encode(&path.to_string_lossy()))
}

/// A byte offset of a file's text as an LSP position: the line from the file's line index,
/// the column counted in the line only (so placing every finding of a large file is not a scan
/// of the file per finding).
fn position(file: &SourceFile, offset: usize, utf8: bool) -> Value {
    let text = &*file.text;
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line = file.line_index(offset);
    let in_line = &text[file.line_start(line).unwrap_or(0).min(offset)..offset];
    let character = if utf8 {
        in_line.len()
    } else {
        in_line.encode_utf16().count()
    };
    json!({ "line": line, "character": character })
}

fn range(file: &SourceFile, span: Span, utf8: bool) -> Value {
    json!({ "start": position(file, span.start, utf8), "end": position(file, span.end, utf8) })
}

/// The start of a file, for a finding that has no place in it.
fn start_range() -> Value {
    let start = json!({ "line": 0, "character": 0 });
    json!({ "start": start, "end": start })
}

/// An LSP position as a byte offset of a file's text (clamped to its line and to the text).
fn offset(file: &SourceFile, at: Position, utf8: bool) -> usize {
    let text = &*file.text;
    let Some(start) = file.line_start(at.line as usize) else {
        return text.len();
    };
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = &text[start..line_end];
    let wanted = at.character as usize;
    if utf8 {
        let mut i = wanted.min(line.len());
        while !line.is_char_boundary(i) {
            i -= 1;
        }
        return start + i;
    }
    let mut units = 0;
    for (i, c) in line.char_indices() {
        if units >= wanted {
            return start + i;
        }
        units += c.len_utf16();
    }
    line_end
}

impl Server {
    fn send(&self, message: Message) {
        let _ = self.connection.sender.send(message);
    }

    fn respond(&self, id: RequestId, result: Value) {
        self.send(Message::Response(Response::new_ok(id, result)));
    }

    fn notification(&mut self, n: &Notification) {
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(n.params.clone()) {
                    self.store(p.text_document.uri.as_str(), p.text_document.text);
                    self.dirty = true;
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(n.params.clone()) {
                    // Full sync: the last change holds the whole text.
                    if let Some(change) = p.content_changes.into_iter().last() {
                        self.store(p.text_document.uri.as_str(), change.text);
                        self.dirty = true;
                    }
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(n.params.clone()) {
                    if let Some(path) = path_of(p.text_document.uri.as_str()) {
                        self.docs.remove(&path);
                        self.findings.remove(&path);
                        if let Some(uri) = self.published.remove(&path) {
                            self.publish(&uri, &[]);
                        }
                        self.dirty = true;
                    }
                }
            }
            DidSaveTextDocument::METHOD | DidChangeWatchedFiles::METHOD => self.dirty = true,
            _ => {}
        }
    }

    fn store(&mut self, uri: &str, text: String) {
        if let Some(path) = path_of(uri) {
            let file = SourceFile::new(path.clone(), String::new(), String::new(), text.into(), false);
            self.docs.insert(
                path,
                Document {
                    uri: uri.to_owned(),
                    file,
                },
            );
        }
    }

    fn publish(&self, uri: &str, diagnostics: &[Value]) {
        self.send(Message::Notification(Notification::new(
            PublishDiagnostics::METHOD.to_owned(),
            json!({ "uri": uri, "diagnostics": diagnostics }),
        )));
    }

    /// Judges every open document in its catalogue and publishes what each shows.
    fn check(&mut self) {
        self.dirty = false;
        if self.docs.is_empty() {
            return;
        }
        let mut options = Options {
            as_of: self.as_of,
            limits: self.limits,
            display_base: None,
            fineract: false,
            only_catalogues: false,
            files: std::sync::Arc::new(loanspec::files::Native),
            overlay: compile::Overlay::default(),
            cache: true,
            products: compile::Products::Discard,
        };
        let mut named: Vec<(PathBuf, PathBuf)> = Vec::new();
        for (path, doc) in &self.docs {
            match options.overlay.insert(path, doc.file.text.as_bytes().to_vec()) {
                Ok(at) => named.push((path.clone(), at)),
                Err(e) => {
                    let reason = compile::discover::io_reason(&e);
                    let shown = reason.get(self.lang);
                    let message = text!(
                        "loanspec cannot check this file: {shown}",
                        "loanspec 无法检查此文件：{shown}"
                    );
                    let d = json!({ "range": start_range(), "severity": 1, "source": "loanspec", "message": message.get(self.lang) });
                    self.publish(&doc.uri, &[d]);
                }
            }
        }
        let paths: Vec<PathBuf> = named.iter().map(|(_, at)| at.clone()).collect();
        let run = match compile::run(&paths, &options) {
            Ok(run) => run,
            Err(bad) => {
                let reason = bad.reason.get(self.lang).to_owned();
                for doc in self.docs.values() {
                    let d = json!({ "range": start_range(), "severity": 1, "source": "loanspec", "message": reason });
                    self.publish(&doc.uri, &[d]);
                }
                return;
            }
        };
        self.specs = run
            .specs
            .iter()
            .filter_map(|c| {
                Some(Spec {
                    path: run.sources.get(c.file)?.path.clone(),
                    code: c.code.clone(),
                    is_line: c.is_line,
                })
            })
            .collect();
        for (path, at) in &named {
            let Some(doc) = self.docs.get(path) else { continue };
            let shown = Self::diagnostics_for(&run, at);
            let mut out: Vec<Value> = shown
                .iter()
                .take(MAX_PER_DOCUMENT)
                .map(|(span, d)| self.to_lsp(&run, &doc.file, *span, d))
                .collect();
            if shown.len() > MAX_PER_DOCUMENT {
                let more = shown.len() - MAX_PER_DOCUMENT;
                let message = text!(
                    "{more} more findings in this file; `loanspec check` lists them all",
                    "此文件还有 {more} 项问题；`loanspec check` 可列出全部"
                );
                out.push(json!({ "range": range(&doc.file, Span::empty(0), self.utf8), "severity": 3, "source": "loanspec", "message": message.get(self.lang) }));
            }
            self.publish(&doc.uri, &out);
            self.published.insert(path.clone(), doc.uri.clone());
            self.findings.insert(path.clone(), shown);
        }
    }

    /// The findings placed in the file at `at`, and the run-wide ones (placed at its start).
    fn diagnostics_for(run: &Run, at: &Path) -> Vec<(Span, Diagnostic)> {
        run.diagnostics
            .iter()
            .filter_map(|d| match &d.primary {
                Some(label) => {
                    let file = run.sources.get(label.file)?;
                    (file.path == at).then(|| (label.span, d.clone()))
                }
                None => Some((Span::empty(0), d.clone())),
            })
            .collect()
    }

    fn to_lsp(&self, run: &Run, file: &SourceFile, span: Span, d: &Diagnostic) -> Value {
        let lang = self.lang;
        let mut message = d.message.get(lang).to_owned();
        if let Some(help) = &d.help {
            let help = help.get(lang);
            message.push_str(text!("\nhelp: {help}", "\n建议：{help}").get(lang));
        }
        for note in &d.notes {
            let note = note.get(lang);
            message.push_str(text!("\nnote: {note}", "\n说明：{note}").get(lang));
        }
        let related: Vec<Value> = d
            .secondary
            .iter()
            .filter_map(|label| {
                let file: &SourceFile = run.sources.get(label.file)?;
                Some(json!({
                    "location": { "uri": uri_of(&file.path), "range": range(file, label.span, self.utf8) },
                    "message": label.message.as_ref().map_or("", |m| m.get(lang)),
                }))
            })
            .collect();
        let mut out = json!({
            "range": range(file, span, self.utf8),
            "severity": match d.severity { Severity::Error => 1, Severity::Warning => 2, Severity::Info => 3 },
            "code": d.code.code,
            "source": "loanspec",
            "message": message,
            "relatedInformation": related,
        });
        if let Some(base) = &self.rule_docs {
            let page = if lang == Lang::Zh { "rules.zh.md" } else { "rules.md" };
            let anchor = loanspec::rules::docs::doc_anchor(&d.code.code, lang);
            let href = format!("{base}{page}#{}", loanspec::diagnostics::uri_encode(&anchor));
            out["codeDescription"] = json!({ "href": href });
        }
        out
    }

    fn request(&mut self, request: Request) {
        let id = request.id.clone();
        let result = match request.method.as_str() {
            HoverRequest::METHOD => serde_json::from_value::<HoverParams>(request.params)
                .ok()
                .and_then(|p| {
                    let at = p.text_document_position_params;
                    self.hover(at.text_document.uri.as_str(), at.position)
                }),
            Completion::METHOD => serde_json::from_value::<CompletionParams>(request.params)
                .ok()
                .and_then(|p| {
                    let at = p.text_document_position;
                    self.complete(at.text_document.uri.as_str(), at.position)
                }),
            GotoDefinition::METHOD => serde_json::from_value::<GotoDefinitionParams>(request.params)
                .ok()
                .and_then(|p| {
                    let at = p.text_document_position_params;
                    self.definition(at.text_document.uri.as_str(), at.position)
                }),
            DocumentSymbolRequest::METHOD => serde_json::from_value::<DocumentSymbolParams>(request.params)
                .ok()
                .and_then(|p| self.symbols(p.text_document.uri.as_str())),
            CodeActionRequest::METHOD => serde_json::from_value::<CodeActionParams>(request.params)
                .ok()
                .and_then(|p| self.actions(p.text_document.uri.as_str(), p.range)),
            _ => {
                self.send(Message::Response(Response::new_err(
                    id,
                    lsp_server::ErrorCode::MethodNotFound as i32,
                    format!("loanspec does not serve {}", request.method),
                )));
                return;
            }
        };
        self.respond(id, result.unwrap_or(Value::Null));
    }

    fn doc(&self, uri: &str) -> Option<(PathBuf, &Document)> {
        let path = path_of(uri)?;
        let doc = self.docs.get(&path)?;
        Some((path, doc))
    }

    fn hover(&self, uri: &str, at: Position) -> Option<Value> {
        let (path, doc) = self.doc(uri)?;
        let at = offset(&doc.file, at, self.utf8);
        let field = editor::hover(&path, &doc.file.text, at, self.lang, self.as_of);
        // The findings under the cursor, each with its rule's explain text in the user's language.
        let mut findings = Vec::new();
        for (span, d) in self.findings.get(&path).into_iter().flatten() {
            if span.start <= at && at <= span.end {
                let explain = loanspec::rules::docs::explain(&d.code.code, loanspec::rules::Pack::cn(), self.lang);
                let message = d.message.get(self.lang);
                findings.push(match explain {
                    Some(explain) => format!("**{}** {message}\n\n{explain}", d.code.code),
                    None => format!("**{}** {message}", d.code.code),
                });
            }
        }
        let mut parts: Vec<String> = field.iter().map(|h| h.markdown.clone()).collect();
        parts.extend(findings);
        if parts.is_empty() {
            return None;
        }
        let mut out = json!({ "contents": { "kind": "markdown", "value": parts.join("\n\n---\n\n") } });
        if let Some(h) = field {
            out["range"] = range(&doc.file, h.span, self.utf8);
        }
        Some(out)
    }

    fn complete(&self, uri: &str, at: Position) -> Option<Value> {
        let (path, doc) = self.doc(uri)?;
        let at = offset(&doc.file, at, self.utf8);
        let items: Vec<Value> = editor::complete(&path, &doc.file.text, at, self.lang, &self.specs)
            .into_iter()
            .map(|c| json!({ "label": c.label, "insertText": c.insert, "detail": c.detail }))
            .collect();
        Some(json!({ "isIncomplete": false, "items": items }))
    }

    fn definition(&self, uri: &str, at: Position) -> Option<Value> {
        let (path, doc) = self.doc(uri)?;
        let at = offset(&doc.file, at, self.utf8);
        let target = match editor::definition(&path, &doc.file.text, at)? {
            Target::File(file) => file,
            Target::Code(code) => self
                .specs
                .iter()
                .find(|s| s.code.as_deref() == Some(code.as_str()))?
                .path
                .clone(),
        };
        let start = json!({ "line": 0, "character": 0 });
        Some(json!({ "uri": uri_of(&target), "range": { "start": start, "end": start } }))
    }

    /// The quick fixes for the findings in `range`: each finding's own fix (a misspelt key or
    /// value, a unit), and for a rule that may be set aside, an allow comment on the line above
    /// whose reason the designer writes (loanspec refuses one without a reason).
    fn actions(&self, uri: &str, at: lsp_types::Range) -> Option<Value> {
        let (path, doc) = self.doc(uri)?;
        let (from, to) = (
            offset(&doc.file, at.start, self.utf8),
            offset(&doc.file, at.end, self.utf8),
        );
        let mut out = Vec::new();
        for (span, d) in self.findings.get(&path).into_iter().flatten() {
            if span.end < from || span.start > to {
                continue;
            }
            let edit = |r: Value, new_text: &str| json!({ "changes": { uri: [{ "range": r, "newText": new_text }] } });
            if let Some(fix) = &d.fix {
                out.push(json!({
                    "title": fix.title.get(self.lang),
                    "kind": "quickfix",
                    "isPreferred": fix.safe,
                    "edit": edit(range(&doc.file, *span, self.utf8), &fix.replacement),
                }));
            }
            let rule = loanspec::rules::find(&d.code.code).filter(|r| !r.locked);
            if let Some(rule) = rule {
                let file = &doc.file;
                let line_start = file.line_start(file.line_index(span.start)).unwrap_or(0);
                let indent: String = file.text[line_start..].chars().take_while(|c| *c == ' ').collect();
                let code = rule.code;
                let comment = format!("{indent}# loanspec: allow {code} -- \n");
                let title = text!(
                    "allow {code} on this line (write the reason after `--`)",
                    "在此行豁免 {code}（在 `--` 后写明理由）"
                );
                out.push(json!({
                    "title": title.get(self.lang),
                    "kind": "quickfix",
                    "edit": edit(range(&doc.file, Span::empty(line_start), self.utf8), &comment),
                }));
            }
        }
        Some(Value::Array(out))
    }

    fn symbols(&self, uri: &str) -> Option<Value> {
        let (path, doc) = self.doc(uri)?;
        let symbol = |s: &editor::Symbol| {
            json!({
                "name": s.name,
                // LSP's SymbolKind: 8 is a field, 2 a module (a section holding fields).
                "kind": if s.children.is_empty() { 8 } else { 2 },
                "range": range(&doc.file, s.span, self.utf8),
                "selectionRange": range(&doc.file, s.key, self.utf8),
            })
        };
        let out: Vec<Value> = editor::symbols(&path, &doc.file.text)
            .iter()
            .map(|s| {
                let mut top = symbol(s);
                top["children"] = s.children.iter().map(symbol).collect();
                top
            })
            .collect();
        Some(Value::Array(out))
    }
}
