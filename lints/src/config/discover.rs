//! Finding the configuration for each linted file: `--config FILE` for all,
//! or the nearest `.caulk.yaml` walking up from the file's directory, or,
//! when there is none, the nearest `.hadolint.yaml`.

use super::{CONFIG_FILE_NAMES, Config, ConfigError, ConfigFile, HADOLINT_FILE_NAMES, Overrides};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

type Loaded = Result<Arc<Config>, Arc<ConfigError>>;

/// Shared by all linting threads; each configuration file is read once.
pub struct ConfigResolver {
    overrides: Overrides,
    explicit: Option<Loaded>,
    default: Arc<Config>,
    /// Directory → the configuration that governs it.
    by_dir: Mutex<HashMap<PathBuf, Loaded>>,
    /// Directory → the nearest caulk and hadolint configuration files at
    /// or above it, so each directory of a walk is looked at once, not once
    /// per directory below it.
    nearest: Mutex<HashMap<PathBuf, Nearest>>,
}

/// The nearest caulk and hadolint configuration files.
type Nearest = (Option<PathBuf>, Option<PathBuf>);

impl ConfigResolver {
    /// `explicit` (from `--config`) applies to every file when given;
    /// `overrides` (other command-line settings) apply over every file's configuration.
    pub fn new(explicit: Option<&Path>, overrides: Overrides) -> Self {
        let mut defaults = ConfigFile::default();
        defaults.apply(&overrides);
        let default = Config::from_file(defaults, None)
            .map(Arc::new)
            .unwrap_or_else(|_| Arc::new(Config::default()));
        Self {
            explicit: explicit.map(|p| {
                super::load_config_file(p, &overrides)
                    .map(Arc::new)
                    .map_err(Arc::new)
            }),
            overrides,
            default,
            by_dir: Mutex::new(HashMap::new()),
            nearest: Mutex::new(HashMap::new()),
        }
    }

    /// An error in the command-line settings themselves (an unknown rule in `--select`).
    pub fn overrides_error(&self) -> Option<String> {
        let mut defaults = ConfigFile::default();
        defaults.apply(&self.overrides);
        Config::from_file(defaults, None).err()
    }

    /// Every configuration file that failed to load so far, once each.
    pub fn errors(&self) -> Vec<Arc<ConfigError>> {
        let mut errors: Vec<Arc<ConfigError>> = self
            .by_dir
            .lock()
            .expect("not poisoned")
            .values()
            .chain(self.explicit.iter())
            .filter_map(|l| l.as_ref().err().cloned())
            .collect();
        errors.sort_by(|a, b| a.path.cmp(&b.path));
        errors.dedup_by(|a, b| a.path == b.path);
        errors
    }

    /// Forgets every configuration read so far (a configuration file changed).
    pub fn clear(&self) {
        self.by_dir.lock().expect("not poisoned").clear();
        self.nearest.lock().expect("not poisoned").clear();
    }

    /// The configuration for `path`. A broken configuration file is an
    /// error for the caller to report once; the file is then linted with the defaults.
    pub fn for_file(&self, path: &Path) -> Loaded {
        if let Some(config) = &self.explicit {
            return config.clone();
        }
        let dir = absolute_parent(path);
        if let Some(found) = self.by_dir.lock().expect("not poisoned").get(&dir) {
            return found.clone();
        }
        let (caulk, hadolint) = self.nearest_files(&dir);
        let loaded = match caulk.or(hadolint) {
            Some(file) => {
                let mut cache = self.by_dir.lock().expect("not poisoned");
                let key = file.clone();
                // Keyed by file too, so sibling directories share one load.
                if let Some(found) = cache.get(&key) {
                    found.clone()
                } else {
                    let loaded = super::load_config_file(&file, &self.overrides)
                        .map(Arc::new)
                        .map_err(Arc::new);
                    cache.insert(key, loaded.clone());
                    loaded
                }
            }
            None => Ok(self.default.clone()),
        };
        self.by_dir
            .lock()
            .expect("not poisoned")
            .insert(dir, loaded.clone());
        loaded
    }

    /// The configuration used when a file's own is broken.
    pub fn default_config(&self) -> Arc<Config> {
        self.default.clone()
    }
}

pub(crate) fn absolute_parent(path: &Path) -> PathBuf {
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::path::absolute(parent).unwrap_or_else(|_| parent.to_path_buf())
}

impl ConfigResolver {
    /// The nearest caulk and hadolint configuration files at or above `dir`.
    fn nearest_files(&self, dir: &Path) -> Nearest {
        if let Some(found) = self.nearest.lock().expect("not poisoned").get(dir) {
            return found.clone();
        }
        let own = |names: &[&str]| {
            names
                .iter()
                .map(|name| dir.join(name))
                .find(|candidate| candidate.is_file())
        };
        let (caulk, hadolint) = (own(CONFIG_FILE_NAMES), own(HADOLINT_FILE_NAMES));
        // The lock is not held here: the parent's answer may need its own walk.
        let found = if caulk.is_some() && hadolint.is_some() {
            (caulk, hadolint)
        } else {
            let (up_caulk, up_hadolint) = dir
                .parent()
                .map(|parent| self.nearest_files(parent))
                .unwrap_or_default();
            (caulk.or(up_caulk), hadolint.or(up_hadolint))
        };
        self.nearest
            .lock()
            .expect("not poisoned")
            .insert(dir.to_path_buf(), found.clone());
        found
    }
}

/// The nearest of `names` at or above `start` (uncached; for one-off questions
/// such as `caulk config`).
pub(crate) fn nearest(start: &Path, names: &[&str]) -> Option<PathBuf> {
    start.ancestors().find_map(|dir| {
        names
            .iter()
            .map(|name| dir.join(name))
            .find(|candidate| candidate.is_file())
    })
}
