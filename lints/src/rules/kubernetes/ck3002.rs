use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks that every container (init containers too) sets CPU and memory
    /// limits: `resources.limits.cpu` and `resources.limits.memory`.
    ///
    /// ## Why is this bad?
    /// Without a memory limit one leaking container can use up the node's
    /// memory, and the kernel's out-of-memory killer then picks victims among
    /// its neighbours. Without a CPU limit a busy container starves the
    /// others that burst above their requests. Limits bound the blast radius
    /// and make a pod's behaviour reproducible across nodes.
    ///
    /// Pod-level `spec.resources.limits` covers every container. Ephemeral
    /// containers cannot have resources and are skipped. A LimitRange in the
    /// namespace may add defaults; this rule cannot see it.
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
    ///       resources:
    ///         requests: {cpu: 100m, memory: 128Mi}
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
    ///       resources:
    ///         requests: {cpu: 100m, memory: 128Mi}
    ///         limits: {cpu: 500m, memory: 256Mi}
    /// ```
    pub static RULE = Rule {
        code: "CK3002",
        name: "missing-resource-limits",
        summary: "A container sets no CPU or memory limit",
        category: Category::BestPractice,
        severity: Severity::Warning,
        references: &[
            Reference::new(Source::KubeLinter, "unset-cpu-requirements"),
            Reference::new(Source::KubeLinter, "unset-memory-requirements"),
            Reference::new(Source::Checkov, "CKV_K8S_11"),
            Reference::new(Source::Checkov, "CKV_K8S_13"),
            Reference::new(Source::KubeScore, "container-resources"),
        ],
        aliases: &["CKV_K8S_11", "CKV_K8S_13"],
        check: Check::Kubernetes(check),
    };
}

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    super::ck3001::report_missing(ctx, sink, &["limits"], "limit");
}
