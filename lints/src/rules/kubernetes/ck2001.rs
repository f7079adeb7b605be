use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for RoleBindings and ClusterRoleBindings whose `roleRef` is the
    /// `cluster-admin` ClusterRole.
    ///
    /// ## Why is this bad?
    /// `cluster-admin` can do anything to any object in the cluster. Bound
    /// with a ClusterRoleBinding it gives full control of the cluster; even
    /// through a RoleBinding it gives full control of the namespace, secrets
    /// and RBAC included. Few subjects need that: give them a role that lists
    /// what they actually do.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: ClusterRoleBinding
    /// metadata:
    ///   name: ci
    /// roleRef:
    ///   apiGroup: rbac.authorization.k8s.io
    ///   kind: ClusterRole
    ///   name: cluster-admin
    /// subjects:
    ///   - kind: ServiceAccount
    ///     name: ci
    ///     namespace: ci
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: RoleBinding
    /// metadata:
    ///   name: ci
    ///   namespace: apps
    /// roleRef:
    ///   apiGroup: rbac.authorization.k8s.io
    ///   kind: Role
    ///   name: deployer
    /// subjects:
    ///   - kind: ServiceAccount
    ///     name: ci
    ///     namespace: ci
    /// ```
    pub static RULE = Rule {
        code: "CK2001",
        name: "cluster-admin-binding",
        summary: "A binding grants the `cluster-admin` ClusterRole",
        category: Category::Security,
        severity: Severity::Warning,
        profiles: &[Profile::Default, Profile::Cis],
        references: &[
            Reference::new(Source::CisKubernetes, "5.1.1 (1.12)"),
            Reference::new(Source::KubeLinter, "cluster-admin-role-binding"),
            Reference::new(Source::Trivy, "KSV-0111"),
        ],
        aliases: &["cluster-admin-role-binding"],
        check: Check::Kubernetes(check),
    };
}

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    for object in ctx.objects {
        if !super::ck2002::is_rbac(object)
            || !matches!(object.kind, "RoleBinding" | "ClusterRoleBinding")
        {
            continue;
        }
        let Some(role_ref) = object.node.get("roleRef") else {
            continue;
        };
        if role_ref.get("kind").and_then(|n| n.as_str()) != Some("ClusterRole") {
            continue;
        }
        let Some(name) = role_ref.get("name") else {
            continue;
        };
        if name.as_str() == Some("cluster-admin") {
            let scope = if object.kind == "ClusterRoleBinding" {
                "the whole cluster"
            } else {
                "the namespace"
            };
            sink.report(
                name.range,
                format!(
                    "{} grants `cluster-admin`: full control of {scope}",
                    object.label()
                ),
            );
        }
    }
}
