use crate::kubernetes::edit;
use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks that every container (init and ephemeral ones too) sets
    /// `securityContext.readOnlyRootFilesystem: true`.
    ///
    /// ## Why is this bad?
    /// A writable root filesystem lets an attacker who gets code execution
    /// drop tools, modify binaries and configuration, and persist until the
    /// container restarts. A read-only root turns many exploits into dead
    /// ends and makes a container's state obvious. Mount `emptyDir` volumes
    /// for the few paths that must be written (`/tmp`, caches).
    ///
    /// Only a YAML boolean counts: a quoted `"true"` is a string, which the
    /// API server rejects.
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
    ///         readOnlyRootFilesystem: true
    ///       volumeMounts:
    ///         - {name: tmp, mountPath: /tmp}
    ///   volumes:
    ///     - name: tmp
    ///       emptyDir: {}
    /// ```
    ///
    /// ## Fix
    /// An unsafe fix sets `readOnlyRootFilesystem: true` in the container's
    /// `securityContext`, creating it if needed: a program that writes outside its
    /// mounted volumes (`/tmp`, caches, PID files) fails until it gets an
    /// `emptyDir` for them.
    pub static RULE = Rule {
        code: "CK3008",
        name: "writable-root-filesystem",
        summary: "A container's root filesystem is writable",
        category: Category::Security,
        severity: Severity::Warning,
        references: &[
            Reference::new(Source::KubeLinter, "no-read-only-root-fs"),
            Reference::new(Source::Checkov, "CKV_K8S_22"),
            Reference::new(Source::Trivy, "KSV-0014"),
            Reference::new(Source::KubeScore, "container-security-context-readonlyrootfilesystem"),
            Reference::new(Source::Polaris, "notReadOnlyRootFilesystem"),
        ],
        aliases: &["no-read-only-root-fs", "CKV_K8S_22", "KSV-0014"],
        fix: Some(Applicability::Unsafe),
        check: Check::Kubernetes(check),
    };
}

fn fix(
    ctx: &KubernetesContext,
    container: &crate::kubernetes::ContainerView,
    d: &mut crate::diagnostic::Diagnostic,
) {
    let path = ["securityContext", "readOnlyRootFilesystem"];
    if let Some(e) = edit::set_path(ctx.source, container.node, &path, "true") {
        d.fix(Fix::unsafe_("Set `readOnlyRootFilesystem: true`", vec![e]));
    }
}

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    for object in ctx.objects {
        let Some(pod) = object.pod() else { continue };
        for container in pod.containers() {
            match container.security(&["readOnlyRootFilesystem"]) {
                Some(value) if value.as_bool() == Some(true) => {}
                Some(value) => {
                    let shown = match value.as_bool() {
                        Some(b) => b.to_string(),
                        None => value.type_name().to_string(),
                    };
                    let d = sink.report(
                        value.range,
                        format!(
                            "{} sets readOnlyRootFilesystem to {}, not true",
                            container.describe(),
                            shown
                        ),
                    );
                    fix(ctx, container, d);
                }
                None => {
                    let d = sink.report(
                        container.security_anchor(),
                        format!(
                            "{} does not set readOnlyRootFilesystem: true",
                            container.describe()
                        ),
                    );
                    fix(ctx, container, d);
                }
            }
        }
    }
}
