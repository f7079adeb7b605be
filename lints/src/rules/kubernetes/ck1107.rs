use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for containers with a `securityContext.procMount` other than
    /// `Default` in user-namespaced pods (`spec.hostUsers: false`).
    ///
    /// ## Why is this bad?
    /// From policy version 1.35 the Baseline level lets a pod in its own user
    /// namespace unmask /proc, but the Restricted level still requires
    /// `Default` everywhere: an unmasked /proc exposes kernel interfaces that
    /// a user namespace does not fully contain. Pods that share the host's
    /// user namespace are already reported by CK1009, so this rule reports
    /// only the user-namespaced ones, and the Restricted profile, which runs
    /// both, reports every unmasked /proc once.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: builder
    /// spec:
    ///   hostUsers: false
    ///   containers:
    ///     - name: builder
    ///       image: example/builder:1.0
    ///       securityContext:
    ///         procMount: Unmasked
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: builder
    /// spec:
    ///   hostUsers: false
    ///   containers:
    ///     - name: builder
    ///       image: example/builder:1.0
    /// ```
    pub static RULE = Rule {
        code: "CK1107",
        name: "pss-proc-mount-restricted",
        summary: "A container in a user-namespaced pod unmasks /proc",
        category: Category::Security,
        severity: Severity::Warning,
        profiles: &[Profile::Restricted],
        references: &[
            Reference::new(Source::PodSecurityStandards, "Restricted: /proc Mount Type"),
        ],
        check: Check::Kubernetes(check),
    };
}

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    for object in ctx.objects {
        let Some(pod) = object.pod() else { continue };
        // Before 1.35 CK1009 makes no exception for user-namespaced pods.
        if ctx.settings.pss_version.user_namespace_exempt(&pod) {
            super::ck1009::report_unmasked(sink, object, &pod);
        }
    }
}
