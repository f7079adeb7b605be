//! Hostile bytes on the wire: the server as `caulk server` runs it
//! ([`caulk_lsp::serve`] over OS pipes), fed truncated headers, invalid
//! JSON, messages of the wrong shape, bad parameters, unknown methods and
//! requests out of order. Each is answered with the protocol's error (or
//! harmlessly ignored) and followed by a normal request that proves the
//! server still serves.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

const TIMEOUT: Duration = Duration::from_secs(20);

struct Wire {
    to_server: Option<std::io::PipeWriter>,
    inbox: mpsc::Receiver<Value>,
    server: Option<JoinHandle<caulk_lsp::ServerResult<()>>>,
    next_id: i64,
}

/// Reads framed messages until the server closes its output.
fn read_frames(from_server: std::io::PipeReader, inbox: mpsc::Sender<Value>) {
    let mut input = BufReader::new(from_server);
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            if input.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            let (name, value) = line
                .split_once(": ")
                .expect("the server writes good headers");
            if name == "Content-Length" {
                length = Some(value.parse().unwrap());
            }
        }
        let mut body = vec![0; length.expect("a Content-Length")];
        input.read_exact(&mut body).unwrap();
        let value = serde_json::from_slice(&body).expect("the server writes JSON");
        if inbox.send(value).is_err() {
            return;
        }
    }
}

impl Wire {
    fn start() -> Wire {
        let (server_in, to_server) = std::io::pipe().unwrap();
        let (from_server, server_out) = std::io::pipe().unwrap();
        let server = std::thread::spawn(move || caulk_lsp::serve(server_in, server_out));
        let (tx, inbox) = mpsc::channel();
        std::thread::spawn(move || read_frames(from_server, tx));
        Wire {
            to_server: Some(to_server),
            inbox,
            server: Some(server),
            next_id: 1,
        }
    }

    fn initialized() -> Wire {
        let mut w = Wire::start();
        let result = w.ok("initialize", json!({ "capabilities": {} }));
        assert!(result["capabilities"].is_object());
        w.notify("initialized", json!({}));
        w
    }

    fn raw(&mut self, bytes: &[u8]) {
        let pipe = self.to_server.as_mut().expect("input still open");
        pipe.write_all(bytes).unwrap();
        pipe.flush().unwrap();
    }

