use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks Roles and ClusterRoles that let their subjects read Secrets:
    /// `get`, `list`, `watch` (or `*`) on `secrets` in the core API group.
    ///
    /// ## Why is this bad?
    /// Secrets hold passwords, API keys, TLS keys and service account tokens.
    /// Reading them is often enough to act as another workload or another
    /// user, so the permission is worth as much as the most powerful secret
    /// in scope. `list` and `watch` return every secret's contents, not just
    /// names. Grant read access only to the few controllers that need it,
    /// ideally restricted by `resourceNames`.
    ///
    /// A rule with `resourceNames` is still reported (it is much narrower,
    /// but still access to secrets): suppress it where it is intended.
    /// `resources: ["*"]` also reaches secrets; `rbac-wildcard` reports that.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: Role
    /// metadata:
    ///   name: app
    /// rules:
    ///   - apiGroups: [""]
    ///     resources: ["configmaps", "secrets"]
    ///     verbs: ["get", "list"]
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: Role
    /// metadata:
    ///   name: app
    /// rules:
    ///   - apiGroups: [""]
    ///     resources: ["configmaps"]
    ///     verbs: ["get", "list"]
    /// ```
    pub static RULE = Rule {
        code: "CK2003",
        name: "rbac-secrets-access",
        summary: "A Role or ClusterRole grants read access to Secrets",
        category: Category::Security,
        severity: Severity::Warning,
        profiles: &[Profile::Default, Profile::Cis],
        references: &[
            Reference::new(Source::CisKubernetes, "5.1.2 (1.12)"),
            Reference::new(Source::KubeLinter, "access-to-secrets"),
            Reference::new(Source::Trivy, "KSV-0041"),
        ],
        aliases: &["access-to-secrets"],
        check: Check::Kubernetes(check),
    };
}

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    for object in ctx.objects {
        for rule in super::ck2002::policy_rules(object) {
            if !rule.has_group("") {
                continue;
            }
            let Some(resource) = rule.named_resource("secrets") else {
                continue;
            };
            let Some(verb) = rule.grants_any_verb(&["get", "list", "watch"]) else {
                continue;
            };
            sink.report(
                resource.range,
                format!(
                    "{} grants `{}` on secrets",
                    object.label(),
                    verb.as_str().unwrap_or("*")
                ),
            );
        }
    }
}
