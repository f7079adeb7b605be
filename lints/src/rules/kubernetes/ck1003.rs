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
                sink.report(
                    node.range,
                    format!(
                        "{}: {} runs privileged",
                        object.label(),
                        container.describe()
                    ),
                );
            }
        }
    }
}
