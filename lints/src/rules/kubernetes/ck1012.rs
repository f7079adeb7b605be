use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for a `host` in the `httpGet` or `tcpSocket` handler of a
    /// container's liveness, readiness or startup probe, or of its
    /// `postStart`/`preStop` lifecycle hook (init and ephemeral containers
    /// too).
    ///
    /// ## Why is this bad?
    /// Probes and hooks are run by the kubelet, from the node. With `host`
    /// set, a pod can make the kubelet connect to any address the node can
    /// reach (the node's own services, cloud metadata endpoints, other
    /// tenants) and observe the outcome: a server-side request forgery. The
    /// Pod Security Standards forbid it at the Baseline level from policy
    /// version 1.34 (with an older `pss-version` the rule is silent). Leave `host` out so the pod's own IP is used; for HTTP
    /// virtual hosts, set a `Host` header in `httpHeaders` instead.
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
    ///       image: example/web:1.0
    ///       livenessProbe:
    ///         httpGet:
    ///           host: 169.254.169.254
    ///           path: /healthz
    ///           port: 8080
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
    ///       image: example/web:1.0
    ///       livenessProbe:
    ///         httpGet:
    ///           path: /healthz
    ///           port: 8080
    /// ```
    pub static RULE = Rule {
        code: "CK1012",
        name: "pss-host-probes",
        summary: "A probe or lifecycle hook targets another host",
        category: Category::Security,
        severity: Severity::Error,
        profiles: &[Profile::Default, Profile::Baseline, Profile::Restricted, Profile::Cis],
        references: &[Reference::new(
            Source::PodSecurityStandards,
            "Baseline: Host Probes / Lifecycle Hooks",
        )],
        check: Check::Kubernetes(check),
    };
}

const HANDLERS: &[&[&str]] = &[
    &["livenessProbe"],
    &["readinessProbe"],
    &["startupProbe"],
    &["lifecycle", "postStart"],
    &["lifecycle", "preStop"],
];

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    if !ctx.settings.pss_version.at_least(34) {
        return;
    }
    for object in ctx.objects {
        let Some(pod) = object.pod() else { continue };
        for container in pod.containers() {
            for path in HANDLERS {
                let Some(handler) = container.node.get_path(path) else {
                    continue;
                };
                for action in ["httpGet", "tcpSocket"] {
                    let Some(host) = handler.get(action).and_then(|a| a.get("host")) else {
                        continue;
                    };
                    let Some(value) = host.scalar_text().filter(|v| !v.is_empty()) else {
                        continue;
                    };
                    if host.is_null() {
                        continue;
                    }
                    sink.report(
                        host.range,
                        format!(
                            "{}: the {} of {} connects to the host `{value}`",
                            object.label(),
                            path.join("."),
                            container.describe()
                        ),
                    );
                }
            }
        }
    }
}
