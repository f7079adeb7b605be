//! Configuration: the `.caulk.yaml` file format, hadolint's `.hadolint.yaml`
//! for migrating users, and the resolved form the engine runs with.

// A configuration error carries the file's text so it can be shown with a
// snippet; it is large, but configuration is loaded once per file, not per finding.
#![allow(clippy::result_large_err)]

mod discover;
mod explain;
mod file;
mod hadolint;
mod load;
mod resolve;

pub use discover::ConfigResolver;
pub use explain::explain;
pub use file::{ConfigFile, LabelType, Overrides, PathOverride, SeverityOrOff, schema_json};
pub use hadolint::HadolintConfig;
pub use load::{Layer, load_config_file, load_layers};
pub use resolve::{Config, ConfigError, RuleSettings, SuppressionPolicy};

/// File names searched for, nearest directory first; in each directory a
/// caulk file wins over a hadolint one.
pub const CONFIG_FILE_NAMES: &[&str] = &[".caulk.yaml", ".caulk.yml", "caulk.yaml"];
pub const HADOLINT_FILE_NAMES: &[&str] = &[".hadolint.yaml", ".hadolint.yml"];
