use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for Services whose `selector` matches the pod template of no
    /// workload in the same file.
    ///
    /// ## Why is this bad?
    /// A Service routes to the pods its selector matches. A typo in a label,
    /// or a label changed on the workload but not on the Service, leaves the
    /// Service without endpoints: clients get connection refused while every
    /// object looks healthy.
    ///
    /// The rule only judges files that define at least one workload, and
    /// only against the workloads of that file: the engine lints one file at
    /// a time, so a Service whose pods are defined in another file is
    /// reported when its file has other workloads. Services without a
    /// selector (endpoints managed by hand) and `ExternalName` Services are
    /// not judged. Objects without a namespace are assumed to share one.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata:
    ///   name: web
    /// spec:
    ///   selector:
    ///     matchLabels: {app: web}
    ///   template:
    ///     metadata:
    ///       labels: {app: web}
    ///     spec:
    ///       containers:
    ///         - name: web
    ///           image: nginx:1.27
    /// ---
    /// apiVersion: v1
    /// kind: Service
    /// metadata:
    ///   name: web
    /// spec:
    ///   selector: {app: webb}
    ///   ports:
    ///     - port: 80
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// apiVersion: v1
    /// kind: Service
    /// metadata:
    ///   name: web
    /// spec:
    ///   selector: {app: web}
    ///   ports:
    ///     - port: 80
    /// ```
    pub static RULE = Rule {
        code: "CK3015",
        name: "service-selects-nothing",
        summary: "A Service's selector matches no workload in the file",
        category: Category::Correctness,
        severity: Severity::Warning,
        references: &[
            Reference::new(Source::KubeLinter, "dangling-service"),
            Reference::new(Source::KubeScore, "service-targets-pod"),
        ],
        aliases: &["dangling-service"],
        check: Check::Kubernetes(check),
    };
}

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    let pods: Vec<_> = ctx.objects.iter().filter_map(|o| o.pod()).collect();
    if pods.is_empty() {
        return;
    }
    for object in ctx.objects {
        if object.kind != "Service" || object.api_version != "v1" {
            continue;
        }
        let Some(spec) = object.node.get("spec") else {
            continue;
        };
        if spec.get("type").and_then(|n| n.as_str()) == Some("ExternalName") {
            continue;
        }
        let Some(entry) = spec.entry("selector") else {
            continue;
        };
        let Some(wanted) = entry.value.as_mapping().filter(|m| !m.is_empty()) else {
            continue;
        };
        let selects = |pod: &crate::kubernetes::PodView| {
            let same_namespace = match (object.namespace, pod.object.namespace) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            };
            same_namespace
                && wanted.iter().all(|e| {
                    e.key.scalar_text().is_some_and(|k| {
                        super::ck3014::label(pod.labels(), k) == e.value.scalar_text()
                    })
                })
        };
        if !pods.iter().any(selects) {
            let shown: Vec<_> = wanted
                .iter()
                .map(|e| {
                    format!(
                        "{}: {}",
                        e.key.scalar_text().unwrap_or("?"),
                        e.value.scalar_text().unwrap_or("?")
                    )
                })
                .collect();
            sink.report(
                entry.key.range,
                format!(
                    "{} selects `{}`, which no pod template in this file has",
                    object.label(),
                    shown.join(", ")
                ),
            );
        }
    }
}
