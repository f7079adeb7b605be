//! Time from a `textDocument/didChange` to the `publishDiagnostics` it
//! causes, for a 1,000-line Dockerfile and a 5,000-line manifest: the
//! server `caulk server` runs (its transport, loop and serialisation) over
//! a pair of OS pipes, timed from writing the change to reading the last
//! byte of the diagnostics. A benchmark, not a test:
//! `cargo bench -p caulk-lsp --bench latency` prints the median and p90.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::time::Instant;

fn dockerfile(lines: usize) -> String {
    let mut text = String::from("FROM debian:bookworm\n");
    while text.lines().count() < lines {
        text.push_str("RUN apt-get update && \\\n    apt-get install -y --no-install-recommends curl=8.5.0-2 \\\n    && rm -rf /var/lib/apt/lists/*\n");
        text.push_str(
            "ENV APP_HOME=/srv/app PATH=/srv/app/bin:$PATH\nCOPY --chown=app:app src/ /srv/app/\n",
        );
    }
    text.push_str("USER 10001\nCMD [\"/srv/app/bin/run\"]\n");
    text
}

fn manifest(lines: usize) -> String {
    let mut text = String::new();
    let mut n = 0;
    while text.lines().count() < lines {
        n += 1;
        text.push_str(&format!(
            "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-{n}\n  namespace: shop\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web-{n}\n  template:\n    metadata:\n      labels:\n        app: web-{n}\n    spec:\n      containers:\n        - name: web\n          image: registry.example.com/web:1.{n}\n          securityContext:\n            allowPrivilegeEscalation: false\n            runAsNonRoot: true\n          resources:\n            requests: {{cpu: 100m, memory: 128Mi}}\n            limits: {{cpu: 500m, memory: 256Mi}}\n"
        ));
    }
    text
}

/// The client's side of the byte streams: writes framed messages, reads them.
struct Client {
    to_server: std::io::PipeWriter,
    from_server: BufReader<std::io::PipeReader>,
}

impl Client {
    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(
            self.to_server,
            "Content-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        self.to_server.flush().unwrap();
    }

    /// The next message and the moment its last byte was read.
    fn recv(&mut self) -> (Value, Instant) {
        let mut length = 0;
        loop {
            let mut line = String::new();
            assert!(
                self.from_server.read_line(&mut line).unwrap() > 0,
                "server closed"
            );
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = n.parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        self.from_server.read_exact(&mut body).unwrap();
        let at = Instant::now();
        (serde_json::from_slice(&body).unwrap(), at)
    }

    /// Waits for the diagnostics of `version` (any version when `None`).
    fn published(&mut self, version: Option<i64>) -> (usize, Instant) {
        loop {
            let (message, at) = self.recv();
            if message["method"] == "textDocument/publishDiagnostics"
                && (version.is_none() || message["params"]["version"].as_i64() == version)
            {
                let count = message["params"]["diagnostics"]
                    .as_array()
                    .map_or(0, Vec::len);
                return (count, at);
            }
        }
    }
}

fn measure(name: &str, uri: &str, language: &str, text: &str, rounds: usize) {
    let (server_in, to_server) = std::io::pipe().unwrap();
    let (from_server, server_out) = std::io::pipe().unwrap();
    let handle = std::thread::spawn(move || caulk_lsp::serve(server_in, server_out));
    let mut client = Client {
        to_server,
        from_server: BufReader::new(from_server),
    };
    client.send(
        json!({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"capabilities": {}}}),
    );
    client.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    client.send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": {"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}}));
    let (count, _) = client.published(None);
    let line0_len = text.lines().next().unwrap().len();
    let mut samples = Vec::with_capacity(rounds);
    for round in 0..rounds {
        let version = round as i64 + 2;
        // Alternate a one-character edit at the end of the first line.
        let edit = if round % 2 == 0 { " " } else { "" };
        let change = json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{
                "range": {"start": {"line": 0, "character": line0_len}, "end": {"line": 0, "character": line0_len + (round % 2)}},
                "text": edit
            }]
        }});
        let start = Instant::now();
        client.send(change);
        let (_, at) = client.published(Some(version));
        samples.push(at - start);
    }
    client.send(json!({"jsonrpc": "2.0", "id": 1, "method": "shutdown"}));
    client.send(json!({"jsonrpc": "2.0", "method": "exit"}));
    handle
        .join()
        .unwrap()
        .expect("the server shuts down cleanly");
    samples.sort();
    let median = samples[samples.len() / 2];
    let p90 = samples[samples.len() * 9 / 10];
    println!(
        "{name}: {} lines, {count} findings, {rounds} changes: median {:.2} ms, p90 {:.2} ms",
        text.lines().count(),
        median.as_secs_f64() * 1e3,
        p90.as_secs_f64() * 1e3
    );
}

/// `CAULK_BENCH_ROUNDS` shortens the run, e.g. under callgrind.
fn rounds(default: usize) -> usize {
    std::env::var("CAULK_BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    // `CAULK_BENCH_ONLY=Dockerfile` (or `manifest`) runs one of the two.
    let only = std::env::var("CAULK_BENCH_ONLY").ok();
    let wanted = |name: &str| only.as_deref().is_none_or(|o| o.eq_ignore_ascii_case(name));
    if wanted("Dockerfile") {
        measure(
            "Dockerfile",
            "file:///bench/Dockerfile",
            "dockerfile",
            &dockerfile(1000),
            rounds(200),
        );
    }
    if wanted("manifest") {
        measure(
            "manifest",
            "file:///bench/deploy.yaml",
            "yaml",
            &manifest(5000),
            rounds(100),
        );
    }
}
