use crate::rules::prelude::*;
use std::fmt::Display;

crate::declare_rule! {
    /// ## What it does
    /// Checks `securityContext.seLinuxOptions` at the pod level and on every
    /// container (init and ephemeral containers too): `type` must be empty or
    /// one of `container_t`, `container_init_t`, `container_kvm_t` and
    /// `container_engine_t`, and `user` and `role` must not be set.
    ///
    /// ## Why is this bad?
    /// The SELinux type decides what a container process may touch on the
    /// node. Types outside the container family (`spc_t`, `unconfined_t`…)
    /// lift the confinement, and a custom user or role can do the same. The
    /// Pod Security Standards restrict them at the Baseline level.
    /// `container_engine_t` is allowed from policy version 1.31 (this rule
    /// follows `pss-version` in `.caulk.yaml`, the latest by default).
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: agent
    /// spec:
    ///   containers:
    ///     - name: agent
    ///       image: example/agent:1.0
    ///       securityContext:
    ///         seLinuxOptions:
    ///           type: spc_t
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: agent
    /// spec:
    ///   containers:
    ///     - name: agent
    ///       image: example/agent:1.0
    ///       securityContext:
    ///         seLinuxOptions:
    ///           level: "s0:c123,c456"
    /// ```
    pub static RULE = Rule {
        code: "CK1008",
        name: "pss-selinux",
        summary: "A pod or container sets a custom SELinux type, user or role",
        category: Category::Security,
        severity: Severity::Error,
        profiles: &[Profile::Default, Profile::Baseline, Profile::Restricted, Profile::Cis],
        references: &[
            Reference::new(Source::PodSecurityStandards, "Baseline: SELinux"),
            Reference::new(Source::Trivy, "KSV-0025"),
        ],
        aliases: &["KSV-0025"],
        check: Check::Kubernetes(check),
    };
}

const ALLOWED_TYPES: &[&str] = &["container_t", "container_init_t", "container_kvm_t"];
/// Allowed from policy version 1.31.
const ENGINE_TYPE: &str = "container_engine_t";

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    for object in ctx.objects {
        let Some(pod) = object.pod() else { continue };
        let label = object.label();
        let engine = ctx.settings.pss_version.at_least(31);
        let options = pod.security(&["seLinuxOptions"]);
        check_options(sink, label, "the pod", options, engine);
        for container in pod.containers() {
            let options = container.security(&["seLinuxOptions"]);
            check_options(sink, label, container.describe(), options, engine);
        }
    }
}

fn check_options(
    sink: &mut Sink,
    label: impl Display,
    who: impl Display,
    options: Option<&crate::yaml::Node>,
    engine_allowed: bool,
) {
    let Some(options) = options else { return };
    if let Some(ty) = options.get("type") {
        let value = ty.scalar_text().unwrap_or("");
        let allowed = ALLOWED_TYPES.contains(&value) || (engine_allowed && value == ENGINE_TYPE);
        if !ty.is_null() && !value.is_empty() && !allowed {
            sink.report(
                ty.range,
                format!(
                    "{label}: {who} sets the SELinux type `{value}`, outside the container types"
                ),
            );
        }
    }
    for field in ["user", "role"] {
        let Some(node) = options.get(field) else {
            continue;
        };
        let value = node.scalar_text().unwrap_or("");
        if node.is_null() || value.is_empty() {
            continue;
        }
        sink.report(
            node.range,
            format!("{label}: {who} sets the SELinux {field} `{value}`"),
        );
    }
}
