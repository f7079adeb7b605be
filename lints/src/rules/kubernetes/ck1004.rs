use crate::rules::prelude::*;

crate::declare_rule! {
    /// ## What it does
    /// Checks for containers that add Linux capabilities beyond the
    /// container runtime's default set in `securityContext.capabilities.add`:
    /// anything but `AUDIT_WRITE`, `CHOWN`, `DAC_OVERRIDE`, `FOWNER`,
    /// `FSETID`, `KILL`, `MKNOD`, `NET_BIND_SERVICE`, `SETFCAP`, `SETGID`,
    /// `SETPCAP`, `SETUID` and `SYS_CHROOT`. Init and ephemeral containers
    /// are checked too.
    ///
    /// ## Why is this bad?
    /// Capabilities such as `SYS_ADMIN`, `NET_ADMIN`, `SYS_PTRACE` or
    /// `SYS_MODULE` are most of the way to a privileged container, and
    /// `NET_RAW` (left out of the default set on purpose) allows packet
    /// spoofing on the pod network. The Pod Security Standards allow only the
    /// default set at the Baseline level.
    ///
    /// Names are compared exactly, as Pod Security Admission does: `CAP_`
    /// prefixes and lower-case spellings are not part of the default set and
    /// are reported. Adding default-set capabilities other than
    /// `NET_BIND_SERVICE` is reported by CK1106 at the Restricted level.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: vpn
    /// spec:
    ///   containers:
    ///     - name: vpn
    ///       image: example/vpn:1.0
    ///       securityContext:
    ///         capabilities:
    ///           add: [NET_ADMIN, NET_RAW]
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// apiVersion: v1
    /// kind: Pod
    /// metadata:
    ///   name: vpn
    /// spec:
    ///   containers:
    ///     - name: vpn
    ///       image: example/vpn:1.0
    ///       securityContext:
    ///         capabilities:
    ///           drop: [ALL]
    ///           add: [NET_BIND_SERVICE]
    /// ```
    pub static RULE = Rule {
        code: "CK1004",
        name: "pss-capabilities",
        summary: "A container adds capabilities beyond the default set",
        category: Category::Security,
        severity: Severity::Error,
        profiles: &[Profile::Default, Profile::Baseline, Profile::Restricted, Profile::Cis],
        references: &[
            Reference::new(Source::PodSecurityStandards, "Baseline: Capabilities"),
            Reference::new(Source::CisKubernetes, "5.2.8 (1.12)"),
            Reference::new(Source::CisKubernetes, "5.2.9 (1.12)"),
            Reference::new(Source::Trivy, "KSV-0022"),
            Reference::new(Source::Checkov, "CKV_K8S_25"),
            Reference::new(Source::Polaris, "dangerousCapabilities"),
        ],
        aliases: &["KSV-0022"],
        check: Check::Kubernetes(check),
    };
}

/// The capabilities container runtimes grant by default.
pub const DEFAULT_CAPABILITIES: &[&str] = &[
    "AUDIT_WRITE",
    "CHOWN",
    "DAC_OVERRIDE",
    "FOWNER",
    "FSETID",
    "KILL",
    "MKNOD",
    "NET_BIND_SERVICE",
    "SETFCAP",
    "SETGID",
    "SETPCAP",
    "SETUID",
    "SYS_CHROOT",
];

fn check(ctx: &KubernetesContext, sink: &mut Sink) {
    for object in ctx.objects {
        let Some(pod) = object.pod() else { continue };
        for container in pod.containers() {
            let Some(added) = container
                .security(&["capabilities", "add"])
                .and_then(|n| n.as_sequence())
            else {
                continue;
            };
            for item in added {
                let Some(name) = item.scalar_text() else {
                    continue;
                };
                if DEFAULT_CAPABILITIES.contains(&name) {
                    continue;
                }
                sink.report(
                    item.range,
                    format!(
                        "{}: {} adds the capability `{name}`, which is not in the default set",
                        object.label(),
                        container.describe()
                    ),
                );
            }
        }
    }
}
