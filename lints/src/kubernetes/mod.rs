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
pub use object::{Object, objects};
pub use pss::PssVersion;
pub use workload::{ContainerKind, ContainerView, POD_AND_CONTAINER_FIELDS, PodView, Setting, pod};

/// Why a YAML file is not linted as Kubernetes objects, if it is not.
pub fn not_kubernetes_reason(source: &str, stream: &crate::yaml::Stream) -> Option<String> {
    if looks_like_helm_template(source) {
        return Some("a Helm template (`{{ … }}`), not a manifest".into());
    }
    let mut any_object = false;
    let mut kustomize = false;
    for doc in &stream.documents {
        for node in object::object_nodes(&doc.root) {
            match (
                node.get("apiVersion").and_then(|n| n.as_str()),
                node.get("kind").and_then(|n| n.as_str()),
            ) {
                (Some(_), Some("Kustomization" | "Component")) => kustomize = true,
                (Some(_), Some(_)) => any_object = true,
                _ => {}
            }
        }
    }
    if any_object || (!stream.errors.is_empty() && mentions_api_version_and_kind(source)) {
        // A manifest that does not load is still a manifest: report why.
        None
    } else if kustomize {
        Some("a Kustomize file, not a cluster object".into())
    } else if stream.documents.is_empty() && !stream.errors.is_empty() {
        // Nothing loaded at all: whether it was meant as a manifest cannot be told.
        Some("not valid YAML, and no Kubernetes object could be read".into())
    } else {
        Some("no document has `apiVersion` and `kind`".into())
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
