use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for Services whose `selector` matches the pod template of no
    /// workload in the linted files.
    ///
    /// ## Why is this bad?
    /// A Service routes to the pods its selector matches. A typo in a label,
    /// or a label changed on the workload but not on the Service, leaves the
    /// Service without endpoints: clients get connection refused while every
    /// object looks healthy.
    ///
    /// The rule judges the whole set of files linted together (`caulk
    /// check k8s/`), and only when that set defines at least one workload:
    /// a Service whose pods are defined outside the set is reported then.
    /// Services without a selector (endpoints managed by hand) and
    /// `ExternalName` Services are not judged. Objects without a namespace
    /// are assumed to share one. The language server, which sees one
    /// document at a time, does not run this rule.
    ///
    /// ## Example
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
    /// ---
    /// apiVersion: v1
    /// kind: Service
    /// metadata:
    ///   name: web
    /// spec:
    ///   selector: {app: webb}
    ///   ports:
    ///     - port: 80
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// apiVersion: v1
    /// kind: Service
    /// metadata:
    ///   name: web
    /// spec:
    ///   selector: {app: web}
    ///   ports:
    ///     - port: 80
    /// ```
    pub static RULE = Rule {
        code: "CK3015",
        name: "service-selects-nothing",
        summary: "A Service's selector matches no workload in the linted files",
        category: Category::Correctness,
        severity: Severity::Warning,
        references: &[
            Reference::new(Source::KubeLinter, "dangling-service"),
            Reference::new(Source::KubeScore, "service-targets-pod"),
        ],
        aliases: &["dangling-service"],
        check: Check::Project(check),
    };
}

fn check(ctx: &ProjectContext, sink: &mut ProjectSink) {
    let workloads: Vec<_> = ctx
        .files
        .iter()
        .flat_map(|f| &f.inventory.workloads)
        .collect();
    if workloads.is_empty() {
        return;
    }
    for (at, file) in ctx.files.iter().enumerate() {
        for service in &file.inventory.services {
            let selects = |workload: &&Workload| {
                same_namespace(service.namespace.as_deref(), workload.namespace.as_deref())
                    && service.selector.iter().all(|(key, want)| {
                        super::ck3014::label(workload.pod_labels.as_ref(), key) == Some(want.as_str())
                    })
            };
            if workloads.iter().any(selects) {
                continue;
            }
            let shown: Vec<_> = service
                .selector
                .iter()
                .map(|(k, v)| format!("{k}: {v}"))
                .collect();
            sink.report(
                at,
                service.anchor,
                format!(
                    "{} selects `{}`, which no pod template in the linted files has",
                    service.label,
                    shown.join(", ")
                ),
            );
        }
    }
}
