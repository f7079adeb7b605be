use crate::kubernetes::edit;
use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks that every container (init and ephemeral containers too) sets
    /// `securityContext.allowPrivilegeEscalation: false` explicitly.
    /// Pods with `spec.os.name: windows` are exempt.
    ///
    /// ## Why is this bad?
    /// Unless it is set to `false`, a process in the container can gain more
    /// privileges than its parent, through setuid binaries or file
    /// capabilities (the kernel's `no_new_privs` flag stays off). The Pod
    /// Security Standards require the explicit `false` at the Restricted
    /// level: leaving the field out is as bad as `true`.
    ///
    /// An explicit `true` is reported at the value; a missing field at the
    /// container's `securityContext` key, or its `name` when it has none.
    /// Windows pods are exempt from policy version 1.25 on.
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
    ///       securityContext:
    ///         allowPrivilegeEscalation: false
    /// ```
    ///
    /// ## Fix
    /// An unsafe fix sets `allowPrivilegeEscalation: false` in the container's
    /// `securityContext`, creating it if needed: a program that relies on a setuid
    /// binary (`sudo`, `ping` on old images) stops working.
    pub static RULE = Rule {
        code: "CK1102",
        name: "pss-allow-privilege-escalation",
        summary: "A container does not set `allowPrivilegeEscalation: false`",
        category: Category::Security,
        severity: Severity::Warning,
        profiles: &[Profile::Restricted],
        references: &[
            Reference::new(Source::PodSecurityStandards, "Restricted: Privilege Escalation"),
            Reference::new(Source::CisKubernetes, "5.2.6 (1.12)"),
            Reference::new(Source::KubeLinter, "privilege-escalation-container"),
            Reference::new(Source::Checkov, "CKV_K8S_20"),
            Reference::new(Source::Trivy, "KSV-0001"),
            Reference::new(Source::Polaris, "privilegeEscalationAllowed"),
        ],
        aliases: &["privilege-escalation-container", "CKV_K8S_20", "KSV-0001"],
        fix: Some(Applicability::Unsafe),
        check: Check::Kubernetes(check),
    };
}

fn fix(
    ctx: &KubernetesContext,
    container: &crate::kubernetes::ContainerView,
    d: &mut crate::diagnostic::Diagnostic,
) {
    let path = ["securityContext", "allowPrivilegeEscalation"];
    if let Some(e) = edit::set_path(ctx.source, container.node, &path, "false") {
        d.fix(Fix::unsafe_("Set `allowPrivilegeEscalation: false`", vec![e]));
    }
}

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    for object in ctx.objects {
        let Some(pod) = object.pod() else { continue };
        if ctx.settings.pss_version.windows_exempt(&pod) {
            continue;
        }
        for container in pod.containers() {
            let setting = container.security(&["allowPrivilegeEscalation"]);
            match setting.and_then(|n| n.as_bool()) {
                Some(false) => {}
                Some(true) => {
                    let d = sink.report(
                        setting.map_or(container.anchor(), |n| n.range),
                        format!(
                            "{}: {} allows privilege escalation",
                            object.label(),
                            container.describe()
                        ),
                    );
                    fix(ctx, container, d);
                }
                None => {
                    let d = sink.report(
                        setting.map_or_else(|| container.security_anchor(), |n| n.range),
                        format!(
                            "{}: {} does not set `allowPrivilegeEscalation: false`",
                            object.label(),
                            container.describe()
                        ),
                    );
                    fix(ctx, container, d);
                }
            }
        }
    }
}
