use crate::kubernetes::edit;
use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks that containers must run as a non-root user:
    /// `securityContext.runAsNonRoot: true` at the pod level, or on every
    /// container (init and ephemeral containers too).
    ///
    /// ## Why is this bad?
    /// Without `runAsNonRoot: true` the kubelet starts the container as
    /// whatever user the image names, and most images name root. Root in a
    /// container is one kernel bug or misconfigured mount away from root on
    /// the node. The Pod Security Standards require it at the Restricted
    /// level.
    ///
    /// A container inherits the pod's `true` unless it sets the field itself,
    /// so an explicit `runAsNonRoot: false` on a container is reported even
    /// when the pod says `true`, and so is a pod-level `false`. When neither
    /// the pod nor any container sets it, one finding points at the pod's
    /// `securityContext` key (or its `spec` key), where a single setting
    /// fixes every container; otherwise each container lacking it is
    /// reported. From policy version 1.35 on, user-namespaced pods
    /// (`spec.hostUsers: false`) are exempt, and so are they here.
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
    ///           image: example/web:1.0
    /// ```
    ///
    /// Use instead:
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
    ///       securityContext:
    ///         runAsNonRoot: true
    ///       containers:
    ///         - name: web
    ///           image: example/web:1.0
    /// ```
    ///
    /// ## Fix
    /// An unsafe fix sets `runAsNonRoot: true` where the finding is: in the pod's
    /// `securityContext` when no container sets it, else in the container's,
    /// creating the `securityContext` if needed. An image that runs as root then
    /// fails to start until it gets a non-root `USER` or `runAsUser`.
    pub static RULE = Rule {
        code: "CK1103",
        name: "pss-run-as-non-root",
        summary: "Containers are not required to run as a non-root user",
        category: Category::Security,
        severity: Severity::Warning,
        profiles: &[Profile::Restricted],
        references: &[
            Reference::new(Source::PodSecurityStandards, "Restricted: Running as Non-root"),
            Reference::new(Source::CisKubernetes, "5.2.7 (1.12)"),
            Reference::new(Source::KubeLinter, "run-as-non-root"),
            Reference::new(Source::Checkov, "CKV_K8S_23"),
            Reference::new(Source::Trivy, "KSV-0012"),
            Reference::new(Source::Polaris, "runAsRootAllowed"),
        ],
        aliases: &["run-as-non-root", "CKV_K8S_23", "KSV-0012"],
        fix: Some(Applicability::Unsafe),
        check: Check::Kubernetes(check),
    };
}

/// `runAsNonRoot: true` in the `securityContext` of `owner` (a PodSpec or a container).
fn fix(ctx: &KubernetesContext, owner: &crate::yaml::Node, d: &mut crate::diagnostic::Diagnostic) {
    let path = ["securityContext", "runAsNonRoot"];
    if let Some(e) = edit::set_path(ctx.source, owner, &path, "true") {
        d.fix(Fix::unsafe_("Set `runAsNonRoot: true`", vec![e]));
    }
}

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    for object in ctx.objects {
        let Some(pod) = object.pod() else { continue };
        if ctx.settings.pss_version.user_namespace_exempt(&pod) {
            continue;
        }
        let pod_setting = pod.security(&["runAsNonRoot"]);
        let pod_value = pod_setting.and_then(|n| n.as_bool());
        if let Some(node) = pod_setting
            && pod_value != Some(true)
        {
            let d = sink.report(
                node.range,
                format!(
                    "{}: the pod does not require a non-root user",
                    object.label()
                ),
            );
            fix(ctx, pod.spec, d);
        }
        let containers = pod.containers();
        let mut lacking = Vec::new();
        for container in containers {
            match container.security(&["runAsNonRoot"]) {
                Some(node) if node.as_bool() != Some(true) => {
                    let d = sink.report(
                        node.range,
                        format!(
                            "{}: {} may run as root (`runAsNonRoot` is not true)",
                            object.label(),
                            container.describe()
                        ),
                    );
                    fix(ctx, container.node, d);
                }
                Some(_) => {}
                None => lacking.push(container),
            }
        }
        // A pod-level value that is set but wrong is already reported, and
        // fixing it fixes the containers that inherit it.
        if pod_setting.is_some() || lacking.is_empty() {
            continue;
        }
        if lacking.len() == containers.len() {
            let d = sink.report(
                pod.security_anchor(),
                format!(
                    "{}: neither the pod nor its containers set `runAsNonRoot: true`",
                    object.label()
                ),
            );
            fix(ctx, pod.spec, d);
        } else {
            for container in lacking {
                let d = sink.report(
                    container.security_anchor(),
                    format!(
                        "{}: {} does not set `runAsNonRoot: true`, and the pod does not either",
                        object.label(),
                        container.describe()
                    ),
                );
                fix(ctx, container.node, d);
            }
        }
    }
}