    fn frame(&mut self, body: &[u8]) {
        self.raw(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
        self.raw(body);
    }

    fn send(&mut self, message: Value) {
        self.frame(message.to_string().as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and returns its response, skipping notifications.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.response_to(json!(id))
    }

    fn ok(&mut self, method: &str, params: Value) -> Value {
        let response = self.request(method, params);
        assert!(response.get("error").is_none(), "{method}: {response:#}");
        response["result"].clone()
    }

    fn error_code(&mut self, method: &str, params: Value) -> i64 {
        let response = self.request(method, params);
        response["error"]["code"]
            .as_i64()
            .unwrap_or_else(|| panic!("an error: {response:#}"))
    }

    fn next(&mut self) -> Value {
        self.inbox
            .recv_timeout(TIMEOUT)
            .expect("the server answers in time")
    }

    fn response_to(&mut self, id: Value) -> Value {
        loop {
            let m = self.next();
            if m.get("method").is_none() && m["id"] == id {
                return m;
            }
        }
    }

    /// The next error response with a null id (one the server could not
    /// tie to a request): its code.
    fn anonymous_error(&mut self) -> i64 {
        loop {
            let m = self.next();
            if m.get("method").is_none() && m["id"].is_null() {
                return m["error"]["code"].as_i64().expect("an error");
            }
        }
    }

    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        loop {
            let m = self.next();
            if m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
            {
                return m["params"]["diagnostics"].as_array().unwrap().clone();
            }
        }
    }

    /// A normal request that proves the server still serves.
    fn still_serves(&mut self) {
        let hover = self.ok(
            "textDocument/hover",
            json!({ "textDocument": { "uri": "file:///w/never/Dockerfile" }, "position": { "line": 0, "character": 0 } }),
        );
        assert_eq!(hover, Value::Null);
    }

    fn close_input(&mut self) {
        self.to_server = None;
    }

    fn join(&mut self) -> caulk_lsp::ServerResult<()> {
        let handle = self.server.take().unwrap();
        for _ in 0..200 {
            if handle.is_finished() {
                return handle.join().expect("the server does not panic");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("the server did not end");
    }

    fn shutdown(mut self) {
        assert_eq!(self.ok("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        let result = self.join();
        assert!(result.is_ok(), "{:?}", result.err());
    }
}

const PARSE_ERROR: i64 = -32700;
const INVALID_REQUEST: i64 = -32600;
const METHOD_NOT_FOUND: i64 = -32601;
const INVALID_PARAMS: i64 = -32602;
const SERVER_NOT_INITIALIZED: i64 = -32002;

#[test]
fn malformed_framing_is_answered_and_skipped() {
    let mut w = Wire::initialized();

    // Invalid JSON.
    w.frame(b"{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": ");
    assert_eq!(w.anonymous_error(), PARSE_ERROR);
    w.still_serves();

    // Not UTF-8.
    w.frame(b"{\"jsonrpc\": \"2.0\", \"method\": \"\xff\xfe\"}");
    assert_eq!(w.anonymous_error(), PARSE_ERROR);
    w.still_serves();

    // A truncated header block, then a header that is not a length.
    w.raw(b"Content-Len\r\n\r\n");
    assert_eq!(w.anonymous_error(), PARSE_ERROR);
    w.raw(b"Content-Length: twelve\r\n\r\n");
    assert_eq!(w.anonymous_error(), PARSE_ERROR);
    w.still_serves();

    // A body whose header was lost runs into the next message's header:
    // the garbage is reported and the request after it is answered.
    let request = json!({ "jsonrpc": "2.0", "id": "after-garbage", "method": "textDocument/hover",
        "params": { "textDocument": { "uri": "file:///w/x/Dockerfile" }, "position": { "line": 0, "character": 0 } } })
    .to_string();
    w.raw(
        format!(
            "{{\"lost\": true}}Content-Length: {}\r\n\r\n{request}",
            request.len()
        )
        .as_bytes(),
    );
    assert_eq!(w.anonymous_error(), PARSE_ERROR);
    let response = w.response_to(json!("after-garbage"));
    assert_eq!(response["result"], Value::Null, "{response:#}");

    // A length nobody could mean is refused without waiting for the bytes.
    w.raw(b"Content-Length: 99999999999999\r\n\r\n");
    assert_eq!(w.anonymous_error(), PARSE_ERROR);
    w.still_serves();
    w.shutdown();
}

#[test]
fn messages_of_the_wrong_shape_get_invalid_request() {
    let mut w = Wire::initialized();
    w.send(json!({ "jsonrpc": "2.0", "id": 41 }));
    assert_eq!(w.response_to(json!(41))["error"]["code"], INVALID_REQUEST);
    w.send(json!({ "jsonrpc": "2.0", "id": 42, "method": 7 }));
    assert_eq!(w.response_to(json!(42))["error"]["code"], INVALID_REQUEST);
    w.send(json!({ "jsonrpc": "1.0", "id": 43, "method": "shutdown" }));
    assert_eq!(w.response_to(json!(43))["error"]["code"], INVALID_REQUEST);
    w.send(json!([{ "jsonrpc": "2.0", "id": 44, "method": "shutdown" }]));
    assert_eq!(w.anonymous_error(), INVALID_REQUEST);
    w.send(json!("hello"));
    assert_eq!(w.anonymous_error(), INVALID_REQUEST);
    w.send(json!({ "jsonrpc": "2.0", "id": { "no": 1 }, "method": "shutdown" }));
    assert_eq!(w.anonymous_error(), INVALID_REQUEST);
    // A response to nothing the server asked is ignored.
    w.send(json!({ "jsonrpc": "2.0", "id": "caulk-999", "result": null }));
    w.still_serves();
    w.shutdown();
}

#[test]
fn bad_requests_get_protocol_errors_and_the_server_goes_on() {
    let mut w = Wire::initialized();
    assert_eq!(
        w.error_code("textDocument/hover", json!({ "textDocument": 42 })),
        INVALID_PARAMS
    );
    w.still_serves();
    assert_eq!(
        w.error_code("textDocument/codeAction", json!("everything")),
        INVALID_PARAMS
    );
    w.still_serves();
    assert_eq!(
        w.error_code("caulk/selfDestruct", json!({})),
        METHOD_NOT_FOUND
    );
    w.still_serves();
    assert_eq!(
        w.error_code("initialize", json!({ "capabilities": {} })),
        INVALID_REQUEST,
        "initialize twice"
    );
    w.still_serves();

    // Documents never opened: empty answers, and changes to them are dropped.
    let never = "file:///w/never-opened/Dockerfile";
    let actions = w.ok(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": never },
            "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 3, "character": 0 } },
            "context": { "diagnostics": [] } }),
    );
    assert_eq!(actions, json!([]));
    w.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": never, "version": 2 }, "contentChanges": [{ "text": "FROM x\n" }] }),
    );
    w.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": never } }),
    );
    // Notifications with bad parameters are logged and dropped.
    w.notify("textDocument/didOpen", json!({ "textDocument": [1, 2] }));
    w.notify("textDocument/didChange", Value::Null);
    w.still_serves();

    // Edits far outside the document are clamped to its end.
    let uri = "file:///w/clamp/Dockerfile";
    w.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "dockerfile", "version": 1, "text": "FROM alpine:3.20\n" } }),
    );
    w.diagnostics(uri, 1);
    w.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [
            { "range": { "start": { "line": 4000000000u32, "character": 9 }, "end": { "line": 4000000001u32, "character": 4000000000u32 } }, "text": "RUNN x\n" },
        ] }),
    );
    let diagnostics = w.diagnostics(uri, 2);
    let parse_error = diagnostics
        .iter()
        .find(|d| d["code"] == "DL1000")
        .unwrap_or_else(|| panic!("{diagnostics:#?}"));
    assert_eq!(parse_error["range"]["start"]["line"], 1);
    w.still_serves();
    w.shutdown();
}

