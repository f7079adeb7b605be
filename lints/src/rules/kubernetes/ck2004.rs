use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks Roles and ClusterRoles that let their subjects create pods,
    /// directly or through a workload controller: `create` (or `*`) on
    /// `pods`, `deployments`, `replicasets`, `statefulsets`, `daemonsets`,
    /// `replicationcontrollers`, `jobs` or `cronjobs`.
    ///
    /// ## Why is this bad?
    /// Whoever creates a pod chooses what it runs and what it mounts: any
    /// secret, config map or service account token of the namespace, and,
    /// unless admission policy stops it, host paths and privileged mode.
    /// Creating pods is therefore a path to everything the namespace can
    /// reach. Keep it to deployment tooling and controllers.
    ///
    /// The API group must match (`pods` of `metrics.k8s.io` are not pods).
    /// `resources: ["*"]` is reported by `rbac-wildcard`.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: Role
    /// metadata:
    ///   name: viewer
    /// rules:
    ///   - apiGroups: [""]
    ///     resources: ["pods"]
    ///     verbs: ["get", "list", "create"]
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// apiVersion: rbac.authorization.k8s.io/v1
    /// kind: Role
    /// metadata:
    ///   name: viewer
    /// rules:
    ///   - apiGroups: [""]
    ///     resources: ["pods"]
    ///     verbs: ["get", "list"]
    /// ```
    pub static RULE = Rule {
        code: "CK2004",
        name: "rbac-create-pods",
        summary: "A Role or ClusterRole grants creating pods or workloads",
        category: Category::Security,
        severity: Severity::Warning,
        profiles: &[Profile::Default, Profile::Cis],
        references: &[
            Reference::new(Source::CisKubernetes, "5.1.4 (1.12)"),
            Reference::new(Source::KubeLinter, "access-to-create-pods"),
            Reference::new(Source::Trivy, "KSV-0048"),
        ],
        aliases: &["access-to-create-pods"],
        check: Check::Kubernetes(check),
    };
}

/// Resources whose creation starts pods, with their API groups.
const POD_CREATORS: &[(&[&str], &str)] = &[
    (&[""], "pods"),
    (&[""], "replicationcontrollers"),
    (&["apps", "extensions"], "deployments"),
    (&["apps", "extensions"], "replicasets"),
    (&["apps", "extensions"], "daemonsets"),
    (&["apps"], "statefulsets"),
    (&["batch"], "jobs"),
    (&["batch"], "cronjobs"),
];

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    for object in ctx.objects {
        for rule in super::ck2002::policy_rules(object) {
            let Some(verb) = rule.grants_verb("create") else {
                continue;
            };
            for (groups, resource) in POD_CREATORS {
                if !groups.iter().any(|g| rule.has_group(g)) {
                    continue;
                }
                if let Some(item) = rule.named_resource(resource) {
                    sink.report(
                        item.range,
                        format!(
                            "{} grants `{}` on {resource}, which runs arbitrary pods",
                            object.label(),
                            verb.as_str().unwrap_or("*")
                        ),
                    );
                }
            }
        }
    }
}
