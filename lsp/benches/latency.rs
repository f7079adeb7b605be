//! Time from a `textDocument/didChange` to the `publishDiagnostics` it
//! causes, through the real server loop over an in-memory connection, for a
//! 1,000-line Dockerfile and a 5,000-line manifest. A benchmark, not a test:
//! `cargo bench -p caulk-lsp --bench latency` prints the median and p90.

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::json;
use std::time::{Duration, Instant};

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

fn measure(name: &str, uri: &str, language: &str, text: &str, rounds: usize) {
    let (client, server) = Connection::memory();
    let handle = std::thread::spawn(move || caulk_lsp::run(server));
    let send = |m: Message| client.sender.send(m).unwrap();
    send(
        Request::new(
            RequestId::from(0),
            "initialize".into(),
            json!({"capabilities": {}}),
        )
        .into(),
    );
    send(Notification::new("initialized".into(), json!({})).into());
    send(
        Notification::new(
            "textDocument/didOpen".into(),
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        )
        .into(),
    );
    let wait_publish = |version: Option<i64>| loop {
        match client
            .receiver
            .recv_timeout(Duration::from_secs(30))
            .expect("server answers")
        {
            Message::Notification(n)
                if n.method == "textDocument/publishDiagnostics"
                    && (version.is_none() || n.params["version"].as_i64() == version) =>
            {
                return n.params["diagnostics"].as_array().map_or(0, Vec::len);
            }
            _ => {}
        }
    };
    let count = wait_publish(None);
    let mut samples = Vec::with_capacity(rounds);
    for round in 0..rounds {
        let version = round as i64 + 2;
        // Alternate a one-character edit at the end of the first line.
        let edit = if round % 2 == 0 { " " } else { "" };
        let line0_len = text.lines().next().unwrap().len();
        let start = Instant::now();
        send(
            Notification::new(
                "textDocument/didChange".into(),
                json!({
                    "textDocument": {"uri": uri, "version": version},
                    "contentChanges": [{
                        "range": {"start": {"line": 0, "character": line0_len}, "end": {"line": 0, "character": line0_len + (round % 2)}},
                        "text": edit
                    }]
                }),
            )
            .into(),
        );
        wait_publish(Some(version));
        samples.push(start.elapsed());
    }
    send(Request::new(RequestId::from(1), "shutdown".into(), json!(null)).into());
    send(Notification::new("exit".into(), json!(null)).into());

    let _ = handle.join();
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

fn main() {
    measure(
        "Dockerfile",
        "file:///bench/Dockerfile",
        "dockerfile",
        &dockerfile(1000),
        200,
    );
    measure(
        "manifest",
        "file:///bench/deploy.yaml",
        "yaml",
        &manifest(5000),
        100,
    );
}
