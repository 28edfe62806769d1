#!/usr/bin/env python3
"""The committed schemas in Red Hat's yaml-language-server (the engine of VS Code's YAML
extension), driven over stdio as an editor drives it. Checks, for every file of examples/:
no diagnostic; and on one product: every top-level key completes as `key: ` or `key:` and a new
line, hovering `amount.max` shows the field's meaning (Chinese, then English), and `rate: 4.35`
and a bad code are explained in bank words. Run by scripts/schema-e2e.sh; exits 1 with what differed.

Usage: e2e.py PATH_TO_yaml-language-server REPO_ROOT
"""
import json
import os
import select
import subprocess
import sys

SERVER, ROOT = sys.argv[1], os.path.abspath(sys.argv[2])
EXAMPLES = os.path.join(ROOT, "examples")
failures = []


class Server:
    def __init__(self):
        self.p = subprocess.Popen([SERVER, "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL)
        self.next = 1
        self.versions = {}
        self.request("initialize", {"processId": None, "rootUri": "file://" + EXAMPLES, "capabilities": {
            "textDocument": {"completion": {"completionItem": {"snippetSupport": True}}}}})
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration",
                    {"settings": {"yaml": {"validate": True, "hover": True, "completion": True,
                                               "schemaStore": {"enable": False}}}})

    def send(self, message):
        body = json.dumps(message).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()

    def read(self, timeout=60):
        ready, _, _ = select.select([self.p.stdout], [], [], timeout)
        if not ready:
            return None
        header = b""
        while not header.endswith(b"\r\n\r\n"):
            header += self.p.stdout.read(1)
        length = int(header.split(b"Content-Length: ")[1].split(b"\r\n")[0])
        message = json.loads(self.p.stdout.read(length))
        if message.get("method") == "workspace/configuration":
            items = message["params"]["items"]
            self.send({"jsonrpc": "2.0", "id": message["id"], "result": [{"validate": True, "schemaStore": {"enable": False}}] * len(items)})
            return self.read(timeout)
        return message

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params):
        i = self.next
        self.next += 1
        self.send({"jsonrpc": "2.0", "id": i, "method": method, "params": params})
        while True:
            m = self.read()
            if m is None:
                return None
            if m.get("id") == i and "method" not in m:
                return m.get("result")

    def diagnostics(self, uri, text):
        """The diagnostics the server publishes for this text of `uri`. yaml-language-server
        validates on a debounce and, while it still applies the configuration sent at start-up,
        can drop the validation of a document opened meanwhile without publishing anything; so
        when nothing comes within ten seconds the same text is sent again as a new version (as an
        editor does on the next keystroke), up to six times, before giving up."""
        version = None
        for _ in range(6):
            if uri not in self.versions:
                version = self.versions[uri] = 1
                self.notify("textDocument/didOpen",
                            {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}})
            else:
                if version is not None:
                    print("no diagnostics for %s within 10 s: sent again" % os.path.basename(uri))
                version = self.versions[uri] = self.versions[uri] + 1
                self.notify("textDocument/didChange",
                            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]})
            while True:
                m = self.read(timeout=10)
                if m is None:
                    break
                params = m.get("params") or {}
                # A late publication for an earlier text of the same document is not this one's.
                if (m.get("method") == "textDocument/publishDiagnostics" and params["uri"] == uri
                        and params.get("version", version) == version):
                    return m["params"]["diagnostics"]
        return None


server = Server()
checked = 0
for folder in ("products", "lines"):
    for name in sorted(os.listdir(os.path.join(EXAMPLES, folder))):
        path = os.path.join(EXAMPLES, folder, name)
        found = server.diagnostics("file://" + path, open(path, encoding="utf-8").read())
        checked += 1
        if found is None or found:
            failures.append("%s/%s: %s" % (folder, name, [d["message"] for d in found or []] or "no diagnostics"))
print("examples: %d files, %d with diagnostics" % (checked, len(failures)))

path = os.path.join(EXAMPLES, "products", "consumer-installment.yaml")
text = open(path, encoding="utf-8").read()
uri = "file://" + path
lines = text.split("\n")
max_line = next(i for i, l in enumerate(lines) if l.strip().startswith("max: 30万"))
hover = server.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": max_line, "character": 3}})
shown = (hover or {}).get("contents", {}).get("value", "")
# The field's meaning in both languages, Chinese first (the schema cannot know the user's).
zh_at, en_at = shown.find("单个借款人可获得的最高贷款金额"), shown.find("Largest loan")
if not 0 <= zh_at < en_at:
    failures.append("hover on amount.max, Chinese then English: %r" % shown[:300])
print("hover amount.max:", " | ".join(shown.split("\n\n")[1:3]) if "\n\n" in shown else shown)

# A new line holding a partial key: every completion writes `key:`.
minimal = "# yaml-language-server: $schema=../../schemas/product.schema.json\nloanspec: 1\n"
probe = os.path.join(EXAMPLES, "products", "editor-probe.yaml")
probe_uri = "file://" + probe
server.diagnostics(probe_uri, minimal)
items = server.request("textDocument/completion", {"textDocument": {"uri": probe_uri}, "position": {"line": 2, "character": 0}})
items = (items or {}).get("items", [])
keys = [i for i in items if i.get("kind") == 10 and not i["label"].startswith("loanspec product spec")]
bare = [i["label"] for i in keys if ":" not in i.get("insertText", "")]
if len(keys) < 20 or bare:
    failures.append("completion: %d keys, inserted bare: %s" % (len(keys), bare))
print("completion: %d keys, %d inserted without `:`" % (len(keys), len(bare)))

wrong = text.replace("rate: 4.20%", "rate: 4.35").replace("code: CONSUMER-INSTALLMENT", "code: bad code")
found = server.diagnostics(uri, wrong) or []
messages = [d["message"] for d in found]
for expected in ("`4.35%`", "SME-E-LOAN"):
    if not any(expected in m for m in messages):
        failures.append("no message naming %s: %s" % (expected, messages))
print("messages:", [m[:60] for m in messages])
server.p.kill()

if failures:
    print("FAIL:\n  " + "\n  ".join(failures))
    sys.exit(1)
print("ok")
