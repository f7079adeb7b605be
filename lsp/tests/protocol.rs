//! The server as an editor sees it: JSON-RPC messages over an in-memory
//! connection, the server on its own thread.

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use serde_json::{Value, json};
use std::collections::VecDeque;
use std::path::Path;
use std::thread::JoinHandle;
use std::time::Duration;

const TIMEOUT: Duration = Duration::from_secs(20);

struct Client {
    conn: Connection,
    server: Option<JoinHandle<caulk_lsp::ServerResult<()>>>,
    /// Messages from the server not consumed yet, in arrival order.
    inbox: VecDeque<Message>,
    next_id: i32,
    pub init_result: Value,
}

fn init_params(encodings: &[&str], watch_files: bool) -> Value {
    json!({
        "processId": null,
        "rootUri": null,
        "capabilities": {
            "general": { "positionEncodings": encodings },
            "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": watch_files } },
        },
        "workspaceFolders": [{ "uri": "file:///tmp/caulk-workspace", "name": "w" }],
    })
}

impl Client {
    /// Starts a server and initializes it. Messages in `queued` are sent
    /// before the server thread starts, so it finds them all waiting.
    fn start_with(encodings: &[&str], watch_files: bool, queued: Vec<Message>) -> Client {
        let (client, server) = Connection::memory();
        let init = Request::new(
            RequestId::from(0),
            "initialize".into(),
            init_params(encodings, watch_files),
        );
        client.sender.send(init.into()).unwrap();
        client
            .sender
            .send(Notification::new("initialized".into(), json!({})).into())
            .unwrap();
        for m in queued {
            client.sender.send(m).unwrap();
        }
        let handle = std::thread::spawn(move || caulk_lsp::run(server));
        let mut c = Client {
            conn: client,
            server: Some(handle),
            inbox: VecDeque::new(),
            next_id: 1,
            init_result: Value::Null,
        };
        c.init_result = c
            .response(RequestId::from(0))
            .response_result
            .expect("initialize succeeds");
        c
    }

    fn start(encodings: &[&str]) -> Client {
        Self::start_with(encodings, false, Vec::new())
    }

    fn recv(&mut self) -> Message {
        self.conn
            .receiver
            .recv_timeout(TIMEOUT)
            .expect("the server answers in time")
    }

    fn response(&mut self, id: RequestId) -> Response {
        if let Some(i) = self
            .inbox
            .iter()
            .position(|m| matches!(m, Message::Response(r) if r.id == id))
        {
            let Some(Message::Response(r)) = self.inbox.remove(i) else {
                unreachable!()
            };
            return r;
        }
        loop {
            match self.recv() {
                Message::Response(r) if r.id == id => return r,
                other => self.inbox.push_back(other),
            }
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Response {
        let id = RequestId::from(self.next_id);
        self.next_id += 1;
        self.conn
            .sender
            .send(Request::new(id.clone(), method.into(), params).into())
            .unwrap();
        self.response(id)
    }

    fn ok(&mut self, method: &str, params: Value) -> Value {
        match self.request(method, params).response_result {
            Ok(value) => value,
            Err(e) => panic!("{method} failed: {e:?}"),
        }
    }

    fn notify(&self, method: &str, params: Value) {
        self.conn
            .sender
            .send(Notification::new(method.into(), params).into())
            .unwrap();
    }

    /// The next notification of `method` matching `pred`; others stay queued.
    fn notification(&mut self, method: &str, pred: impl Fn(&Value) -> bool) -> Value {
        let matches = |m: &Message| matches!(m, Message::Notification(n) if n.method == method && pred(&n.params));
        if let Some(i) = self.inbox.iter().position(matches) {
            let Some(Message::Notification(n)) = self.inbox.remove(i) else {
                unreachable!()
            };
            return n.params;
        }
        loop {
            let m = self.recv();
            if matches(&m) {
                let Message::Notification(n) = m else {
                    unreachable!()
                };
                return n.params;
            }
            self.inbox.push_back(m);
        }
    }

    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let params = self.notification("textDocument/publishDiagnostics", |p| p["uri"] == uri);
        params["diagnostics"].as_array().unwrap().clone()
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": language, "version": 1, "text": text } }),
        );
        self.diagnostics(uri)
    }

