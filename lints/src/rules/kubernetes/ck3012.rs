use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for a variable name listed twice in one container's `env`.
    ///
    /// ## Why is this bad?
    /// Kubernetes keeps the last entry and silently drops the earlier one, so
    /// whoever edits the first entry changes nothing. Duplicates usually come
    /// from merging patches or copy-pasting; `kubectl apply` server-side
    /// rejects some of them outright. Keep one entry per name.
    ///
    /// Names are compared exactly (`PORT` and `port` are different
    /// variables). Variables from `envFrom` are not compared: an explicit
    /// `env` entry overriding one is the intended way to override.
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
    ///       env:
    ///         - {name: PORT, value: "8080"}
    ///         - {name: LOG_LEVEL, value: info}
    ///         - {name: PORT, value: "9090"}
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
    ///       env:
    ///         - {name: PORT, value: "9090"}
    ///         - {name: LOG_LEVEL, value: info}
    /// ```
    pub static RULE = Rule {
        code: "CK3012",
        name: "duplicate-env-var",
        summary: "A container lists the same environment variable twice",
        category: Category::Correctness,
        severity: Severity::Warning,
        references: &[
            Reference::new(Source::KubeLinter, "duplicate-env-var"),
            Reference::new(Source::KubeScore, "environment-variable-key-duplication"),
        ],
        aliases: &["duplicate-env-var"],
        check: Check::Kubernetes(check),
    };
}

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    for object in ctx.objects {
        let Some(pod) = object.pod() else { continue };
        for container in pod.containers() {
            let Some(env) = container.node.get("env").and_then(|n| n.as_sequence()) else {
                continue;
            };
            let mut seen: Vec<(&str, &crate::yaml::Node)> = Vec::new();
            for item in env {
                let Some(name_node) = item.get("name") else {
                    continue;
                };
                let Some(name) = name_node.scalar_text() else {
                    continue;
                };
                if let Some((_, first)) = seen.iter().find(|(n, _)| *n == name) {
                    sink.report(
                        name_node.range,
                        format!(
                            "{} sets `{name}` again; only the last value is used",
                            container.describe()
                        ),
                    )
                    .label(first.range, "first set here");
                } else {
                    seen.push((name, name_node));
                }
            }
        }
    }
}
