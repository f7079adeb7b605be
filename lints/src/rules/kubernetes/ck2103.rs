use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for namespaced objects placed explicitly in the `default`
    /// namespace (`metadata.namespace: default`).
    ///
    /// ## Why is this bad?
    /// Namespaces are the boundary that RBAC, network policies, resource
    /// quotas and Pod Security Admission labels attach to. Everything dumped
    /// into `default` shares one boundary with whatever else lands there by
    /// accident (a `kubectl run` without `-n`, a chart installed without a
    /// namespace), so no policy can be tailored to it. Give each application
    /// its own namespace.
    ///
    /// Only an explicit `namespace: default` is reported: a manifest without
    /// a namespace takes one when it is applied (`kubectl -n`, Kustomize,
    /// Helm), so it is not known to end up in `default`. Cluster-scoped kinds
    /// (Namespace, ClusterRole, StorageClass, PersistentVolume, CRDs, webhook
    /// configurations, and custom kinds named `Cluster…`) have no namespace
    /// and are never reported.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: ConfigMap
    /// metadata:
    ///   name: settings
    ///   namespace: default
    /// data:
    ///   mode: production
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// apiVersion: v1
    /// kind: ConfigMap
    /// metadata:
    ///   name: settings
    ///   namespace: shop
    /// data:
    ///   mode: production
    /// ```
    pub static RULE = Rule {
        code: "CK2103",
        name: "default-namespace",
        summary: "An object is placed in the `default` namespace",
        category: Category::BestPractice,
        severity: Severity::Warning,
        profiles: &[Profile::Cis],
        references: &[
            Reference::new(Source::CisKubernetes, "5.7.4 (1.12)"),
            Reference::new(Source::Checkov, "CKV_K8S_21"),
            Reference::new(Source::Trivy, "KSV-0110"),
            Reference::new(Source::KubeLinter, "use-namespace"),
        ],
        aliases: &["use-namespace", "CKV_K8S_21"],
        check: Check::Kubernetes(check),
    };
}

/// Built-in kinds without a namespace.
const CLUSTER_SCOPED: &[&str] = &[
    "APIService",
    "CertificateSigningRequest",
    "ComponentStatus",
    "CSIDriver",
    "CSINode",
    "CustomResourceDefinition",
    "DeviceClass",
    "FlowSchema",
    "IngressClass",
    "IPAddress",
    "MutatingAdmissionPolicy",
    "MutatingAdmissionPolicyBinding",
    "MutatingWebhookConfiguration",
    "Namespace",
    "Node",
    "PersistentVolume",
    "PodSecurityPolicy",
    "PriorityClass",
    "PriorityLevelConfiguration",
    "ResourceSlice",
    "RuntimeClass",
    "SelfSubjectAccessReview",
    "SelfSubjectReview",
    "SelfSubjectRulesReview",
    "ServiceCIDR",
    "StorageClass",
    "StorageVersion",
    "StorageVersionMigration",
    "SubjectAccessReview",
    "TokenReview",
    "ValidatingAdmissionPolicy",
    "ValidatingAdmissionPolicyBinding",
    "ValidatingWebhookConfiguration",
    "VolumeAttachment",
    "VolumeAttributesClass",
];

/// Whether objects of `kind` live outside namespaces. `ClusterRole`,
/// `ClusterIssuer`, `ClusterPolicy`… follow the `Cluster` naming convention.
pub fn is_cluster_scoped(kind: &str) -> bool {
    CLUSTER_SCOPED.contains(&kind)
        || kind
            .strip_prefix("Cluster")
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
}

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    for object in ctx.objects {
        if object.namespace != Some("default") || is_cluster_scoped(object.kind) {
            continue;
        }
        let Some(node) = object.metadata().and_then(|m| m.get("namespace")) else {
            continue;
        };
        sink.report(
            node.range,
            format!("{} is placed in the `default` namespace", object.label()),
        );
    }
}