    fn replace_all(&mut self, uri: &str, version: i32, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "text": text }] }),
        );
        self.diagnostics(uri)
    }

    fn shutdown(mut self) {
        assert_eq!(self.ok("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        let result = self
            .server
            .take()
            .unwrap()
            .join()
            .expect("the server thread does not panic");
        assert!(result.is_ok(), "{:?}", result.err());
    }
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

fn find<'a>(diagnostics: &'a [Value], code: &str) -> &'a Value {
    diagnostics
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {diagnostics:#?}"))
}

/// Applies LSP text edits to `text`, columns counted in UTF-16 units.
fn apply_edits(text: &str, edits: &[Value]) -> String {
    let offset = |pos: &Value| -> usize {
        let (line, ch) = (
            pos["line"].as_u64().unwrap() as usize,
            pos["character"].as_u64().unwrap() as usize,
        );
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= ch || c == '\n' {
                return start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (s, e, t) in spans {
        out.replace_range(s..e, t);
    }
    out
}

fn action_edits<'a>(action: &'a Value, uri: &str) -> &'a [Value] {
    action["edit"]["changes"][uri]
        .as_array()
        .expect("edits for the document")
}

fn file_uri(path: &Path) -> String {
    lsp_types::Uri::from_file_path(path).unwrap().to_string()
}

#[test]
fn initialize_negotiates_position_encoding_and_capabilities() {
    let c = Client::start(&["utf-8", "utf-16"]);
    let caps = &c.init_result["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-8");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    assert_eq!(caps["textDocumentSync"]["openClose"], true);
    assert_eq!(caps["hoverProvider"], true);
    let kinds = caps["codeActionProvider"]["codeActionKinds"]
        .as_array()
        .unwrap();
    for kind in ["quickfix", "source.fixAll", "source.fixAll.caulk"] {
        assert!(kinds.contains(&json!(kind)), "{kind} in {kinds:?}");
    }
    assert_eq!(caps["workspace"]["workspaceFolders"]["supported"], true);
    assert_eq!(c.init_result["serverInfo"]["name"], "caulk");
    c.shutdown();

    let c = Client::start(&["utf-32", "utf-16"]);
    assert_eq!(c.init_result["capabilities"]["positionEncoding"], "utf-16");
    c.shutdown();
    let c = Client::start(&[]);
    assert_eq!(c.init_result["capabilities"]["positionEncoding"], "utf-16");
    c.shutdown();
}

#[test]
fn bad_dockerfile_gets_parse_error_with_code_link_and_severity() {
    let dir = tempfile::tempdir().unwrap();
    let uri = file_uri(&dir.path().join("Dockerfile"));
    let mut c = Client::start(&[]);
    let diagnostics = c.open(
        &uri,
        "dockerfile",
        "FROM alpine:3.20\nRUNN echo hello\nUSER nobody\n",
    );
    let d = find(&diagnostics, "DL1000");
    assert_eq!(d["range"]["start"], json!({ "line": 1, "character": 0 }));
    assert_eq!(d["severity"], 1, "error");
    assert_eq!(d["source"], "caulk");
    assert_eq!(
        d["codeDescription"]["href"],
        "https://caulk.dev/rules/DL1000"
    );
    assert!(d["message"].as_str().unwrap().contains("RUNN"), "{d}");

    // A file name alone makes a Dockerfile when the editor knows no language.
    let uri2 = file_uri(&dir.path().join("api.Dockerfile"));
    let diagnostics = c.open(&uri2, "plaintext", "FROM alpine:3.20\nRUNN x\n");
    assert!(codes(&diagnostics).contains(&"DL1000".to_string()));

    // Closing clears what was published.
    c.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert!(c.diagnostics(&uri).is_empty());
    c.shutdown();
}

#[test]
fn yaml_is_linted_as_kubernetes_never_as_a_dockerfile() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Client::start(&[]);
    let manifest = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:latest\n";
    let uri = file_uri(&dir.path().join("pod.yaml"));
    let diagnostics = c.open(&uri, "yaml", manifest);
    // Every finding on a manifest comes from a Kubernetes or engine rule.
    assert!(
        codes(&diagnostics)
            .iter()
            .all(|code| !code.starts_with("DL")),
        "{diagnostics:#?}"
    );

    // Text that would be a broken Dockerfile is not linted as one when the
    // editor says it is YAML.
    let uri = file_uri(&dir.path().join("Dockerfile.yaml"));
    let diagnostics = c.open(&uri, "yaml", "FROM alpine\nRUNN x\n");
    assert!(
        !codes(&diagnostics).contains(&"DL1000".to_string()),
        "{diagnostics:#?}"
    );

    // Neither kind: nothing to report.
    let uri = file_uri(&dir.path().join("notes.txt"));
    assert!(c.open(&uri, "plaintext", "RUNN x\n").is_empty());
    c.shutdown();
}

