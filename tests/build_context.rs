//! End-to-end: a directory walk lints each Dockerfile with its build
//! context and ignore file, taken from Compose and Bake files when they name
//! one.

mod common;
use common::caulk;
use std::path::{Path, PathBuf};
use std::process::Command;

fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("caulk runs");
    (
        out.status.code().expect("exited normally"),
        String::from_utf8(out.stdout).expect("UTF-8 stdout"),
        String::from_utf8(out.stderr).expect("UTF-8 stderr"),
    )
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

/// Only the build-context rules, one line per finding.
fn check(dir: &Path, args: &[&str]) -> (i32, Vec<String>, String) {
    let (code, out, err) = run(caulk().current_dir(dir).args(
        ["check", "-f", "concise", "--select", "CD1111,CD1208", "-q"]
            .iter()
            .chain(args),
    ));
    let mut lines: Vec<String> = out.lines().map(str::to_string).collect();
    lines.sort();
    (code, lines, err)
}

#[test]
fn compose_names_a_dockerfile_elsewhere_with_its_context() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // The service builds from `src/` with `build/app.docker`, a name caulk
    // would not recognise on its own; the context's .dockerignore applies,
    // not one beside the Dockerfile.
    write(
        root,
        "compose.yaml",
        "services:\n  app:\n    build:\n      context: ./src\n      dockerfile: ../build/app.docker\n  web:\n    build: web\n",
    );
    write(
        root,
        "build/app.docker",
        "FROM alpine:3.21\nCOPY main.go notes.md /app/\nCOPY . /app/\n",
    );
    write(root, "build/.dockerignore", "main.go\n");
    write(root, "src/.dockerignore", ".git\n.env\n*.md\n");
    // `web` builds web/Dockerfile from web/, which has no ignore file.
    write(
        root,
        "web/Dockerfile",
        "FROM nginx:1.27\nCOPY . /usr/share/nginx/html\n",
    );
    // A Dockerfile no build file mentions: its own directory is its context.
    write(
        root,
        "tools/Dockerfile",
        "FROM alpine:3.21\nCOPY secret.txt /\n",
    );
    write(root, "tools/.dockerignore", "secret.txt\n.git\n.env\n");

    let (code, lines, err) = check(root, &["."]);
    assert_eq!(err, "");
    assert_eq!(code, 1);
    assert_eq!(
        lines,
        [
            "build/app.docker:2:14: CD1111 [warning] COPY source `notes.md` is excluded by .dockerignore (line 3: `*.md`), so the build never sees it",
            "tools/Dockerfile:2:6: CD1111 [warning] COPY source `secret.txt` is excluded by .dockerignore (line 1: `secret.txt`), so the build never sees it",
            "web/Dockerfile:2:6: CD1208 [warning] COPY `.` copies the whole build context and there is no .dockerignore: `.git` and secret files such as `.env` end up in the image",
        ],
        "{lines:#?}"
    );

    // A Dockerfile-specific ignore file beside the Dockerfile wins over the context's.
    write(root, "build/app.docker.dockerignore", "main.go\n");
    let (_, lines, _) = check(root, &["."]);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("build/app.docker:2:6: CD1111")
                && l.contains("app.docker.dockerignore (line 1: `main.go`)")),
        "{lines:#?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("build/app.docker:3:6: CD1208")
                && l.contains("app.docker.dockerignore does not exclude `.git` or `.env`")),
        "{lines:#?}"
    );
}

#[test]
fn a_named_dockerfile_gets_its_context_from_a_compose_file_above_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "docker-compose.yml",
        "services:\n  api:\n    build:\n      context: .\n      dockerfile: services/api/Dockerfile\n",
    );
    write(root, ".dockerignore", ".git\n.env\n");
    write(
        root,
        "services/api/Dockerfile",
        "FROM alpine:3.21\nCOPY . /srv\n",
    );
    write(
        root,
        "services/other/Dockerfile",
        "FROM alpine:3.21\nCOPY . /srv\n",
    );
    // As pre-commit runs it: files named, from the repository root.
    let (code, lines, _) = check(
        root,
        &["services/api/Dockerfile", "services/other/Dockerfile"],
    );
    assert_eq!(code, 1);
    assert_eq!(
        lines,
        [
            "services/other/Dockerfile:2:6: CD1208 [warning] COPY `.` copies the whole build context and there is no .dockerignore: `.git` and secret files such as `.env` end up in the image"
        ],
    );
    let (code, lines, _) = check(root, &["."]);
    assert_eq!((code, lines.len()), (1, 1), "{lines:#?}");
}

#[test]
fn bake_file_gives_the_context() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "docker-bake.hcl",
        "target \"api\" {\n  context = \"services/api\"\n  dockerfile = \"../../docker/api.Dockerfile\"\n}\n",
    );
    write(
        root,
        "docker/api.Dockerfile",
        "FROM alpine:3.21\nCOPY vendor /vendor\nCOPY . /srv\n",
    );
    write(root, "services/api/.dockerignore", "vendor\n.git\n.env*\n");
    let (code, lines, _) = check(root, &["."]);
    assert_eq!(code, 1);
    assert_eq!(
        lines,
        [
            "docker/api.Dockerfile:2:6: CD1111 [warning] COPY source `vendor` is excluded by .dockerignore (line 1: `vendor`), so the build never sees it"
        ],
    );
}

#[test]
fn findings_that_need_the_context_survive_fixing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let dockerfile = write(
        root,
        "Dockerfile",
        "FROM alpine:3.21\nADD notes.txt /docs/\nCOPY . /src\n",
    );
    // `--fix` re-lints the fixed text: the context must still be there.
    let (code, out, err) = run(caulk().current_dir(root).args([
        "check",
        "-f",
        "concise",
        "--select",
        "CD1208,DL3020",
        "--fix",
        "Dockerfile",
    ]));
    assert_eq!(
        std::fs::read_to_string(&dockerfile).unwrap(),
        "FROM alpine:3.21\nCOPY notes.txt /docs/\nCOPY . /src\n",
        "{out}{err}"
    );
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("Dockerfile:3:6: CD1208"), "{out}");
    assert!(!out.contains("DL3020"), "{out}");
}
