//! Reading a configuration file from disk, with the files it `extends:`.

use super::hadolint::HadolintConfig;
use super::{Config, ConfigError, ConfigFile, Overrides};
use crate::text::TextRange;
use crate::yaml;
use std::path::{Path, PathBuf};

/// One file of an `extends:` chain, as read.
#[derive(Clone, Debug)]
pub struct Layer {
    pub path: PathBuf,
    pub file: ConfigFile,
}

/// Reads `.caulk.yaml` (or hadolint's `.hadolint.yaml`, by its name) and
/// the files it extends, then lays the command-line settings over them.
pub fn load_config_file(path: &Path, overrides: &Overrides) -> Result<Config, ConfigError> {
    let layers = load_layers(path)?;
    let mut files: Vec<ConfigFile> = layers.into_iter().map(|l| l.file).collect();
    if let Some(last) = files.last_mut() {
        last.apply(overrides);
    }
    // Each file was checked on its own; what is left is the command line's.
    Config::from_layers(files, Some(path)).map_err(|msg| ConfigError::new(path, None, None, msg))
}

/// The chain of files `path` extends, the most basic first and `path` last.
/// Every error names the file (and line) it is in; a cycle names every file in it.
pub fn load_layers(path: &Path) -> Result<Vec<Layer>, ConfigError> {
    let mut layers = Vec::new();
    let mut chain = Vec::new();
    load_into(path, &mut chain, &mut layers)?;
    layers.reverse();
    Ok(layers)
}

/// Loads `path`, then what it extends; `chain` holds the files that led here.
fn load_into(
    path: &Path,
    chain: &mut Vec<PathBuf>,
    layers: &mut Vec<Layer>,
) -> Result<(), ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        ConfigError::new(
            path,
            None,
            None,
            format!("cannot read the configuration file: {e}"),
        )
    })?;
    let file = parse(path, &text)?;
    let Some(extends) = file.extends.clone() else {
        layers.push(Layer {
            path: path.to_path_buf(),
            file,
        });
        return Ok(());
    };
    let at_extends = || {
        let stream = yaml::load(&text, &yaml::Limits::default());
        stream
            .documents
            .first()
            .and_then(|doc| find_scalar(&doc.root, &extends))
    };
    let base_dir = path.parent().unwrap_or(Path::new("."));
    let target = base_dir.join(&extends);
    let identity = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    chain.push(identity(path));
    let target_id = identity(&target);
    if let Some(start) = chain.iter().position(|p| *p == target_id) {
        let cycle: Vec<String> = chain[start..]
            .iter()
            .chain([&target_id])
            .map(|p| p.display().to_string())
            .collect();
        return Err(ConfigError::new(
            path,
            Some(&text),
            at_extends(),
            format!("`extends` makes a cycle: {}", cycle.join(" → ")),
        ));
    }
    if !target.is_file() {
        return Err(ConfigError::new(
            path,
            Some(&text),
            at_extends(),
            format!(
                "`extends`: cannot read `{extends}` (looked for {})",
                target.display()
            ),
        ));
    }
    layers.push(Layer {
        path: path.to_path_buf(),
        file,
    });
    // Checked to exist above; a canonical name reads better than `a/../b`.
    let target = std::fs::canonicalize(&target).unwrap_or(target);
    load_into(&target, chain, layers)?;
    chain.pop();
    Ok(())
}

/// One file's settings, checked on their own so that an error points into it.
fn parse(path: &Path, text: &str) -> Result<ConfigFile, ConfigError> {
    let is_hadolint = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.contains("hadolint"));
    let stream = yaml::load(text, &yaml::Limits::default());
    if let Some(err) = stream.errors.first() {
        return Err(ConfigError::new(
            path,
            Some(text),
            Some(err.range),
            err.message.clone(),
        ));
    }
    // An empty file means "the defaults".
    let Some(doc) = stream.documents.first() else {
        return Ok(ConfigFile::default());
    };
    let de_err =
        |e: yaml::de::DeError| ConfigError::new(path, Some(text), Some(e.range), e.message);
    let file = if is_hadolint {
        yaml::de::from_node::<HadolintConfig>(&doc.root)
            .map_err(de_err)?
            .into_caulk()
    } else {
        yaml::de::from_node::<ConfigFile>(&doc.root).map_err(de_err)?
    };
    Config::from_file(file.clone(), Some(path)).map_err(|message| {
        // Point at the offending name or glob where it occurs in the file.
        let range = message
            .split('`')
            .nth(1)
            .and_then(|needle| find_scalar(&doc.root, needle));
        ConfigError::new(path, Some(text), range, message)
    })?;
    Ok(file)
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
