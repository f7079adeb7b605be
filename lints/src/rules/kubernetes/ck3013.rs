use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for objects whose `apiVersion` was removed from Kubernetes:
    /// `extensions/v1beta1`, `apps/v1beta1`, `apps/v1beta2`,
    /// `batch/v1beta1` CronJobs, `policy/v1beta1`,
    /// `networking.k8s.io/v1beta1`, the `v1beta1` RBAC, CRD, webhook and
    /// storage APIs, `autoscaling/v2beta1` and `v2beta2`, the
    /// `flowcontrol.apiserver.k8s.io` betas and others.
    ///
    /// ## Why is this bad?
    /// The API server of the release named in the message no longer serves
    /// the version: `kubectl apply` fails with "no matches for kind", and the
    /// manifest silently rots until a cluster upgrade breaks the deployment.
    /// The replacement version usually differs a little (an `apps/v1`
    /// Deployment requires `spec.selector`, a `networking.k8s.io/v1` Ingress
    /// spells its backends differently), so migrate deliberately.
    ///
    /// Only (apiVersion, kind) pairs that Kubernetes has removed are
    /// reported; the message names the release that removed them and what
    /// to use instead.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: extensions/v1beta1
    /// kind: Deployment
    /// metadata:
    ///   name: web
    /// spec:
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
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata:
    ///   name: web
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
        code: "CK3013",
        name: "deprecated-api-version",
        summary: "An object uses an apiVersion that Kubernetes has removed",
        category: Category::Correctness,
        severity: Severity::Error,
        references: &[
            Reference::new(Source::KubeLinter, "no-extensions-v1beta"),
            Reference::new(Source::KubeScore, "stable-version"),
            Reference::new(Source::Trivy, "KSV-0107"),
            Reference::new(Source::Url, "https://kubernetes.io/docs/reference/using-api/deprecation-guide/"),
        ],
        aliases: &["no-extensions-v1beta"],
        check: Check::Kubernetes(check),
    };
}

/// A removed API: the group/version, the kinds it covers (empty: every
/// kind), the release that stopped serving it, and what replaces it.
struct Removed {
    api_version: &'static str,
    kinds: &'static [&'static str],
    removed_in: &'static str,
    replacement: &'static str,
}

const fn r(
    api_version: &'static str,
    kinds: &'static [&'static str],
    removed_in: &'static str,
    replacement: &'static str,
) -> Removed {
    Removed {
        api_version,
        kinds,
        removed_in,
        replacement,
    }
}

const NO_REPLACEMENT: &str = "no replacement: use Pod Security Admission";

