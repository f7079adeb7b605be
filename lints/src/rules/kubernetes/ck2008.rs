use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks RoleBindings and ClusterRoleBindings with the subject group
    /// `system:masters`.
    ///
    /// ## Why is this bad?
    /// Members of `system:masters` bypass authorization altogether: the API
    /// server grants them everything before RBAC or webhooks are asked, and
    /// removing a binding cannot take that away. A binding that names the
    /// group is either useless or a sign that credentials in that group are
    /// being handed out. Give people a dedicated group bound to the role
    /// they need.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: ClusterRoleBinding
    /// metadata:
    ///   name: admins
    /// roleRef:
    ///   apiGroup: rbac.authorization.k8s.io
    ///   kind: ClusterRole
    ///   name: admin
    /// subjects:
    ///   - apiGroup: rbac.authorization.k8s.io
    ///     kind: Group
    ///     name: system:masters
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: ClusterRoleBinding
    /// metadata:
    ///   name: admins
    /// roleRef:
    ///   apiGroup: rbac.authorization.k8s.io
    ///   kind: ClusterRole
    ///   name: admin
    /// subjects:
    ///   - apiGroup: rbac.authorization.k8s.io
    ///     kind: Group
    ///     name: platform-admins
    /// ```
    pub static RULE = Rule {
        code: "CK2008",
        name: "system-masters-binding",
        summary: "A binding names the `system:masters` group",
        category: Category::Security,
        severity: Severity::Warning,
        profiles: &[Profile::Default, Profile::Cis],
        references: &[
            Reference::new(Source::CisKubernetes, "5.1.7 (1.12)"),
            Reference::new(Source::Trivy, "KSV-0123"),
        ],
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
        let Some(subjects) = object.node.get("subjects").and_then(|n| n.as_sequence()) else {
            continue;
        };
        for subject in subjects {
            if subject.get("kind").and_then(|n| n.as_str()) != Some("Group") {
                continue;
            }
            if let Some(name) = subject.get("name")
                && name.as_str() == Some("system:masters")
            {
                sink.report(
                    name.range,
                    format!(
                        "{} names `system:masters`, whose members bypass authorization entirely",
                        object.label()
                    ),
                );
            }
        }
    }
}
