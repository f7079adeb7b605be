//! Reading a configuration file from disk.

use super::hadolint::HadolintConfig;
use super::{Config, ConfigError, ConfigFile, Overrides};
use crate::text::TextRange;
use crate::yaml;
use std::path::Path;

/// Reads `.caulk.yaml` (or hadolint's `.hadolint.yaml`, by its name).
pub fn load_config_file(path: &Path, overrides: &Overrides) -> Result<Config, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        ConfigError::new(
            path,
            None,
            None,
            format!("cannot read the configuration file: {e}"),
        )
    })?;
    let is_hadolint = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.contains("hadolint"));
    let stream = yaml::load(&text, &yaml::Limits::default());
    if let Some(err) = stream.errors.first() {
        return Err(ConfigError::new(
            path,
            Some(&text),
            Some(err.range),
            err.message.clone(),
        ));
    }
    let Some(doc) = stream.documents.first() else {
        // An empty file means "the defaults", rooted here.
        let mut file = ConfigFile::default();
        file.apply(overrides);
        return Config::from_file(file, Some(path))
            .map_err(|msg| ConfigError::new(path, Some(&text), None, msg));
    };
    let de_err =
        |e: yaml::de::DeError| ConfigError::new(path, Some(&text), Some(e.range), e.message);
    let mut file = if is_hadolint {
        yaml::de::from_node::<HadolintConfig>(&doc.root)
            .map_err(de_err)?
            .into_caulk()
    } else {
        yaml::de::from_node::<ConfigFile>(&doc.root).map_err(de_err)?
    };
    file.apply(overrides);
    Config::from_file(file, Some(path)).map_err(|message| {
        // Point at the offending name or glob where it occurs in the file.
        let range = message
            .split('`')
            .nth(1)
            .and_then(|needle| find_scalar(&doc.root, needle));
        ConfigError::new(path, Some(&text), range, message)
    })
}

fn find_scalar(node: &yaml::Node, needle: &str) -> Option<TextRange> {
    use yaml::NodeValue;
    match &node.value {
        NodeValue::Scalar(s) if s.raw == needle => Some(node.range),
        NodeValue::Sequence(items) => items.iter().find_map(|n| find_scalar(n, needle)),
        NodeValue::Mapping(entries) => entries
            .iter()
            .find_map(|e| find_scalar(&e.key, needle).or_else(|| find_scalar(&e.value, needle))),
        _ => None,
    }
}
