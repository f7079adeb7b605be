//! End-to-end tests of team policy: governed suppressions, statistics,
//! inherited and per-path configuration.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn caulk() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_caulk"));
    cmd.env("NO_COLOR", "1").env_remove("CLICOLOR_FORCE");
    cmd
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let Output {
        status,
        stdout,
        stderr,
    } = cmd.output().expect("caulk runs");
    (
        status.code().expect("exited normally"),
        String::from_utf8(stdout).expect("UTF-8 stdout"),
        String::from_utf8(stderr).expect("UTF-8 stderr"),
    )
}

fn write(dir: &Path, name: &str, text: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

const DOCKERFILE: &str = "\
FROM alpine:3.20
USER app
# caulk ignore=DL3018 -- pinned upstream, expires=2027-03-31
RUN apk add curl
RUN apk add git
";

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "Dockerfile", DOCKERFILE);
    write(
        dir.path(),
        ".caulk.yaml",
        "profiles: []\nselect: [DL3018, DL3059, CX1001, CX1002]\nignore: [DL3059]\n",
    );
    dir
}

#[test]
fn an_expired_suppression_is_reported_and_stops_suppressing_on_its_date() {
    let dir = project();
    let (code, out, err) = run(caulk().current_dir(dir.path()).args([
        "check",
        "-f",
        "concise",
        "--today",
        "2027-03-30",
        "Dockerfile",
    ]));
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        !out.contains("CX1002") && !out.contains("Dockerfile:4:"),
        "{out}"
    );

    let (code, out, err) = run(caulk().current_dir(dir.path()).args([
        "check",
        "-f",
        "concise",
        "--today",
        "2027-03-31",
        "Dockerfile",
    ]));
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("Dockerfile:3:43: CX1002 [warning] this suppression expired on 2027-03-31"),
        "{out}"
    );
    assert!(out.contains("Dockerfile:4:13: DL3018 [warning]"), "{out}");
}

#[test]
fn statistics_table_counts_reported_and_waived_findings_per_rule() {
    let dir = project();
    let (_, out, err) = run(caulk().current_dir(dir.path()).args([
        "check",
        "-f",
        "concise",
        "--today",
        "2027-01-01",
        "--write-baseline",
        "baseline.json",
        "Dockerfile",
    ]));
    assert!(out.contains("Wrote 1 finding"), "{out}{err}");
    // git gets pinned too: nothing is new, but everything is counted.
    let (code, out, err) = run(caulk().current_dir(dir.path()).args([
        "check",
        "-f",
        "concise",
        "--today",
        "2027-01-01",
        "--baseline",
        "baseline.json",
        "--statistics",
        "Dockerfile",
    ]));
    assert_eq!(code, 0, "{out}{err}");
    let table: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("Rule "))
        .collect();
    assert_eq!(
        table,
        [
            "Rule    Found  Reported  Comment  Annotation  Config  Baseline  Name",
            "DL3018      2         0        1           0       0         1  apk-unpinned-package",
            "DL3059      1         0        0           0       1         0  consecutive-run",
            "Total       3         0        1           0       1         1",
            "No findings in 1 file (1 baselined).",
        ],
        "{out}"
    );
}

#[test]
fn statistics_in_json_and_on_stderr_for_other_machine_formats() {
    let dir = project();
    let (_, out, err) = run(caulk().current_dir(dir.path()).args([
        "check",
        "-f",
        "json",
        "--today",
        "2027-01-01",
        "--statistics",
        "Dockerfile",
    ]));
    let doc: serde_json::Value = serde_json::from_str(&out).expect(&err);
    let stats = doc["statistics"].as_array().unwrap();
    assert_eq!(stats.len(), 2, "{stats:?}");
    assert_eq!(stats[0]["code"], "DL3018");
    assert_eq!(
        (stats[0]["reported"].as_u64(), stats[0]["comment"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(stats[1]["config_ignore"], 1);
    assert!(err.is_empty(), "{err}");

    let (_, out, _) = run(caulk().current_dir(dir.path()).args([
        "check",
        "-f",
        "json",
        "--today",
        "2027-01-01",
        "Dockerfile",
    ]));
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(doc.get("statistics").is_none());

    let (_, out, err) = run(caulk().current_dir(dir.path()).args([
        "check",
        "-f",
        "sarif",
        "--today",
        "2027-01-01",
        "--statistics",
        "Dockerfile",
    ]));
    serde_json::from_str::<serde_json::Value>(&out).expect("stdout stays pure SARIF");
    assert!(err.contains("DL3059      1"), "{err}");
}

#[test]
fn governance_settings_with_unknown_rules_name_file_line_and_key() {
    let dir = project();
    write(
        dir.path(),
        ".caulk.yaml",
        "require-suppression-reason: true\nunsuppressible: [DL3002, DL9999]\n",
    );
    let (code, _, err) = run(caulk()
        .current_dir(dir.path())
        .args(["check", "Dockerfile"]));
    assert_eq!(code, 2, "{err}");
    // miette wraps the message; the key is on the next line.
    assert!(
        err.contains(".caulk.yaml:2:26: unknown rule `DL9999` in")
            && err.contains("`unsuppressible`"),
        "{err}"
    );
    write(
        dir.path(),
        ".caulk.yaml",
        "require-suppression-reason: sometimes\n",
    );
    let (code, _, err) = run(caulk()
        .current_dir(dir.path())
        .args(["check", "Dockerfile"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(".caulk.yaml:1:29"), "{err}");
    write(
        dir.path(),
        ".caulk.yaml",
        "suppression-expiry-warning-days: -3\n",
    );
    let (code, _, err) = run(caulk()
        .current_dir(dir.path())
        .args(["check", "Dockerfile"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(".caulk.yaml:1:34"), "{err}");
}

#[test]
fn shell_completions_offer_the_policy_flags() {
    for shell in ["bash", "zsh", "fish"] {
        let (code, out, err) = run(caulk().args(["completions", shell]));
        assert_eq!(code, 0, "{err}");
        for flag in ["statistics", "today"] {
            assert!(out.contains(flag), "{shell} completions lack --{flag}");
        }
    }
}
