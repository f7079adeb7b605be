use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks Roles and ClusterRoles that grant `pods/exec` or `pods/attach`
    /// (with `create`, `get` or `*`).
    ///
    /// ## Why is this bad?
    /// Exec and attach open a shell or the standard streams of a running
    /// container: the subject can read its files, environment and mounted
    /// secrets and act with its service account. Kubernetes authorizes the
    /// websocket upgrade as `get` and the SPDY one as `create`, so both
    /// verbs count. Keep this to people debugging, not to workloads.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: Role
    /// metadata:
    ///   name: support
    /// rules:
    ///   - apiGroups: [""]
    ///     resources: ["pods", "pods/log", "pods/exec"]
    ///     verbs: ["get", "create"]
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: Role
    /// metadata:
    ///   name: support
    /// rules:
    ///   - apiGroups: [""]
    ///     resources: ["pods", "pods/log"]
    ///     verbs: ["get"]
    /// ```
    pub static RULE = Rule {
        code: "CK2005",
        name: "rbac-exec-attach",
        summary: "A Role or ClusterRole grants exec or attach into pods",
        category: Category::Security,
        severity: Severity::Warning,
        profiles: &[Profile::Default, Profile::Cis],
        references: &[
            Reference::new(Source::Trivy, "KSV-0053"),
            Reference::new(Source::Trivy, "KSV-0054"),
        ],
        check: Check::Kubernetes(check),
    };
}

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    for object in ctx.objects {
        for rule in super::ck2002::policy_rules(object) {
            if !rule.has_group("") {
                continue;
            }
            let Some(verb) = rule.grants_any_verb(&["create", "get"]) else {
                continue;
            };
            let mut hits: Vec<(&crate::yaml::Node, Vec<&str>)> = Vec::new();
            for sub in ["pods/exec", "pods/attach"] {
                if let Some(item) = rule.named_resource(sub) {
                    match hits.iter_mut().find(|(n, _)| std::ptr::eq(*n, item)) {
                        Some((_, subs)) => subs.push(sub),
                        None => hits.push((item, vec![sub])),
                    }
                }
            }
            for (item, subs) in hits {
                sink.report(
                    item.range,
                    format!(
                        "{} grants `{}` on {}: a shell in any pod of its scope",
                        object.label(),
                        verb.as_str().unwrap_or("*"),
                        subs.join(" and ")
                    ),
                );
            }
        }
    }
}
