//! What a rule sees: the parsed and modelled file, and the settings that
//! configure rules (trusted registries, label schema, …).

use crate::config::RuleSettings;
use crate::dockerfile::{Dockerfile, model::Model};
use std::path::Path;

/// Everything a Dockerfile rule may read. Built once per file by the engine.
pub struct DockerfileContext<'a> {
    pub path: &'a Path,
    pub source: &'a str,
    pub syntax: &'a Dockerfile,
    pub model: &'a Model<'a>,
    pub settings: &'a RuleSettings,
    /// The build context (directory and ignore file), when the caller
    /// knows it; text linted without a file on disk has none.
    pub build: Option<&'a crate::build_context::BuildContext>,
}

/// Everything a Kubernetes rule may read. Built once per file by the engine.
pub struct KubernetesContext<'a> {
    pub path: &'a Path,
    pub source: &'a str,
    pub stream: &'a crate::yaml::Stream,
    /// Every object of the file (List items included), in file order.
    pub objects: &'a [crate::kubernetes::Object<'a>],
    pub settings: &'a RuleSettings,
}
