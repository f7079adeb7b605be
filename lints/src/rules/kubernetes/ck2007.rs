use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks Roles and ClusterRoles that grant the `nodes/proxy`
    /// subresource.
    ///
    /// ## Why is this bad?
    /// `nodes/proxy` forwards requests to the kubelet API of a node. The
    /// kubelet lets its caller run commands in any container on the node and
    /// read their logs, and requests through the proxy bypass admission
    /// control and are barely audited. Even `get` is enough to exec into
    /// pods. Monitoring agents should use `nodes/metrics` or `nodes/stats`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: ClusterRole
    /// metadata:
    ///   name: metrics
    /// rules:
    ///   - apiGroups: [""]
    ///     resources: ["nodes", "nodes/proxy"]
    ///     verbs: ["get", "list", "watch"]
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: ClusterRole
    /// metadata:
    ///   name: metrics
    /// rules:
    ///   - apiGroups: [""]
    ///     resources: ["nodes", "nodes/metrics"]
    ///     verbs: ["get", "list", "watch"]
    /// ```
    pub static RULE = Rule {
        code: "CK2007",
        name: "rbac-nodes-proxy",
        summary: "A Role or ClusterRole grants access to `nodes/proxy`",
        category: Category::Security,
        severity: Severity::Warning,
        profiles: &[Profile::Default, Profile::Cis],
        references: &[
            Reference::new(Source::CisKubernetes, "5.1.10 (1.12)"),
            Reference::new(Source::Trivy, "KSV-0047"),
        ],
        check: Check::Kubernetes(check),
    };
}

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    for object in ctx.objects {
        for rule in super::ck2002::policy_rules(object) {
            if !rule.has_group("") || rule.verbs.is_empty() {
                continue;
            }
            if let Some(item) = rule.named_resource("nodes/proxy") {
                sink.report(
                    item.range,
                    format!(
                        "{} grants nodes/proxy: the kubelet API of every node, exec included",
                        object.label()
                    ),
                );
            }
        }
    }
}
