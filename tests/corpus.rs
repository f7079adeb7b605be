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

/// Manifests of the corpus that are not valid YAML for Kubernetes: each
/// repeats a key in one mapping (kubectl rejects them; caulk reports them and
/// still lints the rest).
const INVALID_MANIFESTS: &[&str] = &[
    "kubernetes__examples/_archived/openshift-origin/etcd-controller.yaml",
    "kubernetes__examples/_archived/openshift-origin/etcd-discovery-controller.yaml",
    "kubernetes__examples/_archived/openshift-origin/openshift-controller.yaml",
    "kubernetes__examples/_archived/persistent-volume-provisioning/quobyte/quobyte-admin-secret.yaml",
    "kubernetes__examples/_archived/volumes/scaleio/sc-pvc.yaml",
];

#[test]
fn every_corpus_manifest_is_found_and_loads() {
    let Some(corpus) = corpus() else { return };
    let report = check_json(&corpus.join("k8s"));
    let summary = &report["summary"];
    let linted = summary["files_linted"].as_u64().unwrap();
    let skipped = summary["files_skipped"].as_u64().unwrap();
    assert_eq!(linted + skipped, 253, "{summary}");
    // The Kustomization, and newrelic-config.yaml whose only object is commented out.
    assert_eq!(skipped, 2, "{summary}");
    let mut parse_errors: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "CK1000")
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    parse_errors.dedup();
    let unexpected: Vec<_> = parse_errors
        .iter()
        .filter(|p| !INVALID_MANIFESTS.iter().any(|known| p.ends_with(known)))
        .collect();
    assert!(
        unexpected.is_empty(),
        "unexpected YAML errors: {unexpected:#?}"
    );
    assert_eq!(
        parse_errors.len(),
        INVALID_MANIFESTS.len(),
        "{parse_errors:#?}"
    );
}
