use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for containers (init and ephemeral containers too) with a
    /// `securityContext.procMount` other than `Default`, that is `Unmasked`.
    /// User-namespaced pods (`spec.hostUsers: false`) are exempt.
    ///
    /// ## Why is this bad?
    /// The default /proc mount masks and makes read-only the parts of /proc
    /// that expose the node (`/proc/kcore`, `/proc/sys`, `/proc/sysrq-trigger`…).
    /// `Unmasked` removes that protection. The Pod Security Standards allow
    /// only `Default` at the Baseline level; from policy version 1.35 a pod
    /// in its own user namespace may use any value at Baseline, since the
    /// unmasked /proc then belongs to that namespace. CK1107 still reports
    /// those at the Restricted level.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: builder
    /// spec:
    ///   containers:
    ///     - name: builder
    ///       image: example/builder:1.0
    ///       securityContext:
    ///         procMount: Unmasked
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: builder
    /// spec:
    ///   hostUsers: false
    ///   containers:
    ///     - name: builder
    ///       image: example/builder:1.0
    ///       securityContext:
    ///         procMount: Unmasked
    /// ```
    pub static RULE = Rule {
        code: "CK1009",
        name: "pss-proc-mount",
        summary: "A container unmasks /proc",
        category: Category::Security,
        severity: Severity::Error,
        profiles: &[Profile::Default, Profile::Baseline, Profile::Restricted, Profile::Cis],
        references: &[
            Reference::new(Source::PodSecurityStandards, "Baseline: /proc Mount Type"),
            Reference::new(Source::KubeLinter, "unsafe-proc-mount"),
            Reference::new(Source::Trivy, "KSV-0027"),
            Reference::new(Source::Polaris, "procMount"),
        ],
        aliases: &["unsafe-proc-mount", "KSV-0027"],
        check: Check::Kubernetes(check),
    };
}

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    for object in ctx.objects {
        let Some(pod) = object.pod() else { continue };
        if ctx.settings.pss_version.user_namespace_exempt(&pod) {
            continue;
        }
        report_unmasked(sink, object, &pod);
    }
}

/// Reports every container of `pod` whose `procMount` is not `Default`.
pub fn report_unmasked(
    sink: &mut Sink,
    object: &crate::kubernetes::Object,
    pod: &crate::kubernetes::PodView,
) {
    for container in pod.containers() {
        let Some(node) = container.security(&["procMount"]) else {
            continue;
        };
        if node.as_str() == Some("Default") {
            continue;
        }
        let value = node.scalar_text().unwrap_or("");
        sink.report(
            node.range,
            format!(
                "{}: {} sets `procMount: {value}`; only `Default` masks the node's /proc",
                object.label(),
                container.describe()
            ),
        );
    }
}
