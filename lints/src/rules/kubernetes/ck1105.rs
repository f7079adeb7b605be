use crate::kubernetes::edit;
use crate::rules::prelude::*;
use std::fmt::Display;

crate::declare_rule! {
    /// ## What it does
    /// Checks that a seccomp profile is set: `securityContext.seccompProfile.type`
    /// must be `RuntimeDefault` or `Localhost`, at the pod level or on every
    /// container (init and ephemeral containers too). Pods with
    /// `spec.os.name: windows` are exempt.
    ///
    /// ## Why is this bad?
    /// Without a seccomp profile a container may call every system call the
    /// kernel offers, including the rarely needed ones behind many container
    /// escapes. `RuntimeDefault` blocks them at almost no cost. The Pod
    /// Security Standards require a profile at the Restricted level (from
    /// policy version 1.19, which moved from annotations to the field;
    /// Windows pods exempt from 1.25).
    ///
    /// When neither the pod nor any container sets a profile, one finding
    /// points at the pod's `securityContext` key (or its `spec` key), where a
    /// single setting covers every container; otherwise each container left
    /// without one is reported. Values other than `RuntimeDefault`,
    /// `Localhost` and `Unconfined` are reported at the value; `Unconfined`
    /// itself is CK1010's, which the Restricted profile also runs.
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
    /// An unsafe fix sets `seccompProfile.type: RuntimeDefault` where the finding
    /// is (the pod's `securityContext` when no container sets a profile, else the
    /// container's), creating the mappings it needs: a program that makes system
    /// calls the runtime's default profile blocks will fail.
    pub static RULE = Rule {
        code: "CK1105",
        name: "pss-seccomp-restricted",
        summary: "Containers run without a seccomp profile",
        category: Category::Security,
        severity: Severity::Warning,
        profiles: &[Profile::Restricted],
        references: &[
            Reference::new(Source::PodSecurityStandards, "Restricted: Seccomp"),
            Reference::new(Source::CisKubernetes, "5.7.2 (1.12)"),
            Reference::new(Source::Checkov, "CKV_K8S_31"),
            Reference::new(Source::Trivy, "KSV-0030"),
        ],
        aliases: &["CKV_K8S_31", "KSV-0030"],
        fix: Some(Applicability::Unsafe),
        check: Check::Kubernetes(check),
    };
}

const PATH: &[&str] = &["seccompProfile", "type"];

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    for object in ctx.objects {
        let Some(pod) = object.pod() else { continue };
        if ctx.settings.pss_version.windows_exempt(&pod) {
            continue;
        }
        let pod_type = pod.security(PATH);
        if let Some(node) = pod_type {
            report_invalid(sink, object.label(), "the pod", node, fix(ctx, pod.spec));
        }
        let containers = pod.containers();
        let mut lacking = Vec::new();
        for container in containers {
            match container.security(PATH) {
                Some(node) => report_invalid(
                    sink,
                    object.label(),
                    container.describe(),
                    node,
                    fix(ctx, container.node),
                ),
                None => lacking.push(container),
            }
        }
        // Any pod-level value decides for the containers that inherit it:
        // allowed, or reported at the value (here or by CK1010).
        if pod_type.is_some() || lacking.is_empty() {
            continue;
        }
        if lacking.len() == containers.len() {
            let d = sink.report(
                pod.security_anchor(),
                format!(
                    "{}: neither the pod nor its containers set a seccomp profile \
                     (`seccompProfile.type: RuntimeDefault` or `Localhost`)",
                    object.label()
                ),
            );
            if let Some(f) = fix(ctx, pod.spec) {
                d.fix(f);
            }
        } else {
            for container in lacking {
                let d = sink.report(
                    container.security_anchor(),
                    format!(
                        "{}: {} sets no seccomp profile, and the pod does not either",
                        object.label(),
                        container.describe()
                    ),
                );
                if let Some(f) = fix(ctx, container.node) {
                    d.fix(f);
                }
            }
        }
    }
}

/// `seccompProfile.type: RuntimeDefault` in the `securityContext` of `owner`
/// (a PodSpec or a container), unless the profile names a `localhostProfile`,
/// which only a `Localhost` type may carry.
fn fix(ctx: &KubernetesContext, owner: &crate::yaml::Node) -> Option<Fix> {
    let profile = owner.get_path(&["securityContext", "seccompProfile"]);
    if profile.is_some_and(|p| p.get("localhostProfile").is_some()) {
        return None;
    }
    let path = ["securityContext", "seccompProfile", "type"];
    edit::set_path(ctx.source, owner, &path, "RuntimeDefault")
        .map(|e| Fix::unsafe_("Set `seccompProfile.type: RuntimeDefault`", vec![e]))
}

fn report_invalid(
    sink: &mut Sink,
    label: impl Display,
    who: impl Display,
    node: &crate::yaml::Node,
    fix: Option<Fix>,
) {
    match node.as_str() {
        Some("RuntimeDefault" | "Localhost" | "Unconfined") => {}
        _ => {
            let value = node.scalar_text().unwrap_or("");
            let d = sink.report(
                node.range,
                format!(
                    "{label}: {who} sets the seccomp profile type `{value}`; \
                     use `RuntimeDefault` or `Localhost`"
                ),
            );
            if let Some(fix) = fix {
                d.fix(fix);
            }
        }
    }
}
