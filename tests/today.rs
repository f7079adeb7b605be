//! End-to-end: `caulk check --today`, the date date-dependent rules compare against.

use std::process::{Command, Stdio};

fn check_stdin(args: &[&str], input: &[u8]) -> (i32, String, String) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_caulk"))
        .env("NO_COLOR", "1")
        .arg("check")
        .args(args)
        .args(["--stdin-filename", "Dockerfile", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A usage error exits before reading standard input.
    let _ = child.stdin.take().unwrap().write_all(input);
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn malformed_today_is_a_usage_error() {
    for bad in ["2024-02-30", "tomorrow", "2024-6-1"] {
        let (code, _, stderr) = check_stdin(&["--today", bad], b"FROM scratch\n");
        assert_eq!(code, 2, "{bad}: {stderr}");
        assert!(stderr.contains("--today"), "{stderr}");
        assert!(stderr.contains(bad), "{stderr}");
    }
    let (code, _, stderr) = check_stdin(&["--today", "2024-02-29", "-q"], b"FROM scratch\n");
    assert_ne!(code, 2, "{stderr}");
}

#[test]
fn today_decides_end_of_life_findings() {
    let text = b"FROM python:3.9-slim\nUSER 1000\n";
    let lint = |args: &[&str]| {
        let mut all = vec!["--select", "CD1401", "-f", "concise", "-q"];
        all.extend_from_slice(args);
        check_stdin(&all, text)
    };
    // Python 3.9's end of life is 2025-10-31; the warning window is 90 days.
    let (code, out, _) = lint(&["--today", "2025-01-01"]);
    assert_eq!((code, out.as_str()), (0, ""));
    let (code, out, _) = lint(&["--today", "2025-09-01"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("reaches end of life on 2025-10-31 (in 60 days)"),
        "{out}"
    );
    assert!(out.contains("Dockerfile:1:13: "), "{out}");
    let (code, out, _) = lint(&["--today", "2026-01-01"]);
    assert_eq!(code, 1);
    assert!(out.contains("reached end of life on 2025-10-31"), "{out}");
}

#[test]
fn command_line_today_beats_the_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join(".caulk.yaml");
    std::fs::write(&config, "today: 2020-01-01\n").unwrap();
    let config = config.to_str().unwrap();
    let text = b"FROM node:16\n";
    let (code, out, _) = check_stdin(
        &["--config", config, "--select", "CD1401", "-f", "concise"],
        text,
    );
    assert_eq!(code, 0, "{out}");
    let (code, out, _) = check_stdin(
        &[
            "--config",
            config,
            "--select",
            "CD1401",
            "--today",
            "2024-01-01",
            "-f",
            "concise",
        ],
        text,
    );
    assert_eq!(code, 1);
    assert!(
        out.contains("Node.js 16, which reached end of life on 2023-09-11"),
        "{out}"
    );
}
