use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks that every workload is selected by a NetworkPolicy: its pod
    /// template's labels must match the `podSelector` of a NetworkPolicy in
    /// the same namespace (`podSelector: {}` selects every pod).
    ///
    /// ## Why is this bad?
    /// A pod that no NetworkPolicy selects accepts connections from every
    /// pod in the cluster and may connect anywhere. One compromised pod can
    /// then reach every database and internal API. A default-deny policy per
    /// namespace, plus policies that open what each workload needs, limits
    /// what an intruder can reach.
    ///
    /// The engine lints one file at a time, so the rule only sees the
    /// NetworkPolicies of the same file: a workload whose policy lives in
    /// another file is reported (suppress it, or keep policies next to the
    /// workloads). Objects without a namespace are assumed to share one.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata:
    ///   name: web
    ///   namespace: shop
    /// spec:
    ///   selector:
    ///     matchLabels: {app: web}
    ///   template:
    ///     metadata:
    ///       labels: {app: web}
    ///     spec:
    ///       containers:
    ///         - name: web
    ///           image: nginx:1.27
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// apiVersion: networking.k8s.io/v1
    /// kind: NetworkPolicy
    /// metadata:
    ///   name: default-deny
    ///   namespace: shop
    /// spec:
    ///   podSelector: {}
    ///   policyTypes: [Ingress, Egress]
    /// ---
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata:
    ///   name: web
    ///   namespace: shop
    /// spec:
    ///   selector:
    ///     matchLabels: {app: web}
    ///   template:
    ///     metadata:
    ///       labels: {app: web}
    ///     spec:
    ///       containers:
    ///         - name: web
    ///           image: nginx:1.27
    /// ```
    pub static RULE = Rule {
        code: "CK2104",
        name: "missing-network-policy",
        summary: "A workload is selected by no NetworkPolicy in its file",
        category: Category::Security,
        severity: Severity::Warning,
        profiles: &[Profile::Cis],
        references: &[
            Reference::new(Source::CisKubernetes, "5.3.2 (1.12)"),
            Reference::new(Source::KubeLinter, "non-isolated-pod"),
            Reference::new(Source::Trivy, "KSV-0038"),
            Reference::new(Source::KubeScore, "pod-networkpolicy"),
        ],
        aliases: &["non-isolated-pod"],
        check: Check::Kubernetes(check),
    };
}

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    let policies: Vec<_> = ctx
        .objects
        .iter()
        .filter(|o| o.kind == "NetworkPolicy" && o.group() == "networking.k8s.io")
        .collect();
    for object in ctx.objects {
        if object.kind == "PodTemplate" {
            continue;
        }
        let Some(pod) = object.pod() else { continue };
        let selected = policies.iter().any(|policy| {
            let same_namespace = match (object.namespace, policy.namespace) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            };
            same_namespace
                && match policy.node.get_path(&["spec", "podSelector"]) {
                    Some(selector) if selector.is_mapping() => {
                        super::ck3014::matches(selector, pod.labels())
                    }
                    // Missing or null selects every pod, as `{}` does.
                    _ => true,
                }
        });
        if !selected {
            let namespace = object
                .namespace
                .map_or(String::new(), |ns| format!(" in namespace `{ns}`"));
            sink.report(
                object.anchor(),
                format!(
                    "no NetworkPolicy in this file selects the pods of {}{namespace}",
                    object.label()
                ),
            );
        }
    }
}
