use crate::kubernetes::{ContainerKind, ContainerView, PodView};
use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks that every container (init containers too) requests CPU and
    /// memory: `resources.requests.cpu` and `resources.requests.memory`.
    ///
    /// ## Why is this bad?
    /// The scheduler places pods by their requests. A container without
    /// them counts as needing nothing: nodes get overcommitted, the pod is
    /// first in line for eviction under memory pressure (`BestEffort`
    /// class), and autoscalers that work from utilization cannot compute it.
    ///
    /// A limit without a request counts as a request: Kubernetes copies the
    /// limit. Pod-level `spec.resources` covers every container. Ephemeral
    /// containers cannot have resources and are skipped. A LimitRange in the
    /// namespace may add defaults; this rule cannot see it.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    /// spec:
    ///   containers:
    ///     - name: web
    ///       image: nginx:1.27
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    /// spec:
    ///   containers:
    ///     - name: web
    ///       image: nginx:1.27
    ///       resources:
    ///         requests:
    ///           cpu: 100m
    ///           memory: 128Mi
    /// ```
    pub static RULE = Rule {
        code: "CK3001",
        name: "missing-resource-requests",
        summary: "A container does not request CPU or memory",
        category: Category::BestPractice,
        severity: Severity::Warning,
        references: &[
            Reference::new(Source::KubeLinter, "unset-cpu-requirements"),
            Reference::new(Source::KubeLinter, "unset-memory-requirements"),
            Reference::new(Source::Checkov, "CKV_K8S_10"),
            Reference::new(Source::Checkov, "CKV_K8S_12"),
            Reference::new(Source::KubeScore, "container-resources"),
        ],
        aliases: &[
            "unset-cpu-requirements",
            "unset-memory-requirements",
            "CKV_K8S_10",
            "CKV_K8S_12",
        ],
        check: Check::Kubernetes(check),
    };
}

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    report_missing(ctx, sink, &["requests", "limits"], "request");
}

/// Reports containers for which none of `sections` (`requests`, `limits`)
/// sets cpu or memory, at the container level or the pod level.
pub fn report_missing(ctx: &KubernetesContext, sink: &mut Sink, sections: &[&str], what: &str) {
    for object in ctx.objects {
        let Some(pod) = object.pod() else { continue };
        for container in pod.containers() {
            if container.kind == ContainerKind::Ephemeral {
                continue;
            }
            let missing: Vec<_> = ["cpu", "memory"]
                .into_iter()
                .filter(|r| !is_set(&pod, container, sections, r))
                .collect();
            if missing.is_empty() {
                continue;
            }
            let at = container
                .node
                .entry("resources")
                .map_or_else(|| container.anchor(), |e| e.key.range);
            sink.report(
                at,
                format!(
                    "{} sets no {} {what}",
                    container.describe(),
                    missing.join(" or ")
                ),
            );
        }
    }
}

fn is_set(pod: &PodView, container: &ContainerView, sections: &[&str], resource: &str) -> bool {
    let has = |resources: Option<&crate::yaml::Node>| {
        resources.is_some_and(|r| {
            sections
                .iter()
                .any(|s| r.get_path(&[s, resource]).is_some_and(|n| !n.is_null()))
        })
    };
    has(container.node.get("resources")) || has(pod.get("resources"))
}