/// `😀` is two UTF-16 units and four UTF-8 bytes, so every column after it
/// differs between the encodings: edits and ranges must use the negotiated one.
fn incremental_edits_in(encoding: &str, emoji_units: u32) {
    let dir = tempfile::tempdir().unwrap();
    let uri = file_uri(&dir.path().join("Dockerfile"));
    let mut c = Client::start(&[encoding]);
    let diagnostics = c.open(
        &uri,
        "dockerfile",
        "FROM alpine:3.20\nWORKDIR /😀/x\nUSER nobody\n",
    );
    assert!(
        !codes(&diagnostics).contains(&"DL3000".to_string()),
        "{diagnostics:#?}"
    );
    let edit = |line: u32, start: u32, end: u32, text: &str| {
        json!({
            "range": { "start": { "line": line, "character": start }, "end": { "line": line, "character": end } },
            "text": text,
        })
    };
    // Drop the leading `/`, then (in the text that left) replace the `x`
    // after the emoji with `yz`; the path becomes relative.
    let x = 8 + emoji_units + 1;
    c.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [edit(1, 8, 9, ""), edit(1, x, x + 1, "yz")],
        }),
    );
    let diagnostics = c.diagnostics(&uri);
    let d = find(&diagnostics, "DL3000");
    assert!(d["message"].as_str().unwrap().contains("😀/yz"), "{d}");
    assert_eq!(d["range"]["start"], json!({ "line": 1, "character": 8 }));
    assert_eq!(
        d["range"]["end"],
        json!({ "line": 1, "character": 8 + emoji_units + 3 })
    );
    c.shutdown();
}

#[test]
fn incremental_edits_utf16() {
    incremental_edits_in("utf-16", 2);
}

#[test]
fn incremental_edits_utf8() {
    incremental_edits_in("utf-8", 4);
}

#[test]
fn queued_changes_are_linted_once_at_the_latest_version() {
    let uri = "file:///tmp/caulk-queued/Dockerfile";
    let change = |version: i32, text: &str| -> Message {
        Notification::new(
            "textDocument/didChange".into(),
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "text": text }] }),
        )
        .into()
    };
    let open = Notification::new(
        "textDocument/didOpen".into(),
        json!({ "textDocument": { "uri": uri, "languageId": "dockerfile", "version": 1, "text": "FROM a\nRUNN 1\n" } }),
    );
    let mut c = Client::start_with(
        &[],
        false,
        vec![
            open.into(),
            change(2, "FROM a\nRUNN 2\n"),
            change(3, "FROM alpine:3.20\nUSER nobody\n"),
        ],
    );
    let first = c.notification("textDocument/publishDiagnostics", |p| p["uri"] == uri);
    assert_eq!(
        first["version"], 3,
        "only the latest version is linted: {first}"
    );
    // Versions 1 and 2 have a parse error; the latest does not.
    assert!(
        !codes(first["diagnostics"].as_array().unwrap()).contains(&"DL1000".to_string()),
        "{first}"
    );
    // Nothing else was published for the document in between.
    let marker = c.ok(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 0 } }),
    );
    assert_eq!(marker, Value::Null);
    assert!(
        !c.inbox
            .iter()
            .any(|m| matches!(m, Message::Notification(n) if n.method == "textDocument/publishDiagnostics")),
        "{:?}",
        c.inbox
    );
    c.shutdown();
}

const WITH_FIXES: &str = "FROM python:3.12-slim\nMAINTAINER Jane <j@example.com>\nADD requirements.txt /app/\nUSER nobody\nCMD python /app/main.py\n";

