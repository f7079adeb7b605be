//! End-to-end tests of the `caulk` binary: what a user types, what they see,
//! and the exit code.

mod common;
use common::{caulk, run};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn run_stdin(cmd: &mut Command, input: &[u8]) -> (i32, String, String) {
    use std::io::Write;
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn write(dir: &Path, name: &str, text: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn example_dockerfile_reports_exact_positions_and_fails() {
    let (code, out, _) = run(caulk().current_dir(repo()).args([
        "check",
        "-f",
        "concise",
        "corpus/examples/Dockerfile",
    ]));
    assert_eq!(code, 1, "{out}");
    for expected in [
        "corpus/examples/Dockerfile:3:13: DL3007 [warning]",
        "corpus/examples/Dockerfile:4:1: DL4000 [error]",
        "corpus/examples/Dockerfile:5:9: DL3000 [error]",
        "corpus/examples/Dockerfile:6:1: DL3020 [error]",
        "corpus/examples/Dockerfile:11:6: DL3006 [warning]",
        "corpus/examples/Dockerfile:13:6: DL3002 [warning]",
        "corpus/examples/Dockerfile:15:1: DL4003 [warning]",
    ] {
        assert!(out.contains(expected), "missing `{expected}` in:\n{out}");
    }
    assert!(out.lines().last().unwrap().starts_with("Found "), "{out}");
}

#[test]
fn full_format_shows_snippets_without_colour_when_not_a_terminal() {
    let (code, out, _) = run(caulk()
        .current_dir(repo())
        .args(["check", "corpus/examples/Dockerfile"]));
    assert_eq!(code, 1);
    assert!(out.contains("warning[DL3007"), "{out}");
    assert!(out.contains("3 │ FROM python:latest AS build"), "{out}");
    assert!(!out.contains('\u{1b}'), "no escape codes when piped");
}

#[test]
fn clean_file_on_stdin_exits_zero() {
    let text = b"FROM alpine:3\nUSER 10001\nCMD [\"/app\"]\n";
    let (code, out, err) = run_stdin(
        caulk().args(["check", "--stdin-filename", "Dockerfile", "-"]),
        text,
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("No findings"), "{out}");
}

#[test]
fn stdin_uses_the_given_file_name_in_reports() {
    let (code, out, _) = run_stdin(
        caulk().args([
            "check",
            "-f",
            "concise",
            "--stdin-filename",
            "build/Dockerfile",
            "-",
        ]),
        b"FROM alpine\nUSER 1\n",
    );
    assert_eq!(code, 1);
    assert!(out.contains("build/Dockerfile:1:6: DL3006"), "{out}");
}

#[test]
fn failure_threshold_decides_the_exit_code() {
    let text = b"FROM alpine:3.20\nUSER 1\nCMD app\n";
    let lint = |threshold: &str| {
        run_stdin(
            caulk().args([
                "check",
                "--failure-threshold",
                threshold,
                "--stdin-filename",
                "Dockerfile",
                "-",
            ]),
            text,
        )
        .0
    };
    assert_eq!(lint("warning"), 1, "DL3025 is a warning");
    assert_eq!(lint("error"), 0);
    assert_eq!(lint("none"), 0);
}

#[test]
fn missing_paths_are_errors_but_other_files_are_still_linted() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "Dockerfile", "FROM alpine:latest\nUSER 1\n");
    let (code, out, err) = run(caulk().current_dir(dir.path()).args([
        "check",
        "-f",
        "concise",
        "Dockerfile",
        "nope/Dockerfile",
    ]));
    assert_eq!(code, 2, "I/O errors win over findings");
    assert!(out.contains("Dockerfile:1:13: DL3007"), "{out}");
    assert!(
        err.contains("nope/Dockerfile: no such file or directory"),
        "{err}"
    );
}

