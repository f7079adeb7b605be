use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks Roles and ClusterRoles that grant the `impersonate`, `bind` or
    /// `escalate` verbs.
    ///
    /// ## Why is this bad?
    /// These verbs step around RBAC itself. `impersonate` lets a subject act
    /// as another user, group or service account. `bind` lets it bind roles
    /// it does not hold, and `escalate` lets it edit roles to grant
    /// permissions it does not have. Any of them can lead to cluster-admin.
    /// They belong to a few RBAC-management controllers.
    ///
    /// Only the verbs written by name are reported; `verbs: ["*"]` is
    /// reported by `rbac-wildcard`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: ClusterRole
    /// metadata:
    ///   name: role-manager
    /// rules:
    ///   - apiGroups: ["rbac.authorization.k8s.io"]
    ///     resources: ["roles", "rolebindings"]
    ///     verbs: ["get", "list", "create", "bind", "escalate"]
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: ClusterRole
    /// metadata:
    ///   name: role-manager
    /// rules:
    ///   - apiGroups: ["rbac.authorization.k8s.io"]
    ///     resources: ["roles", "rolebindings"]
    ///     verbs: ["get", "list"]
    /// ```
    pub static RULE = Rule {
        code: "CK2006",
        name: "rbac-impersonate-bind-escalate",
        summary: "A Role or ClusterRole grants `impersonate`, `bind` or `escalate`",
        category: Category::Security,
        severity: Severity::Warning,
        profiles: &[Profile::Default, Profile::Cis],
        references: &[
            Reference::new(Source::CisKubernetes, "5.1.8 (1.12)"),
            Reference::new(Source::Trivy, "KSV-0043"),
            Reference::new(Source::Checkov, "CKV_K8S_157"),
            Reference::new(Source::Checkov, "CKV_K8S_158"),
        ],
        check: Check::Kubernetes(check),
    };
}

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    for object in ctx.objects {
        for rule in super::ck2002::policy_rules(object) {
            for verb in &rule.verbs {
                let Some(name) = verb.as_str() else { continue };
                let why = match name.to_ascii_lowercase().as_str() {
                    "impersonate" => "act as other users, groups or service accounts",
                    "bind" => "bind roles they do not hold",
                    "escalate" => "grant permissions they do not hold",
                    _ => continue,
                };
                sink.report(
                    verb.range,
                    format!("{} grants `{name}`: its subjects can {why}", object.label()),
                );
            }
        }
    }
}