#[test]
fn code_actions_fix_and_suppress_findings() {
    let dir = tempfile::tempdir().unwrap();
    let uri = file_uri(&dir.path().join("Dockerfile"));
    let mut c = Client::start(&[]);
    let diagnostics = c.open(&uri, "dockerfile", WITH_FIXES);
    let add = find(&diagnostics, "DL3020").clone();
    assert_eq!(add["range"]["start"]["line"], 2);

    let actions = c.ok(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": add["range"], "context": { "diagnostics": [add] } }),
    );
    let actions = actions.as_array().unwrap();
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert!(
        titles.contains(&"Fix DL3020: Replace `ADD` with `COPY`"),
        "{titles:?}"
    );
    assert!(
        titles.contains(&"Ignore DL3020 for this line"),
        "{titles:?}"
    );
    assert!(titles.contains(&"Ignore DL3020 in this file"), "{titles:?}");
    assert!(
        !titles.iter().any(|t| t.contains("DL4000")),
        "only findings in the range: {titles:?}"
    );
    let by_title = |t: &str| actions.iter().find(|a| a["title"] == t).unwrap();

    let fix = by_title("Fix DL3020: Replace `ADD` with `COPY`");
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["isPreferred"], true);
    assert_eq!(fix["diagnostics"][0]["code"], "DL3020");
    let fixed = apply_edits(WITH_FIXES, action_edits(fix, &uri));
    assert!(fixed.contains("\nCOPY requirements.txt /app/\n"), "{fixed}");
    let after = c.replace_all(&uri, 2, &fixed);
    assert!(!codes(&after).contains(&"DL3020".to_string()), "{after:#?}");

    // Suppressing for the line silences the finding and is not itself unused.
    let ignored = apply_edits(
        WITH_FIXES,
        action_edits(by_title("Ignore DL3020 for this line"), &uri),
    );
    assert!(
        ignored.contains("\n# caulk ignore=DL3020\nADD requirements.txt"),
        "{ignored}"
    );
    let after = c.replace_all(&uri, 3, &ignored);
    assert!(
        !codes(&after)
            .iter()
            .any(|code| code == "DL3020" || code == "CX1001"),
        "{after:#?}"
    );

    let ignored = apply_edits(
        WITH_FIXES,
        action_edits(by_title("Ignore DL3020 in this file"), &uri),
    );
    assert!(
        ignored.starts_with("# caulk global ignore=DL3020\nFROM"),
        "{ignored}"
    );
    let after = c.replace_all(&uri, 4, &ignored);
    assert!(
        !codes(&after)
            .iter()
            .any(|code| code == "DL3020" || code == "CX1001"),
        "{after:#?}"
    );

    // An unsafe fix says so and is not preferred.
    let after = c.replace_all(&uri, 5, WITH_FIXES);
    let cmd = find(&after, "DL3025").clone();
    let actions = c.ok(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": cmd["range"], "context": { "diagnostics": [] } }),
    );
    let unsafe_fix = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Fix DL3025"))
        .expect("DL3025 has a fix");
    assert!(
        unsafe_fix["title"].as_str().unwrap().ends_with(" (unsafe)"),
        "{unsafe_fix}"
    );
    assert!(unsafe_fix.get("isPreferred").is_none());
    c.shutdown();
}

#[test]
fn fix_all_applies_every_safe_fix_in_one_edit() {
    let dir = tempfile::tempdir().unwrap();
    let uri = file_uri(&dir.path().join("Dockerfile"));
    let mut c = Client::start(&[]);
    c.open(&uri, "dockerfile", WITH_FIXES);
    let actions = c.ok(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } },
            "context": { "diagnostics": [], "only": ["source.fixAll"] },
        }),
    );
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:#?}");
    assert_eq!(actions[0]["kind"], "source.fixAll.caulk");
    assert_eq!(actions[0]["title"], "Fix all safe problems");
    let fixed = apply_edits(WITH_FIXES, action_edits(&actions[0], &uri));
    let after = c.replace_all(&uri, 2, &fixed);
    let left = codes(&after);
    assert!(
        !left.contains(&"DL3020".to_string()) && !left.contains(&"DL4000".to_string()),
        "{fixed}\n{left:?}"
    );
    assert!(
        left.contains(&"DL3025".to_string()),
        "unsafe fixes are left alone: {fixed}"
    );
    c.shutdown();
}