#[test]
fn directory_walk_finds_dockerfiles_by_name_honours_gitignore_and_lints_hidden_folders() {
    let dir = tempfile::tempdir().unwrap();
    let bad = "FROM alpine:latest\nUSER 1\n";
    for name in [
        "Dockerfile",
        "Containerfile",
        "svc/Dockerfile.alpine",
        "svc/Dockerfile-test",
        "svc/api.Dockerfile",
        ".devcontainer/Dockerfile",
        "ignored/Dockerfile",
        ".git/Dockerfile",
        "notes/Dockerfile.md",
    ] {
        write(dir.path(), name, bad);
    }
    write(dir.path(), ".gitignore", "ignored/\n");
    std::fs::create_dir_all(dir.path().join("Dockerfile.d/Dockerfile")).unwrap();
    let (code, out, err) = run(caulk()
        .current_dir(dir.path())
        .args(["check", "-f", "concise", "."]));
    assert_eq!(code, 1, "{err}");
    let mut files: Vec<_> = out
        .lines()
        .filter(|l| l.contains("DL3007"))
        .map(|l| l.split(':').next().unwrap().to_string())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            ".devcontainer/Dockerfile",
            "Containerfile",
            "Dockerfile",
            "svc/Dockerfile-test",
            "svc/Dockerfile.alpine",
            "svc/api.Dockerfile"
        ]
    );
}

#[test]
fn kind_flag_lints_files_with_other_names() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "base.docker", "FROM alpine:latest\nUSER 1\n");
    let (code, _, err) = run(caulk().args(["check"]).arg(&path));
    assert_eq!(code, 2);
    assert!(err.contains("--kind"), "{err}");
    let (code, out, _) = run(caulk()
        .args(["check", "-f", "concise", "--kind", "dockerfile"])
        .arg(&path));
    assert_eq!(code, 1);
    assert!(out.contains("DL3007"), "{out}");
}

#[test]
fn binary_and_non_utf8_files_get_one_clear_finding() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a/Dockerfile",
        b"FROM alpine:3.20\nRUN echo \xff\xfe\n",
    );
    write(
        dir.path(),
        "b/Dockerfile",
        b"\x7fELF\x02\x01\x01\x00\x00\x00",
    );
    write(dir.path(), "c/Dockerfile", b"");
    write(dir.path(), "d/Dockerfile", "\u{feff}# only a comment\n");
    let (code, out, err) = run(caulk()
        .current_dir(dir.path())
        .args(["check", "-f", "concise", "."]));
    assert_eq!(code, 1, "{err}");
    assert!(
        out.contains("a/Dockerfile:2:10: DL1000 [error] this file is not valid UTF-8"),
        "{out}"
    );
    assert!(
        out.contains("b/Dockerfile:1:8: DL1000 [error] this file holds a NUL byte"),
        "{out}"
    );
    assert!(!out.contains("c/Dockerfile"), "{out}");
    assert!(!out.contains("d/Dockerfile:"), "{out}");
}

#[test]
fn nearest_config_wins_and_hadolint_config_is_read_without_one() {
    let dir = tempfile::tempdir().unwrap();
    let bad = "FROM alpine:latest\nMAINTAINER me\nUSER 1\n";
    write(dir.path(), "Dockerfile", bad);
    write(dir.path(), "caulk/Dockerfile", bad);
    write(
        dir.path(),
        "caulk/.caulk.yaml",
        "ignore: [DL3007]\nseverity:\n  maintainer-deprecated: info\n",
    );
    write(dir.path(), "hado/Dockerfile", bad);
    write(dir.path(), "hado/.hadolint.yaml", "ignored:\n  - DL4000\n");
    let (_, out, err) = run(caulk()
        .current_dir(dir.path())
        .args(["check", "-f", "concise", "."]));
    assert!(err.is_empty(), "{err}");
    assert!(
        out.contains("\nDockerfile:1:13: DL3007") || out.starts_with("Dockerfile:1:13: DL3007"),
        "{out}"
    );
    assert!(!out.contains("caulk/Dockerfile:1:13: DL3007"), "{out}");
    assert!(out.contains("caulk/Dockerfile:2:1: DL4000 [info]"), "{out}");
    assert!(out.contains("hado/Dockerfile:1:13: DL3007"), "{out}");
    assert!(!out.contains("hado/Dockerfile:2:1: DL4000"), "{out}");
}

#[test]
fn bad_config_names_file_line_and_key_and_exits_two() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "Dockerfile", "FROM alpine:latest\nUSER 1\n");
    write(
        dir.path(),
        ".caulk.yaml",
        "ignore: [DL3007]\nignord: [DL3006]\n",
    );
    let (code, out, err) = run(caulk()
        .current_dir(dir.path())
        .args(["check", "-f", "concise", "."]));
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains(".caulk.yaml:2:1"), "{err}");
    assert!(err.contains("ignord"), "{err}");
    assert!(out.contains("DL3007"), "linted with the defaults: {out}");

    write(dir.path(), ".caulk.yaml", "ignore: [DL9999]\n");
    let (code, _, err) = run(caulk().current_dir(dir.path()).args(["check", "."]));
    assert_eq!(code, 2);
    assert!(
        err.contains(".caulk.yaml:1:10") && err.contains("unknown rule `DL9999`"),
        "{err}"
    );
}

