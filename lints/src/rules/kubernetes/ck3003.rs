use crate::kubernetes::{ContainerKind, ContainerView, PodView};
use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks that every container of a long-running workload has a
    /// `livenessProbe`.
    ///
    /// ## Why is this bad?
    /// Without a liveness probe the kubelet only restarts a container whose
    /// process exits. A server that deadlocks, or loops without serving,
    /// stays "running" forever and keeps its place in the rollout. A
    /// liveness probe lets Kubernetes restart it.
    ///
    /// Jobs, CronJobs and pods with `restartPolicy: Never` or `OnFailure`
    /// run to completion and are exempt, as are init and ephemeral
    /// containers. Make sure the probe checks the process itself, not its
    /// dependencies, or an outage of a database restarts every client.
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
    ///       livenessProbe:
    ///         httpGet: {path: /healthz, port: 80}
    /// ```
    pub static RULE = Rule {
        code: "CK3003",
        name: "missing-liveness-probe",
        summary: "A container of a long-running workload has no liveness probe",
        category: Category::BestPractice,
        severity: Severity::Warning,
        references: &[
            Reference::new(Source::KubeLinter, "no-liveness-probe"),
            Reference::new(Source::Checkov, "CKV_K8S_8"),
            Reference::new(Source::KubeScore, "pod-probes"),
            Reference::new(Source::Polaris, "livenessProbeMissing"),
        ],
        aliases: &["no-liveness-probe", "CKV_K8S_8"],
        check: Check::Kubernetes(check),
    };
}

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    report_missing_probe(ctx, sink, "livenessProbe");
}

/// Reports regular containers of long-running pods without `probe`.
pub fn report_missing_probe(ctx: &KubernetesContext, sink: &mut Sink, probe: &str) {
    for object in ctx.objects {
        let Some(pod) = object.pod() else { continue };
        if runs_to_completion(&pod) {
            continue;
        }
        for container in pod.containers() {
            if container.kind != ContainerKind::Regular || has(container, probe) {
                continue;
            }
            sink.report(
                container.anchor(),
                format!("{} has no {probe}", container.describe()),
            );
        }
    }
}

fn has(container: &ContainerView, probe: &str) -> bool {
    container.node.get(probe).is_some_and(|n| !n.is_null())
}

/// Jobs, CronJobs and pods that are not restarted after they finish.
fn runs_to_completion(pod: &PodView) -> bool {
    matches!(pod.object.kind, "Job" | "CronJob")
        || matches!(
            pod.get("restartPolicy").and_then(|n| n.as_str()),
            Some("Never" | "OnFailure")
        )
}
