use crate::project::NetworkPolicy;
use crate::rules::prelude::*;
use crate::yaml::Node;
use std::collections::HashMap;

crate::declare_rule! {
    /// ## What it does
    /// Checks that every workload is selected by a NetworkPolicy: its pod
    /// template's labels must match the `podSelector` of a NetworkPolicy in
    /// the same namespace (`podSelector: {}` selects every pod), anywhere in
    /// the linted files. A namespace with workloads and no NetworkPolicy at
    /// all (CIS 5.3.2) is named as such.
    ///
    /// ## Why is this bad?
    /// A pod that no NetworkPolicy selects accepts connections from every
    /// pod in the cluster and may connect anywhere. One compromised pod can
    /// then reach every database and internal API. A default-deny policy per
    /// namespace, plus policies that open what each workload needs, limits
    /// what an intruder can reach.
    ///
    /// The rule judges the whole set of files linted together (`caulk
    /// check k8s/`), so a policy may live in any of them; a workload whose
    /// policy is applied from elsewhere is reported (suppress it, or lint
    /// the policies with the workloads). Objects without a namespace are
    /// assumed to share one. The language server, which sees one document
    /// at a time, does not run this rule.
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
        summary: "A workload is selected by no NetworkPolicy in the linted files",
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
        check: Check::Project(check),
    };
}

fn check(ctx: &ProjectContext, sink: &mut ProjectSink) {
    let policies: Vec<&NetworkPolicy> = ctx
        .files
        .iter()
        .flat_map(|f| &f.inventory.network_policies)
        .collect();
    // Workloads repeat their pod labels (replicas of a chart, one per
    // environment): each namespace and label set is judged once, so the
    // pass stays linear in the number of workloads.
    let mut judged: HashMap<(Option<&str>, Vec<LabelText>), Verdict> = HashMap::new();
    for (at, file) in ctx.files.iter().enumerate() {
        for workload in &file.inventory.workloads {
            let namespace = workload.namespace.as_deref();
            let labels = workload.pod_labels.as_ref();
            let verdict = *judged
                .entry((namespace, label_texts(labels)))
                .or_insert_with(|| judge(&policies, namespace, labels));
            let message = match (verdict, namespace) {
                (Verdict::Selected, _) => continue,
                (Verdict::NoPolicy, Some(ns)) => format!(
                    "namespace `{ns}` has no NetworkPolicy in the linted files, so nothing isolates the pods of {}",
                    workload.label
                ),
                (Verdict::NoPolicy, None) => format!(
                    "there is no NetworkPolicy in the linted files, so nothing isolates the pods of {}",
                    workload.label
                ),
                (Verdict::NotSelected, ns) => format!(
                    "no NetworkPolicy{} in the linted files selects the pods of {}",
                    ns.map_or(String::new(), |ns| format!(" of namespace `{ns}`")),
                    workload.label
                ),
            };
            sink.report(at, workload.anchor, message);
        }
    }
}

#[derive(Clone, Copy)]
enum Verdict {
    Selected,
    /// No policy shares the workload's namespace.
    NoPolicy,
    /// Policies share it, none selects the pods.
    NotSelected,
}

/// A label entry's key and value text; equal lists answer every selector alike.
type LabelText<'a> = (Option<&'a str>, Option<&'a str>);

fn label_texts(labels: Option<&Node>) -> Vec<LabelText<'_>> {
    labels
        .and_then(|l| l.as_mapping())
        .unwrap_or(&[])
        .iter()
        .map(|e| (e.key.scalar_text(), e.value.scalar_text()))
        .collect()
}

fn judge(policies: &[&NetworkPolicy], namespace: Option<&str>, labels: Option<&Node>) -> Verdict {
    let mut in_namespace = false;
    for policy in policies {
        if !same_namespace(namespace, policy.namespace.as_deref()) {
            continue;
        }
        in_namespace = true;
        let selected = match &policy.pod_selector {
            Some(selector) => super::ck3014::matches(selector, labels),
            // Missing or null selects every pod, as `{}` does.
            None => true,
        };
        if selected {
            return Verdict::Selected;
        }
    }
    if in_namespace {
        Verdict::NotSelected
    } else {
        Verdict::NoPolicy
    }
}