#[test]
fn hover_shows_rule_documentation() {
    let dir = tempfile::tempdir().unwrap();
    let uri = file_uri(&dir.path().join("Dockerfile"));
    let mut c = Client::start(&[]);
    let text = "FROM alpine:3.20\n# hadolint ignore=DL3007\nRUNN x\nUSER nobody\n";
    let diagnostics = c.open(&uri, "dockerfile", text);
    let parse_error = find(&diagnostics, "DL1000");
    let hover = c.ok(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": parse_error["range"]["start"] }),
    );
    assert_eq!(hover["contents"]["kind"], "markdown");
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(
        value.contains("DL1000") && value.contains("## What it does"),
        "{value}"
    );
    assert!(value.contains("https://caulk.dev/rules/DL1000"), "{value}");

    // A code in a suppression comment.
    let hover = c.ok(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 1, "character": 20 } }),
    );
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.starts_with("### DL3007"), "{value}");
    assert_eq!(
        hover["range"]["start"],
        json!({ "line": 1, "character": 18 })
    );

    // Nothing under the cursor, a far-away position, a document never opened.
    for (doc, line, ch) in [
        (uri.as_str(), 0, 2),
        (uri.as_str(), 999, 999),
        ("file:///nowhere/Dockerfile", 0, 0),
    ] {
        let hover = c.ok(
            "textDocument/hover",
            json!({ "textDocument": { "uri": doc }, "position": { "line": line, "character": ch } }),
        );
        assert_eq!(hover, Value::Null);
    }
    c.shutdown();
}

#[test]
fn configuration_changes_relint_open_documents() {
    let dir = tempfile::tempdir().unwrap();
    let uri = file_uri(&dir.path().join("Dockerfile"));
    let mut c = Client::start_with(&[], true, Vec::new());
    let registration = loop {
        match c.recv() {
            Message::Request(r) if r.method == "client/registerCapability" => break r,
            other => c.inbox.push_back(other),
        }
    };
    let watchers = &registration.params["registrations"][0]["registerOptions"]["watchers"];
    let patterns: Vec<&str> = watchers
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["globPattern"].as_str().unwrap())
        .collect();
    for p in ["**/.caulk.yaml", "**/.caulk.yml", "**/.hadolint.yaml"] {
        assert!(patterns.contains(&p), "{patterns:?}");
    }
    c.conn
        .sender
        .send(Response::new_ok(registration.id, Value::Null).into())
        .unwrap();

    let before = c.open(&uri, "dockerfile", WITH_FIXES);
    assert!(codes(&before).contains(&"DL3020".to_string()));
    let config = dir.path().join(".caulk.yaml");
    std::fs::write(&config, "ignore:\n  - DL3020\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": file_uri(&config), "type": 1 }] }),
    );
    let after = c.diagnostics(&uri);
    assert!(!codes(&after).contains(&"DL3020".to_string()), "{after:#?}");
    assert!(codes(&after).contains(&"DL4000".to_string()), "{after:#?}");
    c.shutdown();
}

#[test]
fn broken_configuration_is_shown_and_defaults_apply() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".caulk.yaml"), "ignore: [: oops\n").unwrap();
    let uri = file_uri(&dir.path().join("Dockerfile"));
    let mut c = Client::start(&[]);
    let diagnostics = c.open(&uri, "dockerfile", WITH_FIXES);
    assert!(
        codes(&diagnostics).contains(&"DL3020".to_string()),
        "defaults apply: {diagnostics:#?}"
    );
    let message = c.notification("window/showMessage", |_| true);
    assert_eq!(message["type"], 1);
    assert!(
        message["message"].as_str().unwrap().contains(".caulk.yaml"),
        "{message}"
    );
    let config_uri = file_uri(&dir.path().join(".caulk.yaml"));
    let on_config = c.diagnostics(&config_uri);
    assert_eq!(on_config.len(), 1, "{on_config:#?}");

    // Fixed and saved: the error goes away, and it is announced again if it comes back.
    std::fs::write(dir.path().join(".caulk.yaml"), "ignore:\n  - DL3020\n").unwrap();
    c.notify(
        "textDocument/didSave",
        json!({ "textDocument": { "uri": config_uri } }),
    );
    assert!(c.diagnostics(&config_uri).is_empty());
    c.shutdown();
}

