//! What every fuzz target runs, shared by the `cargo fuzz` targets in
//! `fuzz/fuzz_targets/` and by the replay test in `tests/fuzz_replay.rs`
//! (which includes this file with `#[path]`), so a crash found by the fuzzer
//! reproduces in the normal test suite.
//!
//! Each entry point takes arbitrary bytes, must never panic, and checks the
//! invariants the rest of caulk relies on: every range lies inside the text
//! on character boundaries, every machine format parses, and no rendered
//! report carries a control character that the linted file smuggled in.

#![allow(dead_code)]

use caulk_lints::config::{Config, ConfigFile, Overrides};
use caulk_lints::report::{self, Format, RenderOptions};
use caulk_lints::rules::Profile;
use caulk_lints::{Applicability, FileKind, LintedFile, TextRange, lint};
use std::path::Path;

/// Every rule of every profile, so the fuzzer reaches every check.
pub fn all_rules() -> Config {
    let file = ConfigFile {
        profiles: Some(vec![
            Profile::Default,
            Profile::Cis,
            Profile::Baseline,
            Profile::Restricted,
            Profile::Strict,
        ]),
        ..ConfigFile::default()
    };
    Config::from_file(file, None).expect("every profile is valid")
}

/// The Dockerfile parser and the shell tokenizer on every `RUN` body.
pub fn dockerfile_parse(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = caulk_lints::dockerfile::parse(text);
    for error in &parsed.errors {
        check_range(text, error.range, "Dockerfile parse error");
    }
    for comment in &parsed.comments {
        check_range(text, comment.range, "Dockerfile comment");
    }
    let script = caulk_lints::dockerfile::shell::parse(text);
    for command in &script.commands {
        check_range(text, command.range, "shell command");
    }
}

/// The YAML loader, with the default budgets.
pub fn yaml_load(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let stream = caulk_lints::yaml::load(text, &caulk_lints::yaml::Limits::default());
    for error in &stream.errors {
        check_range(text, error.range, "YAML error");
    }
    for comment in &stream.comments {
        check_range(text, comment.range, "YAML comment");
    }
    for document in &stream.documents {
        check_range(text, document.range, "YAML document");
        // Iteratively: the loader bounds depth, but this check should not rely on it.
        let mut stack = vec![&document.root];
        while let Some(node) = stack.pop() {
            check_range(text, node.range, "YAML node");
            if let Some(alias) = node.alias {
                check_range(text, alias, "YAML alias");
            }
            match &node.value {
                caulk_lints::yaml::NodeValue::Sequence(items) => stack.extend(items),
                caulk_lints::yaml::NodeValue::Mapping(entries) => {
                    stack.extend(entries.iter().flat_map(|e| [&e.key, &e.value]))
                }
                _ => {}
            }
        }
    }
}

/// The whole pipeline for one file: bytes → lint (every rule) → every
/// output format → fixes applied and the result linted again.
pub fn lint_file(data: &[u8], kind: FileKind) {
    lint_file_with(data, kind, &all_rules());
}

pub fn lint_file_with(data: &[u8], kind: FileKind, config: &Config) {
    let name = match kind {
        FileKind::Dockerfile => "fuzz/Dockerfile",
        FileKind::Kubernetes => "fuzz/manifest.yaml",
    };
    let file = lint::lint_bytes(Path::new(name), data.to_vec(), kind, true, config);
    check_linted(&file);
    render_everything(std::slice::from_ref(&file));
    if file.skipped.is_none() {
        let fixed =
            caulk_lints::fix::apply_fixes(&file.source, &file.diagnostics, Applicability::Unsafe);
        if fixed.applied > 0 {
            let again = lint::lint_source_as(Path::new(name), fixed.text, kind, true, config);
            check_linted(&again);
        }
    }
}

/// Configuration and suppressions: the bytes before the first NUL are a
/// `.caulk.yaml` (and, separately, a `.hadolint.yaml`); the bytes after it
/// are a Dockerfile linted under that configuration (a fixed one with
/// suppression comments when there is no NUL).
pub fn config_and_suppressions(data: &[u8]) {
    const DOCKERFILE: &[u8] = b"# caulk global ignore=DL3007\nFROM alpine:latest\n\
        # hadolint ignore=DL3018,DL3059 -- reason\nRUN apk add curl\n\
        # caulk ignore=CK9999\nUSER root\n";
    let (config_text, dockerfile) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, DOCKERFILE),
    };
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    for name in [".caulk.yaml", ".hadolint.yaml"] {
        let path = dir.path().join(name);
        if std::fs::write(&path, config_text).is_err() {
            return;
        }
        match caulk_lints::config::load_config_file(&path, &Overrides::default()) {
            Ok(config) => {
                lint_file_with(dockerfile, FileKind::Dockerfile, &config);
                lint_file_with(config_text, FileKind::Kubernetes, &config);
            }
            Err(error) => {
                // The error must point inside the configuration text.
                if let Some(range) = error.range
                    && let Ok(text) = std::str::from_utf8(config_text)
                {
                    check_range(text, range, "configuration error");
                }
                let _ = error.to_string();
            }
        }
    }
}

