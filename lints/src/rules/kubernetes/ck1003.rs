use crate::kubernetes::edit;
use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for containers with `securityContext.privileged: true`, in
    /// every workload kind and every container list (`initContainers`,
    /// `containers` and `ephemeralContainers`).
    ///
    /// ## Why is this bad?
    /// A privileged container runs with every capability, sees every host
    /// device and is not confined by seccomp, AppArmor or SELinux: root in it
    /// is root on the node. The Pod Security Standards forbid it at the
    /// Baseline level.
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
    ///       securityContext:
    ///         privileged: true
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
    ///       securityContext:
    ///         privileged: false
    /// ```
    ///
    /// ## Fix
    /// An unsafe fix removes `privileged: true` (or sets it to `false` when it is
    /// the only key of the `securityContext`): a container that drives host
    /// devices stops working.
    pub static RULE = Rule {
        code: "CK1003",
        name: "pss-privileged",
        summary: "A container runs privileged",
        category: Category::Security,
        severity: Severity::Error,
        profiles: &[Profile::Default, Profile::Baseline, Profile::Restricted, Profile::Cis],
        references: &[
            Reference::new(Source::PodSecurityStandards, "Baseline: Privileged Containers"),
            Reference::new(Source::CisKubernetes, "5.2.2 (1.12)"),
            Reference::new(Source::KubeLinter, "privileged-container"),
            Reference::new(Source::Checkov, "CKV_K8S_16"),
            Reference::new(Source::Trivy, "KSV-0017"),
            Reference::new(Source::Polaris, "runAsPrivileged"),
        ],
        aliases: &["privileged-container", "CKV_K8S_16", "KSV-0017"],
        fix: Some(Applicability::Unsafe),
        check: Check::Kubernetes(check),
    };
}

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    for object in ctx.objects {
        let Some(pod) = object.pod() else { continue };
        for container in pod.containers() {
            if let Some(node) = container.security(&["privileged"])
                && node.as_bool() == Some(true)
            {
                let d = sink.report(
                    node.range,
                    format!(
                        "{}: {} runs privileged",
                        object.label(),
                        container.describe()
                    ),
                );
                let fix = container.security_context.and_then(|sc| {
                    match edit::remove_entry(ctx.source, sc, "privileged") {
                        Some(e) => Some(Fix::unsafe_("Remove `privileged: true`", vec![e])),
                        None => sc.entry("privileged").and_then(|entry| {
                            edit::set_value(ctx.source, entry, "false")
                                .map(|e| Fix::unsafe_("Set `privileged: false`", vec![e]))
                        }),
                    }
                });
                if let Some(fix) = fix {
                    d.fix(fix);
                }
            }
        }
    }
}
