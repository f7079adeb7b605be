//! Every output format over the whole real-world corpus (`../shared/corpus`,
//! Dockerfiles and manifests together): SARIF against the official schema,
//! XML through a parser, JSON round-tripped, and the same findings in each.
//! Skips cleanly when the corpus is absent.

use std::path::{Path, PathBuf};
use std::process::Command;

fn shared() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    dir.join("corpus").is_dir().then_some(dir).or_else(|| {
        eprintln!("skipping: ../shared/corpus is absent");
        None
    })
}

fn render(format: &str, shared: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_caulk"))
        .args(["check", "--profile", "strict", "-f", format])
        .arg(shared.join("corpus"))
        .output()
        .unwrap();
    let code = out.status.code().unwrap();
    assert!(
        code == 0 || code == 1,
        "{format}: exit {code}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn every_format_renders_the_whole_corpus_validly() {
    let Some(shared) = shared() else { return };
    let json: serde_json::Value =
        serde_json::from_str(&render("json", &shared)).expect("JSON parses");
    let findings = json["findings"].as_array().unwrap().len();
    assert!(
        findings > 1000,
        "the corpus has plenty of findings: {findings}"
    );
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&serde_json::to_string(&json).unwrap()).unwrap(),
        json,
        "JSON round-trips"
    );

    // SARIF, against the official schema (its language-tag regex is
    // malformed — a stray `]` — and the validator rejects it, so it is
    // replaced with what it means to say).
    let schema_text = std::fs::read_to_string(shared.join("schemas/sarif-schema-2.1.0.json"))
        .unwrap()
        .replace(
            r"^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$",
            r"^[a-zA-Z]{2}(-[a-zA-Z]{2})?$",
        );
    let schema: serde_json::Value = serde_json::from_str(&schema_text).unwrap();
    let validator = jsonschema::options()
        .build(&schema)
        .expect("schema compiles");
    let sarif: serde_json::Value = serde_json::from_str(&render("sarif", &shared)).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .take(10)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF schema violations:\n{}",
        errors.join("\n")
    );
    assert_eq!(
        sarif["runs"][0]["results"].as_array().unwrap().len(),
        findings
    );

    let gitlab: serde_json::Value = serde_json::from_str(&render("gitlab", &shared)).unwrap();
    assert_eq!(gitlab.as_array().unwrap().len(), findings);

    for format in ["checkstyle", "junit"] {
        let xml = render(format, &shared);
        let doc =
            roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{format} is not XML: {e}"));
        let errors = doc
            .descendants()
            .filter(|n| n.has_tag_name("error") || n.has_tag_name("failure"))
            .count();
        assert_eq!(errors, findings, "{format} lists every finding");
    }

    let github = render("github", &shared);
    let annotations = github.lines().filter(|l| l.starts_with("::")).count();
    assert_eq!(annotations, findings);
    let concise = render("concise", &shared);
    assert!(concise.lines().count() >= findings);
}
