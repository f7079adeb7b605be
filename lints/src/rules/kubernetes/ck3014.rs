use crate::rules::prelude::*;
use crate::yaml::{Entry, Node};
use std::ops::ControlFlow;

crate::declare_rule! {
    /// ## What it does
    /// Checks that the `spec.selector` of a Deployment, StatefulSet,
    /// ReplicaSet or DaemonSet matches the labels of its own pod template
    /// (`matchLabels` and `matchExpressions` alike).
    ///
    /// ## Why is this bad?
    /// The controller owns the pods its selector matches. When the template's
    /// labels do not match, the API server rejects the object ("selector does
    /// not match template labels"); with older API versions the controller
    /// created pods it then could not see, and kept creating more.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: apps/v1
    /// kind: Deployment
    /// metadata:
    ///   name: web
    /// spec:
    ///   selector:
    ///     matchLabels: {app: web, tier: frontend}
    ///   template:
    ///     metadata:
    ///       labels: {app: web, tier: backend}
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
    ///     matchLabels: {app: web, tier: frontend}
    ///   template:
    ///     metadata:
    ///       labels: {app: web, tier: frontend}
    ///     spec:
    ///       containers:
    ///         - name: web
    ///           image: nginx:1.27
    /// ```
    pub static RULE = Rule {
        code: "CK3014",
        name: "selector-mismatch",
        summary: "A workload's selector does not match its pod template's labels",
        category: Category::Correctness,
        severity: Severity::Error,
        references: &[
            Reference::new(Source::KubeLinter, "mismatching-selector"),
            Reference::new(
                Source::KubeScore,
                "deployment-pod-selector-labels-match-template-metadata-labels",
            ),
        ],
        aliases: &["mismatching-selector"],
        check: Check::Kubernetes(check),
    };
}

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    for object in ctx.objects {
        if !matches!(
            object.kind,
            "Deployment" | "StatefulSet" | "ReplicaSet" | "DaemonSet"
        ) {
            continue;
        }
        let Some(pod) = object.pod() else { continue };
        let Some(selector) = object.node.get_path(&["spec", "selector"]) else {
            continue;
        };
        let labels = pod.labels();
        for failure in unmatched(selector, labels) {
            sink.report(
                failure.at,
                format!(
                    "{} selects {}, but its pod template {}",
                    object.label(),
                    failure.wants,
                    failure.has
                ),
            );
        }
    }
}

/// One requirement of a label selector that some labels fail.
pub struct Unmatched {
    pub at: TextRange,
    /// What the requirement asks for: "`tier: frontend`".
    pub wants: String,
    /// What the labels have instead: "has `tier: backend`".
    pub has: String,
}

/// The value of label `key` as written.
pub fn label<'a>(labels: Option<&'a Node>, key: &str) -> Option<&'a str> {
    labels?.get(key)?.scalar_text()
}

/// The requirements of a `LabelSelector` (`matchLabels`, `matchExpressions`)
/// that `labels` do not satisfy. Malformed requirements are skipped.
pub fn unmatched(selector: &Node, labels: Option<&Node>) -> Vec<Unmatched> {
    let mut out = Vec::new();
    let _ = each_failure(selector, labels, &mut |failure| {
        out.push(failure.describe());
        ControlFlow::Continue(())
    });
    out
}

/// Whether `labels` satisfy every requirement of `selector`. An empty
/// selector matches everything.
pub fn matches(selector: &Node, labels: Option<&Node>) -> bool {
    // The project pass asks this for every workload and policy pair: no
    // message is built, and the first failure ends the walk.
    each_failure(selector, labels, &mut |_| ControlFlow::Break(())).is_continue()
}

/// One failed requirement, described only when a message is wanted.
enum Failure<'a> {
    Label {
        entry: &'a Entry,
        key: &'a str,
        want: &'a str,
        have: Option<&'a str>,
    },
    Expression {
        key_node: &'a Node,
        key: &'a str,
        operator: &'a str,
        values: Vec<&'a str>,
        have: Option<&'a str>,
    },
}

impl Failure<'_> {
    fn describe(&self) -> Unmatched {
        // What the labels have instead of what the requirement wants.
        let has = |key: &str, have: Option<&str>| match have {
            Some(h) => format!("has `{key}: {h}`"),
            None => format!("has no `{key}` label"),
        };
        match *self {
            Failure::Label {
                entry,
                key,
                want,
                have,
            } => Unmatched {
                // A wrong value is shown at the value, a missing label at the key.
                at: if have.is_some() {
                    entry.value.range
                } else {
                    entry.key.range
                },
                wants: format!("`{key}: {want}`"),
                has: has(key, have),
            },
            Failure::Expression {
                key_node,
                key,
                operator,
                ref values,
                have,
            } => Unmatched {
                at: key_node.range,
                wants: format!("`{key} {operator} [{}]`", values.join(", ")).replace(" []", ""),
                has: has(key, have),
            },
        }
    }
}

/// Calls `on_failure` for each requirement of `selector` that `labels` fail,
/// in the order written, until it breaks.
fn each_failure<'a>(
    selector: &'a Node,
    labels: Option<&'a Node>,
    on_failure: &mut dyn FnMut(Failure<'a>) -> ControlFlow<()>,
) -> ControlFlow<()> {
    if let Some(entries) = selector.get("matchLabels").and_then(|n| n.as_mapping()) {
        for entry in entries {
            let (Some(key), Some(want)) = (entry.key.scalar_text(), entry.value.scalar_text())
            else {
                continue;
            };
            let have = label(labels, key);
            if have != Some(want) {
                on_failure(Failure::Label {
                    entry,
                    key,
                    want,
                    have,
                })?;
            }
        }
    }
    if let Some(expressions) = selector
        .get("matchExpressions")
        .and_then(|n| n.as_sequence())
    {
        for expression in expressions {
            let (Some(key_node), Some(operator)) = (
                expression.get("key"),
                expression.get("operator").and_then(|n| n.as_str()),
            ) else {
                continue;
            };
            let Some(key) = key_node.scalar_text() else {
                continue;
            };
            let values: Vec<&str> = expression
                .get("values")
                .and_then(|n| n.as_sequence())
                .unwrap_or(&[])
                .iter()
                .filter_map(|n| n.scalar_text())
                .collect();
            let have = label(labels, key);
            let ok = match operator {
                "In" => have.is_some_and(|h| values.contains(&h)),
                "NotIn" => have.is_none_or(|h| !values.contains(&h)),
                "Exists" => have.is_some(),
                "DoesNotExist" => have.is_none(),
                _ => true,
            };
            if !ok {
                on_failure(Failure::Expression {
                    key_node,
                    key,
                    operator,
                    values,
                    have,
                })?;
            }
        }
    }
    ControlFlow::Continue(())
}
