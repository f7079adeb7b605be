//! Kubernetes manifests: the objects of a YAML stream and a typed view over
//! them (pod specs of every workload kind, containers, effective security
//! settings) that keeps every node's position. Rules never re-implement
//! these walks.

pub mod edit;
mod ignore;
mod object;
mod pss;
mod workload;

pub use ignore::{
    IGNORE_ANNOTATION, KUBE_LINTER_PREFIX, annotation_suppressions, kube_linter_rules,
};
pub use object::{Label, Object, objects};
pub use pss::PssVersion;
pub use workload::{
    ContainerKind, ContainerView, Description, POD_AND_CONTAINER_FIELDS, PodView, Setting, pod,
};

/// Why a YAML file is not linted as Kubernetes objects, if it is not.
pub fn not_kubernetes_reason(source: &str, stream: &crate::yaml::Stream) -> Option<String> {
    StreamFacts::with_objects(stream, &objects(stream)).not_kubernetes_reason(source)
}

/// What the Kubernetes-or-not decision needs from a stream. The facts of
/// pieces of a file (whole documents each) [`merge`](StreamFacts::merge)
/// into those of the file.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct StreamFacts {
    any_object: bool,
    kustomize: bool,
    any_document: bool,
    any_error: bool,
}

impl StreamFacts {
    /// The facts of a stream whose `objects` (the nodes with a string
    /// `apiVersion` and `kind`) are already found.
    pub(crate) fn with_objects(stream: &crate::yaml::Stream, objects: &[Object<'_>]) -> Self {
        let mut facts = Self {
            any_document: !stream.documents.is_empty(),
            any_error: !stream.errors.is_empty(),
            ..Self::default()
        };
        for object in objects {
            match object.kind {
                "Kustomization" | "Component" => facts.kustomize = true,
                _ => facts.any_object = true,
            }
        }
        facts
    }

    pub(crate) fn merge(self, other: Self) -> Self {
        Self {
            any_object: self.any_object || other.any_object,
            kustomize: self.kustomize || other.kustomize,
            any_document: self.any_document || other.any_document,
            any_error: self.any_error || other.any_error,
        }
    }

    /// Why the file `source`, whose stream these facts describe, is not linted.
    pub(crate) fn not_kubernetes_reason(self, source: &str) -> Option<String> {
        if looks_like_helm_template(source) {
            return Some("a Helm template (`{{ … }}`), not a manifest".into());
        }
        if self.any_object || (self.any_error && mentions_api_version_and_kind(source)) {
            // A manifest that does not load is still a manifest: report why.
            None
        } else if self.kustomize {
            Some("a Kustomize file, not a cluster object".into())
        } else if !self.any_document && self.any_error {
            // Nothing loaded at all: whether it was meant as a manifest cannot be told.
            Some("not valid YAML, and no Kubernetes object could be read".into())
        } else {
            Some("no document has `apiVersion` and `kind`".into())
        }
    }
}

fn mentions_api_version_and_kind(source: &str) -> bool {
    let starts = |key: &str| {
        source
            .lines()
            .any(|l| l.trim_start_matches(['-', ' ']).starts_with(key))
    };
    // JSON keys are quoted and may share one line.
    let json = source.trim_start().starts_with('{')
        && source.contains("\"apiVersion\"")
        && source.contains("\"kind\"");
    (starts("apiVersion:") && starts("kind:")) || json
}

fn looks_like_helm_template(source: &str) -> bool {
    source.contains("{{") && source.contains("}}")
}