#[test]
fn malformed_and_unknown_messages_get_errors_not_crashes() {
    let mut c = Client::start(&[]);
    let r = c.request("textDocument/hover", json!({ "textDocument": 42 }));
    assert_eq!(
        r.response_result.expect_err("an error").code,
        -32602,
        "InvalidParams"
    );
    let r = c.request("textDocument/codeAction", Value::Null);
    assert_eq!(r.response_result.expect_err("an error").code, -32602);
    let r = c.request("caulk/noSuchThing", json!({}));
    assert_eq!(
        r.response_result.expect_err("an error").code,
        -32601,
        "MethodNotFound"
    );

    // Bad notifications are logged and dropped.
    c.notify("textDocument/didOpen", json!({ "textDocument": "nope" }));
    c.notify("textDocument/didChange", json!({ "textDocument": { "uri": "file:///never/Dockerfile", "version": 2 }, "contentChanges": [{ "text": "x" }] }));
    c.notify("$/cancelRequest", json!({ "id": 99 }));
    c.notify("made/up", json!([1, 2, 3]));

    // Documents never opened give empty answers.
    let actions = c.ok(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": "file:///never/Dockerfile" },
            "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } },
            "context": { "diagnostics": [] },
        }),
    );
    assert_eq!(actions, json!([]));

    // Out-of-range edits and requests are clamped.
    let uri = "file:///tmp/caulk-clamp/Dockerfile";
    c.open(uri, "dockerfile", "FROM alpine:3.20\n");
    c.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [{ "range": { "start": { "line": 50, "character": 3 }, "end": { "line": 60, "character": 0 } }, "text": "RUNN x\n" }],
        }),
    );
    let diagnostics = c.diagnostics(uri);
    assert_eq!(
        find(&diagnostics, "DL1000")["range"]["start"],
        json!({ "line": 1, "character": 0 })
    );
    let actions = c.ok(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": { "start": { "line": 1, "character": 0 }, "end": { "line": 700, "character": 9 } },
            "context": { "diagnostics": [] },
        }),
    );
    assert!(
        actions
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["title"] == "Ignore DL1000 for this line"),
        "{actions:#}"
    );
    c.shutdown();
}

#[test]
fn exit_without_shutdown_is_an_error() {
    let mut c = Client::start(&[]);
    c.notify("exit", Value::Null);
    let result = c.server.take().unwrap().join().unwrap();
    assert!(result.is_err());
}

#[test]
fn requests_before_initialize_are_refused() {
    let (client, server) = Connection::memory();
    client
        .sender
        .send(Request::new(RequestId::from(7), "textDocument/hover".into(), json!({})).into())
        .unwrap();
    // Unparseable initialize parameters get InvalidParams; a good one then works.
    client
        .sender
        .send(
            Request::new(
                RequestId::from(8),
                "initialize".into(),
                json!({ "capabilities": 5 }),
            )
            .into(),
        )
        .unwrap();
    let handle = std::thread::spawn(move || caulk_lsp::run(server));
    let Ok(Message::Response(r)) = client.receiver.recv_timeout(TIMEOUT) else {
        panic!()
    };
    assert_eq!(
        r.response_result.unwrap_err().code,
        -32002,
        "ServerNotInitialized"
    );
    let Ok(Message::Response(r)) = client.receiver.recv_timeout(TIMEOUT) else {
        panic!()
    };
    assert_eq!(r.response_result.unwrap_err().code, -32602);
    let mut c = Client {
        conn: client,
        server: Some(handle),
        inbox: VecDeque::new(),
        next_id: 100,
        init_result: Value::Null,
    };
    c.conn
        .sender
        .send(
            Request::new(
                RequestId::from(9),
                "initialize".into(),
                init_params(&[], false),
            )
            .into(),
        )
        .unwrap();
    assert!(c.response(RequestId::from(9)).response_result.is_ok());
    c.notify("initialized", json!({}));
    c.shutdown();
}