/// From the Kubernetes deprecated API migration guide. More specific
/// entries come first: the first match wins.
const REMOVED: &[Removed] = &[
    r(
        "extensions/v1beta1",
        &["Deployment", "DaemonSet", "ReplicaSet"],
        "1.16",
        "apps/v1",
    ),
    r(
        "extensions/v1beta1",
        &["NetworkPolicy"],
        "1.16",
        "networking.k8s.io/v1",
    ),
    r(
        "extensions/v1beta1",
        &["PodSecurityPolicy"],
        "1.16",
        NO_REPLACEMENT,
    ),
    r(
        "extensions/v1beta1",
        &["Ingress"],
        "1.22",
        "networking.k8s.io/v1",
    ),
    r("apps/v1beta1", &[], "1.16", "apps/v1"),
    r("apps/v1beta2", &[], "1.16", "apps/v1"),
    r("batch/v2alpha1", &[], "1.21", "batch/v1"),
    r("settings.k8s.io/v1alpha1", &[], "1.20", "no replacement"),
    r(
        "admissionregistration.k8s.io/v1beta1",
        &[
            "MutatingWebhookConfiguration",
            "ValidatingWebhookConfiguration",
        ],
        "1.22",
        "admissionregistration.k8s.io/v1",
    ),
    r(
        "apiextensions.k8s.io/v1beta1",
        &["CustomResourceDefinition"],
        "1.22",
        "apiextensions.k8s.io/v1",
    ),
    r(
        "apiregistration.k8s.io/v1beta1",
        &["APIService"],
        "1.22",
        "apiregistration.k8s.io/v1",
    ),
    r(
        "authentication.k8s.io/v1beta1",
        &["TokenReview"],
        "1.22",
        "authentication.k8s.io/v1",
    ),
    r(
        "authorization.k8s.io/v1beta1",
        &[
            "SubjectAccessReview",
            "LocalSubjectAccessReview",
            "SelfSubjectAccessReview",
            "SelfSubjectRulesReview",
        ],
        "1.22",
        "authorization.k8s.io/v1",
    ),
    r(
        "certificates.k8s.io/v1beta1",
        &["CertificateSigningRequest"],
        "1.22",
        "certificates.k8s.io/v1",
    ),
    r(
        "coordination.k8s.io/v1beta1",
        &["Lease"],
        "1.22",
        "coordination.k8s.io/v1",
    ),
    r(
        "networking.k8s.io/v1beta1",
        &["Ingress", "IngressClass"],
        "1.22",
        "networking.k8s.io/v1",
    ),
    r(
        "rbac.authorization.k8s.io/v1beta1",
        &[],
        "1.22",
        "rbac.authorization.k8s.io/v1",
    ),
    r(
        "rbac.authorization.k8s.io/v1alpha1",
        &[],
        "1.22",
        "rbac.authorization.k8s.io/v1",
    ),
    r(
        "scheduling.k8s.io/v1beta1",
        &["PriorityClass"],
        "1.22",
        "scheduling.k8s.io/v1",
    ),
    r(
        "scheduling.k8s.io/v1alpha1",
        &["PriorityClass"],
        "1.17",
        "scheduling.k8s.io/v1",
    ),
    r(
        "storage.k8s.io/v1beta1",
        &["CSIDriver", "CSINode", "StorageClass", "VolumeAttachment"],
        "1.22",
        "storage.k8s.io/v1",
    ),
    r(
        "storage.k8s.io/v1beta1",
        &["CSIStorageCapacity"],
        "1.27",
        "storage.k8s.io/v1",
    ),
    r("batch/v1beta1", &["CronJob"], "1.25", "batch/v1"),
    r(
        "discovery.k8s.io/v1beta1",
        &["EndpointSlice"],
        "1.25",
        "discovery.k8s.io/v1",
    ),
    r(
        "events.k8s.io/v1beta1",
        &["Event"],
        "1.25",
        "events.k8s.io/v1",
    ),
    r(
        "autoscaling/v2beta1",
        &["HorizontalPodAutoscaler"],
        "1.25",
        "autoscaling/v2",
    ),
    r(
        "policy/v1beta1",
        &["PodDisruptionBudget"],
        "1.25",
        "policy/v1",
    ),
    r(
        "policy/v1beta1",
        &["PodSecurityPolicy"],
        "1.25",
        NO_REPLACEMENT,
    ),
    r(
        "node.k8s.io/v1beta1",
        &["RuntimeClass"],
        "1.25",
        "node.k8s.io/v1",
    ),
    r(
        "autoscaling/v2beta2",
        &["HorizontalPodAutoscaler"],
        "1.26",
        "autoscaling/v2",
    ),
    r(
        "flowcontrol.apiserver.k8s.io/v1beta1",
        &["FlowSchema", "PriorityLevelConfiguration"],
        "1.26",
        "flowcontrol.apiserver.k8s.io/v1",
    ),
    r(
        "flowcontrol.apiserver.k8s.io/v1beta2",
        &["FlowSchema", "PriorityLevelConfiguration"],
        "1.29",
        "flowcontrol.apiserver.k8s.io/v1",
    ),
    r(
        "flowcontrol.apiserver.k8s.io/v1beta3",
        &["FlowSchema", "PriorityLevelConfiguration"],
        "1.32",
        "flowcontrol.apiserver.k8s.io/v1",
    ),
];

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    for object in ctx.objects {
        let Some(entry) = REMOVED.iter().find(|e| {
            e.api_version == object.api_version
                && (e.kinds.is_empty() || e.kinds.contains(&object.kind))
        }) else {
            continue;
        };
        let Some(node) = object.node.get("apiVersion") else {
            continue;
        };
        let instead = if entry.replacement.contains(' ') {
            entry.replacement.to_string()
        } else {
            format!("use `{}`", entry.replacement)
        };
        sink.report(
            node.range,
            format!(
                "`{}` {} was removed in Kubernetes {}; {instead}",
                object.api_version, object.kind, entry.removed_in
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::REMOVED;

    #[test]
    fn table_entries_are_unique() {
        for (i, a) in REMOVED.iter().enumerate() {
            for b in &REMOVED[i + 1..] {
                if a.api_version == b.api_version {
                    assert!(
                        !a.kinds.is_empty()
                            && !b.kinds.is_empty()
                            && a.kinds.iter().all(|k| !b.kinds.contains(k)),
                        "{} listed twice",
                        a.api_version
                    );
                }
            }
        }
    }
}
