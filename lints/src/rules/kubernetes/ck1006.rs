use crate::kubernetes::edit;
use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for container ports with a non-zero `hostPort`, in every
    /// container list (`initContainers`, `containers`, `ephemeralContainers`)
    /// of any workload kind.
    ///
    /// ## Why is this bad?
    /// A `hostPort` opens the port on the node's own address, bypassing
    /// Services and most network policies, and ties the pod to nodes where
    /// the port is free (two replicas cannot share a node). The Pod Security
    /// Standards disallow host ports at the Baseline level (an admission
    /// policy may allow a known list). Expose the port through a Service.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    /// spec:
    ///   containers:
    ///     - name: web
    ///       image: nginx:1.27
    ///       ports:
    ///         - containerPort: 80
    ///           hostPort: 80
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    /// spec:
    ///   containers:
    ///     - name: web
    ///       image: nginx:1.27
    ///       ports:
    ///         - containerPort: 80
    /// ```
    ///
    /// ## Fix
    /// An unsafe fix removes the `hostPort` line; clients that reached the pod
    /// through the node's port then need a Service.
    pub static RULE = Rule {
        code: "CK1006",
        name: "pss-host-ports",
        summary: "A container port is bound to a port of the node",
        category: Category::Security,
        severity: Severity::Error,
        profiles: &[Profile::Default, Profile::Baseline, Profile::Restricted, Profile::Cis],
        references: &[
            Reference::new(Source::PodSecurityStandards, "Baseline: Host Ports"),
            Reference::new(Source::CisKubernetes, "5.2.12 (1.12)"),
            Reference::new(Source::Checkov, "CKV_K8S_26"),
            Reference::new(Source::Trivy, "KSV-0024"),
            Reference::new(Source::Polaris, "hostPortSet"),
        ],
        aliases: &["CKV_K8S_26", "KSV-0024"],
        fix: Some(Applicability::Unsafe),
        check: Check::Kubernetes(check),
    };
}

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    for object in ctx.objects {
        let Some(pod) = object.pod() else { continue };
        for container in pod.containers() {
            let Some(ports) = container.node.get("ports").and_then(|n| n.as_sequence()) else {
                continue;
            };
            for port in ports {
                let Some(node) = port.get("hostPort") else {
                    continue;
                };
                let Some(number) = node.as_i64().filter(|&n| n != 0) else {
                    continue;
                };
                let d = sink.report(
                    node.range,
                    format!(
                        "{}: {} binds port {number} of the node",
                        object.label(),
                        container.describe()
                    ),
                );
                if let Some(e) = edit::remove_entry(ctx.source, port, "hostPort") {
                    d.fix(Fix::unsafe_("Remove `hostPort`", vec![e]));
                }
            }
        }
    }
}