/// Asserts the invariants every renderer relies on.
pub fn check_linted(file: &LintedFile) {
    let text = &file.source;
    for d in &file.diagnostics {
        check_range(text, d.range, d.code);
        for label in &d.labels {
            check_range(text, label.range, d.code);
        }
        if let Some(fix) = &d.fix {
            for edit in &fix.edits {
                check_range(text, edit.range, d.code);
            }
        }
    }
}

/// Renders `files` in every format and checks each parses, says no more
/// than it should and carries no control character from the input.
pub fn render_everything(files: &[LintedFile]) {
    let findings: usize = files
        .iter()
        .filter(|f| f.skipped.is_none())
        .map(|f| f.diagnostics.len())
        .sum();
    // SARIF describes only the rules that reported something: describing
    // every registered rule (the default) renders and re-parses every
    // rule's documentation on every input: about 70% of a run's time
    // (measured with perf on lint_kubernetes), spent on nothing the input
    // changes. Statistics on, so
    // the JSON report's per-rule counts are fuzzed too.
    let mut options = RenderOptions::new("0.0.0-fuzz", false).with_rules(Vec::new());
    options.statistics = true;
    for format in Format::ALL {
        let mut out = Vec::new();
        report::render(format, files, &options, &mut out).expect("writing to memory");
        let out = String::from_utf8(out).expect("reports are UTF-8");
        match format {
            Format::Full | Format::Concise => {
                // Without colour, no escape sequence of any kind reaches the terminal.
                assert!(
                    !out.chars()
                        .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r'),
                    "{format} output carries a control character:\n{out:?}"
                );
            }
            Format::Json | Format::Sarif | Format::Gitlab => {
                serde_json::from_str::<serde_json::Value>(&out)
                    .unwrap_or_else(|e| panic!("{format} output is not JSON ({e}):\n{out}"));
            }
            Format::Checkstyle | Format::Junit => {
                roxmltree::Document::parse(&out)
                    .unwrap_or_else(|e| panic!("{format} output is not XML ({e}):\n{out}"));
            }
            Format::Github => {
                // One workflow command per finding: no injected line can start another.
                let lines: Vec<&str> = out.lines().collect();
                assert_eq!(lines.len(), findings, "github lines:\n{out}");
                for line in lines {
                    assert!(
                        ["::error ", "::warning ", "::notice "]
                            .iter()
                            .any(|p| line.starts_with(p)),
                        "{line:?}"
                    );
                    assert!(!line.contains('\r'), "{line:?}");
                }
            }
        }
    }
}

fn check_range(text: &str, range: TextRange, what: &str) {
    let (start, end) = (range.start as usize, range.end as usize);
    assert!(
        start <= end && end <= text.len(),
        "{what}: range {start}..{end} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what}: range {start}..{end} splits a character"
    );
}

/// How many panics the process has had, counted by a panic hook installed
/// on first use that then calls the hook that was there (libFuzzer's,
/// which aborts, or the default one, which prints). The language server
/// catches a panic in a handler and answers with an error, so without this
/// count the replay test would pass an input the fuzzer crashed on.
fn panics_so_far() -> usize {
    use std::sync::Once;
    use std::sync::atomic::{AtomicUsize, Ordering};
    static PANICS: AtomicUsize = AtomicUsize::new(0);
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            PANICS.fetch_add(1, Ordering::SeqCst);
            previous(info);
        }));
    });
    PANICS.load(Ordering::SeqCst)
}

