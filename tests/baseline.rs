//! End-to-end tests of `caulk check --write-baseline` and `--baseline`.

mod common;
use common::run;
use std::path::Path;
use std::process::Command;

fn caulk(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_caulk"));
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE");
    cmd
}

const BAD: &str = "FROM alpine:latest\nRUN cd /tmp && make\n";

/// A directory with a bad Dockerfile and a baseline of its findings.
fn baselined() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("Dockerfile"), BAD).unwrap();
    let (code, out, err) =
        run(caulk(dir.path()).args(["check", "--write-baseline", "caulk-baseline.json", "."]));
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("caulk-baseline.json"), "{out}");
    dir
}

fn check_concise(dir: &Path) -> (i32, String, String) {
    run(caulk(dir).args([
        "check",
        "-f",
        "concise",
        "--baseline",
        "caulk-baseline.json",
        "Dockerfile",
    ]))
}

#[test]
fn written_baseline_is_small_sorted_json() {
    let dir = baselined();
    let text = std::fs::read_to_string(dir.path().join("caulk-baseline.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["version"], 1);
    let findings = json["findings"].as_array().unwrap();
    let codes: Vec<&str> = findings
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"DL3007") && codes.contains(&"DL3003"),
        "{text}"
    );
    for f in findings {
        assert_eq!(f["path"], "Dockerfile", "{text}");
        assert_eq!(f["fingerprint"].as_str().unwrap().len(), 16, "{text}");
        assert_eq!(f.as_object().unwrap().len(), 3, "{text}");
    }
    let mut sorted = codes.clone();
    sorted.sort();
    assert_eq!(codes, sorted);
    // Written again, byte for byte the same.
    run(caulk(dir.path()).args(["check", "--write-baseline", "again.json", "."]));
    let again = std::fs::read_to_string(dir.path().join("again.json")).unwrap();
    assert_eq!(again, text);
}

#[test]
fn baselined_findings_pass_and_are_counted() {
    let dir = baselined();
    let (code, out, err) = check_concise(dir.path());
    assert_eq!(code, 0, "{out}{err}");
    assert!(!out.contains("DL3007"), "{out}");
    assert!(out.contains("baselined"), "{out}");
    assert!(
        out.lines().last().unwrap().ends_with("(3 baselined)."),
        "{out}"
    );
}

#[test]
fn unrelated_lines_above_keep_findings_baselined() {
    let dir = baselined();
    std::fs::write(
        dir.path().join("Dockerfile"),
        format!("# syntax=docker/dockerfile:1\n# a comment\n\n{BAD}"),
    )
    .unwrap();
    let (code, out, err) = check_concise(dir.path());
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn only_new_findings_are_reported_and_fail() {
    let dir = baselined();
    std::fs::write(
        dir.path().join("Dockerfile"),
        format!("# new lines above\n{BAD}RUN sudo make install\n"),
    )
    .unwrap();
    let (code, out, err) = check_concise(dir.path());
    assert_eq!(code, 1, "{out}{err}");
    let findings: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("Dockerfile:"))
        .collect();
    assert!(!findings.is_empty(), "{out}");
    assert!(
        findings.iter().all(|l| l.starts_with("Dockerfile:4:")),
        "only the new RUN sudo line is reported:\n{out}"
    );
    assert!(out.contains("DL3004"), "{out}");
    assert!(!out.contains("DL3007") && !out.contains("DL3003"), "{out}");
    assert!(out.contains("(3 baselined)."), "{out}");
}

#[test]
fn missing_or_malformed_baseline_is_an_error_naming_the_file() {
    let dir = baselined();
    std::fs::write(
        dir.path().join("broken.json"),
        "{\"version\": 1, \"findings\": [",
    )
    .unwrap();
    for name in ["broken.json", "missing.json"] {
        let (code, out, err) =
            run(caulk(dir.path()).args(["check", "--baseline", name, "Dockerfile"]));
        assert_eq!(code, 2, "{name}: {out}{err}");
        assert!(err.contains(name), "{name}: {err}");
    }
}

#[test]
fn write_baseline_exits_zero_and_baseline_of_machine_format_paths() {
    // Findings in a subdirectory are recorded with `/`-separated relative
    // paths, and the baseline applies whichever way the path is named.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("app")).unwrap();
    std::fs::write(dir.path().join("app/Dockerfile"), BAD).unwrap();
    let (code, _, err) = run(caulk(dir.path()).args(["check", "--write-baseline", "b.json"]));
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(dir.path().join("b.json")).unwrap();
    assert!(text.contains("\"path\": \"app/Dockerfile\""), "{text}");
    for path in ["app/Dockerfile", "./app/Dockerfile", "app"] {
        let (code, out, err) = run(caulk(dir.path()).args(["check", "--baseline", "b.json", path]));
        assert_eq!(code, 0, "{path}: {out}{err}");
    }
}
