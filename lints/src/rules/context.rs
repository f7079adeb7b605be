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
    /// Every object of the file (List items included), in file order. A
    /// large file is linted in pieces of whole documents: `objects` then
    /// holds the piece's objects, and `stream` the piece's documents.
    pub objects: &'a [crate::kubernetes::Object<'a>],
    pub settings: &'a RuleSettings,
    /// Where a rule that looks for another object of the file, and does not
    /// find it among `objects`, notes what it assumed, for the engine to
    /// settle against the other pieces of the file.
    pub(crate) elsewhere: Option<&'a std::cell::RefCell<Vec<Elsewhere>>>,
}

impl<'a> KubernetesContext<'a> {
    /// A context for the whole file `source` (for benchmarks and tools; the
    /// engine builds its own).
    pub fn new(
        path: &'a Path,
        source: &'a str,
        stream: &'a crate::yaml::Stream,
        objects: &'a [crate::kubernetes::Object<'a>],
        settings: &'a RuleSettings,
    ) -> Self {
        Self {
            path,
            source,
            stream,
            objects,
            settings,
            elsewhere: None,
        }
    }
}

/// A finding reported because an object was not found in the piece of the
/// file a rule saw; the engine drops it when another piece holds one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Elsewhere {
    /// CK2105: a pod's ServiceAccount that sets `automountServiceAccountToken: false`.
    AutomountOffAccount {
        finding: crate::text::TextRange,
        account: String,
        namespace: Option<String>,
    },
}