#[test]
fn requests_before_initialize_and_after_shutdown_are_refused() {
    let mut w = Wire::start();
    assert_eq!(
        w.error_code("textDocument/hover", json!({})),
        SERVER_NOT_INITIALIZED
    );
    w.notify("textDocument/didOpen", json!({}));
    // Garbage before initialize is answered the same way.
    w.frame(b"not json");
    assert_eq!(w.anonymous_error(), PARSE_ERROR);
    assert_eq!(
        w.error_code("initialize", json!({ "capabilities": "none" })),
        INVALID_PARAMS
    );
    w.ok("initialize", json!({ "capabilities": {} }));
    w.notify("initialized", json!({}));
    w.still_serves();

    assert_eq!(w.ok("shutdown", Value::Null), Value::Null);
    assert_eq!(
        w.error_code("textDocument/hover", json!({})),
        INVALID_REQUEST
    );
    assert_eq!(w.error_code("shutdown", Value::Null), INVALID_REQUEST);
    w.frame(b"{oops");
    assert_eq!(w.anonymous_error(), PARSE_ERROR);
    w.notify("exit", Value::Null);
    assert!(w.join().is_ok());
}

#[test]
fn end_of_input_ends_the_session() {
    // Mid-message, without shutdown: the server ends, reporting it.
    let mut w = Wire::initialized();
    w.raw(b"Content-Length: 80\r\n\r\n{\"jsonrpc\"");
    w.close_input();
    assert!(w.join().is_err());

    // After shutdown, a closed input is a normal end.
    let mut w = Wire::initialized();
    assert_eq!(w.ok("shutdown", Value::Null), Value::Null);
    w.close_input();
    assert!(w.join().is_ok());

    // Before initialize.
    let mut w = Wire::start();
    w.close_input();
    assert!(w.join().is_err());
}