#[test]
fn dockerfiles_are_linted_with_their_build_context() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // A repository root, so the search for Compose files stops here.
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::create_dir_all(root.join("app")).unwrap();
    std::fs::write(root.join("app/.dockerignore"), "*.md\n").unwrap();
    let mut c = Client::start(&[]);
    let uri = file_uri(&root.join("app/Dockerfile"));
    let text = "FROM alpine:3.21\nCOPY README.md /docs/\nCOPY . /src\n";
    let diagnostics = c.open(&uri, "dockerfile", text);
    let d = find(&diagnostics, "CD1111");
    assert_eq!(d["range"]["start"], json!({ "line": 1, "character": 5 }));
    assert_eq!(d["range"]["end"], json!({ "line": 1, "character": 14 }));
    assert!(codes(&diagnostics).contains(&"CD1208".to_string()));

    // A Compose file at the root builds it from the root, whose ignore file
    // excludes `.git` and `.env` and not `*.md`.
    std::fs::write(
        root.join("compose.yaml"),
        "services:\n  app:\n    build:\n      context: .\n      dockerfile: app/Dockerfile\n",
    )
    .unwrap();
    std::fs::write(root.join(".dockerignore"), ".git\n.env\n").unwrap();
    let diagnostics = c.replace_all(&uri, 2, text);
    let found = codes(&diagnostics);
    assert!(
        !found.contains(&"CD1111".to_string()) && !found.contains(&"CD1208".to_string()),
        "{found:?}"
    );
    c.shutdown();
}

/// The line and UTF-16 column of byte `at` of an ASCII `text`.
fn position(text: &str, at: usize) -> Value {
    let line = text[..at].matches('\n').count();
    let column = at - text[..at].rfind('\n').map_or(0, |nl| nl + 1);
    json!({ "line": line, "character": column })
}

#[test]
fn edited_manifests_get_the_findings_of_a_fresh_open() {
    // The server re-lints only the documents an edit touches; what it
    // publishes must be what opening the edited text afresh gives.
    let dir = tempfile::tempdir().unwrap();
    let uri = file_uri(&dir.path().join("all.yaml"));
    let mut c = Client::start(&["utf-16"]);
    let mut text = String::new();
    for i in 0..60 {
        text.push_str(&format!(
            "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p{i}\nspec:\n  containers:\n    - name: app\n      image: nginx\n      securityContext: {{privileged: true}}\n"
        ));
    }
    assert!(text.len() > 8 * 1024, "big enough to be cut into pieces");
    c.open(&uri, "yaml", &text);
    let middle = text.find("name: p30").unwrap();
    let end = text.len();
    // (start, end, new text), each in the text the edit before left.
    let edits: Vec<(usize, usize, &str)> = vec![
        (4, 4, "# caulk global ignore=CK1003\n"),
        (middle, middle, "labels: {a: b}\n  "),
        (end + 29, end + 29, "      resources: {}\n"),
        (middle, middle, "---\n"),
        (middle, middle + 4, ""),
        (middle, middle, "  bad: [\n"),
        (middle, middle + 9, ""),
        (
            middle - 4,
            middle - 4,
            "---\nkind: ConfigMap\napiVersion: v1\ndata:\n  a: 1\n  a: 2\n",
        ),
        (0, 0, "---\nplain: yes\n\n"),
        (4, 29, ""),
        (0, 3, ""),
    ];
    for (n, (start, stop, new)) in edits.into_iter().enumerate() {
        let version = n as i32 + 2;
        let (from, to) = (position(&text, start), position(&text, stop));
        c.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{ "range": { "start": from, "end": to }, "text": new }],
            }),
        );
        text.replace_range(start..stop, new);
        let edited = c.notification("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri && p["version"] == version
        });
        let fresh_uri = file_uri(&dir.path().join(format!("fresh-{n}.yaml")));
        let fresh = c.open(&fresh_uri, "yaml", &text);
        c.notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": fresh_uri } }),
        );
        let edited = serde_json::to_string(&edited["diagnostics"]).unwrap();
        let fresh = serde_json::to_string(&fresh)
            .unwrap()
            .replace(&fresh_uri, &uri);
        assert_eq!(edited, fresh, "after edit {n}, the text being:\n{text}");
        assert!(edited.contains("CK"), "findings are published");
    }
    c.shutdown();
}
