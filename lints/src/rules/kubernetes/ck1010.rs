use crate::kubernetes::edit;
use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for seccomp being turned off: `seccompProfile.type: Unconfined`
    /// at the pod level or on any container (init and ephemeral containers
    /// too), and the legacy annotations `seccomp.security.alpha.kubernetes.io/pod`
    /// and `container.seccomp.security.alpha.kubernetes.io/<container>` on
    /// the pod template with a value other than `runtime/default`,
    /// `docker/default` or `localhost/<profile>` (that is, `unconfined`).
    ///
    /// ## Why is this bad?
    /// Seccomp filters the system calls a container may make; `Unconfined`
    /// lets it call everything the kernel offers, including the calls behind
    /// many container escapes. The Pod Security Standards forbid it at the
    /// Baseline level. Policy versions up to 1.18 read the annotations,
    /// later ones the field; the annotations are deprecated (and ignored by
    /// the kubelet since 1.27), but one saying `unconfined` still states the
    /// intent and is reported.
    ///
    /// Leaving seccomp unset is allowed at Baseline; CK1105 requires a
    /// profile at the Restricted level.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: web
    /// spec:
    ///   securityContext:
    ///     seccompProfile:
    ///       type: Unconfined
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
    ///   securityContext:
    ///     seccompProfile:
    ///       type: RuntimeDefault
    ///   containers:
    ///     - name: web
    ///       image: example/web:1.0
    /// ```
    ///
    /// ## Fix
    /// An unsafe fix replaces `Unconfined` with `RuntimeDefault`: a program that
    /// makes system calls the runtime's default profile blocks will fail. The
    /// deprecated annotations are not rewritten.
    pub static RULE = Rule {
        code: "CK1010",
        name: "pss-seccomp",
        summary: "Seccomp is turned off for a pod or container",
        category: Category::Security,
        severity: Severity::Error,
        profiles: &[Profile::Default, Profile::Baseline, Profile::Restricted, Profile::Cis],
        references: &[
            Reference::new(Source::PodSecurityStandards, "Baseline: Seccomp"),
            Reference::new(Source::CisKubernetes, "5.7.2 (1.12)"),
            Reference::new(Source::Trivy, "KSV-0104"),
        ],
        aliases: &["KSV-0104"],
        fix: Some(Applicability::Unsafe),
        check: Check::Kubernetes(check),
    };
}

const PATH: &[&str] = &["seccompProfile", "type"];
const FULL_PATH: [&str; 3] = ["securityContext", "seccompProfile", "type"];
const TITLE: &str = "Set `seccompProfile.type: RuntimeDefault`";
const POD_ANNOTATION: &str = "seccomp.security.alpha.kubernetes.io/pod";
const CONTAINER_ANNOTATION_PREFIX: &str = "container.seccomp.security.alpha.kubernetes.io/";

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    for object in ctx.objects {
        let Some(pod) = object.pod() else { continue };
        if let Some(node) = pod.security(PATH)
            && node.as_str() == Some("Unconfined")
        {
            let d = sink.report(
                node.range,
                format!(
                    "{}: the pod turns seccomp off (`Unconfined`)",
                    object.label()
                ),
            );
            if let Some(e) = edit::set_path(ctx.source, pod.spec, &FULL_PATH, "RuntimeDefault") {
                d.fix(Fix::unsafe_(TITLE, vec![e]));
            }
        }
        for container in pod.containers() {
            if let Some(node) = container.security(PATH)
                && node.as_str() == Some("Unconfined")
            {
                let d = sink.report(
                    node.range,
                    format!(
                        "{}: {} turns seccomp off (`Unconfined`)",
                        object.label(),
                        container.describe()
                    ),
                );
                if let Some(e) = edit::set_path(ctx.source, container.node, &FULL_PATH, "RuntimeDefault") {
                    d.fix(Fix::unsafe_(TITLE, vec![e]));
                }
            }
        }
        for entry in pod
            .annotations()
            .and_then(|n| n.as_mapping())
            .unwrap_or(&[])
        {
            let Some(key) = entry.key_str() else { continue };
            let who = if key == POD_ANNOTATION {
                "the pod".to_string()
            } else if let Some(name) = key.strip_prefix(CONTAINER_ANNOTATION_PREFIX) {
                format!("container `{name}`")
            } else {
                continue;
            };
            let value = entry.value.scalar_text().unwrap_or("");
            if value.is_empty()
                || matches!(value, "runtime/default" | "docker/default")
                || value.starts_with("localhost/")
            {
                continue;
            }
            sink.report(
                entry.value.range,
                format!(
                    "{}: the seccomp annotation for {who} is `{value}`; \
                     use `seccompProfile.type: RuntimeDefault`",
                    object.label()
                ),
            );
        }
    }
}
