//! The Dockerfile path through the engine.

use crate::config::Config;
use crate::lint::LintedFile;

pub(crate) fn lint(_file: &mut LintedFile, _config: &Config) {}
