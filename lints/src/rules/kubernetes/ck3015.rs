use crate::rules::prelude::*;
use std::collections::HashMap;

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
    let workloads: Vec<&Workload> = ctx
        .files
        .iter()
        .flat_map(|f| &f.inventory.workloads)
        .collect();
    if workloads.is_empty() {
        return;
    }
    let index = LabelIndex::new(&workloads);
    // Services repeat their selectors (one per environment, per copy of a
    // chart): each distinct selector and namespace is judged once.
    let mut judged: HashMap<(Option<&str>, &Selector), bool> = HashMap::new();
    for (at, file) in ctx.files.iter().enumerate() {
        for service in &file.inventory.services {
            let namespace = service.namespace.as_deref();
            let selects = *judged
                .entry((namespace, service.selector.as_slice()))
                .or_insert_with(|| index.selects_any(namespace, &service.selector));
            if selects {
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

/// A Service's selector: label keys and values.
type Selector = [(String, String)];

/// The workloads that carry each pod label, so that a Service is compared
/// with the workloads sharing one of its labels instead of with all of them.
struct LabelIndex<'a> {
    workloads: &'a [&'a Workload],
    /// `(key, value)` to indices into `workloads`.
    carriers: HashMap<(&'a str, &'a str), Vec<usize>>,
}

impl<'a> LabelIndex<'a> {
    fn new(workloads: &'a [&'a Workload]) -> Self {
        let mut carriers: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
        for (i, workload) in workloads.iter().enumerate() {
            let labels = workload.pod_labels.as_ref();
            for entry in labels.and_then(|l| l.as_mapping()).unwrap_or(&[]) {
                let Some(key) = entry.key.scalar_text() else {
                    continue;
                };
                // The value the selector sees: the last entry wins on a
                // duplicate key, and the earlier one must not be indexed.
                if let Some(value) = super::ck3014::label(labels, key) {
                    let list = carriers.entry((key, value)).or_default();
                    if list.last() != Some(&i) {
                        list.push(i);
                    }
                }
            }
        }
        Self {
            workloads,
            carriers,
        }
    }

    /// Whether some workload in `namespace` has every `selector` label.
    fn selects_any(&self, namespace: Option<&str>, selector: &Selector) -> bool {
        // Every match carries every selector label: the shortest list of
        // carriers holds them all.
        let mut fewest: Option<&Vec<usize>> = None;
        for (key, want) in selector {
            let Some(list) = self.carriers.get(&(key.as_str(), want.as_str())) else {
                return false;
            };
            if fewest.is_none_or(|f| list.len() < f.len()) {
                fewest = Some(list);
            }
        }
        let Some(candidates) = fewest else {
            // No selector labels (the inventory keeps none such): any workload.
            return self
                .workloads
                .iter()
                .any(|w| same_namespace(namespace, w.namespace.as_deref()));
        };
        candidates.iter().any(|&i| {
            let workload = self.workloads[i];
            same_namespace(namespace, workload.namespace.as_deref())
                && selector.iter().all(|(key, want)| {
                    super::ck3014::label(workload.pod_labels.as_ref(), key) == Some(want.as_str())
                })
        })
    }
}
