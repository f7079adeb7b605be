//! End-to-end tests of team policy: governed suppressions, statistics,
//! inherited and per-path configuration.

mod common;
use common::{caulk, run};
use std::path::{Path, PathBuf};

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

/// A central policy, a repository extending it, and a legacy folder.
fn central_policy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "policy/base.yaml",
        "profiles: []\nselect: [DL3018, DL3019, DL3059]\nignore: [DL3059]\nunsuppressible: [DL3002]\nfailure-threshold: warning\n",
    );
    write(
        dir.path(),
        "policy/central.yaml",
        "extends: base.yaml\nrequire-suppression-reason: true\n",
    );
    write(
        dir.path(),
        "repo/.caulk.yaml",
        "extends: ../policy/central.yaml\n\
         select: [DL3059]\n\
         ignore: [DL3019]\n\
         failure-threshold: error\n\
         overrides:\n  - files: [\"legacy/**\"]\n    ignore: [DL3018]\n    severity: {DL3059: error}\n",
    );
    let dockerfile = "FROM alpine:3.20\nRUN apk add curl\nRUN apk add git\n";
    write(dir.path(), "repo/app/Dockerfile", dockerfile);
    write(dir.path(), "repo/legacy/Dockerfile", dockerfile);
    dir
}

#[test]
fn extends_chains_lay_each_file_over_the_one_it_extends() {
    let dir = central_policy();
    let (code, out, err) = run(caulk().current_dir(dir.path().join("repo")).args([
        "check",
        "-f",
        "concise",
        "app/Dockerfile",
    ]));
    // The repository re-enables DL3059 that the base ignores, ignores DL3019
    // that the base selects, and its failure threshold wins (no error: exit 0).
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("app/Dockerfile:3:1: DL3059 [info]"), "{out}");
    assert!(
        out.contains("app/Dockerfile:2:13: DL3018 [warning]"),
        "{out}"
    );
    assert!(!out.contains("DL3019"), "{out}");
}

#[test]
fn per_path_overrides_apply_to_matching_files_relative_to_the_config() {
    let dir = central_policy();
    // Run from elsewhere: globs are relative to the configuration's directory.
    let (code, out, err) = run(caulk().current_dir(dir.path()).args([
        "check",
        "-f",
        "concise",
        "repo/app/Dockerfile",
        "repo/legacy/Dockerfile",
    ]));
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("repo/legacy/Dockerfile:3:1: DL3059 [error]"),
        "{out}"
    );
    assert!(
        !out.contains("repo/legacy/Dockerfile:2:13: DL3018"),
        "{out}"
    );
    assert!(
        out.contains("repo/app/Dockerfile:3:1: DL3059 [info]"),
        "{out}"
    );
    assert!(out.contains("repo/app/Dockerfile:2:13: DL3018"), "{out}");
}

#[test]
fn extends_cycles_and_missing_files_are_errors_naming_the_files() {
    let dir = central_policy();
    write(
        dir.path(),
        "policy/base.yaml",
        "extends: ../repo/.caulk.yaml\n",
    );
    let (code, _, err) = run(caulk()
        .current_dir(dir.path().join("repo"))
        .args(["check", "app/Dockerfile"]));
    assert_eq!(code, 2, "{err}");
    let flat: String = err.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("base.yaml:1:10: `extends` makes a cycle"),
        "{err}"
    );
    for name in [
        "repo/.caulk.yaml",
        "policy/central.yaml",
        "policy/base.yaml",
    ] {
        assert!(
            err.replace(['\n', ' ', '│'], "").contains(name),
            "{name}: {err}"
        );
    }

    write(dir.path(), "policy/base.yaml", "select: [DL3018]\n");
    write(
        dir.path(),
        "policy/central.yaml",
        "profiles: []\n\nextends: nowhere.yaml\n",
    );
    let (code, _, err) = run(caulk()
        .current_dir(dir.path().join("repo"))
        .args(["check", "app/Dockerfile"]));
    assert_eq!(code, 2, "{err}");
    // miette wraps long lines; compare with the wrapping undone.
    let flat: String = err
        .split_whitespace()
        .filter(|w| *w != "│")
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        flat.contains("central.yaml:3:10: `extends`: cannot read `nowhere.yaml`"),
        "{err}"
    );
}

#[test]
fn errors_in_new_keys_name_file_line_and_key() {
    let dir = central_policy();
    for (config, expected) in [
        (
            "overrides:\n  - files: [\"legacy/**\"]\n    ignore: [DL9999]\n",
            ".caulk.yaml:3:14: unknown rule `DL9999` in",
        ),
        (
            "overrides:\n  - files: [\"legacy/[\"]\n",
            ".caulk.yaml:2:13: invalid glob `legacy/[`",
        ),
        (
            "overrides:\n  - ignore: [DL3008]\n",
            ".caulk.yaml:2:5: missing field `files`",
        ),
        (
            "overrides:\n  - files: [a]\n    colour: red\n",
            ".caulk.yaml:3:5",
        ),
        ("extends: [a, b]\n", ".caulk.yaml:1:10"),
    ] {
        write(dir.path(), "repo/.caulk.yaml", config);
        let (code, _, err) = run(caulk()
            .current_dir(dir.path().join("repo"))
            .args(["check", "app/Dockerfile"]));
        assert_eq!(code, 2, "{err}");
        assert!(err.contains(expected), "expected `{expected}` in:\n{err}");
    }
}

#[test]
fn config_command_shows_effective_settings_and_their_files() {
    let dir = central_policy();
    let (code, out, err) = run(caulk()
        .current_dir(dir.path().join("repo"))
        .args(["config", "legacy/Dockerfile"]));
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    let files: Vec<&str> = lines
        .iter()
        .filter(|l| l.starts_with("#   ["))
        .copied()
        .collect();
    assert_eq!(files.len(), 3, "{out}");
    assert!(
        files[0].starts_with("#   [1] ") && files[0].ends_with("base.yaml"),
        "{out}"
    );
    assert!(files[1].ends_with("central.yaml"), "{out}");
    assert!(files[2].ends_with(".caulk.yaml"), "{out}");
    for expected in [
        "select: [\"DL3018\",\"DL3019\",\"DL3059\",\"DL3059\"]  # from [1], [3]",
        "ignore: [\"DL3059\",\"DL3019\"]  # from [1], [3]",
        "require-suppression-reason: true  # from [2]",
        "failure-threshold: \"error\"  # from [1], [3]",
        "unsuppressible: [\"DL3002\"]  # from [1]",
        "today: ~  # default",
        "# overrides that apply to legacy/Dockerfile: overrides[0]",
    ] {
        assert!(lines.contains(&expected), "missing `{expected}` in:\n{out}");
    }
    let rules = lines.last().unwrap();
    assert!(
        rules.contains(" DL3059") && !rules.contains("DL3018"),
        "{rules}"
    );

    let (_, out, _) = run(caulk()
        .current_dir(dir.path().join("repo"))
        .args(["config", "app/Dockerfile"]));
    assert!(
        out.contains("# overrides that apply to app/Dockerfile: none"),
        "{out}"
    );
    assert!(out.lines().last().unwrap().contains("DL3018"), "{out}");
}

#[test]
fn config_schema_command_prints_the_checked_in_schema() {
    let (code, out, _) = run(caulk().args(["config", "--schema"]));
    assert_eq!(code, 0);
    let checked_in = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/caulk.schema.json"),
    )
    .unwrap();
    assert_eq!(out, checked_in);
}
