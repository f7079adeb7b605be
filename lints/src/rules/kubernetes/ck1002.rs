use crate::kubernetes::edit;
use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for pods that share a namespace of the node: `hostNetwork`,
    /// `hostPID` or `hostIPC` set to `true` in the pod spec of any workload
    /// kind.
    ///
    /// ## Why is this bad?
    /// With the host's network namespace a pod can bind the node's ports and
    /// reach services listening on its loopback; with its PID namespace it
    /// sees (and, with the right privileges, signals or traces) every process
    /// of the node; with its IPC namespace it shares the node's shared memory.
    /// Each one removes a layer of isolation between the pod and the node, so
    /// the Pod Security Standards forbid all three at the Baseline level.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: apps/v1
    /// kind: DaemonSet
    /// metadata:
    ///   name: agent
    /// spec:
    ///   selector:
    ///     matchLabels: {app: agent}
    ///   template:
    ///     metadata:
    ///       labels: {app: agent}
    ///     spec:
    ///       hostNetwork: true
    ///       hostPID: true
    ///       containers:
    ///         - name: agent
    ///           image: example/agent:1.0
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// apiVersion: apps/v1
    /// kind: DaemonSet
    /// metadata:
    ///   name: agent
    /// spec:
    ///   selector:
    ///     matchLabels: {app: agent}
    ///   template:
    ///     metadata:
    ///       labels: {app: agent}
    ///     spec:
    ///       containers:
    ///         - name: agent
    ///           image: example/agent:1.0
    /// ```
    ///
    /// ## Fix
    /// An unsafe fix removes the `hostNetwork`, `hostPID` or `hostIPC` line: a
    /// workload that needs the node's namespace stops working.
    pub static RULE = Rule {
        code: "CK1002",
        name: "pss-host-namespaces",
        summary: "A pod shares the node's network, PID or IPC namespace",
        category: Category::Security,
        severity: Severity::Error,
        profiles: &[Profile::Default, Profile::Baseline, Profile::Restricted, Profile::Cis],
        references: &[
            Reference::new(Source::PodSecurityStandards, "Baseline: Host Namespaces"),
            Reference::new(Source::CisKubernetes, "5.2.3 (1.12)"),
            Reference::new(Source::CisKubernetes, "5.2.4 (1.12)"),
            Reference::new(Source::CisKubernetes, "5.2.5 (1.12)"),
            Reference::new(Source::KubeLinter, "host-network"),
            Reference::new(Source::KubeLinter, "host-pid"),
            Reference::new(Source::KubeLinter, "host-ipc"),
            Reference::new(Source::Checkov, "CKV_K8S_17"),
            Reference::new(Source::Checkov, "CKV_K8S_18"),
            Reference::new(Source::Checkov, "CKV_K8S_19"),
            Reference::new(Source::Trivy, "KSV-0008"),
            Reference::new(Source::Trivy, "KSV-0009"),
            Reference::new(Source::Trivy, "KSV-0010"),
        ],
        aliases: &[
            "host-network",
            "host-pid",
            "host-ipc",
            "CKV_K8S_17",
            "CKV_K8S_18",
            "CKV_K8S_19",
            "KSV-0008",
            "KSV-0009",
            "KSV-0010",
        ],
        fix: Some(Applicability::Unsafe),
        check: Check::Kubernetes(check),
    };
}

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    for object in ctx.objects {
        let Some(pod) = object.pod() else { continue };
        for (field, what) in [
            ("hostNetwork", "network"),
            ("hostPID", "process ID"),
            ("hostIPC", "IPC"),
        ] {
            if let Some(node) = pod.get(field)
                && node.as_bool() == Some(true)
            {
                let d = sink.report(
                    node.range,
                    format!(
                        "{} shares the node's {what} namespace (`{field}: true`)",
                        object.label()
                    ),
                );
                if let Some(e) = edit::remove_entry(ctx.source, pod.spec, field) {
                    d.fix(Fix::unsafe_(format!("Remove `{field}: true`"), vec![e]));
                }
            }
        }
    }
}
