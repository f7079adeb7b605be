//! `caulk server` as a process, over its real stdin and stdout: hostile
//! bytes get protocol errors, the session goes on, and it ends as the
//! specification says. (The full set of hostile cases runs in-process in
//! `lsp/tests/transport.rs`; this proves the binary uses that transport.)

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(30);

struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    inbox: mpsc::Receiver<Value>,
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_caulk"))
            .arg("server")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("caulk server starts");
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().unwrap();
        let (tx, inbox) = mpsc::channel();
        std::thread::spawn(move || {
            let mut out = BufReader::new(stdout);
            loop {
                let mut length = 0;
                loop {
                    let mut line = String::new();
                    if out.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    match line.trim_end() {
                        "" => break,
                        header => {
                            if let Some(n) = header.strip_prefix("Content-Length: ") {
                                length = n.parse().unwrap();
                            }
                        }
                    }
                }
                let mut body = vec![0; length];
                out.read_exact(&mut body).unwrap();
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        Server {
            child,
            stdin,
            inbox,
        }
    }

    fn raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().unwrap();
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        self.raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    fn next(&mut self) -> Value {
        self.inbox
            .recv_timeout(TIMEOUT)
            .expect("the server answers in time")
    }

    fn response(&mut self, id: Value) -> Value {
        loop {
            let m = self.next();
            if m.get("method").is_none() && m["id"] == id {
                return m;
            }
        }
    }

    fn request(&mut self, id: i64, method: &str, params: Value) -> Value {
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.response(json!(id))
    }

    fn hover_answers(&mut self, id: i64) {
        let r = self.request(
            id,
            "textDocument/hover",
            json!({ "textDocument": { "uri": "file:///w/Dockerfile" }, "position": { "line": 0, "character": 0 } }),
        );
        assert_eq!(r["result"], Value::Null, "{r:#}");
    }

    /// Waits for the process to end; its exit status and stderr.
    fn wait(mut self) -> (std::process::ExitStatus, String) {
        drop(self.stdin.take());
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                let mut stderr = String::new();
                self.child
                    .stderr
                    .take()
                    .unwrap()
                    .read_to_string(&mut stderr)
                    .unwrap();
                return (status, stderr);
            }
            assert!(Instant::now() < deadline, "caulk server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

#[test]
fn hostile_input_over_stdio_gets_errors_and_the_session_goes_on() {
    let mut s = Server::start();
    let r = s.request(1, "textDocument/hover", json!({}));
    assert_eq!(r["error"]["code"], -32002, "ServerNotInitialized: {r:#}");
    let r = s.request(2, "initialize", json!({ "capabilities": {} }));
    assert!(r["result"]["capabilities"].is_object(), "{r:#}");
    s.send(json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }));

    // Invalid JSON, then a truncated header, then a message without a method.
    s.raw(b"Content-Length: 5\r\n\r\n{\"a\":");
    let e = s.response(Value::Null);
    assert_eq!(e["error"]["code"], -32700, "{e:#}");
    s.hover_answers(3);
    s.raw(b"Content-Le\r\n\r\n");
    assert_eq!(s.response(Value::Null)["error"]["code"], -32700);
    s.hover_answers(4);
    s.send(json!({ "jsonrpc": "2.0", "id": 5 }));
    assert_eq!(s.response(json!(5))["error"]["code"], -32600);
    s.hover_answers(6);

    // Wrong parameter types and unknown methods.
    let r = s.request(7, "textDocument/hover", json!({ "textDocument": 1 }));
    assert_eq!(r["error"]["code"], -32602, "{r:#}");
    let r = s.request(8, "workspace/nothingHere", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r:#}");
    s.hover_answers(9);

    // A document is still linted as usual.
    s.send(json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": { "textDocument": {
        "uri": "file:///w/Dockerfile", "languageId": "dockerfile", "version": 1, "text": "FROM ubuntu\nRUNN x\n" } } }));
    let published = loop {
        let m = s.next();
        if m["method"] == "textDocument/publishDiagnostics" {
            break m;
        }
    };
    let codes: Vec<&str> = published["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"DL1000"), "{published:#}");

    let r = s.request(10, "shutdown", Value::Null);
    assert_eq!(r["result"], Value::Null, "{r:#}");
    let r = s.request(11, "textDocument/hover", json!({}));
    assert_eq!(r["error"]["code"], -32600, "after shutdown: {r:#}");
    s.send(json!({ "jsonrpc": "2.0", "method": "exit" }));
    let (status, stderr) = s.wait();
    assert!(status.success(), "{status:?}: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn end_of_input_ends_the_process() {
    let mut s = Server::start();
    s.raw(b"Content-Length: 100\r\n\r\n{\"jsonrpc\": \"2.0\", ");
    let (status, stderr) = s.wait();
    assert_eq!(status.code(), Some(1), "no shutdown was asked for");
    assert!(stderr.contains("disconnected"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
