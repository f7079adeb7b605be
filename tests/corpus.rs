//! The real-world corpus in `../shared/corpus` (written outside this
//! project): every file is found by the normal directory walk and linted
//! without a crash, and parse errors appear only on files that are really
//! invalid. Skips cleanly when the corpus is absent.

use std::path::{Path, PathBuf};
use std::process::Command;

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping: {} is absent", dir.display());
        None
    }
}

fn check_json(dir: &Path) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_caulk"))
        .args(["check", "-f", "json", "--profile", "strict"])
        .arg(dir)
        .output()
        .unwrap();
    let code = out.status.code().unwrap();
    assert!(
        code == 0 || code == 1,
        "exit {code}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

/// Files of the corpus that are not valid Dockerfiles, with the reason.
const INVALID_DOCKERFILES: &[(&str, &str)] = &[];

#[test]
fn every_corpus_dockerfile_is_found_and_parses() {
    let Some(corpus) = corpus() else { return };
    let report = check_json(&corpus.join("dockerfiles"));
    assert_eq!(
        report["summary"]["files_linted"], 369,
        "{}",
        report["summary"]
    );
    let parse_errors: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "DL1000")
        .map(|f| format!("{}:{}: {}", f["path"], f["start"]["line"], f["message"]))
        .collect();
    let unexpected: Vec<_> = parse_errors
        .iter()
        .filter(|e| !INVALID_DOCKERFILES.iter().any(|(file, _)| e.contains(file)))
        .collect();
    assert!(
        unexpected.is_empty(),
        "unexpected parse errors:\n{unexpected:#?}"
    );
}
