//! Finding the configuration for each linted file: `--config FILE` for all,
//! or the nearest `.caulk.yaml` walking up from the file's directory, or,
//! when there is none, the nearest `.hadolint.yaml`.

use super::{CONFIG_FILE_NAMES, Config, ConfigError, HADOLINT_FILE_NAMES};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

type Loaded = Result<Arc<Config>, Arc<ConfigError>>;

/// Shared by all linting threads; each configuration file is read once.
pub struct ConfigResolver {
    explicit: Option<Arc<Config>>,
    default: Arc<Config>,
    /// Directory → the configuration that governs it.
    by_dir: Mutex<HashMap<PathBuf, Loaded>>,
}

impl ConfigResolver {
    /// `explicit` (from `--config`) applies to every file when given.
    pub fn new(explicit: Option<Config>) -> Self {
        Self {
            explicit: explicit.map(Arc::new),
            default: Arc::new(Config::default()),
            by_dir: Mutex::new(HashMap::new()),
        }
    }

    /// The configuration for `path`. A broken configuration file is an
    /// error for the caller to report once; the file is then linted with the defaults.
    pub fn for_file(&self, path: &Path) -> Loaded {
        if let Some(config) = &self.explicit {
            return Ok(config.clone());
        }
        let dir = absolute_parent(path);
        if let Some(found) = self.by_dir.lock().expect("not poisoned").get(&dir) {
            return found.clone();
        }
        let loaded = match nearest(&dir, CONFIG_FILE_NAMES).or_else(|| nearest(&dir, HADOLINT_FILE_NAMES)) {
            Some(file) => {
                let mut cache = self.by_dir.lock().expect("not poisoned");
                let key = file.clone();
                // Keyed by file too, so sibling directories share one load.
                if let Some(found) = cache.get(&key) {
                    found.clone()
                } else {
                    let loaded = super::load_config_file(&file).map(Arc::new).map_err(Arc::new);
                    cache.insert(key, loaded.clone());
                    loaded
                }
            }
            None => Ok(self.default.clone()),
        };
        self.by_dir.lock().expect("not poisoned").insert(dir, loaded.clone());
        loaded
    }

    pub fn default_config(&self) -> Arc<Config> {
        self.explicit.clone().unwrap_or_else(|| self.default.clone())
    }
}

fn absolute_parent(path: &Path) -> PathBuf {
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::path::absolute(parent).unwrap_or_else(|_| parent.to_path_buf())
}

fn nearest(start: &Path, names: &[&str]) -> Option<PathBuf> {
    start.ancestors().find_map(|dir| {
        names.iter().map(|name| dir.join(name)).find(|candidate| candidate.is_file())
    })
}