/// The language server over an in-memory connection: after `initialize`,
/// each line of `data` becomes one message. A line that is a JSON-RPC
/// message is sent as it is; otherwise its first byte picks a method and
/// the rest is the parameters (JSON when it parses, else a string), so
/// wrong parameter types, unknown documents and out-of-range positions all
/// arrive. The server must answer every request and shut down cleanly.
pub fn lsp_session(data: &[u8]) {
    use lsp_server::{Connection, Message, Notification, Request, RequestId};
    use serde_json::{Value, json};
    use std::time::Duration;

    const METHODS: &[&str] = &[
        "textDocument/didOpen",
        "textDocument/didChange",
        "textDocument/didClose",
        "textDocument/didSave",
        "textDocument/hover",
        "textDocument/codeAction",
        "textDocument/diagnostic",
        "workspace/didChangeWatchedFiles",
        "workspace/didChangeConfiguration",
        "workspace/executeCommand",
        "$/cancelRequest",
        "textDocument/formatting",
    ];
    const URIS: &[&str] = &[
        "file:///fuzz/Dockerfile",
        "file:///fuzz/deploy.yaml",
        "file:///fuzz/never-opened/Dockerfile",
        "untitled:Untitled-1",
    ];

    let panics_before = panics_so_far();
    let (client, server) = Connection::memory();
    let send = |m: Message| {
        let _ = client.sender.send(m);
    };
    send(
        Request::new(
            RequestId::from(0),
            "initialize".into(),
            json!({"capabilities": {"general": {"positionEncodings": ["utf-16", "utf-8"]}}}),
        )
        .into(),
    );
    send(Notification::new("initialized".into(), json!({})).into());
    let mut requests = 0;
    let mut next_id = 1;
    for line in data.split(|&b| b == b'\n').take(64) {
        if let Ok(message) = serde_json::from_slice::<Message>(line) {
            // Ours are the string ids; the session ends with our shutdown and exit.
            let keep = match &message {
                Message::Request(r) => r.method != "shutdown" && !r.id.to_string().starts_with('"'),
                Message::Notification(n) => n.method != "exit",
                Message::Response(_) => true,
            };
            if keep {
                send(message);
            }
            continue;
        }
        let Some((&selector, rest)) = line.split_first() else {
            continue;
        };
        let method = METHODS[selector as usize % METHODS.len()];
        let uri = URIS[(selector as usize / METHODS.len()) % URIS.len()];
        let rest = String::from_utf8_lossy(rest).into_owned();
        let params = match serde_json::from_str::<Value>(&rest) {
            Ok(value) => value,
            Err(_) => match method {
                "textDocument/didOpen" => json!({"textDocument": {
                    "uri": uri, "languageId": "dockerfile", "version": 1, "text": rest}}),
                "textDocument/didChange" => json!({
                    "textDocument": {"uri": uri, "version": 2},
                    "contentChanges": [{"range": {
                        "start": {"line": selector as u32 % 7, "character": rest.len()},
                        "end": {"line": u32::MAX, "character": 3}}, "text": rest}]}),
                _ => json!({"textDocument": {"uri": uri},
                    "position": {"line": rest.len(), "character": selector},
                    "range": {"start": {"line": 0, "character": 0},
                              "end": {"line": selector, "character": u32::MAX}},
                    "context": {"diagnostics": []}, "text": rest}),
            },
        };
        if method.starts_with("textDocument/did")
            || method.starts_with("workspace/didChange")
            || method.starts_with("$/")
        {
            send(Notification::new(method.into(), params).into());
        } else {
            // String ids, so they cannot collide with a fuzzer-written numeric id.
            send(
                Request::new(
                    RequestId::from(format!("f{next_id}")),
                    method.into(),
                    params,
                )
                .into(),
            );
            next_id += 1;
            requests += 1;
        }
    }
    send(
        Request::new(
            RequestId::from("shutdown".to_string()),
            "shutdown".into(),
            Value::Null,
        )
        .into(),
    );
    send(Notification::new("exit".into(), Value::Null).into());
    let handle = std::thread::spawn(move || caulk_lsp::run(server));
    // Every request of ours, and the shutdown, gets a response; the server
    // thread then ends, which disconnects the channel.
    let mut answered = 0;
    let mut shut_down = false;
    loop {
        match client.receiver.recv_timeout(Duration::from_secs(20)) {
            Ok(Message::Response(r)) if r.id == RequestId::from("shutdown".to_string()) => {
                shut_down = true
            }
            Ok(Message::Response(r)) if r.id.to_string().starts_with("\"f") => answered += 1,
            Ok(_) => {}
            Err(e) if e.is_disconnected() => break,
            Err(e) => panic!("the server stopped answering: {e:?}"),
        }
    }
    assert!(shut_down, "the server answers shutdown");
    assert_eq!(answered, requests, "every request gets a response");
    let _ = handle.join().expect("the server thread does not panic");
    // Counts every thread, so a panic in a concurrent test shows up here
    // too; that test fails anyway.
    assert_eq!(
        panics_so_far(),
        panics_before,
        "the server caught a panic while handling a message"
    );
}
