use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for `securityContext.runAsUser: 0` at the pod level or on any
    /// container (init and ephemeral containers too).
    ///
    /// ## Why is this bad?
    /// User ID 0 is root. Running as root inside the container gives every
    /// process the most power over mounted files, devices and the kernel
    /// interfaces the container can reach, and turns any escape into root on
    /// the node. The Pod Security Standards forbid `runAsUser: 0` at the
    /// Restricted level (from policy version 1.23); pick a non-zero UID.
    ///
    /// From policy version 1.35 on, user-namespaced pods
    /// (`spec.hostUsers: false`) may run as UID 0, since it maps to an
    /// unprivileged user on the node; they are not reported.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    /// spec:
    ///   securityContext:
    ///     runAsUser: 0
    ///   containers:
    ///     - name: web
    ///       image: example/web:1.0
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    /// spec:
    ///   securityContext:
    ///     runAsUser: 10001
    ///   containers:
    ///     - name: web
    ///       image: example/web:1.0
    /// ```
    pub static RULE = Rule {
        code: "CK1104",
        name: "pss-run-as-user",
        summary: "A pod or container runs as user ID 0",
        category: Category::Security,
        severity: Severity::Warning,
        profiles: &[Profile::Restricted],
        references: &[
            Reference::new(Source::PodSecurityStandards, "Restricted: Running as Non-root user"),
            Reference::new(Source::CisKubernetes, "5.2.7 (1.12)"),
            Reference::new(Source::Trivy, "KSV-0105"),
        ],
        aliases: &["KSV-0105"],
        check: Check::Kubernetes(check),
    };
}

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    if !ctx.settings.pss_version.at_least(23) {
        return;
    }
    for object in ctx.objects {
        let Some(pod) = object.pod() else { continue };
        if ctx.settings.pss_version.user_namespace_exempt(&pod) {
            continue;
        }
        if let Some(node) = pod.security(&["runAsUser"])
            && node.as_i64() == Some(0)
        {
            sink.report(
                node.range,
                format!("{}: the pod runs as root (user ID 0)", object.label()),
            );
        }
        for container in pod.containers() {
            if let Some(node) = container.security(&["runAsUser"])
                && node.as_i64() == Some(0)
            {
                sink.report(
                    node.range,
                    format!(
                        "{}: {} runs as root (user ID 0)",
                        object.label(),
                        container.describe()
                    ),
                );
            }
        }
    }
}
