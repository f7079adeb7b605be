//! The JSON Schema of `.caulk.yaml` is generated from the configuration
//! types; the copy checked in at `docs/caulk.schema.json` (which editors
//! load through the `yaml-language-server` hint) must match it, and every
//! configuration file in the repository must validate against it.
//!
//! After changing the configuration types, refresh the copy with
//! `CAULK_UPDATE_SCHEMA=1 cargo test -p caulk-lints --test config_schema`.

use caulk_lints::config::schema_json;
use caulk_lints::yaml;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn checked_in_schema_is_current() {
    let path = repo().join("docs/caulk.schema.json");
    let generated = schema_json();
    if std::env::var_os("CAULK_UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == generated,
        "docs/caulk.schema.json is stale: run \
         `CAULK_UPDATE_SCHEMA=1 cargo test -p caulk-lints --test config_schema` and commit it"
    );
}

/// Every `.caulk.yaml` under `corpus/` and `docs/`, as JSON.
fn config_files() -> Vec<(PathBuf, serde_json::Value)> {
    let mut out = Vec::new();
    let mut dirs = vec![repo().join("corpus"), repo().join("docs")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path
                .file_name()
                .is_some_and(|n| n == ".caulk.yaml" || n == "caulk.yaml")
            {
                let text = std::fs::read_to_string(&path).unwrap();
                let stream = yaml::load(&text, &yaml::Limits::default());
                let value = match stream.documents.first() {
                    Some(doc) => yaml::de::from_node::<serde_json::Value>(&doc.root)
                        .unwrap_or_else(|e| panic!("{}: {}", path.display(), e.message)),
                    None => serde_json::json!({}),
                };
                out.push((path, value));
            }
        }
    }
    out
}

#[test]
fn repository_configurations_validate_and_mistakes_do_not() {
    let schema: serde_json::Value = serde_json::from_str(&schema_json()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let files = config_files();
    assert!(files.len() >= 5, "found only {files:?}");
    for (path, value) in &files {
        let errors: Vec<String> = validator
            .iter_errors(value)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
    }
    for wrong in [
        serde_json::json!({"unknown-key": true}),
        serde_json::json!({"severity": {"DL3008": "loud"}}),
        serde_json::json!({"overrides": [{"ignore": ["DL3008"]}]}),
        serde_json::json!({"today": "tomorrow"}),
        serde_json::json!({"unsuppressible": "DL3002"}),
    ] {
        assert!(!validator.is_valid(&wrong), "accepted {wrong}");
    }
}
