use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks that every container of a long-running workload has a
    /// `readinessProbe`.
    ///
    /// ## Why is this bad?
    /// Without a readiness probe a pod receives traffic as soon as its
    /// containers start, before the application has loaded its
    /// configuration, warmed caches or opened its port, and keeps receiving
    /// it while overloaded. Rolling updates then drop requests, because the
    /// new pod is "ready" before it can answer.
    ///
    /// Jobs, CronJobs and pods with `restartPolicy: Never` or `OnFailure`
    /// are exempt, as are init and ephemeral containers.
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
    ///       readinessProbe:
    ///         httpGet: {path: /ready, port: 80}
    /// ```
    pub static RULE = Rule {
        code: "CK3004",
        name: "missing-readiness-probe",
        summary: "A container of a long-running workload has no readiness probe",
        category: Category::BestPractice,
        severity: Severity::Warning,
        references: &[
            Reference::new(Source::KubeLinter, "no-readiness-probe"),
            Reference::new(Source::Checkov, "CKV_K8S_9"),
            Reference::new(Source::KubeScore, "pod-probes"),
            Reference::new(Source::Polaris, "readinessProbeMissing"),
        ],
        aliases: &["no-readiness-probe", "CKV_K8S_9"],
        check: Check::Kubernetes(check),
    };
}

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    super::ck3003::report_missing_probe(ctx, sink, "readinessProbe");
}
