use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for containers with no security context at all: neither the
    /// pod nor the container sets a (non-empty) `securityContext`.
    ///
    /// ## Why is this bad?
    /// Without a security context a container runs with the image's user
    /// (often root), the runtime's default capabilities, privilege
    /// escalation allowed and a writable root filesystem. A security context
    /// is where those defaults are tightened (`runAsNonRoot`,
    /// `allowPrivilegeEscalation: false`, `capabilities.drop: [ALL]`,
    /// `seccompProfile`); having none means nobody has made those choices.
    /// The rules for the individual settings say which ones are missing.
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
    ///   securityContext:
    ///     runAsNonRoot: true
    ///     seccompProfile: {type: RuntimeDefault}
    ///   containers:
    ///     - name: web
    ///       image: nginx:1.27
    ///       securityContext:
    ///         allowPrivilegeEscalation: false
    ///         capabilities: {drop: [ALL]}
    /// ```
    pub static RULE = Rule {
        code: "CK2106",
        name: "missing-security-context",
        summary: "Neither a container nor its pod sets a securityContext",
        category: Category::Security,
        severity: Severity::Warning,
        profiles: &[Profile::Cis],
        references: &[
            Reference::new(Source::CisKubernetes, "5.7.3 (1.12)"),
            Reference::new(Source::Checkov, "CKV_K8S_29"),
            Reference::new(Source::Checkov, "CKV_K8S_30"),
            Reference::new(Source::Trivy, "KSV-0118"),
        ],
        aliases: &["CKV_K8S_29", "CKV_K8S_30"],
        check: Check::Kubernetes(check),
    };
}

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    let non_empty = |n: Option<&crate::yaml::Node>| {
        n.and_then(|n| n.as_mapping())
            .is_some_and(|m| !m.is_empty())
    };
    for object in ctx.objects {
        let Some(pod) = object.pod() else { continue };
        if non_empty(pod.security_context()) {
            continue;
        }
        for container in pod.containers() {
            if !non_empty(container.security_context) {
                sink.report(
                    container.security_anchor(),
                    format!(
                        "{} has no securityContext, and neither has its pod",
                        container.describe()
                    ),
                );
            }
        }
    }
}
