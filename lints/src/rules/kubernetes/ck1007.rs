use crate::rules::prelude::*;
use std::fmt::Display;

crate::declare_rule! {
    /// ## What it does
    /// Checks for AppArmor being turned off: an `appArmorProfile.type` other
    /// than `RuntimeDefault` or `Localhost` (that is, `Unconfined`) at the pod
    /// level or on any container (init and ephemeral containers too), and a
    /// legacy `container.apparmor.security.beta.kubernetes.io/<container>`
    /// annotation on the pod template whose value is not `runtime/default`
    /// or `localhost/<profile>` (that is, `unconfined`).
    ///
    /// ## Why is this bad?
    /// On nodes with AppArmor the runtime's default profile keeps containers
    /// away from kernel interfaces and host paths they have no business with.
    /// `Unconfined` removes that layer. The Pod Security Standards forbid
    /// overriding or disabling the default profile at the Baseline level.
    /// The `appArmorProfile` field exists from Kubernetes 1.30; older
    /// manifests use the annotation, which the same control covers.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    ///   annotations:
    ///     container.apparmor.security.beta.kubernetes.io/web: unconfined
    /// spec:
    ///   containers:
    ///     - name: web
    ///       image: example/web:1.0
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
    ///       securityContext:
    ///         appArmorProfile:
    ///           type: RuntimeDefault
    /// ```
    pub static RULE = Rule {
        code: "CK1007",
        name: "pss-apparmor",
        summary: "AppArmor is turned off for a pod or container",
        category: Category::Security,
        severity: Severity::Error,
        profiles: &[Profile::Default, Profile::Baseline, Profile::Restricted, Profile::Cis],
        references: &[
            Reference::new(Source::PodSecurityStandards, "Baseline: AppArmor"),
            Reference::new(Source::Trivy, "KSV-0002"),
        ],
        aliases: &["KSV-0002"],
        check: Check::Kubernetes(check),
    };
}

const PATH: &[&str] = &["appArmorProfile", "type"];
const ANNOTATION_PREFIX: &str = "container.apparmor.security.beta.kubernetes.io/";

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    for object in ctx.objects {
        let Some(pod) = object.pod() else { continue };
        if let Some(node) = pod.security(PATH) {
            report_type(sink, object.label(), "the pod", node);
        }
        for container in pod.containers() {
            if let Some(node) = container.security(PATH) {
                report_type(sink, object.label(), container.describe(), node);
            }
        }
        for entry in pod
            .annotations()
            .and_then(|n| n.as_mapping())
            .unwrap_or(&[])
        {
            let Some(name) = entry
                .key_str()
                .and_then(|k| k.strip_prefix(ANNOTATION_PREFIX))
            else {
                continue;
            };
            let value = entry.value.scalar_text().unwrap_or("");
            if value.is_empty() || value == "runtime/default" || value.starts_with("localhost/") {
                continue;
            }
            sink.report(
                entry.value.range,
                format!(
                    "{}: the AppArmor annotation for container `{name}` is `{value}`; \
                     use `runtime/default` or `localhost/<profile>`",
                    object.label()
                ),
            );
        }
    }
}

fn report_type(sink: &mut Sink, label: impl Display, who: impl Display, node: &crate::yaml::Node) {
    if matches!(node.as_str(), Some("RuntimeDefault" | "Localhost")) {
        return;
    }
    let value = node.scalar_text().unwrap_or("");
    sink.report(
        node.range,
        format!("{label}: {who} sets the AppArmor profile type `{value}`; use `RuntimeDefault` or `Localhost`"),
    );
}
