//! A language-server client for tests and benchmarks: starts `loanspec lsp`, frames JSON-RPC
//! messages on its stdin and reads its stdout on a thread, as an editor does.

#![allow(dead_code, reason = "the test and the benchmark each use part of it")]

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use serde_json::{Value, json};

pub(crate) struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next: i64,
}

impl Client {
    /// Starts `bin` with `args` (ending in `lsp`) and initializes it in `locale`.
    pub(crate) fn start(bin: &Path, args: &[&str], locale: &str) -> Client {
        Client::start_with(bin, args, locale, &Value::Null)
    }

    /// [`Client::start`], with the editor's `initializationOptions`.
    pub(crate) fn start_with(bin: &Path, args: &[&str], locale: &str, options: &Value) -> Client {
        let mut child = std::process::Command::new(bin)
            .args(args)
            .env("LANG", "C")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{e}"));
        let stdin = child.stdin.take().unwrap_or_else(|| panic!("stdin"));
        let out = child.stdout.take().unwrap_or_else(|| panic!("stdout"));
        let (tx, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(out);
            loop {
                let mut length = 0usize;
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).unwrap_or(0) == 0 {
                        return;
                    }
                    let header = header.trim_end();
                    if header.is_empty() {
                        break;
                    }
                    if let Some(n) = header.strip_prefix("Content-Length: ") {
                        length = n.parse().unwrap_or(0);
                    }
                }
                let mut body = vec![0; length];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                if tx.send(serde_json::from_slice(&body).unwrap_or(Value::Null)).is_err() {
                    return;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            messages,
            next: 1,
        };
        let init = client.request(
            "initialize",
            &json!({
                "processId": null,
                "rootUri": null,
                "capabilities": {},
                "locale": locale,
                "initializationOptions": options,
            }),
        );
        assert_eq!(init["capabilities"]["positionEncoding"], "utf-16", "{init}");
        client.notify("initialized", &json!({}));
        client
    }

    pub(crate) fn write(&mut self, message: &Value) {
        let body = message.to_string();
        let framed = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        self.stdin
            .write_all(framed.as_bytes())
            .unwrap_or_else(|e| panic!("{e}"));
        self.stdin.flush().unwrap_or_else(|e| panic!("{e}"));
    }

    pub(crate) fn notify(&mut self, method: &str, params: &Value) {
        self.write(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    pub(crate) fn next_message(&self) -> Value {
        self.messages
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|e| panic!("no message from the server: {e}"))
    }

    pub(crate) fn request(&mut self, method: &str, params: &Value) -> Value {
        let id = self.next;
        self.next += 1;
        self.write(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        loop {
            let m = self.next_message();
            if m["id"] == id {
                return m["result"].clone();
            }
        }
    }

    /// The next diagnostics published for `uri`.
    pub(crate) fn diagnostics(&self, uri: &str) -> Vec<Value> {
        loop {
            let m = self.next_message();
            if m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri {
                return m["params"]["diagnostics"].as_array().cloned().unwrap_or_default();
            }
        }
    }

    /// The diagnostics of the next `n` publications, by document.
    pub(crate) fn publishes(&self, n: usize) -> std::collections::BTreeMap<String, Vec<Value>> {
        let mut out = std::collections::BTreeMap::new();
        while out.len() < n {
            let m = self.next_message();
            if m["method"] == "textDocument/publishDiagnostics" {
                let uri = m["params"]["uri"].as_str().unwrap_or("").to_owned();
                out.insert(uri, m["params"]["diagnostics"].as_array().cloned().unwrap_or_default());
            }
        }
        out
    }

    pub(crate) fn open(&mut self, uri: &str, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didOpen",
            &json!({ "textDocument": { "uri": uri, "languageId": "yaml", "version": 1, "text": text } }),
        );
        self.diagnostics(uri)
    }

    pub(crate) fn change(&mut self, uri: &str, version: i64, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didChange",
            &json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "text": text }] }),
        );
        self.diagnostics(uri)
    }

    pub(crate) fn stop(mut self) -> i32 {
        let _ = self.request("shutdown", &Value::Null);
        self.notify("exit", &Value::Null);
        self.child.wait().map_or(-1, |s| s.code().unwrap_or(-1))
    }
}