#[test]
fn inline_suppressions_in_both_dialects() {
    let text = b"# hadolint global ignore=DL3006\nFROM alpine\n# caulk ignore=DL3020 -- vendored tarball layout\nADD a.txt /a\nADD b.txt /b\nUSER 1\n";
    let (code, out, _) = run_stdin(
        caulk().args([
            "check",
            "-f",
            "concise",
            "--stdin-filename",
            "Dockerfile",
            "-",
        ]),
        text,
    );
    assert_eq!(code, 1);
    assert!(!out.contains("DL3006"), "{out}");
    assert!(!out.contains(":4:1: DL3020"), "{out}");
    assert!(out.contains(":5:1: DL3020"), "{out}");
}

#[test]
fn rule_prints_documentation_and_rules_lists_all() {
    let (code, out, _) = run(caulk().args(["rule", "DL3007"]));
    assert_eq!(code, 0);
    assert!(out.starts_with("# image-latest-tag (DL3007)"), "{out}");
    assert!(out.contains("## Why is this bad?"), "{out}");
    assert!(
        out.contains("https://github.com/hadolint/hadolint/wiki/DL3007"),
        "{out}"
    );
    let (code, out, _) = run(caulk().args(["rule", "image-latest-tag"]));
    assert_eq!(code, 0);
    assert!(out.contains("DL3007"));
    let (code, _, err) = run(caulk().args(["rule", "DL0000"]));
    assert_eq!(code, 2);
    assert!(err.contains("DL0000"));

    let (code, out, _) = run(caulk().args(["rules", "--json"]));
    assert_eq!(code, 0);
    let rules: serde_json::Value = serde_json::from_str(&out).unwrap();
    let codes: Vec<_> = rules
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"DL3007") && codes.contains(&"DL1000"),
        "{codes:?}"
    );
}

#[test]
fn output_file_gets_the_machine_format_and_the_terminal_the_report() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "Dockerfile", "FROM alpine:latest\nUSER 1\n");
    let (code, out, _) = run(caulk().current_dir(dir.path()).args([
        "check",
        "-f",
        "json",
        "-o",
        "report.json",
        "Dockerfile",
    ]));
    assert_eq!(code, 1);
    assert!(out.contains("warning[DL3007"), "{out}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("report.json")).unwrap())
            .unwrap();
    assert_eq!(json["findings"][0]["code"], "DL3007");
}

#[test]
fn kubernetes_manifests_are_linted_and_other_yaml_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "k8s/pod.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  name: api\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n",
    );
    write(dir.path(), "ci/workflow.yaml", "on: push\njobs: {}\n");
    write(
        dir.path(),
        "chart/templates/deploy.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n",
    );
    let (code, out, err) = run(caulk()
        .current_dir(dir.path())
        .args(["check", "-f", "concise", "--select", "CK1000", "."]));
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("k8s/pod.yaml:5:3: CK1000 [error] duplicate key `name`"),
        "{out}"
    );
    assert!(!out.contains("workflow") && !out.contains("chart"), "{out}");
    assert!(err.is_empty(), "walks skip silently: {err}");

    let (_, _, err) = run(caulk()
        .current_dir(dir.path())
        .args(["check", "ci/workflow.yaml"]));
    assert!(
        err.contains("note: ci/workflow.yaml: skipped"),
        "named files get a note: {err}"
    );
}

#[test]
fn buildkit_check_directive_skips_the_matching_rules() {
    let body = "FROM alpine:3.20 as build\nUSER 1\nCMD echo hi\n";
    let lint = |text: String| {
        run_stdin(
            caulk().args([
                "check",
                "-f",
                "concise",
                "--stdin-filename",
                "Dockerfile",
                "-",
            ]),
            text.as_bytes(),
        )
        .1
    };
    let plain = lint(body.to_string());
    assert!(
        plain.contains("CD1102") && plain.contains("DL3025"),
        "{plain}"
    );
    let skipped = lint(format!("# check=skip=JSONArgsRecommended\n{body}"));
    assert!(
        skipped.contains("CD1102") && !skipped.contains("DL3025"),
        "{skipped}"
    );
    let all = lint(format!("# check=skip=all\n{body}"));
    assert!(!all.contains("CD1102") && !all.contains("DL3025"), "{all}");
}
