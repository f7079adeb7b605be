//! `caulk config [PATH]`: the effective configuration for a file, each
//! setting with the file it came from, printed as YAML that is itself a
//! valid `.caulk.yaml`.

use super::discover::{absolute_parent, nearest};
use super::{CONFIG_FILE_NAMES, ConfigError, ConfigFile, HADOLINT_FILE_NAMES, Overrides};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Describes the configuration that governs `path` (a file, or a directory
/// for the files directly in it): `explicit` is `--config`.
pub fn explain(
    path: &Path,
    explicit: Option<&Path>,
    overrides: &Overrides,
) -> Result<String, ConfigError> {
    let dir = if path.is_dir() {
        std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
    } else {
        absolute_parent(path)
    };
    let found: Option<PathBuf> = match explicit {
        Some(file) => Some(file.to_path_buf()),
        None => nearest(&dir, CONFIG_FILE_NAMES).or_else(|| nearest(&dir, HADOLINT_FILE_NAMES)),
    };
    let mut out = String::new();
    let _ = writeln!(out, "# Effective configuration for {}", path.display());
    let Some(found) = found else {
        let _ = writeln!(
            out,
            "# No configuration file found ({} or {} in this or a parent directory): the defaults.",
            CONFIG_FILE_NAMES.join(", "),
            HADOLINT_FILE_NAMES.join(", ")
        );
        let mut file = ConfigFile::default();
        file.apply(overrides);
        describe(&mut out, &[], &ConfigFile::default(), &file);
        return Ok(out);
    };
    let layers = super::load_layers(&found)?;
    let config = super::load_config_file(&found, overrides)?;
    let _ = writeln!(
        out,
        "# Files, the most basic first (each setting names its files):"
    );
    for (i, layer) in layers.iter().enumerate() {
        let _ = writeln!(out, "#   [{}] {}", i + 1, layer.path.display());
    }
    let files: Vec<ConfigFile> = layers.iter().map(|l| l.file.clone()).collect();
    let from_files = files
        .iter()
        .cloned()
        .reduce(|base, layer| layer.laid_over(base))
        .unwrap_or_default();
    let mut merged = from_files.clone();
    merged.apply(overrides);
    describe(&mut out, &files, &from_files, &merged);
    let matching = config.overrides_for(path);
    if !merged.overrides.is_empty() {
        let _ = writeln!(
            out,
            "# overrides that apply to {}: {}",
            path.display(),
            if matching.is_empty() {
                "none".to_string()
            } else {
                matching
                    .iter()
                    .map(|i| format!("overrides[{i}]"))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        );
    }
    let effective = config.for_path(path);
    let running: Vec<&str> = effective.enabled_rules().map(|r| r.code).collect();
    let _ = writeln!(
        out,
        "# {} rules run for this file: {}",
        running.len(),
        running.join(" ")
    );
    Ok(out)
}

/// One line per setting: its merged value, and which files (or the
/// command line) set it. `from_files` is the merge before the command line.
fn describe(out: &mut String, layers: &[ConfigFile], from_files: &ConfigFile, merged: &ConfigFile) {
    let value = |file: &ConfigFile| serde_json::to_value(file).unwrap_or_default();
    let default = value(&ConfigFile::default());
    let from_files = value(from_files);
    let merged = value(merged);
    let layer_values: Vec<serde_json::Value> = layers.iter().map(value).collect();
    let Some(keys) = merged.as_object() else {
        return;
    };
    for (key, merged_value) in keys {
        if key == "extends" || key == "count-ignored" {
            continue;
        }
        let mut sources: Vec<String> = layer_values
            .iter()
            .enumerate()
            .filter(|(_, v)| v.get(key) != default.get(key))
            .map(|(i, _)| format!("[{}]", i + 1))
            .collect();
        if from_files.get(key) != Some(merged_value) {
            sources.push("the command line".to_string());
        }
        let origin = if sources.is_empty() {
            "default".to_string()
        } else {
            format!("from {}", sources.join(", "))
        };
        let shown = match merged_value {
            serde_json::Value::Null => "~".to_string(),
            v => v.to_string(),
        };
        let _ = writeln!(out, "{key}: {shown}  # {origin}");
    }
}
